//! The `source` patterns of `headers()`, `redirects()` and `rewrites()`: path-to-regexp 6
//! syntax as Next.js compiles it (`strict`, case-insensitive, `/` as delimiter, an optional
//! trailing slash on user routes), turned into a `regex::Regex`, and the substitution of
//! matched params into a `destination` or a header value.

use std::collections::HashMap;

use fancy_regex::Regex;

/// One compiled `source`.
#[derive(Debug, Clone)]
pub(crate) struct PathPattern {
    regex: Regex,
    /// The name of each capture group, in order (unnamed groups get their index).
    keys: Vec<Key>,
}

#[derive(Debug, Clone)]
struct Key {
    name: String,
    /// `*` or `+`: the value is split on `/` (path-to-regexp repeats).
    repeat: bool,
}

/// A param's value: one segment, or the segments of a `*`/`+` param.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ParamValue {
    One(String),
    Many(Vec<String>),
}

impl ParamValue {
    /// As Next.js writes it into a destination: repeats joined with `/`.
    pub(crate) fn joined(&self) -> String {
        match self {
            Self::One(s) => s.clone(),
            Self::Many(v) => v.join("/"),
        }
    }
}

pub(crate) type Params = HashMap<String, ParamValue>;

/// The default pattern of a `:param` (path-to-regexp 6).
const DEFAULT_PATTERN: &str = "[^/#?]+?";

impl PathPattern {
    /// Compiles `source`. `optional_slash`: accept one trailing `/` (every user route;
    /// Next's own trailing-slash redirects are strict).
    pub(crate) fn compile(source: &str, optional_slash: bool) -> Result<Self, String> {
        let chars: Vec<char> = source.chars().collect();
        let mut re = String::from("(?i)^");
        let mut keys = Vec::new();
        let mut i = 0;
        let mut unnamed = 0usize;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\\' if i + 1 < chars.len() => {
                    re.push_str(&regex::escape(&chars[i + 1].to_string()));
                    i += 2;
                }
                ':' | '(' => {
                    let mut name = String::new();
                    if c == ':' {
                        i += 1;
                        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                            name.push(chars[i]);
                            i += 1;
                        }
                        if name.is_empty() {
                            return Err(format!("missing parameter name at {}", i - 1));
                        }
                    }
                    let mut pattern = None;
                    if i < chars.len() && chars[i] == '(' {
                        let (p, next) = group(&chars, i)?;
                        pattern = Some(p);
                        i = next;
                    }
                    if name.is_empty() {
                        name = unnamed.to_string();
                        unnamed += 1;
                    }
                    let modifier = match chars.get(i) {
                        Some(m @ ('?' | '*' | '+')) => {
                            i += 1;
                            Some(*m)
                        }
                        _ => None,
                    };
                    // path-to-regexp takes a `/` right before the param as its prefix.
                    let prefix = if re.ends_with('/') {
                        re.pop();
                        "/"
                    } else {
                        ""
                    };
                    let p = pattern.as_deref().unwrap_or(DEFAULT_PATTERN);
                    match modifier {
                        None => re.push_str(&format!("{prefix}({p})")),
                        Some('?') => re.push_str(&format!("(?:{prefix}({p}))?")),
                        Some(m) => {
                            re.push_str(&format!("(?:{prefix}((?:{p})(?:{prefix}(?:{p}))*))"));
                            if m == '*' {
                                re.push('?');
                            }
                        }
                    }
                    keys.push(Key {
                        name,
                        repeat: matches!(modifier, Some('*' | '+')),
                    });
                }
                '{' => {
                    i = brace_group(&chars, i, &mut re, &mut keys, &mut unnamed)?;
                }
                '}' => return Err(format!("unexpected }} at {i}")),
                c => {
                    re.push_str(&regex::escape(&c.to_string()));
                    i += 1;
                }
            }
        }
        // `regex::escape` leaves `/` alone, so the prefix test above sees it.
        if optional_slash {
            re.push_str("(?:/)?");
        }
        re.push('$');
        let regex = Regex::new(&re).map_err(|e| e.to_string())?;
        Ok(Self { regex, keys })
    }

    /// The params of `path`, or `None` when it does not match.
    pub(crate) fn matches(&self, path: &str) -> Option<Params> {
        // A pattern that backtracks too much fails to match.
        let caps = self.regex.captures(path).ok()??;
        let mut params = Params::new();
        for (i, key) in self.keys.iter().enumerate() {
            let Some(m) = caps.get(i + 1) else { continue };
            let value = if key.repeat {
                ParamValue::Many(m.as_str().split('/').map(str::to_owned).collect())
            } else {
                ParamValue::One(m.as_str().to_owned())
            };
            params.insert(key.name.clone(), value);
        }
        Some(params)
    }
}

/// Text of a `{…}` group up to its param, pattern or end: escapes resolved.
fn group_text(chars: &[char], mut i: usize) -> (String, usize) {
    let mut text = String::new();
    while i < chars.len() && !matches!(chars[i], ':' | '(' | '}' | '{') {
        if chars[i] == '\\' && i + 1 < chars.len() {
            i += 1;
        }
        text.push(chars[i]);
        i += 1;
    }
    (text, i)
}

/// A path-to-regexp 6 group `{prefix:name(pattern)suffix}` with its modifier, starting at
/// `chars[start]` (the `{`), appended to `re`; returns the index after it.
fn brace_group(
    chars: &[char],
    start: usize,
    re: &mut String,
    keys: &mut Vec<Key>,
    unnamed: &mut usize,
) -> Result<usize, String> {
    let (prefix, mut i) = group_text(chars, start + 1);
    let mut name = String::new();
    if chars.get(i) == Some(&':') {
        i += 1;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
            name.push(chars[i]);
            i += 1;
        }
        if name.is_empty() {
            return Err(format!("missing parameter name at {}", i - 1));
        }
    }
    let mut pattern = None;
    if chars.get(i) == Some(&'(') {
        let (p, next) = group(chars, i)?;
        pattern = Some(p);
        i = next;
    }
    let (suffix, next) = group_text(chars, i);
    i = next;
    if chars.get(i) != Some(&'}') {
        return Err(format!("expected }} at {i}"));
    }
    i += 1;
    let modifier = match chars.get(i) {
        Some(m @ ('?' | '*' | '+')) => {
            i += 1;
            Some(*m)
        }
        _ => None,
    };
    let (pre, suf) = (regex::escape(&prefix), regex::escape(&suffix));
    let pattern = match (pattern, name.is_empty()) {
        (Some(p), _) => Some(p),
        (None, false) => Some(DEFAULT_PATTERN.to_owned()),
        (None, true) => None,
    };
    let Some(p) = pattern else {
        re.push_str(&format!("(?:{pre}{suf})"));
        if let Some(m) = modifier {
            re.push(m);
        }
        return Ok(i);
    };
    if name.is_empty() {
        name = unnamed.to_string();
        *unnamed += 1;
    }
    match modifier {
        Some(m @ ('*' | '+')) => {
            re.push_str(&format!("(?:{pre}((?:{p})(?:{suf}{pre}(?:{p}))*){suf})"));
            if m == '*' {
                re.push('?');
            }
        }
        Some(m) => re.push_str(&format!("(?:{pre}({p}){suf}){m}")),
        None => re.push_str(&format!("(?:{pre}({p}){suf})")),
    }
    keys.push(Key {
        name,
        repeat: matches!(modifier, Some('*' | '+')),
    });
    Ok(i)
}

/// The `(...)` group starting at `chars[start]`, balanced, and the index after it.
fn group(chars: &[char], start: usize) -> Result<(String, usize), String> {
    let mut depth = 0usize;
    let mut out = String::new();
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            out.push(c);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '(' {
            depth += 1;
            if depth > 1 && chars.get(i + 1) != Some(&'?') {
                return Err(format!("capturing groups are not allowed at {i}"));
            }
        } else if c == ')' {
            depth -= 1;
            if depth == 0 {
                if out.len() <= 1 {
                    return Err(format!("missing pattern at {start}"));
                }
                return Ok((out[1..].to_owned(), i + 1));
            }
        }
        out.push(c);
        i += 1;
    }
    Err(format!("unbalanced pattern at {start}"))
}

/// `destination` (or a header key/value) with `:name` replaced by the param's value, as
/// Next's `compile` does; names without a value stay as written.
pub(crate) fn substitute(template: &str, params: &Params) -> String {
    if !template.contains(':') {
        return template.to_owned();
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
            .map_or(after.len(), |(i, _)| i);
        let name = &after[..len];
        // `:name*` / `:name+` / `:name?` in a destination: the modifier is not written.
        let skip = usize::from(matches!(after[len..].chars().next(), Some('*' | '+' | '?')));
        match params.get(name) {
            Some(v) if !name.is_empty() => {
                out.push_str(&v.joined());
                rest = &after[len + skip..];
            }
            // An optional param without a value goes, with its `/` (path-to-regexp's compile).
            None if !name.is_empty() && matches!(after[len..].chars().next(), Some('*' | '?')) => {
                if out.ends_with('/') {
                    out.pop();
                }
                rest = &after[len + 1..];
            }
            _ => {
                out.push(':');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The params a rewrite adds to the query: all of them when its destination path uses none
/// (Next's `appendParamsToQuery`), as `(name, values)`.
pub(crate) fn appended_params(destination: &str, params: &Params) -> Vec<(String, Vec<String>)> {
    let path = destination.split(['?', '#']).next().unwrap_or("");
    let used = path.split(':').skip(1).any(|rest| {
        let len = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
            .map_or(rest.len(), |(i, _)| i);
        params.contains_key(&rest[..len])
    });
    if used {
        return Vec::new();
    }
    let mut out: Vec<(String, Vec<String>)> = params
        .iter()
        .map(|(k, v)| {
            let values = match v {
                ParamValue::One(s) => vec![s.clone()],
                ParamValue::Many(list) => list.clone(),
            };
            (k.clone(), values)
        })
        .collect();
    out.sort();
    out
}

/// The request's query (`original`) with a destination's query and the appended params over
/// it, as Next merges them (`{ ...request, ...params, ...destination }`): a key keeps its
/// first position, its values come from the highest source.
pub(crate) fn merge_query(
    original: Option<&str>,
    destination: &str,
    appended: Vec<(String, Vec<String>)>,
) -> String {
    let mut merged: Vec<(String, Vec<String>)> = Vec::new();
    let put =
        |k: String, values: Vec<String>, replace: bool, list: &mut Vec<(String, Vec<String>)>| {
            match list.iter_mut().find(|(name, _)| *name == k) {
                Some((_, existing)) if replace => *existing = values,
                Some((_, existing)) => existing.extend(values),
                None => list.push((k, values)),
            }
        };
    for (k, v) in form_urlencoded::parse(original.unwrap_or("").as_bytes()) {
        put(k.into_owned(), vec![v.into_owned()], false, &mut merged);
    }
    let mut dest: Vec<(String, Vec<String>)> = Vec::new();
    for (k, v) in form_urlencoded::parse(destination.as_bytes()) {
        put(k.into_owned(), vec![v.into_owned()], false, &mut dest);
    }
    for (k, values) in appended {
        if !dest.iter().any(|(name, _)| *name == k) {
            put(k, values, true, &mut merged);
        }
    }
    for (k, values) in dest {
        put(k, values, true, &mut merged);
    }
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, values) in &merged {
        for v in values {
            ser.append_pair(k, v);
        }
    }
    ser.finish()
}
