use std::sync::Arc;

use super::entry;
use crate::memory::Lru;
use crate::{CacheStore, ManualClock};

fn sized(n: usize) -> crate::Entry {
    entry(&"x".repeat(n), 0, &[])
}

#[test]
fn evicts_least_recently_used_by_bytes() {
    let one = sized(1000).size_bytes() + 1;
    let mut lru = Lru::new(3 * one);
    lru.insert("a", sized(1000));
    lru.insert("b", sized(1000));
    lru.insert("c", sized(1000));
    assert_eq!(lru.len(), 3);
    assert_eq!(lru.bytes(), 3 * one);
    // Touch "a": "b" is now the least recently used.
    assert!(lru.get("a").is_some());
    lru.insert("d", sized(1000));
    assert!(lru.get("b").is_none());
    assert!(lru.get("a").is_some() && lru.get("c").is_some() && lru.get("d").is_some());
    assert!(lru.bytes() <= 3 * one);
}

#[test]
fn a_big_entry_evicts_several() {
    let small = sized(100).size_bytes() + 1;
    let mut lru = Lru::new(10 * small);
    for k in ["a", "b", "c", "d", "e"] {
        lru.insert(k, sized(100));
    }
    // Needs the room of six small ones: the oldest go until it fits.
    lru.insert("big", sized(6 * small - 200));
    assert!(lru.get("big").is_some());
    assert!(lru.bytes() <= 10 * small);
    assert!(lru.get("a").is_none());
    assert!(lru.get("b").is_none());
    assert!(lru.get("c").is_some() && lru.get("e").is_some());
}

#[test]
fn an_entry_over_the_bound_is_not_kept_and_replaces_nothing() {
    let mut lru = Lru::new(500);
    lru.insert("k", sized(10));
    lru.insert("k", sized(10_000));
    assert!(
        lru.get("k").is_none(),
        "the oversized value replaced the key, it is gone"
    );
    assert_eq!(lru.bytes(), 0);
}

#[test]
fn replacing_and_removing_keep_the_count_right() {
    let mut lru = Lru::new(1 << 20);
    lru.insert("k", sized(100));
    lru.insert("k", sized(300));
    assert_eq!(lru.bytes(), sized(300).size_bytes() + 1);
    lru.remove("k");
    lru.remove("k");
    assert_eq!((lru.len(), lru.bytes()), (0, 0));
}

#[tokio::test]
async fn expired_entries_are_misses() {
    let clock = Arc::new(ManualClock::new(10_000));
    let store = CacheStore::memory(1 << 20).with_clock(clock.clone());
    let mut e = entry("v", 10_000, &[]);
    e.meta.expire = Some(5);
    store.set("k", &e).await.unwrap();
    clock.advance(4_999);
    assert!(store.get("k").await.unwrap().is_some());
    clock.advance(1);
    assert!(store.get("k").await.unwrap().is_none());
    assert_eq!(store.memory_usage(), Some((0, 0)));
    // Storing an already expired entry stores nothing.
    store.set("k", &e).await.unwrap();
    assert!(store.get("k").await.unwrap().is_none());
}
