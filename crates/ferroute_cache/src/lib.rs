//! The cache store that the server, `ferroute build` and the engines share: whole route
//! responses (static and ISR), the `fetch` data cache and `unstable_cache` values, the times at
//! which tags were revalidated, and single-flight locks for regeneration.
//!
//! One [`CacheStore`] (put it in an `Arc`) serves every worker thread. Three stores:
//! the file system (default, survives restarts), memory (LRU bounded in bytes) and Redis
//! (shared by every instance). The store only keeps entries; deciding HIT, STALE or MISS from
//! an entry's `revalidate` is the caller's job ([`Entry::is_stale`] helps).
//!
//! ```
//! use ferroute_cache::{CacheStore, Entry, EntryKind, EntryMeta};
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let store = CacheStore::memory(64 << 20);
//! let entry = Entry {
//!     body: "hello".into(),
//!     meta: EntryMeta {
//!         kind: EntryKind::Route,
//!         status: 200,
//!         headers: vec![("content-type".into(), "text/plain".into())],
//!         tags: vec!["_N_T_/hello".into()],
//!         revalidate: Some(60),
//!         expire: None,
//!         last_modified_ms: store.now_ms(),
//!     },
//! };
//! store.set("/hello", &entry).await?;
//! let hit = store.lookup("/hello", &["_N_T_/layout"]).await?.expect("cached");
//! assert!(!hit.revalidated_by_tag);
//!
//! store.revalidate_tags(&["_N_T_/hello"], store.now_ms()).await?;
//! let hit = store.lookup("/hello", &["_N_T_/layout"]).await?.expect("still stored");
//! assert!(hit.revalidated_by_tag); // regenerate before serving
//! # Ok::<(), ferroute_cache::CacheError>(())
//! # }).unwrap();
//! ```

mod clock;
mod entry;
mod error;
mod fs;
mod lock;
mod memory;
mod redis_store;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub use clock::{Clock, ManualClock, SystemClock};
pub use entry::{
    decode, encode, revalidated_by_tags, DecodeError, Entry, EntryKind, EntryMeta, FORMAT_VERSION,
};
pub use error::{CacheError, Result};
pub use lock::LockGuard;
pub use redis_store::RedisOptions;

use fs::FsStore;
use lock::LocalLocks;
use memory::{MemoryStore, TagTable};
use redis_store::RedisStore;

/// An entry found by [`CacheStore::lookup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The entry as stored.
    pub entry: Entry,
    /// One of its tags (or of the soft tags asked about) was revalidated at or after the
    /// entry was generated: Next.js treats it as a miss and regenerates it.
    pub revalidated_by_tag: bool,
}

/// Where entries live. Share it in an `Arc`; every method takes `&self` and returns a `Send`
/// future. Any tokio runtime will do, current-thread included: the file-system store writes on
/// its blocking pool (inline when there is no runtime); the Redis store keeps one connection
/// per calling thread, made on that thread's runtime (outside a runtime it returns an error).
pub struct CacheStore {
    backend: Backend,
    clock: Arc<dyn Clock>,
    locks: Arc<LocalLocks>,
    /// How many times this process revalidated tags ([`CacheStore::local_revalidations`]).
    revalidations: AtomicU64,
}

enum Backend {
    Fs(Arc<FsStore>),
    Memory(MemoryStore),
    Redis(RedisStore),
}

impl CacheStore {
    /// The file-system store under `dir` (created if missing). The server passes
    /// `<project>/.ferroute/cache`.
    ///
    /// # Errors
    /// [`CacheError::Io`] when the folder cannot be created.
    pub fn filesystem(dir: impl AsRef<Path>) -> Result<Self> {
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let store = FsStore::open(dir.as_ref(), clock.now_ms())?;
        Ok(Self::new(Backend::Fs(Arc::new(store)), clock))
    }

    /// The in-memory store, holding at most `max_bytes` of entries (least recently used out
    /// first; an entry larger than the bound is not kept).
    #[must_use]
    pub fn memory(max_bytes: usize) -> Self {
        Self::new(
            Backend::Memory(MemoryStore::new(max_bytes)),
            Arc::new(SystemClock),
        )
    }

    /// The Redis store at `url` (`redis://[[USER]:PASSWORD@]HOST:PORT[/DB]`), keys prefixed with
    /// `prefix`, other settings default. Does not connect: the first operations do, in the
    /// background, so a server starts while Redis is down.
    ///
    /// # Errors
    /// [`CacheError::InvalidUrl`] for a URL that is not a `redis://` URL.
    pub fn redis(url: &str, prefix: &str) -> Result<Self> {
        Self::redis_with(
            url,
            RedisOptions {
                prefix: prefix.to_owned(),
                ..RedisOptions::default()
            },
        )
    }

    /// [`CacheStore::redis`] with every setting given.
    ///
    /// # Errors
    /// [`CacheError::InvalidUrl`] for a URL that is not a `redis://` URL.
    pub fn redis_with(url: &str, options: RedisOptions) -> Result<Self> {
        let store = RedisStore::connect(url, options)?;
        Ok(Self::new(Backend::Redis(store), Arc::new(SystemClock)))
    }

    fn new(backend: Backend, clock: Arc<dyn Clock>) -> Self {
        let locks = LocalLocks::new(Arc::clone(&clock));
        Self {
            backend,
            clock,
            locks,
            revalidations: AtomicU64::new(0),
        }
    }

    /// The same store reading time from `clock` (entry expiry, in-process lock expiry, Redis
    /// TTLs). Call it before sharing the store.
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.locks = LocalLocks::new(Arc::clone(&clock));
        self.clock = clock;
        self
    }

    /// Now, by the store's clock (milliseconds since the Unix epoch).
    #[must_use]
    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms()
    }

    /// How many times this process called [`CacheStore::revalidate_tags`]. While it stays the
    /// same, a store that is not shared ([`CacheStore::is_shared`]) revalidated nothing, so a
    /// caller holding entries in front of it need not ask about their tags again.
    #[must_use]
    pub fn local_revalidations(&self) -> u64 {
        self.revalidations.load(Ordering::Acquire)
    }

    /// Whether entries, tags and locks are shared with other processes (Redis).
    #[must_use]
    pub fn is_shared(&self) -> bool {
        matches!(self.backend, Backend::Redis(_))
    }

    /// The entry stored under `key`, without looking at tags. Expired and undecodable
    /// entries are misses (and are removed).
    ///
    /// # Errors
    /// Redis unreachable or too slow. The file-system and memory stores never fail here.
    pub async fn get(&self, key: &str) -> Result<Option<Entry>> {
        match &self.backend {
            Backend::Fs(fs) => Ok(fs.get(key, self.clock.now_ms())),
            Backend::Memory(m) => Ok(m.get(key, self.clock.now_ms())),
            Backend::Redis(r) => r.get(key).await,
        }
    }

    /// The entry under `key` and whether a tag invalidated it: its own tags and `soft_tags`
    /// (the implicit tags of the route asking, as Next.js passes them) are compared with
    /// their revalidation times. For Redis one round trip; elsewhere a map lookup.
    ///
    /// # Errors
    /// As [`CacheStore::get`].
    pub async fn lookup<S: AsRef<str>>(&self, key: &str, soft_tags: &[S]) -> Result<Option<Hit>> {
        let soft: Vec<&str> = soft_tags.iter().map(AsRef::as_ref).collect();
        let now = self.clock.now_ms();
        let (entry, times) = match &self.backend {
            Backend::Redis(r) => match r.lookup(key, &soft).await? {
                Some(found) => found,
                None => return Ok(None),
            },
            Backend::Fs(fs) => match fs.get(key, now) {
                Some(entry) => with_local_times(entry, fs.tags(), &soft),
                None => return Ok(None),
            },
            Backend::Memory(m) => match m.get(key, now) {
                Some(entry) => with_local_times(entry, m.tags(), &soft),
                None => return Ok(None),
            },
        };
        let revalidated_by_tag = revalidated_by_tags(entry.meta.last_modified_ms, &times);
        Ok(Some(Hit {
            entry,
            revalidated_by_tag,
        }))
    }

    /// Stores `entry` under `key`, replacing what was there. An entry whose `expire` has
    /// passed is not stored (and the old one is removed).
    ///
    /// # Errors
    /// The file could not be written, or Redis is unreachable.
    pub async fn set(&self, key: &str, entry: &Entry) -> Result<()> {
        let now = self.clock.now_ms();
        match &self.backend {
            Backend::Fs(fs) => {
                if entry.is_expired(now) {
                    return self.delete(key).await;
                }
                let bytes = encode(key, entry);
                let path = fs.path_of(key);
                fs::blocking(fs, move |_| fs::write_atomic(&path, &bytes)).await
            }
            Backend::Memory(m) => {
                if entry.is_expired(now) {
                    m.delete(key);
                } else {
                    m.set(key, entry);
                }
                Ok(())
            }
            Backend::Redis(r) => r.set(key, entry, now).await,
        }
    }

    /// Removes the entry under `key` (no error if there is none).
    ///
    /// # Errors
    /// The file could not be removed, or Redis is unreachable.
    pub async fn delete(&self, key: &str) -> Result<()> {
        match &self.backend {
            Backend::Fs(fs) => {
                let key = key.to_owned();
                fs::blocking(fs, move |fs| fs.delete_blocking(&key)).await
            }
            Backend::Memory(m) => {
                m.delete(key);
                Ok(())
            }
            Backend::Redis(r) => r.delete(key).await,
        }
    }

    /// Records that `tags` were revalidated at `now_ms` (`revalidateTag`, `revalidatePath`):
    /// every entry generated at or before it with one of these tags is then reported
    /// `revalidated_by_tag`. A tag keeps its latest time.
    ///
    /// # Errors
    /// `tags.json` could not be written (the in-process table is updated anyway), or Redis is
    /// unreachable.
    pub async fn revalidate_tags<S: AsRef<str>>(&self, tags: &[S], now_ms: u64) -> Result<()> {
        let tags: Vec<&str> = tags.iter().map(AsRef::as_ref).collect();
        self.revalidations.fetch_add(1, Ordering::Release);
        match &self.backend {
            Backend::Fs(fs) => {
                fs.tags().revalidate(&tags, now_ms);
                fs::blocking(fs, FsStore::persist_tags_blocking).await
            }
            Backend::Memory(m) => {
                m.tags().revalidate(&tags, now_ms);
                Ok(())
            }
            Backend::Redis(r) => r.revalidate_tags(&tags, now_ms).await,
        }
    }

    /// When each tag was last revalidated (`None`: never), in the order given.
    ///
    /// # Errors
    /// Redis is unreachable.
    pub async fn tags_revalidated_at<S: AsRef<str>>(&self, tags: &[S]) -> Result<Vec<Option<u64>>> {
        let tags: Vec<&str> = tags.iter().map(AsRef::as_ref).collect();
        match &self.backend {
            Backend::Redis(r) => r.tags_revalidated_at(&tags).await,
            Backend::Fs(fs) => Ok(fs.tags().revalidated_at(&tags)),
            Backend::Memory(m) => Ok(m.tags().revalidated_at(&tags)),
        }
    }

    /// Whether one of the entry's tags, or of `soft_tags`, was revalidated at or after the
    /// entry was generated. [`CacheStore::lookup`] answers this with the read.
    ///
    /// # Errors
    /// Redis is unreachable.
    pub async fn is_revalidated_by_tags<S: AsRef<str>>(
        &self,
        entry: &Entry,
        soft_tags: &[S],
    ) -> Result<bool> {
        let mut tags: Vec<&str> = soft_tags.iter().map(AsRef::as_ref).collect();
        tags.extend(entry.meta.tags.iter().map(String::as_str));
        let times = self.tags_revalidated_at(&tags).await?;
        Ok(revalidated_by_tags(entry.meta.last_modified_ms, &times))
    }

    /// Takes the single-flight lock named `key` for at most `ttl` (which bounds a holder that
    /// crashed), or `None` if someone holds it. In-process for the memory and file-system
    /// stores; across every instance for Redis. Lock names are separate from entry keys.
    ///
    /// # Errors
    /// Redis is unreachable (the caller should then regenerate without the lock, or not).
    pub async fn try_lock(&self, key: &str, ttl: Duration) -> Result<Option<LockGuard>> {
        match &self.backend {
            Backend::Redis(r) => r.try_lock(key, ttl).await,
            Backend::Fs(_) | Backend::Memory(_) => Ok(self.locks.try_lock(key, ttl)),
        }
    }

    /// (entries, bytes) held by the memory store; `None` for the other stores.
    #[must_use]
    pub fn memory_usage(&self) -> Option<(usize, usize)> {
        match &self.backend {
            Backend::Memory(m) => Some(m.usage()),
            Backend::Fs(_) | Backend::Redis(_) => None,
        }
    }
}

/// The entry with the revalidation times of `soft` and of its own tags, from a local table.
fn with_local_times(entry: Entry, tags: &TagTable, soft: &[&str]) -> (Entry, Vec<Option<u64>>) {
    let mut times = tags.revalidated_at(soft);
    let own: Vec<&str> = entry.meta.tags.iter().map(String::as_str).collect();
    times.extend(tags.revalidated_at(&own));
    (entry, times)
}

impl std::fmt::Debug for CacheStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.backend {
            Backend::Fs(fs) => f
                .debug_struct("CacheStore::Fs")
                .field("dir", &fs.dir())
                .finish_non_exhaustive(),
            Backend::Memory(m) => {
                let (entries, bytes) = m.usage();
                f.debug_struct("CacheStore::Memory")
                    .field("entries", &entries)
                    .field("bytes", &bytes)
                    .finish_non_exhaustive()
            }
            Backend::Redis(r) => f
                .debug_struct("CacheStore::Redis")
                .field("url", &r.url())
                .field("prefix", &r.prefix())
                .finish_non_exhaustive(),
        }
    }
}

#[cfg(test)]
mod tests;
