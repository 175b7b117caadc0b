// Node 20's `node:path` for engines without llrt (JavaScriptCore): the POSIX functions
// (`path` itself and `path.posix`) and the Windows ones (`path.win32`), with Node's results
// for every input and its ERR_INVALID_ARG_TYPE errors. `matchesGlob` (experimental in Node
// 20) is not provided.
//
// Sits on the ECMAScript built-ins and 30_buffer.js's `internal.platformErrors` (Node's error
// messages). The working directory that `resolve` starts from is
// `internal.native.processInfo().cwd` when that native exists, else `process.cwd()`, else
// '/'. Registers the module as `internal.platformModules.path`.
(() => {
  'use strict';
  const kInternal = Symbol.for('ferroute.internal');
  if (globalThis[kInternal] === undefined) {
    Object.defineProperty(globalThis, kInternal, { value: {}, configurable: true });
  }
  const internal = globalThis[kInternal];

  // ------------------------------------------------------------------ errors
  const { invalidArgType } = internal.platformErrors;

  function validateString(value, name) {
    if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value);
  }

  function validateObject(value, name) {
    if (value === null || typeof value !== 'object') throw invalidArgType(name, 'of type object', value);
  }

  /** The process's working directory. */
  function cwd() {
    const native = internal.native;
    if (native && typeof native.processInfo === 'function') {
      const info = native.processInfo();
      if (info && typeof info.cwd === 'string') return info.cwd;
    }
    const proc = globalThis.process;
    if (proc && typeof proc.cwd === 'function') return proc.cwd();
    return '/';
  }

  const SLASH = 47; // '/'
  const BACKSLASH = 92; // '\'
  const DOT = 46;
  const COLON = 58;
  const isPosixSep = (c) => c === SLASH;
  const isWinSep = (c) => c === SLASH || c === BACKSLASH;
  const isDriveLetter = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

  /** Resolves `.` and `..` in `path` (no root), joined by `sep`. `..` past the start stays
   * when `aboveRoot` is true and is dropped otherwise. */
  function normalizeSegments(path, aboveRoot, sep, isSep) {
    const out = [];
    let start = 0;
    const n = path.length;
    for (let i = 0; i <= n; i++) {
      if (i < n && !isSep(path.charCodeAt(i))) continue;
      const len = i - start;
      if (len === 0 || (len === 1 && path.charCodeAt(start) === DOT)) {
        // empty or '.'
      } else if (len === 2 && path.charCodeAt(start) === DOT && path.charCodeAt(start + 1) === DOT) {
        if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
        else if (aboveRoot) out.push('..');
      } else out.push(path.slice(start, i));
      start = i + 1;
    }
    return out.join(sep);
  }

  /** `base` without trailing separators' effect: [start, end) of the last segment of `path`
   * at or after `from`, or end === -1 when there is none. */
  function lastSegment(path, from, isSep) {
    let end = path.length;
    while (end > from && isSep(path.charCodeAt(end - 1))) end--;
    if (end === from) return [from, -1];
    let start = end;
    while (start > from && !isSep(path.charCodeAt(start - 1))) start--;
    return [start, end];
  }

  /** Index of the separator just before the last segment of `path` (trailing separators
   * skipped), looking at indices from `from` on; -1 when there is none. */
  function separatorBefore(path, from, isSep) {
    let matchedSlash = true;
    for (let i = path.length - 1; i >= from; i--) {
      if (isSep(path.charCodeAt(i))) {
        if (!matchedSlash) return i;
      } else matchedSlash = false;
    }
    return -1;
  }

  /** The extension of a last segment: from its last dot, unless the dot starts it or the
   * segment is `..`. */
  function extOf(base) {
    const dot = base.lastIndexOf('.');
    if (dot <= 0 || base === '..') return '';
    return base.slice(dot);
  }

  function basenameOf(path, suffix, rootEnd, isSep) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    const from = rootEnd(path);
    let segEnd = path.length;
    while (segEnd > from && isSep(path.charCodeAt(segEnd - 1))) segEnd--;
    let segStart = segEnd;
    while (segStart > from && !isSep(path.charCodeAt(segStart - 1))) segStart--;
    if (suffix === undefined || suffix.length === 0 || suffix.length > path.length) {
      return segEnd === from ? '' : path.slice(segStart, segEnd);
    }
    // Node's suffix rules: a suffix equal to the whole path leaves nothing; one equal to
    // the whole segment is kept; a suffix longer than the segment whose end matches it
    // keeps the trailing separators.
    if (suffix === path) return '';
    if (segEnd === from) return path.slice(from);
    const segLen = segEnd - segStart;
    let k = 0;
    while (k < suffix.length && k < segLen && path.charCodeAt(segEnd - 1 - k) === suffix.charCodeAt(suffix.length - 1 - k)) k++;
    let end;
    if (k === suffix.length) end = segEnd - k;
    else if (k === segLen) end = path.length;
    else end = segEnd;
    if (end === segStart) end = segEnd;
    return path.slice(segStart, end);
  }

  function extnameOf(path, rootEnd, isSep) {
    validateString(path, 'path');
    const [start, end] = lastSegment(path, rootEnd(path), isSep);
    return end === -1 ? '' : extOf(path.slice(start, end));
  }

  function formatWith(sep, pathObject) {
    validateObject(pathObject, 'pathObject');
    const dir = pathObject.dir || pathObject.root;
    const ext = pathObject.ext ? `${pathObject.ext[0] === '.' ? '' : '.'}${pathObject.ext}` : '';
    const base = pathObject.base || `${pathObject.name || ''}${ext}`;
    if (!dir) return base;
    return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
  }

  // ------------------------------------------------------------------ posix
  const posix = {
    resolve(...args) {
      let resolved = '';
      let absolute = false;
      for (let i = args.length - 1; i >= -1 && !absolute; i--) {
        const path = i >= 0 ? args[i] : cwd();
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
        resolved = `${path}/${resolved}`;
        absolute = path.charCodeAt(0) === SLASH;
      }
      resolved = normalizeSegments(resolved, !absolute, '/', isPosixSep);
      if (absolute) return `/${resolved}`;
      return resolved.length > 0 ? resolved : '.';
    },

    normalize(path) {
      validateString(path, 'path');
      if (path.length === 0) return '.';
      const absolute = path.charCodeAt(0) === SLASH;
      const trailing = path.charCodeAt(path.length - 1) === SLASH;
      let out = normalizeSegments(path, !absolute, '/', isPosixSep);
      if (out.length === 0) {
        if (absolute) return '/';
        return trailing ? './' : '.';
      }
      if (trailing) out += '/';
      return absolute ? `/${out}` : out;
    },

    isAbsolute(path) {
      validateString(path, 'path');
      return path.length > 0 && path.charCodeAt(0) === SLASH;
    },

    join(...args) {
      if (args.length === 0) return '.';
      let joined;
      for (const arg of args) {
        validateString(arg, 'path');
        if (arg.length > 0) joined = joined === undefined ? arg : `${joined}/${arg}`;
      }
      return joined === undefined ? '.' : posix.normalize(joined);
    },

    relative(from, to) {
      validateString(from, 'from');
      validateString(to, 'to');
      if (from === to) return '';
      from = posix.resolve(from);
      to = posix.resolve(to);
      if (from === to) return '';
      const a = from === '/' ? [] : from.slice(1).split('/');
      const b = to === '/' ? [] : to.slice(1).split('/');
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      const up = [];
      for (let k = i; k < a.length; k++) up.push('..');
      return up.concat(b.slice(i)).join('/');
    },

    toNamespacedPath(path) {
      return path;
    },

    dirname(path) {
      validateString(path, 'path');
      if (path.length === 0) return '.';
      const root = path.charCodeAt(0) === SLASH;
      // The separator before the last segment (trailing separators skipped; index 0 is the root).
      const end = separatorBefore(path, 1, isPosixSep);
      if (end === -1) return root ? '/' : '.';
      if (root && end === 1) return '//';
      return path.slice(0, end);
    },

    basename(path, suffix) {
      return basenameOf(path, suffix, () => 0, isPosixSep);
    },

    extname(path) {
      return extnameOf(path, () => 0, isPosixSep);
    },

    format(pathObject) {
      return formatWith('/', pathObject);
    },

    parse(path) {
      validateString(path, 'path');
      const ret = { root: '', dir: '', base: '', ext: '', name: '' };
      if (path.length === 0) return ret;
      const absolute = path.charCodeAt(0) === SLASH;
      if (absolute) ret.root = '/';
      const [start, end] = lastSegment(path, absolute ? 1 : 0, isPosixSep);
      if (end !== -1) {
        ret.base = path.slice(start, end);
        // Node's parse reads `/..` as the name `.` with the extension `.`.
        ret.ext = absolute && start === 1 && ret.base === '..' ? '.' : extOf(ret.base);
        ret.name = ret.ext ? ret.base.slice(0, ret.base.length - ret.ext.length) : ret.base;
      }
      const startPart = end === -1 ? 0 : start;
      if (startPart > (absolute ? 1 : 0)) ret.dir = path.slice(0, startPart - 1);
      else if (absolute) ret.dir = '/';
      return ret;
    },

    sep: '/',
    delimiter: ':',
    win32: null,
    posix: null,
  };

  // ------------------------------------------------------------------ win32
  /** Where the root of a Windows path ends, its device (`C:` or `\\server\share`), and
   * whether it is absolute. */
  function winRoot(path, deviceNamespace = false) {
    const len = path.length;
    let rootEnd = 0;
    let device = '';
    let absolute = false;
    const c = path.charCodeAt(0);
    if (len === 0) return { rootEnd, device, absolute };
    if (len === 1) return { rootEnd: isWinSep(c) ? 1 : 0, device, absolute: isWinSep(c) };
    if (isWinSep(c)) {
      absolute = true;
      rootEnd = 1;
      if (isWinSep(path.charCodeAt(1))) {
        // A UNC root: `\\server\share`.
        let j = 2;
        let last = j;
        while (j < len && !isWinSep(path.charCodeAt(j))) j++;
        if (j < len && j !== last) {
          const server = path.slice(last, j);
          // `\\.\` and `\\?\` (device and long-path namespaces) are roots of their own.
          if (deviceNamespace && (server === '.' || server === '?')) {
            let k = j;
            while (k < len && isWinSep(path.charCodeAt(k))) k++;
            if (k < len) return { rootEnd: j, device: `\\\\${server}`, absolute };
          }
          last = j;
          while (j < len && isWinSep(path.charCodeAt(j))) j++;
          if (j < len && j !== last) {
            last = j;
            while (j < len && !isWinSep(path.charCodeAt(j))) j++;
            if (j === len) {
              return { rootEnd: j, device: `\\\\${server}\\${path.slice(last)}`, absolute, unc: true, whole: true };
            }
            if (j !== last) {
              return { rootEnd: j, device: `\\\\${server}\\${path.slice(last, j)}`, absolute, unc: true };
            }
          }
        }
      }
    } else if (isDriveLetter(c) && path.charCodeAt(1) === COLON) {
      device = path.slice(0, 2);
      rootEnd = 2;
      if (len > 2 && isWinSep(path.charCodeAt(2))) {
        absolute = true;
        rootEnd = 3;
      }
    }
    return { rootEnd, device, absolute };
  }

  // Windows' reserved device names, which Node 20 keeps from reading as devices once a
  // path is normalized (CVE-2025-27210).
  const WIN_RESERVED = /^(?:CON|PRN|AUX|NUL|COM[1-9\u00b9\u00b2\u00b3]|LPT[1-9\u00b9\u00b2\u00b3])$/i;
  const WIN_RESERVED_AND_ONE = /^(?:CON|PRN|AUX|NUL|COM[1-9\u00b9\u00b2\u00b3]|LPT[1-9\u00b9\u00b2\u00b3])[\s\S]$/i;

  const win32 = {
    resolve(...args) {
      let device = '';
      let tail = '';
      let absolute = false;
      for (let i = args.length - 1; i >= -1; i--) {
        let path;
        if (i >= 0) {
          path = args[i];
          validateString(path, `paths[${i}]`);
          if (path.length === 0) continue;
        } else if (device.length === 0) {
          path = cwd();
        } else {
          // The working directory of that drive, when the environment says it.
          const env = globalThis.process && globalThis.process.env;
          path = (env && env[`=${device}`]) || cwd();
          if (path === undefined || (path.slice(0, 2).toLowerCase() !== device.toLowerCase() && path.charCodeAt(2) === BACKSLASH)) {
            path = `${device}\\`;
          }
        }
        const root = winRoot(path, true);
        const rootEnd = root.rootEnd;
        const pathDevice = root.device;
        if (pathDevice.length > 0) {
          if (device.length > 0) {
            if (pathDevice.toLowerCase() !== device.toLowerCase()) continue; // another drive
          } else device = pathDevice;
        }
        if (absolute) {
          if (device.length > 0) break;
        } else {
          tail = `${path.slice(rootEnd)}\\${tail}`;
          absolute = root.absolute;
          if (absolute && device.length > 0) break;
        }
      }
      tail = normalizeSegments(tail, !absolute, '\\', isWinSep);
      return absolute ? `${device}\\${tail}` : `${device}${tail}` || '.';
    },

    normalize(path) {
      validateString(path, 'path');
      const len = path.length;
      if (len === 0) return '.';
      if (len === 1) return path.charCodeAt(0) === SLASH ? '\\' : path;
      const root = winRoot(path, true);
      if (root.whole) return `${root.device}\\`;
      let device = root.device || undefined;
      const absolute = root.absolute;
      let rootEnd = root.rootEnd;
      if (device === undefined && !absolute) {
        // `CON:` and its kind read as a relative device prefix `.\CON:`.
        const colon = path.indexOf(':');
        if (colon !== -1 && WIN_RESERVED.test(path.slice(0, colon))) {
          device = `.\\${path.slice(0, colon + 1)}`;
          rootEnd = colon + 1;
        }
      }
      let tail = rootEnd < len ? normalizeSegments(path.slice(rootEnd), !absolute, '\\', isWinSep) : '';

      if (tail.length === 0 && !absolute) tail = '.';
      if (tail.length > 0 && isWinSep(path.charCodeAt(len - 1))) tail += '\\';
      if (!absolute && device === undefined && path.includes(':')) {
        // Keep a relative path from reading as a drive or a device (`C:`, `CON:`) once
        // normalized (CVE-2024-36139).
        if (tail.length >= 2 && isDriveLetter(tail.charCodeAt(0)) && tail.charCodeAt(1) === COLON) return `.\\${tail}`;
        let index = path.indexOf(':');
        do {
          if (index === len - 1 || isWinSep(path.charCodeAt(index + 1))) return `.\\${tail}`;
        } while ((index = path.indexOf(':', index + 1)) !== -1);
      }
      if (device === undefined) {
        if (absolute) return `\\${tail}`;
        // A reserved name and one more character (`CON.`, `prn/`) is prefixed too.
        return WIN_RESERVED_AND_ONE.test(path) ? `.\\${tail}` : tail;
      }
      return absolute ? `${device}\\${tail}` : `${device}${tail}`;
    },

    isAbsolute(path) {
      validateString(path, 'path');
      const len = path.length;
      if (len === 0) return false;
      const c = path.charCodeAt(0);
      return isWinSep(c) || (len > 2 && isDriveLetter(c) && path.charCodeAt(1) === COLON && isWinSep(path.charCodeAt(2)));
    },

    join(...args) {
      if (args.length === 0) return '.';
      let joined;
      let first;
      for (const arg of args) {
        validateString(arg, 'path');
        if (arg.length > 0) {
          if (joined === undefined) joined = first = arg;
          else joined += `\\${arg}`;
        }
      }
      if (joined === undefined) return '.';
      // A first part that is a UNC root (`\\server`) keeps its leading separators; others
      // (`\\\\a`) collapse to one.
      let needsReplace = true;
      let slashCount = 0;
      if (isWinSep(first.charCodeAt(0))) {
        slashCount++;
        const firstLen = first.length;
        if (firstLen > 1 && isWinSep(first.charCodeAt(1))) {
          slashCount++;
          if (firstLen > 2) {
            if (isWinSep(first.charCodeAt(2))) slashCount++;
            else needsReplace = false;
          }
        }
      }
      if (needsReplace) {
        while (slashCount < joined.length && isWinSep(joined.charCodeAt(slashCount))) slashCount++;
        if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
      }
      return win32.normalize(joined);
    },

    relative(from, to) {
      validateString(from, 'from');
      validateString(to, 'to');
      if (from === to) return '';
      const fromOrig = win32.resolve(from);
      const toOrig = win32.resolve(to);
      if (fromOrig === toOrig) return '';
      from = fromOrig.toLowerCase();
      to = toOrig.toLowerCase();
      if (from === to) return '';
      // Both without leading and trailing separators.
      let fromStart = 0;
      while (fromStart < from.length && from.charCodeAt(fromStart) === BACKSLASH) fromStart++;
      let fromEnd = from.length;
      while (fromEnd - 1 > fromStart && from.charCodeAt(fromEnd - 1) === BACKSLASH) fromEnd--;
      let toStart = 0;
      while (toStart < to.length && to.charCodeAt(toStart) === BACKSLASH) toStart++;
      let toEnd = to.length;
      while (toEnd - 1 > toStart && to.charCodeAt(toEnd - 1) === BACKSLASH) toEnd--;
      const fromLen = fromEnd - fromStart;
      const toLen = toEnd - toStart;
      // The common prefix (case-insensitive), up to its last separator.
      const length = Math.min(fromLen, toLen);
      let lastSep = -1;
      let i = 0;
      for (; i < length; i++) {
        const c = from.charCodeAt(fromStart + i);
        if (c !== to.charCodeAt(toStart + i)) break;
        if (c === BACKSLASH) lastSep = i;
      }
      if (i !== length) {
        // They differ before any common separator (another drive or share): the whole target.
        if (lastSep === -1) return toOrig;
      } else {
        if (toLen > length) {
          if (to.charCodeAt(toStart + i) === BACKSLASH) return toOrig.slice(toStart + i + 1); // from is a prefix of to
          if (i === 2) return toOrig.slice(toStart + i); // from is a drive root (`C:`)
        }
        if (fromLen > length) {
          if (from.charCodeAt(fromStart + i) === BACKSLASH) lastSep = i; // to is a prefix of from
          else if (i === 2) lastSep = 3; // to is a drive root
        }
        if (lastSep === -1) lastSep = 0;
      }
      // One `..` per segment of `from` after the common part, then the rest of `to`.
      let out = '';
      for (let k = fromStart + lastSep + 1; k <= fromEnd; ++k) {
        if (k === fromEnd || from.charCodeAt(k) === BACKSLASH) out += out.length === 0 ? '..' : '\\..';
      }
      toStart += lastSep;
      if (out.length > 0) return `${out}${toOrig.slice(toStart, toEnd)}`;
      if (toOrig.charCodeAt(toStart) === BACKSLASH) ++toStart;
      return toOrig.slice(toStart, toEnd);
    },

    toNamespacedPath(path) {
      if (typeof path !== 'string' || path.length === 0) return path;
      const resolved = win32.resolve(path);
      if (resolved.length <= 2) return path;
      if (resolved.charCodeAt(0) === BACKSLASH) {
        if (resolved.charCodeAt(1) === BACKSLASH) {
          const c = resolved.charCodeAt(2);
          if (c !== 63 && c !== DOT) return `\\\\?\\UNC\\${resolved.slice(2)}`; // not `\\?\` or `\\.\`
        }
      } else if (isDriveLetter(resolved.charCodeAt(0)) && resolved.charCodeAt(1) === COLON && resolved.charCodeAt(2) === BACKSLASH) {
        return `\\\\?\\${resolved}`;
      }
      return resolved;
    },

    dirname(path) {
      validateString(path, 'path');
      const len = path.length;
      if (len === 0) return '.';
      if (len === 1) return isWinSep(path.charCodeAt(0)) ? path : '.';
      const root = winRoot(path);
      if (root.whole) return path;
      // A UNC root ends after the separator that follows the share.
      const rootEnd = root.unc ? root.rootEnd + 1 : root.rootEnd;
      let end = separatorBefore(path, rootEnd, isWinSep);
      if (end === -1) {
        if (rootEnd === 0) return '.';
        end = rootEnd;
      }
      return path.slice(0, end);
    },

    basename(path, suffix) {
      return basenameOf(path, suffix, (p) => (p.length >= 2 && isDriveLetter(p.charCodeAt(0)) && p.charCodeAt(1) === COLON ? 2 : 0), isWinSep);
    },

    extname(path) {
      return extnameOf(path, (p) => (p.length >= 2 && isDriveLetter(p.charCodeAt(0)) && p.charCodeAt(1) === COLON ? 2 : 0), isWinSep);
    },

    format(pathObject) {
      return formatWith('\\', pathObject);
    },

    parse(path) {
      validateString(path, 'path');
      const ret = { root: '', dir: '', base: '', ext: '', name: '' };
      const len = path.length;
      if (len === 0) return ret;
      const root = winRoot(path);
      let rootEnd = root.unc ? Math.min(root.rootEnd + 1, len) : root.rootEnd;
      if (root.whole) rootEnd = len;
      if (len === 1) {
        if (isWinSep(path.charCodeAt(0))) {
          ret.root = ret.dir = path;
          return ret;
        }
        ret.base = ret.name = path;
        return ret;
      }
      if (rootEnd > 0) ret.root = path.slice(0, rootEnd);
      const [start, end] = lastSegment(path, rootEnd, isWinSep);
      if (end !== -1) {
        ret.base = path.slice(start, end);
        ret.ext = extOf(ret.base);
        ret.name = ret.ext ? ret.base.slice(0, ret.base.length - ret.ext.length) : ret.base;
      }
      const startPart = end === -1 ? rootEnd : start;
      if (startPart > 0 && startPart !== rootEnd) ret.dir = path.slice(0, startPart - 1);
      else ret.dir = ret.root;
      return ret;
    },

    sep: '\\',
    delimiter: ';',
    win32: null,
    posix: null,
  };

  for (const m of [posix, win32]) {
    m.win32 = win32;
    m.posix = posix;
    m._makeLong = m.toNamespacedPath;
  }

  if (internal.platformModules === undefined) internal.platformModules = {};
  internal.platformModules.path = () => posix;
})();
