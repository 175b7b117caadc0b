use std::path::{Path, PathBuf};

use super::{Changes, Watcher};

/// The changes a batch of events on `paths` (relative to a project that does not exist on
/// disk, so nothing is a folder) makes; `structural` as the event said.
fn changes(paths: &[&str], structural: bool) -> Changes {
    let root = Path::new("/nonexistent-ferroute-project");
    let mut watcher = Watcher { inner: None };
    let mut c = Changes::default();
    c.add(
        root,
        paths.iter().map(|p| root.join(p)).collect(),
        structural,
        &mut watcher,
    );
    c
}

fn files(c: &Changes) -> Vec<PathBuf> {
    let root = Path::new("/nonexistent-ferroute-project");
    c.files
        .iter()
        .map(|f| f.strip_prefix(root).unwrap_or(f).to_path_buf())
        .collect()
}

#[test]
fn dependencies_version_control_and_our_output_are_ignored() {
    let c = changes(
        &[
            "node_modules/zod/index.js",
            "packages/a/node_modules/x/index.js",
            ".git/index",
            ".ferroute/cache/entries/ab",
            ".next/trace",
        ],
        true,
    );
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn config_env_and_resolution_files_are_classified() {
    let c = changes(&[".env.development.local"], false);
    assert!(c.env && !c.config && !c.resolution);
    let c = changes(&["next.config.mjs"], false);
    assert!(c.config && !c.env);
    for f in ["tsconfig.json", "jsconfig.json", "package.json"] {
        assert!(changes(&[f], false).resolution, "{f}");
    }
}

#[test]
fn only_files_that_can_change_what_is_served_count() {
    let c = changes(
        &[
            "out.log",
            "notes.md",
            "lib/.route.ts.swp",
            "lib/x.ts",
            "app/icon.png",
            "public/a.txt",
            "middleware.ts",
        ],
        false,
    );
    assert_eq!(
        files(&c),
        ["lib/x.ts", "app/icon.png", "public/a.txt", "middleware.ts"].map(PathBuf::from)
    );
}

#[test]
fn a_content_change_reuses_the_route_table_unless_a_sitemap_changed() {
    assert!(!changes(&["app/a/route.ts"], false).structural);
    assert!(changes(&["app/a/route.ts"], true).structural);
    assert!(changes(&["app/sitemap.ts"], false).structural);
}
