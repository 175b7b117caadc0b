// `Intl` for an engine that has none (QuickJS), loaded on first use by 09_intl_global.js.
// Scope: English data only. 'en', 'en-US' and 'en-GB' have their own patterns; any other
// English locale formats as 'en' (en-US patterns) and any other language falls back to
// 'en-US', which `resolvedOptions().locale` reports. Time zones: UTC and its aliases, fixed
// offsets ('+05:30', 'Etc/GMT+5'); the server's local zone is UTC; other well-formed IANA
// names ('Area/City') are accepted and treated as UTC (there is no tz database here), garbage
// is a RangeError. Gregorian calendar and latn digits only. The output follows what Node 20
// (ICU 74) prints for these locales, narrow no-break spaces included.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];

  // ---------------------------------------------------------------- locales

  const LANG_RE = /^[a-z]{2,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$/i;

  function canonicalizeTag(tag) {
    if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null)) {
      throw new TypeError('Language ID should be string or object.');
    }
    const s = String(tag);
    if (!LANG_RE.test(s) && !/^x(-[a-z0-9]{1,8})+$/i.test(s)) {
      throw new RangeError(`Incorrect locale information provided`);
    }
    const parts = s.toLowerCase().split('-');
    let ext = false;
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i];
      if (p.length === 1) ext = true;
      if (ext) continue;
      if (p.length === 4 && /^[a-z]/.test(p)) parts[i] = p[0].toUpperCase() + p.slice(1);
      else if (p.length === 2) parts[i] = p.toUpperCase();
    }
    return parts.join('-');
  }

  function getCanonicalLocales(locales) {
    if (locales === undefined) return [];
    const list = typeof locales === 'string' ? [locales] : Array.from(Object(locales));
    const out = [];
    for (const l of list) {
      const c = canonicalizeTag(l);
      if (!out.includes(c)) out.push(c);
    }
    return out;
  }

  /** The locale we format with, and the one resolvedOptions reports. */
  function resolveLocale(locales) {
    const list = getCanonicalLocales(locales);
    for (const tag of list) {
      const base = tag.split(/-[a-wyz0-9]-|-x-/i)[0];
      const [lang, ...rest] = base.split('-');
      if (lang !== 'en') continue;
      const region = rest.find((p) => /^[A-Z]{2}$|^[0-9]{3}$/.test(p));
      if (region === 'GB') return { locale: 'en-GB', data: 'GB', hc: unicodeKey(tag, 'hc') };
      if (region === 'US') return { locale: 'en-US', data: 'US', hc: unicodeKey(tag, 'hc') };
      if (region === undefined) return { locale: 'en', data: 'US', hc: unicodeKey(tag, 'hc') };
      return { locale: 'en', data: 'US', hc: unicodeKey(tag, 'hc') };
    }
    return { locale: 'en-US', data: 'US', hc: list.length ? unicodeKey(list[0], 'hc') : undefined };
  }

  function unicodeKey(tag, key) {
    const m = new RegExp(`-u(?:-[a-z0-9]{2,8})*?-${key}-([a-z0-9]{2,8})`, 'i').exec(tag);
    return m ? m[1] : undefined;
  }

  function supportedLocalesOf(locales, options) {
    if (options !== undefined) {
      const m = Object(options).localeMatcher;
      if (m !== undefined && m !== 'lookup' && m !== 'best fit') throw new RangeError(`Value ${m} out of range for Intl.supportedLocalesOf options property localeMatcher`);
    }
    return getCanonicalLocales(locales).filter((t) => t === 'en' || t.startsWith('en-'));
  }

  function getOption(options, name, allowed, fallback) {
    let v = options[name];
    if (v === undefined) return fallback;
    if (allowed === 'boolean') return Boolean(v);
    v = String(v);
    if (allowed && !allowed.includes(v)) throw new RangeError(`Value ${v} out of range for Intl options property ${name}`);
    return v;
  }

  function getNumberOption(options, name, min, max, fallback) {
    let v = options[name];
    if (v === undefined) return fallback;
    v = Number(v);
    if (Number.isNaN(v) || v < min || v > max) throw new RangeError(`${name} value is out of range.`);
    return Math.floor(v);
  }

  function toOptions(options) {
    if (options === undefined) return Object.create(null);
    if (options === null) throw new TypeError('Cannot convert undefined or null to object');
    return Object(options);
  }

  function brandCheck(obj, slots, what) {
    if (typeof obj !== 'object' || obj === null || !slots.has(obj)) {
      throw new TypeError(`Method ${what} called on incompatible receiver ${typeof obj === 'object' ? '#<Object>' : String(obj)}`);
    }
    return slots.get(obj);
  }

  function defineToStringTag(proto, tag) {
    Object.defineProperty(proto, Symbol.toStringTag, { value: tag, configurable: true });
  }

  function hideMethods(proto) {
    for (const k of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, k);
      d.enumerable = false;
      Object.defineProperty(proto, k, d);
    }
  }

  // ---------------------------------------------------------------- numbers

  const NNBSP = '\u202f';
  const NBSP = '\u00a0';
  const THIN = '\u2009';

  /** A finite non-negative value as decimal digits: { d: '12345', e: 2 } is 123.45 (e = digits before the point). */
  function toDecimal(x) {
    if (typeof x === 'bigint') {
      const s = (x < 0n ? -x : x).toString();
      return { d: s.replace(/^0+/, '') || '0', e: s.replace(/^0+/, '').length || 1, neg: x < 0n };
    }
    let s;
    let neg = false;
    if (typeof x === 'string') {
      s = x.trim();
      if (s[0] === '-') { neg = true; s = s.slice(1); } else if (s[0] === '+') s = s.slice(1);
    } else {
      neg = x < 0 || Object.is(x, -0);
      s = String(Math.abs(x));
    }
    let exp = 0;
    const ei = s.search(/e/i);
    if (ei >= 0) { exp = Number(s.slice(ei + 1)); s = s.slice(0, ei); }
    let dot = s.indexOf('.');
    if (dot < 0) dot = s.length;
    let digits = s.slice(0, dot) + s.slice(dot + 1);
    let e = dot + exp;
    const lead = digits.match(/^0*/)[0].length;
    digits = digits.slice(lead);
    e -= lead;
    digits = digits.replace(/0+$/, '');
    if (digits === '') return { d: '0', e: 1, neg, zero: true };
    return { d: digits, e, neg };
  }

  /** Rounds to `pos` digits after the point (pos may be negative); half away from zero unless mode says otherwise. */
  function roundAt(dec, pos, mode, neg) {
    const keep = dec.e + pos; // number of digits kept
    if (keep >= dec.d.length) return dec;
    if (keep < 0) return roundUp(mode, neg, false, dec.d.length > 0 && !/^0*$/.test(dec.d)) ? { d: '1', e: -pos + 1 } : { d: '0', e: 1, zero: true };
    const head = dec.d.slice(0, keep);
    const rest = dec.d.slice(keep);
    const first = rest.charCodeAt(0) - 48;
    const tail = /[1-9]/.test(rest.slice(1));
    let up;
    const half = first > 5 ? 1 : first < 5 ? -1 : tail ? 1 : 0;
    const lastOdd = head.length ? (head.charCodeAt(head.length - 1) - 48) % 2 === 1 : false;
    switch (mode) {
      case 'ceil': up = !neg; break;
      case 'floor': up = neg; break;
      case 'expand': up = true; break;
      case 'trunc': up = false; break;
      case 'halfCeil': up = half > 0 || (half === 0 && !neg); break;
      case 'halfFloor': up = half > 0 || (half === 0 && neg); break;
      case 'halfTrunc': up = half > 0; break;
      case 'halfEven': up = half > 0 || (half === 0 && lastOdd); break;
      default: up = half >= 0;
    }
    if (!/[1-9]/.test(rest)) up = false;
    if (!up) {
      const d = head.replace(/0+$/, '');
      return d === '' ? { d: '0', e: 1, zero: true } : { d, e: dec.e };
    }
    // add one at the last kept digit
    const arr = (head || '').split('').map(Number);
    let i = arr.length - 1;
    while (i >= 0) {
      if (arr[i] === 9) { arr[i] = 0; i--; } else { arr[i]++; break; }
    }
    let e = dec.e;
    if (i < 0) { arr.unshift(1); e++; }
    if (arr.length === 0) return { d: '1', e: e + 1 };
    const d = arr.join('').replace(/0+$/, '');
    return { d: d || '0', e };
  }

  function roundUp(mode, neg, half, nonzero) {
    if (!nonzero) return false;
    switch (mode) {
      case 'ceil': return !neg;
      case 'floor': return neg;
      case 'expand': return true;
      default: return false;
    }
  }

  /** Digits → { int, frac } strings, honouring min/max fraction or significant digits. */
  function applyDigits(dec, o, neg) {
    let r;
    let minFrac;
    const useSig = o.minSig !== undefined && (o.priority === 'auto' || o.priority === undefined || o.minFrac === undefined);
    const sigResult = () => {
      const x = dec.zero ? dec : roundAt(dec, o.maxSig - dec.e, o.roundingMode, neg);
      const mf = Math.max(0, o.minSig - x.e);
      return { x, mf };
    };
    const fracResult = () => ({ x: dec.zero ? dec : roundAt(dec, o.maxFrac, o.roundingMode, neg), mf: o.minFrac });
    if (o.priority === 'morePrecision' || o.priority === 'lessPrecision') {
      const a = sigResult();
      const b = fracResult();
      const fa = Math.max(a.x.d.length - a.x.e, 0);
      const fb = Math.max(b.x.d.length - b.x.e, 0);
      const aMore = o.maxSig - dec.e >= o.maxFrac;
      const pick = o.priority === 'morePrecision' ? (aMore ? a : b) : (aMore ? b : a);
      void fa; void fb;
      r = pick.x; minFrac = pick.mf;
    } else if (useSig) {
      const a = sigResult(); r = a.x; minFrac = a.mf;
    } else {
      const b = fracResult(); r = b.x; minFrac = b.mf;
    }
    let int;
    let frac;
    if (r.zero) { int = '0'; frac = ''; } else if (r.e <= 0) {
      int = '0';
      frac = '0'.repeat(-r.e) + r.d;
    } else {
      int = r.d.slice(0, r.e).padEnd(r.e, '0');
      frac = r.d.slice(r.e);
    }
    if (o.trailingZeroDisplay === 'stripIfInteger' && /^0*$/.test(frac)) { frac = ''; minFrac = 0; }
    if (frac.length < minFrac) frac = frac.padEnd(minFrac, '0');
    if (int.length < o.minInt) int = int.padStart(o.minInt, '0');
    return { int, frac, zero: /^0*$/.test(int) && /^0*$/.test(frac) };
  }

  function group(int, mode) {
    if (mode === false || int.length < 4) return [int];
    if (mode === 'min2' && int.length < 5) return [int];
    const out = [];
    let i = int.length % 3 || 3;
    out.push(int.slice(0, i));
    for (; i < int.length; i += 3) out.push(int.slice(i, i + 3));
    return out;
  }

  const CURRENCIES = {
    USD: { sym: '$', gb: 'US$', narrow: '$', one: 'US dollar', other: 'US dollars', digits: 2 },
    EUR: { sym: '€', narrow: '€', one: 'euro', other: 'euros', digits: 2 },
    GBP: { sym: '£', narrow: '£', one: 'British pound', other: 'British pounds', digits: 2 },
    JPY: { sym: '¥', gb: 'JP¥', narrow: '¥', one: 'Japanese yen', other: 'Japanese yen', digits: 0 },
    CAD: { sym: 'CA$', narrow: '$', one: 'Canadian dollar', other: 'Canadian dollars', digits: 2 },
    AUD: { sym: 'A$', narrow: '$', one: 'Australian dollar', other: 'Australian dollars', digits: 2 },
    CHF: { sym: 'CHF', narrow: 'CHF', one: 'Swiss franc', other: 'Swiss francs', digits: 2 },
    CNY: { sym: 'CN¥', narrow: '¥', one: 'Chinese yuan', other: 'Chinese yuan', digits: 2 },
    INR: { sym: '₹', narrow: '₹', one: 'Indian rupee', other: 'Indian rupees', digits: 2 },
    KRW: { sym: '₩', narrow: '₩', one: 'South Korean won', other: 'South Korean won', digits: 0 },
    MXN: { sym: 'MX$', narrow: '$', one: 'Mexican peso', other: 'Mexican pesos', digits: 2 },
    BRL: { sym: 'R$', narrow: 'R$', one: 'Brazilian real', other: 'Brazilian reals', digits: 2 },
  };

  const UNITS = {
    // unit: [short one, short other, long one, long other, narrow one, narrow other]; '#' is the number
    byte: ['# byte', '# byte', '# byte', '# bytes', '#B', '#B'],
    kilobyte: ['# kB', '# kB', '# kilobyte', '# kilobytes', '#kB', '#kB'],
    megabyte: ['# MB', '# MB', '# megabyte', '# megabytes', '#MB', '#MB'],
    gigabyte: ['# GB', '# GB', '# gigabyte', '# gigabytes', '#GB', '#GB'],
    terabyte: ['# TB', '# TB', '# terabyte', '# terabytes', '#TB', '#TB'],
    millisecond: ['# ms', '# ms', '# millisecond', '# milliseconds', '#ms', '#ms'],
    second: ['# sec', '# sec', '# second', '# seconds', '#s', '#s'],
    minute: ['# min', '# min', '# minute', '# minutes', '#m', '#m'],
    hour: ['# hr', '# hr', '# hour', '# hours', '#h', '#h'],
    day: ['# day', '# days', '# day', '# days', '#d', '#d'],
    week: ['# wk', '# wks', '# week', '# weeks', '#w', '#w'],
    month: ['# mth', '# mths', '# month', '# months', '#m', '#m'],
    year: ['# yr', '# yrs', '# year', '# years', '#y', '#y'],
    percent: ['#%', '#%', '# percent', '# percent', '#%', '#%'],
    meter: ['# m', '# m', '# meter', '# meters', '#m', '#m'],
    kilometer: ['# km', '# km', '# kilometer', '# kilometers', '#km', '#km'],
    kilogram: ['# kg', '# kg', '# kilogram', '# kilograms', '#kg', '#kg'],
    gram: ['# g', '# g', '# gram', '# grams', '#g', '#g'],
    celsius: ['#°C', '#°C', '# degree Celsius', '# degrees Celsius', '#°C', '#°C'],
  };

  const PER = { hour: 'h', second: 's', minute: 'min', day: 'd' };
  const nfSlots = new WeakMap();

  class NumberFormat {
    constructor(locales, options) {
      const loc = resolveLocale(locales);
      const opts = toOptions(options);
      const o = { locale: loc.locale, gb: loc.data === 'GB' };
      getOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
      const nu = getOption(opts, 'numberingSystem', undefined, undefined);
      if (nu !== undefined && !/^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(nu)) throw new RangeError(`Invalid numberingSystem : ${nu}`);
      o.style = getOption(opts, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal');
      let currency = getOption(opts, 'currency', undefined, undefined);
      if (currency !== undefined) {
        if (!/^[a-z]{3}$/i.test(currency)) throw new RangeError(`Invalid currency code : ${currency}`);
        currency = currency.toUpperCase();
      }
      const currencyDisplay = getOption(opts, 'currencyDisplay', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol');
      const currencySign = getOption(opts, 'currencySign', ['standard', 'accounting'], 'standard');
      const unit = getOption(opts, 'unit', undefined, undefined);
      const unitDisplay = getOption(opts, 'unitDisplay', ['short', 'narrow', 'long'], 'short');
      if (o.style === 'currency') {
        if (currency === undefined) throw new TypeError('Currency code is required with currency style.');
        o.currency = currency; o.currencyDisplay = currencyDisplay; o.currencySign = currencySign;
      }
      if (o.style === 'unit') {
        if (unit === undefined) throw new TypeError('Unit is required with unit style.');
        const units = unit.split('-per-');
        if (units.length > 2 || !units.every((u) => u in UNITS)) throw new RangeError(`Invalid unit argument for Intl.NumberFormat() '${unit}'`);
        o.unit = unit; o.unitDisplay = unitDisplay;
      }
      o.notation = getOption(opts, 'notation', ['standard', 'scientific', 'engineering', 'compact'], 'standard');
      const cDigits = o.style === 'currency' ? (CURRENCIES[o.currency] ? CURRENCIES[o.currency].digits : 2) : 0;
      const mnfdDefault = o.style === 'currency' && o.notation !== 'compact' ? cDigits : 0;
      const mxfdDefault = o.style === 'currency' && o.notation !== 'compact' ? Math.max(cDigits, 0) : o.style === 'percent' ? 0 : o.notation === 'compact' ? 0 : 3;
      o.minInt = getNumberOption(opts, 'minimumIntegerDigits', 1, 21, 1);
      const mnfd = opts.minimumFractionDigits;
      const mxfd = opts.maximumFractionDigits;
      const mnsd = opts.minimumSignificantDigits;
      const mxsd = opts.maximumSignificantDigits;
      o.roundingIncrement = getNumberOption(opts, 'roundingIncrement', 1, 5000, 1);
      o.roundingMode = getOption(opts, 'roundingMode', ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven'], 'halfExpand');
      o.priority = getOption(opts, 'roundingPriority', ['auto', 'morePrecision', 'lessPrecision'], 'auto');
      o.trailingZeroDisplay = getOption(opts, 'trailingZeroDisplay', ['auto', 'stripIfInteger'], 'auto');
      const hasSd = mnsd !== undefined || mxsd !== undefined;
      const hasFd = mnfd !== undefined || mxfd !== undefined;
      const needSd = hasSd || o.priority !== 'auto';
      const needFd = (!hasSd && (hasFd || o.notation !== 'compact')) || o.priority !== 'auto' || hasFd;
      if (needSd) {
        o.minSig = getNumberOption(opts, 'minimumSignificantDigits', 1, 21, 1);
        o.maxSig = getNumberOption(opts, 'maximumSignificantDigits', o.minSig, 21, 21);
      }
      if (needFd || (o.notation === 'compact' && !hasSd)) {
        if (hasFd || o.notation !== 'compact') {
          let mn = getNumberOption(opts, 'minimumFractionDigits', 0, 100, undefined);
          let mx = getNumberOption(opts, 'maximumFractionDigits', 0, 100, undefined);
          if (mn === undefined) mn = Math.min(mnfdDefault, mx === undefined ? mnfdDefault : mx);
          else if (mx === undefined) mx = Math.max(mxfdDefault, mn);
          else if (mn > mx) throw new RangeError('maximumFractionDigits value is out of range.');
          if (mx === undefined) mx = Math.max(mxfdDefault, mn);
          o.minFrac = mn; o.maxFrac = mx;
        }
      }
      if (o.notation === 'compact' && !hasSd && !hasFd && o.priority === 'auto') {
        o.compactDefault = true;
        o.minFrac = 0; o.maxFrac = 0; o.minSig = 1; o.maxSig = 2; o.resolvedPriority = 'morePrecision';
      }
      if (o.minFrac === undefined && o.minSig === undefined) { o.minFrac = mnfdDefault; o.maxFrac = mxfdDefault; }
      o.compactDisplay = getOption(opts, 'compactDisplay', ['short', 'long'], 'short');
      const ug = opts.useGrouping;
      const defaultGrouping = o.notation === 'compact' ? 'min2' : 'auto';
      if (ug === undefined) o.useGrouping = defaultGrouping;
      else if (ug === true || ug === 'true') o.useGrouping = 'always';
      else if (ug === false || ug === 'false' || ug === null || ug === '' || ug === 0) o.useGrouping = ug === false || ug === null || ug === 0 || ug === '' ? false : defaultGrouping;
      else if (['min2', 'auto', 'always'].includes(String(ug))) o.useGrouping = String(ug);
      else throw new RangeError(`Value ${ug} out of range for Intl.NumberFormat options property useGrouping`);
      o.signDisplay = getOption(opts, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto');
      nfSlots.set(this, o);
    }

    get format() {
      const o = brandCheck(this, nfSlots, 'get Intl.NumberFormat.prototype.format');
      if (!o.bound) o.bound = (x) => partsToString(formatNumberParts(o, x));
      return o.bound;
    }

    formatToParts(x) {
      return formatNumberParts(brandCheck(this, nfSlots, 'Intl.NumberFormat.prototype.formatToParts'), x);
    }

    formatRange(a, b) {
      const o = brandCheck(this, nfSlots, 'Intl.NumberFormat.prototype.formatRange');
      if (a === undefined || b === undefined) throw new TypeError('start or end is undefined');
      const x = partsToString(formatNumberParts(o, a));
      const y = partsToString(formatNumberParts(o, b));
      if (x === y) return `~${x}`;
      return `${x}–${y}`;
    }

    formatRangeToParts(a, b) {
      const o = brandCheck(this, nfSlots, 'Intl.NumberFormat.prototype.formatRangeToParts');
      const p = formatNumberParts(o, a).map((q) => ({ ...q, source: 'startRange' }));
      const q = formatNumberParts(o, b).map((r) => ({ ...r, source: 'endRange' }));
      return [...p, { type: 'literal', value: '–', source: 'shared' }, ...q];
    }

    resolvedOptions() {
      const o = brandCheck(this, nfSlots, 'Intl.NumberFormat.prototype.resolvedOptions');
      const r = { locale: o.locale, numberingSystem: 'latn', style: o.style };
      if (o.style === 'currency') { r.currency = o.currency; r.currencyDisplay = o.currencyDisplay; r.currencySign = o.currencySign; }
      if (o.style === 'unit') { r.unit = o.unit; r.unitDisplay = o.unitDisplay; }
      r.minimumIntegerDigits = o.minInt;
      if (o.minSig !== undefined) { r.minimumSignificantDigits = o.minSig; r.maximumSignificantDigits = o.maxSig; }
      if (o.minFrac !== undefined) { r.minimumFractionDigits = o.minFrac; r.maximumFractionDigits = o.maxFrac; }
      r.useGrouping = o.useGrouping;
      r.notation = o.notation;
      if (o.notation === 'compact') r.compactDisplay = o.compactDisplay;
      r.signDisplay = o.signDisplay;
      r.roundingMode = o.roundingMode;
      r.roundingIncrement = o.roundingIncrement;
      r.trailingZeroDisplay = o.trailingZeroDisplay;
      r.roundingPriority = o.resolvedPriority || o.priority;
      return r;
    }

    static supportedLocalesOf(locales, options) {
      return supportedLocalesOf(locales, options);
    }
  }

  function partsToString(parts) {
    let s = '';
    for (const p of parts) s += p.value;
    return s;
  }

  function toNumeric(x) {
    if (typeof x === 'bigint') return x;
    if (typeof x === 'string') {
      const t = x.trim();
      if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return t;
      return Number(x);
    }
    return Number(x);
  }

  const COMPACT_SHORT = ['', 'K', 'M', 'B', 'T'];
  const COMPACT_LONG = ['', ' thousand', ' million', ' billion', ' trillion'];

  function formatNumberParts(o, value) {
    let x = toNumeric(value);
    const parts = [];
    let neg;
    let numParts = [];
    let isZero = false;
    let nanOrInf = null;
    if (typeof x === 'number' && !Number.isFinite(x)) {
      neg = x === -Infinity;
      nanOrInf = Number.isNaN(x) ? 'nan' : 'infinity';
      numParts.push({ type: nanOrInf, value: nanOrInf === 'nan' ? 'NaN' : '∞' });
    } else {
      let dec = toDecimal(x);
      neg = dec.neg;
      if (o.style === 'percent' || (o.style === 'unit' && o.unit === 'percent' && false)) {
        if (o.style === 'percent' && !dec.zero) dec = { d: dec.d, e: dec.e + 2, neg };
      }
      let exponent = 0;
      let compactIdx = 0;
      if (o.notation === 'scientific' || o.notation === 'engineering') {
        if (!dec.zero) {
          exponent = dec.e - 1;
          if (o.notation === 'engineering') exponent = Math.floor(exponent / 3) * 3;
          dec = { d: dec.d, e: dec.e - exponent };
        }
      } else if (o.notation === 'compact' && !dec.zero) {
        const mag = dec.e - 1;
        compactIdx = Math.min(Math.floor(mag / 3), 4);
        if (compactIdx < 0) compactIdx = 0;
        dec = { d: dec.d, e: dec.e - compactIdx * 3 };
      }
      let digitOpts = o;
      if (o.compactDefault) {
        digitOpts = dec.e >= 2 ? { ...o, minSig: undefined, maxSig: undefined, minFrac: 0, maxFrac: 0, priority: 'auto' } : { ...o, minFrac: undefined, maxFrac: undefined, priority: 'auto' };
      }
      let r = applyDigits(dec, digitOpts, neg);
      if (o.notation === 'compact' && compactIdx < 4 && r.int.replace(/^0+/, '').length > 3 + (compactIdx === 0 ? 0 : 0) && !dec.zero) {
        // rounding carried into the next magnitude (999999 → 1M)
        const whole = toDecimal(`${r.int}.${r.frac || '0'}`);
        if (whole.e > 3) {
          compactIdx++;
          const d2 = { d: whole.d, e: whole.e - 3 };
          r = applyDigits(d2, o.compactDefault ? (d2.e >= 2 ? { ...o, minSig: undefined, maxSig: undefined, minFrac: 0, maxFrac: 0, priority: 'auto' } : { ...o, minFrac: undefined, maxFrac: undefined, priority: 'auto' }) : o, neg);
        }
      }
      if ((o.notation === 'scientific' || o.notation === 'engineering') && r.int.length > 1 + (o.notation === 'engineering' ? 2 : 0) && !dec.zero) {
        const step = o.notation === 'engineering' ? 3 : 1;
        exponent += step;
        r = applyDigits({ d: (r.int + r.frac).replace(/0+$/, '') || '0', e: r.int.length - step }, o, neg);
      }
      isZero = r.zero;
      const groups = group(r.int, o.notation === 'compact' && compactIdx > 0 ? o.useGrouping : o.useGrouping);
      groups.forEach((g, i) => {
        if (i) numParts.push({ type: 'group', value: ',' });
        numParts.push({ type: 'integer', value: g });
      });
      if (r.frac) {
        numParts.push({ type: 'decimal', value: '.' });
        numParts.push({ type: 'fraction', value: r.frac });
      }
      if (o.notation === 'scientific' || o.notation === 'engineering') {
        numParts.push({ type: 'exponentSeparator', value: 'E' });
        if (exponent < 0) numParts.push({ type: 'exponentMinusSign', value: '-' });
        numParts.push({ type: 'exponentInteger', value: String(Math.abs(exponent)) });
      }
      if (compactIdx > 0) {
        if (o.compactDisplay === 'long') {
          numParts.push({ type: 'literal', value: ' ' });
          numParts.push({ type: 'compact', value: COMPACT_LONG[compactIdx].trim() });
        } else {
          numParts.push({ type: 'compact', value: o.gb && compactIdx === 1 ? 'k' : COMPACT_SHORT[compactIdx] });
        }
      }
    }
    // sign
    let sign = '';
    const zeroish = nanOrInf === 'nan' || isZero;
    switch (o.signDisplay) {
      case 'auto': sign = neg && nanOrInf !== 'nan' ? '-' : ''; break;
      case 'always': sign = neg && nanOrInf !== 'nan' ? '-' : '+'; break;
      case 'exceptZero': sign = zeroish ? '' : neg ? '-' : '+'; break;
      case 'negative': sign = neg && !zeroish ? '-' : ''; break;
      default: sign = '';
    }
    const signPart = sign ? [{ type: sign === '-' ? 'minusSign' : 'plusSign', value: sign }] : [];
    const accounting = o.style === 'currency' && o.currencySign === 'accounting' && sign === '-';
    if (o.style === 'currency') {
      const c = CURRENCIES[o.currency];
      if (o.currencyDisplay === 'name') {
        const plural = !nanOrInf && partsToString(numParts) === '1' ? 'one' : 'other';
        const name = c ? c[plural] : o.currency;
        return [...signPart, ...numParts, { type: 'literal', value: ' ' }, { type: 'currency', value: name }];
      }
      let sym;
      if (o.currencyDisplay === 'code') sym = o.currency;
      else if (o.currencyDisplay === 'narrowSymbol') sym = c ? c.narrow : o.currency;
      else sym = c ? (o.gb && c.gb) || c.sym : o.currency;
      const cur = [{ type: 'currency', value: sym }];
      if (/[A-Za-z]$/.test(sym)) cur.push({ type: 'literal', value: NBSP });
      if (accounting) return [{ type: 'literal', value: '(' }, ...cur, ...numParts, { type: 'literal', value: ')' }];
      return [...signPart, ...cur, ...numParts];
    }
    if (o.style === 'percent') return [...signPart, ...numParts, { type: 'percentSign', value: '%' }];
    if (o.style === 'unit') {
      const plural = !nanOrInf && partsToString(numParts) === '1' ? 0 : 1;
      const idx = (o.unitDisplay === 'long' ? 2 : o.unitDisplay === 'narrow' ? 4 : 0) + plural;
      const [u1, u2] = o.unit.split('-per-');
      let pattern = UNITS[u1][idx];
      if (u2) pattern += o.unitDisplay === 'long' ? ` per ${UNITS[u2][2].replace('# ', '')}` : `/${PER[u2] || UNITS[u2][0].replace('#', '').trim()}`;
      const at = pattern.indexOf('#');
      const out = [];
      const before = pattern.slice(0, at);
      const after = pattern.slice(at + 1);
      if (before) out.push({ type: 'literal', value: before });
      out.push(...signPart, ...numParts);
      if (after) {
        const m = /^(\s*)(.*?)$/.exec(after);
        if (m[1]) out.push({ type: 'literal', value: m[1] });
        if (m[2]) out.push({ type: 'unit', value: m[2] });
      }
      return out;
    }
    return [...signPart, ...numParts];
  }

  // ---------------------------------------------------------------- plural rules

  const prSlots = new WeakMap();

  function pluralOf(type, n, str) {
    const s = str !== undefined ? str : String(n);
    if (type === 'ordinal') {
      if (!/^\d+$/.test(s)) return 'other';
      const i10 = Number(s.slice(-1));
      const i100 = Number(s.slice(-2));
      if (i10 === 1 && i100 !== 11) return 'one';
      if (i10 === 2 && i100 !== 12) return 'two';
      if (i10 === 3 && i100 !== 13) return 'few';
      return 'other';
    }
    return s === '1' ? 'one' : 'other';
  }

  class PluralRules {
    constructor(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.PluralRules requires 'new'");
      const loc = resolveLocale(locales);
      const opts = toOptions(options);
      const type = getOption(opts, 'type', ['cardinal', 'ordinal'], 'cardinal');
      const nf = new NumberFormat('en', { minimumIntegerDigits: opts.minimumIntegerDigits, minimumFractionDigits: opts.minimumFractionDigits, maximumFractionDigits: opts.maximumFractionDigits, minimumSignificantDigits: opts.minimumSignificantDigits, maximumSignificantDigits: opts.maximumSignificantDigits, roundingPriority: opts.roundingPriority, useGrouping: false });
      prSlots.set(this, { locale: loc.locale === 'en-US' && !getCanonicalLocales(locales).some((l) => l.startsWith('en-US')) ? 'en' : loc.locale, type, nf });
    }

    select(n) {
      const o = brandCheck(this, prSlots, 'Intl.PluralRules.prototype.select');
      const x = Number(n);
      if (!Number.isFinite(x)) return 'other';
      return pluralOf(o.type, x, o.nf.format(Math.abs(x)));
    }

    selectRange(a, b) {
      const o = brandCheck(this, prSlots, 'Intl.PluralRules.prototype.selectRange');
      if (a === undefined || b === undefined) throw new TypeError('start or end is undefined');
      return this.select(b) && (o.type === 'ordinal' ? this.select(b) : 'other');
    }

    resolvedOptions() {
      const o = brandCheck(this, prSlots, 'Intl.PluralRules.prototype.resolvedOptions');
      const n = o.nf.resolvedOptions();
      const r = { locale: o.locale, type: o.type, minimumIntegerDigits: n.minimumIntegerDigits };
      if (n.minimumSignificantDigits !== undefined) { r.minimumSignificantDigits = n.minimumSignificantDigits; r.maximumSignificantDigits = n.maximumSignificantDigits; }
      if (n.minimumFractionDigits !== undefined) { r.minimumFractionDigits = n.minimumFractionDigits; r.maximumFractionDigits = n.maximumFractionDigits; }
      r.pluralCategories = o.type === 'ordinal' ? ['few', 'one', 'two', 'other'] : ['one', 'other'];
      r.roundingIncrement = 1; r.roundingMode = 'halfExpand'; r.roundingPriority = n.roundingPriority; r.trailingZeroDisplay = 'auto';
      return r;
    }

    static supportedLocalesOf(locales, options) {
      return supportedLocalesOf(locales, options);
    }
  }

  // ---------------------------------------------------------------- time zones and dates

  const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'etc/uct', 'uct', 'etc/universal', 'universal', 'etc/zulu', 'zulu', 'etc/greenwich', 'greenwich', 'gmt0', 'etc/gmt0', 'etc/gmt+0', 'etc/gmt-0', 'gmt+0', 'gmt-0']);

  /** { id, offset (minutes east of UTC), known } or a RangeError. */
  function resolveTimeZone(tz) {
    if (tz === undefined) return { id: 'UTC', offset: 0, utc: true };
    const s = String(tz);
    const lower = s.toLowerCase();
    if (UTC_NAMES.has(lower)) return { id: 'UTC', offset: 0, utc: true };
    let m = /^([+-])(\d{2}):?(\d{2})?$/.exec(s);
    if (m) {
      const h = Number(m[2]);
      const mi = Number(m[3] || 0);
      if (h <= 23 && mi <= 59) {
        const off = (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
        return { id: `${m[1]}${m[2]}:${String(mi).padStart(2, '0')}`, offset: off };
      }
    }
    m = /^etc\/gmt([+-])(\d{1,2})$/.exec(lower);
    if (m && Number(m[2]) <= (m[1] === '-' ? 14 : 12)) {
      return { id: `Etc/GMT${m[1]}${Number(m[2])}`, offset: (m[1] === '+' ? -60 : 60) * Number(m[2]) };
    }
    // A well-formed IANA name (Area/Location[/Sub]): accepted, formatted as UTC.
    if (/^[A-Za-z][A-Za-z_-]+(\/[A-Za-z0-9][A-Za-z0-9_+-]*){1,2}$/.test(s) && !/^etc\//i.test(s)) {
      const id = s.split('/').map((p) => p.split('_').map((w) => w.split('-').map((x) => (x.length <= 2 && /^[a-z]+$/i.test(x) && p !== p.toLowerCase() ? x : x[0].toUpperCase() + x.slice(1).toLowerCase())).join('-')).join('_')).join('/');
      return { id: s === s.toLowerCase() || s === s.toUpperCase() ? id : s, offset: 0, approx: true };
    }
    throw new RangeError(`Invalid time zone specified: ${s}`);
  }

  const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const DAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const pad2 = (n) => (n < 10 ? `0${n}` : String(n));

  function offsetName(off, style) {
    if (off === 0) return style === 'longOffset' || style === 'long' ? 'GMT' : 'GMT';
    const sign = off < 0 ? '-' : '+';
    const a = Math.abs(off);
    const h = Math.floor(a / 60);
    const mi = a % 60;
    if (style === 'longOffset' || style === 'long') return `GMT${sign}${pad2(h)}:${pad2(mi)}`;
    return `GMT${sign}${h}${mi ? `:${pad2(mi)}` : ''}`;
  }

  function zoneName(tz, style) {
    if (tz.offset === 0 && (tz.utc || tz.approx)) {
      if (style === 'short') return 'UTC';
      if (style === 'long') return 'Coordinated Universal Time';
      return style === 'shortOffset' || style === 'shortGeneric' ? 'GMT+0' : 'GMT+00:00';
    }
    return offsetName(tz.offset, style === 'long' || style === 'longGeneric' || style === 'longOffset' ? 'longOffset' : 'short');
  }

  // ---------------------------------------------------------------- DateTimeFormat

  const dtfSlots = new WeakMap();
  const DATE_FIELDS = ['weekday', 'era', 'year', 'month', 'day'];
  const TIME_FIELDS = ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits'];

  function toDateTimeOptions(options, required, defaults) {
    const o = options === undefined ? Object.create(null) : Object.create(toOptions(options));
    let need = true;
    if (required === 'date' || required === 'any') for (const k of ['weekday', 'year', 'month', 'day']) if (o[k] !== undefined) need = false;
    if (required === 'time' || required === 'any') for (const k of TIME_FIELDS) if (o[k] !== undefined) need = false;
    if (o.dateStyle !== undefined || o.timeStyle !== undefined) need = false;
    if (required === 'date' && o.timeStyle !== undefined) throw new TypeError('Invalid option : timeStyle');
    if (required === 'time' && o.dateStyle !== undefined) throw new TypeError('Invalid option : dateStyle');
    if (need && (defaults === 'date' || defaults === 'all')) for (const k of ['year', 'month', 'day']) o[k] = 'numeric';
    if (need && (defaults === 'time' || defaults === 'all')) for (const k of ['hour', 'minute', 'second']) o[k] = 'numeric';
    return o;
  }

  class DateTimeFormat {
    constructor(locales, options) {
      initDateTimeFormat(this, locales, options, 'any', 'date');
    }

    get format() {
      const o = brandCheck(this, dtfSlots, 'get Intl.DateTimeFormat.prototype.format');
      // V8 prints U+202F before AM/PM in formatToParts only, a plain space in format.
      if (!o.bound) o.bound = (date) => partsToString(formatDateParts(o, toTime(date))).replace(/\u202f/g, ' ');
      return o.bound;
    }

    formatToParts(date) {
      const o = brandCheck(this, dtfSlots, 'Intl.DateTimeFormat.prototype.formatToParts');
      return formatDateParts(o, toTime(date)).map((p) => ({ type: p.type, value: p.value }));
    }

    formatRange(a, b) {
      const o = brandCheck(this, dtfSlots, 'Intl.DateTimeFormat.prototype.formatRange');
      return partsToString(formatRangeParts(o, a, b));
    }

    formatRangeToParts(a, b) {
      const o = brandCheck(this, dtfSlots, 'Intl.DateTimeFormat.prototype.formatRangeToParts');
      return formatRangeParts(o, a, b);
    }

    resolvedOptions() {
      const o = brandCheck(this, dtfSlots, 'Intl.DateTimeFormat.prototype.resolvedOptions');
      const r = { locale: o.locale, calendar: 'gregory', numberingSystem: 'latn', timeZone: o.tz.id };
      if (o.hasHour) { r.hourCycle = o.hc; r.hour12 = o.hc === 'h12' || o.hc === 'h11'; }
      if (!o.dateStyle && !o.timeStyle) {
        // the widths the pattern uses, as ICU reports them
        const used = {};
        for (const t of o.pattern) if (typeof t === 'object') used[t.t === 'fractionalSecond' ? 'fractionalSecondDigits' : t.t] = t.w;
        for (const k of ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName']) {
          if (o.f[k] !== undefined) r[k] = k === 'dayPeriod' ? o.f[k] : used[k] !== undefined ? used[k] : o.f[k];
        }
      }
      if (o.dateStyle) r.dateStyle = o.dateStyle;
      if (o.timeStyle) r.timeStyle = o.timeStyle;
      return r;
    }

    static supportedLocalesOf(locales, options) {
      return supportedLocalesOf(locales, options);
    }
  }

  function toTime(date) {
    const t = date === undefined ? Date.now() : typeof date === 'object' && date instanceof Date ? date.getTime() : Number(date);
    if (!Number.isFinite(t) || Math.abs(t) > 8.64e15) throw new RangeError('Invalid time value');
    return t;
  }

  function initDateTimeFormat(self, locales, options, required, defaults) {
    const loc = resolveLocale(locales);
    const opts = toDateTimeOptions(options, required, defaults);
    const o = { locale: loc.locale, gb: loc.data === 'GB', f: {} };
    getOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    const cal = getOption(opts, 'calendar', undefined, undefined);
    if (cal !== undefined && !/^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(cal)) throw new RangeError(`Invalid calendar : ${cal}`);
    getOption(opts, 'numberingSystem', undefined, undefined);
    const hour12 = opts.hour12 === undefined ? undefined : Boolean(opts.hour12);
    let hourCycle = getOption(opts, 'hourCycle', ['h11', 'h12', 'h23', 'h24'], undefined);
    if (hour12 !== undefined) hourCycle = undefined;
    o.tz = resolveTimeZone(opts.timeZone);
    const widths = {
      weekday: ['narrow', 'short', 'long'], era: ['narrow', 'short', 'long'], year: ['2-digit', 'numeric'],
      month: ['2-digit', 'numeric', 'narrow', 'short', 'long'], day: ['2-digit', 'numeric'], dayPeriod: ['narrow', 'short', 'long'],
      hour: ['2-digit', 'numeric'], minute: ['2-digit', 'numeric'], second: ['2-digit', 'numeric'],
    };
    for (const k of ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second']) {
      o.f[k] = getOption(opts, k, widths[k], undefined);
      if (k === 'second') {
        const fsd = opts.fractionalSecondDigits;
        if (fsd !== undefined) {
          const n = Number(fsd);
          if (!(n >= 1 && n <= 3)) throw new RangeError('fractionalSecondDigits value is out of range.');
          o.f.fractionalSecondDigits = Math.floor(n);
        }
      }
    }
    o.f.timeZoneName = getOption(opts, 'timeZoneName', ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'], undefined);
    getOption(opts, 'formatMatcher', ['basic', 'best fit'], 'best fit');
    o.dateStyle = getOption(opts, 'dateStyle', ['full', 'long', 'medium', 'short'], undefined);
    o.timeStyle = getOption(opts, 'timeStyle', ['full', 'long', 'medium', 'short'], undefined);
    if (o.dateStyle || o.timeStyle) {
      for (const k of Object.keys(o.f)) {
        if (o.f[k] !== undefined) throw new TypeError(`Can't set option ${k} when ${o.dateStyle ? 'dateStyle' : 'timeStyle'} is used`);
      }
      o.f = {};
    }
    const defaultHc = loc.hc && ['h11', 'h12', 'h23', 'h24'].includes(loc.hc) ? loc.hc : o.gb ? 'h23' : 'h12';
    let hc = hourCycle || defaultHc;
    if (hour12 === true) hc = o.gb ? 'h11' : 'h12';
    else if (hour12 === false) hc = o.gb ? 'h23' : 'h24'; // what Node 20 (V8 11.3) resolves for en-US
    o.hc = hc;
    o.hasHour = o.f.hour !== undefined || o.timeStyle !== undefined;
    if (o.f.hour === undefined && !o.timeStyle) o.hc = undefined;
    o.pattern = buildPattern(o);
    dtfSlots.set(self, o);
    return o;
  }

  // A pattern is an array of literal strings and field tokens { t: type, w: width }.
  function buildPattern(o) {
    let f = o.f;
    let joinAt = false;
    if (o.dateStyle || o.timeStyle) {
      f = {};
      const ds = o.dateStyle;
      if (ds === 'full') Object.assign(f, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
      else if (ds === 'long') Object.assign(f, { year: 'numeric', month: 'long', day: 'numeric' });
      else if (ds === 'medium') Object.assign(f, { year: 'numeric', month: 'short', day: 'numeric' });
      else if (ds === 'short') Object.assign(f, o.gb ? { year: 'numeric', month: '2-digit', day: '2-digit' } : { year: '2-digit', month: 'numeric', day: 'numeric' });
      const ts = o.timeStyle;
      if (ts) Object.assign(f, { hour: 'numeric', minute: '2-digit' }, ts === 'short' ? {} : { second: '2-digit' });
      if (ts === 'full') f.timeZoneName = 'long';
      if (ts === 'long') f.timeZoneName = 'short';
      joinAt = ds === 'full' || ds === 'long';
      if (ds === 'full' && o.gb) f.fullGB = true;
    }
    const date = datePattern(o, f);
    const time = timePattern(o, f);
    if (!date.length) return time;
    if (!time.length) return date;
    let sep = ', ';
    if (joinAt || f.month === 'long') sep = ' at ';
    else if (f.weekday && !f.month && !f.day && !f.year) sep = f.weekday === 'long' && f.timeZoneName ? ', ' : ' ';
    return [...date, sep, ...time];
  }

  function datePattern(o, f) {
    const tok = (t) => ({ t, w: f[t] });
    const out = [];
    const gb = o.gb;
    const textMonth = f.month === 'short' || f.month === 'long' || f.month === 'narrow';
    if (f.month && f.day) {
      if (gb) {
        if (textMonth) {
          out.push(tok('day'), ' ', tok('month'));
          if (f.year) out.push(' ', tok('year'));
        } else {
          const both = (f.day === 'numeric' && f.month === 'numeric') || f.weekday !== undefined;
          out.push(both ? { t: 'day', w: '2-digit' } : tok('day'), '/', both ? { t: 'month', w: '2-digit' } : tok('month'));
          if (f.year) out.push('/', tok('year'));
        }
        if (f.weekday) out.unshift(tok('weekday'), f.year || f.fullGB ? ', ' : ' ');
      } else {
        if (textMonth) {
          out.push(tok('month'), ' ', tok('day'));
          if (f.year) out.push(', ', tok('year'));
        } else {
          out.push(tok('month'), '/', tok('day'));
          if (f.year) out.push('/', tok('year'));
        }
        if (f.weekday) out.unshift(tok('weekday'), ', ');
      }
    } else if (f.month) {
      if (f.year) {
        if (textMonth) out.push(tok('month'), ' ', tok('year'));
        else out.push(gb ? { t: 'month', w: '2-digit' } : tok('month'), '/', tok('year'));
      } else out.push(tok('month'));
      if (f.weekday) out.push(' ', tok('weekday'));
    } else {
      const seq = gb ? ['weekday', 'day', 'year'] : ['day', 'weekday', 'year'];
      if (f.year && !f.day && f.weekday) seq.splice(0, 3, 'year', 'weekday');
      for (const k of seq) if (f[k]) { if (out.length) out.push(' '); out.push(tok(k)); }
    }
    if (f.era) {
      if (out.length) out.push(' ');
      out.push(tok('era'));
    }
    return out;
  }

  function timePattern(o, f) {
    const out = [];
    const hc = o.hc;
    const twelve = hc === 'h12' || hc === 'h11';
    if (f.hour) {
      let w = f.hour;
      if (w === 'numeric' && (!twelve || (o.gb && o.timeStyle))) {
        const onlyHm = !f.timeZoneName && !(f.weekday && !f.month && !f.day && !f.year);
        w = o.gb && f.minute === '2-digit' && !o.timeStyle && onlyHm ? 'numeric' : '2-digit';
      }
      out.push({ t: 'hour', w });
      if (o.gb && !twelve && !f.minute && !f.second && f.timeZoneName) out.push('h');
      if (f.minute) out.push(':', { t: 'minute', w: '2-digit' });
      if (f.second) out.push(':', { t: 'second', w: '2-digit' });
      if (f.fractionalSecondDigits) out.push('.', { t: 'fractionalSecond', w: f.fractionalSecondDigits });
      if (twelve) out.push(o.gb ? ' ' : NNBSP, { t: 'dayPeriod', w: 'short' });
    } else if (f.minute || f.second || f.fractionalSecondDigits) {
      if (f.minute) out.push({ t: 'minute', w: f.second ? '2-digit' : 'numeric' });
      if (f.second) {
        if (out.length) out.push(':');
        out.push({ t: 'second', w: f.minute ? '2-digit' : 'numeric' });
      }
      if (f.fractionalSecondDigits) {
        if (out.length) out.push('.');
        out.push({ t: 'fractionalSecond', w: f.fractionalSecondDigits });
      }
    }
    if (f.timeZoneName) {
      if (out.length) out.push(' ');
      out.push({ t: 'timeZoneName', w: f.timeZoneName });
    }
    return out;
  }

  function fieldsOf(o, t) {
    const local = new Date(t + o.tz.offset * 60000);
    return {
      y: local.getUTCFullYear(), mo: local.getUTCMonth(), d: local.getUTCDate(), wd: local.getUTCDay(),
      h: local.getUTCHours(), mi: local.getUTCMinutes(), s: local.getUTCSeconds(), ms: local.getUTCMilliseconds(),
    };
  }

  function fieldValue(o, tok, v) {
    const w = tok.w;
    switch (tok.t) {
      case 'weekday': return w === 'long' ? DAYS_LONG[v.wd] : w === 'short' ? DAYS_SHORT[v.wd] : DAYS_LONG[v.wd][0];
      case 'era': {
        const ad = v.y > 0;
        return w === 'long' ? (ad ? 'Anno Domini' : 'Before Christ') : w === 'short' ? (ad ? 'AD' : 'BC') : ad ? 'A' : 'B';
      }
      case 'year': {
        const y = v.y > 0 ? v.y : 1 - v.y;
        return w === '2-digit' ? pad2(y % 100) : String(y);
      }
      case 'month':
        return w === 'long' ? MONTHS_LONG[v.mo] : w === 'short' ? MONTHS_SHORT[v.mo] : w === 'narrow' ? MONTHS_LONG[v.mo][0] : w === '2-digit' ? pad2(v.mo + 1) : String(v.mo + 1);
      case 'day': return w === '2-digit' ? pad2(v.d) : String(v.d);
      case 'hour': {
        let h = v.h;
        if (o.hc === 'h12') h = h % 12 || 12;
        else if (o.hc === 'h11') h %= 12;
        else if (o.hc === 'h24') h = h || 24;
        return w === '2-digit' ? pad2(h) : String(h);
      }
      case 'minute': return w === '2-digit' ? pad2(v.mi) : String(v.mi);
      case 'second': return w === '2-digit' ? pad2(v.s) : String(v.s);
      case 'fractionalSecond': return String(v.ms).padStart(3, '0').slice(0, w);
      case 'dayPeriod': return o.gb ? (v.h < 12 ? 'am' : 'pm') : v.h < 12 ? 'AM' : 'PM';
      case 'timeZoneName': return zoneName(o.tz, w);
      default: return '';
    }
  }

  function formatDateParts(o, t) {
    const v = fieldsOf(o, t);
    const parts = [];
    for (const tok of o.pattern) {
      if (typeof tok === 'string') {
        const last = parts[parts.length - 1];
        if (last && last.type === 'literal') last.value += tok;
        else parts.push({ type: 'literal', value: tok });
      } else {
        parts.push({ type: tok.t === 'era' && false ? 'era' : tok.t, value: fieldValue(o, tok, v) });
      }
    }
    return parts;
  }

  function formatRangeParts(o, a, b) {
    if (a === undefined || b === undefined) throw new TypeError('startDate and endDate are required');
    const x = toTime(a);
    const y = toTime(b);
    const pa = formatDateParts(o, x);
    const pb = formatDateParts(o, y);
    const sa = partsToString(pa);
    const sb = partsToString(pb);
    const tag = (ps, source) => ps.map((p) => ({ type: p.type, value: p.value, source }));
    if (sa === sb) return tag(pa, 'shared');
    const va = fieldsOf(o, x);
    const vb = fieldsOf(o, y);
    const sep = { type: 'literal', value: `${THIN}–${THIN}`, source: 'shared' };
    const pat = o.pattern;
    const dateTypes = new Set(['weekday', 'era', 'year', 'month', 'day']);
    const hasTime = pat.some((t) => typeof t === 'object' && !dateTypes.has(t.t));
    const hasDate = pat.some((t) => typeof t === 'object' && dateTypes.has(t.t));
    const sameDay = va.y === vb.y && va.mo === vb.mo && va.d === vb.d;
    if (hasDate && hasTime && sameDay) {
      // shared date, then the time range: "Jan 5, 2024, 1:05 – 3:00 PM"
      const cut = pat.findIndex((t) => typeof t === 'object' && !dateTypes.has(t.t) && t.t !== 'timeZoneName');
      const head = pa.slice(0, countParts(pa, pat, cut));
      const ta = pa.slice(head.length);
      const tb = pb.slice(head.length);
      const samePeriod = (va.h < 12) === (vb.h < 12);
      const periodAt = ta.findIndex((p) => p.type === 'dayPeriod');
      if (samePeriod && periodAt > 0 && periodAt === ta.length - 1) {
        return [...tag(head, 'shared'), ...tag(ta.slice(0, periodAt - 1), 'startRange'), sep, ...tag(tb.slice(0, periodAt - 1), 'endRange'), ...tag(tb.slice(periodAt - 1), 'shared')];
      }
      return [...tag(head, 'shared'), ...tag(ta, 'startRange'), o.gb ? { type: 'literal', value: '–', source: 'shared' } : sep, ...tag(tb, 'endRange')];
    }
    if (hasDate && !hasTime && !o.gb && pat.some((t) => typeof t === 'object' && t.t === 'month' && /short|long|narrow/.test(t.w)) && pat.some((t) => typeof t === 'object' && t.t === 'day') && !pat.some((t) => typeof t === 'object' && t.t === 'weekday')) {
      // en-US text-month patterns: "Jan 5 – 9, 2024", "Jan 5 – Mar 9, 2024"
      const yearAt = pa.findIndex((p) => p.type === 'year');
      if (va.y === vb.y && yearAt > 0 && yearAt === pa.length - 1) {
        const tail = pa.slice(yearAt - 1);
        const startBody = pa.slice(0, yearAt - 1);
        let endBody = pb.slice(0, yearAt - 1);
        if (va.mo === vb.mo) endBody = endBody.filter((p) => p.type === 'day');
        return [...tag(startBody, 'startRange'), sep, ...tag(endBody, 'endRange'), ...tag(tail, 'shared')];
      }
    }
    return [...tag(pa, 'startRange'), sep, ...tag(pb, 'endRange')];
  }

  /** How many formatted parts the first `n` pattern tokens produced (adjacent literals merge). */
  function countParts(parts, pat, n) {
    let count = 0;
    let prevLiteral = false;
    for (let i = 0; i < n; i++) {
      const lit = typeof pat[i] === 'string';
      if (!(lit && prevLiteral)) count++;
      prevLiteral = lit;
    }
    return count;
  }

  // ---------------------------------------------------------------- RelativeTimeFormat

  const RT_UNITS = {
    year: [['year', 'years'], ['yr.', 'yr.'], ['y', 'y'], ['last year', 'this year', 'next year'], ['last yr.', 'this yr.', 'next yr.']],
    quarter: [['quarter', 'quarters'], ['qtr.', 'qtrs.'], ['q', 'q'], ['last quarter', 'this quarter', 'next quarter'], ['last qtr.', 'this qtr.', 'next qtr.']],
    month: [['month', 'months'], ['mo.', 'mo.'], ['mo', 'mo'], ['last month', 'this month', 'next month'], ['last mo.', 'this mo.', 'next mo.']],
    week: [['week', 'weeks'], ['wk.', 'wk.'], ['w', 'w'], ['last week', 'this week', 'next week'], ['last wk.', 'this wk.', 'next wk.']],
    day: [['day', 'days'], ['day', 'days'], ['d', 'd'], ['yesterday', 'today', 'tomorrow'], ['yesterday', 'today', 'tomorrow']],
    hour: [['hour', 'hours'], ['hr.', 'hr.'], ['h', 'h'], [null, 'this hour', null], [null, 'this hour', null]],
    minute: [['minute', 'minutes'], ['min.', 'min.'], ['m', 'm'], [null, 'this minute', null], [null, 'this minute', null]],
    second: [['second', 'seconds'], ['sec.', 'sec.'], ['s', 's'], [null, 'now', null], [null, 'now', null]],
  };

  const rtfSlots = new WeakMap();

  class RelativeTimeFormat {
    constructor(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.RelativeTimeFormat requires 'new'");
      const loc = resolveLocale(locales);
      const opts = toOptions(options);
      getOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
      const style = getOption(opts, 'style', ['long', 'short', 'narrow'], 'long');
      const numeric = getOption(opts, 'numeric', ['always', 'auto'], 'always');
      rtfSlots.set(this, { locale: loc.locale, style, numeric, nf: new NumberFormat('en') });
    }

    format(value, unit) {
      return partsToString(this.formatToParts(value, unit));
    }

    formatToParts(value, unit) {
      const o = brandCheck(this, rtfSlots, 'Intl.RelativeTimeFormat.prototype.formatToParts');
      const v = Number(value);
      if (!Number.isFinite(v)) throw new RangeError('Invalid time value');
      let u = String(unit);
      if (u.endsWith('s') && u.slice(0, -1) in RT_UNITS) u = u.slice(0, -1);
      if (!Object.prototype.hasOwnProperty.call(RT_UNITS, u)) throw new RangeError(`Invalid unit argument for format() '${unit}'`);
      const data = RT_UNITS[u];
      if (o.numeric === 'auto' && (v === 0 || v === 1 || v === -1)) {
        const words = data[o.style === 'long' ? 3 : 4];
        const w = words[Object.is(v, -0) ? 1 : v + 1];
        if (w) return [{ type: 'literal', value: w }];
      }
      const neg = v < 0 || Object.is(v, -0);
      const numParts = o.nf.formatToParts(Math.abs(v)).map((p) => ({ ...p, unit: u }));
      const num = partsToString(numParts);
      const names = data[o.style === 'long' ? 0 : o.style === 'short' ? 1 : 2];
      const name = num === '1' ? names[0] : names[1];
      const gap = o.style === 'narrow' ? '' : ' ';
      if (neg) return [...numParts, { type: 'literal', value: `${gap}${name} ago` }];
      return [{ type: 'literal', value: 'in ' }, ...numParts, { type: 'literal', value: `${gap}${name}` }];
    }

    resolvedOptions() {
      const o = brandCheck(this, rtfSlots, 'Intl.RelativeTimeFormat.prototype.resolvedOptions');
      return { locale: o.locale, style: o.style, numeric: o.numeric, numberingSystem: 'latn' };
    }

    static supportedLocalesOf(locales, options) {
      return supportedLocalesOf(locales, options);
    }
  }

  // ---------------------------------------------------------------- ListFormat

  const lfSlots = new WeakMap();

  class ListFormat {
    constructor(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.ListFormat requires 'new'");
      const loc = resolveLocale(locales);
      const opts = toOptions(options);
      getOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
      const type = getOption(opts, 'type', ['conjunction', 'disjunction', 'unit'], 'conjunction');
      const style = getOption(opts, 'style', ['long', 'short', 'narrow'], 'long');
      lfSlots.set(this, { locale: loc.locale, gb: loc.data === 'GB', type, style });
    }

    format(list) {
      return partsToString(this.formatToParts(list));
    }

    formatToParts(list) {
      const o = brandCheck(this, lfSlots, 'Intl.ListFormat.prototype.formatToParts');
      const items = [];
      if (list !== undefined) {
        for (const x of list) {
          if (typeof x !== 'string') throw new TypeError(`Iterable yielded ${typeof x === 'symbol' ? 'Symbol()' : String(x)} which is not a string`);
          items.push(x);
        }
      }
      const n = items.length;
      if (n === 0) return [];
      let mid = ', ';
      let pair;
      let last;
      if (o.type === 'unit') {
        mid = o.style === 'narrow' ? ' ' : ', ';
        pair = mid; last = mid;
      } else {
        const word = o.type === 'disjunction' ? 'or' : o.style === 'short' && !o.gb ? '&' : 'and';
        if (o.type === 'conjunction' && o.style === 'narrow') { pair = ', '; last = ', '; } else {
          pair = ` ${word} `;
          last = o.gb ? ` ${word} ` : `, ${word} `;
        }
      }
      const parts = [];
      items.forEach((x, i) => {
        if (i) parts.push({ type: 'literal', value: n === 2 ? pair : i === n - 1 ? last : mid });
        parts.push({ type: 'element', value: x });
      });
      return parts;
    }

    resolvedOptions() {
      const o = brandCheck(this, lfSlots, 'Intl.ListFormat.prototype.resolvedOptions');
      return { locale: o.locale, type: o.type, style: o.style };
    }

    static supportedLocalesOf(locales, options) {
      return supportedLocalesOf(locales, options);
    }
  }

  // ---------------------------------------------------------------- Collator

  const colSlots = new WeakMap();
  const PUNCT_ORDER = '_-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';

  /** Primary class of a (base) character: whitespace/punctuation/symbols < digits < letters. */
  function primaryKey(ch) {
    if (/\s/u.test(ch)) return [0, ch.codePointAt(0)];
    if (/[\p{P}\p{S}]/u.test(ch)) {
      const at = PUNCT_ORDER.indexOf(ch);
      return [1, at < 0 ? 100 + ch.codePointAt(0) : at];
    }
    if (/\p{N}/u.test(ch)) return [2, ch.codePointAt(0)];
    return [3, ch.toLowerCase().codePointAt(0)];
  }

  function splitChars(s) {
    // [base, accents, isUpper] per character, after canonical decomposition
    const out = [];
    for (const ch of s.normalize('NFD')) {
      if (/\p{M}/u.test(ch) && out.length) { out[out.length - 1].acc += ch; continue; }
      let base = ch;
      if (ch === 'ß') base = 'ss';
      if (ch === 'æ' || ch === 'Æ') base = ch === 'æ' ? 'ae' : 'AE';
      out.push({ base, acc: '', upper: ch !== ch.toLowerCase() });
    }
    return out;
  }

  function collate(o, a, b) {
    const ca = splitChars(a).filter((c) => !o.ignorePunctuation || !/[\p{P}\s]/u.test(c.base));
    const cb = splitChars(b).filter((c) => !o.ignorePunctuation || !/[\p{P}\s]/u.test(c.base));
    // primary
    let i = 0;
    let j = 0;
    while (i < ca.length && j < cb.length) {
      if (o.numeric && /\d/.test(ca[i].base) && /\d/.test(cb[j].base)) {
        let x = '';
        let y = '';
        while (i < ca.length && /\d/.test(ca[i].base)) x += ca[i++].base;
        while (j < cb.length && /\d/.test(cb[j].base)) y += cb[j++].base;
        x = x.replace(/^0+(?=\d)/, '');
        y = y.replace(/^0+(?=\d)/, '');
        if (x.length !== y.length) return x.length < y.length ? -1 : 1;
        if (x !== y) return x < y ? -1 : 1;
        continue;
      }
      const ka = primaryKey(ca[i].base);
      const kb = primaryKey(cb[j].base);
      if (ka[0] !== kb[0]) return ka[0] < kb[0] ? -1 : 1;
      if (ka[1] !== kb[1]) return ka[1] < kb[1] ? -1 : 1;
      const ra = ca[i].base.toLowerCase();
      const rb = cb[j].base.toLowerCase();
      if (ra !== rb) return ra < rb ? -1 : 1;
      i++; j++;
    }
    if (i < ca.length || j < cb.length) return i < ca.length ? 1 : -1;
    if (o.sensitivity === 'base') return 0;
    // secondary: accents
    if (o.sensitivity !== 'case') {
      for (let k = 0; k < ca.length && k < cb.length; k++) {
        if (ca[k].acc !== cb[k].acc) {
          if (!ca[k].acc) return -1;
          if (!cb[k].acc) return 1;
          return ca[k].acc < cb[k].acc ? -1 : 1;
        }
      }
    }
    if (o.sensitivity === 'accent') return 0;
    // tertiary: case (lower first unless caseFirst upper)
    for (let k = 0; k < ca.length && k < cb.length; k++) {
      if (ca[k].upper !== cb[k].upper) {
        const upperFirst = o.caseFirst === 'upper';
        return ca[k].upper === upperFirst ? -1 : 1;
      }
      if (ca[k].base !== cb[k].base) {
        return ca[k].base < cb[k].base ? 1 : -1;
      }
    }
    if (o.sensitivity === 'case') return 0;
    if (a === b) return 0;
    const na = a.normalize('NFD');
    const nb = b.normalize('NFD');
    if (na === nb) return 0;
    return na < nb ? -1 : 1;
  }

  class Collator {
    constructor(locales, options) {
      const loc = resolveLocale(locales);
      const opts = toOptions(options);
      const usage = getOption(opts, 'usage', ['sort', 'search'], 'sort');
      getOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
      getOption(opts, 'collation', undefined, undefined);
      const list = getCanonicalLocales(locales);
      const kn = list.length ? unicodeKey(list[0], 'kn') : undefined;
      const kf = list.length ? unicodeKey(list[0], 'kf') : undefined;
      let numeric = opts.numeric === undefined ? (kn === undefined ? false : kn !== 'false') : Boolean(opts.numeric);
      const caseFirst = getOption(opts, 'caseFirst', ['upper', 'lower', 'false'], kf || 'false');
      const sensitivity = getOption(opts, 'sensitivity', ['base', 'accent', 'case', 'variant'], 'variant');
      const ignorePunctuation = getOption(opts, 'ignorePunctuation', 'boolean', false);
      numeric = Boolean(numeric);
      colSlots.set(this, { locale: loc.locale, usage, sensitivity, ignorePunctuation, numeric, caseFirst });
    }

    get compare() {
      const o = brandCheck(this, colSlots, 'get Intl.Collator.prototype.compare');
      if (!o.bound) o.bound = (a, b) => collate(o, String(a), String(b));
      return o.bound;
    }

    resolvedOptions() {
      const o = brandCheck(this, colSlots, 'Intl.Collator.prototype.resolvedOptions');
      return { locale: o.locale, usage: o.usage, sensitivity: o.sensitivity, ignorePunctuation: o.ignorePunctuation, collation: 'default', numeric: o.numeric, caseFirst: o.caseFirst };
    }

    static supportedLocalesOf(locales, options) {
      return supportedLocalesOf(locales, options);
    }
  }

  // ---------------------------------------------------------------- Segmenter

  const segSlots = new WeakMap();
  const EXTEND = /[\p{M}\u200d\ufe00-\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;
  const REGIONAL = /[\u{1f1e6}-\u{1f1ff}]/u;
  const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

  function graphemes(s) {
    const out = [];
    let index = 0;
    const cps = Array.from(s);
    let i = 0;
    while (i < cps.length) {
      let seg = cps[i];
      if (cps[i] === '\r' && cps[i + 1] === '\n') { seg += '\n'; i += 2; } else {
        const ri = REGIONAL.test(cps[i]);
        i++;
        if (ri && i < cps.length && REGIONAL.test(cps[i])) seg += cps[i++];
        while (i < cps.length) {
          if (EXTEND.test(cps[i])) {
            const zwj = cps[i] === '\u200d';
            seg += cps[i++];
            if (zwj && i < cps.length && /\p{Extended_Pictographic}/u.test(cps[i])) seg += cps[i++];
          } else break;
        }
      }
      out.push({ segment: seg, index });
      index += seg.length;
    }
    return out;
  }

  function words(s) {
    const out = [];
    const g = graphemes(s);
    let i = 0;
    while (i < g.length) {
      const start = g[i].index;
      let seg = g[i].segment;
      const cls = WORD_CHAR.test(seg) ? 'w' : /^[ \t\u00a0\u3000]+$/.test(seg) ? 's' : 'o';
      i++;
      if (cls === 'w') {
        while (i < g.length) {
          const c = g[i].segment;
          if (WORD_CHAR.test(c)) { seg += c; i++; continue; }
          // apostrophes and periods inside words (don't, 3.14, e.g)
          if ((c === "'" || c === '’' || c === '.' || c === ':' && false) && i + 1 < g.length && WORD_CHAR.test(g[i + 1].segment) && WORD_CHAR.test(seg.slice(-1))) {
            const prevDigit = /\p{N}$/u.test(seg);
            const nextDigit = /^\p{N}/u.test(g[i + 1].segment);
            if (c === '.' && !((prevDigit && nextDigit) || (!prevDigit && !nextDigit))) break;
            seg += c + g[i + 1].segment; i += 2; continue;
          }
          break;
        }
      } else if (cls === 's') {
        while (i < g.length && /^[ \t\u00a0\u3000]+$/.test(g[i].segment)) { seg += g[i].segment; i++; }
      }
      out.push({ segment: seg, index: start, isWordLike: cls === 'w' });
    }
    return out;
  }

  function sentences(s) {
    const out = [];
    const re = /(?:[^.!?\u3002\r\n]|[.!?](?![\s"'”’)\]]|$))*(?:[.!?\u3002]+["'”’)\]]*[ \t]*|$)(?:\r\n|[\r\n\u2029])*[ \t]*/gu;
    let m;
    while ((m = re.exec(s)) && m[0] !== '') out.push({ segment: m[0], index: m.index });
    return out;
  }

  class Segmenter {
    constructor(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.Segmenter requires 'new'");
      const loc = resolveLocale(locales);
      const opts = toOptions(options);
      getOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
      const granularity = getOption(opts, 'granularity', ['grapheme', 'word', 'sentence'], 'grapheme');
      segSlots.set(this, { locale: loc.locale, granularity });
    }

    segment(input) {
      const o = brandCheck(this, segSlots, 'Intl.Segmenter.prototype.segment');
      const s = String(input);
      const list = o.granularity === 'grapheme' ? graphemes(s) : o.granularity === 'word' ? words(s) : sentences(s);
      for (const x of list) {
        x.input = s;
        if (o.granularity !== 'word') delete x.isWordLike;
        else { const w = x.isWordLike; delete x.isWordLike; x.isWordLike = w; }
      }
      const ordered = list.map((x) => (o.granularity === 'word' ? { segment: x.segment, index: x.index, input: s, isWordLike: x.isWordLike } : { segment: x.segment, index: x.index, input: s }));
      return new Segments(ordered);
    }

    resolvedOptions() {
      const o = brandCheck(this, segSlots, 'Intl.Segmenter.prototype.resolvedOptions');
      return { locale: o.locale, granularity: o.granularity };
    }

    static supportedLocalesOf(locales, options) {
      return supportedLocalesOf(locales, options);
    }
  }

  const segsList = new WeakMap();
  class Segments {
    constructor(list) {
      segsList.set(this, list);
    }

    containing(index) {
      const list = segsList.get(this);
      let n = Number(index);
      if (Number.isNaN(n)) n = 0;
      n = Math.trunc(n);
      for (const x of list) if (n >= x.index && n < x.index + x.segment.length) return { ...x };
      return undefined;
    }

    [Symbol.iterator]() {
      const list = segsList.get(this);
      let i = 0;
      const it = Object.create(SegmentIteratorProto);
      it.next = () => (i < list.length ? { value: { ...list[i++] }, done: false } : { value: undefined, done: true });
      return it;
    }
  }
  const SegmentIteratorProto = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
  defineToStringTag(SegmentIteratorProto, 'Segmenter String Iterator');

  // ---------------------------------------------------------------- DisplayNames

  const REGIONS = {
    US: 'United States', GB: 'United Kingdom', DE: 'Germany', FR: 'France', ES: 'Spain', IT: 'Italy', JP: 'Japan', CN: 'China', IN: 'India',
    BR: 'Brazil', CA: 'Canada', AU: 'Australia', MX: 'Mexico', NL: 'Netherlands', SE: 'Sweden', CH: 'Switzerland', KR: 'South Korea',
    ZZ: 'Unknown Region', RU: 'Russia', PT: 'Portugal', PL: 'Poland', IE: 'Ireland', NZ: 'New Zealand', TW: 'Taiwan', AT: 'Austria', BE: 'Belgium', '419': 'Latin America', '001': 'world', '150': 'Europe',
  };
  const LANGUAGES = {
    en: 'English', de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', ja: 'Japanese', zh: 'Chinese', pt: 'Portuguese', ru: 'Russian',
    ko: 'Korean', nl: 'Dutch', sv: 'Swedish', pl: 'Polish', ar: 'Arabic', hi: 'Hindi', tr: 'Turkish', he: 'Hebrew', uk: 'Ukrainian',
    'en-US': 'American English', 'en-GB': 'British English', 'es-419': 'Latin American Spanish', 'pt-BR': 'Brazilian Portuguese', 'fr-CA': 'Canadian French',
    'zh-Hans': 'Simplified Chinese', 'zh-Hant': 'Traditional Chinese',
  };
  const SCRIPTS = { Latn: 'Latin', Cyrl: 'Cyrillic', Arab: 'Arabic', Hans: 'Simplified Han', Hant: 'Traditional Han', Grek: 'Greek', Jpan: 'Japanese' };
  const dnSlots = new WeakMap();

  class DisplayNames {
    constructor(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.DisplayNames requires 'new'");
      const loc = resolveLocale(locales);
      if (options === undefined) throw new TypeError("Cannot read properties of undefined (reading 'type')");
      const opts = toOptions(options);
      getOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
      const style = getOption(opts, 'style', ['narrow', 'short', 'long'], 'long');
      const type = getOption(opts, 'type', ['language', 'region', 'script', 'currency', 'calendar', 'dateTimeField'], undefined);
      if (type === undefined) throw new TypeError('Required option type is missing');
      const fallback = getOption(opts, 'fallback', ['code', 'none'], 'code');
      const languageDisplay = getOption(opts, 'languageDisplay', ['dialect', 'standard'], 'dialect');
      dnSlots.set(this, { locale: loc.locale, style, type, fallback, languageDisplay });
    }

    of(code) {
      const o = brandCheck(this, dnSlots, 'Intl.DisplayNames.prototype.of');
      let c = String(code);
      let name;
      switch (o.type) {
        case 'region':
          if (!/^([a-z]{2}|\d{3})$/i.test(c)) throw new RangeError('invalid_argument');
          c = c.toUpperCase(); name = REGIONS[c]; break;
        case 'language': {
          c = canonicalizeTag(c);
          name = o.languageDisplay === 'dialect' ? LANGUAGES[c] : undefined;
          if (name === undefined) {
            const [lang, ...rest] = c.split('-');
            const base = LANGUAGES[lang];
            if (base) {
              const extra = rest.map((p) => (p.length === 4 ? SCRIPTS[p] || p : REGIONS[p] || p));
              name = extra.length ? `${base} (${extra.join(', ')})` : base;
            }
          }
          break;
        }
        case 'script':
          if (!/^[a-z]{4}$/i.test(c)) throw new RangeError('invalid_argument');
          c = c[0].toUpperCase() + c.slice(1).toLowerCase(); name = SCRIPTS[c]; break;
        case 'currency': {
          if (!/^[a-z]{3}$/i.test(c)) throw new RangeError('invalid_argument');
          c = c.toUpperCase();
          const cur = CURRENCIES[c];
          name = cur && cur.one.replace(/^\w/, (x) => x.toUpperCase());
          if (cur && c === 'USD') name = 'US Dollar';
          else if (cur) name = cur.one.split(' ').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
          break;
        }
        case 'calendar':
          name = { gregory: 'Gregorian Calendar', iso8601: 'ISO-8601 Calendar' }[c]; break;
        case 'dateTimeField':
          name = { era: 'era', year: 'year', quarter: 'quarter', month: 'month', weekOfYear: 'week', weekday: 'day of the week', day: 'day', dayPeriod: 'AM/PM', hour: 'hour', minute: 'minute', second: 'second', timeZoneName: 'time zone' }[c];
          if (name === undefined) throw new RangeError('invalid_argument');
          break;
        default:
      }
      if (name !== undefined) return name;
      return o.fallback === 'code' ? c : undefined;
    }

    resolvedOptions() {
      const o = brandCheck(this, dnSlots, 'Intl.DisplayNames.prototype.resolvedOptions');
      const r = { locale: o.locale, style: o.style, type: o.type, fallback: o.fallback };
      if (o.type === 'language') r.languageDisplay = o.languageDisplay;
      return r;
    }

    static supportedLocalesOf(locales, options) {
      return supportedLocalesOf(locales, options);
    }
  }

  // ---------------------------------------------------------------- Locale (minimal)

  const locSlots = new WeakMap();
  class Locale {
    constructor(tag, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.Locale requires 'new'");
      if (typeof tag !== 'string' && !(tag instanceof Locale)) throw new TypeError('First argument to Intl.Locale constructor can\'t be empty or missing');
      let t = canonicalizeTag(String(tag));
      const opts = toOptions(options);
      const base = t.split(/-[a-wyz0-9]-|-x-/i)[0].split('-');
      const info = { language: base[0] };
      for (const p of base.slice(1)) {
        if (p.length === 4) info.script = p;
        else if (/^[A-Z]{2}$|^\d{3}$/.test(p)) info.region = p;
      }
      if (opts.language !== undefined) info.language = String(opts.language);
      if (opts.script !== undefined) info.script = String(opts.script);
      if (opts.region !== undefined) info.region = String(opts.region);
      for (const [k, key] of [['calendar', 'ca'], ['collation', 'co'], ['hourCycle', 'hc'], ['caseFirst', 'kf'], ['numberingSystem', 'nu'], ['numeric', 'kn']]) {
        const v = opts[k] !== undefined ? String(opts[k]) : unicodeKey(t, key);
        if (v !== undefined) info[k] = k === 'numeric' ? v !== 'false' : v;
      }
      info.baseName = [info.language, info.script, info.region].filter(Boolean).join('-');
      const ext = [];
      for (const [k, key] of [['calendar', 'ca'], ['caseFirst', 'kf'], ['collation', 'co'], ['hourCycle', 'hc'], ['numeric', 'kn'], ['numberingSystem', 'nu']]) {
        if (info[k] !== undefined) ext.push(k === 'numeric' ? (info[k] ? 'kn' : 'kn-false') : `${key}-${info[k]}`);
      }
      t = info.baseName + (ext.length ? `-u-${ext.join('-')}` : '');
      info.tag = t;
      locSlots.set(this, info);
    }

    toString() { return locSlots.get(this).tag; }
    get baseName() { return locSlots.get(this).baseName; }
    get language() { return locSlots.get(this).language; }
    get script() { return locSlots.get(this).script; }
    get region() { return locSlots.get(this).region; }
    get calendar() { return locSlots.get(this).calendar; }
    get collation() { return locSlots.get(this).collation; }
    get hourCycle() { return locSlots.get(this).hourCycle; }
    get caseFirst() { return locSlots.get(this).caseFirst; }
    get numeric() { return locSlots.get(this).numeric === true; }
    get numberingSystem() { return locSlots.get(this).numberingSystem; }
    maximize() {
      const i = locSlots.get(this);
      if (i.language === 'en') return new Locale(`en-${i.script || 'Latn'}-${i.region || 'US'}`);
      return new Locale(this.toString());
    }
    minimize() {
      const i = locSlots.get(this);
      if (i.language === 'en' && (!i.region || i.region === 'US')) return new Locale('en');
      return new Locale(i.language + (i.region ? `-${i.region}` : ''));
    }
  }

  // ---------------------------------------------------------------- the namespace

  const SUPPORTED = {
    calendar: ['gregory'],
    collation: ['default'],
    currency: Object.keys(CURRENCIES).sort(),
    numberingSystem: ['latn'],
    timeZone: ['UTC'],
    unit: Object.keys(UNITS).sort(),
  };

  function supportedValuesOf(key) {
    const k = String(key);
    if (!Object.prototype.hasOwnProperty.call(SUPPORTED, k)) throw new RangeError(`Invalid key : ${k}`);
    return SUPPORTED[k].slice();
  }

  const classes = { Collator, DateTimeFormat, DisplayNames, ListFormat, Locale, NumberFormat, PluralRules, RelativeTimeFormat, Segmenter };
  for (const [name, C] of Object.entries(classes)) {
    hideMethods(C.prototype);
    defineToStringTag(C.prototype, `Intl.${name}`);
  }
  hideMethods(Segments.prototype);

  // DateTimeFormat, NumberFormat and Collator may be called without `new`.
  function callable(C, name) {
    const F = {
      [name](locales, options) {
        return new C(locales, options);
      },
    }[name];
    const wrapped = function (locales, options) {
      if (new.target === undefined) return new C(locales, options);
      return Reflect.construct(C, [locales, options], new.target === wrapped ? C : new.target);
    };
    void F;
    Object.defineProperty(wrapped, 'name', { value: name });
    Object.defineProperty(wrapped, 'length', { value: 0 });
    wrapped.prototype = C.prototype;
    Object.defineProperty(C.prototype, 'constructor', { value: wrapped, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(wrapped, 'supportedLocalesOf', { value: C.supportedLocalesOf, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(wrapped, 'prototype', { writable: false, enumerable: false, configurable: false });
    return wrapped;
  }

  const Intl = {};
  const members = {
    getCanonicalLocales,
    supportedValuesOf,
    Collator: callable(Collator, 'Collator'),
    DateTimeFormat: callable(DateTimeFormat, 'DateTimeFormat'),
    DisplayNames,
    ListFormat,
    Locale,
    NumberFormat: callable(NumberFormat, 'NumberFormat'),
    PluralRules,
    RelativeTimeFormat,
    Segmenter,
  };
  for (const [k, v] of Object.entries(members)) {
    Object.defineProperty(Intl, k, { value: v, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });

  // Entry points for Date/Number/String.prototype's locale methods (09_intl_global.js).
  const dtfCache = new Map();
  function dateToLocale(t, locales, options, required, defaults) {
    if (Number.isNaN(t)) return 'Invalid Date';
    let o;
    if (options === undefined && (locales === undefined || typeof locales === 'string')) {
      const key = `${required}|${locales}`;
      o = dtfCache.get(key);
      if (!o) {
        o = initDateTimeFormat({}, locales, undefined, required, defaults);
        dtfCache.set(key, o);
      }
    } else {
      o = initDateTimeFormat({}, locales, options, required, defaults);
    }
    return partsToString(formatDateParts(o, toTime(t))).replace(/\u202f/g, ' ');
  }
  const nfDefault = new Map();
  function numberToLocale(x, locales, options) {
    if (options === undefined && (locales === undefined || typeof locales === 'string')) {
      let nf = nfDefault.get(locales);
      if (!nf) { nf = new NumberFormat(locales); nfDefault.set(locales, nf); }
      return nf.format(x);
    }
    return new NumberFormat(locales, options).format(x);
  }
  const colDefault = new Map();
  function localeCompare(a, b, locales, options) {
    if (options === undefined && (locales === undefined || typeof locales === 'string')) {
      let c = colDefault.get(locales);
      if (!c) { c = new Collator(locales); colDefault.set(locales, c); }
      return c.compare(a, b);
    }
    return new Collator(locales, options).compare(a, b);
  }

  internal.intl = Intl;
  internal.intlHooks = { dateToLocale, numberToLocale, localeCompare };
})();
