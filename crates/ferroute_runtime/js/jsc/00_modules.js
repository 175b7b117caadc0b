// ES modules on an engine without a module loader (JavaScriptCore's C API): the registry that
// links and evaluates the module records our compiler emits with `ModuleFormat::Registry`
// (crates/ferroute_compiler/src/registry.rs documents the record:
// `{ deps, imports?, reexports?, async?, stars?, factory }`). It provides `internal.registry`:
//
// - `importModule(specifier, fromPath) → Promise<namespace>`: dynamic `import()` and route
//   loading (`fromPath` null for an entry point: the specifier is then a resolved path);
// - `requireEsm(path) → namespace`: Node 20's `require(esm)`, synchronous; throws an error
//   with code ERR_REQUIRE_ASYNC_MODULE when the graph is still awaiting at its top level.
//
// It sits on two natives the engine installs before this file runs:
// `native.moduleResolve(specifier, importerPath) → [kind, key]` (kind `esm`, `cjs`, `json`,
// `builtin` or `internal`) and `native.moduleLoad(key) → record` (the evaluated compiler
// output of an ES module). The other kinds use what later files provide, looked up when a
// module of that kind is first linked: `internal.cjs.importCjs(path)` with the names of
// `native.cjsNames(path)` (CommonJS, as QuickJS's facades), `internal.builtin(name)`
// (`node:*`), `internal.modules[name]` (`next/*`), `native.readText(path)` (JSON).
//
// Semantics are ECMA-262's (16.2.1.5 Cyclic Module Records): linking instantiates every new
// module of the graph (each factory runs to its `yield`, so functions are hoisted and
// `let`/`const`/`class` wait in their TDZ), builds the namespaces (sorted names, `export *`
// skipping `default` and ambiguous names), checks every named import, then seals the
// namespaces; evaluation is the spec's depth-first algorithm with cycle roots and
// asynchronous modules (a module with top-level await, or one waiting for such a
// dependency, runs after its dependencies settle, in the order the spec gives). A module is
// evaluated once; its error is rethrown to every importer. Namespace exports are getters
// (accessor properties) rather than the spec's exotic data properties.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;

  // Captured before any user code can replace them.
  const { create, defineProperty, getOwnPropertyNames, getPrototypeOf, keys, preventExtensions } = Object;
  const hasOwn = Object.prototype.hasOwnProperty;
  const { apply } = Reflect;
  const JSONParse = JSON.parse;
  const OriginalPromise = Promise;
  const promiseThen = Promise.prototype.then;
  const PromiseResolve = Promise.resolve;
  const PromiseReject = Promise.reject;
  const promiseResolve = (value) => apply(PromiseResolve, OriginalPromise, [value]);
  const AsyncGeneratorFunctionPrototype = getPrototypeOf(async function* () {});
  const noop = () => {};

  /** ResolveExport's answer when two `export *` give different bindings for a name. */
  const AMBIGUOUS = Symbol('ambiguous');
  /** What QuickJS's facades leave out of a built-in's names (function properties). */
  const FUNCTION_KEYS = new Set(['length', 'name', 'prototype', 'arguments', 'caller']);

  /** Every module reached so far, by `kind\0key`. */
  const modules = new Map();
  /** ECMA-262's [[AsyncEvaluationOrder]] counter. */
  let asyncOrder = 0;

  class ModuleEntry {
    constructor(kind, key) {
      this.kind = kind;
      this.key = key;
      // new → linking → linked → evaluating → evaluating-async → evaluated
      this.status = 'new';
      this.namespace = create(null);
      /** The compiler's record (`esm`). */
      this.record = null;
      /** The modules of `record.deps`, in order. */
      this.requested = [];
      /** Export name → getter of a binding of this module. */
      this.locals = null;
      /** The factory's generator, between linking and the end of evaluation. */
      this.generator = null;
      /** The values of a CommonJS/JSON/built-in module once evaluated. */
      this.values = null;
      /** The built-in object of a `builtin`/`internal` module. */
      this.source = undefined;
      this.hasTLA = false;
      /** A `function*` factory whose top-level awaits are `yield`s (`async: true`). */
      this.driven = false;
      this.failed = false;
      this.error = undefined;
      // Evaluation bookkeeping, as the spec names it.
      this.dfsIndex = -1;
      this.dfsAncestorIndex = -1;
      this.cycleRoot = null;
      this.asyncEvaluation = false;
      this.asyncOrder = 0;
      this.pendingAsync = 0;
      this.asyncParents = [];
      this.capability = null;
    }
  }

  function entry(kind, key) {
    const id = `${kind}\0${key}`;
    let module = modules.get(id);
    if (module === undefined) {
      module = new ModuleEntry(kind, key);
      modules.set(id, module);
    }
    return module;
  }

  function resolve(specifier, fromPath) {
    const [kind, key] = native.moduleResolve(specifier, fromPath ?? null);
    return entry(kind, key);
  }

  // ------------------------------------------------------------------ import.meta and import()

  const URL_SAFE = /[A-Za-z0-9\-_.~!$&'()*+,;=:@/]/;

  /** `file:///a/b%20c.ts` for `/a/b c.ts`, as loader.rs `file_url` writes it. */
  function fileUrl(path) {
    let out = 'file://';
    for (const ch of path) {
      if (ch.length === 1 && ch.charCodeAt(0) < 0x80) {
        out += URL_SAFE.test(ch) ? ch : `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
      } else {
        out += encodeURIComponent(ch);
      }
    }
    return out;
  }

  function meta(path) {
    const object = create(null);
    object.url = fileUrl(path);
    object.filename = path;
    const slash = path.lastIndexOf('/');
    object.dirname = slash < 0 ? '' : slash === 0 ? '/' : path.slice(0, slash);
    return object;
  }

  /** `import()`: the specifier is read now; loading, linking and evaluation run in a job,
   * as in ECMA-262 (never inside the evaluation of the importing graph). */
  function importModule(specifier, fromPath) {
    let name;
    try {
      name = `${specifier}`;
    } catch (error) {
      return apply(PromiseReject, OriginalPromise, [error]);
    }
    return apply(promiseThen, promiseResolve(), [
      () => {
        const module = resolve(name, fromPath);
        link(module);
        return apply(promiseThen, evaluate(module), [() => module.namespace]);
      },
    ]);
  }

  // ------------------------------------------------------------------ linking

  function link(module) {
    if (module.status !== 'new') return;
    const fresh = [];
    try {
      instantiate(module, fresh);
      for (const m of fresh) buildNamespace(m);
      for (const m of fresh) checkImports(m);
      for (const m of fresh) {
        preventExtensions(m.namespace);
        m.status = 'linked';
      }
    } catch (error) {
      // Forget the whole attempt: a later import starts over and fails the same way.
      for (const m of fresh) modules.delete(`${m.kind}\0${m.key}`);
      throw error;
    }
  }

  /** Loads `module` and every new module it reaches, running each factory to its `yield`. */
  function instantiate(module, fresh) {
    module.status = 'linking';
    fresh.push(module);
    switch (module.kind) {
      case 'esm': {
        const record = native.moduleLoad(module.key);
        if (record === null || typeof record !== 'object' || typeof record.factory !== 'function') {
          throw new TypeError(`module '${module.key}' was not compiled for the module registry`);
        }
        module.record = record;
        module.requested = record.deps.map((specifier) => resolve(specifier, module.key));
        for (const dep of module.requested) if (dep.status === 'new') instantiate(dep, fresh);
        let locals = null;
        let anonymousDefault;
        const setExports = (getters, fn) => {
          locals = getters;
          anonymousDefault = fn;
        };
        const args = [setExports, meta(module.key), (specifier) => importModule(specifier, module.key)];
        for (const dep of module.requested) args.push(dep.namespace);
        module.driven = record.async === true;
        module.hasTLA = module.driven || getPrototypeOf(record.factory) === AsyncGeneratorFunctionPrototype;
        module.generator = apply(record.factory, undefined, args);
        // Runs the prologue (export getters) and stops at `yield`.
        module.generator.next();
        module.locals = locals ?? create(null);
        if (typeof anonymousDefault === 'function') {
          defineProperty(anonymousDefault, 'name', { value: 'default', configurable: true });
        }
        break;
      }
      case 'cjs': {
        const names = native.cjsNames(module.key).filter((name) => name !== 'default');
        module.locals = syntheticLocals(module, ['default', ...names]);
        break;
      }
      case 'json':
        module.locals = syntheticLocals(module, ['default']);
        break;
      case 'builtin':
      case 'internal': {
        const source = module.kind === 'builtin' ? internal.builtin(module.key) : internal.modules[module.key];
        if (source === undefined) {
          throw new Error(`Error loading module '${module.key}': this built-in module is not available`);
        }
        module.source = source;
        let names = [];
        if (source !== null && (typeof source === 'object' || typeof source === 'function')) {
          names = module.kind === 'builtin'
            ? getOwnPropertyNames(source).filter((name) => !FUNCTION_KEYS.has(name))
            : keys(source);
        }
        module.locals = syntheticLocals(module, ['default', ...names.filter((name) => name !== 'default')]);
        break;
      }
      default:
        throw new TypeError(`unknown module kind '${module.kind}' for '${module.key}'`);
    }
  }

  /** Getters over `module.values`, which evaluation fills (before it: the TDZ). */
  function syntheticLocals(module, names) {
    const locals = create(null);
    for (const name of names) {
      locals[name] = () => {
        const values = module.values;
        if (values === null) throw new ReferenceError(`Cannot access '${name}' before initialization`);
        return values[name];
      };
    }
    return locals;
  }

  /** ECMA-262 GetExportedNames. */
  function exportedNames(module, visited, out) {
    if (visited.has(module)) return out;
    visited.add(module);
    for (const name of keys(module.locals)) out.add(name);
    const record = module.record;
    if (record === null) return out;
    for (const [exported] of record.reexports ?? []) out.add(exported);
    for (const dep of record.stars ?? []) {
      for (const name of exportedNames(module.requested[dep], visited, new Set())) {
        if (name !== 'default') out.add(name);
      }
    }
    return out;
  }

  /** ECMA-262 ResolveExport: `{ module, name }` (`name` null: the namespace), null, or AMBIGUOUS. */
  function resolveExport(module, name, resolveSet) {
    for (const seen of resolveSet) if (seen.module === module && seen.name === name) return null;
    resolveSet.push({ module, name });
    if (apply(hasOwn, module.locals, [name])) return { module, name };
    const record = module.record;
    if (record === null) return null;
    for (const [exported, dep, imported] of record.reexports ?? []) {
      if (exported !== name) continue;
      const target = module.requested[dep];
      return imported === null ? { module: target, name: null } : resolveExport(target, imported, resolveSet);
    }
    if (name === 'default') return null;
    let found = null;
    for (const dep of record.stars ?? []) {
      const resolution = resolveExport(module.requested[dep], name, resolveSet);
      if (resolution === AMBIGUOUS) return AMBIGUOUS;
      if (resolution === null) continue;
      if (found === null) found = resolution;
      else if (found.module !== resolution.module || found.name !== resolution.name) return AMBIGUOUS;
    }
    return found;
  }

  function getterOf(resolution) {
    if (resolution.name === null) {
      const target = resolution.module;
      return () => target.namespace;
    }
    return resolution.module.locals[resolution.name];
  }

  function buildNamespace(module) {
    const namespace = module.namespace;
    const names = [...exportedNames(module, new Set(), new Set())].sort();
    for (const name of names) {
      const resolution = resolveExport(module, name, []);
      if (resolution === null || resolution === AMBIGUOUS) continue;
      defineProperty(namespace, name, { get: getterOf(resolution), enumerable: true });
    }
    defineProperty(namespace, Symbol.toStringTag, { value: 'Module' });
  }

  /** Every named import and re-export must resolve, in QuickJS's wording. */
  function checkImports(module) {
    const record = module.record;
    if (record === null) return;
    const wanted = [];
    for (const [dep, name] of record.imports ?? []) wanted.push([dep, name]);
    for (const [, dep, imported] of record.reexports ?? []) if (imported !== null) wanted.push([dep, imported]);
    for (const [dep, name] of wanted) {
      const target = module.requested[dep];
      const resolution = resolveExport(target, name, []);
      if (resolution === null) {
        throw new SyntaxError(`Could not find export '${name}' in module '${target.key}'`);
      }
      if (resolution === AMBIGUOUS) {
        throw new SyntaxError(`export '${name}' in module '${target.key}' is ambiguous`);
      }
    }
  }

  // ------------------------------------------------------------------ evaluation

  function capability() {
    let resolve;
    let reject;
    const promise = new OriginalPromise((yes, no) => {
      resolve = yes;
      reject = no;
    });
    // Whoever awaits the module sees the rejection; the record's own promise is not unhandled.
    apply(promiseThen, promise, [undefined, noop]);
    return { promise, resolve, reject };
  }

  /** ECMA-262 Evaluate(): a promise settled when `module` and its graph have run. */
  function evaluate(module) {
    if (module.status === 'evaluating-async' || module.status === 'evaluated') {
      module = module.cycleRoot ?? module;
    }
    if (module.capability !== null) return module.capability.promise;
    // Reached again from inside its own evaluation (a `requireEsm` in a cycle): it is under
    // way, and its namespace is what there is.
    if (module.status === 'evaluating') return promiseResolve();
    const stack = [];
    const own = capability();
    module.capability = own;
    try {
      innerEvaluate(module, stack, 0);
    } catch (error) {
      for (const m of stack) fail(m, error);
      own.reject(error);
      return own.promise;
    }
    // Left on the stack: modules of a `requireEsm` made while another evaluation is under
    // way, which depend on a module of that evaluation. They have run; close them here.
    for (const m of stack) {
      m.status = m.asyncEvaluation ? 'evaluating-async' : 'evaluated';
      m.cycleRoot = module;
    }
    if (!module.asyncEvaluation) own.resolve();
    return own.promise;
  }

  function fail(module, error) {
    module.status = 'evaluated';
    module.failed = true;
    module.error = error;
    module.generator = null;
  }

  function innerEvaluate(module, stack, index) {
    if (module.status === 'evaluating-async' || module.status === 'evaluated') {
      if (module.failed) throw module.error;
      return index;
    }
    if (module.status === 'evaluating') return index;
    module.status = 'evaluating';
    module.dfsIndex = index;
    module.dfsAncestorIndex = index;
    module.pendingAsync = 0;
    index++;
    stack.push(module);
    for (let required of module.requested) {
      index = innerEvaluate(required, stack, index);
      if (required.status === 'evaluating') {
        if (required.dfsAncestorIndex < module.dfsAncestorIndex) module.dfsAncestorIndex = required.dfsAncestorIndex;
      } else {
        required = required.cycleRoot;
        if (required.failed) throw required.error;
      }
      if (required.asyncEvaluation) {
        module.pendingAsync++;
        required.asyncParents.push(module);
      }
    }
    if (module.pendingAsync > 0 || module.hasTLA) {
      module.asyncEvaluation = true;
      module.asyncOrder = ++asyncOrder;
      if (module.pendingAsync === 0) executeAsync(module);
    } else {
      execute(module);
    }
    if (module.dfsAncestorIndex === module.dfsIndex) {
      let done;
      do {
        done = stack.pop();
        done.status = done.asyncEvaluation ? 'evaluating-async' : 'evaluated';
        done.cycleRoot = module;
      } while (done !== module);
    }
    return index;
  }

  /** Runs a module body that does not await (throws what it throws). */
  function execute(module) {
    switch (module.kind) {
      case 'esm': {
        const generator = module.generator;
        module.generator = null;
        generator.next();
        break;
      }
      case 'cjs': {
        const exports = internal.cjs.importCjs(module.key);
        const values = create(null);
        values.default = exports != null && exports.__esModule ? exports.default : exports;
        snapshot(module, exports, values);
        break;
      }
      case 'json': {
        const values = create(null);
        values.default = JSONParse(native.readText(module.key));
        module.values = values;
        break;
      }
      default: {
        const values = create(null);
        values.default = module.source;
        snapshot(module, module.source, values);
        module.source = undefined;
      }
    }
  }

  /** The named exports' values, read once (as QuickJS's facades and Node do). */
  function snapshot(module, source, values) {
    for (const name of keys(module.locals)) {
      if (name !== 'default') values[name] = source == null ? undefined : source[name];
    }
    module.values = values;
  }

  /** Runs a module body that awaits; its end is handled in a later job, as ECMA-262 does. */
  function executeAsync(module) {
    const generator = module.generator;
    module.generator = null;
    if (!module.driven) {
      // An `async function*` (top-level `for await` or `await using`).
      apply(promiseThen, generator.next(), [
        () => asyncFulfilled(module),
        (error) => asyncRejected(module, error),
      ]);
      return;
    }
    // `yield x` stands for `await x`: resume with the value, or throw the reason, as `await`.
    const step = (method, value) => {
      let result;
      try {
        result = generator[method](value);
      } catch (error) {
        apply(promiseThen, promiseResolve(), [() => asyncRejected(module, error)]);
        return;
      }
      if (result.done) {
        apply(promiseThen, promiseResolve(), [() => asyncFulfilled(module)]);
        return;
      }
      apply(promiseThen, promiseResolve(result.value), [
        (resolved) => step('next', resolved),
        (reason) => step('throw', reason),
      ]);
    };
    step('next');
  }

  function asyncFulfilled(module) {
    if (module.status === 'evaluated') return;
    module.asyncEvaluation = false;
    module.status = 'evaluated';
    if (module.capability !== null) module.capability.resolve();
    const ready = [];
    gatherAncestors(module, ready);
    ready.sort((a, b) => a.asyncOrder - b.asyncOrder);
    for (const parent of ready) {
      if (parent.failed) continue;
      if (parent.hasTLA) {
        executeAsync(parent);
        continue;
      }
      try {
        execute(parent);
      } catch (error) {
        asyncRejected(parent, error);
        continue;
      }
      parent.asyncEvaluation = false;
      parent.status = 'evaluated';
      if (parent.capability !== null) parent.capability.resolve();
    }
  }

  function gatherAncestors(module, ready) {
    for (const parent of module.asyncParents) {
      if (ready.includes(parent) || (parent.cycleRoot ?? parent).failed) continue;
      parent.pendingAsync--;
      if (parent.pendingAsync === 0) {
        ready.push(parent);
        if (!parent.hasTLA) gatherAncestors(parent, ready);
      }
    }
  }

  function asyncRejected(module, error) {
    if (module.status === 'evaluated') return;
    fail(module, error);
    for (const parent of module.asyncParents) asyncRejected(parent, error);
    if (module.capability !== null) module.capability.reject(error);
  }

  // ------------------------------------------------------------------ require(esm)

  function requireEsm(path) {
    const module = entry('esm', path);
    link(module);
    evaluate(module);
    if (module.failed) throw module.error;
    if (module.status === 'evaluating-async') {
      const error = new Error(
        `require() cannot be used on an ES module that uses top-level await (${path}); use import() instead`,
      );
      error.code = 'ERR_REQUIRE_ASYNC_MODULE';
      throw error;
    }
    return module.namespace;
  }

  internal.registry = { importModule, requireEsm };
})();
