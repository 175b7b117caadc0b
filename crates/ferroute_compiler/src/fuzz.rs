//! Entry point of the `tsconfig` fuzz target (`fuzz/fuzz_targets/tsconfig.rs`, run by
//! cargo-fuzz) and of its corpus replay in the default test run (`tests/it/fuzz.rs`).
//! Panics only when a property fails. Not part of the crate's API.

use std::{
    path::{Path, PathBuf},
    sync::atomic::{AtomicUsize, Ordering},
};

use crate::{ProjectResolver, ResolveError, ResolveMode};

/// Files of the project every input is resolved in.
const PROJECT: &[(&str, &str)] = &[
    ("app/api/route.ts", "export {};\n"),
    ("src/lib/a.ts", "export const a = 1;\n"),
    ("src/index.ts", "export {};\n"),
    ("lib/b.js", "exports.b = 1;\n"),
    ("components/c/index.tsx", "export {};\n"),
    ("data.json", "{}\n"),
    (
        "node_modules/pkg/package.json",
        r#"{"name":"pkg","exports":{".":"./index.js","./sub":"./sub.js"}}"#,
    ),
    ("node_modules/pkg/index.js", "module.exports = 1;\n"),
    ("node_modules/pkg/sub.js", "module.exports = 2;\n"),
    ("node_modules/cfg/package.json", r#"{"name":"cfg"}"#),
];

/// Specifiers resolved from `app/api/route.ts`: aliases, `baseUrl` lookups, relative
/// and absolute paths, packages and builtins.
const SPECIFIERS: &[&str] = &[
    "@/lib/a",
    "@/src/lib/a",
    "~/lib/a",
    "lib/b",
    "src/lib/a",
    "components/c",
    "data.json",
    "../../src/lib/a",
    "./missing",
    "pkg",
    "pkg/sub",
    "pkg/nope",
    "cfg",
    "fs",
    "#internal",
    "*",
    "",
];

/// The config files an input is split into, at NUL bytes.
const CONFIGS: [&str; 3] = [
    "tsconfig.json",
    "tsconfig.base.json",
    "node_modules/cfg/tsconfig.json",
];

/// `tsconfig`: `data` is `tsconfig.json`, then optionally (after a NUL byte) the
/// `tsconfig.base.json` beside it, then (after another) `node_modules/cfg/tsconfig.json`,
/// for `extends` to reach.
///
/// - building the resolver and resolving every specifier of a fixed list, with `import` and
///   `require` conditions, gives a file or a diagnostic, never a panic;
/// - a resolved file exists, and a second resolution answers the same (the cache agrees);
/// - a config that cannot be used makes every resolution but a builtin's a
///   [`ResolveError::Config`] naming a file by its full path, and a sound one none;
/// - a diagnostic renders.
#[derive(Debug)]
pub struct Tsconfig {
    root: PathBuf,
}

impl Tsconfig {
    /// Creates the project in a fresh temporary folder.
    ///
    /// # Panics
    /// When the folder cannot be written.
    #[must_use]
    pub fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "ferroute-fuzz-tsconfig-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in PROJECT {
            write(&root.join(path), text.as_bytes());
        }
        Self { root }
    }

    /// Runs one input.
    ///
    /// # Panics
    /// When a property fails, or when the project folder cannot be written.
    pub fn run(&mut self, data: &[u8]) {
        let mut parts = data.splitn(CONFIGS.len(), |&b| b == 0);
        for name in CONFIGS {
            let path = self.root.join(name);
            match parts.next() {
                Some(text) => write(&path, text),
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        let resolver = ProjectResolver::new(&self.root);
        let broken = resolver.config_error();
        let importer = Path::new("app/api/route.ts");
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
        for specifier in SPECIFIERS {
            for mode in [ResolveMode::Import, ResolveMode::Require] {
                let first = resolver.resolve_with(importer, specifier, mode);
                let second = resolver.resolve_with(importer, specifier, mode);
                match (&first, &second) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!(a, b, "{specifier:?} resolved twice");
                        assert!(
                            broken.is_none(),
                            "{specifier:?}: {a:?}, with the config {broken:?}"
                        );
                        assert!(a.path.is_file(), "{specifier:?} resolved to {a:?}");
                    }
                    (Err(a), Err(b)) => {
                        assert_eq!(a.to_string(), b.to_string(), "{specifier:?} failed twice");
                        let mut out = String::new();
                        assert!(
                            handler.render_report(&mut out, a).is_ok(),
                            "rendering {a:?}"
                        );
                        match (a, &broken) {
                            (ResolveError::Config { path, message }, Some(_)) => {
                                assert!(path.is_absolute(), "{a:?} names no full path");
                                assert!(!message.contains("JSONError {"), "{a:?}");
                            }
                            (ResolveError::Builtin { .. }, _)
                            | (ResolveError::NotFound { .. } | ResolveError::Failed { .. }, None) =>
                                {}
                            _ => panic!("{specifier:?}: {a:?}, with the config {broken:?}"),
                        }
                    }
                    _ => panic!("{specifier:?}: {first:?}, then {second:?}"),
                }
            }
        }
    }
}

impl Default for Tsconfig {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Tsconfig {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("fuzz project folder");
    }
    std::fs::write(path, bytes).expect("fuzz project file");
}
