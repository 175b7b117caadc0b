//! `ProjectResolver` against small projects written to temp dirs.

use std::path::PathBuf;

use super::{render, TempDir};
use crate::{ModuleKind, ProjectResolver, ResolveError, ResolvedModule};

const ROUTE: &str = "app/api/route.ts";

/// Resolves `specifier` from `app/api/route.ts` and returns the path relative to the root.
#[track_caller]
fn resolve(project: &TempDir, specifier: &str) -> String {
    let resolver = ProjectResolver::new(project.path());
    match resolver.resolve(&project.path().join(ROUTE), specifier) {
        Ok(path) => path
            .strip_prefix(project.path())
            .unwrap_or(&path)
            .display()
            .to_string(),
        Err(error) => panic!("resolving {specifier:?} failed:\n{}", render(&error)),
    }
}

#[track_caller]
fn resolve_err(project: &TempDir, specifier: &str) -> ResolveError {
    let resolver = ProjectResolver::new(project.path());
    match resolver.resolve(&project.path().join(ROUTE), specifier) {
        Ok(path) => panic!("expected {specifier:?} to fail, got {}", path.display()),
        Err(error) => error,
    }
}

fn project(name: &str, files: &[(&str, &str)]) -> TempDir {
    TempDir::new(name)
        .with_files(&[(ROUTE, "")])
        .with_files(files)
}

#[test]
fn relative_imports_follow_next_extension_order() {
    let project = project(
        "ext-order",
        &[
            ("app/api/a.js", ""),
            ("app/api/a.ts", ""),
            ("app/api/a.tsx", ""),
            ("app/api/b.mjs", ""),
            ("app/api/b.json", ""),
            ("app/api/c.cjs", ""),
            ("app/lib/d.jsx", ""),
            ("app/lib/d.js", ""),
        ],
    );
    assert_eq!(resolve(&project, "./a"), "app/api/a.tsx");
    assert_eq!(resolve(&project, "./b"), "app/api/b.mjs");
    assert_eq!(resolve(&project, "./c"), "app/api/c.cjs");
    assert_eq!(resolve(&project, "../lib/d"), "app/lib/d.jsx");
    assert_eq!(resolve(&project, "./a.js"), "app/api/a.ts");
    assert_eq!(resolve(&project, "./b.json"), "app/api/b.json");
}

#[test]
fn absolute_paths_resolve() {
    let project = project("absolute", &[("lib/db.ts", "")]);
    let absolute = project.path().join("lib/db").display().to_string();
    assert_eq!(resolve(&project, &absolute), "lib/db.ts");
}

#[test]
fn index_files() {
    let project = project(
        "index",
        &[("app/lib/index.ts", ""), ("app/other/index.js", "")],
    );
    assert_eq!(resolve(&project, "../lib"), "app/lib/index.ts");
    assert_eq!(resolve(&project, "../other/"), "app/other/index.js");
}

#[test]
fn tsconfig_paths_with_base_url() {
    let project = project(
        "tsconfig",
        &[
            (
                "tsconfig.json",
                r#"{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }"#,
            ),
            ("src/lib/db.ts", ""),
            ("utils/date.ts", ""),
        ],
    );
    assert_eq!(resolve(&project, "@/lib/db"), "src/lib/db.ts");
    // `baseUrl` alone makes non-relative imports resolve from the root, as in tsc.
    assert_eq!(resolve(&project, "utils/date"), "utils/date.ts");
    assert!(ProjectResolver::new(project.path())
        .config_file()
        .is_some_and(|p| p.ends_with("tsconfig.json")));
}

#[test]
fn tsconfig_paths_without_base_url_and_extends() {
    let project = project(
        "extends",
        &[
            (
                "tsconfig.base.json",
                r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
            ),
            (
                "tsconfig.json",
                r#"{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }"#,
            ),
            ("lib/auth.ts", ""),
        ],
    );
    assert_eq!(resolve(&project, "@/lib/auth"), "lib/auth.ts");
}

#[test]
fn jsconfig_when_there_is_no_tsconfig() {
    let project = project(
        "jsconfig",
        &[
            (
                "jsconfig.json",
                r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
            ),
            ("lib/x.js", ""),
        ],
    );
    assert_eq!(resolve(&project, "@/lib/x"), "lib/x.js");
}

#[test]
fn node_modules_package_prefers_esm_exports() {
    let project = project(
        "exports",
        &[
            (
                "node_modules/pkg/package.json",
                r#"{ "name": "pkg", "exports": { ".": { "require": "./index.cjs", "import": "./index.mjs" }, "./sub": { "node": "./sub-node.js", "default": "./sub.js" } }, "main": "./index.cjs" }"#,
            ),
            ("node_modules/pkg/index.cjs", ""),
            ("node_modules/pkg/index.mjs", ""),
            ("node_modules/pkg/sub.js", ""),
            ("node_modules/pkg/sub-node.js", ""),
        ],
    );
    assert_eq!(resolve(&project, "pkg"), "node_modules/pkg/index.mjs");
    // Conditions match in the order of the exports object: `node` comes before `default`.
    assert_eq!(resolve(&project, "pkg/sub"), "node_modules/pkg/sub-node.js");
}

#[test]
fn node_modules_package_main_field_before_module() {
    let project = project(
        "module-field",
        &[
            (
                "node_modules/legacy/package.json",
                r#"{ "name": "legacy", "module": "./esm/index.js", "main": "./cjs/index.js" }"#,
            ),
            ("node_modules/legacy/esm/index.js", ""),
            ("node_modules/legacy/cjs/index.js", ""),
            (
                "node_modules/plain/package.json",
                r#"{ "name": "plain", "main": "lib/main.js" }"#,
            ),
            ("node_modules/plain/lib/main.js", ""),
            (
                "node_modules/@scope/pkg/package.json",
                r#"{ "name": "@scope/pkg", "type": "module" }"#,
            ),
            ("node_modules/@scope/pkg/index.js", ""),
        ],
    );
    // Next's server compiler reads `main` before `module` (CommonJS loads as CommonJS).
    assert_eq!(
        resolve(&project, "legacy"),
        "node_modules/legacy/cjs/index.js"
    );
    assert_eq!(resolve(&project, "plain"), "node_modules/plain/lib/main.js");
    assert_eq!(
        resolve(&project, "@scope/pkg"),
        "node_modules/@scope/pkg/index.js"
    );
}

#[test]
fn module_kind_from_extension_and_package_type() {
    let project = project(
        "kinds",
        &[
            ("package.json", r#"{ "name": "app" }"#),
            ("app/api/local.js", ""),
            ("app/api/data.json", "{}"),
            (
                "node_modules/esm/package.json",
                r#"{ "type": "module", "main": "index.js" }"#,
            ),
            ("node_modules/esm/index.js", ""),
            (
                "node_modules/cjs/package.json",
                r#"{ "type": "commonjs", "main": "index.js" }"#,
            ),
            ("node_modules/cjs/index.js", ""),
        ],
    );
    let resolver = ProjectResolver::new(project.path());
    let kind = |specifier: &str| {
        resolver
            .resolve_module(&project.path().join(ROUTE), specifier)
            .map(|ResolvedModule { kind, .. }| kind)
    };
    assert_eq!(kind("./route").ok(), Some(ModuleKind::Esm));
    assert_eq!(kind("./local").ok(), Some(ModuleKind::Ambiguous));
    assert_eq!(kind("./data.json").ok(), Some(ModuleKind::Json));
    assert_eq!(kind("esm").ok(), Some(ModuleKind::Esm));
    assert_eq!(kind("cjs").ok(), Some(ModuleKind::CommonJs));
}

#[test]
fn relative_importer_paths_are_taken_from_the_root() {
    let project = project("relative-importer", &[("app/api/db.ts", "")]);
    let resolved = ProjectResolver::new(project.path())
        .resolve(&PathBuf::from(ROUTE), "./db")
        .expect("resolves");
    assert_eq!(resolved, project.path().join("app/api/db.ts"));
}

#[test]
fn builtins_are_reported_as_builtins() {
    let project = project("builtins", &[]);
    match resolve_err(&project, "fs") {
        ResolveError::Builtin { name, .. } => assert_eq!(name, "node:fs"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        resolve_err(&project, "node:crypto"),
        ResolveError::Builtin { .. }
    ));
}

#[test]
fn missing_relative_file() {
    let project = project("missing-relative", &[]);
    let error = resolve_err(&project, "./nope");
    assert_eq!(
        error.to_string(),
        "cannot find module './nope' imported from app/api/route.ts"
    );
    let help = miette::Diagnostic::help(&error)
        .map(|h| h.to_string())
        .unwrap_or_default();
    assert!(
        help.starts_with(
            "no file './nope' with one of the extensions .tsx, .ts, .jsx, .js, .mjs, .cjs, .json"
        ),
        "{help}"
    );
}

#[test]
fn missing_alias_mentions_tsconfig_paths() {
    let with_config = project(
        "alias-config",
        &[(
            "tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
        )],
    );
    let help = help_of(&resolve_err(&with_config, "@/lib/db"));
    assert!(
        help.contains("check `compilerOptions.paths` in tsconfig.json"),
        "{help}"
    );

    let without_config = project("alias-no-config", &[]);
    let help = help_of(&resolve_err(&without_config, "@/lib/db"));
    assert!(
        help.contains("the project has no tsconfig.json or jsconfig.json"),
        "{help}"
    );
}

#[test]
fn missing_package_suggests_installing_it() {
    let project = project("missing-package", &[]);
    let help = help_of(&resolve_err(&project, "@acme/sdk/client"));
    assert!(
        help.starts_with("is '@acme/sdk' installed? run `npm install @acme/sdk`"),
        "{help}"
    );
}

#[test]
fn broken_tsconfig_is_a_config_error() {
    let project = project(
        "broken-config",
        &[("tsconfig.json", "{ not json"), ("app/api/db.ts", "")],
    );
    let error = resolve_err(&project, "./db");
    assert!(matches!(error, ResolveError::Config { .. }), "{error:?}");
}

// Issue 9, item 7: found by the `tsconfig` fuzz target (docs/fuzzing.md). A missing
// `extends` package was reported as the config file `cfg/nope.json`; a JSON error in an
// extended config read "JSONError { path: ..., message: ... }"; an empty `extends` was a
// failure of every import, with help about package.json.
#[test]
fn issue_9_broken_extends_is_a_config_error_naming_the_file() {
    let dir = project(
        "extends-missing-package",
        &[
            ("tsconfig.json", r#"{ "extends": "cfg/nope.json" }"#),
            ("app/api/db.ts", ""),
        ],
    );
    let config = dir.path().join("tsconfig.json");
    match resolve_err(&dir, "./db") {
        ResolveError::Config { path, message } => {
            assert_eq!(path.canonicalize().ok(), config.canonicalize().ok());
            assert_eq!(
                message,
                "`extends` names 'cfg/nope.json', which was not found"
            );
        }
        other => panic!("{other:?}"),
    }

    let dir = project(
        "extends-invalid-json",
        &[
            ("tsconfig.json", r#"{ "extends": "./tsconfig.base.json" }"#),
            ("tsconfig.base.json", r#"{ "compilerOptions": {"#),
            ("app/api/db.ts", ""),
        ],
    );
    match resolve_err(&dir, "./db") {
        ResolveError::Config { path, message } => {
            assert!(path.ends_with("tsconfig.base.json"), "{path:?}");
            assert!(
                message.starts_with("invalid JSON: EOF while parsing"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }

    let dir = project(
        "extends-empty",
        &[
            ("tsconfig.json", r#"{ "extends": "" }"#),
            ("app/api/db.ts", ""),
        ],
    );
    match resolve_err(&dir, "./db") {
        ResolveError::Config { message, .. } => {
            assert!(message.starts_with("cannot follow `extends`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

fn help_of(error: &ResolveError) -> String {
    miette::Diagnostic::help(error)
        .map(|h| h.to_string())
        .unwrap_or_default()
}
