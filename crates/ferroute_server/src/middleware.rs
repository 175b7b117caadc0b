//! `middleware.ts` in front of route handlers. The file is found at start-up (beside the
//! app folder: the project root, or `src/`), imported by every worker's engine like a route
//! module, and its `config.matcher` compiled here, so a request the matcher does not select
//! never enters JavaScript. A selected request runs the middleware (`Engine::middleware`);
//! its answer is read as Next's router reads it (`x-middleware-next`, `-rewrite`,
//! `-override-headers`, `-request-*`, `Location`): go on (request headers changed, response
//! headers to merge), go on at another path, proxy to another origin, or answer now.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ferroute_runtime::{Engine, ResponseBody};
use http::{HeaderMap, HeaderName, HeaderValue, Response, StatusCode};
use serde_json::Value;

use crate::next_config::{NextConfig, RequestFacts, Rule};

/// The file names Next.js takes for middleware (its default page extensions).
const FILE_NAMES: [&str; 4] = [
    "middleware.tsx",
    "middleware.ts",
    "middleware.jsx",
    "middleware.js",
];

/// A middleware that cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum MiddlewareError {
    /// `config.matcher` holds something Next.js refuses.
    #[error("invalid `{key}` in {file}: {message}")]
    #[diagnostic(code(ferroute::middleware::matcher), help("{help}"))]
    Matcher {
        /// The middleware file.
        file: String,
        /// `config.matcher[1].source`, …
        key: String,
        /// What is wrong.
        message: String,
        /// What to do.
        help: String,
    },
}

/// The project's middleware.
#[derive(Debug)]
pub(crate) struct Middleware {
    pub(crate) file: PathBuf,
    /// The file as shown to users (`middleware.ts`, `src/middleware.ts`).
    pub(crate) display: String,
    /// The matchers of `config.matcher` (`None`: every path), compiled by the first worker
    /// that loads the module (every worker loads the same file).
    matchers: OnceLock<Option<Vec<Rule>>>,
    /// The origin Next's router resolves the middleware's URLs against (`-H` as given, else
    /// `localhost`): a rewrite or redirect to another origin stays absolute.
    init_origin: String,
    /// The server's port, for `x-forwarded-port`.
    port: u16,
    /// The most of a request body buffered for the middleware
    /// (`experimental.middlewareClientMaxBodySize`).
    body_limit: usize,
    /// `skipMiddlewareUrlNormalize`: `request.url` keeps the origin the server was started
    /// on (`-H` as given), where Next otherwise rebuilds it on `localhost`.
    raw_origin: bool,
}

/// What the middleware decided.
pub(crate) enum Outcome {
    /// The middleware does not apply, or let the request go on unchanged.
    Continue(Next),
    /// Answer with this (headers from the middleware included).
    Respond(Response<ResponseBody>),
    /// Forward the request to this absolute URL, adding these response headers.
    Proxy(String, Vec<(String, String)>),
}

/// How the request goes on after the middleware.
#[derive(Default)]
pub(crate) struct Next {
    /// The path (and query) to route instead, basePath included.
    pub(crate) rewrite: Option<String>,
    /// Headers the middleware set on its response, for the final response.
    pub(crate) headers: Vec<(String, String)>,
}

impl Middleware {
    /// The middleware file of the project whose app folder is `app_dir`, if any.
    pub(crate) fn find(
        root: &Path,
        app_dir: &Path,
        init_origin: String,
        port: u16,
    ) -> Option<Self> {
        let dir = app_dir.parent().unwrap_or(root);
        let file = FILE_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())?;
        let display = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .to_string_lossy()
            .into_owned();
        Some(Self {
            file,
            display,
            matchers: OnceLock::new(),
            init_origin,
            port,
            body_limit: BODY_CLONE_LIMIT,
            raw_origin: false,
        })
    }

    /// Takes the options of `next.config` that change what reaches the middleware: the
    /// most of a body it buffers (`experimental.middlewareClientMaxBodySize`), and the
    /// origin of its `request.url` (`skipMiddlewareUrlNormalize`).
    #[must_use]
    pub(crate) fn configured(mut self, next: &NextConfig) -> Self {
        self.body_limit = next.middleware_body_limit.unwrap_or(BODY_CLONE_LIMIT);
        self.raw_origin = next.skip_middleware_url_normalize;
        self
    }

    /// Imports the middleware into `engine` and, the first time, compiles its matchers.
    pub(crate) async fn load(
        &self,
        engine: &Engine,
        next: &NextConfig,
    ) -> Result<(), crate::ServerError> {
        let json = engine
            .load_middleware(&self.file, &self.display)
            .await
            .map_err(crate::ServerError::Engine)?;
        if self.matchers.get().is_none() {
            let config: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
            let matchers = compile_matchers(&self.display, &config["config"], &next.base_path)?;
            let _ = self.matchers.set(matchers);
        }
        Ok(())
    }

    /// Whether the middleware runs for `path` (as received, and percent-decoded).
    pub(crate) fn selects(&self, path: &str, facts: &RequestFacts<'_>) -> bool {
        let Some(Some(rules)) = self.matchers.get() else {
            return true;
        };
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .ok();
        rules.iter().any(|r| {
            r.matches(path, facts).is_some()
                || decoded
                    .as_deref()
                    .is_some_and(|d| d != path && r.matches(d, facts).is_some())
        })
    }

    /// Runs the middleware for the request with this head, changes its headers as the
    /// middleware asked, and says how to go on.
    async fn invoke(
        &self,
        engine: &Engine,
        req: &mut http::Request<ferroute_runtime::IncomingBody>,
        remote: Option<std::net::SocketAddr>,
    ) -> Outcome {
        let body = if matches!(*req.method(), http::Method::GET | http::Method::HEAD) {
            None
        } else {
            match cloneable_body(req, self.body_limit).await {
                Ok(b) => Some(b),
                Err(status) => return Outcome::Respond(crate::service::status(status)),
            }
        };
        let res = engine
            .middleware(
                req.method(),
                req.uri(),
                req.headers(),
                body,
                remote,
                self.raw_origin.then_some(self.init_origin.as_str()),
            )
            .await;
        let (mut parts, body) = res.into_parts();
        // Next's render server wrote the x-forwarded-* headers into the request while it ran
        // the middleware: the handler and a proxied target see them from here on.
        for (name, value) in ferroute_runtime::forwarded_headers(self.port, req.headers(), remote) {
            if let Ok(v) = HeaderValue::from_str(&value) {
                req.headers_mut().insert(name, v);
            }
        }
        let h = &mut parts.headers;
        override_request_headers(h, req.headers_mut());
        let next = h.remove("x-middleware-next").is_some();
        let rewrite = h.remove("x-middleware-rewrite");
        let location = h.get(http::header::LOCATION).cloned();
        // What the router keeps of the middleware's headers for the client (and also adds
        // to the request, as Next does); its own x-middleware-* signals stay out.
        let mut keep = Vec::new();
        for (name, value) in h.iter() {
            let n = name.as_str();
            if matches!(
                n,
                "content-length"
                    | "x-middleware-redirect"
                    | "x-middleware-refresh"
                    | "accept-encoding"
                    | "keepalive"
                    | "keep-alive"
                    | "content-encoding"
                    | "transfer-encoding"
                    | "connection"
                    | "expect"
            ) {
                continue;
            }
            if n == "x-middleware-set-cookie" {
                req.headers_mut().insert(name.clone(), value.clone());
                continue;
            }
            // Next's router copies only headers with a value.
            if value.is_empty() {
                continue;
            }
            keep.push((name.clone(), value.clone()));
        }
        let answers = !next && rewrite.is_none() && location.is_none();
        if !answers {
            for (name, value) in &keep {
                req.headers_mut().insert(name.clone(), value.clone());
            }
        }
        if let Some(value) = rewrite {
            let dest = self.relative(&String::from_utf8_lossy(value.as_bytes()));
            if let Ok(v) = HeaderValue::from_str(&dest) {
                keep.push((HeaderName::from_static("x-middleware-rewrite"), v));
            }
            if dest.starts_with('/') {
                return Outcome::Continue(Next {
                    rewrite: Some(dest),
                    headers: texts(keep),
                });
            }
            return Outcome::Proxy(dest, texts(keep));
        }
        if let Some(location) = location {
            if is_redirect(parts.status) {
                let dest = self.relative(&String::from_utf8_lossy(location.as_bytes()));
                let mut res = crate::service::redirect(parts.status, dest);
                let loc = res.headers_mut().remove(http::header::LOCATION);
                let refresh = res.headers_mut().remove(http::header::REFRESH);
                append_kept(res.headers_mut(), keep);
                if let Some(l) = loc {
                    res.headers_mut().insert(http::header::LOCATION, l);
                }
                if let Some(r) = refresh {
                    res.headers_mut().insert(http::header::REFRESH, r);
                }
                return Outcome::Respond(res);
            }
        }
        if next {
            return Outcome::Continue(Next {
                rewrite: None,
                headers: texts(keep),
            });
        }
        // A Response of its own: sent as it is (whatever its Location), the handler does
        // not run.
        let mut res = Response::new(body);
        *res.status_mut() = parts.status;
        *res.extensions_mut() = parts.extensions;
        append_kept(res.headers_mut(), keep);
        Outcome::Respond(res)
    }

    /// `url` relative to the router's origin when it shares it (`/path?q`), else as given.
    fn relative(&self, url: &str) -> String {
        match url.strip_prefix(self.init_origin.as_str()) {
            Some("") => "/".to_owned(),
            Some(rest) if rest.starts_with('/') => rest.to_owned(),
            Some(rest) if rest.starts_with(['?', '#']) => format!("/{rest}"),
            _ => url.to_owned(),
        }
    }
}

/// Runs `mw` for the request when its matcher selects `path` (else: go on unchanged).
pub(crate) async fn run(
    mw: &Middleware,
    engine: &Engine,
    req: &mut http::Request<ferroute_runtime::IncomingBody>,
    remote: Option<std::net::SocketAddr>,
    path: &str,
) -> Outcome {
    let facts = RequestFacts {
        headers: req.headers(),
        query: req.uri().query(),
    };
    if !mw.selects(path, &facts) {
        return Outcome::Continue(Next::default());
    }
    mw.invoke(engine, req, remote).await
}

/// The most of a request body Next buffers for middleware by default
/// (`experimental.middlewareClientMaxBodySize`).
const BODY_CLONE_LIMIT: usize = 10 * 1024 * 1024;

/// Reads the request's body for the middleware and puts the same bytes back for the
/// handler. As under Next, the body stops before the first chunk that would take it past
/// `limit` (the rest is drained, a warning printed), and the request's headers stay as
/// they came (its `content-length` then says more than the body holds).
async fn cloneable_body(
    req: &mut http::Request<ferroute_runtime::IncomingBody>,
    limit: usize,
) -> Result<bytes::Bytes, StatusCode> {
    use http_body_util::BodyExt;
    let mut body = std::mem::replace(req.body_mut(), ferroute_runtime::empty_incoming());
    let mut buf = bytes::BytesMut::new();
    let mut exceeded = false;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            if e.is::<ferroute_runtime::BodyTimedOut>() {
                StatusCode::REQUEST_TIMEOUT
            } else {
                StatusCode::BAD_REQUEST
            }
        })?;
        if let Ok(data) = frame.into_data() {
            if buf.len() + data.len() > limit {
                exceeded = true;
                break;
            }
            buf.extend_from_slice(&data);
        }
    }
    if exceeded {
        let size = crate::next_config::format_size(limit);
        ferroute_runtime::log_warning(&format!(
            "Request body exceeded {size} for {}. Only the first {size} will be available unless configured. See https://nextjs.org/docs/app/api-reference/config/next-config-js/middlewareClientMaxBodySize for more details.",
            req.uri().path_and_query().map_or("/", http::uri::PathAndQuery::as_str)
        ));
        ferroute_runtime::drain(body);
    }
    let bytes = buf.freeze();
    *req.body_mut() = http_body_util::Full::new(bytes.clone())
        .map_err(|e| match e {})
        .boxed_unsync();
    Ok(bytes)
}

fn texts(list: Vec<(HeaderName, HeaderValue)>) -> Vec<(String, String)> {
    list.into_iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

fn append_kept(h: &mut HeaderMap, keep: Vec<(HeaderName, HeaderValue)>) {
    for (name, value) in keep {
        h.append(name, value);
    }
}

fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// `x-middleware-override-headers` (the names of the request's new header list) with the
/// `x-middleware-request-<name>` values: the request keeps only the listed headers, with
/// their new values. Both signals leave the response.
fn override_request_headers(res: &mut HeaderMap, req: &mut HeaderMap) {
    let Some(list) = res.remove("x-middleware-override-headers") else {
        return;
    };
    let names: Vec<HeaderName> = String::from_utf8_lossy(list.as_bytes())
        .split(',')
        .filter_map(|n| HeaderName::from_bytes(n.trim().as_bytes()).ok())
        .collect();
    let mut new = HeaderMap::with_capacity(names.len());
    for name in &names {
        let key = format!("x-middleware-request-{}", name.as_str());
        for value in res.get_all(key.as_str()) {
            new.append(name.clone(), value.clone());
        }
        res.remove(key.as_str());
    }
    *req = new;
}

/// `config.matcher`: a string, an object `{ source, has, missing, locale }`, or an array of
/// them. `None` without a matcher (every path).
fn compile_matchers(
    file: &str,
    config: &Value,
    base_path: &str,
) -> Result<Option<Vec<Rule>>, MiddlewareError> {
    let invalid = |key: &str, message: String, help: &str| MiddlewareError::Matcher {
        file: file.to_owned(),
        key: key.to_owned(),
        message,
        help: help.to_owned(),
    };
    let matcher = match config {
        Value::Null => return Ok(None),
        Value::Object(obj) => match obj.get("matcher") {
            None | Some(Value::Null) => return Ok(None),
            Some(m) => m,
        },
        _ => {
            return Err(invalid(
                "config",
                "`config` must be an object".into(),
                "export const config = { matcher: ['/path/:p*'] }",
            ))
        }
    };
    let items: Vec<(String, &Value)> = match matcher {
        Value::Array(list) => list
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("config.matcher[{i}]"), v))
            .collect(),
        v => vec![("config.matcher".to_owned(), v)],
    };
    let mut rules = Vec::with_capacity(items.len());
    for (key, item) in items {
        let obj = match item {
            Value::String(s) => {
                let mut o = serde_json::Map::new();
                o.insert("source".into(), Value::String(s.clone()));
                o
            }
            Value::Object(o) => o.clone(),
            other => {
                return Err(invalid(
                    &key,
                    format!(
                        "a matcher is a string or an object with a `source`, received {}",
                        crate::next_config::type_name(other)
                    ),
                    "write '/path/:p*' or { source: '/path/:p*' }",
                ))
            }
        };
        let rule =
            crate::next_config::matcher_rule(file, &key, &obj, base_path).map_err(|e| match e {
                crate::next_config::ConfigError::Invalid {
                    key, message, help, ..
                } => invalid(&key, message, &help),
                other => invalid(&key, other.to_string(), "fix the matcher"),
            })?;
        rules.push(rule);
    }
    Ok(Some(rules))
}

#[cfg(test)]
mod tests;
