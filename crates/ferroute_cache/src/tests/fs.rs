use std::fs;
use std::future::Future as _;

use super::{entry, TempDir};
use crate::fs::{file_name, write_atomic, FsStore};
use crate::CacheStore;

#[test]
fn write_atomic_replaces_and_leaves_no_temporary_file() {
    let dir = TempDir::new();
    let path = dir.path().join("f");
    write_atomic(&path, b"old").unwrap();
    write_atomic(&path, b"new content").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new content");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["f"]);
}

#[test]
fn write_atomic_into_a_missing_folder_fails_cleanly() {
    let dir = TempDir::new();
    assert!(write_atomic(&dir.path().join("no/such/f"), b"x").is_err());
}

#[test]
fn file_names_are_fixed_length_hex_whatever_the_key() {
    for key in [
        "../../etc/passwd",
        "/",
        "",
        "a/b\\c:d",
        "\0",
        &"k".repeat(10_000),
    ] {
        let name = file_name(key);
        assert_eq!(name.len(), 40, "{key:?}");
        assert!(name.bytes().all(|b| b.is_ascii_hexdigit()), "{name}");
    }
    assert_ne!(file_name("a"), file_name("b"));
}

#[tokio::test]
async fn entries_and_tags_survive_a_reopen() {
    let dir = TempDir::new();
    {
        let store = CacheStore::filesystem(dir.path()).unwrap();
        store
            .set("../escape", &entry("v1", 1000, &["t"]))
            .await
            .unwrap();
        store.revalidate_tags(&["t"], 2000).await.unwrap();
    }
    assert!(!dir.path().parent().unwrap().join("escape").exists());
    let store = CacheStore::filesystem(dir.path()).unwrap();
    let hit = store
        .lookup("../escape", &[] as &[&str])
        .await
        .unwrap()
        .expect("persisted");
    assert_eq!(&hit.entry.body[..], b"v1");
    assert!(hit.revalidated_by_tag, "tag time persisted");
    store.delete("../escape").await.unwrap();
    store.delete("../escape").await.unwrap();
    assert!(store.get("../escape").await.unwrap().is_none());
}

#[tokio::test]
async fn corrupt_and_foreign_files_are_misses_and_removed() {
    let dir = TempDir::new();
    let store = CacheStore::filesystem(dir.path()).unwrap();
    store.set("k", &entry("v", 1, &[])).await.unwrap();
    let path = dir.path().join("entries").join(file_name("k"));

    let mut bytes = fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&path, &bytes).unwrap();
    assert!(store.get("k").await.unwrap().is_none());
    assert!(!path.exists(), "corrupt file removed");

    fs::write(&path, b"").unwrap();
    assert!(store.get("k").await.unwrap().is_none());
    assert!(!path.exists());

    // A directory where the file should be: a miss, no panic.
    fs::create_dir(&path).unwrap();
    assert!(store.get("k").await.unwrap().is_none());
}

#[tokio::test]
async fn corrupt_tags_file_is_an_empty_table() {
    let dir = TempDir::new();
    fs::create_dir_all(dir.path()).unwrap();
    fs::write(dir.path().join("tags.json"), b"{not json").unwrap();
    let store = CacheStore::filesystem(dir.path()).unwrap();
    assert_eq!(store.tags_revalidated_at(&["t"]).await.unwrap(), [None]);
}

#[test]
fn leftover_temporary_files_of_dead_writers_are_removed_at_open() {
    let dir = TempDir::new();
    let entries = dir.path().join("entries");
    fs::create_dir_all(&entries).unwrap();
    fs::write(entries.join(".tmp-1-1"), b"half").unwrap();
    // Opened "now": a just-written temporary file may belong to a live writer; it stays.
    let now = crate::SystemClock;
    let now_ms = crate::Clock::now_ms(&now);
    FsStore::open(dir.path(), now_ms).unwrap();
    assert!(entries.join(".tmp-1-1").exists());
    // Opened two minutes later: it is a leftover.
    FsStore::open(dir.path(), now_ms + 120_000).unwrap();
    assert!(!entries.join(".tmp-1-1").exists());
}

#[test]
fn works_without_a_runtime() {
    let dir = TempDir::new();
    let store = CacheStore::filesystem(dir.path()).unwrap();
    // No tokio runtime here: writes run inline.
    let e = entry("v", 1, &[]);
    let fut = store.set("k", &e);
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut fut = std::pin::pin!(fut);
    assert!(matches!(
        fut.as_mut().poll(&mut cx),
        std::task::Poll::Ready(Ok(()))
    ));
}
