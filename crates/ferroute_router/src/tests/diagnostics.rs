//! Rendered diagnostics, exactly as the CLI prints them (no colours). The
//! expected text is inline: review a change here like a snapshot diff.

use std::io;

use super::{errors, render};
use crate::RouteError;

#[track_caller]
fn assert_renders(files: &[&str], want: &[&str]) {
    let got: Vec<String> = errors(files).iter().map(render).collect();
    assert_eq!(got, want, "rendered:\n{}", got.join("\n"));
}

#[test]
fn page_conflict_renders() {
    assert_renders(
        &["x/page.js", "x/route.js"],
        &["  × ferroute::router::page_conflict: a page and a route handler both resolve to /x
  │   --> app/x/route.js
  │   --> app/x/page.js
  help: a URL is served by a page or by a route handler, not both: delete app/x/page.js or move app/x/route.js into its own folder
"],
    );
}

#[test]
fn duplicate_route_renders() {
    assert_renders(
        &["(a)/dup/route.js", "(b)/dup/route.js"],
        &["  × ferroute::router::duplicate_route: two route files resolve to /dup
  │   --> app/(a)/dup/route.js
  │   --> app/(b)/dup/route.js
  help: route groups (name) and slots @name are not part of the URL: delete one of the two files or move it so the URLs differ
"],
    );
}

#[test]
fn slug_mismatch_renders() {
    assert_renders(
        &["s/[id]/route.js", "s/[slug]/x/route.js"],
        &["  × ferroute::router::slug_mismatch: different slug names for the same dynamic path ('id' != 'slug')
  │   --> app/s/[id]/route.js
  │   --> app/s/[slug]/x/route.js
  help: rename app/s/[slug] to app/s/[id] (or the reverse) so both routes use one name
"],
    );
}

#[test]
fn catch_all_conflict_renders() {
    assert_renders(
        &["o/[...a]/route.ts", "o/[[...a]]/route.ts"],
        &["  × ferroute::router::catch_all_conflict: a catch-all and an optional catch-all at the same level
  │   --> app/o/[...a]/route.ts
  │   --> app/o/[[...a]]/route.ts
  help: keep only one of app/o/[...a] and app/o/[[...a]]: [[...name]] also matches the parent URL, [...name] needs at least one segment
"],
    );
}

#[test]
fn optional_catch_all_overlap_renders() {
    assert_renders(
        &["o/route.ts", "o/[[...a]]/route.ts"],
        &["  × ferroute::router::optional_catch_all_overlap: /o is matched by a route and by an optional catch-all
  │   --> app/o/route.ts
  │   --> app/o/[[...a]]/route.ts
  help: [[...name]] also matches /o: delete app/o/route.ts and handle the empty case in app/o/[[...a]]/route.ts, or make it a catch-all [...name]
"],
    );
}

#[test]
fn catch_all_position_renders() {
    assert_renders(
        &["c/[...a]/x/route.ts"],
        &["  × ferroute::router::catch_all_position: catch-all segment '[...a]' is not the last segment of the route
  │   --> app/c/[...a]/x/route.ts
  help: a catch-all takes the rest of the URL: put the route file directly in app/c/[...a], or use a single-segment [name] folder
"],
    );
}

#[test]
fn invalid_segment_renders() {
    assert_renders(
        &["[a/route.ts", "[]/route.ts", "[[id]]/route.ts", "[…slug]/route.ts"],
        &[
            "  × ferroute::router::invalid_segment: invalid folder name '[[id]]': optional parameters must be catch-alls
  │   --> app/[[id]]/route.ts
  help: use [slug] for one segment, or [[...slug]] for zero or more segments
",
            "  × ferroute::router::invalid_segment: invalid folder name '[]': the parameter name is empty
  │   --> app/[]/route.ts
  help: give the parameter a name, e.g. [slug], [...slug] or [[...slug]]
",
            "  × ferroute::router::invalid_segment: invalid folder name '[a': unbalanced or misplaced brackets
  │   --> app/[a/route.ts
  help: brackets must enclose the whole folder name: use [slug], [...slug] or [[...slug]]
",
            "  × ferroute::router::invalid_segment: invalid folder name '[…slug]': '…' (one character) used instead of '...'
  │   --> app/[…slug]/route.ts
  help: type three periods: [...slug], not the single character '…'
",
        ],
    );
}

#[test]
fn duplicate_param_renders() {
    assert_renders(
        &["[id]/x/[id]/route.ts"],
        &["  × ferroute::router::duplicate_param: parameter 'id' appears more than once in one route
  │   --> app/[id]/x/[id]/route.ts
  help: params is an object keyed by name: rename one of the 'id' folders so every parameter has its own name
"],
    );
}

#[test]
fn duplicate_extension_renders() {
    assert_renders(
        &["x/route.ts", "x/route.js"],
        &["  × ferroute::router::duplicate_extension: two files define the same route in one folder
  │   --> app/x/route.js
  │   --> app/x/route.ts
  help: keep one of them: delete app/x/route.ts or app/x/route.js
"],
    );
}

#[test]
fn io_renders_with_its_cause() {
    let error = RouteError::Io {
        path: "app".into(),
        source: io::Error::new(io::ErrorKind::NotFound, "not found"),
    };
    assert_eq!(
        render(&error),
        "  × ferroute::router::io: cannot list app
  ╰─▶ not found
  help: check that the directory exists and can be read
"
    );
}

#[test]
fn display_is_the_first_line_plus_files() {
    let [error] = <[RouteError; 1]>::try_from(errors(&["s/[id]/route.js", "s/[slug]/x/route.js"]))
        .expect("one error");
    assert_eq!(
        error.to_string(),
        "ferroute::router::slug_mismatch: different slug names for the same dynamic path ('id' != 'slug')
  --> app/s/[id]/route.js
  --> app/s/[slug]/x/route.js"
    );
    assert_eq!(error.code(), "ferroute::router::slug_mismatch");
}
