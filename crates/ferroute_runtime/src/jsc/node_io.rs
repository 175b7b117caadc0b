//! The natives under `node:fs`, `node:os`, `process.stdout`/`stderr` and `node:zlib` on
//! JavaScriptCore: argument and result conversion around the engine-free calls of
//! `crate::node_fs` and `crate::node_zlib`, which QuickJS shares. A failed call throws Node's
//! `Error` (`code`, `errno`, `syscall`, `path`, `dest`) built from the call's [`NodeError`].
//! `memoryUsage` is installed by `natives.rs`.

use ferroute_jsc::{JsError, Value, Vm};

use crate::node_fs::{self as fs, NodeError};
use crate::node_zlib as zlib;

type NativeResult = Result<Value, JsError>;

/// Adds the `fs*` natives, `osInfo`, `stdioWrite` and the `zlib*` natives to `native`.
pub(super) fn install(vm: &Vm, native: &Value) -> Result<(), JsError> {
    let table = super::Natives { vm, target: native };
    table.add("fsReadFile", |vm, args| {
        let bytes = fs::read_file(&string_arg(args, 0)?).map_err(|e| throw(vm, &e))?;
        vm.uint8_array(bytes)
    })?;
    table.add("fsWriteFile", |vm, args| {
        let bytes = bytes_arg(args, 1)?;
        let r = fs::write_file(
            &string_arg(args, 0)?,
            &bytes,
            bool_arg(args, 2),
            opt_u32_arg(args, 3)?,
        );
        done(vm, r)
    })?;
    table.add("fsStat", |vm, args| {
        let throw_if_missing = arg(args, 2).filter(|v| !v.is_nullish()).map(Value::to_bool);
        match fs::stat(&string_arg(args, 0)?, bool_arg(args, 1), throw_if_missing) {
            Ok(Some(numbers)) => numbers_value(vm, &numbers),
            Ok(None) => Ok(vm.undefined()),
            Err(e) => Err(throw(vm, &e)),
        }
    })?;
    table.add("fsFstat", |vm, args| {
        let numbers = fs::fstat(i32_arg(args, 0)?).map_err(|e| throw(vm, &e))?;
        numbers_value(vm, &numbers)
    })?;
    table.add("fsReaddir", |vm, args| {
        let entries = fs::readdir(&string_arg(args, 0)?).map_err(|e| throw(vm, &e))?;
        let mut items = Vec::with_capacity(entries.len() * 2);
        for (name, kind) in entries {
            items.push(vm.string(&name));
            items.push(vm.number(f64::from(kind)));
        }
        vm.array(&items)
    })?;
    table.add("fsMkdir", |vm, args| {
        let first = fs::mkdir(
            &string_arg(args, 0)?,
            bool_arg(args, 1),
            opt_u32_arg(args, 2)?,
        )
        .map_err(|e| throw(vm, &e))?;
        Ok(first.map_or_else(|| vm.undefined(), |p| vm.string(&p)))
    })?;
    table.add("fsMkdtemp", |vm, args| {
        text(vm, fs::mkdtemp(&string_arg(args, 0)?))
    })?;
    table.add("fsRm", |vm, args| {
        let r = fs::rm(
            &string_arg(args, 0)?,
            &string_arg(args, 1)?,
            bool_arg(args, 2),
            bool_arg(args, 3),
        );
        done(vm, r)
    })?;
    table.add("fsRename", |vm, args| {
        done(vm, fs::rename(&string_arg(args, 0)?, &string_arg(args, 1)?))
    })?;
    table.add("fsCopyFile", |vm, args| {
        let r = fs::copy_file(
            &string_arg(args, 0)?,
            &string_arg(args, 1)?,
            bool_arg(args, 2),
        );
        done(vm, r)
    })?;
    table.add("fsSymlink", |vm, args| {
        done(
            vm,
            fs::symlink(&string_arg(args, 0)?, &string_arg(args, 1)?),
        )
    })?;
    table.add("fsReadlink", |vm, args| {
        text(vm, fs::readlink(&string_arg(args, 0)?))
    })?;
    table.add("fsRealpath", |vm, args| {
        text(vm, fs::realpath(&string_arg(args, 0)?))
    })?;
    table.add("fsAccess", |vm, args| {
        let mode = opt_u32_arg(args, 1)?.unwrap_or(0);
        done(vm, fs::access(&string_arg(args, 0)?, mode))
    })?;
    table.add("fsChmod", |vm, args| {
        let mode = opt_u32_arg(args, 1)?.unwrap_or(0);
        done(vm, fs::chmod(&string_arg(args, 0)?, mode))
    })?;
    table.add("fsTruncate", |vm, args| {
        let len = number_arg(args, 1)?;
        done(vm, fs::truncate(&string_arg(args, 0)?, len))
    })?;
    table.add("fsUtimes", |vm, args| {
        let r = fs::utimes(
            &string_arg(args, 0)?,
            number_arg(args, 1)?,
            number_arg(args, 2)?,
        );
        done(vm, r)
    })?;
    table.add("fsOpen", |vm, args| {
        let fd = fs::open(
            &string_arg(args, 0)?,
            &string_arg(args, 1)?,
            opt_u32_arg(args, 2)?,
        )
        .map_err(|e| throw(vm, &e))?;
        Ok(vm.number(f64::from(fd)))
    })?;
    table.add("fsClose", |vm, args| done(vm, fs::close(i32_arg(args, 0)?)))?;
    table.add("fsRead", |vm, args| {
        let length = number_arg(args, 1)?;
        let length = if length.is_finite() && length > 0.0 {
            length as usize
        } else {
            0
        };
        let bytes = fs::read(i32_arg(args, 0)?, length, position_arg(args, 2)?)
            .map_err(|e| throw(vm, &e))?;
        vm.uint8_array(bytes)
    })?;
    table.add("fsWrite", |vm, args| {
        let bytes = bytes_arg(args, 1)?;
        let n = fs::write(i32_arg(args, 0)?, &bytes, position_arg(args, 2)?)
            .map_err(|e| throw(vm, &e))?;
        Ok(vm.number(n as f64))
    })?;
    table.add("osInfo", |vm, _| os_info(vm))?;
    table.add("stdioWrite", |vm, args| {
        fs::stdio_write(i32_arg(args, 0)?, &bytes_arg(args, 1)?);
        Ok(vm.undefined())
    })?;
    table.add("zlibCreate", |vm, args| {
        let level = match arg(args, 1) {
            Some(v) if !v.is_nullish() => Some(v.to_number()?)
                .filter(|n| n.is_finite())
                .map(|n| n as i32),
            _ => None,
        };
        let id = zlib::create(
            &string_arg(args, 0)?,
            level,
            opt_u32_arg(args, 2)?,
            opt_u32_arg(args, 3)?,
        )
        .map_err(|message| JsError::type_error(&message))?;
        Ok(vm.number(f64::from(id)))
    })?;
    table.add("zlibWrite", |vm, args| {
        let bytes = bytes_arg(args, 1)?;
        let flush = opt_u32_arg(args, 2)?.unwrap_or(0);
        let out = zlib::write(u32_arg(args, 0)?, &bytes, flush).map_err(|e| throw(vm, &e))?;
        vm.uint8_array(out)
    })?;
    table.add("zlibClose", |vm, args| {
        zlib::close(u32_arg(args, 0)?);
        Ok(vm.undefined())
    })?;
    table.add("zlibCrc32", |vm, args| {
        let crc = zlib::crc32(&bytes_arg(args, 0)?, opt_u32_arg(args, 1)?);
        Ok(vm.number(f64::from(crc)))
    })?;
    Ok(())
}

/// Node's `Error` for `e`, thrown as itself so that the catcher sees its fields.
fn throw(vm: &Vm, e: &NodeError) -> JsError {
    let thrown = (|| -> Result<JsError, JsError> {
        let error = vm
            .global()
            .get("Error")?
            .construct(&[vm.string(&e.message)])?;
        error.set("errno", &vm.number(f64::from(e.errno)))?;
        error.set("code", &vm.string(e.code))?;
        for (key, value) in [
            ("syscall", &e.syscall),
            ("path", &e.path),
            ("dest", &e.dest),
        ] {
            if let Some(value) = value {
                error.set(key, &vm.string(value))?;
            }
        }
        Ok(vm.throwing(&error))
    })();
    thrown.unwrap_or_else(|failed| failed)
}

/// undefined, or the call's error thrown.
fn done(vm: &Vm, r: fs::FsResult<()>) -> NativeResult {
    r.map(|()| vm.undefined()).map_err(|e| throw(vm, &e))
}

/// The string, or the call's error thrown.
fn text(vm: &Vm, r: fs::FsResult<String>) -> NativeResult {
    r.map(|s| vm.string(&s)).map_err(|e| throw(vm, &e))
}

fn numbers_value(vm: &Vm, numbers: &[f64]) -> NativeResult {
    let items: Vec<Value> = numbers.iter().map(|n| vm.number(*n)).collect();
    vm.array(&items)
}

/// `osInfo()`: the object `node:os` reads, with the keys in the order QuickJS gives them.
fn os_info(vm: &Vm) -> NativeResult {
    let info = fs::os_info();
    let o = vm.object();
    let set_str = |key: &str, value: &str| o.set(key, &vm.string(value));
    let set_num = |key: &str, value: f64| o.set(key, &vm.number(value));
    set_str("hostname", &info.hostname)?;
    set_str("type", "Linux")?;
    set_str("platform", "linux")?;
    set_str("release", &info.release)?;
    set_str("version", &info.version)?;
    set_str("arch", info.arch)?;
    set_str("machine", info.machine)?;
    set_str("endianness", info.endianness)?;
    set_num("totalmem", info.totalmem)?;
    set_num("freemem", info.freemem)?;
    set_num("uptime", info.uptime)?;
    o.set("loadavg", &numbers_value(vm, &info.loadavg)?)?;
    let mut cpus = Vec::with_capacity(info.cpus.len());
    for (model, speed) in &info.cpus {
        let c = vm.object();
        c.set("model", &vm.string(model))?;
        c.set("speed", &vm.number(*speed))?;
        let times = vm.object();
        for k in fs::CPU_TIMES {
            times.set(k, &vm.number(0.0))?;
        }
        c.set("times", &times)?;
        cpus.push(c);
    }
    o.set("cpus", &vm.array(&cpus)?)?;
    set_str("homedir", &info.homedir)?;
    set_str("tmpdir", &info.tmpdir)?;
    set_num("uid", f64::from(info.uid))?;
    set_num("gid", f64::from(info.gid))?;
    set_str("username", &info.username)?;
    set_str("shell", &info.shell)?;
    o.set("networkInterfaces", &vm.object())?;
    Ok(o)
}

fn arg(args: &[Value], i: usize) -> Option<&Value> {
    args.get(i).filter(|v| !v.is_undefined())
}

fn string_arg(args: &[Value], i: usize) -> Result<String, JsError> {
    arg(args, i).map_or(Ok(String::new()), Value::to_string)
}

fn bool_arg(args: &[Value], i: usize) -> bool {
    arg(args, i).is_some_and(Value::to_bool)
}

fn number_arg(args: &[Value], i: usize) -> Result<f64, JsError> {
    arg(args, i).map_or(Ok(f64::NAN), Value::to_number)
}

/// A descriptor (NaN and out-of-range numbers are no descriptor we hand out).
fn i32_arg(args: &[Value], i: usize) -> Result<i32, JsError> {
    let n = number_arg(args, i)?;
    Ok(if n.is_finite() { n as i32 } else { -1 })
}

fn u32_arg(args: &[Value], i: usize) -> Result<u32, JsError> {
    let n = number_arg(args, i)?;
    Ok(if n.is_finite() && n >= 0.0 {
        n as u32
    } else {
        0
    })
}

/// A number argument that may be left out: None for undefined, null or NaN.
fn opt_u32_arg(args: &[Value], i: usize) -> Result<Option<u32>, JsError> {
    match arg(args, i) {
        Some(v) if !v.is_nullish() => {
            let n = v.to_number()?;
            Ok((!n.is_nan()).then(|| n.clamp(0.0, f64::from(u32::MAX)) as u32))
        }
        _ => Ok(None),
    }
}

/// A file position: undefined and null are the current position (-1).
fn position_arg(args: &[Value], i: usize) -> Result<f64, JsError> {
    match arg(args, i) {
        Some(v) if !v.is_nullish() => v.to_number(),
        _ => Ok(-1.0),
    }
}

/// Bytes to write: a string (as UTF-8), a typed array or an ArrayBuffer; undefined and null
/// are none.
fn bytes_arg(args: &[Value], i: usize) -> Result<Vec<u8>, JsError> {
    match arg(args, i) {
        Some(v) if !v.is_nullish() => match v.as_string() {
            Some(s) => Ok(s.into_bytes()),
            None => v.bytes().map_err(|_| {
                JsError::type_error("body chunk must be a string, ArrayBuffer or Uint8Array")
            }),
        },
        _ => Ok(Vec::new()),
    }
}
