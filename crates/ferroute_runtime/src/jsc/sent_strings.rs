//! The strings each request sends to JavaScript (its URL, its params as JSON), kept made; and
//! the names JavaScript sends back to the per-request natives, kept read ([`ReceivedStrings`]).
//!
//! Making a JavaScript string through JSC's C API costs about 3,000 instructions for a URL
//! (a C string, a UTF-8 to UTF-16 conversion, two copies into string objects, the cell): a
//! tenth of a plain request's CPU. Traffic repeats its URLs, and a string is immutable, so
//! a string sent again is taken from here: `SETS` sets of two ways, chosen by the text's hash,
//! each way keeping one protected string. A text is kept when it misses its set while it is
//! one of the last two texts that missed there, in the way used least recently; so one-off
//! URLs (ids, queries) neither pay for a protection nor push out the busy ones, and the texts
//! of one request (its URL, a param's value and name) that share a set are both kept instead
//! of each pushing the other out. Texts longer than `MAX_LEN` are never kept.

use std::cell::RefCell;
use std::hash::BuildHasher;
use std::rc::Rc;

use ferroute_jsc::{Value, ValueKind, Vm};

const SETS: usize = 32;
/// For [`ReceivedStrings`], which is direct-mapped.
const SLOTS: usize = 64;
const MAX_LEN: usize = 512;

#[derive(Default)]
struct Way {
    text: Box<str>,
    value: Option<Rc<Value>>,
}

#[derive(Default)]
struct Set {
    ways: [Way; 2],
    /// The way used least recently: the one a text to keep takes.
    older: usize,
    /// The hashes of the last two texts that missed here and were not kept (0: none).
    missed: [u64; 2],
}

/// The set of a text of hash `hash`.
fn set_of(hash: u64) -> usize {
    (hash as usize) % SETS
}

pub(crate) struct SentStrings {
    sets: RefCell<Vec<Set>>,
    hasher: foldhash::fast::FixedState,
}

impl SentStrings {
    pub(crate) fn new() -> SentStrings {
        SentStrings {
            sets: RefCell::new((0..SETS).map(|_| Set::default()).collect()),
            hasher: foldhash::fast::FixedState::with_seed(0x5e47),
        }
    }

    /// The kept string for `text` (None: make it for this call), keeping it now if it is one
    /// of the last two texts to miss its set. The `Rc` keeps it protected while the caller
    /// uses it, even if its way takes another text meanwhile.
    pub(crate) fn get(&self, vm: &Vm, text: &str) -> Option<Rc<Value>> {
        if text.len() > MAX_LEN {
            return None;
        }
        let hash = self.hasher.hash_one(text);
        let mut sets = self.sets.borrow_mut();
        let set = &mut sets[set_of(hash)];
        for (i, way) in set.ways.iter().enumerate() {
            if let Some(value) = &way.value {
                if *way.text == *text {
                    set.older = 1 - i;
                    return Some(Rc::clone(value));
                }
            }
        }
        if hash == 0 || !set.missed.contains(&hash) {
            set.missed = [hash, set.missed[0]];
            return None;
        }
        set.missed = set.missed.map(|h| if h == hash { 0 } else { h });
        let value = Rc::new(vm.string(text));
        let older = set.older;
        set.ways[older] = Way {
            text: text.into(),
            value: Some(Rc::clone(&value)),
        };
        set.older = 1 - older;
        Some(value)
    }
}

/// The strings JavaScript passes to the per-request natives again and again (a header's or a
/// cookie's name: literals, the same string object on every call), read once: a string kept
/// here (protected, so its address names it alone while kept) is known by its address,
/// without a conversion through the C API (~1,100 instructions). Kept on a second miss at its
/// slot, as [`SentStrings`] keeps its texts.
pub(crate) struct ReceivedStrings {
    slots: RefCell<Vec<Received>>,
}

#[derive(Default)]
struct Received {
    /// The string object, protected while kept.
    value: Option<Value>,
    text: Rc<str>,
    /// The address of the last string that missed here.
    missed: usize,
}

impl ReceivedStrings {
    pub(crate) fn new() -> ReceivedStrings {
        ReceivedStrings {
            slots: RefCell::new((0..SLOTS).map(|_| Received::default()).collect()),
        }
    }

    /// `value` as Rust text (`String(value)`; only strings are kept).
    pub(crate) fn text(&self, value: &Value) -> Result<Rc<str>, ferroute_jsc::JsError> {
        if value.kind() != ValueKind::String {
            return Ok(value.to_string()?.into());
        }
        let address = value.as_raw() as usize;
        // Cells are 16-byte aligned: the bits above those pick the slot.
        let index = (address >> 4) % SLOTS;
        {
            let slots = self.slots.borrow();
            let slot = &slots[index];
            if slot
                .value
                .as_ref()
                .is_some_and(|v| v.as_raw() == value.as_raw())
            {
                return Ok(Rc::clone(&slot.text));
            }
        }
        let text: Rc<str> = value.to_string()?.into();
        if text.len() <= MAX_LEN {
            let mut slots = self.slots.borrow_mut();
            let slot = &mut slots[index];
            if slot.missed == address {
                slot.value = Some(value.clone());
                slot.text = Rc::clone(&text);
                slot.missed = 0;
            } else {
                slot.missed = address;
            }
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use ferroute_jsc::Vm;

    use super::{SentStrings, MAX_LEN};

    fn vm() -> Option<Vm> {
        // Without the library (QuickJS-only machines) there is nothing to keep.
        ferroute_jsc::load().ok().map(|()| Vm::new())
    }

    #[test]
    fn a_text_is_kept_the_second_time_it_comes_and_handed_out_after() {
        let Some(vm) = vm() else { return };
        let sent = SentStrings::new();
        let url = "http://localhost:3000/items/abc";
        assert!(sent.get(&vm, url).is_none(), "seen once: made for the call");
        let kept = sent.get(&vm, url).expect("seen twice: kept");
        assert_eq!(kept.as_string().as_deref(), Some(url));
        let again = sent.get(&vm, url).expect("kept");
        assert!(Rc::ptr_eq(&kept, &again), "the same string, not a new one");
        let long = "x".repeat(MAX_LEN + 1);
        assert!(sent.get(&vm, &long).is_none());
        assert!(sent.get(&vm, &long).is_none(), "too long to keep");
    }

    #[test]
    fn one_off_texts_leave_the_kept_ones_in_place_and_a_repeated_one_replaces_the_older() {
        let Some(vm) = vm() else { return };
        let sent = SentStrings::new();
        let same_set: Vec<String> = (0..100_000)
            .map(|i| format!("/text/{i}"))
            .filter(|t| set(&sent, t) == set(&sent, "/text/0"))
            .take(6)
            .collect();
        let keep = |t: &str| {
            sent.get(&vm, t);
            sent.get(&vm, t).expect("seen twice: kept")
        };
        let (a, b) = (keep(&same_set[0]), keep(&same_set[1]));
        // Texts landing on the same set once each: both kept ones stay.
        for t in &same_set[2..5] {
            assert!(sent.get(&vm, t).is_none());
            assert!(Rc::ptr_eq(&sent.get(&vm, &same_set[0]).expect("kept"), &a));
            assert!(Rc::ptr_eq(&sent.get(&vm, &same_set[1]).expect("kept"), &b));
        }
        // One that comes again takes the way used least recently (a's, as b was read last);
        // the string handed out before lives on.
        let other = &same_set[5];
        assert!(sent.get(&vm, other).is_none(), "seen once");
        let kept = sent.get(&vm, other).expect("seen twice: kept");
        assert_eq!(kept.as_string().as_deref(), Some(other.as_str()));
        assert_eq!(a.as_string().as_deref(), Some(same_set[0].as_str()));
        assert!(sent.get(&vm, &same_set[0]).is_none(), "pushed out");
        assert!(Rc::ptr_eq(&sent.get(&vm, &same_set[1]).expect("kept"), &b));
    }

    #[test]
    fn two_texts_of_each_request_that_share_a_set_are_both_kept() {
        let Some(vm) = vm() else { return };
        let sent = SentStrings::new();
        let url = "http://localhost:3000/items/abc";
        let value = (0..100_000)
            .map(|i| format!("v{i}"))
            .find(|t| set(&sent, t) == set(&sent, url))
            .unwrap();
        // As a request sends them: the URL, then the param's value. The first request makes
        // both; the second finds each among the last two texts to miss, and keeps both.
        assert!(sent.get(&vm, url).is_none());
        assert!(sent.get(&vm, &value).is_none());
        let (u, v) = (
            sent.get(&vm, url).expect("kept"),
            sent.get(&vm, &value).expect("kept"),
        );
        assert!(Rc::ptr_eq(&u, &sent.get(&vm, url).unwrap()));
        assert!(Rc::ptr_eq(&v, &sent.get(&vm, &value).unwrap()));
    }

    #[test]
    fn a_string_object_received_again_is_read_once_and_only_strings_are_kept() {
        let Some(vm) = vm() else { return };
        let received = super::ReceivedStrings::new();
        let name = vm.eval("'to' + 'ken'", "file:///t.js", 1).unwrap();
        let first = received.text(&name).unwrap();
        let second = received.text(&name).unwrap();
        let third = received.text(&name).unwrap();
        assert_eq!((&*first, &*second), ("token", "token"));
        assert!(
            Rc::ptr_eq(&second, &third),
            "kept: the same text, not read again"
        );
        // Another string object with the same text is its own entry, read as itself.
        let other = vm.eval("'tok' + 'en'", "file:///t.js", 1).unwrap();
        assert_eq!(&*received.text(&other).unwrap(), "token");
        // An object's text may change from call to call: never kept.
        let object = vm
            .eval(
                "let n = 0; ({ toString() { return `n${n++}`; } })",
                "file:///t.js",
                1,
            )
            .unwrap();
        let texts: Vec<String> = (0..3)
            .map(|_| received.text(&object).unwrap().to_string())
            .collect();
        assert_eq!(texts, ["n0", "n1", "n2"]);
    }

    fn set(sent: &SentStrings, text: &str) -> usize {
        use std::hash::BuildHasher;
        super::set_of(sent.hasher.hash_one(text))
    }
}
