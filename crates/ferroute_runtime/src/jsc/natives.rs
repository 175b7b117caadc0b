//! `internal.native` on JavaScriptCore: argument and result conversion around the request,
//! response, timer and logging logic that `crate::natives` shares with QuickJS, plus the
//! natives the JSC platform files (`js/jsc/*.js`) sit on.
//!
//! `fulfilled`, `checkHeaderValue` and `recordHeaders` are not installed: they are QuickJS
//! fast paths, and our JavaScript takes its own path when they are missing (JIT-compiled
//! JavaScript beats a host call that costs several hundred nanoseconds).

use bytes::Bytes;
use ferroute_jsc::{JsError, Resolver, Value, Vm};

use crate::engine::EngineConfig;
use crate::natives as shared;
use crate::worker::with_state;

type NativeResult = Result<Value, JsError>;

/// Builds `internal.native`, `internal.routeLoaded` and the configuration fields of `internal`.
pub(super) fn install(vm: &Vm, internal: &Value, config: &EngineConfig) -> Result<(), JsError> {
    let native = vm.object();
    let table = super::Natives {
        vm,
        target: &native,
    };
    table.add("respond", respond)?;
    table.add("internHeaders", intern_headers)?;
    table.add("respondStream", respond_stream)?;
    table.add("write", write)?;
    table.add("writeShared", write_shared)?;
    table.add("drain", drain)?;
    table.add("flushStream", |vm, _| Ok(stream_native(|_| vm.undefined())))?;
    table.add("end", |vm, args| {
        let id = u32_arg(args, 0)?;
        Ok(stream_native(|_| {
            shared::end(id);
            vm.undefined()
        }))
    })?;
    table.add("fail", |vm, args| {
        let id = u32_arg(args, 0)?;
        Ok(stream_native(|_| {
            shared::fail(id);
            vm.undefined()
        }))
    })?;
    table.add("release", |vm, args| {
        let id = u32_arg(args, 0)?;
        Ok(stream_native(|_| {
            shared::release(id);
            vm.undefined()
        }))
    })?;
    table.add("requestHeaders", request_headers)?;
    table.add("requestHeader", request_header)?;
    table.add("requestCookies", request_cookies)?;
    table.add("requestCookie", request_cookie)?;
    table.add("readAll", read_all)?;
    table.add("readChunk", read_chunk)?;
    table.add("timerStart", |vm, args| {
        shared::timer_start(u32_arg(args, 0)?, number_arg(args, 1)?);
        Ok(vm.undefined())
    })?;
    table.add("timerClear", |vm, args| {
        shared::timer_clear(u32_arg(args, 0)?);
        Ok(vm.undefined())
    })?;
    table.add("log", |vm, args| {
        shared::log_line(string_arg(args, 0)?);
        Ok(vm.undefined())
    })?;
    table.add("logError", |vm, args| {
        shared::log_error(super::normalize_stack_text(&string_arg(args, 0)?));
        Ok(vm.undefined())
    })?;
    table.add("loadPlatform", |vm, args| {
        super::eval_platform_file(vm, &string_arg(args, 0)?)?;
        Ok(vm.undefined())
    })?;
    table.add("loadLazy", |vm, args| {
        super::eval_js_file(vm, &string_arg(args, 0)?)?;
        Ok(vm.undefined())
    })?;
    table.add("hrtime", |vm, _| {
        let t = monotonic();
        vm.array(&[
            vm.number(t.as_secs() as f64),
            vm.number(f64::from(t.subsec_nanos())),
        ])
    })?;
    table.add("urlParse", url_parse)?;
    table.add("urlSet", url_set)?;
    table.add("domainTo", |vm, args| {
        // `domainTo(domain, unicode)`: Node's domainToASCII/domainToUnicode ('' when invalid).
        let domain = string_arg(args, 0)?;
        let text = if arg(args, 1).is_some_and(Value::to_bool) {
            url::quirks::domain_to_unicode(&domain)
        } else {
            url::quirks::domain_to_ascii(&domain)
        };
        Ok(vm.string(&text))
    })?;
    table.add("formParse", |vm, args| {
        let text = string_arg(args, 0)?;
        let pairs: Vec<_> = form_urlencoded::parse(text.as_bytes()).collect();
        pieces(vm, pairs.iter().flat_map(|(k, v)| [&**k, &**v]))
    })?;
    table.add("formSerialize", |vm, args| {
        let serde_json::Value::Array(items) = arg(args, 0).map_or(
            Ok(serde_json::Value::Array(Vec::new())),
            Value::to_json_value,
        )?
        else {
            return Err(JsError::type_error("expected a flat list of strings"));
        };
        let mut out = form_urlencoded::Serializer::new(String::new());
        for pair in items.chunks_exact(2) {
            out.append_pair(
                pair[0].as_str().unwrap_or(""),
                pair[1].as_str().unwrap_or(""),
            );
        }
        Ok(vm.string(&out.finish()))
    })?;
    table.add("encodeUtf8", |vm, args| {
        // Unpaired surrogates are U+FFFD already: JSC strings come out of `to_string` lossily.
        vm.uint8_array(string_arg(args, 0)?.into_bytes())
    })?;
    table.add("decodeUtf8", decode_utf8)?;
    table.add("textEncoding", |vm, args| {
        Ok(
            match crate::text_decode::encoding_name(&string_arg(args, 0)?) {
                Some(name) => vm.string(&name),
                None => vm.undefined(),
            },
        )
    })?;
    table.add("textDecoderOpen", |vm, args| {
        let strip_bom = arg(args, 1).is_some_and(Value::to_bool);
        Ok(
            match crate::text_decode::open(&string_arg(args, 0)?, strip_bom) {
                Some(id) => vm.number(f64::from(id)),
                None => vm.undefined(),
            },
        )
    })?;
    table.add("textDecode", text_decode)?;
    table.add("textDecoderClose", |vm, args| {
        crate::text_decode::close(u32_arg(args, 0)?);
        Ok(vm.undefined())
    })?;
    table.add("envPairs", |vm, _| {
        let mut items = Vec::new();
        for (k, v) in std::env::vars_os() {
            items.push(vm.string(&k.to_string_lossy()));
            items.push(vm.string(&v.to_string_lossy()));
        }
        vm.array(&items)
    })?;
    table.add("processInfo", process_info)?;
    table.add("memoryUsage", |vm, args| {
        // [rss, heapTotal, heapUsed, limit, external]. JSC counts what objects own outside
        // their cells (array buffers' bytes, ...) in its heap figures: taken out, as Node's
        // heap figures leave out `external`. The figures walk the heap (docs/compat.md), so
        // `memoryUsage(true)` (`process.memoryUsage.rss()`) leaves them 0.
        let rss_only = args.first().is_some_and(Value::to_bool);
        let heap = if rss_only {
            ferroute_jsc::HeapStatistics::default()
        } else {
            vm.heap_statistics()
        };
        let limit = with_state(|s| s.config.memory_limit) as f64;
        let bytes = |n: u64| vm.number(n as f64);
        vm.array(&[
            vm.number(crate::node_fs::process_rss()),
            bytes(heap.capacity.saturating_sub(heap.extra_memory)),
            bytes(heap.size.saturating_sub(heap.extra_memory)),
            vm.number(limit),
            bytes(heap.extra_memory),
        ])
    })?;
    super::modules::install(vm, &native)?;
    super::crypto::install(vm, &native)?;
    super::fetch::install(vm, &native)?;
    super::net::install(vm, &native)?;
    super::node_io::install(vm, &native)?;
    internal.set("native", &native)?;
    internal.set("version", &vm.string(env!("CARGO_PKG_VERSION")))?;
    internal.set("routeLoaded", &vm.function("routeLoaded", route_loaded))?;

    let cfg = vm.json_value(&serde_json::json!({
        "origin": config.origin,
        "dev": config.dev,
        "maxBodySize": config.max_body_size as f64,
        "builtins": crate::loader::NODE_BUILTINS,
        "root": config.project_root.to_string_lossy(),
        "basePath": config.base_path,
        "trailingSlash": config.trailing_slash,
        "engine": "jsc",
    }))?;
    internal.set("config", &cfg)?;
    internal.set("authInterrupts", &vm.boolean(config.auth_interrupts))?;
    internal.set("previewModeId", &vm.string(&config.preview_mode_id))?;
    let mut env = Vec::new();
    for (k, v) in &config.env {
        if std::env::var_os(k).is_none() {
            env.push(vm.string(k));
            env.push(vm.string(v));
        }
    }
    for (k, v) in &config.config_env {
        env.push(vm.string(k));
        env.push(vm.string(v));
    }
    internal.set("dotenv", &vm.array(&env)?)?;
    Ok(())
}

/// Time since the first call in this process (a monotonic clock for `performance.now()` and
/// `process.hrtime()`).
fn monotonic() -> std::time::Duration {
    static ORIGIN: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    ORIGIN.get_or_init(std::time::Instant::now).elapsed()
}

pub(super) fn arg(args: &[Value], i: usize) -> Option<&Value> {
    args.get(i).filter(|v| !v.is_undefined())
}

pub(super) fn number_arg(args: &[Value], i: usize) -> Result<f64, JsError> {
    arg(args, i).map_or(Ok(f64::NAN), Value::to_number)
}

pub(super) fn u32_arg(args: &[Value], i: usize) -> Result<u32, JsError> {
    let n = number_arg(args, i)?;
    Ok(if n.is_finite() && n >= 0.0 {
        n as u32
    } else {
        0
    })
}

pub(super) fn string_arg(args: &[Value], i: usize) -> Result<String, JsError> {
    arg(args, i).map_or(Ok(String::new()), Value::to_string)
}

/// A string argument; None for undefined, null or the empty string.
pub(super) fn opt_string_arg(args: &[Value], i: usize) -> Result<Option<String>, JsError> {
    match arg(args, i) {
        Some(v) if !v.is_nullish() => Ok(Some(v.to_string()?).filter(|s| !s.is_empty())),
        _ => Ok(None),
    }
}

/// A body chunk: a string (as UTF-8), an ArrayBuffer or a typed array; null is empty.
pub(super) fn bytes_arg(args: &[Value], i: usize) -> Result<Bytes, JsError> {
    match arg(args, i) {
        None => Ok(Bytes::new()),
        Some(v) if v.is_nullish() => Ok(Bytes::new()),
        Some(v) => match v.as_string() {
            Some(s) => Ok(Bytes::from(s)),
            None => v.bytes().map(Bytes::from).map_err(|_| {
                JsError::type_error("body chunk must be a string, ArrayBuffer or Uint8Array")
            }),
        },
    }
}

/// A header list of names and values joined by NUL (js/jsc/01_calls.js) as a `HeaderMap`.
pub(super) fn joined_headers(joined: &str) -> http::HeaderMap {
    let items: Vec<&str> = if joined.is_empty() {
        Vec::new()
    } else {
        joined.split('\0').collect()
    };
    shared::head_map_from(items.chunks_exact(2).map(|p| (p[0], p[1])))
}

/// A header list as a `HeaderMap`: one string of names and values joined by NUL (what
/// js/jsc/01_calls.js passes on the per-request path), or a flat array `[name, value, ...]`
/// (read in one JSON round trip).
fn header_list_arg(args: &[Value], i: usize) -> Result<http::HeaderMap, JsError> {
    let Some(list) = arg(args, i) else {
        return Ok(http::HeaderMap::new());
    };
    if let Some(n) = list.as_number() {
        // A list numbered by `internHeaders`.
        let known = with_state(|s| s.jsc.as_ref()?.header_set(n as u32));
        return known.ok_or_else(|| JsError::type_error("unknown header list"));
    }
    if let Some(joined) = list.as_string() {
        return Ok(joined_headers(&joined));
    }
    let serde_json::Value::Array(items) = list.to_json_value()? else {
        return Err(JsError::type_error("headers must be an array"));
    };
    let strings: Vec<&str> = items.iter().map(|v| v.as_str().unwrap_or("")).collect();
    Ok(shared::head_map_from(
        strings.chunks_exact(2).map(|p| (p[0], p[1])),
    ))
}

fn strings_value(vm: &Vm, items: &[&str]) -> NativeResult {
    let values: Vec<Value> = items.iter().map(|s| vm.string(s)).collect();
    vm.array(&values)
}

/// `internHeaders(list) → n`: keeps the header list `list` (the NUL-joined form) parsed as
/// number `n`, which `respond` and `respondStream` then take in its place (01_calls.js).
fn intern_headers(vm: &Vm, args: &[Value]) -> NativeResult {
    let headers = header_list_arg(args, 0)?;
    let n = with_state(|s| {
        let core = s.jsc.as_ref()?;
        let mut sets = core.header_sets.borrow_mut();
        sets.push(headers);
        Some(sets.len() - 1)
    })
    .ok_or_else(|| JsError::error("no engine to keep header lists in"))?;
    Ok(vm.number(n as f64))
}

/// `respond(id, status, statusText, headers, body, release)`: with `release`, JavaScript is
/// also done with the request (`release`): one call instead of two.
fn respond(vm: &Vm, args: &[Value]) -> NativeResult {
    let body = bytes_arg(args, 4)?;
    let id = u32_arg(args, 0)?;
    shared::send_response(
        id,
        u32_arg(args, 1)? as u16,
        opt_string_arg(args, 2)?,
        header_list_arg(args, 3)?,
        body,
    );
    if args.get(5).and_then(Value::as_bool) == Some(true) {
        shared::release(id);
    }
    Ok(vm.undefined())
}

fn respond_stream(vm: &Vm, args: &[Value]) -> NativeResult {
    let started = shared::start_stream(
        u32_arg(args, 0)?,
        u32_arg(args, 1)? as u16,
        opt_string_arg(args, 2)?,
        header_list_arg(args, 3)?,
    );
    Ok(vm.boolean(started))
}

/// A stream native's work `f`, after the stream ops JavaScript queued (outbox.rs) are carried
/// out, so that it comes after them; then JavaScript is told whether a stream now waits for
/// room. `f` gets the engine's core, where there is one.
fn stream_native<R>(f: impl FnOnce(Option<&super::Core>) -> R) -> R {
    let core = with_state(|s| s.jsc.clone());
    if let Some(core) = &core {
        core.flush_stream();
    }
    let r = f(core.as_deref());
    if let Some(core) = &core {
        core.note_blocked();
    }
    r
}

/// `writeShared(id, length, start)`: a chunk JavaScript copied into `internal.chunkBytes`
/// (outbox.rs) at `start`, sent as `write` sends one.
fn write_shared(vm: &Vm, args: &[Value]) -> NativeResult {
    let id = u32_arg(args, 0)?;
    let len = u32_arg(args, 1)? as usize;
    let start = u32_arg(args, 2)? as usize;
    stream_native(|core| {
        let bytes = core
            .and_then(|core| core.chunk(start, len))
            .ok_or_else(|| JsError::error("no shared chunk buffer"))?;
        Ok(vm.number(f64::from(shared::write_chunk(id, bytes))))
    })
}

fn write(vm: &Vm, args: &[Value]) -> NativeResult {
    let (id, bytes) = (u32_arg(args, 0)?, bytes_arg(args, 1)?);
    Ok(stream_native(|_| {
        vm.number(f64::from(shared::write_chunk(id, bytes)))
    }))
}

fn drain(vm: &Vm, args: &[Value]) -> NativeResult {
    let id = u32_arg(args, 0)?;
    let sent = stream_native(|_| shared::drain_job(id));
    let (promise, resolver) = vm.deferred_promise()?;
    crate::worker::spawn(async move {
        let ok = sent.await;
        settle(resolver, move |vm| Ok(Ok(vm.boolean(ok))));
    });
    Ok(promise)
}

/// What a promise settles to: `Ok` fulfils, `Err` rejects with that value.
type Settled = Result<Value, Value>;

/// Settles `resolver` in a new entry with what `value` makes (rejected with its error when
/// making it throws).
pub(super) fn settle(resolver: Resolver, value: impl FnOnce(&Vm) -> Result<Settled, JsError>) {
    let Some(core) = with_state(|s| s.jsc.clone()) else {
        return;
    };
    let r = core.enter(|vm| match value(vm) {
        Ok(Ok(v)) => resolver.resolve(&v),
        Ok(Err(reason)) => resolver.reject(&reason),
        Err(e) => resolver.reject_with_error(&e),
    });
    if let Err(e) = r {
        shared::log_error(format!("⨯ {}", super::describe(&e)));
    }
}

fn request_headers(vm: &Vm, args: &[Value]) -> NativeResult {
    match shared::with_request_headers(u32_arg(args, 0)?, |items| strings_value(vm, items)) {
        Some(list) => list,
        None => Ok(vm.null()),
    }
}

/// undefined when JavaScript holds the headers already, null when `found` is None.
fn held(vm: &Vm, found: Option<Option<Value>>) -> Value {
    match found {
        None => vm.undefined(),
        Some(None) => vm.null(),
        Some(Some(v)) => v,
    }
}

/// A name argument (a header's, a cookie's): read once per string object where it repeats
/// (`ReceivedStrings`).
fn name_arg(args: &[Value], i: usize) -> Result<std::rc::Rc<str>, JsError> {
    let Some(value) = arg(args, i) else {
        return Ok("".into());
    };
    match with_state(|s| s.jsc.clone()) {
        Some(core) => core.received.text(value),
        None => Ok(value.to_string()?.into()),
    }
}

fn request_header(vm: &Vm, args: &[Value]) -> NativeResult {
    let name = name_arg(args, 1)?;
    let found = shared::read_held_headers(u32_arg(args, 0)?, |map| shared::header_text(map, &name));
    Ok(held(
        vm,
        found.map(|text| text.map(|t| returned_string(vm, &t))),
    ))
}

/// `text` as a native's return value: the kept string when requests send it again (a
/// header's or a cookie's value, as the URLs: sent_strings.rs), else made for this return.
fn returned_string(vm: &Vm, text: &str) -> Value {
    match with_state(|s| s.jsc.clone()).and_then(|core| core.sent.get(vm, text)) {
        Some(kept) => Value::share(&kept),
        None => vm.string_to_return(text),
    }
}

fn request_cookies(vm: &Vm, args: &[Value]) -> NativeResult {
    let found = shared::read_held_headers(u32_arg(args, 0)?, |map| {
        shared::cookie_pairs(map).map(|pairs| {
            let items: Vec<&str> = pairs.iter().map(String::as_str).collect();
            strings_value(vm, &items)
        })
    });
    Ok(held(vm, found.map(Option::transpose).transpose()?))
}

fn request_cookie(vm: &Vm, args: &[Value]) -> NativeResult {
    let name = name_arg(args, 1)?;
    let found =
        shared::read_held_headers(u32_arg(args, 0)?, |map| shared::cookie_value(map, &name));
    Ok(held(
        vm,
        found.map(|text| text.map(|t| returned_string(vm, &t))),
    ))
}

/// A rejected promise for a read of a request that ended from outside.
fn gone(vm: &Vm, id: u32) -> Result<Option<Value>, JsError> {
    if with_state(|s| s.requests.contains_key(&id)) {
        return Ok(None);
    }
    let (promise, resolver) = vm.deferred_promise()?;
    resolver.reject_with_error(&JsError::type_error(
        "failed to read body: the request was aborted",
    ))?;
    Ok(Some(promise))
}

/// The TypeError a failed body read rejects with (`ERR_FERROUTE_BODY_TIMEOUT` when the body
/// did not arrive in time: JavaScript answers 408).
fn read_error(vm: &Vm, prefix: &str, e: &crate::body::BoxError) -> Result<Settled, JsError> {
    let error = vm
        .global()
        .get("TypeError")?
        .construct(&[vm.string(&format!("{prefix}: {e}"))])?;
    if e.is::<crate::body::BodyTimedOut>() {
        error.set("code", &vm.string("ERR_FERROUTE_BODY_TIMEOUT"))?;
    }
    Ok(Err(error))
}

fn read_all(vm: &Vm, args: &[Value]) -> NativeResult {
    let id = u32_arg(args, 0)?;
    if let Some(p) = gone(vm, id)? {
        return Ok(p);
    }
    // A body received whole comes back as itself (`shared::read_all_now`): its text when the
    // caller wants one (`text()`, `json()`), else an ArrayBuffer.
    let read = match shared::read_all_now(id) {
        Ok(bytes) if arg(args, 1).is_some_and(Value::to_bool) => {
            return Ok(vm.string_to_return(&utf8_text(&bytes, false)));
        }
        Ok(bytes) => return vm.array_buffer(bytes.to_vec()),
        Err(read) => read,
    };
    let (promise, resolver) = vm.deferred_promise()?;
    crate::worker::spawn(async move {
        let result = read.await;
        settle(resolver, move |vm| match result {
            Ok(Some(bytes)) => vm.array_buffer(bytes.to_vec()).map(Ok),
            Ok(None) => Ok(Ok(vm.undefined())),
            Err(e) => read_error(vm, "failed to read body", &e),
        });
    });
    Ok(promise)
}

fn read_chunk(vm: &Vm, args: &[Value]) -> NativeResult {
    let id = u32_arg(args, 0)?;
    if let Some(p) = gone(vm, id)? {
        return Ok(p);
    }
    let body = shared::take_body(id);
    let (promise, resolver) = vm.deferred_promise()?;
    crate::worker::spawn(async move {
        let result = shared::next_chunk(body, move |b| {
            with_state(|s| {
                if let Some(r) = s.requests.get_mut(&id) {
                    r.body = Some(b);
                }
            });
        })
        .await;
        settle(resolver, move |vm| match result {
            Ok(Some(bytes)) => vm.uint8_array(bytes.to_vec()).map(Ok),
            Ok(None) => Ok(Ok(vm.undefined())),
            Err(e) => read_error(vm, "failed to read body", &e),
        });
    });
    Ok(promise)
}

/// A parsed URL as `js/jsc/40_url.js` keeps it: `[href, protocol, username, password, host,
/// hostname, port, pathname, search, hash, origin]`, each as the URL Standard's getter says.
fn url_components(vm: &Vm, url: &url::Url) -> NativeResult {
    use url::quirks as q;
    let origin = q::origin(url);
    pieces(
        vm,
        [
            q::href(url),
            q::protocol(url),
            q::username(url),
            q::password(url),
            q::host(url),
            q::hostname(url),
            q::port(url),
            q::pathname(url),
            q::search(url),
            q::hash(url),
            &origin,
        ],
    )
}

/// Strings for JavaScript as one: `[joined, length, ...]`, each piece's length in UTF-16 code
/// units, which `pieces` in js/jsc/40_url.js cuts apart (substrings of one string). One string
/// crosses instead of one per piece: each string made from Rust is a protected value, whose
/// protection is given back by another call into JSC (when this was written through the C API,
/// eleven for a URL's components were ~45k of a `new URL()`'s ~50k instructions).
fn pieces<'a>(vm: &Vm, parts: impl IntoIterator<Item = &'a str>) -> NativeResult {
    let mut joined = String::new();
    let mut lengths = Vec::new();
    for part in parts {
        joined.push_str(part);
        lengths.push(if part.is_ascii() {
            part.len()
        } else {
            part.encode_utf16().count()
        });
    }
    let mut items = Vec::with_capacity(lengths.len() + 1);
    items.push(vm.string(&joined));
    items.extend(lengths.into_iter().map(|n| vm.number(n as f64)));
    vm.array(&items)
}

/// `urlParse(input, base?)`: the components of `input` parsed against `base`, or null when
/// either is no URL (the URL Standard's basic URL parser, through the `url` crate).
fn url_parse(vm: &Vm, args: &[Value]) -> NativeResult {
    let input = string_arg(args, 0)?;
    let base = match arg(args, 1) {
        Some(b) => match url::Url::parse(&b.to_string()?) {
            Ok(base) => Some(base),
            Err(_) => return Ok(vm.null()),
        },
        None => None,
    };
    match url::Url::options().base_url(base.as_ref()).parse(&input) {
        Ok(url) => url_components(vm, &url),
        Err(_) => Ok(vm.null()),
    }
}

/// `urlSet(href, field, value)`: the components after one of URL's setters (fields 0–9:
/// href, protocol, username, password, host, hostname, port, pathname, search, hash); null
/// when the href setter is given no URL. Setters that refuse a value leave the URL as it was,
/// as the standard says.
fn url_set(vm: &Vm, args: &[Value]) -> NativeResult {
    use url::quirks as q;
    let Ok(mut url) = url::Url::parse(&string_arg(args, 0)?) else {
        return Ok(vm.null());
    };
    let value = string_arg(args, 2)?;
    match u32_arg(args, 1)? {
        0 => {
            if q::set_href(&mut url, &value).is_err() {
                return Ok(vm.null());
            }
        }
        1 => drop(q::set_protocol(&mut url, &value)),
        2 => drop(q::set_username(&mut url, &value)),
        3 => drop(q::set_password(&mut url, &value)),
        4 => drop(q::set_host(&mut url, &value)),
        5 => drop(q::set_hostname(&mut url, &value)),
        6 => drop(q::set_port(&mut url, &value)),
        7 => q::set_pathname(&mut url, &value),
        8 => q::set_search(&mut url, &value),
        9 => q::set_hash(&mut url, &value),
        _ => return Err(JsError::range_error("no such URL field")),
    }
    url_components(vm, &url)
}

/// `decodeUtf8(bytes, fatal, ignoreBOM)`: the Encoding Standard's UTF-8 decode (invalid
/// sequences as U+FFFD, each maximal subpart once, as Rust's lossy conversion does); `fatal`
/// throws a TypeError instead.
fn decode_utf8(vm: &Vm, args: &[Value]) -> NativeResult {
    let bytes = match arg(args, 0) {
        Some(v) if !v.is_nullish() => v.bytes()?,
        _ => Vec::new(),
    };
    let fatal = arg(args, 1).is_some_and(Value::to_bool);
    let ignore_bom = arg(args, 2).is_some_and(Value::to_bool);
    let text = utf8_text(&bytes, ignore_bom);
    // Owned only where invalid sequences were replaced.
    if fatal && matches!(text, std::borrow::Cow::Owned(_)) {
        return Err(JsError::type_error(
            "The encoded data was not valid for encoding utf-8",
        ));
    }
    Ok(vm.string_to_return(&text))
}

/// `textDecode(id, bytes, fatal, flush)`: decoder `id` of `crate::text_decode` over `bytes`;
/// `null` when they are invalid under `fatal`.
fn text_decode(vm: &Vm, args: &[Value]) -> NativeResult {
    use crate::text_decode::{decode, Decoded};
    let bytes = match arg(args, 1) {
        Some(v) if !v.is_nullish() => v.bytes()?,
        _ => Vec::new(),
    };
    let fatal = arg(args, 2).is_some_and(Value::to_bool);
    let flush = arg(args, 3).is_none_or(Value::to_bool);
    match decode(u32_arg(args, 0)?, &bytes, fatal, flush) {
        Decoded::Text(text) => Ok(vm.string_to_return(&text)),
        Decoded::Invalid => Ok(vm.null()),
        Decoded::Closed => Err(JsError::type_error("the decoder is closed")),
    }
}

/// `bytes` without a leading UTF-8 byte order mark, unless `ignore_bom` (which keeps it).
fn without_bom(bytes: &[u8], ignore_bom: bool) -> &[u8] {
    match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) if !ignore_bom => rest,
        _ => bytes,
    }
}

/// The Encoding Standard's UTF-8 decode without `fatal`, as `TextDecoder` gives it: a leading
/// byte order mark dropped unless `ignore_bom`, invalid sequences as U+FFFD (each maximal
/// subpart once, as Rust's lossy conversion does): borrowed exactly when `bytes` were valid.
fn utf8_text(bytes: &[u8], ignore_bom: bool) -> std::borrow::Cow<'_, str> {
    let bytes = without_bom(bytes, ignore_bom);
    // Valid text (nearly all) is checked by the validator's word-at-a-time ASCII path, several
    // times faster than the lossy decoder's chunks.
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// `processInfo()`: the facts `process` reports that do not change while serving.
fn process_info(vm: &Vm, _: &[Value]) -> NativeResult {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        other => other,
    };
    let exec_path = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cwd = std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "/".into());
    let argv: Vec<String> = std::env::args().collect();
    vm.json_value(&serde_json::json!({
        "pid": std::process::id(),
        "ppid": parent_pid(),
        "platform": std::env::consts::OS,
        "arch": arch,
        "cwd": cwd,
        "argv": argv,
        "execArgv": [],
        "execPath": exec_path,
    }))
}

/// The parent process id, from /proc (0 when unknown).
fn parent_pid() -> u32 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
            let rest = &s[s.rfind(')')? + 1..];
            rest.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

/// `internal.routeLoaded(index, methods, error, maxDuration, revalidate, cacheFlags)`.
fn route_loaded(vm: &Vm, args: &[Value]) -> NativeResult {
    let methods = match arg(args, 1) {
        Some(v) if !v.is_nullish() => match v.to_json_value()? {
            serde_json::Value::Array(items) => Some(
                items
                    .into_iter()
                    .filter_map(|m| m.as_str().map(str::to_owned))
                    .collect(),
            ),
            _ => None,
        },
        _ => None,
    };
    let error = opt_string_arg(args, 2)?.map(|e| super::normalize_stack_text(&e));
    let opt_number = |i: usize| -> Result<Option<f64>, JsError> {
        match arg(args, i) {
            Some(v) if !v.is_nullish() => v.to_number().map(Some),
            _ => Ok(None),
        }
    };
    let static_generation =
        crate::engine::static_generation(opt_number(4)?, opt_number(5)?.map(|f| f as u32));
    crate::engine::route_loaded_with(
        u32_arg(args, 0)?,
        methods,
        error,
        opt_number(3)?,
        static_generation,
    );
    Ok(vm.undefined())
}
