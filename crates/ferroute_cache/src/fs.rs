//! The file-system store (the default, under `<project>/.ferroute/cache`): one file per entry
//! under `entries/`, named by the SHA-1 of its key, and the tag revalidation times in
//! `tags.json`. Every write goes to a temporary file in the same folder, is fsynced, renamed over
//! the old file and the folder fsynced: a reader (or a restart after a crash) sees the old file
//! or the new one, never a torn one. A file that does not decode is removed and is a miss.
//!
//! Reads run on the caller's thread (a page-cache read of one file); writes, which wait for the
//! disk, run on tokio's blocking pool when there is a runtime (`spawn_blocking`, which
//! current-thread runtimes have too).
//!
//! Tags are loaded once, at open: one process per folder. Instances that share a cache use Redis.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;

use crate::entry::{decode, Entry};
use crate::error::{CacheError, Result};
use crate::memory::TagTable;

/// Prefix of temporary files; a leftover one (its writer was killed) is removed at open.
const TMP_PREFIX: &str = ".tmp-";
/// Temporary files older than this are leftovers of a dead writer.
const STALE_TMP_MS: u64 = 60_000;

pub(crate) struct FsStore {
    dir: PathBuf,
    entries: PathBuf,
    tags: TagTable,
    /// Serialises writes of `tags.json` (each writes the whole table).
    tags_file: Mutex<()>,
}

impl FsStore {
    pub(crate) fn open(dir: &Path, now_ms: u64) -> Result<Self> {
        let entries = dir.join("entries");
        fs::create_dir_all(&entries).map_err(|source| io_err(&entries, source))?;
        remove_leftovers(dir, now_ms);
        remove_leftovers(&entries, now_ms);
        let tags = load_tags(&dir.join("tags.json"));
        Ok(Self {
            dir: dir.to_owned(),
            entries,
            tags,
            tags_file: Mutex::new(()),
        })
    }

    /// The file of `key`: hex SHA-1 of the key, so any key is a safe, fixed-length file name.
    pub(crate) fn path_of(&self, key: &str) -> PathBuf {
        self.entries.join(file_name(key))
    }

    pub(crate) fn get(&self, key: &str, now_ms: u64) -> Option<Entry> {
        let path = self.path_of(key);
        let bytes = match fs::read(&path) {
            Ok(b) => Bytes::from(b),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
            Err(_) => {
                // Unreadable (no permission, an I/O error …): a miss, and it goes.
                let _ = fs::remove_file(&path);
                return None;
            }
        };
        match decode(&bytes) {
            // A file named by another key's hash: not ours (a SHA-1 collision); leave it.
            Ok((stored_key, _)) if stored_key != key => None,
            Ok((_, entry)) if entry.is_expired(now_ms) => {
                let _ = fs::remove_file(&path);
                None
            }
            Ok((_, entry)) => Some(entry),
            Err(_) => {
                // Corrupt or from another format version: a miss, and the file goes.
                let _ = fs::remove_file(&path);
                None
            }
        }
    }

    pub(crate) fn delete_blocking(&self, key: &str) -> Result<()> {
        let path = self.path_of(key);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(io_err(&path, source)),
        }
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn tags(&self) -> &TagTable {
        &self.tags
    }

    /// Writes the tag table as it is now (call after [`TagTable::revalidate`]).
    pub(crate) fn persist_tags_blocking(&self) -> Result<()> {
        let _one_writer = self
            .tags_file
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let json = serde_json::to_vec(&self.tags.snapshot()).unwrap_or_default();
        write_atomic(&self.dir.join("tags.json"), &json)
    }
}

/// Runs `f` on tokio's blocking pool when called inside a runtime, else here.
pub(crate) async fn blocking<T: Send + 'static>(
    store: &Arc<FsStore>,
    f: impl FnOnce(&FsStore) -> Result<T> + Send + 'static,
) -> Result<T> {
    if tokio::runtime::Handle::try_current().is_err() {
        return f(store);
    }
    let store = Arc::clone(store);
    match tokio::task::spawn_blocking(move || f(&store)).await {
        Ok(r) => r,
        Err(e) => Err(CacheError::Io {
            path: PathBuf::new(),
            source: io::Error::other(e),
        }),
    }
}

pub(crate) fn file_name(key: &str) -> String {
    sha1_smol::Sha1::from(key.as_bytes()).digest().to_string()
}

fn io_err(path: &Path, source: io::Error) -> CacheError {
    CacheError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `bytes` to `path` so that `path` is always either its old content or `bytes`:
/// a new temporary file in the same folder (so the rename stays on one file system), written,
/// fsynced, renamed over `path`, then the folder fsynced so the rename survives a power cut.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let tmp = dir.join(format!(
        "{TMP_PREFIX}{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        // Directory fsync makes the rename durable; some file systems refuse it, which is fine.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|source| {
        let _ = fs::remove_file(&tmp);
        io_err(path, source)
    })
}

/// Removes temporary files left by writers that died (older than a minute: a live writer in
/// another process may be between its write and its rename).
fn remove_leftovers(dir: &Path, now_ms: u64) {
    let Ok(read) = fs::read_dir(dir) else { return };
    for entry in read.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
            continue;
        }
        let modified_ms = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        if now_ms.saturating_sub(modified_ms) >= STALE_TMP_MS {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Reads `tags.json`; a missing or unreadable file is an empty table (an unreadable one is
/// removed: it can only come from outside, since writes are atomic).
fn load_tags(path: &Path) -> TagTable {
    let map = match fs::read(path) {
        Ok(bytes) => serde_json::from_slice::<HashMap<String, u64>>(&bytes).unwrap_or_else(|_| {
            let _ = fs::remove_file(path);
            HashMap::new()
        }),
        Err(_) => HashMap::new(),
    };
    TagTable::from_map(map)
}
