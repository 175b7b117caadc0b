//! Asymmetric keys, signatures and RSA encryption of `node:crypto` (`createSign`/`createVerify`,
//! `sign`/`verify`, `createPrivateKey`/`createPublicKey`, `generateKeyPair`,
//! `publicEncrypt`/`privateDecrypt`), shared by both engines' natives: keys read from PEM or
//! DER (PKCS#8, PKCS#1, SEC1, SPKI, X.509 certificates) and held by JavaScript as PKCS#8 or SPKI
//! DER; RSASSA-PKCS1-v1_5, RSA-PSS and ECDSA (P-256, P-384) over SHA-1 and SHA-2, Ed25519, and
//! RSA-OAEP, on the RustCrypto crates (`jsc/crypto.rs` uses the same for `crypto.subtle`).

use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use sha2::Digest;

/// The PKCS#8 prefix of an Ed25519 private key (RFC 8410), before its 32-byte seed.
const ED25519_PKCS8: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];
/// The SPKI prefix of an Ed25519 public key (RFC 8410), before its 32 bytes.
const ED25519_SPKI: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];

/// Runs `$body` with `$d` naming the digest type of hash `$name` (SHA-1 or SHA-2); for another
/// name, returns `Err($err)` with `$other` bound to it. Shared with `jsc/crypto.rs`.
macro_rules! with_hash {
    ($name:expr, $d:ident => $body:expr, $other:ident => $err:expr) => {
        match $name {
            "sha1" => {
                type $d = sha1::Sha1;
                $body
            }
            "sha224" => {
                type $d = sha2::Sha224;
                $body
            }
            "sha256" => {
                type $d = sha2::Sha256;
                $body
            }
            "sha384" => {
                type $d = sha2::Sha384;
                $body
            }
            "sha512" => {
                type $d = sha2::Sha512;
                $body
            }
            $other => return Err($err),
        }
    };
}
pub(crate) use with_hash;

/// ECDSA with the key `$k` of curve crate `$c` over a digest: DER, or r ‖ s with `p1363`.
macro_rules! ecdsa_sign {
    ($c:ident, $k:expr, $digest:expr, $p1363:expr) => {{
        let signature: $c::ecdsa::Signature = $c::ecdsa::SigningKey::from($k)
            .sign_prehash(&$digest)
            .map_err(|e| e.to_string())?;
        Ok(if $p1363 {
            signature.to_bytes().to_vec()
        } else {
            signature.to_der().as_bytes().to_vec()
        })
    }};
}

/// Whether `$signature` (DER, or r ‖ s with `$p1363`) signs the digest `$digest()` gives for
/// the public key `$k` of curve crate `$c`.
macro_rules! ecdsa_verify {
    ($c:ident, $k:expr, $digest:expr, $signature:expr, $p1363:expr) => {{
        let parsed = if $p1363 {
            $c::ecdsa::Signature::from_slice($signature)
        } else {
            $c::ecdsa::Signature::from_der($signature)
        };
        parsed.is_ok_and(|s| {
            $digest().is_ok_and(|d| {
                $c::ecdsa::VerifyingKey::from(&$k)
                    .verify_prehash(&d, &s)
                    .is_ok()
            })
        })
    }};
}

/// A key read from JavaScript's bytes.
pub(crate) enum Key {
    RsaPrivate(Box<rsa::RsaPrivateKey>),
    RsaPublic(Box<rsa::RsaPublicKey>),
    P256Private(p256::SecretKey),
    P256Public(p256::PublicKey),
    P384Private(p384::SecretKey),
    P384Public(p384::PublicKey),
    Ed25519Private(ed25519_dalek::SigningKey),
    Ed25519Public(ed25519_dalek::VerifyingKey),
}

/// Why a key cannot be read, in Node's words where it has them.
const UNSUPPORTED: &str = "error:1E08010C:DECODER routines::unsupported";

impl Key {
    /// Reads a key: PEM text (its label says the format), or DER of `der_type` (`pkcs8`,
    /// `pkcs1`, `sec1`, `spki`).
    pub(crate) fn read(data: &[u8], der_type: Option<&str>) -> Result<Key, String> {
        Self::read_with(data, der_type, None)
    }

    /// [`Key::read`] of a key that may be encrypted under `passphrase`
    /// (`crate::encrypted_key`): PKCS#8 `ENCRYPTED PRIVATE KEY` in PEM or DER, or PKCS#1 and
    /// SEC1 PEM with `Proc-Type: 4,ENCRYPTED`.
    pub(crate) fn read_with(
        data: &[u8],
        der_type: Option<&str>,
        passphrase: Option<&[u8]>,
    ) -> Result<Key, String> {
        use crate::encrypted_key as enc;
        let (label, der) = match der_type {
            Some("pkcs8") if enc::is_encrypted_pkcs8(data) => {
                let passphrase = passphrase.ok_or_else(|| enc::DER_NEEDS_PASSPHRASE.to_owned())?;
                ("pkcs8".to_owned(), enc::decrypt_pkcs8(data, passphrase)?)
            }
            Some(t) => (t.to_owned(), data.to_vec()),
            None => {
                // OpenSSL's traditional encrypted PEM has headers, which RFC 7468 refuses.
                let traditional = std::str::from_utf8(data)
                    .ok()
                    .and_then(|text| enc::decrypt_traditional_pem(text, passphrase));
                let (label, der) = match traditional {
                    Some(decrypted) => decrypted?,
                    None => {
                        let start = data
                            .windows(11)
                            .position(|w| w == b"-----BEGIN ")
                            .ok_or_else(|| UNSUPPORTED.to_owned())?;
                        let (label, der) = pem_rfc7468::decode_vec(&data[start..])
                            .map_err(|_| UNSUPPORTED.to_owned())?;
                        (label.to_owned(), der)
                    }
                };
                let kind = match label.as_str() {
                    "PRIVATE KEY" => "pkcs8",
                    "RSA PRIVATE KEY" => "pkcs1",
                    "EC PRIVATE KEY" => "sec1",
                    "PUBLIC KEY" => "spki",
                    "RSA PUBLIC KEY" => "pkcs1-public",
                    // Its public key: what JWT libraries verify Google's and Firebase's tokens with.
                    "CERTIFICATE" => "certificate",
                    "ENCRYPTED PRIVATE KEY" => {
                        let passphrase =
                            passphrase.ok_or_else(|| enc::PEM_NEEDS_PASSPHRASE.to_owned())?;
                        return Self::read_with(
                            &enc::decrypt_pkcs8(&der, passphrase)?,
                            Some("pkcs8"),
                            None,
                        );
                    }
                    _ => return Err(UNSUPPORTED.into()),
                };
                (kind.to_owned(), der)
            }
        };
        let der = der.as_slice();
        let spki;
        let (label, der) = if label == "certificate" {
            spki = certificate_spki(der).ok_or_else(|| UNSUPPORTED.to_owned())?;
            ("spki".to_owned(), spki.as_slice())
        } else {
            (label, der)
        };
        let key = match label.as_str() {
            "pkcs8" => {
                if der.len() == 48 && der.starts_with(&ED25519_PKCS8) {
                    let seed: [u8; 32] = der[16..].try_into().map_err(|_| UNSUPPORTED)?;
                    Some(Key::Ed25519Private(ed25519_dalek::SigningKey::from_bytes(
                        &seed,
                    )))
                } else {
                    rsa::RsaPrivateKey::from_pkcs8_der(der)
                        .map(|k| Key::RsaPrivate(Box::new(k)))
                        .ok()
                        .or_else(|| {
                            p256::SecretKey::from_pkcs8_der(der)
                                .ok()
                                .map(Key::P256Private)
                        })
                        .or_else(|| {
                            p384::SecretKey::from_pkcs8_der(der)
                                .ok()
                                .map(Key::P384Private)
                        })
                }
            }
            "pkcs1" => rsa::RsaPrivateKey::from_pkcs1_der(der)
                .ok()
                .map(|k| Key::RsaPrivate(Box::new(k)))
                .or_else(|| {
                    rsa::RsaPublicKey::from_pkcs1_der(der)
                        .ok()
                        .map(|k| Key::RsaPublic(Box::new(k)))
                }),
            "pkcs1-public" => rsa::RsaPublicKey::from_pkcs1_der(der)
                .ok()
                .map(|k| Key::RsaPublic(Box::new(k))),
            "sec1" => p256::SecretKey::from_sec1_der(der)
                .ok()
                .map(Key::P256Private)
                .or_else(|| {
                    p384::SecretKey::from_sec1_der(der)
                        .ok()
                        .map(Key::P384Private)
                }),
            "spki" => {
                if der.len() == 44 && der.starts_with(&ED25519_SPKI) {
                    let point: [u8; 32] = der[12..].try_into().map_err(|_| UNSUPPORTED)?;
                    ed25519_dalek::VerifyingKey::from_bytes(&point)
                        .ok()
                        .map(Key::Ed25519Public)
                } else {
                    rsa::RsaPublicKey::from_public_key_der(der)
                        .map(|k| Key::RsaPublic(Box::new(k)))
                        .ok()
                        .or_else(|| {
                            p256::PublicKey::from_public_key_der(der)
                                .ok()
                                .map(Key::P256Public)
                        })
                        .or_else(|| {
                            p384::PublicKey::from_public_key_der(der)
                                .ok()
                                .map(Key::P384Public)
                        })
                }
            }
            _ => None,
        };
        key.ok_or_else(|| UNSUPPORTED.to_owned())
    }

    /// A new private key: RSA of `bits` with public exponent `exponent`, EC on `curve`
    /// (`prime256v1`/`P-256`, `secp384r1`/`P-384`), or Ed25519.
    pub(crate) fn generate(
        kind: &str,
        bits: usize,
        exponent: u64,
        curve: &str,
    ) -> Result<Key, String> {
        let random = |n: usize| -> Result<Vec<u8>, String> {
            let mut out = vec![0; n];
            getrandom::getrandom(&mut out)
                .map_err(|e| format!("no randomness from the system: {e}"))?;
            Ok(out)
        };
        match (kind, curve) {
            ("rsa", _) => {
                let e = rsa::BoxedUint::from_be_slice_vartime(&exponent.to_be_bytes());
                rsa::RsaPrivateKey::new_with_exp(&mut rand::rng(), bits, e)
                    .map(|k| Key::RsaPrivate(Box::new(k)))
                    .map_err(|e| e.to_string())
            }
            ("ec", "prime256v1" | "P-256") => loop {
                if let Ok(k) = p256::SecretKey::from_slice(&random(32)?) {
                    return Ok(Key::P256Private(k));
                }
            },
            ("ec", "secp384r1" | "P-384") => loop {
                if let Ok(k) = p384::SecretKey::from_slice(&random(48)?) {
                    return Ok(Key::P384Private(k));
                }
            },
            ("ed25519", _) => {
                let seed: [u8; 32] = random(32)?.try_into().map_err(|_| "no seed".to_owned())?;
                Ok(Key::Ed25519Private(ed25519_dalek::SigningKey::from_bytes(
                    &seed,
                )))
            }
            _ => Err(format!("no {kind} key generation for curve {curve}")),
        }
    }

    /// The key as DER of `format`: `pkcs8`/`spki` (see [`Key::der`]), `pkcs1` (RSA) or `sec1`
    /// (a private EC key).
    pub(crate) fn encode(&self, format: &str) -> Result<Vec<u8>, String> {
        use rsa::pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey};
        let failed = |e: &dyn std::fmt::Display| e.to_string();
        match (format, self) {
            ("pkcs8" | "spki", _) => self.der(),
            ("pkcs1", Key::RsaPrivate(k)) => Ok(k
                .to_pkcs1_der()
                .map_err(|e| failed(&e))?
                .as_bytes()
                .to_vec()),
            ("pkcs1", Key::RsaPublic(k)) => {
                Ok(k.to_pkcs1_der().map_err(|e| failed(&e))?.into_vec())
            }
            ("sec1", Key::P256Private(k)) => Ok(k.to_sec1_der().map_err(|e| failed(&e))?.to_vec()),
            ("sec1", Key::P384Private(k)) => Ok(k.to_sec1_der().map_err(|e| failed(&e))?.to_vec()),
            _ => Err(format!(
                "a {} key cannot be encoded as {format}",
                self.kind().0
            )),
        }
    }

    /// `publicEncrypt`/`privateDecrypt` with an RSA key, by `mode`: `encrypt-oaep` and
    /// `decrypt-oaep` (OAEP with MGF1 of `hash` and `label`) or `encrypt-pkcs1` (PKCS#1 v1.5,
    /// which Node 20 refuses to decrypt). Errors carry OpenSSL's words, as Node's do.
    pub(crate) fn rsa_crypt(
        &self,
        mode: &str,
        hash: &str,
        label: &[u8],
        data: &[u8],
    ) -> Result<Vec<u8>, String> {
        match mode {
            // `privateEncrypt` and `publicDecrypt`: PKCS#1 v1.5 type 1 padding, the signature
            // primitive without a digest.
            "private-encrypt" => {
                let Key::RsaPrivate(k) = self else {
                    return Err("a private RSA key is needed to encrypt with it".into());
                };
                return k
                    .sign(rsa::pkcs1v15::Pkcs1v15Sign::new_unprefixed(), data)
                    .map_err(|_| {
                        "error:0200006E:rsa routines::data too large for key size".into()
                    });
            }
            "public-decrypt" => {
                let Key::RsaPublic(k) = self.public() else {
                    return Err("an RSA key is needed to decrypt with it".into());
                };
                return public_decrypt(&k, data);
            }
            // RSA_NO_PADDING: the bare primitive with the public or the private exponent.
            "public-raw-encrypt"
            | "public-raw-decrypt"
            | "private-raw-encrypt"
            | "private-raw-decrypt" => return self.rsa_raw(mode, data),
            _ => {}
        }
        let (decrypt, padding) = match mode {
            "encrypt-oaep" => (false, 4),
            "encrypt-pkcs1" => (false, 1),
            "decrypt-oaep" => (true, 4),
            other => return Err(format!("no RSA mode {other}")),
        };
        let oaep_failed = || "error:02000079:rsa routines::oaep decoding error".to_owned();
        let too_large = || "error:0200006E:rsa routines::data too large for key size".to_owned();
        match (self, decrypt) {
            // An empty label is OAEP's default (the rsa crate hashes an absent one as empty).
            (Key::RsaPrivate(k), true) => with_hash!(hash, D => {
                k.decrypt(rsa::Oaep::<D>::new_with_label(label), data).map_err(|_| oaep_failed())
            }, other => format!("Invalid digest: {other}")),
            (_, false) => {
                let Key::RsaPublic(k) = self.public() else {
                    return Err("an RSA key is needed to encrypt".into());
                };
                if padding == 1 {
                    return k
                        .encrypt(&mut rand::rng(), rsa::Pkcs1v15Encrypt, data)
                        .map_err(|_| too_large());
                }
                with_hash!(hash, D => {
                    k.encrypt(&mut rand::rng(), rsa::Oaep::<D>::new_with_label(label), data).map_err(|_| too_large())
                }, other => format!("Invalid digest: {other}"))
            }
            _ => Err("a private RSA key is needed to decrypt".into()),
        }
    }

    /// RSA without padding (`RSA_NO_PADDING`): `data` as a number raised to the public exponent
    /// (`public-raw-*`) or the private one (`private-raw-*`), with OpenSSL's checks: an
    /// encryption takes exactly the modulus's length, a decryption at most that; the number
    /// must be below the modulus. The result has the modulus's length.
    fn rsa_raw(&self, mode: &str, data: &[u8]) -> Result<Vec<u8>, String> {
        use rsa::traits::PublicKeyParts;
        let public = self.public();
        let Key::RsaPublic(pk) = &public else {
            return Err("an RSA key is needed for RSA_NO_PADDING".into());
        };
        let n = pk.n();
        let size = pk.size();
        if mode.ends_with("-encrypt") && data.len() < size {
            return Err("error:0200007A:rsa routines::data too small for key size".into());
        }
        if data.len() > size {
            return Err(if mode.ends_with("-encrypt") {
                "error:0200006E:rsa routines::data too large for key size".into()
            } else {
                "error:0200006C:rsa routines::data greater than mod len".into()
            });
        }
        let m = rsa::BoxedUint::from_be_slice(data, n.bits_precision())
            .map_err(|_| UNSUPPORTED.to_owned())?;
        if m >= *n.as_ref() {
            return Err("error:02000084:rsa routines::data too large for modulus".into());
        }
        let out = if mode.starts_with("public") {
            rsa::hazmat::rsa_encrypt(pk.as_ref(), &m)
        } else {
            let Key::RsaPrivate(k) = self else {
                return Err("a private RSA key is needed for it".into());
            };
            rsa::hazmat::rsa_decrypt_and_check(k.as_ref(), Some(&mut rand::rng()), &m)
        }
        .map_err(|e| e.to_string())?;
        let bytes = out.to_be_bytes();
        let mut padded = vec![0; size.saturating_sub(bytes.len())];
        padded.extend_from_slice(&bytes[bytes.len().saturating_sub(size)..]);
        Ok(padded)
    }

    pub(crate) fn is_private(&self) -> bool {
        matches!(
            self,
            Key::RsaPrivate(_) | Key::P256Private(_) | Key::P384Private(_) | Key::Ed25519Private(_)
        )
    }

    /// Node's `asymmetricKeyType` and, for EC keys, the curve's name (`namedCurve`).
    pub(crate) fn kind(&self) -> (&'static str, &'static str) {
        match self {
            Key::RsaPrivate(_) | Key::RsaPublic(_) => ("rsa", ""),
            Key::P256Private(_) | Key::P256Public(_) => ("ec", "prime256v1"),
            Key::P384Private(_) | Key::P384Public(_) => ("ec", "secp384r1"),
            Key::Ed25519Private(_) | Key::Ed25519Public(_) => ("ed25519", ""),
        }
    }

    /// The public half (a public key is its own).
    pub(crate) fn public(&self) -> Key {
        match self {
            Key::RsaPrivate(k) => Key::RsaPublic(Box::new(k.to_public_key())),
            Key::RsaPublic(k) => Key::RsaPublic(k.clone()),
            Key::P256Private(k) => Key::P256Public(k.public_key()),
            Key::P256Public(k) => Key::P256Public(*k),
            Key::P384Private(k) => Key::P384Public(k.public_key()),
            Key::P384Public(k) => Key::P384Public(*k),
            Key::Ed25519Private(k) => Key::Ed25519Public(k.verifying_key()),
            Key::Ed25519Public(k) => Key::Ed25519Public(*k),
        }
    }

    /// PKCS#8 DER for a private key, SPKI DER for a public one.
    pub(crate) fn der(&self) -> Result<Vec<u8>, String> {
        match self {
            Key::RsaPrivate(k) => pkcs8(k.as_ref()),
            Key::RsaPublic(k) => spki(k.as_ref()),
            Key::P256Private(k) => pkcs8(k),
            Key::P256Public(k) => spki(k),
            Key::P384Private(k) => pkcs8(k),
            Key::P384Public(k) => spki(k),
            Key::Ed25519Private(k) => Ok([&ED25519_PKCS8[..], &k.to_bytes()[..]].concat()),
            Key::Ed25519Public(k) => Ok([&ED25519_SPKI[..], &k.to_bytes()[..]].concat()),
        }
    }

    /// Signs `data`: RSASSA-PKCS1-v1_5 or ECDSA over its `hash` digest (ECDSA's signature in
    /// DER, or r ‖ s with `p1363`), or Ed25519 over `data` itself (`hash` None).
    pub(crate) fn sign(
        &self,
        hash: Option<&str>,
        data: &[u8],
        p1363: bool,
        pss: Option<i64>,
    ) -> Result<Vec<u8>, String> {
        let digest = || digest(hash.unwrap_or("sha256"), data);
        match self {
            Key::RsaPrivate(k) => match pss {
                None => k.sign(pkcs1v15(hash.unwrap_or("sha256"))?, &digest()?),
                Some(salt) => {
                    use rsa::traits::PublicKeyParts;
                    let hash = hash.unwrap_or("sha256");
                    let digest = digest()?;
                    // Node's -1 is the digest's length, -2 (its default) the most that fits.
                    let most = (k.n().bits() as usize - 1).div_ceil(8) - digest.len() - 2;
                    let salt = match salt {
                        -1 => digest.len(),
                        -2 => most,
                        n => usize::try_from(n).map_err(|_| format!("invalid salt length {n}"))?,
                    };
                    with_hash!(hash, D => k.sign_with_rng(&mut rand::rng(), rsa::pss::Pss::<D>::new_with_salt(salt), &digest), other => format!("Invalid digest: {other}"))
                }
            }
            .map_err(|e| e.to_string()),
            Key::P256Private(k) => ecdsa_sign!(p256, k, digest()?, p1363),
            Key::P384Private(k) => ecdsa_sign!(p384, k, digest()?, p1363),
            Key::Ed25519Private(k) => {
                use ed25519_dalek::Signer;
                Ok(k.sign(data).to_bytes().to_vec())
            }
            _ => Err("a private key is needed to sign".into()),
        }
    }

    /// Whether `signature` signs `data` (see [`Key::sign`]); a private key verifies with its
    /// public half.
    pub(crate) fn verify(
        &self,
        hash: Option<&str>,
        data: &[u8],
        signature: &[u8],
        p1363: bool,
        pss: Option<i64>,
    ) -> Result<bool, String> {
        let digest = || digest(hash.unwrap_or("sha256"), data);
        Ok(match self.public() {
            Key::RsaPublic(k) => match pss {
                None => k
                    .verify(pkcs1v15(hash.unwrap_or("sha256"))?, &digest()?, signature)
                    .is_ok(),
                Some(salt) => {
                    let digest = digest()?;
                    // Node's -2 (its default) finds the salt's length; -1 is the digest's.
                    let salt_len = match salt {
                        -2 => None,
                        -1 => Some(digest.len()),
                        n => Some(
                            usize::try_from(n).map_err(|_| format!("invalid salt length {n}"))?,
                        ),
                    };
                    with_hash!(hash.unwrap_or("sha256"), D => k.verify(
                        rsa::pss::Pss::<D> { blinded: false, digest: <D as Digest>::new(), salt_len },
                        &digest,
                        signature,
                    ), other => format!("Invalid digest: {other}"))
                    .is_ok()
                }
            },
            Key::P256Public(k) => ecdsa_verify!(p256, k, digest, signature, p1363),
            Key::P384Public(k) => ecdsa_verify!(p384, k, digest, signature, p1363),
            Key::Ed25519Public(k) => {
                use ed25519_dalek::Verifier;
                <[u8; 64]>::try_from(signature).is_ok_and(|s| {
                    k.verify(data, &ed25519_dalek::Signature::from_bytes(&s))
                        .is_ok()
                })
            }
            _ => false,
        })
    }
}

/// What `keyRead` gives JavaScript of the key in `data` (see [`Key::read`]): its description
/// ([`describe`]) and its DER (PKCS#8 or SPKI). `want`: `private` refuses a public key, as
/// OpenSSL does; `public` gives the public half of a private key.
pub(crate) fn read_for_js(
    data: &[u8],
    der_type: Option<&str>,
    want: Option<&str>,
    passphrase: Option<&[u8]>,
) -> Result<(String, Vec<u8>), String> {
    let mut key = Key::read_with(data, der_type, passphrase)?;
    match want {
        Some("private") if !key.is_private() => return Err(UNSUPPORTED.into()),
        Some("public") => key = key.public(),
        _ => {}
    }
    Ok((describe(&key), key.der()?))
}

/// What JavaScript's KeyObject shows of `key`: `private|public <asymmetricKeyType>
/// [namedCurve]`.
/// An RSA key's third word is its modulus length in bits and its fourth its public exponent
/// (Node's `asymmetricKeyDetails`).
pub(crate) fn describe(key: &Key) -> String {
    use rsa::traits::PublicKeyParts;
    let (kind, curve) = key.kind();
    let ty = if key.is_private() {
        "private"
    } else {
        "public"
    };
    let details = match key.public() {
        Key::RsaPublic(k) => format!(
            "{} {}",
            k.n().bits(),
            k.e()
                .to_be_bytes_trimmed_vartime()
                .iter()
                .fold(0u64, |a, &b| (a << 8) | u64::from(b))
        ),
        _ => curve.to_owned(),
    };
    format!("{ty} {kind} {details}").trim_end().to_owned()
}

/// One DER element at the start of `input`: its tag, its contents and what follows it.
fn element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |a, &b| (a << 8) | usize::from(b));
        (len, &rest[n..])
    };
    (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
}

/// The element at the start of `input` when its tag is `tag`: its contents and what follows.
pub(crate) fn expect(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    match element(input)? {
        (found, contents, rest) if found == tag => Some((contents, rest)),
        _ => None,
    }
}

/// The SubjectPublicKeyInfo of an X.509 certificate (RFC 5280 §4.1): the seventh field of its
/// `tbsCertificate`, after the optional version and serial number, signature algorithm,
/// issuer, validity and subject.
fn certificate_spki(der: &[u8]) -> Option<Vec<u8>> {
    const SEQUENCE: u8 = 0x30;
    let (certificate, _) = expect(der, SEQUENCE)?;
    let (mut rest, _) = expect(certificate, SEQUENCE)?;
    // version: [0] EXPLICIT, absent for v1.
    if let Some((0xa0, _, after)) = element(rest) {
        rest = after;
    }
    for _ in 0..5 {
        rest = element(rest)?.2;
    }
    let (_, after) = expect(rest, SEQUENCE)?;
    Some(rest[..rest.len() - after.len()].to_vec())
}

/// The digest of `data` by `hash` (`sha1`, `sha224`, `sha256`, `sha384`, `sha512`).
fn digest(hash: &str, data: &[u8]) -> Result<Vec<u8>, String> {
    with_hash!(hash, D => Ok(D::digest(data).to_vec()), other => format!("Invalid digest: {other}"))
}

/// A private key's PKCS#8 DER.
fn pkcs8(key: &impl EncodePrivateKey) -> Result<Vec<u8>, String> {
    Ok(key
        .to_pkcs8_der()
        .map_err(|e| e.to_string())?
        .as_bytes()
        .to_vec())
}

/// A public key's SPKI DER.
fn spki(key: &impl EncodePublicKey) -> Result<Vec<u8>, String> {
    Ok(key
        .to_public_key_der()
        .map_err(|e| e.to_string())?
        .into_vec())
}

/// PKCS#1 v1.5 signatures over the digest by `hash`, with its DigestInfo prefix (RFC 8017
/// §9.2, note 1), made by the rsa crate from the digest's OID.
pub(crate) fn pkcs1v15(hash: &str) -> Result<rsa::pkcs1v15::Pkcs1v15Sign, String> {
    with_hash!(hash, D => Ok(rsa::pkcs1v15::Pkcs1v15Sign::new::<D>()), other => format!("unsupported hash {other}"))
}

/// `publicDecrypt` with PKCS#1 v1.5 padding: the public key's RSA operation on `data`, then
/// the type 1 padding (`00 01 FF… 00`, at least eight `FF`) taken off; OpenSSL's error when
/// it is not there.
fn public_decrypt(k: &rsa::RsaPublicKey, data: &[u8]) -> Result<Vec<u8>, String> {
    use rsa::traits::PublicKeyParts;
    let invalid = || "error:0200008A:rsa routines::invalid padding".to_owned();
    let size = k.size();
    if data.len() > size {
        return Err("error:0200006C:rsa routines::data greater than mod len".into());
    }
    let c = rsa::BoxedUint::from_be_slice(data, k.n_bits_precision()).map_err(|_| invalid())?;
    if c >= *k.n().as_ref() {
        return Err("error:02000084:rsa routines::data too large for modulus".into());
    }
    let m = rsa::hazmat::rsa_encrypt(k, &c).map_err(|_| invalid())?;
    let bytes = m.to_be_bytes();
    let Some(em) = bytes.len().checked_sub(size).map(|skip| &bytes[skip..]) else {
        return Err(invalid());
    };
    if em.len() < 11 || em[0] != 0 || em[1] != 1 {
        return Err(invalid());
    }
    let pad = em[2..].iter().take_while(|&&b| b == 0xFF).count();
    match em.get(2 + pad) {
        Some(0) if pad >= 8 => Ok(em[3 + pad..].to_vec()),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::{describe, pkcs1v15, Key};

    // An Ed25519 key of RFC 8410 §10.3, and a P-256 key made for this test (openssl genpkey).
    const ED25519: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
    const P256_SEC1: &str = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGGuMt9qF1bhI/BZ0bsoGzblCbewIW3CyvaCqs03nZOFoAoGCCqGSM49\nAwEHoUQDQgAEHrA8BtRcyC8Mjmlu1u423uMwEn9k8R7VqH0AcTj54Yy/bbSbvn9+\nCiJfuMZZCq8AEAzN5z9mmY+XLCuG8wcBCQ==\n-----END EC PRIVATE KEY-----\n";

    #[test]
    fn keys_read_from_pem_and_sign_what_they_verify() {
        for pem in [ED25519, P256_SEC1] {
            let key = Key::read(pem.as_bytes(), None).unwrap();
            assert!(key.is_private());
            let signature = key.sign(Some("sha256"), b"data", false, None).unwrap();
            let public = Key::read(&key.public().der().unwrap(), Some("spki")).unwrap();
            assert!(public
                .verify(Some("sha256"), b"data", &signature, false, None)
                .unwrap());
            assert!(!public
                .verify(Some("sha256"), b"other", &signature, false, None)
                .unwrap());
            // PKCS#8 DER reads back as the same key.
            let again = Key::read(&key.der().unwrap(), Some("pkcs8")).unwrap();
            assert_eq!(describe(&again), describe(&key));
        }
        assert_eq!(
            describe(&Key::read(P256_SEC1.as_bytes(), None).unwrap()),
            "private ec prime256v1"
        );
        assert_eq!(
            describe(&Key::read(ED25519.as_bytes(), None).unwrap()),
            "private ed25519"
        );
    }

    #[test]
    fn a_certificate_reads_as_its_public_key() {
        // A self-signed certificate of P256_SEC1 (openssl req -x509).
        let cert = "-----BEGIN CERTIFICATE-----\nMIIBhzCCAS2gAwIBAgIUUDprghwvL8M9W58DI18t5Q+PX1wwCgYIKoZIzj0EAwIw\nGDEWMBQGA1UEAwwNZmVycm91dGUgdGVzdDAgFw0yNjEyMDEwOTE1MTlaGA8yMTI2\nMTEwNzA5MTUxOVowGDEWMBQGA1UEAwwNZmVycm91dGUgdGVzdDBZMBMGByqGSM49\nAgEGCCqGSM49AwEHA0IABB6wPAbUXMgvDI5pbtbuNt7jMBJ/ZPEe1ah9AHE4+eGM\nv220m75/fgoiX7jGWQqvABAMzec/ZpmPlywrhvMHAQmjUzBRMB0GA1UdDgQWBBQU\nkQvVFaAAAzJ3DkS54dvLtraG9DAfBgNVHSMEGDAWgBQUkQvVFaAAAzJ3DkS54dvL\ntraG9DAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIFwX4vyUQGbN\nAnXFDOFdtUkMuO5GuC1dk3uOL6i6qA4PAiEA+kE7ssfWBkgAY+i0/nWlgMNC+Oue\nHnXh5sgUQn54BJM=\n-----END CERTIFICATE-----\n";
        let from_cert = Key::read(cert.as_bytes(), None).unwrap();
        let key = Key::read(P256_SEC1.as_bytes(), None).unwrap();
        assert!(!from_cert.is_private());
        assert_eq!(from_cert.der().unwrap(), key.public().der().unwrap());
    }

    #[test]
    fn generated_keys_sign_and_encode_in_every_format() {
        for (kind, curve, formats) in [
            ("rsa", "", &["pkcs8", "pkcs1"][..]),
            ("ec", "prime256v1", &["pkcs8", "sec1"][..]),
            ("ec", "secp384r1", &["pkcs8", "sec1"][..]),
            ("ed25519", "", &["pkcs8"][..]),
        ] {
            let key = Key::generate(kind, 1024, 65537, curve).unwrap();
            let signature = key.sign(Some("sha256"), b"data", false, None).unwrap();
            assert!(key
                .verify(Some("sha256"), b"data", &signature, false, None)
                .unwrap());
            for format in formats {
                let der = key.encode(format).unwrap();
                assert_eq!(
                    describe(&Key::read(&der, Some(format)).unwrap()),
                    describe(&key)
                );
            }
        }
        assert!(Key::generate("ec", 0, 0, "secp256k1").is_err());
        let ed = Key::generate("ed25519", 0, 0, "").unwrap();
        assert!(ed.encode("pkcs1").is_err());
    }

    #[test]
    fn rsa_pss_salt_lengths_as_node_counts_them() {
        let key = Key::generate("rsa", 1024, 65537, "").unwrap();
        // -2: the most that fits (128 - 32 - 2 = 94 bytes) to sign, found when verifying.
        let max = key.sign(Some("sha256"), b"data", false, Some(-2)).unwrap();
        assert!(key
            .verify(Some("sha256"), b"data", &max, false, Some(-2))
            .unwrap());
        assert!(key
            .verify(Some("sha256"), b"data", &max, false, Some(94))
            .unwrap());
        assert!(!key
            .verify(Some("sha256"), b"data", &max, false, Some(-1))
            .unwrap());
        // -1: the digest's length.
        let digest = key.sign(Some("sha256"), b"data", false, Some(-1)).unwrap();
        assert!(key
            .verify(Some("sha256"), b"data", &digest, false, Some(32))
            .unwrap());
        // Not PKCS#1 v1.5.
        assert!(!key
            .verify(Some("sha256"), b"data", &digest, false, None)
            .unwrap());
    }

    #[test]
    fn rsa_encryption_round_trips_and_fails_as_openssl_says() {
        let key = Key::generate("rsa", 1024, 65537, "").unwrap();
        for hash in ["sha1", "sha256"] {
            let sealed = key
                .rsa_crypt("encrypt-oaep", hash, b"label", b"secret")
                .unwrap();
            assert_eq!(
                key.rsa_crypt("decrypt-oaep", hash, b"label", &sealed)
                    .unwrap(),
                b"secret"
            );
            assert!(key
                .rsa_crypt("decrypt-oaep", hash, b"other", &sealed)
                .unwrap_err()
                .contains("oaep decoding error"));
        }
        assert_eq!(
            key.rsa_crypt("encrypt-pkcs1", "sha1", b"", b"x")
                .unwrap()
                .len(),
            128
        );
        assert!(key
            .rsa_crypt("encrypt-oaep", "sha1", b"", &[0; 200])
            .unwrap_err()
            .contains("data too large"));
        let public = key.public();
        assert!(public
            .rsa_crypt("decrypt-oaep", "sha1", b"", &[0; 128])
            .is_err());
    }

    #[test]
    fn what_is_not_a_key_says_so_as_node_does() {
        for bad in [
            "not a key",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        ] {
            assert_eq!(
                Key::read(bad.as_bytes(), None).err().as_deref(),
                Some("error:1E08010C:DECODER routines::unsupported")
            );
        }
    }

    #[test]
    fn digest_info_prefixes_are_rfc_8017s() {
        let prefix = |h| pkcs1v15(h).unwrap().prefix.to_vec();
        assert_eq!(
            prefix("sha256"),
            [
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20
            ]
        );
        assert_eq!(
            prefix("sha1"),
            [
                0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
                0x14
            ]
        );
        assert!(pkcs1v15("md5").is_err());
    }
}
