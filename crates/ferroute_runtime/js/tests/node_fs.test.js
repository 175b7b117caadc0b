// node:fs (55_node_fs.js), node:os (54_node_misc.js) and process.stdout over the natives of
// src/node_fs.rs, through internal.builtin: the sync, callback and promise APIs in a scratch
// directory, and Node's error shape (message, errno, code, syscall, path, dest) as Node 20
// gives it. Runs on both engines.
(() => {
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const fs = internal.builtin('fs');
  const fsp = internal.builtin('fs/promises');
  const os = internal.builtin('os');
  const path = internal.builtin('path');
  const B = globalThis.Buffer;

  const caught = (f) => { try { f(); } catch (e) { return e; } throw new Error('expected a throw'); };
  const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ferroute-fs-'));
  const fields = (e) => ({ errno: e.errno, code: e.code, syscall: e.syscall, path: e.path, dest: e.dest });

  test('writeFileSync, appendFileSync and readFileSync round trip', () => {
    const dir = scratch();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'héllo');
    fs.appendFileSync(file, B.from(' world'));
    assert.equal(fs.readFileSync(file, 'utf8'), 'héllo world');
    const bytes = fs.readFileSync(file);
    assert.ok(B.isBuffer(bytes));
    assert.equal(bytes.length, 12);
    fs.writeFileSync(file, new Uint8Array([1, 2, 3]));
    assert.deepEqual([...fs.readFileSync(file)], [1, 2, 3]);
    fs.rmSync(dir, { recursive: true });
    assert.equal(fs.existsSync(dir), false);
  });

  test('a missing file throws ENOENT in Node shape', () => {
    const e = caught(() => fs.readFileSync('/nonexistent-ferroute/x.txt'));
    assert.ok(e instanceof Error);
    assert.equal(e.message, "ENOENT: no such file or directory, open '/nonexistent-ferroute/x.txt'");
    assert.deepEqual(fields(e), { errno: -2, code: 'ENOENT', syscall: 'open', path: '/nonexistent-ferroute/x.txt', dest: undefined });
    assert.equal(fs.statSync('/nonexistent-ferroute', { throwIfNoEntry: false }), undefined);
    assert.equal(caught(() => fs.statSync('/nonexistent-ferroute')).syscall, 'stat');
    assert.equal(caught(() => fs.lstatSync('/nonexistent-ferroute')).syscall, 'lstat');
    assert.equal(caught(() => fs.readdirSync('/nonexistent-ferroute')).syscall, 'scandir');
  });

  test('errors with two paths carry dest', () => {
    const dir = scratch();
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    fs.writeFileSync(a, '1');
    fs.writeFileSync(b, '2');
    const e = caught(() => fs.copyFileSync(a, b, fs.constants.COPYFILE_EXCL));
    assert.equal(e.message, `EEXIST: file already exists, copyfile '${a}' -> '${b}'`);
    assert.deepEqual(fields(e), { errno: -17, code: 'EEXIST', syscall: 'copyfile', path: a, dest: b });
    const r = caught(() => fs.renameSync(path.join(dir, 'none'), b));
    assert.deepEqual(fields(r), { errno: -2, code: 'ENOENT', syscall: 'rename', path: path.join(dir, 'none'), dest: b });
    fs.rmSync(dir, { recursive: true });
  });

  test('directories: mkdir, readdir, rename, copy, rm', () => {
    const dir = scratch();
    assert.equal(fs.mkdirSync(path.join(dir, 'x/y/z'), { recursive: true }), path.join(dir, 'x'));
    assert.equal(fs.mkdirSync(path.join(dir, 'x/y'), { recursive: true }), undefined);
    fs.writeFileSync(path.join(dir, 'x/f.txt'), 'f');
    fs.symlinkSync(path.join(dir, 'x/f.txt'), path.join(dir, 'x/link'));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'x')), ['f.txt', 'link', 'y']);
    const kinds = fs.readdirSync(path.join(dir, 'x'), { withFileTypes: true })
      .map((d) => [d.name, d.isFile(), d.isDirectory(), d.isSymbolicLink()]);
    assert.deepEqual(kinds, [['f.txt', true, false, false], ['link', false, false, true], ['y', false, true, false]]);
    assert.equal(fs.readlinkSync(path.join(dir, 'x/link')), path.join(dir, 'x/f.txt'));
    assert.equal(fs.realpathSync(path.join(dir, 'x/link')), fs.realpathSync(path.join(dir, 'x/f.txt')));
    assert.ok(fs.lstatSync(path.join(dir, 'x/link')).isSymbolicLink());
    fs.renameSync(path.join(dir, 'x/f.txt'), path.join(dir, 'g.txt'));
    fs.copyFileSync(path.join(dir, 'g.txt'), path.join(dir, 'h.txt'));
    assert.equal(fs.readFileSync(path.join(dir, 'h.txt'), 'utf8'), 'f');
    const e = caught(() => fs.mkdirSync(path.join(dir, 'x')));
    assert.deepEqual(fields(e), { errno: -17, code: 'EEXIST', syscall: 'mkdir', path: path.join(dir, 'x'), dest: undefined });
    assert.equal(caught(() => fs.rmSync(path.join(dir, 'x'))).code, 'EISDIR');
    assert.equal(caught(() => fs.rmdirSync(path.join(dir, 'x'))).code, 'ENOTEMPTY');
    assert.equal(caught(() => fs.unlinkSync(path.join(dir, 'none'))).syscall, 'unlink');
    fs.rmSync(path.join(dir, 'none'), { force: true });
    fs.unlinkSync(path.join(dir, 'h.txt'));
    fs.rmSync(dir, { recursive: true });
    assert.equal(fs.existsSync(dir), false);
  });

  test('stat, chmod, truncate, utimes, access', () => {
    const dir = scratch();
    const file = path.join(dir, 's.txt');
    fs.writeFileSync(file, '0123456789', { mode: 0o640 });
    const st = fs.statSync(file);
    assert.ok(st.isFile());
    assert.equal(st.size, 10);
    assert.equal(st.mode & 0o777 & ~0o640, 0, 'created with at most mode 0o640');
    fs.chmodSync(file, 0o600);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    fs.truncateSync(file, 4);
    assert.equal(fs.readFileSync(file, 'utf8'), '0123');
    fs.utimesSync(file, 1000, 2000);
    assert.equal(fs.statSync(file).mtimeMs, 2000000);
    assert.ok(fs.statSync(file).mtime instanceof Date);
    fs.accessSync(file, fs.constants.R_OK);
    const e = caught(() => fs.accessSync(path.join(dir, 'none')));
    assert.deepEqual(fields(e), { errno: -2, code: 'ENOENT', syscall: 'access', path: path.join(dir, 'none'), dest: undefined });
    assert.ok(fs.statSync(dir).isDirectory());
    fs.rmSync(dir, { recursive: true });
  });

  test('descriptors: open, write, read, fstat, close', () => {
    const dir = scratch();
    const file = path.join(dir, 'fd.bin');
    const fd = fs.openSync(file, 'w+');
    assert.equal(typeof fd, 'number');
    assert.equal(fs.writeSync(fd, 'abcdef'), 6);
    assert.equal(fs.writeSync(fd, B.from('XY'), 0, 2, 1), 2);
    const buf = B.alloc(6);
    assert.equal(fs.readSync(fd, buf, 0, 6, 0), 6);
    assert.equal(buf.toString(), 'aXYdef');
    assert.equal(fs.fstatSync(fd).size, 6);
    fs.closeSync(fd);
    const bad = caught(() => fs.closeSync(fd));
    assert.deepEqual(fields(bad), { errno: -9, code: 'EBADF', syscall: 'close', path: undefined, dest: undefined });
    assert.equal(bad.message, 'EBADF: bad file descriptor, close');
    assert.equal(caught(() => fs.openSync(file, 'wx')).code, 'EEXIST');
    fs.rmSync(dir, { recursive: true });
  });

  test('the promise and callback APIs reject with the same errors', async () => {
    const dir = scratch();
    await fsp.writeFile(path.join(dir, 'p.txt'), 'promised');
    assert.equal(await fsp.readFile(path.join(dir, 'p.txt'), 'utf8'), 'promised');
    let rejected;
    try { await fsp.readFile(path.join(dir, 'none')); } catch (e) { rejected = e; }
    assert.equal(rejected.code, 'ENOENT');
    assert.equal(rejected.syscall, 'open');
    const viaCallback = await new Promise((resolve) => fs.stat(path.join(dir, 'none'), (err) => resolve(err)));
    assert.equal(viaCallback.code, 'ENOENT');
    assert.equal(viaCallback.syscall, 'stat');
    fs.rmSync(dir, { recursive: true });
  });

  test('node:os reports the machine', () => {
    assert.equal(os.platform(), 'linux');
    assert.equal(os.type(), 'Linux');
    assert.equal(typeof os.hostname(), 'string');
    assert.ok(os.hostname().length > 0);
    assert.ok(['x64', 'arm64', 'ia32'].includes(os.arch()) || os.arch().length > 0);
    assert.ok(os.totalmem() > 0);
    assert.ok(os.freemem() >= 0);
    assert.ok(os.uptime() >= 0);
    assert.equal(os.endianness(), 'LE');
    const cpu = os.cpus()[0];
    assert.deepEqual(Object.keys(cpu), ['model', 'speed', 'times']);
    assert.deepEqual(Object.keys(cpu.times), ['user', 'nice', 'sys', 'idle', 'irq']);
    assert.equal(typeof os.userInfo().username, 'string');
    assert.equal(typeof os.userInfo().uid, 'number');
    assert.ok(!os.tmpdir().endsWith('/') || os.tmpdir() === '/');
  });

  test('process.stdout and process.stderr write without throwing', async () => {
    assert.equal(process.stdout.fd, 1);
    assert.equal(process.stderr.fd, 2);
    await new Promise((resolve, reject) => process.stdout.write('', (e) => (e ? reject(e) : resolve())));
    await new Promise((resolve, reject) => process.stderr.write(new Uint8Array(0), (e) => (e ? reject(e) : resolve())));
  });
})();
