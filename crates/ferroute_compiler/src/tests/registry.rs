//! The registry form of ES modules ([`crate::ModuleFormat::Registry`]): input → expected
//! output for each import and export form.

use std::path::Path;

use super::test_with;
use crate::{CompileOptions, ModuleFormat, SourceKind};

const REGISTRY: CompileOptions = CompileOptions {
    lower_async: false,
    kind: SourceKind::Esm,
    module_format: ModuleFormat::Registry,
};

const REGISTRY_LOWERED: CompileOptions = CompileOptions {
    lower_async: true,
    ..REGISTRY
};

/// Compiles `src` as `path` with `opts` and checks the output.
#[track_caller]
fn test_at(path: &str, src: &str, opts: CompileOptions, expected: &str) {
    test_with(Path::new(path), src, opts, expected);
}

#[test]
fn export_declarations_become_getters_over_local_bindings() {
    test_at(
        "app/x.js",
        r#"export const a = 1, { b, c: [d] } = o; export let n = 0; export var v; export function f() { return n; } export class C {}"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({
      a: () => a,
      b: () => b,
      d: () => d,
      n: () => n,
      v: () => v,
      f: () => f,
      C: () => C
    });
    yield;
    const a = 1, { b, c: [d] } = o;
    let n = 0;
    var v;
    function f() {
      return n;
    }
    class C {}
  }
});
"#,
    );
}

#[test]
fn imports_read_through_the_namespace_at_each_use() {
    test_at(
        "app/x.js",
        r#"import def, { a, b as c, 'x-y' as xy } from './dep.js'; import * as ns from 'pkg'; import './side.js'; a(); c`t`; new def(); ns.f(); console.log(xy, { a }); a = 2;"#,
        REGISTRY,
        r#"
({
  deps: [
    "./dep.js",
    "pkg",
    "./side.js"
  ],
  imports: [
    [0, "default"],
    [0, "a"],
    [0, "b"],
    [0, "x-y"]
  ],
  factory: function* (__exports, __meta, __import, __d0, __d1, __d2) {
    "use strict";
    yield;
    (0, __d0.a)();
    (0, __d0.b)`t`;
    new __d0.default();
    __d1.f();
    console.log(__d0["x-y"], { a: __d0.a });
    __d0.a = 2;
  }
});
"#,
    );
}

#[test]
fn export_default_expression_is_a_const() {
    test_at(
        "app/x.js",
        r#"export default 1 + 2;"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({ default: () => __default });
    yield;
    const __default = 1 + 2;
  }
});
"#,
    );
}

#[test]
fn anonymous_default_function_is_hoisted_and_named_by_the_registry() {
    test_at(
        "app/x.js",
        r#"export default function () { return 1; }"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({ default: () => __default }, __default);
    yield;
    function __default() {
      return 1;
    }
  }
});
"#,
    );
}

#[test]
fn named_default_function_keeps_its_name() {
    test_at(
        "app/x.js",
        r#"export default function named() { return 1; }"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({ default: () => named });
    yield;
    function named() {
      return 1;
    }
  }
});
"#,
    );
}

#[test]
fn anonymous_default_class_is_named_default() {
    test_at(
        "app/x.js",
        r#"export default class { m() {} }"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({ default: () => __default });
    yield;
    const __default = { default: class {
      m() {}
    } }.default;
  }
});
"#,
    );
}

#[test]
fn named_default_class_stays_a_declaration() {
    test_at(
        "app/x.js",
        r#"export default class K {}"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({ default: () => K });
    yield;
    class K {}
  }
});
"#,
    );
}

#[test]
fn anonymous_default_arrow_is_named_default() {
    test_at(
        "app/x.js",
        r#"export default () => 1;"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({ default: () => __default });
    yield;
    const __default = { default: () => 1 }.default;
  }
});
"#,
    );
}

#[test]
fn parenthesized_anonymous_default_function_is_named_default() {
    test_at(
        "app/x.js",
        r#"export default (function () {});"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({ default: () => __default });
    yield;
    const __default = { default: (function() {}) }.default;
  }
});
"#,
    );
}

#[test]
fn export_lists_rename_and_use_string_names() {
    test_at(
        "app/x.js",
        r#"const a = 1, b = 2; export { a as b, b as 'a-b', a as default, a as __proto__ };"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({
      b: () => a,
      "a-b": () => b,
      default: () => a,
      ["__proto__"]: () => a
    });
    yield;
    const a = 1, b = 2;
  }
});
"#,
    );
}

#[test]
fn re_exports_and_export_star() {
    test_at(
        "app/x.js",
        r#"export { x, y as z, default, default as d } from './dep.js'; export * from './all.js'; export * as ns from './ns.js'; import { q } from './dep.js'; export { q as r }; import * as m from './m.js'; export { m };"#,
        REGISTRY,
        r#"
({
  deps: [
    "./dep.js",
    "./all.js",
    "./ns.js",
    "./m.js"
  ],
  imports: [[0, "q"]],
  reexports: [
    [
      "x",
      0,
      "x"
    ],
    [
      "z",
      0,
      "y"
    ],
    [
      "default",
      0,
      "default"
    ],
    [
      "d",
      0,
      "default"
    ],
    [
      "ns",
      2,
      null
    ],
    [
      "r",
      0,
      "q"
    ],
    [
      "m",
      3,
      null
    ]
  ],
  stars: [1],
  factory: function* (__exports, __meta, __import, __d0, __d1, __d2, __d3) {
    "use strict";
    yield;
  }
});
"#,
    );
}

#[test]
fn top_level_await_becomes_yield_in_a_driven_generator() {
    test_at(
        "app/x.js",
        r#"const x = await import('./a.js'); export const url = import.meta.url;"#,
        REGISTRY,
        r#"
({
  deps: [],
  async: true,
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({ url: () => url });
    yield;
    const x = yield __import("./a.js");
    const url = __meta.url;
  }
});
"#,
    );
    test_at(
        "app/x.js",
        r#"const x = await import('./a.js'); export const url = import.meta.url;"#,
        REGISTRY_LOWERED,
        r#"
({
  deps: [],
  async: true,
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({ url: () => url });
    yield;
    const x = yield __import("./a.js");
    const url = __meta.url;
  }
});
"#,
    );
}

#[test]
fn async_functions_alone_keep_a_sync_factory() {
    test_at(
        "app/x.js",
        r#"export async function f() { await g(); } export const h = async () => 1;"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({
      f: () => f,
      h: () => h
    });
    yield;
    async function f() {
      await g();
    }
    const h = async () => 1;
  }
});
"#,
    );
    test_at(
        "app/x.js",
        r#"export async function f() { await g(); } export const h = async () => 1;"#,
        REGISTRY_LOWERED,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    __exports({
      f: () => f,
      h: () => h
    });
    yield;
    function f() {
      return _f.apply(this, arguments);
    }
    function _f() {
      _f = babelHelpers.asyncToGenerator(function* () {
        yield g();
      });
      return _f.apply(this, arguments);
    }
    const h = () => {
      try {
        return babelHelpers.asyncValue(1);
      } catch (_e) {
        return babelHelpers.asyncThrow(_e);
      }
    };
  }
});
"#,
    );
}

#[test]
fn top_level_for_await_keeps_an_async_generator_unless_lowered() {
    test_at(
        "app/x.js",
        r#"for await (const x of xs) {} export {};"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: async function* (__exports, __meta, __import) {
    "use strict";
    yield;
    for await (const x of xs) {}
  }
});
"#,
    );
    test_at(
        "app/x.js",
        r#"for await (const x of xs) {} export {};"#,
        REGISTRY_LOWERED,
        r#"
({
  deps: [],
  async: true,
  factory: function* (__exports, __meta, __import) {
    "use strict";
    yield;
    var _iteratorAbruptCompletion = false;
    var _didIteratorError = false;
    var _iteratorError;
    try {
      for (var _iterator = babelHelpers.asyncIterator(xs), _step; _iteratorAbruptCompletion = !(_step = yield _iterator.next()).done; _iteratorAbruptCompletion = false) {
        const x = _step.value;
      }
    } catch (err) {
      _didIteratorError = true;
      _iteratorError = err;
    } finally {
      try {
        if (_iteratorAbruptCompletion && _iterator.return != null) {
          yield _iterator.return();
        }
      } finally {
        if (_didIteratorError) {
          throw _iteratorError;
        }
      }
    }
  }
});
"#,
    );
}

#[test]
fn directives_move_into_the_factory() {
    test_at(
        "app/x.js",
        r#"'use client'; export const a = 1;"#,
        REGISTRY,
        r#"
({
  deps: [],
  factory: function* (__exports, __meta, __import) {
    "use strict";
    "use client";
    __exports({ a: () => a });
    yield;
    const a = 1;
  }
});
"#,
    );
}

#[test]
fn generated_names_avoid_the_modules_own() {
    test_at(
        "app/x.js",
        r#"const __d0 = 1, __exports = 2; import { a } from './a.js'; export { __d0, a };"#,
        REGISTRY,
        r#"
({
  deps: ["./a.js"],
  imports: [[0, "a"]],
  reexports: [[
    "a",
    0,
    "a"
  ]],
  factory: function* (__exports_1, __meta, __import, __d0_1) {
    "use strict";
    __exports_1({ __d0: () => __d0 });
    yield;
    const __d0 = 1, __exports = 2;
  }
});
"#,
    );
}

#[test]
fn require_and_filename_come_from_node_module_and_meta() {
    test_at(
        "app/x.js",
        r#"const fs = require('node:fs'); export const f = __filename;"#,
        REGISTRY,
        r#"
({
  deps: ["node:module"],
  imports: [[0, "createRequire"]],
  factory: function* (__exports, __meta, __import, __d0) {
    "use strict";
    __exports({ f: () => f });
    yield;
    const require = (0, __d0.createRequire)(__meta.url);
    const __filename = __meta.filename, __dirname = __meta.dirname;
    const fs = require("node:fs");
    const f = __filename;
  }
});
"#,
    );
}

#[test]
fn typescript_type_imports_and_unused_imports_are_dropped() {
    test_at(
        "app/x.ts",
        r#"import type { T } from './t'; import { used, unused } from './u'; export const v: T = used;"#,
        REGISTRY,
        r#"
({
  deps: ["./u"],
  imports: [[0, "used"]],
  factory: function* (__exports, __meta, __import, __d0) {
    "use strict";
    __exports({ v: () => v });
    yield;
    const v = __d0.used;
  }
});
"#,
    );
}

#[test]
fn jsx_reads_the_jsx_runtime_through_the_namespace() {
    test_at(
        "app/x.tsx",
        r#"import React from 'react'; export const el = <div a={1} />;"#,
        REGISTRY,
        r#"
({
  deps: ["react", "react/jsx-runtime"],
  imports: [[0, "default"], [1, "jsx"]],
  factory: function* (__exports, __meta, __import, __d0, __d1) {
    "use strict";
    __exports({ el: () => el });
    yield;
    const el = /* @__PURE__ */ (0, __d1.jsx)("div", { a: 1 });
  }
});
"#,
    );
}

#[test]
fn shadowed_imports_are_left_alone() {
    test_at(
        "app/x.js",
        r#"import { a } from './a.js'; function g() { const a = 1; return a; } export { g };"#,
        REGISTRY,
        r#"
({
  deps: ["./a.js"],
  imports: [[0, "a"]],
  factory: function* (__exports, __meta, __import, __d0) {
    "use strict";
    __exports({ g: () => g });
    yield;
    function g() {
      const a = 1;
      return a;
    }
  }
});
"#,
    );
}

#[test]
fn output_is_one_expression_statement_of_a_classic_script() {
    let module = crate::compile(
        Path::new("app/x.ts"),
        "import { a } from './a';\nexport const b: number = await a();\nexport default function () {}\n",
        &REGISTRY,
    )
    .expect("compiles");
    let allocator = oxc_allocator::Allocator::default();
    let parsed =
        oxc_parser::Parser::new(&allocator, &module.code, oxc_span::SourceType::cjs()).parse();
    assert!(
        parsed.diagnostics.errors().next().is_none(),
        "{}",
        module.code
    );
    assert_eq!(parsed.program.body.len(), 1);
    assert!(matches!(
        parsed.program.body[0],
        oxc_ast::ast::Statement::ExpressionStatement(_)
    ));
}

#[test]
fn source_map_still_covers_the_body() {
    let source = "import { a } from './a';\nexport function GET() {\n  return a('x');\n}\n\nexport const boom = () => { throw new Error('boom'); };\n";
    let module = crate::compile(Path::new("app/route.ts"), source, &REGISTRY).expect("compiles");
    let map = module.source_map.expect("a source map");
    for (needle, line) in [("__d0.a)(\"x\")", 3), ("throw new Error", 6)] {
        let offset = module.code.find(needle).expect("needle in code");
        let generated_line = module.code[..offset].matches('\n').count() + 1;
        let column = offset - module.code[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
        let original = map
            .original_location(
                u32::try_from(generated_line).expect("small"),
                u32::try_from(column).expect("small"),
            )
            .expect("mapped");
        assert_eq!(original.line, line, "{needle} in\n{}", module.code);
    }
}

#[test]
fn esm_format_is_unchanged_by_the_option() {
    let source = "import { a } from './a';\nexport default function () { return a(); }\n";
    let esm = crate::compile(Path::new("app/x.js"), source, &CompileOptions::default())
        .expect("compiles");
    assert!(
        esm.code.starts_with("import { a } from \"./a\";"),
        "{}",
        esm.code
    );
}

#[test]
fn writing_an_import_writes_the_namespace() {
    test_at(
        "app/x.js",
        "import { a, b } from './a.js';\na = 1;\na++;\n({ a, b = 2 } = o);\n",
        REGISTRY,
        r#"
({
  deps: ["./a.js"],
  imports: [[0, "a"], [0, "b"]],
  factory: function* (__exports, __meta, __import, __d0) {
    "use strict";
    yield;
    __d0.a = 1;
    __d0.a++;
    ({a: __d0.a, b: __d0.b = 2} = o);
  }
});
"#,
    );
}
