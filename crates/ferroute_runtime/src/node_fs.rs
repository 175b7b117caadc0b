//! The file-system natives under `node:fs` (`js/55_node_fs.js`) and the facts under
//! `node:os`. Every call is synchronous; `fs.promises` and the callback API run them
//! and settle afterwards (route handlers read small files; see docs/compat.md). Failures
//! throw Node's error shape: `ENOENT: no such file or directory, open '/x'` with `code`,
//! `errno`, `syscall` and `path`.
//!
//! The calls themselves are engine-free: they take Rust values and answer a [`NodeError`]
//! on failure, which each engine turns into its JavaScript `Error` (QuickJS in
//! `node_fs/quickjs.rs`, JavaScriptCore in `jsc/node_io.rs`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

pub(crate) mod quickjs;

pub(crate) use quickjs::install;

/// A Node system error, engine-free: the engine makes an `Error` with this `message` and the
/// fields Node puts on it (`errno`, `code`, then `syscall`, `path` and `dest` when present, in
/// that order). `node:zlib` errors use it too, without the last three.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NodeError {
    /// `ENOENT: no such file or directory, open '/x'`.
    pub(crate) message: String,
    /// `ENOENT`, `Z_DATA_ERROR`, ...
    pub(crate) code: &'static str,
    /// libuv's (or zlib's) negative error number.
    pub(crate) errno: i32,
    pub(crate) syscall: Option<String>,
    pub(crate) path: Option<String>,
    pub(crate) dest: Option<String>,
}

/// What the calls of this module answer.
pub(crate) type FsResult<T> = Result<T, NodeError>;

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

/// Node's error for a failed `syscall` on `path` (and `dest`); an empty `path` is left out.
fn fs_error(e: &std::io::Error, syscall: &str, path: &str, dest: Option<&str>) -> NodeError {
    let (code, errno, text) = errno_facts(e);
    let message = match dest {
        Some(d) => format!("{code}: {text}, {syscall} '{path}' -> '{d}'"),
        None if path.is_empty() => format!("{code}: {text}, {syscall}"),
        None => format!("{code}: {text}, {syscall} '{path}'"),
    };
    NodeError {
        message,
        code,
        errno,
        syscall: Some(syscall.to_owned()),
        path: Some(path.to_owned()).filter(|p| !p.is_empty()),
        dest: dest.map(str::to_owned),
    }
}

/// The error of a raw OS error number (`EEXIST` for an exclusive copy, ...).
fn os_error(raw: i32, syscall: &str, path: &str, dest: Option<&str>) -> NodeError {
    fs_error(&std::io::Error::from_raw_os_error(raw), syscall, path, dest)
}

/// `fsReadFile(path)`: the whole file.
pub(crate) fn read_file(path: &str) -> FsResult<Vec<u8>> {
    std::fs::read(path).map_err(|e| fs_error(&e, "open", path, None))
}

/// `fsWriteFile(path, data, append, mode?)`: creates the file (with `mode`, 0o666 by default)
/// and writes or appends `bytes`.
pub(crate) fn write_file(
    path: &str,
    bytes: &[u8],
    append: bool,
    mode: Option<u32>,
) -> FsResult<()> {
    let mut opts = OpenOptions::new();
    opts.create(true).mode(mode.unwrap_or(0o666));
    if append {
        opts.append(true);
    } else {
        opts.write(true).truncate(true);
    }
    opts.open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| fs_error(&e, "open", path, None))
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

/// `fsStat(path, follow, throwIfMissing?)`: `[dev, ino, mode, nlink, uid, gid, rdev, size,
/// blksize, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs]`, or None for a missing file when
/// `throw_if_missing` is `Some(false)`.
pub(crate) fn stat(
    path: &str,
    follow: bool,
    throw_if_missing: Option<bool>,
) -> FsResult<Option<Vec<f64>>> {
    let r = if follow {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    };
    match r {
        Ok(m) => Ok(Some(stat_array(&m))),
        Err(e) if throw_if_missing == Some(false) && e.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(e) => Err(fs_error(
            &e,
            if follow { "stat" } else { "lstat" },
            path,
            None,
        )),
    }
}

/// `fsReaddir(path)`: the entries sorted by name, each with its type: 1 file, 2 directory,
/// 3 symlink, 0 other (JavaScript sees `[name, type, name, type, ...]`).
pub(crate) fn readdir(path: &str) -> FsResult<Vec<(String, i32)>> {
    let entries = std::fs::read_dir(path).map_err(|e| fs_error(&e, "scandir", path, None))?;
    let mut out: Vec<(String, i32)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| fs_error(&e, "scandir", path, None))?;
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
    Ok(out)
}

/// `fsMkdir(path, recursive, mode?)`: creates the directory; with `recursive`, answers the
/// first directory created.
pub(crate) fn mkdir(path: &str, recursive: bool, mode: Option<u32>) -> FsResult<Option<String>> {
    let mode = mode.unwrap_or(0o777);
    if recursive {
        let mut first = None;
        let mut p = Path::new(path);
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
            .create(path)
            .map_err(|e| fs_error(&e, "mkdir", path, None))?;
        Ok(first)
    } else {
        std::fs::DirBuilder::new()
            .mode(mode)
            .create(path)
            .map_err(|e| fs_error(&e, "mkdir", path, None))?;
        Ok(None)
    }
}

/// `fsRm(path, kind, recursive, force)`. `kind`: `unlink` (a file), `rmdir` (an empty
/// directory, or a tree with `recursive`), `rm` (either; `recursive` for trees, `force`
/// ignores a missing path).
pub(crate) fn rm(path: &str, kind: &str, recursive: bool, force: bool) -> FsResult<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if force && e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(fs_error(&e, kind, path, None)),
    };
    let r = match kind {
        "unlink" => std::fs::remove_file(path),
        "rmdir" if recursive => std::fs::remove_dir_all(path),
        "rmdir" => std::fs::remove_dir(path),
        _ if meta.is_dir() => {
            if !recursive {
                return Err(os_error(21, "rm", path, None));
            }
            std::fs::remove_dir_all(path)
        }
        _ => std::fs::remove_file(path),
    };
    r.map_err(|e| fs_error(&e, kind, path, None))
}

/// `fsRename(from, to)`.
pub(crate) fn rename(from: &str, to: &str) -> FsResult<()> {
    std::fs::rename(from, to).map_err(|e| fs_error(&e, "rename", from, Some(to)))
}

/// `fsCopyFile(from, to, exclusive)`: `exclusive` fails with `EEXIST` when `to` exists.
pub(crate) fn copy_file(from: &str, to: &str, exclusive: bool) -> FsResult<()> {
    if exclusive && Path::new(to).exists() {
        return Err(os_error(17, "copyfile", from, Some(to)));
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| fs_error(&e, "copyfile", from, Some(to)))
}

/// `fsRealpath(path)`.
pub(crate) fn realpath(path: &str) -> FsResult<String> {
    std::fs::canonicalize(path)
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| fs_error(&e, "realpath", path, None))
}

/// `fsReadlink(path)`.
pub(crate) fn readlink(path: &str) -> FsResult<String> {
    std::fs::read_link(path)
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| fs_error(&e, "readlink", path, None))
}

/// `fsSymlink(target, path)`.
pub(crate) fn symlink(target: &str, path: &str) -> FsResult<()> {
    std::os::unix::fs::symlink(target, path)
        .map_err(|e| fs_error(&e, "symlink", target, Some(path)))
}

/// `fsAccess(path, mode)`. `mode`: Node's F_OK (0), R_OK (4), W_OK (2), X_OK (1) bits.
pub(crate) fn access(path: &str, mode: u32) -> FsResult<()> {
    let meta = std::fs::metadata(path).map_err(|e| fs_error(&e, "access", path, None))?;
    let perms = meta.permissions().mode();
    // Root may read and write anything; otherwise look at the bits any class grants.
    let is_root =
        std::env::var("USER").is_ok_and(|u| u == "root") || meta.uid() == 0 && perms & 0o700 != 0;
    let granted = |bit: u32| is_root && bit != 1 || perms & (bit | bit << 3 | bit << 6) != 0;
    for bit in [4, 2, 1] {
        if mode & bit != 0 && !granted(bit) {
            return Err(os_error(13, "access", path, None));
        }
    }
    Ok(())
}

/// `fsChmod(path, mode)`.
pub(crate) fn chmod(path: &str, mode: u32) -> FsResult<()> {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| fs_error(&e, "chmod", path, None))
}

/// `fsTruncate(path, len)`.
pub(crate) fn truncate(path: &str, len: f64) -> FsResult<()> {
    OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|f| f.set_len(len.max(0.0) as u64))
        .map_err(|e| fs_error(&e, "open", path, None))
}

/// `fsUtimes(path, atimeMs, mtimeMs)`.
pub(crate) fn utimes(path: &str, atime_ms: f64, mtime_ms: f64) -> FsResult<()> {
    let at =
        |ms: f64| std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(ms.max(0.0) / 1000.0);
    let times = std::fs::FileTimes::new()
        .set_accessed(at(atime_ms))
        .set_modified(at(mtime_ms));
    OpenOptions::new()
        .write(true)
        .open(path)
        .or_else(|_| File::open(path))
        .and_then(|f| f.set_times(times))
        .map_err(|e| fs_error(&e, "utime", path, None))
}

/// `fsMkdtemp(prefix)`: creates `prefix` + six random characters (mode 0o700).
pub(crate) fn mkdtemp(prefix: &str) -> FsResult<String> {
    use std::hash::{BuildHasher, Hasher};
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let template = format!("{prefix}XXXXXX");
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
            Err(e) => return Err(fs_error(&e, "mkdtemp", &template, None)),
        }
    }
    Err(os_error(17, "mkdtemp", &template, None))
}

thread_local! {
    /// Files opened with `fs.open`, by the descriptor number handed to JavaScript. Per
    /// worker: a descriptor is only good on the worker that opened it.
    static FILES: RefCell<(i32, HashMap<i32, File>)> = RefCell::new((100, HashMap::new()));
}

/// `fsOpen(path, flags, mode?)`: opens with Node's string flags (`r`, `r+`, `w`, `wx`, `w+`,
/// `a`, `ax`, `a+`, ...) and answers the descriptor.
pub(crate) fn open(path: &str, flags: &str, mode: Option<u32>) -> FsResult<i32> {
    let mut o = OpenOptions::new();
    o.mode(mode.unwrap_or(0o666));
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
        _ => return Err(os_error(22, "open", path, None)),
    }
    let file = o.open(path).map_err(|e| fs_error(&e, "open", path, None))?;
    Ok(FILES.with(|f| {
        let mut f = f.borrow_mut();
        let fd = f.0;
        f.0 += 1;
        f.1.insert(fd, file);
        fd
    }))
}

fn with_fd<T>(
    fd: i32,
    syscall: &str,
    f: impl FnOnce(&mut File) -> std::io::Result<T>,
) -> FsResult<T> {
    FILES.with(|files| {
        let mut files = files.borrow_mut();
        match files.1.get_mut(&fd) {
            Some(file) => f(file).map_err(|e| fs_error(&e, syscall, "", None)),
            None => Err(os_error(9, syscall, "", None)),
        }
    })
}

/// `fsClose(fd)`.
pub(crate) fn close(fd: i32) -> FsResult<()> {
    match FILES.with(|f| f.borrow_mut().1.remove(&fd)) {
        Some(_) => Ok(()),
        None => Err(os_error(9, "close", "", None)),
    }
}

/// `fsRead(fd, length, position)`: up to `length` bytes at `position` (the current position
/// when negative); the JavaScript side copies them into the caller's buffer.
pub(crate) fn read(fd: i32, length: usize, position: f64) -> FsResult<Vec<u8>> {
    let mut tmp = vec![0u8; length];
    let n = with_fd(fd, "read", |f| {
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
    Ok(tmp)
}

/// `fsWrite(fd, data, position)`: writes all of `bytes` at `position` (the current position
/// when negative); answers how many.
pub(crate) fn write(fd: i32, bytes: &[u8], position: f64) -> FsResult<usize> {
    with_fd(fd, "write", |f| {
        if position >= 0.0 {
            f.seek(SeekFrom::Start(position as u64))?;
        }
        f.write_all(bytes)?;
        Ok(bytes.len())
    })
}

/// `fsFstat(fd)`: as [`stat`].
pub(crate) fn fstat(fd: i32) -> FsResult<Vec<f64>> {
    with_fd(fd, "fstat", |f| f.metadata().map(|m| stat_array(&m)))
}

/// `stdioWrite(fd, data)`: `process.stdout.write` (fd 1) / `process.stderr.write` (any
/// other): the bytes as they are, no newline added. Write failures are ignored, as Node
/// ignores EPIPE on a closed pipe.
pub(crate) fn stdio_write(fd: i32, bytes: &[u8]) {
    let _ = if fd == 1 {
        std::io::stdout().lock().write_all(bytes)
    } else {
        std::io::stderr().lock().write_all(bytes)
    };
}

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

/// The facts `node:os` reports (`osInfo()`), read fresh on each call. `type` is `Linux`,
/// `platform` `linux`, each CPU's `times` all 0 and `networkInterfaces` empty.
#[derive(Debug, Clone)]
pub(crate) struct OsInfo {
    pub(crate) hostname: String,
    pub(crate) release: String,
    pub(crate) version: String,
    /// Node's name (`x64`, `arm64`, `ia32`, ...).
    pub(crate) arch: &'static str,
    /// The kernel's name (`x86_64`, ...).
    pub(crate) machine: &'static str,
    pub(crate) endianness: &'static str,
    pub(crate) totalmem: f64,
    pub(crate) freemem: f64,
    pub(crate) uptime: f64,
    pub(crate) loadavg: Vec<f64>,
    /// `(model, speed in MHz)` per CPU this process may use.
    pub(crate) cpus: Vec<(String, f64)>,
    pub(crate) homedir: String,
    pub(crate) tmpdir: String,
    pub(crate) uid: u32,
    pub(crate) gid: u32,
    pub(crate) username: String,
    pub(crate) shell: String,
}

/// The keys of each CPU's `times`, in Node's order.
pub(crate) const CPU_TIMES: [&str; 5] = ["user", "nice", "sys", "idle", "irq"];

/// Reads [`OsInfo`] from /proc, /etc/passwd and the environment.
pub(crate) fn os_info() -> OsInfo {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let hostname = read("/proc/sys/kernel/hostname").trim().to_owned();
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        other => other,
    };
    let meminfo = read("/proc/meminfo");
    let kb = |key: &str| {
        meminfo
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |v| v * 1024.0)
    };
    let uptime = read("/proc/uptime")
        .split_whitespace()
        .next()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0);
    let loadavg: Vec<f64> = read("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .filter_map(|v| v.parse().ok())
        .collect();
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
    let cpus = (0..count)
        .map(|i| {
            (
                models.get(i).copied().unwrap_or("unknown").to_owned(),
                speeds.get(i).copied().unwrap_or(0.0).floor(),
            )
        })
        .collect();
    let meta = std::fs::metadata("/proc/self").ok();
    let uid = meta.as_ref().map_or(0, MetadataExt::uid);
    let gid = meta.as_ref().map_or(0, MetadataExt::gid);
    let passwd = read("/etc/passwd");
    let entry = passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() >= 7 && f[2].parse::<u32>().ok() == Some(uid));
    OsInfo {
        hostname: if hostname.is_empty() {
            "localhost".into()
        } else {
            hostname
        },
        release: read("/proc/sys/kernel/osrelease").trim().to_owned(),
        version: read("/proc/sys/kernel/version").trim().to_owned(),
        arch,
        machine: std::env::consts::ARCH,
        endianness: if cfg!(target_endian = "little") {
            "LE"
        } else {
            "BE"
        },
        totalmem: kb("MemTotal:"),
        freemem: kb("MemAvailable:"),
        uptime,
        loadavg,
        cpus,
        homedir: std::env::var("HOME").unwrap_or_else(|_| "/".into()),
        tmpdir: std::env::var("TMPDIR")
            .unwrap_or_else(|_| "/tmp".into())
            .trim_end_matches('/')
            .to_owned(),
        uid,
        gid,
        username: entry.as_ref().map_or("root", |f| f[0]).to_owned(),
        shell: entry.as_ref().map_or("/bin/sh", |f| f[6]).to_owned(),
    }
}
