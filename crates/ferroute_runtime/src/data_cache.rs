//! The natives behind the `fetch` data cache, `unstable_cache` and `revalidateTag` /
//! `revalidatePath` (behaviour.md §13): JavaScript decides what is cached and for how long
//! (Next's rules, in `21_fetch.js` and `43_next_cache.js`); these read and write the
//! process's [`CacheStore`], shared with the response cache of the server.
//!
//! A store that fails (Redis unreachable) never fails the request: a read is a miss, a write
//! is dropped, and the error is logged at most once per [`ERROR_LOG_INTERVAL`].

use std::sync::Mutex;
use std::time::{Duration, Instant};

use bytes::Bytes;
use ferroute_cache::{CacheError, CacheStore, Entry, EntryKind, EntryMeta};
use rquickjs::prelude::Func;
use rquickjs::{Array, Ctx, Object, Persistent, Promise, TypedArray, Value};

use crate::natives::{report_js_error, value_to_bytes};
use crate::worker::{enter, with_state};

/// How often the same kind of cache failure is logged.
pub const ERROR_LOG_INTERVAL: Duration = Duration::from_secs(30);

pub(crate) fn install<'js>(n: &Object<'js>) -> rquickjs::Result<()> {
    n.set("cacheGet", Func::from(cache_get))?;
    n.set("cacheSet", Func::from(cache_set))?;
    n.set("cacheRevalidate", Func::from(cache_revalidate))?;
    n.set("cacheKey", Func::from(cache_key))?;
    Ok(())
}

fn store() -> std::sync::Arc<CacheStore> {
    with_state(|s| s.config.store.clone())
}

/// Logs a cache failure, at most once per interval for the whole process.
pub fn log_cache_error(what: &str, e: &CacheError) {
    static LAST: Mutex<Option<Instant>> = Mutex::new(None);
    let Ok(mut last) = LAST.lock() else { return };
    if last.is_some_and(|t| t.elapsed() < ERROR_LOG_INTERVAL) {
        return;
    }
    *last = Some(Instant::now());
    eprintln!(
        " ⚠ cache: {what} failed: {e} (requests are served without the cache meanwhile; this is logged at most every {}s)",
        ERROR_LOG_INTERVAL.as_secs()
    );
}

/// A key for `parts` (Next's cache key inputs as JSON), short whatever the body's size.
pub(crate) fn cache_key(prefix: String, parts: String) -> String {
    format!(
        "{prefix}:{}",
        sha1_smol::Sha1::from(parts.as_bytes()).digest()
    )
}

/// A fresh entry as `cacheGet` hands it to JavaScript.
pub(crate) struct Found {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Bytes,
    /// Milliseconds since the entry was written.
    pub(crate) age_ms: u64,
}

/// Looks `key` up: None when there is no entry, a tag in it or in `soft` revalidated it
/// (Next then fetches again at once), or the store failed (logged).
pub(crate) fn lookup_job(
    key: String,
    soft: Vec<String>,
) -> impl std::future::Future<Output = Option<Found>> {
    let store = store();
    async move {
        let found = match store.lookup(&key, &soft).await {
            Ok(found) => found.filter(|hit| !hit.revalidated_by_tag),
            Err(e) => {
                log_cache_error("a read", &e);
                None
            }
        };
        let now = store.now_ms();
        found.map(|hit| {
            let Entry { body, meta } = hit.entry;
            Found {
                status: meta.status,
                age_ms: now.saturating_sub(meta.last_modified_ms),
                headers: meta.headers,
                body,
            }
        })
    }
}

/// `cacheGet(key, softTags)` → `[status, headers (flat), body Uint8Array, age ms]`, or `null`
/// when there is no entry or a tag revalidated it (Next then fetches again at once).
fn cache_get<'js>(ctx: Ctx<'js>, key: String, soft: Vec<String>) -> rquickjs::Result<Promise<'js>> {
    let (promise, resolve, _reject) = Promise::new(&ctx)?;
    let resolve = Persistent::save(&ctx, resolve);
    let owner = crate::alloc::running_tag();
    let job = lookup_job(key, soft);
    crate::worker::spawn(async move {
        let found = job.await;
        enter(move |ctx| {
            crate::alloc::charge_to(owner);
            let r = (|| {
                let value: Value = match found {
                    None => Value::new_null(ctx.clone()),
                    Some(hit) => {
                        let out = Array::new(ctx.clone())?;
                        out.set(0, hit.status)?;
                        let flat = Array::new(ctx.clone())?;
                        for (i, (k, v)) in hit.headers.iter().enumerate() {
                            flat.set(2 * i, k.as_str())?;
                            flat.set(2 * i + 1, v.as_str())?;
                        }
                        out.set(1, flat)?;
                        out.set(2, TypedArray::<u8>::new_copy(ctx.clone(), &hit.body[..])?)?;
                        out.set(3, hit.age_ms as f64)?;
                        out.into_value()
                    }
                };
                resolve.restore(&ctx)?.call::<_, ()>((value,))
            })();
            if let Err(e) = r {
                report_js_error(&ctx, e);
            }
        })
        .await;
    });
    Ok(promise)
}

/// Writes an entry: `info` is `[kind, revalidate, status]` (kind 1 fetch, 2
/// `unstable_cache`; revalidate in seconds, -1 for never), `headers` a flat list. The
/// future ends when it is written, or dropped because the store failed (logged).
pub(crate) fn set_job(
    key: String,
    info: &[f64],
    tags: Vec<String>,
    headers: Vec<String>,
    body: Bytes,
) -> impl std::future::Future<Output = ()> {
    let field = |i: usize| info.get(i).copied().unwrap_or(-1.0);
    let (kind, revalidate) = (field(0), field(1));
    let status = u16::try_from(field(2) as i64).unwrap_or(200);
    let store = store();
    let mut pairs = Vec::with_capacity(headers.len() / 2);
    let mut it = headers.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        pairs.push((k, v));
    }
    let entry = Entry {
        body,
        meta: EntryMeta {
            kind: if kind == 2.0 {
                EntryKind::UnstableCache
            } else {
                EntryKind::Fetch
            },
            status,
            headers: pairs,
            tags,
            revalidate: (revalidate.is_finite() && revalidate >= 0.0).then_some(revalidate as u64),
            expire: None,
            last_modified_ms: store.now_ms(),
        },
    };
    async move {
        if let Err(e) = store.set(&key, &entry).await {
            log_cache_error("a write", &e);
        }
    }
}

/// `cacheSet(key, [kind, revalidate, status], tags, headers, body)`: see [`set_job`].
/// Resolves when written (or dropped).
fn cache_set<'js>(
    ctx: Ctx<'js>,
    key: String,
    info: Vec<f64>,
    tags: Vec<String>,
    headers: Vec<String>,
    body: Value<'js>,
) -> rquickjs::Result<Promise<'js>> {
    let body: Bytes = value_to_bytes(&ctx, &body)?;
    let (promise, resolve, _reject) = Promise::new(&ctx)?;
    let resolve = Persistent::save(&ctx, resolve);
    let job = set_job(key, &info, tags, headers, body);
    crate::worker::spawn(async move {
        job.await;
        settle(resolve).await;
    });
    Ok(promise)
}

/// Records that `tags` were revalidated now; the future ends when stored (or the store
/// failed, logged).
pub(crate) fn revalidate_job(tags: Vec<String>) -> impl std::future::Future<Output = ()> {
    let store = store();
    async move {
        if let Err(e) = store.revalidate_tags(&tags, store.now_ms()).await {
            log_cache_error("revalidating tags", &e);
        }
    }
}

/// `cacheRevalidate(tags)`: records that `tags` were revalidated now. Resolves when stored.
fn cache_revalidate<'js>(ctx: Ctx<'js>, tags: Vec<String>) -> rquickjs::Result<Promise<'js>> {
    let (promise, resolve, _reject) = Promise::new(&ctx)?;
    let resolve = Persistent::save(&ctx, resolve);
    let job = revalidate_job(tags);
    crate::worker::spawn(async move {
        job.await;
        settle(resolve).await;
    });
    Ok(promise)
}

async fn settle(resolve: Persistent<rquickjs::Function<'static>>) {
    enter(move |ctx| {
        if let Err(e) = resolve.restore(&ctx).and_then(|f| f.call::<_, ()>(())) {
            report_js_error(&ctx, e);
        }
    })
    .await;
}
