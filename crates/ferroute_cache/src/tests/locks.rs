use std::sync::Arc;
use std::time::Duration;

use crate::{CacheStore, ManualClock};

#[tokio::test]
async fn one_holder_at_a_time_and_drop_releases() {
    let store = CacheStore::memory(1 << 20);
    let ttl = Duration::from_secs(30);
    let held = store.try_lock("k", ttl).await.unwrap().expect("free");
    assert!(store.try_lock("k", ttl).await.unwrap().is_none());
    assert!(store.try_lock("other", ttl).await.unwrap().is_some());
    drop(held);
    let again = store
        .try_lock("k", ttl)
        .await
        .unwrap()
        .expect("released by drop");
    assert!(again.release().await.unwrap());
    assert!(store.try_lock("k", ttl).await.unwrap().is_some());
}

#[tokio::test]
async fn ttl_bounds_a_holder_that_never_releases() {
    let clock = Arc::new(ManualClock::new(0));
    let store = CacheStore::memory(1 << 20).with_clock(clock.clone());
    let ttl = Duration::from_millis(500);
    let stuck = store.try_lock("k", ttl).await.unwrap().expect("free");
    clock.advance(499);
    assert!(store.try_lock("k", ttl).await.unwrap().is_none());
    clock.advance(1);
    let next = store.try_lock("k", ttl).await.unwrap().expect("expired");
    // The first holder's late release does not free the new holder's lock.
    assert!(!stuck.release().await.unwrap());
    assert!(store.try_lock("k", ttl).await.unwrap().is_none());
    drop(next);
    assert!(store.try_lock("k", ttl).await.unwrap().is_some());
}
