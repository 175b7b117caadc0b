//! A Next.js project on disk: where its `app/` folder is, what routes it holds, and the
//! files of its `public/` folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ferroute_router::{RouteKind, RouteTable};
use ferroute_runtime::RouteModule;

/// Failure to open a project.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum ProjectError {
    /// Neither `app/` nor `src/app/` exists.
    #[error("no app directory in {}", root.display())]
    #[diagnostic(
        code(ferroute::project::no_app_dir),
        help("ferroute serves Next.js App Router projects: create app/api/hello/route.ts, or pass the project folder (ferroute start path/to/project)")
    )]
    NoAppDir {
        /// The folder searched.
        root: PathBuf,
    },
    /// The route table has conflicts.
    #[error("the app directory has {} routing error(s)", errors.len())]
    #[diagnostic(code(ferroute::project::routes))]
    Routes {
        /// Every conflict found.
        #[related]
        errors: Vec<ferroute_router::RouteError>,
    },
    /// A folder under `public/` could not be read.
    #[error("cannot read {}: {source}", path.display())]
    #[diagnostic(
        code(ferroute::project::public_dir),
        help("the files of public/ are listed at start-up; check the folder's permissions, or remove it")
    )]
    PublicDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Where the App Router lives: `app/`, or `src/app/` as Next.js also accepts.
pub fn find_app_dir(root: &Path) -> Option<PathBuf> {
    ["app", "src/app"]
        .iter()
        .map(|d| root.join(d))
        .find(|p| p.is_dir())
}

/// A scanned project: its root and route table.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project folder.
    pub root: PathBuf,
    /// Routes found under the app folder.
    pub table: Arc<RouteTable>,
    /// The files of `public/`.
    pub(crate) public: Arc<crate::public_files::PublicFiles>,
    /// The app folder (`app/` or `src/app/`).
    pub(crate) app_dir: PathBuf,
}

impl Project {
    /// Finds the app folder under `root` and scans it.
    pub fn open(root: &Path) -> Result<Self, ProjectError> {
        Self::open_for(root, false).map(|(project, _)| project)
    }

    /// [`Project::open`]; under `dev`, a page beside a route handler is a warning (returned)
    /// instead of an error, as in `next dev`.
    pub(crate) fn open_for(
        root: &Path,
        dev: bool,
    ) -> Result<(Self, Vec<ferroute_router::RouteError>), ProjectError> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let app =
            find_app_dir(&root).ok_or_else(|| ProjectError::NoAppDir { root: root.clone() })?;
        // Next.js 15.5 gives a metadata route ids when it exports either generator, whichever
        // the file (`staticInfo.generateImageMetadata || staticInfo.generateSitemaps`).
        let exports_ids = |file: &Path| {
            let path = root.join(file);
            // A file that does not read or parse is reported when the engine loads it.
            std::fs::read_to_string(&path).is_ok_and(|src| {
                ferroute_compiler::analyze_route_exports(&path, &src)
                    .is_ok_and(|e| e.has_generate_sitemaps || e.has_generate_image_metadata)
            })
        };
        let (table, warnings) = if dev {
            RouteTable::scan_dev(&root, &app, &exports_ids)
        } else {
            RouteTable::scan_with(&root, &app, &exports_ids).map(|t| (t, Vec::new()))
        }
        .map_err(|errors| ProjectError::Routes { errors })?;
        let table = Arc::new(table);
        let public = crate::public_files::PublicFiles::scan(&root)
            .map_err(|(path, source)| ProjectError::PublicDir { path, source })?;
        let project = Self {
            root,
            table,
            public: Arc::new(public),
            app_dir: app,
        };
        Ok((project, warnings))
    }

    /// The route modules to load, in route-table order.
    pub fn modules(&self) -> Vec<RouteModule> {
        self.table
            .routes()
            .iter()
            .map(|r| RouteModule {
                pattern: r.pattern.clone(),
                file: self.root.join(&r.file),
                display: r.file.to_string_lossy().into_owned(),
                kind: match r.kind {
                    RouteKind::Handler => "route",
                    RouteKind::Sitemap => "sitemap",
                    RouteKind::Robots => "robots",
                    RouteKind::Manifest => "manifest",
                    RouteKind::MetadataFile => "static",
                    RouteKind::MetadataImage => "image",
                },
            })
            .collect()
    }
}
