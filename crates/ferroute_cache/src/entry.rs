//! What a cache entry is, and its one byte encoding, shared by every store (a file, a Redis
//! value): so that `ferroute build` can write entries that `start` reads whatever the store.
//!
//! Layout (integers little-endian):
//!
//! ```text
//! version u8 (= 1) | key_len u32 | key | meta_len u32 | meta (JSON) | body_len u64 | body | crc32 u32
//! ```
//!
//! The key is written by the file-system store (a file name is a hash: the key read back
//! proves the file belongs to it) and left empty elsewhere. The CRC covers every byte before it.
//! Anything that does not decode — unknown version, truncated, bad checksum, bad JSON — is a
//! [`DecodeError`], which the stores turn into a miss.

use bytes::Bytes;
use serde::{Deserialize, Serialize};

/// The version byte written first; a file or value with another version is a miss.
pub const FORMAT_VERSION: u8 = 1;

/// What produced an entry, as Next.js's cache kinds (`APP_ROUTE`, `FETCH`, `unstable_cache`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A route handler's whole response (static or ISR).
    #[default]
    Route,
    /// A `fetch()` response of the data cache.
    Fetch,
    /// The value of an `unstable_cache` function.
    UnstableCache,
}

/// Everything about an entry except its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EntryMeta {
    /// What produced the entry.
    pub kind: EntryKind,
    /// The response status (200 for values that have none).
    pub status: u16,
    /// Response headers in order, repeats kept (several `set-cookie`).
    pub headers: Vec<(String, String)>,
    /// Tags, explicit and implicit (`_N_T_/…`).
    pub tags: Vec<String>,
    /// Seconds after which the entry is stale; `None`: never (`revalidate = false`).
    pub revalidate: Option<u64>,
    /// Seconds after `last_modified_ms` after which the entry is gone; `None`: kept.
    pub expire: Option<u64>,
    /// When the entry was generated, in milliseconds since the Unix epoch.
    pub last_modified_ms: u64,
}

/// A cached response or value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The body bytes, whole.
    pub body: Bytes,
    /// Status, headers, tags and times.
    pub meta: EntryMeta,
}

impl Entry {
    /// The millisecond at which the entry expires (`last_modified_ms + expire`), if it does.
    #[must_use]
    pub fn expires_at_ms(&self) -> Option<u64> {
        self.meta.expire.map(|s| {
            self.meta
                .last_modified_ms
                .saturating_add(s.saturating_mul(1000))
        })
    }

    /// Whether the entry has expired at `now_ms` (Next's `expire`: no longer served, even stale).
    #[must_use]
    pub fn is_expired(&self, now_ms: u64) -> bool {
        self.expires_at_ms().is_some_and(|at| now_ms >= at)
    }

    /// Whether the entry is stale at `now_ms` (older than `revalidate`), to be regenerated.
    #[must_use]
    pub fn is_stale(&self, now_ms: u64) -> bool {
        self.meta.revalidate.is_some_and(|s| {
            now_ms
                >= self
                    .meta
                    .last_modified_ms
                    .saturating_add(s.saturating_mul(1000))
        })
    }

    /// An approximation of the memory the entry holds, for the memory store's byte bound.
    #[must_use]
    pub fn size_bytes(&self) -> usize {
        let headers: usize = self
            .meta
            .headers
            .iter()
            .map(|(n, v)| n.len() + v.len() + 48)
            .sum();
        let tags: usize = self.meta.tags.iter().map(|t| t.len() + 24).sum();
        self.body.len() + headers + tags + 128
    }
}

/// Why bytes are not an entry. Stores treat every case as a miss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The first byte is not [`FORMAT_VERSION`] (or there is none).
    Version(Option<u8>),
    /// The bytes end before a length says they should.
    Truncated,
    /// Bytes after the checksum.
    TrailingBytes,
    /// The checksum does not match.
    Checksum,
    /// The key is not UTF-8, or the metadata is not the JSON of an [`EntryMeta`].
    Meta(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Version(Some(v)) => write!(f, "unknown entry format version {v}"),
            Self::Version(None) => f.write_str("empty entry"),
            Self::Truncated => f.write_str("truncated entry"),
            Self::TrailingBytes => f.write_str("bytes after the entry's checksum"),
            Self::Checksum => f.write_str("entry checksum mismatch"),
            Self::Meta(e) => write!(f, "bad entry metadata: {e}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Encodes `entry` (with `key`, empty when the store needs no proof of ownership).
#[must_use]
pub fn encode(key: &str, entry: &Entry) -> Vec<u8> {
    // Serialising a struct of strings and integers cannot fail.
    let meta = serde_json::to_vec(&entry.meta).unwrap_or_default();
    let mut out = Vec::with_capacity(1 + 4 + key.len() + 4 + meta.len() + 8 + entry.body.len() + 4);
    out.push(FORMAT_VERSION);
    push_len32(&mut out, key.len());
    out.extend_from_slice(key.as_bytes());
    push_len32(&mut out, meta.len());
    out.extend_from_slice(&meta);
    out.extend_from_slice(&(entry.body.len() as u64).to_le_bytes());
    out.extend_from_slice(&entry.body);
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

fn push_len32(out: &mut Vec<u8>, len: usize) {
    // Keys and metadata over 4 GiB are not a thing a route produces; saturate rather than wrap.
    let len = u32::try_from(len).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_le_bytes());
}

/// Decodes bytes written by [`encode`]: the key and the entry. The body shares `bytes`.
///
/// # Errors
/// Any [`DecodeError`]; never panics on any input.
pub fn decode(bytes: &Bytes) -> Result<(String, Entry), DecodeError> {
    let version = bytes.first().copied();
    if version != Some(FORMAT_VERSION) {
        return Err(DecodeError::Version(version));
    }
    if bytes.len() < 4 {
        return Err(DecodeError::Truncated);
    }
    let (data, crc) = bytes.split_at(bytes.len() - 4);
    let mut r = Reader { data, pos: 1 };
    let key_len = r.u32()? as usize;
    let key = r.take(key_len)?;
    let meta_len = r.u32()? as usize;
    let meta = r.take(meta_len)?;
    let body_len = usize::try_from(r.u64()?).map_err(|_| DecodeError::Truncated)?;
    let body_start = r.pos;
    r.take(body_len)?;
    if r.pos != data.len() {
        return Err(DecodeError::TrailingBytes);
    }
    let crc = u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]);
    if crc32fast::hash(data) != crc {
        return Err(DecodeError::Checksum);
    }
    let key = std::str::from_utf8(key)
        .map_err(|e| DecodeError::Meta(e.to_string()))?
        .to_owned();
    let meta: EntryMeta =
        serde_json::from_slice(meta).map_err(|e| DecodeError::Meta(e.to_string()))?;
    let body = bytes.slice(body_start..body_start + body_len);
    Ok((key, Entry { body, meta }))
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).ok_or(DecodeError::Truncated)?;
        let slice = self.data.get(self.pos..end).ok_or(DecodeError::Truncated)?;
        self.pos = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, DecodeError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, DecodeError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

/// Whether an entry generated at `last_modified_ms` is invalidated by tags revalidated at
/// `revalidated_at` (one per tag, `None` for a tag never revalidated).
///
/// As Next.js's tags manifest: stale when any tag was revalidated at or after the entry's
/// `lastModified` (`revalidatedAt >= lastModified`): an entry generated in the same millisecond
/// as a revalidation may predate it, so it is regenerated.
#[must_use]
pub fn revalidated_by_tags(last_modified_ms: u64, revalidated_at: &[Option<u64>]) -> bool {
    revalidated_at
        .iter()
        .flatten()
        .any(|&at| at >= last_modified_ms)
}
