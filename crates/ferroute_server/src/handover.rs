//! Connections are not pinned to a busy worker. A connection stays on the worker that
//! accepted it, but while that worker runs one synchronous stretch of JavaScript longer than
//! 50 ms (a handler in a loop), the other workers take over its idle keep-alive connections:
//! the next request of such a connection is served at once instead of after the loop.
//!
//! Each connection has a [`Hand`] saying who may read it. The owning worker marks it
//! `PARKED` when a response ends and hyper holds no bytes of a next request (the connection
//! is "clean", `ConnState`), and `ACTIVE` again before it reads the socket. Another worker
//! may swap `PARKED` for `TAKEN`, duplicate the descriptor and serve the connection itself;
//! the owner then sees end-of-file on its side and drops its copy without a word on the wire.
//! A connection being read, or holding half a request, is never taken.
#![allow(unsafe_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::os::fd::{BorrowedFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering::Relaxed};
use std::sync::{Arc, Mutex, OnceLock};

/// The owner may read it, and another worker may take it.
const PARKED: u8 = 0;
/// The owner is reading it, or it is in the middle of a request.
const ACTIVE: u8 = 1;
/// Another worker took it: the owner must not touch the socket again.
const TAKEN: u8 = 2;

/// Who may read one connection.
#[derive(Debug)]
pub(crate) struct Hand(AtomicU8);

impl Hand {
    fn new() -> Self {
        Self(AtomicU8::new(ACTIVE))
    }

    /// The owner is about to read the socket: false when another worker has it.
    pub(crate) fn claim(&self) -> bool {
        self.0
            .compare_exchange(PARKED, ACTIVE, Relaxed, Relaxed)
            .map_or_else(|now| now != TAKEN, |_| true)
    }

    /// The owner read nothing after `claim`: the connection is takeable again.
    pub(crate) fn park(&self) {
        let _ = self.0.compare_exchange(ACTIVE, PARKED, Relaxed, Relaxed);
    }

    /// The owner needs the connection for a while (a request is running).
    pub(crate) fn hold(&self) {
        let _ = self.0.compare_exchange(PARKED, ACTIVE, Relaxed, Relaxed);
    }

    pub(crate) fn taken(&self) -> bool {
        self.0.load(Relaxed) == TAKEN
    }

    fn take(&self) -> bool {
        self.0
            .compare_exchange(PARKED, TAKEN, Relaxed, Relaxed)
            .is_ok()
    }
}

/// What every worker publishes for the others.
pub(crate) struct Mesh {
    desks: Vec<Desk>,
    next: AtomicU64,
}

#[derive(Default)]
struct Desk {
    busy: OnceLock<Arc<AtomicBool>>,
    conns: Mutex<HashMap<u64, Listed>>,
}

struct Listed {
    fd: RawFd,
    hand: Arc<Hand>,
    remote: SocketAddr,
}

impl Mesh {
    pub(crate) fn new(workers: usize) -> Arc<Self> {
        Arc::new(Self {
            desks: (0..workers).map(|_| Desk::default()).collect(),
            next: AtomicU64::new(0),
        })
    }

    /// Worker `me`'s engine raises `busy` while it runs a long synchronous stretch.
    pub(crate) fn set_busy_signal(&self, me: usize, busy: Arc<AtomicBool>) {
        let _ = self.desks[me].busy.set(busy);
    }

    /// Lists a connection of worker `me` for the others; the guard must be dropped before
    /// the socket `fd` is closed.
    pub(crate) fn list(self: &Arc<Self>, me: usize, fd: RawFd, remote: SocketAddr) -> Entry {
        let id = self.next.fetch_add(1, Relaxed);
        let hand = Arc::new(Hand::new());
        if let Ok(mut conns) = self.desks[me].conns.lock() {
            conns.insert(
                id,
                Listed {
                    fd,
                    hand: hand.clone(),
                    remote,
                },
            );
        }
        Entry {
            mesh: self.clone(),
            me,
            id,
            hand,
        }
    }

    /// Takes the idle connections of every busy worker but `me`: each as its own
    /// descriptor (a duplicate) with the client's address.
    pub(crate) fn take_from_busy(&self, me: usize) -> Vec<(OwnedFd, SocketAddr)> {
        let mut taken = Vec::new();
        for (i, desk) in self.desks.iter().enumerate() {
            if i == me || !desk.busy.get().is_some_and(|b| b.load(Relaxed)) {
                continue;
            }
            let Ok(conns) = desk.conns.lock() else {
                continue;
            };
            for listed in conns.values() {
                if !listed.hand.take() {
                    continue;
                }
                // SAFETY: a listed descriptor stays open while it is listed (its `Entry` is
                // dropped before the socket), and we hold the list's lock.
                let fd = unsafe { BorrowedFd::borrow_raw(listed.fd) };
                match fd.try_clone_to_owned() {
                    Ok(own) => taken.push((own, listed.remote)),
                    // Out of descriptors: leave it to its owner after all.
                    Err(_) => listed.hand.0.store(PARKED, Relaxed),
                }
            }
        }
        taken
    }
}

/// A listed connection; unlisted when dropped.
pub(crate) struct Entry {
    mesh: Arc<Mesh>,
    me: usize,
    id: u64,
    hand: Arc<Hand>,
}

impl Entry {
    pub(crate) fn hand(&self) -> &Arc<Hand> {
        &self.hand
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        if let Ok(mut conns) = self.mesh.desks[self.me].conns.lock() {
            conns.remove(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_parked_connections_of_busy_workers_are_taken() {
        let mesh = Mesh::new(2);
        let busy = Arc::new(AtomicBool::new(false));
        mesh.set_busy_signal(0, busy.clone());
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let _client = std::net::TcpStream::connect(addr).unwrap();
        let (server, remote) = listener.accept().unwrap();
        use std::os::fd::AsRawFd;
        let entry = mesh.list(0, server.as_raw_fd(), remote);
        // Active (a request is running): not taken, busy or not.
        busy.store(true, Relaxed);
        assert!(mesh.take_from_busy(1).is_empty());
        // Parked but the worker is not busy: not taken.
        entry.hand().park();
        busy.store(false, Relaxed);
        assert!(mesh.take_from_busy(1).is_empty());
        // Parked on a busy worker: taken once, and the owner is told.
        busy.store(true, Relaxed);
        assert!(
            mesh.take_from_busy(0).is_empty(),
            "a worker never takes its own"
        );
        let taken = mesh.take_from_busy(1);
        assert_eq!(taken.len(), 1);
        assert_eq!(taken[0].1, remote);
        assert!(!entry.hand().claim());
        assert!(entry.hand().taken());
        assert!(mesh.take_from_busy(1).is_empty());
        drop(entry);
        assert!(mesh.desks[0].conns.lock().unwrap().is_empty());
    }
}
