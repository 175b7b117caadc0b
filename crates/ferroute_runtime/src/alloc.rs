//! The engine's allocator: Rust's global allocator (mimalloc in the `ferroute` binary,
//! much cheaper than glibc malloc for QuickJS's many small objects) with the heap limit
//! QuickJS no longer enforces once a custom allocator is installed. Allocations past the
//! limit fail, which QuickJS turns into a catchable out-of-memory error: the request that
//! caused it fails, the worker keeps serving.
#![allow(unsafe_code)]

use rquickjs::allocator::{Allocator, RustAllocator};

pub(crate) struct LimitedAllocator {
    inner: RustAllocator,
    used: usize,
    limit: usize,
}

impl LimitedAllocator {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            inner: RustAllocator,
            used: 0,
            limit,
        }
    }

    fn fits(&self, more: usize) -> bool {
        self.limit == 0 || self.used.saturating_add(more) <= self.limit
    }
}

// SAFETY: every pointer handed out comes from `RustAllocator`, and every pointer taken back
// is passed to it unchanged; we only count sizes around its calls.
unsafe impl Allocator for LimitedAllocator {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        if !self.fits(size) {
            return std::ptr::null_mut();
        }
        let p = self.inner.alloc(size);
        if !p.is_null() {
            // SAFETY: `p` was just allocated by `RustAllocator`.
            self.used += unsafe { RustAllocator::usable_size(p) };
        }
        p
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        if !self.fits(count.saturating_mul(size)) {
            return std::ptr::null_mut();
        }
        let p = self.inner.calloc(count, size);
        if !p.is_null() {
            // SAFETY: `p` was just allocated by `RustAllocator`.
            self.used += unsafe { RustAllocator::usable_size(p) };
        }
        p
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        if ptr.is_null() {
            return;
        }
        // SAFETY: the caller guarantees `ptr` came from this allocator.
        unsafe {
            self.used = self.used.saturating_sub(RustAllocator::usable_size(ptr));
            self.inner.dealloc(ptr);
        }
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        if ptr.is_null() {
            return self.alloc(new_size);
        }
        // SAFETY: the caller guarantees `ptr` came from this allocator.
        let old = unsafe { RustAllocator::usable_size(ptr) };
        if new_size > old && !self.fits(new_size - old) {
            return std::ptr::null_mut();
        }
        // SAFETY: as above; on success the old block is gone and `q` replaces it.
        let q = unsafe { self.inner.realloc(ptr, new_size) };
        if !q.is_null() {
            // SAFETY: `q` was just allocated by `RustAllocator`.
            self.used = self.used.saturating_sub(old) + unsafe { RustAllocator::usable_size(q) };
        }
        q
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        // SAFETY: forwarded under the caller's guarantee.
        unsafe { RustAllocator::usable_size(ptr) }
    }
}
