//! The memory bound of a JavaScriptCore server (docs/engine-boundary.md §5: design C, and its
//! backstop, a worker that recycles).
//!
//! JSC has no heap limit and its heap is allocated outside our allocator, so the bound is the
//! process's resident memory: `--max-memory-mb` (at least 256 MiB) × workers above what the
//! process held once its engines had started. Two checks compare it with the resident memory:
//! JSC's watchdog calls [`over_budget`] every tick (`watchdog_tick`) of time a script runs, and
//! [`after_entry`] looks at most every [`CHECK_EVERY`] after an entry into JavaScript.
//!
//! - Over the bound while a script runs: the script is stopped (JSC's uncatchable termination)
//!   and the request it ran for is blamed: the tag our JavaScript writes to `internal.owner`
//!   names it (00_internal.js). [`after_entry`] ends that request (500, or its stream cut).
//! - Either way, the bound moves above what the process holds now (by one worker's share)
//!   while a census runs: every worker collects its garbage in full and reports its live heap
//!   (`Vm::heap_statistics`), then the census gives the freed pages up to [`SETTLE`] to go
//!   back to the system (JSC's allocator returns them within about half a second).
//! - Back under the bound: the bound is restored. Still over it, the backstop: the worker
//!   holding the largest live heap is asked to recycle ([`wanted`]) when that heap is worth it
//!   (a quarter of a share or more), or whatever holds the memory once the bound has had to
//!   move past its ceiling, twice its first height above the baseline (the engine's Rust-side
//!   state goes with it too). The server stops giving that worker connections, lets its
//!   requests finish, drops its engine, which frees the whole heap with the VM, and starts a
//!   fresh one; a census follows. That is how memory no running script grows (a module-scope
//!   cache that grows a little per request) is bounded: no request can be blamed for it, but
//!   the worker holding it can start over.
//!
//! What this cannot do, and QuickJS's per-request ledger can: tell which request holds the
//! memory when none is running it up, or tell two workers apart when both allocate at once.
// One read of the owner word through a raw pointer (see `over_budget`): the word is written by
// JavaScript, and reading it through the engine would need a JSC call inside JSC's watchdog.
#![allow(unsafe_code)]

use std::cell::Cell;
use std::rc::Weak;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

/// RSS, in bytes, above which a running script is stopped; 0 until the first engine started.
static THRESHOLD: AtomicU64 = AtomicU64::new(0);
/// The bound as the first engines armed it: their baseline plus [`BUDGET`].
static FIRST: AtomicU64 = AtomicU64::new(0);
/// The whole bound above the baseline: one share per worker.
static BUDGET: AtomicU64 = AtomicU64::new(0);
/// One worker's share of the bound (`--max-memory-mb`, at least [`LEAST_SHARE`]).
static SHARE: AtomicU64 = AtomicU64::new(0);
/// The census counter: a worker's figure is current when it was taken for the latest census.
static CENSUS: AtomicU64 = AtomicU64::new(0);
/// Wakes a census when a worker reported its figure.
static REPORTED: Notify = Notify::const_new();
/// The JSC engines of the process.
static ENGINES: LazyLock<Mutex<Engines>> = LazyLock::new(Mutex::default);

thread_local! {
    /// Where `internal.owner`'s word lives (the bytes of its buffer), once the engine started.
    static OWNER: Cell<*const u8> = const { Cell::new(std::ptr::null()) };
    /// The memory tag of the request a memory stop blamed, until `after_entry` ends it.
    static VICTIM: Cell<Option<u32>> = const { Cell::new(None) };
    /// The last stop of a script was for memory (not `--max-sync-ms`).
    static STOPPED_FOR_MEMORY: Cell<bool> = const { Cell::new(false) };
    /// This thread armed the bound with its first engine (later ones re-base it).
    static ARMED: Cell<bool> = const { Cell::new(false) };
    /// When `after_entry` last read the resident memory.
    static LAST_CHECK: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// The least each worker's share of the bound is. JSC's heap grows in large steps and its
/// collector runs when JSC decides (nothing tells it of our bound), so resident memory holds
/// garbage not yet collected: a bound much below this would stop requests that hold little.
const LEAST_SHARE: usize = 256 << 20;

/// What `workers` workers of `limit` bytes each may hold together (each at least
/// [`LEAST_SHARE`]): the bound above the baseline.
fn bound(limit: usize, workers: usize) -> usize {
    limit.max(LEAST_SHARE).saturating_mul(workers.max(1))
}

/// How often, at most, an entry's end reads the resident memory (a `/proc/self/statm` read):
/// a handler that allocates in bursts shorter than the watchdog's tick is still seen.
const CHECK_EVERY: Duration = Duration::from_millis(10);

/// How long a census waits for the workers' figures; one stuck in a long script (up to
/// `--max-sync-ms`) is judged by its last figure.
const CENSUS_WAIT: Duration = Duration::from_secs(1);

/// How long a census gives the pages its collections freed to go back to the system.
const SETTLE: Duration = Duration::from_secs(2);

/// How long a worker picked to recycle has before another may be picked in its place (an
/// engine no server runs, as `ferroute build`'s, never recycles).
const RECYCLE_PATIENCE: Duration = Duration::from_secs(60);

/// The registry of the process's JSC engines, for the census and the backstop.
#[derive(Default)]
struct Engines {
    all: Vec<Arc<Slot>>,
    /// When the running census started.
    census: Option<Instant>,
    /// The engine picked to recycle, and when, until it is dropped.
    recycling: Option<(Arc<Slot>, Instant)>,
    /// The engine picked to recycle was dropped: the next engine to start looks again.
    recycled: bool,
}

fn engines() -> MutexGuard<'static, Engines> {
    ENGINES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One JSC engine as the census and the backstop see it (shared with other threads).
#[derive(Default)]
pub(crate) struct Slot {
    /// Its live heap, in bytes, after its last full collection (`Vm::heap_statistics`).
    heap: AtomicU64,
    /// The census its figure was taken for.
    measured: AtomicU64,
    /// A census asks for its figure.
    measure: Notify,
    /// The backstop picked it.
    picked: Notify,
    recycle: Mutex<Option<MemoryRecycle>>,
}

/// Why the memory bound's backstop picked an engine to recycle (`Engine::recycle_wanted`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct MemoryRecycle {
    /// Bytes its JavaScript heap held after a full collection.
    pub heap: u64,
    /// Bytes every worker's heap held together after theirs.
    pub heaps: u64,
    /// The process's resident bytes, its collections' freed pages given back.
    pub resident: u64,
    /// The bound as it was first set (the baseline plus `--max-memory-mb` × workers).
    pub bound: u64,
}

impl std::fmt::Display for MemoryRecycle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "its JavaScript heap held {} MB after a full collection (all workers {} MB), and the server still {} MB, over its bound of {} MB (--max-memory-mb per worker, JavaScriptCore)",
            self.heap >> 20,
            self.heaps >> 20,
            self.resident >> 20,
            self.bound >> 20
        )
    }
}

/// Enters a new engine in the registry; [`unregister`] takes it out when it goes.
pub(super) fn register() -> Arc<Slot> {
    let slot = Arc::new(Slot::default());
    engines().all.push(slot.clone());
    slot
}

/// Takes a dropped engine out of the registry (a recycle it was picked for is over), and
/// forgets its thread's pointer into its VM.
pub(super) fn unregister(slot: &Arc<Slot>) {
    OWNER.with(|o| o.set(std::ptr::null()));
    VICTIM.with(Cell::take);
    let mut e = engines();
    e.all.retain(|s| !Arc::ptr_eq(s, slot));
    if e.recycling
        .as_ref()
        .is_some_and(|(s, _)| Arc::ptr_eq(s, slot))
    {
        e.recycling = None;
        e.recycled = true;
    }
}

/// Resolves when the backstop picked the engine of `slot` to recycle.
pub(super) async fn wanted(slot: &Slot) -> MemoryRecycle {
    loop {
        if let Some(why) = *slot
            .recycle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
        {
            return why;
        }
        slot.picked.notified().await;
    }
}

/// Answers the censuses with the live heap of `core`'s VM, for the engine's lifetime (a task
/// of the engine, so it ends with it).
pub(super) async fn answer_censuses(slot: Arc<Slot>, core: Weak<super::Core>) {
    loop {
        slot.measure.notified().await;
        let Some(core) = core.upgrade() else {
            return;
        };
        let census = CENSUS.load(Relaxed);
        core.vm.collect_garbage_now();
        slot.heap.store(core.vm.heap_statistics().size, Relaxed);
        slot.measured.store(census, Relaxed);
        REPORTED.notify_waiters();
    }
}

/// Sets the bound for `workers` workers of `limit` bytes each (at least [`LEAST_SHARE`]) when
/// this thread's first engine has started: that much over what the process holds now. The
/// engine started in place of a recycled one starts a census, once the old heap's pages had
/// time to go: it restores the bound, or picks the next worker.
pub(super) fn arm(limit: usize, workers: usize) {
    if ARMED.with(|a| a.replace(true)) {
        if std::mem::take(&mut engines().recycled) {
            start_census();
        }
        return;
    }
    let share = limit.max(LEAST_SHARE) as u64;
    let held = rss();
    let budget = bound(limit, workers) as u64;
    SHARE.fetch_max(share, Relaxed);
    BUDGET.fetch_max(budget, Relaxed);
    FIRST.fetch_max(held.saturating_add(budget), Relaxed);
    THRESHOLD.fetch_max(held.saturating_add(budget), Relaxed);
}

/// Records where `internal.owner`'s bytes are (valid for the VM's lifetime).
pub(super) fn set_owner_word(bytes: *const u8) {
    OWNER.with(|o| o.set(bytes));
}

fn rss() -> u64 {
    crate::node_fs::process_rss() as u64
}

/// Called by JSC's watchdog: true when the process is over its bound, so the running script
/// must stop; the request it runs for becomes the victim.
pub(super) fn over_budget() -> bool {
    let threshold = THRESHOLD.load(Relaxed);
    if threshold == 0 || rss() <= threshold {
        return false;
    }
    let word = OWNER.with(Cell::get);
    let tag = if word.is_null() {
        0
    } else {
        // SAFETY: `word` points at the 4 bytes of `internal.owner`'s buffer, which the VM keeps
        // for its lifetime (internal holds it); this runs on the VM's thread, inside it.
        unsafe { std::ptr::read_unaligned(word.cast::<u32>()) }
    };
    VICTIM.with(|v| v.set(Some(tag)));
    STOPPED_FOR_MEMORY.with(|s| s.set(true));
    true
}

/// Whether the last stopped script was stopped for memory (and forgets it).
pub(super) fn take_memory_stop() -> bool {
    STOPPED_FOR_MEMORY.with(|s| s.replace(false))
}

/// Whether the end of the entry that started at `now` should read the resident memory (at
/// most every [`CHECK_EVERY`], measured between entries' starts: no clock read of its own).
fn check_due(now: Instant) -> bool {
    LAST_CHECK.with(|last| {
        let due = last
            .get()
            .is_none_or(|t| now.duration_since(t) >= CHECK_EVERY);
        if due {
            last.set(Some(now));
        }
        due
    })
}

/// After the entry that started at `entered`: ends the request a memory stop blamed; when the
/// process is over its bound, raises the bound above what the process holds now (by one
/// worker's share) and starts a census of the workers' heaps, which may pick one to recycle.
pub(super) fn after_entry(entered: Instant) {
    let victim = VICTIM.with(Cell::take);
    if victim.is_none() && !check_due(entered) {
        return;
    }
    let threshold = THRESHOLD.load(Relaxed);
    let held = rss();
    if victim.is_none() && (threshold == 0 || held <= threshold) {
        return;
    }
    if let Some(tag) = victim {
        let id = crate::worker::with_state(|s| {
            s.requests
                .iter()
                .find(|(_, r)| r.owner == tag && tag != 0)
                .map(|(id, _)| *id)
        });
        crate::natives::eprintln_safe(&format!(
            "⨯ A request stopped: the server held {} MB, over its bound of {} MB (--max-memory-mb per worker, JavaScriptCore); answered 500",
            held >> 20,
            threshold >> 20
        ));
        if let Some(id) = id {
            crate::worker::abort_request(id, crate::worker::OUT_OF_MEMORY);
        }
    }
    THRESHOLD.fetch_max(held.saturating_add(SHARE.load(Relaxed)), Relaxed);
    start_census();
}

/// Starts a census on this thread, unless one runs.
fn start_census() {
    let mut e = engines();
    if e.census.is_none() {
        e.census = Some(Instant::now());
        drop(e);
        crate::worker::spawn(census());
    }
}

/// Clears the running census when its task ends (also when its engine is dropped first).
struct CensusRunning;

impl Drop for CensusRunning {
    fn drop(&mut self) {
        engines().census = None;
    }
}

/// Asks every engine for its live heap (each collects in full on its own thread), waits for
/// the figures up to [`CENSUS_WAIT`] and for the freed pages up to [`SETTLE`], then restores
/// the bound or applies the backstop.
async fn census() {
    let _running = CensusRunning;
    let census = CENSUS.fetch_add(1, Relaxed) + 1;
    let all = engines().all.clone();
    for slot in &all {
        slot.measure.notify_one();
    }
    let deadline = tokio::time::Instant::now() + CENSUS_WAIT;
    loop {
        let reported = REPORTED.notified();
        tokio::pin!(reported);
        reported.as_mut().enable();
        if all.iter().all(|s| s.measured.load(Relaxed) >= census) {
            break;
        }
        if tokio::time::timeout_at(deadline, reported).await.is_err() {
            break;
        }
    }
    let first = FIRST.load(Relaxed);
    let settled = tokio::time::Instant::now() + SETTLE;
    while rss() > first && tokio::time::Instant::now() < settled {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    if rss() <= first {
        THRESHOLD.store(first, Relaxed);
        return;
    }
    backstop(&all);
}

/// The process is still over its bound after full collections: picks the engine holding the
/// largest live heap to recycle, when that heap is a quarter of a share or more, or whatever
/// it holds once the bound has moved past its ceiling, twice its first height above the
/// baseline (then the memory is held outside the heaps, and an engine's Rust-side state goes
/// with it too).
fn backstop(all: &[Arc<Slot>]) {
    let (budget, first, share) = (
        BUDGET.load(Relaxed),
        FIRST.load(Relaxed),
        SHARE.load(Relaxed),
    );
    let ceiling = first.saturating_add(budget);
    let heaps: u64 = all.iter().map(|s| s.heap.load(Relaxed)).sum();
    let mut e = engines();
    if e.recycling
        .as_ref()
        .is_some_and(|(_, since)| since.elapsed() < RECYCLE_PATIENCE)
    {
        return;
    }
    // Only engines still registered: one dropped during the census freed its heap already.
    let Some(largest) = all
        .iter()
        .filter(|s| e.all.iter().any(|r| Arc::ptr_eq(r, s)))
        .max_by_key(|s| s.heap.load(Relaxed))
        .cloned()
    else {
        return;
    };
    let heap = largest.heap.load(Relaxed);
    if heap < share / 4 && THRESHOLD.load(Relaxed) <= ceiling {
        return;
    }
    let why = MemoryRecycle {
        heap,
        heaps,
        resident: rss(),
        bound: first,
    };
    *largest
        .recycle
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(why);
    largest.picked.notify_one();
    e.recycling = Some((largest, Instant::now()));
}

/// The memory tag of request `id` on JSC: never 0 (0 is "no request"), and within the 24 bits
/// the dispatch flags leave for it.
pub(crate) fn tag_of(id: u32) -> u32 {
    (id.wrapping_sub(1) % 0x00ff_ffff) + 1
}
