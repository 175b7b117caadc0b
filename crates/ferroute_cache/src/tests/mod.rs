//! Unit tests: the encoding, the LRU bound, tag staleness, in-process locks and the
//! file-system store's atomic writes. Time moves by a `ManualClock`, never by sleeping.

mod encoding;
mod fs;
mod locks;
mod memory;
mod tags;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Entry, EntryKind, EntryMeta};

/// An entry generated at `last_modified_ms` with `tags`.
pub(super) fn entry(body: &str, last_modified_ms: u64, tags: &[&str]) -> Entry {
    Entry {
        body: body.to_owned().into(),
        meta: EntryMeta {
            kind: EntryKind::Route,
            status: 200,
            headers: vec![("content-type".into(), "text/plain".into())],
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            revalidate: Some(60),
            expire: None,
            last_modified_ms,
        },
    }
}

/// A fresh folder under the system's temp folder, removed on drop.
pub(super) struct TempDir(PathBuf);

impl TempDir {
    pub(super) fn new() -> Self {
        static N: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "ferroute-cache-unit-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }

    pub(super) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn store_and_its_futures_are_send_and_sync() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    fn send<T: Send>(_: &T) {}
    let store = crate::CacheStore::memory(1 << 20);
    send_sync(&store);
    send(&store.get("k"));
    send(&store.lookup("k", &["t"]));
    send(&store.set("k", &Entry::default()));
    send(&store.delete("k"));
    send(&store.revalidate_tags(&["t"], 1));
    send(&store.tags_revalidated_at(&["t"]));
    send(&store.try_lock("k", std::time::Duration::from_secs(1)));
}
