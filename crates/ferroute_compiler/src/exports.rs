//! What a route module exports, read from its syntax tree without running it: the HTTP
//! method handlers (`export async function GET`, `export { handler as POST }`,
//! `export const { GET, POST } = handlers`, ...), `export *` and `export default` (which
//! Next.js ignores or rejects in route files), lowercase method names (a common mistake
//! Next.js warns about), and the route segment config.

use std::{collections::HashMap, path::Path};

use oxc_allocator::Allocator;
use oxc_ast::ast::{BindingPattern, Declaration, ExportDefaultDeclarationKind, Statement};
use oxc_parser::Parser;
use oxc_span::GetSpan as _;

use crate::{
    compile::{source_type, syntax_error},
    diagnostic::{CompileError, SourceErrors},
    segment_config::{self, ConfigValue, SegmentConfig, SEGMENT_KEYS},
};

/// The HTTP methods a route handler can export, in Next.js's order.
pub const HTTP_METHODS: [&str; 7] = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];

/// The exports of a route module that matter for routing and caching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RouteExports {
    /// Exported handlers, a subset of [`HTTP_METHODS`] in that order.
    pub methods: Vec<String>,
    /// The module has `export * from '...'`: more methods may come from there, which only
    /// running the module reveals.
    pub has_export_star: bool,
    /// The module has a runtime `export default` (not used by route handlers).
    pub has_default: bool,
    /// Methods exported in lowercase (`get`, `post`, ...), in [`HTTP_METHODS`] order;
    /// Next.js does not call them.
    pub lowercase_methods: Vec<String>,
    /// `revalidate`, `dynamic`, ... as exported.
    pub segment_config: SegmentConfig,
    /// The module exports `generateSitemaps` (a `sitemap.ts` split into several sitemaps).
    pub has_generate_sitemaps: bool,
    /// The module exports `generateImageMetadata` (an `icon.tsx`, `opengraph-image.tsx`, …
    /// serving several images).
    pub has_generate_image_metadata: bool,
}

/// Reads the exports of a route module (`route.ts`, `route.js`, ...) without running it.
///
/// Type-only exports (`export type`, `export { type X }`, `declare`, overload signatures)
/// are not runtime exports and are ignored.
///
/// # Errors
/// [`CompileError::Syntax`] if the file does not parse, [`CompileError::SegmentConfig`]
/// (with every bad value) if a segment config export is not a literal Next.js can read
/// or not an allowed value, [`CompileError::UnsupportedExtension`].
pub fn analyze_route_exports(path: &Path, source: &str) -> Result<RouteExports, CompileError> {
    CompileError::catch_panic(path, || analyze(path, source))
}

fn analyze(path: &Path, source: &str) -> Result<RouteExports, CompileError> {
    let source_type = source_type(path)?;
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, source_type).parse();
    let errors: Vec<_> = parsed.diagnostics.errors().cloned().collect();
    if parsed.panicked || !errors.is_empty() {
        return Err(syntax_error(path, source, source_type, &errors));
    }
    let body = &parsed.program.body;

    // Top-level bindings, for `export { local as name }`.
    let mut locals = HashMap::new();
    for statement in body {
        let declaration = match statement {
            Statement::ExportDeclaration(export) => &export.declaration,
            _ => match statement.as_declaration() {
                Some(declaration) => declaration,
                None => continue,
            },
        };
        for (name, value) in declared_bindings(declaration) {
            locals.insert(name, value);
        }
    }

    let mut exports = RouteExports::default();
    let mut exported: Vec<(&str, ConfigValue<'_, '_>)> = Vec::new();
    for statement in body {
        match statement {
            Statement::ExportDeclaration(export) => {
                exported.extend(declared_bindings(&export.declaration));
            }
            Statement::ExportNamedDeclaration(export) if !export.export_kind.is_type() => {
                for specifier in export
                    .specifiers
                    .iter()
                    .filter(|s| !s.export_kind.is_type())
                {
                    let local = specifier.local.name();
                    // Not declared here: an imported binding, i.e. a re-export.
                    let value = locals
                        .get(local.as_str())
                        .copied()
                        .unwrap_or(ConfigValue::ReExport(specifier.span));
                    exported.push((specifier.exported.name().as_str(), value));
                }
            }
            Statement::ExportFromDeclaration(export) if !export.export_kind.is_type() => {
                for specifier in export
                    .specifiers
                    .iter()
                    .filter(|s| !s.export_kind.is_type())
                {
                    let value = ConfigValue::ReExport(specifier.span);
                    exported.push((specifier.exported.name().as_str(), value));
                }
            }
            Statement::ExportAllDeclaration(export) if !export.export_kind.is_type() => {
                match &export.exported {
                    Some(name) => {
                        exported.push((name.name().as_str(), ConfigValue::ReExport(export.span)))
                    }
                    None => exports.has_export_star = true,
                }
            }
            Statement::ExportDefaultDeclaration(export) => {
                exports.has_default |= !matches!(
                    export.declaration,
                    ExportDefaultDeclarationKind::TSInterfaceDeclaration(_)
                );
            }
            _ => {}
        }
    }

    let is_exported = |name: &str| exported.iter().any(|(n, _)| *n == name);
    for method in HTTP_METHODS {
        if is_exported(method) {
            exports.methods.push(method.to_string());
        }
        let lowercase = method.to_ascii_lowercase();
        if is_exported(&lowercase) {
            exports.lowercase_methods.push(lowercase);
        }
    }

    exports.has_generate_sitemaps = is_exported("generateSitemaps");
    exports.has_generate_image_metadata = is_exported("generateImageMetadata");
    let config = &mut exports.segment_config;
    config.has_generate_static_params = is_exported("generateStaticParams");
    let mut problems = Vec::new();
    for (name, value) in &exported {
        if SEGMENT_KEYS.contains(name) {
            if let Err(problem) = segment_config::apply(config, source, name, *value) {
                problems.push(problem);
            }
        }
    }
    let mut problems = problems.into_iter();
    if let Some(first) = problems.next() {
        let code = "ferroute::compile::segment_config";
        let errors = SourceErrors::new(code, path, source, first, problems.collect());
        return Err(CompileError::SegmentConfig(Box::new(errors)));
    }
    Ok(exports)
}

/// The runtime bindings a declaration creates, with where their value comes from.
fn declared_bindings<'s, 'a>(
    declaration: &'s Declaration<'a>,
) -> Vec<(&'s str, ConfigValue<'s, 'a>)> {
    let mut bindings = Vec::new();
    match declaration {
        Declaration::VariableDeclaration(variables) if !variables.declare => {
            for declarator in &variables.declarations {
                if let BindingPattern::BindingIdentifier(id) = &declarator.id {
                    let value = ConfigValue::Init {
                        init: declarator.init.as_ref(),
                        span: declarator.span,
                    };
                    bindings.push((id.name.as_str(), value));
                } else {
                    for id in declarator.id.get_binding_identifiers() {
                        bindings.push((id.name.as_str(), ConfigValue::NotLiteral(id.span)));
                    }
                }
            }
        }
        Declaration::FunctionDeclaration(function) if !function.is_typescript_syntax() => {
            if let Some(id) = &function.id {
                bindings.push((id.name.as_str(), ConfigValue::NotLiteral(function.span())));
            }
        }
        Declaration::ClassDeclaration(class) if !class.declare => {
            if let Some(id) = &class.id {
                bindings.push((id.name.as_str(), ConfigValue::NotLiteral(class.span())));
            }
        }
        Declaration::TSEnumDeclaration(enumeration) if !enumeration.declare => {
            let id = &enumeration.id;
            bindings.push((
                id.name.as_str(),
                ConfigValue::NotLiteral(enumeration.span()),
            ));
        }
        _ => {}
    }
    bindings
}
