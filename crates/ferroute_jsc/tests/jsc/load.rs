//! Loading JavaScriptCore at run time: `load` finds the library here, from any thread, and the
//! binary does not link it (no DT_NEEDED entry). The failures run in child processes:
//! tests/load_error.rs.

use std::process::Command;

use ferroute_jsc::Vm;

#[test]
fn load_succeeds_and_keeps_its_outcome() {
    ferroute_jsc::load().unwrap_or_else(|err| panic!("{err}"));
    ferroute_jsc::load().unwrap();
    let vm = Vm::new();
    assert_eq!(
        vm.eval("6 * 7", "file:///load.js", 1).unwrap().as_number(),
        Some(42.0)
    );
}

#[test]
fn load_from_many_threads_at_once() {
    let threads: Vec<_> = (0..8)
        .map(|_| std::thread::spawn(|| ferroute_jsc::load().map_err(|err| err.to_string())))
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), Ok(()));
    }
}

/// The test executable uses the crate throughout, yet its dynamic section needs only the usual
/// system libraries: JavaScriptCore is `dlopen`ed, so the binary starts without it.
#[cfg(target_os = "linux")]
#[test]
fn the_binary_does_not_link_javascriptcore() {
    let exe = std::env::current_exe().unwrap();
    let output = Command::new("readelf")
        .arg("-d")
        .arg(&exe)
        .output()
        .unwrap_or_else(|err| panic!("running readelf (binutils) on {}: {err}", exe.display()));
    assert!(
        output.status.success(),
        "readelf -d {}: {output:?}",
        exe.display()
    );
    let dynamic = String::from_utf8_lossy(&output.stdout);
    let needed: Vec<&str> = dynamic
        .lines()
        .filter(|line| line.contains("(NEEDED)"))
        .collect();
    // The check reads the right table: the executable needs libc.
    assert!(
        needed.iter().any(|line| line.contains("libc.so")),
        "no DT_NEEDED for libc in:\n{dynamic}"
    );
    assert!(
        !needed
            .iter()
            .any(|line| line.to_ascii_lowercase().contains("javascriptcore")),
        "{} links JavaScriptCore:\n{}",
        exe.display(),
        needed.join("\n")
    );
}
