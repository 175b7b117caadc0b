//! Unit tests: table-driven `(files, url) -> match/conflict` cases, a
//! differential check against a naive linear matcher, rendered diagnostics,
//! canonicalisation and directory scanning.

mod canonical;
mod conflicts;
mod diagnostics;
mod differential;
mod matching;
mod metadata;
mod scan;

use std::path::Path;

use crate::{Match, ParamValue, RouteError, RouteTable};

/// An expected parameter value.
#[derive(Debug, Clone, Copy)]
pub(super) enum P {
    One(&'static str),
    Many(&'static [&'static str]),
}

/// An expected result of `match_path`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Want {
    /// The file (relative to the app dir) that must answer, with its params.
    Route(&'static str, &'static [(&'static str, P)]),
    NotFound,
    BadRequest,
}

pub(super) use Want::{BadRequest, NotFound};

/// `Want::Route` without params.
pub(super) const fn at(file: &'static str) -> Want {
    Want::Route(file, &[])
}

/// Builds a table from files relative to `app/`, failing the test with the
/// rendered diagnostics if there are any.
#[track_caller]
pub(super) fn table(files: &[&str]) -> RouteTable {
    match RouteTable::from_files(Path::new("app"), files) {
        Ok(table) => table,
        Err(errors) => {
            let rendered: Vec<String> = errors.iter().map(render).collect();
            panic!(
                "unexpected diagnostics for {files:?}:\n{}",
                rendered.join("\n")
            );
        }
    }
}

/// The diagnostics for `files`, failing the test if the table builds.
#[track_caller]
pub(super) fn errors(files: &[&str]) -> Vec<RouteError> {
    match RouteTable::from_files(Path::new("app"), files) {
        Ok(table) => panic!(
            "expected diagnostics for {files:?}, got routes {:#?}",
            table.routes()
        ),
        Err(errors) => errors,
    }
}

/// Renders a diagnostic the way the CLI shows it, without colours.
pub(super) fn render(error: &RouteError) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    let mut out = String::new();
    if let Err(e) = handler.render_report(&mut out, error) {
        return format!("<render failed: {e}>");
    }
    out
}

/// Checks every `(url, want)` case against `table`, reporting all failures at once.
#[track_caller]
pub(super) fn check(table: &RouteTable, cases: &[(&str, Want)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(url, want)| {
            let got = table.match_path(url);
            (!matches_want(&got, *want)).then(|| format!("{url:?}: want {want:?}, got {got:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn matches_want(got: &Match<'_>, want: Want) -> bool {
    match (got, want) {
        (Match::NotFound, Want::NotFound) | (Match::BadRequest, Want::BadRequest) => true,
        (Match::Found { route, params, .. }, Want::Route(file, want_params)) => {
            route.file == Path::new("app").join(file)
                && params.len() == want_params.len()
                && params
                    .iter()
                    .zip(want_params)
                    .all(|((n, v), (wn, wv))| n == *wn && value_is(v, *wv))
        }
        _ => false,
    }
}

fn value_is(value: &ParamValue, want: P) -> bool {
    match (value, want) {
        (ParamValue::One(v), P::One(w)) => v == w,
        (ParamValue::Many(v), P::Many(w)) => v.iter().map(String::as_str).eq(w.iter().copied()),
        _ => false,
    }
}
