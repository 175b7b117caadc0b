//! `next.config.{js,mjs,ts}`: evaluated once at start-up by an engine of its own (so
//! `require`, imports and TypeScript work as in routes), handed over as JSON, and checked
//! here into a typed [`NextConfig`]: `basePath`, `trailingSlash`, `headers()`,
//! `redirects()`, `rewrites()`, `env`, and the keys accepted without effect. What the
//! server does with it per request is `rules.rs`.

mod pattern;
mod rules;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use ferroute_runtime::EngineError;
use serde_json::{Map, Value};

pub(crate) use pattern::{appended_params, merge_query, substitute};
pub(crate) use rules::{matcher_rule, HeaderRule, RedirectRule, RequestFacts, RewriteRule, Rule};

/// The file names Next.js looks for, in its order.
pub const CONFIG_FILES: &[&str] = &["next.config.js", "next.config.mjs", "next.config.ts"];

/// The phase a config function is called with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// `ferroute start`.
    ProductionServer,
    /// `ferroute build`.
    ProductionBuild,
    /// `ferroute dev`.
    DevelopmentServer,
}

impl Phase {
    /// Next's name of the phase.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProductionServer => "phase-production-server",
            Self::ProductionBuild => "phase-production-build",
            Self::DevelopmentServer => "phase-development-server",
        }
    }
}

/// The keys of Next 15.5's config schema that ferroute accepts without acting on them.
const ACCEPTED_KEYS: &[&str] = &[
    "allowedDevOrigins",
    "amp",
    "analyticsId",
    "bundlePagesRouterDependencies",
    "cacheHandler",
    "cacheMaxMemorySize",
    "cleanDistDir",
    "compiler",
    "compress",
    "configOrigin",
    "crossOrigin",
    "deploymentId",
    "devIndicators",
    "distDir",
    "eslint",
    "excludeDefaultMomentLocales",
    "experimental",
    "exportPathMap",
    "generateBuildId",
    "generateEtags",
    "htmlLimitedBots",
    "httpAgentOptions",
    "i18n",
    "images",
    "logging",
    "modularizeImports",
    "onDemandEntries",
    "optimizeFonts",
    "output",
    "outputFileTracingExcludes",
    "outputFileTracingIncludes",
    "outputFileTracingRoot",
    "pageExtensions",
    "poweredByHeader",
    "productionBrowserSourceMaps",
    "publicRuntimeConfig",
    "reactMaxHeadersLength",
    "reactProductionProfiling",
    "reactStrictMode",
    "sassOptions",
    "serverExternalPackages",
    "serverRuntimeConfig",
    "skipMiddlewareUrlNormalize",
    "skipTrailingSlashRedirect",
    "staticPageGenerationTimeout",
    "target",
    "transpilePackages",
    "turbopack",
    "typedRoutes",
    "typescript",
    "useFileSystemPublicRoutes",
    "watchOptions",
    "webpack",
    "assetPrefix",
    "basePath",
    "trailingSlash",
    "headers",
    "redirects",
    "rewrites",
    "env",
    "expireTime",
];

/// A problem with `next.config`.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum ConfigError {
    /// A key holds a value Next.js refuses.
    #[error("invalid `{key}` in {file}: {message}")]
    #[diagnostic(code(ferroute::config::invalid), help("{help}"))]
    Invalid {
        /// The config file.
        file: String,
        /// The key (`basePath`, `redirects[0].source`, …).
        key: String,
        /// What is wrong.
        message: String,
        /// What to do.
        help: String,
    },
    /// The file failed to load or threw.
    #[error("could not load {file}")]
    #[diagnostic(
        code(ferroute::config::load),
        help("fix the error below: next.config is evaluated once at start-up")
    )]
    Load {
        /// The config file.
        file: String,
        /// What went wrong.
        #[related]
        cause: Vec<Cause>,
    },
}

/// Why `next.config` did not load: what the file threw or failed to compile, or an engine
/// that did not start.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Cause {
    /// The file's own error.
    #[error(transparent)]
    #[diagnostic(transparent)]
    File(ferroute_runtime::LoadCause),
    /// The engine's.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Engine(ferroute_runtime::EngineError),
}

fn causes(e: ferroute_runtime::EngineError) -> Vec<Cause> {
    match e {
        ferroute_runtime::EngineError::Load { cause, .. } => {
            cause.into_iter().map(Cause::File).collect()
        }
        other => vec![Cause::Engine(other)],
    }
}

/// The parts of `next.config` ferroute acts on.
#[derive(Debug, Clone, Default)]
pub struct NextConfig {
    /// The file it came from (`next.config.js`), if any.
    pub file: Option<String>,
    /// `basePath`: `''` or `/prefix` (no trailing slash).
    pub base_path: String,
    /// `trailingSlash`.
    pub trailing_slash: bool,
    /// `env`: added to `process.env`.
    pub env: Vec<(String, String)>,
    /// `serverExternalPackages` (accepted: every package runs as it is here).
    pub server_external_packages: Vec<String>,
    /// `assetPrefix` (accepted: route handlers serve no assets).
    pub asset_prefix: String,
    /// `output` (accepted).
    pub output: Option<String>,
    /// `experimental.authInterrupts`: `forbidden()` and `unauthorized()` work.
    pub auth_interrupts: bool,
    /// `skipTrailingSlashRedirect`: a trailing slash is neither added nor removed by a
    /// redirect; the request goes on (to the middleware, then the routes) as it came.
    pub skip_trailing_slash_redirect: bool,
    /// `skipMiddlewareUrlNormalize`: the middleware's `request.url` keeps the origin the
    /// server was started on (the rest of what it skips concerns the Pages Router's
    /// `/_next/data` URLs, which route handlers never see).
    pub skip_middleware_url_normalize: bool,
    /// `experimental.middlewareClientMaxBodySize` in bytes (None: Next's 10 MiB).
    pub middleware_body_limit: Option<usize>,
    /// `headers()`, with basePath applied to the sources.
    pub(crate) headers: Vec<HeaderRule>,
    /// `redirects()`, with basePath applied.
    pub(crate) redirects: Vec<RedirectRule>,
    /// `rewrites()`: before the file system, after it, and after dynamic routes.
    pub(crate) before_files: Vec<RewriteRule>,
    pub(crate) after_files: Vec<RewriteRule>,
    pub(crate) fallback: Vec<RewriteRule>,
    /// Warnings to print at start-up (unknown keys, as Next words them).
    pub warnings: Vec<String>,
}

impl NextConfig {
    /// The config file of the project at `root`, if it has one.
    #[must_use]
    pub fn find(root: &Path) -> Option<PathBuf> {
        CONFIG_FILES
            .iter()
            .map(|f| root.join(f))
            .find(|p| p.is_file())
    }

    /// Checks the JSON the engine produced from `file`.
    ///
    /// # Errors
    /// [`ConfigError::Invalid`] naming the first invalid key.
    pub fn from_json(file: &str, json: &str) -> Result<Self, ConfigError> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| invalid(file, "", &e.to_string(), "report this"))?;
        let obj = match value {
            Value::Object(o) => o,
            Value::Null => Map::new(),
            other => {
                return Err(invalid(
                    file,
                    "(the export)",
                    &format!("expected an object, found {}", type_name(&other)),
                    "export an object, or a function returning one: module.exports = { … } or export default { … }",
                ))
            }
        };
        Parser { file }.config(&obj)
    }
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn invalid(file: &str, key: &str, message: &str, help: &str) -> ConfigError {
    ConfigError::Invalid {
        file: file.to_owned(),
        key: key.to_owned(),
        message: message.to_owned(),
        help: help.to_owned(),
    }
}

struct Parser<'a> {
    file: &'a str,
}

impl Parser<'_> {
    fn err(&self, key: &str, message: impl AsRef<str>, help: &str) -> ConfigError {
        invalid(self.file, key, message.as_ref(), help)
    }

    fn config(&self, obj: &Map<String, Value>) -> Result<NextConfig, ConfigError> {
        let mut config = NextConfig {
            file: Some(self.file.to_owned()),
            ..NextConfig::default()
        };
        let unknown: Vec<&str> = obj
            .keys()
            .map(String::as_str)
            .filter(|k| !ACCEPTED_KEYS.contains(k))
            .collect();
        if !unknown.is_empty() {
            // Next's words (zod's unrecognized_keys through normalizeZodErrors).
            let list = unknown
                .iter()
                .map(|k| format!("'{k}'"))
                .collect::<Vec<_>>()
                .join(", ");
            config.warnings.push(format!(
                "Invalid {} options detected: \n    Unrecognized key(s) in object: {list}\nSee more info here: https://nextjs.org/docs/messages/invalid-next-config",
                self.file
            ));
        }
        if let Some(v) = obj.get("basePath") {
            config.base_path = self.base_path(v)?;
        }
        if let Some(v) = obj.get("trailingSlash") {
            config.trailing_slash = match v {
                Value::Bool(b) => *b,
                Value::Null => false,
                other => {
                    return Err(self.err(
                        "trailingSlash",
                        format!("expected boolean, received {}", type_name(other)),
                        "use trailingSlash: true or false",
                    ))
                }
            };
        }
        if let Some(v) = obj.get("env") {
            config.env = self.env(v)?;
        }
        if let Some(v) = obj.get("serverExternalPackages") {
            config.server_external_packages = self.strings("serverExternalPackages", v)?;
        }
        if let Some(v) = obj.get("assetPrefix") {
            config.asset_prefix = self.string("assetPrefix", v)?;
        }
        if let Some(v) = obj.get("output") {
            let s = self.string("output", v)?;
            if !matches!(s.as_str(), "standalone" | "export" | "") {
                return Err(self.err(
                    "output",
                    format!("expected 'standalone' | 'export', received '{s}'"),
                    "use output: 'standalone' or 'export', or remove it",
                ));
            }
            config.output = Some(s).filter(|s| !s.is_empty());
        }
        for key in ["experimental", "images", "typescript", "eslint"] {
            match obj.get(key) {
                None | Some(Value::Object(_) | Value::Null) => {}
                Some(other) => {
                    return Err(self.err(
                        key,
                        format!("expected object, received {}", type_name(other)),
                        "use an object, or remove the key",
                    ))
                }
            }
        }
        config.auth_interrupts = obj
            .get("experimental")
            .and_then(|e| e.get("authInterrupts"))
            .is_some_and(|v| v == &Value::Bool(true));
        if let Some(v) = obj
            .get("experimental")
            .and_then(|e| e.get("middlewareClientMaxBodySize"))
        {
            config.middleware_body_limit = Some(self.size_limit(v)?);
        }
        for (key, field) in [
            (
                "skipTrailingSlashRedirect",
                &mut config.skip_trailing_slash_redirect,
            ),
            (
                "skipMiddlewareUrlNormalize",
                &mut config.skip_middleware_url_normalize,
            ),
        ] {
            *field = match obj.get(key) {
                None | Some(Value::Null) => false,
                Some(Value::Bool(b)) => *b,
                Some(other) => {
                    return Err(self.err(
                        key,
                        format!("expected boolean, received {}", type_name(other)),
                        &format!("use {key}: true or false"),
                    ))
                }
            };
        }
        let rules = rules::RuleParser {
            parser: self,
            base_path: &config.base_path,
        };
        if let Some(v) = obj.get("headers") {
            config.headers = rules.headers(v)?;
        }
        if let Some(v) = obj.get("redirects") {
            config.redirects = rules.redirects(v)?;
        }
        if let Some(v) = obj.get("rewrites") {
            let (before, after, fallback) = rules.rewrites(v)?;
            config.before_files = before;
            config.after_files = after;
            config.fallback = fallback;
        }
        Ok(config)
    }

    /// `experimental.middlewareClientMaxBodySize`: bytes, or a size as the `bytes` package
    /// reads it (`'1kb'`, `'5mb'`, `'1.5gb'`, `'100'`), in Next's words when it is not one.
    fn size_limit(&self, v: &Value) -> Result<usize, ConfigError> {
        const KEY: &str = "experimental.middlewareClientMaxBodySize";
        let bytes = match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => parse_size(s),
            _ => {
                return Err(self.err(
                    KEY,
                    "Client Max Body Size must be a valid number (bytes) or filesize format string (e.g., \"5mb\")",
                    "use a number of bytes, or a size such as '5mb'",
                ))
            }
        };
        match bytes {
            // Next's check is `value < 1` on what it parsed (a non-size string is 0).
            Some(b) if b >= 1.0 => Ok(b as usize),
            _ => Err(self.err(
                KEY,
                "Client Max Body Size must be larger than 0 bytes",
                "use a positive number of bytes, or a size such as '5mb'",
            )),
        }
    }

    fn string(&self, key: &str, v: &Value) -> Result<String, ConfigError> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Null => Ok(String::new()),
            other => Err(self.err(
                key,
                format!("expected string, received {}", type_name(other)),
                "use a string",
            )),
        }
    }

    fn strings(&self, key: &str, v: &Value) -> Result<Vec<String>, ConfigError> {
        let Value::Array(items) = v else {
            return Err(self.err(
                key,
                format!("expected array, received {}", type_name(v)),
                "use an array of package names",
            ));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| self.string(&format!("{key}[{i}]"), item))
            .collect()
    }

    /// Next's checks (`config.js`), in its words.
    fn base_path(&self, v: &Value) -> Result<String, ConfigError> {
        let Value::String(s) = v else {
            return Err(self.err(
                "basePath",
                format!(
                    "Specified basePath is not a string, found type \"{}\"",
                    type_name(v)
                ),
                "use a path such as basePath: '/docs', or ''",
            ));
        };
        if s.is_empty() {
            return Ok(String::new());
        }
        if s == "/" {
            return Err(self.err(
                "basePath",
                "Specified basePath /. basePath has to be either an empty string or a path prefix",
                "use basePath: '' for no prefix, or a prefix such as '/docs'",
            ));
        }
        if !s.starts_with('/') {
            return Err(self.err(
                "basePath",
                format!("Specified basePath has to start with a /, found \"{s}\""),
                &format!("write basePath: '/{s}'"),
            ));
        }
        if s.ends_with('/') {
            return Err(self.err(
                "basePath",
                format!("Specified basePath should not end with /, found \"{s}\""),
                &format!("write basePath: '{}'", s.trim_end_matches('/')),
            ));
        }
        Ok(s.clone())
    }

    fn env(&self, v: &Value) -> Result<Vec<(String, String)>, ConfigError> {
        let Value::Object(map) = v else {
            return Err(self.err(
                "env",
                format!("expected object, received {}", type_name(v)),
                "use an object of string values: env: { KEY: 'value' }",
            ));
        };
        let mut out = Vec::new();
        for (k, value) in map {
            let value = match value {
                Value::String(s) => s.clone(),
                Value::Null => continue,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                other => {
                    return Err(self.err(
                        &format!("env.{k}"),
                        format!("expected string, received {}", type_name(other)),
                        "env values are strings",
                    ))
                }
            };
            out.push((k.clone(), value));
        }
        Ok(out)
    }
}

/// Loads `next.config` of the project at `root`, if there is one, in an engine of its own
/// on a thread of its own (an engine is bound to its thread).
///
/// # Errors
/// [`ConfigError::Load`] when the file fails to evaluate, [`ConfigError::Invalid`] for a
/// value Next.js refuses.
pub fn load(
    root: &Path,
    env: &[(String, String)],
    phase: Phase,
) -> Result<NextConfig, ConfigError> {
    load_in_background(root, env, phase)?.wait()
}

/// `next.config` evaluating on its thread: [`load_in_background`].
pub(crate) struct Pending(Option<(String, std::thread::JoinHandle<Result<String, EngineError>>)>);

impl Pending {
    /// The configuration, once the file has been evaluated and checked.
    pub(crate) fn wait(self) -> Result<NextConfig, ConfigError> {
        let Some((display, thread)) = self.0 else {
            return Ok(NextConfig::default());
        };
        let result = thread
            .join()
            .unwrap_or_else(|_| Err(EngineError::Init("the next.config thread panicked".into())));
        match result {
            Ok(json) => NextConfig::from_json(&display, &json),
            Err(e) => Err(ConfigError::Load {
                file: display,
                cause: causes(e),
            }),
        }
    }
}

/// Starts evaluating `next.config` of the project at `root`, if there is one, in an engine
/// of its own on a thread of its own, so that the caller may start its workers meanwhile.
pub(crate) fn load_in_background(
    root: &Path,
    env: &[(String, String)],
    phase: Phase,
) -> Result<Pending, ConfigError> {
    let Some(file) = NextConfig::find(root) else {
        return Ok(Pending(None));
    };
    let mut engine_config = ferroute_runtime::EngineConfig::new(
        root.to_path_buf(),
        "http://localhost:3000".into(),
        3000,
    );
    engine_config.env = env.to_vec();
    let display = file.file_name().map_or_else(
        || file.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let config = std::sync::Arc::new(engine_config);
    let shown = display.clone();
    let thread = std::thread::Builder::new()
        .name("ferroute-next-config".into())
        .stack_size(16 * 1024 * 1024)
        .spawn(move || -> Result<String, EngineError> {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| EngineError::Init(e.to_string()))?;
            let local = tokio::task::LocalSet::new();
            local.block_on(&rt, async move {
                // Never freed, as the workers' engines (QuickJS asserts at teardown).
                let engine =
                    std::mem::ManuallyDrop::new(ferroute_runtime::Engine::new(config).await?);
                engine.load_next_config(&file, &shown, phase.as_str()).await
            })
        })
        .map_err(|e| ConfigError::Load {
            file: display.clone(),
            cause: vec![Cause::Engine(EngineError::Init(e.to_string()))],
        })?;
    Ok(Pending(Some((display, thread))))
}

/// The path below `basePath` (`/docs/a` → `/a`, `/docs` → `/`); `None` when `path` is not
/// below it. Without a basePath, `path` itself.
pub(crate) fn strip_base_path<'a>(next: &NextConfig, path: &'a str) -> Option<&'a str> {
    let base = next.base_path.as_str();
    if base.is_empty() {
        return Some(path);
    }
    let rest = path.strip_prefix(base)?;
    if rest.is_empty() {
        Some("/")
    } else if rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

/// Next's own redirects before the user's: `//` and `\` collapsed, then the trailing slash
/// added (`trailingSlash: true`; a last segment with a file extension loses it instead,
/// `.well-known` is left alone) or removed, below `basePath` (and `basePath` itself). With
/// `skipTrailingSlashRedirect` only the first applies.
#[must_use]
pub fn slash_redirect(next: &NextConfig, path: &str) -> Option<String> {
    if ferroute_router::has_slash_run(path) {
        return ferroute_router::canonical_redirect(path);
    }
    if next.skip_trailing_slash_redirect {
        return None;
    }
    let base = next.base_path.as_str();
    if next.trailing_slash {
        if !base.is_empty() && path == base {
            return Some(format!("{base}/"));
        }
        let rest = if base.is_empty() {
            path
        } else {
            path.strip_prefix(base).filter(|r| r.starts_with('/'))?
        };
        let inner = &rest[1..];
        if inner.is_empty() || inner.starts_with(".well-known") {
            return None;
        }
        if let Some(file) = inner.strip_suffix('/') {
            let last = file.rsplit('/').next().unwrap_or("");
            let has_extension = last.rfind('.').is_some_and(|dot| {
                dot > 0
                    && last.len() > dot + 1
                    && last[dot + 1..]
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            });
            return has_extension.then(|| format!("{base}/{file}"));
        }
        let last = inner.rsplit('/').next().unwrap_or("");
        return (!last.contains('.')).then(|| format!("{path}/"));
    }
    if !base.is_empty() {
        if path.strip_prefix(base) == Some("/") {
            return Some(base.to_owned());
        }
        path.strip_prefix(base).filter(|r| r.starts_with('/'))?;
    }
    ferroute_router::canonical_redirect(path)
}

/// The units of the `bytes` package, powers of 1024.
const SIZE_UNITS: [(&str, f64); 5] = [
    ("kb", 1024.0),
    ("mb", 1_048_576.0),
    ("gb", 1_073_741_824.0),
    ("tb", 1_099_511_627_776.0),
    ("pb", 1_125_899_906_842_624.0),
];

/// A size as the `bytes` package parses it for Next: `<number><unit>` with an optional
/// space and a unit of kb/mb/gb/tb/pb (any case, powers of 1024), else the leading integer
/// of the text as bytes (`'100'`, `'16b'`); None when neither reads.
fn parse_size(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    for (unit, factor) in SIZE_UNITS {
        if let Some(number) = lower.strip_suffix(unit) {
            let number = number.trim_end_matches(' ');
            let digits = number.strip_prefix(['-', '+']).unwrap_or(number);
            let (int, frac) = digits.split_once('.').unwrap_or((digits, "1"));
            let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if is_digits(int) && is_digits(frac) {
                return number.parse::<f64>().ok().map(|n| (n * factor).floor());
            }
        }
    }
    // parseInt: optional whitespace and sign, then digits.
    let t = text.trim_start();
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, &t[1..]),
        Some(b'+') => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    let end = rest.bytes().take_while(u8::is_ascii_digit).count();
    rest[..end].parse::<f64>().ok().map(|n| sign * n)
}

/// A byte count as the `bytes` package formats it in Next's messages (`1KB`, `10MB`, `1.5MB`).
#[must_use]
pub fn format_size(bytes: usize) -> String {
    let b = bytes as f64;
    let (value, unit) = SIZE_UNITS
        .iter()
        .rev()
        .find(|(_, f)| b >= *f)
        .map_or((b, "b"), |(unit, f)| (b / f, unit));
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}{}", unit.to_ascii_uppercase())
}
