//! The export names of a CommonJS file, found in its syntax tree without running it, so an
//! ES module can `import { name } from` it. The patterns are the ones Node.js's
//! cjs-module-lexer documents (and the compilers that target it emit):
//!
//! - `exports.a = …`, `module.exports.a = …`, `exports['a'] = …`
//! - `Object.defineProperty(exports, 'a', …)` (also on `module.exports`)
//! - `module.exports = { a, b: …, c() {}, ...require('x') }` (esbuild's `0 && (module.exports
//!   = { … })` annotation is this pattern too)
//! - re-exports: `module.exports = require('x')`, `__exportStar(require('x'), exports)`,
//!   `__export(require('x'))`, and Babel's `Object.keys(_x).forEach(…)` over
//!   `var _x = require('x')`.
//!
//! Unlike the lexer, the whole tree is searched (not only the top level), so names assigned
//! inside a UMD factory or an IIFE are found too: a name listed here that the module does
//! not set at run time is simply `undefined` for the importer.

use std::collections::{BTreeSet, HashMap};

use oxc_ast::ast::{
    Argument, AssignmentExpression, AssignmentTarget, CallExpression, Expression,
    ObjectPropertyKind, Program, VariableDeclarator,
};
use oxc_ast_visit::{walk, Visit};

/// What a CommonJS file exports, as far as its syntax tells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CjsExports {
    /// Names assigned on `exports` / `module.exports` (without `__esModule` and `default`).
    pub names: BTreeSet<String>,
    /// Specifiers whose exports this module re-exports (`module.exports = require('x')`).
    pub reexports: Vec<String>,
    /// The module marks itself as transpiled ESM (`exports.__esModule = true`).
    pub es_module: bool,
}

/// Finds the export names of a CommonJS program.
pub(crate) fn cjs_exports(program: &Program<'_>) -> CjsExports {
    let mut finder = Finder::default();
    finder.visit_program(program);
    for var in finder.keys_foreach {
        if let Some(spec) = finder.required_vars.get(&var) {
            finder.out.reexports.push(spec.clone());
        }
    }
    let mut out = finder.out;
    out.es_module = out.names.remove("__esModule");
    out.names.remove("default");
    out.reexports.dedup();
    out
}

#[derive(Default)]
struct Finder {
    out: CjsExports,
    /// `var _x = require('x')`: `_x` → `x`.
    required_vars: HashMap<String, String>,
    /// Variables passed to `Object.keys(_x).forEach(...)`.
    keys_foreach: Vec<String>,
}

/// `exports` or `module.exports`.
fn is_exports(expr: &Expression<'_>) -> bool {
    match expr.without_parentheses() {
        Expression::Identifier(id) => id.name == "exports",
        e => e
            .as_member_expression()
            .is_some_and(|m| m.is_specific_member_access("module", "exports")),
    }
}

/// The specifier of `require('x')`.
fn require_specifier<'a>(expr: &Expression<'a>) -> Option<&'a str> {
    match expr.without_parentheses() {
        Expression::CallExpression(call) if call.is_require_call() => {
            match call.arguments.first() {
                Some(Argument::StringLiteral(s)) => Some(s.value.as_str()),
                _ => None,
            }
        }
        _ => None,
    }
}

fn argument_expression<'b, 'a>(arg: Option<&'b Argument<'a>>) -> Option<&'b Expression<'a>> {
    arg.and_then(Argument::as_expression)
}

impl Finder {
    fn object_literal(&mut self, expr: &Expression<'_>) {
        let Expression::ObjectExpression(obj) = expr.without_parentheses() else {
            return;
        };
        for prop in &obj.properties {
            match prop {
                ObjectPropertyKind::ObjectProperty(p) => {
                    if let Some(name) = p.key.static_name() {
                        self.out.names.insert(name.into_owned());
                    }
                }
                ObjectPropertyKind::SpreadProperty(s) => {
                    if let Some(spec) = require_specifier(&s.argument) {
                        self.out.reexports.push(spec.to_owned());
                    }
                }
            }
        }
    }
}

impl<'a> Visit<'a> for Finder {
    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        if let Some(member) = it.left.as_member_expression() {
            if is_exports(member.object()) {
                if let Some(name) = member.static_property_name() {
                    self.out.names.insert(name.to_owned());
                }
            } else if member.is_specific_member_access("module", "exports") {
                // `module.exports = …`
                if let Some(spec) = require_specifier(&it.right) {
                    self.out.reexports.push(spec.to_owned());
                } else {
                    self.object_literal(&it.right);
                }
            }
        }
        if let AssignmentTarget::AssignmentTargetIdentifier(id) = &it.left {
            if let Some(spec) = require_specifier(&it.right) {
                self.required_vars
                    .insert(id.name.to_string(), spec.to_owned());
            }
        }
        walk::walk_assignment_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let (Some(name), Some(init)) = (it.id.get_identifier_name(), &it.init) {
            let init = match init.without_parentheses() {
                // `var _x = _interopRequireWildcard(require('x'))`
                Expression::CallExpression(call) if !call.is_require_call() => {
                    argument_expression(call.arguments.first()).unwrap_or(init)
                }
                e => e,
            };
            if let Some(spec) = require_specifier(init) {
                self.required_vars.insert(name.to_string(), spec.to_owned());
            }
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let callee = it.callee.without_parentheses();
        let first = argument_expression(it.arguments.first());
        let second = argument_expression(it.arguments.get(1));
        if let Some(member) = callee.as_member_expression() {
            // Object.defineProperty(exports, 'name', …)
            if member.is_specific_member_access("Object", "defineProperty")
                && first.is_some_and(is_exports)
            {
                if let Some(Expression::StringLiteral(s)) = second.map(|e| e.without_parentheses())
                {
                    self.out.names.insert(s.value.to_string());
                }
            }
            // Object.keys(_x).forEach(...)
            if member.static_property_name() == Some("forEach") {
                if let Expression::CallExpression(inner) = member.object().without_parentheses() {
                    let keys = inner
                        .callee
                        .as_member_expression()
                        .is_some_and(|m| m.is_specific_member_access("Object", "keys"));
                    if keys {
                        if let Some(Expression::Identifier(id)) =
                            argument_expression(inner.arguments.first())
                                .map(|e| e.without_parentheses())
                        {
                            self.keys_foreach.push(id.name.to_string());
                        }
                    }
                }
            }
        }
        // __exportStar(require('x'), exports), tslib.__exportStar(...), __export(require('x'))
        let callee_name = match callee {
            Expression::Identifier(id) => Some(id.name.as_str()),
            e => e
                .as_member_expression()
                .and_then(|m| m.static_property_name()),
        };
        if matches!(
            callee_name,
            Some("__exportStar" | "__export" | "_exportStar")
        ) {
            if let Some(spec) = first.and_then(require_specifier) {
                self.out.reexports.push(spec.to_owned());
            } else if let Some(Expression::Identifier(id)) = first.map(|e| e.without_parentheses())
            {
                self.keys_foreach.push(id.name.to_string());
            }
        }
        walk::walk_call_expression(self, it);
    }
}
