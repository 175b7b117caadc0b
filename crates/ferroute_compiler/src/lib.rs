//! Turns the user's route files into JavaScript that QuickJS can run, and answers static
//! questions about them, without ever running them.
//!
//! - [`compile`]: TypeScript/TSX/JS/JSX (decided by extension) to an ES module plus a
//!   source map, with async functions optionally lowered to generators ([`CompileOptions`]).
//! - [`analyze_route_exports`]: which HTTP methods a `route.ts` exports and its segment
//!   config (`revalidate`, `dynamic`, ...), read from the syntax tree.
//! - [`ProjectResolver`]: import specifiers to files, the way Next.js resolves them
//!   (extension order, index files, `tsconfig.json` `paths`, `node_modules`).
//! - [`remap_stack`]: QuickJS error stacks back to original file positions.
//!
//! The crate is pure: no engine, no async runtime, and no I/O beyond what the resolver
//! reads from the project directory. Every problem in user input is a [`CompileError`] or a
//! [`ResolveError`] diagnostic with the file, a position and a `help:`; nothing panics.
//!
//! ```
//! use std::path::Path;
//! use ferroute_compiler::{analyze_route_exports, compile, CompileOptions};
//!
//! let path = Path::new("app/api/hello/route.ts");
//! let source = "import type { NextRequest } from 'next/server';\n\
//!               export const revalidate = 60;\n\
//!               export async function GET(req: NextRequest) { return Response.json({ ok: true }); }\n";
//!
//! let module = compile(path, source, &CompileOptions::default()).unwrap();
//! assert!(module.code.contains("export async function GET(req)"));
//! assert!(module.source_map.is_some());
//!
//! let exports = analyze_route_exports(path, source).unwrap();
//! assert_eq!(exports.methods, ["GET"]);
//! assert_eq!(exports.segment_config.revalidate, Some(ferroute_compiler::Revalidate::Seconds(60)));
//! ```

mod await_free;
mod cjs;
mod compile;
mod diagnostic;
mod exports;
#[doc(hidden)]
pub mod fuzz;
mod registry;
mod resolve;
mod segment_config;
mod sourcemap;

#[cfg(test)]
mod tests;

pub use cjs::CjsExports;
pub use compile::{
    compile, compile_file, CompileOptions, CompiledModule, ModuleFormat, SourceKind, ASYNC_HELPERS,
    CJS_WRAPPER_START,
};
pub use diagnostic::{CompileError, SourceDiagnostic};
pub use exports::{analyze_route_exports, RouteExports, HTTP_METHODS};
pub use resolve::{
    ModuleKind, ProjectResolver, ResolveError, ResolveMode, ResolvedModule, RESOLVE_EXTENSIONS,
};
pub use segment_config::{Revalidate, SegmentConfig};
pub use sourcemap::{remap_stack, OriginalLocation, SourceMap};
