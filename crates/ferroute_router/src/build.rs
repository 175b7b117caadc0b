//! From a list of files under `app/` to routes plus a frozen trie, finding
//! every conflict between routes on the way (per-file checks are in `parse.rs`).
//!
//! Files are sorted first so that routes and diagnostics come out in the same
//! order on every machine. Conflicts are found while inserting into a mutable
//! builder trie that remembers which file introduced each edge; the trie used
//! for matching (`trie.rs`) is a compact copy without that bookkeeping.

use std::{
    collections::{hash_map::Entry, BTreeMap, HashMap, HashSet},
    path::{Path, PathBuf},
};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::{
    folder::FileRole,
    parse::{parse_file, pattern, shape_key, Candidate, Parsed},
    trie::{Node, Trie},
    Route, RouteError, RouteKind, Segment,
};

/// WHATWG "path percent-encode set": what a browser escapes in a path.
/// A static folder name is also matched in this spelling.
pub(crate) const PATH_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// Builds the routes (sorted by pattern, then file) and the trie that indexes them.
pub(crate) fn build(
    app_prefix: &Path,
    mut files: Vec<PathBuf>,
    metadata_ids: &dyn Fn(&Path) -> bool,
) -> Result<(Vec<Route>, Trie), Vec<RouteError>> {
    files.sort();
    files.dedup();
    let mut errors = Vec::new();
    let mut candidates = Vec::new();
    let mut pages: HashMap<String, PathBuf> = HashMap::new();
    // One file per folder, role and name: `route.ts` beside `route.js` is a duplicate,
    // `icon.tsx` beside `apple-icon.tsx` is not.
    let mut by_folder: HashMap<(PathBuf, FileRole, String), PathBuf> = HashMap::new();
    for rel in &files {
        match parse_file(app_prefix, rel, metadata_ids) {
            Parsed::Skip => {}
            // Several per folder (`icon.png`, `icon1.png`), each at its own URL.
            Parsed::Route {
                role: FileRole::MetadataFile,
                result,
                ..
            } => match result {
                Ok(candidate) => candidates.push(candidate),
                Err(e) => errors.extend(e),
            },
            Parsed::Page { file, segments } => {
                pages.entry(shape_key(&segments)).or_insert(file);
            }
            Parsed::Route { role, file, result } => {
                let folder = file.parent().map(Path::to_path_buf).unwrap_or_default();
                let stem = file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.split('.').next())
                    .unwrap_or_default()
                    .to_owned();
                match by_folder.entry((folder, role, stem)) {
                    Entry::Occupied(first) => errors.push(RouteError::DuplicateExtension {
                        first: first.get().clone(),
                        second: file,
                    }),
                    Entry::Vacant(slot) => {
                        slot.insert(file);
                        match result {
                            Ok(candidate) => candidates.push(candidate),
                            Err(e) => errors.extend(e),
                        }
                    }
                }
            }
        }
    }

    // User handlers first, so that they claim their URL before a metadata
    // convention file does (RES-18). The sort is stable: files stay sorted.
    candidates.sort_by_key(|c| c.kind != RouteKind::Handler);
    let mut builder = Builder {
        nodes: vec![BNode::default()],
        reported: HashSet::new(),
    };
    for index in 0..candidates.len() {
        builder.insert(&candidates, index, &mut errors);
    }
    builder.check_optional_overlap(&candidates, &mut errors);
    for c in candidates.iter().filter(|c| c.kind == RouteKind::Handler) {
        if let Some(page) = pages.get(&shape_key(&c.segments)) {
            errors.push(RouteError::PageConflict {
                url: pattern(&c.segments),
                route: c.file.clone(),
                page: page.clone(),
            });
        }
    }
    if errors.is_empty() {
        Ok(builder.freeze(candidates))
    } else {
        Err(errors)
    }
}

/// A dynamic edge or catch-all leaf, with the candidate and segment index that introduced it.
#[derive(Debug)]
struct Param {
    name: String,
    candidate: usize,
    depth: usize,
    /// The child node (dynamic edges only).
    child: usize,
}

#[derive(Debug, Default)]
struct BNode {
    statics: BTreeMap<String, usize>,
    dynamic: Option<Param>,
    catch_all: Option<Param>,
    optional: Option<Param>,
    route: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Dynamic,
    CatchAll,
    Optional,
}

struct Builder {
    nodes: Vec<BNode>,
    /// Slug mismatches already reported, so one bad folder gives one diagnostic.
    reported: HashSet<(usize, Slot, String)>,
}

impl Builder {
    fn insert(&mut self, cands: &[Candidate], index: usize, errors: &mut Vec<RouteError>) {
        let Some(c) = cands.get(index) else { return };
        let mut node = 0;
        for (depth, segment) in c.segments.iter().enumerate() {
            match segment {
                Segment::Static(name) => {
                    let next = self.nodes.len();
                    let child = *self.nodes[node].statics.entry(name.clone()).or_insert(next);
                    if child == next {
                        self.nodes.push(BNode::default());
                    }
                    node = child;
                }
                Segment::Dynamic(name) => {
                    let next = self.nodes.len();
                    let edge = self.nodes[node].dynamic.get_or_insert_with(|| Param {
                        name: name.clone(),
                        candidate: index,
                        depth,
                        child: next,
                    });
                    let (child, first, first_name) =
                        (edge.child, edge.candidate, edge.name.clone());
                    if child == next {
                        self.nodes.push(BNode::default());
                    } else if first_name != *name {
                        // Stop here: anything further would only be a follow-on error.
                        self.slug_mismatch(
                            cands,
                            (node, Slot::Dynamic),
                            (first, &first_name),
                            (index, depth),
                            errors,
                        );
                        return;
                    }
                    node = child;
                }
                Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                    let optional = matches!(segment, Segment::OptionalCatchAll(_));
                    self.insert_catch_all(cands, node, optional, (index, depth, name), errors);
                    return;
                }
            }
        }
        match self.nodes[node].route {
            None => self.nodes[node].route = Some(index),
            Some(existing) => {
                if let Some(winner) = settle(cands, existing, index, errors) {
                    self.nodes[node].route = Some(winner);
                }
            }
        }
    }

    fn insert_catch_all(
        &mut self,
        cands: &[Candidate],
        node: usize,
        optional: bool,
        (index, depth, name): (usize, usize, &str),
        errors: &mut Vec<RouteError>,
    ) {
        let n = &mut self.nodes[node];
        let (slot, other) = if optional {
            (&mut n.optional, &n.catch_all)
        } else {
            (&mut n.catch_all, &n.optional)
        };
        if let Some(other) = other {
            let (req, opt) = if optional {
                ((other.candidate, other.depth), (index, depth))
            } else {
                ((index, depth), (other.candidate, other.depth))
            };
            let key = (node, Slot::Optional, String::new());
            if self.reported.insert(key) {
                errors.push(RouteError::CatchAllConflict {
                    required: file_of(cands, req.0),
                    optional: file_of(cands, opt.0),
                    required_dir: dir_of(cands, req),
                    optional_dir: dir_of(cands, opt),
                });
            }
            return;
        }
        match slot {
            None => {
                *slot = Some(Param {
                    name: name.to_owned(),
                    candidate: index,
                    depth,
                    child: 0,
                })
            }
            Some(leaf) if leaf.name != name => {
                let (first, first_name) = (leaf.candidate, leaf.name.clone());
                let which = if optional {
                    Slot::Optional
                } else {
                    Slot::CatchAll
                };
                self.slug_mismatch(
                    cands,
                    (node, which),
                    (first, &first_name),
                    (index, depth),
                    errors,
                );
            }
            Some(leaf) => {
                if let Some(winner) = settle(cands, leaf.candidate, index, errors) {
                    leaf.candidate = winner;
                }
            }
        }
    }

    fn slug_mismatch(
        &mut self,
        cands: &[Candidate],
        (node, slot): (usize, Slot),
        (first, first_name): (usize, &str),
        (second, depth): (usize, usize),
        errors: &mut Vec<RouteError>,
    ) {
        let Some(c) = cands.get(second) else { return };
        let Some(segment) = c.segments.get(depth) else {
            return;
        };
        let second_name = segment.param_name().unwrap_or_default().to_owned();
        if !self.reported.insert((node, slot, second_name.clone())) {
            return;
        }
        let rename_from = dir_of(cands, (second, depth));
        let renamed = match segment {
            Segment::CatchAll(_) => Segment::CatchAll(first_name.to_owned()),
            Segment::OptionalCatchAll(_) => Segment::OptionalCatchAll(first_name.to_owned()),
            Segment::Static(_) | Segment::Dynamic(_) => Segment::Dynamic(first_name.to_owned()),
        };
        errors.push(RouteError::SlugMismatch {
            first_name: first_name.to_owned(),
            second_name,
            first: file_of(cands, first),
            second: c.file.clone(),
            rename_to: rename_from.with_file_name(renamed.to_string()),
            rename_from,
        });
    }

    /// `/x` and `/x/[[...a]]` both match `/x` (Next.js refuses this too).
    fn check_optional_overlap(&self, cands: &[Candidate], errors: &mut Vec<RouteError>) {
        for node in &self.nodes {
            if let (Some(route), Some(optional)) = (node.route, &node.optional) {
                errors.push(RouteError::OptionalCatchAllOverlap {
                    url: cands
                        .get(route)
                        .map(|c| pattern(&c.segments))
                        .unwrap_or_default(),
                    route: file_of(cands, route),
                    optional: file_of(cands, optional.candidate),
                });
            }
        }
    }

    /// Copies the accepted routes into their final order and the trie into its compact form.
    fn freeze(self, cands: Vec<Candidate>) -> (Vec<Route>, Trie) {
        let mut accepted = vec![false; cands.len()];
        for node in &self.nodes {
            for c in [
                node.route,
                node.catch_all.as_ref().map(|p| p.candidate),
                node.optional.as_ref().map(|p| p.candidate),
            ]
            .into_iter()
            .flatten()
            {
                if let Some(slot) = accepted.get_mut(c) {
                    *slot = true;
                }
            }
        }
        let mut order: Vec<(usize, Route)> = cands
            .into_iter()
            .enumerate()
            .filter(|(i, _)| accepted.get(*i).copied().unwrap_or(false))
            .map(|(i, c)| {
                (
                    i,
                    Route {
                        pattern: pattern(&c.segments),
                        file: c.file,
                        kind: c.kind,
                        segments: c.segments,
                    },
                )
            })
            .collect();
        order.sort_by(|(_, a), (_, b)| (&a.pattern, &a.file).cmp(&(&b.pattern, &b.file)));
        let mut remap = HashMap::new();
        let routes = order
            .into_iter()
            .enumerate()
            .map(|(final_index, (candidate, route))| {
                remap.insert(candidate, final_index);
                route
            })
            .collect();
        let map = |c: Option<usize>| c.and_then(|c| remap.get(&c).copied());
        let nodes = self
            .nodes
            .into_iter()
            .map(|n| {
                let encoded: Vec<(Box<str>, usize)> = n
                    .statics
                    .iter()
                    .filter_map(|(name, &child)| {
                        let enc = utf8_percent_encode(name, PATH_SET).to_string();
                        (enc != *name).then(|| (enc.into_boxed_str(), child))
                    })
                    .collect();
                Node {
                    statics: n
                        .statics
                        .into_iter()
                        .map(|(k, v)| (k.into_boxed_str(), v))
                        .collect(),
                    encoded: encoded.into_boxed_slice(),
                    dynamic: n.dynamic.map(|p| p.child),
                    catch_all: map(n.catch_all.map(|p| p.candidate)),
                    optional_catch_all: map(n.optional.map(|p| p.candidate)),
                    route: map(n.route),
                }
            })
            .collect();
        (routes, Trie { nodes })
    }
}

/// Two files for one URL: a user handler silently beats a metadata
/// convention file (RES-18); anything else is a duplicate. Returns the winner
/// if it should replace `existing`.
fn settle(
    cands: &[Candidate],
    existing: usize,
    new: usize,
    errors: &mut Vec<RouteError>,
) -> Option<usize> {
    let kind = |i: usize| cands.get(i).map(|c| c.kind);
    let (old_kind, new_kind) = (kind(existing), kind(new));
    let handler = Some(RouteKind::Handler);
    if old_kind == handler && new_kind != handler {
        return None;
    }
    if old_kind != handler && new_kind == handler {
        return Some(new);
    }
    errors.push(RouteError::DuplicateRoute {
        url: cands
            .get(new)
            .map(|c| pattern(&c.segments))
            .unwrap_or_default(),
        first: file_of(cands, existing),
        second: file_of(cands, new),
    });
    None
}

fn file_of(cands: &[Candidate], index: usize) -> PathBuf {
    cands.get(index).map(|c| c.file.clone()).unwrap_or_default()
}

fn dir_of(cands: &[Candidate], (index, depth): (usize, usize)) -> PathBuf {
    cands
        .get(index)
        .and_then(|c| c.dirs.get(depth))
        .cloned()
        .unwrap_or_default()
}
