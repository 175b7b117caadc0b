//! Embeds every `js/*.js` file (not the tests) in load order, as source and as QuickJS
//! bytecode compiled here (so start-up skips parsing); a syntax error fails the build. The
//! JavaScriptCore platform files (`js/jsc/*.js`) are embedded as source.

use std::fmt::Write as _;
use std::path::Path;

use rquickjs::{Context, Ctx, Runtime, Value};

#[path = "src/script_bytecode.rs"]
mod script_bytecode;

fn main() {
    let dir = Path::new("js");
    println!("cargo:rerun-if-changed=js");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("js/ directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".js"))
        .collect();
    files.sort();
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));

    let runtime = Runtime::new().expect("QuickJS runtime");
    let context = Context::full(&runtime).expect("QuickJS context");
    let mut failed = false;
    context.with(|ctx| {
        for f in &files {
            println!("cargo:rerun-if-changed=js/{f}");
            let source = std::fs::read_to_string(dir.join(f)).expect("read js file");
            match compile(&ctx, f, &source) {
                Ok(bytecode) => {
                    std::fs::write(out_dir.join(format!("{f}.bc")), bytecode)
                        .expect("write bytecode");
                }
                Err(message) => {
                    failed = true;
                    for line in format!("js/{f}: {message}").lines() {
                        println!("cargo::error={line}");
                    }
                }
            }
        }
    });
    if failed {
        std::process::exit(1);
    }

    let mut out = String::from(
        "/// Our JavaScript, in load order.\npub(crate) const JS_FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        let _ = writeln!(
            out,
            "    ({f:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/js/{f}\"))),"
        );
    }
    out.push_str("];\n");
    out.push_str(
        "/// `JS_FILES` compiled by build.rs (QuickJS bytecode of a global strict script named\n\
         /// `ferroute:<name>`, with line numbers), in the same order.\n\
         pub(crate) const JS_BYTECODE: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        let _ = writeln!(
            out,
            "    ({f:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{f}.bc\"))),"
        );
    }
    out.push_str("];\n");
    // The JavaScriptCore engine's own platform files, evaluated before JS_FILES there; as
    // source only (JSC has no bytecode cache in its C API).
    let jsc_dir = dir.join("jsc");
    let mut jsc_files: Vec<String> = std::fs::read_dir(&jsc_dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".js"))
                .collect()
        })
        .unwrap_or_default();
    jsc_files.sort();
    out.push_str(
        "/// The JavaScriptCore platform (`js/jsc/*.js`), in load order.\n\
         pub(crate) const JSC_FILES: &[(&str, &str)] = &[\n",
    );
    for f in &jsc_files {
        println!("cargo:rerun-if-changed=js/jsc/{f}");
        let _ = writeln!(
            out,
            "    ({f:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/js/jsc/{f}\"))),"
        );
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("js_files.rs"), out).expect("write js_files.rs");
}

/// Compiles `source` as the runtime evaluates it (a global strict script named
/// `ferroute:<name>`) and returns its bytecode, debug info (line numbers) and source kept.
fn compile(ctx: &Ctx<'_>, name: &str, source: &str) -> Result<Vec<u8>, String> {
    script_bytecode::compile_global(ctx, source, &format!("ferroute:{name}"), true)
        .map_err(describe)
}

/// QuickJS's message for a caught exception, with its location.
fn describe(value: Value<'_>) -> String {
    match value.as_exception() {
        Some(e) => {
            let kind: Option<String> = e.get("name").ok();
            let mut s = format!(
                "{}: {}",
                kind.as_deref().unwrap_or("Error"),
                e.message().unwrap_or_default()
            );
            if let Some(stack) = e.stack() {
                s.push('\n');
                s.push_str(stack.trim_end());
            }
            s
        }
        None => format!("{value:?}"),
    }
}
