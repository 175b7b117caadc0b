//! The HTTP server: worker threads, each with its own tokio loop and JavaScript engine,
//! accepting from one shared listener; per request: method check -> canonical path ->
//! `RouteTable::match_path` -> `Engine::handle`.
//!
//! ```no_run
//! # fn demo() -> Result<(), ferroute_server::ServerError> {
//! let config = ferroute_server::ServerConfig::new("examples/route-handlers".into());
//! let server = ferroute_server::Server::start(config)?;
//! println!("listening on {}", server.local_addr());
//! # Ok(()) }
//! ```

pub mod build;
mod conn;
mod dev;
mod dotenv;
mod handover;
mod middleware;
pub mod next_config;
mod project;
mod public_files;
mod service;
mod static_cache;
mod watch;
mod worker_engine;
mod workers;

pub use conn::{default_max_connections, ConnectionLimits};
pub use dotenv::load_env_files;
pub use middleware::MiddlewareError;
pub use project::{find_app_dir, Project, ProjectError};
pub use workers::{CacheConfig, PinWorkers, Server, ServerConfig, ServerError, ShutdownReport};
