//! The memory bound of a JavaScriptCore server (docs/engine-boundary.md §5, design C).
//!
//! JSC has no heap limit and its heap is allocated outside our allocator, so the bound is the
//! process's resident memory: `--max-memory-mb` (at least 256 MiB) × workers above what the
//! process held once its engines had started. JSC's watchdog calls [`over_budget`] every `WATCHDOG_TICK` of CPU time
//! a script runs. When the process is over the bound, the running script is stopped (JSC's
//! uncatchable termination) and the request it ran for is blamed: the tag our JavaScript
//! writes to `internal.owner` names it (00_internal.js). [`after_entry`] then ends that
//! request (500, or its stream cut), asks for a collection, and moves the bound above what
//! the process now holds, because freed pages come back to the system slowly.
//!
//! What this cannot do, and QuickJS's per-request ledger can: blame memory that no running
//! script is growing (a module-scope cache, a slow leak between requests), or tell two
//! workers apart when both allocate at once.
// One read of the owner word through a raw pointer (see `over_budget`): the word is written by
// JavaScript, and reading it through the engine would need a JSC call inside JSC's watchdog.
#![allow(unsafe_code)]

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// RSS, in bytes, above which a running script is stopped; 0 until the first engine started.
static THRESHOLD: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// Where `internal.owner`'s word lives (the bytes of its buffer), once the engine started.
    static OWNER: Cell<*const u8> = const { Cell::new(std::ptr::null()) };
    /// The memory tag of the request a memory stop blamed, until `after_entry` ends it.
    static VICTIM: Cell<Option<u32>> = const { Cell::new(None) };
    /// The last stop of a script was for memory (not `--max-sync-ms`).
    static STOPPED_FOR_MEMORY: Cell<bool> = const { Cell::new(false) };
}

/// The least each worker's share of the bound is. JSC's heap grows in large steps and its
/// collector runs when JSC decides (nothing tells it of our bound), so resident memory holds
/// garbage not yet collected: a bound much below this would stop requests that hold little.
const LEAST_SHARE: usize = 256 << 20;

/// What `workers` workers of `limit` bytes each may hold together (each at least
/// [`LEAST_SHARE`]).
pub(super) fn bound(limit: usize, workers: usize) -> usize {
    limit.max(LEAST_SHARE).saturating_mul(workers.max(1))
}

/// Arms the [`bound`] for `workers` workers of `limit` bytes each, over what the process holds
/// now.
pub(super) fn arm(limit: usize, workers: usize) {
    let wanted = rss().saturating_add(bound(limit, workers) as u64);
    THRESHOLD.fetch_max(wanted, Relaxed);
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

/// After an entry: ends the request a memory stop blamed, collects, and raises the bound
/// above what the process holds now (by one worker's share).
pub(super) fn after_entry(vm: &ferroute_jsc::Vm, limit: usize) {
    let Some(tag) = VICTIM.with(Cell::take) else {
        return;
    };
    let id = crate::worker::with_state(|s| {
        s.requests
            .iter()
            .find(|(_, r)| r.owner == tag && tag != 0)
            .map(|(id, _)| *id)
    });
    let held = rss();
    crate::natives::eprintln_safe(&format!(
        "⨯ A request stopped: the server held {} MB, over its bound of {} MB (--max-memory-mb per worker, JavaScriptCore); answered 500",
        held >> 20,
        THRESHOLD.load(Relaxed) >> 20
    ));
    if let Some(id) = id {
        crate::worker::abort_request(id, crate::worker::OUT_OF_MEMORY);
    }
    vm.collect_garbage();
    THRESHOLD.fetch_max(held.saturating_add(limit.max(LEAST_SHARE) as u64), Relaxed);
}

/// The memory tag of request `id` on JSC: never 0 (0 is "no request"), and within the 24 bits
/// the dispatch flags leave for it.
pub(crate) fn tag_of(id: u32) -> u32 {
    (id.wrapping_sub(1) % 0x00ff_ffff) + 1
}
