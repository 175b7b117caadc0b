//! The frozen segment trie that answers "which route serves this path?".
//!
//! Built once by `build.rs`, then only read. A lookup walks the raw path one
//! segment at a time, trying children in priority order (static, dynamic,
//! catch-all, optional catch-all) and backtracking when a branch dead-ends.
//! Recursion depth is bounded by the depth of the trie (catch-alls consume the
//! rest of the path without recursing), and a lookup allocates nothing.

/// Index of a node in [`Trie::nodes`]; node 0 is the root.
type NodeId = usize;
/// Index of a route in `RouteTable::routes`.
type RouteId = usize;

#[derive(Debug, Clone, Default)]
pub(crate) struct Node {
    /// Literal children, sorted by name for binary search.
    pub(crate) statics: Box<[(Box<str>, NodeId)]>,
    /// The percent-encoded spelling (as a browser sends it) of static names
    /// that contain non-ASCII or other characters a URL cannot hold raw.
    pub(crate) encoded: Box<[(Box<str>, NodeId)]>,
    pub(crate) dynamic: Option<NodeId>,
    pub(crate) catch_all: Option<RouteId>,
    pub(crate) optional_catch_all: Option<RouteId>,
    /// A route that ends exactly at this node.
    pub(crate) route: Option<RouteId>,
}

#[derive(Debug, Clone)]
pub(crate) struct Trie {
    pub(crate) nodes: Vec<Node>,
}

impl Trie {
    /// The route serving `raw_path`, if any. `raw_path` must start with `/`.
    pub(crate) fn find(&self, raw_path: &str) -> Option<RouteId> {
        let rest = raw_path.strip_prefix('/')?;
        let rest = if rest.is_empty() { None } else { Some(rest) };
        self.walk(0, rest)
    }

    /// `rest` is the unmatched remainder: `None` at the end of the path,
    /// otherwise the text after the `/` that ended the previous segment.
    fn walk(&self, id: NodeId, rest: Option<&str>) -> Option<RouteId> {
        let node = self.nodes.get(id)?;
        let Some(rest) = rest else {
            return node.route.or(node.optional_catch_all);
        };
        let (segment, tail) = first_segment(rest);
        if let Some(child) = node.static_child(segment) {
            if let Some(found) = self.walk(child, tail) {
                return Some(found);
            }
        }
        if let Some(child) = node.dynamic {
            if !segment.is_empty() {
                if let Some(found) = self.walk(child, tail) {
                    return Some(found);
                }
            }
        }
        let catch_all = node.catch_all.or(node.optional_catch_all);
        if catch_all.is_some() && no_empty_segment(rest) {
            return catch_all;
        }
        None
    }
}

impl Node {
    fn static_child(&self, segment: &str) -> Option<NodeId> {
        if let Ok(i) = self
            .statics
            .binary_search_by(|(name, _)| (**name).cmp(segment))
        {
            return self.statics.get(i).map(|&(_, child)| child);
        }
        if self.encoded.is_empty() || !segment.contains('%') {
            return None;
        }
        self.encoded
            .iter()
            .find(|(name, _)| eq_escapes_ignore_case(name, segment))
            .map(|&(_, child)| child)
    }
}

/// Byte equality, except that hex digits after a `%` compare case-insensitively
/// (`caf%C3%A9` == `caf%c3%a9`), while the rest stays case-sensitive.
pub(crate) fn eq_escapes_ignore_case(encoded: &str, raw: &str) -> bool {
    let (a, b) = (encoded.as_bytes(), raw.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut hex_left = 0u8;
    for (&x, &y) in a.iter().zip(b) {
        let same = if hex_left > 0 {
            hex_left -= 1;
            x.eq_ignore_ascii_case(&y)
        } else {
            if x == b'%' {
                hex_left = 2;
            }
            x == y
        };
        if !same {
            return false;
        }
    }
    true
}

/// A catch-all needs at least one segment and never binds an empty one.
fn no_empty_segment(rest: &str) -> bool {
    !rest.is_empty() && !rest.starts_with('/') && !rest.ends_with('/') && !rest.contains("//")
}

/// The first `/`-separated segment of `rest` and what follows its `/` (`None` when no `/`
/// does), with a byte search: segments are short, and a `char` pattern (`split`,
/// `split_once`) sets up a searcher each time.
pub(crate) fn first_segment(rest: &str) -> (&str, Option<&str>) {
    match rest.bytes().position(|b| b == b'/') {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    }
}
