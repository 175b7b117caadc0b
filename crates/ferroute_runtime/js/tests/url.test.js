// URL and URLSearchParams as the URL Standard's parsers give them. On JavaScriptCore
// (js/jsc/40_url.js) common URLs are split in JavaScript and common query strings decoded
// there, and everything else goes to the `url` crate: the same input through both ways must
// give the same components. A parse against a base always goes to the crate, and an absolute
// input ignores its base, so `new URL(input, BASE)` is the crate's answer for `input`.
(() => {
  const BASE = 'http://base.invalid/';
  const FIELDS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
  const fields = (u) => FIELDS.map((f) => `${f}=${u[f]}`).join(' ');

  const URLS = [
    'http://localhost:3000/api/items?q=abc&page=2',
    'https://example.com/',
    'https://example.com/a/b/c?x=1&y=2#top',
    'http://127.0.0.1:8080/x',
    'http://255.255.255.255/',
    'http://a.b.c-d.example/p;q=1/r:s@t!$&()*+,=~_.-/%zz%41',
    'http://example.com/?',
    'http://example.com/#',
    'http://example.com/?#',
    'http://example.com/a?b?c=/d:e@f#g?h/i',
    'http://example.com//double//slashes',
    'http://example.com/with%20space?and%20query',
    'https://example.com:8443/',
    // Not simple: the crate decides, and both ways must still agree.
    'http://example.com:80/',
    'https://example.com:443/',
    'http://example.com:0080/',
    'http://example.com:65536/',
    'http://EXAMPLE.com/',
    'http://example.com',
    'http://example.com./',
    'http://1.2.3/',
    'http://01.2.3.4/',
    'http://0x7f.0.0.1/',
    'http://a.1/',
    'http://0x/',
    'http://xn--mnchen-3ya.de/',
    'http://xn--a.example/',
    'http://münchen.de/',
    'http://example.com/a/./b/../c',
    'http://example.com/a/%2e%2E/c',
    'http://example.com/.well-known/x',
    "http://example.com/it's?it's#it's",
    'http://example.com/a b?c d#e f',
    'http://example.com/\\back',
    'http://example.com/{x}^`|?{y}`#{z}`',
    'http://example.com/é?é#é',
    'http://user:pass@example.com/',
    ' http://example.com/ ',
    'http://exa\tmple.com/',
    'HTTP://example.com/',
    'ws://example.com/',
    'http://ex_ample.com/',
    'http://[::1]:3000/',
  ];

  test('URL: the split in JavaScript and the url crate agree on every component', () => {
    for (const input of URLS) {
      let fast;
      let crate;
      try { fast = fields(new URL(input)); } catch (e) { fast = e.name; }
      try { crate = fields(new URL(input, BASE)); } catch (e) { crate = e.name; }
      assert.equal(fast, crate, input);
    }
  });

  test('URL: components of a request URL', () => {
    const u = new URL('http://localhost:3000/api/items/42?q=a&q=b&empty=&flag#frag');
    assert.equal(u.href, 'http://localhost:3000/api/items/42?q=a&q=b&empty=&flag#frag');
    assert.equal(u.origin, 'http://localhost:3000');
    assert.equal(u.host, 'localhost:3000');
    assert.equal(u.port, '3000');
    assert.equal(u.pathname, '/api/items/42');
    assert.equal(u.search, '?q=a&q=b&empty=&flag');
    assert.equal(u.hash, '#frag');
    assert.deepEqual(u.searchParams.getAll('q'), ['a', 'b']);
    assert.deepEqual([...u.searchParams], [['q', 'a'], ['q', 'b'], ['empty', ''], ['flag', '']]);
    assert.equal(URL.canParse('http://example.com/x'), true);
    assert.equal(URL.canParse('http://example.com:99999/'), false);
  });

  test('URLSearchParams: plain and encoded query strings decode as the standard says', () => {
    const cases = [
      ['a=1&b=2', [['a', '1'], ['b', '2']]],
      ['&&a=1&&', [['a', '1']]],
      ['=x&y=&z', [['', 'x'], ['y', ''], ['z', '']]],
      ['a=b=c', [['a', 'b=c']]],
      ['é=ü&😀=x', [['é', 'ü'], ['😀', 'x']]],
      ['a+b=c+d', [['a b', 'c d']]],
      ['a=%41%zz%&b=%E2%82%AC%F0%9F%98%80%FF', [['a', 'A%zz%'], ['b', '€😀\uFFFD']]],
    ];
    for (const [text, expected] of cases) {
      assert.deepEqual([...new URLSearchParams(text)], expected, text);
    }
    assert.deepEqual([...new URLSearchParams('?q=1')], [['q', '1']]);
    const u = new URL('http://example.com/?a=1&b=2');
    u.search = '?c=3';
    assert.deepEqual([...u.searchParams], [['c', '3']]);
  });
})();
