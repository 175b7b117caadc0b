//! The Redis store: entries, tag revalidation times and single-flight locks shared by every
//! ferroute instance that names the same Redis and prefix.
//!
//! Keys: `<prefix>entry:<key>` (the encoded entry, with a `PX` TTL when it has an `expire`),
//! `<prefix>tag:<tag>` (milliseconds of the last revalidation), `<prefix>lock:<key>` (the
//! holder's token, `SET NX PX`, deleted only by a script that compares the token).
//!
//! Tag times are never cached locally: a lookup reads the entry and the times of its tags in
//! one round trip (a Lua script that reads the entry's tag list from its metadata and `MGET`s
//! them), so a `revalidateTag` on one instance is seen by the next lookup on any other.

mod link;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use redis::{cmd, Cmd, Value};

pub(crate) use link::RedisLink;

use crate::entry::{decode, encode, Entry};
use crate::error::{CacheError, Result};
use crate::lock::{unique_token, LockGuard};

/// Settings of the Redis store. `Default` gives the values the server uses.
#[derive(Debug, Clone)]
pub struct RedisOptions {
    /// Prepended to every key (default `ferroute:`); instances sharing a prefix share a cache.
    pub prefix: String,
    /// Longest wait for a TCP connection and Redis's handshake (default 250 ms).
    pub connect_timeout: Duration,
    /// Longest time one operation takes, waiting for a connection included (default 250 ms).
    pub command_timeout: Duration,
    /// After a failed connect, operations fail at once for this long (default 250 ms); the
    /// next operation after it tries to connect again.
    pub retry_interval: Duration,
    /// An outage is logged at most once per this interval (default 10 s).
    pub log_interval: Duration,
}

impl Default for RedisOptions {
    fn default() -> Self {
        Self {
            prefix: "ferroute:".into(),
            connect_timeout: Duration::from_millis(250),
            command_timeout: Duration::from_millis(250),
            retry_interval: Duration::from_millis(250),
            log_interval: Duration::from_secs(10),
        }
    }
}

/// A Lua script run by `EVALSHA` (Redis hashes an `EVAL`'s source on every call), with `EVAL`
/// when Redis does not know it yet.
struct Script {
    source: &'static str,
    sha: std::sync::OnceLock<String>,
}

impl Script {
    const fn new(source: &'static str) -> Self {
        Self {
            source,
            sha: std::sync::OnceLock::new(),
        }
    }

    /// `EVALSHA` and its `EVAL` fallback, both with `keys` and then `args`.
    fn cmds(&self, keys: &[&[u8]], args: &[&[u8]]) -> (Cmd, Cmd) {
        let sha = self
            .sha
            .get_or_init(|| sha1_smol::Sha1::from(self.source).digest().to_string());
        let mut by_sha = cmd("EVALSHA");
        by_sha.arg(sha.as_str());
        let mut by_source = cmd("EVAL");
        by_source.arg(self.source);
        for c in [&mut by_sha, &mut by_source] {
            c.arg(keys.len());
            for k in keys {
                c.arg(*k);
            }
            for a in args {
                c.arg(*a);
            }
        }
        (by_sha, by_source)
    }
}

static LOOKUP: Script = Script::new(LOOKUP_SCRIPT);
static REVALIDATE: Script = Script::new(REVALIDATE_SCRIPT);
static RELEASE: Script = Script::new(RELEASE_SCRIPT);

pub(crate) struct RedisStore {
    link: RedisLink,
    prefix: String,
    url: Arc<str>,
}

/// Reads an entry and the revalidation times of its tags plus the soft tags given, in one
/// round trip. ARGV[1] is the tag key prefix, ARGV[2..] the soft tags. Returns nil, or
/// `{entry, {time|false, …}}`. The tag list is read from the entry's metadata (format version
/// 1: `1 | key_len u32 | key | meta_len u32 | meta JSON | …`); a value it cannot read is
/// returned with the soft tags' times only, and the caller's decoding rejects it.
const LOOKUP_SCRIPT: &str = r"
local v = redis.call('GET', KEYS[1])
if not v then return false end
local keys = {}
for i = 2, #ARGV do keys[#keys + 1] = ARGV[1] .. ARGV[i] end
if string.byte(v, 1) == 1 and #v >= 9 then
  local ok, meta = pcall(function()
    local key_len = struct.unpack('<I4', v, 2)
    local at = 6 + key_len
    local meta_len = struct.unpack('<I4', v, at)
    return cjson.decode(string.sub(v, at + 4, at + 3 + meta_len))
  end)
  if ok and type(meta) == 'table' and type(meta.tags) == 'table' then
    for _, t in ipairs(meta.tags) do
      if type(t) == 'string' then keys[#keys + 1] = ARGV[1] .. t end
    end
  end
end
local times = {}
if #keys > 0 then times = redis.call('MGET', unpack(keys)) end
return {v, times}
";

/// Records a revalidation time per tag key, keeping the later of the stored and the new one.
const REVALIDATE_SCRIPT: &str = r"
for _, k in ipairs(KEYS) do
  local cur = tonumber(redis.call('GET', k) or '0') or 0
  if cur < tonumber(ARGV[1]) then redis.call('SET', k, ARGV[1]) end
end
return #KEYS
";

/// Deletes a lock only if it still holds the caller's token.
const RELEASE_SCRIPT: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

impl RedisStore {
    pub(crate) fn connect(url: &str, opts: RedisOptions) -> Result<Self> {
        let shown: Arc<str> = redact(url).into();
        let invalid = |reason: String| CacheError::InvalidUrl {
            url: shown.to_string(),
            reason,
        };
        let Some((scheme, rest)) = url.split_once("://") else {
            return Err(invalid("expected redis://HOST:PORT".into()));
        };
        match scheme {
            "redis" => {}
            "rediss" => return Err(invalid("TLS (rediss://) is not supported".into())),
            other => {
                return Err(invalid(format!(
                    "unsupported scheme `{other}`, expected redis"
                )))
            }
        }
        let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
        if host.is_empty() || host.starts_with('/') || host.starts_with(':') {
            return Err(invalid("no host".into()));
        }
        let client = redis::Client::open(url).map_err(|e| invalid(e.to_string()))?;
        let prefix = opts.prefix.clone();
        let link = RedisLink::new(client, Arc::clone(&shown), opts);
        Ok(Self {
            link,
            prefix,
            url: shown,
        })
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }

    fn entry_key(&self, key: &str) -> String {
        format!("{}entry:{key}", self.prefix)
    }

    fn tag_prefix(&self) -> String {
        format!("{}tag:", self.prefix)
    }

    fn lock_key(&self, key: &str) -> String {
        format!("{}lock:{key}", self.prefix)
    }

    pub(crate) async fn get(&self, key: &str) -> Result<Option<Entry>> {
        let entry_key = self.entry_key(key);
        let mut c = cmd("GET");
        c.arg(&entry_key);
        match self.link.query(c).await? {
            Value::Nil => Ok(None),
            Value::BulkString(bytes) => Ok(self.decode_or_delete(entry_key, bytes)),
            other => Err(self.unexpected("GET", &other)),
        }
    }

    /// The entry and the revalidation times of its tags and of `soft_tags`.
    pub(crate) async fn lookup(
        &self,
        key: &str,
        soft_tags: &[&str],
    ) -> Result<Option<(Entry, Vec<Option<u64>>)>> {
        let entry_key = self.entry_key(key);
        let tag_prefix = self.tag_prefix();
        let mut args: Vec<&[u8]> = vec![tag_prefix.as_bytes()];
        args.extend(soft_tags.iter().map(|t| t.as_bytes()));
        let (by_sha, by_source) = LOOKUP.cmds(&[entry_key.as_bytes()], &args);
        let value = self.link.query_or(by_sha, Some(by_source)).await?;
        let Value::Array(mut parts) = value else {
            return match value {
                Value::Nil => Ok(None),
                other => Err(self.unexpected("lookup", &other)),
            };
        };
        let times = match parts.pop() {
            Some(Value::Array(times)) => times.iter().map(timestamp).collect(),
            _ => Vec::new(),
        };
        match parts.pop() {
            Some(Value::BulkString(bytes)) => {
                Ok(self.decode_or_delete(entry_key, bytes).map(|e| (e, times)))
            }
            Some(other) => Err(self.unexpected("lookup", &other)),
            None => Ok(None),
        }
    }

    fn decode_or_delete(&self, entry_key: String, bytes: Vec<u8>) -> Option<Entry> {
        if let Ok((_, entry)) = decode(&Bytes::from(bytes)) {
            return Some(entry);
        }
        // Another format version or garbage: a miss, and it goes.
        let mut c = cmd("DEL");
        c.arg(entry_key);
        self.link.send_detached(c);
        None
    }

    pub(crate) async fn set(&self, key: &str, entry: &Entry, now_ms: u64) -> Result<()> {
        let mut c: Cmd;
        match entry.expires_at_ms() {
            Some(at) if at <= now_ms => {
                c = cmd("DEL");
                c.arg(self.entry_key(key));
            }
            expires => {
                c = cmd("SET");
                c.arg(self.entry_key(key)).arg(encode("", entry));
                if let Some(at) = expires {
                    c.arg("PX").arg(at - now_ms);
                }
            }
        }
        self.link.query(c).await.map(drop)
    }

    pub(crate) async fn delete(&self, key: &str) -> Result<()> {
        let mut c = cmd("DEL");
        c.arg(self.entry_key(key));
        self.link.query(c).await.map(drop)
    }

    pub(crate) async fn revalidate_tags(&self, tags: &[&str], now_ms: u64) -> Result<()> {
        if tags.is_empty() {
            return Ok(());
        }
        let prefix = self.tag_prefix();
        let keys: Vec<String> = tags.iter().map(|tag| format!("{prefix}{tag}")).collect();
        let keys: Vec<&[u8]> = keys.iter().map(String::as_bytes).collect();
        let now = now_ms.to_string();
        let (by_sha, by_source) = REVALIDATE.cmds(&keys, &[now.as_bytes()]);
        self.link.query_or(by_sha, Some(by_source)).await.map(drop)
    }

    pub(crate) async fn tags_revalidated_at(&self, tags: &[&str]) -> Result<Vec<Option<u64>>> {
        if tags.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = cmd("MGET");
        let prefix = self.tag_prefix();
        for tag in tags {
            c.arg(format!("{prefix}{tag}"));
        }
        match self.link.query(c).await? {
            Value::Array(times) => Ok(times.iter().map(timestamp).collect()),
            other => Err(self.unexpected("MGET", &other)),
        }
    }

    pub(crate) async fn try_lock(&self, key: &str, ttl: Duration) -> Result<Option<LockGuard>> {
        let lock_key = self.lock_key(key);
        let token = unique_token();
        let ttl_ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
        let mut c = cmd("SET");
        c.arg(&lock_key).arg(&token).arg("NX").arg("PX").arg(ttl_ms);
        match self.link.query(c).await? {
            Value::Okay => Ok(Some(LockGuard::redis(self.link.clone(), lock_key, token))),
            Value::Nil => Ok(None),
            other => Err(self.unexpected("SET NX", &other)),
        }
    }

    fn unexpected(&self, what: &str, value: &Value) -> CacheError {
        self.link
            .error(format!("unexpected answer to {what}: {value:?}"))
    }
}

impl RedisLink {
    pub(crate) async fn release_lock(&self, lock_key: String, token: String) -> Result<bool> {
        let (by_sha, by_source) = RELEASE.cmds(&[lock_key.as_bytes()], &[token.as_bytes()]);
        match self.query_or(by_sha, Some(by_source)).await? {
            Value::Int(n) => Ok(n > 0),
            other => Err(self.error(format!("unexpected answer to a lock release: {other:?}"))),
        }
    }

    /// The release of a dropped guard: `EVAL` (no `NOSCRIPT` fallback in a detached task).
    pub(crate) fn release_lock_detached(&self, lock_key: String, token: String) {
        let (_, by_source) = RELEASE.cmds(&[lock_key.as_bytes()], &[token.as_bytes()]);
        self.send_detached(by_source);
    }
}

fn timestamp(value: &Value) -> Option<u64> {
    match value {
        Value::BulkString(b) => std::str::from_utf8(b).ok()?.parse().ok(),
        Value::Int(n) => u64::try_from(*n).ok(),
        _ => None,
    }
}

/// The URL with its password (if any) replaced by `***`, for messages and logs.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    let user = userinfo.split_once(':').map_or("", |(u, _)| u);
    if userinfo.contains(':') {
        format!("{scheme}://{user}:***@{host}")
    } else {
        format!("{scheme}://***@{host}")
    }
}
