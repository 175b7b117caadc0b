//! The rules of `headers()`, `redirects()` and `rewrites()`: checked as Next's
//! `checkCustomRoutes` checks them, with `basePath` applied to sources and destinations as
//! its `processRoutes` does, and matched per request (`source`, then `has`/`missing`).

use fancy_regex::Regex;
use serde_json::{Map, Value};

use super::pattern::{ParamValue, Params, PathPattern};
use super::{type_name, ConfigError, Parser};

/// What every rule has: the compiled source and its conditions.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub(crate) source: PathPattern,
    pub(crate) has: Vec<Condition>,
    pub(crate) missing: Vec<Condition>,
}

/// A `has`/`missing` item.
#[derive(Debug, Clone)]
pub(crate) struct Condition {
    pub(crate) kind: ConditionKind,
    pub(crate) key: String,
    /// Matched against the whole value (`^(?:value)$`); `None`: present is enough.
    pub(crate) value: Option<Regex>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ConditionKind {
    Header,
    Cookie,
    Query,
    Host,
}

#[derive(Debug, Clone)]
pub(crate) struct HeaderRule {
    pub(crate) rule: Rule,
    pub(crate) headers: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub(crate) struct RedirectRule {
    pub(crate) rule: Rule,
    pub(crate) destination: String,
    pub(crate) status: u16,
}

#[derive(Debug, Clone)]
pub(crate) struct RewriteRule {
    pub(crate) rule: Rule,
    pub(crate) destination: String,
}

/// What a request offers to `has`/`missing`.
pub(crate) struct RequestFacts<'a> {
    pub(crate) headers: &'a http::HeaderMap,
    pub(crate) query: Option<&'a str>,
}

impl Rule {
    /// The params of `path` when the rule applies to this request.
    pub(crate) fn matches(&self, path: &str, req: &RequestFacts<'_>) -> Option<Params> {
        let mut params = self.source.matches(path)?;
        // As Next's matchHas: a condition without `value` gives its key (letters only) as a
        // param; a `value` gives its named groups, or for `host` the whole match.
        for c in &self.has {
            // An empty value is no value (JavaScript's truthiness in Next).
            let value = c.lookup(req).filter(|v| !v.is_empty())?;
            let Some(re) = &c.value else {
                let name: String = c.key.chars().filter(char::is_ascii_alphabetic).collect();
                params.insert(name, ParamValue::One(value));
                continue;
            };
            let caps = re.captures(&value).ok()??;
            let mut named = false;
            for name in re.capture_names().flatten() {
                named = true;
                if let Some(m) = caps.name(name) {
                    params.insert(name.to_owned(), ParamValue::One(m.as_str().to_owned()));
                }
            }
            if !named && c.kind == ConditionKind::Host {
                params.insert("host".to_owned(), ParamValue::One(value));
            }
        }
        for c in &self.missing {
            if let Some(value) = c.lookup(req).filter(|v| !v.is_empty()) {
                if c.value
                    .as_ref()
                    .is_none_or(|re| re.is_match(&value).unwrap_or(false))
                {
                    return None;
                }
            }
        }
        Some(params)
    }
}

impl Condition {
    fn lookup(&self, req: &RequestFacts<'_>) -> Option<String> {
        match self.kind {
            ConditionKind::Header => {
                let values: Vec<&str> = req
                    .headers
                    .get_all(self.key.as_str())
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .collect();
                (!values.is_empty()).then(|| values.join(", "))
            }
            ConditionKind::Host => req
                .headers
                .get(http::header::HOST)
                .and_then(|v| v.to_str().ok())
                // Next compares the hostname, without the port.
                .map(|h| h.rsplit_once(':').map_or(h, |(name, _)| name).to_owned()),
            ConditionKind::Cookie => req
                .headers
                .get_all(http::header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(';'))
                .filter_map(|pair| pair.trim().split_once('='))
                .find(|(k, _)| *k == self.key)
                .map(|(_, v)| {
                    percent_encoding::percent_decode_str(v)
                        .decode_utf8_lossy()
                        .into_owned()
                }),
            ConditionKind::Query => req.query.and_then(|q| {
                form_pairs(q)
                    .filter(|(k, _)| *k == self.key)
                    .last()
                    .map(|(_, v)| v)
            }),
        }
    }
}

fn form_pairs(q: &str) -> impl Iterator<Item = (String, String)> + '_ {
    q.split('&').filter(|p| !p.is_empty()).map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(&s.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        };
        (decode(k), decode(v))
    })
}

/// One middleware matcher (`{ source, has, missing, locale }`, `file` naming the middleware
/// in errors): the source with basePath in front, matched strictly (no optional trailing
/// slash), as Next compiles `config.matcher`.
pub(crate) fn matcher_rule(
    file: &str,
    key: &str,
    obj: &Map<String, Value>,
    base_path: &str,
) -> Result<Rule, ConfigError> {
    let parser = Parser { file };
    let p = RuleParser {
        parser: &parser,
        base_path,
    };
    let source = p.string(key, obj, "source")?;
    if !source.starts_with('/') {
        return Err(p.err(
            &format!("{key}.source"),
            "a matcher must start with /",
            &format!("write '/{source}'"),
        ));
    }
    if let Some(v) = obj
        .get("locale")
        .filter(|v| !matches!(v, Value::Bool(false) | Value::Null))
    {
        return Err(p.err(
            &format!("{key}.locale"),
            format!(
                "`locale` must be false or left out, received {}",
                type_name(v)
            ),
            "remove locale, or write locale: false",
        ));
    }
    let full = if source == "/" && !base_path.is_empty() {
        base_path.to_owned()
    } else {
        format!("{base_path}{source}")
    };
    // Next compiles matchers with path-to-regexp's defaults: a trailing slash is optional
    // (it shows when `skipTrailingSlashRedirect` lets `/a/` reach the middleware).
    let pattern = PathPattern::compile(&full, true).map_err(|e| {
        p.err(
            &format!("{key}.source"),
            format!("{source} is not a valid path-to-regexp pattern: {e}"),
            "see https://nextjs.org/docs/app/building-your-application/routing/middleware#matcher",
        )
    })?;
    Ok(Rule {
        source: pattern,
        has: p.conditions(key, obj, "has")?,
        missing: p.conditions(key, obj, "missing")?,
    })
}

pub(super) struct RuleParser<'a, 'p> {
    pub(super) parser: &'a Parser<'p>,
    pub(super) base_path: &'a str,
}

impl RuleParser<'_, '_> {
    fn err(&self, key: &str, message: impl AsRef<str>, help: &str) -> ConfigError {
        self.parser.err(key, message, help)
    }

    fn array<'v>(&self, key: &str, v: &'v Value) -> Result<&'v [Value], ConfigError> {
        if let Some(t) = v.get("$notAFunction").and_then(Value::as_str) {
            return Err(self.err(
                key,
                format!("expected an async function, received {t}"),
                &format!("write async {key}() {{ return [ … ] }}"),
            ));
        }
        match v {
            Value::Array(items) => Ok(items),
            other => Err(self.err(
                key,
                format!(
                    "{key}() must return an array, received {}",
                    type_name(other)
                ),
                &format!("return an array of rules from {key}()"),
            )),
        }
    }

    fn object<'v>(&self, key: &str, v: &'v Value) -> Result<&'v Map<String, Value>, ConfigError> {
        v.as_object().ok_or_else(|| {
            self.err(
                key,
                format!("expected an object, received {}", type_name(v)),
                "each rule is an object with a source",
            )
        })
    }

    fn string(
        &self,
        key: &str,
        obj: &Map<String, Value>,
        field: &str,
    ) -> Result<String, ConfigError> {
        match obj.get(field) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(other) => Err(self.err(
                &format!("{key}.{field}"),
                format!("`{field}` must be a string, received {}", type_name(other)),
                &format!("give the rule a `{field}` string"),
            )),
            None => Err(self.err(
                &format!("{key}.{field}"),
                format!("`{field}` is missing"),
                &format!("give the rule a `{field}` string"),
            )),
        }
    }

    /// `source`, `has`, `missing`, `basePath: false` of one rule; the basePath it uses.
    fn rule(&self, key: &str, obj: &Map<String, Value>) -> Result<(Rule, &str), ConfigError> {
        let source = self.string(key, obj, "source")?;
        if !source.starts_with('/') {
            return Err(self.err(
                &format!("{key}.source"),
                "`source` does not start with /",
                &format!("write source: '/{source}'"),
            ));
        }
        let base = match obj.get("basePath") {
            None | Some(Value::Null | Value::Bool(true)) => self.base_path,
            Some(Value::Bool(false)) => "",
            Some(_) => {
                return Err(self.err(
                    &format!("{key}.basePath"),
                    "`basePath` must be undefined or false",
                    "remove basePath, or write basePath: false",
                ))
            }
        };
        let full = if source == "/" && !base.is_empty() {
            base.to_owned()
        } else {
            format!("{base}{source}")
        };
        let pattern = PathPattern::compile(&full, true).map_err(|e| {
            self.err(
                &format!("{key}.source"),
                format!("`source` parse failed for {source}: {e}"),
                "see https://nextjs.org/docs/app/api-reference/config/next-config-js/redirects#path-matching",
            )
        })?;
        let has = self.conditions(key, obj, "has")?;
        let missing = self.conditions(key, obj, "missing")?;
        Ok((
            Rule {
                source: pattern,
                has,
                missing,
            },
            base,
        ))
    }

    fn conditions(
        &self,
        key: &str,
        obj: &Map<String, Value>,
        field: &str,
    ) -> Result<Vec<Condition>, ConfigError> {
        let Some(v) = obj.get(field) else {
            return Ok(Vec::new());
        };
        let Value::Array(items) = v else {
            return Err(self.err(
                &format!("{key}.{field}"),
                format!("`{field}` must be an array"),
                "use [{ type: 'header', key: 'x-name', value: '…' }]",
            ));
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let here = format!("{key}.{field}[{i}]");
            let item = self.object(&here, item)?;
            let kind = match item.get("type").and_then(Value::as_str) {
                Some("header") => ConditionKind::Header,
                Some("cookie") => ConditionKind::Cookie,
                Some("query") => ConditionKind::Query,
                Some("host") => ConditionKind::Host,
                _ => {
                    return Err(self.err(
                        &format!("{here}.type"),
                        "invalid `type`",
                        "use 'header', 'cookie', 'query' or 'host'",
                    ))
                }
            };
            let key_name = match (kind, item.get("key")) {
                (ConditionKind::Host, _) => String::new(),
                (_, Some(Value::String(k))) => k.clone(),
                _ => {
                    return Err(self.err(
                        &format!("{here}.key"),
                        "invalid `key`",
                        "give the condition the name of the header, cookie or query param",
                    ))
                }
            };
            let value = match item.get("value") {
                Some(Value::String(v)) => Some(Regex::new(&format!("^(?:{v})$")).map_err(|e| {
                    self.err(
                        &format!("{here}.value"),
                        format!("invalid regular expression: {e}"),
                        "fix the pattern",
                    )
                })?),
                None | Some(Value::Null) if kind == ConditionKind::Host => {
                    return Err(self.err(
                        &format!("{here}.value"),
                        "`value` is required for `type: 'host'`",
                        "give the host condition a value",
                    ))
                }
                None | Some(Value::Null) => None,
                Some(_) => {
                    return Err(self.err(
                        &format!("{here}.value"),
                        "invalid `value`",
                        "use a string",
                    ))
                }
            };
            // Header names compare without case; cookie and query names with it.
            let key = if kind == ConditionKind::Header {
                key_name.to_ascii_lowercase()
            } else {
                key_name
            };
            out.push(Condition { kind, key, value });
        }
        Ok(out)
    }

    pub(super) fn headers(&self, v: &Value) -> Result<Vec<HeaderRule>, ConfigError> {
        let mut out = Vec::new();
        for (i, item) in self.array("headers", v)?.iter().enumerate() {
            let key = format!("headers[{i}]");
            let obj = self.object(&key, item)?;
            let (rule, _) = self.rule(&key, obj)?;
            let Some(Value::Array(list)) = obj.get("headers") else {
                return Err(self.err(
                    &format!("{key}.headers"),
                    "`headers` field must be an array",
                    "use headers: [{ key: 'x-name', value: 'value' }]",
                ));
            };
            let mut headers = Vec::new();
            for (j, h) in list.iter().enumerate() {
                let here = format!("{key}.headers[{j}]");
                let h = self.object(&here, h)?;
                let name = self.string(&here, h, "key")?;
                let value = self.string(&here, h, "value")?;
                if http::HeaderName::from_bytes(name.as_bytes()).is_err() {
                    return Err(self.err(
                        &format!("{here}.key"),
                        format!("`{name}` is not a valid header name"),
                        "use a header name",
                    ));
                }
                headers.push((name.to_ascii_lowercase(), value));
            }
            out.push(HeaderRule { rule, headers });
        }
        Ok(out)
    }

    pub(super) fn redirects(&self, v: &Value) -> Result<Vec<RedirectRule>, ConfigError> {
        let mut out = Vec::new();
        for (i, item) in self.array("redirects", v)?.iter().enumerate() {
            let key = format!("redirects[{i}]");
            let obj = self.object(&key, item)?;
            let (rule, base) = self.rule(&key, obj)?;
            let destination = self.destination(&key, obj, base)?;
            let status = match (obj.get("statusCode"), obj.get("permanent")) {
                (Some(Value::Number(n)), None) => match n.as_u64() {
                    Some(s @ (301 | 302 | 303 | 307 | 308)) => s as u16,
                    _ => {
                        return Err(self.err(
                            &format!("{key}.statusCode"),
                            format!(
                                "`statusCode` is not undefined or valid statusCode, received {n}"
                            ),
                            "use 301, 302, 303, 307 or 308",
                        ))
                    }
                },
                (None, Some(Value::Bool(p))) => {
                    if *p {
                        308
                    } else {
                        307
                    }
                }
                (Some(_), Some(_)) => {
                    return Err(self.err(
                        &key,
                        "`permanent` and `statusCode` cannot both be provided",
                        "keep one of them",
                    ))
                }
                _ => {
                    return Err(self.err(
                        &format!("{key}.permanent"),
                        "`permanent` is not set to `true` or `false`",
                        "add permanent: true (308) or false (307)",
                    ))
                }
            };
            out.push(RedirectRule {
                rule,
                destination,
                status,
            });
        }
        Ok(out)
    }

    fn destination(
        &self,
        key: &str,
        obj: &Map<String, Value>,
        base: &str,
    ) -> Result<String, ConfigError> {
        let dest = self.string(key, obj, "destination")?;
        if dest.starts_with('/') && !base.is_empty() {
            Ok(if dest == "/" {
                base.to_owned()
            } else {
                format!("{base}{dest}")
            })
        } else {
            Ok(dest)
        }
    }

    #[allow(clippy::type_complexity)]
    pub(super) fn rewrites(
        &self,
        v: &Value,
    ) -> Result<(Vec<RewriteRule>, Vec<RewriteRule>, Vec<RewriteRule>), ConfigError> {
        if let Value::Object(groups) = v {
            if !groups.contains_key("$notAFunction") {
                let list = |name: &str| -> Result<Vec<RewriteRule>, ConfigError> {
                    match groups.get(name) {
                        None | Some(Value::Null) => Ok(Vec::new()),
                        Some(v) => self.rewrite_list(&format!("rewrites.{name}"), v),
                    }
                };
                return Ok((list("beforeFiles")?, list("afterFiles")?, list("fallback")?));
            }
        }
        Ok((Vec::new(), self.rewrite_list("rewrites", v)?, Vec::new()))
    }

    fn rewrite_list(&self, name: &str, v: &Value) -> Result<Vec<RewriteRule>, ConfigError> {
        let mut out = Vec::new();
        for (i, item) in self.array(name, v)?.iter().enumerate() {
            let key = format!("{name}[{i}]");
            let obj = self.object(&key, item)?;
            let (rule, base) = self.rule(&key, obj)?;
            let destination = self.destination(&key, obj, base)?;
            if base.is_empty() && !self.base_path.is_empty() && destination.starts_with('/') {
                return Err(self.err(
                    &format!("{key}.destination"),
                    format!(
                        "The route {} rewrites urls outside of the basePath",
                        obj.get("source").and_then(Value::as_str).unwrap_or("")
                    ),
                    "use a destination that starts with http:// or https://",
                ));
            }
            out.push(RewriteRule { rule, destination });
        }
        Ok(out)
    }
}
