//! Key derivations the natives of both engines share where neither llrt's crypto (QuickJS) nor
//! `jsc/crypto.rs` has one: scrypt, behind `crypto.scrypt`/`scryptSync` (js/04_builtins.js
//! checks the arguments as Node does; this checks them again, since a native can be called
//! with anything).

/// The most memory one derivation may use, whatever `maxmem` JavaScript passed: Node's own
/// ceiling for `maxmem` is far above what a worker should hold, so ours is 1 GiB.
const MEMORY_CEILING: u128 = 1 << 30;

/// scrypt (RFC 7914) of `password` and `salt` with cost `n` (a power of two above 1), block
/// size `r` and parallelization `p`, into `keylen` bytes. The error says which parameter is
/// out of range.
pub(crate) fn scrypt(
    password: &[u8],
    salt: &[u8],
    n: u64,
    r: u32,
    p: u32,
    keylen: usize,
) -> Result<Vec<u8>, String> {
    if n < 2 || !n.is_power_of_two() {
        return Err(format!("N must be a power of two above 1, not {n}"));
    }
    if r == 0 || p == 0 {
        return Err("r and p must be at least 1".into());
    }
    // What the computation holds: 128·r·(N+2) bytes of V and X, and 128·r·p of B.
    let memory = 128 * u128::from(r) * (u128::from(n) + 2) + 128 * u128::from(r) * u128::from(p);
    if memory > MEMORY_CEILING {
        return Err(format!(
            "{memory} bytes of memory asked, more than {MEMORY_CEILING}"
        ));
    }
    let mut out = vec![0; keylen];
    if keylen == 0 {
        return Ok(out);
    }
    // n is a power of two: its logarithm is its trailing zeros (below 64).
    let log_n = n.trailing_zeros() as u8;
    let params = scrypt::Params::new(log_n, r, p).map_err(|e| e.to_string())?;
    scrypt::scrypt(password, salt, &params, &mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::scrypt;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn rfc_7914_vectors() {
        assert_eq!(
            hex(&scrypt(b"", b"", 16, 1, 1, 64).unwrap()),
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442\
             fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"
        );
        assert_eq!(
            hex(&scrypt(b"password", b"NaCl", 1024, 8, 16, 64).unwrap()),
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162\
             2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
        );
    }

    #[test]
    fn node_defaults_and_an_empty_key() {
        // What Node 20 gives for scryptSync('pw', 's', 8) (N 16384, r 8, p 1).
        assert_eq!(
            hex(&scrypt(b"pw", b"s", 16384, 8, 1, 8).unwrap()),
            "50a5c927da5f08ac"
        );
        assert!(scrypt(b"pw", b"s", 16, 1, 1, 0).unwrap().is_empty());
    }

    #[test]
    fn parameters_out_of_range_are_errors() {
        assert!(scrypt(b"pw", b"s", 3, 8, 1, 8)
            .unwrap_err()
            .contains("power of two"));
        assert!(scrypt(b"pw", b"s", 1, 8, 1, 8).is_err());
        assert!(scrypt(b"pw", b"s", 16, 0, 1, 8).is_err());
        assert!(scrypt(b"pw", b"s", 1 << 40, 8, 1, 8)
            .unwrap_err()
            .contains("memory"));
    }
}
