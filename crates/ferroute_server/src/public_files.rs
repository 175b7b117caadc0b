//! The `public/` folder, served as `next start` serves it (behaviour.md §15 and our probes
//! of Next.js 15.5.29, `docs/compat.md`).
//!
//! The list of files is made once, at start-up (symlinks followed, as Next's
//! `recursiveReadDir`): a file added later is not served (404), one removed or replaced by a
//! folder gets 400 (Next's answer to any error of its static file server). What a listed
//! file holds is read on every request, so an edit is seen at once. A public file wins over
//! a route handler at the same URL. Only listed files are ever opened: `..`, `%2e%2e` and
//! folders never match one, which is how traversal is refused.
//!
//! Headers follow Next's `send`: `Cache-Control: public, max-age=0`, a weak ETag
//! `W/"<size hex>-<mtime ms hex>"`, `Last-Modified`, `Accept-Ranges: bytes`; 304 for a
//! fresh `If-None-Match`/`If-Modified-Since`, 412 for a failed `If-Match`/
//! `If-Unmodified-Since`, 206 for one byte range (several: the whole file), 416 when none
//! can be satisfied; GET and HEAD only (405, and 400 for OPTIONS, both with `Allow`).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use ferroute_runtime::ResponseBody;
use http::{header, HeaderMap, HeaderValue, Method, Response, StatusCode};

#[cfg(test)]
mod tests;

/// The files of `public/`, by the URL path Next matches them with.
#[derive(Debug, Default)]
pub(crate) struct PublicFiles {
    /// `/a/b%20c.txt` (each segment as `encodeURIComponent` writes it) → the file.
    by_url: HashMap<String, PathBuf>,
}

impl PublicFiles {
    /// Lists `<root>/public` (no folder: no files).
    ///
    /// # Errors
    /// A folder under `public/` that cannot be read (Next.js stops its start too).
    pub(crate) fn scan(root: &Path) -> Result<Self, (PathBuf, io::Error)> {
        let dir = root.join("public");
        let mut by_url = HashMap::new();
        if !dir.is_dir() {
            return Ok(Self { by_url });
        }
        let mut seen = HashSet::new();
        let mut stack = vec![(dir, String::new())];
        while let Some((folder, url)) = stack.pop() {
            let real = fs::canonicalize(&folder).map_err(|e| (folder.clone(), e))?;
            if !seen.insert(real) {
                continue;
            }
            for entry in fs::read_dir(&folder).map_err(|e| (folder.clone(), e))? {
                let entry = entry.map_err(|e| (folder.clone(), e))?;
                let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                    continue;
                };
                let path = entry.path();
                let child = format!("{url}/{}", encode_component(&name));
                // `metadata` follows symlinks; a dangling one is skipped, as Next does.
                match fs::metadata(&path) {
                    Ok(m) if m.is_dir() => stack.push((path, child)),
                    Ok(_) => {
                        by_url.insert(child, path);
                    }
                    Err(_) => {}
                }
            }
        }
        Ok(Self { by_url })
    }

    /// The file serving `raw_path` (as received, before `.`/`..` are resolved): Next tries
    /// the path as it is, then `decodeURIComponent` of it, then it re-encoded.
    pub(crate) fn lookup(&self, raw_path: &str) -> Option<&Path> {
        if self.by_url.is_empty() {
            return None;
        }
        if let Some(p) = self.by_url.get(raw_path) {
            return Some(p);
        }
        // Both other spellings equal the path itself (already tried) unless it holds a `%`
        // or a character `encodeURIComponent` escapes: no allocation for ordinary routes.
        if raw_path.contains('%') {
            if let Some(p) =
                ferroute_router::decode_component(raw_path).and_then(|d| self.by_url.get(&d))
            {
                return Some(p);
            }
        }
        let plain = |b: &u8| b.is_ascii_alphanumeric() || b"/-_.!~*'()".contains(b);
        if raw_path.bytes().all(|b| plain(&b)) {
            return None;
        }
        let encoded: Vec<String> = raw_path.split('/').map(encode_component).collect();
        self.by_url.get(&encoded.join("/")).map(PathBuf::as_path)
    }
}

/// The answer for a request to a public file, or None when `raw_path` names none. Decided
/// without awaiting (a request that names no file pays for one map lookup); only reading
/// the file is a future.
pub(crate) fn serve<B>(
    files: &PublicFiles,
    req: &http::Request<B>,
) -> Option<impl std::future::Future<Output = Response<ResponseBody>>> {
    serve_at(files, req.uri().path(), req)
}

/// [`serve`] for the file at `raw_path` instead of the request's path (a middleware
/// rewrite's destination).
pub(crate) fn serve_at<B>(
    files: &PublicFiles,
    raw_path: &str,
    req: &http::Request<B>,
) -> Option<impl std::future::Future<Output = Response<ResponseBody>>> {
    let path = files.lookup(raw_path)?.to_path_buf();
    let head_only = match *req.method() {
        Method::GET => Ok(false),
        Method::HEAD => Ok(true),
        Method::OPTIONS => Err(refused(StatusCode::BAD_REQUEST, "")),
        _ => Err(refused(
            StatusCode::METHOD_NOT_ALLOWED,
            "405: Method Not Allowed",
        )),
    };
    let conditions = Conditions::from(req.headers());
    Some(async move {
        let head_only = match head_only {
            Ok(h) => h,
            Err(refusal) => return refusal,
        };
        // Off the worker's thread: a slow disk must not stall its other connections.
        tokio::task::spawn_blocking(move || respond(&path, &conditions, head_only))
            .await
            .unwrap_or_else(|_| error_page(StatusCode::INTERNAL_SERVER_ERROR))
    })
}

/// The request headers `send` looks at.
#[derive(Debug, Default)]
struct Conditions {
    if_match: Option<String>,
    if_unmodified_since: Option<SystemTime>,
    if_none_match: Option<String>,
    if_modified_since: Option<SystemTime>,
    no_cache: bool,
    range: Option<String>,
    if_range: Option<String>,
}

impl From<&HeaderMap> for Conditions {
    fn from(h: &HeaderMap) -> Self {
        let text =
            |name: header::HeaderName| h.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let date =
            |name: header::HeaderName| text(name).and_then(|v| httpdate::parse_http_date(&v).ok());
        Self {
            if_match: text(header::IF_MATCH),
            if_unmodified_since: date(header::IF_UNMODIFIED_SINCE),
            if_none_match: text(header::IF_NONE_MATCH),
            if_modified_since: date(header::IF_MODIFIED_SINCE),
            no_cache: text(header::CACHE_CONTROL).is_some_and(|v| {
                v.split(',')
                    .any(|d| d.trim().eq_ignore_ascii_case("no-cache"))
            }),
            range: text(header::RANGE),
            if_range: text(header::IF_RANGE),
        }
    }
}

/// Reads `path` and answers as `send` does.
fn respond(path: &Path, c: &Conditions, head_only: bool) -> Response<ResponseBody> {
    let dotfile = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let Ok(mut file) = fs::File::open(path) else {
        return error_page(StatusCode::BAD_REQUEST);
    };
    let meta = match file.metadata() {
        Ok(m) if m.is_file() && !dotfile => m,
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    let size = meta.len();
    let modified = meta.modified().unwrap_or(UNIX_EPOCH);
    let mtime_ms = modified
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    // HTTP dates have whole seconds: compare at that precision.
    let modified_secs =
        httpdate::parse_http_date(&httpdate::fmt_http_date(modified)).unwrap_or(modified);
    let etag = format!("W/\"{size:x}-{mtime_ms:x}\"");
    let mut headers = HeaderMap::new();
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=0"),
    );
    if let Ok(v) = HeaderValue::from_str(&httpdate::fmt_http_date(modified)) {
        headers.insert(header::LAST_MODIFIED, v);
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, v);
    }

    if precondition_failed(c, &etag, modified_secs) {
        return error_page(StatusCode::PRECONDITION_FAILED);
    }
    if (c.if_none_match.is_some() || c.if_modified_since.is_some())
        && fresh(c, &etag, modified_secs)
    {
        let mut res = Response::new(ResponseBody::Empty);
        *res.status_mut() = StatusCode::NOT_MODIFIED;
        *res.headers_mut() = headers;
        return res;
    }
    let content_type = content_type(path);
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    let mut status = StatusCode::OK;
    let mut span = (0, size);
    if let Some(range) = c
        .range
        .as_deref()
        .filter(|r| r.trim_start().starts_with("bytes="))
    {
        let range_fresh = c.if_range.as_deref().is_none_or(|ir| {
            if ir.contains('"') {
                ir.contains(&etag)
            } else {
                httpdate::parse_http_date(ir).is_ok_and(|d| modified_secs <= d)
            }
        });
        match parse_range(size, range) {
            _ if !range_fresh => {}
            RangeAnswer::Unsatisfiable => {
                let mut res = error_page(StatusCode::RANGE_NOT_SATISFIABLE);
                if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
                    res.headers_mut().insert(header::CONTENT_RANGE, v);
                }
                return res;
            }
            RangeAnswer::One(start, end) => {
                status = StatusCode::PARTIAL_CONTENT;
                span = (start, end - start + 1);
                if let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{end}/{size}")) {
                    headers.insert(header::CONTENT_RANGE, v);
                }
            }
            RangeAnswer::Whole => {}
        }
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(span.1));
    let body = if head_only || span.1 == 0 {
        ResponseBody::Empty
    } else {
        match read_span(&mut file, span) {
            Ok(bytes) => ResponseBody::full(bytes),
            Err(_) => return error_page(StatusCode::BAD_REQUEST),
        }
    };
    let mut res = Response::new(body);
    *res.status_mut() = status;
    *res.headers_mut() = headers;
    res
}

fn read_span(file: &mut fs::File, (start, len): (u64, u64)) -> io::Result<Bytes> {
    file.seek(SeekFrom::Start(start))?;
    let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(len).read_to_end(&mut buf)?;
    if buf.len() as u64 != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Bytes::from(buf))
}

/// `If-Match` naming no current ETag, or `If-Unmodified-Since` before the file's date.
fn precondition_failed(c: &Conditions, etag: &str, modified: SystemTime) -> bool {
    if let Some(m) = c.if_match.as_deref() {
        return m.trim() != "*" && !etag_listed(m, etag);
    }
    c.if_unmodified_since.is_some_and(|d| modified > d)
}

/// Whether the client's copy is current (the `fresh` package: `Cache-Control: no-cache`
/// never is; the ETag test, then the date test, must both pass where given).
fn fresh(c: &Conditions, etag: &str, modified: SystemTime) -> bool {
    if c.no_cache {
        return false;
    }
    if let Some(m) = c.if_none_match.as_deref() {
        if m.trim() != "*" && !etag_listed(m, etag) {
            return false;
        }
    }
    c.if_modified_since.is_none_or(|d| modified <= d)
}

/// A comma-separated ETag list holding `etag`, compared weakly.
fn etag_listed(list: &str, etag: &str) -> bool {
    let bare = etag.strip_prefix("W/").unwrap_or(etag);
    list.split(',')
        .map(str::trim)
        .any(|m| m.strip_prefix("W/").unwrap_or(m) == bare)
}

#[derive(Debug, PartialEq, Eq)]
enum RangeAnswer {
    /// No usable range: the whole file (several ranges, or a header without `=`).
    Whole,
    /// One range, both ends inclusive.
    One(u64, u64),
    /// 416.
    Unsatisfiable,
}

/// `Range: bytes=…` as the `range-parser` package reads it with `combine: true`.
fn parse_range(size: u64, header: &str) -> RangeAnswer {
    let Some((_, spec)) = header.split_once('=') else {
        return RangeAnswer::Whole;
    };
    let mut ranges: Vec<(u64, u64)> = Vec::new();
    for part in spec.split(',') {
        let (a, b) = part.split_once('-').unwrap_or((part, ""));
        let (start, end) = match (parse_int(a), parse_int(b)) {
            (None, Some(n)) => (size.checked_sub(n), size.checked_sub(1)),
            (Some(s), None) => (Some(s), size.checked_sub(1)),
            (Some(s), Some(e)) => (Some(s), Some(e.min(size.saturating_sub(1)))),
            (None, None) => (None, None),
        };
        match (start, end) {
            (Some(s), Some(e)) if s <= e && size > 0 => ranges.push((s, e)),
            _ => {}
        }
    }
    ranges.sort_unstable();
    let mut combined: Vec<(u64, u64)> = Vec::new();
    for (s, e) in ranges {
        match combined.last_mut() {
            Some(last) if s <= last.1.saturating_add(1) => last.1 = last.1.max(e),
            _ => combined.push((s, e)),
        }
    }
    match combined.as_slice() {
        [] => RangeAnswer::Unsatisfiable,
        [(s, e)] => RangeAnswer::One(*s, *e),
        _ => RangeAnswer::Whole,
    }
}

/// JavaScript's `parseInt(s, 10)` for what a range can hold: leading spaces, then digits.
fn parse_int(s: &str) -> Option<u64> {
    let s = s.trim_start();
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.get(..end).filter(|d| !d.is_empty())?.parse().ok()
}

/// The content type `send` gives: its MIME table, `; charset=UTF-8` on text,
/// JavaScript and JSON, `application/octet-stream` when the extension is unknown.
pub(crate) fn content_type(path: &Path) -> String {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let mime = match ext.as_str() {
        // Where mime@1.6 (send's) and mime_guess disagree on a common extension.
        "js" | "mjs" => "application/javascript".to_owned(),
        "xml" => "application/xml".to_owned(),
        "rtf" => "application/rtf".to_owned(),
        _ => mime_guess::from_ext(&ext)
            .first_raw()
            .unwrap_or("application/octet-stream")
            .to_owned(),
    };
    if mime.starts_with("text/") || mime == "application/javascript" || mime == "application/json" {
        format!("{mime}; charset=UTF-8")
    } else {
        mime
    }
}

/// 405 and 400 (OPTIONS) with `Allow`, as Next's router answers other methods.
fn refused(code: StatusCode, title: &str) -> Response<ResponseBody> {
    let mut res = if title.is_empty() {
        let mut res = Response::new(ResponseBody::Empty);
        *res.status_mut() = code;
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
        res
    } else {
        error_page(code)
    };
    let h = res.headers_mut();
    h.append(header::ALLOW, HeaderValue::from_static("GET"));
    h.append(header::ALLOW, HeaderValue::from_static("HEAD"));
    res
}

const NO_STORE: &str = "private, no-cache, no-store, max-age=0, must-revalidate";

/// Next renders its error page for what its static file server refuses (our own page).
fn error_page(code: StatusCode) -> Response<ResponseBody> {
    let title = format!(
        "{}: {}",
        code.as_u16(),
        code.canonical_reason().unwrap_or("Error")
    );
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1></body></html>"
    );
    let mut res = Response::new(ResponseBody::full(Bytes::from(html)));
    *res.status_mut() = code;
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}

/// Characters `encodeURIComponent` keeps.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// `s` as `encodeURIComponent` writes it.
pub(crate) fn encode_component(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, COMPONENT).to_string()
}
