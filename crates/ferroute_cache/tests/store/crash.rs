//! kill -9 in the middle of file-system cache writes: the entry reads back as one of the
//! complete values written, never torn, never an error.
//!
//! The child is this test binary run again with `FERROUTE_CACHE_CRASH_CHILD=<dir>`: its test
//! `crash::child_writes_until_killed` then writes one key in a loop, alternating two large
//! values of different sizes.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ferroute_cache::CacheStore;

use crate::{entry, now_ms, worker_runtime, TempDir};

const CHILD_ENV: &str = "FERROUTE_CACHE_CRASH_CHILD";
const KEY: &str = "/api/big";

fn value(i: u64) -> Vec<u8> {
    if i.is_multiple_of(2) {
        vec![b'a'; 1 << 20]
    } else {
        vec![b'b'; 768 << 10]
    }
}

/// The child side: runs only under `FERROUTE_CACHE_CRASH_CHILD`.
#[test]
fn child_writes_until_killed() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let store = CacheStore::filesystem(dir).unwrap();
    worker_runtime().block_on(async {
        for i in 0.. {
            store
                .set(KEY, &entry(&value(i), now_ms(), &["t"]))
                .await
                .unwrap();
        }
    });
}

#[test]
fn kill_9_during_writes_leaves_a_whole_entry() {
    let dir = TempDir::new("crash");
    let exe = std::env::current_exe().unwrap();
    let mut seed = u64::from(std::process::id()) | 1;
    let mut random_ms = |lo: u64, hi: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        lo + seed % (hi - lo)
    };
    let file = dir.path().join("entries");
    let mut seen = [0usize; 2];
    for round in 0..8 {
        let mut child = Command::new(&exe)
            .args([
                "crash::child_writes_until_killed",
                "--exact",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the first complete entry, then kill at a random moment of the loop.
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::fs::read_dir(&file).map_or(0, |d| {
            d.filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .count()
        }) == 0
        {
            assert!(Instant::now() < deadline, "child wrote nothing");
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(random_ms(5, 120)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let store = CacheStore::filesystem(dir.path()).unwrap();
        let got = worker_runtime().block_on(store.get(KEY)).unwrap();
        let got = got.unwrap_or_else(|| panic!("round {round}: entry missing after kill -9"));
        let body = &got.body[..];
        let which = if body == value(0).as_slice() {
            0
        } else if body == value(1).as_slice() {
            1
        } else {
            panic!("round {round}: torn entry of {} bytes", body.len())
        };
        seen[which] += 1;
        assert_eq!(got.meta.tags, ["t"]);
    }
    println!(
        "kill -9 rounds: {} ended on the 1 MiB value, {} on the 768 KiB one",
        seen[0], seen[1]
    );
}
