use std::sync::Arc;

use super::entry;
use crate::{revalidated_by_tags, CacheStore, ManualClock};

#[test]
fn revalidated_at_or_after_generation_invalidates() {
    // (entry generated at, tag times, invalidated?)
    let cases: &[(u64, &[Option<u64>], bool)] = &[
        (1000, &[], false),
        (1000, &[None, None], false),
        (1000, &[Some(999)], false),
        (1000, &[Some(1000)], true),
        (1000, &[Some(1001)], true),
        (1000, &[None, Some(5), Some(2000)], true),
        (0, &[Some(0)], true),
    ];
    for &(at, times, expected) in cases {
        assert_eq!(revalidated_by_tags(at, times), expected, "{at} {times:?}");
    }
}

/// Whether `lookup` of "k" with `soft` tags says the entry was revalidated by a tag.
async fn revalidated(store: &CacheStore, soft: &[&str]) -> bool {
    store
        .lookup("k", soft)
        .await
        .unwrap()
        .unwrap()
        .revalidated_by_tag
}

#[tokio::test]
async fn lookup_reports_own_and_soft_tags() {
    let clock = Arc::new(ManualClock::new(1000));
    let store = CacheStore::memory(1 << 20).with_clock(clock.clone());
    store
        .set("k", &entry("v", 1000, &["a", "b"]))
        .await
        .unwrap();

    let hit = store.lookup("k", &["_N_T_/x"]).await.unwrap().unwrap();
    assert!(!hit.revalidated_by_tag);

    store.revalidate_tags(&["other"], 2000).await.unwrap();
    assert!(!revalidated(&store, &["_N_T_/x"]).await);

    store.revalidate_tags(&["_N_T_/x"], 999).await.unwrap();
    assert!(!revalidated(&store, &["_N_T_/x"]).await);
    // Soft tags count only when asked about.
    store.revalidate_tags(&["_N_T_/x"], 1500).await.unwrap();
    assert!(revalidated(&store, &["_N_T_/x"]).await);
    assert!(!revalidated(&store, &[]).await);

    store.revalidate_tags(&["b"], 1000).await.unwrap();
    let hit = store.lookup("k", &[] as &[&str]).await.unwrap().unwrap();
    assert!(hit.revalidated_by_tag);
    assert!(store
        .is_revalidated_by_tags(&hit.entry, &[] as &[&str])
        .await
        .unwrap());

    // Regenerated after the revalidation: valid again.
    store
        .set("k", &entry("v2", 3000, &["a", "b"]))
        .await
        .unwrap();
    assert!(!revalidated(&store, &["_N_T_/x"]).await);
}

#[tokio::test]
async fn a_tag_keeps_its_latest_time() {
    let store = CacheStore::memory(1 << 20);
    store.revalidate_tags(&["t"], 500).await.unwrap();
    store.revalidate_tags(&["t"], 300).await.unwrap();
    assert_eq!(
        store.tags_revalidated_at(&["t", "u"]).await.unwrap(),
        [Some(500), None]
    );
}
