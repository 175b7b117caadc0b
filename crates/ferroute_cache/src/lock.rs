//! Single-flight locks: one regeneration of an entry at a time. In-process for the memory and
//! file-system stores; in Redis (`SET NX PX`, released by its owner only) for the shared store.
//! A lock's time-to-live bounds a holder that crashed or hung.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::clock::Clock;
use crate::error::Result;
use crate::redis_store::RedisLink;

/// Locks held in this process: key → (token, expiry in ms).
pub(crate) struct LocalLocks {
    held: Mutex<HashMap<String, (u64, u64)>>,
    clock: Arc<dyn Clock>,
}

impl LocalLocks {
    pub(crate) fn new(clock: Arc<dyn Clock>) -> Arc<Self> {
        Arc::new(Self {
            held: Mutex::new(HashMap::new()),
            clock,
        })
    }

    pub(crate) fn try_lock(self: &Arc<Self>, key: &str, ttl: Duration) -> Option<LockGuard> {
        let now = self.clock.now_ms();
        let until = now.saturating_add(u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX));
        let token = next_counter();
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        if held.get(key).is_some_and(|&(_, expires)| expires > now) {
            return None;
        }
        held.insert(key.to_owned(), (token, until));
        drop(held);
        Some(LockGuard {
            inner: Some(GuardInner::Local {
                locks: Arc::clone(self),
                key: key.to_owned(),
                token,
            }),
        })
    }

    fn release(&self, key: &str, token: u64) -> bool {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        if held.get(key).is_some_and(|&(t, _)| t == token) {
            held.remove(key);
            true
        } else {
            false
        }
    }
}

/// A held single-flight lock.
///
/// Dropping it releases the lock, best effort: at once for the in-process stores; for Redis
/// the release is spawned onto the current tokio runtime and not awaited (dropped outside a
/// runtime, or while Redis is down, the lock ends with its TTL). [`LockGuard::release`] waits
/// for the release and says whether this guard still owned the lock.
#[must_use = "the lock is released when the guard is dropped"]
pub struct LockGuard {
    inner: Option<GuardInner>,
}

enum GuardInner {
    Local {
        locks: Arc<LocalLocks>,
        key: String,
        token: u64,
    },
    Redis {
        link: RedisLink,
        key: String,
        token: String,
    },
}

impl LockGuard {
    pub(crate) fn redis(link: RedisLink, key: String, token: String) -> Self {
        Self {
            inner: Some(GuardInner::Redis { link, key, token }),
        }
    }

    /// Releases the lock and waits until it is released. `Ok(false)`: the lock had expired and
    /// someone else may hold it now (their lock is left alone).
    ///
    /// # Errors
    /// Redis could not be reached; the lock then ends with its TTL.
    pub async fn release(mut self) -> Result<bool> {
        match self.inner.take() {
            Some(GuardInner::Local { locks, key, token }) => Ok(locks.release(&key, token)),
            Some(GuardInner::Redis { link, key, token }) => link.release_lock(key, token).await,
            None => Ok(false),
        }
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        match self.inner.take() {
            Some(GuardInner::Local { locks, key, token }) => {
                locks.release(&key, token);
            }
            Some(GuardInner::Redis { link, key, token }) => link.release_lock_detached(key, token),
            None => {}
        }
    }
}

impl std::fmt::Debug for LockGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let key = match &self.inner {
            Some(GuardInner::Local { key, .. } | GuardInner::Redis { key, .. }) => Some(key),
            None => None,
        };
        f.debug_struct("LockGuard").field("key", &key).finish()
    }
}

fn next_counter() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(1);
    COUNTER.fetch_add(1, Ordering::Relaxed)
}

/// A token no other holder has: process id, a per-process random number (the keys std draws
/// for `RandomState`) and a counter.
pub(crate) fn unique_token() -> String {
    static SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let seed = *SEED.get_or_init(|| RandomState::new().hash_one(std::process::id()));
    format!("{}-{seed:016x}-{}", std::process::id(), next_counter())
}
