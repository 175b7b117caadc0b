//! Rendered diagnostics, exactly as the CLI prints them (miette's unicode theme, no color).

use std::path::Path;

use super::{compile_err, render, TempDir};
use crate::{analyze_route_exports, compile_file, CompileError, CompileOptions, ProjectResolver};

#[track_caller]
fn assert_renders(diagnostic: &dyn miette::Diagnostic, expected: &str) {
    let rendered = render(diagnostic);
    assert_eq!(
        rendered.trim_end(),
        expected.trim_end(),
        "\n--- rendered ---\n{rendered}"
    );
}

#[track_caller]
fn segment_config_error(src: &str) -> CompileError {
    analyze_route_exports(Path::new("app/api/route.ts"), src).expect_err("a segment config error")
}

#[test]
fn syntax_error() {
    let error = compile_err(
        "app/api/route.ts",
        "export function GET(: Request) {\n  return new Response('ok');\n}\n",
    );
    assert_renders(
        &error,
        r#"ferroute::compile::syntax

  × Unexpected token
   ╭─[app/api/route.ts:1:21]
 1 │ export function GET(: Request) {
   ·                     ─
 2 │   return new Response('ok');
   ╰────
  help: ferroute parses .ts files as TypeScript without JSX; fix the code at the marked position"#,
    );
}

#[test]
fn every_syntax_error_is_shown() {
    let error = compile_err(
        "app/api/route.ts",
        "let id = 1;\nlet id = 2;\nconst a = 1;\nvar a = 2;\n",
    );
    assert_renders(
        &error,
        r#"ferroute::compile::syntax

  × Identifier `id` has already been declared
   ╭─[app/api/route.ts:1:5]
 1 │ let id = 1;
   ·     ─┬
   ·      ╰── `id` has already been declared here
 2 │ let id = 2;
   ·     ─┬
   ·      ╰── It can not be redeclared here
 3 │ const a = 1;
   ╰────
  help: ferroute parses .ts files as TypeScript without JSX; fix the code at the marked position

Error: ferroute::compile::syntax

  × Identifier `a` has already been declared
   ╭─[app/api/route.ts:3:7]
 2 │ let id = 2;
 3 │ const a = 1;
   ·       ┬
   ·       ╰── `a` has already been declared here
 4 │ var a = 2;
   ·     ┬
   ·     ╰── It can not be redeclared here
   ╰────
  help: ferroute parses .ts files as TypeScript without JSX; fix the code at the marked position"#,
    );
}

#[test]
fn jsx_in_a_ts_file_explains_the_language() {
    let error = compile_err("app/api/route.ts", "export const el = <div/>;\n");
    assert_renders(
        &error,
        r#"ferroute::compile::syntax

  × Expected `>` but found `/`
   ╭─[app/api/route.ts:1:23]
 1 │ export const el = <div/>;
   ·                       ┬
   ·                       ╰── `>` expected
   ╰────
  help: ferroute parses .ts files as TypeScript without JSX; fix the code at the marked position"#,
    );
}

#[test]
fn with_root_shows_project_relative_paths() {
    let error = compile_err("/srv/shop/app/route.ts", "export const = 1;\n")
        .with_root(Path::new("/srv/shop"));
    assert_eq!(error.path(), Path::new("/srv/shop/app/route.ts"));
    assert_renders(
        &error,
        r#"ferroute::compile::syntax

  × Unexpected token
   ╭─[app/route.ts:1:14]
 1 │ export const = 1;
   ·              ─
   ╰────
  help: ferroute parses .ts files as TypeScript without JSX; fix the code at the marked position"#,
    );
}

#[test]
fn misspelled_dynamic_value() {
    let error =
        segment_config_error("export const dynamic = 'forse-static';\nexport function GET() {}\n");
    assert_renders(
        &error,
        r#"ferroute::compile::segment_config

  × invalid segment config `dynamic`: 'forse-static'
   ╭─[app/api/route.ts:1:24]
 1 │ export const dynamic = 'forse-static';
   ·                        ───────┬──────
   ·                               ╰── not an allowed value
 2 │ export function GET() {}
   ╰────
  help: allowed: 'auto', 'force-dynamic', 'error', 'force-static' (did you mean 'force-static'?)"#,
    );
}

#[test]
fn computed_revalidate() {
    let error =
        segment_config_error("// cache for ten minutes\nexport const revalidate = 60 * 10;\n");
    assert_renders(
        &error,
        r#"ferroute::compile::segment_config

  × segment config `revalidate` must be a literal Next.js can read without running the module
   ╭─[app/api/route.ts:2:27]
 1 │ // cache for ten minutes
 2 │ export const revalidate = 60 * 10;
   ·                           ───┬───
   ·                              ╰── computed at runtime
   ╰────
  help: write the value itself, e.g. `export const revalidate = 600`; allowed: false, 0, or a
        whole number of seconds (e.g. 60)"#,
    );
}

#[test]
fn several_segment_config_errors() {
    let error =
        segment_config_error("export const revalidate = -1;\nexport const runtime = 'bun';\n");
    assert_renders(
        &error,
        r#"ferroute::compile::segment_config

  × invalid segment config `revalidate`: -1
   ╭─[app/api/route.ts:1:27]
 1 │ export const revalidate = -1;
   ·                           ─┬
   ·                            ╰── not an allowed value
 2 │ export const runtime = 'bun';
   ╰────
  help: allowed: false, 0, or a whole number of seconds (e.g. 60)

Error: ferroute::compile::segment_config

  × invalid segment config `runtime`: 'bun'
   ╭─[app/api/route.ts:2:24]
 1 │ export const revalidate = -1;
 2 │ export const runtime = 'bun';
   ·                        ──┬──
   ·                          ╰── not an allowed value
   ╰────
  help: allowed: 'nodejs', 'edge', 'experimental-edge'"#,
    );
}

#[test]
fn unreadable_file() {
    let project = TempDir::new("unreadable");
    let path = project.path().join("missing.ts");
    let error = compile_file(&path, &CompileOptions::default()).expect_err("missing file");
    let rendered = render(&error).replace(&project.path().display().to_string(), "<tmp>");
    assert_eq!(
        rendered.trim_end(),
        r#"ferroute::compile::read

  × cannot read <tmp>/missing.ts
  ╰─▶ No such file or directory (os error 2)
  help: check that the file exists and that ferroute may read it"#
    );
}

#[test]
fn unresolved_alias() {
    let project = TempDir::new("diag-alias").with_files(&[
        (
            "tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
        ),
        ("app/api/route.ts", ""),
    ]);
    let resolver = ProjectResolver::new(project.path());
    let error = resolver
        .resolve(&project.path().join("app/api/route.ts"), "@/lib/db")
        .expect_err("missing");
    assert_renders(
        &error,
        r#"ferroute::resolve::not_found

  × cannot find module '@/lib/db' imported from app/api/route.ts
  help: '@/' is a path alias: check `compilerOptions.paths` in tsconfig.json (create-next-app sets
        "@/*": ["./*"], or ["./src/*"] with a src/ folder) and that the target file exists"#,
    );
}

#[test]
fn a_panic_inside_oxc_becomes_an_internal_error() {
    let error =
        CompileError::catch_panic(Path::new("app/route.ts"), || -> Result<(), CompileError> {
            panic!("oxc assertion failed")
        })
        .expect_err("the panic is caught");
    assert_renders(
        &error,
        r#"ferroute::compile::internal

  × internal compiler error on app/route.ts: oxc assertion failed
  help: this is a bug in ferroute or oxc, not in your code; please report it with the file"#,
    );
}
