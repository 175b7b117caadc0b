//! Embeds every `js/*.js` file (not the tests) in load order.

use std::fmt::Write as _;

fn main() {
    let dir = std::path::Path::new("js");
    println!("cargo:rerun-if-changed=js");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("js/ directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".js"))
        .collect();
    files.sort();
    let mut out = String::from(
        "/// Our JavaScript, in load order.\npub(crate) const JS_FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed=js/{f}");
        let _ = writeln!(
            out,
            "    ({f:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/js/{f}\"))),"
        );
    }
    out.push_str("];\n");
    let dest =
        std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("js_files.rs");
    std::fs::write(dest, out).expect("write js_files.rs");
}
