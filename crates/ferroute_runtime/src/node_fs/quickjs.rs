//! The `node:fs`, `node:os` and stdio natives on QuickJS: argument and result conversion
//! around the engine-free calls of `node_fs`, and Node's `Error` for a [`NodeError`].

use rquickjs::prelude::{Func, Opt};
use rquickjs::{Array, Ctx, Error, Exception, Object, TypedArray, Value};

use super::NodeError;

/// Adds the `fs*` natives, `osInfo`, `stdioWrite` and `memoryUsage` to `native`.
pub(crate) fn install(native: &Object<'_>) -> rquickjs::Result<()> {
    native.set("fsReadFile", Func::from(read_file))?;
    native.set("fsWriteFile", Func::from(write_file))?;
    native.set("fsStat", Func::from(stat))?;
    native.set("fsReaddir", Func::from(readdir))?;
    native.set("fsMkdir", Func::from(mkdir))?;
    native.set("fsRm", Func::from(rm))?;
    native.set("fsRename", Func::from(rename))?;
    native.set("fsCopyFile", Func::from(copy_file))?;
    native.set("fsRealpath", Func::from(realpath))?;
    native.set("fsReadlink", Func::from(readlink))?;
    native.set("fsSymlink", Func::from(symlink))?;
    native.set("fsAccess", Func::from(access))?;
    native.set("fsChmod", Func::from(chmod))?;
    native.set("fsTruncate", Func::from(truncate))?;
    native.set("fsUtimes", Func::from(utimes))?;
    native.set("fsMkdtemp", Func::from(mkdtemp))?;
    native.set("fsOpen", Func::from(open))?;
    native.set("fsClose", Func::from(close))?;
    native.set("fsRead", Func::from(read))?;
    native.set("fsWrite", Func::from(write))?;
    native.set("fsFstat", Func::from(fstat))?;
    native.set("osInfo", Func::from(os_info))?;
    native.set("stdioWrite", Func::from(stdio_write))?;
    native.set("memoryUsage", Func::from(memory_usage))?;
    Ok(())
}

/// Throws `e` as Node's `Error`, with its fields.
pub(crate) fn throw(ctx: &Ctx<'_>, e: &NodeError) -> Error {
    let built = (|| -> rquickjs::Result<Value<'_>> {
        let err = Exception::from_message(ctx.clone(), &e.message)?;
        err.set("errno", e.errno)?;
        err.set("code", e.code)?;
        if let Some(syscall) = &e.syscall {
            err.set("syscall", syscall.as_str())?;
        }
        if let Some(path) = &e.path {
            err.set("path", path.as_str())?;
        }
        if let Some(dest) = &e.dest {
            err.set("dest", dest.as_str())?;
        }
        Ok(err.into_value())
    })();
    match built {
        Ok(v) => ctx.throw(v),
        Err(e) => e,
    }
}

/// `r`, with its error thrown.
fn thrown<T>(ctx: &Ctx<'_>, r: super::FsResult<T>) -> rquickjs::Result<T> {
    r.map_err(|e| throw(ctx, &e))
}

fn bytes_of(ctx: &Ctx<'_>, v: &Value<'_>) -> rquickjs::Result<bytes::Bytes> {
    crate::natives::value_to_bytes(ctx, v)
}

fn read_file<'js>(ctx: Ctx<'js>, path: String) -> rquickjs::Result<TypedArray<'js, u8>> {
    let bytes = thrown(&ctx, super::read_file(&path))?;
    TypedArray::new(ctx, bytes)
}

fn write_file(
    ctx: Ctx<'_>,
    path: String,
    data: Value<'_>,
    append: bool,
    mode: Opt<Option<u32>>,
) -> rquickjs::Result<()> {
    let bytes = bytes_of(&ctx, &data)?;
    thrown(
        &ctx,
        super::write_file(&path, &bytes, append, mode.0.flatten()),
    )
}

fn stat(
    ctx: Ctx<'_>,
    path: String,
    follow: bool,
    throw_if_missing: Opt<Option<bool>>,
) -> rquickjs::Result<Option<Vec<f64>>> {
    thrown(
        &ctx,
        super::stat(&path, follow, throw_if_missing.0.flatten()),
    )
}

fn readdir(ctx: Ctx<'_>, path: String) -> rquickjs::Result<Vec<Value<'_>>> {
    let entries = thrown(&ctx, super::readdir(&path))?;
    let mut values = Vec::with_capacity(entries.len() * 2);
    for (name, kind) in entries {
        values.push(rquickjs::String::from_str(ctx.clone(), &name)?.into_value());
        values.push(Value::new_int(ctx.clone(), kind));
    }
    Ok(values)
}

fn mkdir(
    ctx: Ctx<'_>,
    path: String,
    recursive: bool,
    mode: Opt<Option<u32>>,
) -> rquickjs::Result<Option<String>> {
    thrown(&ctx, super::mkdir(&path, recursive, mode.0.flatten()))
}

fn rm(
    ctx: Ctx<'_>,
    path: String,
    kind: String,
    recursive: bool,
    force: bool,
) -> rquickjs::Result<()> {
    thrown(&ctx, super::rm(&path, &kind, recursive, force))
}

fn rename(ctx: Ctx<'_>, from: String, to: String) -> rquickjs::Result<()> {
    thrown(&ctx, super::rename(&from, &to))
}

fn copy_file(ctx: Ctx<'_>, from: String, to: String, exclusive: bool) -> rquickjs::Result<()> {
    thrown(&ctx, super::copy_file(&from, &to, exclusive))
}

fn realpath(ctx: Ctx<'_>, path: String) -> rquickjs::Result<String> {
    thrown(&ctx, super::realpath(&path))
}

fn readlink(ctx: Ctx<'_>, path: String) -> rquickjs::Result<String> {
    thrown(&ctx, super::readlink(&path))
}

fn symlink(ctx: Ctx<'_>, target: String, path: String) -> rquickjs::Result<()> {
    thrown(&ctx, super::symlink(&target, &path))
}

fn access(ctx: Ctx<'_>, path: String, mode: u32) -> rquickjs::Result<()> {
    thrown(&ctx, super::access(&path, mode))
}

fn chmod(ctx: Ctx<'_>, path: String, mode: u32) -> rquickjs::Result<()> {
    thrown(&ctx, super::chmod(&path, mode))
}

fn truncate(ctx: Ctx<'_>, path: String, len: f64) -> rquickjs::Result<()> {
    thrown(&ctx, super::truncate(&path, len))
}

fn utimes(ctx: Ctx<'_>, path: String, atime_ms: f64, mtime_ms: f64) -> rquickjs::Result<()> {
    thrown(&ctx, super::utimes(&path, atime_ms, mtime_ms))
}

fn mkdtemp(ctx: Ctx<'_>, prefix: String) -> rquickjs::Result<String> {
    thrown(&ctx, super::mkdtemp(&prefix))
}

fn open(
    ctx: Ctx<'_>,
    path: String,
    flags: String,
    mode: Opt<Option<u32>>,
) -> rquickjs::Result<i32> {
    thrown(&ctx, super::open(&path, &flags, mode.0.flatten()))
}

fn close(ctx: Ctx<'_>, fd: i32) -> rquickjs::Result<()> {
    thrown(&ctx, super::close(fd))
}

fn read(
    ctx: Ctx<'_>,
    fd: i32,
    length: usize,
    position: f64,
) -> rquickjs::Result<TypedArray<'_, u8>> {
    let bytes = thrown(&ctx, super::read(fd, length, position))?;
    TypedArray::new(ctx, bytes)
}

fn write(ctx: Ctx<'_>, fd: i32, data: Value<'_>, position: f64) -> rquickjs::Result<usize> {
    let bytes = bytes_of(&ctx, &data)?;
    thrown(&ctx, super::write(fd, &bytes, position))
}

fn fstat(ctx: Ctx<'_>, fd: i32) -> rquickjs::Result<Vec<f64>> {
    thrown(&ctx, super::fstat(fd))
}

fn stdio_write(ctx: Ctx<'_>, fd: i32, data: Value<'_>) -> rquickjs::Result<()> {
    super::stdio_write(fd, &bytes_of(&ctx, &data)?);
    Ok(())
}

/// `[rss, heapTotal, heapUsed, heapLimit]` in bytes: the process's resident memory and
/// this worker's engine heap (`process.memoryUsage()`, `v8.getHeapStatistics()`).
fn memory_usage(ctx: Ctx<'_>) -> Vec<f64> {
    let rss = super::process_rss();
    let (total, used) = crate::sys::engine_memory(&ctx);
    let limit = crate::worker::with_state(|s| s.config.memory_limit) as f64;
    vec![rss, total, used, limit]
}

fn os_info(ctx: Ctx<'_>) -> rquickjs::Result<Object<'_>> {
    let info = super::os_info();
    let o = Object::new(ctx.clone())?;
    o.set("hostname", info.hostname)?;
    o.set("type", "Linux")?;
    o.set("platform", "linux")?;
    o.set("release", info.release)?;
    o.set("version", info.version)?;
    o.set("arch", info.arch)?;
    o.set("machine", info.machine)?;
    o.set("endianness", info.endianness)?;
    o.set("totalmem", info.totalmem)?;
    o.set("freemem", info.freemem)?;
    o.set("uptime", info.uptime)?;
    o.set("loadavg", info.loadavg)?;
    let cpus = Array::new(ctx.clone())?;
    for (i, (model, speed)) in info.cpus.into_iter().enumerate() {
        let c = Object::new(ctx.clone())?;
        c.set("model", model)?;
        c.set("speed", speed)?;
        let times = Object::new(ctx.clone())?;
        for k in super::CPU_TIMES {
            times.set(k, 0)?;
        }
        c.set("times", times)?;
        cpus.set(i, c)?;
    }
    o.set("cpus", cpus)?;
    o.set("homedir", info.homedir)?;
    o.set("tmpdir", info.tmpdir)?;
    o.set("uid", info.uid)?;
    o.set("gid", info.gid)?;
    o.set("username", info.username)?;
    o.set("shell", info.shell)?;
    o.set("networkInterfaces", Object::new(ctx.clone())?)?;
    Ok(o)
}
