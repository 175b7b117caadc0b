//! The JavaScript engine behind ferroute: one QuickJS runtime per worker thread, the web
//! platform our handlers expect (Request, Response, fetch, streams, timers ...), a module
//! loader for the user's files and for `next/*`, and the bridge that turns an
//! `http::Request` into a handler call and the handler's `Response` back into an
//! `http::Response`.
//!
//! This is the only crate that knows rquickjs: JS values never cross its API.
//!
//! ```no_run
//! # async fn demo(config: std::sync::Arc<ferroute_runtime::EngineConfig>) {
//! let engine = ferroute_runtime::Engine::new(config).await.expect("engine");
//! # }
//! ```

mod aes_cbc;
mod alloc;
mod body;
mod compiled_store;
mod cookie;
mod data_cache;
mod encrypted_key;
mod engine;
mod fetch;
#[doc(hidden)]
pub mod fuzz;
mod jsc;
mod kdf;
mod loader;
mod natives;
mod node_fs;
mod node_net;
mod node_zlib;
mod script_bytecode;
mod sign;
mod stack;
mod sys;
mod text_decode;
mod worker;

/// The `ferroute` binary's global allocator (see `alloc.rs`).
pub use alloc::CountingAlloc;
pub use body::{
    drain, empty_incoming, with_deadline, BodyTimedOut, BoxError, ChunkStream, IncomingBody,
    ResponseBody,
};
pub use compiled_store::CompiledStore;
pub use data_cache::{log_cache_error, ERROR_LOG_INTERVAL};
pub use engine::{
    forwarded_headers, random_hex_id, Engine, EngineConfig, EngineError, EngineKind, Generated,
    GeneratedResponse, Handled, LoadCause, RequestMeta, RouteModule, StaticGeneration,
    DEFAULT_CACHE_BYTES, DEFAULT_MAX_BODY_SIZE,
};
pub use ferroute_router::{ParamValue, Params};
pub use fetch::proxy;
pub use jsc::MemoryRecycle;
pub use loader::ModuleCache;
pub use natives::{log_message, log_warning, set_log_sink};

/// The seven methods a route module can export, in Next.js's order.
pub const METHODS: [&str; 7] = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];
