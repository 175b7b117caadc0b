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
//!
//! New connections are spread too. All workers accept from one listening socket, and a
//! burst of connections arriving together (a load balancer's pool, a benchmark's clients)
//! tends to land on one worker; keep-alive then pins them there while the other worker
//! idles. A worker that accepts a connection while another worker that is accepting, and not
//! busy, holds at least two connections fewer gives it that connection (`give`); the other
//! worker serves it from its `gifts`.
//!
//! Pinned workers (`--pin-workers`, workers.rs) also keep each connection on the CPU its
//! packets arrive on (`SO_INCOMING_CPU`: for a NIC, the CPU its queue interrupts; on
//! loopback, the CPU the client sent from). A connection accepted by one worker whose packets
//! arrive on another worker's CPU is given to that worker (`steer`), and every
//! `LOCALITY_TICK` each worker takes the idle connections of the others whose packets now
//! arrive on its CPU, because the client moved (`take_local`). Answering on the client's CPU
//! spares both sides a wake-up across CPUs, the dearest part of a small request on a
//! virtual machine. Both give way to balance: neither leaves a worker more than `slack`
//! connections above another (a few, or an eighth of all), so a NIC with one queue, or
//! clients that all run on one CPU, still spread over every worker.
//!
//! A worker recycling its engine to give memory back (worker_engine.rs) is `away`: it counts
//! as busy, so its idle connections move and it is given none, until its fresh engine serves.
#![allow(unsafe_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering::Relaxed};
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
    fn new(parked: bool) -> Self {
        Self(AtomicU8::new(if parked { PARKED } else { ACTIVE }))
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

    fn is_parked(&self) -> bool {
        self.0.load(Relaxed) == PARKED
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
    /// Told when a connection is listed: wakes the pinned workers' locality ticks, which sleep
    /// while the other workers hold no connection.
    listed: tokio::sync::Notify,
}

/// No CPU: the worker is not pinned.
const NO_CPU: usize = usize::MAX;

/// Most idle connections of one other worker a pinned worker looks at a tick for locality.
const SCAN_EACH_TICK: usize = 256;

struct Desk {
    busy: OnceLock<Arc<AtomicBool>>,
    /// The worker recycles its engine: treated as busy.
    away: AtomicBool,
    conns: Mutex<HashMap<u64, Listed>>,
    /// The worker's accept loop runs (it can serve gifts).
    accepting: AtomicBool,
    /// Connections another worker accepted for this one, not yet served.
    gifts: Mutex<Vec<(std::net::TcpStream, SocketAddr)>>,
    gift_ready: tokio::sync::Notify,
    /// The CPU the worker runs on when pinned, else `NO_CPU`.
    cpu: AtomicUsize,
    /// Where the next look at its idle connections for locality starts (`take_local`).
    scan: AtomicUsize,
}

impl Default for Desk {
    fn default() -> Self {
        Self {
            busy: OnceLock::new(),
            away: AtomicBool::new(false),
            conns: Mutex::default(),
            accepting: AtomicBool::new(false),
            gifts: Mutex::default(),
            gift_ready: tokio::sync::Notify::new(),
            cpu: AtomicUsize::new(NO_CPU),
            scan: AtomicUsize::new(0),
        }
    }
}

impl Desk {
    /// Connections this worker serves or has been given.
    fn load(&self) -> usize {
        self.conns.lock().map_or(0, |c| c.len()) + self.gifts.lock().map_or(0, |g| g.len())
    }

    /// Busy in a long synchronous stretch, or away recycling its engine.
    fn is_busy(&self) -> bool {
        self.away.load(Relaxed) || self.busy.get().is_some_and(|b| b.load(Relaxed))
    }
}

struct Listed {
    fd: RawFd,
    hand: Arc<Hand>,
    remote: SocketAddr,
}

impl Listed {
    /// The connection's socket. Only reached through its desk's locked list.
    fn fd(&self) -> BorrowedFd<'_> {
        // SAFETY: a listed descriptor stays open while it is listed (its `Entry` is dropped
        // before the socket), and the caller holds the list's lock for as long as `self`.
        unsafe { BorrowedFd::borrow_raw(self.fd) }
    }

    /// Takes the connection from its owner when it is parked: a descriptor of its own for the
    /// taker, and the client's address.
    fn take(&self) -> Option<(OwnedFd, SocketAddr)> {
        if !self.hand.take() {
            return None;
        }
        match self.fd().try_clone_to_owned() {
            Ok(own) => Some((own, self.remote)),
            Err(_) => {
                // Out of descriptors: leave it to its owner after all.
                self.hand.0.store(PARKED, Relaxed);
                None
            }
        }
    }
}

impl Mesh {
    pub(crate) fn new(workers: usize) -> Arc<Self> {
        Arc::new(Self {
            desks: (0..workers).map(|_| Desk::default()).collect(),
            next: AtomicU64::new(0),
            listed: tokio::sync::Notify::new(),
        })
    }

    /// Worker `me`'s engine raises `busy` while it runs a long synchronous stretch.
    pub(crate) fn set_busy_signal(&self, me: usize, busy: Arc<AtomicBool>) {
        let _ = self.desks[me].busy.set(busy);
    }

    /// Lists a connection of worker `me` for the others, `parked` when it is takeable from
    /// the start (one taken from another worker between two requests: its new owner may get
    /// busy before it first reads it); the guard must be dropped before the socket `fd` is
    /// closed.
    pub(crate) fn list(
        self: &Arc<Self>,
        me: usize,
        fd: RawFd,
        remote: SocketAddr,
        parked: bool,
    ) -> Entry {
        let id = self.next.fetch_add(1, Relaxed);
        let hand = Arc::new(Hand::new(parked));
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
        self.listed.notify_waiters();
        Entry {
            mesh: self.clone(),
            me,
            id,
            hand,
        }
    }

    /// Worker `me` recycles its engine (true) or serves again (false): meanwhile the others
    /// take its idle connections, as from a busy worker.
    pub(crate) fn set_away(&self, me: usize, away: bool) {
        self.desks[me].away.store(away, Relaxed);
        if away {
            // Woken as by an engine's busy signal: the others look for its connections.
            ferroute_runtime::Engine::busy_raised().notify_waiters();
        }
    }

    /// Resolves when worker `me` should look for the idle connections of busy workers: every
    /// `HANDOVER_TICK` while another worker is busy or away, otherwise when one becomes so
    /// (an idle server's workers sleep).
    pub(crate) async fn busy_elsewhere(&self, me: usize) {
        let raised = ferroute_runtime::Engine::busy_raised().notified();
        tokio::pin!(raised);
        // Enabled before the desks are read: a rise in between still wakes us.
        raised.as_mut().enable();
        let others_busy = self
            .desks
            .iter()
            .enumerate()
            .any(|(i, d)| i != me && d.is_busy());
        if others_busy {
            tokio::time::sleep(crate::workers::HANDOVER_TICK).await;
        } else {
            raised.await;
        }
    }

    /// Worker `me`'s accept loop runs (true) or has ended (false): only a worker whose loop
    /// runs is given connections.
    pub(crate) fn set_accepting(&self, me: usize, on: bool) {
        self.desks[me].accepting.store(on, Relaxed);
    }

    /// The worker that should serve the connection worker `me` just accepted instead of it:
    /// the least loaded one that accepts and is not busy, when it holds at least two
    /// connections fewer than `me` (None: `me` serves it).
    pub(crate) fn receiver(&self, me: usize) -> Option<usize> {
        if self.desks.len() < 2 {
            return None;
        }
        let mine = self.desks[me].load();
        if mine < 2 {
            return None;
        }
        self.desks
            .iter()
            .enumerate()
            .filter(|(i, d)| *i != me && d.accepting.load(Relaxed) && !d.is_busy())
            .map(|(i, d)| (d.load(), i))
            .min()
            .filter(|(load, _)| load + 2 <= mine)
            .map(|(_, i)| i)
    }

    /// Worker `me` runs on `cpu` alone.
    pub(crate) fn set_cpu(&self, me: usize, cpu: usize) {
        self.desks[me].cpu.store(cpu, Relaxed);
    }

    /// Resolves at worker `me`'s next locality tick (`take_local`): every `tick` while another
    /// worker holds connections, none while none does (a server without clients sleeps).
    pub(crate) async fn locality_due(&self, me: usize, tick: &mut tokio::time::Interval) {
        loop {
            let listed = self.listed.notified();
            tokio::pin!(listed);
            // Enabled before the desks are read: a connection listed in between still wakes.
            listed.as_mut().enable();
            let others_hold_any = self
                .desks
                .iter()
                .enumerate()
                .any(|(i, d)| i != me && d.conns.lock().is_ok_and(|c| !c.is_empty()));
            if others_hold_any {
                tick.tick().await;
                return;
            }
            listed.await;
        }
    }

    /// Whether worker `me` runs pinned to a CPU of its own.
    pub(crate) fn pinned(&self, me: usize) -> bool {
        self.desks[me].cpu.load(Relaxed) != NO_CPU
    }

    /// Where the connection worker `me` just accepted should be served, by the CPU its
    /// packets arrive on: the worker pinned on that CPU, unless that would leave it more than
    /// `slack` connections above the least loaded worker.
    pub(crate) fn steer(&self, me: usize, socket: &impl AsFd) -> Steer {
        if !self.pinned(me) {
            return Steer::Unknown;
        }
        let Ok(cpu) = socket2::SockRef::from(socket).cpu_affinity() else {
            return Steer::Unknown;
        };
        let Some(to) = self.desks.iter().position(|d| d.cpu.load(Relaxed) == cpu) else {
            return Steer::Unknown;
        };
        let desk = &self.desks[to];
        if to != me && (!desk.accepting.load(Relaxed) || desk.is_busy()) {
            return Steer::Unknown;
        }
        let loads: Vec<usize> = self.desks.iter().map(Desk::load).collect();
        let least = self
            .desks
            .iter()
            .zip(&loads)
            .filter(|(d, _)| d.accepting.load(Relaxed) && !d.is_busy())
            .map(|(_, &load)| load)
            .min()
            .unwrap_or(0);
        if loads[to] > least + slack(&loads) {
            return Steer::Unknown;
        }
        if to == me {
            Steer::Keep
        } else {
            Steer::To(to)
        }
    }

    /// Takes the idle connections of the other workers whose packets now arrive on worker
    /// `me`'s CPU, as long as `me` stays within `slack` of the least loaded other worker.
    pub(crate) fn take_local(&self, me: usize) -> Vec<(OwnedFd, SocketAddr)> {
        let cpu = self.desks[me].cpu.load(Relaxed);
        let mut taken = Vec::new();
        if cpu == NO_CPU {
            return taken;
        }
        let mut loads: Vec<usize> = self.desks.iter().map(Desk::load).collect();
        let slack = slack(&loads);
        let serving: Vec<bool> = self.desks.iter().map(|d| !d.is_busy()).collect();
        for (i, desk) in self.desks.iter().enumerate() {
            if i == me || !serving[i] {
                continue;
            }
            let Ok(conns) = desk.conns.lock() else {
                continue;
            };
            // At most SCAN_EACH_TICK idle connections are looked at a tick, from where the
            // last tick stopped: a server holding many keep-alive connections pays a bounded
            // number of `getsockopt` calls.
            let idle: Vec<&Listed> = conns.values().filter(|l| l.hand.is_parked()).collect();
            if idle.is_empty() {
                continue;
            }
            let from = desk.scan.fetch_add(SCAN_EACH_TICK, Relaxed) % idle.len();
            for listed in idle
                .iter()
                .cycle()
                .skip(from)
                .take(idle.len().min(SCAN_EACH_TICK))
            {
                // After the move, `me` may hold at most `slack` above the least loaded of the
                // other workers that serve (the one it takes from among them).
                loads[i] -= 1;
                let least = (0..loads.len())
                    .filter(|&j| j != me && serving[j])
                    .map(|j| loads[j])
                    .min();
                loads[i] += 1;
                if least.is_some_and(|least| loads[me] + 1 > least + slack) {
                    break;
                }
                if socket2::SockRef::from(&listed.fd()).cpu_affinity().ok() != Some(cpu) {
                    continue;
                }
                if let Some(conn) = listed.take() {
                    taken.push(conn);
                    loads[me] += 1;
                    loads[i] -= 1;
                }
            }
        }
        taken
    }

    /// Hands a connection accepted by another worker to worker `to`.
    pub(crate) fn give(&self, to: usize, stream: std::net::TcpStream, remote: SocketAddr) {
        if let Ok(mut gifts) = self.desks[to].gifts.lock() {
            gifts.push((stream, remote));
        }
        self.desks[to].gift_ready.notify_one();
    }

    /// Resolves when worker `me` has been given connections.
    pub(crate) fn gifted(&self, me: usize) -> tokio::sync::futures::Notified<'_> {
        self.desks[me].gift_ready.notified()
    }

    /// The connections given to worker `me`.
    pub(crate) fn take_gifts(&self, me: usize) -> Vec<(std::net::TcpStream, SocketAddr)> {
        self.desks[me]
            .gifts
            .lock()
            .map(|mut g| std::mem::take(&mut *g))
            .unwrap_or_default()
    }

    /// Takes the idle connections of every busy worker but `me`: each as its own
    /// descriptor (a duplicate) with the client's address.
    pub(crate) fn take_from_busy(&self, me: usize) -> Vec<(OwnedFd, SocketAddr)> {
        let mut taken = Vec::new();
        for (i, desk) in self.desks.iter().enumerate() {
            if i == me || !desk.is_busy() {
                continue;
            }
            let Ok(conns) = desk.conns.lock() else {
                continue;
            };
            taken.extend(conns.values().filter_map(Listed::take));
        }
        taken
    }
}

/// How far apart two workers' loads may be for the sake of locality: a few connections, or an
/// eighth of all.
fn slack(loads: &[usize]) -> usize {
    (loads.iter().sum::<usize>() / 8).max(2)
}

/// Where a newly accepted connection goes, by the CPU its packets arrive on.
pub(crate) enum Steer {
    /// The accepting worker is pinned on that CPU: it serves the connection.
    Keep,
    /// Worker `.0` is pinned on that CPU.
    To(usize),
    /// No worker is pinned there, or it has enough: spread by load alone.
    Unknown,
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
        let entry = mesh.list(0, server.as_raw_fd(), remote, false);
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

    #[test]
    fn a_new_connection_goes_to_a_worker_holding_two_fewer() {
        let mesh = Mesh::new(3);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let mut kept = Vec::new();
        let mut open = |worker: usize| {
            let client = std::net::TcpStream::connect(addr).unwrap();
            let (server, remote) = listener.accept().unwrap();
            use std::os::fd::AsRawFd;
            let entry = mesh.list(worker, server.as_raw_fd(), remote, false);
            kept.push((client, server, entry));
        };
        for worker in [0, 0, 0, 1, 1] {
            open(worker);
        }
        // No worker accepts yet: nobody to give to.
        assert_eq!(mesh.receiver(0), None);
        mesh.set_accepting(1, true);
        mesh.set_accepting(2, true);
        // Worker 2 holds none: it gets worker 0's next connection; worker 1 (two) does not
        // give to worker 0 (three).
        assert_eq!(mesh.receiver(0), Some(2));
        assert_eq!(mesh.receiver(1), Some(2));
        assert_eq!(mesh.receiver(2), None);
        // A busy worker is given nothing.
        let busy = Arc::new(AtomicBool::new(true));
        mesh.set_busy_signal(2, busy.clone());
        assert_eq!(mesh.receiver(0), None, "worker 1 holds only one fewer");
        // A gift counts as held at once.
        busy.store(false, Relaxed);
        let client = std::net::TcpStream::connect(addr).unwrap();
        let (server, remote) = listener.accept().unwrap();
        mesh.give(2, server, remote);
        assert_eq!(mesh.receiver(1), None, "worker 2 now holds one");
        assert_eq!(mesh.take_gifts(2).len(), 1);
        drop(client);
    }

    /// Runs `f` on a thread of its own pinned to `cpu`: the packets it sends on loopback are
    /// taken in on that CPU.
    fn on_cpu<T: Send>(cpu: usize, f: impl FnOnce() -> T + Send) -> T {
        std::thread::scope(|s| {
            s.spawn(|| {
                assert!(crate::workers::pin_to(cpu));
                f()
            })
            .join()
            .unwrap()
        })
    }

    /// Two CPUs this process may run on, or None on a machine with one.
    fn two_cpus() -> Option<(usize, usize)> {
        match crate::workers::allowed_cpus()[..] {
            [a, b, ..] => Some((a, b)),
            _ => None,
        }
    }

    #[test]
    fn a_new_connection_goes_to_the_worker_pinned_on_the_cpu_it_arrives_on() {
        let Some((a, b)) = two_cpus() else {
            eprintln!("skipped: one CPU");
            return;
        };
        let mesh = Mesh::new(2);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let client = on_cpu(b, || std::net::TcpStream::connect(addr).unwrap());
        let (server, _) = listener.accept().unwrap();
        assert!(
            matches!(mesh.steer(0, &server), Steer::Unknown),
            "workers not pinned: spread by load"
        );
        mesh.set_cpu(0, a);
        mesh.set_cpu(1, b);
        mesh.set_accepting(0, true);
        mesh.set_accepting(1, true);
        assert!(matches!(mesh.steer(0, &server), Steer::To(1)));
        assert!(matches!(mesh.steer(1, &server), Steer::Keep));
        // Not to a worker holding more than its share (slack 2) above the least loaded.
        let mut kept = Vec::new();
        for _ in 0..3 {
            let c = std::net::TcpStream::connect(addr).unwrap();
            let (s, remote) = listener.accept().unwrap();
            use std::os::fd::AsRawFd;
            kept.push((mesh.list(1, s.as_raw_fd(), remote, false), s, c));
        }
        assert!(matches!(mesh.steer(0, &server), Steer::Unknown));
        // Nor to a busy one.
        kept.truncate(0);
        mesh.set_busy_signal(1, Arc::new(AtomicBool::new(true)));
        assert!(matches!(mesh.steer(0, &server), Steer::Unknown));
        drop(client);
    }

    /// A connection listed on worker 0 (`parked` or not) whose client last sent from `cpu`:
    /// its entry, and both ends.
    fn listed_from(
        mesh: &Arc<Mesh>,
        listener: &std::net::TcpListener,
        cpu: usize,
        parked: bool,
    ) -> (Entry, std::net::TcpStream, std::net::TcpStream) {
        use std::io::{Read, Write};
        use std::os::fd::AsRawFd;
        let mut client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut server, remote) = listener.accept().unwrap();
        on_cpu(cpu, || client.write_all(b"x").unwrap());
        server.read_exact(&mut [0]).unwrap();
        let entry = mesh.list(0, server.as_raw_fd(), remote, parked);
        (entry, server, client)
    }

    #[test]
    fn idle_connections_move_to_the_worker_on_the_cpu_their_packets_arrive_on() {
        let Some((a, b)) = two_cpus() else {
            eprintln!("skipped: one CPU");
            return;
        };
        let mesh = Mesh::new(2);
        mesh.set_cpu(0, a);
        mesh.set_cpu(1, b);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        // Worker 0 serves five connections: four whose client now sends from CPU b, one from a.
        let open: Vec<_> = [b, b, b, b, a]
            .into_iter()
            .map(|cpu| listed_from(&mesh, &listener, cpu, false))
            .collect();
        assert!(
            mesh.take_local(1).is_empty(),
            "connections in use are not moved"
        );
        for (entry, ..) in &open {
            entry.hand().park();
        }
        assert!(
            mesh.take_local(0).is_empty(),
            "a worker never takes its own"
        );
        // Worker 1 takes those that arrive on its CPU while it holds no more than two (the
        // slack) above worker 0: three of the four.
        let taken = mesh.take_local(1);
        assert_eq!(taken.len(), 3);
        let moved = open
            .iter()
            .filter(|(entry, ..)| entry.hand().taken())
            .count();
        assert_eq!(moved, 3);
        assert!(!open[4].0.hand().taken(), "the one from CPU a stays");

        // With a third worker holding none, worker 1 stops at two above it: two of four.
        let mesh = Mesh::new(3);
        mesh.set_cpu(0, a);
        mesh.set_cpu(1, b);
        let _open: Vec<_> = (0..4)
            .map(|_| listed_from(&mesh, &listener, b, true))
            .collect();
        assert_eq!(mesh.take_local(1).len(), 2);
    }
}
