// tls.checkServerIdentity (57_node_net.js) on both engines, against what Node 20 returns for the
// same host names and certificate objects.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const tls = internal.builtin('tls');
  const cases = [
  ['www.a.test', { subjectaltname: 'DNS:www.a.test, DNS:*.b.test', subject: { CN: 'x' } }],
  ['WWW.A.TEST.', { subjectaltname: 'DNS:www.a.test', subject: {} }],
  ['x.b.test', { subjectaltname: 'DNS:www.a.test, DNS:*.b.test' }],
  ['y.x.b.test', { subjectaltname: 'DNS:*.b.test' }],
  ['b.test', { subjectaltname: 'DNS:*.b.test' }],
  ['x.test', { subjectaltname: 'DNS:*.test' }],
  ['wxyz.c.test', { subjectaltname: 'DNS:w*z.c.test' }],
  ['xn--a.c.test', { subjectaltname: 'DNS:xn--*.c.test' }],
  ['cn.test', { subject: { CN: 'cn.test' } }],
  ['cn.test', { subject: { CN: ['a.test', 'cn.test'] } }],
  ['cn.test', { subjectaltname: 'DNS:other.test', subject: { CN: 'cn.test' } }],
  ['127.0.0.1', { subjectaltname: 'DNS:a.test, IP Address:127.0.0.1' }],
  ['::1', { subjectaltname: 'IP Address:0:0:0:0:0:0:0:1' }],
  ['127.0.0.2', { subjectaltname: 'IP Address:127.0.0.1' }],
  ['127.0.0.1', { subject: { CN: '127.0.0.1' } }],
  ['a.test', { subjectaltname: 'URI:https://a.test' }],
  ['a.test', {}],
  ['a,b.test', { subjectaltname: 'DNS:"a\\u002cb.test"' }],
  ['::ffff:1.2.3.4', { subjectaltname: 'IP Address:0:0:0:0:0:FFFF:102:304' }],
  ['::FFFF:102:304', { subjectaltname: 'IP Address:::ffff:1.2.3.4' }],
  ['fe80::1', { subjectaltname: 'IP Address:FE80:0:0:0:0:0:0:1' }],
  ['1:0:0:2::3', { subjectaltname: 'IP Address:1:0:0:2:0:0:0:3' }],
  ['::2', { subjectaltname: 'IP Address:0:0:0:0:0:FFFF:102:304, IP Address:0:0:0:0:0:0:0:1, IP Address:FE80:0:0:0:0:0:0:1, IP Address:1:0:0:2:0:0:0:3, IP Address:0:0:0:0:0:0:102:304, IP Address:1:2:3:4:5:6:7:8, IP Address:0:0:1:0:0:0:0:0, IP Address:0:0:0:0:0:0:0:0' }],
  ['::ffff:1.2.3.5', { subjectaltname: 'IP Address:0:0:0:0:0:FFFF:102:304' }],
  ['1.2.3.4', { subjectaltname: 'IP Address:0:0:0:0:0:FFFF:102:304' }],
];
  const NODE = [null,null,null,["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: Host: y.x.b.test. is not in the cert's altnames: DNS:*.b.test","Host: y.x.b.test. is not in the cert's altnames: DNS:*.b.test","y.x.b.test"],["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: Host: b.test. is not in the cert's altnames: DNS:*.b.test","Host: b.test. is not in the cert's altnames: DNS:*.b.test","b.test"],["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: Host: x.test. is not in the cert's altnames: DNS:*.test","Host: x.test. is not in the cert's altnames: DNS:*.test","x.test"],null,["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: Host: xn--a.c.test. is not in the cert's altnames: DNS:xn--*.c.test","Host: xn--a.c.test. is not in the cert's altnames: DNS:xn--*.c.test","xn--a.c.test"],null,null,["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: Host: cn.test. is not in the cert's altnames: DNS:other.test","Host: cn.test. is not in the cert's altnames: DNS:other.test","cn.test"],null,null,["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: IP: 127.0.0.2 is not in the cert's list: 127.0.0.1","IP: 127.0.0.2 is not in the cert's list: 127.0.0.1","127.0.0.2"],["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: ","IP: 127.0.0.1 is not in the cert's list: ","127.0.0.1"],["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: Cert does not contain a DNS name","Cert does not contain a DNS name","a.test"],["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: Cert does not contain a DNS name","Cert does not contain a DNS name","a.test"],null,null,null,null,null,["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: IP: ::2 is not in the cert's list: ::ffff:1.2.3.4, ::1, fe80::1, 1:0:0:2::3, ::1.2.3.4, 1:2:3:4:5:6:7:8, 0:0:1::, ::","IP: ::2 is not in the cert's list: ::ffff:1.2.3.4, ::1, fe80::1, 1:0:0:2::3, ::1.2.3.4, 1:2:3:4:5:6:7:8, 0:0:1::, ::","::2"],["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: IP: ::ffff:1.2.3.5 is not in the cert's list: ::ffff:1.2.3.4","IP: ::ffff:1.2.3.5 is not in the cert's list: ::ffff:1.2.3.4","::ffff:1.2.3.5"],["ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: IP: 1.2.3.4 is not in the cert's list: ::ffff:1.2.3.4","IP: 1.2.3.4 is not in the cert's list: ::ffff:1.2.3.4","1.2.3.4"]];

  test('checkServerIdentity accepts and refuses as Node does', () => {
    cases.forEach(([host, cert], i) => {
      const e = tls.checkServerIdentity(host, cert);
      assert.deepEqual(e ? [e.code, e.message, e.reason, e.host] : null, NODE[i], `${host} against ${JSON.stringify(cert)}`);
      if (e) assert.ok(e instanceof Error && e.cert === cert);
    });
  });
})();
