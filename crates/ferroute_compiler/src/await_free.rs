//! Async functions that never `await` become plain functions returning a promise, before
//! the async lowering of [`crate::CompileOptions::lower_async`] turns every remaining async
//! function into a generator driven by `babelHelpers.asyncToGenerator`.
//!
//! ```js
//! async function f(a, b) { 'use strict'; S1; return X; }
//! // becomes
//! function f(a, b) {
//!   'use strict';
//!   try { S1; return babelHelpers.asyncValue(X); }
//!   catch (_e) { return babelHelpers.asyncThrow(_e); }
//!   return babelHelpers.asyncValue();
//! }
//! ```
//!
//! The call still returns a promise, fulfilled with the return value (thenables adopted as
//! `Promise.resolve` does) or rejected with what the body threw, and the body still runs
//! synchronously at call time, as an async body does until its first `await`. `this`,
//! `arguments`, `super` and `new.target` are untouched because the body stays in the same
//! function. Per call this saves the generator, the `arguments` object and the wrapper
//! function of the generator lowering.
//!
//! A function is left alone (and lowered as before) when it is a generator, when its own
//! body (not counting nested functions and arrows) has an `await`, a `for await` or an
//! `await using`, when a parameter has a default value or a pattern (evaluating those may
//! throw, which must reject), or when moving its statements into a `try` block would change
//! what they mean (see [`block_safe`]).

use std::collections::HashSet;

use oxc_allocator::{Allocator, ArenaVec, TakeIn as _};
use oxc_ast::{ast::*, builder::AstBuilder};
use oxc_ast_visit::{walk, walk_mut, Visit, VisitMut};
use oxc_semantic::ScopeFlags;
use oxc_span::SPAN;

/// The `babelHelpers` function that wraps a return value: `Promise.resolve(v)`.
const ASYNC_VALUE: &str = "asyncValue";
/// The `babelHelpers` function that wraps what the body threw: `Promise.reject(e)`.
const ASYNC_THROW: &str = "asyncThrow";
/// The catch binding. The catch block only calls `babelHelpers.asyncThrow` with it, so it
/// cannot shadow anything the block uses.
const CAUGHT: &str = "_e";

/// Rewrites every async function and arrow of `program` that never awaits into a plain
/// function (see the module docs). Runs on the parsed program, before semantic analysis,
/// so the scopes of the new nodes are built like those of the user's own.
pub(crate) fn rewrite_await_free_async<'a>(allocator: &'a Allocator, program: &mut Program<'a>) {
    let mut rewriter = Rewriter {
        builder: AstBuilder::new(allocator),
    };
    rewriter.visit_program(program);
}

/// Finds the eligible functions, innermost first, and rewrites them.
struct Rewriter<'a> {
    builder: AstBuilder<'a>,
}

impl<'a> VisitMut<'a> for Rewriter<'a> {
    fn visit_function(&mut self, func: &mut Function<'a>, flags: ScopeFlags) {
        walk_mut::walk_function(self, func, flags);
        if !func.r#async || func.generator || func.declare || !simple_params(&func.params) {
            return;
        }
        let Some(body) = func.body.as_deref_mut() else {
            return;
        };
        if !block_safe(&func.params, body) || has_await(|finder| finder.visit_function_body(body)) {
            return;
        }
        func.r#async = false;
        self.wrap_body(body);
    }

    fn visit_arrow_function_expression(&mut self, arrow: &mut ArrowFunctionExpression<'a>) {
        walk_mut::walk_arrow_function_expression(self, arrow);
        if !arrow.r#async || !simple_params(&arrow.params) {
            return;
        }
        if let Some(expression) = arrow.body.as_expression_mut() {
            if has_await(|finder| finder.visit_expression(expression)) {
                return;
            }
            // `async (a) => X` becomes `(a) => { try { return asyncValue(X) } catch ... }`.
            let value = self.helper_call(ASYNC_VALUE, Some(expression.take_in(&self.builder)));
            let try_block = ArenaVec::from_array_in(
                [Statement::new_return_statement(
                    SPAN,
                    Some(value),
                    &self.builder,
                )],
                &self.builder,
            );
            let try_statement = self.try_catch(try_block);
            arrow.body = ArrowFunctionBody::new_function_body(
                SPAN,
                ArenaVec::new_in(&self.builder),
                ArenaVec::from_array_in([try_statement], &self.builder),
                &self.builder,
            );
        } else if let Some(body) = arrow.body.as_function_body_mut() {
            if !block_safe(&arrow.params, body)
                || has_await(|finder| finder.visit_function_body(body))
            {
                return;
            }
            self.wrap_body(body);
        } else {
            return;
        }
        arrow.r#async = false;
    }
}

impl<'a> Rewriter<'a> {
    /// Moves the statements of `body` (not its directives) into `try { ... } catch (_e) {
    /// return babelHelpers.asyncThrow(_e); }`, wraps every `return` of the function in
    /// `babelHelpers.asyncValue(...)`, and ends the body with `return
    /// babelHelpers.asyncValue();`.
    fn wrap_body(&self, body: &mut FunctionBody<'a>) {
        let mut statements = body.statements.take_in(&self.builder);
        ReturnWrapper { rewriter: self }.visit_statements(&mut statements);
        let try_statement = self.try_catch(statements);
        let fall_through = Statement::new_return_statement(
            SPAN,
            Some(self.helper_call(ASYNC_VALUE, None)),
            &self.builder,
        );
        body.statements = ArenaVec::from_array_in([try_statement, fall_through], &self.builder);
    }

    /// `try { <block> } catch (_e) { return babelHelpers.asyncThrow(_e); }`.
    fn try_catch(&self, block: ArenaVec<'a, Statement<'a>>) -> Statement<'a> {
        let caught = Expression::new_identifier(SPAN, CAUGHT, &self.builder);
        let reject = Statement::new_return_statement(
            SPAN,
            Some(self.helper_call(ASYNC_THROW, Some(caught))),
            &self.builder,
        );
        let param = CatchParameter::new(
            SPAN,
            BindingPattern::new_binding_identifier(SPAN, CAUGHT, &self.builder),
            None,
            &self.builder,
        );
        let handler = CatchClause::boxed(
            SPAN,
            Some(param),
            BlockStatement::boxed(
                SPAN,
                ArenaVec::from_array_in([reject], &self.builder),
                &self.builder,
            ),
            &self.builder,
        );
        Statement::new_try_statement(
            SPAN,
            BlockStatement::boxed(SPAN, block, &self.builder),
            Some(handler),
            None,
            &self.builder,
        )
    }

    /// `babelHelpers.<helper>(<argument>)`.
    fn helper_call(
        &self,
        helper: &'static str,
        argument: Option<Expression<'a>>,
    ) -> Expression<'a> {
        let callee = Expression::new_static_member_expression(
            SPAN,
            Expression::new_identifier(SPAN, "babelHelpers", &self.builder),
            IdentifierName::new(SPAN, helper, &self.builder),
            false,
            &self.builder,
        );
        let mut arguments = ArenaVec::new_in(&self.builder);
        if let Some(argument) = argument {
            arguments.push(Argument::from(argument));
        }
        Expression::new_call_expression(SPAN, callee, None, arguments, false, &self.builder)
    }
}

/// Wraps the argument of every `return` of one function body in `babelHelpers.asyncValue`,
/// skipping nested functions, arrows and classes (their `return`s are their own).
struct ReturnWrapper<'r, 'a> {
    rewriter: &'r Rewriter<'a>,
}

impl<'a> VisitMut<'a> for ReturnWrapper<'_, 'a> {
    fn visit_return_statement(&mut self, statement: &mut ReturnStatement<'a>) {
        let argument = statement.argument.take();
        statement.argument = Some(self.rewriter.helper_call(ASYNC_VALUE, argument));
    }

    // `return` only occurs in statements, and statements inside expressions only in
    // functions and class static blocks (where `return` is not allowed).
    fn visit_expression(&mut self, _: &mut Expression<'a>) {}

    fn visit_function(&mut self, _: &mut Function<'a>, _: ScopeFlags) {}

    fn visit_class(&mut self, _: &mut Class<'a>) {}
}

/// Every parameter is a plain identifier (a rest element of one included): no default
/// values, no destructuring, no decorators or TypeScript parameter properties.
fn simple_params(params: &FormalParameters<'_>) -> bool {
    let plain_items = params.items.iter().all(|param| {
        param.initializer.is_none()
            && param.decorators.is_empty()
            && param.accessibility.is_none()
            && !param.readonly
            && !param.r#override
            && matches!(param.pattern, BindingPattern::BindingIdentifier(_))
    });
    let plain_rest = params.rest.as_ref().is_none_or(|rest| {
        rest.decorators.is_empty()
            && matches!(rest.rest.argument, BindingPattern::BindingIdentifier(_))
    });
    plain_items && plain_rest
}

/// Whether the statements of `body` mean the same inside a `try` block as at the top of
/// the function body. Top-level function declarations become block-scoped there, so a name
/// declared twice, also declared with `var`, or shadowing a parameter (which, in sloppy
/// mode, would no longer update `arguments`) must keep the function as it is; so must a
/// `let`/`const`/`class` redeclaring a parameter or a function, which is an error the
/// block scope would hide, and TypeScript declarations that become runtime code (`enum`,
/// `namespace`, `import x = require()`).
fn block_safe(params: &FormalParameters<'_>, body: &FunctionBody<'_>) -> bool {
    let mut params_and_functions: HashSet<&str> = params
        .items
        .iter()
        .filter_map(|param| param.pattern.get_identifier_name())
        .chain(
            params
                .rest
                .iter()
                .filter_map(|rest| rest.rest.argument.get_identifier_name()),
        )
        .map(|name| name.as_str())
        .collect();
    let mut functions = Vec::new();
    let mut lexical = Vec::new();
    for statement in &body.statements {
        match statement {
            Statement::FunctionDeclaration(func) => {
                let Some(id) = &func.id else { return false };
                functions.push(id.name.as_str());
            }
            Statement::VariableDeclaration(declaration) if declaration.kind.is_lexical() => {
                for declarator in &declaration.declarations {
                    lexical.extend(
                        declarator
                            .id
                            .get_binding_identifiers()
                            .into_iter()
                            .map(|id| id.name.as_str()),
                    );
                }
            }
            Statement::ClassDeclaration(class) => {
                lexical.extend(class.id.as_ref().map(|id| id.name.as_str()));
            }
            Statement::LabeledStatement(labeled) if is_labeled_function(labeled) => return false,
            Statement::TSEnumDeclaration(_)
            | Statement::TSNamespaceDeclaration(_)
            | Statement::TSExternalModuleDeclaration(_)
            | Statement::TSGlobalDeclaration(_)
            | Statement::TSImportEqualsDeclaration(_) => return false,
            _ => {}
        }
    }
    for name in &functions {
        if !params_and_functions.insert(name) {
            return false;
        }
    }
    if lexical
        .iter()
        .any(|name| params_and_functions.contains(name))
    {
        return false;
    }
    if functions.is_empty() {
        return true;
    }
    let mut vars = VarNames::default();
    vars.visit_function_body(body);
    !functions.iter().any(|name| vars.names.contains(name))
}

/// `label: function f() {}` (sloppy mode only), possibly with several labels.
fn is_labeled_function(labeled: &LabeledStatement<'_>) -> bool {
    match &labeled.body {
        Statement::FunctionDeclaration(_) => true,
        Statement::LabeledStatement(inner) => is_labeled_function(inner),
        _ => false,
    }
}

/// The names declared with `var` in one function body, not counting nested functions.
#[derive(Default)]
struct VarNames<'a> {
    names: HashSet<&'a str>,
}

impl<'a> Visit<'a> for VarNames<'a> {
    fn visit_variable_declaration(&mut self, declaration: &VariableDeclaration<'a>) {
        if declaration.kind == VariableDeclarationKind::Var {
            for declarator in &declaration.declarations {
                self.names.extend(
                    declarator
                        .id
                        .get_binding_identifiers()
                        .into_iter()
                        .map(|id| id.name.as_str()),
                );
            }
        }
        walk::walk_variable_declaration(self, declaration);
    }

    fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}

    fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
}

/// Whether what `visit` walks has an `await`, `for await` or `await using` of its own
/// (nested functions and arrows are not searched; computed keys, `extends` clauses and
/// everything else outside them are).
pub(crate) fn has_await(visit: impl FnOnce(&mut AwaitFinder)) -> bool {
    let mut finder = AwaitFinder { found: false };
    visit(&mut finder);
    finder.found
}

/// See [`has_await`].
pub(crate) struct AwaitFinder {
    found: bool,
}

impl<'a> Visit<'a> for AwaitFinder {
    fn visit_await_expression(&mut self, _: &AwaitExpression<'a>) {
        self.found = true;
    }

    fn visit_for_of_statement(&mut self, statement: &ForOfStatement<'a>) {
        self.found |= statement.r#await;
        walk::walk_for_of_statement(self, statement);
    }

    fn visit_variable_declaration(&mut self, declaration: &VariableDeclaration<'a>) {
        self.found |= declaration.kind == VariableDeclarationKind::AwaitUsing;
        walk::walk_variable_declaration(self, declaration);
    }

    fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}

    fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
}
