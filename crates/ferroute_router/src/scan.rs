//! Lists the files under an app directory: the only I/O this crate does.
//!
//! Private folders (`_x`) are not entered, since nothing below them is
//! routable. Symlinked folders are followed once (a canonical-path set stops
//! cycles). Only file names the router cares about are returned.

use std::{
    collections::HashSet,
    fs, io,
    path::{Path, PathBuf},
};

use crate::folder::{classify_file, is_private};

/// What listing found: paths relative to `app_dir`, and the folders that could not be read.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) failures: Vec<(PathBuf, io::Error)>,
}

/// Walks `app_dir`. Failure paths are relative to `app_dir` (empty = `app_dir` itself).
pub(crate) fn list(app_dir: &Path) -> Listing {
    let mut out = Listing::default();
    let mut visited = HashSet::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = app_dir.join(&rel);
        match fs::canonicalize(&dir) {
            Ok(real) => {
                if !visited.insert(real) {
                    continue;
                }
            }
            Err(e) => {
                out.failures.push((rel, e));
                continue;
            }
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                out.failures.push((rel, e));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    out.failures.push((rel.clone(), e));
                    continue;
                }
            };
            let name = entry.file_name();
            let child = rel.join(&name);
            // `metadata` follows symlinks, unlike `DirEntry::file_type`.
            let name = name.to_string_lossy();
            let meta = match fs::metadata(entry.path()) {
                Ok(meta) => meta,
                Err(e) => {
                    // A dangling symlink only matters if it would be a route file
                    // (editors leave dangling lock links such as `.#route.ts`).
                    if classify_file(&name).is_some() {
                        out.failures.push((child, e));
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                if !is_private(&name) {
                    stack.push(child);
                }
            } else if classify_file(&name).is_some() {
                out.files.push(child);
            }
        }
    }
    out.files.sort();
    out
}
