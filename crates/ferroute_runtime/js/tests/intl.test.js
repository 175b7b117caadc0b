test('probe', () => {
  const d = new Date(Date.UTC(2024, 0, 15, 13, 45, 30));
  const out = {
    intl: typeof Intl,
    dls: d.toLocaleString(), dlsOpt: d.toLocaleString('en-GB', { timeZone: 'UTC' }),
    dld: d.toLocaleDateString(), dld2: d.toLocaleDateString('en-US', { month: 'long' }),
    dlt: d.toLocaleTimeString(), nls: (1234567.891).toLocaleString(), nls2: (1234.5).toLocaleString('en-US', { style: 'currency', currency: 'USD' }),
    bls: typeof BigInt.prototype.toLocaleString === 'function' ? (12345n).toLocaleString() : 'none',
    lc: ['a'.localeCompare('B'), 'a'.localeCompare('A', undefined, { sensitivity: 'base' }), '2'.localeCompare('10', undefined, { numeric: true }), 'é'.localeCompare('e')],
    tz: new Date().getTimezoneOffset(),
  };
  throw new Error(JSON.stringify(out));
});
