//! Native functions JavaScript calls through `internal.native`: handing the response back,
//! reading the request body, streaming response chunks, timers and error logging.
//!
//! Requests are addressed by a numeric id (an entry of `State::requests`), so the hot path
//! creates no per-request native objects.

use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};
use http_body_util::BodyExt;
use rquickjs::prelude::{Func, Opt};
use rquickjs::{
    atom::PredefinedAtom, object::Filter, Array, ArrayBuffer, Atom, Ctx, Exception, Function,
    IntoJs, Object, Persistent, Promise, TypedArray, Value,
};
use tokio::sync::mpsc;

use crate::body::{BodyTimedOut, BoxError, ResponseBody};
use crate::worker::{call_entry, enter, with_state, HostValue, ResponseHead};

/// Capacity of the channel between the JavaScript stream pump and hyper, in chunks.
const STREAM_CAPACITY: usize = 8;

pub(crate) fn install<'js>(ctx: &Ctx<'js>, internal: &Object<'js>) -> rquickjs::Result<()> {
    let n = Object::new(ctx.clone())?;
    n.set("respond", Func::from(respond))?;
    n.set("respondStream", Func::from(respond_stream))?;
    n.set("write", Func::from(write))?;
    n.set("drain", Func::from(drain))?;
    n.set("end", Func::from(end))?;
    n.set("fail", Func::from(fail))?;
    n.set("requestHeaders", Func::from(request_headers))?;
    n.set("requestHeader", Func::from(request_header))?;
    n.set("requestCookies", Func::from(request_cookies))?;
    n.set("requestCookie", Func::from(request_cookie))?;
    n.set("readAll", Func::from(read_all))?;
    n.set("readChunk", Func::from(read_chunk))?;
    n.set("release", Func::from(release))?;
    n.set("scrypt", Func::from(scrypt))?;
    n.set("keyRead", Func::from(key_read))?;
    n.set("keySign", Func::from(key_sign))?;
    n.set("keyVerify", Func::from(key_verify))?;
    n.set("keyGenerate", Func::from(key_generate))?;
    n.set("keyEncode", Func::from(key_encode))?;
    n.set("keyEncrypt", Func::from(key_encrypt))?;
    n.set("keyCrypt", Func::from(key_crypt))?;
    n.set("timerStart", Func::from(timer_start))?;
    n.set("timerClear", Func::from(timer_clear))?;
    n.set("logError", Func::from(log_error))?;
    n.set("log", Func::from(log_line))?;
    n.set("fulfilled", Func::from(fulfilled))?;
    n.set("checkHeaderValue", Func::from(check_header_value))?;
    n.set("recordHeaders", Func::from(record_headers))?;
    n.set(
        "loadLazy",
        Func::from(|ctx: Ctx<'_>, name: String| crate::engine::eval_js_file(&ctx, &name)),
    )?;
    crate::fetch::install(ctx, &n)?;
    crate::loader::install_natives(&n)?;
    crate::node_fs::install(&n)?;
    crate::node_net::install(&n)?;
    crate::node_zlib::install(&n)?;
    crate::text_decode::install(&n)?;
    crate::data_cache::install(&n)?;
    internal.set("native", n)?;
    Ok(())
}

/// Converts a body value handed over by JavaScript (string, ArrayBuffer, Uint8Array, null).
pub(crate) fn value_to_bytes(ctx: &Ctx<'_>, v: &Value<'_>) -> rquickjs::Result<Bytes> {
    if v.is_null() || v.is_undefined() {
        return Ok(Bytes::new());
    }
    if let Some(s) = v.as_string() {
        return Ok(Bytes::from(s.to_string()?));
    }
    if let Ok(ta) = TypedArray::<u8>::from_value(v.clone()) {
        return Ok(Bytes::copy_from_slice(ta.as_bytes().unwrap_or(&[])));
    }
    if let Some(ab) = ArrayBuffer::from_value(v.clone()) {
        return Ok(Bytes::copy_from_slice(ab.as_bytes().unwrap_or(&[])));
    }
    Err(Exception::throw_type(
        ctx,
        "body chunk must be a string, ArrayBuffer or Uint8Array",
    ))
}

/// The response header list `[name, value, ...]` (names lowercase tokens, values
/// ByteStrings, as Headers keeps them) as a `HeaderMap`. Pairs hyper would reject are
/// skipped (Headers validated them already).
fn head_map(flat: &Array<'_>) -> rquickjs::Result<HeaderMap> {
    let len = flat.len();
    let mut map = HeaderMap::with_capacity(len / 2);
    let mut i = 0;
    while i + 1 < len {
        let name = flat.get::<rquickjs::String>(i)?.to_cstring()?;
        let value = flat.get::<rquickjs::String>(i + 1)?.to_cstring()?;
        if let (Ok(n), Some(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            header_value(value.as_str()),
        ) {
            map.append(n, v);
        }
        i += 2;
    }
    Ok(map)
}

/// A `HeaderMap` from `(name, value)` pairs as Headers keeps them; pairs hyper would reject
/// are skipped (Headers validated them already).
pub(crate) fn head_map_from<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        if let (Ok(n), Some(v)) = (HeaderName::from_bytes(name.as_bytes()), header_value(value)) {
            map.append(n, v);
        }
    }
    map
}

/// Header bytes as the JavaScript string Node makes of them: each byte one char (Latin-1).
pub(crate) fn latin1_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(ascii) if ascii.is_ascii() => ascii.into(),
        _ => bytes.iter().map(|&b| b as char).collect::<String>().into(),
    }
}

/// The reverse of [`latin1_text`]: a JavaScript ByteString (each char one byte) as bytes.
pub(crate) fn latin1_bytes(s: &str) -> std::borrow::Cow<'_, [u8]> {
    if s.is_ascii() {
        s.as_bytes().into()
    } else {
        s.chars()
            .map(|c| c as u32 as u8)
            .collect::<Vec<u8>>()
            .into()
    }
}

/// A header value from a JavaScript ByteString; `None` for bytes `HeaderValue` refuses, and
/// for a char above U+00FF, which is no byte (`Ł` would otherwise become `A`).
pub(crate) fn header_value(s: &str) -> Option<HeaderValue> {
    if !s.is_ascii() && s.chars().any(|c| c > '\u{ff}') {
        return None;
    }
    HeaderValue::from_bytes(&latin1_bytes(s)).ok()
}

/// `recordHeaders(init)`: the header list `[name, value, ...]` of a record HeadersInit
/// (an object without `Symbol.iterator`) (the `{ 'Content-Type': ... }` literal of nearly every handler) when every
/// key and value is a string already valid as it is (names are lowercased here); undefined
/// when anything needs the general path in 10_headers.js, which also reports the errors.
fn record_headers<'js>(ctx: Ctx<'js>, init: Object<'js>) -> rquickjs::Result<Value<'js>> {
    let fallback = || Ok(Value::new_undefined(ctx.clone()));
    // An iterable init is a sequence of pairs, not a record.
    let iterator: Value = init.get(PredefinedAtom::SymbolIterator)?;
    if !(iterator.is_undefined() || iterator.is_null()) {
        return fallback();
    }
    // An enumerable symbol key is an error the general path reports.
    if init
        .own_keys::<Atom>(Filter::new().symbol().enum_only())
        .next()
        .is_some()
    {
        return fallback();
    }
    let mut items: Vec<Value<'js>> = Vec::new();
    for key in init.own_keys::<Atom>(Filter::new().string().enum_only()) {
        let key = key?;
        let key_value = key.to_value()?;
        let Some(key_string) = key_value.as_string() else {
            return fallback();
        };
        let name = key_string.clone().to_cstring()?;
        let value: Value = init.get(key)?;
        let Some(value_string) = value.as_string() else {
            return fallback();
        };
        let bytes = value_string.clone().to_cstring()?;
        let (name, bytes) = (name.as_bytes(), bytes.as_bytes());
        if name.is_empty() || !name.iter().all(|&b| is_token_byte(b)) || !is_plain_value(bytes) {
            return fallback();
        }
        let name = if name.iter().any(u8::is_ascii_uppercase) {
            let lower = String::from_utf8_lossy(name).to_ascii_lowercase();
            rquickjs::String::from_str(ctx.clone(), &lower)?.into_value()
        } else {
            key_value
        };
        items.push(name);
        items.push(value);
    }
    Ok(crate::sys::value_array(&ctx, items)?.into_value())
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A header value (as UTF-8) that Headers keeps unchanged: no leading or trailing
/// whitespace to strip, no NUL, CR or LF, no char above U+00FF.
pub(crate) fn is_plain_value(bytes: &[u8]) -> bool {
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) if first <= 0x20 || last <= 0x20 => return false,
        _ => {}
    }
    !bytes
        .iter()
        .any(|&b| matches!(b, 0 | b'\n' | b'\r' | 0xc4..))
}

/// Checks a header value for Headers: 0 when valid, 1 when it holds NUL, CR or LF, 2 when
/// it holds a char above U+00FF (not a ByteString), the worse answer winning.
fn check_header_value(s: rquickjs::String<'_>) -> rquickjs::Result<u32> {
    Ok(header_value_class(s.to_cstring()?.as_bytes()))
}

/// [`check_header_value`] over the UTF-8 (WTF-8 for lone surrogates) of the string.
pub(crate) fn header_value_class(utf8: &[u8]) -> u32 {
    let mut bad = 0;
    for &b in utf8 {
        match b {
            0 | b'\n' | b'\r' => bad = 1,
            // The UTF-8 lead byte of every char from U+0100 up.
            0xc4.. => return 2,
            _ => {}
        }
    }
    bad
}

fn status_text(v: Opt<Value<'_>>) -> Option<String> {
    v.0.and_then(|v| v.as_string().and_then(|s| s.to_string().ok()))
        .filter(|s| !s.is_empty())
}

/// `respond(id, status, statusText, headers, body, release)`: with `release`, JavaScript is
/// also done with the request (see [`release`]): one call instead of two.
fn respond<'js>(
    ctx: Ctx<'js>,
    id: u32,
    status: u16,
    text: Opt<Value<'js>>,
    headers: Array<'js>,
    body: Opt<Value<'js>>,
    then_release: Opt<bool>,
) -> rquickjs::Result<()> {
    let body = match body.0 {
        Some(v) => value_to_bytes(&ctx, &v)?,
        None => Bytes::new(),
    };
    send_response(id, status, status_text(text), head_map(&headers)?, body);
    if then_release.0 == Some(true) {
        release(id);
    }
    Ok(())
}

/// Hands request `id`'s whole response to `Engine::handle`.
pub(crate) fn send_response(
    id: u32,
    status: u16,
    status_text: Option<String>,
    headers: HeaderMap,
    body: Bytes,
) {
    let head = ResponseHead {
        status,
        status_text,
        headers,
        body: ResponseBody::full(body),
        close: false,
    };
    with_state(|s| {
        if let Some(r) = s.requests.get_mut(&id) {
            r.send_head(head);
        }
    });
}

/// Starts a streaming response. Returns false when the client is already gone.
fn respond_stream<'js>(
    id: u32,
    status: u16,
    text: Opt<Value<'js>>,
    headers: Array<'js>,
) -> rquickjs::Result<bool> {
    Ok(start_stream(
        id,
        status,
        status_text(text),
        head_map(&headers)?,
    ))
}

/// Sends request `id`'s response head with a body that JavaScript streams (`write`, `end`);
/// false when the client is already gone.
pub(crate) fn start_stream(
    id: u32,
    status: u16,
    status_text: Option<String>,
    headers: HeaderMap,
) -> bool {
    let (tx, rx) = mpsc::channel(STREAM_CAPACITY);
    let head = ResponseHead {
        status,
        status_text,
        headers,
        // Dropped before its end (the client went away), the body tells JavaScript, which
        // cancels the source stream. It holds the only sender but JavaScript's, so the
        // body ends as soon as JavaScript ends it, and the last chunk goes out with the rest.
        body: ResponseBody::Stream(crate::body::ChunkStream::written_by(rx, id)),
        close: false,
    };
    with_state(|s| {
        let Some(r) = s.requests.get_mut(&id) else {
            return false;
        };
        if !r.send_head(head) {
            return false;
        }
        r.stream_tx = Some(tx);
        true
    })
}

/// Sends one chunk. 0: sent; 1: queued, call `drain` before writing again; 2: client gone.
fn write<'js>(ctx: Ctx<'js>, id: u32, chunk: Value<'js>) -> rquickjs::Result<u8> {
    Ok(write_chunk(id, value_to_bytes(&ctx, &chunk)?))
}

/// [`write`] once the chunk is bytes.
pub(crate) fn write_chunk(id: u32, bytes: Bytes) -> u8 {
    with_state(|s| {
        let Some(r) = s.requests.get_mut(&id) else {
            return 2;
        };
        let Some(tx) = r.stream_tx.as_ref() else {
            return 2;
        };
        if !r.pending.is_empty() {
            // Behind the chunks already waiting, in order.
            if !bytes.is_empty() {
                r.pending.push(bytes);
            }
            return 1;
        }
        if bytes.is_empty() {
            return 0;
        }
        match tx.try_send(Ok(bytes)) {
            Ok(()) => 0,
            Err(mpsc::error::TrySendError::Full(Ok(b))) => {
                r.pending.push(b);
                1
            }
            Err(_) => 2,
        }
    })
}

thread_local! {
    /// How many streams of this thread have chunks waiting for room (`Pending`).
    static BLOCKED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// How many streaming responses of this thread have chunks waiting for room in their channel
/// (their writer must `drain` before writing more).
pub(crate) fn blocked_streams() -> u32 {
    BLOCKED.with(std::cell::Cell::get)
}

/// The chunks of a streaming response that its channel had no room for, in order; while
/// there are any, the stream counts in [`blocked_streams`].
#[derive(Default)]
pub(crate) struct Pending(std::collections::VecDeque<Bytes>);

impl Pending {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn push(&mut self, bytes: Bytes) {
        if self.0.is_empty() {
            BLOCKED.with(|b| b.set(b.get() + 1));
        }
        self.0.push_back(bytes);
    }

    fn take(&mut self) -> std::collections::VecDeque<Bytes> {
        if !self.0.is_empty() {
            BLOCKED.with(|b| b.set(b.get().saturating_sub(1)));
        }
        std::mem::take(&mut self.0)
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.0.is_empty() {
            // try_with: a request may be dropped while the thread's locals are torn down.
            let _ = BLOCKED.try_with(|b| b.set(b.get().saturating_sub(1)));
        }
    }
}

/// Resolves true once the queued chunk is sent, false if the client went away.
fn drain<'js>(ctx: Ctx<'js>, id: u32) -> rquickjs::Result<Promise<'js>> {
    let (promise, resolve, _reject) = Promise::new(&ctx)?;
    let sent = drain_job(id);
    let resolve = Persistent::save(&ctx, resolve);
    crate::worker::spawn(async move {
        settle(resolve, sent.await).await;
    });
    Ok(promise)
}

/// Sends request `id`'s queued chunks: true once sent, false when the client went away.
pub(crate) fn drain_job(id: u32) -> impl std::future::Future<Output = bool> {
    let job = with_state(|s| {
        let r = s.requests.get_mut(&id)?;
        Some((r.stream_tx.clone()?, r.pending.take()))
    });
    async move {
        match job {
            Some((tx, chunks)) => send_in_order(&tx, chunks).await,
            None => false,
        }
    }
}

/// Sends `chunks` into a stream's channel in order, waiting for room: false when the client
/// went away.
async fn send_in_order(
    tx: &mpsc::Sender<Result<Bytes, BoxError>>,
    chunks: std::collections::VecDeque<Bytes>,
) -> bool {
    for b in chunks {
        if tx.send(Ok(b)).await.is_err() {
            return false;
        }
    }
    true
}

pub(crate) async fn settle<T>(f: Persistent<Function<'static>>, value: T)
where
    T: for<'js> rquickjs::IntoJs<'js> + 'static,
{
    enter(move |ctx| {
        let r = f.restore(&ctx).and_then(|f| f.call::<_, ()>((value,)));
        if let Err(e) = r {
            report_js_error(&ctx, e);
        }
    })
    .await;
}

pub(crate) fn end(id: u32) {
    let waiting = with_state(|s| {
        let r = s.requests.get_mut(&id)?;
        let tx = r.stream_tx.take()?;
        let chunks = r.pending.take();
        // Nothing waits: the sender drops here and the body ends after what the channel holds.
        (!chunks.is_empty()).then_some((tx, chunks))
    });
    if let Some((tx, chunks)) = waiting {
        // Chunks still wait for room (written together with the end, JSC's stream ops): they
        // go first, then the sender drops.
        crate::worker::spawn(async move {
            send_in_order(&tx, chunks).await;
        });
    }
}

/// Aborts a streaming response: the client sees the connection end without the final
/// chunk, as Next.js does when a stream errors after bytes were sent.
pub(crate) fn fail(id: u32) {
    let tx = with_state(|s| {
        let r = s.requests.get_mut(&id)?;
        // The chunks still waiting are not sent: the stream ends in error after what went out.
        drop(r.pending.take());
        r.stream_tx.take()
    });
    if let Some(tx) = tx {
        if let Err(mpsc::error::TrySendError::Full(e)) =
            tx.try_send(Err("response stream errored".into()))
        {
            // A full channel: the error goes after the chunks in it, rather than the body
            // ending as if complete when the sender drops.
            crate::worker::spawn(async move {
                let _ = tx.send(e).await;
            });
        }
    }
}

fn request_headers<'js>(ctx: Ctx<'js>, id: u32) -> rquickjs::Result<Value<'js>> {
    match with_request_headers(id, |items| crate::sys::string_array(&ctx, items)) {
        Some(list) => Ok(list?.into_value()),
        None => Ok(Value::new_null(ctx)),
    }
}

/// Takes request `id`'s headers (plus the `x-forwarded-*` ones Next adds) and hands `f` the
/// list `[name, value, ...]`, values decoded as Latin-1 as Node decodes them; None when they
/// were taken already.
pub(crate) fn with_request_headers<R>(id: u32, f: impl FnOnce(&[&str]) -> R) -> Option<R> {
    let (map, extra) = with_state(|s| {
        let port = s.config.port;
        s.requests.get_mut(&id).map(|r| {
            let map = r.headers.take();
            let extra = map
                .as_ref()
                .map(|m| crate::engine::forwarded_headers(port, m, r.remote))
                .unwrap_or_default();
            (map, extra)
        })
    })?;
    // Header values are bytes; Node decodes them as Latin-1.
    let values: Vec<_> = map
        .iter()
        .flatten()
        .map(|(_, v)| latin1_text(v.as_bytes()))
        .collect();
    let mut items: Vec<&str> = Vec::with_capacity(2 * (values.len() + extra.len()));
    for ((name, _), value) in map.iter().flatten().zip(&values) {
        items.push(name.as_str());
        items.push(value);
    }
    for (name, value) in &extra {
        items.push(name);
        items.push(value);
    }
    Some(f(&items))
}

/// Answers from request `id`'s headers while Rust still holds them: undefined when
/// JavaScript already took them (`requestHeaders`), null when `read` finds nothing.
fn from_held_headers<'js, T: IntoJs<'js>>(
    ctx: Ctx<'js>,
    id: u32,
    read: impl FnOnce(&HeaderMap) -> Option<T>,
) -> rquickjs::Result<Value<'js>> {
    match read_held_headers(id, read) {
        None => Ok(Value::new_undefined(ctx)),
        Some(None) => Ok(Value::new_null(ctx)),
        Some(Some(v)) => v.into_js(&ctx),
    }
}

/// One request header, its values joined with ", " as `Headers.get` joins them.
fn request_header<'js>(
    ctx: Ctx<'js>,
    id: u32,
    name: rquickjs::String<'js>,
) -> rquickjs::Result<Value<'js>> {
    let name = name.to_cstring()?;
    from_held_headers(ctx, id, |map| header_text(map, name.as_str()))
}

/// `headers.get(name)` of a request's header map, as text.
pub(crate) fn header_text(map: &HeaderMap, name: &str) -> Option<String> {
    joined_header(map, name).map(|bytes| latin1_text(&bytes).into_owned())
}

/// Answers from request `id`'s headers while Rust still holds them: None when JavaScript
/// took them already.
pub(crate) fn read_held_headers<T>(id: u32, read: impl FnOnce(&HeaderMap) -> T) -> Option<T> {
    with_state(|s| s.requests.get(&id)?.headers.as_ref().map(read))
}

/// The request's cookies as `[name, value, ...]` (see `crate::cookie`).
fn request_cookies<'js>(ctx: Ctx<'js>, id: u32) -> rquickjs::Result<Value<'js>> {
    from_held_headers(ctx, id, cookie_pairs)
}

/// The Cookie header's pairs, flat.
pub(crate) fn cookie_pairs(map: &HeaderMap) -> Option<Vec<String>> {
    joined_header(map, "cookie").map(|h| {
        crate::cookie::parse_pairs(&h)
            .into_iter()
            .flat_map(|(n, v)| [n, v])
            .collect::<Vec<String>>()
    })
}

/// A request header as JavaScript's `headers.get(name)` sees it: several lines joined with
/// ", " (borrowed when there is one).
fn joined_header<'a>(map: &'a HeaderMap, name: &str) -> Option<std::borrow::Cow<'a, [u8]>> {
    let mut lines = map.get_all(name).iter();
    let first = lines.next()?;
    let Some(second) = lines.next() else {
        return Some(first.as_bytes().into());
    };
    let mut joined = first.as_bytes().to_vec();
    for line in std::iter::once(second).chain(lines) {
        joined.extend_from_slice(b", ");
        joined.extend_from_slice(line.as_bytes());
    }
    Some(joined.into())
}

/// The value of the request cookie `name` (the last of that name wins, as in the parsed
/// jar), null when there is none, undefined when JavaScript already holds the headers.
fn request_cookie<'js>(
    ctx: Ctx<'js>,
    id: u32,
    name: rquickjs::String<'js>,
) -> rquickjs::Result<Value<'js>> {
    let name = name.to_cstring()?;
    from_held_headers(ctx, id, |map| cookie_value(map, name.as_str()))
}

/// The last value of cookie `name` in the Cookie header.
pub(crate) fn cookie_value(map: &HeaderMap, name: &str) -> Option<String> {
    joined_header(map, "cookie").and_then(|h| crate::cookie::find_last(&h, name))
}

/// `scrypt(password, salt, N, r, p, length) → Uint8Array` (`crate::kdf::scrypt`; llrt's
/// crypto has no scrypt).
fn scrypt<'js>(
    ctx: Ctx<'js>,
    password: Value<'js>,
    salt: Value<'js>,
    n: f64,
    r: f64,
    p: f64,
    length: f64,
) -> rquickjs::Result<TypedArray<'js, u8>> {
    let whole = |x: f64| {
        if x.is_finite() && x > 0.0 {
            x as u64
        } else {
            0
        }
    };
    let out = crate::kdf::scrypt(
        &value_to_bytes(&ctx, &password)?,
        &value_to_bytes(&ctx, &salt)?,
        whole(n),
        u32::try_from(whole(r)).unwrap_or(0),
        u32::try_from(whole(p)).unwrap_or(0),
        usize::try_from(whole(length)).unwrap_or(usize::MAX),
    )
    .map_err(|e| rquickjs::Exception::throw_range(&ctx, &format!("Invalid scrypt params: {e}")))?;
    TypedArray::<u8>::new(ctx, out)
}

/// The key in `data` (`sign.rs`): PEM, or DER of `der_type`.
fn key_in(
    ctx: &Ctx<'_>,
    data: &Value<'_>,
    der_type: Option<&str>,
) -> rquickjs::Result<crate::sign::Key> {
    crate::sign::Key::read(&value_to_bytes(ctx, data)?, der_type)
        .map_err(|e| rquickjs::Exception::throw_message(ctx, &e))
}

/// The bytes a key native made, or its failure thrown.
fn key_bytes<'js>(
    ctx: Ctx<'js>,
    made: Result<Vec<u8>, String>,
) -> rquickjs::Result<TypedArray<'js, u8>> {
    let bytes = made.map_err(|e| rquickjs::Exception::throw_message(&ctx, &e))?;
    TypedArray::<u8>::new(ctx, bytes)
}

/// `keyRead(data, derType, want, passphrase?) → [description, der]` (`sign::read_for_js`).
fn key_read<'js>(
    ctx: Ctx<'js>,
    data: Value<'js>,
    der_type: Option<String>,
    want: Option<String>,
    passphrase: Opt<Value<'js>>,
) -> rquickjs::Result<Array<'js>> {
    let passphrase = match passphrase.0 {
        Some(p) if !p.is_null() && !p.is_undefined() => Some(value_to_bytes(&ctx, &p)?),
        _ => None,
    };
    let (description, der) = crate::sign::read_for_js(
        &value_to_bytes(&ctx, &data)?,
        der_type.as_deref(),
        want.as_deref(),
        passphrase.as_deref(),
    )
    .map_err(|e| rquickjs::Exception::throw_message(&ctx, &e))?;
    let out = Array::new(ctx.clone())?;
    out.set(0, description)?;
    out.set(1, TypedArray::<u8>::new(ctx, der)?)?;
    Ok(out)
}

/// A string argument that may be null or undefined.
fn opt_str(value: Opt<Value<'_>>) -> Option<String> {
    value
        .0
        .and_then(|h| h.as_string().and_then(|s| s.to_string().ok()))
}

/// `keySign(pkcs8, hash | null, data, p1363, pssSaltLength | undefined) → Uint8Array`.
fn key_sign<'js>(
    ctx: Ctx<'js>,
    pkcs8: Value<'js>,
    hash: Opt<Value<'js>>,
    data: Value<'js>,
    p1363: Opt<bool>,
    pss: Opt<Option<f64>>,
) -> rquickjs::Result<TypedArray<'js, u8>> {
    let key = key_in(&ctx, &pkcs8, Some("pkcs8"))?;
    let data = value_to_bytes(&ctx, &data)?;
    let signed = key.sign(
        opt_str(hash).as_deref(),
        &data,
        p1363.0 == Some(true),
        pss.0.flatten().map(|n| n as i64),
    );
    key_bytes(ctx, signed)
}

/// `keyGenerate(kind, bits, exponent, curve) → Uint8Array`: a new private key, as PKCS#8.
fn key_generate<'js>(
    ctx: Ctx<'js>,
    kind: String,
    bits: f64,
    exponent: f64,
    curve: String,
) -> rquickjs::Result<TypedArray<'js, u8>> {
    let made = crate::sign::Key::generate(&kind, bits as usize, exponent as u64, &curve)
        .and_then(|k| k.der());
    key_bytes(ctx, made)
}

/// `keyEncrypt(der, format, label, cipher, passphrase) → Uint8Array | string`
/// (`encrypted_key::encrypt`).
fn key_encrypt<'js>(
    ctx: Ctx<'js>,
    der: Value<'js>,
    format: String,
    label: String,
    cipher: String,
    passphrase: Value<'js>,
) -> rquickjs::Result<Value<'js>> {
    use crate::encrypted_key::{encrypt, Sealed};
    let der = value_to_bytes(&ctx, &der)?;
    let passphrase = value_to_bytes(&ctx, &passphrase)?;
    let sealed = encrypt(&der, &format, &label, &cipher, &passphrase)
        .map_err(|e| rquickjs::Exception::throw_message(&ctx, &e))?;
    match sealed {
        Sealed::Der(der) => Ok(TypedArray::<u8>::new(ctx.clone(), der)?.into_value()),
        Sealed::Pem(pem) => Ok(rquickjs::String::from_str(ctx.clone(), &pem)?.into_value()),
    }
}

/// `keyEncode(der, derType, format) → Uint8Array`: the key as DER of `format` (`sign.rs`).
fn key_encode<'js>(
    ctx: Ctx<'js>,
    der: Value<'js>,
    der_type: String,
    format: String,
) -> rquickjs::Result<TypedArray<'js, u8>> {
    let encoded = key_in(&ctx, &der, Some(&der_type))?.encode(&format);
    key_bytes(ctx, encoded)
}

/// `keyVerify(der, derType, hash | null, data, signature, p1363, pssSaltLength | undefined)
/// → boolean`.
fn key_verify<'js>(
    ctx: Ctx<'js>,
    der: Value<'js>,
    der_type: String,
    hash: Opt<Value<'js>>,
    data: Value<'js>,
    signature: Value<'js>,
    // p1363 and the PSS salt length: rquickjs functions take at most 7 arguments.
    rest: rquickjs::function::Rest<Value<'js>>,
) -> rquickjs::Result<bool> {
    let p1363 = rest.0.first().and_then(Value::as_bool) == Some(true);
    let pss = rest.0.get(1).and_then(Value::as_number).map(|n| n as i64);
    key_in(&ctx, &der, Some(&der_type))?
        .verify(
            opt_str(hash).as_deref(),
            &value_to_bytes(&ctx, &data)?,
            &value_to_bytes(&ctx, &signature)?,
            p1363,
            pss,
        )
        .map_err(|e| rquickjs::Exception::throw_message(&ctx, &e))
}

/// `keyCrypt(der, derType, mode, hash, data, label) → Uint8Array`: RSA encryption or
/// decryption (`Key::rsa_crypt`).
fn key_crypt<'js>(
    ctx: Ctx<'js>,
    der: Value<'js>,
    der_type: String,
    mode: String,
    hash: String,
    data: Value<'js>,
    label: Opt<Value<'js>>,
) -> rquickjs::Result<TypedArray<'js, u8>> {
    let label = match label.0 {
        Some(v) => value_to_bytes(&ctx, &v)?,
        None => Bytes::new(),
    };
    let data = value_to_bytes(&ctx, &data)?;
    let out = key_in(&ctx, &der, Some(&der_type))?.rsa_crypt(&mode, &hash, &label, &data);
    key_bytes(ctx, out)
}

/// JavaScript is done with request `id` (response sent, `after()` callbacks run).
pub(crate) fn release(id: u32) {
    crate::worker::release(id);
}

/// The value of promise `p` if it is already fulfilled and no promise job is queued;
/// `undefined` otherwise. With nothing queued, acting on the value now is exactly what a
/// `.then` reaction would do next, minus the reaction's cost (the dispatcher's fast path for
/// async handlers that finish without awaiting).
fn fulfilled<'js>(ctx: Ctx<'js>, p: Value<'js>) -> Value<'js> {
    let undefined = Value::new_undefined(ctx.clone());
    if crate::sys::job_pending(&ctx) {
        return undefined;
    }
    let Some(promise) = p.as_promise() else {
        return undefined;
    };
    if promise.state() != rquickjs::promise::PromiseState::Resolved {
        return undefined;
    }
    match promise.result::<Value>() {
        Some(Ok(v)) => v,
        _ => undefined,
    }
}

pub(crate) fn take_body(id: u32) -> Option<crate::body::IncomingBody> {
    with_state(|s| s.requests.get_mut(&id).and_then(|r| r.body.take()))
}

/// A request that ended from outside (client gone, timed out) has no body to read: reading
/// it fails rather than looking like a body that ended.
fn reject_if_gone<'js>(ctx: &Ctx<'js>, id: u32) -> rquickjs::Result<Option<Promise<'js>>> {
    if with_state(|s| s.requests.contains_key(&id)) {
        return Ok(None);
    }
    let (promise, _resolve, reject) = Promise::new(ctx)?;
    reject_type_error(
        ctx,
        Persistent::save(ctx, reject),
        "failed to read body: the request was aborted",
    )?;
    Ok(Some(promise))
}

/// Reads the whole request body into an ArrayBuffer, up to `EngineConfig::max_body_size`:
/// beyond it the promise resolves to `undefined` (JavaScript throws the 413 error), the
/// rest of the body is drained and the response closes the connection. A body already
/// received whole is returned as the ArrayBuffer itself ([`read_all_now`]).
fn read_all<'js>(ctx: Ctx<'js>, id: u32) -> rquickjs::Result<Value<'js>> {
    if let Some(p) = reject_if_gone(&ctx, id)? {
        return Ok(p.into_value());
    }
    let read = match read_all_now(id) {
        Ok(bytes) => return Ok(ArrayBuffer::new_copy(ctx, &bytes[..])?.into_value()),
        Err(read) => read,
    };
    let (promise, resolve, reject) = Promise::new(&ctx)?;
    let owner = crate::alloc::running_tag();
    let resolve = Persistent::save(&ctx, resolve);
    let reject = Persistent::save(&ctx, reject);
    crate::worker::spawn(async move {
        let result = read.await;
        enter(move |ctx| {
            crate::alloc::charge_to(owner);
            let r = match result {
                Ok(Some(bytes)) => ArrayBuffer::new_copy(ctx.clone(), &bytes[..])
                    .and_then(|ab| resolve.restore(&ctx)?.call::<_, ()>((ab,))),
                Ok(None) => resolve.restore(&ctx).and_then(|f| f.call::<_, ()>(())),
                Err(e) => reject_read_error(&ctx, reject, "failed to read body", &e),
            };
            if let Err(e) = r {
                report_js_error(&ctx, e);
            }
        })
        .await;
    });
    Ok(promise.into_value())
}

/// Request `id`'s whole body ([`read_all_job`]) when it is here already, else the read to
/// wait for. A small body usually comes in the packet of its head, and hyper then holds all of
/// it: the read is polled once, now, without a task to wake, and answered in the native call
/// itself instead of by a task that settles a promise from outside JavaScript (on
/// JavaScriptCore one more entry into the VM, and its lock taken for each call that makes and
/// settles the value). A read that must wait is polled again by the task it is given to, whose
/// waker replaces the one registered here.
pub(crate) fn read_all_now(
    id: u32,
) -> Result<Bytes, impl std::future::Future<Output = Result<Option<Bytes>, BoxError>>> {
    let mut read = Box::pin(read_all_job(id));
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let now = match std::future::Future::poll(read.as_mut(), &mut cx) {
        std::task::Poll::Ready(Ok(Some(bytes))) => return Ok(bytes),
        std::task::Poll::Ready(outcome) => Some(outcome),
        std::task::Poll::Pending => None,
    };
    Err(async move {
        match now {
            Some(outcome) => outcome,
            None => read.await,
        }
    })
}

/// Reads request `id`'s whole body: None when it is longer than `max_body_size` (the
/// response then closes the connection, as it does when the body is too slow).
pub(crate) fn read_all_job(
    id: u32,
) -> impl std::future::Future<Output = Result<Option<Bytes>, BoxError>> {
    let body = take_body(id);
    let limit = with_state(|s| s.config.max_body_size);
    async move {
        let result = match body {
            Some(b) => collect_limited(b, limit).await,
            None => Ok(Some(Bytes::new())),
        };
        if matches!(result, Ok(None)) || result.as_ref().is_err_and(|e| e.is::<BodyTimedOut>()) {
            with_state(|s| {
                if let Some(r) = s.requests.get_mut(&id) {
                    r.close = true;
                }
            });
        }
        result
    }
}

/// The whole body, or `None` when it is longer than `limit` (the rest is drained).
async fn collect_limited(
    mut body: crate::body::IncomingBody,
    limit: usize,
) -> Result<Option<Bytes>, BoxError> {
    let mut parts: Vec<Bytes> = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame?;
        if let Ok(data) = frame.into_data() {
            total += data.len();
            if total > limit {
                crate::body::drain(body);
                return Ok(None);
            }
            parts.push(data);
        }
        // A body of known length ends with its last byte: no need to wait for hyper to say so.
        if http_body::Body::is_end_stream(&body) {
            break;
        }
    }
    Ok(Some(match parts.len() {
        0 => Bytes::new(),
        1 => parts.pop().unwrap_or_default(),
        _ => {
            let mut all = bytes::BytesMut::with_capacity(total);
            for p in parts {
                all.extend_from_slice(&p);
            }
            all.freeze()
        }
    }))
}

pub(crate) fn reject_type_error(
    ctx: &Ctx<'_>,
    reject: Persistent<Function<'static>>,
    msg: &str,
) -> rquickjs::Result<()> {
    let ctor: Function = ctx.globals().get("TypeError")?;
    let err: Value = ctor.call((msg,))?;
    reject.restore(ctx)?.call::<_, ()>((err,))
}

/// Rejects a body read with a TypeError `"{prefix}: {error}"`; a body that did not arrive in
/// time gets the code `ERR_FERROUTE_BODY_TIMEOUT` (JavaScript answers it with 408).
fn reject_read_error(
    ctx: &Ctx<'_>,
    reject: Persistent<Function<'static>>,
    prefix: &str,
    e: &BoxError,
) -> rquickjs::Result<()> {
    let ctor: Function = ctx.globals().get("TypeError")?;
    let err: Object = ctor.call((format!("{prefix}: {e}"),))?;
    if e.is::<BodyTimedOut>() {
        err.set("code", "ERR_FERROUTE_BODY_TIMEOUT")?;
    }
    reject.restore(ctx)?.call::<_, ()>((err,))
}

/// Reads the next chunk of the request body: a Uint8Array, or undefined at the end.
fn read_chunk<'js>(ctx: Ctx<'js>, id: u32) -> rquickjs::Result<Promise<'js>> {
    if let Some(p) = reject_if_gone(&ctx, id)? {
        return Ok(p);
    }
    next_chunk_promise(&ctx, take_body(id), "failed to read body", move |b| {
        with_state(|s| {
            if let Some(r) = s.requests.get_mut(&id) {
                r.body = Some(b);
            }
        });
    })
}

/// A promise of the next data chunk of `body` (a Uint8Array, or undefined at the end),
/// shared by the request body and fetch response bodies. `put_back` returns the body to its
/// owner when more may follow; a read error rejects with a TypeError `"{prefix}: {error}"`.
pub(crate) fn next_chunk_promise<'js, B>(
    ctx: &Ctx<'js>,
    body: Option<B>,
    prefix: &'static str,
    put_back: impl FnOnce(B) + 'static,
) -> rquickjs::Result<Promise<'js>>
where
    B: http_body::Body<Data = Bytes> + Unpin + 'static,
    B::Error: Into<BoxError>,
{
    let (promise, resolve, reject) = Promise::new(ctx)?;
    let resolve = Persistent::save(ctx, resolve);
    let reject = Persistent::save(ctx, reject);
    let owner = crate::alloc::running_tag();
    crate::worker::spawn(async move {
        let result = next_chunk(body, put_back).await;
        enter(move |ctx| {
            crate::alloc::charge_to(owner);
            let r = match result {
                Ok(Some(bytes)) => TypedArray::<u8>::new_copy(ctx.clone(), &bytes[..])
                    .and_then(|ta| resolve.restore(&ctx)?.call::<_, ()>((ta,))),
                Ok(None) => resolve.restore(&ctx).and_then(|f| f.call::<_, ()>(())),
                Err(e) => reject_read_error(&ctx, reject, prefix, &e),
            };
            if let Err(e) = r {
                report_js_error(&ctx, e);
            }
        })
        .await;
    });
    Ok(promise)
}

/// The next data chunk of `body` (None at its end); `put_back` gets the body back when more
/// may follow.
pub(crate) async fn next_chunk<B>(
    mut body: Option<B>,
    put_back: impl FnOnce(B),
) -> Result<Option<Bytes>, BoxError>
where
    B: http_body::Body<Data = Bytes> + Unpin,
    B::Error: Into<BoxError>,
{
    let result = loop {
        let Some(b) = body.as_mut() else {
            break Ok(None);
        };
        match b.frame().await {
            None => break Ok(None),
            Some(Err(e)) => break Err(e.into()),
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    if !data.is_empty() {
                        break Ok(Some(data));
                    }
                }
            }
        }
    };
    if let (Some(b), Ok(Some(_))) = (body, &result) {
        put_back(b);
    }
    result
}

pub(crate) fn timer_start(id: u32, ms: f64) {
    let ms = if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    };
    let handle = crate::worker::spawn(async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        with_state(|s| s.timers.remove(&id));
        call_entry("fireTimer", vec![HostValue::Number(f64::from(id))]).await;
    });
    with_state(|s| s.timers.insert(id, handle));
}

pub(crate) fn timer_clear(id: u32) {
    if let Some(h) = with_state(|s| s.timers.remove(&id)) {
        h.abort();
    }
}

/// Prints an error with its stack mapped back to the user's source files.
pub(crate) fn log_error(message: String) {
    let root = with_state(|s| s.config.project_root.clone());
    let mut mapped = crate::stack::remap(&message, &root);
    if let Some(hint) = engine_hint(&mapped) {
        mapped.push('\n');
        mapped.push_str(hint);
    }
    eprintln_safe(&mapped);
}

/// What to say when code failed on a global this engine lacks (QuickJS has no WebAssembly).
pub(crate) fn engine_hint(message: &str) -> Option<&'static str> {
    (message.contains("WebAssembly is not defined")
        && with_state(|s| s.config.engine) == crate::engine::EngineKind::QuickJs)
        .then_some(
            "help: the QuickJS engine has no WebAssembly: start ferroute with --engine jsc (JavaScriptCore), which has it",
        )
}

pub(crate) fn log_line(message: String) {
    eprintln_safe(&message);
}

/// Where [`eprintln_safe`] sends lines, when not to stderr.
static LOG_SINK: std::sync::OnceLock<fn(&str)> = std::sync::OnceLock::new();

/// Sends the engine's log lines (handler errors, timeouts, the memory limit) to `sink`
/// instead of stderr, for the rest of the process; false if a sink was already set. The
/// binary never sets one. Tests that make handlers fail on purpose pass one that uses
/// `eprintln!`, which the test harness captures (and shows only when the test fails).
pub fn set_log_sink(sink: fn(&str)) -> bool {
    LOG_SINK.set(sink).is_ok()
}

/// Prints one line of the server's log as the engine prints its own: to stderr, or the
/// [`set_log_sink`] sink.
pub fn log_message(line: &str) {
    eprintln_safe(line);
}

/// Prints a log line to stderr (or the [`set_log_sink`] sink); a closed stderr is no panic.
pub(crate) fn eprintln_safe(s: &str) {
    use std::io::Write;
    if let Some(sink) = LOG_SINK.get() {
        sink(s);
        return;
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{s}");
}

/// Logs an exception that escaped to Rust (an engine-level failure, not a handler's throw).
pub(crate) fn report_js_error(ctx: &Ctx<'_>, e: rquickjs::Error) {
    let text = describe_error(ctx, e);
    log_error(format!("⨯ {text}"));
}

pub(crate) fn describe_error(ctx: &Ctx<'_>, e: rquickjs::Error) -> String {
    if matches!(e, rquickjs::Error::Exception) {
        let v = ctx.catch();
        if let Some(ex) = v.as_exception() {
            let msg = ex.message().unwrap_or_default();
            let stack = ex.stack().unwrap_or_default();
            let name: String = ex.get("name").unwrap_or_else(|_| "Error".into());
            return format!("{name}: {msg}\n{stack}").trim_end().to_string();
        }
        return format!("{v:?}");
    }
    e.to_string()
}

#[cfg(test)]
mod tests;

/// Prints a start-up warning to stderr as Next.js prints them (` ⚠ ` before each line).
pub fn log_warning(message: &str) {
    for line in message.lines() {
        eprintln_safe(&format!(" ⚠ {line}"));
    }
}
