//! Connections to Redis: one multiplexed connection per calling thread, made lazily on that
//! thread's tokio runtime. Worker threads each run their own current-thread runtime, and a
//! connection is driven by the runtime it was made on, so a worker only ever uses its own:
//! no worker waits on another one's event loop, and no command crosses threads. (The other
//! design, one thread owning one connection with commands sent over channels, measured 4×
//! slower per command and 3.4× lower throughput here: see ARCHITECTURE.md.)
//!
//! Failure handling, shared by every thread of one store: every command is bounded by
//! `command_timeout` (waiting for a connection included); a connect attempt runs as its own
//! task bounded by `connect_timeout`; after a failed attempt, commands on every thread fail at
//! once for `retry_interval`, then the next command tries again. A connection that breaks is
//! dropped and, if time is left, the command retried once on a new one (Redis restarted between
//! two commands; a worker's earlier runtime ended). Outages are logged to stderr at most once
//! per `log_interval`, and recovery once.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Cmd, ErrorKind, ServerErrorKind, Value};
use tokio::sync::Notify;
use tokio::time::Instant;

use super::RedisOptions;
use crate::error::{CacheError, Result};

/// A store's connections and health; cheap to clone, `Send + Sync`.
#[derive(Clone)]
pub(crate) struct RedisLink {
    shared: Arc<Shared>,
}

struct Shared {
    /// Tells this store's connections apart in a thread's list.
    id: u64,
    client: redis::Client,
    config: AsyncConnectionConfig,
    url: Arc<str>,
    opts: RedisOptions,
    health: Mutex<Health>,
    /// Every thread's slot, owned here so that the connections close with the store.
    slots: Mutex<Vec<Arc<Slot>>>,
}

#[derive(Default)]
struct Health {
    /// When the last connect attempt failed, and why; cleared by a successful one.
    last_failure: Option<(Instant, String)>,
    /// When an outage was last logged; `Some` until the next successful connect.
    logged_at: Option<Instant>,
}

/// One thread's connection.
#[derive(Default)]
struct Slot {
    state: Mutex<SlotState>,
    attempt_done: Notify,
}

#[derive(Default)]
struct SlotState {
    current: Option<(u64, MultiplexedConnection)>,
    generation: u64,
    attempting: bool,
}

thread_local! {
    /// This thread's slot of each store (store id → slot).
    static SLOTS: RefCell<Vec<(u64, Weak<Slot>)>> = const { RefCell::new(Vec::new()) };
}

impl RedisLink {
    /// Sets up the store's connections. Connects nothing: the first command on each thread
    /// does, so this never waits for Redis.
    pub(crate) fn new(client: redis::Client, url: Arc<str>, opts: RedisOptions) -> Self {
        static IDS: AtomicU64 = AtomicU64::new(1);
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(opts.connect_timeout))
            .set_response_timeout(Some(opts.command_timeout));
        Self {
            shared: Arc::new(Shared {
                id: IDS.fetch_add(1, Ordering::Relaxed),
                client,
                config,
                url,
                opts,
                health: Mutex::new(Health::default()),
                slots: Mutex::new(Vec::new()),
            }),
        }
    }

    /// Runs one command on this thread's connection, bounded by the command timeout. Needs a
    /// tokio runtime with I/O and time enabled (any flavour).
    pub(crate) async fn query(&self, cmd: Cmd) -> Result<Value> {
        self.query_or(cmd, None).await
    }

    /// As [`RedisLink::query`]; if Redis answers `NOSCRIPT` (an `EVALSHA` of a script it has
    /// not seen since it started), runs `fallback` (the `EVAL` of it) instead.
    pub(crate) async fn query_or(&self, cmd: Cmd, fallback: Option<Cmd>) -> Result<Value> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(self.error("the Redis store needs a tokio runtime".into()));
        }
        let slot = self.shared.slot();
        let cmds = (&cmd, fallback.as_ref());
        self.shared
            .execute(&slot, cmds)
            .await
            .map_err(|reason| self.error(reason))
    }

    /// Runs a command in a task of its own, answer ignored; nothing happens outside a runtime.
    pub(crate) fn send_detached(&self, cmd: Cmd) {
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            let link = self.clone();
            handle.spawn(async move {
                let _ = link.query(cmd).await;
            });
        }
    }

    pub(crate) fn error(&self, reason: String) -> CacheError {
        CacheError::Redis {
            url: self.shared.url.to_string(),
            reason,
        }
    }
}

impl Shared {
    /// This thread's slot, made on first use.
    fn slot(&self) -> Arc<Slot> {
        SLOTS.with_borrow_mut(|slots| {
            let found = slots
                .iter()
                .find(|(id, _)| *id == self.id)
                .and_then(|(_, s)| s.upgrade());
            if let Some(slot) = found {
                return slot;
            }
            slots.retain(|(_, s)| s.strong_count() > 0);
            let slot = Arc::new(Slot::default());
            slots.push((self.id, Arc::downgrade(&slot)));
            lock(&self.slots).push(Arc::clone(&slot));
            slot
        })
    }

    async fn execute(
        self: &Arc<Self>,
        slot: &Arc<Slot>,
        cmd: (&Cmd, Option<&Cmd>),
    ) -> Result<Value, String> {
        let budget = self.opts.command_timeout;
        let Ok(result) = tokio::time::timeout(budget, self.execute_unbounded(slot, cmd)).await
        else {
            let reason = format!("no answer within {} ms", budget.as_millis());
            // A connection that does not answer is as good as gone.
            lock(&slot.state).current = None;
            self.report(&reason);
            return Err(reason);
        };
        result
    }

    async fn execute_unbounded(
        self: &Arc<Self>,
        slot: &Arc<Slot>,
        (cmd, fallback): (&Cmd, Option<&Cmd>),
    ) -> Result<Value, String> {
        let mut retried = false;
        loop {
            let (generation, mut conn) = self.connection(slot).await?;
            let mut result = conn.send_packed_command(cmd).await;
            if let Some(fallback) = fallback {
                let no_script = match &result {
                    Ok(Value::ServerError(e)) => e.kind() == Some(ServerErrorKind::NoScript),
                    Err(e) => e.kind() == ErrorKind::Server(ServerErrorKind::NoScript),
                    Ok(_) => false,
                };
                if no_script {
                    result = conn.send_packed_command(fallback).await;
                }
            }
            match result {
                // An error answer (wrong type, script error …): the command failed, the
                // connection is fine.
                Ok(Value::ServerError(e)) => return Err(e.to_string()),
                Ok(value) => return Ok(value),
                Err(e) if is_connection_error(&e) => {
                    {
                        let mut state = lock(&slot.state);
                        if state
                            .current
                            .as_ref()
                            .is_some_and(|(g, _)| *g == generation)
                        {
                            state.current = None;
                        }
                    }
                    let reason = format!("connection lost: {e}");
                    self.report(&reason);
                    if retried {
                        return Err(reason);
                    }
                    // The connection had died since the last command: once on a new one.
                    retried = true;
                }
                Err(e) => return Err(e.to_string()),
            }
        }
    }

    /// This thread's live connection, or one made now (joining an attempt in progress), or the
    /// reason there is none. Fails at once within `retry_interval` of a failed attempt.
    async fn connection(
        self: &Arc<Self>,
        slot: &Arc<Slot>,
    ) -> Result<(u64, MultiplexedConnection), String> {
        loop {
            if let Some(c) = lock(&slot.state).current.clone() {
                return Ok(c);
            }
            if let Some(reason) = self.recent_failure() {
                return Err(format!("unreachable ({reason})"));
            }
            // Registered before the attempt starts, so its end cannot be missed.
            let done = slot.attempt_done.notified();
            self.start_attempt(slot);
            done.await;
            if let Some(c) = lock(&slot.state).current.clone() {
                return Ok(c);
            }
            if let Some((_, reason)) = &lock(&self.health).last_failure {
                return Err(format!("unreachable ({reason})"));
            }
        }
    }

    fn recent_failure(&self) -> Option<String> {
        let health = lock(&self.health);
        let (at, reason) = health.last_failure.as_ref()?;
        (at.elapsed() < self.opts.retry_interval).then(|| reason.clone())
    }

    /// Starts a connect attempt for `slot` as a task of its own, so that its outcome is
    /// recorded even when the command that asked for it has given up.
    fn start_attempt(self: &Arc<Self>, slot: &Arc<Slot>) {
        if std::mem::replace(&mut lock(&slot.state).attempting, true) {
            return;
        }
        let (this, slot) = (Arc::clone(self), Arc::clone(slot));
        tokio::spawn(async move {
            let timeout = this.opts.connect_timeout;
            let attempt = this
                .client
                .get_multiplexed_async_connection_with_config(&this.config);
            let outcome = match tokio::time::timeout(timeout, attempt).await {
                Ok(Ok(conn)) => Ok(conn),
                Ok(Err(e)) => Err(format!("connect: {e}")),
                Err(_) => Err(format!(
                    "connect: no answer within {} ms",
                    timeout.as_millis()
                )),
            };
            match outcome {
                Ok(conn) => {
                    {
                        let mut state = lock(&slot.state);
                        state.generation += 1;
                        state.current = Some((state.generation, conn));
                    }
                    let mut health = lock(&this.health);
                    health.last_failure = None;
                    if health.logged_at.take().is_some() {
                        eprintln!("ferroute: cache: Redis at {} is reachable again", this.url);
                    }
                }
                Err(reason) => {
                    this.report(&reason);
                    lock(&this.health).last_failure = Some((Instant::now(), reason));
                }
            }
            lock(&slot.state).attempting = false;
            slot.attempt_done.notify_waiters();
        });
    }

    /// Logs an outage, at most once per `log_interval` for the store.
    fn report(&self, reason: &str) {
        let mut health = lock(&self.health);
        if health
            .logged_at
            .is_none_or(|at| at.elapsed() >= self.opts.log_interval)
        {
            health.logged_at = Some(Instant::now());
            drop(health);
            eprintln!(
                "ferroute: cache: Redis at {} failed: {reason}; serving without the shared cache \
                 and reconnecting (logged at most every {} s)",
                self.url,
                self.opts.log_interval.as_secs()
            );
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Errors after which the connection cannot be used again (as opposed to an error answer).
fn is_connection_error(e: &redis::RedisError) -> bool {
    e.is_io_error() || e.is_connection_dropped() || e.is_unrecoverable_error() || e.is_timeout()
}
