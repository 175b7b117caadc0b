//! Static and ISR route handlers (behaviour.md §12): the response cache, served without
//! entering JavaScript.
//!
//! A route the engine classifies as static (`Engine::static_generation`) answers GET and
//! HEAD from its entry: `x-nextjs-cache: HIT` while the entry is fresh; `STALE` once its
//! `revalidate` seconds have passed, while one background regeneration per entry replaces
//! it (a regeneration that fails keeps the stale entry and is logged); `MISS` when the
//! entry is generated for this request (a dynamic segment's path first asked for). Routes
//! without dynamic segments are generated when the server starts. Other methods get 405.
//!
//! The entries live in memory, shared by the workers.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use ferroute_runtime::{
    Engine, Generated, GeneratedResponse, IncomingBody, ParamValue, Params, ResponseBody,
    StaticGeneration,
};
use http::{header, HeaderMap, HeaderValue, Method, Response, StatusCode};

/// Next.js's `expireTime` default: the `s-maxage` of entries that never expire, and the
/// horizon of `stale-while-revalidate`.
const EXPIRE_SECS: u64 = 31_536_000;

/// One cached response, its headers ready to send (cloning a `HeaderMap` is cheaper than
/// building one on every hit).
#[derive(Debug)]
struct Entry {
    status: StatusCode,
    /// The handler's headers, and `cache-control` when it set none.
    headers: HeaderMap,
    body: Bytes,
    generated: Instant,
}

impl Entry {
    /// `regenerated`: made by a regeneration, not the first generation (Next.js 15.5 then
    /// drops the `stale-while-revalidate` part of `cache-control`).
    fn new(r: GeneratedResponse, revalidate: Option<u64>, regenerated: bool) -> Self {
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
        Self {
            status: StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK),
            headers,
            body: r.body,
            generated: Instant::now(),
        }
    }
}

/// The response cache of every worker.
#[derive(Debug, Default)]
pub(crate) struct ResponseCache {
    entries: RwLock<HashMap<String, Arc<Entry>>>,
    /// Keys whose regeneration runs now (one at a time per key).
    regenerating: Mutex<HashSet<String>>,
    /// The paths `generateStaticParams` listed, per route (for `dynamicParams = false`).
    listed: Mutex<HashMap<usize, HashSet<String>>>,
}

impl ResponseCache {
    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        self.entries.read().ok()?.get(key).cloned()
    }

    fn put(&self, key: &str, entry: Entry) -> Arc<Entry> {
        let entry = Arc::new(entry);
        if let Ok(mut entries) = self.entries.write() {
            entries.insert(key.to_owned(), entry.clone());
        }
        entry
    }

    fn remove(&self, key: &str) {
        if let Ok(mut entries) = self.entries.write() {
            entries.remove(key);
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

    /// Generates the routes without dynamic segments ahead, as `next build` prerenders
    /// them. Returns how many were cached, or the path whose handler used a dynamic API
    /// under `dynamic = 'error'` (a handler that throws is tried again on its first request).
    pub(crate) async fn prerender(
        &self,
        engine: &Engine,
        patterns: &[String],
    ) -> Result<usize, String> {
        let mut cached = 0;
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
                continue;
            };
            for (path, params) in paths {
                match engine.generate(index, &path, params).await {
                    Generated::Static(response) => {
                        self.put(&path, Entry::new(response, generation.revalidate, false));
                        cached += 1;
                    }
                    Generated::Dynamic(_) => break,
                    Generated::DynamicError => return Err(path),
                    // A service it needs may be down now: its first request tries again.
                    Generated::Failed => eprintln!(
                        " ⚠ {path} could not be generated at start-up (error above); it is generated on its first request"
                    ),
                }
            }
        }
        Ok(cached)
    }

    fn is_listed(&self, index: usize, key: &str) -> bool {
        self.listed
            .lock()
            .is_ok_and(|l| l.get(&index).is_some_and(|paths| paths.contains(key)))
    }
}

/// Answers a request to static route `index` from the cache, generating or regenerating
/// its entry as needed; None when the route turned out dynamic (serve it as such).
pub(crate) async fn serve(
    cache: &Arc<ResponseCache>,
    engine: &Rc<Engine>,
    index: usize,
    generation: StaticGeneration,
    req: &http::Request<IncomingBody>,
    params: Option<&Params>,
) -> Option<Response<ResponseBody>> {
    let head_only = match *req.method() {
        Method::GET => false,
        Method::HEAD => true,
        _ => return Some(method_not_allowed()),
    };
    let key = req.uri().path();
    let has_segments = params.is_some();
    if let Some(entry) = cache.get(key) {
        let fresh = generation
            .revalidate
            .is_none_or(|secs| entry.generated.elapsed() < Duration::from_secs(secs));
        if fresh {
            return Some(respond(&entry, "HIT", head_only));
        }
        if cache.claim(key) {
            let (cache, engine, key) = (cache.clone(), engine.clone(), key.to_owned());
            let params = params.cloned();
            tokio::task::spawn_local(async move {
                match engine.generate(index, &key, params).await {
                    Generated::Static(response) => {
                        cache.put(&key, Entry::new(response, generation.revalidate, true));
                    }
                    Generated::Dynamic(_) => cache.remove(&key),
                    // Logged by the engine; the stale entry is served on.
                    Generated::Failed | Generated::DynamicError => {}
                }
                cache.unclaim(&key);
            });
        }
        return Some(respond(&entry, "STALE", head_only));
    }
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
    match engine.generate(index, key, params.cloned()).await {
        Generated::Static(response) => {
            let entry = cache.put(key, Entry::new(response, generation.revalidate, false));
            Some(respond(&entry, "MISS", head_only))
        }
        Generated::Dynamic(_) => None,
        Generated::Failed | Generated::DynamicError => {
            Some(crate::service::status(StatusCode::INTERNAL_SERVER_ERROR))
        }
    }
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
    headers.insert("x-nextjs-cache", HeaderValue::from_static(state));
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

/// Characters `encodeURIComponent` escapes.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The path of `pattern` with `params` in its dynamic segments (`[x]`, `[...x]`, `[[...x]]`).
fn fill(pattern: &str, params: &Params) -> String {
    let value = |name: &str| params.0.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let encode = |s: &str| percent_encoding::utf8_percent_encode(s, COMPONENT).to_string();
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
