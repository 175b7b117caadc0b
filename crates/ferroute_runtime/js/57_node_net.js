// node:net, node:tls and node:dns: the names load (packages import them at start-up); the
// functions that would open a socket or look up a name throw until ferroute provides them.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const unsupported = (mod, names, why) => {
    const m = {};
    for (const n of names) {
      m[n] = function () {
        const err = new Error(`${mod}.${n}() is not available in ferroute yet: ${why} (see docs/compat.md)`);
        err.code = 'ERR_FERROUTE_UNSUPPORTED';
        throw err;
      };
    }
    return m;
  };
  const why = 'raw sockets are not implemented; use fetch()';
  const net = unsupported('net', ['connect', 'createConnection', 'createServer', 'Socket', 'Server', 'BlockList', 'SocketAddress'], why);
  net.isIP = (s) => (net.isIPv4(s) ? 4 : net.isIPv6(s) ? 6 : 0);
  net.isIPv4 = (s) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(String(s));
  net.isIPv6 = (s) => {
    s = String(s);
    if (!s.includes(':') || !/^[0-9a-fA-F:.]+(%.+)?$/.test(s)) return false;
    try {
      new URL(`http://[${s.replace(/%.*$/, '')}]/`);
      return true;
    } catch {
      return false;
    }
  };
  net.getDefaultAutoSelectFamily = () => true;
  net.setDefaultAutoSelectFamily = () => {};
  const tls = unsupported('tls', ['connect', 'createServer', 'createSecureContext', 'TLSSocket', 'Server', 'checkServerIdentity', 'getCiphers'], why);
  tls.DEFAULT_MIN_VERSION = 'TLSv1.2';
  tls.DEFAULT_MAX_VERSION = 'TLSv1.3';
  tls.rootCertificates = [];
  const dnsNames = ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse', 'lookupService'];
  const dnsWhy = 'name lookups are not implemented';
  const dns = unsupported('dns', [...dnsNames, 'Resolver'], dnsWhy);
  dns.promises = unsupported('dns.promises', [...dnsNames, 'Resolver'], dnsWhy);
  dns.setDefaultResultOrder = () => {};
  dns.getDefaultResultOrder = () => 'verbatim';
  dns.setServers = () => {};
  dns.getServers = () => [];
  internal.modules['node:net'] = net;
  internal.modules['node:tls'] = tls;
  internal.modules['node:dns'] = dns;
  internal.modules['node:dns/promises'] = dns.promises;
})();
