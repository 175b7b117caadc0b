//! Unit tests for the compiler crate, one module per public entry point, with the shared
//! helpers in the style of oxc's `tester.rs`: `test(src, expected)` / `test_same(src)`.

mod cjs;
mod diagnostics;
mod exports;
mod output;
mod registry;
mod remap;
mod resolve;

use std::path::Path;

use crate::{compile, CompileError, CompileOptions};

/// Compiles `src` as `app/route.ts` and checks the output (tabs shown as two spaces,
/// surrounding whitespace ignored).
#[track_caller]
fn test(src: &str, expected: &str) {
    test_with(
        Path::new("app/route.ts"),
        src,
        CompileOptions::default(),
        expected,
    );
}

/// Like [`test`], for a source that must come out unchanged.
#[track_caller]
fn test_same(src: &str) {
    test(src, src);
}

#[track_caller]
fn test_with(path: &Path, src: &str, opts: CompileOptions, expected: &str) {
    let code = compile_ok(path, src, opts);
    assert_eq!(code.trim(), expected.trim(), "\n--- input ---\n{src}");
}

/// The compiled code (tabs as two spaces); fails the test on an error.
#[track_caller]
fn compile_ok(path: &Path, src: &str, opts: CompileOptions) -> String {
    match compile(path, src, &opts) {
        Ok(module) => module.code.replace('\t', "  "),
        Err(error) => panic!("compiling {src:?} failed:\n{}", render(&error)),
    }
}

/// The diagnostic exactly as the CLI shows it, without colors.
fn render(diagnostic: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .render_report(&mut out, diagnostic)
        .expect("rendering to a String cannot fail");
    out
}

/// The compile error for `src` compiled as `path`.
#[track_caller]
fn compile_err(path: &str, src: &str) -> CompileError {
    match compile(Path::new(path), src, &CompileOptions::default()) {
        Ok(module) => panic!("expected an error, got:\n{}", module.code),
        Err(error) => error,
    }
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "ferroute-compiler-{}-{name}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        // Canonical, so it compares equal to the resolver's real paths.
        Self(std::fs::canonicalize(&dir).expect("canonicalize temp dir"))
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `files` (`(relative path, contents)`), creating folders.
    fn with_files(self, files: &[(&str, &str)]) -> Self {
        for (path, contents) in files {
            let path = self.0.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("create folder");
            }
            std::fs::write(path, contents).expect("write file");
        }
        self
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
