use super::{local_ipv4s, local_url, network_url};

#[test]
fn urls_are_the_ones_next_start_prints() {
    // What `next start` 15.5.29 printed for each -H (Network without -H is machine-dependent).
    assert_eq!(local_url(None, 3000), "http://localhost:3000");
    let cases = [
        (
            "127.0.0.1",
            "http://127.0.0.1:3000",
            "http://127.0.0.1:3000",
        ),
        (
            "localhost",
            "http://localhost:3000",
            "http://localhost:3000",
        ),
        ("0.0.0.0", "http://localhost:3000", "http://0.0.0.0:3000"),
        ("::", "http://[::1]:3000", "http://[::]:3000"),
        ("::1", "http://[::1]:3000", "http://[::1]:3000"),
    ];
    for (h, local, network) in cases {
        assert_eq!(local_url(Some(h), 3000), local, "-H {h}");
        assert_eq!(
            network_url(Some(h), 3000).as_deref(),
            Some(network),
            "-H {h}"
        );
    }
}

#[test]
fn fib_trie_local_hosts_in_order() {
    let trie = "Main:
  +-- 0.0.0.0/0 3 0 5
     |-- 0.0.0.0
        /0 universe UNICAST
     +-- 127.0.0.0/8 2 0 2
        +-- 127.0.0.0/31 1 0 0
           |-- 127.0.0.0
              /8 host LOCAL
           |-- 127.0.0.1
              /32 host LOCAL
     |-- 192.0.2.0
        /24 link UNICAST
     |-- 192.0.2.2
        /32 host LOCAL
Local:
  +-- 0.0.0.0/0 3 0 5
           |-- 127.0.0.1
              /32 host LOCAL
     |-- 192.0.2.2
        /32 host LOCAL
";
    let ips: Vec<String> = local_ipv4s(trie).iter().map(ToString::to_string).collect();
    assert_eq!(ips, ["127.0.0.1", "192.0.2.2"]);
}
