//! [`JsError`]: a JavaScript exception as plain Rust data (message, name, stack, file URL, line),
//! and the way back: the JavaScript value a native function throws for a `JsError`.

use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::shared::Shared;
use crate::Vm;
use crate::{ffi, Value, ValueKind};

/// What JSC's termination exception says (`String(exception)`).
const TERMINATED: &str = "JavaScript execution terminated.";

/// Error names that have a global constructor of that name.
const ERROR_CONSTRUCTORS: [&str; 8] = [
    "Error",
    "TypeError",
    "RangeError",
    "SyntaxError",
    "ReferenceError",
    "EvalError",
    "URIError",
    "AggregateError",
];

/// Numbers the exceptions captured in any VM of the process.
static NEXT_EXCEPTION_ID: AtomicU64 = AtomicU64::new(1);

/// A JavaScript exception (or an error a native function throws), as plain data: `Send`, and
/// free of any VM. Boxed, so that `Result<Value, JsError>` stays small.
///
/// For a thrown `Error` object the fields are its own (`name`, `message`, `stack`, and JSC's
/// `sourceURL`, `line`, `column` of the throw or the syntax error). For any other thrown value,
/// `name` is empty and `message` is `String(value)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsError(Box<Details>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    kind: JsErrorKind,
    name: String,
    message: String,
    stack: String,
    url: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
    /// The id of the exception value the VM keeps, to throw it again as itself.
    thrown: Option<u64>,
}

/// Why a [`JsError`] happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsErrorKind {
    /// JavaScript threw (or a native function returned this error).
    Exception,
    /// The time limit ([`Vm::set_time_limit`]) stopped the script.
    Timeout,
}

impl JsError {
    /// An error of the given name (`TypeError`, `RangeError` … or any name: a native function
    /// that returns it throws an `Error` with that `name`).
    #[must_use]
    pub fn new(name: &str, message: &str) -> Self {
        JsError(Box::new(Details {
            kind: JsErrorKind::Exception,
            name: name.to_owned(),
            message: message.to_owned(),
            stack: String::new(),
            url: None,
            line: None,
            column: None,
            thrown: None,
        }))
    }

    /// Why it happened.
    #[must_use]
    pub fn kind(&self) -> JsErrorKind {
        self.0.kind
    }

    /// The error's `name` (`TypeError` …); empty when a non-error value was thrown.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The error's `message` (for a non-error value: `String(value)`).
    #[must_use]
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The error's `stack`: one `function@url:line:column` line per frame (JSC's format);
    /// empty when there is none (syntax errors have none).
    #[must_use]
    pub fn stack(&self) -> &str {
        &self.0.stack
    }

    /// The URL of the script where it was thrown (the `url` given to
    /// [`Vm::eval`](crate::Vm::eval)).
    #[must_use]
    pub fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// The 1-based line there.
    #[must_use]
    pub fn line(&self) -> Option<u32> {
        self.0.line
    }

    /// The 1-based column there.
    #[must_use]
    pub fn column(&self) -> Option<u32> {
        self.0.column
    }

    /// An `Error`.
    #[must_use]
    pub fn error(message: &str) -> Self {
        JsError::new("Error", message)
    }

    /// A `TypeError`.
    #[must_use]
    pub fn type_error(message: &str) -> Self {
        JsError::new("TypeError", message)
    }

    /// A `RangeError`.
    #[must_use]
    pub fn range_error(message: &str) -> Self {
        JsError::new("RangeError", message)
    }

    /// The error of an entry the time limit stopped.
    pub(crate) fn timeout() -> Self {
        let mut error = JsError::new("", TERMINATED);
        error.0.kind = JsErrorKind::Timeout;
        error
    }

    /// Whether the time limit stopped the script.
    #[must_use]
    pub fn is_timeout(&self) -> bool {
        self.0.kind == JsErrorKind::Timeout
    }
}

/// `name: message (at url:line:column)`, leaving out what is unknown.
impl std::fmt::Display for JsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let details = &self.0;
        if !details.name.is_empty() {
            write!(f, "{}: ", details.name)?;
        }
        f.write_str(&details.message)?;
        if let Some(url) = &details.url {
            write!(f, " (at {url}")?;
            if let Some(line) = details.line {
                write!(f, ":{line}")?;
                if let Some(column) = details.column {
                    write!(f, ":{column}")?;
                }
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl std::error::Error for JsError {}

/// Converts the exception JSC just reported (`raw`, on the caller's stack) into a `JsError`,
/// keeping the value so that a native function returning this error throws it again.
pub(crate) fn capture(shared: &Rc<Shared>, raw: ffi::JSValueRef) -> JsError {
    let value = Value::protected(shared, raw);
    let mut details = describe(&value);
    if shared.timed_out.get() && details.name.is_empty() && details.message == TERMINATED {
        details.kind = JsErrorKind::Timeout;
    }
    let id = NEXT_EXCEPTION_ID.fetch_add(1, Ordering::Relaxed);
    shared.keep_exception(id, value.as_raw());
    details.thrown = Some(id);
    JsError(Box::new(details))
}

/// Reads what a `JsError` carries off a thrown value. Failures to read (a throwing getter) leave
/// the field empty.
fn describe(value: &Value) -> Details {
    let mut error = *JsError::new("", "").0;
    if value.kind() != ValueKind::Object {
        error.message = value.to_string().unwrap_or_default();
        return error;
    }
    let text = |key: &str| {
        value
            .get(key)
            .ok()
            .filter(|v| !v.is_nullish())
            .and_then(|v| v.to_string().ok())
    };
    let number = |key: &str| {
        value
            .get(key)
            .ok()
            .and_then(|v| v.as_number())
            .filter(|n| n.is_finite() && *n >= 0.0 && *n <= f64::from(u32::MAX))
            // Checked above: a finite, non-negative number within u32.
            .map(|n| n as u32)
    };
    match text("message") {
        Some(message) => {
            error.message = message;
            error.name = text("name").unwrap_or_default();
        }
        None => error.message = value.to_string().unwrap_or_default(),
    }
    error.stack = text("stack").unwrap_or_default();
    error.url = text("sourceURL");
    error.line = number("line");
    error.column = number("column");
    error
}

/// The JavaScript value to throw for `error`: the original exception when it is the last one
/// this VM captured, else a new error object of its name and message.
pub(crate) fn throwable(shared: &Rc<Shared>, error: &JsError) -> ffi::JSValueRef {
    if let Some(raw) = error.0.thrown.and_then(|id| shared.kept_exception(id)) {
        return raw;
    }
    let vm = Vm::lent(Rc::clone(shared));
    let made = make_error(&vm, error);
    // The value stays on this stack frame's caller (as the raw pointer it throws), where
    // the collector sees it.
    match made {
        Ok(value) => value.as_raw(),
        Err(_) => vm.undefined().as_raw(),
    }
}

fn make_error(vm: &Vm, error: &JsError) -> Result<Value, JsError> {
    let name = error.name();
    let message = vm.string(error.message());
    let standard = ERROR_CONSTRUCTORS.contains(&name);
    let constructor = vm.global().get(if standard { name } else { "Error" })?;
    let value = if name == "AggregateError" {
        constructor.construct(&[vm.array(&[])?, message])?
    } else {
        constructor.construct(&[message])?
    };
    if !standard && !name.is_empty() {
        value.set("name", &vm.string(name))?;
    }
    Ok(value)
}
