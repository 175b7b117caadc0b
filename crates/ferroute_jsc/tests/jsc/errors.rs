//! Exceptions come back as `JsError` with message, name, stack, file URL and line.

use ferroute_jsc::{JsErrorKind, Vm};

const URL: &str = "file:///app/api/hello/route.js";

#[test]
fn syntax_error_names_file_and_line() {
    let vm = Vm::new();
    let err = vm.eval("let a = 1;\nlet b = ;\n", URL, 10).unwrap_err();
    assert_eq!(err.kind(), JsErrorKind::Exception);
    assert_eq!(err.name(), "SyntaxError");
    assert!(
        err.message().contains("Unexpected token ';'"),
        "{}",
        err.message()
    );
    assert_eq!(err.url(), Some(URL));
    assert_eq!(
        err.line(),
        Some(11),
        "the second line of a source starting at line 10"
    );
    assert!(err.to_string().starts_with("SyntaxError: "), "{err}");
    assert!(err.to_string().contains(&format!("(at {URL}:11")), "{err}");

    let checked = vm
        .check_syntax("function f() {\n  return (;\n}", URL, 1)
        .unwrap_err();
    assert_eq!((checked.name(), checked.line()), ("SyntaxError", Some(2)));
    assert!(
        vm.check_syntax("while (true) {}", URL, 1).is_ok(),
        "checking does not run it"
    );
}

#[test]
fn thrown_error_carries_message_line_and_stack() {
    let vm = Vm::new();
    let source = "function handler() {\n  throw new TypeError('bad input');\n}\nhandler();\n";
    let err = vm.eval(source, URL, 1).unwrap_err();
    assert_eq!(err.name(), "TypeError");
    assert_eq!(err.message(), "bad input");
    assert_eq!(err.url(), Some(URL));
    assert_eq!(err.line(), Some(2));
    assert!(err.column().is_some());
    let first = err.stack().lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("handler@{URL}:2:")),
        "{}",
        err.stack()
    );
    assert!(
        err.stack().contains(&format!("{URL}:4:")),
        "the caller's frame: {}",
        err.stack()
    );
    assert_eq!(
        err.to_string(),
        format!(
            "TypeError: bad input (at {URL}:2:{})",
            err.column().unwrap()
        )
    );
}

#[test]
fn runtime_errors_of_the_engine_have_their_names() {
    let vm = Vm::new();
    let err = vm.eval("\n\nundefinedName + 1", URL, 1).unwrap_err();
    assert_eq!((err.name(), err.line()), ("ReferenceError", Some(3)));
    assert!(err.message().contains("undefinedName"), "{}", err.message());
    let err = vm.eval("null.x", URL, 1).unwrap_err();
    assert_eq!(err.name(), "TypeError");
    let err = vm.eval(
        "class MyError extends Error { name = 'MyError' }; throw new MyError('m')",
        URL,
        1,
    );
    let err = err.unwrap_err();
    assert_eq!((err.name(), err.message()), ("MyError", "m"));
}

#[test]
fn throwing_a_non_error_value_gives_its_string() {
    let vm = Vm::new();
    let err = vm.eval("throw 'plain string'", URL, 1).unwrap_err();
    assert_eq!((err.name(), err.message()), ("", "plain string"));
    assert_eq!(err.to_string(), "plain string");
    let err = vm.eval("throw { code: 42 }", URL, 1).unwrap_err();
    assert_eq!(err.message(), "[object Object]");
    let err = vm.eval("throw 7", URL, 1).unwrap_err();
    assert_eq!(err.message(), "7");
}

#[test]
fn js_error_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + std::error::Error>() {}
    assert_send_sync::<ferroute_jsc::JsError>();
}
