//! Static and ISR route handlers (behaviour.md §12): the response cache, served without
//! entering JavaScript.
//!
//! A route the engine classifies as static (`Engine::static_generation`) answers GET and
//! HEAD from its entry: `x-nextjs-cache: HIT` while the entry is fresh; `STALE` once its
//! `revalidate` seconds have passed, while one background regeneration per entry replaces
//! it (a regeneration that fails keeps the stale entry and is logged); `MISS` when the
//! entry is generated for this request (a dynamic segment's path first asked for, or an
//! entry a `revalidateTag`/`revalidatePath` invalidated). Routes without dynamic segments
//! are generated when the server starts. Other methods get 405.
//!
//! Entries live in the process's [`CacheStore`] (the file system by default, memory, or
//! Redis shared by every instance), with a copy in memory whose headers are ready to send.
//! With a store of this process alone the copy answers a HIT by itself, asking the store
//! about tags only after this process revalidated some; with Redis every request asks the
//! store (one round trip: the entry's version and whether a tag revalidated it, on another
//! instance too), and if Redis cannot answer, the copy is served and the error logged. A
//! regeneration takes the store's lock for its key, so across instances one runs at a time.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use ferroute_cache::{CacheStore, Entry as StoredEntry, EntryKind, EntryMeta};
use ferroute_runtime::{
    log_cache_error, Engine, Generated, GeneratedResponse, IncomingBody, ParamValue, Params,
    ResponseBody, StaticGeneration,
};
use http::{header, HeaderMap, HeaderName, HeaderValue, Method, Response, StatusCode};

/// Next.js's `expireTime` default: the `s-maxage` of entries that never expire, and the
/// horizon of `stale-while-revalidate`.
const EXPIRE_SECS: u64 = 31_536_000;

/// Named once: a name given as a string is parsed again on every use.
const X_NEXTJS_CACHE: HeaderName = HeaderName::from_static("x-nextjs-cache");
const X_PRERENDER_REVALIDATE: HeaderName = HeaderName::from_static("x-prerender-revalidate");

/// How long a regeneration may hold its key's lock (it is released when it ends; this
/// bounds an instance that died holding it).
const LOCK_TTL: Duration = Duration::from_secs(60);

/// How long a request waits for the entry another instance is generating before it
/// generates one itself.
const WAIT_FOR_OTHER: Duration = Duration::from_secs(10);

/// One cached response, its headers ready to send (cloning a `HeaderMap` is cheaper than
/// building one on every hit).
#[derive(Debug)]
struct Entry {
    status: StatusCode,
    /// The handler's headers, `cache-control` when it set none, and `x-nextjs-cache: HIT`
    /// last (a HIT sends them as they are; another state replaces the value in place, so
    /// the clone never grows).
    headers: HeaderMap,
    body: Bytes,
    /// When it was generated (the store's `last_modified_ms`): its version.
    generated_ms: u64,
    /// Seconds after which it is stale (`None`: never).
    revalidate: Option<u64>,
    /// The tags of the fetches it made, and the implicit tags of its route and path.
    tags: Vec<String>,
    /// `CacheStore::local_revalidations` when its tags were last found current.
    checked: AtomicU64,
}

impl Entry {
    /// `regenerated`: made by a regeneration, not the first generation (Next.js 15.5 then
    /// drops the `stale-while-revalidate` part of `cache-control`).
    fn new(
        r: GeneratedResponse,
        revalidate: Option<u64>,
        regenerated: bool,
        implicit: Vec<String>,
        now_ms: u64,
    ) -> Self {
        let revalidate = match (revalidate, r.revalidate) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let mut headers = r.headers;
        if !headers.contains_key(header::CACHE_CONTROL) {
            let value = match revalidate {
                None => format!("s-maxage={EXPIRE_SECS}"),
                Some(secs) if regenerated => format!("s-maxage={secs}"),
                Some(secs) => format!(
                    "s-maxage={secs}, stale-while-revalidate={}",
                    EXPIRE_SECS.saturating_sub(secs)
                ),
            };
            if let Ok(v) = HeaderValue::from_str(&value) {
                headers.insert(header::CACHE_CONTROL, v);
            }
        }
        let mut tags = r.tags;
        tags.extend(implicit);
        Self {
            status: StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK),
            headers: ready_to_send(headers),
            body: r.body,
            generated_ms: now_ms,
            revalidate,
            tags,
            checked: AtomicU64::new(0),
        }
    }

    /// The entry as the store keeps it.
    fn stored(&self) -> StoredEntry {
        StoredEntry {
            body: self.body.clone(),
            meta: EntryMeta {
                kind: EntryKind::Route,
                status: self.status.as_u16(),
                headers: self
                    .headers
                    .iter()
                    .filter(|(k, _)| *k != X_NEXTJS_CACHE)
                    .map(|(k, v)| {
                        (
                            k.as_str().to_owned(),
                            String::from_utf8_lossy(v.as_bytes()).into_owned(),
                        )
                    })
                    .collect(),
                tags: self.tags.clone(),
                revalidate: self.revalidate,
                // Next.js's expireTime: an ISR entry is not served more than a year old.
                expire: self.revalidate.map(|_| EXPIRE_SECS),
                last_modified_ms: self.generated_ms,
            },
        }
    }

    /// An entry read from the store.
    fn from_stored(e: StoredEntry) -> Self {
        let mut headers = HeaderMap::with_capacity(e.meta.headers.len() + 1);
        for (k, v) in &e.meta.headers {
            if let (Ok(k), Ok(v)) = (HeaderName::try_from(k.as_str()), HeaderValue::from_str(v)) {
                headers.append(k, v);
            }
        }
        Self {
            status: StatusCode::from_u16(e.meta.status).unwrap_or(StatusCode::OK),
            headers: ready_to_send(headers),
            body: e.body,
            generated_ms: e.meta.last_modified_ms,
            revalidate: e.meta.revalidate,
            tags: e.meta.tags,
            checked: AtomicU64::new(0),
        }
    }

    fn is_fresh(&self, now_ms: u64) -> bool {
        self.revalidate
            .is_none_or(|secs| now_ms < self.generated_ms.saturating_add(secs.saturating_mul(1000)))
    }
}

/// Bytes of responses the in-memory copy keeps at most: beyond it entries leave it (they stay
/// in the store, which answers their next request and puts them back).
const FRONT_MAX_BYTES: usize = 64 << 20;

/// The in-memory copies of entries, bounded by [`FRONT_MAX_BYTES`].
#[derive(Debug, Default)]
struct Front {
    map: HashMap<String, Arc<Entry>, foldhash::fast::RandomState>,
    bytes: usize,
}

impl Front {
    fn size(key: &str, entry: &Entry) -> usize {
        let headers: usize = entry
            .headers
            .iter()
            .map(|(k, v)| k.as_str().len() + v.len())
            .sum();
        key.len() + entry.body.len() + headers + 128
    }

    fn insert(&mut self, key: &str, entry: Arc<Entry>) {
        let size = Self::size(key, &entry);
        self.remove(key);
        if size > FRONT_MAX_BYTES / 4 {
            return;
        }
        self.bytes += size;
        self.map.insert(key.to_owned(), entry);
        if self.bytes > FRONT_MAX_BYTES {
            // Out go arbitrary others (the map's order) down to seven eighths of the bound.
            let goal = FRONT_MAX_BYTES / 8 * 7;
            let mut out = Vec::new();
            let mut bytes = self.bytes;
            for (k, e) in &self.map {
                if bytes <= goal {
                    break;
                }
                if k != key {
                    bytes -= Self::size(k, e);
                    out.push(k.clone());
                }
            }
            for k in out {
                self.remove(&k);
            }
        }
    }

    fn remove(&mut self, key: &str) {
        if let Some(old) = self.map.remove(key) {
            self.bytes -= Self::size(key, &old);
        }
    }
}

/// The implicit tags of a path, made on first use: a HIT answered from the in-memory copy
/// needs none.
struct Implicit<'a> {
    pattern: &'a str,
    path: &'a str,
    tags: std::cell::OnceCell<Vec<String>>,
}

impl<'a> Implicit<'a> {
    fn new(pattern: &'a str, path: &'a str) -> Self {
        Self {
            pattern,
            path,
            tags: std::cell::OnceCell::new(),
        }
    }

    fn get(&self) -> &[String] {
        self.tags
            .get_or_init(|| implicit_tags(self.pattern, self.path))
    }
}

/// The implicit tags of a route's response, as Next.js derives them from the route's page
/// (`/a/[id]/route`) and the path: `_N_T_/layout`, `_N_T_/a/layout`, `_N_T_/a/[id]/layout`,
/// `_N_T_/a/[id]/route`, `_N_T_/a/1`. `revalidatePath` revalidates one of them.
pub(crate) fn implicit_tags(pattern: &str, path: &str) -> Vec<String> {
    let page = format!("{}/route", if pattern == "/" { "" } else { pattern });
    let mut tags = vec!["_N_T_/layout".to_owned()];
    let mut prefix = String::new();
    for segment in page.split('/').filter(|s| !s.is_empty()) {
        prefix.push('/');
        prefix.push_str(segment);
        if segment == "route" && prefix.len() == page.len() {
            tags.push(format!("_N_T_{prefix}"));
        } else {
            tags.push(format!("_N_T_{prefix}/layout"));
        }
    }
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    tags.push(format!("_N_T_{path}"));
    tags
}

/// The response cache of every worker.
#[derive(Debug)]
pub(crate) struct ResponseCache {
    store: Arc<CacheStore>,
    /// The build whose responses these are: entries of other builds are never served.
    build_id: String,
    /// The `x-prerender-revalidate` value that regenerates an entry on demand (Next's
    /// preview mode id: also the draft-mode secret).
    revalidate_secret: String,
    /// `ferroute dev`: nothing is cached, every request runs its handler (as `next dev`).
    dev: bool,
    /// The entries in memory, by path.
    front: RwLock<Front>,
    /// Keys whose regeneration runs now in this process (one at a time per key).
    regenerating: Mutex<HashSet<String>>,
    /// The paths `generateStaticParams` listed, per route (for `dynamicParams = false`).
    listed: Mutex<HashMap<usize, HashSet<String>>>,
}

/// A route that is static after prerendering, and the paths generated for it.
#[derive(Debug, Clone)]
pub(crate) struct Prerendered {
    pub(crate) index: usize,
    pub(crate) paths: Vec<String>,
    /// Seconds after which its entries are stale (`None`: never), fetches' caps included.
    pub(crate) revalidate: Option<u64>,
}

/// What the store says of a key.
enum Lookup {
    /// An entry to serve (fresh or stale).
    Found(Arc<Entry>),
    /// None: generate it now.
    Missing,
    /// One a tag revalidated: generate it now (a regeneration, for `cache-control`).
    Revalidated,
}

impl ResponseCache {
    pub(crate) fn new(store: Arc<CacheStore>, build_id: String, revalidate_secret: String) -> Self {
        Self {
            store,
            build_id,
            revalidate_secret,
            dev: false,
            front: RwLock::default(),
            regenerating: Mutex::default(),
            listed: Mutex::default(),
        }
    }

    /// The cache of `ferroute dev`, which caches nothing.
    pub(crate) fn for_dev(mut self) -> Self {
        self.dev = true;
        self
    }

    /// The store's key of the response for `path`.
    fn store_key(&self, path: &str) -> String {
        format!("route:{}:{path}", self.build_id)
    }

    fn front(&self, key: &str) -> Option<Arc<Entry>> {
        self.front.read().ok()?.map.get(key).cloned()
    }

    fn keep(&self, key: &str, entry: Arc<Entry>) {
        if let Ok(mut front) = self.front.write() {
            front.insert(key, entry);
        }
    }

    fn forget(&self, key: &str) {
        if let Ok(mut front) = self.front.write() {
            front.remove(key);
        }
    }

    /// Stores a generated entry (in memory at once, in the store before returning).
    async fn put(&self, key: &str, entry: Entry) -> Arc<Entry> {
        entry
            .checked
            .store(self.store.local_revalidations(), Ordering::Relaxed);
        let entry = Arc::new(entry);
        self.keep(key, entry.clone());
        if let Err(e) = self.store.set(&self.store_key(key), &entry.stored()).await {
            log_cache_error("storing a response", &e);
        }
        entry
    }

    /// As [`ResponseCache::put`], the store write running on its own.
    fn put_later(self: &Arc<Self>, key: &str, entry: Entry) -> tokio::task::JoinHandle<()> {
        let (cache, key) = (self.clone(), key.to_owned());
        tokio::task::spawn_local(async move {
            cache.put(&key, entry).await;
        })
    }

    async fn remove(&self, key: &str) {
        self.forget(key);
        if let Err(e) = self.store.delete(&self.store_key(key)).await {
            log_cache_error("removing a response", &e);
        }
    }

    /// The HIT of a fresh entry this process holds in memory with its tags checked since the
    /// last local revalidation, or None (then `serve` decides). The common case, answered
    /// without awaiting; a shared store (Redis) is always asked, so it never applies there.
    pub(crate) fn fresh_hit<B>(
        &self,
        key: &str,
        req: &http::Request<B>,
    ) -> Option<Response<ResponseBody>> {
        if self.dev || self.store.is_shared() {
            return None;
        }
        let head_only = match *req.method() {
            Method::GET => false,
            Method::HEAD => true,
            _ => return None,
        };
        if req.headers().contains_key(X_PRERENDER_REVALIDATE) {
            return None;
        }
        let entry = self.front(key)?;
        let current = entry.checked.load(Ordering::Relaxed) == self.store.local_revalidations();
        let fresh = entry.revalidate.is_none() || entry.is_fresh(self.store.now_ms());
        (current && fresh).then(|| respond(&entry, HIT, head_only))
    }

    /// The entry of `key`, as the store knows it now.
    async fn lookup(&self, key: &str, implicit: &Implicit<'_>) -> Lookup {
        let front = self.front(key);
        if !self.store.is_shared() {
            if let Some(entry) = front {
                let now = self.store.local_revalidations();
                if entry.checked.load(Ordering::Relaxed) == now {
                    return Lookup::Found(entry);
                }
                // This process revalidated tags since: are this entry's among them?
                let times = self
                    .store
                    .tags_revalidated_at(&entry.tags)
                    .await
                    .unwrap_or_default();
                if ferroute_cache::revalidated_by_tags(entry.generated_ms, &times) {
                    self.forget(key);
                    return Lookup::Revalidated;
                }
                entry.checked.store(now, Ordering::Relaxed);
                return Lookup::Found(entry);
            }
        }
        match self
            .store
            .lookup(&self.store_key(key), implicit.get())
            .await
        {
            Ok(Some(hit)) if hit.revalidated_by_tag => Lookup::Revalidated,
            Ok(Some(hit)) => {
                if let Some(entry) =
                    front.filter(|e| e.generated_ms == hit.entry.meta.last_modified_ms)
                {
                    return Lookup::Found(entry);
                }
                let entry = Arc::new(Entry::from_stored(hit.entry));
                entry
                    .checked
                    .store(self.store.local_revalidations(), Ordering::Relaxed);
                self.keep(key, entry.clone());
                Lookup::Found(entry)
            }
            Ok(None) => {
                if front.is_some() {
                    self.forget(key);
                }
                Lookup::Missing
            }
            Err(e) => {
                // Redis is away: serve what this instance has, or generate.
                log_cache_error("reading a response", &e);
                front.map_or(Lookup::Missing, Lookup::Found)
            }
        }
    }

    /// Claims the regeneration of `key`: false when one runs already.
    fn claim(&self, key: &str) -> bool {
        self.regenerating
            .lock()
            .is_ok_and(|mut r| r.insert(key.to_owned()))
    }

    fn unclaim(&self, key: &str) {
        if let Ok(mut r) = self.regenerating.lock() {
            r.remove(key);
        }
    }

    /// Generates the routes without dynamic segments, and the paths `generateStaticParams`
    /// lists, ahead, as `next build` prerenders them; an entry this build stored before (a
    /// restart, or `ferroute build`) is kept. Returns what each static route got, or the
    /// path whose handler used a dynamic API under `dynamic = 'error'` (with `strict`, as
    /// `ferroute build`, also a handler that throws; else it is tried again on its first
    /// request).
    pub(crate) async fn prerender(
        self: &Arc<Self>,
        engine: &Engine,
        patterns: &[String],
        strict: bool,
    ) -> Result<Vec<Prerendered>, String> {
        let mut report = Vec::new();
        if self.dev {
            return Ok(report);
        }
        // The store writes run side by side (a file-system write waits for its fsync).
        let mut writes = Vec::new();
        for (index, pattern) in patterns.iter().enumerate() {
            let Some(generation) = engine.static_generation(index) else {
                continue;
            };
            let paths = if !pattern.contains('[') {
                vec![(pattern.clone(), None)]
            } else if generation.static_params {
                let list = engine.static_params(index).await.map_err(|e| {
                    eprintln!("⨯ generateStaticParams of {pattern}: {e}");
                    pattern.clone()
                })?;
                let paths: Vec<_> = list
                    .into_iter()
                    .map(|params| (fill(pattern, &params), Some(params)))
                    .collect();
                if let Ok(mut listed) = self.listed.lock() {
                    listed.insert(index, paths.iter().map(|(p, _)| p.clone()).collect());
                }
                paths
            } else {
                // force-static with a dynamic segment: each path is generated on its first
                // request (with `revalidate` alone the route stays dynamic, as in serve()).
                if generation.revalidate.is_none() {
                    report.push(Prerendered {
                        index,
                        paths: Vec::new(),
                        revalidate: None,
                    });
                }
                continue;
            };
            let mut done = Prerendered {
                index,
                paths: Vec::new(),
                revalidate: generation.revalidate,
            };
            for (path, params) in paths {
                let lazy = Implicit::new(pattern, &path);
                if let Lookup::Found(entry) = self.lookup(&path, &lazy).await {
                    done.revalidate = entry.revalidate;
                    done.paths.push(path);
                    continue;
                }
                match engine.generate(index, &path, params, true).await {
                    Generated::Static(response) => {
                        let entry = Entry::new(
                            response,
                            generation.revalidate,
                            false,
                            lazy.get().to_vec(),
                            self.store.now_ms(),
                        );
                        done.revalidate = entry.revalidate;
                        writes.push(self.put_later(&path, entry));
                        done.paths.push(path);
                    }
                    Generated::Dynamic(_) => {
                        done.paths.clear();
                        break;
                    }
                    Generated::DynamicError => return Err(path),
                    Generated::Failed if strict => return Err(path),
                    // A service it needs may be down now: its first request tries again.
                    Generated::Failed => eprintln!(
                        " ⚠ {path} could not be generated at start-up (error above); it is generated on its first request"
                    ),
                }
            }
            if engine.static_generation(index).is_some() {
                report.push(done);
            }
        }
        for write in writes {
            let _ = write.await;
        }
        Ok(report)
    }

    fn is_listed(&self, index: usize, key: &str) -> bool {
        self.listed
            .lock()
            .is_ok_and(|l| l.get(&index).is_some_and(|paths| paths.contains(key)))
    }

    /// Generates `key` for a request (MISS). Across instances one generates while the others
    /// wait for its entry (up to [`WAIT_FOR_OTHER`]); `None` when the route turned dynamic.
    /// An entry generated at or after `since_ms` that appears meanwhile (another instance's or
    /// worker's) is served instead: 0 when the caller's lookup found none to serve.
    async fn generate_now(
        &self,
        engine: &Engine,
        target: &Target<'_>,
        key: &str,
        implicit: &Implicit<'_>,
        since_ms: u64,
    ) -> Option<Result<(Arc<Entry>, &'static str), StatusCode>> {
        let lock_name = self.store_key(key);
        let mut lock = self
            .store
            .try_lock(&lock_name, LOCK_TTL)
            .await
            .ok()
            .flatten();
        if lock.is_none() {
            let started = Instant::now();
            while started.elapsed() < WAIT_FOR_OTHER {
                tokio::time::sleep(Duration::from_millis(10)).await;
                if let Lookup::Found(entry) = self.lookup(key, implicit).await {
                    if entry.generated_ms >= since_ms {
                        return Some(Ok((entry, HIT)));
                    }
                }
                match self.store.try_lock(&lock_name, LOCK_TTL).await {
                    Ok(Some(l)) => {
                        lock = Some(l);
                        break;
                    }
                    Ok(None) => {}
                    // Redis went away: generate without it.
                    Err(_) => break,
                }
            }
        }
        // The entry may have been stored (by another instance or worker) between this
        // request's lookup and the lock: serve it rather than generate it again.
        if lock.is_some() {
            if let Lookup::Found(entry) = self.lookup(key, implicit).await {
                if entry.generated_ms >= since_ms {
                    return Some(Ok((entry, HIT)));
                }
            }
        }
        let generated = engine
            .generate(target.index, key, target.params.cloned(), false)
            .await;
        let result = match generated {
            Generated::Static(response) => {
                let entry = Entry::new(
                    response,
                    target.generation.revalidate,
                    target.regenerated,
                    implicit.get().to_vec(),
                    self.store.now_ms(),
                );
                Some(Ok((self.put(key, entry).await, "MISS")))
            }
            Generated::Dynamic(_) => None,
            Generated::Failed | Generated::DynamicError => {
                Some(Err(StatusCode::INTERNAL_SERVER_ERROR))
            }
        };
        drop(lock);
        result
    }
}

/// The route a request asks for.
struct Target<'a> {
    index: usize,
    generation: StaticGeneration,
    params: Option<&'a Params>,
    /// An entry existed and a tag revalidated it.
    regenerated: bool,
}

/// A static route as a request reaches it.
pub(crate) struct StaticRoute<'a> {
    pub(crate) index: usize,
    pub(crate) generation: StaticGeneration,
    /// Its URL pattern.
    pub(crate) pattern: &'a str,
    /// The cache key: the path the route was matched with (below basePath, without a
    /// trailing slash, after rewrites).
    pub(crate) key: &'a str,
}

/// Answers a request to static route `index` from the cache, generating or regenerating
/// its entry as needed; None when the route turned out dynamic (serve it as such).
pub(crate) async fn serve(
    cache: &Arc<ResponseCache>,
    engine: &Rc<Engine>,
    route: StaticRoute<'_>,
    req: &http::Request<IncomingBody>,
    params: Option<&Params>,
) -> Option<Response<ResponseBody>> {
    let StaticRoute {
        index,
        generation,
        pattern,
        key,
    } = route;
    if cache.dev {
        return None;
    }
    let head_only = match *req.method() {
        Method::GET => false,
        Method::HEAD => true,
        _ => return Some(method_not_allowed()),
    };
    let has_segments = params.is_some();
    let implicit = Implicit::new(pattern, key);
    // On-demand revalidation, as Next.js's: regenerate now, answer REVALIDATED.
    let on_demand = req
        .headers()
        .get(X_PRERENDER_REVALIDATE)
        .is_some_and(|v| v.as_bytes() == cache.revalidate_secret.as_bytes());
    if on_demand {
        let since_ms = cache.store.now_ms();
        let target = Target {
            index,
            generation,
            params,
            regenerated: true,
        };
        return match cache
            .generate_now(engine, &target, key, &implicit, since_ms)
            .await?
        {
            Ok((entry, _)) => Some(respond(&entry, "REVALIDATED", head_only)),
            Err(status) => Some(crate::service::status(status)),
        };
    }
    let had_entry = match cache.lookup(key, &implicit).await {
        Lookup::Found(entry) => {
            if entry.is_fresh(cache.store.now_ms()) {
                return Some(respond(&entry, HIT, head_only));
            }
            regenerate_later(cache, engine, index, generation, pattern, key, params);
            return Some(respond(&entry, "STALE", head_only));
        }
        Lookup::Missing => false,
        Lookup::Revalidated => true,
    };
    if has_segments
        && generation.static_params
        && generation.only_listed_params
        && !cache.is_listed(index, key)
    {
        return Some(crate::service::not_found());
    }
    // Next.js 15.5 caches a dynamic segment's paths only under force-static or
    // generateStaticParams; with `revalidate` alone they stay dynamic.
    if has_segments && generation.revalidate.is_some() && !generation.static_params {
        return None;
    }
    let target = Target {
        index,
        generation,
        params,
        regenerated: had_entry,
    };
    match cache
        .generate_now(engine, &target, key, &implicit, 0)
        .await?
    {
        Ok((entry, state)) => Some(respond(&entry, state, head_only)),
        Err(status) => Some(crate::service::status(status)),
    }
}

/// Starts the background regeneration of a stale entry, unless one runs already here or on
/// another instance (the store's lock).
fn regenerate_later(
    cache: &Arc<ResponseCache>,
    engine: &Rc<Engine>,
    index: usize,
    generation: StaticGeneration,
    pattern: &str,
    key: &str,
    params: Option<&Params>,
) {
    if !cache.claim(key) {
        return;
    }
    let (cache, engine) = (cache.clone(), engine.clone());
    let (pattern, key) = (pattern.to_owned(), key.to_owned());
    let params = params.cloned();
    tokio::task::spawn_local(async move {
        let implicit = Implicit::new(&pattern, &key);
        // Redis unreachable: regenerate without the lock rather than never.
        let lock = match cache.store.try_lock(&cache.store_key(&key), LOCK_TTL).await {
            Ok(None) => {
                cache.unclaim(&key);
                return;
            }
            Ok(Some(lock)) => Some(lock),
            Err(_) => None,
        };
        // Regenerated (here or on another instance) between the request's lookup and the
        // lock: nothing left to do.
        if lock.is_some() {
            if let Lookup::Found(entry) = cache.lookup(&key, &implicit).await {
                if entry.is_fresh(cache.store.now_ms()) {
                    cache.unclaim(&key);
                    return;
                }
            }
        }
        match engine.generate(index, &key, params, false).await {
            Generated::Static(response) => {
                let now = cache.store.now_ms();
                let tags = implicit.get().to_vec();
                let entry = Entry::new(response, generation.revalidate, true, tags, now);
                cache.put(&key, entry).await;
            }
            Generated::Dynamic(_) => cache.remove(&key).await,
            // Logged by the engine; the stale entry is served on.
            Generated::Failed | Generated::DynamicError => {}
        }
        drop(lock);
        cache.unclaim(&key);
    });
}

const HIT: &str = "HIT";

/// `headers` with `x-nextjs-cache: HIT` last, as a HIT sends them.
fn ready_to_send(mut headers: HeaderMap) -> HeaderMap {
    headers.insert(X_NEXTJS_CACHE, HeaderValue::from_static(HIT));
    headers
}

/// The cached response with the cache's headers.
fn respond(entry: &Entry, state: &'static str, head_only: bool) -> Response<ResponseBody> {
    let body = if head_only || entry.body.is_empty() {
        ResponseBody::Empty
    } else {
        ResponseBody::full(entry.body.clone())
    };
    let mut res = Response::new(body);
    *res.status_mut() = entry.status;
    let headers = res.headers_mut();
    *headers = entry.headers.clone();
    if state != HIT {
        headers.insert(X_NEXTJS_CACHE, HeaderValue::from_static(state));
    }
    if head_only && !entry.body.is_empty() {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(entry.body.len()));
    }
    res
}

/// What Next.js answers a method other than GET/HEAD on a prerendered route.
fn method_not_allowed() -> Response<ResponseBody> {
    let mut res = Response::new(ResponseBody::full(Bytes::from_static(
        b"Method Not Allowed",
    )));
    *res.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    let h = res.headers_mut();
    h.append(header::ALLOW, HeaderValue::from_static("GET"));
    h.append(header::ALLOW, HeaderValue::from_static("HEAD"));
    res
}

/// The path of `pattern` with `params` in its dynamic segments (`[x]`, `[...x]`, `[[...x]]`).
fn fill(pattern: &str, params: &Params) -> String {
    let value = |name: &str| params.0.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let encode = crate::public_files::encode_component;
    let mut out = String::new();
    for segment in pattern.split('/').filter(|s| !s.is_empty()) {
        let inner = segment
            .strip_prefix("[[...")
            .and_then(|s| s.strip_suffix("]]"))
            .or_else(|| {
                segment
                    .strip_prefix("[...")
                    .and_then(|s| s.strip_suffix(']'))
            })
            .or_else(|| segment.strip_prefix('[').and_then(|s| s.strip_suffix(']')));
        let Some(name) = inner else {
            out.push('/');
            out.push_str(segment);
            continue;
        };
        match value(name) {
            Some(ParamValue::One(v)) => {
                out.push('/');
                out.push_str(&encode(v));
            }
            Some(ParamValue::Many(items)) => {
                for v in items {
                    out.push('/');
                    out.push_str(&encode(v));
                }
            }
            None => {}
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(bytes: usize) -> Arc<Entry> {
        Arc::new(Entry {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from(vec![b'x'; bytes]),
            generated_ms: 0,
            revalidate: None,
            tags: Vec::new(),
            checked: AtomicU64::new(0),
        })
    }

    #[test]
    fn the_in_memory_copy_stays_within_its_bound() {
        let mut front = Front::default();
        for i in 0..200 {
            front.insert(&format!("/p/{i}"), entry(1 << 20));
            assert!(front.bytes <= FRONT_MAX_BYTES, "{} after {i}", front.bytes);
            assert!(
                front.map.contains_key(&format!("/p/{i}")),
                "the newest stays"
            );
        }
        let counted: usize = front.map.iter().map(|(k, e)| Front::size(k, e)).sum();
        assert_eq!(counted, front.bytes);
        front.insert("/big", entry(FRONT_MAX_BYTES));
        assert!(!front.map.contains_key("/big"), "too big to keep");
        front.insert("/p/199", entry(10));
        let counted: usize = front.map.iter().map(|(k, e)| Front::size(k, e)).sum();
        assert_eq!(counted, front.bytes, "a replaced entry is counted once");
    }

    #[test]
    fn implicit_tags_are_nexts() {
        assert_eq!(
            implicit_tags("/a/[id]", "/a/1"),
            [
                "_N_T_/layout",
                "_N_T_/a/layout",
                "_N_T_/a/[id]/layout",
                "_N_T_/a/[id]/route",
                "_N_T_/a/1"
            ]
        );
        assert_eq!(
            implicit_tags("/", "/"),
            ["_N_T_/layout", "_N_T_/route", "_N_T_/"]
        );
    }

    #[test]
    fn static_params_fill_their_segments() {
        let p = |list: &[(&str, ParamValue)]| {
            Params(
                list.iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
            )
        };
        assert_eq!(
            fill("/a/[slug]", &p(&[("slug", ParamValue::One("x y".into()))])),
            "/a/x%20y"
        );
        let many = ParamValue::Many(vec!["a".into(), "b".into()]);
        assert_eq!(fill("/g/[...s]", &p(&[("s", many.clone())])), "/g/a/b");
        assert_eq!(fill("/o/[[...s]]", &p(&[])), "/o");
        assert_eq!(fill("/[[...s]]", &p(&[])), "/");
    }
}
