//! Diagnostics for an `app/` tree that cannot be turned into a route table.
//!
//! Route files are user input, so every problem becomes a [`RouteError`]
//! (never a panic). Each variant has a stable code, names the file(s) involved
//! relative to the project root, and says in `help:` what to rename or remove.
//! The code is the first word of the message so that the rendered report reads
//! `× ferroute::router::<code>: <what went wrong>` (see `docs/routing.md`); it is
//! also available as [`RouteError::code`].

use std::{
    fmt, io,
    path::{Path, PathBuf},
};

/// Why a folder name cannot be used as a URL segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SegmentIssue {
    /// `[]`, `[...]`, `[[...]]`: the parameter has no name.
    EmptyName,
    /// `[a`, `a]`, `x[a]`, `[[...a]`: brackets that do not enclose the whole name.
    Unbalanced,
    /// `[[a]]`: optional parameters exist only as optional catch-alls.
    OptionalNotCatchAll,
    /// `[.a]`, `[....a]`: a parameter name starting with a period.
    LeadingDot,
    /// `[…a]`: the one-character ellipsis instead of three periods.
    EllipsisChar,
    /// The path contains a component that is not valid UTF-8.
    NotUtf8,
    /// The path is not relative to the app directory (`..`, `/`, a drive prefix).
    NotRelative,
}

impl SegmentIssue {
    /// What the user should do about it.
    #[must_use]
    pub fn help(self) -> &'static str {
        match self {
            Self::EmptyName => "give the parameter a name, e.g. [slug], [...slug] or [[...slug]]",
            Self::Unbalanced => {
                "brackets must enclose the whole folder name: use [slug], [...slug] or [[...slug]]"
            }
            Self::OptionalNotCatchAll => {
                "use [slug] for one segment, or [[...slug]] for zero or more segments"
            }
            Self::LeadingDot => "remove the extra period: a catch-all is written [...slug]",
            Self::EllipsisChar => "type three periods: [...slug], not the single character '…'",
            Self::NotUtf8 => "rename the folder or file using UTF-8 characters only",
            Self::NotRelative => "pass paths relative to the app directory, without '..'",
        }
    }
}

impl fmt::Display for SegmentIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::EmptyName => "the parameter name is empty",
            Self::Unbalanced => "unbalanced or misplaced brackets",
            Self::OptionalNotCatchAll => "optional parameters must be catch-alls",
            Self::LeadingDot => "parameter names may not start with a period",
            Self::EllipsisChar => "'…' (one character) used instead of '...'",
            Self::NotUtf8 => "the name is not valid UTF-8",
            Self::NotRelative => "the path is not inside the app directory",
        })
    }
}

/// A problem found while building a [`crate::RouteTable`].
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum RouteError {
    /// A `route.*` and a `page.*` resolve to the same URL (Next.js fails the build).
    #[error(
        "ferroute::router::page_conflict: a page and a route handler both resolve to {url}\n  --> {}\n  --> {}",
        .route.display(),
        .page.display()
    )]
    #[diagnostic(help(
        "a URL is served by a page or by a route handler, not both: delete {} or move {} into its own folder",
        .page.display(),
        .route.display()
    ))]
    PageConflict {
        url: String,
        route: PathBuf,
        page: PathBuf,
    },

    /// Two route files resolve to the same URL through route groups or slots.
    #[error(
        "ferroute::router::duplicate_route: two route files resolve to {url}\n  --> {}\n  --> {}",
        .first.display(),
        .second.display()
    )]
    #[diagnostic(help(
        "route groups (name) and slots @name are not part of the URL: delete one of the two files or move it so the URLs differ"
    ))]
    DuplicateRoute {
        url: String,
        first: PathBuf,
        second: PathBuf,
    },

    /// Two dynamic folders at the same level use different parameter names.
    #[error(
        "ferroute::router::slug_mismatch: different slug names for the same dynamic path ('{first_name}' != '{second_name}')\n  --> {}\n  --> {}",
        .first.display(),
        .second.display()
    )]
    #[diagnostic(help(
        "rename {} to {} (or the reverse) so both routes use one name",
        .rename_from.display(),
        .rename_to.display()
    ))]
    SlugMismatch {
        first_name: String,
        second_name: String,
        /// The route file that introduced `first_name`.
        first: PathBuf,
        /// The route file that uses `second_name`.
        second: PathBuf,
        /// The folder to rename (`second`'s dynamic folder) …
        rename_from: PathBuf,
        /// … and its suggested new name.
        rename_to: PathBuf,
    },

    /// `[...a]` and `[[...a]]` at the same level.
    #[error(
        "ferroute::router::catch_all_conflict: a catch-all and an optional catch-all at the same level\n  --> {}\n  --> {}",
        .required.display(),
        .optional.display()
    )]
    #[diagnostic(help(
        "keep only one of {} and {}: [[...name]] also matches the parent URL, [...name] needs at least one segment",
        .required_dir.display(),
        .optional_dir.display()
    ))]
    CatchAllConflict {
        required: PathBuf,
        optional: PathBuf,
        required_dir: PathBuf,
        optional_dir: PathBuf,
    },

    /// A route at `/x` beside an optional catch-all `/x/[[...a]]`, which also matches `/x`.
    #[error(
        "ferroute::router::optional_catch_all_overlap: {url} is matched by a route and by an optional catch-all\n  --> {}\n  --> {}",
        .route.display(),
        .optional.display()
    )]
    #[diagnostic(help(
        "[[...name]] also matches {url}: delete {} and handle the empty case in {}, or make it a catch-all [...name]",
        .route.display(),
        .optional.display()
    ))]
    OptionalCatchAllOverlap {
        url: String,
        route: PathBuf,
        optional: PathBuf,
    },

    /// A catch-all folder with more folders below it.
    #[error(
        "ferroute::router::catch_all_position: catch-all segment '{segment}' is not the last segment of the route\n  --> {}",
        .file.display()
    )]
    #[diagnostic(help(
        "a catch-all takes the rest of the URL: put the route file directly in {}, or use a single-segment [name] folder",
        .dir.display()
    ))]
    CatchAllPosition {
        file: PathBuf,
        segment: String,
        dir: PathBuf,
    },

    /// A folder name that is not a valid segment, e.g. `[]`, `[a`, `[...]`.
    #[error(
        "ferroute::router::invalid_segment: invalid folder name '{segment}': {issue}\n  --> {}",
        .file.display()
    )]
    #[diagnostic(help("{}", .issue.help()))]
    InvalidSegment {
        file: PathBuf,
        segment: String,
        issue: SegmentIssue,
    },

    /// The same parameter name twice in one path, e.g. `[id]/x/[id]`.
    #[error(
        "ferroute::router::duplicate_param: parameter '{name}' appears more than once in one route\n  --> {}",
        .file.display()
    )]
    #[diagnostic(help(
        "params is an object keyed by name: rename one of the '{name}' folders so every parameter has its own name"
    ))]
    DuplicateParam { file: PathBuf, name: String },

    /// `route.ts` and `route.js` (or `sitemap.ts` and `sitemap.js`, …) in one folder.
    #[error(
        "ferroute::router::duplicate_extension: two files define the same route in one folder\n  --> {}\n  --> {}",
        .first.display(),
        .second.display()
    )]
    #[diagnostic(help("keep one of them: delete {} or {}", .second.display(), .first.display()))]
    DuplicateExtension { first: PathBuf, second: PathBuf },

    /// Listing the app directory failed.
    #[error("ferroute::router::io: cannot list {}", .path.display())]
    #[diagnostic(help("check that the directory exists and can be read"))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl RouteError {
    /// The stable code, e.g. `ferroute::router::slug_mismatch`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::PageConflict { .. } => "ferroute::router::page_conflict",
            Self::DuplicateRoute { .. } => "ferroute::router::duplicate_route",
            Self::SlugMismatch { .. } => "ferroute::router::slug_mismatch",
            Self::CatchAllConflict { .. } => "ferroute::router::catch_all_conflict",
            Self::OptionalCatchAllOverlap { .. } => "ferroute::router::optional_catch_all_overlap",
            Self::CatchAllPosition { .. } => "ferroute::router::catch_all_position",
            Self::InvalidSegment { .. } => "ferroute::router::invalid_segment",
            Self::DuplicateParam { .. } => "ferroute::router::duplicate_param",
            Self::DuplicateExtension { .. } => "ferroute::router::duplicate_extension",
            Self::Io { .. } => "ferroute::router::io",
        }
    }

    /// Every code [`RouteError::code`] can return (for docs checks).
    pub const CODES: &'static [&'static str] = &[
        "ferroute::router::page_conflict",
        "ferroute::router::duplicate_route",
        "ferroute::router::slug_mismatch",
        "ferroute::router::catch_all_conflict",
        "ferroute::router::optional_catch_all_overlap",
        "ferroute::router::catch_all_position",
        "ferroute::router::invalid_segment",
        "ferroute::router::duplicate_param",
        "ferroute::router::duplicate_extension",
        "ferroute::router::io",
    ];

    /// The files this diagnostic is about, relative to the project root.
    #[must_use]
    pub fn files(&self) -> Vec<&Path> {
        match self {
            Self::PageConflict { route, page, .. } => vec![route, page],
            Self::DuplicateRoute { first, second, .. }
            | Self::SlugMismatch { first, second, .. }
            | Self::DuplicateExtension { first, second } => vec![first, second],
            Self::CatchAllConflict {
                required, optional, ..
            } => vec![required, optional],
            Self::OptionalCatchAllOverlap {
                route, optional, ..
            } => vec![route, optional],
            Self::CatchAllPosition { file, .. }
            | Self::InvalidSegment { file, .. }
            | Self::DuplicateParam { file, .. } => vec![file],
            Self::Io { path, .. } => vec![path],
        }
    }
}
