//! Links JavaScriptCore's C API: Debian's `libjavascriptcoregtk-4.1` (found with `pkg-config`),
//! or the system framework on macOS.

use std::process::Command;

const LIBRARY: &str = "javascriptcoregtk-4.1";
const HELP: &str = "ferroute_jsc links JavaScriptCore's C API from the system. Install it with \
    `apt-get install libjavascriptcoregtk-4.1-dev` (Debian 12 / Ubuntu 22.04 or later), or point \
    PKG_CONFIG_PATH at a javascriptcoregtk-4.1.pc";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("macos") {
        // The same C API ships with the OS (not tested on macOS yet).
        println!("cargo:rustc-link-lib=framework=JavaScriptCore");
        return;
    }
    let output = Command::new("pkg-config")
        .args(["--libs", LIBRARY])
        .output();
    let libs = match output {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        Ok(out) => panic!(
            "pkg-config does not know {LIBRARY}: {}\n{HELP}",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(err) => panic!("cannot run pkg-config ({err})\n{HELP}; pkg-config itself is `apt-get install pkg-config`"),
    };
    for flag in libs.split_whitespace() {
        if let Some(dir) = flag.strip_prefix("-L") {
            println!("cargo:rustc-link-search=native={dir}");
        } else if let Some(lib) = flag.strip_prefix("-l") {
            println!("cargo:rustc-link-lib={lib}");
        }
    }
}
