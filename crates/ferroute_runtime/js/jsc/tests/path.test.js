// Tests of node:path (js/jsc/31_path.js on JavaScriptCore; Node's own module under
// `node-runner.js --node`, which is where these expectations come from).
(() => {
  'use strict';
  const path = globalThis[Symbol.for('ferroute.internal')].platformModules.path();
  const { posix, win32 } = path;

  /** Asserts each `[args, expected]` row of `fn`. */
  function table(fn, rows) {
    for (const [args, expected] of rows) {
      assert.deepEqual(fn(...args), expected, `${fn.name}(${JSON.stringify(args)})`);
    }
  }

  function throwsArgType(fn, message) {
    const err = assert.throws(fn, TypeError);
    assert.equal(err.code, 'ERR_INVALID_ARG_TYPE');
    assert.equal(err.message, message);
  }

  test('the module is posix, with posix and win32 on it', () => {
    assert.equal(path.posix, path);
    assert.equal(posix.posix, posix);
    assert.equal(posix.win32, win32);
    assert.equal(win32.posix, posix);
    assert.equal(win32.win32, win32);
    assert.equal(posix.sep, '/');
    assert.equal(posix.delimiter, ':');
    assert.equal(win32.sep, '\\');
    assert.equal(win32.delimiter, ';');
    for (const name of ['resolve', 'normalize', 'isAbsolute', 'join', 'relative', 'toNamespacedPath', 'dirname', 'basename', 'extname', 'format', 'parse']) {
      assert.equal(typeof posix[name], 'function', name);
      assert.equal(typeof win32[name], 'function', name);
    }
    assert.equal(posix._makeLong, posix.toNamespacedPath);
  });

  test('posix.normalize', () => {
    table(posix.normalize, [
      [[''], '.'],
      [['.'], '.'],
      [['./'], './'],
      [['/'], '/'],
      [['//'], '/'],
      [['///a//b/'], '/a/b/'],
      [['/foo/bar//baz/asdf/quux/..'], '/foo/bar/baz/asdf'],
      [['a/../..'], '..'],
      [['a/../../'], '../'],
      [['../a/./b/..'], '../a'],
      [['/../a'], '/a'],
      [['a/..'], '.'],
      [['a/../'], './'],
      [['..'], '..'],
      [['...'], '...'],
      [['./.x/..'], '.'],
    ]);
  });

  test('posix.join', () => {
    table(posix.join, [
      [[], '.'],
      [[''], '.'],
      [['', ''], '.'],
      [['/foo', 'bar', 'baz/asdf', 'quux', '..'], '/foo/bar/baz/asdf'],
      [['a', '', 'b'], 'a/b'],
      [['a/', '/b'], 'a/b'],
      [['/', '..'], '/'],
      [['a', '../..', 'b'], '../b'],
      [['.', 'a'], 'a'],
      [['a', '.'], 'a'],
      [['', '/a'], '/a'],
    ]);
    throwsArgType(() => posix.join('a', 1), 'The "path" argument must be of type string. Received type number (1)');
  });

  test('posix.resolve', () => {
    table(posix.resolve, [
      [['/foo/bar', './baz'], '/foo/bar/baz'],
      [['/foo/bar', '/tmp/file/'], '/tmp/file'],
      [['/a', 'b', '..', 'c'], '/a/c'],
      [['/a', '', 'b'], '/a/b'],
      [['/', '..', '..'], '/'],
      [['/x', '/y', 'z/'], '/y/z'],
    ]);
    const cwd = posix.resolve();
    assert.ok(posix.isAbsolute(cwd), cwd);
    assert.equal(posix.resolve('a/b', '../c'), posix.join(cwd, 'a/c'));
    assert.equal(posix.resolve(''), cwd);
    assert.equal(posix.resolve('.'), cwd);
    throwsArgType(() => posix.resolve('a', null), 'The "paths[1]" argument must be of type string. Received null');
  });

  test('posix.relative', () => {
    table(posix.relative, [
      [['/data/orandea/test/aaa', '/data/orandea/impl/bbb'], '../../impl/bbb'],
      [['/a/b', '/a/b'], ''],
      [['/a/b', '/a/b/c/d'], 'c/d'],
      [['/a/b/c', '/a'], '../..'],
      [['/a/bc', '/a/b'], '../b'],
      [['/', '/a'], 'a'],
      [['/a', '/'], '..'],
      [['/a/b/', '/a/b/c'], 'c'],
      [['/foo/bar', '/foo/barbaz'], '../barbaz'],
    ]);
    throwsArgType(() => posix.relative(1, 'a'), 'The "from" argument must be of type string. Received type number (1)');
    throwsArgType(() => posix.relative('a', null), 'The "to" argument must be of type string. Received null');
  });

  test('posix.dirname, basename, extname', () => {
    table(posix.dirname, [
      [[''], '.'],
      [['/'], '/'],
      [['//'], '/'],
      [['//a'], '//'],
      [['/a'], '/'],
      [['a'], '.'],
      [['a/b/'], 'a'],
      [['/a/b/c'], '/a/b'],
      [['a//b'], 'a/'],
      [['/foo/bar/baz/asdf/quux'], '/foo/bar/baz/asdf'],
    ]);
    table(posix.basename, [
      [['/foo/bar/baz/asdf/quux.html'], 'quux.html'],
      [['/foo/bar/baz/asdf/quux.html', '.html'], 'quux'],
      [['quux.html', 'quux.html'], ''],
      [['a/quux.html', 'quux.html'], 'quux.html'],
      [['a/b/', 'b'], 'b'],
      [['/a/b.js/', '.js'], 'b'],
      [['/'], ''],
      [['//', 'x'], '//'],
      [['.b/////', 'a.b'], '.b/////'],
      [['aaa', 'a'], 'aa'],
      [['file.js', ''], 'file.js'],
    ]);
    table(posix.extname, [
      [['index.html'], '.html'],
      [['index.coffee.md'], '.md'],
      [['index.'], '.'],
      [['index'], ''],
      [['.index'], ''],
      [['.index.md'], '.md'],
      [['..'], ''],
      [['...'], '.'],
      [['a/b.c/'], '.c'],
      [['a.b/c'], ''],
    ]);
    throwsArgType(() => posix.basename('a', 1), 'The "suffix" argument must be of type string. Received type number (1)');
    throwsArgType(() => posix.dirname(null), 'The "path" argument must be of type string. Received null');
  });

  test('posix.parse and format', () => {
    table(posix.parse, [
      [['/home/user/dir/file.txt'], { root: '/', dir: '/home/user/dir', base: 'file.txt', ext: '.txt', name: 'file' }],
      [[''], { root: '', dir: '', base: '', ext: '', name: '' }],
      [['/'], { root: '/', dir: '/', base: '', ext: '', name: '' }],
      [['//a'], { root: '/', dir: '/', base: 'a', ext: '', name: 'a' }],
      [['a//b'], { root: '', dir: 'a/', base: 'b', ext: '', name: 'b' }],
      [['/a/b//'], { root: '/', dir: '/a', base: 'b', ext: '', name: 'b' }],
      [['.x'], { root: '', dir: '', base: '.x', ext: '', name: '.x' }],
      [['a/..'], { root: '', dir: 'a', base: '..', ext: '', name: '..' }],
      [['/..'], { root: '/', dir: '/', base: '..', ext: '.', name: '.' }],
    ]);
    table(posix.format, [
      [[{ root: '/ignored', dir: '/home/user/dir', base: 'file.txt' }], '/home/user/dir/file.txt'],
      [[{ root: '/', base: 'file.txt', ext: 'ignored' }], '/file.txt'],
      [[{ root: '/', name: 'file', ext: '.txt' }], '/file.txt'],
      [[{ dir: '/a', name: 'b', ext: 'js' }], '/a/b.js'],
      [[{}], ''],
    ]);
    throwsArgType(() => posix.format(null), 'The "pathObject" argument must be of type object. Received null');
    throwsArgType(() => posix.format('x'), 'The "pathObject" argument must be of type object. Received type string (\'x\')');
  });

  test('posix.isAbsolute and toNamespacedPath', () => {
    assert.ok(posix.isAbsolute('/a'));
    assert.ok(!posix.isAbsolute('a/b'));
    assert.ok(!posix.isAbsolute(''));
    assert.equal(posix.toNamespacedPath('/a'), '/a');
    assert.equal(posix.toNamespacedPath(1), 1);
  });

  test('win32.normalize and join', () => {
    table(win32.normalize, [
      [['C:\\temp\\\\foo\\bar\\..\\'], 'C:\\temp\\foo\\'],
      [['C:////temp\\\\/\\/\\/foo/bar'], 'C:\\temp\\foo\\bar'],
      [['C:'], 'C:.'],
      [['c:/'], 'c:\\'],
      [['C:..\\a'], 'C:..\\a'],
      [['\\\\server\\share\\dir\\..\\file'], '\\\\server\\share\\file'],
      [['\\\\server\\share'], '\\\\server\\share\\'],
      [['//server/share/a'], '\\\\server\\share\\a'],
      [['/'], '\\'],
      [['a/b/../../..'], '..'],
      [[''], '.'],
      [['\\\\.\\pipe\\..\\x'], '\\\\.\\x'],
      [['\\\\?\\C:\\a\\..'], '\\\\?\\C:'],
      [['c:a:'], 'c:a:'],
      [['a:b:'], 'a:b:'],
      [['x\\a:'], '.\\x\\a:'],
      [['CON:'], '.\\CON:.'],
      [['con:x'], '.\\con:x'],
      [['NUL.'], '.\\NUL.'],
      [['CON.txt'], 'CON.txt'],
    ]);
    table(win32.join, [
      [['//server', 'share'], '\\\\server\\share\\'],
      [['\\\\\\a', 'b'], '\\a\\b'],
      [['C:', 'a', '..', 'b'], 'C:\\b'],
      [['c:\\', 'x'], 'c:\\x'],
      [['a', 'b\\', 'c/'], 'a\\b\\c\\'],
      [['', ''], '.'],
      [['x', 'prn:'], '.\\x\\prn:'],
    ]);
  });

  test('win32.resolve, relative and toNamespacedPath', () => {
    table(win32.resolve, [
      [['C:\\foo', 'bar'], 'C:\\foo\\bar'],
      [['C:\\foo', 'D:\\bar'], 'D:\\bar'],
      [['C:\\a', 'c:b'], 'c:\\a\\b'],
      [['\\\\server\\share\\x', '..\\y'], '\\\\server\\share\\y'],
      [['c:/ignore', 'd:\\a/b\\c/d', '\\e.exe'], 'd:\\e.exe'],
      [['d:\\', '..'], 'd:\\'],
    ]);
    table(win32.relative, [
      [['C:\\orandea\\test\\aaa', 'C:\\orandea\\impl\\bbb'], '..\\..\\impl\\bbb'],
      [['C:\\a', 'c:\\A\\b'], 'b'],
      [['C:\\a\\b', 'C:\\a'], '..'],
      [['C:\\a', 'D:\\a'], 'D:\\a'],
      [['\\\\srv\\share\\a', '\\\\srv\\share\\b'], '..\\b'],
      [['C:\\', 'C:\\x\\y'], 'x\\y'],
      [['C:\\x\\y', 'C:\\'], '..\\..'],
    ]);
    table(win32.toNamespacedPath, [
      [['C:\\a\\b'], '\\\\?\\C:\\a\\b'],
      [['\\\\server\\share\\x'], '\\\\?\\UNC\\server\\share\\x'],
      [['\\\\?\\C:\\a'], '\\\\?\\C:\\a'],
      [[''], ''],
    ]);
    assert.equal(win32.toNamespacedPath(5), 5);
  });

  test('win32.dirname, basename, extname, isAbsolute', () => {
    table(win32.dirname, [
      [['C:\\a\\b'], 'C:\\a'],
      [['C:\\a'], 'C:\\'],
      [['C:\\'], 'C:\\'],
      [['C:a'], 'C:'],
      [['C:'], 'C:'],
      [['\\\\srv\\share\\a'], '\\\\srv\\share\\'],
      [['\\\\srv\\share'], '\\\\srv\\share'],
      [['a/b'], 'a'],
      [['\\'], '\\'],
      [['a'], '.'],
    ]);
    table(win32.basename, [
      [['C:\\foo.html'], 'foo.html'],
      [['C:\\foo.HTML', '.html'], 'foo.HTML'],
      [['C:foo'], 'foo'],
      [['C:'], ''],
      [['a/b\\c/'], 'c'],
      [['\\\\srv\\share\\x.js', '.js'], 'x'],
    ]);
    table(win32.extname, [
      [['C:\\a.b\\c.d'], '.d'],
      [['C:.x'], ''],
      [['C:a.x'], '.x'],
      [['a\\.b'], ''],
    ]);
    for (const [p, expected] of [['C:\\a', true], ['C:/a', true], ['C:a', false], ['\\a', true], ['//srv', true], ['a', false], ['', false]]) {
      assert.equal(win32.isAbsolute(p), expected, p);
    }
  });

  test('win32.parse and format', () => {
    table(win32.parse, [
      [['C:\\path\\dir\\file.txt'], { root: 'C:\\', dir: 'C:\\path\\dir', base: 'file.txt', ext: '.txt', name: 'file' }],
      [['\\\\srv\\share\\a.b'], { root: '\\\\srv\\share\\', dir: '\\\\srv\\share\\', base: 'a.b', ext: '.b', name: 'a' }],
      [['C:'], { root: 'C:', dir: 'C:', base: '', ext: '', name: '' }],
      [['C:x'], { root: 'C:', dir: 'C:', base: 'x', ext: '', name: 'x' }],
      [['\\'], { root: '\\', dir: '\\', base: '', ext: '', name: '' }],
      [['x'], { root: '', dir: '', base: 'x', ext: '', name: 'x' }],
    ]);
    assert.equal(win32.format({ dir: 'C:\\path\\dir', base: 'file.txt' }), 'C:\\path\\dir\\file.txt');
    assert.equal(win32.format({ root: 'C:\\', name: 'f', ext: 'txt' }), 'C:\\f.txt');
  });
})();
