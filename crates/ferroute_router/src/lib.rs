//! Turns a Next.js App Router `app/` tree into a [`RouteTable`] and matches
//! request paths against it, the way Next.js 15.5 does for route handlers.
//!
//! The crate is pure: it lists files (in [`RouteTable::scan`]) and does no
//! other I/O. Everything the user wrote that cannot become a route is reported
//! as a [`RouteError`] diagnostic; nothing here panics on user input. The rules
//! (file → URL mapping, priority, conflicts, deviations from Next.js) are in
//! `docs/routing.md`.
//!
//! ```
//! use std::path::Path;
//! use ferroute_router::{Match, ParamValue, RouteTable, canonical_redirect};
//!
//! let table = RouteTable::from_files(
//!     Path::new("app"),
//!     ["items/[slug]/route.ts", "items/new/route.ts", "(shop)/cart/route.ts"],
//! )
//! .expect("no conflicts");
//!
//! match table.match_path("/items/caf%C3%A9") {
//!     Match::Found { route, params, .. } => {
//!         assert_eq!(route.pattern, "/items/[slug]");
//!         assert_eq!(params.get("slug"), Some(&ParamValue::One("café".into())));
//!     }
//!     other => panic!("unexpected {other:?}"),
//! }
//! assert!(matches!(table.match_path("/cart"), Match::Found { .. }));
//! assert_eq!(canonical_redirect("/cart/"), Some("/cart".to_owned()));
//! ```

mod build;
mod canonical;
mod error;
mod folder;
#[doc(hidden)]
pub mod fuzz;
mod params;
mod parse;
mod scan;
mod table;
mod trie;

#[cfg(test)]
mod tests;

use std::{fmt, path::PathBuf};

pub use canonical::{canonical_redirect, has_slash_run};
pub use error::{RouteError, SegmentIssue};
pub use params::{decode_component, ParamValue, Params};
pub use table::RouteTable;

/// What kind of file serves a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RouteKind {
    /// `route.{ts,js,tsx,jsx}`: a user route handler.
    Handler,
    /// `sitemap.{ts,js,tsx,jsx}` in any folder, served at `<folder>/sitemap.xml`.
    Sitemap,
    /// `robots.{ts,js,tsx,jsx}` directly in `app/`, served at `/robots.txt`.
    Robots,
    /// `manifest.{ts,js,tsx,jsx}` directly in `app/`, served at `/manifest.webmanifest`.
    Manifest,
    /// A static metadata file served as it is: `robots.txt`, `manifest.json`,
    /// `manifest.webmanifest` and `favicon.ico` directly in `app/`; `sitemap.xml`, `icon.png`,
    /// `apple-icon1.jpg`, `opengraph-image.gif`, `twitter-image.png`, … in any folder.
    MetadataFile,
    /// `icon`, `apple-icon`, `opengraph-image` or `twitter-image` `.{ts,js,tsx,jsx}` in any
    /// folder: its default export makes the image (an `ImageResponse`), served at
    /// `<folder>/<name>`.
    MetadataImage,
}

/// One URL segment of a route, after route groups and slots are removed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A literal segment (`items`, `feed.xml`, `_x` from a `%5Fx` folder).
    Static(String),
    /// `[name]`: exactly one segment.
    Dynamic(String),
    /// `[...name]`: one or more segments.
    CatchAll(String),
    /// `[[...name]]`: zero or more segments.
    OptionalCatchAll(String),
}

impl Segment {
    /// The parameter name, for every variant but [`Segment::Static`].
    #[must_use]
    pub fn param_name(&self) -> Option<&str> {
        match self {
            Self::Static(_) => None,
            Self::Dynamic(n) | Self::CatchAll(n) | Self::OptionalCatchAll(n) => Some(n),
        }
    }
}

impl fmt::Display for Segment {
    /// The segment as written in a Next-style pattern: `items`, `[id]`, `[...a]`, `[[...a]]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Static(s) => f.write_str(s),
            Self::Dynamic(n) => write!(f, "[{n}]"),
            Self::CatchAll(n) => write!(f, "[...{n}]"),
            Self::OptionalCatchAll(n) => write!(f, "[[...{n}]]"),
        }
    }
}

/// A routable file and the URL pattern it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Next-style URL pattern, e.g. `"/items/[slug]"`, `"/"`.
    pub pattern: String,
    /// The file, relative to the project root, e.g. `app/items/[slug]/route.ts`.
    pub file: PathBuf,
    pub kind: RouteKind,
    pub segments: Vec<Segment>,
}

impl Route {
    /// Whether the route has any dynamic segment (and so yields params).
    #[must_use]
    pub fn is_dynamic(&self) -> bool {
        self.segments
            .iter()
            .any(|s| !matches!(s, Segment::Static(_)))
    }
}

/// The result of [`RouteTable::match_path`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match<'a> {
    /// `index` is the route's position in [`RouteTable::routes`].
    Found {
        index: usize,
        route: &'a Route,
        params: Params,
    },
    /// No route matches: answer 404.
    NotFound,
    /// A route matches, but a dynamic parameter has a malformed `%`-escape or
    /// decodes to invalid UTF-8: answer 400.
    BadRequest,
}
