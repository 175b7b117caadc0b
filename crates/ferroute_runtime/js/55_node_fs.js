// node:fs and node:fs/promises over the synchronous natives of src/node_fs.rs: the sync
// API, the callback API and the promise API (both settle after the native call returns),
// Stats/Dirent, FileHandle, createReadStream/createWriteStream over node:stream. Relative
// paths resolve against process.cwd() (the project root).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const builtin = internal.builtin;
  const { Buffer } = builtin('buffer');

  const constants = {
    F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
    O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024,
    S_IFMT: 0o170000, S_IFREG: 0o100000, S_IFDIR: 0o040000, S_IFCHR: 0o020000, S_IFBLK: 0o060000,
    S_IFIFO: 0o010000, S_IFLNK: 0o120000, S_IFSOCK: 0o140000,
    COPYFILE_EXCL: 1, COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4,
    UV_FS_O_FILEMAP: 0,
  };

  const { invalidArgType } = internal.nodeErrors;

  /** A path argument (string, Buffer or file: URL) as an absolute path string. */
  function toPath(p, name = 'path') {
    if (typeof p !== 'string') {
      if (p instanceof Uint8Array) p = Buffer.from(p).toString();
      else if (p && typeof p === 'object' && typeof p.href === 'string' && p.protocol === 'file:') p = decodeURIComponent(p.pathname);
      else throw invalidArgType(name, 'of type string or an instance of Buffer or URL', p);
    }
    if (p.includes('\0')) {
      const err = new TypeError(`The argument '${name}' must be a string, Uint8Array, or URL without null bytes. Received ${JSON.stringify(p)}`);
      err.code = 'ERR_INVALID_ARG_VALUE';
      throw err;
    }
    if (p.startsWith('/')) return p;
    const path = builtin('path');
    return path.resolve(process.cwd(), p);
  }

  function encodingOf(options) {
    if (typeof options === 'string') return options;
    return options && options.encoding ? options.encoding : null;
  }

  function decode(bytes, encoding) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
  }

  function dataBytes(data, options) {
    if (typeof data === 'string') {
      const enc = encodingOf(options);
      return enc && enc !== 'utf8' && enc !== 'utf-8' ? Buffer.from(data, enc) : data;
    }
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }

  // ------------------------------------------------------------------ Stats, Dirent
  class Stats {
    constructor(a) {
      this.dev = a[0]; this.mode = a[2]; this.nlink = a[3]; this.uid = a[4]; this.gid = a[5];
      this.rdev = a[6]; this.blksize = a[8]; this.ino = a[1]; this.size = a[7]; this.blocks = a[9];
      this.atimeMs = a[10]; this.mtimeMs = a[11]; this.ctimeMs = a[12]; this.birthtimeMs = a[13];
      this.atime = new Date(a[10]); this.mtime = new Date(a[11]); this.ctime = new Date(a[12]); this.birthtime = new Date(a[13]);
    }
    isFile() { return (this.mode & constants.S_IFMT) === constants.S_IFREG; }
    isDirectory() { return (this.mode & constants.S_IFMT) === constants.S_IFDIR; }
    isSymbolicLink() { return (this.mode & constants.S_IFMT) === constants.S_IFLNK; }
    isFIFO() { return (this.mode & constants.S_IFMT) === constants.S_IFIFO; }
    isSocket() { return (this.mode & constants.S_IFMT) === constants.S_IFSOCK; }
    isCharacterDevice() { return (this.mode & constants.S_IFMT) === constants.S_IFCHR; }
    isBlockDevice() { return (this.mode & constants.S_IFMT) === constants.S_IFBLK; }
  }

  class Dirent {
    constructor(name, type, dir) {
      this.name = name;
      this.parentPath = dir;
      this.path = dir;
      Object.defineProperty(this, '_type', { value: type });
    }
    isFile() { return this._type === 1; }
    isDirectory() { return this._type === 2; }
    isSymbolicLink() { return this._type === 3; }
    isFIFO() { return false; }
    isSocket() { return false; }
    isCharacterDevice() { return false; }
    isBlockDevice() { return false; }
  }

  // ------------------------------------------------------------------ sync API
  const sync = {
    existsSync(p) {
      try {
        return native.fsStat(toPath(p), true, false) !== undefined;
      } catch {
        return false;
      }
    },
    readFileSync(p, options) {
      if (typeof p === 'number') {
        const chunks = [];
        for (;;) {
          const c = native.fsRead(p, 65536, -1);
          if (c.length === 0) break;
          chunks.push(c);
        }
        return decode(Buffer.concat(chunks), encodingOf(options));
      }
      return decode(native.fsReadFile(toPath(p)), encodingOf(options));
    },
    writeFileSync(p, data, options) {
      const flag = options && options.flag;
      if (typeof p === 'number') return void native.fsWrite(p, dataBytes(data, options), -1);
      native.fsWriteFile(toPath(p), dataBytes(data, options), flag === 'a' || flag === 'a+', options && options.mode);
    },
    appendFileSync(p, data, options) {
      if (typeof p === 'number') return void native.fsWrite(p, dataBytes(data, options), -1);
      native.fsWriteFile(toPath(p), dataBytes(data, options), true, options && options.mode);
    },
    statSync(p, options) {
      const a = native.fsStat(toPath(p), true, !(options && options.throwIfNoEntry === false));
      return a === undefined ? undefined : new Stats(a);
    },
    lstatSync(p, options) {
      const a = native.fsStat(toPath(p), false, !(options && options.throwIfNoEntry === false));
      return a === undefined ? undefined : new Stats(a);
    },
    fstatSync(fd) { return new Stats(native.fsFstat(fd)); },
    readdirSync(p, options) {
      const dir = toPath(p);
      const flat = native.fsReaddir(dir);
      const withTypes = options && options.withFileTypes;
      const encoding = encodingOf(options);
      const out = [];
      for (let i = 0; i < flat.length; i += 2) {
        const name = flat[i];
        if (withTypes) out.push(new Dirent(name, flat[i + 1], dir));
        else out.push(encoding === 'buffer' ? Buffer.from(name) : name);
      }
      if (options && options.recursive) {
        const path = builtin('path');
        for (let i = 0; i < flat.length; i += 2) {
          if (flat[i + 1] !== 2) continue;
          const sub = sync.readdirSync(path.join(dir, flat[i]), options);
          for (const e of sub) out.push(withTypes ? e : path.join(flat[i], e));
        }
      }
      return out;
    },
    mkdirSync(p, options) {
      const recursive = typeof options === 'object' && options !== null && !!options.recursive;
      const mode = typeof options === 'number' ? options : options && options.mode;
      const first = native.fsMkdir(toPath(p), recursive, mode);
      return recursive ? first : undefined;
    },
    mkdtempSync(prefix) { return native.fsMkdtemp(toPath(prefix, 'prefix')); },
    rmSync(p, options) { native.fsRm(toPath(p), 'rm', !!(options && options.recursive), !!(options && options.force)); },
    rmdirSync(p, options) { native.fsRm(toPath(p), 'rmdir', !!(options && options.recursive), false); },
    unlinkSync(p) { native.fsRm(toPath(p), 'unlink', false, false); },
    renameSync(a, b) { native.fsRename(toPath(a, 'oldPath'), toPath(b, 'newPath')); },
    copyFileSync(a, b, mode) { native.fsCopyFile(toPath(a, 'src'), toPath(b, 'dest'), !!((mode | 0) & constants.COPYFILE_EXCL)); },
    cpSync(a, b, options) {
      const src = toPath(a, 'src');
      const dest = toPath(b, 'dest');
      const st = sync.statSync(src);
      if (st.isDirectory()) {
        if (!(options && options.recursive)) {
          const err = new Error(`Recursive option is required to copy a directory: ${src}`);
          err.code = 'ERR_FS_EISDIR';
          throw err;
        }
        const path = builtin('path');
        sync.mkdirSync(dest, { recursive: true });
        for (const name of sync.readdirSync(src)) sync.cpSync(path.join(src, name), path.join(dest, name), options);
      } else {
        native.fsCopyFile(src, dest, options && options.errorOnExist && options.force === false);
      }
    },
    realpathSync(p) { return native.fsRealpath(toPath(p)); },
    readlinkSync(p) { return native.fsReadlink(toPath(p)); },
    symlinkSync(target, p) { native.fsSymlink(typeof target === 'string' ? target : toPath(target, 'target'), toPath(p)); },
    accessSync(p, mode = constants.F_OK) { native.fsAccess(toPath(p), mode | 0); },
    chmodSync(p, mode) { native.fsChmod(toPath(p), typeof mode === 'string' ? parseInt(mode, 8) : mode); },
    chownSync() {},
    truncateSync(p, len = 0) { native.fsTruncate(toPath(p), len); },
    utimesSync(p, atime, mtime) {
      const ms = (t) => (t instanceof Date ? t.getTime() : typeof t === 'string' ? Number(t) * 1000 : t * 1000);
      native.fsUtimes(toPath(p), ms(atime), ms(mtime));
    },
    openSync(p, flags = 'r', mode) {
      if (typeof flags === 'number') {
        const acc = flags & 3;
        let f = acc === 0 ? 'r' : acc === 1 ? 'w' : 'r+';
        if (flags & constants.O_APPEND) f = acc === 2 ? 'a+' : 'a';
        else if (acc !== 0 && !(flags & constants.O_TRUNC)) f = 'r+';
        if (flags & constants.O_EXCL) f = f.replace(/^(.)/, '$1x');
        flags = f;
      }
      return native.fsOpen(toPath(p), flags.replace('s', ''), mode);
    },
    closeSync(fd) { native.fsClose(fd); },
    readSync(fd, buffer, offsetOrOptions, length, position) {
      let offset = offsetOrOptions;
      if (typeof offsetOrOptions === 'object' && offsetOrOptions !== null) ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
      offset = offset | 0;
      if (length === undefined) length = buffer.byteLength - offset;
      const chunk = native.fsRead(fd, length, position === null || position === undefined ? -1 : Number(position));
      new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(chunk, offset);
      return chunk.length;
    },
    writeSync(fd, data, offsetOrPosition, lengthOrEncoding, position) {
      let bytes;
      let pos = -1;
      if (typeof data === 'string') {
        bytes = data;
        if (typeof offsetOrPosition === 'number') pos = offsetOrPosition;
      } else {
        const offset = typeof offsetOrPosition === 'number' ? offsetOrPosition : 0;
        const length = typeof lengthOrEncoding === 'number' ? lengthOrEncoding : data.byteLength - offset;
        bytes = new Uint8Array(data.buffer, data.byteOffset + offset, length);
        if (typeof position === 'number') pos = position;
      }
      return native.fsWrite(fd, bytes, pos);
    },
    fsyncSync() {},
    fdatasyncSync() {},
  };

  // ------------------------------------------------------------------ callback and promise APIs
  const callbackNames = Object.keys(sync).filter((k) => k.endsWith('Sync') && k !== 'existsSync');
  const callbacks = {};
  const promises = {};
  for (const name of callbackNames) {
    const base = name.slice(0, -4);
    const fn = sync[name];
    callbacks[base] = function (...args) {
      const cb = args.pop();
      if (typeof cb !== 'function') throw invalidArgType('cb', 'of type function', cb);
      let result;
      let error = null;
      try {
        result = fn(...args);
      } catch (e) {
        error = e;
      }
      queueMicrotask(() => (error ? cb(error) : cb(null, result)));
    };
    promises[base] = (...args) => new Promise((resolve) => resolve(fn(...args)));
  }
  callbacks.exists = (p, cb) => {
    const r = sync.existsSync(p);
    queueMicrotask(() => cb(r));
  };
  callbacks.read = function (fd, buffer, offset, length, position, cb) {
    if (typeof offset === 'function') {
      cb = offset;
      offset = 0; length = buffer.byteLength; position = null;
    }
    let n;
    try {
      n = sync.readSync(fd, buffer, offset, length, position);
    } catch (e) {
      queueMicrotask(() => cb(e));
      return;
    }
    queueMicrotask(() => cb(null, n, buffer));
  };
  callbacks.write = function (fd, data, ...rest) {
    const cb = rest.pop();
    let n;
    try {
      n = sync.writeSync(fd, data, ...rest);
    } catch (e) {
      queueMicrotask(() => cb(e));
      return;
    }
    queueMicrotask(() => cb(null, n, data));
  };

  class FileHandle {
    constructor(fd) { this.fd = fd; }
    async readFile(options) { return sync.readFileSync(this.fd, options); }
    async writeFile(data, options) { sync.writeFileSync(this.fd, data, options); }
    async appendFile(data, options) { sync.appendFileSync(this.fd, data, options); }
    async read(buffer, offset, length, position) {
      if (buffer === undefined || (typeof buffer === 'object' && !ArrayBuffer.isView(buffer))) {
        const o = buffer || {};
        buffer = o.buffer || Buffer.alloc(16384);
        offset = o.offset; length = o.length; position = o.position;
      }
      const bytesRead = sync.readSync(this.fd, buffer, offset | 0, length === undefined ? buffer.byteLength - (offset | 0) : length, position);
      return { bytesRead, buffer };
    }
    async write(data, ...rest) {
      const bytesWritten = sync.writeSync(this.fd, data, ...rest);
      return { bytesWritten, buffer: data };
    }
    async stat() { return sync.fstatSync(this.fd); }
    async truncate(len = 0) { void len; }
    async sync() {}
    async datasync() {}
    async close() {
      if (this.fd !== -1) {
        native.fsClose(this.fd);
        this.fd = -1;
      }
    }
    async [Symbol.asyncDispose]() { await this.close(); }
    createReadStream(options) { return createReadStream(null, { ...options, fd: this.fd }); }
    createWriteStream(options) { return createWriteStream(null, { ...options, fd: this.fd }); }
  }
  promises.open = async (p, flags, mode) => new FileHandle(sync.openSync(p, flags, mode));
  promises.access = (p, mode) => new Promise((resolve) => resolve(sync.accessSync(p, mode)));
  promises.constants = constants;
  delete promises.close;
  delete promises.read;
  delete promises.write;
  delete promises.fstat;
  delete promises.fsync;
  delete promises.fdatasync;

  // ------------------------------------------------------------------ streams
  const { Readable, Writable } = builtin('stream');

  function streamFd(p, options, defaultFlags) {
    if (options.fd !== undefined && options.fd !== null) return typeof options.fd === 'object' ? options.fd.fd : options.fd;
    return sync.openSync(p, options.flags || defaultFlags, options.mode);
  }

  function announce(stream, fd) {
    queueMicrotask(() => {
      stream.emit('open', fd);
      stream.emit('ready');
    });
  }

  /** A file stream's `_destroy`: closes its descriptor unless `autoClose` is off. */
  function closeStreamFd(stream, err, cb) {
    if (stream.autoClose) {
      try { native.fsClose(stream.fd); } catch { /* already closed */ }
    }
    cb(err);
  }

  class ReadStream extends Readable {
    constructor(p, options) {
      if (typeof options === 'string') options = { encoding: options };
      options = options || {};
      super({ highWaterMark: options.highWaterMark || 65536, encoding: options.encoding });
      this.fd = streamFd(p, options, 'r');
      this.path = p === null || p === undefined ? undefined : toPath(p);
      this.bytesRead = 0;
      this.pending = false;
      this.start = options.start;
      this.end = options.end !== undefined ? options.end : Infinity;
      this.autoClose = options.autoClose !== false;
      this._position = options.start !== undefined ? options.start : -1;
      announce(this, this.fd);
    }
    _read(size) {
      try {
        let want = Math.max(size || 0, 16384);
        if (this._position >= 0 && this.end !== Infinity) want = Math.min(want, this.end - this._position + 1);
        if (want <= 0) return void this.push(null);
        const chunk = native.fsRead(this.fd, want, this._position);
        if (this._position >= 0) this._position += chunk.length;
        this.bytesRead += chunk.length;
        this.push(chunk.length === 0 ? null : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
      } catch (e) {
        this.destroy(e);
      }
    }
    _destroy(err, cb) {
      closeStreamFd(this, err, cb);
    }
    close(cb) {
      if (cb) this.once('close', cb);
      this.destroy();
    }
  }

  class WriteStream extends Writable {
    constructor(p, options) {
      if (typeof options === 'string') options = { encoding: options };
      options = options || {};
      super({ decodeStrings: true, highWaterMark: options.highWaterMark });
      this.fd = streamFd(p, options, 'w');
      this.path = p === null || p === undefined ? undefined : toPath(p);
      this.bytesWritten = 0;
      this.pending = false;
      this.autoClose = options.autoClose !== false;
      this._position = options.start !== undefined ? options.start : -1;
      announce(this, this.fd);
    }
    _write(chunk, _encoding, cb) {
      try {
        native.fsWrite(this.fd, chunk, this._position);
        if (this._position >= 0) this._position += chunk.length;
        this.bytesWritten += chunk.length;
        cb();
      } catch (e) {
        cb(e);
      }
    }
    _destroy(err, cb) {
      closeStreamFd(this, err, cb);
    }
    close(cb) {
      if (cb) this.once('close', cb);
      this.end();
    }
  }

  const createReadStream = (p, options) => new ReadStream(p, options);
  const createWriteStream = (p, options) => new WriteStream(p, options);

  function notSupported(name, why) {
    return () => {
      const err = new Error(`fs.${name}() is not available in ferroute: ${why} (see docs/compat.md)`);
      err.code = 'ERR_FERROUTE_UNSUPPORTED';
      throw err;
    };
  }

  const fs = {
    ...sync,
    ...callbacks,
    constants,
    ...constants,
    Stats,
    Dirent,
    promises,
    createReadStream,
    createWriteStream,
    ReadStream,
    WriteStream,
    watch: notSupported('watch', 'a server does not watch files'),
    watchFile: notSupported('watchFile', 'a server does not watch files'),
    unwatchFile() {},
  };
  internal.modules['node:fs'] = fs;
  internal.modules['node:fs/promises'] = promises;
})();
