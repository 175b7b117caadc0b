//! AES in CBC mode, engine-free: the block cipher of the three key sizes and one CBC step,
//! which `createCipheriv` on JavaScriptCore (`jsc/crypto.rs`) streams, and whole messages with
//! PKCS#7 padding, which encrypted private keys (`sign.rs`) use.

use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};

/// AES with a 128, 192 or 256-bit key.
#[derive(Clone)]
pub(crate) enum Aes {
    A128(aes::Aes128),
    A192(aes::Aes192),
    A256(aes::Aes256),
}

impl Aes {
    pub(crate) fn new(key: &[u8]) -> Option<Self> {
        Some(match key.len() {
            16 => Self::A128(aes::Aes128::new_from_slice(key).ok()?),
            24 => Self::A192(aes::Aes192::new_from_slice(key).ok()?),
            32 => Self::A256(aes::Aes256::new_from_slice(key).ok()?),
            _ => return None,
        })
    }

    pub(crate) fn encrypt(&self, block: &mut [u8; 16]) {
        let mut b = aes::Block::from(*block);
        match self {
            Self::A128(c) => c.encrypt_block(&mut b),
            Self::A192(c) => c.encrypt_block(&mut b),
            Self::A256(c) => c.encrypt_block(&mut b),
        }
        block.copy_from_slice(&b);
    }

    pub(crate) fn decrypt(&self, block: &mut [u8; 16]) {
        let mut b = aes::Block::from(*block);
        match self {
            Self::A128(c) => c.decrypt_block(&mut b),
            Self::A192(c) => c.decrypt_block(&mut b),
            Self::A256(c) => c.decrypt_block(&mut b),
        }
        block.copy_from_slice(&b);
    }
}

/// One CBC block: `chunk` (16 bytes) encrypted or decrypted, `chain` moved on.
pub(crate) fn cbc_block(aes: &Aes, chain: &mut [u8; 16], chunk: &[u8], decrypt: bool) -> [u8; 16] {
    let mut block = [0; 16];
    block.copy_from_slice(chunk);
    if decrypt {
        let cipher_text = block;
        aes.decrypt(&mut block);
        for (b, c) in block.iter_mut().zip(chain.iter()) {
            *b ^= c;
        }
        *chain = cipher_text;
    } else {
        for (b, c) in block.iter_mut().zip(chain.iter()) {
            *b ^= c;
        }
        aes.encrypt(&mut block);
        *chain = block;
    }
    block
}

/// `data` encrypted whole with PKCS#7 padding; None for a key that is not 16, 24 or 32 bytes.
pub(crate) fn encrypt(key: &[u8], iv: &[u8; 16], data: &[u8]) -> Option<Vec<u8>> {
    let aes = Aes::new(key)?;
    let pad = 16 - data.len() % 16;
    let mut padded = data.to_vec();
    padded.resize(data.len() + pad, pad as u8);
    let mut chain = *iv;
    let mut out = Vec::with_capacity(padded.len());
    for chunk in padded.chunks_exact(16) {
        out.extend_from_slice(&cbc_block(&aes, &mut chain, chunk, false));
    }
    Some(out)
}

/// `data` decrypted whole; None for a bad key size, a length not a multiple of 16 or padding
/// that is not PKCS#7's (what a wrong key gives nearly always).
pub(crate) fn decrypt(key: &[u8], iv: &[u8; 16], data: &[u8]) -> Option<Vec<u8>> {
    let aes = Aes::new(key)?;
    if data.is_empty() || !data.len().is_multiple_of(16) {
        return None;
    }
    let mut chain = *iv;
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(16) {
        out.extend_from_slice(&cbc_block(&aes, &mut chain, chunk, true));
    }
    let pad = usize::from(*out.last()?);
    if pad == 0
        || pad > 16
        || !out[out.len() - pad..]
            .iter()
            .all(|&b| usize::from(b) == pad)
    {
        return None;
    }
    out.truncate(out.len() - pad);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_with_padding_and_a_wrong_key_fails() {
        let iv = [7; 16];
        for len in [0, 1, 15, 16, 17, 100] {
            let data: Vec<u8> = (0..len).map(|i| i as u8).collect();
            for key in [&[1u8; 16][..], &[2; 24], &[3; 32]] {
                let sealed = encrypt(key, &iv, &data).unwrap();
                assert_eq!(sealed.len(), (len / 16 + 1) * 16);
                assert_eq!(decrypt(key, &iv, &sealed).unwrap(), data);
            }
        }
        let sealed = encrypt(&[1; 32], &iv, b"secret").unwrap();
        assert_eq!(decrypt(&[9; 32], &iv, &sealed), None);
        assert_eq!(encrypt(&[1; 10], &iv, b"x"), None);
        // NIST SP 800-38A F.2.5, the first block of CBC-AES256.Encrypt.
        let key = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
        let iv: [u8; 16] = hex("000102030405060708090a0b0c0d0e0f").try_into().unwrap();
        let sealed = encrypt(&key, &iv, &hex("6bc1bee22e409f96e93d7e117393172a")).unwrap();
        assert_eq!(sealed[..16], hex("f58c4c04d6e5f1ba779eabfb5f7bfbd6")[..]);
    }

    fn hex(s: &str) -> Vec<u8> {
        base16ct::lower::decode_vec(s).unwrap()
    }
}
