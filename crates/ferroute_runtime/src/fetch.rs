//! The native half of `fetch()`: an HTTP/1.1 client (hyper + rustls) that streams both
//! the request body (from a JavaScript `ReadableStream`, through an upload channel) and
//! the response body (read chunk by chunk by a JavaScript `ReadableStream`).
//!
//! Redirects, `Request`/`Response` objects and the Fetch standard's rules live in
//! `js/21_fetch.js`; this file only moves bytes.

use std::cell::RefCell;
use std::collections::HashMap;

use bytes::Bytes;
use http_body_util::{combinators::UnsyncBoxBody, BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use rquickjs::prelude::{Func, Opt};
use rquickjs::{Array, Ctx, Function, Object, Persistent, Promise, Value};
use tokio::sync::mpsc;

use crate::body::BoxError;
use crate::natives::{next_chunk_promise, report_js_error, settle, value_to_bytes};
use crate::worker::enter;

type OutBody = UnsyncBoxBody<Bytes, BoxError>;
type HttpClient = Client<hyper_rustls::HttpsConnector<HttpConnector>, OutBody>;

#[derive(Default)]
struct FetchState {
    client: Option<HttpClient>,
    next_id: u32,
    uploads: HashMap<u32, mpsc::Sender<Result<Frame<Bytes>, BoxError>>>,
    pending_uploads: HashMap<u32, mpsc::Receiver<Result<Frame<Bytes>, BoxError>>>,
    /// Response bodies JavaScript has not finished reading.
    downloads: HashMap<u32, Incoming>,
}

thread_local! {
    static FETCH: RefCell<FetchState> = RefCell::new(FetchState::default());
}

fn client() -> HttpClient {
    FETCH.with(|f| {
        let mut f = f.borrow_mut();
        f.client
            .get_or_insert_with(|| {
                let mut http = HttpConnector::new();
                http.enforce_http(false);
                http.set_nodelay(true);
                let https = hyper_rustls::HttpsConnectorBuilder::new()
                    .with_tls_config(tls_config())
                    .https_or_http()
                    .enable_http1()
                    .wrap_connector(http);
                Client::builder(TokioExecutor::new()).build(https)
            })
            .clone()
    })
}

/// The Mozilla roots, plus the PEM certificates of the file `NODE_EXTRA_CA_CERTS` names
/// (Node's variable, for a company's own CA). A file that cannot be read is reported once
/// and ignored, as Node does.
pub(crate) fn tls_config() -> rustls::ClientConfig {
    use rustls_pki_types::{pem::PemObject, CertificateDer};
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(file) = std::env::var_os("NODE_EXTRA_CA_CERTS") {
        match CertificateDer::pem_file_iter(&file) {
            Ok(certs) => {
                for cert in certs.flatten() {
                    if let Err(e) = roots.add(cert) {
                        eprintln!(
                            "Warning: Ignoring a certificate of NODE_EXTRA_CA_CERTS ({}): {e}",
                            file.to_string_lossy()
                        );
                    }
                }
            }
            Err(e) => eprintln!(
                "Warning: Ignoring extra certs from `{}`, load failed: {e}",
                file.to_string_lossy()
            ),
        }
    }
    rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("ring supports rustls' default protocol versions")
    .with_root_certificates(roots)
    .with_no_client_auth()
}

fn next_id(f: &mut FetchState) -> u32 {
    f.next_id = f.next_id.wrapping_add(1);
    f.next_id
}

pub(crate) fn install<'js>(_ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("fetch", Func::from(fetch))?;
    native.set("uploadCreate", Func::from(upload_create))?;
    native.set("uploadWrite", Func::from(upload_write))?;
    native.set(
        "uploadEnd",
        Func::from(|id: u32, error: Opt<bool>| upload_end(id, error.0 == Some(true))),
    )?;
    native.set("fetchRead", Func::from(fetch_read))?;
    native.set("fetchCancel", Func::from(fetch_cancel))?;
    Ok(())
}

/// Opens an upload channel for a streamed request body; returns its id.
pub(crate) fn upload_create() -> u32 {
    let (tx, rx) = mpsc::channel(4);
    FETCH.with(|f| {
        let mut f = f.borrow_mut();
        let id = next_id(&mut f);
        f.uploads.insert(id, tx);
        f.pending_uploads.insert(id, rx);
        id
    })
}

/// Sends one chunk of a streamed request body; resolves false if the request is gone.
fn upload_write<'js>(ctx: Ctx<'js>, id: u32, chunk: Value<'js>) -> rquickjs::Result<Promise<'js>> {
    let bytes = value_to_bytes(&ctx, &chunk)?;
    let (promise, resolve, _) = Promise::new(&ctx)?;
    let sent = upload_write_job(id, bytes);
    let resolve = Persistent::save(&ctx, resolve);
    crate::worker::spawn(async move {
        settle(resolve, sent.await).await;
    });
    Ok(promise)
}

/// Sends `bytes` down upload channel `id`: true once the request took them, false when the
/// request is gone (or the channel unknown).
pub(crate) fn upload_write_job(id: u32, bytes: Bytes) -> impl std::future::Future<Output = bool> {
    let tx = FETCH.with(|f| f.borrow().uploads.get(&id).cloned());
    async move {
        match tx {
            Some(tx) => tx.send(Ok(Frame::data(bytes))).await.is_ok(),
            None => false,
        }
    }
}

/// Closes upload channel `id`: the request body ends there, or fails when `errored`.
pub(crate) fn upload_end(id: u32, errored: bool) {
    if let Some(tx) = FETCH.with(|f| f.borrow_mut().uploads.remove(&id)) {
        if errored {
            let _ = tx.try_send(Err("request body stream errored".into()));
        }
    }
}

/// A fetch response's head: what `fetch` resolves to, `[status, statusText, headersFlat,
/// bodyId]`.
pub(crate) struct FetchHead {
    pub(crate) status: u16,
    pub(crate) status_text: String,
    /// Names lowercase; values as ByteStrings (each byte one char).
    pub(crate) headers: Vec<(String, String)>,
    /// The response body, for [`take_download`] (`fetchRead`) and [`fetch_cancel`].
    pub(crate) body_id: u32,
}

/// A request body as `fetch` takes it.
pub(crate) enum RequestBody {
    /// The whole body (empty for none).
    Bytes(Bytes),
    /// The upload channel of [`upload_create`] the body streams through.
    Upload(u32),
}

/// `fetch(method, url, headersFlat, body)`: `body` is null, bytes, or an upload id.
/// Resolves `[status, statusText, headersFlat, bodyId]`; rejects with a TypeError.
fn fetch<'js>(
    ctx: Ctx<'js>,
    method: String,
    url: String,
    headers: Array<'js>,
    body: Value<'js>,
) -> rquickjs::Result<Promise<'js>> {
    let (promise, resolve, reject) = Promise::new(&ctx)?;
    let mut pairs = Vec::with_capacity(headers.len() / 2);
    let mut i = 0;
    while i + 1 < headers.len() {
        let name: String = headers.get(i)?;
        let value: String = headers.get(i + 1)?;
        pairs.push((name, value));
        i += 2;
    }
    let body = if let Some(id) = body.as_int() {
        RequestBody::Upload(id as u32)
    } else {
        RequestBody::Bytes(value_to_bytes(&ctx, &body)?)
    };
    let job = fetch_job(&method, &url, pairs, body);
    let resolve = Persistent::save(&ctx, resolve);
    let reject = Persistent::save(&ctx, reject);
    crate::worker::spawn(async move {
        let result = job.await;
        enter(move |ctx| {
            let r = match result {
                Ok(head) => (|| {
                    let arr = Array::new(ctx.clone())?;
                    arr.set(0, head.status)?;
                    arr.set(1, head.status_text)?;
                    let h = Array::new(ctx.clone())?;
                    for (i, (n, v)) in head.headers.into_iter().enumerate() {
                        h.set(i * 2, n)?;
                        h.set(i * 2 + 1, v)?;
                    }
                    arr.set(2, h)?;
                    arr.set(3, head.body_id)?;
                    resolve.restore(&ctx)?.call::<_, ()>((arr,))
                })(),
                Err(msg) => (|| {
                    let ctor: Function = ctx.globals().get("TypeError")?;
                    let err: Object = ctor.call(("fetch failed",))?;
                    let cause: Function = ctx.globals().get("Error")?;
                    let cause: Value = cause.call((msg,))?;
                    err.set("cause", cause)?;
                    reject.restore(&ctx)?.call::<_, ()>((err,))
                })(),
            };
            if let Err(e) = r {
                report_js_error(&ctx, e);
            }
        })
        .await;
    });
    Ok(promise)
}

/// Sends one HTTP request with the shared client. The request is built (and a streamed
/// body's upload channel taken) now; the future resolves to the response head, whose body
/// waits under [`FetchHead::body_id`], or to the message of `fetch failed`'s cause. Header
/// values are ByteStrings: each char is one byte.
pub(crate) fn fetch_job(
    method: &str,
    url: &str,
    headers: Vec<(String, String)>,
    body: RequestBody,
) -> impl std::future::Future<Output = Result<FetchHead, String>> {
    let mut builder = http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        let bytes: Vec<u8> = value.chars().map(|c| c as u32 as u8).collect();
        builder = builder.header(name, bytes);
    }
    let out_body: OutBody = match body {
        RequestBody::Upload(id) => {
            match FETCH.with(|f| f.borrow_mut().pending_uploads.remove(&id)) {
                Some(rx) => BodyExt::boxed_unsync(StreamBody::new(futures_stream(rx))),
                None => BodyExt::boxed_unsync(Full::new(Bytes::new()).map_err(|e| match e {})),
            }
        }
        RequestBody::Bytes(bytes) => {
            BodyExt::boxed_unsync(Full::new(bytes).map_err(|e| match e {}))
        }
    };
    let request = builder.body(out_body);
    async move {
        let req = request.map_err(|e| format!("invalid request: {e}"))?;
        let res = client()
            .request(req)
            .await
            .map_err(|e| describe_client_error(&e))?;
        let (parts, incoming) = res.into_parts();
        let status_text = parts
            .extensions
            .get::<hyper::ext::ReasonPhrase>()
            .map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned())
            .or_else(|| parts.status.canonical_reason().map(str::to_owned))
            .unwrap_or_default();
        let headers = parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    v.as_bytes().iter().map(|&b| b as char).collect(),
                )
            })
            .collect();
        let body_id = FETCH.with(|f| {
            let mut f = f.borrow_mut();
            let id = next_id(&mut f);
            f.downloads.insert(id, incoming);
            id
        });
        Ok(FetchHead {
            status: parts.status.as_u16(),
            status_text,
            headers,
            body_id,
        })
    }
}

fn describe_client_error(e: &hyper_util::client::legacy::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

fn futures_stream(
    rx: mpsc::Receiver<Result<Frame<Bytes>, BoxError>>,
) -> impl futures_core::Stream<Item = Result<Frame<Bytes>, BoxError>> {
    ReceiverStream(rx)
}

/// A minimal `Stream` over an mpsc receiver (what tokio-stream's wrapper does).
struct ReceiverStream(mpsc::Receiver<Result<Frame<Bytes>, BoxError>>);

impl futures_core::Stream for ReceiverStream {
    type Item = Result<Frame<Bytes>, BoxError>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

/// Reads the next chunk of a fetch response body: Uint8Array, or undefined at the end.
fn fetch_read<'js>(ctx: Ctx<'js>, id: u32) -> rquickjs::Result<Promise<'js>> {
    next_chunk_promise(&ctx, take_download(id), READ_ERROR, move |b| {
        put_download(id, b);
    })
}

/// What a failed response body read's TypeError message starts with.
pub(crate) const READ_ERROR: &str = "terminated";

/// Takes response body `id` for a read; [`put_download`] gives it back when more may follow.
/// None when it ended, was cancelled or never was.
pub(crate) fn take_download(id: u32) -> Option<Incoming> {
    FETCH.with(|f| f.borrow_mut().downloads.remove(&id))
}

/// Returns response body `id` after a read.
pub(crate) fn put_download(id: u32, body: Incoming) {
    FETCH.with(|f| f.borrow_mut().downloads.insert(id, body));
}

/// Drops response body `id` (`fetchCancel`): the connection is not read further.
pub(crate) fn fetch_cancel(id: u32) {
    FETCH.with(|f| f.borrow_mut().downloads.remove(&id));
}

/// How long the proxy waits for the target's response head (Next's `proxyTimeout` default).
const PROXY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Headers that describe one connection, not the message: never forwarded by the proxy.
const HOP_BY_HOP: [&str; 7] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Forwards `req` (its method, headers and streamed body) to `target`, an absolute
/// `http(s)://` URL, with `fetch()`'s client, and streams the answer back: the proxy behind
/// external rewrites. The `Host` header becomes the target's; `x-forwarded-host` is the
/// client's `Host`, as Next's proxy sends it. Must run on a worker thread.
///
/// # Errors
/// A message when the target is not a URL or cannot be reached.
pub async fn proxy(
    mut req: http::Request<crate::body::IncomingBody>,
    target: &str,
) -> Result<http::Response<crate::body::ResponseBody>, String> {
    let uri: http::Uri = target
        .parse()
        .map_err(|e| format!("invalid URL {target}: {e}"))?;
    if uri.host().is_none() {
        return Err(format!("invalid URL {target}: no host"));
    }
    *req.uri_mut() = uri;
    *req.version_mut() = http::Version::HTTP_11;
    let headers = req.headers_mut();
    let host = headers.remove(http::header::HOST);
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
    headers.insert(
        "x-forwarded-host",
        host.unwrap_or_else(|| http::HeaderValue::from_static("")),
    );
    let res = tokio::time::timeout(PROXY_TIMEOUT, client().request(req))
        .await
        .map_err(|_| format!("no answer within {PROXY_TIMEOUT:?}"))?
        .map_err(|e| describe_client_error(&e))?;
    let (mut parts, mut incoming) = res.into_parts();
    for name in HOP_BY_HOP {
        parts.headers.remove(name);
    }
    let (tx, rx) = mpsc::channel(8);
    tokio::task::spawn_local(async move {
        while let Some(frame) = incoming.frame().await {
            let item = match frame {
                Ok(f) => match f.into_data() {
                    Ok(data) => Ok(data),
                    Err(_) => continue,
                },
                Err(e) => Err(BoxError::from(e)),
            };
            let failed = item.is_err();
            if tx.send(item).await.is_err() || failed {
                return;
            }
        }
    });
    Ok(http::Response::from_parts(
        parts,
        crate::body::ResponseBody::Stream(crate::body::ChunkStream::new(rx)),
    ))
}
