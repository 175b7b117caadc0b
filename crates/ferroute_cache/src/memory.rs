//! The in-memory store: entries in one LRU list bounded by their total size in bytes
//! (`--cache-max-mb`), tags in a map. Lost on restart; one process only.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError, RwLock};

use lru::LruCache;

use crate::entry::Entry;

/// Entries, least recently used first out, and their total size.
pub(crate) struct MemoryStore {
    lru: Mutex<Lru>,
    tags: TagTable,
}

pub(crate) struct Lru {
    entries: LruCache<String, (Entry, usize)>,
    bytes: usize,
    max_bytes: usize,
}

impl Lru {
    pub(crate) fn new(max_bytes: usize) -> Self {
        Self {
            entries: LruCache::unbounded(),
            bytes: 0,
            max_bytes,
        }
    }

    pub(crate) fn get(&mut self, key: &str) -> Option<&Entry> {
        self.entries.get(key).map(|(e, _)| e)
    }

    pub(crate) fn insert(&mut self, key: &str, entry: Entry) {
        let size = entry.size_bytes() + key.len();
        self.remove(key);
        if size > self.max_bytes {
            return;
        }
        self.bytes += size;
        self.entries.put(key.to_owned(), (entry, size));
        while self.bytes > self.max_bytes {
            match self.entries.pop_lru() {
                Some((_, (_, s))) => self.bytes -= s,
                None => break,
            }
        }
    }

    pub(crate) fn remove(&mut self, key: &str) {
        if let Some((_, s)) = self.entries.pop(key) {
            self.bytes -= s;
        }
    }

    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

impl MemoryStore {
    pub(crate) fn new(max_bytes: usize) -> Self {
        Self {
            lru: Mutex::new(Lru::new(max_bytes)),
            tags: TagTable::default(),
        }
    }

    pub(crate) fn get(&self, key: &str, now_ms: u64) -> Option<Entry> {
        let mut lru = self.lru.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = lru.get(key)?;
        if entry.is_expired(now_ms) {
            lru.remove(key);
            return None;
        }
        Some(entry.clone())
    }

    pub(crate) fn set(&self, key: &str, entry: &Entry) {
        self.lru
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, entry.clone());
    }

    pub(crate) fn delete(&self, key: &str) {
        self.lru
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(key);
    }

    pub(crate) fn tags(&self) -> &TagTable {
        &self.tags
    }

    /// (entries, bytes) held now.
    pub(crate) fn usage(&self) -> (usize, usize) {
        let lru = self.lru.lock().unwrap_or_else(PoisonError::into_inner);
        (lru.len(), lru.bytes())
    }
}

/// Tag → when it was last revalidated (ms), for the stores of one process.
#[derive(Default)]
pub(crate) struct TagTable(RwLock<HashMap<String, u64>>);

impl TagTable {
    pub(crate) fn from_map(map: HashMap<String, u64>) -> Self {
        Self(RwLock::new(map))
    }

    /// Records the revalidation; a tag keeps its latest time.
    pub(crate) fn revalidate(&self, tags: &[&str], now_ms: u64) {
        let mut map = self.0.write().unwrap_or_else(PoisonError::into_inner);
        for tag in tags {
            let at = map.entry((*tag).to_owned()).or_insert(0);
            *at = (*at).max(now_ms);
        }
    }

    pub(crate) fn revalidated_at(&self, tags: &[&str]) -> Vec<Option<u64>> {
        let map = self.0.read().unwrap_or_else(PoisonError::into_inner);
        tags.iter().map(|t| map.get(*t).copied()).collect()
    }

    pub(crate) fn snapshot(&self) -> HashMap<String, u64> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
