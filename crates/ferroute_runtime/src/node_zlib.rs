//! Compression streams for `node:zlib`, `CompressionStream` and `DecompressionStream`
//! (`js/56_node_zlib.js`): deflate, zlib, gzip (flate2) and brotli (the `brotli` crate),
//! fed chunk by chunk. `zlibWrite` returns whatever output the input produced, so the
//! JavaScript Transform streams stay in control of back-pressure.
//!
//! The calls are engine-free; failures are a [`NodeError`] each engine throws as Node's
//! `Error` (QuickJS in the `quickjs` module below, JavaScriptCore in `jsc/node_io.rs`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;

use flate2::write::{
    DeflateDecoder, DeflateEncoder, GzDecoder, GzEncoder, ZlibDecoder, ZlibEncoder,
};
use flate2::Compression;

use crate::node_fs::NodeError;

pub(crate) use quickjs::install;

/// One compression or decompression state; every variant writes into a `Vec<u8>` that
/// `take` drains.
enum Codec {
    Deflate(ZlibEncoder<Vec<u8>>),
    Inflate(ZlibDecoder<Vec<u8>>),
    DeflateRaw(DeflateEncoder<Vec<u8>>),
    InflateRaw(DeflateDecoder<Vec<u8>>),
    Gzip(GzEncoder<Vec<u8>>),
    Gunzip(GzDecoder<Vec<u8>>),
    /// `unzip`: gzip or zlib, decided by the first two bytes.
    Unzip(Vec<u8>),
    BrotliCompress(Box<brotli::CompressorWriter<Vec<u8>>>),
    BrotliDecompress(Box<brotli::DecompressorWriter<Vec<u8>>>),
    Finished,
}

impl Codec {
    fn write(&mut self, data: &[u8]) -> std::io::Result<()> {
        match self {
            Self::Deflate(c) => c.write_all(data),
            Self::Inflate(c) => c.write_all(data),
            Self::DeflateRaw(c) => c.write_all(data),
            Self::InflateRaw(c) => c.write_all(data),
            Self::Gzip(c) => c.write_all(data),
            Self::Gunzip(c) => c.write_all(data),
            Self::BrotliCompress(c) => c.write_all(data),
            Self::BrotliDecompress(c) => c.write_all(data),
            Self::Unzip(pending) => {
                pending.extend_from_slice(data);
                if pending.len() < 2 {
                    return Ok(());
                }
                let head = std::mem::take(pending);
                *self = if head[0] == 0x1f && head[1] == 0x8b {
                    Self::Gunzip(GzDecoder::new(Vec::new()))
                } else {
                    Self::Inflate(ZlibDecoder::new(Vec::new()))
                };
                self.write(&head)
            }
            Self::Finished => Ok(()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Self::Deflate(c) => c.flush(),
            Self::Inflate(c) => c.flush(),
            Self::DeflateRaw(c) => c.flush(),
            Self::InflateRaw(c) => c.flush(),
            Self::Gzip(c) => c.flush(),
            Self::Gunzip(c) => c.flush(),
            Self::BrotliCompress(c) => c.flush(),
            Self::BrotliDecompress(c) => c.flush(),
            Self::Unzip(_) | Self::Finished => Ok(()),
        }
    }

    /// Ends the stream; returns the last output.
    fn finish(&mut self) -> std::io::Result<Vec<u8>> {
        let this = std::mem::replace(self, Self::Finished);
        match this {
            Self::Deflate(c) => c.finish(),
            Self::Inflate(c) => c.finish(),
            Self::DeflateRaw(c) => c.finish(),
            Self::InflateRaw(c) => c.finish(),
            Self::Gzip(c) => c.finish(),
            Self::Gunzip(c) => c.finish(),
            Self::BrotliCompress(c) => Ok(c.into_inner()),
            Self::BrotliDecompress(c) => c.into_inner().map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "unexpected end of file")
            }),
            Self::Unzip(pending) if pending.is_empty() => Ok(Vec::new()),
            Self::Unzip(_) => Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "unexpected end of file",
            )),
            Self::Finished => Ok(Vec::new()),
        }
    }

    /// The output produced so far.
    fn take(&mut self) -> Vec<u8> {
        let out = match self {
            Self::Deflate(c) => c.get_mut(),
            Self::Inflate(c) => c.get_mut(),
            Self::DeflateRaw(c) => c.get_mut(),
            Self::InflateRaw(c) => c.get_mut(),
            Self::Gzip(c) => c.get_mut(),
            Self::Gunzip(c) => c.get_mut(),
            Self::BrotliCompress(c) => c.get_mut(),
            Self::BrotliDecompress(c) => c.get_mut(),
            Self::Unzip(_) | Self::Finished => return Vec::new(),
        };
        std::mem::take(out)
    }
}

thread_local! {
    static CODECS: RefCell<(u32, HashMap<u32, Codec>)> = RefCell::new((0, HashMap::new()));
}

/// `zlibCreate(mode, level?, brotliQuality?, brotliWindow?)` → id. Modes as Node names its
/// classes: `deflate`, `inflate`, `deflateRaw`, `inflateRaw`, `gzip`, `gunzip`, `unzip`,
/// `brotliCompress`, `brotliDecompress`. A `level` outside 0–9 is the default level. `Err`
/// holds the message of the TypeError for an unknown mode.
pub(crate) fn create(
    mode: &str,
    level: Option<i32>,
    quality: Option<u32>,
    window: Option<u32>,
) -> Result<u32, String> {
    let level = match level {
        Some(l) if (0..=9).contains(&l) => Compression::new(l as u32),
        _ => Compression::default(),
    };
    let codec = match mode {
        "deflate" => Codec::Deflate(ZlibEncoder::new(Vec::new(), level)),
        "inflate" => Codec::Inflate(ZlibDecoder::new(Vec::new())),
        "deflateRaw" => Codec::DeflateRaw(DeflateEncoder::new(Vec::new(), level)),
        "inflateRaw" => Codec::InflateRaw(DeflateDecoder::new(Vec::new())),
        "gzip" => Codec::Gzip(GzEncoder::new(Vec::new(), level)),
        "gunzip" => Codec::Gunzip(GzDecoder::new(Vec::new())),
        "unzip" => Codec::Unzip(Vec::new()),
        "brotliCompress" => Codec::BrotliCompress(Box::new(brotli::CompressorWriter::new(
            Vec::new(),
            4096,
            quality.unwrap_or(11).min(11),
            window.unwrap_or(22).clamp(10, 24),
        ))),
        "brotliDecompress" => {
            Codec::BrotliDecompress(Box::new(brotli::DecompressorWriter::new(Vec::new(), 4096)))
        }
        _ => return Err(format!("unknown zlib mode {mode}")),
    };
    Ok(CODECS.with(|c| {
        let mut c = c.borrow_mut();
        c.0 = c.0.wrapping_add(1);
        let id = c.0;
        c.1.insert(id, codec);
        id
    }))
}

/// Node's zlib error (`Z_DATA_ERROR`, errno -3, or `Z_BUF_ERROR` for a truncated input).
fn zlib_error(e: &std::io::Error) -> NodeError {
    let (code, errno, message) = if e.kind() == std::io::ErrorKind::UnexpectedEof {
        ("Z_BUF_ERROR", -5, "unexpected end of file".to_owned())
    } else {
        let text = e.to_string();
        let message = if text.contains("header") || text.contains("invalid gzip") {
            "incorrect header check".to_owned()
        } else {
            text
        };
        ("Z_DATA_ERROR", -3, message)
    };
    NodeError {
        message,
        code,
        errno,
        syscall: None,
        path: None,
        dest: None,
    }
}

/// `zlibWrite(id, chunk, flush?)`: feeds `bytes`; `flush`: 0 none, 2 sync (and 3 full),
/// 4 finish. Answers the output (nothing for a closed or unknown id).
pub(crate) fn write(id: u32, bytes: &[u8], flush: u32) -> Result<Vec<u8>, NodeError> {
    CODECS
        .with(|c| -> std::io::Result<Vec<u8>> {
            let mut c = c.borrow_mut();
            let Some(codec) = c.1.get_mut(&id) else {
                return Ok(Vec::new());
            };
            codec.write(bytes)?;
            let mut out = codec.take();
            if flush == 4 {
                out.extend(codec.finish()?);
            } else if flush >= 2 {
                codec.flush()?;
                out.extend(codec.take());
            }
            Ok(out)
        })
        .map_err(|e| zlib_error(&e))
}

/// `zlibClose(id)`: drops the stream.
pub(crate) fn close(id: u32) {
    CODECS.with(|c| c.borrow_mut().1.remove(&id));
}

/// `zlibCrc32(data, value?)`: the CRC-32 of `bytes`, continuing from `value` (`zlib.crc32`).
pub(crate) fn crc32(bytes: &[u8], value: Option<u32>) -> u32 {
    let mut h = crc32fast::Hasher::new_with_initial(value.unwrap_or(0));
    h.update(bytes);
    h.finalize()
}

/// The natives on QuickJS: argument and result conversion around the calls above.
mod quickjs {
    use rquickjs::prelude::{Func, Opt};
    use rquickjs::{Ctx, Exception, Object, TypedArray, Value};

    /// Adds `zlibCreate`, `zlibWrite`, `zlibClose` and `zlibCrc32` to `native`.
    pub(crate) fn install(native: &Object<'_>) -> rquickjs::Result<()> {
        native.set("zlibCreate", Func::from(create))?;
        native.set("zlibWrite", Func::from(write))?;
        native.set("zlibClose", Func::from(super::close))?;
        native.set("zlibCrc32", Func::from(crc32))?;
        Ok(())
    }

    fn create(
        ctx: Ctx<'_>,
        mode: String,
        level: Opt<i32>,
        quality: Opt<Option<u32>>,
        window: Opt<Option<u32>>,
    ) -> rquickjs::Result<u32> {
        super::create(&mode, level.0, quality.0.flatten(), window.0.flatten())
            .map_err(|message| Exception::throw_type(&ctx, &message))
    }

    fn write<'js>(
        ctx: Ctx<'js>,
        id: u32,
        chunk: Value<'js>,
        flush: Opt<Option<u32>>,
    ) -> rquickjs::Result<TypedArray<'js, u8>> {
        let bytes = crate::natives::value_to_bytes(&ctx, &chunk)?;
        match super::write(id, &bytes, flush.0.flatten().unwrap_or(0)) {
            Ok(out) => TypedArray::new(ctx, out),
            Err(e) => Err(crate::node_fs::quickjs::throw(&ctx, &e)),
        }
    }

    fn crc32(ctx: Ctx<'_>, data: Value<'_>, value: Opt<Option<u32>>) -> rquickjs::Result<u32> {
        let bytes = crate::natives::value_to_bytes(&ctx, &data)?;
        Ok(super::crc32(&bytes, value.0.flatten()))
    }
}
