//! `.env` files, loaded as `next start` loads them (@next/env 15.5 with its bundled dotenv
//! 16.3 and dotenv-expand): `.env.{mode}.local`, `.env.local` (not for `test`),
//! `.env.{mode}`, `.env`, highest priority first, where mode is `test` when `NODE_ENV=test`,
//! else `development` for `dev` and `production` otherwise. Each file is expanded on its
//! own, in that order: `$VAR`/`${VAR}`/`${VAR:-default}` look in the process environment
//! and the files already read, then the default, then the file itself. The real
//! environment always wins over the files.

use std::collections::HashMap;
use std::path::Path;

/// The `.env` mode of a server: `test` when `NODE_ENV=test` (as Next.js decides it),
/// else `development` for `dev` and `production`.
pub(crate) fn env_mode(dev: bool) -> &'static str {
    if std::env::var("NODE_ENV").is_ok_and(|v| v == "test") {
        "test"
    } else if dev {
        "development"
    } else {
        "production"
    }
}

/// Reads the `.env*` files of `root` for `mode` (`production`, `development` or `test`)
/// and returns the variables they set (a variable of the real environment is not among
/// them), and the names of the files found, highest priority first, for the
/// `- Environments:` line.
pub fn load_env_files(root: &Path, mode: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut names = vec![format!(".env.{mode}.local")];
    if mode != "test" {
        names.push(".env.local".to_owned());
    }
    names.push(format!(".env.{mode}"));
    names.push(".env".to_owned());

    let real: HashMap<String, String> = std::env::vars().collect();
    // dotenv-expand writes each file's values into the environment the next file sees.
    let mut seen = real.clone();
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut found = Vec::new();
    for name in names {
        let path = root.join(&name);
        if !path.is_file() {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        // A file that refers to itself without end is skipped, as Next.js skips it (its
        // expansion overflows the stack there), but still listed.
        let parsed = expand_file(parse(&text), &mut seen);
        if parsed.is_none() {
            eprintln!(" ⨯ Failed to load env from {name}: a variable refers to itself");
        }
        found.push(name);
        for (k, v) in parsed.unwrap_or_default() {
            if !real.contains_key(&k) && !vars.iter().any(|(n, _)| *n == k) {
                vars.push((k, v));
            }
        }
    }
    (vars, found)
}

/// dotenv 16.3's `parse`: `KEY=value`, `KEY: value`, `export KEY=value`; values in `'`,
/// `"` or `` ` `` may span lines and hold escaped quotes; an unquoted value ends at `#`;
/// `\n` and `\r` are expanded in `"` values. A repeated key keeps its first place and its
/// last value.
fn parse(text: &str) -> Vec<(String, String)> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<(String, String)> = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let (line_len, parsed) = parse_entry(rest);
        if let Some((k, v)) = parsed {
            match out.iter_mut().find(|(n, _)| *n == k) {
                Some(slot) => slot.1 = v,
                None => out.push((k, v)),
            }
        }
        rest = &rest[line_len.min(rest.len())..];
    }
    out
}

/// One entry at the start of `s`: the bytes it spans (to the next line) and the pair.
fn parse_entry(s: &str) -> (usize, Option<(String, String)>) {
    let line_end = s.find('\n').map_or(s.len(), |i| i + 1);
    let skip = (line_end, None);
    let is_blank = |c: char| c == ' ' || c == '\t';
    let t = s.trim_start_matches(is_blank);
    let t = match t.strip_prefix("export") {
        Some(r) if r.starts_with(is_blank) => r.trim_start_matches(is_blank),
        _ => t,
    };
    let key_len = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'))
        .unwrap_or(t.len());
    if key_len == 0 {
        return skip;
    }
    let key = &t[..key_len];
    let after = &t[key_len..];
    let value_start = if let Some(r) = after.trim_start_matches(is_blank).strip_prefix('=') {
        r.trim_start_matches(is_blank)
    } else if let Some(r) = after.strip_prefix(':').filter(|r| r.starts_with(is_blank)) {
        r.trim_start_matches(is_blank)
    } else {
        return skip;
    };
    let consumed_to = |rest: &str| s.len() - rest.len();
    // A quoted value, if its closing quote is followed only by blanks or a comment.
    if let Some(q) = value_start
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))
    {
        let body = &value_start[1..];
        let mut end = None;
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            if c == '\\' && body[i + 1..].starts_with(q) {
                chars.next();
            } else if c == q {
                end = Some(i);
                break;
            }
        }
        if let Some(end) = end {
            let after_quote = &body[end + 1..];
            let eol = after_quote.find('\n').unwrap_or(after_quote.len());
            let tail = after_quote[..eol].trim_start_matches(is_blank);
            if tail.is_empty() || tail.starts_with('#') {
                let mut v = body[..end].to_owned();
                if q == '"' {
                    v = v.replace("\\n", "\n").replace("\\r", "\r");
                }
                let next = (eol + 1).min(after_quote.len());
                return (consumed_to(&after_quote[next..]), Some((key.to_owned(), v)));
            }
        }
    }
    let line = &value_start[..value_start.find('\n').unwrap_or(value_start.len())];
    let v = line[..line.find('#').unwrap_or(line.len())].trim();
    // An unquoted value that happens to be wrapped in one kind of quote loses them.
    let first = v.chars().next();
    let v = match first {
        Some(q @ ('"' | '\'' | '`')) if v.len() >= 2 && v.ends_with(q) => {
            let inner = &v[1..v.len() - 1];
            if q == '"' {
                inner.replace("\\n", "\n").replace("\\r", "\r")
            } else {
                inner.to_owned()
            }
        }
        _ => v.to_owned(),
    };
    (line_end, Some((key.to_owned(), v)))
}

/// dotenv-expand as @next/env bundles it, for one file: each value (or the environment's,
/// when it has the key) is interpolated, escapes resolved, and the results written into
/// `env` for the files after it. `None` when a reference never ends.
fn expand_file(
    mut parsed: Vec<(String, String)>,
    env: &mut HashMap<String, String>,
) -> Option<Vec<(String, String)>> {
    for i in 0..parsed.len() {
        let raw = env
            .get(&parsed[i].0)
            .cloned()
            .unwrap_or_else(|| parsed[i].1.clone());
        let value = interpolate(raw, env, &parsed)?.replace("\\$", "$");
        parsed[i].1 = value;
    }
    for (k, v) in &parsed {
        env.insert(k.clone(), v.clone());
    }
    Some(parsed)
}

/// Replaces the last unescaped `$NAME`/`${NAME}`/`${NAME:-default}` with the environment's
/// value, else the default, else the file's (empty values skipped), and again until none is
/// left; a `$` that starts no reference ends the expansion. `None` when it does not end.
fn interpolate(
    mut value: String,
    env: &HashMap<String, String>,
    parsed: &[(String, String)],
) -> Option<String> {
    for _ in 0..10_000 {
        let bytes = value.as_bytes();
        let Some(at) = (0..bytes.len())
            .rev()
            .find(|&i| bytes[i] == b'$' && (i == 0 || bytes[i - 1] != b'\\'))
        else {
            return Some(value);
        };
        let Some((len, name, default)) = reference(&value[at..]) else {
            return Some(value);
        };
        let whole = value[at..at + len].to_owned();
        let found = env
            .get(name)
            .filter(|v| !v.is_empty())
            .cloned()
            .or_else(|| default.filter(|d| !d.is_empty()).map(str::to_owned))
            .or_else(|| {
                parsed
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .filter(|v| !v.is_empty())
            })
            .unwrap_or_default();
        value = value.replacen(&whole, &found, 1);
    }
    None
}

/// `${?NAME(:-default)?}?` at the start of `s` (which starts with `$`): its length, the
/// name and the default.
fn reference(s: &str) -> Option<(usize, &str, Option<&str>)> {
    let mut i = 1;
    if s[i..].starts_with('{') {
        i += 1;
    }
    let name_len = s[i..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len() - i);
    if name_len == 0 {
        return None;
    }
    let name = &s[i..i + name_len];
    i += name_len;
    let mut default = None;
    if s[i..].starts_with(":-") {
        let d = &s[i + 2..];
        let d_len = d.find(['}', '\\']).unwrap_or(d.len());
        default = Some(&d[..d_len]);
        i += 2 + d_len;
    }
    if s[i..].starts_with('}') {
        i += 1;
    }
    Some((i, name, default))
}

#[cfg(test)]
mod tests;
