//! Import specifiers to files, resolved the way Next.js resolves a project's server code:
//! Next's extension order and index files, `paths`/`baseUrl` from the project's
//! `tsconfig.json` (else `jsconfig.json`, with `extends` followed by oxc_resolver), and
//! packages from `node_modules` with ESM-first conditions. Misses become
//! `ferroute::resolve::*` diagnostics that say what to check.

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
};

use oxc_resolver::{
    ModuleType, ResolveOptions, Resolver, TsconfigDiscovery, TsconfigOptions, TsconfigReferences,
};

/// Extensions tried, in order, for a specifier without one (Next.js's order).
pub const RESOLVE_EXTENSIONS: &[&str] = &[".tsx", ".ts", ".jsx", ".js", ".mjs", ".cjs", ".json"];

/// `package.json` `exports`/`imports` conditions for `import`, as Next's bundler sets them for
/// the server layer of the App Router (route handlers run there: `react-server` makes
/// `server-only` and React resolve as in Next).
const CONDITIONS: &[&str] = &["react-server", "node", "import", "module", "default"];

/// The same for `require()`.
const REQUIRE_CONDITIONS: &[&str] = &["react-server", "node", "require", "default"];

/// How an import is written, which picks the `exports` conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResolveMode {
    /// `import`, `export … from`, `import()`.
    Import,
    /// `require()`, `require.resolve()`.
    Require,
}

/// How the runtime must load a resolved file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModuleKind {
    /// An ES module: `.ts`, `.tsx`, `.jsx`, `.mts`, `.mjs`, or `.js` in a package with
    /// `"type": "module"`.
    Esm,
    /// CommonJS: `.cjs`, `.cts`, or `.js` in a package with `"type": "commonjs"`.
    CommonJs,
    /// A `.json` file ([`crate::compile`] turns it into `export default JSON.parse(...)`).
    Json,
    /// A `.js` file whose package.json has no `"type"`: Node.js would load it as CommonJS,
    /// bundlers look at its syntax. Many packages point `"module"` at such files, so check
    /// [`crate::CompiledModule::has_module_syntax`].
    Ambiguous,
}

/// A resolved import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedModule {
    /// The file, with symlinks resolved (so pnpm's `node_modules/.pnpm` layout works).
    pub path: PathBuf,
    /// How to load it.
    pub kind: ModuleKind,
}

/// Why an import could not be resolved.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum ResolveError {
    /// No file matches the specifier.
    #[error("cannot find module '{specifier}' imported from {}", importer.display())]
    #[diagnostic(code(ferroute::resolve::not_found))]
    NotFound {
        /// The import specifier, as written.
        specifier: String,
        /// The importing file, relative to the project root when inside it.
        importer: PathBuf,
        /// What to check.
        #[help]
        help: String,
    },

    /// The specifier names a Node.js builtin (`fs`, `node:crypto`, ...). The runtime
    /// provides builtins (and `next/*`) itself, before asking the resolver.
    #[error("'{specifier}' imported from {} is the Node.js builtin '{name}'", importer.display())]
    #[diagnostic(
        code(ferroute::resolve::builtin),
        help("builtin modules come from the runtime, not from the project; see docs/compat.md for the ones ferroute provides")
    )]
    Builtin {
        /// The import specifier, as written.
        specifier: String,
        /// The importing file, relative to the project root when inside it.
        importer: PathBuf,
        /// The builtin, always with the `node:` prefix.
        name: String,
    },

    /// The project's tsconfig.json or jsconfig.json cannot be used.
    #[error("cannot use {}: {message}", path.display())]
    #[diagnostic(
        code(ferroute::resolve::config),
        help("fix the file: ferroute reads `compilerOptions.paths` and `baseUrl` from it (following `extends`), like Next.js")
    )]
    Config {
        /// The config file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },

    /// The file exists but the package forbids it, or cannot be loaded.
    #[error("cannot resolve '{specifier}' imported from {}: {message}", importer.display())]
    #[diagnostic(
        code(ferroute::resolve::failed),
        help("check the package's package.json (`exports`, `main`, `module`) or the import path")
    )]
    Failed {
        /// The import specifier, as written.
        specifier: String,
        /// The importing file, relative to the project root when inside it.
        importer: PathBuf,
        /// oxc_resolver's explanation.
        message: String,
    },
}

/// Resolves imports for one project. Create it once per project: it caches file system
/// lookups (call [`ProjectResolver::clear_cache`] after files change).
#[derive(Debug)]
pub struct ProjectResolver {
    root: PathBuf,
    config_file: Option<PathBuf>,
    resolver: Resolver,
    /// The same resolver (sharing its cache) with the `require` conditions.
    require_resolver: Resolver,
    /// The import and require conditions without `react-server`, for `react-dom/server*`
    /// (Next maps it to its Node build in route handlers, where the `react-server` build
    /// only throws).
    server_rendering: [Resolver; 2],
}

impl ProjectResolver {
    /// A resolver for the project in `project_root`, using its `tsconfig.json` or, if there
    /// is none, its `jsconfig.json` for `paths` and `baseUrl`. A broken config file is
    /// reported by [`ProjectResolver::resolve`] as [`ResolveError::Config`].
    pub fn new(project_root: &Path) -> Self {
        let root =
            std::fs::canonicalize(project_root).unwrap_or_else(|_| project_root.to_path_buf());
        let config_file = ["tsconfig.json", "jsconfig.json"]
            .iter()
            .map(|name| root.join(name))
            .find(|path| path.is_file());
        let strings = |items: &[&str]| items.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        let options = ResolveOptions {
            tsconfig: config_file.clone().map(|config_file| {
                TsconfigDiscovery::Manual(TsconfigOptions {
                    config_file,
                    references: TsconfigReferences::Disabled,
                })
            }),
            condition_names: strings(CONDITIONS),
            extensions: strings(RESOLVE_EXTENSIONS),
            // TypeScript's ESM style: `import './x.js'` finds `x.ts` (as Next.js does).
            extension_alias: vec![
                (".js".to_string(), strings(&[".ts", ".tsx", ".js", ".jsx"])),
                (".mjs".to_string(), strings(&[".mts", ".mjs"])),
                (".cjs".to_string(), strings(&[".cts", ".cjs"])),
            ],
            // Next's server compiler reads `main` before `module`.
            main_fields: strings(&["main", "module"]),
            module_type: true,
            builtin_modules: true,
            node_path: false,
            ..ResolveOptions::default()
        };
        let require_options = ResolveOptions {
            condition_names: strings(REQUIRE_CONDITIONS),
            main_fields: strings(&["main"]),
            ..options.clone()
        };
        let without_rsc = |o: &ResolveOptions| ResolveOptions {
            condition_names: o
                .condition_names
                .iter()
                .filter(|c| *c != "react-server")
                .cloned()
                .collect(),
            ..o.clone()
        };
        let resolver = Resolver::new(options.clone());
        let server_rendering = [
            resolver.clone_with_options(without_rsc(&options)),
            resolver.clone_with_options(without_rsc(&require_options)),
        ];
        let require_resolver = resolver.clone_with_options(require_options);
        Self {
            root,
            config_file,
            resolver,
            require_resolver,
            server_rendering,
        }
    }

    /// The project root (canonicalized).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The tsconfig.json or jsconfig.json in use, if the project has one.
    pub fn config_file(&self) -> Option<&Path> {
        self.config_file.as_deref()
    }

    /// The file `specifier` refers to when imported from `importer` (a file path; relative
    /// paths are taken from the project root).
    ///
    /// # Errors
    /// See [`ResolveError`].
    pub fn resolve(&self, importer: &Path, specifier: &str) -> Result<PathBuf, ResolveError> {
        self.resolve_module(importer, specifier)
            .map(|resolved| resolved.path)
    }

    /// Like [`ProjectResolver::resolve`], and also says how to load the file.
    ///
    /// # Errors
    /// See [`ResolveError`].
    pub fn resolve_module(
        &self,
        importer: &Path,
        specifier: &str,
    ) -> Result<ResolvedModule, ResolveError> {
        self.resolve_with(importer, specifier, ResolveMode::Import)
    }

    /// Like [`ProjectResolver::resolve_module`], with the conditions of `mode`.
    ///
    /// # Errors
    /// See [`ResolveError`].
    pub fn resolve_with(
        &self,
        importer: &Path,
        specifier: &str,
        mode: ResolveMode,
    ) -> Result<ResolvedModule, ResolveError> {
        let importer = self.root.join(importer);
        // `react-dom/server` and what its files import (React itself) resolve without
        // `react-server`: the server-rendering build needs React's client internals.
        let rendering = specifier == "react-dom/server"
            || specifier.starts_with("react-dom/server.")
            || importer
                .to_string_lossy()
                .contains("/node_modules/react-dom/");
        let resolver = match (mode, rendering) {
            (ResolveMode::Import, false) => &self.resolver,
            (ResolveMode::Require, false) => &self.require_resolver,
            (ResolveMode::Import, true) => &self.server_rendering[0],
            (ResolveMode::Require, true) => &self.server_rendering[1],
        };
        match resolver.resolve_file(&importer, specifier) {
            Ok(resolution) => {
                let kind = module_kind(resolution.path(), resolution.module_type())
                    .ok_or_else(|| ResolveError::Failed {
                        specifier: specifier.to_string(),
                        importer: self.shown(&importer),
                        message: format!(
                            "{} is a native addon or WebAssembly module, which ferroute cannot load",
                            resolution.path().display()
                        ),
                    })?;
                Ok(ResolvedModule {
                    path: resolution.into_path_buf(),
                    kind,
                })
            }
            Err(error) => Err(self.error(&importer, specifier, error)),
        }
    }

    /// Forgets cached file system lookups (after files were added, removed or changed).
    pub fn clear_cache(&self) {
        self.resolver.clear_cache();
    }

    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }

    fn error(
        &self,
        importer: &Path,
        specifier: &str,
        error: oxc_resolver::ResolveError,
    ) -> ResolveError {
        use oxc_resolver::ResolveError as E;
        // A config that cannot be used fails every resolution, with whatever error oxc met
        // first (a bare `extends` target, an empty one, a package.json on the way): name
        // the config for all of them.
        if !matches!(error, E::Builtin { .. }) {
            if let Some(error) = self.config_error() {
                return error;
            }
        }
        match error {
            E::NotFound(_) | E::MatchedAliasNotFound(..) | E::ExtensionAlias(..) => {
                ResolveError::NotFound {
                    specifier: specifier.to_string(),
                    importer: self.shown(importer),
                    help: self.not_found_help(specifier),
                }
            }
            E::Builtin { resolved, .. } => ResolveError::Builtin {
                specifier: specifier.to_string(),
                importer: self.shown(importer),
                name: resolved,
            },
            other => ResolveError::Failed {
                specifier: specifier.to_string(),
                importer: self.shown(importer),
                message: other.to_string(),
            },
        }
    }

    /// Why the project's tsconfig.json or jsconfig.json (with what it extends) cannot be
    /// used, if it cannot.
    pub(crate) fn config_error(&self) -> Option<ResolveError> {
        use oxc_resolver::ResolveError as E;
        let config = self.config_file.as_deref()?;
        let error = self.resolver.resolve_tsconfig(config).err()?;
        let (path, message) = match error {
            E::TsconfigNotFound(path) if path == config => (path, "file not found".to_string()),
            E::TsconfigNotFound(path) => (
                config.to_path_buf(),
                format!("`extends` names '{}', which was not found", path.display()),
            ),
            E::TsconfigLoadFailed { path, source } => {
                let message = match *source {
                    E::Json(json) => format!("invalid JSON: {}", json.message),
                    other => other.to_string(),
                };
                (path, message)
            }
            E::Json(json) => (json.path, format!("invalid JSON: {}", json.message)),
            E::TsconfigCircularExtend(paths) => (
                config.to_path_buf(),
                format!("`extends` is circular: {paths}"),
            ),
            E::TsconfigSelfReference(path) => {
                (path, "a project reference points to itself".to_string())
            }
            other => (
                config.to_path_buf(),
                format!("cannot follow `extends`: {other}"),
            ),
        };
        Some(ResolveError::Config { path, message })
    }

    fn not_found_help(&self, specifier: &str) -> String {
        let config_name = self
            .config_file
            .as_deref()
            .and_then(Path::file_name)
            .map(|name| name.to_string_lossy().into_owned());
        let extensions = RESOLVE_EXTENSIONS.join(", ");
        if specifier.starts_with('.') || specifier.starts_with('/') {
            return format!(
                "no file '{specifier}' with one of the extensions {extensions}, and no '{specifier}/index' file with them; check the path and the case of the file name"
            );
        }
        if specifier.starts_with("@/") || specifier.starts_with("~/") {
            let alias = &specifier[..2];
            return match config_name {
                Some(name) => format!(
                    "'{alias}' is a path alias: check `compilerOptions.paths` in {name} (create-next-app sets \"{alias}*\": [\"./*\"], or [\"./src/*\"] with a src/ folder) and that the target file exists"
                ),
                None => format!(
                    "'{alias}' is a path alias, but the project has no tsconfig.json or jsconfig.json; add one with \"compilerOptions\": {{ \"paths\": {{ \"{alias}*\": [\"./*\"] }} }}"
                ),
            };
        }
        let package = package_name(specifier);
        let installed = self.root.join("node_modules").join(package).is_dir();
        let mut help = if installed {
            format!(
                "'{package}' is installed but exports nothing for '{specifier}' under the conditions {}; check its package.json `exports`",
                CONDITIONS.join(", ")
            )
        } else {
            format!(
                "is '{package}' installed? run `npm install {package}` in {}",
                self.root.display()
            )
        };
        if let Some(name) = config_name {
            let _ = write!(
                help,
                " (if it is a path alias, check `compilerOptions.paths` in {name})"
            );
        }
        help
    }
}

/// `@scope/name` or `name`, from a bare specifier like `@scope/name/sub/path`.
fn package_name(specifier: &str) -> &str {
    let segments = if specifier.starts_with('@') { 2 } else { 1 };
    match specifier.match_indices('/').nth(segments - 1) {
        Some((end, _)) => &specifier[..end],
        None => specifier,
    }
}

/// `None` for files the runtime cannot load (native addons, WebAssembly).
fn module_kind(path: &Path, module_type: Option<ModuleType>) -> Option<ModuleKind> {
    let extension = path
        .extension()
        .and_then(|ext| ext.to_str())
        .unwrap_or_default();
    Some(match extension {
        "ts" | "tsx" | "jsx" | "mts" | "mjs" => ModuleKind::Esm,
        "cts" | "cjs" => ModuleKind::CommonJs,
        "json" => ModuleKind::Json,
        "node" | "wasm" => return None,
        _ => match module_type {
            Some(ModuleType::Module) => ModuleKind::Esm,
            Some(ModuleType::CommonJs) => ModuleKind::CommonJs,
            Some(ModuleType::Json) => ModuleKind::Json,
            Some(ModuleType::Wasm | ModuleType::Addon) => return None,
            None => ModuleKind::Ambiguous,
        },
    })
}
