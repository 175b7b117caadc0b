//! The file-system natives under `node:fs` (`js/55_node_fs.js`) and the facts under
//! `node:os`. Every call is synchronous; `fs.promises` and the callback API run them
//! and settle afterwards (route handlers read small files; see docs/compat.md). Failures
//! throw Node's error shape: `ENOENT: no such file or directory, open '/x'` with `code`,
//! `errno`, `syscall` and `path`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use rquickjs::prelude::{Func, Opt};
use rquickjs::{Ctx, Error, Exception, Object, TypedArray, Value};

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

/// `(code, errno, description)` as libuv names them.
fn errno_facts(e: &std::io::Error) -> (&'static str, i32, String) {
    let raw = e.raw_os_error().unwrap_or(0);
    let (code, text) = match raw {
        1 => ("EPERM", "operation not permitted"),
        2 => ("ENOENT", "no such file or directory"),
        5 => ("EIO", "i/o error"),
        9 => ("EBADF", "bad file descriptor"),
        13 => ("EACCES", "permission denied"),
        16 => ("EBUSY", "resource busy or locked"),
        17 => ("EEXIST", "file already exists"),
        18 => ("EXDEV", "cross-device link not permitted"),
        20 => ("ENOTDIR", "not a directory"),
        21 => ("EISDIR", "illegal operation on a directory"),
        22 => ("EINVAL", "invalid argument"),
        24 => ("EMFILE", "too many open files"),
        28 => ("ENOSPC", "no space left on device"),
        30 => ("EROFS", "read-only file system"),
        36 => ("ENAMETOOLONG", "name too long"),
        39 => ("ENOTEMPTY", "directory not empty"),
        40 => ("ELOOP", "too many symbolic links encountered"),
        _ => {
            return match e.kind() {
                std::io::ErrorKind::NotFound => ("ENOENT", -2, "no such file or directory".into()),
                std::io::ErrorKind::InvalidData => ("EINVAL", -22, "invalid argument".into()),
                _ => ("EIO", -(raw.max(5)), e.to_string()),
            };
        }
    };
    (code, -raw, text.to_owned())
}

/// Throws Node's error for a failed `syscall` on `path` (and `dest`).
fn fs_error(
    ctx: &Ctx<'_>,
    e: &std::io::Error,
    syscall: &str,
    path: &str,
    dest: Option<&str>,
) -> Error {
    let (code, errno, text) = errno_facts(e);
    let message = match dest {
        Some(d) => format!("{code}: {text}, {syscall} '{path}' -> '{d}'"),
        None if path.is_empty() => format!("{code}: {text}, {syscall}"),
        None => format!("{code}: {text}, {syscall} '{path}'"),
    };
    let built = (|| -> rquickjs::Result<Value<'_>> {
        let err = Exception::from_message(ctx.clone(), &message)?;
        err.set("errno", errno)?;
        err.set("code", code)?;
        err.set("syscall", syscall)?;
        if !path.is_empty() {
            err.set("path", path)?;
        }
        if let Some(d) = dest {
            err.set("dest", d)?;
        }
        Ok(err.into_value())
    })();
    match built {
        Ok(v) => ctx.throw(v),
        Err(e) => e,
    }
}

fn bytes_of(ctx: &Ctx<'_>, v: &Value<'_>) -> rquickjs::Result<Vec<u8>> {
    crate::natives::value_to_bytes(ctx, v).map(|b| b.to_vec())
}

fn read_file<'js>(ctx: Ctx<'js>, path: String) -> rquickjs::Result<TypedArray<'js, u8>> {
    match std::fs::read(&path) {
        Ok(bytes) => TypedArray::new(ctx, bytes),
        Err(e) => Err(fs_error(&ctx, &e, "open", &path, None)),
    }
}

fn write_file(
    ctx: Ctx<'_>,
    path: String,
    data: Value<'_>,
    append: bool,
    mode: Opt<Option<u32>>,
) -> rquickjs::Result<()> {
    let bytes = bytes_of(&ctx, &data)?;
    let mut opts = OpenOptions::new();
    opts.create(true).mode(mode.0.flatten().unwrap_or(0o666));
    if append {
        opts.append(true);
    } else {
        opts.write(true).truncate(true);
    }
    opts.open(&path)
        .and_then(|mut f| f.write_all(&bytes))
        .map_err(|e| fs_error(&ctx, &e, "open", &path, None))
}

fn stat_array(m: &std::fs::Metadata) -> Vec<f64> {
    let ms = |s: i64, ns: i64| s as f64 * 1000.0 + ns as f64 / 1e6;
    vec![
        m.dev() as f64,
        m.ino() as f64,
        f64::from(m.mode()),
        m.nlink() as f64,
        f64::from(m.uid()),
        f64::from(m.gid()),
        m.rdev() as f64,
        m.size() as f64,
        m.blksize() as f64,
        m.blocks() as f64,
        ms(m.atime(), m.atime_nsec()),
        ms(m.mtime(), m.mtime_nsec()),
        ms(m.ctime(), m.ctime_nsec()),
        m.created()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(ms(m.ctime(), m.ctime_nsec()), |d| d.as_secs_f64() * 1000.0),
    ]
}

/// `[dev, ino, mode, nlink, uid, gid, rdev, size, blksize, blocks, atimeMs, mtimeMs,
/// ctimeMs, birthtimeMs]`, or `undefined` for a missing file when `throw_if_missing` is false.
fn stat(
    ctx: Ctx<'_>,
    path: String,
    follow: bool,
    throw_if_missing: Opt<Option<bool>>,
) -> rquickjs::Result<Option<Vec<f64>>> {
    let r = if follow {
        std::fs::metadata(&path)
    } else {
        std::fs::symlink_metadata(&path)
    };
    match r {
        Ok(m) => Ok(Some(stat_array(&m))),
        Err(e)
            if throw_if_missing.0.flatten() == Some(false)
                && e.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(None)
        }
        Err(e) => Err(fs_error(
            &ctx,
            &e,
            if follow { "stat" } else { "lstat" },
            &path,
            None,
        )),
    }
}

/// `[name, type, name, type, ...]`: type 1 file, 2 directory, 3 symlink, 0 other.
fn readdir(ctx: Ctx<'_>, path: String) -> rquickjs::Result<Vec<Value<'_>>> {
    let entries =
        std::fs::read_dir(&path).map_err(|e| fs_error(&ctx, &e, "scandir", &path, None))?;
    let mut out: Vec<(String, i32)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| fs_error(&ctx, &e, "scandir", &path, None))?;
        let kind = entry.file_type().map_or(0, |t| {
            if t.is_symlink() {
                3
            } else if t.is_dir() {
                2
            } else if t.is_file() {
                1
            } else {
                0
            }
        });
        out.push((entry.file_name().to_string_lossy().into_owned(), kind));
    }
    out.sort();
    let mut values = Vec::with_capacity(out.len() * 2);
    for (name, kind) in out {
        values.push(rquickjs::String::from_str(ctx.clone(), &name)?.into_value());
        values.push(Value::new_int(ctx.clone(), kind));
    }
    Ok(values)
}

/// Creates the directory; with `recursive`, returns the first directory created.
fn mkdir(
    ctx: Ctx<'_>,
    path: String,
    recursive: bool,
    mode: Opt<Option<u32>>,
) -> rquickjs::Result<Option<String>> {
    let mode = mode.0.flatten().unwrap_or(0o777);
    if recursive {
        let mut first = None;
        let mut p = Path::new(&path);
        let mut missing = Vec::new();
        while !p.exists() {
            missing.push(p.to_path_buf());
            match p.parent() {
                Some(parent) => p = parent,
                None => break,
            }
        }
        if let Some(m) = missing.last() {
            first = Some(m.to_string_lossy().into_owned());
        }
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(mode)
            .create(&path)
            .map_err(|e| fs_error(&ctx, &e, "mkdir", &path, None))?;
        Ok(first)
    } else {
        std::fs::DirBuilder::new()
            .mode(mode)
            .create(&path)
            .map_err(|e| fs_error(&ctx, &e, "mkdir", &path, None))?;
        Ok(None)
    }
}

/// `kind`: `unlink` (a file), `rmdir` (an empty directory, or a tree with `recursive`),
/// `rm` (either; `recursive` for trees, `force` ignores a missing path).
fn rm(
    ctx: Ctx<'_>,
    path: String,
    kind: String,
    recursive: bool,
    force: bool,
) -> rquickjs::Result<()> {
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if force && e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(fs_error(
                &ctx,
                &e,
                if kind == "rm" { "rm" } else { &kind },
                &path,
                None,
            ))
        }
    };
    let r = match kind.as_str() {
        "unlink" => std::fs::remove_file(&path),
        "rmdir" if recursive => std::fs::remove_dir_all(&path),
        "rmdir" => std::fs::remove_dir(&path),
        _ if meta.is_dir() => {
            if !recursive {
                let err = std::io::Error::from_raw_os_error(21);
                return Err(fs_error(&ctx, &err, "rm", &path, None));
            }
            std::fs::remove_dir_all(&path)
        }
        _ => std::fs::remove_file(&path),
    };
    r.map_err(|e| fs_error(&ctx, &e, &kind, &path, None))
}

fn rename(ctx: Ctx<'_>, from: String, to: String) -> rquickjs::Result<()> {
    std::fs::rename(&from, &to).map_err(|e| fs_error(&ctx, &e, "rename", &from, Some(&to)))
}

fn copy_file(ctx: Ctx<'_>, from: String, to: String, exclusive: bool) -> rquickjs::Result<()> {
    if exclusive && Path::new(&to).exists() {
        let err = std::io::Error::from_raw_os_error(17);
        return Err(fs_error(&ctx, &err, "copyfile", &from, Some(&to)));
    }
    std::fs::copy(&from, &to)
        .map(|_| ())
        .map_err(|e| fs_error(&ctx, &e, "copyfile", &from, Some(&to)))
}

fn realpath(ctx: Ctx<'_>, path: String) -> rquickjs::Result<String> {
    std::fs::canonicalize(&path)
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| fs_error(&ctx, &e, "realpath", &path, None))
}

fn readlink(ctx: Ctx<'_>, path: String) -> rquickjs::Result<String> {
    std::fs::read_link(&path)
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| fs_error(&ctx, &e, "readlink", &path, None))
}

fn symlink(ctx: Ctx<'_>, target: String, path: String) -> rquickjs::Result<()> {
    std::os::unix::fs::symlink(&target, &path)
        .map_err(|e| fs_error(&ctx, &e, "symlink", &target, Some(&path)))
}

/// `mode`: Node's F_OK (0), R_OK (4), W_OK (2), X_OK (1) bits.
fn access(ctx: Ctx<'_>, path: String, mode: u32) -> rquickjs::Result<()> {
    let meta = std::fs::metadata(&path).map_err(|e| fs_error(&ctx, &e, "access", &path, None))?;
    let perms = meta.permissions().mode();
    // Root may read and write anything; otherwise look at the bits any class grants.
    let is_root =
        std::env::var("USER").is_ok_and(|u| u == "root") || meta.uid() == 0 && perms & 0o700 != 0;
    let granted = |bit: u32| is_root && bit != 1 || perms & (bit | bit << 3 | bit << 6) != 0;
    for bit in [4, 2, 1] {
        if mode & bit != 0 && !granted(bit) {
            let err = std::io::Error::from_raw_os_error(13);
            return Err(fs_error(&ctx, &err, "access", &path, None));
        }
    }
    Ok(())
}

fn chmod(ctx: Ctx<'_>, path: String, mode: u32) -> rquickjs::Result<()> {
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| fs_error(&ctx, &e, "chmod", &path, None))
}

fn truncate(ctx: Ctx<'_>, path: String, len: f64) -> rquickjs::Result<()> {
    OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_len(len.max(0.0) as u64))
        .map_err(|e| fs_error(&ctx, &e, "open", &path, None))
}

fn utimes(ctx: Ctx<'_>, path: String, atime_ms: f64, mtime_ms: f64) -> rquickjs::Result<()> {
    let at =
        |ms: f64| std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(ms.max(0.0) / 1000.0);
    let times = std::fs::FileTimes::new()
        .set_accessed(at(atime_ms))
        .set_modified(at(mtime_ms));
    OpenOptions::new()
        .write(true)
        .open(&path)
        .or_else(|_| File::open(&path))
        .and_then(|f| f.set_times(times))
        .map_err(|e| fs_error(&ctx, &e, "utime", &path, None))
}

fn mkdtemp(ctx: Ctx<'_>, prefix: String) -> rquickjs::Result<String> {
    use std::hash::{BuildHasher, Hasher};
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for attempt in 0..32u32 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(attempt);
        let mut n = h.finish();
        let suffix: String = (0..6)
            .map(|_| {
                let c = CHARS[(n % CHARS.len() as u64) as usize] as char;
                n /= CHARS.len() as u64;
                c
            })
            .collect();
        let path = format!("{prefix}{suffix}");
        match std::fs::DirBuilder::new().mode(0o700).create(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(fs_error(
                    &ctx,
                    &e,
                    "mkdtemp",
                    &format!("{prefix}XXXXXX"),
                    None,
                ))
            }
        }
    }
    let err = std::io::Error::from_raw_os_error(17);
    Err(fs_error(
        &ctx,
        &err,
        "mkdtemp",
        &format!("{prefix}XXXXXX"),
        None,
    ))
}

thread_local! {
    /// Files opened with `fs.open`, by the descriptor number handed to JavaScript. Per
    /// worker: a descriptor is only good on the worker that opened it.
    static FILES: RefCell<(i32, HashMap<i32, File>)> = RefCell::new((100, HashMap::new()));
}

/// Opens with Node's string flags (`r`, `r+`, `w`, `wx`, `w+`, `a`, `ax`, `a+`, ...).
fn open(
    ctx: Ctx<'_>,
    path: String,
    flags: String,
    mode: Opt<Option<u32>>,
) -> rquickjs::Result<i32> {
    let mut o = OpenOptions::new();
    o.mode(mode.0.flatten().unwrap_or(0o666));
    let plus = flags.contains('+');
    let excl = flags.contains('x');
    match flags.chars().next() {
        Some('r') => {
            o.read(true).write(plus);
        }
        Some('w') => {
            o.write(true).read(plus).truncate(true);
            if excl {
                o.create_new(true)
            } else {
                o.create(true)
            };
        }
        Some('a') => {
            o.append(true).read(plus);
            if excl {
                o.create_new(true)
            } else {
                o.create(true)
            };
        }
        _ => {
            let err = std::io::Error::from_raw_os_error(22);
            return Err(fs_error(&ctx, &err, "open", &path, None));
        }
    }
    let file = o
        .open(&path)
        .map_err(|e| fs_error(&ctx, &e, "open", &path, None))?;
    Ok(FILES.with(|f| {
        let mut f = f.borrow_mut();
        let fd = f.0;
        f.0 += 1;
        f.1.insert(fd, file);
        fd
    }))
}

fn with_fd<T>(
    ctx: &Ctx<'_>,
    fd: i32,
    syscall: &str,
    f: impl FnOnce(&mut File) -> std::io::Result<T>,
) -> rquickjs::Result<T> {
    FILES.with(|files| {
        let mut files = files.borrow_mut();
        match files.1.get_mut(&fd) {
            Some(file) => f(file).map_err(|e| fs_error(ctx, &e, syscall, "", None)),
            None => Err(fs_error(
                ctx,
                &std::io::Error::from_raw_os_error(9),
                syscall,
                "",
                None,
            )),
        }
    })
}

fn close(ctx: Ctx<'_>, fd: i32) -> rquickjs::Result<()> {
    let removed = FILES.with(|f| f.borrow_mut().1.remove(&fd));
    match removed {
        Some(_) => Ok(()),
        None => Err(fs_error(
            &ctx,
            &std::io::Error::from_raw_os_error(9),
            "close",
            "",
            None,
        )),
    }
}

/// Reads up to `length` bytes at `position` (the current position when negative); the
/// JavaScript side copies them into the caller's buffer.
fn read(
    ctx: Ctx<'_>,
    fd: i32,
    length: usize,
    position: f64,
) -> rquickjs::Result<TypedArray<'_, u8>> {
    let mut tmp = vec![0u8; length];
    let n = with_fd(&ctx, fd, "read", |f| {
        if position >= 0.0 {
            let here = f.stream_position()?;
            f.seek(SeekFrom::Start(position as u64))?;
            let n = f.read(&mut tmp)?;
            f.seek(SeekFrom::Start(here))?;
            Ok(n)
        } else {
            f.read(&mut tmp)
        }
    })?;
    tmp.truncate(n);
    TypedArray::new(ctx, tmp)
}

fn write(ctx: Ctx<'_>, fd: i32, data: Value<'_>, position: f64) -> rquickjs::Result<usize> {
    let bytes = bytes_of(&ctx, &data)?;
    with_fd(&ctx, fd, "write", |f| {
        if position >= 0.0 {
            f.seek(SeekFrom::Start(position as u64))?;
        }
        f.write_all(&bytes)?;
        Ok(bytes.len())
    })
}

fn fstat(ctx: Ctx<'_>, fd: i32) -> rquickjs::Result<Vec<f64>> {
    with_fd(&ctx, fd, "fstat", |f| f.metadata().map(|m| stat_array(&m)))
}

/// `process.stdout.write` / `process.stderr.write`: the bytes as they are, no newline added.
fn stdio_write(ctx: Ctx<'_>, fd: i32, data: Value<'_>) -> rquickjs::Result<()> {
    let bytes = bytes_of(&ctx, &data)?;
    let _ = if fd == 1 {
        std::io::stdout().lock().write_all(&bytes)
    } else {
        std::io::stderr().lock().write_all(&bytes)
    };
    Ok(())
}

/// `[rss, heapTotal, heapUsed, heapLimit]` in bytes: the process's resident memory and this
/// worker's engine heap (`process.memoryUsage()`, `v8.getHeapStatistics()`).
fn memory_usage(ctx: Ctx<'_>) -> Vec<f64> {
    let rss = process_rss();
    let (total, used) = crate::sys::engine_memory(&ctx);
    let limit = crate::worker::with_state(|s| s.config.memory_limit) as f64;
    vec![rss, total, used, limit]
}

/// Facts for `node:os`, read fresh on each call.
/// The process's resident set size in bytes (0 when /proc cannot tell).
pub(crate) fn process_rss() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<f64>().ok())
        })
        .map_or(0.0, |pages| pages * 4096.0)
}

fn os_info(ctx: Ctx<'_>) -> rquickjs::Result<Object<'_>> {
    let o = Object::new(ctx.clone())?;
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let hostname = read("/proc/sys/kernel/hostname").trim().to_owned();
    o.set(
        "hostname",
        if hostname.is_empty() {
            "localhost".into()
        } else {
            hostname
        },
    )?;
    o.set("type", "Linux")?;
    o.set("platform", "linux")?;
    o.set("release", read("/proc/sys/kernel/osrelease").trim())?;
    o.set("version", read("/proc/sys/kernel/version").trim())?;
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        other => other,
    };
    o.set("arch", arch)?;
    o.set("machine", std::env::consts::ARCH)?;
    o.set(
        "endianness",
        if cfg!(target_endian = "little") {
            "LE"
        } else {
            "BE"
        },
    )?;
    let meminfo = read("/proc/meminfo");
    let kb = |key: &str| {
        meminfo
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |v| v * 1024.0)
    };
    o.set("totalmem", kb("MemTotal:"))?;
    o.set("freemem", kb("MemAvailable:"))?;
    let uptime = read("/proc/uptime")
        .split_whitespace()
        .next()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0);
    o.set("uptime", uptime)?;
    let loadavg: Vec<f64> = read("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .filter_map(|v| v.parse().ok())
        .collect();
    o.set("loadavg", loadavg)?;
    let cpuinfo = read("/proc/cpuinfo");
    let models: Vec<&str> = cpuinfo
        .lines()
        .filter(|l| l.starts_with("model name"))
        .filter_map(|l| l.split_once(':').map(|(_, v)| v.trim()))
        .collect();
    let speeds: Vec<f64> = cpuinfo
        .lines()
        .filter(|l| l.starts_with("cpu MHz"))
        .filter_map(|l| l.split_once(':').and_then(|(_, v)| v.trim().parse().ok()))
        .collect();
    let count = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cpus = rquickjs::Array::new(ctx.clone())?;
    for i in 0..count {
        let c = Object::new(ctx.clone())?;
        c.set("model", models.get(i).copied().unwrap_or("unknown"))?;
        c.set("speed", speeds.get(i).copied().unwrap_or(0.0).floor())?;
        let times = Object::new(ctx.clone())?;
        for k in ["user", "nice", "sys", "idle", "irq"] {
            times.set(k, 0)?;
        }
        c.set("times", times)?;
        cpus.set(i, c)?;
    }
    o.set("cpus", cpus)?;
    let home = std::env::var("HOME").unwrap_or_else(|_| "/".into());
    o.set("homedir", home.as_str())?;
    o.set(
        "tmpdir",
        std::env::var("TMPDIR")
            .unwrap_or_else(|_| "/tmp".into())
            .trim_end_matches('/'),
    )?;
    let meta = std::fs::metadata("/proc/self").ok();
    let uid = meta.as_ref().map_or(0, MetadataExt::uid);
    let gid = meta.as_ref().map_or(0, MetadataExt::gid);
    o.set("uid", uid)?;
    o.set("gid", gid)?;
    let passwd = read("/etc/passwd");
    let entry = passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() >= 7 && f[2].parse::<u32>().ok() == Some(uid));
    o.set("username", entry.as_ref().map_or("root", |f| f[0]))?;
    o.set("shell", entry.as_ref().map_or("/bin/sh", |f| f[6]))?;
    o.set("networkInterfaces", Object::new(ctx.clone())?)?;
    Ok(o)
}
