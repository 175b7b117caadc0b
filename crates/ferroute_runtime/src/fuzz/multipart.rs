//! The `multipart` target: `formData()` of `js/12_formdata.js` driven through a real engine,
//! one engine for every input (creating one costs far more than parsing a body).

use std::{fmt::Write as _, mem::ManuallyDrop, sync::Arc, time::Duration};

use crate::{Engine, EngineConfig};

/// Installed once per engine: `__fuzzFormData(hex, contentType)` resolves to `'parsed'` or
/// `'rejected'`, and rejects (with the broken property) otherwise.
const DRIVER: &str = r#"
(() => {
  const lines = (s) => (s.indexOf('\r') < 0 && s.indexOf('\n') < 0 ? s : s.replace(/\r\n|\r|\n/g, '\r\n'));
  const describe = (e) => `${e?.constructor?.name}: ${e?.message ?? e}`;
  const summary = (fd) =>
    JSON.stringify([...fd].map(([n, v]) => (typeof v === 'string' ? [n, v] : [n, v.name, v.type, v.size])));
  // { fd } or { error }: a TypeError is an answer, any other throw breaks the property.
  async function formData(make) {
    let body;
    try {
      body = make();
    } catch (e) {
      if (e instanceof TypeError) return { error: `constructor: ${e.message}` };
      throw new Error(`the constructor threw ${describe(e)}`);
    }
    let fd;
    try {
      fd = await body.formData();
    } catch (e) {
      if (e instanceof TypeError) return { error: e.message };
      throw new Error(`formData() rejected with ${describe(e)}`);
    }
    if (!(fd instanceof FormData)) throw new Error(`formData() gave ${Object.prototype.toString.call(fd)}`);
    return { fd };
  }
  globalThis.__fuzzFormData = async (hex, contentType) => {
    const bytes = Uint8Array.from(Buffer.from(hex, 'hex'));
    const headers = { 'content-type': contentType };
    const a = await formData(() => new Response(bytes, { headers }));
    const b = await formData(() => new Request('http://localhost/', { method: 'POST', headers, body: bytes }));
    const sa = a.fd === undefined ? `error ${a.error}` : summary(a.fd);
    const sb = b.fd === undefined ? `error ${b.error}` : summary(b.fd);
    if (sa !== sb) throw new Error(`Response and Request disagree: ${sa} / ${sb}`);
    if (a.fd === undefined) return 'rejected';

    // Our own serialisation parses back to the same entries. A backslash before a quote
    // reads as curl's escape, so names with backslashes are not expected to survive.
    const entries = [...a.fd];
    const named = (v) => (typeof v === 'string' ? '' : v.name);
    if (entries.some(([n, v]) => n.includes('\\') || named(v).includes('\\'))) return 'parsed';
    const again = await formData(() => new Response(a.fd));
    if (again.fd === undefined) throw new Error(`${sa} serialises to a body that does not parse: ${again.error}`);
    const back = [...again.fd];
    const sback = summary(again.fd);
    if (back.length !== entries.length) throw new Error(`round trip: ${sa} became ${sback}`);
    for (let i = 0; i < entries.length; i++) {
      const [name, value] = entries[i];
      const [name2, value2] = back[i];
      // %22, %0D and %0A in a name read as escapes after the round trip.
      const sameName = /%(22|0d|0a)/i.test(name) || name2 === lines(name);
      let sameValue;
      if (typeof value === 'string') {
        sameValue = value2 === lines(value);
      } else {
        sameValue =
          typeof value2 !== 'string' &&
          value2.size === value.size &&
          (/%(22|0d|0a)/i.test(value.name) || value2.name === value.name) &&
          value2.type === (value.type || 'application/octet-stream');
      }
      if (!sameName || !sameValue) throw new Error(`round trip of entry ${i}: ${sa} became ${sback}`);
    }
    return 'parsed';
  };
})();
"#;

/// How long one input may take before it counts as a hang.
const TIME_LIMIT: Duration = Duration::from_secs(10);

/// `multipart`: `data` is `<Content-Type>\n<body>` (the Content-Type as Latin-1; without a
/// line feed, all of `data` is the Content-Type and the body is empty).
///
/// - `new Response(body, { headers }).formData()` gives a FormData or rejects with a
///   TypeError, never another error, never hangs, never takes the engine down;
/// - `new Request(...)` with the same body and header gives the same answer;
/// - a parsed FormData serialises (`new Response(formData)`) to a body that parses back to
///   the same entries (names and string values with normalised line breaks).
pub struct Multipart {
    runtime: tokio::runtime::Runtime,
    local: tokio::task::LocalSet,
    /// Never dropped: freeing an engine with values still referenced from Rust trips
    /// QuickJS's leak assertion (the server never frees its engines either).
    engine: ManuallyDrop<Engine>,
}

impl Multipart {
    /// Starts an engine (on this thread, which must not be inside a tokio runtime).
    ///
    /// # Panics
    /// When the engine does not start.
    #[must_use]
    pub fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        let local = tokio::task::LocalSet::new();
        let engine = local.block_on(&runtime, async {
            let mut config =
                EngineConfig::new(std::env::temp_dir(), "http://localhost:3000".into(), 3000);
            config.max_sync_run = Duration::from_secs(5);
            let engine = Engine::new(Arc::new(config)).await.expect("engine");
            engine
                .run_script("fuzz_formdata.js", DRIVER)
                .await
                .expect("fuzz driver");
            engine
        });
        Self {
            runtime,
            local,
            engine: ManuallyDrop::new(engine),
        }
    }

    /// Runs one input.
    ///
    /// # Panics
    /// When a property fails.
    pub fn run(&mut self, data: &[u8]) {
        let (head, body) = match data.iter().position(|&b| b == b'\n') {
            Some(i) => (&data[..i], &data[i + 1..]),
            None => (data, &[][..]),
        };
        let content_type: String = head.iter().map(|&b| char::from(b)).collect();
        let mut script = String::with_capacity(body.len() * 2 + content_type.len() + 40);
        script.push_str("__fuzzFormData('");
        for b in body {
            let _ = write!(script, "{b:02x}");
        }
        script.push_str("', ");
        script.push_str(&serde_json::Value::String(content_type).to_string());
        script.push(')');
        let engine = &*self.engine;
        let outcome = self.local.block_on(&self.runtime, async {
            tokio::time::timeout(TIME_LIMIT, engine.run_script("fuzz_input.js", &script)).await
        });
        match outcome {
            Ok(Ok(_)) => {}
            Ok(Err(message)) => panic!("multipart: {message}\ninput: {data:?}"),
            Err(_) => panic!("multipart: no answer within {TIME_LIMIT:?}\ninput: {data:?}"),
        }
    }
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Multipart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Multipart").finish_non_exhaustive()
    }
}
