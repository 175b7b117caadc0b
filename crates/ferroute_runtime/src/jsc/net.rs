//! The natives of `node:net`, `node:tls` and `node:dns` (`js/57_node_net.js`) on
//! JavaScriptCore: `netConnect`, `netUpgrade`, `netRead`, `netWrite`, `netShutdown`,
//! `netClose` and `dnsLookup`, with the same arguments and results as on QuickJS. The
//! sockets are `crate::node_net`'s; this file converts values and settles the promises.

use std::future::Future;

use super::natives::{arg, string_arg};
use bytes::Bytes;
use ferroute_jsc::{JsError, Value, Vm};

use super::natives::settle;
use crate::node_net::{self as net, Chunk, ConnectOptions, Negotiated, NetError, NetProp};

type NativeResult = Result<Value, JsError>;

/// Adds the socket and look-up natives to `native`.
pub(super) fn install(vm: &Vm, native: &Value) -> Result<(), JsError> {
    let table = super::Natives { vm, target: native };
    table.add("netConnect", connect)?;
    table.add("netUpgrade", upgrade)?;
    table.add("netRead", read)?;
    table.add("netWrite", write)?;
    table.add("netShutdown", shutdown)?;
    table.add("netClose", |vm, args| {
        net::close_socket(u32_arg(args, 0)?);
        Ok(vm.undefined())
    })?;
    table.add("dnsLookup", dns_lookup)?;
    Ok(())
}

/// A number argument truncated to an integer in `0..=max` (0 when it is not a number).
fn uint_arg(args: &[Value], i: usize, max: f64) -> Result<f64, JsError> {
    let n = arg(args, i).map_or(Ok(f64::NAN), Value::to_number)?;
    Ok(if n.is_finite() && n >= 0.0 {
        n.trunc().min(max)
    } else {
        0.0
    })
}

fn u32_arg(args: &[Value], i: usize) -> Result<u32, JsError> {
    uint_arg(args, i, f64::from(u32::MAX)).map(|n| n as u32)
}

/// A list of strings; empty when `v` is not an array of strings only.
fn strings(v: Option<&Value>) -> Result<Vec<String>, JsError> {
    let Some(v) = v.filter(|v| v.is_array()) else {
        return Ok(Vec::new());
    };
    let serde_json::Value::Array(items) = v.to_json_value()? else {
        return Ok(Vec::new());
    };
    Ok(items
        .into_iter()
        .map(|item| match item {
            serde_json::Value::String(s) => Some(s),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default())
}

/// The `Error` Node would reject with: the message, then `code`, `errno`, `syscall`,
/// `hostname`/`address` and `port`.
fn error_value(vm: &Vm, e: &NetError) -> NativeResult {
    let error = vm
        .global()
        .get("Error")?
        .construct(&[vm.string(e.message())])?;
    for (key, value) in e.properties() {
        let value = match value {
            NetProp::Text(s) => vm.string(s),
            NetProp::Int(n) => vm.number(f64::from(n)),
        };
        error.set(key, &value)?;
    }
    Ok(error)
}

/// A promise that a spawned task settles with what `job` comes to, made a value by `make`
/// (rejected with Node's error when the job fails). `job` starts once the promise exists.
fn promise_for<T: 'static, F>(
    vm: &Vm,
    job: impl FnOnce() -> F,
    make: impl FnOnce(&Vm, T) -> NativeResult + 'static,
) -> NativeResult
where
    F: Future<Output = Result<T, NetError>> + 'static,
{
    let (promise, resolver) = vm.deferred_promise()?;
    let job = job();
    crate::worker::spawn(async move {
        let result = job.await;
        settle(resolver, move |vm| match result {
            Ok(v) => make(vm, v).map(Ok),
            Err(e) => error_value(vm, &e).map(Err),
        });
    });
    Ok(promise)
}

/// A string, or undefined for None.
fn opt_string(vm: &Vm, s: Option<&str>) -> Value {
    s.map_or_else(|| vm.undefined(), |s| vm.string(s))
}

/// `[alpnProtocol, version, cipher, certificates]`: the first three undefined when the
/// handshake did not settle them, the peer's certificates (DER) as Uint8Arrays.
fn negotiated(vm: &Vm, n: Negotiated) -> Result<[Value; 4], JsError> {
    let certs = n
        .certs
        .into_iter()
        .map(|der| vm.uint8_array(der))
        .collect::<Result<Vec<_>, _>>()?;
    Ok([
        opt_string(vm, n.alpn.as_deref()),
        opt_string(vm, n.version),
        opt_string(vm, n.cipher.as_deref()),
        vm.array(&certs)?,
    ])
}

/// `netConnect(host, port, { tls, servername, rejectUnauthorized, alpn, timeout })` →
/// `Promise<[id, localAddress, localPort, remoteAddress, remotePort, family, alpnProtocol,
/// version, cipher]>`.
fn connect(vm: &Vm, args: &[Value]) -> NativeResult {
    let host = string_arg(args, 0)?;
    let port = uint_arg(args, 1, f64::from(u16::MAX))? as u16;
    let mut options = ConnectOptions {
        verify: true,
        ..ConnectOptions::default()
    };
    if let Some(o) = arg(args, 2).filter(|o| o.is_object()) {
        // Each option as QuickJS reads it: only a boolean is a flag, only a string a name.
        let field = |key: &str| o.get(key).map(|v| Some(v).filter(|v| !v.is_nullish()));
        options.tls = field("tls")?.and_then(|v| v.as_bool()).unwrap_or(false);
        options.servername = field("servername")?.and_then(|v| v.as_string());
        options.verify = field("rejectUnauthorized")?
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        options.alpn = strings(field("alpn")?.as_ref())?;
        options.timeout_ms = field("timeout")?.and_then(|v| v.as_number());
    }
    promise_for(
        vm,
        || net::connect_socket(host, port, options),
        |vm, c| {
            let local = c.local;
            let [alpn, version, cipher, certs] = negotiated(vm, c.tls)?;
            vm.array(&[
                vm.number(f64::from(c.id)),
                local.map_or_else(|| vm.undefined(), |l| vm.string(&l.ip().to_string())),
                local.map_or_else(|| vm.undefined(), |l| vm.number(f64::from(l.port()))),
                vm.string(&c.remote.ip().to_string()),
                vm.number(f64::from(c.remote.port())),
                vm.string(if c.remote.is_ipv4() { "IPv4" } else { "IPv6" }),
                alpn,
                version,
                cipher,
                certs,
            ])
        },
    )
}

/// `netUpgrade(id, servername, rejectUnauthorized?, alpn?)`: STARTTLS on an open socket →
/// `Promise<[alpnProtocol, version, cipher]>`.
fn upgrade(vm: &Vm, args: &[Value]) -> NativeResult {
    let id = u32_arg(args, 0)?;
    let servername = string_arg(args, 1)?;
    let verify = arg(args, 2).and_then(Value::as_bool).unwrap_or(true);
    let alpn = strings(arg(args, 3))?;
    promise_for(
        vm,
        || net::upgrade_socket(id, servername, verify, alpn),
        |vm, n| vm.array(&negotiated(vm, n)?),
    )
}

/// `netRead(id)` → `Promise<Uint8Array | null | undefined>`: the next chunk, null at the end
/// of the stream, undefined when the read was cancelled for `netUpgrade`.
fn read(vm: &Vm, args: &[Value]) -> NativeResult {
    let id = u32_arg(args, 0)?;
    promise_for(
        vm,
        || net::read_socket(id),
        |vm, chunk| match chunk {
            Chunk::Cancelled => Ok(vm.undefined()),
            Chunk::End => Ok(vm.null()),
            Chunk::Data(bytes) => vm.uint8_array(bytes),
        },
    )
}

/// `netWrite(id, data)` → `Promise<undefined>` once all of `data` (a string as UTF-8, a
/// typed array or an ArrayBuffer; null is nothing) is written.
fn write(vm: &Vm, args: &[Value]) -> NativeResult {
    let id = u32_arg(args, 0)?;
    let bytes = match arg(args, 1) {
        None => Bytes::new(),
        Some(v) if v.is_nullish() => Bytes::new(),
        Some(v) => match v.as_string() {
            Some(s) => Bytes::from(s),
            None => v.bytes().map(Bytes::from).map_err(|_| {
                JsError::type_error("body chunk must be a string, ArrayBuffer or Uint8Array")
            })?,
        },
    };
    promise_for(
        vm,
        || net::write_socket(id, bytes),
        |vm, ()| Ok(vm.undefined()),
    )
}

/// `netShutdown(id)` → `Promise<undefined>`: half-closes (TLS sends close_notify).
fn shutdown(vm: &Vm, args: &[Value]) -> NativeResult {
    let id = u32_arg(args, 0)?;
    promise_for(
        vm,
        || {
            let done = net::shutdown_socket(id);
            async move {
                done.await;
                Ok(())
            }
        },
        |vm, ()| Ok(vm.undefined()),
    )
}

/// `dnsLookup(host, family?)` → `Promise<[[address, family], ...]>` (family 0: any).
fn dns_lookup(vm: &Vm, args: &[Value]) -> NativeResult {
    let host = string_arg(args, 0)?;
    let family = uint_arg(args, 1, f64::from(u8::MAX))? as u8;
    promise_for(
        vm,
        || net::lookup(host, family),
        |vm, list| {
            let pairs = list
                .iter()
                .map(|(address, f)| vm.array(&[vm.string(address), vm.number(f64::from(*f))]))
                .collect::<Result<Vec<_>, _>>()?;
            vm.array(&pairs)
        },
    )
}
