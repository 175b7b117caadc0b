// CommonJS as Node 20 runs it: `Module`, `require` (with `resolve`, `cache`), JSON
// modules, cycles (a module sees the partial `exports` of one still loading), `require()` of
// an ES module (its namespace), and `node:module` (`createRequire`, `builtinModules`,
// `isBuiltin`). Resolution and compilation are native (`cjsResolve`, `cjsLoad`): the same
// resolver and compiled-file cache as `import`, with the `require` conditions. An ES
// module importing a CommonJS file gets a facade module (made in Rust) that calls
// `internal.cjs.importCjs(path)`.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;

  const cache = Object.create(null);

  function dirname(p) {
    const i = p.lastIndexOf('/');
    return i <= 0 ? '/' : p.slice(0, i);
  }

  function nodeModulePaths(from) {
    const out = [];
    let dir = from;
    for (;;) {
      if (!dir.endsWith('/node_modules')) out.push(`${dir === '/' ? '' : dir}/node_modules`);
      if (dir === '/') break;
      dir = dirname(dir);
    }
    return out;
  }

  const invalidArg = internal.nodeErrors.invalidArgType;

  function Module(id = '', parent) {
    this.id = id;
    this.path = dirname(id);
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = id ? nodeModulePaths(this.path) : [];
    if (parent && parent.children) parent.children.push(this);
    Object.defineProperty(this, 'parent', { value: parent, writable: true, configurable: true, enumerable: false });
  }

  Module.prototype.require = function require(id) {
    if (typeof id !== 'string') throw invalidArg('id', 'of type string', id);
    if (id === '') {
      const err = new TypeError("The argument 'id' must be a non-empty string. Received ''");
      err.code = 'ERR_INVALID_ARG_VALUE';
      throw err;
    }
    return requireFrom(id, this);
  };

  Module._cache = cache;
  Module._extensions = { '.js': true, '.json': true, '.node': true };
  Module.wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
  Module.wrap = (script) => Module.wrapper[0] + script + Module.wrapper[1];
  Module.builtinModules = internal.builtinNames.slice();
  Module.isBuiltin = (name) => typeof name === 'string' && internal.builtinName(name) !== undefined;
  Module.createRequire = createRequire;
  Module.Module = Module;
  Module._nodeModulePaths = nodeModulePaths;
  Module._resolveFilename = (request, parent) => resolve(request, parent && parent.filename ? parent.filename : `${internal.config.root}/`)[1];
  Module.syncBuiltinESMExports = () => {};
  Module.findSourceMap = () => undefined;
  Module.register = () => {};

  /** `[kind, value]` for `specifier` required from the file `from`. */
  function resolve(specifier, from) {
    return native.cjsResolve(specifier, from);
  }

  function requireFrom(specifier, parent) {
    const [kind, value] = resolve(specifier, parent.filename || `${internal.config.root}/`);
    switch (kind) {
      case 'builtin': return internal.builtin(value);
      case 'internal': return internal.modules[value];
      default: return loadFile(kind, value, parent);
    }
  }

  function loadFile(kind, filename, parent) {
    const cached = cache[filename];
    if (cached !== undefined) {
      if (parent && parent.children && !parent.children.includes(cached)) parent.children.push(cached);
      return cached.exports;
    }
    if (kind === 'esm') return native.requireEsm(filename);
    const module = new Module(filename, parent);
    module.filename = filename;
    cache[filename] = module;
    let ok = false;
    try {
      if (kind === 'json') {
        const text = native.readText(filename);
        try {
          module.exports = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        } catch (e) {
          e.message = `${filename}: ${e.message}`;
          throw e;
        }
      } else {
        const fn = native.cjsLoad(filename);
        if (fn === null) {
          // A `.js` file that turned out to be an ES module.
          delete cache[filename];
          ok = true;
          return native.requireEsm(filename);
        }
        const require = makeRequire(module);
        fn.call(module.exports, module.exports, require, module, filename, module.path);
      }
      ok = true;
    } finally {
      if (!ok) delete cache[filename];
    }
    module.loaded = true;
    return module.exports;
  }

  function makeRequire(module) {
    const require = (id) => module.require(id);
    const from = () => module.filename || `${internal.config.root}/`;
    require.resolve = (request, options) => {
      if (typeof request !== 'string') throw invalidArg('request', 'of type string', request);
      const paths = options && options.paths;
      if (Array.isArray(paths) && paths.length > 0) {
        let last;
        for (const p of paths) {
          try {
            const [kind, value] = resolve(request, `${p.endsWith('/') ? p.slice(0, -1) : p}/__ferroute_resolve__.js`);
            return kind === 'builtin' ? request : value;
          } catch (e) {
            last = e;
          }
        }
        throw last;
      }
      const [kind, value] = resolve(request, from());
      return kind === 'builtin' || kind === 'internal' ? request : value;
    };
    require.resolve.paths = (request) => (internal.builtinName(request) !== undefined ? null : nodeModulePaths(dirname(from())));
    require.cache = cache;
    require.main = undefined;
    require.extensions = Module._extensions;
    return require;
  }

  function createRequire(filename) {
    let path = filename;
    if (typeof URL === 'function' && path instanceof URL) path = path.href;
    if (typeof path !== 'string') throw invalidArg('filename', "a file URL object, file URL string, or absolute path string", filename);
    if (path.startsWith('file://')) path = decodeURIComponent(new URL(path).pathname);
    if (!path.startsWith('/')) {
      const err = new TypeError(`The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received '${filename}'`);
      err.code = 'ERR_INVALID_ARG_VALUE';
      throw err;
    }
    // A directory (trailing slash) resolves from inside it.
    const module = new Module(path);
    module.filename = path.endsWith('/') ? `${path}__ferroute_require__.js` : path;
    module.loaded = true;
    return makeRequire(module);
  }

  internal.cjs = {
    Module,
    createRequire,
    /** module.exports of a CommonJS file imported by an ES module (its facade). */
    importCjs: (filename) => loadFile('cjs', filename, undefined),
  };
  internal.modules['node:module'] = Module;
})();
