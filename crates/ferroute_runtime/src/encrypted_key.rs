//! Private keys under a passphrase, as `node:crypto` reads and writes them (engine-free):
//! PKCS#8 `EncryptedPrivateKeyInfo` (RFC 5958) under PBES2 (RFC 8018: PBKDF2 with an HMAC of
//! SHA-1 or SHA-2, then AES-CBC), in PEM or DER; and OpenSSL's traditional PEM encryption of
//! PKCS#1 and SEC1 keys (`Proc-Type: 4,ENCRYPTED` with `DEK-Info: AES-…-CBC,<IV>`, the key
//! made from the passphrase by MD5 as OpenSSL's `EVP_BytesToKey` does). Written as Node 20
//! writes them: PBKDF2-HMAC-SHA256, 2048 rounds, an 8-byte salt, a 16-byte IV.

use base64ct::Encoding;
use md5::Digest;

use crate::aes_cbc;
use crate::sign::{expect, with_hash};

/// OpenSSL's error for a wrong passphrase (or a corrupt key).
pub(crate) const BAD_DECRYPT: &str = "error:1C800064:Provider routines::bad decrypt";
/// What OpenSSL answers for encrypted PEM without a passphrase (its prompt was cancelled).
pub(crate) const PEM_NEEDS_PASSPHRASE: &str =
    "error:07880109:common libcrypto routines::interrupted or cancelled";
/// Node's error for encrypted DER without a passphrase (`ERR_MISSING_PASSPHRASE`).
pub(crate) const DER_NEEDS_PASSPHRASE: &str = "Passphrase required for encrypted key";
const UNSUPPORTED: &str = "error:1E08010C:DECODER routines::unsupported";

const SEQUENCE: u8 = 0x30;
const OCTET_STRING: u8 = 0x04;
const INTEGER: u8 = 0x02;
const OID: u8 = 0x06;
const OID_PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
const OID_PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
/// hmacWithSHA1 … hmacWithSHA512 end in 07 … 0b after this prefix.
const OID_HMAC_PREFIX: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02];
/// aes128-CBC, aes192-CBC and aes256-CBC end in 02, 16 and 2a after this prefix.
const OID_AES_PREFIX: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01];

/// The ciphers Node takes for an encrypted key: name → key length.
fn cipher_key_len(name: &str) -> Option<usize> {
    match name.to_ascii_lowercase().as_str() {
        "aes-128-cbc" | "aes128" => Some(16),
        "aes-192-cbc" | "aes192" => Some(24),
        "aes-256-cbc" | "aes256" => Some(32),
        _ => None,
    }
}

/// Whether `der` is an `EncryptedPrivateKeyInfo` under PBES2.
pub(crate) fn is_encrypted_pkcs8(der: &[u8]) -> bool {
    (|| {
        let (info, _) = expect(der, SEQUENCE)?;
        let (algorithm, _) = expect(info, SEQUENCE)?;
        Some(expect(algorithm, OID)?.0 == OID_PBES2)
    })()
    .unwrap_or(false)
}

/// The PKCS#8 inside `EncryptedPrivateKeyInfo` `der`.
pub(crate) fn decrypt_pkcs8(der: &[u8], passphrase: &[u8]) -> Result<Vec<u8>, String> {
    let parsed = (|| {
        let (info, _) = expect(der, SEQUENCE)?;
        let (algorithm, rest) = expect(info, SEQUENCE)?;
        let (data, _) = expect(rest, OCTET_STRING)?;
        let (oid, params) = expect(algorithm, OID)?;
        (oid == OID_PBES2).then_some(())?;
        let (params, _) = expect(params, SEQUENCE)?;
        let (kdf, rest) = expect(params, SEQUENCE)?;
        let (scheme, _) = expect(rest, SEQUENCE)?;
        let (oid, kdf_params) = expect(kdf, OID)?;
        (oid == OID_PBKDF2).then_some(())?;
        let (kdf_params, _) = expect(kdf_params, SEQUENCE)?;
        let (salt, rest) = expect(kdf_params, OCTET_STRING)?;
        let (rounds, mut rest) = expect(rest, INTEGER)?;
        let rounds = rounds
            .iter()
            .try_fold(0u32, |a, &b| a.checked_mul(256).map(|a| a | u32::from(b)))?;
        // keyLength (optional, implied by the cipher), then the PRF (HMAC-SHA1 when absent).
        if let Some((_, after)) = expect(rest, INTEGER) {
            rest = after;
        }
        let hash = match expect(rest, SEQUENCE) {
            Some((prf, _)) => match expect(prf, OID)?.0 {
                oid if oid.len() == 8 && oid.starts_with(OID_HMAC_PREFIX) => match oid[7] {
                    0x07 => "sha1",
                    0x08 => "sha224",
                    0x09 => "sha256",
                    0x0a => "sha384",
                    0x0b => "sha512",
                    _ => return None,
                },
                _ => return None,
            },
            None => "sha1",
        };
        let (cipher, iv) = expect(scheme, OID)?;
        let key_len = match cipher.strip_prefix(OID_AES_PREFIX)? {
            [0x02] => 16,
            [0x16] => 24,
            [0x2a] => 32,
            _ => return None,
        };
        let iv: [u8; 16] = expect(iv, OCTET_STRING)?.0.try_into().ok()?;
        Some((data, salt, rounds, hash, key_len, iv))
    })();
    let (data, salt, rounds, hash, key_len, iv) = parsed.ok_or_else(|| UNSUPPORTED.to_owned())?;
    let key = pbkdf2(hash, passphrase, salt, rounds, key_len)?;
    aes_cbc::decrypt(&key, &iv, data)
        .filter(|der| is_one_sequence(der))
        .ok_or_else(|| BAD_DECRYPT.to_owned())
}

/// Whether `der` is one DER SEQUENCE, as every decrypted key is: a wrong passphrase leaves
/// valid padding about once in 256 tries, and this catches those.
fn is_one_sequence(der: &[u8]) -> bool {
    matches!(expect(der, SEQUENCE), Some((_, rest)) if rest.is_empty())
}

fn pbkdf2(
    hash: &str,
    passphrase: &[u8],
    salt: &[u8],
    rounds: u32,
    len: usize,
) -> Result<Vec<u8>, String> {
    let mut key = vec![0; len];
    with_hash!(hash, D => pbkdf2::pbkdf2::<hmac::Hmac<D>>(passphrase, salt, rounds, &mut key)
        .map_err(|_| UNSUPPORTED.to_owned())?, _other => UNSUPPORTED.to_owned());
    Ok(key)
}

/// PKCS#8 `der` encrypted under `passphrase` with `cipher` as an `EncryptedPrivateKeyInfo`.
fn encrypt_pkcs8(der: &[u8], cipher: &str, passphrase: &[u8]) -> Result<Vec<u8>, String> {
    let key_len = cipher_key_len(cipher).ok_or_else(|| "Unknown cipher".to_owned())?;
    let salt: [u8; 8] = rand::random();
    let iv: [u8; 16] = rand::random();
    const ROUNDS: u32 = 2048;
    let key = pbkdf2("sha256", passphrase, &salt, ROUNDS, key_len)?;
    let sealed = aes_cbc::encrypt(&key, &iv, der).ok_or_else(|| UNSUPPORTED.to_owned())?;
    let aes_oid = [OID_AES_PREFIX, &[[0, 0x02, 0x16, 0x2a][key_len / 8 - 1]]].concat();
    let hmac_sha256 = [OID_HMAC_PREFIX, &[0x09]].concat();
    let kdf_params = tlv(
        SEQUENCE,
        &[
            tlv(OCTET_STRING, &salt),
            tlv(INTEGER, &ROUNDS.to_be_bytes()[2..]),
            tlv(
                SEQUENCE,
                &[tlv(OID, &hmac_sha256), vec![0x05, 0x00]].concat(),
            ),
        ]
        .concat(),
    );
    let kdf = tlv(SEQUENCE, &[tlv(OID, OID_PBKDF2), kdf_params].concat());
    let scheme = tlv(
        SEQUENCE,
        &[tlv(OID, &aes_oid), tlv(OCTET_STRING, &iv)].concat(),
    );
    let algorithm = tlv(
        SEQUENCE,
        &[tlv(OID, OID_PBES2), tlv(SEQUENCE, &[kdf, scheme].concat())].concat(),
    );
    Ok(tlv(
        SEQUENCE,
        &[algorithm, tlv(OCTET_STRING, &sealed)].concat(),
    ))
}

/// A private key encrypted for `export`: DER, or PEM when the format's encryption is PEM's own.
pub(crate) enum Sealed {
    Der(Vec<u8>),
    Pem(String),
}

/// Private key `der` of `format` encrypted under `passphrase` with `cipher`: PKCS#8 as an
/// `EncryptedPrivateKeyInfo`, PKCS#1 and SEC1 as traditionally encrypted PEM under `label`.
pub(crate) fn encrypt(
    der: &[u8],
    format: &str,
    label: &str,
    cipher: &str,
    passphrase: &[u8],
) -> Result<Sealed, String> {
    if format == "pkcs8" {
        encrypt_pkcs8(der, cipher, passphrase).map(Sealed::Der)
    } else {
        encrypt_traditional_pem(der, label, cipher, passphrase).map(Sealed::Pem)
    }
}

/// One DER element.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// OpenSSL's `EVP_BytesToKey` with MD5 and one round: the key of traditional PEM encryption.
fn bytes_to_key(passphrase: &[u8], salt: &[u8], len: usize) -> Vec<u8> {
    let mut key = Vec::with_capacity(len + 16);
    let mut last: Vec<u8> = Vec::new();
    while key.len() < len {
        let mut h = md5::Md5::new();
        h.update(&last);
        h.update(passphrase);
        h.update(salt);
        last = h.finalize().to_vec();
        key.extend_from_slice(&last);
    }
    key.truncate(len);
    key
}

/// A traditionally encrypted PEM key (`Proc-Type: 4,ENCRYPTED`): `None` when `text` is not
/// one, else its label and DER, or the error (a missing or wrong passphrase, a cipher other
/// than AES-CBC).
pub(crate) fn decrypt_traditional_pem(
    text: &str,
    passphrase: Option<&[u8]>,
) -> Option<Result<(String, Vec<u8>), String>> {
    if !text.contains("Proc-Type: 4,ENCRYPTED") {
        return None;
    }
    Some(
        (|| {
            let begin = text.find("-----BEGIN ").ok_or(UNSUPPORTED)?;
            let after = &text[begin + 11..];
            let label_end = after.find("-----").ok_or(UNSUPPORTED)?;
            let label = after[..label_end].to_owned();
            let body = &after[label_end + 5..];
            let end = body.find("-----END ").ok_or(UNSUPPORTED)?;
            let body = &body[..end];
            let dek = body
                .lines()
                .find_map(|l| l.trim().strip_prefix("DEK-Info:"))
                .ok_or(UNSUPPORTED)?
                .trim();
            let (cipher, iv_hex) = dek.split_once(',').ok_or(UNSUPPORTED)?;
            let key_len = cipher_key_len(cipher).ok_or(UNSUPPORTED)?;
            let iv = base16ct::mixed::decode_vec(iv_hex.trim()).map_err(|_| UNSUPPORTED)?;
            let iv: [u8; 16] = iv.try_into().map_err(|_| UNSUPPORTED)?;
            // The base64 follows the headers' blank line.
            let encoded: String = body
                .split_once("\n\n")
                .or_else(|| body.split_once("\r\n\r\n"))
                .ok_or(UNSUPPORTED)?
                .1
                .split_whitespace()
                .collect();
            let sealed = base64ct::Base64::decode_vec(&encoded).map_err(|_| UNSUPPORTED)?;
            let passphrase = passphrase.ok_or(PEM_NEEDS_PASSPHRASE)?;
            let key = bytes_to_key(passphrase, &iv[..8], key_len);
            let der = aes_cbc::decrypt(&key, &iv, &sealed)
                .filter(|der| is_one_sequence(der))
                .ok_or(BAD_DECRYPT)?;
            Ok((label, der))
        })()
        .map_err(|e: &str| e.to_owned()),
    )
}

/// `der` (PKCS#1 or SEC1) as traditionally encrypted PEM under `label`.
fn encrypt_traditional_pem(
    der: &[u8],
    label: &str,
    cipher: &str,
    passphrase: &[u8],
) -> Result<String, String> {
    let key_len = cipher_key_len(cipher).ok_or_else(|| "Unknown cipher".to_owned())?;
    let iv: [u8; 16] = rand::random();
    let key = bytes_to_key(passphrase, &iv[..8], key_len);
    let sealed = aes_cbc::encrypt(&key, &iv, der).ok_or_else(|| UNSUPPORTED.to_owned())?;
    let encoded = base64ct::Base64::encode_string(&sealed);
    let iv_hex = base16ct::upper::encode_string(&iv);
    let mut out = format!(
        "-----BEGIN {label}-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-{}-CBC,{iv_hex}\n\n",
        key_len * 8
    );
    for line in encoded.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `openssl pkcs8 -topk8 -v2 aes-128-cbc -passout pass:pw` of a P-256 key: PBKDF2 with
    /// HMAC-SHA256 and 2048 rounds.
    const OPENSSL_PKCS8: &str = "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjTYCOD/37ePgICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEIdJcAk6QfU3y2bzaRqL2HoEgZCxudiM1/W1bbkzty+dwtE03CqRoky+giEnnpjZ1KVmwiXDq3Ji/I38tUwvLRSRTAhGBccCUMT2o1+hb46noXO3dzPv69D0yKVvVvi/hcGuvdIDM6tN7hwWJvOYTBDl6AXOS1JUp957MKsByj5lVvD4Ql4U0puA5nDAgM2y0FZJfw7ZP7/arvesWh+cM7iiFGI=";

    #[test]
    fn pkcs8_round_trips_and_a_wrong_passphrase_is_a_bad_decrypt() {
        let der = tlv(SEQUENCE, b"the bytes of a key");
        for cipher in ["aes-128-cbc", "aes-192-cbc", "aes-256-cbc"] {
            // Many rounds: a wrong passphrase sometimes leaves valid padding.
            for _ in 0..60 {
                let sealed = encrypt_pkcs8(&der, cipher, b"pw").unwrap();
                assert!(is_encrypted_pkcs8(&sealed));
                assert_eq!(decrypt_pkcs8(&sealed, b"pw").unwrap(), der);
                assert_eq!(decrypt_pkcs8(&sealed, b"px").unwrap_err(), BAD_DECRYPT);
            }
        }
        assert!(!is_encrypted_pkcs8(&der));
        assert_eq!(
            encrypt_pkcs8(&der, "des-ede3-cbc", b"pw").unwrap_err(),
            "Unknown cipher"
        );
    }

    #[test]
    fn openssls_pkcs8_decrypts_to_a_p256_key() {
        use p256::pkcs8::DecodePrivateKey;
        let sealed = base64ct::Base64::decode_vec(OPENSSL_PKCS8).unwrap();
        let der = decrypt_pkcs8(&sealed, b"pw").unwrap();
        assert!(p256::SecretKey::from_pkcs8_der(&der).is_ok());
    }

    #[test]
    fn traditional_pem_round_trips() {
        let der = tlv(SEQUENCE, b"a SEC1 key's bytes");
        let pem = encrypt_traditional_pem(&der, "EC PRIVATE KEY", "aes-128-cbc", b"pw").unwrap();
        assert!(pem.starts_with(
            "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"
        ));
        let (label, back) = decrypt_traditional_pem(&pem, Some(b"pw")).unwrap().unwrap();
        assert_eq!((label.as_str(), back), ("EC PRIVATE KEY", der));
        assert_eq!(
            decrypt_traditional_pem(&pem, Some(b"no"))
                .unwrap()
                .unwrap_err(),
            BAD_DECRYPT
        );
        assert_eq!(
            decrypt_traditional_pem(&pem, None).unwrap().unwrap_err(),
            PEM_NEEDS_PASSPHRASE
        );
        assert!(decrypt_traditional_pem("-----BEGIN EC PRIVATE KEY-----\n", None).is_none());
    }
}
