//! The store's one error type. A malformed `--cache-url` is a start-up diagnostic; the other
//! variants happen per operation, and the server answers them by serving without the cache.

use std::path::PathBuf;

/// An error of a [`crate::CacheStore`] operation or constructor.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum CacheError {
    /// The Redis URL given to [`crate::CacheStore::redis`] cannot be used.
    #[error("invalid cache URL `{url}`: {reason}")]
    #[diagnostic(
        code(ferroute::cache::url),
        help("use redis://[:PASSWORD@]HOST:PORT[/DB], e.g. --cache-url redis://127.0.0.1:6379/0")
    )]
    InvalidUrl {
        /// The URL, with any password replaced by `***`.
        url: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A file or folder of the file-system store could not be read or written.
    #[error("cache store {}: {source}", path.display())]
    #[diagnostic(
        code(ferroute::cache::io),
        help(
            "check that the folder exists and is writable by the server (or choose another store)"
        )
    )]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// Redis did not answer: unreachable, timed out, or it answered with an error.
    #[error("Redis cache at {url}: {reason}")]
    #[diagnostic(
        code(ferroute::cache::redis),
        help("check that Redis runs and is reachable; meanwhile requests are served without the shared cache")
    )]
    Redis {
        /// The URL, with any password replaced by `***`.
        url: String,
        /// What failed.
        reason: String,
    },
}

/// Short for `Result<T, CacheError>`.
pub type Result<T, E = CacheError> = std::result::Result<T, E>;
