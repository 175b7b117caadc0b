//! `ferroute info`: the facts a bug report needs, laid out as `next info` lays them out
//! (next/dist/cli/next-info.js), with ferroute's own version among the binaries.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// The report for the project in `dir`.
pub(crate) fn report(dir: &Path) -> String {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let version = read("/proc/sys/kernel/version");
    let meminfo = read("/proc/meminfo");
    let mem_mb = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or_else(|| "N/A".to_owned(), |kb| kb.div_ceil(1024).to_string());
    // os.cpus() lists every online processor, not the ones a cgroup quota allows.
    let cores = match read("/proc/cpuinfo")
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count()
    {
        0 => std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        n => n,
    };
    let mut out = String::new();
    let _ = writeln!(out, "\nOperating System:");
    let _ = writeln!(out, "  Platform: {}", node_platform());
    let _ = writeln!(out, "  Arch: {}", node_arch());
    let _ = writeln!(out, "  Version: {}", non_empty(version.trim()));
    let _ = writeln!(out, "  Available memory (MB): {mem_mb}");
    let _ = writeln!(
        out,
        "  Available CPU cores: {}",
        if cores > 0 {
            cores.to_string()
        } else {
            "N/A".to_owned()
        }
    );
    let _ = writeln!(out, "Binaries:");
    let _ = writeln!(out, "  ferroute: {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(
        out,
        "  Engines: {} (--engine; auto runs {})",
        ferroute_runtime::EngineKind::NAMES.join(", "),
        ferroute_runtime::EngineKind::preferred().0.name()
    );
    let node = binary_version("node");
    let _ = writeln!(out, "  Node: {}", node.strip_prefix('v').unwrap_or(&node));
    for (label, bin) in [("npm", "npm"), ("Yarn", "yarn"), ("pnpm", "pnpm")] {
        let _ = writeln!(out, "  {label}: {}", binary_version(bin));
    }
    let _ = writeln!(out, "Relevant Packages:");
    for name in [
        "next",
        "eslint-config-next",
        "react",
        "react-dom",
        "typescript",
    ] {
        let _ = writeln!(out, "  {name}: {}", package_version(dir, name));
    }
    out
}

/// `process.platform`'s name for this OS.
fn node_platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

/// `process.arch`'s name for this CPU.
fn node_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        "powerpc64" => "ppc64",
        other => other,
    }
}

fn non_empty(s: &str) -> &str {
    if s.is_empty() {
        "N/A"
    } else {
        s
    }
}

/// `<bin> --version`'s output, or N/A when it is not installed or fails.
fn binary_version(bin: &str) -> String {
    Command::new(bin)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "N/A".to_owned())
}

/// The `version` of the package `name` as Node would find it from `dir`
/// (`node_modules/<name>/package.json` in `dir` or a parent), or N/A.
pub(crate) fn package_version(dir: &Path, name: &str) -> String {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    dir.ancestors()
        .find_map(|d| {
            let text =
                std::fs::read_to_string(d.join("node_modules").join(name).join("package.json"))
                    .ok()?;
            let json: serde_json::Value = serde_json::from_str(&text).ok()?;
            json.get("version")?.as_str().map(str::to_owned)
        })
        .unwrap_or_else(|| "N/A".to_owned())
}
