//! Case files (`cases/<suite>.json`), normalisers and the recorded form of a
//! response that goldens store and the runner compares.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::client::Response;
use crate::regex::{slice, Regex};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SuiteFile {
    pub(crate) suite: String,
    /// Fixture app directory, relative to the conformance directory.
    pub(crate) fixture: String,
    /// Optional base app copied first; `fixture` is then copied over it
    /// (its files win), so a suite can re-run another suite's app with
    /// e.g. only a different next.config.js.
    #[serde(default)]
    pub(crate) fixture_base: Option<String>,
    #[serde(default)]
    pub(crate) description: String,
    /// Extra environment variables for the server process (and build).
    #[serde(default)]
    pub(crate) env: BTreeMap<String, String>,
    pub(crate) cases: Vec<Case>,
}

// No `deny_unknown_fields` where `flatten` is used (serde does not support
// the combination); `check_keys` in main.rs rejects unknown keys instead.
#[derive(Debug, Deserialize, Clone)]
pub(crate) struct Case {
    pub(crate) id: String,
    /// Spec item(s) from shared/spec/behaviour.md (or `seed` for docs examples).
    #[serde(default)]
    pub(crate) spec: Option<String>,
    #[serde(default)]
    pub(crate) note: Option<String>,
    /// Deliberate difference from Next.js; the case still runs and is
    /// reported separately (see docs/compat.md "Conformance deviations").
    #[serde(default)]
    pub(crate) deviation: Option<String>,
    /// Single-request shorthand (ignored when `steps` is given).
    #[serde(flatten)]
    pub(crate) request: StepRequest,
    #[serde(default)]
    pub(crate) steps: Vec<Step>,
    /// Headers compared besides content-type.
    #[serde(default)]
    pub(crate) compare_headers: Vec<String>,
    #[serde(default)]
    pub(crate) compare: CompareOpts,
    #[serde(default)]
    pub(crate) normalise: Vec<Normaliser>,
}

#[derive(Debug, Deserialize, Clone, Default)]
pub(crate) struct StepRequest {
    #[serde(default)]
    pub(crate) method: Option<String>,
    #[serde(default)]
    pub(crate) path: Option<String>,
    /// Request headers (sent in this order after the defaults).
    #[serde(default)]
    pub(crate) send_headers: Vec<(String, String)>,
    #[serde(default)]
    pub(crate) body: Option<String>,
    #[serde(default)]
    pub(crate) body_base64: Option<String>,
    /// Body made of `text` repeated `times` times (large uploads).
    #[serde(default)]
    pub(crate) body_repeat: Option<BodyRepeat>,
    /// Send the body chunked, one chunk per entry.
    #[serde(default)]
    pub(crate) chunks: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) chunk_delay_ms: u64,
    /// Sleep this long before sending.
    #[serde(default)]
    pub(crate) wait_ms: u64,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct BodyRepeat {
    pub(crate) text: String,
    pub(crate) times: usize,
}

#[derive(Debug, Deserialize, Clone)]
pub(crate) struct Step {
    #[serde(flatten)]
    pub(crate) request: StepRequest,
    /// false: a setup step whose response is not compared.
    #[serde(default = "yes")]
    pub(crate) check: bool,
    /// Send the same request this many times (each one a step).
    #[serde(default = "one")]
    pub(crate) repeat: u32,
    /// Overrides the case's `compare_headers` for this step.
    #[serde(default)]
    pub(crate) compare_headers: Option<Vec<String>>,
    /// Capture values from this (raw) response for `${name}` in later steps.
    #[serde(default)]
    pub(crate) capture: Vec<Capture>,
}

fn yes() -> bool {
    true
}
fn one() -> u32 {
    1
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct Capture {
    pub(crate) name: String,
    #[serde(rename = "in")]
    pub(crate) field: String,
    pub(crate) regex: String,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct CompareOpts {
    #[serde(default = "yes")]
    pub(crate) status: bool,
    #[serde(default)]
    pub(crate) status_text: bool,
    #[serde(default = "yes")]
    pub(crate) body: bool,
    #[serde(default = "yes")]
    pub(crate) content_type: bool,
    /// Record whether the body's first and last bytes arrived at least this
    /// many milliseconds apart (i.e. the response was streamed).
    #[serde(default)]
    pub(crate) streamed_ms: Option<u64>,
    /// Record whether the body framing completed (chunked terminator seen).
    #[serde(default)]
    pub(crate) complete: bool,
}

impl Default for CompareOpts {
    fn default() -> Self {
        CompareOpts {
            status: true,
            status_text: false,
            body: true,
            content_type: true,
            streamed_ms: None,
            complete: false,
        }
    }
}

/// A declared per-field normaliser. `in` is `body`, `status_text` or
/// `header:<name>`; exactly one action is given.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct Normaliser {
    #[serde(rename = "in")]
    pub(crate) field: String,
    /// Value is irrelevant (presence is still compared): becomes `<ignored>`.
    #[serde(default)]
    pub(crate) ignore: bool,
    /// Replace the server's own port number with `<PORT>`.
    #[serde(default)]
    pub(crate) port: bool,
    /// Pattern for `replace`, `token` or `extract`.
    #[serde(default)]
    pub(crate) regex: Option<String>,
    /// Replace each match (`$1` inserts group 1).
    #[serde(default)]
    pub(crate) replace: Option<String>,
    /// Replace each match's group 1 (or whole match) by `<token:K>`, where K
    /// numbers distinct values in order of first appearance across the case:
    /// equal values stay equal, different values stay different.
    #[serde(default)]
    pub(crate) token: Option<String>,
    /// Keep only group 1 (or the whole match) of the first match; `<no match>`
    /// otherwise.
    #[serde(default)]
    pub(crate) extract: Option<String>,
    /// Sort repeated header values (order not significant).
    #[serde(default)]
    pub(crate) sort: bool,
    /// Keep only the first N values of a repeated header.
    #[serde(default)]
    pub(crate) keep_first: Option<usize>,
}

impl Case {
    /// The section is the first path component of the id.
    pub(crate) fn section(&self) -> &str {
        self.id.split('/').next().unwrap_or(&self.id)
    }

    /// Expanded steps (repeat unrolled).
    pub(crate) fn expanded_steps(&self) -> Vec<Step> {
        let steps = if self.steps.is_empty() {
            vec![Step {
                request: self.request.clone(),
                check: true,
                repeat: 1,
                compare_headers: None,
                capture: Vec::new(),
            }]
        } else {
            self.steps.clone()
        };
        let mut out = Vec::new();
        for s in steps {
            for _ in 0..s.repeat.max(1) {
                let mut one = s.clone();
                one.repeat = 1;
                out.push(one);
            }
        }
        out
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let err = |m: String| Err(format!("case {}: {m}", self.id));
        if !self.id.contains('/') {
            return err("id must be <section>/<name>".into());
        }
        for s in self.expanded_steps() {
            if s.request.path.is_none() {
                return err("a step has no path".into());
            }
            if !s.request.path.as_deref().unwrap_or("").starts_with('/') {
                return err("paths start with /".into());
            }
        }
        for n in &self.normalise {
            let actions = [
                n.ignore,
                n.port,
                n.replace.is_some(),
                n.token.is_some(),
                n.extract.is_some(),
                n.sort,
                n.keep_first.is_some(),
            ];
            if actions.iter().filter(|a| **a).count() != 1 {
                return err(format!(
                    "normaliser on {} must have exactly one action",
                    n.field
                ));
            }
            if (n.replace.is_some() || n.token.is_some()) && n.regex.is_none() {
                return err(format!("normaliser on {} needs a regex", n.field));
            }
            for p in [&n.regex, &n.extract].into_iter().flatten() {
                Regex::new(p).map_err(|e| format!("case {}: {e}", self.id))?;
            }
            if !(n.field == "body" || n.field == "status_text" || n.field.starts_with("header:")) {
                return err(format!(
                    "normaliser field {:?} must be body, status_text or header:<name>",
                    n.field
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn headers_for(&self, step: &Step) -> Vec<String> {
        let mut hs: Vec<String> = Vec::new();
        if self.compare.content_type {
            hs.push("content-type".into());
        }
        for h in step
            .compare_headers
            .as_ref()
            .unwrap_or(&self.compare_headers)
        {
            let h = h.to_ascii_lowercase();
            if !hs.contains(&h) {
                hs.push(h);
            }
        }
        hs
    }
}

/// Per-case normalisation state (token numbering spans all steps of a case).
#[derive(Default)]
pub(crate) struct TokenState {
    seen: HashMap<String, Vec<String>>,
}

impl TokenState {
    fn token(&mut self, name: &str, value: &str) -> String {
        let vals = self.seen.entry(name.to_string()).or_default();
        let idx = match vals.iter().position(|v| v == value) {
            Some(i) => i,
            None => {
                vals.push(value.to_string());
                vals.len() - 1
            }
        };
        format!("<{name}:{}>", idx + 1)
    }
}

fn replace_port(text: &str, port: u16) -> String {
    let p = port.to_string();
    let b = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        if text[i..].starts_with(&p) {
            let before = i > 0 && b[i - 1].is_ascii_digit();
            let after = b.get(i + p.len()).is_some_and(|c| c.is_ascii_digit());
            if !before && !after {
                out.push_str("<PORT>");
                i += p.len();
                continue;
            }
        }
        let ch = text[i..].chars().next().expect("in bounds");
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

fn apply_text(n: &Normaliser, text: &str, port: u16, tokens: &mut TokenState) -> String {
    if n.ignore {
        return "<ignored>".into();
    }
    if n.port {
        return replace_port(text, port);
    }
    if let Some(pat) = &n.extract {
        let re = Regex::new(pat).expect("validated");
        return match re.find_at(text, 0) {
            Some(mt) => slice(text, mt.primary()),
            None => "<no match>".into(),
        };
    }
    let re = Regex::new(n.regex.as_deref().expect("validated")).expect("validated");
    if let Some(rep) = &n.replace {
        return re.replace_all(text, rep);
    }
    if let Some(name) = &n.token {
        return re.replace_with(text, |mt, t| {
            let (ws, we) = mt.whole();
            let (gs, ge) = mt.primary();
            let whole = slice(t, (ws, we));
            let tok = tokens.token(name, &slice(t, (gs, ge)));
            // Keep the text around group 1 within the whole match.
            let pre = slice(t, (ws, gs));
            let post = slice(t, (ge, we));
            if whole.is_empty() {
                whole
            } else {
                format!("{pre}{tok}{post}")
            }
        });
    }
    text.to_string()
}

/// What a golden stores for one compared step.
pub(crate) fn record_step(
    case: &Case,
    step: &Step,
    resp: &Response,
    port: u16,
    tokens: &mut TokenState,
) -> Value {
    let mut rec = serde_json::Map::new();
    let c = &case.compare;
    if c.status {
        rec.insert("status".into(), json!(resp.status));
    }
    if c.status_text {
        let mut st = resp.status_text.clone();
        for n in case.normalise.iter().filter(|n| n.field == "status_text") {
            st = apply_text(n, &st, port, tokens);
        }
        rec.insert("status_text".into(), json!(st));
    }
    let mut headers = serde_json::Map::new();
    for name in case.headers_for(step) {
        let mut vals = resp.header_values(&name);
        let key = format!("header:{name}");
        for n in case
            .normalise
            .iter()
            .filter(|n| n.field.eq_ignore_ascii_case(&key))
        {
            if n.sort {
                vals.sort();
            } else if let Some(k) = n.keep_first {
                vals.truncate(k);
            } else {
                vals = vals
                    .iter()
                    .map(|v| apply_text(n, v, port, tokens))
                    .collect();
            }
        }
        headers.insert(name, json!(vals));
    }
    rec.insert("headers".into(), Value::Object(headers));
    if c.body {
        let mut body_norms = case
            .normalise
            .iter()
            .filter(|n| n.field == "body")
            .peekable();
        match String::from_utf8(resp.body.clone()) {
            Ok(mut text) => {
                for n in body_norms.by_ref() {
                    text = apply_text(n, &text, port, tokens);
                }
                rec.insert("body".into(), json!(text));
            }
            Err(_) => {
                rec.insert("body_base64".into(), json!(crate::b64::encode(&resp.body)));
            }
        }
    }
    if let Some(ms) = c.streamed_ms {
        rec.insert("streamed".into(), json!(resp.body_spread_ms >= ms));
    }
    if c.complete {
        rec.insert("complete".into(), json!(resp.complete));
    }
    Value::Object(rec)
}

/// Apply captures declared on a step to the raw response.
pub(crate) fn capture(step: &Step, resp: &Response, vars: &mut BTreeMap<String, String>) {
    for cap in &step.capture {
        let sources: Vec<String> = if cap.field == "body" {
            vec![String::from_utf8_lossy(&resp.body).into_owned()]
        } else if let Some(h) = cap.field.strip_prefix("header:") {
            resp.header_values(&h.to_ascii_lowercase())
        } else {
            Vec::new()
        };
        let Ok(re) = Regex::new(&cap.regex) else {
            continue;
        };
        for s in sources {
            if let Some(mt) = re.find_at(&s, 0) {
                vars.insert(cap.name.clone(), slice(&s, mt.primary()));
                break;
            }
        }
    }
}

pub(crate) fn substitute(text: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = text.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("${{{k}}}"), v);
    }
    out
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct GoldenFile {
    pub(crate) next_version: String,
    pub(crate) suite: String,
    pub(crate) note: String,
    /// Case id -> one entry per expanded step (`null` for setup steps).
    pub(crate) cases: BTreeMap<String, Vec<Value>>,
}
