//! ES modules as classic scripts, for engines without a module loader (JavaScriptCore's C
//! API): [`crate::ModuleFormat::Registry`]. The module becomes one expression, a *module
//! record*, that a registry written in JavaScript (`ferroute_runtime`'s
//! `js/jsc/00_modules.js`) links and evaluates.
//!
//! ```js
//! import { a, b as c } from './dep';
//! import * as ns from 'pkg';
//! export let n = a;
//! export function inc() { n += c(); }
//! export default ns.x;
//! export { y as "a-b" } from './other';
//! export * from './all';
//! // becomes
//! ({
//!   deps: ["./dep", "pkg", "./other", "./all"],
//!   imports: [[0, "a"], [0, "b"]],
//!   reexports: [["a-b", 2, "y"]],
//!   stars: [3],
//!   factory: function* (__exports, __meta, __import, __d0, __d1, __d2, __d3) {
//!     "use strict";
//!     __exports({ n: () => n, inc: () => inc, default: () => __default });
//!     yield;
//!     let n = __d0.a;
//!     function inc() { n += (0, __d0.b)(); }
//!     const __default = __d1.x;
//!   }
//! })
//! ```
//!
//! - `deps`: the static specifiers (imports, `export … from`, side-effect imports) in source
//!   order, each once. The factory gets their namespaces as `__d0`, `__d1`, … in that order.
//! - `imports`: `[dep, name]` for each named or default import, which the registry checks
//!   at link time ("Could not find export …"). Namespace imports need no check.
//! - `reexports`: `[exported, dep, imported]` for `export { imported as exported } from`,
//!   with `imported` `null` for `export * as exported from`.
//! - `stars`: the deps of `export * from`.
//! - `async: true` when the module awaits at its top level (see below).
//! - `factory`: a generator called with `__exports`, the `import.meta` object, the dynamic
//!   `import()` function, then the dependency namespaces. Its first step calls
//!   `__exports(getters, anonymousDefault?)` with a getter per local export (in source
//!   order; omitted when there is none) and stops at `yield`: at that point function
//!   declarations are hoisted and `let`/`const`/`class` bindings are in their TDZ, so a
//!   getter read too early throws a ReferenceError as ESM does. The second argument is the
//!   function of `export default function () {}`, for the registry to name `default`.
//!   The next step runs the module body. `deps`, `imports`, `reexports` and `stars` are
//!   omitted when empty, except `deps`.
//!
//! A module without top-level `await` has a plain `function*` whose second step runs the
//! whole body synchronously (so `require(esm)` works). With top-level `await`, each of the
//! module's own `await x` becomes `yield x` and the record says `async: true`: the registry
//! resumes the generator with the settled value (or throws the rejection into it), as
//! `await` would, and the body starts synchronously when the registry runs it, as an async
//! module body does (an `async function*` would start it a tick late, behind its own first
//! `yield`). A top-level `for await` or `await using` keeps an `async function*` factory
//! (its awaits unchanged), which the registry detects by the function's prototype; with
//! [`crate::CompileOptions::lower_async`] `for await` is already a loop of `await`s, so only
//! `await using` takes that path. Awaits inside functions are untouched (and lowered by
//! `lower_async` as usual).
//!
//! In the body an imported binding reads through the namespace at each use (`__d0.a`, or
//! `__d0["a-b"]` for a string name), so bindings are live; a call keeps `this` undefined
//! (`(0, __d0.b)()`, also for tagged templates); a namespace import is the namespace
//! itself. `import(x, o)` becomes `__import(x, o)` and `import.meta` `__meta`. `export
//! default <expression>` becomes `const __default = <expression>` (an anonymous function or
//! class is still named `default`: `({ default: <expression> }).default`); an anonymous
//! default class becomes `const __default = ({ default: class {} }).default`.
//!
//! The generated names (`__exports`, `__meta`, `__import`, `__d<i>`, `__default`) get a
//! `_<n>` suffix when the module already uses the name. The module's directives move into
//! the factory after `"use strict"`. The pass runs on the transformed program, just before
//! codegen, so the source map covers the body; the parts it adds map to nothing. Import
//! attributes (`with { type: 'json' }`) are dropped: the registry decides by resolution.
//! Writing an imported binding (`a = 1`, `a++`, `({ a } = o)`) writes the namespace
//! property, which throws a TypeError as ESM does; writing a namespace import (`ns = 1`) is
//! left as is and throws a ReferenceError.

use std::collections::{HashMap, HashSet};

use oxc_allocator::{Allocator, ArenaVec, GetAllocator as _, TakeIn as _};
use oxc_ast::{ast::*, builder::AstBuilder};
use oxc_ast_visit::{walk_mut, Visit as _, VisitMut};
use oxc_parser::Parser;
use oxc_semantic::{Scoping, SemanticBuilder, SymbolId};
use oxc_span::{GetSpan as _, SourceType, Span, SPAN};

use crate::await_free::has_await;

/// What an imported binding stands for: dependency `dep`, export `name` (`None` for a
/// namespace import).
#[derive(Clone)]
struct Binding {
    dep: usize,
    name: Option<String>,
}

/// The names the output introduces, each unused by the module.
struct Names {
    exports: String,
    meta: String,
    import: String,
    default: String,
    deps: Vec<String>,
}

/// What the first pass learns about the module's imports and exports.
#[derive(Default)]
struct ModuleInfo {
    deps: Vec<String>,
    imports: Vec<(usize, String)>,
    reexports: Vec<(String, usize, Option<String>)>,
    stars: Vec<usize>,
    /// `(export name, getter body)`.
    getters: Vec<(String, String)>,
    anonymous_default_function: bool,
    /// The factory's top-level awaits are `yield`s (`async: true` in the record).
    driven: bool,
}

impl ModuleInfo {
    fn dep(&mut self, specifier: &str) -> usize {
        if let Some(index) = self.deps.iter().position(|d| d == specifier) {
            return index;
        }
        self.deps.push(specifier.to_string());
        self.deps.len() - 1
    }
}

/// Rewrites `program` (a transformed ES module) into the module record expression
/// described in the module docs.
pub(crate) fn to_registry<'a>(allocator: &'a Allocator, program: &mut Program<'a>) {
    let scoping = SemanticBuilder::new()
        .build(program)
        .semantic
        .into_scoping();
    let taken: HashSet<&str> = scoping
        .symbol_names()
        .chain(
            scoping
                .root_unresolved_references()
                .keys()
                .map(|k| k.as_str()),
        )
        .collect();
    let fresh = |base: &str| {
        if !taken.contains(base) {
            return base.to_string();
        }
        (1..)
            .map(|n| format!("{base}_{n}"))
            .find(|name| !taken.contains(name.as_str()))
            .unwrap_or_default()
    };

    // Pass 1: the dependencies, in source order, and what each imported binding is.
    let mut info = ModuleInfo::default();
    let mut bindings: HashMap<SymbolId, Binding> = HashMap::new();
    for statement in &program.body {
        match statement {
            Statement::ImportDeclaration(decl) => {
                let dep = info.dep(&decl.source.value);
                for specifier in decl.specifiers.iter().flatten() {
                    let (local, name) = match specifier {
                        ImportDeclarationSpecifier::ImportSpecifier(s) => {
                            (&s.local, Some(s.imported.name().to_string()))
                        }
                        ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                            (&s.local, Some("default".to_string()))
                        }
                        ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => (&s.local, None),
                    };
                    if let Some(name) = &name {
                        info.imports.push((dep, name.clone()));
                    }
                    if let Some(symbol) = local.symbol_id.get() {
                        bindings.insert(symbol, Binding { dep, name });
                    }
                }
            }
            Statement::ExportFromDeclaration(decl) => {
                let dep = info.dep(&decl.source.value);
                for specifier in &decl.specifiers {
                    info.reexports.push((
                        specifier.exported.name().to_string(),
                        dep,
                        Some(specifier.local.name().to_string()),
                    ));
                }
            }
            Statement::ExportAllDeclaration(decl) => {
                let dep = info.dep(&decl.source.value);
                match &decl.exported {
                    Some(exported) => info
                        .reexports
                        .push((exported.name().to_string(), dep, None)),
                    None => info.stars.push(dep),
                }
            }
            _ => {}
        }
    }
    let names = Names {
        exports: fresh("__exports"),
        meta: fresh("__meta"),
        import: fresh("__import"),
        default: fresh("__default"),
        deps: (0..info.deps.len())
            .map(|i| fresh(&format!("__d{i}")))
            .collect(),
    };

    // Pass 2: the body without import/export syntax, and a getter per local export.
    let builder = AstBuilder::new(allocator);
    let mut body = ArenaVec::new_in(&builder);
    for statement in program.body.take_in(&builder) {
        match statement {
            Statement::ImportDeclaration(_)
            | Statement::ExportFromDeclaration(_)
            | Statement::ExportAllDeclaration(_)
            | Statement::TSExportAssignment(_)
            | Statement::TSNamespaceExportDeclaration(_) => {}
            Statement::ExportDeclaration(decl) => {
                let decl = decl.unbox().declaration;
                for name in declared_names(&decl) {
                    info.getters.push((name.clone(), name));
                }
                body.push(Statement::from(decl));
            }
            Statement::ExportNamedDeclaration(decl) => {
                for specifier in &decl.specifiers {
                    let exported = specifier.exported.name().to_string();
                    let local = &specifier.local;
                    let binding = match local {
                        ModuleExportName::IdentifierReference(ident) => {
                            imported(&scoping, &bindings, ident)
                        }
                        _ => None,
                    };
                    match binding {
                        // An imported binding exported again is a re-export (ECMA-262
                        // indirect export), so `export *` sees one binding, not two.
                        Some(binding) => {
                            info.reexports
                                .push((exported, binding.dep, binding.name.clone()));
                        }
                        None => info.getters.push((exported, local.name().to_string())),
                    }
                }
            }
            Statement::ExportDefaultDeclaration(decl) => {
                let span = decl.span;
                let statement =
                    default_statement(&builder, &names, &mut info, decl.unbox().declaration, span);
                body.extend(statement);
            }
            other => body.push(other),
        }
    }

    // Imported bindings, `import()` and `import.meta` in the body.
    let mut rewriter = Rewriter {
        builder: AstBuilder::new(allocator),
        scoping: &scoping,
        bindings: &bindings,
        names: &names,
    };
    rewriter.visit_statements(&mut body);
    let awaits = body
        .iter()
        .any(|statement| has_await(|finder| finder.visit_statement(statement)));
    // Top-level `await x` becomes `yield x` in a plain generator that the registry drives,
    // so the body starts as soon as the registry runs it (an async generator would start it
    // a tick late, after its own `yield` settles). `for await` and `await using` at the top
    // level keep an `async function*`.
    let is_async = awaits && body.iter().any(needs_async_generator);
    if awaits && !is_async {
        AwaitToYield {
            builder: AstBuilder::new(allocator),
        }
        .visit_statements(&mut body);
        info.driven = true;
    }

    let directives = program.directives.take_in(&builder);
    let mut record = parse_record(allocator, &info, &names, is_async);
    if let Some(factory) = factory_body(&mut record) {
        factory.directives.extend(directives);
        factory.statements.extend(body);
    }
    program.body.push(record);
}

/// The names a declaration binds.
fn declared_names(decl: &Declaration<'_>) -> Vec<String> {
    match decl {
        Declaration::VariableDeclaration(var) => var
            .declarations
            .iter()
            .flat_map(|d| d.id.get_binding_identifiers())
            .map(|id| id.name.to_string())
            .collect(),
        Declaration::FunctionDeclaration(func) => {
            func.id.iter().map(|id| id.name.to_string()).collect()
        }
        Declaration::ClassDeclaration(class) => {
            class.id.iter().map(|id| id.name.to_string()).collect()
        }
        _ => Vec::new(),
    }
}

/// The statement that replaces `export default …`, recording the `default` getter.
fn default_statement<'a>(
    builder: &AstBuilder<'a>,
    names: &Names,
    info: &mut ModuleInfo,
    declaration: ExportDefaultDeclarationKind<'a>,
    span: Span,
) -> Option<Statement<'a>> {
    let default_name = builder.allocator().alloc_str(&names.default);
    match declaration {
        ExportDefaultDeclarationKind::FunctionDeclaration(mut func) => {
            let id = func.id.get_or_insert_with(|| {
                info.anonymous_default_function = true;
                BindingIdentifier::new(SPAN, default_name, builder)
            });
            info.getters
                .push(("default".to_string(), id.name.to_string()));
            Some(Statement::FunctionDeclaration(func))
        }
        ExportDefaultDeclarationKind::ClassDeclaration(mut class) if class.id.is_some() => {
            let name = class
                .id
                .as_ref()
                .map(|id| id.name.to_string())
                .unwrap_or_default();
            info.getters.push(("default".to_string(), name));
            class.r#type = ClassType::ClassDeclaration;
            Some(Statement::ClassDeclaration(class))
        }
        ExportDefaultDeclarationKind::ClassDeclaration(mut class) => {
            class.r#type = ClassType::ClassExpression;
            Some(default_const(
                builder,
                names,
                info,
                Expression::ClassExpression(class),
                span,
            ))
        }
        ExportDefaultDeclarationKind::TSInterfaceDeclaration(_) => None,
        other => {
            let expression = other.into_expression();
            Some(default_const(builder, names, info, expression, span))
        }
    }
}

/// `const __default = <expression>;`, an anonymous function or class named `default`.
fn default_const<'a>(
    builder: &AstBuilder<'a>,
    names: &Names,
    info: &mut ModuleInfo,
    expression: Expression<'a>,
    span: Span,
) -> Statement<'a> {
    let default_name = builder.allocator().alloc_str(&names.default);
    info.getters
        .push(("default".to_string(), names.default.clone()));
    let init = if expression.is_anonymous_function_definition() {
        // `({ default: <expression> }).default`: the property definition names it.
        let property = ObjectPropertyKind::new_object_property(
            SPAN,
            PropertyKind::Init,
            PropertyKey::new_static_identifier(SPAN, "default", builder),
            expression,
            false,
            false,
            false,
            builder,
        );
        let object = Expression::new_object_expression(
            SPAN,
            ArenaVec::from_array_in([property], builder),
            builder,
        );
        Expression::new_static_member_expression(
            SPAN,
            Expression::new_parenthesized_expression(SPAN, object, builder),
            IdentifierName::new(SPAN, "default", builder),
            false,
            builder,
        )
    } else {
        expression
    };
    let declarator = VariableDeclarator::new(
        SPAN,
        BindingPattern::new_binding_identifier(SPAN, default_name, builder),
        None,
        Some(init),
        false,
        builder,
    );
    Statement::new_variable_declaration(
        span,
        VariableDeclarationKind::Const,
        ArenaVec::from_array_in([declarator], builder),
        false,
        builder,
    )
}

/// The import `ident` refers to, if it refers to one.
fn imported<'s>(
    scoping: &Scoping,
    bindings: &'s HashMap<SymbolId, Binding>,
    ident: &IdentifierReference<'_>,
) -> Option<&'s Binding> {
    let reference = ident.reference_id.get()?;
    let symbol = scoping.get_reference(reference).symbol_id()?;
    bindings.get(&symbol)
}

/// A JavaScript string literal of `value` (JSON's form is valid JavaScript).
fn string_literal(value: &str) -> String {
    serde_json::Value::String(value.to_string()).to_string()
}

/// Parses the record expression statement, with the factory's prologue only (the caller
/// adds the body with [`factory_body`]). The parsed nodes get empty spans, so the source map
/// gives them no position.
fn parse_record<'a>(
    allocator: &'a Allocator,
    info: &ModuleInfo,
    names: &Names,
    is_async: bool,
) -> Statement<'a> {
    let list = |items: Vec<String>| format!("[{}]", items.join(", "));
    let mut fields = vec![format!(
        "deps: {}",
        list(info.deps.iter().map(|d| string_literal(d)).collect())
    )];
    if !info.imports.is_empty() {
        let items = info
            .imports
            .iter()
            .map(|(dep, name)| format!("[{dep}, {}]", string_literal(name)))
            .collect();
        fields.push(format!("imports: {}", list(items)));
    }
    if !info.reexports.is_empty() {
        let items = info
            .reexports
            .iter()
            .map(|(exported, dep, imported)| {
                let imported = imported
                    .as_deref()
                    .map_or("null".to_string(), string_literal);
                format!("[{}, {dep}, {imported}]", string_literal(exported))
            })
            .collect();
        fields.push(format!("reexports: {}", list(items)));
    }
    if info.driven {
        fields.push("async: true".to_string());
    }
    if !info.stars.is_empty() {
        fields.push(format!(
            "stars: {}",
            list(info.stars.iter().map(ToString::to_string).collect())
        ));
    }
    let mut params = vec![
        names.exports.clone(),
        names.meta.clone(),
        names.import.clone(),
    ];
    params.extend(names.deps.iter().cloned());
    let mut prologue = String::new();
    if !info.getters.is_empty() {
        let getters: Vec<String> = info
            .getters
            .iter()
            .map(|(name, getter)| {
                let key = if name == "__proto__" {
                    // A plain `__proto__:` would set the object's prototype.
                    format!("[{}]", string_literal(name))
                } else if oxc_syntax::identifier::is_identifier_name(name) {
                    name.clone()
                } else {
                    string_literal(name)
                };
                format!("{key}: () => {getter}")
            })
            .collect();
        let extra = if info.anonymous_default_function {
            format!(", {}", names.default)
        } else {
            String::new()
        };
        prologue = format!("{}({{ {} }}{extra});", names.exports, getters.join(", "));
    }
    let text = format!(
        "({{ {}, factory: {}function* ({}) {{ \"use strict\"; {prologue} yield; }} }});",
        fields.join(", "),
        if is_async { "async " } else { "" },
        params.join(", "),
    );
    let text = allocator.alloc_str(&text);
    let mut program = Parser::new(allocator, text, SourceType::cjs())
        .parse()
        .program;
    SpanClearer.visit_program(&mut program);
    program
        .body
        .pop()
        .unwrap_or_else(|| Statement::new_empty_statement(SPAN, &AstBuilder::new(allocator)))
}

/// The body of the factory in the statement [`parse_record`] made.
fn factory_body<'s, 'a>(statement: &'s mut Statement<'a>) -> Option<&'s mut FunctionBody<'a>> {
    let Statement::ExpressionStatement(statement) = statement else {
        return None;
    };
    let Expression::ObjectExpression(object) = statement.expression.without_parentheses_mut()
    else {
        return None;
    };
    let Some(ObjectPropertyKind::ObjectProperty(property)) = object.properties.last_mut() else {
        return None;
    };
    let Expression::FunctionExpression(factory) = &mut property.value else {
        return None;
    };
    factory.body.as_deref_mut()
}

/// Empties the spans of `program`, parsed from text of our own, so the source map gives
/// its nodes no position.
pub(crate) fn clear_spans(program: &mut Program<'_>) {
    SpanClearer.visit_program(program);
}

/// Empties every span it visits.
struct SpanClearer;

impl VisitMut<'_> for SpanClearer {
    fn visit_span(&mut self, span: &mut Span) {
        *span = SPAN;
    }
}

/// Whether a statement has a top-level `for await` or `await using` (nested functions
/// excluded), which only an async generator can run.
fn needs_async_generator(statement: &Statement<'_>) -> bool {
    let mut finder = AsyncOnly { found: false };
    finder.visit_statement(statement);
    finder.found
}

/// See [`needs_async_generator`].
struct AsyncOnly {
    found: bool,
}

impl<'a> oxc_ast_visit::Visit<'a> for AsyncOnly {
    fn visit_for_of_statement(&mut self, statement: &ForOfStatement<'a>) {
        self.found |= statement.r#await;
        oxc_ast_visit::walk::walk_for_of_statement(self, statement);
    }

    fn visit_variable_declaration(&mut self, declaration: &VariableDeclaration<'a>) {
        self.found |= declaration.kind == VariableDeclarationKind::AwaitUsing;
        oxc_ast_visit::walk::walk_variable_declaration(self, declaration);
    }

    fn visit_function(&mut self, _: &Function<'a>, _: oxc_semantic::ScopeFlags) {}

    fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
}

/// Turns the module's own `await x` into `yield x` (nested functions left alone).
struct AwaitToYield<'a> {
    builder: AstBuilder<'a>,
}

impl<'a> VisitMut<'a> for AwaitToYield<'a> {
    fn visit_expression(&mut self, expression: &mut Expression<'a>) {
        walk_mut::walk_expression(self, expression);
        if let Expression::AwaitExpression(await_expression) = expression {
            let span = await_expression.span;
            let argument = await_expression.argument.take_in(&self.builder);
            *expression =
                Expression::new_yield_expression(span, false, Some(argument), &self.builder);
        }
    }

    fn visit_function(&mut self, _: &mut Function<'a>, _: oxc_semantic::ScopeFlags) {}

    fn visit_arrow_function_expression(&mut self, _: &mut ArrowFunctionExpression<'a>) {}
}

/// Rewrites the uses of imported bindings, `import()` and `import.meta` (module docs).
struct Rewriter<'s, 'a> {
    builder: AstBuilder<'a>,
    scoping: &'s Scoping,
    bindings: &'s HashMap<SymbolId, Binding>,
    names: &'s Names,
}

impl<'a> Rewriter<'_, 'a> {
    /// The binding an identifier expression reads, if it is an import.
    fn binding_of(&self, expression: &Expression<'a>) -> Option<Binding> {
        match expression {
            Expression::Identifier(ident) => imported(self.scoping, self.bindings, ident).cloned(),
            _ => None,
        }
    }

    fn name(&self, name: &str) -> &'a str {
        self.builder.allocator().alloc_str(name)
    }

    /// `__d0.name`, `__d0["a-b"]` or `__d0`, at `span`.
    fn binding_expression(&self, binding: &Binding, span: Span) -> Expression<'a> {
        let dep = Expression::new_identifier(
            SPAN,
            self.name(&self.names.deps[binding.dep]),
            &self.builder,
        );
        match &binding.name {
            None => dep,
            Some(name) if oxc_syntax::identifier::is_identifier_name(name) => {
                Expression::new_static_member_expression(
                    span,
                    dep,
                    IdentifierName::new(SPAN, self.name(name), &self.builder),
                    false,
                    &self.builder,
                )
            }
            Some(name) => Expression::new_computed_member_expression(
                span,
                dep,
                Expression::new_string_literal(SPAN, self.name(name), None, &self.builder),
                false,
                &self.builder,
            ),
        }
    }

    /// `(0, __d0.name)` for a callee, so the call's `this` stays undefined.
    fn unbound_callee(&self, callee: &mut Expression<'a>) {
        let Some(binding) = self.binding_of(callee) else {
            return;
        };
        if binding.name.is_none() {
            return;
        }
        let span = callee.span();
        let member = self.binding_expression(&binding, span);
        let zero =
            Expression::new_numeric_literal(SPAN, 0.0, None, NumberBase::Decimal, &self.builder);
        *callee = Expression::new_sequence_expression(
            SPAN,
            ArenaVec::from_array_in([zero, member], &self.builder),
            &self.builder,
        );
    }
}

impl<'a> VisitMut<'a> for Rewriter<'_, 'a> {
    fn visit_expression(&mut self, expression: &mut Expression<'a>) {
        if let Some(binding) = self.binding_of(expression) {
            *expression = self.binding_expression(&binding, expression.span());
            return;
        }
        walk_mut::walk_expression(self, expression);
        match expression {
            Expression::ImportMeta(meta) => {
                *expression = Expression::new_identifier(
                    meta.span,
                    self.name(&self.names.meta),
                    &self.builder,
                );
            }
            Expression::ImportExpression(import) => {
                let span = import.span;
                let mut arguments = ArenaVec::new_in(&self.builder);
                arguments.push(Argument::from(import.source.take_in(&self.builder)));
                if let Some(options) = import.options.take() {
                    arguments.push(Argument::from(options));
                }
                let callee =
                    Expression::new_identifier(SPAN, self.name(&self.names.import), &self.builder);
                *expression = Expression::new_call_expression(
                    span,
                    callee,
                    None,
                    arguments,
                    false,
                    &self.builder,
                );
            }
            _ => {}
        }
    }

    fn visit_call_expression(&mut self, call: &mut CallExpression<'a>) {
        self.unbound_callee(&mut call.callee);
        walk_mut::walk_call_expression(self, call);
    }

    fn visit_tagged_template_expression(&mut self, tagged: &mut TaggedTemplateExpression<'a>) {
        self.unbound_callee(&mut tagged.tag);
        walk_mut::walk_tagged_template_expression(self, tagged);
    }

    fn visit_object_property(&mut self, property: &mut ObjectProperty<'a>) {
        if property.shorthand && self.binding_of(&property.value).is_some() {
            property.shorthand = false;
        }
        walk_mut::walk_object_property(self, property);
    }

    fn visit_assignment_target_property(&mut self, property: &mut AssignmentTargetProperty<'a>) {
        // `({ a } = o)` with `a` imported becomes `({ a: __d0.a } = o)`, which throws as
        // writing an import must (the namespace has getters only).
        if let AssignmentTargetProperty::AssignmentTargetPropertyIdentifier(shorthand) = property {
            if let Some(binding) =
                imported(self.scoping, self.bindings, &shorthand.binding).cloned()
            {
                if binding.name.is_some() {
                    let span = shorthand.span;
                    let name = shorthand.binding.name;
                    let member = self.binding_expression(&binding, shorthand.binding.span);
                    let target = AssignmentTarget::from(member.into_member_expression());
                    let target = match shorthand.init.take() {
                        Some(mut init) => {
                            self.visit_expression(&mut init);
                            AssignmentTargetMaybeDefault::new_assignment_target_with_default(
                                SPAN,
                                target,
                                init,
                                &self.builder,
                            )
                        }
                        None => AssignmentTargetMaybeDefault::from(target),
                    };
                    *property = AssignmentTargetProperty::new_assignment_target_property_property(
                        span,
                        PropertyKey::new_static_identifier(SPAN, name, &self.builder),
                        target,
                        false,
                        &self.builder,
                    );
                    return;
                }
            }
        }
        walk_mut::walk_assignment_target_property(self, property);
    }

    fn visit_simple_assignment_target(&mut self, target: &mut SimpleAssignmentTarget<'a>) {
        if let SimpleAssignmentTarget::AssignmentTargetIdentifier(ident) = target {
            // Writing an import throws (the namespace has getters only); a namespace
            // import is left alone, so writing it throws a ReferenceError.
            if let Some(binding) = imported(self.scoping, self.bindings, ident).cloned() {
                if binding.name.is_some() {
                    let member = self.binding_expression(&binding, ident.span);
                    if member.is_member_expression() {
                        *target = SimpleAssignmentTarget::from(member.into_member_expression());
                    }
                    return;
                }
            }
        }
        walk_mut::walk_simple_assignment_target(self, target);
    }
}
