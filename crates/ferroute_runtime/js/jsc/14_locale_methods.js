// 14_locale_methods.js — the locale-sensitive methods of Date, Number, BigInt and String with
// their formatter kept per locale. JavaScriptCore opens a new Intl.DateTimeFormat,
// NumberFormat or Collator (an ICU object: tens of microseconds) on every call of
// `toLocaleString` and the like; V8 keeps them. Measured on a route that returns one such
// string (wrk, 2 cores): `toLocaleDateString()` ~19k req/s, `(1234.5).toLocaleString('en-US')`
// ~37k, against ~125k for a route without (Bun, whose JSC keeps them, ~118k).
//
// A call with no options, and no locale or one locale string, uses the formatter kept for that
// locale: the one the call would open (the standard's defaults for that method, spelled out
// below); any other call goes to JavaScriptCore's own method. Formatters do not change once
// made, nor does the time zone they were made in (a ferroute process keeps its zone:
// ferroute_jsc's imports.rs).
(() => {
  'use strict';
  if (typeof Intl !== 'object' || Intl === null) return;
  const { DateTimeFormat, NumberFormat, Collator } = Intl;
  const dateValue = Date.prototype.getTime;
  const numberValue = Number.prototype.valueOf;
  const bigintValue = BigInt.prototype.valueOf;
  /** ToString, which (unlike `String(x)`) throws on a symbol. */
  const toStringOf = (x) => `${x}`;

  /** ECMA-402's defaults for the Date methods (CreateDateTimeFormat's "all", "date", "time"). */
  const DATE = { year: 'numeric', month: 'numeric', day: 'numeric' };
  const TIME = { hour: 'numeric', minute: 'numeric', second: 'numeric' };
  const ALL = { ...DATE, ...TIME };

  /** Formatters by locale (undefined: the default one); emptied when it grows past a bound,
   * so a handler that formats in arbitrary user-given locales cannot grow it for ever. */
  const LIMIT = 64;
  function keeper(make) {
    const kept = new Map();
    return (locales) => {
      let formatter = kept.get(locales);
      if (formatter === undefined) {
        formatter = make(locales);
        if (kept.size >= LIMIT) kept.clear();
        kept.set(locales, formatter);
      }
      return formatter;
    };
  }
  const numberFormat = keeper((locales) => new NumberFormat(locales));
  const collator = keeper((locales) => new Collator(locales));

  /** Whether a call's locale and options let it use a kept formatter. */
  const keepable = (locales, options) =>
    options === undefined && (locales === undefined || typeof locales === 'string');

  /** Replaces `proto[name]` by `fn`, with the built-in's length and attributes. */
  function replace(proto, name, fn) {
    const original = Object.getOwnPropertyDescriptor(proto, name);
    Object.defineProperty(fn, 'length', { value: original.value.length, configurable: true });
    Object.defineProperty(proto, name, { ...original, value: fn });
    return original.value;
  }

  for (const [name, defaults] of [['toLocaleString', ALL], ['toLocaleDateString', DATE], ['toLocaleTimeString', TIME]]) {
    const formats = keeper((locales) => new DateTimeFormat(locales, defaults));
    const original = replace(Date.prototype, name, {
      [name](locales, options) {
        // Throws on a receiver that is not a Date, as the built-in does.
        const time = dateValue.call(this);
        if (!keepable(locales, options)) return original.call(this, locales, options);
        if (time !== time) return 'Invalid Date';
        return formats(locales).format(time);
      },
    }[name]);
  }

  for (const [proto, valueOf] of [[Number.prototype, numberValue], [BigInt.prototype, bigintValue]]) {
    const original = replace(proto, 'toLocaleString', {
      toLocaleString(locales, options) {
        // Throws on a receiver that is not a number (a bigint), as the built-in does.
        const x = valueOf.call(this);
        if (!keepable(locales, options)) return original.call(this, locales, options);
        return numberFormat(locales).format(x);
      },
    }.toLocaleString);
  }

  const localeCompare = replace(String.prototype, 'localeCompare', {
    localeCompare(that, locales, options) {
      if (this === undefined || this === null) {
        throw new TypeError('String.prototype.localeCompare requires that |this| not be null or undefined');
      }
      if (!keepable(locales, options)) return localeCompare.call(this, that, locales, options);
      const s = toStringOf(this);
      const t = toStringOf(that);
      return collator(locales).compare(s, t);
    },
  }.localeCompare);
})();
