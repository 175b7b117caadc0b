//! Next.js path canonicalisation with `trailingSlash: false` (TS-01).
//!
//! Runs before routing; when it returns a path the server answers 308 to it
//! (keeping the query string) instead of matching.

/// The path Next.js would redirect `raw_path` to, if any.
///
/// - A path containing `//` or `\` → the path with every run of `/` and `\`
///   collapsed to one `/` (a trailing slash survives this step:
///   `/basic//` → `/basic/`, which then redirects again to `/basic`).
/// - Otherwise a path ending in `/`, other than `/` itself → without it.
/// - Otherwise `None`.
///
/// ```
/// use ferroute_router::canonical_redirect;
/// assert_eq!(canonical_redirect("/basic/").as_deref(), Some("/basic"));
/// assert_eq!(canonical_redirect("/basic//").as_deref(), Some("/basic/"));
/// assert_eq!(canonical_redirect("/a\\b").as_deref(), Some("/a/b"));
/// assert_eq!(canonical_redirect("/"), None);
/// assert_eq!(canonical_redirect("/basic"), None);
/// ```
#[must_use]
pub fn canonical_redirect(raw_path: &str) -> Option<String> {
    if has_slash_run(raw_path) {
        let mut out = String::with_capacity(raw_path.len());
        let mut in_run = false;
        for c in raw_path.chars() {
            if c == '/' || c == '\\' {
                if !in_run {
                    out.push('/');
                }
                in_run = true;
            } else {
                out.push(c);
                in_run = false;
            }
        }
        return Some(out);
    }
    if raw_path.len() > 1 && raw_path.ends_with('/') {
        return Some(raw_path[..raw_path.len() - 1].to_owned());
    }
    None
}

/// Whether `path` holds a backslash or two slashes in a row (which `canonical_redirect`
/// collapses): one pass over the bytes, no substring search.
#[must_use]
pub fn has_slash_run(path: &str) -> bool {
    let mut after_slash = false;
    for &b in path.as_bytes() {
        if b == b'\\' || (b == b'/' && after_slash) {
            return true;
        }
        after_slash = b == b'/';
    }
    false
}
