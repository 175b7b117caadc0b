//! The natives of `crypto` and `node:crypto` on JavaScriptCore (`js/jsc/50_crypto.js`), on the
//! RustCrypto crates llrt already brings: OS randomness, hashes and HMACs streamed through a
//! native object, PBKDF2, HKDF, AES in CBC, CTR and GCM modes, ECDSA and ECDH on P-256 and
//! P-384, Ed25519, and RSA (PKCS#1 v1.5 and PSS signatures, OAEP).
//!
//! Keys cross as plain bytes: an EC private key as its scalar, an EC public key as its
//! uncompressed SEC1 point, Ed25519 keys as their 32-byte seed and public key, RSA keys as
//! their PKCS#8 (private) and SPKI (public) documents. PKCS#8 and SPKI documents are read and
//! written here for EC and RSA keys; the JavaScript frames Ed25519's, which have one fixed
//! layout.
//!
//! A hash or cipher in progress is a native function that owns its state (`hashCreate`,
//! `cipherCreate` return it): the state lives as long as the JavaScript object holding the
//! function, and is freed with it. The function takes an operation number and its argument.

use std::cell::RefCell;

use crate::aes_cbc::{cbc_block, Aes};

use super::natives::{arg, opt_string_arg};
use aes::cipher::KeyInit;
use aes_gcm::aead::consts::{U12, U16};
use aes_gcm::aead::AeadInOut;
use aes_gcm::AesGcm;
use ed25519_dalek::{Signer, Verifier};
use ferroute_jsc::{JsError, Value, Vm};
use hmac::HmacReset;
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::elliptic_curve::sec1::ToSec1Point;
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use sha2::digest::DynDigest;

type NativeResult = Result<Value, JsError>;

/// Adds the crypto natives to `native`.
pub(super) fn install(vm: &Vm, native: &Value) -> Result<(), JsError> {
    let table = super::Natives { vm, target: native };
    table.add("randomFill", random_fill)?;
    table.add("hashCreate", hash_create)?;
    table.add("pbkdf2", pbkdf2_native)?;
    table.add("scrypt", scrypt_native)?;
    table.add("keyRead", key_read)?;
    table.add("keySign", key_sign)?;
    table.add("keyVerify", key_verify)?;
    table.add("keyGenerate", key_generate)?;
    table.add("keyEncode", key_encode)?;
    table.add("keyEncrypt", key_encrypt)?;
    table.add("keyCrypt", key_crypt)?;
    table.add("hkdf", hkdf_native)?;
    table.add("cipherCreate", cipher_create)?;
    table.add("ecKey", ec_key)?;
    table.add("ecExport", ec_export)?;
    table.add("ecSign", ec_sign)?;
    table.add("ecVerify", ec_verify)?;
    table.add("ecdh", ecdh)?;
    table.add("edKey", ed_key)?;
    table.add("edSign", ed_sign)?;
    table.add("edVerify", ed_verify)?;
    table.add("rsaKey", rsa_key)?;
    table.add("rsaJwk", rsa_jwk)?;
    table.add("rsaSign", rsa_sign)?;
    table.add("rsaVerify", rsa_verify)?;
    table.add("rsaOaep", rsa_oaep)?;
    Ok(())
}

fn number(args: &[Value], i: usize) -> Result<f64, JsError> {
    arg(args, i).map_or(Ok(f64::NAN), Value::to_number)
}

/// A non-negative integer argument (NaN and negatives are 0).
fn count(args: &[Value], i: usize) -> Result<usize, JsError> {
    let n = number(args, i)?;
    Ok(if n.is_finite() && n > 0.0 {
        n as usize
    } else {
        0
    })
}

fn string(args: &[Value], i: usize) -> Result<String, JsError> {
    arg(args, i).map_or(Ok(String::new()), Value::to_string)
}

/// Bytes from a string (its UTF-8), an ArrayBuffer or a typed array; missing or null is empty.
fn bytes(args: &[Value], i: usize) -> Result<Vec<u8>, JsError> {
    match arg(args, i) {
        None => Ok(Vec::new()),
        Some(v) if v.is_nullish() => Ok(Vec::new()),
        Some(v) => match v.as_string() {
            Some(s) => Ok(s.into_bytes()),
            None => v.bytes(),
        },
    }
}

/// `randomFill(n) → Uint8Array`: `n` bytes from the operating system's generator.
fn random_fill(vm: &Vm, args: &[Value]) -> NativeResult {
    let mut out = vec![0; count(args, 0)?];
    getrandom::getrandom(&mut out)
        .map_err(|e| JsError::error(&format!("no randomness from the system: {e}")))?;
    vm.uint8_array(out)
}

/// A hash (no key) or an HMAC (with `key`) by Node's lower-case name, None when unknown.
fn hasher(name: &str, key: Option<&[u8]>) -> Option<Box<dyn DynDigest>> {
    macro_rules! make {
        ($t:ty) => {
            match key {
                None => Box::new(<$t>::default()) as Box<dyn DynDigest>,
                Some(k) => Box::new(<HmacReset<$t> as KeyInit>::new_from_slice(k).ok()?),
            }
        };
    }
    Some(match name {
        "md5" => make!(md5::Md5),
        "sha1" => make!(sha1::Sha1),
        "sha224" => make!(sha2::Sha224),
        "sha256" => make!(sha2::Sha256),
        "sha384" => make!(sha2::Sha384),
        "sha512" => make!(sha2::Sha512),
        "sha512-224" => make!(sha2::Sha512_224),
        "sha512-256" => make!(sha2::Sha512_256),
        _ => return None,
    })
}

/// `hashCreate(name, key?) → handle | null`: a hash, or an HMAC when `key` is given (bytes);
/// null for an unknown name. `handle(0, data)` adds a string (UTF-8) or bytes, `handle(1)`
/// ends it and returns the digest (Uint8Array), `handle(2)` returns a copy in the same state.
fn hash_create(vm: &Vm, args: &[Value]) -> NativeResult {
    let name = string(args, 0)?;
    let key = match arg(args, 1) {
        Some(_) => Some(bytes(args, 1)?),
        None => None,
    };
    Ok(match hasher(&name, key.as_deref()) {
        Some(state) => hash_handle(vm, state),
        None => vm.null(),
    })
}

fn hash_handle(vm: &Vm, state: Box<dyn DynDigest>) -> Value {
    let state = RefCell::new(Some(state));
    vm.function("hash", move |vm, args| {
        let ended = || JsError::error("Digest already called");
        match number(args, 0)? as u32 {
            0 => {
                let data = bytes(args, 1)?;
                state.borrow_mut().as_mut().ok_or_else(ended)?.update(&data);
                Ok(vm.undefined())
            }
            1 => {
                let done = state.borrow_mut().take().ok_or_else(ended)?;
                vm.uint8_array(done.finalize().into_vec())
            }
            _ => {
                let copy = state.borrow().as_ref().ok_or_else(ended)?.box_clone();
                Ok(hash_handle(vm, copy))
            }
        }
    })
}

/// Reads argument 0 as a key of DER type argument 1 (PEM when none).
fn key_arg(args: &[Value]) -> Result<crate::sign::Key, JsError> {
    crate::sign::Key::read(&bytes(args, 0)?, opt_string_arg(args, 1)?.as_deref())
        .map_err(|e| JsError::error(&e))
}

/// `keyRead(data, derType, want, passphrase?) → [description, der]` (`sign::read_for_js`).
fn key_read(vm: &Vm, args: &[Value]) -> NativeResult {
    let passphrase = match arg(args, 3) {
        Some(v) if !v.is_nullish() => Some(bytes(args, 3)?),
        _ => None,
    };
    let (description, der) = crate::sign::read_for_js(
        &bytes(args, 0)?,
        opt_string_arg(args, 1)?.as_deref(),
        opt_string_arg(args, 2)?.as_deref(),
        passphrase.as_deref(),
    )
    .map_err(|e| JsError::error(&e))?;
    vm.array(&[vm.string(&description), vm.uint8_array(der)?])
}

/// RSA-PSS's salt length in Node's terms (argument `i`), None for PKCS#1 v1.5.
fn pss_arg(args: &[Value], i: usize) -> Result<Option<i64>, JsError> {
    match arg(args, i) {
        Some(v) if !v.is_nullish() => Ok(Some(v.to_number()? as i64)),
        _ => Ok(None),
    }
}

/// `keySign(pkcs8, hash | null, data, p1363, pssSaltLength | undefined) → Uint8Array`.
fn key_sign(vm: &Vm, args: &[Value]) -> NativeResult {
    let key =
        crate::sign::Key::read(&bytes(args, 0)?, Some("pkcs8")).map_err(|e| JsError::error(&e))?;
    let signature = key
        .sign(
            opt_string_arg(args, 1)?.as_deref(),
            &bytes(args, 2)?,
            arg(args, 3).and_then(Value::as_bool) == Some(true),
            pss_arg(args, 4)?,
        )
        .map_err(|e| JsError::error(&e))?;
    vm.uint8_array(signature)
}

/// `keyGenerate(kind, bits, exponent, curve) → Uint8Array`: a new private key, as PKCS#8.
fn key_generate(vm: &Vm, args: &[Value]) -> NativeResult {
    let der = crate::sign::Key::generate(
        &string(args, 0)?,
        count(args, 1)?,
        number(args, 2)? as u64,
        &string(args, 3)?,
    )
    .and_then(|k| k.der())
    .map_err(|e| JsError::error(&e))?;
    vm.uint8_array(der)
}

/// `keyCrypt(der, derType, mode, hash, data, label) → Uint8Array`: RSA encryption or
/// decryption (`Key::rsa_crypt`).
fn key_crypt(vm: &Vm, args: &[Value]) -> NativeResult {
    let out = key_arg(args)?
        .rsa_crypt(
            &string(args, 2)?,
            &string(args, 3)?,
            &bytes(args, 5)?,
            &bytes(args, 4)?,
        )
        .map_err(|e| JsError::error(&e))?;
    vm.uint8_array(out)
}

/// `keyEncrypt(der, format, label, cipher, passphrase) → Uint8Array | string`
/// (`encrypted_key::encrypt`).
fn key_encrypt(vm: &Vm, args: &[Value]) -> NativeResult {
    use crate::encrypted_key::{encrypt, Sealed};
    let sealed = encrypt(
        &bytes(args, 0)?,
        &string(args, 1)?,
        &string(args, 2)?,
        &string(args, 3)?,
        &bytes(args, 4)?,
    )
    .map_err(|e| JsError::error(&e))?;
    match sealed {
        Sealed::Der(der) => vm.uint8_array(der),
        Sealed::Pem(pem) => Ok(vm.string(&pem)),
    }
}

/// `keyEncode(der, derType, format) → Uint8Array`: the key as DER of `format` (`sign.rs`).
fn key_encode(vm: &Vm, args: &[Value]) -> NativeResult {
    let out = key_arg(args)?
        .encode(&string(args, 2)?)
        .map_err(|e| JsError::error(&e))?;
    vm.uint8_array(out)
}

/// `keyVerify(der, derType, hash | null, data, signature, p1363, pssSaltLength | undefined)
/// → boolean`.
fn key_verify(vm: &Vm, args: &[Value]) -> NativeResult {
    let key = key_arg(args)?;
    let ok = key
        .verify(
            opt_string_arg(args, 2)?.as_deref(),
            &bytes(args, 3)?,
            &bytes(args, 4)?,
            arg(args, 5).and_then(Value::as_bool) == Some(true),
            pss_arg(args, 6)?,
        )
        .map_err(|e| JsError::error(&e))?;
    Ok(vm.boolean(ok))
}

/// `scrypt(password, salt, N, r, p, length) → Uint8Array` (`crate::kdf::scrypt`).
fn scrypt_native(vm: &Vm, args: &[Value]) -> NativeResult {
    let password = bytes(args, 0)?;
    let salt = bytes(args, 1)?;
    let out = crate::kdf::scrypt(
        &password,
        &salt,
        count(args, 2)? as u64,
        u32::try_from(count(args, 3)?).unwrap_or(0),
        u32::try_from(count(args, 4)?).unwrap_or(0),
        count(args, 5)?,
    )
    .map_err(|e| JsError::range_error(&format!("Invalid scrypt params: {e}")))?;
    vm.uint8_array(out)
}

/// `pbkdf2(hash, password, salt, iterations, length) → Uint8Array`.
fn pbkdf2_native(vm: &Vm, args: &[Value]) -> NativeResult {
    let name = string(args, 0)?;
    let password = bytes(args, 1)?;
    let salt = bytes(args, 2)?;
    let rounds = u32::try_from(count(args, 3)?).unwrap_or(u32::MAX);
    let mut out = vec![0; count(args, 4)?];
    macro_rules! run {
        ($t:ty) => {
            pbkdf2::pbkdf2::<hmac::Hmac<$t>>(&password, &salt, rounds, &mut out)
        };
    }
    let done = match name.as_str() {
        "md5" => run!(md5::Md5),
        "sha1" => run!(sha1::Sha1),
        "sha224" => run!(sha2::Sha224),
        "sha256" => run!(sha2::Sha256),
        "sha384" => run!(sha2::Sha384),
        "sha512" => run!(sha2::Sha512),
        _ => return Err(JsError::type_error(&format!("Invalid digest: {name}"))),
    };
    done.map_err(|_| JsError::range_error("invalid PBKDF2 parameters"))?;
    vm.uint8_array(out)
}

/// `hkdf(hash, key, salt, info, length) → Uint8Array | null` (null: length too large for the
/// hash, more than 255 of its outputs).
fn hkdf_native(vm: &Vm, args: &[Value]) -> NativeResult {
    let name = string(args, 0)?;
    let ikm = bytes(args, 1)?;
    let salt = bytes(args, 2)?;
    let info = bytes(args, 3)?;
    let mut out = vec![0; count(args, 4)?];
    macro_rules! run {
        ($t:ty) => {
            hkdf::Hkdf::<$t>::new(Some(&salt), &ikm).expand(&info, &mut out)
        };
    }
    let done = match name.as_str() {
        "md5" => run!(md5::Md5),
        "sha1" => run!(sha1::Sha1),
        "sha224" => run!(sha2::Sha224),
        "sha256" => run!(sha2::Sha256),
        "sha384" => run!(sha2::Sha384),
        "sha512" => run!(sha2::Sha512),
        _ => return Err(JsError::type_error(&format!("Invalid digest: {name}"))),
    };
    match done {
        Ok(()) => vm.uint8_array(out),
        Err(_) => Ok(vm.null()),
    }
}

/// One cipher in progress.
enum Cipher {
    /// CBC: the previous ciphertext block, the bytes of an unfinished block (and on decryption
    /// with padding the last whole block, which may hold the padding).
    Cbc {
        aes: Aes,
        chain: [u8; 16],
        pending: Vec<u8>,
        padding: bool,
    },
    /// CTR with a 128-bit big-endian counter, as OpenSSL's aes-*-ctr.
    Ctr {
        aes: Aes,
        counter: [u8; 16],
        stream: [u8; 16],
        used: usize,
    },
    /// GCM: the message is authenticated as a whole, so it is kept until `final`.
    Gcm {
        key: Vec<u8>,
        iv: Vec<u8>,
        aad: Vec<u8>,
        data: Vec<u8>,
        tag: Option<Vec<u8>>,
        tag_len: usize,
    },
}

/// `cipherCreate(mode, decrypt, key, iv, tagLength) → handle | null` for mode `cbc`, `ctr` or
/// `gcm`; null when the key or IV length does not fit (checked first by the JavaScript).
/// `handle(0, data) → Uint8Array` (update), `handle(1) → Uint8Array` (final; throws
/// "bad decrypt", "wrong final block length" or "unable to authenticate data"),
/// `handle(2, aad)`, `handle(3) → Uint8Array` (the tag, after final), `handle(4, tag)`,
/// `handle(5, padding)`.
fn cipher_create(vm: &Vm, args: &[Value]) -> NativeResult {
    let mode = string(args, 0)?;
    let decrypt = arg(args, 1).is_some_and(Value::to_bool);
    let key = bytes(args, 2)?;
    let iv = bytes(args, 3)?;
    let block = |iv: &[u8]| <[u8; 16]>::try_from(iv).ok();
    let cipher = match (mode.as_str(), Aes::new(&key), block(&iv)) {
        ("cbc", Some(aes), Some(chain)) => Cipher::Cbc {
            aes,
            chain,
            pending: Vec::new(),
            padding: true,
        },
        ("ctr", Some(aes), Some(counter)) => Cipher::Ctr {
            aes,
            counter,
            stream: [0; 16],
            used: 16,
        },
        ("gcm", Some(_), _) if matches!(iv.len(), 12 | 16) => Cipher::Gcm {
            key,
            iv,
            aad: Vec::new(),
            data: Vec::new(),
            tag: None,
            tag_len: count(args, 4)?.clamp(1, 16),
        },
        _ => return Ok(vm.null()),
    };
    let state = RefCell::new((cipher, decrypt, None::<Vec<u8>>));
    Ok(vm.function("cipher", move |vm, args| {
        let mut guard = state.borrow_mut();
        let (cipher, decrypt, final_tag) = &mut *guard;
        match number(args, 0)? as u32 {
            0 => vm.uint8_array(cipher.update(*decrypt, &bytes(args, 1)?)),
            1 => {
                let (out, tag) = cipher.finish(*decrypt)?;
                *final_tag = tag;
                vm.uint8_array(out)
            }
            2 => {
                if let Cipher::Gcm { aad, .. } = cipher {
                    aad.extend_from_slice(&bytes(args, 1)?);
                }
                Ok(vm.undefined())
            }
            3 => match final_tag {
                Some(tag) => vm.uint8_array(tag.clone()),
                None => Ok(vm.undefined()),
            },
            4 => {
                if let Cipher::Gcm { tag, .. } = cipher {
                    *tag = Some(bytes(args, 1)?);
                }
                Ok(vm.undefined())
            }
            _ => {
                if let Cipher::Cbc { padding, .. } = cipher {
                    *padding = arg(args, 1).is_some_and(Value::to_bool);
                }
                Ok(vm.undefined())
            }
        }
    }))
}

impl Cipher {
    fn update(&mut self, decrypt: bool, input: &[u8]) -> Vec<u8> {
        match self {
            Self::Cbc {
                aes,
                chain,
                pending,
                padding,
            } => {
                pending.extend_from_slice(input);
                let mut whole = pending.len() / 16 * 16;
                if decrypt && *padding && whole == pending.len() && whole > 0 {
                    whole -= 16;
                }
                let mut out = Vec::with_capacity(whole);
                for chunk in pending[..whole].chunks_exact(16) {
                    out.extend_from_slice(&cbc_block(aes, chain, chunk, decrypt));
                }
                pending.drain(..whole);
                out
            }
            Self::Ctr {
                aes,
                counter,
                stream,
                used,
            } => {
                let mut out = input.to_vec();
                for byte in &mut out {
                    if *used == 16 {
                        *stream = *counter;
                        aes.encrypt(stream);
                        for c in counter.iter_mut().rev() {
                            *c = c.wrapping_add(1);
                            if *c != 0 {
                                break;
                            }
                        }
                        *used = 0;
                    }
                    *byte ^= stream[*used];
                    *used += 1;
                }
                out
            }
            Self::Gcm { data, .. } => {
                data.extend_from_slice(input);
                Vec::new()
            }
        }
    }

    /// The last output and, for GCM encryption, the tag.
    fn finish(&mut self, decrypt: bool) -> Result<(Vec<u8>, Option<Vec<u8>>), JsError> {
        match self {
            Self::Cbc {
                aes,
                chain,
                pending,
                padding,
            } => {
                let wrong_length = || JsError::error("wrong final block length");
                let rest = std::mem::take(pending);
                if !*padding {
                    return if rest.is_empty() {
                        Ok((Vec::new(), None))
                    } else {
                        Err(wrong_length())
                    };
                }
                if decrypt {
                    if rest.len() != 16 {
                        return Err(wrong_length());
                    }
                    let block = cbc_block(aes, chain, &rest, true);
                    let pad = usize::from(block[15]);
                    if pad == 0
                        || pad > 16
                        || block[16 - pad..].iter().any(|&b| usize::from(b) != pad)
                    {
                        return Err(JsError::error("bad decrypt"));
                    }
                    Ok((block[..16 - pad].to_vec(), None))
                } else {
                    let pad = 16 - rest.len();
                    let mut last = rest;
                    last.resize(16, pad as u8);
                    Ok((cbc_block(aes, chain, &last, false).to_vec(), None))
                }
            }
            Self::Ctr { .. } => Ok((Vec::new(), None)),
            Self::Gcm {
                key,
                iv,
                aad,
                data,
                tag,
                tag_len,
            } => {
                let mut buf = std::mem::take(data);
                let fail = || JsError::error("unable to authenticate data");
                if !decrypt {
                    let mut full = gcm_seal(key, iv, aad, &mut buf).ok_or_else(fail)?;
                    full.truncate(*tag_len);
                    return Ok((buf, Some(full)));
                }
                let expected = tag.take().ok_or_else(fail)?;
                // GCM encrypts and decrypts with the same key stream: one pass gives the
                // plaintext, a second gives back the ciphertext with its whole tag, of which the
                // given tag (4 to 16 bytes) must be the start.
                gcm_seal(key, iv, aad, &mut buf).ok_or_else(fail)?;
                let mut again = buf.clone();
                let full = gcm_seal(key, iv, aad, &mut again).ok_or_else(fail)?;
                if expected.is_empty() || expected.len() > full.len() {
                    return Err(fail());
                }
                let diff = expected
                    .iter()
                    .zip(&full)
                    .fold(0u8, |acc, (a, b)| acc | (a ^ b));
                if diff != 0 {
                    return Err(fail());
                }
                Ok((buf, None))
            }
        }
    }
}

/// AES-GCM encryption of `buf` in place; the 16-byte tag. The IV is 12 or 16 bytes.
fn gcm_seal(key: &[u8], iv: &[u8], aad: &[u8], buf: &mut [u8]) -> Option<Vec<u8>> {
    fn seal<C: KeyInit + AeadInOut>(
        key: &[u8],
        iv: &[u8],
        aad: &[u8],
        buf: &mut [u8],
    ) -> Option<Vec<u8>> {
        let cipher = C::new_from_slice(key).ok()?;
        let nonce = aes_gcm::aead::Nonce::<C>::try_from(iv).ok()?;
        let tag = cipher
            .encrypt_inout_detached(&nonce, aad, buf.into())
            .ok()?;
        Some(tag.to_vec())
    }
    match (key.len(), iv.len()) {
        (16, 12) => seal::<AesGcm<aes::Aes128, U12>>(key, iv, aad, buf),
        (24, 12) => seal::<AesGcm<aes::Aes192, U12>>(key, iv, aad, buf),
        (32, 12) => seal::<AesGcm<aes::Aes256, U12>>(key, iv, aad, buf),
        (16, 16) => seal::<AesGcm<aes::Aes128, U16>>(key, iv, aad, buf),
        (24, 16) => seal::<AesGcm<aes::Aes192, U16>>(key, iv, aad, buf),
        (32, 16) => seal::<AesGcm<aes::Aes256, U16>>(key, iv, aad, buf),
        _ => None,
    }
}

/// Runs `$body` with `$c` naming the crate of the curve `$curve` (`P-256` or `P-384`).
macro_rules! with_curve {
    ($curve:expr, $c:ident => $body:expr) => {
        match $curve {
            "P-256" => {
                use p256 as $c;
                $body
            }
            "P-384" => {
                use p384 as $c;
                $body
            }
            other => return Err(JsError::type_error(&format!("unsupported curve {other}"))),
        }
    };
}

/// `[private | null, public]` as JavaScript values, or null.
fn key_pair(vm: &Vm, pair: Option<(Option<Vec<u8>>, Vec<u8>)>) -> NativeResult {
    let Some((private, public)) = pair else {
        return Ok(vm.null());
    };
    let private = match private {
        Some(bytes) => vm.uint8_array(bytes)?,
        None => vm.null(),
    };
    vm.array(&[private, vm.uint8_array(public)?])
}

fn random_vec(n: usize) -> Result<Vec<u8>, JsError> {
    let mut out = vec![0; n];
    getrandom::getrandom(&mut out)
        .map_err(|e| JsError::error(&format!("no randomness from the system: {e}")))?;
    Ok(out)
}

/// The digest of `data` by hash `name` (as `hashCreate` names them).
fn digest_of(name: &str, data: &[u8]) -> Result<Vec<u8>, JsError> {
    let mut h = hasher(name, None).ok_or_else(|| JsError::type_error("unknown hash"))?;
    h.update(data);
    Ok(h.finalize().into_vec())
}

/// `ecKey(curve, kind, bytes) → [scalar | null, point] | null`: a key of `curve` made
/// (`generate`) or read from a PKCS#8 document (`pkcs8`), a scalar (`d`), an SPKI document
/// (`spki`) or a SEC1 point (`raw`, compressed or not); null when the bytes are no such key.
fn ec_key(vm: &Vm, args: &[Value]) -> NativeResult {
    let curve = string(args, 0)?;
    let kind = string(args, 1)?;
    let data = bytes(args, 2)?;
    let pair = with_curve!(curve.as_str(), c => {
        let secret = match kind.as_str() {
            "generate" => {
                let size = c::FieldBytes::default().len();
                let mut found = None;
                while found.is_none() {
                    found = c::SecretKey::from_slice(&random_vec(size)?).ok();
                }
                found
            }
            "pkcs8" => c::SecretKey::from_pkcs8_der(&data).ok(),
            "d" => c::SecretKey::from_slice(&data).ok(),
            _ => None,
        };
        match (kind.as_str(), secret) {
            ("spki", _) => c::PublicKey::from_public_key_der(&data)
                .ok()
                .map(|p| (None, p.to_sec1_point(false).as_bytes().to_vec())),
            ("raw", _) => c::PublicKey::from_sec1_bytes(&data)
                .ok()
                .map(|p| (None, p.to_sec1_point(false).as_bytes().to_vec())),
            (_, Some(k)) => Some((
                Some(k.to_bytes().to_vec()),
                k.public_key().to_sec1_point(false).as_bytes().to_vec(),
            )),
            _ => None,
        }
    });
    key_pair(vm, pair)
}

/// `ecExport(curve, kind, bytes) → Uint8Array | null`: the PKCS#8 document of a scalar
/// (`pkcs8`) or the SPKI document of a point (`spki`).
fn ec_export(vm: &Vm, args: &[Value]) -> NativeResult {
    let curve = string(args, 0)?;
    let kind = string(args, 1)?;
    let data = bytes(args, 2)?;
    let der = with_curve!(curve.as_str(), c => match kind.as_str() {
        "pkcs8" => c::SecretKey::from_slice(&data)
            .ok()
            .and_then(|k| k.to_pkcs8_der().ok())
            .map(|d| d.as_bytes().to_vec()),
        _ => c::PublicKey::from_sec1_bytes(&data)
            .ok()
            .and_then(|p| p.to_public_key_der().ok())
            .map(|d| d.as_bytes().to_vec()),
    });
    match der {
        Some(der) => vm.uint8_array(der),
        None => Ok(vm.null()),
    }
}

/// `ecSign(curve, scalar, hash, data) → Uint8Array | null`: the ECDSA signature (r ‖ s) of the
/// digest of `data`; null when the key or the digest does not fit the curve.
fn ec_sign(vm: &Vm, args: &[Value]) -> NativeResult {
    let curve = string(args, 0)?;
    let d = bytes(args, 1)?;
    let digest = digest_of(&string(args, 2)?, &bytes(args, 3)?)?;
    let signature = with_curve!(curve.as_str(), c => {
        c::ecdsa::SigningKey::from_slice(&d).ok().and_then(|key| {
            let sig: Option<c::ecdsa::Signature> = key.sign_prehash(&digest).ok();
            sig.map(|s| s.to_bytes().to_vec())
        })
    });
    match signature {
        Some(sig) => vm.uint8_array(sig),
        None => Ok(vm.null()),
    }
}

/// `ecVerify(curve, point, hash, signature, data) → boolean`.
fn ec_verify(vm: &Vm, args: &[Value]) -> NativeResult {
    let curve = string(args, 0)?;
    let point = bytes(args, 1)?;
    let digest = digest_of(&string(args, 2)?, &bytes(args, 4)?)?;
    let signature = bytes(args, 3)?;
    let ok = with_curve!(curve.as_str(), c => {
        match (
            c::ecdsa::VerifyingKey::from_sec1_bytes(&point),
            c::ecdsa::Signature::from_slice(&signature),
        ) {
            (Ok(key), Ok(sig)) => key.verify_prehash(&digest, &sig).is_ok(),
            _ => false,
        }
    });
    Ok(vm.boolean(ok))
}

/// `ecdh(curve, scalar, point) → Uint8Array | null`: the x coordinate of the shared point.
fn ecdh(vm: &Vm, args: &[Value]) -> NativeResult {
    let curve = string(args, 0)?;
    let d = bytes(args, 1)?;
    let point = bytes(args, 2)?;
    let secret = with_curve!(curve.as_str(), c => {
        match (c::SecretKey::from_slice(&d), c::PublicKey::from_sec1_bytes(&point)) {
            (Ok(k), Ok(p)) => Some(
                c::ecdh::diffie_hellman(k.to_nonzero_scalar(), p.as_affine())
                    .raw_secret_bytes()
                    .to_vec(),
            ),
            _ => None,
        }
    });
    match secret {
        Some(bytes) => vm.uint8_array(bytes),
        None => Ok(vm.null()),
    }
}

fn array32(data: &[u8]) -> Option<[u8; 32]> {
    <[u8; 32]>::try_from(data).ok()
}

/// `edKey(kind, bytes) → [seed | null, public] | null`: an Ed25519 key made (`generate`), of a
/// 32-byte seed (`seed`) or a 32-byte public key (`raw`, checked to be a curve point).
fn ed_key(vm: &Vm, args: &[Value]) -> NativeResult {
    let kind = string(args, 0)?;
    let data = bytes(args, 1)?;
    let seed = match kind.as_str() {
        "generate" => array32(&random_vec(32)?),
        "seed" => array32(&data),
        _ => None,
    };
    let pair = match (kind.as_str(), seed) {
        ("raw", _) => array32(&data)
            .and_then(|b| ed25519_dalek::VerifyingKey::from_bytes(&b).ok())
            .map(|k| (None, k.to_bytes().to_vec())),
        (_, Some(seed)) => {
            let key = ed25519_dalek::SigningKey::from_bytes(&seed);
            Some((Some(seed.to_vec()), key.verifying_key().to_bytes().to_vec()))
        }
        _ => None,
    };
    key_pair(vm, pair)
}

/// `edSign(seed, data) → Uint8Array` (64 bytes).
fn ed_sign(vm: &Vm, args: &[Value]) -> NativeResult {
    let seed = array32(&bytes(args, 0)?).ok_or_else(|| JsError::type_error("bad Ed25519 key"))?;
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    vm.uint8_array(key.sign(&bytes(args, 1)?).to_bytes().to_vec())
}

/// `edVerify(public, signature, data) → boolean`.
fn ed_verify(vm: &Vm, args: &[Value]) -> NativeResult {
    let public = array32(&bytes(args, 0)?);
    let signature = <[u8; 64]>::try_from(bytes(args, 1)?.as_slice()).ok();
    let data = bytes(args, 2)?;
    let ok = match (public, signature) {
        (Some(public), Some(signature)) => ed25519_dalek::VerifyingKey::from_bytes(&public)
            .is_ok_and(|key| {
                let signature = ed25519_dalek::Signature::from_bytes(&signature);
                key.verify(&data, &signature).is_ok()
            }),
        _ => false,
    };
    Ok(vm.boolean(ok))
}

use crate::sign::with_hash;

/// PKCS#1 v1.5 signatures over the digest by `hash` (`crate::sign::pkcs1v15`).
fn pkcs1v15(hash: &str) -> Result<rsa::pkcs1v15::Pkcs1v15Sign, JsError> {
    crate::sign::pkcs1v15(hash).map_err(|e| JsError::type_error(&e))
}

/// `[pkcs8 | null, spki, modulusBits, publicExponent]` of an RSA key.
fn rsa_parts(
    vm: &Vm,
    private: Option<&rsa::RsaPrivateKey>,
    public: &rsa::RsaPublicKey,
) -> NativeResult {
    use rsa::traits::PublicKeyParts;
    let pkcs8 = match private.map(|k| k.to_pkcs8_der()) {
        Some(Ok(der)) => vm.uint8_array(der.as_bytes().to_vec())?,
        Some(Err(_)) => return Ok(vm.null()),
        None => vm.null(),
    };
    let Ok(spki) = public.to_public_key_der() else {
        return Ok(vm.null());
    };
    vm.array(&[
        pkcs8,
        vm.uint8_array(spki.as_bytes().to_vec())?,
        vm.number(f64::from(public.n().as_ref().bits())),
        vm.uint8_array(public.e().to_be_bytes_trimmed_vartime().into_vec())?,
    ])
}

/// `rsaKey(kind, data) → [pkcs8 | null, spki, modulusBits, publicExponent] | null`: an RSA key
/// read from a PKCS#8 (`pkcs8`) or SPKI (`spki`) document, made of JWK components (`jwk`,
/// `data` = [n, e, d?, p?, q?]), or generated (`generate`, `data` = [bits, exponent]); null
/// when the data is no valid key.
fn rsa_key(vm: &Vm, args: &[Value]) -> NativeResult {
    let kind = string(args, 0)?;
    let item = |i: u32| -> Result<Vec<u8>, JsError> {
        let list = arg(args, 1).ok_or_else(|| JsError::type_error("missing key data"))?;
        let v = list.get_index(i)?;
        if v.is_nullish() {
            Ok(Vec::new())
        } else {
            v.bytes()
        }
    };
    let uint = |bytes: &[u8]| rsa::BoxedUint::from_be_slice_vartime(bytes);
    let private = match kind.as_str() {
        "pkcs8" => rsa::RsaPrivateKey::from_pkcs8_der(&bytes(args, 1)?).ok(),
        "spki" => {
            return match rsa::RsaPublicKey::from_public_key_der(&bytes(args, 1)?) {
                Ok(public) => rsa_parts(vm, None, &public),
                Err(_) => Ok(vm.null()),
            };
        }
        "jwk" => {
            let (n, e, d) = (item(0)?, item(1)?, item(2)?);
            if d.is_empty() {
                return match rsa::RsaPublicKey::new(uint(&n), uint(&e)) {
                    Ok(public) => rsa_parts(vm, None, &public),
                    Err(_) => Ok(vm.null()),
                };
            }
            let (p, q) = (item(3)?, item(4)?);
            let primes = if p.is_empty() || q.is_empty() {
                Vec::new()
            } else {
                vec![uint(&p), uint(&q)]
            };
            rsa::RsaPrivateKey::from_components(uint(&n), uint(&e), uint(&d), primes).ok()
        }
        "generate" => {
            let list = arg(args, 1).ok_or_else(|| JsError::type_error("missing key data"))?;
            let bits = list.get_index(0)?.to_number()? as usize;
            let exponent = uint(&item(1)?);
            rsa::RsaPrivateKey::new_with_exp(&mut rand::rng(), bits, exponent).ok()
        }
        _ => None,
    };
    match private {
        Some(key) => rsa_parts(vm, Some(&key), &key.to_public_key()),
        None => Ok(vm.null()),
    }
}

/// `rsaJwk(der, private) → [n, e] | [n, e, d, p, q, dp, dq, qi] | null`: the JWK components
/// (big-endian, no leading zeros) of a SPKI or PKCS#8 document.
fn rsa_jwk(vm: &Vm, args: &[Value]) -> NativeResult {
    use rsa::traits::{PrivateKeyParts, PublicKeyParts};
    let der = bytes(args, 0)?;
    let trimmed = |u: &rsa::BoxedUint| u.to_be_bytes_trimmed_vartime().into_vec();
    let mut parts = Vec::new();
    if arg(args, 1).is_some_and(Value::to_bool) {
        let Ok(key) = rsa::RsaPrivateKey::from_pkcs8_der(&der) else {
            return Ok(vm.null());
        };
        let primes = key.primes();
        let (Some(dp), Some(dq), Some(qi), [p, q]) =
            (key.dp(), key.dq(), key.crt_coefficient(), primes)
        else {
            return Ok(vm.null());
        };
        for part in [
            trimmed(key.n().as_ref()),
            trimmed(key.e()),
            trimmed(key.d()),
            trimmed(p),
            trimmed(q),
            trimmed(dp),
            trimmed(dq),
            trimmed(&qi),
        ] {
            parts.push(vm.uint8_array(part)?);
        }
    } else {
        let Ok(key) = rsa::RsaPublicKey::from_public_key_der(&der) else {
            return Ok(vm.null());
        };
        parts.push(vm.uint8_array(trimmed(key.n().as_ref()))?);
        parts.push(vm.uint8_array(trimmed(key.e()))?);
    }
    vm.array(&parts)
}

/// `rsaSign(scheme, pkcs8, hash, data, saltLength) → Uint8Array | null` for scheme `pkcs1`
/// (RSASSA-PKCS1-v1_5) or `pss` (RSA-PSS with MGF1 of the same hash).
fn rsa_sign(vm: &Vm, args: &[Value]) -> NativeResult {
    let scheme = string(args, 0)?;
    let Ok(key) = rsa::RsaPrivateKey::from_pkcs8_der(&bytes(args, 1)?) else {
        return Ok(vm.null());
    };
    let hash = string(args, 2)?;
    let digest = digest_of(&hash, &bytes(args, 3)?)?;
    let signed = if scheme == "pss" {
        let salt = count(args, 4)?;
        with_hash!(hash.as_str(), D => key.sign_with_rng(
            &mut rand::rng(),
            rsa::pss::Pss::<D>::new_with_salt(salt),
            &digest,
        ), other => JsError::type_error(&format!("unsupported hash {other}")))
    } else {
        key.sign(pkcs1v15(&hash)?, &digest)
    };
    match signed {
        Ok(sig) => vm.uint8_array(sig),
        Err(_) => Ok(vm.null()),
    }
}

/// `rsaVerify(scheme, spki, hash, signature, data, saltLength) → boolean`.
fn rsa_verify(vm: &Vm, args: &[Value]) -> NativeResult {
    let scheme = string(args, 0)?;
    let Ok(key) = rsa::RsaPublicKey::from_public_key_der(&bytes(args, 1)?) else {
        return Ok(vm.boolean(false));
    };
    let hash = string(args, 2)?;
    let signature = bytes(args, 3)?;
    let digest = digest_of(&hash, &bytes(args, 4)?)?;
    let ok = if scheme == "pss" {
        let salt = count(args, 5)?;
        with_hash!(hash.as_str(), D => key
            .verify(rsa::pss::Pss::<D>::new_with_salt(salt), &digest, &signature)
            .is_ok(), other => JsError::type_error(&format!("unsupported hash {other}")))
    } else {
        key.verify(pkcs1v15(&hash)?, &digest, &signature).is_ok()
    };
    Ok(vm.boolean(ok))
}

/// `rsaOaep(decrypt, der, hash, data, label) → Uint8Array | null`: RSA-OAEP with MGF1 of the
/// same hash; `der` is the SPKI document to encrypt, the PKCS#8 document to decrypt.
fn rsa_oaep(vm: &Vm, args: &[Value]) -> NativeResult {
    let decrypt = arg(args, 0).is_some_and(Value::to_bool);
    let der = bytes(args, 1)?;
    let hash = string(args, 2)?;
    let data = bytes(args, 3)?;
    let label = bytes(args, 4)?;
    // An unknown hash is the caller's error; anything else that fails is a failed operation.
    with_hash!(hash.as_str(), _D => (), other => JsError::type_error(&format!("unsupported hash {other}")));
    // node:crypto's RSA (`Key::rsa_crypt`) does the work; an empty label is OAEP's default.
    let (der_type, mode) = if decrypt {
        ("pkcs8", "decrypt-oaep")
    } else {
        ("spki", "encrypt-oaep")
    };
    let out = crate::sign::Key::read(&der, Some(der_type))
        .and_then(|key| key.rsa_crypt(mode, &hash, &label, &data));
    match out {
        Ok(bytes) => vm.uint8_array(bytes),
        Err(_) => Ok(vm.null()),
    }
}
