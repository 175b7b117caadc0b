//! Unit tests of the natives that need no engine.

use super::{header_value, header_value_class};

// Issue 9, item 7: found by the `header_value` fuzz target (docs/fuzzing.md). A char above
// U+00FF was cut to its low byte: "Łódź" went out as "A\xf3dz".
#[test]
fn issue_9_header_value_refuses_chars_above_u00ff() {
    assert_eq!(header_value("Łódź"), None);
    assert_eq!(header_value("x\u{100}"), None);
    assert_eq!(header_value("😀"), None);
    let latin1 = header_value("caf\u{e9}").expect("a ByteString");
    assert_eq!(latin1.as_bytes(), b"caf\xe9");
    assert_eq!(
        header_value("text/plain").expect("ASCII").as_bytes(),
        b"text/plain"
    );
    // What hyper refuses is refused too (Headers allows these; the header is dropped).
    assert_eq!(header_value("a\u{1}b"), None);
    assert_eq!(header_value("a\u{7f}"), None);
}

#[test]
fn header_value_class_as_headers_checks_it() {
    assert_eq!(header_value_class(b"plain value"), 0);
    assert_eq!(header_value_class("caf\u{e9}".as_bytes()), 0);
    assert_eq!(header_value_class(b"a\0b"), 1);
    assert_eq!(header_value_class(b"a\r\nb"), 1);
    assert_eq!(header_value_class("a\nŁ".as_bytes()), 2);
    // A lone surrogate, as QuickJS writes it.
    assert_eq!(header_value_class(b"\xed\xa0\x80"), 2);
}
