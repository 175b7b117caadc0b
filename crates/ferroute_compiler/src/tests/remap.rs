//! `remap_stack` and `SourceMap::original_location` with real compiled files.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use crate::{compile, remap_stack, CompileOptions, OriginalLocation, SourceMap};

const ROUTE: &str = "import type { NextRequest } from 'next/server';
interface Payload {
  id: string;
}
type Id = string;

export async function GET(req: NextRequest) {
  const body: Payload = await req.json();
  throw new Error('boom ' + body.id);
}
";

fn compiled(path: &Path, source: &str, opts: CompileOptions) -> (String, SourceMap) {
    let module = compile(path, source, &opts).expect("compiles");
    (module.code, module.source_map.expect("a source map"))
}

/// 1-based line and byte column of `needle` in `code`.
fn position_of(code: &str, needle: &str) -> (u32, u32) {
    let offset = code.find(needle).expect("needle in code");
    let line = code[..offset].matches('\n').count() + 1;
    let column = offset - code[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
    (
        u32::try_from(line).expect("small"),
        u32::try_from(column).expect("small"),
    )
}

#[test]
fn remaps_frames_to_original_lines_and_relative_paths() {
    let root = Path::new("/srv/shop");
    let path = root.join("app/api/orders/route.ts");
    let (code, map) = compiled(&path, ROUTE, CompileOptions::default());
    assert_eq!(
        code.lines().nth(2),
        Some("\tthrow new Error(\"boom \" + body.id);")
    );
    let (line, column) = position_of(&code, "new Error");
    assert_eq!((line, column), (3, 8));

    let maps: HashMap<PathBuf, SourceMap> = HashMap::from([(path.clone(), map)]);
    let stack = format!(
        "Error: boom 42\n    at GET ({p}:{line}:{column})\n    at {p}:1:1\n    at handle (/srv/other/x.js:4:2)\n    at <anonymous> (native)",
        p = path.display()
    );
    let remapped = remap_stack(&stack, root, &|p| maps.get(p));
    assert_eq!(
        remapped,
        "Error: boom 42\n    at GET (app/api/orders/route.ts:9:9)\n    at app/api/orders/route.ts:7:1\n    at handle (/srv/other/x.js:4:2)\n    at <anonymous> (native)"
    );
}

#[test]
fn frames_without_a_map_keep_their_position() {
    let root = Path::new("/srv/shop");
    let remapped = remap_stack("    at GET (/srv/shop/lib/x.js:3:5)", root, &|_| None);
    assert_eq!(remapped, "    at GET (lib/x.js:3:5)");
}

#[test]
fn lowered_async_code_maps_back_too() {
    let path = Path::new("/p/app/route.ts");
    let (code, map) = compiled(
        path,
        ROUTE,
        CompileOptions {
            lower_async: true,
            kind: crate::SourceKind::Esm,
            module_format: crate::ModuleFormat::Esm,
        },
    );
    let (line, column) = position_of(&code, "new Error");
    assert_eq!(
        map.original_location(line, column),
        Some(OriginalLocation { line: 9, column: 9 })
    );
    let (line, column) = position_of(&code, "req.json()");
    assert_eq!(
        map.original_location(line, column),
        Some(OriginalLocation {
            line: 8,
            column: 31
        })
    );
}

#[test]
fn byte_columns_after_non_ascii_text_are_converted() {
    let source = "const s: string = \"héllo → 🌍\", t = f();\n";
    let (code, map) = compiled(Path::new("a.ts"), source, CompileOptions::default());
    let (line, column) = position_of(&code, "f()");
    let original_column = source[..source.find("f()").expect("f() in source")]
        .encode_utf16()
        .count()
        + 1;
    let expected = OriginalLocation {
        line: 1,
        column: u32::try_from(original_column).expect("small"),
    };
    assert_eq!(map.original_location(line, column), Some(expected));
}

#[test]
fn positions_outside_the_map_are_none() {
    let (_, map) = compiled(
        Path::new("a.ts"),
        "export const a = 1;\n",
        CompileOptions::default(),
    );
    assert_eq!(map.original_location(0, 1), None);
    assert_eq!(map.original_location(40, 1), None);
}

#[test]
fn source_map_round_trips_through_json() {
    let (code, map) = compiled(Path::new("a.ts"), ROUTE, CompileOptions::default());
    let reread =
        SourceMap::from_json_string(&map.to_json_string(), &code).expect("valid source map");
    let (line, column) = position_of(&code, "new Error");
    assert_eq!(
        reread.original_location(line, column),
        map.original_location(line, column)
    );
}

#[test]
fn async_functions_without_await_map_back_too() {
    let source = "export async function GET(req: Request) {\n  const id: string = req.url;\n  throw new Error('boom ' + id);\n}\n";
    let path = Path::new("/p/app/route.ts");
    let (code, map) = compiled(
        path,
        source,
        CompileOptions {
            lower_async: true,
            kind: crate::SourceKind::Esm,
            module_format: crate::ModuleFormat::Esm,
        },
    );
    assert!(code.contains("babelHelpers.asyncThrow"), "{code}");
    let (line, column) = position_of(&code, "new Error");
    assert_eq!(
        map.original_location(line, column),
        Some(OriginalLocation { line: 3, column: 9 })
    );
    let (line, column) = position_of(&code, "req.url");
    assert_eq!(
        map.original_location(line, column),
        Some(OriginalLocation {
            line: 2,
            column: 22
        })
    );
}
