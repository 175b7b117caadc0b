use bytes::Bytes;

use super::entry;
use crate::entry::{decode, encode, DecodeError, Entry, EntryKind, EntryMeta, FORMAT_VERSION};

fn rich_entry() -> Entry {
    Entry {
        body: Bytes::from((0..=255u8).cycle().take(70_000).collect::<Vec<u8>>()),
        meta: EntryMeta {
            kind: EntryKind::Fetch,
            status: 201,
            headers: vec![
                ("x-custom".into(), "kept".into()),
                ("set-cookie".into(), "a=1; Path=/".into()),
                ("set-cookie".into(), "b=2; Path=/; HttpOnly".into()),
                (
                    "content-type".into(),
                    "application/json; charset=utf-8".into(),
                ),
            ],
            tags: vec![
                "tagA".into(),
                "_N_T_/layout".into(),
                "_N_T_/api/x/route".into(),
            ],
            revalidate: Some(30),
            expire: Some(31_536_000),
            last_modified_ms: 1_700_000_000_123,
        },
    }
}

#[test]
fn round_trip_keeps_everything() {
    for (key, e) in [
        ("/api/static", rich_entry()),
        ("", entry("", 0, &[])),
        ("ünïcödé key with spaces/../..", entry("x", 5, &["t"])),
    ] {
        let bytes = Bytes::from(encode(key, &e));
        assert_eq!(bytes[0], FORMAT_VERSION);
        let (k, back) = decode(&bytes).expect("decodes");
        assert_eq!(k, key);
        assert_eq!(back, e);
    }
}

#[test]
fn header_order_and_repeats_are_kept() {
    let e = rich_entry();
    let (_, back) = decode(&Bytes::from(encode("k", &e))).unwrap();
    let cookies: Vec<_> = back
        .meta
        .headers
        .iter()
        .filter(|(n, _)| n == "set-cookie")
        .map(|(_, v)| v)
        .collect();
    assert_eq!(cookies, ["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
    assert_eq!(back.meta.headers[0].0, "x-custom");
}

#[test]
fn every_truncation_is_an_error() {
    let full = encode("key", &entry("hello world", 1, &["t1", "t2"]));
    for len in 0..full.len() {
        let cut = Bytes::copy_from_slice(&full[..len]);
        assert!(decode(&cut).is_err(), "prefix of {len} bytes decoded");
    }
}

#[test]
fn every_flipped_byte_is_an_error() {
    let full = encode("key", &entry("hello world", 1, &["t1"]));
    for i in 0..full.len() {
        let mut bad = full.clone();
        bad[i] ^= 0x20;
        assert!(decode(&Bytes::from(bad)).is_err(), "flip at {i} decoded");
    }
}

#[test]
fn unknown_version_is_a_miss() {
    let mut bytes = encode("k", &entry("x", 1, &[]));
    bytes[0] = FORMAT_VERSION + 1;
    assert_eq!(
        decode(&Bytes::from(bytes)),
        Err(DecodeError::Version(Some(FORMAT_VERSION + 1)))
    );
    assert_eq!(decode(&Bytes::new()), Err(DecodeError::Version(None)));
}

#[test]
fn trailing_bytes_are_an_error() {
    let mut bytes = encode("k", &entry("x", 1, &[]));
    bytes.push(0);
    assert!(decode(&Bytes::from(bytes)).is_err());
}

#[test]
fn bad_meta_with_a_valid_checksum_is_an_error() {
    let mut bytes = vec![FORMAT_VERSION];
    bytes.extend_from_slice(&0u32.to_le_bytes());
    bytes.extend_from_slice(&3u32.to_le_bytes());
    bytes.extend_from_slice(b"{x}");
    bytes.extend_from_slice(&0u64.to_le_bytes());
    let crc = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());
    assert!(matches!(
        decode(&Bytes::from(bytes)),
        Err(DecodeError::Meta(_))
    ));
}

#[test]
fn random_input_never_panics() {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..2000 {
        let len = usize::try_from(next() % 64).unwrap();
        let mut bytes: Vec<u8> = (0..len).map(|_| next().to_le_bytes()[0]).collect();
        if let Some(b) = bytes.first_mut() {
            *b = FORMAT_VERSION;
        }
        let _ = decode(&Bytes::from(bytes));
    }
}

#[test]
fn staleness_and_expiry_follow_revalidate_and_expire() {
    let mut e = entry("x", 10_000, &[]);
    e.meta.revalidate = Some(2);
    e.meta.expire = Some(5);
    assert!(!e.is_stale(11_999));
    assert!(e.is_stale(12_000));
    assert!(!e.is_expired(14_999));
    assert!(e.is_expired(15_000));
    e.meta.revalidate = None;
    e.meta.expire = None;
    assert!(!e.is_stale(u64::MAX));
    assert!(!e.is_expired(u64::MAX));
}
