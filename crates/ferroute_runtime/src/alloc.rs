//! The engine's allocator: mimalloc called directly, with each block's size in a header in
//! front of it (QuickJS asks for the usable size on every allocation and free; reading a
//! header is much cheaper than mimalloc's page lookup, and Rust's `GlobalAlloc` path would
//! add the aligned-allocation path on top), and the heap limit QuickJS no longer enforces
//! once a custom allocator is installed. Allocations past the limit fail, which QuickJS turns
//! into a catchable out-of-memory error: the request that caused it fails, the worker keeps
//! serving.
#![allow(unsafe_code)]

use std::ffi::c_void;

use rquickjs::allocator::Allocator;

// Linked through `libmimalloc-sys`; declared here because that crate exposes `mi_calloc`
// only behind a feature we do not need otherwise.
use libmimalloc_sys as _;
extern "C" {
    fn mi_malloc(size: usize) -> *mut c_void;
    fn mi_calloc(count: usize, size: usize) -> *mut c_void;
    fn mi_realloc(p: *mut c_void, size: usize) -> *mut c_void;
    fn mi_free(p: *mut c_void);
}

/// The size header; mimalloc's blocks are 16-byte aligned, so the block after it is aligned
/// to 8, all QuickJS needs (its largest scalar is a 64-bit value).
const HEADER: usize = std::mem::size_of::<usize>();

pub(crate) struct LimitedAllocator {
    used: usize,
    limit: usize,
}

impl LimitedAllocator {
    pub(crate) fn new(limit: usize) -> Self {
        Self { used: 0, limit }
    }

    fn fits(&self, more: usize) -> bool {
        self.limit == 0 || self.used.saturating_add(more) <= self.limit
    }

    /// Writes the header of a fresh block of `size` usable bytes and returns the user part.
    ///
    /// # Safety
    /// `block` is null or a mimalloc block of at least `HEADER + size` bytes.
    unsafe fn finish(&mut self, block: *mut c_void, size: usize) -> *mut u8 {
        if block.is_null() {
            return std::ptr::null_mut();
        }
        self.used += size;
        // SAFETY: the block is large enough and aligned for a `usize` (see `HEADER`).
        unsafe {
            block.cast::<usize>().write(size);
            block.cast::<u8>().add(HEADER)
        }
    }
}

/// The size recorded in front of `ptr`.
///
/// # Safety
/// `ptr` came from `LimitedAllocator`.
unsafe fn size_of_block(ptr: *mut u8) -> usize {
    // SAFETY: every pointer we hand out sits `HEADER` bytes after its size.
    unsafe { ptr.sub(HEADER).cast::<usize>().read() }
}

// SAFETY: every block comes from mimalloc with our header in front, and every pointer taken
// back is moved back to its block's start before mimalloc sees it.
unsafe impl Allocator for LimitedAllocator {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        if !self.fits(size) {
            return std::ptr::null_mut();
        }
        let Some(total) = size.checked_add(HEADER) else {
            return std::ptr::null_mut();
        };
        // SAFETY: plain C allocation of `total` bytes.
        unsafe { self.finish(mi_malloc(total), size) }
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        let Some(size) = count.checked_mul(size) else {
            return std::ptr::null_mut();
        };
        if !self.fits(size) {
            return std::ptr::null_mut();
        }
        let Some(total) = size.checked_add(HEADER) else {
            return std::ptr::null_mut();
        };
        // SAFETY: as in `alloc`, zeroed.
        unsafe { self.finish(mi_calloc(1, total), size) }
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        if ptr.is_null() {
            return;
        }
        // SAFETY: the caller guarantees `ptr` came from this allocator.
        unsafe {
            self.used = self.used.saturating_sub(size_of_block(ptr));
            mi_free(ptr.sub(HEADER).cast());
        }
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        if ptr.is_null() {
            return self.alloc(new_size);
        }
        // SAFETY: the caller guarantees `ptr` came from this allocator.
        let old = unsafe { size_of_block(ptr) };
        if new_size > old && !self.fits(new_size - old) {
            return std::ptr::null_mut();
        }
        let Some(total) = new_size.checked_add(HEADER) else {
            return std::ptr::null_mut();
        };
        // SAFETY: as above; on success the old block is gone and the new one replaces it.
        unsafe {
            let block = mi_realloc(ptr.sub(HEADER).cast(), total);
            if block.is_null() {
                return std::ptr::null_mut();
            }
            self.used = self.used.saturating_sub(old);
            self.finish(block, new_size)
        }
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        // SAFETY: forwarded under the caller's guarantee.
        unsafe { size_of_block(ptr) }
    }
}
