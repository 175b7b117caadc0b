//! `compile`: TypeScript stripping, JSX, JSON, CommonJS, and async lowering.

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_span::SourceType;

use super::{compile_err, compile_ok, test, test_same, test_with};
use crate::{compile, CompileError, CompileOptions, ASYNC_HELPERS};

const LOWER: CompileOptions = CompileOptions {
    lower_async: true,
    kind: crate::SourceKind::Esm,
    module_format: crate::ModuleFormat::Esm,
};

#[test]
fn plain_javascript_is_unchanged() {
    test_same("export async function GET(request) {\n  return Response.json({ ok: true });\n}");
}

#[test]
fn type_annotations_are_stripped() {
    test(
        "export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {\n\
         \x20 const { id }: { id: string } = await params;\n\
         \x20 let n: number | undefined;\n\
         \x20 return Response.json({ id, n });\n\
         }",
        "export async function GET(req, { params }) {\n\
         \x20 const { id } = await params;\n\
         \x20 let n;\n\
         \x20 return Response.json({\n\
         \x20   id,\n\
         \x20   n\n\
         \x20 });\n\
         }",
    );
}

#[test]
fn interfaces_type_aliases_and_declare_are_removed() {
    test(
        "interface Body { name: string }\ntype Id = string;\ndeclare const process: any;\ndeclare function f(): void;\nexport const x = 1;",
        "export const x = 1;",
    );
}

#[test]
fn as_satisfies_and_non_null_are_dropped() {
    test(
        "const a = (b as any).c!;\nexport const config = { a } satisfies object;\nconst d = <number>a;",
        "const a = b.c;\nexport const config = { a };\nconst d = a;",
    );
}

#[test]
fn import_type_is_removed() {
    test(
        "import type { NextRequest } from 'next/server';\nimport { type Foo, bar } from './bar';\nexport const x = bar;",
        "import { bar } from \"./bar\";\nexport const x = bar;",
    );
}

#[test]
fn imports_used_only_as_types_are_elided() {
    test(
        "import { NextRequest, NextResponse } from 'next/server';\n\
         export function GET(req: NextRequest) { return NextResponse.json({}); }",
        "import { NextResponse } from \"next/server\";\n\
         export function GET(req) {\n\
         \x20 return NextResponse.json({});\n\
         }",
    );
}

#[test]
fn unused_imports_are_elided_but_side_effect_imports_stay() {
    test(
        "import { unused } from './a';\nimport './polyfill';\nexport const x = 1;",
        "import \"./polyfill\";\nexport const x = 1;",
    );
}

#[test]
fn export_type_is_removed() {
    test(
        "export type { A } from './a';\nexport interface B {}\nexport { type C, d } from './c';",
        "export { d } from \"./c\";",
    );
}

#[test]
fn enums_become_iifes() {
    test(
        "export enum Color { Red, Green = 'g' }",
        "export let Color = /* @__PURE__ */ function(Color) {\n\
         \x20 Color[Color[\"Red\"] = 0] = \"Red\";\n\
         \x20 Color[\"Green\"] = \"g\";\n\
         \x20 return Color;\n\
         }({});",
    );
}

#[test]
fn enum_members_referencing_other_members_are_evaluated() {
    test(
        "enum Flag { A = 1, B = A << 1, C = A | B }\nexport const all = Flag.C;",
        "var Flag = /* @__PURE__ */ function(Flag) {\n\
         \x20 Flag[Flag[\"A\"] = 1] = \"A\";\n\
         \x20 Flag[Flag[\"B\"] = 2] = \"B\";\n\
         \x20 Flag[Flag[\"C\"] = 3] = \"C\";\n\
         \x20 return Flag;\n\
         }(Flag || {});\n\
         export const all = Flag.C;",
    );
}

#[test]
fn namespaces_become_iifes() {
    test(
        "namespace NS { export const x = 1; }\nexport const y = NS.x;",
        "let NS;\n\
         (function(_NS) {\n\
         \x20 const x = _NS.x = 1;\n\
         })(NS || (NS = {}));\n\
         export const y = NS.x;",
    );
}

#[test]
fn parameter_properties_become_assignments() {
    test(
        "class Store { constructor(private readonly db: string, public ttl = 60) {} }",
        "class Store {\n\
         \x20 db;\n\
         \x20 ttl;\n\
         \x20 constructor(db, ttl = 60) {\n\
         \x20   this.db = db;\n\
         \x20   this.ttl = ttl;\n\
         \x20 }\n\
         }",
    );
}

#[test]
fn generics_and_overloads_are_removed() {
    test(
        "function id<T>(x: T): T;\nfunction id(x: any) { return x; }\nexport const v = id<number>(1);",
        "function id(x) {\n  return x;\n}\nexport const v = id(1);",
    );
}

#[test]
fn tsx_uses_reacts_automatic_jsx_runtime() {
    // Next compiles the app directory with React's automatic runtime: no React in scope.
    test_with(
        Path::new("app/route.tsx"),
        "import React from 'react';\nexport const el = <div className=\"x\">{1}</div>;",
        CompileOptions::default(),
        "import React from \"react\";\n\
         import { jsx as _jsx } from \"react/jsx-runtime\";\n\
         export const el = /* @__PURE__ */ _jsx(\"div\", {\n  className: \"x\",\n  children: 1\n});",
    );
}

#[test]
fn ts_files_do_not_accept_jsx() {
    let error = compile_err("app/route.ts", "export const el = <div/>;");
    assert!(matches!(error, CompileError::Syntax(_)), "{error:?}");
}

#[test]
fn json_becomes_a_default_export() {
    test_with(
        Path::new("data.json"),
        "\u{feff}{ \"__proto__\": [1, 2] }",
        CompileOptions::default(),
        r#"export default JSON.parse("{ \"__proto__\": [1, 2] }");"#,
    );
}

#[test]
fn invalid_json_is_a_syntax_error() {
    let error = compile_err("data.json", "{ \"a\": 1, }");
    let CompileError::Syntax(errors) = &error else {
        panic!("{error:?}")
    };
    let messages: Vec<_> = errors
        .diagnostics()
        .map(|d| (d.message(), d.line_column()))
        .collect();
    assert_eq!(
        messages,
        [("invalid JSON: trailing comma at line 1 column 11", (1, 11))]
    );
}

#[test]
fn commonjs_stays_commonjs() {
    let module = compile(
        Path::new("lib/x.cjs"),
        "const a = require('a');\nmodule.exports = { a };",
        &CompileOptions::default(),
    )
    .expect("compiles");
    // Wrapped on the first line, so line numbers stay the input's.
    assert_eq!(
        module.code.trim(),
        "(function (exports, require, module, __filename, __dirname) {const a = require(\"a\");\nmodule.exports = { a };\n\n})"
    );
    assert!(!module.has_module_syntax);
    let cjs = module.commonjs.expect("CommonJS exports");
    assert_eq!(cjs.names.into_iter().collect::<Vec<_>>(), ["a"]);
    assert!(!cjs.es_module);
}

#[test]
fn has_module_syntax_reflects_import_and_export() {
    let esm = compile(
        Path::new("a.js"),
        "export const a = 1;",
        &CompileOptions::default(),
    )
    .expect("compiles");
    let script = compile(
        Path::new("a.js"),
        "module.exports = 1;",
        &CompileOptions::default(),
    )
    .expect("compiles");
    assert!(esm.has_module_syntax);
    assert!(!script.has_module_syntax);
}

#[test]
fn unknown_extension_is_an_error() {
    let error = compile_err("app/route.txt", "export {}");
    assert!(
        matches!(error, CompileError::UnsupportedExtension { .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "cannot compile app/route.txt: unknown file extension"
    );
}

#[test]
fn top_level_await_is_kept_without_lowering() {
    test(
        "const data = await fetch('x');\nexport const v: number = 1;",
        "const data = await fetch(\"x\");\nexport const v = 1;",
    );
}

#[test]
fn lower_async_uses_external_helpers() {
    test_with(
        Path::new("app/route.ts"),
        "export async function GET(req: Request) {\n  const body = await req.json();\n  return Response.json(body);\n}",
        LOWER,
        "export function GET(_x) {\n\
         \x20 return _GET.apply(this, arguments);\n\
         }\n\
         function _GET() {\n\
         \x20 _GET = babelHelpers.asyncToGenerator(function* (req) {\n\
         \x20   const body = yield req.json();\n\
         \x20   return Response.json(body);\n\
         \x20 });\n\
         \x20 return _GET.apply(this, arguments);\n\
         }",
    );
}

#[test]
fn lower_async_arrow_functions_and_methods() {
    let code = compile_ok(
        Path::new("app/route.ts"),
        "export const POST = async (req: Request) => Response.json(await req.json());\n\
         class Db { async get(id: string) { return await fetch(id); } }",
        LOWER,
    );
    assert!(
        !code.contains("async ") && !code.contains("await"),
        "{code}"
    );
    assert_eq!(
        code.matches("babelHelpers.asyncToGenerator(function* ")
            .count(),
        2,
        "{code}"
    );
    assert_parses_as_module(&code);
}

#[test]
fn lower_async_keeps_top_level_await() {
    let code = compile_ok(
        Path::new("app/route.ts"),
        "const config = await import('./config');\nexport async function GET() { return Response.json(await config.load()); }",
        LOWER,
    );
    assert!(
        code.starts_with("const config = await import(\"./config\");"),
        "{code}"
    );
    assert!(code.contains("babelHelpers.asyncToGenerator(function* () {\n    return Response.json(yield config.load());"), "{code}");
    assert_parses_as_module(&code);
}

#[test]
fn lower_async_generators_and_for_await_use_only_listed_helpers() {
    let code = compile_ok(
        Path::new("app/route.ts"),
        "async function* chunks(stream: AsyncIterable<string>) {\n\
         \x20 for await (const chunk of stream) yield chunk.toUpperCase();\n\
         \x20 yield* more();\n\
         \x20 await sleep(1);\n\
         }\n\
         for await (const x of chunks(source)) console.log(x);\n\
         export async function GET() { for await (const c of chunks(s)) {} return new Response(); }",
        LOWER,
    );
    let mut used: Vec<&str> = code
        .split("babelHelpers.")
        .skip(1)
        .map(|rest| rest.split('(').next().unwrap_or_default())
        .collect();
    used.sort_unstable();
    used.dedup();
    assert_eq!(
        used,
        [
            "asyncGeneratorDelegate",
            "asyncIterator",
            "asyncToGenerator",
            "awaitAsyncGenerator",
            "wrapAsyncGenerator"
        ]
    );
    for helper in &used {
        assert!(
            ASYNC_HELPERS.contains(helper),
            "{helper} is missing from ASYNC_HELPERS"
        );
    }
    assert!(!code.contains("async "), "{code}");
    assert_parses_as_module(&code);
}

#[test]
fn source_map_names_the_input_and_embeds_it() {
    let source = "export const a: number = 1;\n";
    let module = compile(
        Path::new("app/x/route.ts"),
        source,
        &CompileOptions::default(),
    )
    .expect("compiles");
    let map = module.source_map.expect("a source map");
    let json: serde_json::Value = serde_json::from_str(&map.to_json_string()).expect("valid JSON");
    assert_eq!(json["sources"], serde_json::json!(["app/x/route.ts"]));
    assert_eq!(json["sourcesContent"], serde_json::json!([source]));
}

#[track_caller]
fn assert_parses_as_module(code: &str) {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, code, SourceType::mjs()).parse();
    let errors: Vec<String> = parsed
        .diagnostics
        .errors()
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty() && !parsed.panicked, "{errors:?}\n{code}");
}

#[test]
fn unusual_typescript_never_panics() {
    let inputs = [
        "enum E { A = B.c, D = `x${1}`, F = E.A }",
        "declare enum D { A }\nexport const d = D.A;",
        "const enum C { A = 1 }\nexport const c = C.A + C['A'];",
        "enum M { A = 1 }\nenum M { B = A + 1 }\nnamespace M { export const z = 1; }",
        "import fs = require('fs');\nexport = fs;",
        "export import A = N.B;\nnamespace N { export namespace B {} }",
        "abstract class A { abstract m(): void; declare x: number; }",
        "function f(this: Window, ...rest: number[]): asserts rest is number[] {}",
        "let x = <T,>(a: T) => a;",
        "export default abstract class {}",
        "@dec export class A { constructor(@inject() private a: string) {} }",
        "for await (const x of y) {}\nawait 1;",
        "",
        "\u{feff}// only a comment",
        "export {};\n#!/bin/node",
    ];
    for path in ["a.ts", "a.tsx", "a.mts", "a.cts", "a.js", "a.cjs"] {
        for input in inputs {
            for lower_async in [false, true] {
                let result = compile(
                    Path::new(path),
                    input,
                    &CompileOptions {
                        lower_async,
                        kind: crate::SourceKind::Esm,
                        module_format: crate::ModuleFormat::Esm,
                    },
                );
                assert!(
                    !matches!(result, Err(CompileError::Internal { .. })),
                    "{path} {input:?}: {result:?}"
                );
            }
        }
    }
}

#[test]
fn lower_async_without_await_skips_the_generator() {
    test_with(
        Path::new("app/route.ts"),
        "export async function GET() { return Response.json({ hello: 'world' }) }",
        LOWER,
        "export function GET() {\n\
         \x20 try {\n\
         \x20   return babelHelpers.asyncValue(Response.json({ hello: \"world\" }));\n\
         \x20 } catch (_e) {\n\
         \x20   return babelHelpers.asyncThrow(_e);\n\
         \x20 }\n\
         \x20 return babelHelpers.asyncValue();\n\
         }",
    );
}

#[test]
fn lower_async_without_await_bare_returns_directives_and_rest_parameters() {
    test_with(
        Path::new("app/route.ts"),
        "async function a(x: number) { 'use strict'; if (x) return; f(); }\n\
         async function b(x, ...rest: string[]) {}",
        LOWER,
        "function a(x) {\n\
         \x20 \"use strict\";\n\
         \x20 try {\n\
         \x20   if (x) return babelHelpers.asyncValue();\n\
         \x20   f();\n\
         \x20 } catch (_e) {\n\
         \x20   return babelHelpers.asyncThrow(_e);\n\
         \x20 }\n\
         \x20 return babelHelpers.asyncValue();\n\
         }\n\
         function b(x, ...rest) {\n\
         \x20 try {} catch (_e) {\n\
         \x20   return babelHelpers.asyncThrow(_e);\n\
         \x20 }\n\
         \x20 return babelHelpers.asyncValue();\n\
         }",
    );
}

#[test]
fn lower_async_without_await_arrows() {
    test_with(
        Path::new("app/route.ts"),
        "export const POST = async (req: Request) => Response.json({ ok: true });\n\
         const pair = async () => (1, 2);\n\
         const get = async (a) => { if (a) return a; };",
        LOWER,
        "export const POST = (req) => {\n\
         \x20 try {\n\
         \x20   return babelHelpers.asyncValue(Response.json({ ok: true }));\n\
         \x20 } catch (_e) {\n\
         \x20   return babelHelpers.asyncThrow(_e);\n\
         \x20 }\n\
         };\n\
         const pair = () => {\n\
         \x20 try {\n\
         \x20   return babelHelpers.asyncValue((1, 2));\n\
         \x20 } catch (_e) {\n\
         \x20   return babelHelpers.asyncThrow(_e);\n\
         \x20 }\n\
         };\n\
         const get = (a) => {\n\
         \x20 try {\n\
         \x20   if (a) return babelHelpers.asyncValue(a);\n\
         \x20 } catch (_e) {\n\
         \x20   return babelHelpers.asyncThrow(_e);\n\
         \x20 }\n\
         \x20 return babelHelpers.asyncValue();\n\
         };",
    );
}

#[test]
fn lower_async_without_await_methods() {
    test_with(
        Path::new("app/route.ts"),
        "const cache = { async get(k: string) { return this.map[k]; } };\n\
         class Db extends Base { async get(id) { return super.get(id); } static async make() { return new.target; } }",
        LOWER,
        "const cache = { get(k) {\n\
         \x20 try {\n\
         \x20   return babelHelpers.asyncValue(this.map[k]);\n\
         \x20 } catch (_e) {\n\
         \x20   return babelHelpers.asyncThrow(_e);\n\
         \x20 }\n\
         \x20 return babelHelpers.asyncValue();\n\
         } };\n\
         class Db extends Base {\n\
         \x20 get(id) {\n\
         \x20   try {\n\
         \x20     return babelHelpers.asyncValue(super.get(id));\n\
         \x20   } catch (_e) {\n\
         \x20     return babelHelpers.asyncThrow(_e);\n\
         \x20   }\n\
         \x20   return babelHelpers.asyncValue();\n\
         \x20 }\n\
         \x20 static make() {\n\
         \x20   try {\n\
         \x20     return babelHelpers.asyncValue(new.target);\n\
         \x20   } catch (_e) {\n\
         \x20     return babelHelpers.asyncThrow(_e);\n\
         \x20   }\n\
         \x20   return babelHelpers.asyncValue();\n\
         \x20 }\n\
         }",
    );
}

#[test]
fn lower_async_without_await_default_export() {
    test_with(
        Path::new("app/route.ts"),
        "export default async function () { return 1; }",
        LOWER,
        "export default function() {\n\
         \x20 try {\n\
         \x20   return babelHelpers.asyncValue(1);\n\
         \x20 } catch (_e) {\n\
         \x20   return babelHelpers.asyncThrow(_e);\n\
         \x20 }\n\
         \x20 return babelHelpers.asyncValue();\n\
         }",
    );
}

#[test]
fn lower_async_without_await_leaves_nested_function_returns_alone() {
    test_with(
        Path::new("app/route.ts"),
        "async function total() {\n\
         \x20 function one() { return 1; }\n\
         \x20 const two = () => { return 2; };\n\
         \x20 const three = function () { return 3; };\n\
         \x20 class Four { get() { return 4; } }\n\
         \x20 try { return one() + two() + three(); } finally { done(); }\n\
         }",
        LOWER,
        "function total() {\n\
         \x20 try {\n\
         \x20   function one() {\n\
         \x20     return 1;\n\
         \x20   }\n\
         \x20   const two = () => {\n\
         \x20     return 2;\n\
         \x20   };\n\
         \x20   const three = function() {\n\
         \x20     return 3;\n\
         \x20   };\n\
         \x20   class Four {\n\
         \x20     get() {\n\
         \x20       return 4;\n\
         \x20     }\n\
         \x20   }\n\
         \x20   try {\n\
         \x20     return babelHelpers.asyncValue(one() + two() + three());\n\
         \x20   } finally {\n\
         \x20     done();\n\
         \x20   }\n\
         \x20 } catch (_e) {\n\
         \x20   return babelHelpers.asyncThrow(_e);\n\
         \x20 }\n\
         \x20 return babelHelpers.asyncValue();\n\
         }",
    );
}

#[test]
fn lower_async_without_await_nested_async_arrow_is_lowered_separately() {
    let code = compile_ok(
        Path::new("app/route.ts"),
        "export async function GET(req: Request) {\n\
         \x20 const load = async () => await req.json();\n\
         \x20 return handle(load);\n\
         }",
        LOWER,
    );
    assert!(
        code.starts_with("export function GET(req) {\n  try {\n"),
        "{code}"
    );
    assert!(
        code.contains(
            "babelHelpers.asyncToGenerator(function* () {\n        return yield req.json();"
        ),
        "{code}"
    );
    assert!(
        code.contains("return babelHelpers.asyncValue(handle(load));"),
        "{code}"
    );
    assert_eq!(code.matches("asyncToGenerator").count(), 1, "{code}");
    assert!(!code.contains("async "), "{code}");
    assert_parses_as_module(&code);
}

#[test]
fn lower_async_keeps_the_generator_when_needed() {
    let cases = [
        ("await", "async function f(x) { return await x; }"),
        (
            "for await",
            "async function f(s) { for await (const x of s) {} }",
        ),
        (
            "await using",
            "async function f() { await using r = open(); return 1; }",
        ),
        (
            "await in a computed class key",
            "async function f() { class A { [await k]() {} } return A; }",
        ),
        (
            "await in a nested block",
            "async function f(x) { if (x) { while (x) { x = await x; } } }",
        ),
        (
            "default parameter",
            "async function f(a = g()) { return a; }",
        ),
        (
            "destructured parameter",
            "async function f({ a }) { return a; }",
        ),
        (
            "destructured rest",
            "async function f(...[a]) { return a; }",
        ),
        ("async arrow with await", "const f = async (x) => await x;"),
        (
            "arrow with default parameter",
            "const f = async (x = g()) => x;",
        ),
    ];
    for (what, source) in cases {
        let code = compile_ok(Path::new("app/route.ts"), source, LOWER);
        assert!(
            code.contains("babelHelpers.asyncToGenerator(function* "),
            "{what}: {code}"
        );
        assert!(!code.contains("asyncValue"), "{what}: {code}");
        assert_parses_as_module(&code);
    }
    let code = compile_ok(
        Path::new("app/route.ts"),
        "async function* f() { yield 1; }",
        LOWER,
    );
    assert!(
        code.contains("babelHelpers.wrapAsyncGenerator(function* "),
        "{code}"
    );
    assert!(!code.contains("asyncValue"), "{code}");
}

#[test]
fn lower_async_keeps_the_generator_when_a_block_would_change_the_body() {
    // Top-level function declarations would become block-scoped inside the `try`.
    let cases = [
        "async function f() { var g; function g() {} }",
        "async function f() { function g() {} function g() {} }",
        "async function f(a) { function a() {} return arguments[0]; }",
        "async function f() { l: function g() {} }",
    ];
    for source in cases {
        let code = compile_ok(Path::new("lib/x.js"), source, LOWER);
        assert!(
            code.contains("babelHelpers.asyncToGenerator(function* "),
            "{code}"
        );
        assert!(!code.contains("asyncValue"), "{code}");
    }
}

#[test]
fn lower_async_without_await_keeps_redeclaration_errors() {
    for source in [
        "async function f(a) { let a; }",
        "async function f() { let g; function g() {} }",
    ] {
        let error = compile(Path::new("lib/x.js"), source, &LOWER).expect_err(source);
        assert!(matches!(error, CompileError::Syntax(_)), "{error:?}");
    }
}

#[test]
fn lower_async_without_await_uses_only_listed_helpers() {
    let code = compile_ok(
        Path::new("app/route.ts"),
        "export async function GET() { return new Response(); }\n\
         export const POST = async () => new Response();",
        LOWER,
    );
    let mut used: Vec<&str> = code
        .split("babelHelpers.")
        .skip(1)
        .map(|rest| rest.split('(').next().unwrap_or_default())
        .collect();
    used.sort_unstable();
    used.dedup();
    assert_eq!(used, ["asyncThrow", "asyncValue"]);
    for helper in &used {
        assert!(
            ASYNC_HELPERS.contains(helper),
            "{helper} is missing from ASYNC_HELPERS"
        );
    }
    assert!(!code.contains("async "), "{code}");
    assert_parses_as_module(&code);
}

#[test]
fn async_functions_are_kept_without_lowering() {
    test_same("export const f = async () => 1;\nexport async function g() {\n  return 2;\n}");
}
