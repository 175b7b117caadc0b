//! Two of JavaScriptCore's own imports, pointed at functions of ours when the library is
//! loaded ([`hook`]): each made every request pay for something a server does not need.
//!
//! **The thread's CPU clock.** With an execution time limit set
//! ([`Vm::set_time_limit`](crate::Vm::set_time_limit)), JSC arms its watchdog each time
//! JavaScript is entered from outside, and each promise job that runs when the API lock is
//! released counts as such an entry. Arming reads `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`,
//! which on Linux is a system call, not a vDSO read (about 0.75 µs on our 2-core machine
//! against 30 ns for `CLOCK_MONOTONIC`). An async route handler runs three or four entries per
//! request: measured with `perf`, those reads were 7% of a JSC server's CPU time on the
//! `[slug]` and `cookies()` benchmark rows. The library's `clock_gettime` import goes to
//! [`thread_clock_as_monotonic`], which answers the thread CPU clock with the monotonic clock
//! and passes every other clock to libc. The watchdog's deadline becomes wall time, which is
//! what `--max-sync-ms` means: the callback that decides (`ferroute_runtime`'s `run_is_over`)
//! already reads wall time, and a wall-clock deadline is never later than a CPU-time one.
//!
//! **The date cache's reset.** Every outermost entry into the VM calls
//! `JSC::DateCache::resetIfNecessarySlow`, which on every platform but Apple's runs
//! unconditionally (JSC cannot watch the time zone there): it drops the ICU calendar of the
//! time zone, the local-time offset caches and the zone's display names. The next local-time
//! operation (`getHours`, `toString`, `toLocaleDateString`, ...) then asks ICU for the host's
//! zone and opens a calendar again. Measured on a route returning one such value (wrk, 2
//! cores): `getHours()` ~60k req/s against ~126k for `getUTCHours()`, `toString()` ~42k,
//! `toLocaleDateString('en-US')` ~15k; Bun, on its own build of JSC, ~115k on all three. The
//! caches hold nothing that goes stale (the offsets are kept per span of time), so the reset
//! is pointed at [`keep_date_cache`], which does nothing: the zone is read once per VM, at its
//! first local-time operation, as Node reads it once per process (ferroute has no
//! `process.env.TZ` assignment that would change it, see docs/compat.md). The library calls
//! the function through its own import slot (it is exported, so the call may be interposed),
//! which is the slot rewritten.
//!
//! A slot is found through the library's dynamic relocations (`dl_iterate_phdr`); nothing else
//! in the process changes. Where a slot is not found (another libc, a library built
//! differently, a version without the function), nothing is changed and JSC behaves as before.
#![allow(unsafe_code)]

use std::ffi::{c_int, c_void, CStr};

/// Answers `CLOCK_THREAD_CPUTIME_ID` with `CLOCK_MONOTONIC`; every other clock as libc does.
unsafe extern "C" fn thread_clock_as_monotonic(
    clock: libc::clockid_t,
    time: *mut libc::timespec,
) -> c_int {
    let clock = if clock == libc::CLOCK_THREAD_CPUTIME_ID {
        libc::CLOCK_MONOTONIC
    } else {
        clock
    };
    // SAFETY: the caller's arguments, passed on as `clock_gettime` takes them.
    unsafe { libc::clock_gettime(clock, time) }
}

/// Stands in for `void JSC::DateCache::resetIfNecessarySlow()` (a member function without
/// arguments, called as a function of its object pointer): keeps the caches.
unsafe extern "C" fn keep_date_cache(_cache: *mut c_void) {}

/// The mangled (Itanium C++ ABI) name of `JSC::DateCache::resetIfNecessarySlow()`.
const DATE_CACHE_RESET: &[u8] = b"_ZN3JSC9DateCache20resetIfNecessarySlowEv";

/// Points the imports of the loaded object containing `inside` (an address of one of its
/// functions) at ours: `clock_gettime` at [`thread_clock_as_monotonic`], the date cache's reset
/// at [`keep_date_cache`]. An import whose slot is not found is left as it is.
///
/// # Safety
/// Call once, right after the library is opened and before any of its threads run: the slot is
/// rewritten in place.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
pub(crate) unsafe fn hook(inside: *const c_void) {
    let Some(object) = find_object(inside) else {
        return;
    };
    let ours: [(&[u8], usize); 2] = [
        (
            b"clock_gettime",
            thread_clock_as_monotonic as *const () as usize,
        ),
        (DATE_CACHE_RESET, keep_date_cache as *const () as usize),
    ];
    for (name, to) in ours {
        for slot in object.import_slots(name) {
            // SAFETY: `slot` is a GOT entry of the object, mapped and aligned, and (the
            // caller's guarantee) no thread calls through it yet; `write_slot` makes its page
            // writable for the write and gives the page back its protection.
            unsafe { write_slot(slot, to) };
        }
    }
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
pub(crate) unsafe fn hook(_inside: *const c_void) {}

/// What the dynamic section of one loaded object says about its imports.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
struct Object {
    /// Where the object is loaded (added to every address in its tables).
    base: usize,
    symbols: *const Symbol,
    strings: *const u8,
    /// The PLT relocations, then the other relocations with an addend.
    relocations: [(*const Rela, usize); 2],
}

/// `Elf64_Sym`.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[repr(C)]
struct Symbol {
    name: u32,
    info: u8,
    other: u8,
    section: u16,
    value: u64,
    size: u64,
}

/// `Elf64_Rela`.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[repr(C)]
struct Rela {
    offset: u64,
    info: u64,
    addend: i64,
}

/// `Elf64_Dyn`.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[repr(C)]
struct Dyn {
    tag: i64,
    value: u64,
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod tags {
    pub(super) const NULL: i64 = 0;
    pub(super) const PLTRELSZ: i64 = 2;
    pub(super) const STRTAB: i64 = 5;
    pub(super) const SYMTAB: i64 = 6;
    pub(super) const RELA: i64 = 7;
    pub(super) const RELASZ: i64 = 8;
    pub(super) const PLTREL: i64 = 20;
    pub(super) const JMPREL: i64 = 23;
}

/// The relocation types that fill a GOT slot with a function's address.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
const SLOT_RELOCATIONS: [u32; 2] = [6, 7]; // R_X86_64_GLOB_DAT, R_X86_64_JUMP_SLOT
#[cfg(all(target_os = "linux", target_arch = "aarch64"))]
const SLOT_RELOCATIONS: [u32; 2] = [1025, 1026]; // R_AARCH64_GLOB_DAT, R_AARCH64_JUMP_SLOT
#[cfg(all(
    target_os = "linux",
    target_pointer_width = "64",
    not(any(target_arch = "x86_64", target_arch = "aarch64"))
))]
const SLOT_RELOCATIONS: [u32; 0] = [];

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
impl Object {
    /// The GOT slots the object's relocations fill with the address of `name`.
    fn import_slots(&self, name: &[u8]) -> Vec<*mut usize> {
        let mut slots = Vec::new();
        for (table, count) in self.relocations {
            for i in 0..count {
                // SAFETY: the dynamic section gave this table and its size; `i` is within it.
                let rela = unsafe { &*table.add(i) };
                if !SLOT_RELOCATIONS.contains(&(rela.info as u32)) {
                    continue;
                }
                // SAFETY: a relocation's symbol index is within the object's symbol table, and
                // the name offset within its string table, NUL-terminated.
                let symbol_name = unsafe {
                    let symbol = &*self.symbols.add((rela.info >> 32) as usize);
                    CStr::from_ptr(self.strings.add(symbol.name as usize).cast())
                };
                if symbol_name.to_bytes() == name {
                    slots.push((self.base + rela.offset as usize) as *mut usize);
                }
            }
        }
        slots
    }
}

/// The loaded object one of whose segments holds `inside`, with its dynamic tables.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn find_object(inside: *const c_void) -> Option<Object> {
    struct Search {
        inside: usize,
        found: Option<Object>,
    }
    unsafe extern "C" fn visit(
        info: *mut libc::dl_phdr_info,
        _size: libc::size_t,
        data: *mut c_void,
    ) -> c_int {
        // SAFETY: `dl_iterate_phdr` passes a valid `info` for this object, and `data` is the
        // `Search` below, borrowed for the iteration.
        let (info, search) = unsafe { (&*info, &mut *data.cast::<Search>()) };
        let base = info.dlpi_addr as usize;
        // SAFETY: `dlpi_phdr` points at `dlpi_phnum` program headers.
        let headers = unsafe { std::slice::from_raw_parts(info.dlpi_phdr, info.dlpi_phnum.into()) };
        let holds = headers.iter().any(|h| {
            let start = base + h.p_vaddr as usize;
            h.p_type == libc::PT_LOAD
                && (start..start + h.p_memsz as usize).contains(&search.inside)
        });
        if !holds {
            return 0;
        }
        search.found = headers
            .iter()
            .find(|h| h.p_type == libc::PT_DYNAMIC)
            // SAFETY: the object's dynamic section, mapped while the object is loaded.
            .and_then(|h| unsafe { read_dynamic(base, (base + h.p_vaddr as usize) as *const Dyn) });
        1
    }
    let mut search = Search {
        inside: inside as usize,
        found: None,
    };
    // SAFETY: `visit` matches the callback type and only reads what it is given; `search`
    // outlives the call.
    unsafe { libc::dl_iterate_phdr(Some(visit), (&raw mut search).cast()) };
    search.found
}

/// Reads the tables an [`Object`] needs from the dynamic section at `dynamic`.
///
/// # Safety
/// `dynamic` is the mapped dynamic section of the object loaded at `base`.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
unsafe fn read_dynamic(base: usize, dynamic: *const Dyn) -> Option<Object> {
    let (mut symbols, mut strings, mut plt, mut plt_size, mut rela, mut rela_size) =
        (0, 0, 0, 0, 0, 0);
    let mut plt_is_rela = true;
    // glibc rewrites some entries of a loaded object's dynamic section to addresses and leaves
    // others as offsets from `base`: an address below `base` is such an offset.
    let address = |value: u64| {
        let value = value as usize;
        if value < base {
            base + value
        } else {
            value
        }
    };
    let mut entry = dynamic;
    loop {
        // SAFETY: the caller's guarantee; the section ends with a NULL entry.
        let d = unsafe { &*entry };
        match d.tag {
            tags::NULL => break,
            tags::SYMTAB => symbols = address(d.value),
            tags::STRTAB => strings = address(d.value),
            tags::JMPREL => plt = address(d.value),
            tags::PLTRELSZ => plt_size = d.value as usize,
            tags::PLTREL => plt_is_rela = d.value == tags::RELA as u64,
            tags::RELA => rela = address(d.value),
            tags::RELASZ => rela_size = d.value as usize,
            _ => {}
        }
        // SAFETY: not past the NULL entry yet.
        entry = unsafe { entry.add(1) };
    }
    if symbols == 0 || strings == 0 || !plt_is_rela {
        return None;
    }
    let table = |at: usize, size: usize| {
        if at == 0 {
            (std::ptr::null(), 0)
        } else {
            (at as *const Rela, size / std::mem::size_of::<Rela>())
        }
    };
    Some(Object {
        base,
        symbols: symbols as *const Symbol,
        strings: strings as *const u8,
        relocations: [table(plt, plt_size), table(rela, rela_size)],
    })
}

/// Writes `value` into `slot` (nothing when its page's protection cannot be read or changed).
/// A slot's page is read-only after relocation when the object was linked with RELRO: then it
/// is made writable for the write and given its protection back.
///
/// # Safety
/// `slot` is a mapped, aligned GOT entry that no other thread is calling through.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
unsafe fn write_slot(slot: *mut usize, value: usize) {
    let Some(protection) = protection_of(slot as usize) else {
        return;
    };
    if protection & libc::PROT_WRITE != 0 {
        // SAFETY: the caller's guarantee, on a writable page.
        unsafe { slot.write_volatile(value) };
        return;
    }
    // SAFETY: plain query.
    let page_size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize;
    let page = (slot as usize & !(page_size - 1)) as *mut c_void;
    // SAFETY: `page` is the mapped page holding `slot`; only its protection changes.
    if unsafe { libc::mprotect(page, page_size, protection | libc::PROT_WRITE) } != 0 {
        return;
    }
    // SAFETY: the caller's guarantee, and the page is writable now.
    unsafe { slot.write_volatile(value) };
    // SAFETY: as above; the page gets back the protection it had.
    unsafe { libc::mprotect(page, page_size, protection) };
}

/// The protection of the mapping holding `address`, from `/proc/self/maps`.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn protection_of(address: usize) -> Option<c_int> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    maps.lines().find_map(|line| {
        let mut fields = line.split_whitespace();
        let (start, end) = fields.next()?.split_once('-')?;
        let (start, end) = (
            usize::from_str_radix(start, 16).ok()?,
            usize::from_str_radix(end, 16).ok()?,
        );
        if !(start..end).contains(&address) {
            return None;
        }
        let perms = fields.next()?.as_bytes();
        let mut protection = libc::PROT_NONE;
        for (i, flag) in [libc::PROT_READ, libc::PROT_WRITE, libc::PROT_EXEC]
            .into_iter()
            .enumerate()
        {
            if perms.get(i).is_some_and(|c| *c != b'-') {
                protection |= flag;
            }
        }
        Some(protection)
    })
}

#[cfg(all(test, target_os = "linux", target_pointer_width = "64"))]
mod tests {
    use super::find_object;

    /// libc's own dynamic tables are found from one of its functions, and its import slots of a
    /// function it calls through its GOT are listed (none is written here).
    #[test]
    fn finds_the_slots_of_a_loaded_object() {
        let object = find_object(libc::getaddrinfo as *const () as *const _)
            .expect("libc's dynamic section");
        assert!(object.base != 0);
        assert!(object.import_slots(b"no such function").is_empty());
    }

    /// The import slots of the loaded JavaScriptCore named `name`.
    fn library_slots(name: &[u8]) -> Vec<*mut usize> {
        // SAFETY: the library is loaded for the life of the process; a lookup of a function.
        let inside = unsafe {
            let handle = libc::dlopen(
                c"libjavascriptcoregtk-4.1.so.0".as_ptr(),
                libc::RTLD_NOW | libc::RTLD_NOLOAD,
            );
            crate::library::symbol(handle, "JSGarbageCollect\0").expect("symbol")
        };
        find_object(inside)
            .expect("the library's dynamic section")
            .import_slots(name)
    }

    /// Each slot points at `ours`.
    fn all_point_at(slots: Vec<*mut usize>, ours: usize) {
        for slot in slots {
            // SAFETY: a GOT slot of the loaded library.
            let target = unsafe { slot.read_volatile() };
            assert_eq!(target, ours);
        }
    }

    /// Once JavaScriptCore is loaded, its `clock_gettime` import points at our clock, and a VM
    /// with a time limit (which reads it at every entry) still stops a loop.
    #[test]
    fn javascriptcore_reads_our_clock() {
        crate::load().expect("JavaScriptCore");
        let vm = crate::Vm::new();
        let slots = library_slots(b"clock_gettime");
        assert!(!slots.is_empty(), "the library imports clock_gettime");
        all_point_at(
            slots,
            super::thread_clock_as_monotonic as *const () as usize,
        );
        vm.set_time_limit(std::time::Duration::from_millis(20), || true);
        let started = std::time::Instant::now();
        assert!(vm.eval("for (;;) {}", "file:///loop.js", 1).is_err());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    /// The library's call of its date cache's reset goes to ours, and local time is the same
    /// from one entry into the VM to the next (the caches kept are still right).
    #[test]
    fn javascriptcore_keeps_its_date_cache() {
        crate::load().expect("JavaScriptCore");
        let vm = crate::Vm::new();
        let slots = library_slots(super::DATE_CACHE_RESET);
        assert!(
            !slots.is_empty(),
            "the library calls its date cache's reset through its GOT"
        );
        all_point_at(slots, super::keep_date_cache as *const () as usize);
        let local = "[new Date(2020, 0, 1, 12).getHours(), new Date(2020, 6, 1, 12).getHours(), \
                     new Date(0).getTimezoneOffset(), new Date(0).toString()].join('|')";
        let first = vm
            .eval(local, "file:///a.js", 1)
            .expect("eval")
            .to_string()
            .expect("a string");
        assert!(first.starts_with("12|12|"), "{first}");
        for _ in 0..3 {
            let again = vm
                .eval(local, "file:///b.js", 1)
                .expect("eval")
                .to_string()
                .expect("a string");
            assert_eq!(again, first);
        }
    }
}
