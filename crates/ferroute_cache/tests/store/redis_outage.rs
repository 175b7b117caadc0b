//! Redis going away under load: operations fail fast (each well under 300 ms), nothing panics
//! or hangs, and the same store works again once Redis is back. Also a Redis that accepts
//! connections but never answers.

use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ferroute_cache::{CacheStore, RedisOptions};

use crate::server::start_or_skip;
use crate::{entry, now_ms, worker_runtime};

/// Fail-fast bound the brief sets for one operation while Redis is unreachable.
const BOUND: Duration = Duration::from_millis(300);

struct Sample {
    started: Instant,
    took: Duration,
    ok: bool,
}

#[test]
fn redis_stopped_and_restarted_under_load() {
    let Some(mut redis) = start_or_skip("redis_stopped_and_restarted_under_load") else {
        return;
    };

    // The store is made while Redis is down: construction never waits for it.
    redis.stop();
    let t = Instant::now();
    let store = Arc::new(CacheStore::redis(&redis.url(), "o:").unwrap());
    assert!(t.elapsed() < Duration::from_millis(50));
    worker_runtime().block_on(async {
        for _ in 0..5 {
            let t = Instant::now();
            assert!(store.get("k").await.is_err());
            assert!(t.elapsed() < BOUND, "{:?}", t.elapsed());
        }
    });
    redis.restart();

    // Two worker threads run operations the whole time.
    let stop = Arc::new(AtomicBool::new(false));
    let samples = Arc::new(Mutex::new(Vec::<Sample>::new()));
    let workers: Vec<_> = (0..2)
        .map(|w| {
            let (store, stop, samples) =
                (Arc::clone(&store), Arc::clone(&stop), Arc::clone(&samples));
            std::thread::spawn(move || {
                worker_runtime().block_on(async move {
                    let mut i = 0u64;
                    while !stop.load(Ordering::Relaxed) {
                        i += 1;
                        let key = format!("{w}/{}", i % 50);
                        let started = Instant::now();
                        let ok = if i.is_multiple_of(2) {
                            store
                                .set(&key, &entry(b"v", now_ms(), &["t"]))
                                .await
                                .is_ok()
                        } else {
                            store.lookup(&key, &["_N_T_/x"]).await.is_ok()
                        };
                        let took = started.elapsed();
                        samples.lock().unwrap().push(Sample { started, took, ok });
                        tokio::time::sleep(Duration::from_millis(2)).await;
                    }
                });
            })
        })
        .collect();

    // Up: after the failed connects above, commands fail at once for up to the retry
    // interval, 250 ms, before the next connect, which a loaded machine may delay further.
    // The first success starts the window in which every operation must succeed.
    let first_ok = |samples: &Mutex<Vec<Sample>>, since: Instant| {
        samples
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.ok && s.started >= since)
            .map(|s| s.started)
            .min()
    };
    let (since, deadline) = (Instant::now(), Instant::now() + Duration::from_secs(10));
    let up_at = loop {
        if let Some(t) = first_ok(&samples, since) {
            break t;
        }
        assert!(
            Instant::now() < deadline,
            "no operation succeeded once Redis was up"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    std::thread::sleep(Duration::from_millis(500));
    let stopped_at = Instant::now();
    redis.stop();
    std::thread::sleep(Duration::from_millis(1000));
    let restarted_at = Instant::now();
    redis.restart();
    std::thread::sleep(Duration::from_millis(1200));
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().expect("a worker panicked");
    }

    let back_at =
        first_ok(&samples, restarted_at).expect("no operation succeeded after the restart");
    let samples = samples.lock().unwrap();
    let during = |from: Instant, to: Instant| {
        samples
            .iter()
            .filter(move |s| s.started >= from && s.started < to)
            .collect::<Vec<_>>()
    };
    // Operations still in flight when Redis is killed fail: the windows leave 50 ms out.
    let before = during(up_at, stopped_at - Duration::from_millis(50));
    let down = during(stopped_at + Duration::from_millis(50), restarted_at);
    let after = during(back_at, Instant::now());
    assert!(
        !before.is_empty() && before.iter().all(|s| s.ok),
        "all ok while up"
    );
    assert!(
        down.len() > 20 && down.iter().all(|s| !s.ok),
        "all fail while down"
    );
    assert!(
        !after.is_empty() && after.iter().all(|s| s.ok),
        "ok again after the restart"
    );
    let worst = samples.iter().map(|s| s.took).max().unwrap();
    let mut down_times: Vec<_> = down.iter().map(|s| s.took).collect();
    down_times.sort();
    let first_ok_after = samples
        .iter()
        .filter(|s| s.started >= restarted_at && s.ok)
        .map(|s| s.started - restarted_at)
        .min()
        .unwrap();
    println!(
        "redis outage: {} ops while down, p50 {:?}, max {:?}; worst op overall {:?}; first success {:?} after restart",
        down.len(),
        down_times[down_times.len() / 2],
        down_times.last().unwrap(),
        worst,
        first_ok_after,
    );
    assert!(worst < BOUND, "an operation took {worst:?}");
}

/// A Redis that accepts TCP connections and never answers: every operation still ends within
/// the bound, by the connect and command timeouts (the default ones are 250 ms).
#[test]
fn a_silent_redis_times_out_within_the_bound() {
    // Bound and never accepted: the kernel completes the TCP handshake (backlog), and no
    // byte ever comes back.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Timeouts of 100 ms: the bound holds with room for a loaded machine's scheduling.
    let options = RedisOptions {
        prefix: "s:".into(),
        connect_timeout: Duration::from_millis(100),
        command_timeout: Duration::from_millis(100),
        ..RedisOptions::default()
    };
    let store = CacheStore::redis_with(&format!("redis://127.0.0.1:{port}"), options).unwrap();
    let mut worst = Duration::ZERO;
    worker_runtime().block_on(async {
        for i in 0u32..6 {
            let t = Instant::now();
            let result = if i.is_multiple_of(2) {
                store.get("k").await.map(drop)
            } else {
                store.try_lock("k", Duration::from_secs(1)).await.map(drop)
            };
            assert!(result.is_err());
            worst = worst.max(t.elapsed());
        }
    });
    println!("silent redis: worst operation {worst:?}");
    assert!(worst < BOUND, "{worst:?}");
    drop(listener);
}
