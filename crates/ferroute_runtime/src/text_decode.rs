//! The Encoding Standard's decoders behind `TextDecoder` and `TextDecoderStream` where our
//! JavaScript does not decode itself: on QuickJS every encoding but UTF-8 (llrt decodes only
//! UTF-8 correctly), on JavaScriptCore the multi-byte legacy encodings (gbk, gb18030, big5,
//! euc-jp, iso-2022-jp, shift_jis, euc-kr), whose indexes `js/jsc/11_encoding.js` does not
//! carry. encoding_rs implements the standard's labels and decoders.
//!
//! A decoder is opened by number and kept between calls while a stream is decoded
//! (`decode(bytes, { stream: true })`): the multi-byte decoders hold an unfinished sequence,
//! and iso-2022-jp its mode. A decode with `flush` ends the stream and closes the decoder; so
//! does an error under `fatal`. A stream left unfinished is closed when its TextDecoder is
//! collected (a `FinalizationRegistry` in our JavaScript calls `close`).
//!
//! The calls are engine-free; the natives around them are in the `quickjs` module below and
//! in `jsc/natives.rs`.

use std::cell::RefCell;
use std::collections::HashMap;

use encoding_rs::{CoderResult, Decoder, DecoderResult, Encoding};

pub(crate) use quickjs::install;

thread_local! {
    /// The open decoders of this thread's engine, by number (never 0).
    static DECODERS: RefCell<(u32, HashMap<u32, Decoder>)> = RefCell::new((0, HashMap::new()));
}

/// The name of the encoding `label` stands for, as `TextDecoder.encoding` gives it (the
/// standard's names are lowercase: `shift_jis`, `gbk`, `windows-1252`), or `None` when no
/// encoding has that label. The "replacement" encoding is refused, as `TextDecoder` refuses it.
pub(crate) fn encoding_name(label: &str) -> Option<String> {
    let encoding = Encoding::for_label_no_replacement(label.as_bytes())?;
    Some(encoding.name().to_ascii_lowercase())
}

/// Opens a decoder for the encoding named `name` (a label works too); `strip_bom` drops the
/// encoding's own byte order mark at the start of the stream (UTF-8 and UTF-16 only, as
/// `TextDecoder` does unless `ignoreBOM`). `None` when no encoding has that name.
pub(crate) fn open(name: &str, strip_bom: bool) -> Option<u32> {
    let encoding = Encoding::for_label_no_replacement(name.as_bytes())?;
    let decoder = if strip_bom {
        encoding.new_decoder_with_bom_removal()
    } else {
        encoding.new_decoder_without_bom_handling()
    };
    Some(DECODERS.with(|d| {
        let mut d = d.borrow_mut();
        loop {
            d.0 = d.0.wrapping_add(1);
            let id = d.0;
            if id != 0 && !d.1.contains_key(&id) {
                d.1.insert(id, decoder);
                return id;
            }
        }
    }))
}

/// What [`decode`] made of its bytes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decoded {
    Text(String),
    /// Under `fatal`, the bytes held a sequence the encoding does not map (the decoder is
    /// closed).
    Invalid,
    /// No decoder is open under that number.
    Closed,
}

/// Decodes `bytes` with decoder `id`. Without `flush`, an unfinished sequence at the end
/// waits for the next call; with it, the stream ends (an unfinished sequence is one U+FFFD,
/// or invalid under `fatal`) and the decoder is closed. Without `fatal`, what the encoding
/// does not map is U+FFFD.
pub(crate) fn decode(id: u32, bytes: &[u8], fatal: bool, flush: bool) -> Decoded {
    DECODERS.with(|d| {
        let mut d = d.borrow_mut();
        let Some(decoder) = d.1.get_mut(&id) else {
            return Decoded::Closed;
        };
        let out = run(decoder, bytes, fatal, flush);
        if flush || out.is_none() {
            d.1.remove(&id);
        }
        out.map_or(Decoded::Invalid, Decoded::Text)
    })
}

/// One decoder call over `bytes`; `None` when `fatal` and the bytes are invalid.
fn run(decoder: &mut Decoder, bytes: &[u8], fatal: bool, last: bool) -> Option<String> {
    let mut out = String::new();
    let mut rest = bytes;
    loop {
        // The bound is exact for one call; the loop only covers a bound that overflows.
        let room = if fatal {
            decoder.max_utf8_buffer_length_without_replacement(rest.len())
        } else {
            decoder.max_utf8_buffer_length(rest.len())
        };
        out.reserve(room.unwrap_or(rest.len().saturating_mul(3).max(16)));
        let (full, read) = if fatal {
            let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, last);
            match result {
                DecoderResult::InputEmpty => (false, read),
                DecoderResult::OutputFull => (true, read),
                DecoderResult::Malformed(_, _) => return None,
            }
        } else {
            let (result, read, _) = decoder.decode_to_string(rest, &mut out, last);
            (result == CoderResult::OutputFull, read)
        };
        rest = &rest[read..];
        if !full {
            return Some(out);
        }
    }
}

/// Closes decoder `id` (nothing when it is not open).
pub(crate) fn close(id: u32) {
    DECODERS.with(|d| d.borrow_mut().1.remove(&id));
}

/// How many decoders are open on this thread (for tests).
#[cfg(test)]
fn open_count() -> usize {
    DECODERS.with(|d| d.borrow().1.len())
}

mod quickjs {
    use rquickjs::prelude::{Func, Opt};
    use rquickjs::{Ctx, Object, Value};

    use super::Decoded;

    /// `textEncoding(label)`, `textDecoderOpen(name, stripBOM)`, `textDecode(id, bytes, fatal,
    /// flush)` (a string; `null` when invalid under `fatal`) and `textDecoderClose(id)`.
    pub(crate) fn install(native: &Object<'_>) -> rquickjs::Result<()> {
        native.set(
            "textEncoding",
            Func::from(|label: String| super::encoding_name(&label)),
        )?;
        native.set(
            "textDecoderOpen",
            Func::from(|name: String, strip_bom: Opt<bool>| {
                super::open(&name, strip_bom.0.unwrap_or(false))
            }),
        )?;
        native.set("textDecode", Func::from(decode))?;
        native.set("textDecoderClose", Func::from(super::close))?;
        Ok(())
    }

    fn decode<'js>(
        ctx: Ctx<'js>,
        id: u32,
        bytes: Value<'js>,
        fatal: Opt<bool>,
        flush: Opt<bool>,
    ) -> rquickjs::Result<Value<'js>> {
        let bytes = crate::natives::value_to_bytes(&ctx, &bytes)?;
        let decoded = super::decode(
            id,
            &bytes,
            fatal.0.unwrap_or(false),
            flush.0.unwrap_or(true),
        );
        match decoded {
            Decoded::Text(text) => Ok(rquickjs::String::from_str(ctx, &text)?.into_value()),
            Decoded::Invalid => Ok(Value::new_null(ctx)),
            Decoded::Closed => Err(rquickjs::Exception::throw_type(
                &ctx,
                "the decoder is closed",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn once(label: &str, bytes: &[u8], fatal: bool) -> Decoded {
        let id = open(label, false).expect("known label");
        decode(id, bytes, fatal, true)
    }

    fn text(s: &str) -> Decoded {
        Decoded::Text(s.to_owned())
    }

    #[test]
    fn labels_name_the_standards_encodings_and_refuse_replacement() {
        assert_eq!(encoding_name(" SJIS\n").as_deref(), Some("shift_jis"));
        assert_eq!(encoding_name("gb2312").as_deref(), Some("gbk"));
        assert_eq!(encoding_name("latin1").as_deref(), Some("windows-1252"));
        assert_eq!(encoding_name("big5-hkscs").as_deref(), Some("big5"));
        assert_eq!(encoding_name("utf-16").as_deref(), Some("utf-16le"));
        assert_eq!(
            encoding_name("x-user-defined").as_deref(),
            Some("x-user-defined")
        );
        assert_eq!(encoding_name("replacement"), None);
        assert_eq!(encoding_name("iso-2022-kr"), None);
        assert_eq!(encoding_name("nope"), None);
    }

    #[test]
    fn each_multi_byte_encoding_decodes() {
        assert_eq!(once("gbk", &[0xc4, 0xe3, 0xba, 0xc3], false), text("你好"));
        assert_eq!(
            once("gb18030", &[0x81, 0x30, 0x81, 0x31], false),
            text("\u{81}")
        );
        assert_eq!(once("shift_jis", &[0x82, 0xa0, 0x41], false), text("あA"));
        assert_eq!(
            once("euc-jp", &[0xa4, 0xa2, 0x8e, 0xb1], false),
            text("あｱ")
        );
        assert_eq!(once("euc-kr", &[0xb0, 0xa1], false), text("가"));
        assert_eq!(once("big5", &[0xa4, 0xa4], false), text("中"));
        let jis = [0x1b, 0x24, 0x42, 0x30, 0x21, 0x1b, 0x28, 0x42, 0x41];
        assert_eq!(once("iso-2022-jp", &jis, false), text("亜A"));
        assert_eq!(once("windows-1252", &[0x80, 0xe9], false), text("€é"));
    }

    #[test]
    fn a_stream_keeps_unfinished_sequences_and_modes_between_calls() {
        let id = open("gbk", false).unwrap();
        assert_eq!(decode(id, &[0xc4], false, false), text(""));
        assert_eq!(decode(id, &[0xe3, 0xba], false, false), text("你"));
        assert_eq!(decode(id, &[0xc3], false, true), text("好"));
        // The flush closed it.
        assert_eq!(decode(id, &[0x41], false, true), Decoded::Closed);

        let id = open("iso-2022-jp", false).unwrap();
        assert_eq!(decode(id, &[0x1b, 0x24, 0x42], false, false), text(""));
        assert_eq!(decode(id, &[0x30, 0x21], false, false), text("亜"));
        assert_eq!(
            decode(id, &[0x1b, 0x28, 0x42, 0x41], false, true),
            text("A")
        );
    }

    #[test]
    fn invalid_bytes_are_replaced_or_refused_under_fatal() {
        assert_eq!(once("gbk", &[0x41, 0xc4], false), text("A\u{fffd}"));
        assert_eq!(once("gbk", &[0xc4], true), Decoded::Invalid);
        assert_eq!(once("euc-kr", &[0xff], true), Decoded::Invalid);
        // A lead byte followed by ASCII: U+FFFD, and the ASCII byte is kept.
        assert_eq!(once("shift_jis", &[0x82, 0x41], false), text("\u{fffd}A"));
        let before = open_count();
        let id = open("shift_jis", false).unwrap();
        assert_eq!(decode(id, &[0xff], true, false), Decoded::Invalid);
        assert_eq!(open_count(), before, "an invalid stream closes its decoder");
    }

    #[test]
    fn utf16_drops_its_own_byte_order_mark_only_when_asked() {
        let id = open("utf-16le", true).unwrap();
        assert_eq!(
            decode(id, &[0xff, 0xfe, 0x41, 0x00], false, true),
            text("A")
        );
        let id = open("utf-16le", false).unwrap();
        assert_eq!(
            decode(id, &[0xff, 0xfe, 0x41, 0x00], false, true),
            text("\u{feff}A")
        );
        // A surrogate pair cut between two chunks.
        let id = open("utf-16be", true).unwrap();
        assert_eq!(decode(id, &[0xd8, 0x3d, 0xde], false, false), text(""));
        assert_eq!(decode(id, &[0x00], false, true), text("😀"));
    }

    #[test]
    fn large_inputs_decode_whole() {
        let bytes: Vec<u8> = [0xc4, 0xe3].repeat(100_000);
        let Decoded::Text(out) = once("gbk", &bytes, true) else {
            panic!("valid gbk");
        };
        assert_eq!(out.chars().count(), 100_000);
        assert!(out.chars().all(|c| c == '你'));
    }

    #[test]
    fn closing_frees_the_decoder() {
        let before = open_count();
        let id = open("big5", false).unwrap();
        assert_eq!(open_count(), before + 1);
        close(id);
        close(id);
        assert_eq!(open_count(), before);
    }
}
