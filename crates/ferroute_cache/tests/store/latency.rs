//! Latency of each store, printed (run with `--nocapture` to read it): p50/p99 of set, get
//! and lookup over a few thousand operations of a 1 KiB route entry from one current-thread
//! runtime. For Redis also the design this store did not take: one thread owning the
//! connection, commands sent to it over a channel; measured one at a time and under
//! concurrency from two worker threads. Only gross regressions fail; the figures are for
//! ARCHITECTURE.md.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ferroute_cache::CacheStore;
use tokio::sync::{mpsc, oneshot};

use crate::server::start_or_skip;
use crate::{entry, now_ms, worker_runtime, TempDir};

const OPS: usize = 3000;

async fn measure<F: Future>(n: usize, mut op: impl FnMut(usize) -> F) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        op(i).await;
        times.push(t.elapsed());
    }
    times.sort();
    (times[n / 2], times[n * 99 / 100])
}

fn show(store: &str, op: &str, n: usize, (p50, p99): (Duration, Duration)) {
    println!(
        "latency {store:<26} {op:<7} n={n:<5} p50 {:>7.1} µs  p99 {:>8.1} µs",
        us(p50),
        us(p99)
    );
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

async fn measure_store(name: &str, store: &CacheStore, sets: usize) -> Duration {
    let body = vec![b'x'; 1024];
    let e = entry(&body, now_ms(), &["tagA", "_N_T_/api/x/route"]);
    let keys: Vec<String> = (0..100).map(|i| format!("/api/item/{i}")).collect();
    let set = measure(sets, |i| store.set(&keys[i % 100], &e)).await;
    show(name, "set", sets, set);
    let get = measure(OPS, |i| store.get(&keys[i % 100])).await;
    show(name, "get", OPS, get);
    let lookup = measure(OPS, |i| store.lookup(&keys[i % 100], &["_N_T_/layout"])).await;
    show(name, "lookup", OPS, lookup);
    lookup.1
}

/// The alternative design: a thread with its own runtime owns one connection; callers send
/// it commands and await a oneshot answer.
#[derive(Clone)]
struct ConnectionThread(mpsc::UnboundedSender<(redis::Cmd, oneshot::Sender<redis::Value>)>);

impl ConnectionThread {
    fn start(url: String) -> Self {
        let (tx, mut rx) = mpsc::unbounded_channel::<(redis::Cmd, oneshot::Sender<redis::Value>)>();
        std::thread::spawn(move || {
            worker_runtime().block_on(async move {
                let client = redis::Client::open(url).unwrap();
                let conn = client.get_multiplexed_async_connection().await.unwrap();
                while let Some((cmd, reply)) = rx.recv().await {
                    let mut conn = conn.clone();
                    tokio::spawn(async move {
                        let _ = reply.send(conn.send_packed_command(&cmd).await.unwrap());
                    });
                }
            });
        });
        Self(tx)
    }

    async fn get(&self, key: &str) -> redis::Value {
        let (reply, answer) = oneshot::channel();
        let mut cmd = redis::cmd("GET");
        cmd.arg(key);
        self.0.send((cmd, reply)).unwrap();
        answer.await.unwrap()
    }
}

#[test]
fn latency_per_store() {
    worker_runtime().block_on(async {
        let memory = CacheStore::memory(64 << 20);
        let p99 = measure_store("memory", &memory, OPS).await;
        assert!(p99 < Duration::from_millis(5));

        let dir = TempDir::new("latency");
        let fs = CacheStore::filesystem(dir.path()).unwrap();
        // Each set fsyncs the file and its folder: far fewer of them.
        let p99 = measure_store("filesystem", &fs, 200).await;
        assert!(p99 < Duration::from_millis(50));

        let Some(redis) = start_or_skip("latency_per_store (redis)") else {
            return;
        };
        let store = CacheStore::redis(&redis.url(), "lat:").unwrap();
        let p99 = measure_store("redis", &store, OPS).await;
        assert!(p99 < Duration::from_millis(50));
        // What `lookup` saves: a GET, then an MGET of the entry's and the soft tags.
        let two_trips = measure(OPS, |i| {
            let store = &store;
            async move {
                let e = store
                    .get(&format!("/api/item/{}", i % 100))
                    .await
                    .unwrap()
                    .unwrap();
                let mut tags = vec!["_N_T_/layout"];
                tags.extend(e.meta.tags.iter().map(String::as_str));
                store.tags_revalidated_at(&tags).await.unwrap();
            }
        })
        .await;
        show("redis", "get+mget", OPS, two_trips);

        let key = "lat:entry:/api/item/1";
        let client = redis::Client::open(redis.url()).unwrap();
        let direct = client.get_multiplexed_async_connection().await.unwrap();
        let raw = measure(OPS, |_| {
            let mut c = direct.clone();
            async move {
                let mut cmd = redis::cmd("GET");
                cmd.arg(key);
                c.send_packed_command(&cmd).await.unwrap();
            }
        })
        .await;
        show("redis crate alone (floor)", "get", OPS, raw);
        let thread = ConnectionThread::start(redis.url());
        thread.get(key).await;
        let via_thread = measure(OPS, |_| thread.get(key)).await;
        show("connection-thread design", "get", OPS, via_thread);
    });
}

/// Throughput with two worker threads, 16 GETs in flight each: this store (a connection per
/// worker runtime) against the connection-thread design.
#[test]
fn redis_throughput_two_workers() {
    let Some(redis) = start_or_skip("redis_throughput_two_workers") else {
        return;
    };
    let store = Arc::new(CacheStore::redis(&redis.url(), "thr:").unwrap());
    worker_runtime()
        .block_on(store.set("k", &entry(&[b'x'; 1024], now_ms(), &[])))
        .unwrap();
    let thread = ConnectionThread::start(redis.url());
    let per_worker = 4000;

    let run = |use_store: bool| {
        let t = Instant::now();
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let (store, thread) = (Arc::clone(&store), thread.clone());
                std::thread::spawn(move || {
                    let local = tokio::task::LocalSet::new();
                    local.block_on(&worker_runtime(), async move {
                        let tasks: Vec<_> = (0..16)
                            .map(|_| {
                                let (store, thread) = (Arc::clone(&store), thread.clone());
                                tokio::task::spawn_local(async move {
                                    for _ in 0..per_worker / 16 {
                                        if use_store {
                                            store.get("k").await.unwrap().unwrap();
                                        } else {
                                            thread.get("thr:entry:k").await;
                                        }
                                    }
                                })
                            })
                            .collect();
                        for task in tasks {
                            task.await.unwrap();
                        }
                    });
                })
            })
            .collect();
        workers.into_iter().for_each(|w| w.join().unwrap());
        f64::from(2 * per_worker) / t.elapsed().as_secs_f64()
    };
    let per_worker_conn = run(true);
    let conn_thread = run(false);
    println!(
        "throughput 2 workers x 16 in flight, GET 1 KiB: this store {per_worker_conn:.0} ops/s (incl. decoding), connection-thread design {conn_thread:.0} ops/s"
    );
}
