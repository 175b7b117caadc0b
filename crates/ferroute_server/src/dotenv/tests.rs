use std::collections::HashMap;

use super::*;

fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn parses_quotes_comments_and_exports() {
    let vars = parse("# c\nA=1\nexport B = two \nC=\"x\\ny\"\nD='$A'\nE=v # note\n");
    assert_eq!(
        vars,
        pairs(&[
            ("A", "1"),
            ("B", "two"),
            ("C", "x\ny"),
            ("D", "$A"),
            ("E", "v")
        ])
    );
}

/// What dotenv 16.3.1's `parse` (bundled in @next/env 15.5) returns for each line.
#[test]
fn parses_as_dotenv_16_3() {
    let text = "A=a#b\r\nB: colon\nC:nospace\nD=\"say \\\"hi\\\"\"\nE='multi\nline'\nF=`x` # c\nG=\"x\" y\nA=again\nH=\nI='single \\n'\n  export   J=j\n";
    assert_eq!(
        parse(text),
        pairs(&[
            ("A", "again"),
            ("B", "colon"),
            ("D", "say \\\"hi\\\""),
            ("E", "multi\nline"),
            ("F", "x"),
            ("G", "\"x\" y"),
            ("H", ""),
            ("I", "single \\n"),
            ("J", "j"),
        ])
    );
}

#[test]
fn expands_as_dotenv_expand() {
    let mut e = env(&[("A_ENV", "from-env"), ("EMPTY", "")]);
    let file = pairs(&[
        ("X", "${A_ENV}-expanded"),
        ("Y", "$A_ENV/x"),
        ("Z", "\\$A_ENV"),
        ("D", "${MISSING:-d}"),
        ("SELF", "$X+"),
        ("LATER", "$NEXT"),
        ("NEXT", "n"),
        ("DEF_FIRST", "${NEXT:-default}"),
        ("E", "${EMPTY:-fallback}"),
        ("LONE", "$A_ENV $"),
    ]);
    let out: HashMap<String, String> = expand_file(file, &mut e).unwrap().into_iter().collect();
    assert_eq!(out["X"], "from-env-expanded");
    assert_eq!(out["Y"], "from-env/x");
    assert_eq!(out["Z"], "$A_ENV");
    assert_eq!(out["D"], "d");
    assert_eq!(out["SELF"], "from-env-expanded+");
    assert_eq!(out["LATER"], "n");
    // The default comes before the file's own value, as in dotenv-expand.
    assert_eq!(out["DEF_FIRST"], "default");
    assert_eq!(out["E"], "fallback");
    // A `$` that starts no reference stops the expansion.
    assert_eq!(out["LONE"], "$A_ENV $");
    // What the next file sees.
    assert_eq!(e["NEXT"], "n");
}

/// Next.js logs `Failed to load env from .env` and takes nothing from that file.
#[test]
fn a_file_with_an_endless_self_reference_is_skipped() {
    let mut e = env(&[]);
    assert_eq!(expand_file(pairs(&[("A", "$A"), ("B", "1")]), &mut e), None);
    let dir = temp("self");
    std::fs::write(dir.join(".env"), "A=$A\nB=1\n").unwrap();
    std::fs::write(dir.join(".env.local"), "C=2\n").unwrap();
    let (vars, files) = load_env_files(&dir, "production");
    assert_eq!(vars, pairs(&[("C", "2")]));
    assert_eq!(files, vec![".env.local", ".env"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ferroute-dotenv-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn production_priority() {
    let dir = temp("prio");
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

/// Each file is expanded alone, highest priority first: a file sees the ones before it,
/// not the ones after it (`next start` gives exactly these values).
#[test]
fn files_expand_in_priority_order() {
    let dir = temp("order");
    std::fs::write(
        dir.join(".env"),
        "BASE=base\nFROM_LOCAL=$LOCAL_ONLY\nOVERRIDDEN=env\n",
    )
    .unwrap();
    std::fs::write(
        dir.join(".env.local"),
        "LOCAL_ONLY=local\nSEES_BASE=[$BASE]\nOVERRIDDEN=local-$LOCAL_ONLY\n",
    )
    .unwrap();
    let (vars, files) = load_env_files(&dir, "production");
    let get = |k: &str| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("FROM_LOCAL"), Some("local"));
    assert_eq!(get("SEES_BASE"), Some("[]"));
    assert_eq!(get("OVERRIDDEN"), Some("local-local"));
    assert_eq!(files, vec![".env.local", ".env"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn test_mode_skips_env_local() {
    let dir = temp("test");
    std::fs::write(dir.join(".env"), "A=env\n").unwrap();
    std::fs::write(dir.join(".env.local"), "A=local\n").unwrap();
    std::fs::write(dir.join(".env.test"), "B=test\n").unwrap();
    let (vars, files) = load_env_files(&dir, "test");
    assert_eq!(vars, pairs(&[("B", "test"), ("A", "env")]));
    assert_eq!(files, vec![".env.test", ".env"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
