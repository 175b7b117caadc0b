//! One request, from hyper to the engine and back: method check, canonical path (308),
//! route match (404/400), then the handler.

use std::net::SocketAddr;
use std::rc::Rc;
use std::sync::Arc;

use bytes::Bytes;
use ferroute_router::{canonical_redirect, Match, RouteTable};
use ferroute_runtime::{Engine, IncomingBody, RequestMeta, ResponseBody, METHODS};
use http::{header, HeaderValue, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::Incoming;

use crate::static_cache::ResponseCache;

/// Next.js answers unmatched URLs of an app without pages with this page (our wording).
const NOT_FOUND_HTML: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>404: This page could not be found</title></head><body><div id=\"__next\"><div style=\"font-family:system-ui,sans-serif;height:100vh;text-align:center;display:flex;flex-direction:column;align-items:center;justify-content:center\"><h1 style=\"display:inline-block;margin:0 20px 0 0;padding:0 23px 0 0;font-size:24px;font-weight:500;vertical-align:top;line-height:49px;border-right:1px solid rgba(0,0,0,.3)\">404</h1><h2 style=\"font-size:14px;font-weight:400;line-height:49px;margin:0\">This page could not be found.</h2></div></div></body></html>";

pub(crate) async fn handle(
    engine: Rc<Engine>,
    table: &RouteTable,
    public: &crate::public_files::PublicFiles,
    cache: &Arc<ResponseCache>,
    req: http::Request<Incoming>,
    remote: Option<SocketAddr>,
    limits: HeadLimits,
) -> Response<ResponseBody> {
    if !METHODS.contains(&req.method().as_str()) {
        return status(StatusCode::BAD_REQUEST);
    }
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if target > limits.max_url_length {
        return closing(StatusCode::URI_TOO_LONG);
    }
    // hyper bounds the head by its read buffer, which one read may overfill: count it as
    // Node does (request line and header lines) so the limit is exact.
    let head = req
        .headers()
        .iter()
        .fold(target + 16, |n, (k, v)| n + k.as_str().len() + v.len() + 4);
    if head > limits.max_header_size {
        return closing(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    }
    let mut req = req.map(|b| {
        ferroute_runtime::with_deadline(b.map_err(Into::into).boxed_unsync(), limits.body_timeout)
    });
    // `public/` wins over routes; its paths are matched as received (Next.js 15.5).
    if let Some(res) = crate::public_files::serve(public, &req).await {
        return early(req, res);
    }
    // Like Node's URL parsing under Next.js: `.` and `..` segments are resolved first.
    if let Some(resolved) = resolve_dot_segments(req.uri().path()) {
        let pq = match req.uri().query() {
            Some(q) => format!("{resolved}?{q}"),
            None => resolved,
        };
        if let Ok(uri) = pq.parse::<http::Uri>() {
            *req.uri_mut() = uri;
        }
    }
    let path = req.uri().path();
    if let Some(target) = canonical_redirect(path) {
        let location = match req.uri().query() {
            Some(q) => format!("{target}?{q}"),
            None => target,
        };
        return early(req, redirect_308(location));
    }
    match table.match_path(path) {
        Match::Found { index, params, .. } => {
            let params = table.routes()[index]
                .pattern
                .contains('[')
                .then_some(params);
            if let Some(generation) = engine.static_generation(index) {
                let cached = crate::static_cache::serve(
                    cache,
                    &engine,
                    index,
                    generation,
                    &table.routes()[index].pattern,
                    &req,
                    params.as_ref(),
                )
                .await;
                if let Some(res) = cached {
                    return early(req, res);
                }
            }
            let meta = RequestMeta {
                remote,
                generate: false,
                prerender: false,
            };
            engine.handle(index, req, params, meta).await
        }
        Match::NotFound => early(req, not_found()),
        Match::BadRequest => early(req, status(StatusCode::BAD_REQUEST)),
    }
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
    if !path.split('/').any(|s| s == "." || s == "..") {
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
    pub(crate) body_timeout: std::time::Duration,
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

fn redirect_308(location: String) -> Response<ResponseBody> {
    let mut res = Response::new(ResponseBody::full(Bytes::from(location.clone())));
    *res.status_mut() = StatusCode::PERMANENT_REDIRECT;
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("0;url={location}")) {
        res.headers_mut().insert(header::REFRESH, v);
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
