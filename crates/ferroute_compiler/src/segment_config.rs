//! Route segment config (`export const revalidate = 60`, `dynamic`, `runtime`, ...), read
//! from the syntax tree the way Next.js reads it at build time: the value must be a literal
//! (`600` is fine, `60 * 10` is not), and it must be one of the values Next.js accepts.
//! Anything else becomes a `ferroute::compile::segment_config` diagnostic that lists the
//! allowed values.

use oxc_ast::ast::{Expression, ObjectPropertyKind, UnaryOperator};
use oxc_span::{GetSpan as _, Span};
use serde_json::Value;

use crate::diagnostic::SourceDiagnostic;

/// The segment config a route module exports. `None` means "not exported" (Next.js's
/// default applies).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegmentConfig {
    /// `export const dynamic`: `"auto"`, `"force-dynamic"`, `"error"` or `"force-static"`.
    pub dynamic: Option<String>,
    /// `export const dynamicParams`.
    pub dynamic_params: Option<bool>,
    /// `export const revalidate`.
    pub revalidate: Option<Revalidate>,
    /// `export const fetchCache`: `"auto"`, `"default-cache"`, `"only-cache"`,
    /// `"force-cache"`, `"force-no-store"`, `"default-no-store"` or `"only-no-store"`.
    pub fetch_cache: Option<String>,
    /// `export const runtime`: `"nodejs"`, `"edge"` or `"experimental-edge"`.
    pub runtime: Option<String>,
    /// `export const preferredRegion`: a string or an array of strings, kept as JSON.
    pub preferred_region: Option<Value>,
    /// `export const maxDuration`, in seconds.
    pub max_duration: Option<u64>,
    /// The module exports `generateStaticParams` (in any form).
    pub has_generate_static_params: bool,
}

/// `export const revalidate = ...`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revalidate {
    /// `false`: cache indefinitely.
    False,
    /// `0`: always render dynamically.
    Zero,
    /// A positive number of seconds.
    Seconds(u64),
}

/// Where an exported segment config name gets its value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ConfigValue<'s, 'a> {
    /// `export const x = init` (or `const x = init; export { x }`); `span` is the declarator.
    Init {
        init: Option<&'s Expression<'a>>,
        span: Span,
    },
    /// Bound by destructuring, a function, a class, or an import: not a literal.
    NotLiteral(Span),
    /// `export { x } from './y'`.
    ReExport(Span),
}

const DYNAMIC: &[&str] = &["auto", "force-dynamic", "error", "force-static"];
const FETCH_CACHE: &[&str] = &[
    "auto",
    "default-cache",
    "only-cache",
    "force-cache",
    "force-no-store",
    "default-no-store",
    "only-no-store",
];
const RUNTIME: &[&str] = &["nodejs", "edge", "experimental-edge"];

/// The exported names that are segment config values (`generateStaticParams` aside).
pub(crate) const SEGMENT_KEYS: &[&str] = &[
    "dynamic",
    "dynamicParams",
    "revalidate",
    "fetchCache",
    "runtime",
    "preferredRegion",
    "maxDuration",
];

/// Reads one exported config value into `config`, or describes why it can't be used.
pub(crate) fn apply(
    config: &mut SegmentConfig,
    source: &str,
    name: &str,
    value: ConfigValue<'_, '_>,
) -> Result<(), SourceDiagnostic> {
    let allowed = allowed_values(name);
    let problem = |span: Span, message: String, label: &str, help: String| {
        SourceDiagnostic::new(
            source,
            message,
            span_range(span),
            Some(label.to_string()),
            Some(help),
        )
    };
    let (expr, literal) = match value {
        ConfigValue::ReExport(span) => {
            return Err(problem(
                span,
                format!("segment config `{name}` is re-exported from another module"),
                "re-exported",
                format!("Next.js reads segment config from the route file itself; declare it here: `export const {name} = {}`", example(name)),
            ));
        }
        ConfigValue::NotLiteral(span) | ConfigValue::Init { init: None, span } => {
            return Err(problem(
                span,
                format!("segment config `{name}` has no literal value"),
                "not a literal",
                format!(
                    "write the value itself, e.g. `export const {name} = {}`; allowed: {allowed}",
                    example(name)
                ),
            ));
        }
        ConfigValue::Init {
            init: Some(expr), ..
        } => (expr, literal(expr)),
    };
    let span = expr.get_inner_expression().span();
    let Some(literal) = literal else {
        return Err(problem(
            span,
            format!("segment config `{name}` must be a literal Next.js can read without running the module"),
            "computed at runtime",
            format!("write the value itself, e.g. `export const {name} = {}`; allowed: {allowed}", example(name)),
        ));
    };
    let invalid = |extra: &str| {
        let shown = literal.to_string();
        problem(
            span,
            format!(
                "invalid segment config `{name}`: {}",
                shown.replace('"', "'")
            ),
            "not an allowed value",
            format!("allowed: {allowed}{extra}"),
        )
    };
    match name {
        "dynamic" => {
            config.dynamic = Some(one_of(&literal, DYNAMIC).map_err(|hint| invalid(&hint))?)
        }
        "fetchCache" => {
            config.fetch_cache =
                Some(one_of(&literal, FETCH_CACHE).map_err(|hint| invalid(&hint))?);
        }
        "runtime" => {
            config.runtime = Some(one_of(&literal, RUNTIME).map_err(|hint| invalid(&hint))?)
        }
        "dynamicParams" => {
            config.dynamic_params = Some(literal.as_bool().ok_or_else(|| invalid(""))?)
        }
        "revalidate" => {
            config.revalidate = Some(match &literal {
                Value::Bool(false) => Revalidate::False,
                Value::Number(_) => match whole_seconds(&literal) {
                    Some(0) => Revalidate::Zero,
                    Some(seconds) => Revalidate::Seconds(seconds),
                    None => return Err(invalid("")),
                },
                _ => return Err(invalid("")),
            });
        }
        "maxDuration" => {
            config.max_duration = Some(whole_seconds(&literal).ok_or_else(|| invalid(""))?)
        }
        "preferredRegion" => {
            let valid = match &literal {
                Value::String(_) => true,
                Value::Array(items) => items.iter().all(Value::is_string),
                _ => false,
            };
            if !valid {
                return Err(invalid(""));
            }
            config.preferred_region = Some(literal);
        }
        _ => {}
    }
    Ok(())
}

fn allowed_values(name: &str) -> String {
    let quoted = |values: &[&str]| {
        values
            .iter()
            .map(|v| format!("'{v}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match name {
        "dynamic" => quoted(DYNAMIC),
        "fetchCache" => quoted(FETCH_CACHE),
        "runtime" => quoted(RUNTIME),
        "dynamicParams" => "true, false".to_string(),
        "revalidate" => "false, 0, or a whole number of seconds (e.g. 60)".to_string(),
        "maxDuration" => "a whole number of seconds (e.g. 30)".to_string(),
        "preferredRegion" => {
            "'auto', 'global', 'home', a region string, or an array of region strings".to_string()
        }
        _ => String::new(),
    }
}

fn example(name: &str) -> &'static str {
    match name {
        "dynamic" => "'force-static'",
        "fetchCache" => "'default-cache'",
        "runtime" => "'nodejs'",
        "dynamicParams" => "true",
        "revalidate" => "600",
        "maxDuration" => "30",
        _ => "'auto'",
    }
}

/// The string if it is one of `allowed`, else a ` (did you mean ...?)` hint (maybe empty).
fn one_of(literal: &Value, allowed: &[&str]) -> Result<String, String> {
    let Value::String(value) = literal else {
        return Err(String::new());
    };
    if allowed.contains(&value.as_str()) {
        return Ok(value.clone());
    }
    let closest = allowed
        .iter()
        .map(|candidate| (edit_distance(value, candidate), candidate))
        .min_by_key(|(distance, _)| *distance)
        .filter(|(distance, _)| *distance <= 3);
    Err(closest
        .map(|(_, c)| format!(" (did you mean '{c}'?)"))
        .unwrap_or_default())
}

fn whole_seconds(literal: &Value) -> Option<u64> {
    let number = literal.as_f64()?;
    if number.is_finite()
        && number >= 0.0
        && number.fract() == 0.0
        && number <= 9_007_199_254_740_991.0
    {
        // Exact: a whole number within f64's integer range.
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked above"
        )]
        return Some(number as u64);
    }
    None
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// The JSON value of a literal expression (TS `as`/`satisfies`/parentheses are looked
/// through), or `None` if computing it would need running code.
fn literal(expr: &Expression<'_>) -> Option<Value> {
    Some(match expr.get_inner_expression() {
        Expression::StringLiteral(s) => Value::String(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            Value::String(t.quasis.first()?.value.cooked?.to_string())
        }
        Expression::NumericLiteral(n) => number(n.value)?,
        Expression::UnaryExpression(u) => {
            let Expression::NumericLiteral(n) = u.argument.get_inner_expression() else {
                return None;
            };
            match u.operator {
                UnaryOperator::UnaryNegation => number(-n.value)?,
                UnaryOperator::UnaryPlus => number(n.value)?,
                _ => return None,
            }
        }
        Expression::BooleanLiteral(b) => Value::Bool(b.value),
        Expression::NullLiteral(_) => Value::Null,
        Expression::ArrayExpression(array) => Value::Array(
            array
                .elements
                .iter()
                .map(|element| element.as_expression().and_then(literal))
                .collect::<Option<_>>()?,
        ),
        Expression::ObjectExpression(object) => {
            let mut map = serde_json::Map::new();
            for property in &object.properties {
                let ObjectPropertyKind::ObjectProperty(property) = property else {
                    return None;
                };
                if property.computed || property.method {
                    return None;
                }
                map.insert(
                    property.key.static_name()?.into_owned(),
                    literal(&property.value)?,
                );
            }
            Value::Object(map)
        }
        _ => return None,
    })
}

fn number(value: f64) -> Option<Value> {
    // Keep whole numbers as integers so `revalidate = 60` prints as `60`, not `60.0`.
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        #[expect(clippy::cast_possible_truncation, reason = "whole and within i64")]
        return Some(Value::from(value as i64));
    }
    serde_json::Number::from_f64(value).map(Value::Number)
}

fn span_range(span: Span) -> (usize, usize) {
    (span.start as usize, span.size() as usize)
}
