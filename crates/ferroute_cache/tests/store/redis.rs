//! The Redis store against a real redis-server: entries, TTLs, tags seen across two store
//! handles (two ferroute instances), single-flight locks, several worker runtimes.

use std::sync::Arc;
use std::time::Duration;

use ferroute_cache::{CacheError, CacheStore, RedisOptions};
use miette::Diagnostic;

use crate::server::{start_or_skip, RedisServer};
use crate::{entry, now_ms, worker_runtime};

/// A store on `redis` with timeouts generous enough for a loaded CI machine: these tests are
/// about behaviour; the outage tests hold the default bounds.
fn open(redis: &RedisServer, prefix: &str) -> CacheStore {
    let options = RedisOptions {
        prefix: prefix.into(),
        connect_timeout: Duration::from_secs(2),
        command_timeout: Duration::from_secs(2),
        ..RedisOptions::default()
    };
    CacheStore::redis_with(&redis.url(), options).unwrap()
}

#[tokio::test]
async fn set_get_lookup_delete() {
    let Some(redis) = start_or_skip("set_get_lookup_delete") else {
        return;
    };
    let store = open(&redis, "t1:");
    assert!(store.is_shared());
    assert!(store.get("/a").await.unwrap().is_none());
    assert!(store.lookup("/a", &["x"]).await.unwrap().is_none());

    let mut e = entry(b"{\"ok\":true}", now_ms(), &["tagA", "_N_T_/a"]);
    e.meta.status = 201;
    e.meta.kind = ferroute_cache::EntryKind::Fetch;
    store.set("/a", &e).await.unwrap();
    assert_eq!(store.get("/a").await.unwrap().as_ref(), Some(&e));
    let hit = store
        .lookup("/a", &["_N_T_/layout"])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hit.entry, e);
    assert!(!hit.revalidated_by_tag);
    // The key is prefixed, and without expire there is no TTL.
    assert_eq!(redis.pttl("t1:entry:/a"), -1);

    store.delete("/a").await.unwrap();
    store.delete("/a").await.unwrap();
    assert!(store.get("/a").await.unwrap().is_none());
}

#[tokio::test]
async fn garbage_under_an_entry_key_is_a_miss_and_removed() {
    let Some(redis) = start_or_skip("garbage_under_an_entry_key") else {
        return;
    };
    let store = open(&redis, "g:");
    redis
        .command(&["SET", "g:entry:k", "\u{2}not an entry"])
        .unwrap();
    assert!(store.get("k").await.unwrap().is_none());
    redis
        .command(&["SET", "g:entry:k", "\u{1}zzzzzzzzzzzzzzzzzzzz"])
        .unwrap();
    assert!(store.lookup("k", &["t"]).await.unwrap().is_none());
    // The removal runs in a task of its own: it lands within a round trip or two.
    let mut pttl = 0;
    for _ in 0..100 {
        pttl = redis.pttl("g:entry:k");
        if pttl == -2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    assert_eq!(pttl, -2, "removed");
}

#[tokio::test]
async fn expire_becomes_a_redis_ttl() {
    let Some(redis) = start_or_skip("expire_becomes_a_redis_ttl") else {
        return;
    };
    let store = open(&redis, "ttl:");
    let mut e = entry(b"short-lived", now_ms() - 800, &[]);
    e.meta.expire = Some(1);
    store.set("k", &e).await.unwrap();
    let pttl = redis.pttl("ttl:entry:k");
    assert!(
        (1..=200).contains(&pttl),
        "PX from last_modified + expire: {pttl}"
    );
    assert!(store.get("k").await.unwrap().is_some());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        store.get("k").await.unwrap().is_none(),
        "gone after its TTL"
    );

    // Already expired: not stored, and the old value goes.
    store.set("k2", &entry(b"v", now_ms(), &[])).await.unwrap();
    let mut old = entry(b"old", now_ms() - 5_000, &[]);
    old.meta.expire = Some(1);
    store.set("k2", &old).await.unwrap();
    assert!(store.get("k2").await.unwrap().is_none());
}

#[tokio::test]
async fn tags_revalidated_on_one_instance_are_seen_by_the_other() {
    let Some(redis) = start_or_skip("tags_across_instances") else {
        return;
    };
    let a = open(&redis, "shared:");
    let b = open(&redis, "shared:");
    let other_prefix = open(&redis, "elsewhere:");

    let generated = now_ms();
    a.set(
        "/fetch-static",
        &entry(b"v1", generated, &["tagS", "_N_T_/fetch-static"]),
    )
    .await
    .unwrap();
    let hit = b
        .lookup("/fetch-static", &["_N_T_/layout"])
        .await
        .unwrap()
        .expect("shared");
    assert_eq!(&hit.entry.body[..], b"v1");
    assert!(!hit.revalidated_by_tag);
    assert!(other_prefix.get("/fetch-static").await.unwrap().is_none());

    // revalidateTag on a; the very next lookup on b sees it (no local caching of tag times).
    a.revalidate_tags(&["tagS"], generated + 1).await.unwrap();
    let hit = b
        .lookup("/fetch-static", &["_N_T_/layout"])
        .await
        .unwrap()
        .unwrap();
    assert!(hit.revalidated_by_tag);
    assert!(b
        .is_revalidated_by_tags(&hit.entry, &[] as &[&str])
        .await
        .unwrap());
    assert_eq!(
        b.tags_revalidated_at(&["tagS", "nope"]).await.unwrap(),
        [Some(generated + 1), None]
    );
    // A tag keeps its latest time.
    a.revalidate_tags(&["tagS"], generated).await.unwrap();
    assert_eq!(
        b.tags_revalidated_at(&["tagS"]).await.unwrap(),
        [Some(generated + 1)]
    );

    // b regenerates; a sees the fresh entry as valid.
    b.set("/fetch-static", &entry(b"v2", generated + 2, &["tagS"]))
        .await
        .unwrap();
    let hit = a
        .lookup("/fetch-static", &[] as &[&str])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(&hit.entry.body[..], b"v2");
    assert!(!hit.revalidated_by_tag);

    // revalidatePath as an implicit (soft) tag the caller passes.
    b.revalidate_tags(&["_N_T_/layout"], generated + 3)
        .await
        .unwrap();
    assert!(
        a.lookup("/fetch-static", &["_N_T_/layout"])
            .await
            .unwrap()
            .unwrap()
            .revalidated_by_tag
    );
    assert!(other_prefix.tags_revalidated_at(&["tagS"]).await.unwrap()[0].is_none());
}

#[tokio::test]
async fn single_flight_two_contenders_one_lock() {
    let Some(redis) = start_or_skip("single_flight") else {
        return;
    };
    let a = open(&redis, "sf:");
    let b = open(&redis, "sf:");
    let ttl = Duration::from_secs(10);
    for round in 0..20 {
        let key = format!("/isr/{round}");
        let (la, lb) = tokio::join!(a.try_lock(&key, ttl), b.try_lock(&key, ttl));
        let (la, lb) = (la.unwrap(), lb.unwrap());
        assert!(
            la.is_some() != lb.is_some(),
            "exactly one holder in round {round}"
        );
        let holder = la.or(lb).unwrap();
        // Nobody else gets it while held; the entry key is not the lock.
        assert!(a.try_lock(&key, ttl).await.unwrap().is_none());
        assert!(a.get(&key).await.unwrap().is_none());
        assert!(holder.release().await.unwrap());
        assert!(b.try_lock(&key, ttl).await.unwrap().is_some());
    }
}

#[tokio::test]
async fn dropping_the_guard_releases_and_ttl_bounds_a_crashed_holder() {
    let Some(redis) = start_or_skip("lock_drop_and_ttl") else {
        return;
    };
    let a = open(&redis, "lk:");
    let b = open(&redis, "lk:");

    let held = a
        .try_lock("k", Duration::from_secs(10))
        .await
        .unwrap()
        .unwrap();
    drop(held);
    // The release runs in a task of its own: it lands within a round trip or two.
    let mut taken = None;
    for _ in 0..50 {
        taken = b.try_lock("k", Duration::from_secs(10)).await.unwrap();
        if taken.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let taken = taken.expect("released on drop");
    drop(taken);

    // A holder that never releases (crashed): the lock ends with its TTL.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let crashed = a
        .try_lock("c", Duration::from_millis(150))
        .await
        .unwrap()
        .unwrap();
    std::mem::forget(crashed);
    assert!(b
        .try_lock("c", Duration::from_secs(10))
        .await
        .unwrap()
        .is_none());
    assert!(redis.pttl("lk:lock:c") > 0);
    tokio::time::sleep(Duration::from_millis(250)).await;
    let late = b
        .try_lock("c", Duration::from_millis(200))
        .await
        .unwrap()
        .expect("expired");

    // A stale holder's release does not free the new holder's lock.
    let stale = a
        .try_lock("d", Duration::from_millis(50))
        .await
        .unwrap()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let fresh = b
        .try_lock("d", Duration::from_secs(10))
        .await
        .unwrap()
        .unwrap();
    assert!(!stale.release().await.unwrap());
    assert!(a
        .try_lock("d", Duration::from_secs(1))
        .await
        .unwrap()
        .is_none());
    assert!(fresh.release().await.unwrap());
    drop(late);
}

/// Worker threads with their own current-thread runtimes share one store; a worker's runtime
/// ending does not break the store for the others.
#[test]
fn several_worker_runtimes_share_one_store() {
    let Some(redis) = start_or_skip("several_worker_runtimes") else {
        return;
    };
    let store = Arc::new(open(&redis, "w:"));
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                let local = tokio::task::LocalSet::new();
                local.block_on(&worker_runtime(), async move {
                    for i in 0..200 {
                        let key = format!("{w}/{i}");
                        store
                            .set(&key, &entry(key.as_bytes(), now_ms(), &[]))
                            .await
                            .unwrap();
                        let got = store.get(&key).await.unwrap().unwrap();
                        assert_eq!(&got.body[..], key.as_bytes());
                    }
                });
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker");
    }
    // Every worker runtime is gone; a new one still works with the same store.
    worker_runtime().block_on(async {
        assert!(store.get("3/199").await.unwrap().is_some());
    });
}

/// A thread whose runtime ended and that runs a new one: its connection died with the old
/// runtime, and the next command makes a new one instead of failing.
#[test]
fn a_new_runtime_on_the_same_thread_reconnects() {
    let Some(redis) = start_or_skip("a_new_runtime_on_the_same_thread") else {
        return;
    };
    let store = open(&redis, "rt:");
    let e = entry(b"v", now_ms(), &[]);
    worker_runtime().block_on(store.set("k", &e)).unwrap();
    for _ in 0..3 {
        let got = worker_runtime().block_on(store.get("k")).unwrap();
        assert_eq!(got.as_ref(), Some(&e));
    }
    // Outside any runtime: an error, not a panic.
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut fut = std::pin::pin!(store.get("k"));
    assert!(matches!(
        std::future::Future::poll(fut.as_mut(), &mut cx),
        std::task::Poll::Ready(Err(CacheError::Redis { .. }))
    ));
}

#[test]
fn malformed_urls_are_diagnostics() {
    for url in [
        "localhost:6379",
        "http://localhost:6379",
        "rediss://localhost:6379",
        "redis://",
        "redis://:secret@",
        "redis://localhost:notaport",
        "redis://localhost:6379/notadb",
    ] {
        let err = CacheStore::redis(url, "p:").expect_err(url);
        assert!(
            matches!(err, CacheError::InvalidUrl { .. }),
            "{url}: {err:?}"
        );
        assert_eq!(
            err.code().map(|c| c.to_string()).as_deref(),
            Some("ferroute::cache::url")
        );
        assert!(err.help().is_some());
        assert!(!err.to_string().contains("secret"), "password shown: {err}");
    }
    // Well-formed, even with nothing listening: constructing never connects.
    let store = CacheStore::redis_with(
        "redis://:secret@127.0.0.1:1/2",
        RedisOptions {
            prefix: "x:".into(),
            ..RedisOptions::default()
        },
    )
    .unwrap();
    assert!(!format!("{store:?}").contains("secret"));
}
