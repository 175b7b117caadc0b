//! [`RouteTable`]: the public entry point tying scanning, building and matching together.

use std::path::{Path, PathBuf};

use crate::{build, params, scan, trie::Trie, Match, Route, RouteError};

/// Every route of an app, plus a precomputed segment trie for matching.
#[derive(Debug, Clone)]
pub struct RouteTable {
    routes: Vec<Route>,
    trie: Trie,
}

impl RouteTable {
    /// Scans `app_dir` (e.g. `<root>/app` or `<root>/src/app`); file paths in
    /// routes and diagnostics are shown relative to `root`.
    ///
    /// # Errors
    /// Every conflict and unreadable folder found, not just the first.
    pub fn scan(root: &Path, app_dir: &Path) -> Result<RouteTable, Vec<RouteError>> {
        Self::scan_with(root, app_dir, &|_| false)
    }

    /// [`RouteTable::scan`], told which metadata modules export `generateSitemaps` or
    /// `generateImageMetadata` (`metadata_ids` gets the path relative to `root`, e.g.
    /// `app/products/sitemap.ts`): `app/products/sitemap.ts` then serves
    /// `/products/sitemap/<id>.xml` instead of `/products/sitemap.xml`, and
    /// `app/blog/opengraph-image.tsx` `/blog/opengraph-image/<id>` instead of
    /// `/blog/opengraph-image`. Reading the module is the caller's business.
    ///
    /// # Errors
    /// As [`RouteTable::scan`].
    pub fn scan_with(
        root: &Path,
        app_dir: &Path,
        metadata_ids: &dyn Fn(&Path) -> bool,
    ) -> Result<RouteTable, Vec<RouteError>> {
        let app_prefix = app_dir.strip_prefix(root).unwrap_or(app_dir);
        let listing = scan::list(app_dir);
        let io_errors: Vec<RouteError> = listing
            .failures
            .into_iter()
            .map(|(rel, source)| RouteError::Io {
                path: join(app_prefix, &rel),
                source,
            })
            .collect();
        match (
            Self::from_files_with(app_prefix, listing.files, metadata_ids),
            io_errors.is_empty(),
        ) {
            (Ok(table), true) => Ok(table),
            (Ok(_), false) => Err(io_errors),
            (Err(mut errors), _) => {
                errors.splice(0..0, io_errors);
                Err(errors)
            }
        }
    }

    /// [`RouteTable::scan_with`] as `next dev` treats a page beside a route handler: the
    /// route handler serves the URL and the pair is a warning, returned beside the table
    /// (every other conflict is still an error).
    ///
    /// # Errors
    /// As [`RouteTable::scan`], page conflicts left out.
    pub fn scan_dev(
        root: &Path,
        app_dir: &Path,
        metadata_ids: &dyn Fn(&Path) -> bool,
    ) -> Result<(RouteTable, Vec<RouteError>), Vec<RouteError>> {
        let errors = match Self::scan_with(root, app_dir, metadata_ids) {
            Ok(table) => return Ok((table, Vec::new())),
            Err(errors) => errors,
        };
        if !errors
            .iter()
            .all(|e| matches!(e, RouteError::PageConflict { .. }))
        {
            return Err(errors);
        }
        let app_prefix = app_dir.strip_prefix(root).unwrap_or(app_dir);
        let pages: Vec<PathBuf> = errors
            .iter()
            .filter_map(|e| match e {
                RouteError::PageConflict { page, .. } => {
                    Some(page.strip_prefix(app_prefix).unwrap_or(page).to_path_buf())
                }
                _ => None,
            })
            .collect();
        let files = scan::list(app_dir)
            .files
            .into_iter()
            .filter(|f| !pages.contains(f));
        Self::from_files_with(app_prefix, files, metadata_ids).map(|table| (table, errors))
    }

    /// Pure constructor: `files` are relative to the app directory (e.g.
    /// `"items/[slug]/route.ts"`, `"page.tsx"`); `app_prefix` is the app
    /// directory relative to the project root (e.g. `"app"`), used to show
    /// paths. Files that are not routable are ignored.
    ///
    /// # Errors
    /// Every conflict found, not just the first.
    pub fn from_files<I: IntoIterator<Item = P>, P: AsRef<Path>>(
        app_prefix: &Path,
        files: I,
    ) -> Result<RouteTable, Vec<RouteError>> {
        Self::from_files_with(app_prefix, files, &|_| false)
    }

    /// [`RouteTable::from_files`] with the `generateSitemaps`/`generateImageMetadata` test of
    /// [`RouteTable::scan_with`].
    ///
    /// # Errors
    /// Every conflict found, not just the first.
    pub fn from_files_with<I: IntoIterator<Item = P>, P: AsRef<Path>>(
        app_prefix: &Path,
        files: I,
        metadata_ids: &dyn Fn(&Path) -> bool,
    ) -> Result<RouteTable, Vec<RouteError>> {
        let files = files
            .into_iter()
            .map(|p| p.as_ref().to_path_buf())
            .collect();
        let (routes, trie) = build::build(app_prefix, files, metadata_ids)?;
        Ok(RouteTable { routes, trie })
    }

    /// All routes, sorted by pattern and then file.
    #[must_use]
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// Matches a request path as received (still percent-encoded, no query
    /// string). Call [`crate::canonical_redirect`] first: a path with a
    /// trailing slash or an empty segment does not match here.
    #[must_use]
    pub fn match_path(&self, raw_path: &str) -> Match<'_> {
        let Some(index) = self.trie.find(raw_path) else {
            return Match::NotFound;
        };
        let Some(route) = self.routes.get(index) else {
            return Match::NotFound;
        };
        match params::extract(&route.segments, raw_path) {
            Ok(params) => Match::Found {
                index,
                route,
                params,
            },
            Err(params::Malformed) => Match::BadRequest,
        }
    }
}

fn join(prefix: &Path, rel: &Path) -> PathBuf {
    if rel.as_os_str().is_empty() {
        prefix.to_path_buf()
    } else {
        prefix.join(rel)
    }
}
