// userAgent() / userAgentFromString() from next/server. Our parser is
// best-effort (Next uses ua-parser-js); the expected values below are what
// Next.js 15.5.29 returns for these strings (JSON.stringify, so undefined
// fields are omitted). Plain script: only `test` / `assert`.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const { userAgent, userAgentFromString, NextRequest } = internal.modules['next/server'];

  const CASES = [
    [undefined,
      { browser: {}, engine: {}, os: {}, device: {}, cpu: {}, isBot: false }],
    ['',
      {browser: {}, engine: {}, os: {}, device: {}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      {browser: {name: 'Chrome', version: '120.0.0.0', major: '120'}, engine: {name: 'Blink', version: '120.0.0.0'}, os: {name: 'Windows', version: '10'}, device: {}, cpu: {architecture: 'amd64'}, isBot: false}],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      {browser: {name: 'Safari', version: '17.1', major: '17'}, engine: {name: 'WebKit', version: '605.1.15'}, os: {name: 'Mac OS', version: '10.15.7'}, device: {vendor: 'Apple', model: 'Macintosh'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      {browser: {name: 'Mobile Safari', version: '17.1', major: '17'}, engine: {name: 'WebKit', version: '605.1.15'}, os: {name: 'iOS', version: '17.1'}, device: {vendor: 'Apple', model: 'iPhone', type: 'mobile'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36',
      {browser: {name: 'Chrome', version: '120.0.6099.43', major: '120'}, engine: {name: 'Blink', version: '120.0.6099.43'}, os: {name: 'Android', version: '14'}, device: {vendor: 'Google', model: 'Pixel 8', type: 'mobile'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
      {browser: {name: 'Firefox', version: '121.0', major: '121'}, engine: {name: 'Gecko', version: '121.0'}, os: {name: 'Linux', version: 'x86_64'}, device: {}, cpu: {architecture: 'amd64'}, isBot: false}],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
      {browser: {name: 'Edge', version: '120.0.2210.91', major: '120'}, engine: {name: 'Blink', version: '120.0.0.0'}, os: {name: 'Windows', version: '10'}, device: {}, cpu: {architecture: 'amd64'}, isBot: false}],
    ['curl/8.4.0',
      {browser: {}, engine: {}, os: {}, device: {}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      {browser: {}, engine: {}, os: {}, device: {}, cpu: {}, isBot: true}],
    ['Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
      {browser: {name: 'Mobile Safari', version: '16.6', major: '16'}, engine: {name: 'WebKit', version: '605.1.15'}, os: {name: 'iOS', version: '16.6'}, device: {vendor: 'Apple', model: 'iPad', type: 'tablet'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0',
      {browser: {name: 'Firefox', version: '121.0', major: '121'}, engine: {name: 'Gecko', version: '121.0'}, os: {name: 'Mac OS', version: '10.15'}, device: {vendor: 'Apple', model: 'Macintosh'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Mobile Safari/537.36',
      {browser: {name: 'Chrome', version: '112.0.0.0', major: '112'}, engine: {name: 'Blink', version: '112.0.0.0'}, os: {name: 'Android', version: '13'}, device: {vendor: 'Samsung', model: 'SM-S918B', type: 'mobile'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36',
      {browser: {name: 'Chrome', version: '119.0.0.0', major: '119'}, engine: {name: 'Blink', version: '119.0.0.0'}, os: {name: 'Linux', version: 'x86_64'}, device: {}, cpu: {architecture: 'amd64'}, isBot: false}],
    ['Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko',
      {browser: {name: 'IE', version: '11.0', major: '11'}, engine: {name: 'Trident', version: '7.0'}, os: {name: 'Windows', version: '7'}, device: {}, cpu: {architecture: 'amd64'}, isBot: false}],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
      {browser: {name: 'Chrome', version: '120.0.6099.119', major: '120'}, engine: {name: 'WebKit', version: '605.1.15'}, os: {name: 'iOS', version: '17.1'}, device: {vendor: 'Apple', model: 'iPhone', type: 'mobile'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0',
      {browser: {name: 'Opera', version: '106.0.0.0', major: '106'}, engine: {name: 'Blink', version: '120.0.0.0'}, os: {name: 'Windows', version: '10'}, device: {}, cpu: {architecture: 'amd64'}, isBot: false}],
    ['PostmanRuntime/7.36.0',
      {browser: {}, engine: {}, os: {}, device: {}, cpu: {}, isBot: false}],
    ['node',
      {browser: {}, engine: {}, os: {}, device: {}, cpu: {}, isBot: false}],
    ['Wget/1.21',
      {browser: {}, engine: {}, os: {}, device: {}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      {browser: {name: 'Chrome', version: '120.0.0.0', major: '120'}, engine: {name: 'Blink', version: '120.0.0.0'}, os: {name: 'Mac OS', version: '10.15.7'}, device: {vendor: 'Apple', model: 'Macintosh'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
      {browser: {name: 'Firefox', version: '121.0', major: '121'}, engine: {name: 'Gecko', version: '121.0'}, os: {name: 'Windows', version: '10'}, device: {}, cpu: {architecture: 'amd64'}, isBot: false}],
    ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
      {browser: {name: 'Samsung Browser', version: '23.0', major: '23'}, engine: {name: 'Blink', version: '115.0.0.0'}, os: {name: 'Android', version: '10'}, device: {model: 'K', type: 'mobile'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      {browser: {}, engine: {}, os: {}, device: {}, cpu: {}, isBot: true}],
    ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0',
      {browser: {name: 'Firefox', version: '120.0', major: '120'}, engine: {name: 'Gecko', version: '120.0'}, os: {name: 'Ubuntu'}, device: {}, cpu: {architecture: 'amd64'}, isBot: false}],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      {browser: {name: 'Chrome', version: '120.0.0.0', major: '120'}, engine: {name: 'Blink', version: '120.0.0.0'}, os: {name: 'Chromium OS', version: '14541.0.0'}, device: {}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36',
      {browser: {name: 'Chrome', version: '109.0.0.0', major: '109'}, engine: {name: 'Blink', version: '109.0.0.0'}, os: {name: 'Windows', version: '7'}, device: {}, cpu: {architecture: 'amd64'}, isBot: false}],
    ['Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      {browser: {name: 'Chrome', version: '120.0.0.0', major: '120'}, engine: {name: 'Blink', version: '120.0.0.0'}, os: {name: 'Android', version: '14'}, device: {vendor: 'Samsung', model: 'SM-X710', type: 'tablet'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15',
      {browser: {name: 'Firefox', version: '121.0', major: '121'}, engine: {name: 'WebKit', version: '605.1.15'}, os: {name: 'iOS', version: '17.1'}, device: {vendor: 'Apple', model: 'iPhone', type: 'mobile'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36 EdgA/120.0.2210.115',
      {browser: {name: 'Edge', version: '120.0.2210.115', major: '120'}, engine: {name: 'Blink', version: '120.0.6099.43'}, os: {name: 'Android', version: '14'}, device: {vendor: 'Google', model: 'Pixel 8', type: 'mobile'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0',
      {browser: {name: 'Firefox', version: '121.0', major: '121'}, engine: {name: 'Gecko', version: '121.0'}, os: {name: 'Android', version: '14'}, device: {type: 'mobile'}, cpu: {}, isBot: false}],
    ['Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/120.0.6099.216 Safari/537.36',
      {browser: {name: 'Chrome', version: '120.0.6099.216', major: '120'}, engine: {name: 'Blink', version: '120.0.6099.216'}, os: {}, device: {}, cpu: {}, isBot: true}],
    ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      {browser: {}, engine: {}, os: {}, device: {}, cpu: {}, isBot: true}],
    ['Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      {browser: {name: 'Chrome', version: '120.0.0.0', major: '120'}, engine: {name: 'Blink', version: '120.0.0.0'}, os: {name: 'Windows', version: '10'}, device: {}, cpu: {architecture: 'amd64'}, isBot: false}],
    ['Mozilla/5.0 (Windows NT 10.0; ARM64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      {browser: {name: 'Chrome', version: '120.0.0.0', major: '120'}, engine: {name: 'Blink', version: '120.0.0.0'}, os: {name: 'Windows', version: '10'}, device: {}, cpu: {architecture: 'arm64'}, isBot: false}],
    ['Mozilla/5.0 (X11; Linux aarch64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      {browser: {name: 'Chrome', version: '120.0.0.0', major: '120'}, engine: {name: 'Blink', version: '120.0.0.0'}, os: {name: 'Linux', version: 'aarch64'}, device: {}, cpu: {architecture: 'arm64'}, isBot: false}],
    ['Mozilla/5.0 (X11; Linux i686; rv:109.0) Gecko/20100101 Firefox/115.0',
      {browser: {name: 'Firefox', version: '115.0', major: '115'}, engine: {name: 'Gecko', version: '109.0'}, os: {name: 'Linux', version: 'i686'}, device: {}, cpu: {architecture: 'ia32'}, isBot: false}],

  ];

  test('userAgentFromString matches Next (ua-parser-js) for common browsers, OSes and bots', () => {
    for (const [ua, expected] of CASES) {
      const want = JSON.stringify(Object.assign({ ua: ua === undefined ? '' : ua }, expected));
      assert.equal(JSON.stringify(userAgentFromString(ua)), want, String(ua));
    }
  });

  test('result shape: every field is present (undefined when unknown)', () => {
    const r = userAgentFromString('curl/8.4.0');
    assert.deepEqual(Object.keys(r), ['ua', 'browser', 'engine', 'os', 'device', 'cpu', 'isBot']);
    assert.deepEqual(Object.keys(r.browser), ['name', 'version', 'major']);
    assert.deepEqual(Object.keys(r.engine), ['name', 'version']);
    assert.deepEqual(Object.keys(r.os), ['name', 'version']);
    assert.deepEqual(Object.keys(r.device), ['vendor', 'model', 'type']);
    assert.deepEqual(Object.keys(r.cpu), ['architecture']);
    assert.equal(r.browser.name, undefined);
    assert.equal(r.isBot, false);
  });

  test('userAgentFromString(undefined) and userAgent() without a user-agent header', () => {
    const none = userAgentFromString(undefined);
    assert.equal(none.ua, '');
    assert.equal(none.isBot, false);
    const req = new NextRequest('http://localhost:3000/ua');
    assert.equal(JSON.stringify(userAgent(req)), '{"ua":"","browser":{},"engine":{},"os":{},"device":{},"cpu":{},"isBot":false}');
  });

  test('userAgent(request) reads the user-agent header', () => {
    const ua = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    const req = new NextRequest('http://localhost:3000/ua', { headers: { 'user-agent': ua } });
    const r = userAgent(req);
    assert.equal(r.ua, ua);
    assert.equal(r.isBot, true);
    assert.equal(userAgent({ headers: new Headers({ 'user-agent': 'curl/8.4.0' }) }).ua, 'curl/8.4.0');
  });

  test('isBot recognises common crawlers case-insensitively', () => {
    for (const ua of ['Googlebot-Image/1.0', 'Mozilla/5.0 (compatible; YandexBot/3.0)', 'Twitterbot/1.0', 'Slackbot-LinkExpanding 1.0',
      'Mozilla/5.0 (compatible; DuckDuckBot-Https/1.1)', 'LinkedInBot/1.0', 'WhatsApp/2.23', 'Discordbot/2.0', 'Mozilla/5.0 (Applebot/0.1)']) {
      assert.equal(userAgentFromString(ua).isBot, true, ua);
    }
    assert.equal(userAgentFromString('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36').isBot, false);
  });
})();
