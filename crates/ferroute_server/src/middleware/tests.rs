use super::*;

fn compile(config: &str, base: &str) -> Result<Option<Vec<Rule>>, MiddlewareError> {
    let v: Value = serde_json::from_str(config).unwrap();
    compile_matchers("middleware.ts", &v, base)
}

/// The middleware of a project at the default origin and port, its matchers not yet set.
fn test_middleware() -> Middleware {
    Middleware {
        file: PathBuf::from("middleware.ts"),
        display: "middleware.ts".into(),
        matchers: OnceLock::new(),
        init_origin: "http://localhost:3000".into(),
        port: 3000,
        body_limit: BODY_CLONE_LIMIT,
        raw_origin: false,
    }
}

fn selects(
    rules: &Option<Vec<Rule>>,
    path: &str,
    headers: &HeaderMap,
    query: Option<&str>,
) -> bool {
    let mw = test_middleware();
    let _ = mw.matchers.set(rules.clone());
    mw.selects(path, &RequestFacts { headers, query })
}

#[test]
fn no_matcher_selects_every_path() {
    let rules = compile("null", "").unwrap();
    assert!(rules.is_none());
    assert!(selects(&rules, "/anything/at/all", &HeaderMap::new(), None));
    assert!(compile(r#"{"runtime":"nodejs"}"#, "").unwrap().is_none());
}

#[test]
fn string_and_array_matchers_are_path_to_regexp_with_an_optional_trailing_slash() {
    let h = HeaderMap::new();
    let one = compile(r#"{"matcher":"/mw/:path*"}"#, "").unwrap();
    assert!(selects(&one, "/mw", &h, None));
    assert!(selects(&one, "/mw/a/b", &h, None));
    assert!(selects(&one, "/MW/a", &h, None), "case-insensitive");
    assert!(!selects(&one, "/other", &h, None));
    let list = compile(r#"{"matcher":["/a", "/b/:id"]}"#, "").unwrap();
    assert!(selects(&list, "/a", &h, None));
    assert!(selects(&list, "/b/7", &h, None));
    assert!(!selects(&list, "/b/7/8", &h, None));
    // As Next compiles matchers (path-to-regexp's defaults); recorded from `next start`
    // with skipTrailingSlashRedirect (conformance suite middleware-options).
    assert!(selects(&list, "/a/", &h, None), "optional trailing slash");
    assert!(selects(&one, "/mw/a/", &h, None), "optional trailing slash");
    assert!(!selects(&list, "/a//", &h, None));
}

#[test]
fn regex_groups_and_percent_decoded_paths() {
    let h = HeaderMap::new();
    let rules = compile(r#"{"matcher":["/((?!api|_next/static).*)"]}"#, "").unwrap();
    assert!(selects(&rules, "/page", &h, None));
    assert!(!selects(&rules, "/api/x", &h, None));
    let rules = compile(r#"{"matcher":"/caf\u00e9"}"#, "").unwrap();
    assert!(selects(&rules, "/caf%C3%A9", &h, None));
}

#[test]
fn object_matchers_with_has_missing_and_base_path() {
    let rules = compile(
        r#"{"matcher":[{"source":"/p/:x","has":[{"type":"header","key":"x-a"}],
            "missing":[{"type":"cookie","key":"skip"}],"locale":false}]}"#,
        "/docs",
    )
    .unwrap();
    let mut h = HeaderMap::new();
    assert!(!selects(&rules, "/docs/p/1", &h, None));
    h.insert("x-a", HeaderValue::from_static("1"));
    assert!(selects(&rules, "/docs/p/1", &h, None));
    assert!(!selects(&rules, "/p/1", &h, None), "basePath in front");
    h.insert("cookie", HeaderValue::from_static("skip=1"));
    assert!(!selects(&rules, "/docs/p/1", &h, None));
}

#[test]
fn invalid_matchers_name_the_key() {
    let err = |c: &str| match compile(c, "").unwrap_err() {
        MiddlewareError::Matcher { key, .. } => key,
    };
    assert_eq!(
        err(r#"{"matcher":["/ok", "no-slash"]}"#),
        "config.matcher[1].source"
    );
    assert_eq!(err(r#"{"matcher":[7]}"#), "config.matcher[0]");
    assert_eq!(
        err(r#"{"matcher":{"source":"/(a"}}"#),
        "config.matcher.source"
    );
    assert_eq!(
        err(r#"{"matcher":{"source":"/a","locale":true}}"#),
        "config.matcher.locale"
    );
    assert_eq!(err(r#""x""#), "config");
}

#[test]
fn request_header_overrides_replace_the_request_headers() {
    let mut res = HeaderMap::new();
    res.insert(
        "x-middleware-override-headers",
        HeaderValue::from_static("host,x-new"),
    );
    res.insert(
        "x-middleware-request-host",
        HeaderValue::from_static("a.test"),
    );
    res.insert("x-middleware-request-x-new", HeaderValue::from_static("1"));
    res.insert("x-other", HeaderValue::from_static("kept"));
    let mut req = HeaderMap::new();
    req.insert("host", HeaderValue::from_static("b.test"));
    req.insert("x-dropped", HeaderValue::from_static("1"));
    override_request_headers(&mut res, &mut req);
    assert_eq!(req.get("host").unwrap(), "a.test");
    assert_eq!(req.get("x-new").unwrap(), "1");
    assert!(req.get("x-dropped").is_none());
    assert_eq!(res.len(), 1, "only x-other stays on the response");
}

#[test]
fn urls_on_the_router_origin_become_relative() {
    let mw = test_middleware();
    assert_eq!(mw.relative("http://localhost:3000/a?b=1"), "/a?b=1");
    assert_eq!(mw.relative("http://localhost:3000"), "/");
    assert_eq!(
        mw.relative("http://localhost:30001/a"),
        "http://localhost:30001/a"
    );
    assert_eq!(
        mw.relative("https://example.com/a"),
        "https://example.com/a"
    );
}
