//! Integration tests of the cache stores against real components: a `redis-server` started
//! here on a free port (skipped, with the reason printed, when it is not installed), the real
//! file system, and a child process killed with SIGKILL in the middle of writes.
//!
//! One binary (`store`) for the whole crate, as the workspace's style asks.

mod crash;
mod latency;
mod redis;
mod redis_outage;
mod server;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use ferroute_cache::{Entry, EntryKind, EntryMeta};

/// A route entry with a body of `body`, generated now, with `tags`.
pub(crate) fn entry(body: &[u8], last_modified_ms: u64, tags: &[&str]) -> Entry {
    Entry {
        body: body.to_vec().into(),
        meta: EntryMeta {
            kind: EntryKind::Route,
            status: 200,
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("set-cookie".into(), "a=1".into()),
                ("set-cookie".into(), "b=2".into()),
            ],
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            revalidate: Some(60),
            expire: None,
            last_modified_ms,
        },
    }
}

pub(crate) fn now_ms() -> u64 {
    ferroute_cache::Clock::now_ms(&ferroute_cache::SystemClock)
}

/// A fresh folder under the system's temp folder, removed on drop.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(what: &str) -> Self {
        static N: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "ferroute-cache-{what}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A current-thread runtime like a server worker's.
pub(crate) fn worker_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}
