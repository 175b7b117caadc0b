// Intl (60_intl.js, loaded lazily by 09_intl_global.js). Every expected value below was
// printed by Node 20.20.2 (full ICU 78) for the same expression; the process runs in UTC as the
// engine does. Regenerate with a script that evals each expression in Node.
(() => {
  const d = new Date(Date.UTC(2024, 0, 15, 13, 45, 30, 123));
  const midnight = new Date(Date.UTC(2023, 11, 31, 0, 5, 0));
  const same = (cases) => {
    for (const [fn, expected, src] of cases) {
      let got;
      try { got = JSON.stringify(fn()); } catch (e) { got = `throws ${e}`; }
      assert.equal(got, expected, `${src}\n  got      ${got}\n  expected ${expected}`);
    }
  };

  test("DateTimeFormat: styles (en-US, en-GB)", () => same([
    [() => new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'long', timeZone: 'UTC' }).format(d), "\"Monday, January 15, 2024 at 1:45:30 PM UTC\"", "new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'long', timeZone: 'UTC' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d), "\"Jan 15, 2024, 1:45 PM\"", "new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { dateStyle: 'short' }).format(d), "\"1/15/24\"", "new Intl.DateTimeFormat('en-US', { dateStyle: 'short' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'full' }).format(d), "\"January 15, 2024 at 1:45:30 PM Coordinated Universal Time\"", "new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'full' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'medium', timeZone: 'UTC' }).format(d), "\"Monday, 15 January 2024 at 13:45:30\"", "new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'medium', timeZone: 'UTC' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(d), "\"15/01/2024, 13:45\"", "new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', hour12: true }).format(midnight), "\"31 Dec 2023, 00:05 am\"", "new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', hour12: true }).format(midnight)"],
    [() => new Intl.DateTimeFormat('en-US', { timeStyle: 'medium', hour12: false }).format(midnight), "\"24:05:00\"", "new Intl.DateTimeFormat('en-US', { timeStyle: 'medium', hour12: false }).format(midnight)"],
  ]));

  test("DateTimeFormat: defaults and component options", () => same([
    [() => new Intl.DateTimeFormat().format(d), "\"1/15/2024\"", "new Intl.DateTimeFormat().format(d)"],
    [() => new Intl.DateTimeFormat('en-US').format(d), "\"1/15/2024\"", "new Intl.DateTimeFormat('en-US').format(d)"],
    [() => new Intl.DateTimeFormat('en-GB').format(d), "\"15/01/2024\"", "new Intl.DateTimeFormat('en-GB').format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).format(d), "\"Mon\"", "new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).format(d)"],
    [() => [0, 1, 2, 3, 4, 5, 6].map((i) => new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + i)))), "[\"Sun\",\"Mon\",\"Tue\",\"Wed\",\"Thu\",\"Fri\",\"Sat\"]", "[0, 1, 2, 3, 4, 5, 6].map((i) => new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + i))))"],
    [() => new Intl.DateTimeFormat('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(d), "\"Monday, January 15, 2024\"", "new Intl.DateTimeFormat('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(d), "\"Jan 15, 2024, 1:45 PM\"", "new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d), "\"01/15/2024, 13:45:30\"", "new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' }).format(d), "\"January 2024\"", "new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { month: 'narrow' }).format(d), "\"J\"", "new Intl.DateTimeFormat('en-US', { month: 'narrow' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 }).format(d), "\"1:45:30.123 PM\"", "new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23' }).format(midnight), "\"00\"", "new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23' }).format(midnight)"],
    [() => new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: 'numeric', hourCycle: 'h11' }).format(midnight), "\"0:05 AM\"", "new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: 'numeric', hourCycle: 'h11' }).format(midnight)"],
    [() => new Intl.DateTimeFormat('en-US', { hour: 'numeric', timeZoneName: 'short' }).format(d), "\"1 PM UTC\"", "new Intl.DateTimeFormat('en-US', { hour: 'numeric', timeZoneName: 'short' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { era: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(d), "\"Jan 15, 2024 AD\"", "new Intl.DateTimeFormat('en-US', { era: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { era: 'long', year: 'numeric' }).format(new Date(Date.UTC(-50, 0, 1))), "\"51 Before Christ\"", "new Intl.DateTimeFormat('en-US', { era: 'long', year: 'numeric' }).format(new Date(Date.UTC(-50, 0, 1)))"],
    [() => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(d), "\"Mon, 15 Jan 2024\"", "new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true }).format(d), "\"1:45 pm\"", "new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true }).format(d)"],
    [() => new Intl.DateTimeFormat('en-GB', { month: 'numeric', day: 'numeric' }).format(d), "\"15/01\"", "new Intl.DateTimeFormat('en-GB', { month: 'numeric', day: 'numeric' }).format(d)"],
  ]));

  test("DateTimeFormat: time zones", () => same([
    [() => new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/GMT-5', hour: 'numeric', minute: 'numeric', timeZoneName: 'short' }).format(d), "\"6:45 PM GMT+5\"", "new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/GMT-5', hour: 'numeric', minute: 'numeric', timeZoneName: 'short' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/GMT+10', hour: 'numeric', timeZoneName: 'long' }).format(d), "\"3 AM GMT-10:00\"", "new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/GMT+10', hour: 'numeric', timeZoneName: 'long' }).format(d)"],
    [() => new Intl.DateTimeFormat('en-US', { timeZone: 'utc' }).resolvedOptions().timeZone, "\"UTC\"", "new Intl.DateTimeFormat('en-US', { timeZone: 'utc' }).resolvedOptions().timeZone"],
    [() => new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/UTC' }).resolvedOptions().timeZone, "\"UTC\"", "new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/UTC' }).resolvedOptions().timeZone"],
    [() => new Intl.DateTimeFormat('en-US', { timeZone: 'GMT' }).resolvedOptions().timeZone, "\"UTC\"", "new Intl.DateTimeFormat('en-US', { timeZone: 'GMT' }).resolvedOptions().timeZone"],
    [() => new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/GMT+5' }).resolvedOptions().timeZone, "\"Etc/GMT+5\"", "new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/GMT+5' }).resolvedOptions().timeZone"],
    [() => new Intl.DateTimeFormat().resolvedOptions().timeZone, "\"UTC\"", "new Intl.DateTimeFormat().resolvedOptions().timeZone"],
  ]));

  test("DateTimeFormat: formatToParts, resolvedOptions, formatRange", () => same([
    [() => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).formatToParts(d), "[{\"type\":\"month\",\"value\":\"Jan\"},{\"type\":\"literal\",\"value\":\" \"},{\"type\":\"day\",\"value\":\"15\"},{\"type\":\"literal\",\"value\":\", \"},{\"type\":\"year\",\"value\":\"2024\"},{\"type\":\"literal\",\"value\":\", \"},{\"type\":\"hour\",\"value\":\"1\"},{\"type\":\"literal\",\"value\":\":\"},{\"type\":\"minute\",\"value\":\"45\"},{\"type\":\"literal\",\"value\":\" \"},{\"type\":\"dayPeriod\",\"value\":\"PM\"}]", "new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).formatToParts(d)"],
    [() => new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).formatToParts(d), "[{\"type\":\"weekday\",\"value\":\"Mon\"}]", "new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).formatToParts(d)"],
    [() => new Intl.DateTimeFormat('en-US').resolvedOptions(), "{\"locale\":\"en-US\",\"calendar\":\"gregory\",\"numberingSystem\":\"latn\",\"timeZone\":\"UTC\",\"year\":\"numeric\",\"month\":\"numeric\",\"day\":\"numeric\"}", "new Intl.DateTimeFormat('en-US').resolvedOptions()"],
    [() => new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: 'numeric' }).resolvedOptions(), "{\"locale\":\"en-GB\",\"calendar\":\"gregory\",\"numberingSystem\":\"latn\",\"timeZone\":\"UTC\",\"hourCycle\":\"h23\",\"hour12\":false,\"hour\":\"2-digit\",\"minute\":\"2-digit\"}", "new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: 'numeric' }).resolvedOptions()"],
    [() => new Intl.DateTimeFormat('en-US', { hour: 'numeric', hour12: false }).resolvedOptions(), "{\"locale\":\"en-US\",\"calendar\":\"gregory\",\"numberingSystem\":\"latn\",\"timeZone\":\"UTC\",\"hourCycle\":\"h24\",\"hour12\":false,\"hour\":\"2-digit\"}", "new Intl.DateTimeFormat('en-US', { hour: 'numeric', hour12: false }).resolvedOptions()"],
    [() => new Intl.DateTimeFormat('en-US', { dateStyle: 'short', timeStyle: 'short' }).resolvedOptions(), "{\"locale\":\"en-US\",\"calendar\":\"gregory\",\"numberingSystem\":\"latn\",\"timeZone\":\"UTC\",\"hourCycle\":\"h12\",\"hour12\":true,\"dateStyle\":\"short\",\"timeStyle\":\"short\"}", "new Intl.DateTimeFormat('en-US', { dateStyle: 'short', timeStyle: 'short' }).resolvedOptions()"],
    [() => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(d, new Date(Date.UTC(2024, 0, 19))), "\"Jan 15 – 19, 2024\"", "new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(d, new Date(Date.UTC(2024, 0, 19)))"],
    [() => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(d, new Date(Date.UTC(2024, 2, 9))), "\"Jan 15 – Mar 9, 2024\"", "new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(d, new Date(Date.UTC(2024, 2, 9)))"],
    [() => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(d, new Date(Date.UTC(2025, 2, 9))), "\"Jan 15, 2024 – Mar 9, 2025\"", "new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(d, new Date(Date.UTC(2025, 2, 9)))"],
    [() => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).formatRange(d, new Date(Date.UTC(2024, 0, 15, 15))), "\"Jan 15, 2024, 1:45 – 3:00 PM\"", "new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).formatRange(d, new Date(Date.UTC(2024, 0, 15, 15)))"],
  ]));

  test("Date.prototype.toLocale*String", () => same([
    [() => d.toLocaleString(), "\"1/15/2024, 1:45:30 PM\"", "d.toLocaleString()"],
    [() => d.toLocaleDateString(), "\"1/15/2024\"", "d.toLocaleDateString()"],
    [() => d.toLocaleTimeString(), "\"1:45:30 PM\"", "d.toLocaleTimeString()"],
    [() => d.toLocaleString('en-GB'), "\"15/01/2024, 13:45:30\"", "d.toLocaleString('en-GB')"],
    [() => d.toLocaleDateString('en-GB'), "\"15/01/2024\"", "d.toLocaleDateString('en-GB')"],
    [() => d.toLocaleTimeString('en-GB'), "\"13:45:30\"", "d.toLocaleTimeString('en-GB')"],
    [() => d.toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric' }), "\"January 15, 2024\"", "d.toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric' })"],
    [() => d.toLocaleDateString('en-US', { weekday: 'long' }), "\"Monday\"", "d.toLocaleDateString('en-US', { weekday: 'long' })"],
    [() => d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' }), "\"01:45 PM\"", "d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' })"],
    [() => d.toLocaleTimeString('en-US', { timeZone: 'UTC', timeZoneName: 'short' }), "\"1:45:30 PM UTC\"", "d.toLocaleTimeString('en-US', { timeZone: 'UTC', timeZoneName: 'short' })"],
    [() => d.toLocaleString('en-US', { timeZone: 'UTC', dateStyle: 'full' }), "\"Monday, January 15, 2024\"", "d.toLocaleString('en-US', { timeZone: 'UTC', dateStyle: 'full' })"],
    [() => d.toLocaleDateString(undefined, { hour: 'numeric' }), "\"1/15/2024, 1 PM\"", "d.toLocaleDateString(undefined, { hour: 'numeric' })"],
    [() => new Date(NaN).toLocaleString(), "\"Invalid Date\"", "new Date(NaN).toLocaleString()"],
  ]));

  test("NumberFormat: decimal, percent, grouping, digits", () => same([
    [() => new Intl.NumberFormat('en-US').format(1234567.891), "\"1,234,567.891\"", "new Intl.NumberFormat('en-US').format(1234567.891)"],
    [() => new Intl.NumberFormat().format(-0), "\"-0\"", "new Intl.NumberFormat().format(-0)"],
    [() => new Intl.NumberFormat('en-US').format(1.005), "\"1.005\"", "new Intl.NumberFormat('en-US').format(1.005)"],
    [() => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(1.005), "\"1.01\"", "new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(1.005)"],
    [() => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(5), "\"5.00\"", "new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(5)"],
    [() => new Intl.NumberFormat('en-US', { minimumIntegerDigits: 3 }).format(7), "\"007\"", "new Intl.NumberFormat('en-US', { minimumIntegerDigits: 3 }).format(7)"],
    [() => new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(123456), "\"123,000\"", "new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(123456)"],
    [() => new Intl.NumberFormat('en-US', { useGrouping: false }).format(1234567), "\"1234567\"", "new Intl.NumberFormat('en-US', { useGrouping: false }).format(1234567)"],
    [() => new Intl.NumberFormat('en-US', { style: 'percent' }).format(0.256), "\"26%\"", "new Intl.NumberFormat('en-US', { style: 'percent' }).format(0.256)"],
    [() => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(0.2567), "\"25.7%\"", "new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(0.2567)"],
    [() => [NaN, Infinity, -Infinity].map((n) => new Intl.NumberFormat('en-US').format(n)), "[\"NaN\",\"∞\",\"-∞\"]", "[NaN, Infinity, -Infinity].map((n) => new Intl.NumberFormat('en-US').format(n))"],
    [() => new Intl.NumberFormat('en-US').format(12345678901234567890n), "\"12,345,678,901,234,567,890\"", "new Intl.NumberFormat('en-US').format(12345678901234567890n)"],
    [() => new Intl.NumberFormat('en-US').format('1234.5'), "\"1,234.5\"", "new Intl.NumberFormat('en-US').format('1234.5')"],
    [() => new Intl.NumberFormat('en-US', { notation: 'scientific' }).format(123456), "\"1.235E5\"", "new Intl.NumberFormat('en-US', { notation: 'scientific' }).format(123456)"],
    [() => ['auto', 'always', 'exceptZero', 'never', 'negative'].map((signDisplay) => [-1, 0, 1].map((n) => new Intl.NumberFormat('en-US', { signDisplay }).format(n)).join(' ')), "[\"-1 0 1\",\"-1 +0 +1\",\"-1 0 +1\",\"1 0 1\",\"-1 0 1\"]", "['auto', 'always', 'exceptZero', 'never', 'negative'].map((signDisplay) => [-1, 0, 1].map((n) => new Intl.NumberFormat('en-US', { signDisplay }).format(n)).join(' '))"],
  ]));

  test("NumberFormat: currency, unit, compact", () => same([
    [() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(1234.5), "\"$1,234.50\"", "new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(1234.5)"],
    [() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(-1234.5), "\"-€1,234.50\"", "new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(-1234.5)"],
    [() => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(99.999), "\"£100.00\"", "new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(99.999)"],
    [() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(1234.5), "\"¥1,235\"", "new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(1234.5)"],
    [() => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'USD' }).format(1), "\"US$1.00\"", "new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'USD' }).format(1)"],
    [() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencyDisplay: 'code' }).format(1), "\"USD 1.00\"", "new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencyDisplay: 'code' }).format(1)"],
    [() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', currencyDisplay: 'name' }).format(2), "\"2.00 euros\"", "new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', currencyDisplay: 'name' }).format(2)"],
    [() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencyDisplay: 'name' }).format(1), "\"1.00 US dollars\"", "new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencyDisplay: 'name' }).format(1)"],
    [() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencySign: 'accounting' }).format(-3), "\"($3.00)\"", "new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencySign: 'accounting' }).format(-3)"],
    [() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CHF' }).format(5), "\"CHF 5.00\"", "new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CHF' }).format(5)"],
    [() => ['short', 'long', 'narrow'].map((unitDisplay) => ['kilobyte', 'megabyte', 'second', 'minute', 'hour', 'day', 'percent'].map((unit) => [1, 2.5].map((n) => new Intl.NumberFormat('en-US', { style: 'unit', unit, unitDisplay }).format(n)))), "[[[\"1 kB\",\"2.5 kB\"],[\"1 MB\",\"2.5 MB\"],[\"1 sec\",\"2.5 sec\"],[\"1 min\",\"2.5 min\"],[\"1 hr\",\"2.5 hr\"],[\"1 day\",\"2.5 days\"],[\"1%\",\"2.5%\"]],[[\"1 kilobyte\",\"2.5 kilobytes\"],[\"1 megabyte\",\"2.5 megabytes\"],[\"1 second\",\"2.5 seconds\"],[\"1 minute\",\"2.5 minutes\"],[\"1 hour\",\"2.5 hours\"],[\"1 day\",\"2.5 days\"],[\"1 percent\",\"2.5 percent\"]],[[\"1kB\",\"2.5kB\"],[\"1MB\",\"2.5MB\"],[\"1s\",\"2.5s\"],[\"1m\",\"2.5m\"],[\"1h\",\"2.5h\"],[\"1d\",\"2.5d\"],[\"1%\",\"2.5%\"]]]", "['short', 'long', 'narrow'].map((unitDisplay) => ['kilobyte', 'megabyte', 'second', 'minute', 'hour', 'day', 'percent'].map((unit) => [1, 2.5].map((n) => new Intl.NumberFormat('en-US', { style: 'unit', unit, unitDisplay }).format(n))))"],
    [() => [999, 1234, 12345, 123456, 999999, 1234567, 1.5e9, 2e12].map((n) => new Intl.NumberFormat('en-US', { notation: 'compact' }).format(n)), "[\"999\",\"1.2K\",\"12K\",\"123K\",\"1M\",\"1.2M\",\"1.5B\",\"2T\"]", "[999, 1234, 12345, 123456, 999999, 1234567, 1.5e9, 2e12].map((n) => new Intl.NumberFormat('en-US', { notation: 'compact' }).format(n))"],
    [() => [1234, 1234567].map((n) => new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long' }).format(n)), "[\"1.2 thousand\",\"1.2 million\"]", "[1234, 1234567].map((n) => new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long' }).format(n))"],
    [() => new Intl.NumberFormat('en-GB', { notation: 'compact' }).format(1234), "\"1.2k\"", "new Intl.NumberFormat('en-GB', { notation: 'compact' }).format(1234)"],
    [() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).formatToParts(-1234.5), "[{\"type\":\"minusSign\",\"value\":\"-\"},{\"type\":\"currency\",\"value\":\"$\"},{\"type\":\"integer\",\"value\":\"1\"},{\"type\":\"group\",\"value\":\",\"},{\"type\":\"integer\",\"value\":\"234\"},{\"type\":\"decimal\",\"value\":\".\"},{\"type\":\"fraction\",\"value\":\"50\"}]", "new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).formatToParts(-1234.5)"],
    [() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).resolvedOptions(), "{\"locale\":\"en-US\",\"numberingSystem\":\"latn\",\"style\":\"currency\",\"currency\":\"USD\",\"currencyDisplay\":\"symbol\",\"currencySign\":\"standard\",\"minimumIntegerDigits\":1,\"minimumFractionDigits\":2,\"maximumFractionDigits\":2,\"useGrouping\":\"auto\",\"notation\":\"standard\",\"signDisplay\":\"auto\",\"roundingMode\":\"halfExpand\",\"roundingIncrement\":1,\"trailingZeroDisplay\":\"auto\",\"roundingPriority\":\"auto\"}", "new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).resolvedOptions()"],
    [() => new Intl.NumberFormat('en-US', { notation: 'compact' }).resolvedOptions(), "{\"locale\":\"en-US\",\"numberingSystem\":\"latn\",\"style\":\"decimal\",\"minimumIntegerDigits\":1,\"minimumSignificantDigits\":1,\"maximumSignificantDigits\":2,\"minimumFractionDigits\":0,\"maximumFractionDigits\":0,\"useGrouping\":\"min2\",\"notation\":\"compact\",\"compactDisplay\":\"short\",\"signDisplay\":\"auto\",\"roundingMode\":\"halfExpand\",\"roundingIncrement\":1,\"trailingZeroDisplay\":\"auto\",\"roundingPriority\":\"morePrecision\"}", "new Intl.NumberFormat('en-US', { notation: 'compact' }).resolvedOptions()"],
    [() => (1234.5).toLocaleString(), "\"1,234.5\"", "(1234.5).toLocaleString()"],
    [() => (1234.5).toLocaleString('en-US', { style: 'currency', currency: 'USD' }), "\"$1,234.50\"", "(1234.5).toLocaleString('en-US', { style: 'currency', currency: 'USD' })"],
    [() => (0.5).toLocaleString('en-GB', { style: 'percent' }), "\"50%\"", "(0.5).toLocaleString('en-GB', { style: 'percent' })"],
    [() => (12345n).toLocaleString(), "\"12,345\"", "(12345n).toLocaleString()"],
  ]));

  test("PluralRules, RelativeTimeFormat, ListFormat", () => same([
    [() => [0, 1, 2, 1.5].map((n) => new Intl.PluralRules('en-US').select(n)), "[\"other\",\"one\",\"other\",\"other\"]", "[0, 1, 2, 1.5].map((n) => new Intl.PluralRules('en-US').select(n))"],
    [() => [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map((n) => new Intl.PluralRules('en-US', { type: 'ordinal' }).select(n)), "[\"one\",\"two\",\"few\",\"other\",\"other\",\"other\",\"other\",\"one\",\"two\",\"few\",\"one\",\"other\"]", "[1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map((n) => new Intl.PluralRules('en-US', { type: 'ordinal' }).select(n))"],
    [() => new Intl.PluralRules('en', { minimumFractionDigits: 1 }).select(1), "\"other\"", "new Intl.PluralRules('en', { minimumFractionDigits: 1 }).select(1)"],
    [() => new Intl.PluralRules('en-US', { type: 'ordinal' }).resolvedOptions().pluralCategories, "[\"few\",\"one\",\"two\",\"other\"]", "new Intl.PluralRules('en-US', { type: 'ordinal' }).resolvedOptions().pluralCategories"],
    [() => ['long', 'short', 'narrow'].map((style) => [-2, -1, 1, 3].map((v) => ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'].map((u) => new Intl.RelativeTimeFormat('en', { style }).format(v, u)))), "[[[\"2 years ago\",\"2 months ago\",\"2 weeks ago\",\"2 days ago\",\"2 hours ago\",\"2 minutes ago\",\"2 seconds ago\"],[\"1 year ago\",\"1 month ago\",\"1 week ago\",\"1 day ago\",\"1 hour ago\",\"1 minute ago\",\"1 second ago\"],[\"in 1 year\",\"in 1 month\",\"in 1 week\",\"in 1 day\",\"in 1 hour\",\"in 1 minute\",\"in 1 second\"],[\"in 3 years\",\"in 3 months\",\"in 3 weeks\",\"in 3 days\",\"in 3 hours\",\"in 3 minutes\",\"in 3 seconds\"]],[[\"2 yr. ago\",\"2 mo. ago\",\"2 wk. ago\",\"2 days ago\",\"2 hr. ago\",\"2 min. ago\",\"2 sec. ago\"],[\"1 yr. ago\",\"1 mo. ago\",\"1 wk. ago\",\"1 day ago\",\"1 hr. ago\",\"1 min. ago\",\"1 sec. ago\"],[\"in 1 yr.\",\"in 1 mo.\",\"in 1 wk.\",\"in 1 day\",\"in 1 hr.\",\"in 1 min.\",\"in 1 sec.\"],[\"in 3 yr.\",\"in 3 mo.\",\"in 3 wk.\",\"in 3 days\",\"in 3 hr.\",\"in 3 min.\",\"in 3 sec.\"]],[[\"2y ago\",\"2mo ago\",\"2w ago\",\"2d ago\",\"2h ago\",\"2m ago\",\"2s ago\"],[\"1y ago\",\"1mo ago\",\"1w ago\",\"1d ago\",\"1h ago\",\"1m ago\",\"1s ago\"],[\"in 1y\",\"in 1mo\",\"in 1w\",\"in 1d\",\"in 1h\",\"in 1m\",\"in 1s\"],[\"in 3y\",\"in 3mo\",\"in 3w\",\"in 3d\",\"in 3h\",\"in 3m\",\"in 3s\"]]]", "['long', 'short', 'narrow'].map((style) => [-2, -1, 1, 3].map((v) => ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'].map((u) => new Intl.RelativeTimeFormat('en', { style }).format(v, u))))"],
    [() => [-1, 0, 1, 2].map((v) => ['year', 'quarter', 'day', 'hour', 'second'].map((u) => new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(v, u))), "[[\"last year\",\"last quarter\",\"yesterday\",\"1 hour ago\",\"1 second ago\"],[\"this year\",\"this quarter\",\"today\",\"this hour\",\"now\"],[\"next year\",\"next quarter\",\"tomorrow\",\"in 1 hour\",\"in 1 second\"],[\"in 2 years\",\"in 2 quarters\",\"in 2 days\",\"in 2 hours\",\"in 2 seconds\"]]", "[-1, 0, 1, 2].map((v) => ['year', 'quarter', 'day', 'hour', 'second'].map((u) => new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(v, u)))"],
    [() => new Intl.RelativeTimeFormat('en').formatToParts(-1234.5, 'days'), "[{\"type\":\"integer\",\"value\":\"1\",\"unit\":\"day\"},{\"type\":\"group\",\"value\":\",\",\"unit\":\"day\"},{\"type\":\"integer\",\"value\":\"234\",\"unit\":\"day\"},{\"type\":\"decimal\",\"value\":\".\",\"unit\":\"day\"},{\"type\":\"fraction\",\"value\":\"5\",\"unit\":\"day\"},{\"type\":\"literal\",\"value\":\" days ago\"}]", "new Intl.RelativeTimeFormat('en').formatToParts(-1234.5, 'days')"],
    [() => new Intl.RelativeTimeFormat('en').resolvedOptions(), "{\"locale\":\"en\",\"style\":\"long\",\"numeric\":\"always\",\"numberingSystem\":\"latn\"}", "new Intl.RelativeTimeFormat('en').resolvedOptions()"],
    [() => ['conjunction', 'disjunction', 'unit'].map((type) => ['long', 'short', 'narrow'].map((style) => [['a'], ['a', 'b'], ['a', 'b', 'c']].map((l) => new Intl.ListFormat('en', { type, style }).format(l)))), "[[[\"a\",\"a and b\",\"a, b, and c\"],[\"a\",\"a & b\",\"a, b, & c\"],[\"a\",\"a, b\",\"a, b, c\"]],[[\"a\",\"a or b\",\"a, b, or c\"],[\"a\",\"a or b\",\"a, b, or c\"],[\"a\",\"a or b\",\"a, b, or c\"]],[[\"a\",\"a, b\",\"a, b, c\"],[\"a\",\"a, b\",\"a, b, c\"],[\"a\",\"a b\",\"a b c\"]]]", "['conjunction', 'disjunction', 'unit'].map((type) => ['long', 'short', 'narrow'].map((style) => [['a'], ['a', 'b'], ['a', 'b', 'c']].map((l) => new Intl.ListFormat('en', { type, style }).format(l))))"],
    [() => new Intl.ListFormat('en-GB').format(['a', 'b', 'c']), "\"a, b and c\"", "new Intl.ListFormat('en-GB').format(['a', 'b', 'c'])"],
  ]));

  test("Collator, localeCompare, Segmenter, DisplayNames, getCanonicalLocales, supportedValuesOf", () => same([
    [() => ['b', 'a', 'A', 'á', 'z', 'Z', 'item10', 'item2', '_x', '-y', '10', '9', 'résumé', 'resume', 'Resume'].sort(new Intl.Collator('en').compare), "[\"_x\",\"-y\",\"10\",\"9\",\"a\",\"A\",\"á\",\"b\",\"item10\",\"item2\",\"resume\",\"Resume\",\"résumé\",\"z\",\"Z\"]", "['b', 'a', 'A', 'á', 'z', 'Z', 'item10', 'item2', '_x', '-y', '10', '9', 'résumé', 'resume', 'Resume'].sort(new Intl.Collator('en').compare)"],
    [() => ['item10', 'item2', 'item1'].sort(new Intl.Collator('en', { numeric: true }).compare), "[\"item1\",\"item2\",\"item10\"]", "['item10', 'item2', 'item1'].sort(new Intl.Collator('en', { numeric: true }).compare)"],
    [() => [['a', 'A'], ['a', 'á'], ['a', 'b']].map(([a, b]) => ['base', 'accent', 'case', 'variant'].map((sensitivity) => new Intl.Collator('en', { sensitivity }).compare(a, b))), "[[0,0,-1,-1],[0,-1,0,-1],[-1,-1,-1,-1]]", "[['a', 'A'], ['a', 'á'], ['a', 'b']].map(([a, b]) => ['base', 'accent', 'case', 'variant'].map((sensitivity) => new Intl.Collator('en', { sensitivity }).compare(a, b)))"],
    [() => ['a'.localeCompare('B'), 'a'.localeCompare('A', undefined, { sensitivity: 'base' }), '2'.localeCompare('10', undefined, { numeric: true }), 'é'.localeCompare('e')], "[-1,0,-1,1]", "['a'.localeCompare('B'), 'a'.localeCompare('A', undefined, { sensitivity: 'base' }), '2'.localeCompare('10', undefined, { numeric: true }), 'é'.localeCompare('e')]"],
    [() => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment('e\u0301te\u0301 🇫🇷👍🏽')].map((s) => s.segment), "[\"é\",\"t\",\"é\",\" \",\"🇫🇷\",\"👍🏽\"]", "[...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment('e\\u0301te\\u0301 🇫🇷👍🏽')].map((s) => s.segment)"],
    [() => [...new Intl.Segmenter('en', { granularity: 'word' }).segment("Hello, world! Don't stop.")].map((s) => [s.segment, s.index, s.isWordLike]), "[[\"Hello\",0,true],[\",\",5,false],[\" \",6,false],[\"world\",7,true],[\"!\",12,false],[\" \",13,false],[\"Don't\",14,true],[\" \",19,false],[\"stop\",20,true],[\".\",24,false]]", "[...new Intl.Segmenter('en', { granularity: 'word' }).segment(\"Hello, world! Don't stop.\")].map((s) => [s.segment, s.index, s.isWordLike])"],
    [() => new Intl.Segmenter('en', { granularity: 'word' }).segment('ab cd').containing(3), "{\"segment\":\"cd\",\"index\":3,\"input\":\"ab cd\",\"isWordLike\":true}", "new Intl.Segmenter('en', { granularity: 'word' }).segment('ab cd').containing(3)"],
    [() => ['US', 'GB', 'DE', 'JP'].map((c) => new Intl.DisplayNames('en', { type: 'region' }).of(c)), "[\"United States\",\"United Kingdom\",\"Germany\",\"Japan\"]", "['US', 'GB', 'DE', 'JP'].map((c) => new Intl.DisplayNames('en', { type: 'region' }).of(c))"],
    [() => ['en', 'en-US', 'fr', 'de', 'ja'].map((c) => new Intl.DisplayNames('en', { type: 'language' }).of(c)), "[\"English\",\"American English\",\"French\",\"German\",\"Japanese\"]", "['en', 'en-US', 'fr', 'de', 'ja'].map((c) => new Intl.DisplayNames('en', { type: 'language' }).of(c))"],
    [() => Intl.getCanonicalLocales(['EN-us', 'en-gb', 'zh-hant-tw']), "[\"en-US\",\"en-GB\",\"zh-Hant-TW\"]", "Intl.getCanonicalLocales(['EN-us', 'en-gb', 'zh-hant-tw'])"],
    [() => Intl.DateTimeFormat.supportedLocalesOf(['en-US', 'en-GB', 'en']), "[\"en-US\",\"en-GB\",\"en\"]", "Intl.DateTimeFormat.supportedLocalesOf(['en-US', 'en-GB', 'en'])"],
  ]));

  test('Intl global: lazy, non-enumerable, replaced by a data property; errors', () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'Intl');
    assert.equal(before.enumerable, false);
    assert.equal(Object.keys(globalThis).includes('Intl'), false);
    assert.equal(typeof Intl, 'object');
    const after = Object.getOwnPropertyDescriptor(globalThis, 'Intl');
    assert.equal('value' in after, true);
    assert.equal(Object.prototype.toString.call(Intl), '[object Intl]');
    assert.equal(Object.prototype.toString.call(new Intl.NumberFormat()), '[object Intl.NumberFormat]');
    assert.ok(Intl.DateTimeFormat() instanceof Intl.DateTimeFormat);
    assert.throws(() => new Intl.DateTimeFormat('en-US', { timeZone: 'Not a zone' }), RangeError);
    assert.throws(() => new Intl.DateTimeFormat('en-US', { timeZone: 'Foo' }), RangeError);
    assert.throws(() => new Intl.DateTimeFormat('en-US', { dateStyle: 'short', hour: 'numeric' }), TypeError);
    assert.throws(() => new Intl.DateTimeFormat('en-US').format(new Date(NaN)), RangeError);
    assert.throws(() => new Intl.NumberFormat('en-US', { style: 'currency' }), TypeError);
    assert.throws(() => Intl.getCanonicalLocales('not_a_locale!'), RangeError);
    assert.throws(() => Intl.supportedValuesOf('nope'), RangeError);
  });

  test('Intl: what Node 20 does not do (our documented choices)', () => {
    // Fixed-offset zones (accepted by newer V8; Node 20 throws).
    const f = new Intl.DateTimeFormat('en-US', { timeZone: '+05:30', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    assert.equal(f.resolvedOptions().timeZone, '+05:30');
    assert.equal(f.format(d), '7:15 PM GMT+5:30');
    // A well-formed IANA name we have no data for formats as UTC.
    const ny = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeStyle: 'short' });
    assert.equal(ny.resolvedOptions().timeZone, 'America/New_York');
    assert.equal(ny.format(d), '1:45 PM');
    // Non-English locales fall back to en-US.
    assert.equal(new Intl.DateTimeFormat('fr-FR').resolvedOptions().locale, 'en-US');
    assert.equal(new Intl.NumberFormat('de-DE').format(1234.5), '1,234.5');
    assert.equal(new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC' }).format(d), '1/15/2024');
    // Only the data we have is listed.
    assert.deepEqual(Intl.supportedValuesOf('calendar'), ['gregory']);
    assert.deepEqual(Intl.supportedValuesOf('timeZone'), ['UTC']);
    assert.deepEqual(Intl.supportedValuesOf('numberingSystem'), ['latn']);
    assert.ok(Intl.supportedValuesOf('currency').includes('JPY'));
    assert.ok(Intl.supportedValuesOf('unit').includes('kilobyte'));
  });

  test('@date-fns/utc style: a weekday formatter made at import time', () => {
    const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' });
    assert.equal(weekday.format(d), 'Mon');
    assert.deepEqual(weekday.formatToParts(d), [{ type: 'weekday', value: 'Mon' }]);
    assert.deepEqual(weekday.resolvedOptions(), { locale: 'en-US', calendar: 'gregory', numberingSystem: 'latn', timeZone: 'UTC', weekday: 'short' });
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'longOffset' }).formatToParts(d);
    assert.equal(parts.map((p) => p.value).join(''), '1/15/2024, 13:45:30 GMT+00:00');
  });
})();
