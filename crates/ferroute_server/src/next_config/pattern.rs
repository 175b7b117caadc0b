//! The `source` patterns of `headers()`, `redirects()` and `rewrites()`: path-to-regexp 6
//! syntax as Next.js compiles it (`strict`, case-insensitive, `/` as delimiter, an optional
//! trailing slash on user routes), turned into a `regex::Regex`, and the substitution of
//! matched params into a `destination` or a header value.

use std::collections::HashMap;

use regex::Regex;

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
                '{' | '}' => {
                    return Err("`{}` groups are not supported".to_owned());
                }
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
        let caps = self.regex.captures(path)?;
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
