//! The web platform inside handlers (Fetch, Streams, URL, Encoding, crypto, timers),
//! fetch() to a real upstream server, concurrency and streaming through the real server.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::routing::basics;
use crate::support::{fixture, read_response, request};

#[test]
fn web_platform_battery_passes_inside_a_handler() {
    let r = basics().get("/platform");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(
        v["failed"],
        serde_json::json!([]),
        "failed checks: {:#}",
        v["failed"]
    );
    assert!(v["total"].as_u64().unwrap_or(0) >= 15);
}

#[test]
fn request_bodies() {
    let s = basics();
    let r = s.get("/bodies/info");
    assert_eq!(
        r.json(),
        serde_json::json!({"body": null, "bodyUsed": false})
    );
    let bytes: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    let expected_sum = bytes.iter().fold(0u32, |a, &b| (a + u32::from(b)) % 65521);
    let r = s.req("POST", "/bodies/info?as=arrayBuffer", &[], &bytes);
    assert_eq!(
        r.json(),
        serde_json::json!({"size": 100_000, "sum": expected_sum, "used": true})
    );
    let r = s.req(
        "POST",
        "/bodies/info?as=blob",
        &[("content-type", "image/png")],
        b"1234",
    );
    assert_eq!(
        r.json(),
        serde_json::json!({"size": 4, "type": "image/png"})
    );
    let r = s.req("POST", "/bodies/info?as=twice", &[], b"x");
    assert_eq!(r.json(), serde_json::json!({"second": "TypeError"}));
    let r = s.req("POST", "/bodies/info?as=stream", &[], &bytes);
    assert_eq!(
        r.json(),
        serde_json::json!({"chunks": true, "total": 100_000})
    );
}

#[test]
fn multipart_file_is_binary_safe() {
    let file: Vec<u8> = (0..=255u8)
        .chain(b"\r\n--not-a-boundary\r\n".iter().copied())
        .chain(0..=255u8)
        .collect();
    let sum = file.iter().fold(0u32, |a, &b| (a + u32::from(b)) % 65521);
    let mut body = Vec::new();
    body.extend_from_slice(b"--B0undary\r\ncontent-disposition: form-data; name=\"file\"; filename=\"bin.dat\"\r\ncontent-type: application/octet-stream\r\n\r\n");
    body.extend_from_slice(&file);
    body.extend_from_slice(
        b"\r\n--B0undary\r\ncontent-disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n",
    );
    for v in ["1", "2"] {
        body.extend_from_slice(
            format!("--B0undary\r\ncontent-disposition: form-data; name=\"many\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(b"--B0undary--\r\n");
    let r = basics().req(
        "POST",
        "/bodies/form-file",
        &[("content-type", "multipart/form-data; boundary=B0undary")],
        &body,
    );
    assert_eq!(
        r.json(),
        serde_json::json!({"name": "bin.dat", "type": "application/octet-stream", "size": file.len(), "sum": sum, "field": "value", "many": ["1", "2"]})
    );
}

#[test]
fn request_body_streams_back_chunk_by_chunk() {
    // A chunked upload, echoed through `new Response(request.body)`.
    let mut s = TcpStream::connect(basics().addr).expect("connect");
    s.write_all(b"POST /bodies/echo-stream HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n").expect("head");
    let t0 = Instant::now();
    for line in ["{\"a\":1}\n", "{\"b\":2}\n"] {
        s.write_all(format!("{:x}\r\n{line}\r\n", line.len()).as_bytes())
            .expect("chunk");
        std::thread::sleep(Duration::from_millis(50));
    }
    s.write_all(b"0\r\n\r\n").expect("end");
    let r = read_response(s, t0, false);
    assert_eq!(r.text(), "{\"a\":1}\n{\"b\":2}\n");
    assert_eq!(r.header("content-type"), Some("text/plain"));
}

/// A request body in a legacy encoding, decoded by the handler whole (TextDecoder) and as it
/// arrives (TextDecoderStream): 420 KB of shift_jis, so that sockets and chunks cut its
/// two-byte characters anywhere.
#[test]
fn legacy_encodings_decode_request_bodies_whole_and_streamed() {
    let s = basics();
    // "こんにちは世界" in shift_jis, after one ASCII byte that shifts the pairs off even offsets.
    let hello: &[u8] = &[
        0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd, 0x90, 0xa2, 0x8a, 0x45,
    ];
    let mut body = b"A".to_vec();
    for _ in 0..30_000 {
        body.extend_from_slice(hello);
    }
    let r = s.req(
        "POST",
        "/charset",
        &[("content-type", "text/plain; charset=Shift_JIS")],
        &body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["encoding"], "shift_jis");
    assert_eq!(v["same"], true, "TextDecoderStream gave another text");
    let whole = v["whole"].as_str().expect("text");
    assert_eq!(whole.chars().count(), 1 + 7 * 30_000);
    assert!(whole.starts_with("Aこんにちは世界こんにちは"));
    assert!(whole.ends_with("世界こんにちは世界"));

    for (charset, bytes, text) in [
        ("gbk", &[0xc4, 0xe3, 0xba, 0xc3][..], "你好"),
        ("big5", &[0xa4, 0xa4, 0x41][..], "中A"),
        ("euc-kr", &[0xb0, 0xa1][..], "가"),
        ("latin1", &[0x80, 0xe9][..], "€é"),
    ] {
        let r = s.req(
            "POST",
            "/charset",
            &[("content-type", &format!("text/plain;charset={charset}"))],
            bytes,
        );
        assert_eq!(r.json()["whole"], text, "{charset}");
        assert_eq!(r.json()["same"], true, "{charset}");
    }

    // An unknown charset and bytes the encoding does not map, under fatal: the handler's errors.
    let r = s.req(
        "POST",
        "/charset",
        &[("content-type", "text/plain; charset=x-klingon")],
        b"x",
    );
    assert_eq!(r.status, 415);
    assert_eq!(r.json()["code"], "ERR_ENCODING_NOT_SUPPORTED");
    let r = s.req(
        "POST",
        "/charset?fatal",
        &[("content-type", "text/plain; charset=gbk")],
        &[0x41, 0xc4],
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "ERR_ENCODING_INVALID_ENCODED_DATA");
}

/// `X509Certificate` in a handler: a leaf certificate and the CA that issued it
/// (tests/fixtures/certs, made with openssl), checked as a webhook checks a signing chain.
#[test]
fn x509_certificates_are_read_and_verified_in_a_handler() {
    let s = basics();
    let body = serde_json::json!({
        "cert": include_str!("../fixtures/certs/leaf.pem"),
        "ca": include_str!("../fixtures/certs/ca.pem"),
        "host": "x.api.ferroute.test",
    });
    let r = s.req(
        "POST",
        "/x509",
        &[("content-type", "application/json")],
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    // What Node 20 reports for the same certificate.
    // openssl stored the UTF-8 of "Ünïcode" read as Latin-1: the certificate holds "Ã\u{9c}nÃ¯code".
    assert_eq!(
        v["subject"],
        "CN=www.ferroute.test\nO=Ferroute \u{c3}\u{9c}n\u{c3}\u{af}code\nDC=test"
    );
    assert_eq!(
        v["issuer"],
        "C=US\nST=California\nL=San Francisco\nO=Ferroute\\, Inc.\nOU=Test CA\nCN=Ferroute Test CA\nemailAddress=ca@ferroute.test"
    );
    assert_eq!(
        v["altNames"],
        "DNS:www.ferroute.test, DNS:*.api.ferroute.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, email:Admin@Ferroute.test, URI:https://ferroute.test/a?b=1, DNS:localhost"
    );
    assert_eq!(
        v["fingerprint256"],
        "D9:5F:C1:9C:46:5E:77:4A:56:7E:BB:7E:61:4E:1D:27:76:08:16:5A:36:3B:E8:AA:E8:51:26:91:F3:1F:A8:D5"
    );
    assert_eq!(v["validTo"], "Mar  6 05:46:52 2029 GMT");
    assert_eq!(v["host"], "*.api.ferroute.test");
    assert_eq!(v["issued"], true);
    assert_eq!(v["verified"], true);
    assert_eq!(v["selfVerified"], false);

    let bad = serde_json::json!({ "cert": "not a certificate", "ca": "", "host": "" });
    let r = s.req(
        "POST",
        "/x509",
        &[("content-type", "application/json")],
        bad.to_string().as_bytes(),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "ERR_OSSL_PEM_NO_START_LINE");
}

#[test]
fn streams_transform_and_errors() {
    let s = basics();
    assert_eq!(s.get("/stream/transform").text(), "AB");
    let r = s.get("/stream/error");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.text(),
        "partial",
        "partial body delivered, then the connection ends"
    );
}

#[test]
fn a_stream_ready_at_once_leaves_in_one_write_with_its_length() {
    // A stream whose source enqueued everything and closed in the handler's own turn has
    // ended before the head goes out: it is sent as a complete body is, with its length
    // (docs/compat.md, body framing), head and body in one write.
    let s = basics();
    for _ in 0..20 {
        let mut c = TcpStream::connect(s.addr).expect("connect");
        c.write_all(b"GET /stream/at-once HTTP/1.1\r\nhost: x\r\n\r\n")
            .expect("write");
        let mut buf = [0u8; 1024];
        let n = c.read(&mut buf).expect("read");
        let got = String::from_utf8_lossy(&buf[..n]);
        let (head, body) = got.split_once("\r\n\r\n").expect("a whole head");
        assert!(!head.contains("transfer-encoding"), "{got:?}");
        assert!(
            head.contains(&format!("content-length: {}", body.len())),
            "{got:?}"
        );
        assert!(body.ends_with("chunk 4\n"), "{got:?}");
    }
}

#[test]
fn a_stream_larger_than_the_buffers_waits_for_a_late_reader_and_arrives_whole() {
    // The server fills the socket and the response channel, then waits for room (the
    // writer's backpressure) while the worker serves others; nothing is lost or reordered.
    let s = fixture("basics", 1);
    let mut c = TcpStream::connect(s.addr).expect("connect");
    c.write_all(b"GET /stream/big HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .expect("write");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        s.get("/concurrency/fast").text(),
        "fast",
        "the worker is stuck behind the stream"
    );
    let r = read_response(c, Instant::now(), false);
    assert_eq!(r.status, 200);
    const CHUNK: usize = 16 * 1024;
    assert_eq!(r.body.len(), 2048 * CHUNK, "the body is cut short");
    for (i, block) in r.body.chunks(CHUNK).enumerate() {
        let want = (i % 251) as u8;
        assert!(
            block.iter().all(|&b| b == want),
            "block {i} holds other bytes than {want}"
        );
    }
}

#[test]
fn chunks_queued_at_once_beyond_the_channel_all_arrive_before_the_end() {
    // The end comes while chunks still wait for room: they go first.
    let s = basics();
    for _ in 0..5 {
        let r = s.get("/stream/burst");
        const CHUNK: usize = 64 * 1024;
        assert_eq!(r.body.len(), 9 * CHUNK, "the body is cut short");
        for (i, block) in r.body.chunks(CHUNK).enumerate() {
            assert!(
                block.iter().all(|&b| b == i as u8),
                "block {i} holds other bytes"
            );
        }
    }
}

#[test]
fn an_async_handler_ends_after_await_with_any_kind_of_result() {
    let s = basics();
    assert_eq!(s.get("/async-end/promise").json()["end"], "promise");
    assert_eq!(s.get("/async-end/thenable").json()["end"], "thenable");
    let r = s.get("/async-end/throw");
    assert_eq!(r.status, 500);
    assert!(r.body.is_empty());
    // The handler's own reaction to the promise it returned runs too (counted per worker:
    // of five requests, two meet in one worker).
    let seen: Vec<u64> = (0..5)
        .map(|_| {
            s.get("/async-end/shared").json()["reactions"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert!(
        seen.iter().any(|&n| n > 0),
        "the reaction never ran: {seen:?}"
    );
}

#[test]
fn client_disconnect_cancels_the_stream() {
    let s = basics();
    let before = s.get("/stream/cancelled").json()["cancelled"]
        .as_u64()
        .unwrap_or(0);
    let mut c = TcpStream::connect(s.addr).expect("connect");
    c.write_all(b"GET /stream/forever HTTP/1.1\r\nhost: x\r\n\r\n")
        .expect("write");
    let mut buf = [0u8; 256];
    let n = c.read(&mut buf).expect("read");
    assert!(String::from_utf8_lossy(&buf[..n]).contains("text/event-stream"));
    drop(c);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let now = s.get("/stream/cancelled").json()["cancelled"]
            .as_u64()
            .unwrap_or(0);
        if now > before {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "stream was not cancelled after the client left"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn one_worker_serves_many_requests_at_once() {
    let s = fixture("basics", 1);
    let addr = s.addr;
    let slow = std::thread::spawn(move || {
        let t = Instant::now();
        let r = request(addr, "GET", "/concurrency/slow", &[], b"");
        (r.text(), t.elapsed())
    });
    std::thread::sleep(Duration::from_millis(100));
    let t = Instant::now();
    let fast = s.get("/concurrency/fast");
    let fast_time = t.elapsed();
    assert_eq!(fast.text(), "fast");
    assert!(
        fast_time < Duration::from_millis(300),
        "fast request waited {fast_time:?} behind the slow one"
    );
    let (slow_text, slow_time) = slow.join().expect("slow thread");
    assert_eq!(slow_text, "slow");
    assert!(slow_time >= Duration::from_millis(550));
    // Module state lives in the worker: one worker counts every request.
    let a = s.get("/concurrency/state").json()["count"]
        .as_u64()
        .unwrap_or(0);
    let b = s.get("/concurrency/state").json()["count"]
        .as_u64()
        .unwrap_or(0);
    assert_eq!(b, a + 1);
    // A handler can fetch its own server: the worker is not blocked while it waits.
    assert_eq!(s.get("/fetch/self").text(), "self: fast");
}

#[test]
fn fetch_to_upstream() {
    let s = basics();
    let r = s.req("POST", "/fetch/echo", &[], br#"{"hello":"upstream"}"#);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["status"], 200);
    assert_eq!(v["cookies"], serde_json::json!(["a=1", "b=2"]));
    assert_eq!(v["upstream"]["method"], "POST");
    assert_eq!(v["upstream"]["body"], r#"{"hello":"upstream"}"#);
    let headers = v["upstream"]["headers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(headers.iter().any(|h| h == "x-custom: yes"), "{headers:?}");

    let r = s.req("POST", "/fetch/upload", &[], b"streamed request body");
    assert_eq!(
        r.json(),
        serde_json::json!({"body": "streamed request body", "chunked": true})
    );

    let r = s.get("/fetch/drip");
    assert_eq!(r.text(), "part0;part1;part2;");
    assert!(
        r.chunks.len() >= 2,
        "upstream chunks pass through as they arrive: {:?}",
        r.chunks
    );

    let r = s.get("/fetch/redirect");
    assert_eq!(
        r.json(),
        serde_json::json!({"status": 200, "redirected": true, "url": "/echo"})
    );

    let r = s.get("/fetch/refused");
    assert_eq!(r.json()["name"], "TypeError");
    assert_eq!(r.json()["message"], "fetch failed");
}
