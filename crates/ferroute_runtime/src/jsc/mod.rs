//! The JavaScriptCore engine (`--engine jsc`), over `ferroute_jsc`: one VM per worker thread,
//! the platform of `js/jsc/*.js` (what llrt's Rust modules give QuickJS), then the same
//! `js/*.js` files QuickJS runs, on natives that call the shared request logic of
//! `natives.rs`. docs/engine-boundary.md is the design.
//!
//! Differences from QuickJS that this module absorbs:
//! - JSC runs promise jobs when the outermost API call returns, so an entry is one
//!   [`Vm::batch`]: the jobs it queued have run when [`Core::enter`] returns.
//! - `--max-sync-ms` is JSC's execution time limit, whose deadline `ferroute_jsc`'s clock hook
//!   makes wall time; its callback reads the same wall-clock `ENTERED_AT` as QuickJS's
//!   interrupt handler.
//! - Stacks are `fn@url:line:col` lines; [`describe`] rewrites them to the `at fn (url:line:col)`
//!   form the source-map remapping and our JavaScript read.
//! - No heap limit (docs/engine-boundary.md §5): `--max-memory-mb` bounds the process's resident
//!   memory instead, and a worker whose heap holds too much of it recycles (`memory`).

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ferroute_jsc::{Arg, Function, JsError, Value, Vm};
use ferroute_router::{ParamValue, Params};

use crate::engine::{EngineConfig, JSC_FILES, JS_FILES};
use crate::worker::{self, HostValue, State, ENTERED_AT};

mod crypto;
mod fetch;
mod memory;
mod modules;
mod natives;
mod net;
mod node_io;
mod outbox;
mod sent_strings;

use outbox::Outbox;
use sent_strings::{ReceivedStrings, SentStrings};

pub(crate) use memory::tag_of;
pub use memory::MemoryRecycle;

/// A table of natives being filled: `add` sets `target[name]` to a function running `f` (a
/// JavaScriptCore host function where the library allows: see `Vm::host_function`).
struct Natives<'a> {
    vm: &'a Vm,
    target: &'a Value,
}

impl Natives<'_> {
    fn add<F>(&self, name: &str, f: F) -> Result<(), JsError>
    where
        F: Fn(&Vm, &[Value]) -> Result<Value, JsError> + Copy + 'static,
    {
        self.target.set(name, &self.vm.host_function(name, f))
    }
}

/// How often JSC's watchdog asks whether a running script must stop (over `--max-sync-ms`,
/// over the memory bound, or busy past `BUSY_AFTER`): a 40th of `--max-sync-ms`, between 25 and
/// 250 ms (250 ms for the default 10 s).
///
/// Not shorter: JSC's watchdog timer fires every tick while the VM is entered at all, however
/// short each entry, and each firing throws away the optimized code on the stack (a VM trap
/// invalidates it), which the JIT then compiles again. At 25 ms that was 20 to 80 DFG/FTL
/// compilations every 4 s of one worker's steady state and a third of the CPU time of the
/// streaming and `await` rows; at 250 ms, one or two.
fn watchdog_tick(max_sync_run: Duration) -> Duration {
    (max_sync_run / 40).clamp(Duration::from_millis(25), Duration::from_millis(250))
}

/// One worker's JavaScriptCore VM and the JavaScript values Rust calls into.
pub(crate) struct Core {
    internal: Value,
    dispatch: RefCell<Option<Function>>,
    /// This engine in the registry of the memory bound's census and backstop.
    slot: Arc<memory::Slot>,
    /// The header lists `internHeaders` keeps (01_calls.js), by the number it gave each.
    pub(crate) header_sets: RefCell<Vec<http::HeaderMap>>,
    /// The URLs and params texts `dispatch` sends again, kept made (sent_strings.rs).
    pub(crate) sent: SentStrings,
    /// The names the per-request natives receive again, read once (sent_strings.rs).
    pub(crate) received: ReceivedStrings,
    /// The responses JavaScript hands over without a native call (outbox.rs).
    outbox: Option<Outbox>,
    // Declared last: the values above are released before the VM goes.
    pub(crate) vm: Vm,
}

/// Creates the VM, installs `internal` with the natives and the configuration, evaluates the
/// platform and our JavaScript, and installs the worker state. Must run inside the worker's
/// tokio `LocalSet`.
pub(crate) fn start(config: &Arc<EngineConfig>) -> Result<Rc<Core>, String> {
    // The library is opened at run time: a machine without it runs QuickJS, and hears why
    // --engine jsc cannot start.
    ferroute_jsc::load().map_err(|e| e.to_string())?;
    ferroute_jsc::set_gc_markers(gc_markers(config.workers));
    let vm = Vm::new();
    let limit = config.max_sync_run;
    // Set before any script compiles: JSC plants its checks when it compiles code.
    vm.set_time_limit(watchdog_tick(limit), move || {
        memory::over_budget() || worker::run_is_over(limit)
    });
    let internal = vm
        .eval(
            "(() => { const o = { modules: {} }; Object.defineProperty(globalThis, Symbol.for('ferroute.internal'), { value: o }); return o; })()",
            "ferroute:internal",
            1,
        )
        .map_err(|e| describe(&e))?;
    natives::install(&vm, &internal, config).map_err(|e| describe(&e))?;
    install_owner_word(&vm, &internal).map_err(|e| describe(&e))?;
    // Only where Rust can run the jobs an entry queued before emptying it (outbox.rs).
    let outbox = if vm.runs_jobs_here() {
        Some(Outbox::install(&vm, &internal).map_err(|e| describe(&e))?)
    } else {
        None
    };
    let core = Rc::new(Core {
        internal,
        outbox,
        dispatch: RefCell::new(None),
        slot: memory::register(),
        header_sets: RefCell::new(Vec::new()),
        sent: SentStrings::new(),
        received: ReceivedStrings::new(),
        vm,
    });
    worker::install(State {
        ctx: None,
        internal: None,
        jsc: Some(core.clone()),
        requests: Default::default(),
        next_id: 0,
        timers: Default::default(),
        tasks: tokio::task::JoinSet::new(),
        route_loads: Default::default(),
        config: config.clone(),
    });
    worker::spawn(worker::deliver_aborts());
    worker::spawn(memory::answer_censuses(
        core.slot.clone(),
        Rc::downgrade(&core),
    ));
    core.enter(|vm| -> Result<(), JsError> {
        for (name, source) in JSC_FILES {
            if !is_lazy_platform(name) {
                vm.eval(source, &format!("ferroute:jsc/{name}"), 1)?;
            }
        }
        for (name, _) in JS_FILES {
            if !crate::engine::is_lazy(name) {
                eval_js_file(vm, name)?;
            }
        }
        Ok(())
    })
    .map_err(|e| describe(&e))?;
    let dispatch = core
        .internal
        .get("dispatchJson")
        .map_err(|e| describe(&e))?;
    let Some(dispatch) = Function::new(dispatch) else {
        return Err("our JavaScript defined no internal.dispatchJson".into());
    };
    *core.dispatch.borrow_mut() = Some(dispatch);
    memory::arm(config.memory_limit, config.workers);
    Ok(core)
}

/// `internal.owner`: a Uint32Array over 4 bytes Rust can read, where our JavaScript writes the
/// memory tag of the request whose code runs (see `memory`).
fn install_owner_word(vm: &Vm, internal: &Value) -> Result<(), JsError> {
    let word = outbox::RustBytes::install(
        vm,
        internal,
        "owner",
        4,
        "(u8) => new Uint32Array(u8.buffer, u8.byteOffset, 1)",
    )?;
    memory::set_owner_word(word.as_ptr());
    Ok(())
}

/// The files of `js/jsc/` evaluated on first use (by `js/jsc/02_lazy.js`) instead of at
/// start-up.
fn is_lazy_platform(name: &str) -> bool {
    matches!(
        name,
        "20_streams.js" | "30_buffer.js" | "31_path.js" | "32_string_decoder.js" | "52_subtle.js"
    )
}

/// Evaluates one of the `js/jsc/` files `js/jsc/02_lazy.js` loads on first use.
pub(crate) fn eval_platform_file(vm: &Vm, name: &str) -> Result<(), JsError> {
    let Some((_, source)) = JSC_FILES
        .iter()
        .find(|(n, _)| *n == name && is_lazy_platform(n))
    else {
        return Err(JsError::error(&format!(
            "no such lazy platform file: {name}"
        )));
    };
    vm.eval(source, &format!("ferroute:jsc/{name}"), 1)
        .map(drop)
}

/// Evaluates one of our `js/*.js` files (`FERROUTE_JS_DIR` reads it from disk, as on QuickJS).
pub(crate) fn eval_js_file(vm: &Vm, name: &str) -> Result<(), JsError> {
    let Some((_, embedded)) = JS_FILES.iter().find(|(n, _)| *n == name) else {
        return Err(JsError::error(&format!("no such runtime file: {name}")));
    };
    let source = std::env::var_os("FERROUTE_JS_DIR")
        .and_then(|dir| std::fs::read_to_string(std::path::PathBuf::from(dir).join(name)).ok())
        .unwrap_or_else(|| (*embedded).to_owned());
    vm.eval(&source, &format!("ferroute:{name}"), 1).map(drop)
}

impl Core {
    /// Enters JavaScript from Rust: runs `f` with the VM locked, so the promise jobs it
    /// queued run once, when it returns, and they count in the same synchronous run.
    pub(crate) fn enter<R>(&self, f: impl FnOnce(&Vm) -> R) -> R {
        let entered = Instant::now();
        let outer = ENTERED_AT.with(|e| e.replace(Some(entered)));
        let r = self.vm.batch(|| {
            let r = f(&self.vm);
            if outer.is_none() {
                self.send_outbox();
            }
            r
        });
        ENTERED_AT.with(|e| e.set(outer));
        if outer.is_none() {
            worker::clear_busy();
            memory::after_entry(entered);
        }
        r
    }

    /// Header list `n` of those `internHeaders` keeps.
    pub(crate) fn header_set(&self, n: u32) -> Option<http::HeaderMap> {
        self.header_sets.borrow().get(n as usize).cloned()
    }

    /// Bytes `start..start + len` of the shared chunk buffer (outbox.rs), where there is one.
    pub(crate) fn chunk(&self, start: usize, len: usize) -> Option<bytes::Bytes> {
        self.outbox.as_ref().map(|o| o.chunk(start, len))
    }

    /// Carries out the stream ops JavaScript queued (outbox.rs): first thing in a stream
    /// native, so that it comes after them.
    pub(crate) fn flush_stream(&self) {
        if let Some(outbox) = &self.outbox {
            outbox.flush_stream();
        }
    }

    /// Tells JavaScript whether a stream waits for room now (outbox.rs): after every stream
    /// native and stream ops flush. A "yes" left behind by a stream dropped meanwhile is
    /// corrected by the next write, which then asks the native.
    pub(crate) fn note_blocked(&self) {
        if let Some(outbox) = &self.outbox {
            outbox.note_blocked();
        }
    }

    /// At the end of an outermost entry: runs the promise jobs it queued (they may answer
    /// too; run here, each is cheaper than when the lock's release runs it), then sends the
    /// responses JavaScript left in the outbox. Without an outbox, the library cannot run
    /// jobs here either: they run at the lock's release.
    fn send_outbox(&self) {
        let Some(outbox) = &self.outbox else {
            return;
        };
        self.vm.run_jobs_here();
        if let Err(e) = outbox.flush(&self.vm, |n| self.header_set(n)) {
            crate::natives::log_error(format!("⨯ {}", describe(&e)));
        }
        outbox.flush_stream();
    }

    /// Resolves when the memory bound's backstop picks this engine to recycle; holds no
    /// reference to the engine.
    pub(crate) fn recycle_wanted(&self) -> impl std::future::Future<Output = MemoryRecycle> {
        let slot = self.slot.clone();
        async move { memory::wanted(&slot).await }
    }

    /// `internal[name](...args)`.
    pub(crate) fn call_entry(&self, name: &str, args: &[HostValue]) -> Result<(), String> {
        self.enter(|vm| -> Result<(), JsError> {
            let values: Vec<Value> = args.iter().map(|a| host_value(vm, a)).collect();
            self.internal.call_method(name, &values).map(drop)
        })
        .map_err(|e| describe(&e))
    }

    /// `internal.dispatch(id, index, call, method, url, params, flags)` for one request.
    pub(crate) fn dispatch(
        &self,
        [id, index, call, method]: [u32; 4],
        url: &str,
        params: Option<Params>,
        flags: u32,
    ) -> Result<(), String> {
        // Borrowed for the call, not cloned (a clone is one more protection taken and given
        // back): nothing a request runs retires the engine.
        let dispatch = self.dispatch.borrow();
        let Some(dispatch) = dispatch.as_ref() else {
            return Err("the engine is retired".into());
        };
        self.enter(|vm| -> Result<(), JsError> {
            // One `[name]` param crosses as its value and its name (made into the object
            // without a JSON.parse, both strings kept made when they repeat); others as JSON.
            let (params, name) = match params.as_ref().map(|p| p.0.as_slice()) {
                Some([(name, ParamValue::One(value))]) => {
                    (Some(Cow::Borrowed(value.as_str())), Some(name.as_str()))
                }
                _ => (params.as_ref().map(|p| Cow::Owned(params_json(p))), None),
            };
            let n = |v: u32| Arg::Number(f64::from(v));
            let url_kept = self.sent.get(vm, url);
            let params_kept = params.as_deref().and_then(|p| self.sent.get(vm, p));
            let name_kept = name.and_then(|p| self.sent.get(vm, p));
            dispatch
                .call_args([
                    n(id),
                    n(index),
                    n(call),
                    n(method),
                    sent_arg(url_kept.as_deref(), url),
                    params
                        .as_deref()
                        .map_or(Arg::Undefined, |p| sent_arg(params_kept.as_deref(), p)),
                    n(flags),
                    name.map_or(Arg::Undefined, |p| sent_arg(name_kept.as_deref(), p)),
                ])
                .map(drop)
        })
        .map_err(|e| describe(&e))
    }

    /// Evaluates `source` as a global script and answers what its completion value settles
    /// to, as a string (`Engine::run_script`).
    pub(crate) async fn run_script(&self, name: &str, source: &str) -> Result<String, String> {
        let (tx, rx) = tokio::sync::oneshot::channel::<Result<String, String>>();
        let tx = Rc::new(RefCell::new(Some(tx)));
        self.enter(|vm| -> Result<(), JsError> {
            // Named as our own files are, so load diagnostics leave its frame out.
            let value = vm.eval(source, &format!("ferroute:{name}"), 1)?;
            let settle = vm.eval(
                "((v, ok, err) => { Promise.resolve(v).then((x) => ok(String(x)), (e) => err(e instanceof Error ? `${e.name}: ${e.message}\\n${e.stack}` : String(e))); })",
                "ferroute:run_script",
                1,
            )?;
            let (ok_tx, err_tx) = (tx.clone(), tx);
            let ok = vm.function("ok", move |vm, args| {
                let text = args.first().map_or(Ok(String::new()), Value::to_string)?;
                if let Some(t) = ok_tx.borrow_mut().take() {
                    let _ = t.send(Ok(text));
                }
                Ok(vm.undefined())
            });
            let err = vm.function("err", move |vm, args| {
                let text = args.first().map_or(Ok(String::new()), Value::to_string)?;
                if let Some(t) = err_tx.borrow_mut().take() {
                    let _ = t.send(Err(normalize_stack_text(&text)));
                }
                Ok(vm.undefined())
            });
            settle.call(&[value, ok, err]).map(drop)
        })
        .map_err(|e| describe(&e))?;
        rx.await
            .map_err(|_| "the script's promise was dropped".to_owned())?
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        memory::unregister(&self.slot);
    }
}

/// The threads that mark a collection's heap: the cores each worker has to itself (one, by
/// default, with a worker per core), as the workers already keep every core busy and helper
/// threads would only take turns with them.
fn gc_markers(workers: usize) -> u32 {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    u32::try_from((cores / workers.max(1)).clamp(1, 8)).unwrap_or(1)
}

/// A [`HostValue`] as a JavaScript value.
fn host_value(vm: &Vm, v: &HostValue) -> Value {
    match v {
        HostValue::Number(n) => vm.number(*n),
        HostValue::Bool(b) => vm.boolean(*b),
        HostValue::Str(s) => vm.string(s),
        HostValue::String(s) => vm.string(s),
    }
}

/// A string `dispatch` sends: the kept one, or `text` made for the call.
fn sent_arg<'a>(kept: Option<&'a Value>, text: &'a str) -> Arg<'a> {
    kept.map_or(Arg::Str(text), Arg::Value)
}

/// The route params as the JSON text `dispatchJson` parses (undefined for a route without any).
fn params_json(params: &Params) -> String {
    // Written by hand to keep the route's order of names (a JSON map would sort them).
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut json = String::from("{");
    for (i, (k, v)) in params.0.iter().enumerate() {
        if i != 0 {
            json.push(',');
        }
        json.push_str(&quote(k));
        json.push(':');
        match v {
            ParamValue::One(s) => json.push_str(&quote(s)),
            ParamValue::Many(list) => {
                json.push('[');
                for (j, item) in list.iter().enumerate() {
                    if j != 0 {
                        json.push(',');
                    }
                    json.push_str(&quote(item));
                }
                json.push(']');
            }
        }
    }
    json.push('}');
    json
}

/// An exception as the logs and load diagnostics show it: `Name: message`, then the stack in
/// the `    at fn (file:line:col)` form.
pub(crate) fn describe(e: &JsError) -> String {
    if e.is_timeout() {
        return if memory::take_memory_stop() {
            "Error: stopped: the server went over its memory bound (--max-memory-mb) while this ran"
                .into()
        } else {
            "Error: stopped: this ran longer than --max-sync-ms without returning".into()
        };
    }
    let head = if e.name().is_empty() {
        e.message().to_owned()
    } else {
        format!("{}: {}", e.name(), e.message())
    };
    let stack = normalize_stack(e.stack());
    let mut out = head;
    if !stack.is_empty() {
        out.push('\n');
        out.push_str(&stack);
    } else if let (Some(url), Some(line)) = (e.url(), e.line()) {
        out.push_str(&format!(
            "\n    at {url}:{line}:{}",
            e.column().unwrap_or(1)
        ));
    }
    out
}

/// A logged error text (`Name: message`, maybe over several lines, then the stack) with its
/// JSC frames rewritten (see [`normalize_stack`]); other lines are kept as they are.
pub(crate) fn normalize_stack_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match frame(line) {
            Some(frame) => out.push_str(&frame),
            None => out.push_str(line),
        }
    }
    out
}

/// Rewrites JSC's `fn@url:line:col` stack lines as `    at fn (url:line:col)` (V8's and
/// QuickJS's form; a frame without a name is `<anonymous>`, as QuickJS writes it).
pub(crate) fn normalize_stack(stack: &str) -> String {
    stack
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| frame(l).unwrap_or_else(|| format!("    at {}", l.trim())))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One JSC frame line in the `at` form; None for a line that is no JSC frame.
fn frame(line: &str) -> Option<String> {
    let line = line.trim();
    let (func, place) = line.split_once('@')?;
    let func = match func {
        "" | "global code" | "module code" | "eval code" => "<anonymous>",
        f if f.contains(char::is_whitespace) => return None,
        f => f,
    };
    if place == "[native code]" {
        return Some(format!("    at {func} (native)"));
    }
    // `file:line:col`: the last two parts are numbers.
    let mut parts = place.rsplitn(3, ':');
    let (col, row) = (parts.next()?, parts.next()?);
    if parts.next().is_none()
        || !col.bytes().all(|b| b.is_ascii_digit())
        || !row.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some(format!("    at {func} ({place})"))
}

#[cfg(test)]
mod tests {
    use super::{normalize_stack, normalize_stack_text};

    #[test]
    fn jsc_frames_read_as_v8_frames() {
        let stack = "GET@/app/route.ts:3:14\nglobal code@/app/route.ts:9:1\ndispatch@[native code]";
        assert_eq!(
            normalize_stack(stack),
            "    at GET (/app/route.ts:3:14)\n    at <anonymous> (/app/route.ts:9:1)\n    at dispatch (native)"
        );
        let text = "Error: Cannot find module 'x'\nRequire stack:\n- a@1.0.0/b.js\n@/app/x.ts:1:2";
        assert_eq!(
            normalize_stack_text(text),
            "Error: Cannot find module 'x'\nRequire stack:\n- a@1.0.0/b.js\n    at <anonymous> (/app/x.ts:1:2)"
        );
    }

    #[test]
    fn the_watchdog_ticks_at_a_fortieth_of_max_sync_ms_between_25_and_250_ms() {
        use std::time::Duration;
        let ms = Duration::from_millis;
        assert_eq!(super::watchdog_tick(ms(10_000)), ms(250));
        assert_eq!(super::watchdog_tick(ms(4_000)), ms(100));
        assert_eq!(super::watchdog_tick(ms(200)), ms(25));
        assert_eq!(super::watchdog_tick(Duration::from_secs(3600)), ms(250));
    }

    /// The files `is_lazy_platform` leaves out at start-up are the ones js/jsc/02_lazy.js
    /// loads on first use, no more and no fewer.
    #[test]
    fn the_lazy_platform_files_are_the_ones_02_lazy_js_loads() {
        use crate::engine::JSC_FILES;
        let (_, lazy_js) = JSC_FILES
            .iter()
            .find(|(name, _)| *name == "02_lazy.js")
            .expect("02_lazy.js");
        let mut registered: Vec<&str> = lazy_js
            .split("lazy('")
            .skip(1)
            .filter_map(|rest| rest.split_once('\'').map(|(file, _)| file))
            .collect();
        registered.sort_unstable();
        let mut skipped: Vec<&str> = JSC_FILES
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| super::is_lazy_platform(name))
            .collect();
        skipped.sort_unstable();
        assert_eq!(skipped, registered);
        assert!(!skipped.is_empty());
    }
}
