use super::pattern::{substitute, ParamValue, Params, PathPattern};
use super::*;

fn matches(source: &str, path: &str) -> Option<Vec<(String, ParamValue)>> {
    let p = PathPattern::compile(source, true).unwrap_or_else(|e| panic!("{source}: {e}"));
    p.matches(path).map(|m| {
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    })
}

fn one(name: &str, v: &str) -> (String, ParamValue) {
    (name.to_owned(), ParamValue::One(v.to_owned()))
}

fn many(name: &str, v: &[&str]) -> (String, ParamValue) {
    (
        name.to_owned(),
        ParamValue::Many(v.iter().map(|s| (*s).to_owned()).collect()),
    )
}

#[test]
fn plain_sources_match_with_or_without_a_trailing_slash_and_any_case() {
    assert_eq!(matches("/old", "/old"), Some(vec![]));
    assert_eq!(matches("/old", "/old/"), Some(vec![]));
    assert_eq!(matches("/old", "/OLD"), Some(vec![]));
    assert_eq!(matches("/old", "/old/x"), None);
    assert_eq!(matches("/old", "/older"), None);
}

#[test]
fn named_params_take_one_segment() {
    assert_eq!(matches("/item/:id", "/item/7"), Some(vec![one("id", "7")]));
    assert_eq!(matches("/item/:id", "/item/7/"), Some(vec![one("id", "7")]));
    assert_eq!(matches("/item/:id", "/item/7/8"), None);
    assert_eq!(matches("/item/:id", "/item"), None);
    assert_eq!(
        matches("/:a/:b", "/x/y"),
        Some(vec![one("a", "x"), one("b", "y")])
    );
}

#[test]
fn modifiers_follow_path_to_regexp() {
    assert_eq!(matches("/api/:path*", "/api"), Some(vec![]));
    assert_eq!(
        matches("/api/:path*", "/api/a/b"),
        Some(vec![many("path", &["a", "b"])])
    );
    assert_eq!(matches("/api/:path+", "/api"), None);
    assert_eq!(
        matches("/api/:path+", "/api/a"),
        Some(vec![many("path", &["a"])])
    );
    assert_eq!(matches("/opt/:x?", "/opt"), Some(vec![]));
    assert_eq!(matches("/opt/:x?", "/opt/1"), Some(vec![one("x", "1")]));
}

#[test]
fn custom_patterns_and_unnamed_groups() {
    assert_eq!(
        matches("/post/:id(\\d+)", "/post/12"),
        Some(vec![one("id", "12")])
    );
    assert_eq!(matches("/post/:id(\\d+)", "/post/ab"), None);
    assert_eq!(
        matches("/files/(.*)", "/files/a/b.txt"),
        Some(vec![one("0", "a/b.txt")])
    );
    assert_eq!(matches("/a\\:b", "/a:b"), Some(vec![]));
    assert!(PathPattern::compile("/x/:id((a))", true).is_err());
    assert!(PathPattern::compile("/x/:", true).is_err());
}

#[test]
fn destinations_get_params_written_in() {
    let mut params = Params::new();
    params.insert("id".into(), ParamValue::One("7".into()));
    params.insert(
        "path".into(),
        ParamValue::Many(vec!["a".into(), "b".into()]),
    );
    assert_eq!(substitute("/api/items/:id", &params), "/api/items/7");
    assert_eq!(substitute("/new/:path*", &params), "/new/a/b");
    assert_eq!(
        substitute("https://x.test:8080/:id", &params),
        "https://x.test:8080/7"
    );
    assert_eq!(substitute("/keep/:other", &params), "/keep/:other");
    assert_eq!(substitute("/new/:rest*", &params), "/new");
    assert_eq!(substitute("/new/:rest?/x", &params), "/new/x");
}

fn config(json: &str) -> Result<NextConfig, ConfigError> {
    NextConfig::from_json("next.config.js", json)
}

fn invalid_key(json: &str) -> String {
    match config(json) {
        Err(ConfigError::Invalid { key, .. }) => key,
        other => panic!("{json}: expected an invalid key, got {other:?}"),
    }
}

#[test]
fn base_path_is_checked_as_next_checks_it() {
    assert_eq!(
        config(r#"{"basePath":"/docs"}"#).unwrap().base_path,
        "/docs"
    );
    assert_eq!(config(r#"{"basePath":""}"#).unwrap().base_path, "");
    for bad in [r#""docs""#, r#""/docs/""#, r#""/""#, "1"] {
        assert_eq!(invalid_key(&format!(r#"{{"basePath":{bad}}}"#)), "basePath");
    }
}

#[test]
fn other_keys_are_typed_or_accepted() {
    assert_eq!(invalid_key(r#"{"trailingSlash":"yes"}"#), "trailingSlash");
    assert_eq!(invalid_key(r#"{"env":{"A":{}}}"#), "env.A");
    assert_eq!(invalid_key(r#"{"output":"server"}"#), "output");
    assert_eq!(
        invalid_key(r#"{"headers":{"$notAFunction":"object"}}"#),
        "headers"
    );
    assert_eq!(
        invalid_key(r#"{"redirects":[{"source":"/a","destination":"/b"}]}"#),
        "redirects[0].permanent"
    );
    assert_eq!(
        invalid_key(r#"{"redirects":[{"source":"a","destination":"/b","permanent":true}]}"#),
        "redirects[0].source"
    );
    assert_eq!(
        invalid_key(r#"{"redirects":[{"source":"/a","destination":"/b","statusCode":305}]}"#),
        "redirects[0].statusCode"
    );
    assert_eq!(
        invalid_key(r#"{"headers":[{"source":"/a","headers":[{"key":"bad key","value":"1"}]}]}"#),
        "headers[0].headers[0].key"
    );
    let c = config(r#"{"images":{},"experimental":{"authInterrupts":true},"output":"standalone","env":{"A":"1","B":2},"serverExternalPackages":["x"]}"#).unwrap();
    assert!(c.auth_interrupts);
    assert_eq!(c.output.as_deref(), Some("standalone"));
    assert_eq!(
        c.env,
        vec![
            ("A".to_owned(), "1".to_owned()),
            ("B".to_owned(), "2".to_owned())
        ]
    );
    assert!(c.warnings.is_empty());
}

#[test]
fn unknown_keys_warn_in_next_words() {
    let c = config(r#"{"foo":1,"bar":true}"#).unwrap();
    assert_eq!(
        c.warnings,
        vec!["Invalid next.config.js options detected: \n    Unrecognized key(s) in object: 'foo', 'bar'\nSee more info here: https://nextjs.org/docs/messages/invalid-next-config".to_owned()]
    );
}

#[test]
fn rules_get_the_base_path_unless_they_opt_out() {
    let c = config(
        r#"{"basePath":"/docs","redirects":[
            {"source":"/old","destination":"/new","permanent":false},
            {"source":"/ext","destination":"https://e.test/x","permanent":true,"basePath":false},
            {"source":"/s","destination":"/t","statusCode":301}
        ]}"#,
    )
    .unwrap();
    let facts = RequestFacts {
        headers: &http::HeaderMap::new(),
        query: None,
    };
    assert!(c.redirects[0].rule.matches("/docs/old", &facts).is_some());
    assert!(c.redirects[0].rule.matches("/old", &facts).is_none());
    assert_eq!(c.redirects[0].destination, "/docs/new");
    assert_eq!(c.redirects[0].status, 307);
    assert!(c.redirects[1].rule.matches("/ext/", &facts).is_some());
    assert_eq!(c.redirects[1].destination, "https://e.test/x");
    assert_eq!(c.redirects[1].status, 308);
    assert_eq!(c.redirects[2].status, 301);
}

#[test]
fn has_and_missing_conditions() {
    let c = config(
        r#"{"headers":[{"source":"/:p*","has":[
              {"type":"header","key":"X-Mode","value":"on|yes"},
              {"type":"cookie","key":"session"},
              {"type":"query","key":"q","value":"1"},
              {"type":"host","value":"example\\.com"}
            ],"missing":[{"type":"header","key":"x-skip"}],
            "headers":[{"key":"x-hit","value":"1"}]}]}"#,
    )
    .unwrap();
    let rule = &c.headers[0].rule;
    let mut h = http::HeaderMap::new();
    h.insert("x-mode", "yes".parse().unwrap());
    h.insert("cookie", "a=1; session=abc".parse().unwrap());
    h.insert("host", "example.com:3000".parse().unwrap());
    let facts = RequestFacts {
        headers: &h,
        query: Some("q=1&z"),
    };
    let params = rule.matches("/a", &facts).expect("all conditions hold");
    assert_eq!(params.get("session"), Some(&ParamValue::One("abc".into())));
    assert!(rule
        .matches(
            "/a",
            &RequestFacts {
                headers: &h,
                query: Some("q=2")
            }
        )
        .is_none());
    let mut skipped = h.clone();
    skipped.insert("x-skip", "1".parse().unwrap());
    assert!(rule
        .matches(
            "/a",
            &RequestFacts {
                headers: &skipped,
                query: Some("q=1")
            }
        )
        .is_none());
    let mut other_host = h.clone();
    other_host.insert("host", "other.com".parse().unwrap());
    assert!(rule
        .matches(
            "/a",
            &RequestFacts {
                headers: &other_host,
                query: Some("q=1")
            }
        )
        .is_none());
}

#[test]
fn rewrites_take_both_shapes() {
    let c = config(r#"{"rewrites":[{"source":"/a","destination":"/b"}]}"#).unwrap();
    assert_eq!(
        (c.before_files.len(), c.after_files.len(), c.fallback.len()),
        (0, 1, 0)
    );
    let c = config(
        r#"{"rewrites":{"beforeFiles":[{"source":"/a","destination":"/b"}],"fallback":[{"source":"/c","destination":"/d"}]}}"#,
    )
    .unwrap();
    assert_eq!(
        (c.before_files.len(), c.after_files.len(), c.fallback.len()),
        (1, 0, 1)
    );
}

fn slash(base: &str, trailing: bool, path: &str) -> Option<String> {
    let c = NextConfig {
        base_path: base.to_owned(),
        trailing_slash: trailing,
        ..NextConfig::default()
    };
    slash_redirect(&c, path)
}

#[test]
fn trailing_slash_redirects_as_next_adds_them() {
    assert_eq!(slash("", false, "/a/").as_deref(), Some("/a"));
    assert_eq!(slash("", false, "/a//b").as_deref(), Some("/a/b"));
    assert_eq!(slash("", false, "/"), None);
    assert_eq!(slash("", true, "/a").as_deref(), Some("/a/"));
    assert_eq!(slash("", true, "/a/"), None);
    assert_eq!(slash("", true, "/"), None);
    assert_eq!(slash("", true, "/feed.xml"), None);
    assert_eq!(slash("", true, "/feed.xml/").as_deref(), Some("/feed.xml"));
    assert_eq!(slash("", true, "/.well-known/x"), None);
    assert_eq!(slash("", true, "/a.b-c"), None);
    assert_eq!(slash("/docs", true, "/docs").as_deref(), Some("/docs/"));
    assert_eq!(
        slash("/docs", true, "/docs/api").as_deref(),
        Some("/docs/api/")
    );
    assert_eq!(slash("/docs", true, "/api"), None);
    assert_eq!(
        slash("/docs", true, "/docs/feed.xml/").as_deref(),
        Some("/docs/feed.xml")
    );
    assert_eq!(slash("/docs", false, "/docs/").as_deref(), Some("/docs"));
    assert_eq!(
        slash("/docs", false, "/docs/a/").as_deref(),
        Some("/docs/a")
    );
    assert_eq!(slash("/docs", false, "/a/"), None);
}

#[test]
fn base_path_is_stripped_only_below_it() {
    let c = NextConfig {
        base_path: "/docs".into(),
        ..NextConfig::default()
    };
    assert_eq!(strip_base_path(&c, "/docs"), Some("/"));
    assert_eq!(strip_base_path(&c, "/docs/a"), Some("/a"));
    assert_eq!(strip_base_path(&c, "/docsx"), None);
    assert_eq!(strip_base_path(&c, "/a"), None);
}

#[test]
fn has_conditions_capture_named_groups_or_their_key() {
    let c = config(
        r#"{"rewrites":[{"source":"/:p*","has":[
              {"type":"header","key":"x-tenant-id"},
              {"type":"cookie","key":"lang","value":"(?<locale>[a-z]{2})-(?<region>[A-Z]{2})"},
              {"type":"query","key":"v","value":"\\d+"},
              {"type":"host","value":"(.*)\\.example\\.com"}
            ],"destination":"/t/:xtenantid/:locale/:region"}]}"#,
    )
    .unwrap();
    let rule = &c.after_files[0].rule;
    let mut h = http::HeaderMap::new();
    h.insert("x-tenant-id", "acme".parse().unwrap());
    h.insert("cookie", "lang=en-GB".parse().unwrap());
    h.insert("host", "shop.example.com".parse().unwrap());
    let facts = RequestFacts {
        headers: &h,
        query: Some("v=1&v=2"),
    };
    let params = rule.matches("/a", &facts).expect("all conditions hold");
    let dest = substitute(&c.after_files[0].destination, &params);
    assert_eq!(dest, "/t/acme/en/GB");
    // A value without named groups gives no param; host gives the whole match.
    assert!(!params.contains_key("v"));
    assert_eq!(params.get("host"), Some(&one("host", "shop.example.com").1));
    // An empty header is no header.
    h.insert("x-tenant-id", "".parse().unwrap());
    let facts = RequestFacts {
        headers: &h,
        query: Some("v=1"),
    };
    assert!(rule.matches("/a", &facts).is_none());
}

#[test]
fn brace_groups_follow_path_to_regexp() {
    assert_eq!(matches("/a{-:id}?", "/a-7"), Some(vec![one("id", "7")]));
    assert_eq!(matches("/a{-:id}?", "/a"), Some(vec![]));
    assert_eq!(matches("/file{.json}?", "/file.json"), Some(vec![]));
    assert_eq!(matches("/file{.json}?", "/file"), Some(vec![]));
    assert_eq!(
        matches("/p{/:rest}*", "/p/x/y"),
        Some(vec![many("rest", &["x", "y"])])
    );
    assert!(PathPattern::compile("/a{b", true).is_err());
    assert!(PathPattern::compile("/a}b", true).is_err());
}

#[test]
fn rewrite_queries_merge_as_next_merges_them() {
    use super::pattern::{appended_params, merge_query};
    // Destination values win, keys keep their first place.
    assert_eq!(
        merge_query(Some("a=1&b=2"), "b=3&c=4", Vec::new()),
        "a=1&b=3&c=4"
    );
    assert_eq!(merge_query(None, "x=a+b", Vec::new()), "x=a+b");
    // Params the destination path does not use are added (unless it names them).
    let mut params = Params::new();
    params.insert("id".into(), ParamValue::One("9".into()));
    assert_eq!(
        appended_params("/new", &params),
        vec![("id".into(), vec!["9".into()])]
    );
    assert!(appended_params("/new/:id", &params).is_empty());
    assert_eq!(
        merge_query(Some("id=1&z=0"), "", appended_params("/new", &params)),
        "id=9&z=0"
    );
    assert_eq!(
        merge_query(None, "id=own", appended_params("/new?id=own", &params)),
        "id=own"
    );
}

#[test]
fn middleware_options_are_read_as_next_reads_them() {
    let c = config(r#"{"skipTrailingSlashRedirect":true,"skipMiddlewareUrlNormalize":true,"experimental":{"middlewareClientMaxBodySize":"1kb"}}"#).unwrap();
    assert!(c.skip_trailing_slash_redirect);
    assert!(c.skip_middleware_url_normalize);
    assert_eq!(c.middleware_body_limit, Some(1024));
    assert_eq!(slash_redirect(&c, "/a/"), None);
    assert_eq!(slash_redirect(&c, "/a//b").as_deref(), Some("/a/b"));
    let sizes = [
        (r"5000", 5000),
        (r#""1.5mb""#, 1_572_864),
        (r#""10 MB""#, 10_485_760),
        (r#""100""#, 100),
        (r#""16b""#, 16),
    ];
    for (json, bytes) in sizes {
        let c = config(&format!(
            r#"{{"experimental":{{"middlewareClientMaxBodySize":{json}}}}}"#
        ))
        .unwrap();
        assert_eq!(c.middleware_body_limit, Some(bytes), "{json}");
    }
    for json in [r#""big""#, "0", r#""-1kb""#, "true"] {
        assert_eq!(
            invalid_key(&format!(
                r#"{{"experimental":{{"middlewareClientMaxBodySize":{json}}}}}"#
            )),
            "experimental.middlewareClientMaxBodySize",
            "{json}"
        );
    }
    assert_eq!(
        invalid_key(r#"{"skipTrailingSlashRedirect":"yes"}"#),
        "skipTrailingSlashRedirect"
    );
    assert_eq!(format_size(1024), "1KB");
    assert_eq!(format_size(10 * 1024 * 1024), "10MB");
    assert_eq!(format_size(1_572_864), "1.5MB");
    assert_eq!(format_size(100), "100B");
}
