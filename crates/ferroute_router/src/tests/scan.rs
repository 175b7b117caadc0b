//! `RouteTable::scan` over real directories in the system temp dir.

use std::{
    fs,
    path::{Path, PathBuf},
    sync::atomic::{AtomicUsize, Ordering},
};

use crate::{Match, RouteError, RouteTable};

/// A temp project directory, removed on drop.
struct Project(PathBuf);

impl Project {
    fn new(files: &[&str]) -> Project {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let root =
            std::env::temp_dir().join(format!("ferroute_router_scan_{}_{n}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for file in files {
            let path = root.join(file);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).expect("create test dir");
            }
            fs::write(&path, "export function GET() {}\n").expect("write test file");
        }
        fs::create_dir_all(&root).expect("create test root");
        Project(root)
    }

    fn root(&self) -> &Path {
        &self.0
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn files(table: &RouteTable) -> Vec<String> {
    table
        .routes()
        .iter()
        .map(|r| format!("{} {}", r.pattern, r.file.display()))
        .collect()
}

#[test]
fn scans_app_dir_relative_to_root() {
    let p = Project::new(&[
        "app/route.ts",
        "app/items/[slug]/route.ts",
        "app/items/[slug]/util.ts",
        "app/(g)/grouped/route.js",
        "app/_private/route.ts",
        "app/_private/[broken/route.ts",
        "app/%5Funder/route.ts",
        "app/sitemap.ts",
        "app/about/page.tsx",
        "app/.well-known/security.txt/route.ts",
        "node_modules/x/app/route.ts",
    ]);
    let table = RouteTable::scan(p.root(), &p.root().join("app")).expect("valid app");
    assert_eq!(
        files(&table),
        [
            "/ app/route.ts",
            "/.well-known/security.txt app/.well-known/security.txt/route.ts",
            "/_under app/%5Funder/route.ts",
            "/grouped app/(g)/grouped/route.js",
            "/items/[slug] app/items/[slug]/route.ts",
            "/sitemap.xml app/sitemap.ts",
        ]
    );
    assert!(matches!(table.match_path("/items/x"), Match::Found { .. }));
}

#[test]
fn scans_src_app_and_reports_all_conflicts() {
    let p = Project::new(&[
        "src/app/x/page.tsx",
        "src/app/x/route.ts",
        "src/app/s/[id]/route.ts",
        "src/app/s/[slug]/y/route.ts",
    ]);
    let errs = RouteTable::scan(p.root(), &p.root().join("src/app")).expect_err("conflicts");
    let got: Vec<(&str, Vec<String>)> = errs
        .iter()
        .map(|e| {
            (
                e.code(),
                e.files().iter().map(|f| f.display().to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "ferroute::router::slug_mismatch",
                vec![
                    "src/app/s/[id]/route.ts".to_owned(),
                    "src/app/s/[slug]/y/route.ts".to_owned()
                ]
            ),
            (
                "ferroute::router::page_conflict",
                vec![
                    "src/app/x/route.ts".to_owned(),
                    "src/app/x/page.tsx".to_owned()
                ]
            ),
        ]
    );
}

#[test]
fn missing_app_dir_is_an_io_diagnostic() {
    let p = Project::new(&[]);
    let errs = RouteTable::scan(p.root(), &p.root().join("app")).expect_err("no app dir");
    let [RouteError::Io { path, .. }] = errs.as_slice() else {
        panic!("{errs:?}")
    };
    assert_eq!(path, Path::new("app"));
}

#[cfg(unix)]
#[test]
fn symlink_cycles_terminate_and_symlinked_dirs_are_followed() {
    let p = Project::new(&["app/a/route.ts", "shared/b/route.ts"]);
    let app = p.root().join("app");
    std::os::unix::fs::symlink(&app, app.join("loop")).expect("symlink");
    std::os::unix::fs::symlink(p.root().join("shared"), app.join("shared")).expect("symlink");
    std::os::unix::fs::symlink(p.root().join("nowhere"), app.join("dangling")).expect("symlink");
    let table = RouteTable::scan(p.root(), &app).expect("valid app");
    assert_eq!(
        files(&table),
        ["/a app/a/route.ts", "/shared/b app/shared/b/route.ts"]
    );
}

#[cfg(unix)]
#[test]
fn dangling_route_symlink_is_reported() {
    let p = Project::new(&["app/x/keep.txt"]);
    let app = p.root().join("app");
    std::os::unix::fs::symlink(p.root().join("gone.ts"), app.join("x/route.ts")).expect("symlink");
    let errs = RouteTable::scan(p.root(), &app).expect_err("dangling route file");
    let [RouteError::Io { path, .. }] = errs.as_slice() else {
        panic!("{errs:?}")
    };
    assert_eq!(path, Path::new("app/x/route.ts"));
}

#[test]
fn scan_dev_serves_the_route_beside_a_page_and_warns() {
    let p = Project::new(&["app/x/route.ts", "app/x/page.tsx", "app/y/route.ts"]);
    let app = p.root().join("app");
    let (table, warnings) = RouteTable::scan_dev(p.root(), &app, &|_| false).expect("dev scan");
    assert!(
        matches!(&warnings[..], [RouteError::PageConflict { url, .. }] if url == "/x"),
        "{warnings:?}"
    );
    assert!(matches!(table.match_path("/x"), Match::Found { .. }));
    assert!(matches!(table.match_path("/y"), Match::Found { .. }));
    // Every other conflict is still an error.
    let p = Project::new(&["app/[a]/route.ts", "app/[b]/x/route.ts"]);
    let app = p.root().join("app");
    assert!(RouteTable::scan_dev(p.root(), &app, &|_| false).is_err());
}
