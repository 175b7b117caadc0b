//! `.env` files, loaded the way `next start` loads them: `.env.production.local`,
//! `.env.local`, `.env.production`, `.env` (highest priority first; `dev` uses the
//! `development` variants), with `$VAR` / `${VAR}` expansion. The real environment always
//! wins over the files.

use std::path::Path;

/// Reads the `.env*` files of `root` for `mode` (`production`, `development` or `test`)
/// and returns the merged variables, highest priority first resolved. Also returns the
/// names of the files found, for the start-up banner.
pub fn load_env_files(root: &Path, mode: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut names = vec![format!(".env.{mode}.local")];
    if mode != "test" {
        names.push(".env.local".to_owned());
    }
    names.push(format!(".env.{mode}"));
    names.push(".env".to_owned());

    let mut vars: Vec<(String, String)> = Vec::new();
    let mut found = Vec::new();
    // Lowest priority first, so later files overwrite.
    for name in names.iter().rev() {
        let Ok(text) = std::fs::read_to_string(root.join(name)) else {
            continue;
        };
        found.push(name.clone());
        for (k, v) in parse(&text) {
            match vars.iter_mut().find(|(n, _)| *n == k) {
                Some(slot) => slot.1 = v,
                None => vars.push((k, v)),
            }
        }
    }
    found.reverse();
    // Expand references, to the real environment first, then to the files.
    let snapshot = vars.clone();
    for (_, v) in &mut vars {
        *v = expand(v, &|name| {
            std::env::var(name).ok().or_else(|| {
                snapshot
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            })
        });
    }
    (vars, found)
}

fn parse(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((key, rest)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        {
            continue;
        }
        let rest = rest.trim();
        let value = if let Some(q) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        {
            let mut body = rest[1..].to_owned();
            // Multi-line quoted values.
            while !body.contains(q) {
                match lines.next() {
                    Some(next) => {
                        body.push('\n');
                        body.push_str(next);
                    }
                    None => break,
                }
            }
            let end = body.find(q).unwrap_or(body.len());
            let v = body[..end].to_owned();
            if q == '"' {
                v.replace("\\n", "\n").replace("\\r", "\r")
            } else {
                v
            }
        } else {
            rest.split(" #").next().unwrap_or("").trim().to_owned()
        };
        out.push((key.to_owned(), value));
    }
    out
}

fn expand(value: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && value[i + 1..].starts_with('$') {
            out.push('$');
            chars.next();
            continue;
        }
        if c != '$' {
            out.push(c);
            continue;
        }
        let rest = &value[i + 1..];
        let (name, consumed) = if let Some(inner) = rest.strip_prefix('{') {
            match inner.find('}') {
                Some(end) => (&inner[..end], end + 2),
                None => ("", 0),
            }
        } else {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            (&rest[..end], end)
        };
        if name.is_empty() {
            out.push('$');
            continue;
        }
        let (name, default) = match name.split_once(":-") {
            Some((n, d)) => (n, Some(d)),
            None => (name, None),
        };
        out.push_str(
            &lookup(name)
                .or_else(|| default.map(str::to_owned))
                .unwrap_or_default(),
        );
        for _ in 0..consumed {
            chars.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quotes_comments_and_exports() {
        let vars = parse("# c\nA=1\nexport B = two \nC=\"x\\ny\"\nD='$A'\nE=v # note\n");
        assert_eq!(
            vars,
            vec![
                ("A".into(), "1".into()),
                ("B".into(), "two".into()),
                ("C".into(), "x\ny".into()),
                ("D".into(), "$A".into()),
                ("E".into(), "v".into()),
            ]
        );
    }

    #[test]
    fn expands_references() {
        let lookup = |n: &str| (n == "A_ENV").then(|| "from-env".to_owned());
        assert_eq!(expand("${A_ENV}-expanded", &lookup), "from-env-expanded");
        assert_eq!(expand("$A_ENV/x", &lookup), "from-env/x");
        assert_eq!(expand("\\$A_ENV", &lookup), "$A_ENV");
        assert_eq!(expand("${MISSING:-d}", &lookup), "d");
    }

    #[test]
    fn production_priority() {
        let dir = std::env::temp_dir().join(format!("ferroute-dotenv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(".env"), "A=env\nB=env\nC=env\nD=env\n").unwrap();
        std::fs::write(dir.join(".env.local"), "B=local\nC=local\nD=local\n").unwrap();
        std::fs::write(dir.join(".env.production"), "C=prod\nD=prod\n").unwrap();
        std::fs::write(dir.join(".env.production.local"), "D=prodlocal\n").unwrap();
        std::fs::write(dir.join(".env.development"), "X=dev\n").unwrap();
        let (vars, files) = load_env_files(&dir, "production");
        let get = |k: &str| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(
            (get("A"), get("B"), get("C"), get("D"), get("X")),
            (
                Some("env"),
                Some("local"),
                Some("local"),
                Some("prodlocal"),
                None
            )
        );
        assert_eq!(
            files,
            vec![
                ".env.production.local",
                ".env.local",
                ".env.production",
                ".env"
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
