//! `fetch()`'s natives and the data cache's on JavaScriptCore: argument and result conversion
//! around the HTTP client of `crate::fetch` (`fetch`, `uploadCreate`, `uploadWrite`,
//! `uploadEnd`, `fetchRead`, `fetchCancel`) and the cache store calls of `crate::data_cache`
//! (`cacheGet`, `cacheSet`, `cacheRevalidate`, `cacheKey`), which QuickJS shares. Their
//! callers are `js/21_fetch.js`, `js/22_fetch_cache.js`, `js/43_next_cache.js` and
//! `js/58_node_http.js`; docs/engine-boundary.md §1 lists their shapes.

use super::natives::{arg, bytes_arg, string_arg, u32_arg};
use ferroute_jsc::{JsError, Value, Vm};

use super::natives::settle;
use crate::data_cache;
use crate::fetch::{self as client, FetchHead, RequestBody};

type NativeResult = Result<Value, JsError>;

/// Adds the fetch and data cache natives to `native`.
pub(super) fn install(vm: &Vm, native: &Value) -> Result<(), JsError> {
    let table = super::Natives { vm, target: native };
    table.add("fetch", fetch)?;
    table.add("uploadCreate", |vm, _| {
        Ok(vm.number(f64::from(client::upload_create())))
    })?;
    table.add("uploadWrite", upload_write)?;
    table.add("uploadEnd", |vm, args| {
        let errored = arg(args, 1).and_then(Value::as_bool) == Some(true);
        client::upload_end(u32_arg(args, 0)?, errored);
        Ok(vm.undefined())
    })?;
    table.add("fetchRead", fetch_read)?;
    table.add("fetchCancel", |vm, args| {
        client::fetch_cancel(u32_arg(args, 0)?);
        Ok(vm.undefined())
    })?;
    table.add("cacheGet", cache_get)?;
    table.add("cacheSet", cache_set)?;
    table.add("cacheRevalidate", |vm, args| {
        let job = data_cache::revalidate_job(strings_arg(args, 0)?);
        resolve_when_done(vm, job)
    })?;
    table.add("cacheKey", |vm, args| {
        let key = data_cache::cache_key(string_arg(args, 0)?, string_arg(args, 1)?);
        Ok(vm.string(&key))
    })?;
    Ok(())
}

/// An array of strings (read in one JSON round trip); other items are converted as
/// `String(item)` would for numbers and booleans. Missing or null is empty.
fn strings_arg(args: &[Value], i: usize) -> Result<Vec<String>, JsError> {
    let Some(list) = arg(args, i).filter(|v| !v.is_nullish()) else {
        return Ok(Vec::new());
    };
    let serde_json::Value::Array(items) = list.to_json_value()? else {
        return Err(JsError::type_error("expected an array of strings"));
    };
    Ok(items
        .into_iter()
        .map(|item| match item {
            serde_json::Value::String(s) => s,
            serde_json::Value::Null => "null".to_owned(),
            other => other.to_string(),
        })
        .collect())
}

/// A flat list `[name, value, ...]` as pairs (a trailing name without a value is dropped).
fn pairs(flat: Vec<String>) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(flat.len() / 2);
    let mut it = flat.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        out.push((k, v));
    }
    out
}

/// A promise that resolves to undefined once `job` ends.
fn resolve_when_done(
    vm: &Vm,
    job: impl std::future::Future<Output = ()> + 'static,
) -> NativeResult {
    let (promise, resolver) = vm.deferred_promise()?;
    crate::worker::spawn(async move {
        job.await;
        settle(resolver, |vm| Ok(Ok(vm.undefined())));
    });
    Ok(promise)
}

/// `fetch(method, url, headersFlat, body)`: `body` is null, a string, bytes, or an upload
/// id (a number). Resolves `[status, statusText, headersFlat, bodyId]`; rejects with
/// `TypeError('fetch failed')` whose `cause` is an Error saying why.
fn fetch(vm: &Vm, args: &[Value]) -> NativeResult {
    let method = string_arg(args, 0)?;
    let url = string_arg(args, 1)?;
    let headers = pairs(strings_arg(args, 2)?);
    let body = match arg(args, 3).and_then(Value::as_number) {
        Some(id) => RequestBody::Upload(if id.is_finite() && id >= 0.0 {
            id as u32
        } else {
            0
        }),
        None => RequestBody::Bytes(bytes_arg(args, 3)?),
    };
    let job = client::fetch_job(&method, &url, headers, body);
    let (promise, resolver) = vm.deferred_promise()?;
    crate::worker::spawn(async move {
        let result = job.await;
        settle(resolver, move |vm| match result {
            Ok(head) => head_value(vm, head).map(Ok),
            Err(message) => fetch_failed(vm, &message).map(Err),
        });
    });
    Ok(promise)
}

/// `[status, statusText, headersFlat, bodyId]`, built in one JSON round trip.
fn head_value(vm: &Vm, head: FetchHead) -> NativeResult {
    let flat: Vec<serde_json::Value> = head
        .headers
        .into_iter()
        .flat_map(|(n, v)| [serde_json::Value::String(n), serde_json::Value::String(v)])
        .collect();
    vm.json_value(&serde_json::json!([
        head.status,
        head.status_text,
        flat,
        head.body_id
    ]))
}

/// `new TypeError('fetch failed', { cause: new Error(message) })`, as Node's fetch rejects.
fn fetch_failed(vm: &Vm, message: &str) -> NativeResult {
    let global = vm.global();
    let cause = global.get("Error")?.construct(&[vm.string(message)])?;
    let options = vm.object();
    options.set("cause", &cause)?;
    global
        .get("TypeError")?
        .construct(&[vm.string("fetch failed"), options])
}

/// `uploadWrite(id, chunk) → Promise<bool>`: false when the request no longer reads its
/// body.
fn upload_write(vm: &Vm, args: &[Value]) -> NativeResult {
    let sent = client::upload_write_job(u32_arg(args, 0)?, bytes_arg(args, 1)?);
    let (promise, resolver) = vm.deferred_promise()?;
    crate::worker::spawn(async move {
        let ok = sent.await;
        settle(resolver, move |vm| Ok(Ok(vm.boolean(ok))));
    });
    Ok(promise)
}

/// `fetchRead(bodyId) → Promise<Uint8Array | undefined>`: the next chunk of a response
/// body, undefined at its end (or once cancelled); a failed read rejects with
/// `TypeError('terminated: …')`.
fn fetch_read(vm: &Vm, args: &[Value]) -> NativeResult {
    let id = u32_arg(args, 0)?;
    let body = client::take_download(id);
    let (promise, resolver) = vm.deferred_promise()?;
    crate::worker::spawn(async move {
        let result = crate::natives::next_chunk(body, move |b| client::put_download(id, b)).await;
        settle(resolver, move |vm| match result {
            Ok(Some(bytes)) => vm.uint8_array(Vec::from(bytes)).map(Ok),
            Ok(None) => Ok(Ok(vm.undefined())),
            Err(e) => {
                let message = format!("{}: {e}", client::READ_ERROR);
                let error = vm
                    .global()
                    .get("TypeError")?
                    .construct(&[vm.string(&message)])?;
                Ok(Err(error))
            }
        });
    });
    Ok(promise)
}

/// `cacheGet(key, softTags) → Promise<[status, headersFlat, Uint8Array, ageMs] | null>`.
fn cache_get(vm: &Vm, args: &[Value]) -> NativeResult {
    let job = data_cache::lookup_job(string_arg(args, 0)?, strings_arg(args, 1)?);
    let (promise, resolver) = vm.deferred_promise()?;
    crate::worker::spawn(async move {
        let found = job.await;
        settle(resolver, move |vm| {
            let Some(hit) = found else {
                return Ok(Ok(vm.null()));
            };
            let mut flat = Vec::with_capacity(hit.headers.len() * 2);
            for (k, v) in &hit.headers {
                flat.push(vm.string(k));
                flat.push(vm.string(v));
            }
            let value = vm.array(&[
                vm.number(f64::from(hit.status)),
                vm.array(&flat)?,
                vm.uint8_array(Vec::from(hit.body))?,
                vm.number(hit.age_ms as f64),
            ])?;
            Ok(Ok(value))
        });
    });
    Ok(promise)
}

/// `cacheSet(key, [kind, revalidate, status], tags, headersFlat, body) → Promise<void>`.
fn cache_set(vm: &Vm, args: &[Value]) -> NativeResult {
    let info: Vec<f64> = match arg(args, 1).filter(|v| !v.is_nullish()) {
        Some(list) => match list.to_json_value()? {
            serde_json::Value::Array(items) => items
                .iter()
                .map(|n| n.as_f64().unwrap_or(f64::NAN))
                .collect(),
            _ => return Err(JsError::type_error("cache entry info must be an array")),
        },
        None => Vec::new(),
    };
    let job = data_cache::set_job(
        string_arg(args, 0)?,
        &info,
        strings_arg(args, 2)?,
        strings_arg(args, 3)?,
        bytes_arg(args, 4)?,
    );
    resolve_when_done(vm, job)
}
