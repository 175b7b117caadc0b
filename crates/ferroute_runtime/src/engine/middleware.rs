//! Middleware in the engine: importing `middleware.ts` (`Engine::load_middleware`) and
//! running it for one request (`Engine::middleware`). The request's head is lent to
//! JavaScript (its body stays with the server for the route handler); what the middleware
//! returns comes back as a Response whose `x-middleware-*` headers the server reads.

use std::path::Path;

use http::{Response, StatusCode};
use tokio::sync::oneshot;

use super::{
    build_response, empty, register_request, request_flags, request_url, AbortOnDrop, Engine,
    EngineError,
};
use crate::body::ResponseBody;
use crate::worker::{self, HostValue};

/// The methods middleware may see, indexed as `js/45_middleware.js` indexes them.
const MIDDLEWARE_METHODS: [&str; 9] = [
    "GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT",
];

impl Engine {
    /// Imports the project's middleware module (`file`, shown as `display`) and returns its
    /// `config` export as JSON (`{"config": …}`, `null` when there is none).
    ///
    /// # Errors
    /// [`EngineError::Load`] when the file fails to compile, resolve or evaluate, or
    /// exports no middleware function.
    pub async fn load_middleware(&self, file: &Path, display: &str) -> Result<String, EngineError> {
        let call = format!(
            "loadMiddleware({}, {})",
            serde_json::Value::from(file.to_string_lossy()),
            serde_json::Value::from(display)
        );
        self.load_file("middleware", &call, display).await
    }

    /// Runs the middleware for a request with this head (`uri` as the middleware sees it:
    /// basePath included) and a copy of its body (`None`: `request.body` is null). The answer
    /// is the middleware's Response, headers as it set them (500 when it threw or returned
    /// something else than a Response). `origin` replaces the engine's in `request.url`
    /// (`skipMiddlewareUrlNormalize`: the origin the server was started on).
    pub async fn middleware(
        &self,
        method: &http::Method,
        uri: &http::Uri,
        headers: &http::HeaderMap,
        body: Option<bytes::Bytes>,
        remote: Option<std::net::SocketAddr>,
        origin: Option<&str>,
    ) -> Response<ResponseBody> {
        use http_body_util::BodyExt;
        let Some(mi) = MIDDLEWARE_METHODS
            .iter()
            .position(|m| *m == method.as_str())
        else {
            return empty(StatusCode::BAD_REQUEST);
        };
        let url = request_url(origin.unwrap_or(&self.config.origin), uri, headers);
        let flags = request_flags(headers);
        let has_body = body.is_some();
        let body = body.map(|b| {
            http_body_util::Full::new(b)
                .map_err(|e| match e {})
                .boxed_unsync()
        });
        let (head_tx, head_rx) = oneshot::channel();
        let (id, owner) = register_request(headers.clone(), remote, body, head_tx);
        let mut abandoned = AbortOnDrop(Some(id));
        let bits = flags | (owner << 8);
        let args = vec![
            id.into(),
            (mi as u32).into(),
            HostValue::String(url),
            bits.into(),
            HostValue::Bool(has_body),
        ];
        let called = worker::try_call_entry("dispatchMiddleware", args).await;
        if let Err(message) = called {
            crate::natives::eprintln_safe(&format!(
                "⨯ {}",
                crate::stack::remap(&message, &self.config.project_root)
            ));
            abandoned.0 = None;
            worker::release(id);
            return empty(StatusCode::INTERNAL_SERVER_ERROR);
        }
        let head = head_rx.await;
        abandoned.0 = None;
        match head {
            Ok(head) => build_response(head, false),
            Err(_) => {
                worker::release(id);
                empty(StatusCode::INTERNAL_SERVER_ERROR)
            }
        }
    }
}
