//! One request, from hyper to the engine and back: method check, canonical path (308),
//! next.config headers/redirects/basePath/rewrites, route match (404/400), then the handler.

use std::borrow::Cow;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use ferroute_router::{Match, RouteTable};
use ferroute_runtime::{Engine, Handled, IncomingBody, RequestMeta, ResponseBody, METHODS};
use http::{header, HeaderName, HeaderValue, Response, StatusCode};
use http_body::Body as _;
use http_body_util::BodyExt;
use hyper::body::Incoming;

use crate::middleware::Outcome as MwOutcome;
use crate::next_config::{substitute, NextConfig, RequestFacts, RewriteRule};
use crate::static_cache::ResponseCache;

/// Next.js answers unmatched URLs of an app without pages with this page (our wording).
const NOT_FOUND_HTML: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>404: This page could not be found</title></head><body><div id=\"__next\"><div style=\"font-family:system-ui,sans-serif;height:100vh;text-align:center;display:flex;flex-direction:column;align-items:center;justify-content:center\"><h1 style=\"display:inline-block;margin:0 20px 0 0;padding:0 23px 0 0;font-size:24px;font-weight:500;vertical-align:top;line-height:49px;border-right:1px solid rgba(0,0,0,.3)\">404</h1><h2 style=\"font-size:14px;font-weight:400;line-height:49px;margin:0\">This page could not be found.</h2></div></div></body></html>";

/// What the workers serve: the routes, `public/` and next.config.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub(crate) table: Arc<RouteTable>,
    pub(crate) public: Arc<crate::public_files::PublicFiles>,
    pub(crate) next: Arc<NextConfig>,
    /// `ferroute dev`: routes whose module failed to load, with the diagnostic they
    /// answer 500 with (always `None` under `start`, which does not start with one).
    pub(crate) failed: Option<Arc<std::collections::HashMap<usize, String>>>,
    pub(crate) middleware: Option<Arc<crate::middleware::Middleware>>,
}

/// What a request gets: its answer at once when one was found without awaiting (a fresh
/// HIT); the handler's own future when the request goes straight to it (the common request:
/// see [`route_directly`]); else the future that finds the answer. Futures are boxed, so
/// that what hyper holds and moves for each request stays small.
pub(crate) enum Answer {
    Now(Option<Response<ResponseBody>>),
    /// The handler's response, to go under next.config's headers for it.
    Handler(
        Pin<Box<dyn Future<Output = Response<ResponseBody>>>>,
        Vec<(String, String)>,
    ),
    Later(Pin<Box<dyn Future<Output = Response<ResponseBody>>>>),
    /// A request with a body, whose handler runs when hyper first polls for the answer:
    /// hyper reads the body bytes that came with the head into the request's body between
    /// calling the service and polling its answer, so a small body's read (`req.json()`)
    /// completes in the handler's run instead of in a task woken afterwards.
    Deferred(Option<Box<HandlerCall>>),
}

/// A call of a route's handler, with the next.config headers for its response.
pub(crate) struct HandlerCall {
    engine: Rc<Engine>,
    index: usize,
    req: http::Request<IncomingBody>,
    params: Option<ferroute_router::Params>,
    meta: RequestMeta,
    extra: Vec<(String, String)>,
}

impl HandlerCall {
    /// Runs the handler (on JavaScriptCore, now; most have answered by the end of the run).
    fn answer(self) -> Answer {
        match self
            .engine
            .handle_now(self.index, self.req, self.params, self.meta)
        {
            Handled::Now(res) => Answer::Now(Some(under_headers(res, self.extra))),
            Handled::Later(future) => Answer::Handler(future, self.extra),
        }
    }
}

impl Future for Answer {
    type Output = Response<ResponseBody>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        match this {
            Answer::Now(res) => Poll::Ready(res.take().unwrap_or_else(|| {
                // Polled again after it answered: hyper does not do that.
                status(StatusCode::INTERNAL_SERVER_ERROR)
            })),
            Answer::Handler(future, extra) => future
                .as_mut()
                .poll(cx)
                .map(|res| under_headers(res, std::mem::take(extra))),
            Answer::Later(future) => future.as_mut().poll(cx),
            Answer::Deferred(call) => {
                let Some(call) = call.take() else {
                    return Poll::Ready(status(StatusCode::INTERNAL_SERVER_ERROR));
                };
                *this = call.answer();
                Pin::new(this).poll(cx)
            }
        }
    }
}

pub(crate) fn handle(
    engine: Rc<Engine>,
    site: &Site,
    cache: &Arc<ResponseCache>,
    req: http::Request<IncomingBody>,
    remote: Option<SocketAddr>,
    limits: HeadLimits,
) -> Answer {
    match route_directly(&engine, site, cache, &req, limits) {
        Direct::Answered(res) => Answer::Now(Some(res)),
        Direct::Handler(index, params, extra) => {
            let meta = RequestMeta {
                remote,
                generate: false,
                prerender: false,
            };
            let deferred = !req.body().is_end_stream();
            let call = HandlerCall {
                engine,
                index,
                req,
                params,
                meta,
                extra,
            };
            if deferred {
                Answer::Deferred(Some(Box::new(call)))
            } else {
                call.answer()
            }
        }
        Direct::No => {
            let (site, cache) = (site.clone(), cache.clone());
            Answer::Later(Box::pin(async move {
                answer(engine, &site, &cache, req, remote, limits).await
            }))
        }
    }
}

/// What [`route_directly`] found.
enum Direct {
    /// A fresh HIT, with its headers.
    Answered(Response<ResponseBody>),
    /// The route's handler answers, with these params and next.config headers.
    Handler(
        usize,
        Option<ferroute_router::Params>,
        Vec<(String, String)>,
    ),
    /// `answer` decides.
    No,
}

/// The common request, routed without a future of its own: a known method within the
/// limits, in a project without middleware, basePath, redirects or beforeFiles rewrites, to
/// a path that is no file of `public/`, has no dot segment and no slash to redirect, and
/// matches a route. A dynamic route's handler answers it; a statically generated route
/// answers a GET or HEAD without a body from this process's fresh entry in memory. Anything
/// else is `answer`'s to decide, from the start: it is the one definition of the order, and
/// this takes only the path where every step of it lets the request through unchanged.
fn route_directly(
    engine: &Engine,
    site: &Site,
    cache: &ResponseCache,
    req: &http::Request<IncomingBody>,
    limits: HeadLimits,
) -> Direct {
    let next = &*site.next;
    if site.middleware.is_some()
        || site.failed.is_some()
        || !next.base_path.is_empty()
        || !next.redirects.is_empty()
        || !next.before_files.is_empty()
        || !METHODS.contains(&req.method().as_str())
        || over_limits(req, limits).is_some()
    {
        return Direct::No;
    }
    let path = req.uri().path();
    if site.public.lookup(path).is_some()
        || resolve_dot_segments(path).is_some()
        || crate::next_config::slash_redirect(next, path).is_some()
    {
        return Direct::No;
    }
    let key = match path.strip_suffix('/') {
        Some(trimmed) if !trimmed.is_empty() => trimmed,
        _ => path,
    };
    let Match::Found {
        index,
        route,
        params,
    } = site.table.match_path(key)
    else {
        // A 404 may still be an afterFiles or fallback rewrite's; a 400 is answer's too.
        return Direct::No;
    };
    let facts = RequestFacts {
        headers: req.headers(),
        query: req.uri().query(),
    };
    if engine.static_generation(index).is_some() {
        // An entry only stands for the route of its key while that route is still
        // statically generated; a miss, a stale entry or a request with a body go through
        // the cache's own path.
        if matches!(*req.method(), http::Method::GET | http::Method::HEAD)
            && req.body().is_end_stream()
        {
            if let Some(res) = cache.fresh_hit(key, req) {
                return Direct::Answered(with_headers(res, config_headers(next, path, &facts)));
            }
        }
        return Direct::No;
    }
    Direct::Handler(
        index,
        dynamic_params(route, params),
        config_headers(next, path, &facts),
    )
}

/// A matched route's params as its handler gets them: none for a route without a dynamic
/// segment (its context has no `params`).
fn dynamic_params(
    route: &ferroute_router::Route,
    params: ferroute_router::Params,
) -> Option<ferroute_router::Params> {
    route.pattern.contains('[').then_some(params)
}

/// A request from hyper with its body as the engine reads it: none for a request without
/// one, else one that fails when the client stops sending for `body_timeout`.
pub(crate) fn with_body(
    req: http::Request<Incoming>,
    body_timeout: std::time::Duration,
) -> http::Request<IncomingBody> {
    req.map(|b| {
        if b.is_end_stream() {
            // No body (a GET): nothing to time, and a zero-sized box allocates nothing.
            return ferroute_runtime::empty_incoming();
        }
        ferroute_runtime::with_deadline(b.map_err(Into::into).boxed_unsync(), body_timeout)
    })
}

/// The answer when the request's target or head is over its limit.
fn over_limits<B>(req: &http::Request<B>, limits: HeadLimits) -> Option<Response<ResponseBody>> {
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if target > limits.max_url_length {
        return Some(closing(StatusCode::URI_TOO_LONG));
    }
    // hyper bounds the head by its read buffer, which one read may overfill: count it as
    // Node does (request line and header lines) so the limit is exact.
    let head = req
        .headers()
        .iter()
        .fold(target + 16, |n, (k, v)| n + k.as_str().len() + v.len() + 4);
    (head > limits.max_header_size).then(|| closing(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE))
}

async fn answer(
    engine: Rc<Engine>,
    site: &Site,
    cache: &Arc<ResponseCache>,
    mut req: http::Request<IncomingBody>,
    remote: Option<SocketAddr>,
    limits: HeadLimits,
) -> Response<ResponseBody> {
    if !METHODS.contains(&req.method().as_str()) {
        return status(StatusCode::BAD_REQUEST);
    }
    let (table, public, next) = (&*site.table, &*site.public, &*site.next);
    if let Some(res) = over_limits(&req, limits) {
        return res;
    }
    // `public/` wins over routes; its paths are matched as received (Next.js 15.5). With
    // middleware, it is served after the middleware ran (below), as Next orders them.
    if next.base_path.is_empty() && site.middleware.is_none() {
        if let Some(answer) = crate::public_files::serve(public, &req) {
            let res = answer.await;
            return early(req, res);
        }
    }
    // Like Node's URL parsing under Next.js: `.` and `..` segments are resolved first.
    if let Some(resolved) = resolve_dot_segments(req.uri().path()) {
        set_path(&mut req, &resolved);
    }
    let path = req.uri().path().to_owned();
    // next.config headers() apply to whatever answers the request, redirects included.
    let facts = RequestFacts {
        headers: req.headers(),
        query: req.uri().query(),
    };
    let extra = config_headers(next, &path, &facts);
    if let Some(target) = crate::next_config::slash_redirect(next, &path) {
        let location = match req.uri().query() {
            Some(q) => format!("{target}?{q}"),
            None => target,
        };
        return with_headers(
            early(req, redirect(StatusCode::PERMANENT_REDIRECT, location)),
            extra,
        );
    }
    for rule in &next.redirects {
        if let Some(params) = rule.rule.matches(&path, &facts) {
            let mut location = substitute(&rule.destination, &params);
            if let Some(q) = req.uri().query().filter(|q| !q.is_empty()) {
                location.push(if location.contains('?') { '&' } else { '?' });
                location.push_str(q);
            }
            let code = StatusCode::from_u16(rule.status).unwrap_or(StatusCode::TEMPORARY_REDIRECT);
            return with_headers(early(req, redirect(code, location)), extra);
        }
    }
    // Middleware: after headers() and redirects(), before rewrites, public/ and routes.
    let (extra, mw_rewrite) = match &site.middleware {
        None => (extra, None),
        // Boxed, as every future taken only on some requests: the request's own future
        // stays small, so hyper moves few bytes per request.
        Some(mw) => {
            match Box::pin(crate::middleware::run(mw, &engine, &mut req, remote, &path)).await {
                MwOutcome::Continue(n) => {
                    let mut extra = extra;
                    extra.extend(n.headers);
                    (extra, n.rewrite)
                }
                MwOutcome::Respond(res) => return with_headers(early(req, res), extra),
                MwOutcome::Proxy(url, headers) => {
                    let mut extra = extra;
                    extra.extend(headers);
                    return with_headers(Box::pin(proxy(req, &url)).await, extra);
                }
            }
        }
    };
    // Under basePath, only paths below it are the app's.
    let Some(app_path) = crate::next_config::strip_base_path(next, &path) else {
        return with_headers(early(req, not_found()), extra);
    };
    if !next.base_path.is_empty() || site.middleware.is_some() {
        if !next.base_path.is_empty() {
            set_path(&mut req, app_path);
        }
        if let Some(answer) = crate::public_files::serve(public, &req) {
            let res = answer.await;
            return with_headers(early(req, res), extra);
        }
    }
    // A middleware rewrite routes another path (the handler still sees the URL it was sent).
    let rewritten;
    let (path, app_path) = match mw_rewrite {
        None => (path.as_str(), app_path),
        Some(dest) => {
            rewritten = dest.split(['?', '#']).next().unwrap_or("/").to_owned();
            let Some(p) = crate::next_config::strip_base_path(next, &rewritten) else {
                return with_headers(early(req, not_found()), extra);
            };
            // A file of public/ answers a rewrite to its path, as Next's router looks at the
            // file system again after the middleware.
            if let Some(answer) = crate::public_files::serve_at(public, p, &req) {
                let res = answer.await;
                return with_headers(early(req, res), extra);
            }
            (rewritten.as_str(), p)
        }
    };
    // The path routes are matched with (trailingSlash: without its slash), after rewrites;
    // borrowed from the request's path unless a rewrite made a new one.
    fn route_key(p: Cow<'_, str>) -> Cow<'_, str> {
        let trimmed = p.len() > 1 && p.ends_with('/');
        match p {
            Cow::Borrowed(b) if trimmed => Cow::Borrowed(&b[..b.len() - 1]),
            Cow::Owned(mut o) if trimmed => {
                o.pop();
                Cow::Owned(o)
            }
            p => p,
        }
    }
    let facts = RequestFacts {
        headers: req.headers(),
        query: req.uri().query(),
    };
    let mut key = match rewrite(next, &next.before_files, path, &facts) {
        Some(Rewritten::Path(dest)) => route_key(Cow::Owned(dest)),
        Some(Rewritten::External(url)) => {
            return with_headers(Box::pin(proxy(req, &url)).await, extra)
        }
        None => route_key(Cow::Borrowed(app_path)),
    };
    let mut found = table.match_path(&key);
    if matches!(found, Match::NotFound) {
        for rules in [&next.after_files, &next.fallback] {
            match rewrite(next, rules, path, &facts) {
                Some(Rewritten::Path(dest)) => {
                    key = route_key(Cow::Owned(dest));
                    found = table.match_path(&key);
                    break;
                }
                Some(Rewritten::External(url)) => {
                    return with_headers(Box::pin(proxy(req, &url)).await, extra)
                }
                None => {}
            }
        }
    }
    let res = match found {
        Match::Found {
            index,
            route,
            params,
        } => {
            if let Some(text) = site.failed.as_ref().and_then(|f| f.get(&index)) {
                return with_headers(early(req, crate::dev::error_response(text)), extra);
            }
            let params = dynamic_params(route, params);
            if let Some(generation) = engine.static_generation(index) {
                // A fresh entry in memory: answered here, without a future of its own.
                if let Some(res) = cache.fresh_hit(&key, &req) {
                    return with_headers(early(req, res), extra);
                }
                let route = crate::static_cache::StaticRoute {
                    index,
                    generation,
                    pattern: &table.routes()[index].pattern,
                    key: &key,
                };
                // Boxed, as the handler's future below: this future stays small, so hyper
                // moves few bytes per request.
                let cached = Box::pin(crate::static_cache::serve(
                    cache,
                    &engine,
                    route,
                    &req,
                    params.as_ref(),
                ))
                .await;
                if let Some(res) = cached {
                    return with_headers(early(req, res), extra);
                }
            }
            let meta = RequestMeta {
                remote,
                generate: false,
                prerender: false,
            };
            let res = Box::pin(engine.handle(index, req, params, meta)).await;
            return under_headers(res, extra);
        }
        Match::NotFound => early(req, not_found()),
        Match::BadRequest => early(req, status(StatusCode::BAD_REQUEST)),
    };
    with_headers(res, extra)
}

/// Forwards the request to `url` (an external rewrite); 500 when it cannot be reached, as
/// Next's proxy answers.
async fn proxy(req: http::Request<IncomingBody>, url: &str) -> Response<ResponseBody> {
    match ferroute_runtime::proxy(req, url).await {
        Ok(res) => res,
        Err(e) => {
            ferroute_runtime::log_warning(&format!("Failed to proxy {url}: {e}"));
            let mut res = Response::new(ResponseBody::full(Bytes::from_static(
                b"Internal Server Error",
            )));
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            res
        }
    }
}

/// Replaces the request's path, keeping its query.
fn set_path(req: &mut http::Request<IncomingBody>, path: &str) {
    let pq = match req.uri().query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_owned(),
    };
    if let Ok(uri) = pq.parse::<http::Uri>() {
        *req.uri_mut() = uri;
    }
}

/// The headers of every `headers()` rule matching the request, params substituted.
fn config_headers(
    next: &NextConfig,
    path: &str,
    facts: &RequestFacts<'_>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for rule in &next.headers {
        if let Some(params) = rule.rule.matches(path, facts) {
            for (k, v) in &rule.headers {
                out.push((substitute(k, &params), substitute(v, &params)));
            }
        }
    }
    out
}

/// Where a rewrite leads.
enum Rewritten {
    /// An app path (basePath removed). The handler still sees the request's own URL and
    /// query (Next 15.5 gives route handlers neither the destination's query nor the
    /// params it appends).
    Path(String),
    /// An absolute URL to proxy to, the request's query merged in.
    External(String),
}

/// Where the first matching rewrite of `rules` leads (`None`: no rule matches, or an app
/// destination outside basePath). An external URL gets the request's query merged with the
/// destination's (and the params its path does not use), as Next's proxy sends it.
fn rewrite(
    next: &NextConfig,
    rules: &[RewriteRule],
    path: &str,
    facts: &RequestFacts<'_>,
) -> Option<Rewritten> {
    for rule in rules {
        if let Some(params) = rule.rule.matches(path, facts) {
            let dest = substitute(&rule.destination, &params);
            let (no_hash, _) = dest.split_once('#').unwrap_or((&dest, ""));
            let (dest_path, dest_query) = no_hash.split_once('?').unwrap_or((no_hash, ""));
            if !dest.starts_with('/') {
                let appended = crate::next_config::appended_params(&rule.destination, &params);
                let query = crate::next_config::merge_query(facts.query, dest_query, appended);
                return Some(Rewritten::External(if query.is_empty() {
                    dest_path.to_owned()
                } else {
                    format!("{dest_path}?{query}")
                }));
            }
            return crate::next_config::strip_base_path(next, dest_path)
                .map(|p| Rewritten::Path(p.to_owned()));
        }
    }
    None
}

/// A handler's `res` under the headers the router set before it ran (next.config's, the
/// middleware's): as Next's `sendResponse` appends the handler's headers, those win, except
/// `set-cookie`, `www-authenticate`, `proxy-authenticate` and `vary`, whose lines the
/// handler's follow.
fn under_headers(
    mut res: Response<ResponseBody>,
    extra: Vec<(String, String)>,
) -> Response<ResponseBody> {
    if extra.is_empty() {
        return res;
    }
    let theirs = std::mem::take(res.headers_mut());
    let h = res.headers_mut();
    for (k, v) in extra {
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&v),
        ) else {
            continue;
        };
        if is_multi(&name) {
            h.append(name, value);
        } else {
            h.insert(name, value);
        }
    }
    for name in theirs.keys() {
        if is_multi(name) || !h.contains_key(name) {
            for value in theirs.get_all(name) {
                h.append(name.clone(), value.clone());
            }
        }
    }
    res
}

/// Headers whose lines add up instead of replacing one another (Next's list).
fn is_multi(name: &HeaderName) -> bool {
    *name == header::SET_COOKIE
        || *name == header::WWW_AUTHENTICATE
        || *name == header::PROXY_AUTHENTICATE
        || *name == header::VARY
}

/// `res` with next.config's headers: `set-cookie` lines go before the handler's (Next sets
/// them first, the handler appends); any other header the handler set wins.
fn with_headers(
    mut res: Response<ResponseBody>,
    extra: Vec<(String, String)>,
) -> Response<ResponseBody> {
    if extra.is_empty() {
        return res;
    }
    let handler_set: Vec<HeaderName> = res.headers().keys().cloned().collect();
    let mut cookies = Vec::new();
    for (k, v) in extra {
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&v),
        ) else {
            continue;
        };
        if name == header::SET_COOKIE {
            cookies.push(value);
        } else if !handler_set.contains(&name) {
            res.headers_mut().insert(name, value);
        }
    }
    if !cookies.is_empty() {
        let theirs: Vec<HeaderValue> = res
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .cloned()
            .collect();
        let h = res.headers_mut();
        h.remove(header::SET_COOKIE);
        for v in cookies.into_iter().chain(theirs) {
            h.append(header::SET_COOKIE, v);
        }
    }
    res
}

/// `res`, answered without reading the request body: the body is drained so the client,
/// still sending, gets the answer and the connection can carry the next request.
fn early(req: http::Request<IncomingBody>, res: Response<ResponseBody>) -> Response<ResponseBody> {
    ferroute_runtime::drain(req.into_body());
    res
}

/// `/a/./b/../c` -> `/a/c` (RFC 3986 remove_dot_segments); `None` when there is nothing
/// to resolve (the common case, no allocation).
fn resolve_dot_segments(path: &str) -> Option<String> {
    // Every dot segment starts with "/." (one byte search, no split, for ordinary paths).
    let bytes = path.as_bytes();
    let dot_after_slash = memchr::memchr_iter(b'.', bytes).any(|i| i > 0 && bytes[i - 1] == b'/');
    if !dot_after_slash || !path.split('/').any(|s| s == "." || s == "..") {
        return None;
    }
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    Some(format!("/{}", out.join("/")))
}

/// Request-head limits checked before routing (see `ConnectionLimits`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeadLimits {
    pub(crate) max_url_length: usize,
    pub(crate) max_header_size: usize,
}

impl HeadLimits {
    pub(crate) fn of(limits: &crate::conn::ConnectionLimits) -> Self {
        Self {
            max_url_length: limits.max_url_length,
            max_header_size: limits.max_header_size,
        }
    }
}

/// An error status after which the connection closes (its request may be followed by
/// bytes we will not read).
fn closing(code: StatusCode) -> Response<ResponseBody> {
    let mut res = status(code);
    res.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    res
}

pub(crate) fn status(code: StatusCode) -> Response<ResponseBody> {
    let mut res = Response::new(ResponseBody::Empty);
    *res.status_mut() = code;
    res
}

/// A redirect as Next's router answers one: the location as the body, and `Refresh` on 308s.
pub(crate) fn redirect(code: StatusCode, location: String) -> Response<ResponseBody> {
    let mut res = Response::new(ResponseBody::full(Bytes::from(location.clone())));
    *res.status_mut() = code;
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    if code == StatusCode::PERMANENT_REDIRECT {
        if let Ok(v) = HeaderValue::from_str(&format!("0;url={location}")) {
            res.headers_mut().insert(header::REFRESH, v);
        }
    }
    res
}

pub(crate) fn not_found() -> Response<ResponseBody> {
    let mut res = Response::new(ResponseBody::full(Bytes::from_static(
        NOT_FOUND_HTML.as_bytes(),
    )));
    *res.status_mut() = StatusCode::NOT_FOUND;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache, no-store, max-age=0, must-revalidate"),
    );
    res
}
