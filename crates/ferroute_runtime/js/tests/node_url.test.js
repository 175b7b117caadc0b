// node:url's legacy API (js/52a_node_url.js); expected values printed by Node 20.20.2.
(() => {
  const url = globalThis[Symbol.for('ferroute.internal')].builtin('url');
  const { parse, format } = url;

  test('url.parse: fields as Node sets them', () => {
    const cases = ['http://user:pw@Example.com:8080/p/a/t/h?query=string#hash', 'https://a.com', '/just/a/path?x=1', 'mailto:x@y.z', '//host/p'];
    const fields = (u) => [u.protocol, u.slashes, u.auth, u.host, u.port, u.hostname, u.hash, u.search, u.query, u.pathname, u.path, u.href];
    assert.deepEqual(cases.map((c) => fields(parse(c))), [["http:", true, "user:pw", "example.com:8080", "8080", "example.com", "#hash", "?query=string", "query=string", "/p/a/t/h", "/p/a/t/h?query=string", "http://user:pw@example.com:8080/p/a/t/h?query=string#hash"], ["https:", true, null, "a.com", null, "a.com", null, null, null, "/", "/", "https://a.com/"], [null, null, null, null, null, null, null, "?x=1", "x=1", "/just/a/path", "/just/a/path?x=1", "/just/a/path?x=1"], ["mailto:", null, "x", "y.z", null, "y.z", null, null, null, null, null, "mailto:x@y.z"], [null, null, null, null, null, null, null, null, null, "//host/p", "//host/p", "//host/p"]]);
    assert.deepEqual(Object.assign({}, parse('/a?x=1&x=2&y=3', true).query), {"x": ["1", "2"], "y": "3"});
  });

  test('url.format and url.resolve', () => {
    assert.equal(format({ protocol: 'https', hostname: 'x.com', port: 8443, pathname: '/a b', query: { q: '1 2' } }), "https://x.com:8443/a b?q=1%202");
    assert.equal(format(new URL('https://u:p@x.com/a?b#c'), { auth: false, fragment: false }), "https://x.com/a?b");
    assert.deepEqual([url.resolve('/one/two/three', 'four'), url.resolve('http://example.com/', '/one'), url.resolve('http://example.com/one', '/two')], ["/one/two/four", "http://example.com/one", "http://example.com/two"]);
    assert.equal(url.URL, globalThis.URL);
    assert.equal(new url.URL('x', new URL('http://a.com/b/')).href, 'http://a.com/b/x');
  });
})();
