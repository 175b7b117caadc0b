//! A safe Rust API over JavaScriptCore's C API (JSC 2.50 from Debian's
//! `libjavascriptcoregtk-4.1-0`): the JSC side of ferroute's engine boundary (issue 12).
//!
//! # Loading JavaScriptCore
//! The crate does not link JavaScriptCore: [`load`] opens it at run time with `dlopen` and looks
//! up every C function the crate calls, once per process. JSC is one of two engines and QuickJS
//! is the default, so a ferroute binary must build without JavaScriptCore's headers or
//! pkg-config (building needs nothing from the system) and must start on a machine without the
//! library; only `--engine jsc` needs it. The library is `$FERROUTE_JSC_LIBRARY` when set, else
//! `libjavascriptcoregtk-4.1.so.0` (package `libjavascriptcoregtk-4.1-0`), then
//! `libjavascriptcoregtk-4.1.so`; on macOS the system's `JavaScriptCore.framework` (untested).
//! [`Vm::new`] loads it on first use and panics with the [`LoadError`] when it cannot, so code
//! that picks the engine calls [`load`] first and reports the error:
//!
//! ```
//! match ferroute_jsc::load() {
//!     Ok(()) => drop(ferroute_jsc::Vm::new()),
//!     // "cannot load JavaScriptCore (tried libjavascriptcoregtk-4.1.so.0, ...): ...;
//!     // install libjavascriptcoregtk-4.1-0 (...) or set FERROUTE_JSC_LIBRARY=..."
//!     Err(err) => eprintln!("--engine jsc: {err}"),
//! }
//! ```
//!
//! # Using it
//! One [`Vm`] is one JSC context group with one global context. It is not `Send`: a worker
//! thread builds its own, as the server keeps one engine per worker thread. [`Value`]s are
//! protected from the garbage collector while Rust holds them and belong to the `Vm` that made
//! them. Errors thrown by JavaScript come back as [`JsError`], with the message, name, stack and
//! the file URL and line of the throw.
//!
//! ```
//! use ferroute_jsc::{JsError, Vm};
//!
//! let vm = Vm::new();
//! let add = vm.function("add", |vm, args| {
//!     let a = args.first().map_or(Ok(f64::NAN), |v| v.to_number())?;
//!     let b = args.get(1).map_or(Ok(f64::NAN), |v| v.to_number())?;
//!     Ok(vm.number(a + b))
//! });
//! vm.global().set("add", &add)?;
//! let result = vm.eval("add(2, 3) * 10", "file:///demo.js", 1)?;
//! assert_eq!(result.as_number(), Some(50.0));
//!
//! let err = vm.eval("\n  null.x", "file:///demo.js", 1).unwrap_err();
//! assert_eq!(err.name(), "TypeError");
//! assert_eq!(err.line(), Some(2));
//! # Ok::<(), JsError>(())
//! ```
//!
//! # When promise jobs run
//! JSC has no explicit job queue in its C API. It runs queued promise jobs (microtasks) when the
//! *outermost* JSC call returns, that is, when the thread gives up the VM's API lock. So every
//! call this crate makes from Rust outside JavaScript runs the jobs it queued before it returns:
//! [`Vm::eval`] (the `await`s and `.then`s of the script), [`Value::call`], [`Resolver::resolve`]
//! (the promise's reactions), a [`Value::get`] whose getter resolves a promise. Jobs queued while
//! JavaScript calls a native function wait until that JavaScript returns to the outermost call.
//! [`Vm::batch`] holds the lock over a block of Rust code, so the jobs queued in it run once, when
//! the block ends.
//!
//! # Threads
//! Neither [`Vm`] nor [`Value`] can move to another thread:
//!
//! ```compile_fail
//! fn send<T: Send>(_: T) {}
//! send(ferroute_jsc::Vm::new());
//! ```
//!
//! VMs on different threads run at the same time (there is no process-wide lock). JSC adds
//! helper threads (JIT, collector) and installs a handler for SIGUSR1, which it uses to
//! suspend threads while the collector scans their stacks.
//!
//! # What it does not do (yet)
//! - No ES modules: the C API has no module loader. Sources are classic scripts (ferroute
//!   links ES modules with its own registry, `ferroute_runtime/js/jsc/00_modules.js`).
//! - No heap limit: JSC has none; only the execution time limit ([`Vm::set_time_limit`]). The
//!   heap's figures are [`Vm::heap_statistics`].
//! - `WebAssembly.instantiate` and `WebAssembly.compile` stay pending: JSC settles them from
//!   WTF's run loop, which nothing spins in a C-API embedder. `new WebAssembly.Module(bytes)`
//!   and `new WebAssembly.Instance(module)` work.

mod encoding;
mod error;
pub mod ffi;
mod imports;
mod library;
mod native;
mod promise;
mod shared;
mod string;
mod value;
mod vm;

pub use error::{JsError, JsErrorKind};
pub use library::{load, set_gc_markers, LoadError};
pub use promise::Resolver;
pub use value::{Arg, Function, Value, ValueKind};
pub use vm::{HeapStatistics, Vm};
