//! Memory: the engine's allocator, the process's global allocator, and the ledger that
//! charges what both hand out to the worker and to the request that asked for it.
//!
//! - [`LimitedAllocator`] is QuickJS's allocator: mimalloc called directly, with each
//!   block's size (and owner) in a header in front of it (QuickJS asks for the usable size on
//!   every allocation and free; reading a header is much cheaper than mimalloc's page
//!   lookup). Allocations past the worker's limit fail, which QuickJS turns into a catchable
//!   out-of-memory error.
//! - [`CountingAlloc`] is the binary's global allocator (mimalloc). Blocks of at least
//!   [`EXT_MIN`] bytes allocated while JavaScript runs (the bytes behind `Buffer`,
//!   `TextEncoder`, typed arrays made by natives, fetch and body chunks) are charged to the
//!   same worker and request, so no API bypasses the limit. Rust allocations cannot fail;
//!   the next JavaScript allocation of the worker does instead.
//! - [`Ledger`]: one per worker. Each running request gets a slot; JavaScript names the slot
//!   of the code running now through a `Uint32Array` over [`Ledger::current`] (written when
//!   an async context frame is entered, 00_internal.js). When the worker is over its limit,
//!   the request holding the most memory is the one that fails: if that is the running one,
//!   its allocation fails; if it is another, that one is stopped (answered 500, its later
//!   allocations fail) and the running request may go up to a quarter past the limit.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicU32, AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

use libmimalloc_sys::{mi_free, mi_malloc_aligned, mi_realloc_aligned, mi_zalloc_aligned};
use rquickjs::allocator::Allocator;

extern "C" {
    // Declared here because libmimalloc-sys exposes these only behind a feature.
    fn mi_malloc(size: usize) -> *mut c_void;
    fn mi_calloc(count: usize, size: usize) -> *mut c_void;
    fn mi_realloc(p: *mut c_void, size: usize) -> *mut c_void;
    fn mi_collect(force: bool);
}

/// Keeps this process's memory in small pages: transparent huge pages off (Linux; the flag
/// is the process's, and processes it starts inherit it). mimalloc reserves its arena with
/// `MADV_HUGEPAGE`, so where the kernel's THP mode is `madvise` or `always` the first touch of
/// each 2 MiB of arena faults in a whole huge page and zeroes it. Measured on the bench app
/// (`tasks/bench/servers`): half the CPU of start-up went to clearing those pages, and a
/// QuickJS server held 49 MB after load instead of 27, with the same throughput on every
/// row and engine.
///
/// Runs before `main`, as a constructor ordered ahead of mimalloc's own (priority 101: the
/// linker runs `.init_array.N` sections by N), since mimalloc touches its arena before `main`
/// (a huge page faulted in then stays: 2 MB and ~0.2 ms of every start). Linked with
/// [`CountingAlloc`], the global allocator it is for.
fn small_pages_only() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // An old kernel without the flag keeps huge pages: slower to start, no less correct.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[used]
#[link_section = ".init_array.00100"]
static SMALL_PAGES_BEFORE_MIMALLOC: extern "C" fn() = {
    extern "C" fn before_mimalloc() {
        small_pages_only();
    }
    before_mimalloc
};

// ------------------------------------------------------------------------------ ledger

/// Bits of a tag naming the slot; the rest is the slot's generation, so that a block freed
/// after its request ended is not taken off the slot's next request.
const SLOT_BITS: u32 = 11;
const SLOTS: usize = 1 << SLOT_BITS;
const SLOT_MASK: u32 = SLOTS as u32 - 1;
const GEN_MASK: u32 = (1 << 13) - 1;

/// What one worker's memory is and who holds it.
pub(crate) struct Ledger {
    limit: usize,
    /// The tag of the request whose code runs now (0: none). JavaScript writes it.
    current: AtomicU32,
    /// Bytes QuickJS holds (touched on the worker's thread only).
    js_total: AtomicUsize,
    /// Bytes of large Rust blocks charged to the worker (freed from any thread).
    ext_total: AtomicIsize,
    slots: Box<[Slot; SLOTS]>,
    /// Slots no request holds; slot 0 is never handed out (what no request owns).
    free: Mutex<Vec<u32>>,
    /// One past the highest slot ever handed out.
    high: AtomicUsize,
    /// Requests to stop: (request id, bytes held).
    victims: Mutex<Vec<(u32, usize)>>,
    has_victims: AtomicBool,
    /// Small allocations still allowed since the last refusal (`after_refusal`).
    grace: AtomicU32,
    /// The most the worker held since memory was last given back to the system.
    peak: AtomicUsize,
    /// Allocations that keep the worker at or below this many bytes take the fast path (one
    /// comparison): the least of the limit, the next peak mark, and 0 while a request is
    /// doomed. Everything else goes through `admit_slow`.
    fast_cap: AtomicUsize,
    /// Requests doomed and not yet ended.
    doomed: AtomicUsize,
}

/// Steps in which a growing peak is noted (each step is one slow-path allocation).
const PEAK_STEP: usize = 1 << 20;

/// Memory freed since the peak beyond which it is given back to the system at once.
const RETURN_AFTER: usize = 8 << 20;

/// After a refusal: how many allocations, of at most how many bytes, still pass.
const GRACE_ALLOCATIONS: u32 = 64;
const GRACE_SIZE: usize = 1024;

#[derive(Default)]
struct Slot {
    generation: AtomicU32,
    js: AtomicIsize,
    ext: AtomicIsize,
    request: AtomicU32,
    /// Over the limit because of this request: every allocation it makes fails.
    doomed: AtomicBool,
}

impl Slot {
    fn bytes(&self) -> usize {
        (self.js.load(Relaxed) + self.ext.load(Relaxed)).max(0) as usize
    }
}

/// Adds `by` to a counter only this thread writes (a plain load and store, no lock).
fn bump(counter: &AtomicIsize, by: isize) {
    counter.store(counter.load(Relaxed) + by, Relaxed);
}

impl Ledger {
    /// A ledger for a worker limited to `limit` bytes (0: no limit). It lives as long as the
    /// process: blocks charged to it may be freed by any thread, at any time.
    pub(crate) fn new(limit: usize) -> &'static Ledger {
        Box::leak(Box::new(Ledger {
            limit,
            current: AtomicU32::new(0),
            js_total: AtomicUsize::new(0),
            ext_total: AtomicIsize::new(0),
            slots: Box::new(std::array::from_fn(|_| Slot::default())),
            free: Mutex::new((1..SLOTS as u32).rev().collect()),
            high: AtomicUsize::new(1),
            victims: Mutex::new(Vec::new()),
            has_victims: AtomicBool::new(false),
            grace: AtomicU32::new(0),
            peak: AtomicUsize::new(0),
            fast_cap: AtomicUsize::new(if limit == 0 {
                PEAK_STEP
            } else {
                limit.min(PEAK_STEP)
            }),
            doomed: AtomicUsize::new(0),
        }))
    }

    /// A slot for request `id`; its tag (0 when every slot is taken: the request's memory
    /// is then counted for the worker only).
    pub(crate) fn claim(&self, request: u32) -> u32 {
        let Some(slot) = self.free.lock().ok().and_then(|mut f| f.pop()) else {
            return 0;
        };
        let s = &self.slots[slot as usize];
        s.request.store(request, Relaxed);
        s.doomed.store(false, Relaxed);
        self.high.fetch_max(slot as usize + 1, Relaxed);
        slot | (s.generation.load(Relaxed) << SLOT_BITS)
    }

    /// The request of `tag` has ended: what it still holds is no one's from now on.
    pub(crate) fn release(&self, tag: u32) {
        let slot = self.slot_of(tag);
        if slot == 0 {
            return;
        }
        let s = &self.slots[slot];
        s.generation
            .store((s.generation.load(Relaxed) + 1) & GEN_MASK, Relaxed);
        let zero = &self.slots[0];
        bump(&zero.js, s.js.swap(0, Relaxed));
        zero.ext.fetch_add(s.ext.swap(0, Relaxed), Relaxed);
        s.request.store(0, Relaxed);
        if s.doomed.swap(false, Relaxed) {
            self.doomed.fetch_sub(1, Relaxed);
            self.refresh_fast_cap();
        }
        if self.current.load(Relaxed) == tag {
            self.current.store(0, Relaxed);
        }
        if let Ok(mut f) = self.free.lock() {
            f.push(slot as u32);
        }
    }

    /// The slot `tag` names while its request lives, else 0.
    fn slot_of(&self, tag: u32) -> usize {
        let slot = (tag & SLOT_MASK) as usize;
        if slot != 0 && self.slots[slot].generation.load(Relaxed) == tag >> SLOT_BITS {
            slot
        } else {
            0
        }
    }

    /// The running request's slot, and the tag to remember in its blocks.
    fn running(&self) -> (usize, u32) {
        let tag = self.current.load(Relaxed);
        match self.slot_of(tag) {
            0 => (0, 0),
            slot => (slot, tag),
        }
    }

    /// Bytes the worker holds.
    pub(crate) fn used(&self) -> usize {
        // The Rust part never goes below 0 (every refund follows its charge), so adding it
        // as a two's-complement word is exact.
        self.js_total
            .load(Relaxed)
            .wrapping_add(self.ext_total.load(Relaxed) as usize)
    }

    /// Whether the running request (`slot`) may take `more` bytes.
    #[inline]
    fn admit(&self, slot: usize, more: usize) -> bool {
        let wanted = self.used().saturating_add(more);
        wanted <= self.fast_cap.load(Relaxed) || self.admit_slow(slot, more, wanted)
    }

    /// Past the fast path: a new peak to note, a doomed request, or the limit.
    #[cold]
    fn admit_slow(&self, slot: usize, more: usize, wanted: usize) -> bool {
        self.note_peak(wanted);
        let doomed = slot != 0 && self.slots[slot].doomed.load(Relaxed);
        let fits = self.limit == 0 || wanted <= self.limit;
        let ok = !doomed && (fits || self.over_limit(slot, wanted));
        self.refresh_fast_cap();
        ok || self.after_refusal(more, wanted)
    }

    /// Recomputes the fast path's cap from the limit, the peak and the doomed requests.
    fn refresh_fast_cap(&self) {
        let cap = if self.doomed.load(Relaxed) > 0 {
            0
        } else {
            let mark = self.used().max(self.peak.load(Relaxed)) + PEAK_STEP;
            if self.limit == 0 {
                mark
            } else {
                mark.min(self.limit)
            }
        };
        self.fast_cap.store(cap, Relaxed);
    }

    /// An allocation is refused: QuickJS then makes an `InternalError: out of memory` (and the
    /// code that catches it makes a few objects more), so a few small allocations after each
    /// refusal still pass, below the hard ceiling.
    #[cold]
    fn after_refusal(&self, more: usize, wanted: usize) -> bool {
        let grace = self.grace.load(Relaxed);
        if grace > 0 && more <= GRACE_SIZE && wanted <= self.ceiling() {
            self.grace.store(grace - 1, Relaxed);
            return true;
        }
        self.grace.store(GRACE_ALLOCATIONS, Relaxed);
        false
    }

    /// A quarter past the limit: how far other requests may go while the request that holds
    /// the most is being stopped.
    fn ceiling(&self) -> usize {
        self.limit.saturating_add(self.limit / 4)
    }

    /// The worker would go over its limit: fail the request that holds the most.
    #[cold]
    fn over_limit(&self, slot: usize, wanted: usize) -> bool {
        if wanted > self.ceiling() {
            return false;
        }
        let (mut top, mut top_bytes) = (0, 0);
        for s in 1..self.high.load(Relaxed) {
            let bytes = self.slots[s].bytes();
            if bytes > top_bytes {
                (top, top_bytes) = (s, bytes);
            }
        }
        // Nobody holds much (the memory is the modules' own): the allocation fails.
        if top == 0 || top == slot || top_bytes < self.limit / 8 {
            return false;
        }
        let victim = &self.slots[top];
        if !victim.doomed.swap(true, Relaxed) {
            self.doomed.fetch_add(1, Relaxed);
            if let Ok(mut v) = self.victims.lock() {
                v.push((victim.request.load(Relaxed), top_bytes));
            }
            self.has_victims.store(true, Relaxed);
        }
        true
    }

    /// Requests to stop because they hold the memory of a worker over its limit, with the
    /// bytes each held.
    pub(crate) fn take_victims(&self) -> Vec<(u32, usize)> {
        // Read first: this runs after every entry into JavaScript, and a swap is a locked
        // instruction.
        if !self.has_victims.load(Relaxed) || !self.has_victims.swap(false, Relaxed) {
            return Vec::new();
        }
        self.victims
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }

    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// Charges `by` QuickJS bytes to the worker and to `slot`.
    #[inline]
    fn charge_js(&self, slot: usize, by: isize) {
        let total = (self.js_total.load(Relaxed) as isize + by) as usize;
        self.js_total.store(total, Relaxed);
        bump(&self.slots[slot].js, by);
    }

    /// Gives memory back to the system after a burst: once the worker holds much less than
    /// its peak, mimalloc returns the pages it kept for reuse (RSS falls back).
    pub(crate) fn return_freed(&self) {
        let used = self.used();
        if self.peak.load(Relaxed) > used + RETURN_AFTER {
            self.peak.store(used, Relaxed);
            self.refresh_fast_cap();
            // SAFETY: a plain mimalloc call on this (the worker's) thread.
            unsafe { mi_collect(true) };
        }
    }

    fn charge_ext(&self, tag: u32, by: isize) {
        self.ext_total.fetch_add(by, Relaxed);
        self.slots[self.slot_of(tag)].ext.fetch_add(by, Relaxed);
        if by > 0 {
            self.note_peak(self.used());
        }
    }

    /// Remembers `used` when it is a new peak (only the worker's thread allocates with its
    /// ledger, so a plain load and store will do).
    fn note_peak(&self, used: usize) {
        if used > self.peak.load(Relaxed) {
            self.peak.store(used, Relaxed);
        }
    }
}

thread_local! {
    /// This worker's ledger while JavaScript runs on this thread (null otherwise): large
    /// Rust blocks allocated meanwhile are charged to it.
    static IN_JS: Cell<*const Ledger> = const { Cell::new(std::ptr::null()) };
    /// This thread's worker ledger, if it runs an engine.
    static WORKER: Cell<Option<&'static Ledger>> = const { Cell::new(None) };
}

/// Makes `ledger` this thread's worker ledger.
pub(crate) fn install(ledger: &'static Ledger) {
    WORKER.with(|w| w.set(Some(ledger)));
}

/// This thread's worker ledger.
pub(crate) fn worker_ledger() -> Option<&'static Ledger> {
    WORKER.with(Cell::get)
}

/// While alive, JavaScript runs on this thread: no request is running until a frame says so,
/// and large Rust blocks are charged to the worker.
pub(crate) struct JsEntry {
    outer: *const Ledger,
    ledger: Option<&'static Ledger>,
}

impl JsEntry {
    pub(crate) fn new() -> Self {
        let ledger = worker_ledger();
        let outer = IN_JS.with(|c| c.replace(ledger.map_or(std::ptr::null(), |l| l as *const _)));
        if let Some(l) = ledger {
            l.current.store(0, Relaxed);
        }
        Self { outer, ledger }
    }
}

impl Drop for JsEntry {
    fn drop(&mut self) {
        IN_JS.with(|c| c.set(self.outer));
        if let Some(l) = self.ledger {
            l.current.store(0, Relaxed);
        }
    }
}

/// The tag of the request whose code runs now (0: none), to charge later work to it.
pub(crate) fn running_tag() -> u32 {
    worker_ledger().map_or(0, |l| l.running().1)
}

/// Charges what runs from now until JavaScript enters another request's frame to the
/// request of `tag` (Rust resolving a read that request started).
pub(crate) fn charge_to(tag: u32) {
    if let Some(l) = worker_ledger() {
        l.current.store(tag, Relaxed);
    }
}

/// A `Uint32Array` over the ledger's [`Ledger::current`] word, for JavaScript to write the
/// running request's tag to.
pub(crate) fn owner_view<'js>(
    ctx: &rquickjs::Ctx<'js>,
    ledger: &'static Ledger,
) -> rquickjs::Result<rquickjs::TypedArray<'js, u32>> {
    // SAFETY: the ledger lives as long as the process, so the buffer never dangles; it has
    // no free function, and JavaScript cannot detach or transfer it (internal only).
    let buffer = unsafe {
        let raw = rquickjs::qjs::JS_NewArrayBuffer(
            ctx.as_raw().as_ptr(),
            ledger.current.as_ptr().cast(),
            4,
            None,
            std::ptr::null_mut(),
            false,
        );
        rquickjs::Value::from_raw(ctx.clone(), raw)
    };
    let buffer = rquickjs::ArrayBuffer::from_value(buffer)
        .ok_or_else(|| rquickjs::Error::new_from_js("value", "ArrayBuffer"))?;
    rquickjs::TypedArray::from_arraybuffer(buffer)
}

// ------------------------------------------------------------------- QuickJS allocator

/// The header in front of every QuickJS block: its size (low 40 bits) and the tag of the
/// request it was allocated for. mimalloc's blocks are 16-byte aligned, so the block after
/// it is aligned to 8, all QuickJS needs (its largest scalar is a 64-bit value).
const HEADER: usize = std::mem::size_of::<usize>();
const SIZE_BITS: u32 = 40;
const SIZE_MASK: usize = (1 << SIZE_BITS) - 1;

pub(crate) struct LimitedAllocator {
    ledger: &'static Ledger,
}

impl LimitedAllocator {
    pub(crate) fn new(ledger: &'static Ledger) -> Self {
        Self { ledger }
    }

    /// Writes the header of a fresh block and returns the user part.
    ///
    /// # Safety
    /// `block` is null or a mimalloc block of at least `HEADER + size` bytes.
    #[inline]
    unsafe fn finish(&self, block: *mut c_void, size: usize, (slot, tag): (usize, u32)) -> *mut u8 {
        if block.is_null() {
            return std::ptr::null_mut();
        }
        self.ledger.charge_js(slot, size as isize);
        // SAFETY: the block is large enough and aligned for a `usize` (see `HEADER`).
        unsafe {
            block
                .cast::<usize>()
                .write(size | ((tag as usize) << SIZE_BITS));
            block.cast::<u8>().add(HEADER)
        }
    }

    /// The running request's slot and tag, when it may take `size` bytes more.
    #[inline]
    fn start(&self, size: usize) -> Option<(usize, u32)> {
        if size > SIZE_MASK {
            return None;
        }
        let running = self.ledger.running();
        self.ledger.admit(running.0, size).then_some(running)
    }
}

/// The size and tag recorded in front of `ptr`.
///
/// # Safety
/// `ptr` came from `LimitedAllocator`.
unsafe fn header_of(ptr: *mut u8) -> (usize, u32) {
    // SAFETY: every pointer we hand out sits `HEADER` bytes after its header.
    let word = unsafe { ptr.sub(HEADER).cast::<usize>().read() };
    (word & SIZE_MASK, (word >> SIZE_BITS) as u32)
}

// SAFETY: every block comes from mimalloc with our header in front, and every pointer taken
// back is moved back to its block's start before mimalloc sees it.
unsafe impl Allocator for LimitedAllocator {
    #[inline]
    fn alloc(&mut self, size: usize) -> *mut u8 {
        let Some(running) = self.start(size) else {
            return std::ptr::null_mut();
        };
        // SAFETY: plain C allocation (`size` is below SIZE_MASK, so no overflow).
        unsafe { self.finish(mi_malloc(size + HEADER), size, running) }
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        let Some(size) = count.checked_mul(size) else {
            return std::ptr::null_mut();
        };
        let Some(running) = self.start(size) else {
            return std::ptr::null_mut();
        };
        // SAFETY: as in `alloc`, zeroed.
        unsafe { self.finish(mi_calloc(1, size + HEADER), size, running) }
    }

    #[inline]
    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        if ptr.is_null() {
            return;
        }
        // SAFETY: the caller guarantees `ptr` came from this allocator.
        unsafe {
            let (size, tag) = header_of(ptr);
            self.ledger
                .charge_js(self.ledger.slot_of(tag), -(size as isize));
            mi_free(ptr.sub(HEADER).cast());
        }
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        if ptr.is_null() {
            return self.alloc(new_size);
        }
        // SAFETY: the caller guarantees `ptr` came from this allocator.
        let (old, tag) = unsafe { header_of(ptr) };
        if new_size > SIZE_MASK {
            return std::ptr::null_mut();
        }
        if new_size > old {
            let (slot, _) = self.ledger.running();
            if !self.ledger.admit(slot, new_size - old) {
                return std::ptr::null_mut();
            }
        }
        // Still charged to the request it was first allocated for.
        let owner = self.ledger.slot_of(tag);
        let tag = if owner == 0 { 0 } else { tag };
        // SAFETY: as above; on success the old block is gone and the new one replaces it.
        unsafe {
            let block = mi_realloc(ptr.sub(HEADER).cast(), new_size + HEADER);
            if block.is_null() {
                return std::ptr::null_mut();
            }
            self.ledger.charge_js(owner, -(old as isize));
            self.finish(block, new_size, (owner, tag))
        }
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        // SAFETY: forwarded under the caller's guarantee.
        unsafe { header_of(ptr).0 }
    }
}

// --------------------------------------------------------------------- global allocator

/// Rust blocks at least this large carry a header naming the ledger they are charged to.
/// Smaller ones (the bulk of Rust's allocations) pass straight to mimalloc; JavaScript
/// cannot hold many of them without also holding a QuickJS object for each.
pub(crate) const EXT_MIN: usize = 1024;
/// The header of a large block: the ledger (or null) and the request's tag. 16 bytes keep
/// the block after it aligned as mimalloc aligns.
const EXT_HEADER: usize = 16;

/// The global allocator of the `ferroute` binary: mimalloc, with large blocks made while
/// JavaScript runs charged to the worker's [`Ledger`].
pub struct CountingAlloc;

/// Whether mimalloc's plain calls already align a block of `size` to `align`: it aligns
/// every block to 16 bytes, or to its size when that is smaller (the rule of the `mimalloc`
/// crate's allocator).
fn natural(size: usize, align: usize) -> bool {
    align <= 16 && align <= size
}

fn ext_pad(align: usize) -> usize {
    align.max(EXT_HEADER)
}

impl CountingAlloc {
    /// # Safety
    /// As `GlobalAlloc::alloc`.
    unsafe fn alloc_with(&self, layout: Layout, zeroed: bool) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: plain mimalloc calls; a large block's header is written inside it.
        unsafe {
            if size < EXT_MIN {
                let p = match (natural(size, align), zeroed) {
                    // mimalloc's fast path: the aligned calls take a slower, general one.
                    (true, false) => mi_malloc(size),
                    (true, true) => mi_calloc(1, size),
                    (false, false) => mi_malloc_aligned(size, align),
                    (false, true) => mi_zalloc_aligned(size, align),
                };
                return p.cast();
            }
            let pad = ext_pad(align);
            let Some(total) = size.checked_add(pad) else {
                return std::ptr::null_mut();
            };
            let base = if zeroed {
                mi_zalloc_aligned(total, pad)
            } else {
                mi_malloc_aligned(total, pad)
            };
            if base.is_null() {
                return std::ptr::null_mut();
            }
            let user = base.cast::<u8>().add(pad);
            let ledger = IN_JS.with(Cell::get);
            let tag = if ledger.is_null() {
                0
            } else {
                (*ledger).running().1
            };
            user.sub(EXT_HEADER).cast::<*const Ledger>().write(ledger);
            user.sub(EXT_HEADER - 8).cast::<u32>().write(tag);
            if !ledger.is_null() {
                (*ledger).charge_ext(tag, size as isize);
            }
            user
        }
    }
}

/// Charges `by` bytes more to the ledger named in a large block's header.
///
/// # Safety
/// `user` is a large block from `CountingAlloc`.
unsafe fn ext_charge(user: *mut u8, by: isize) {
    // SAFETY: the header sits in front of every large block.
    unsafe {
        let ledger = user.sub(EXT_HEADER).cast::<*const Ledger>().read();
        if !ledger.is_null() {
            let tag = user.sub(EXT_HEADER - 8).cast::<u32>().read();
            (*ledger).charge_ext(tag, by);
        }
    }
}

// SAFETY: small blocks are mimalloc's own; large blocks are handed out `ext_pad` bytes past
// the start of a mimalloc block aligned to `ext_pad`, and moved back before it sees them.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded.
        unsafe { self.alloc_with(layout, false) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded.
        unsafe { self.alloc_with(layout, true) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `layout` is the one `ptr` was allocated with, so its size tells its kind.
        unsafe {
            if layout.size() < EXT_MIN {
                mi_free(ptr.cast());
                return;
            }
            ext_charge(ptr, -(layout.size() as isize));
            mi_free(ptr.sub(ext_pad(layout.align())).cast());
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let (old, align) = (layout.size(), layout.align());
        // SAFETY: as in `dealloc`; the header moves with the block.
        unsafe {
            if old < EXT_MIN && new_size < EXT_MIN {
                if natural(new_size, align) {
                    return mi_realloc(ptr.cast(), new_size).cast();
                }
                return mi_realloc_aligned(ptr.cast(), new_size, align).cast();
            }
            if old >= EXT_MIN && new_size >= EXT_MIN && align <= EXT_HEADER {
                let Some(total) = new_size.checked_add(EXT_HEADER) else {
                    return std::ptr::null_mut();
                };
                let base = mi_realloc_aligned(ptr.sub(EXT_HEADER).cast(), total, EXT_HEADER);
                if base.is_null() {
                    return std::ptr::null_mut();
                }
                let user = base.cast::<u8>().add(EXT_HEADER);
                ext_charge(user, new_size as isize - old as isize);
                return user;
            }
            // Crossing EXT_MIN (or over-aligned): a new block of the other kind.
            let new_layout = Layout::from_size_align_unchecked(new_size, align);
            let fresh = self.alloc(new_layout);
            if !fresh.is_null() {
                std::ptr::copy_nonoverlapping(ptr, fresh, old.min(new_size));
                self.dealloc(ptr, layout);
            }
            fresh
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_charged_what_it_allocates_until_it_ends() {
        let ledger = Ledger::new(0);
        let tag = ledger.claim(7);
        ledger.current.store(tag, Relaxed);
        let mut a = LimitedAllocator::new(ledger);
        let p = a.alloc(1000);
        assert!(!p.is_null());
        assert_eq!(ledger.slots[ledger.slot_of(tag)].bytes(), 1000);
        ledger.release(tag);
        // Freed after its request ended: taken off what no one owns.
        unsafe { a.dealloc(p) };
        assert_eq!(ledger.used(), 0);
        assert_eq!(ledger.slots[0].js.load(Relaxed), 0);
        // The slot's next request starts from nothing and has another tag.
        let next = ledger.claim(8);
        assert_ne!(next, tag);
        assert_eq!(ledger.slots[ledger.slot_of(next)].bytes(), 0);
    }

    #[test]
    fn over_the_limit_the_biggest_holder_is_stopped_not_the_running_request() {
        let ledger = Ledger::new(1 << 20);
        let mut a = LimitedAllocator::new(ledger);
        let hog = ledger.claim(1);
        ledger.current.store(hog, Relaxed);
        let big = a.alloc(900 << 10);
        assert!(!big.is_null());
        // The hog itself goes over: its allocation fails.
        assert!(a.alloc(200 << 10).is_null());
        // Another request goes over: the hog is stopped, the other one is served.
        let other = ledger.claim(2);
        ledger.current.store(other, Relaxed);
        let small = a.alloc(200 << 10);
        assert!(!small.is_null());
        assert_eq!(ledger.take_victims(), vec![(1, 900 << 10)]);
        // Everything the hog allocates from now on fails.
        ledger.current.store(hog, Relaxed);
        assert!(a.alloc(GRACE_SIZE + 1).is_null());
        // Never past a quarter over the limit.
        ledger.current.store(other, Relaxed);
        assert!(a.alloc(300 << 10).is_null());
        unsafe {
            a.dealloc(big);
            a.dealloc(small);
        }
        assert_eq!(ledger.used(), 0);
    }

    #[test]
    fn large_rust_blocks_made_while_javascript_runs_are_charged() {
        let ledger = Ledger::new(0);
        install(ledger);
        let tag = ledger.claim(3);
        let entry = JsEntry::new();
        ledger.current.store(tag, Relaxed);
        let g = CountingAlloc;
        unsafe {
            let layout = Layout::from_size_align(4096, 8).unwrap();
            let p = g.alloc(layout);
            assert_eq!(ledger.slots[ledger.slot_of(tag)].ext.load(Relaxed), 4096);
            let p = g.realloc(p, layout, 10_000);
            assert_eq!(ledger.used(), 10_000);
            // Shrinking below EXT_MIN moves it to a plain block.
            let p = g.realloc(p, Layout::from_size_align(10_000, 8).unwrap(), 100);
            assert_eq!(ledger.used(), 0);
            g.dealloc(p, Layout::from_size_align(100, 8).unwrap());
            let small = g.alloc(Layout::from_size_align(100, 8).unwrap());
            assert_eq!(ledger.used(), 0);
            g.dealloc(small, Layout::from_size_align(100, 8).unwrap());
            // Over-aligned large blocks keep their alignment.
            let l = Layout::from_size_align(8192, 4096).unwrap();
            let p = g.alloc_zeroed(l);
            assert_eq!(p as usize % 4096, 0);
            assert_eq!(*p, 0);
            drop(entry);
            // Freed outside JavaScript, still taken off the ledger it was charged to.
            g.dealloc(p, l);
        }
        assert_eq!(ledger.used(), 0);
    }
}
