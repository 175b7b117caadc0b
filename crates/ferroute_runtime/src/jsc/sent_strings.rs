//! The strings each request sends to JavaScript (its URL, its params as JSON), kept made; and
//! the names JavaScript sends back to the per-request natives, kept read ([`ReceivedStrings`]).
//!
//! Making a JavaScript string through JSC's C API costs about 3,000 instructions for a URL
//! (a C string, a UTF-8 to UTF-16 conversion, two copies into string objects, the cell): a
//! tenth of a plain request's CPU. Traffic repeats its URLs, and a string is immutable, so
//! a string sent again is taken from here: `SLOTS` slots, chosen by the text's hash, each
//! keeping one protected string. A text takes its slot when it misses there twice with no
//! other text missing there in between, so one-off URLs (ids, queries) neither pay for a
//! protection nor push out the busy ones; texts longer than `MAX_LEN` are never kept.

use std::cell::RefCell;
use std::hash::BuildHasher;
use std::rc::Rc;

use ferroute_jsc::{Value, ValueKind, Vm};

const SLOTS: usize = 64;
const MAX_LEN: usize = 512;

#[derive(Default)]
struct Slot {
    text: Box<str>,
    value: Option<Rc<Value>>,
    /// The hash of the last text that landed here and was not kept.
    missed: u64,
}

/// The slot of a text of hash `hash`.
fn slot_of(hash: u64) -> usize {
    (hash as usize) % SLOTS
}

pub(crate) struct SentStrings {
    slots: RefCell<Vec<Slot>>,
    hasher: foldhash::fast::FixedState,
}

impl SentStrings {
    pub(crate) fn new() -> SentStrings {
        SentStrings {
            slots: RefCell::new((0..SLOTS).map(|_| Slot::default()).collect()),
            hasher: foldhash::fast::FixedState::with_seed(0x5e47),
        }
    }

    /// The kept string for `text` (None: make it for this call), keeping it now if it was
    /// the last text to miss its slot. The `Rc` keeps it protected while the caller uses it,
    /// even if its slot takes another text meanwhile.
    pub(crate) fn get(&self, vm: &Vm, text: &str) -> Option<Rc<Value>> {
        if text.len() > MAX_LEN {
            return None;
        }
        let hash = self.hasher.hash_one(text);
        let mut slots = self.slots.borrow_mut();
        let slot = &mut slots[slot_of(hash)];
        match &slot.value {
            Some(value) if *slot.text == *text => Some(Rc::clone(value)),
            _ if slot.missed != hash => {
                slot.missed = hash;
                None
            }
            _ => {
                let value = Rc::new(vm.string(text));
                slot.text = text.into();
                slot.value = Some(Rc::clone(&value));
                slot.missed = 0;
                Some(value)
            }
        }
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
    fn one_off_texts_leave_a_kept_one_in_place_and_a_repeated_one_replaces_it() {
        let Some(vm) = vm() else { return };
        let sent = SentStrings::new();
        let busy = "/busy";
        sent.get(&vm, busy);
        let kept = sent.get(&vm, busy).expect("kept");
        // Other texts landing on the same slot once each: the busy one stays.
        let same_slot: Vec<String> = (0..100_000)
            .map(|i| format!("/other/{i}"))
            .filter(|t| slot(&sent, t) == slot(&sent, busy))
            .take(3)
            .collect();
        for t in &same_slot {
            assert!(sent.get(&vm, t).is_none());
            assert!(Rc::ptr_eq(&sent.get(&vm, busy).expect("still kept"), &kept));
        }
        // One that comes twice in a row takes the slot; the string handed out before lives on.
        let other = &same_slot[0];
        assert!(sent.get(&vm, other).is_none(), "not the last to miss");
        assert_eq!(
            sent.get(&vm, other).expect("kept").as_string().as_deref(),
            Some(other.as_str())
        );
        assert_eq!(kept.as_string().as_deref(), Some(busy));
        assert!(sent.get(&vm, busy).is_none(), "pushed out");
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

    fn slot(sent: &SentStrings, text: &str) -> usize {
        use std::hash::BuildHasher;
        super::slot_of(sent.hasher.hash_one(text))
    }
}
