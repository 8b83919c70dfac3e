//! Reading an input from JSON text: its size caps, then its type, then its shape.
//!
//! The one way the wasm boundary (and the fuzz targets) read a spec, render
//! options or a context. In order: the whole text against its cap; the JSON value
//! against each field's cap ([`CAPS`]), before any typed work; the typed value,
//! with the path of the first bad field; and last the shape serde lets through: a
//! derived struct also reads a JSON array (its fields in order), so an array is
//! accepted only where the table says the field is one.

pub mod caps;

use serde::de::DeserializeOwned;
use serde_json::Value;

pub use caps::{Cap, Measure, CAPS};

use crate::error::{Error, Quoted};

/// Which argument an input is: names the root of its field paths and its caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The connection spec: paths as in policy findings (`target.type`), `$` for the root.
    Spec,
    /// Render options: paths under `options`.
    Options,
    /// A plan or classify context: paths under `context`.
    Context,
}

impl Input {
    /// The `input` column of its rows in [`CAPS`].
    pub const fn name(self) -> &'static str {
        match self {
            Input::Spec => "spec",
            Input::Options => "options",
            Input::Context => "context",
        }
    }

    /// Field paths inside the input start with this (`""` for the spec).
    const fn prefix(self) -> &'static str {
        match self {
            Input::Spec => "",
            Input::Options => "options",
            Input::Context => "context",
        }
    }

    /// The field path of `inner` (a path inside the input, `""` for its root).
    pub fn path(self, inner: &str) -> String {
        match (self, inner) {
            (Input::Spec, "" | ".") => "$".to_owned(),
            (_, "" | ".") => self.prefix().to_owned(),
            (Input::Spec, p) => p.to_owned(),
            (_, p) => format!("{}.{p}", self.prefix()),
        }
    }

    /// What the input should be, for messages.
    pub const fn expected(self) -> &'static str {
        match self {
            Input::Spec => "a connection spec object",
            Input::Options => "a render options object",
            Input::Context => "a context object",
        }
    }

    /// The cap on the input's whole JSON text.
    pub fn json_cap(self) -> usize {
        find(self, &self.path(""), Measure::JsonBytes).map_or(usize::MAX, |c| c.max)
    }
}

/// The row of [`CAPS`] for a field pattern and a measure.
fn find(which: Input, field: &str, measure: Measure) -> Option<&'static Cap> {
    CAPS.iter()
        .find(|c| c.measure == measure && c.input == which.name() && c.field == field)
}

/// Whether any row of `which` is about `pattern` or a field under it.
fn has_rows_under(which: Input, pattern: &str) -> bool {
    let root = pattern.is_empty() || pattern == which.prefix();
    CAPS.iter().any(|c| {
        c.input == which.name()
            && (root
                || c.field.strip_prefix(pattern).is_some_and(|rest| {
                    rest.is_empty() || rest.starts_with('.') || rest.starts_with('[')
                }))
    })
}

/// The error for an input over its cap.
fn too_large(field: String, message: String) -> Error {
    Error::TooLarge { field, message }
}

/// The error for JSON text longer than `which` accepts; `found` is its length
/// (or a lower bound of it, with `at_least`).
pub fn text_too_large(which: Input, found: usize, at_least: bool) -> Error {
    let cap = which.json_cap();
    too_large(
        which.path(""),
        format!(
            "expected at most {cap} bytes of JSON text, found {}{found}",
            if at_least { "at least " } else { "" }
        ),
    )
}

/// Reads JSON text as `T`: caps first, then the type, then the shape.
pub fn read<T: DeserializeOwned>(text: &str, which: Input) -> Result<T, Error> {
    if text.len() > which.json_cap() {
        return Err(text_too_large(which, text.len(), false));
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // Not JSON data serde_json holds (nesting over its limit, a lone surrogate):
        // the typed reading says what field it is about, if it fails too.
        Err(e) => {
            return Err(match serde_json::from_str::<T>(text) {
                Err(typed) => type_error(text, &typed, which),
                Ok(_) => type_error(text, &e, which),
            })
        }
    };
    check_caps(&value, which, which.prefix(), &which.path(""))?;
    let typed = serde_json::from_str(text).map_err(|e| type_error(text, &e, which))?;
    check_shape(&value, which, which.prefix(), &which.path(""))?;
    Ok(typed)
}

/// Joins a field pattern or path: `""` + `a` is `a`, `a` + `b` is `a.b`.
fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() || parent == "$" {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// Checks `value` (at field `pattern`, concretely `path`) and what it holds
/// against their caps. Descends only where the table has rows, so the walk is
/// bounded by the caps it checks on the way down.
fn check_caps(value: &Value, which: Input, pattern: &str, path: &str) -> Result<(), Error> {
    match value {
        Value::String(s) => {
            if let Some(c) = find(which, pattern, Measure::Bytes) {
                if s.len() > c.max {
                    return Err(too_large(
                        path.to_owned(),
                        format!("expected at most {} bytes, found {}", c.max, s.len()),
                    ));
                }
            }
        }
        Value::Array(items) => {
            if let Some(c) = find(which, pattern, Measure::Items) {
                if items.len() > c.max {
                    return Err(too_large(
                        path.to_owned(),
                        format!("expected at most {} items, found {}", c.max, items.len()),
                    ));
                }
                let item = format!("{pattern}[]");
                for (i, v) in items.iter().enumerate() {
                    check_caps(v, which, &item, &format!("{path}[{i}]"))?;
                }
            }
        }
        Value::Object(map) => {
            let any = child(pattern, "*");
            let is_map = CAPS
                .iter()
                .any(|c| c.input == which.name() && c.field == any);
            if is_map {
                if let Some(c) = find(which, pattern, Measure::Entries) {
                    if map.len() > c.max {
                        return Err(too_large(
                            path.to_owned(),
                            format!("expected at most {} entries, found {}", c.max, map.len()),
                        ));
                    }
                }
                if let Some(c) = find(which, &any, Measure::KeyBytes) {
                    if let Some(k) = map.keys().find(|k| k.len() > c.max) {
                        return Err(too_large(
                            path.to_owned(),
                            format!(
                                "expected keys of at most {} bytes, found one of {}: {}",
                                c.max,
                                k.len(),
                                Quoted(k)
                            ),
                        ));
                    }
                }
            }
            for (k, v) in map {
                let field = if is_map {
                    any.clone()
                } else {
                    child(pattern, k)
                };
                if has_rows_under(which, &field) {
                    check_caps(v, which, &field, &child(path, k))?;
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    Ok(())
}

/// After a successful typed read: an array anywhere the table has no `Items` row
/// was read as a struct, field by field in order. Refused, as an object was expected.
fn check_shape(value: &Value, which: Input, pattern: &str, path: &str) -> Result<(), Error> {
    match value {
        Value::Array(items) => {
            if find(which, pattern, Measure::Items).is_none() {
                let expected = if pattern == which.prefix() {
                    which.expected()
                } else {
                    "an object"
                };
                return Err(Error::InvalidInput {
                    field: path.to_owned(),
                    message: format!("expected {expected}, found an array"),
                });
            }
            let item = format!("{pattern}[]");
            for (i, v) in items.iter().enumerate() {
                check_shape(v, which, &item, &format!("{path}[{i}]"))?;
            }
        }
        Value::Object(map) => {
            let any = child(pattern, "*");
            let is_map = CAPS
                .iter()
                .any(|c| c.input == which.name() && c.field == any);
            for (k, v) in map {
                let field = if is_map {
                    any.clone()
                } else {
                    child(pattern, k)
                };
                check_shape(v, which, &field, &child(path, k))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// An `invalid-input` error for serde_json's `e` on `text`: the path of the field,
/// and serde's message without the position (it refers to text the caller never
/// sees) and with the values it quotes shortened and masked as [`Quoted`] does.
fn type_error(text: &str, e: &serde_json::Error, which: Input) -> Error {
    let mut message = e.to_string();
    let path = crate::json_path::path_at(text, e, &message);
    let position = format!(" at line {} column {}", e.line(), e.column());
    if let Some(stripped) = message.strip_suffix(&position) {
        message.truncate(stripped.len());
    }
    Error::InvalidInput {
        field: which.path(&path),
        message: quote_serde_values(&message),
    }
}

/// serde's messages quote what they found: `string "…"` (Rust debug escapes), and
/// `unknown field `…`` / `unknown variant `…`` (raw). Each becomes [`Quoted`].
pub(crate) fn quote_serde_values(message: &str) -> String {
    for head in ["unknown field `", "unknown variant `"] {
        if let Some(rest) = message.strip_prefix(head) {
            // The expected list after the name is ours and never holds "`, ";
            // the name may, so the last one ends it.
            let end = ["`, expected ", "`, there are no "]
                .iter()
                .filter_map(|tail| rest.rfind(tail))
                .max()
                .unwrap_or(rest.len().saturating_sub(1));
            let (name, tail) = rest.split_at(end.min(rest.len()));
            let tail = tail.strip_prefix('`').unwrap_or(tail);
            return format!("{}{}{tail}", &head[..head.len() - 1], Quoted(name));
        }
    }
    let Some(start) = message.find("string \"") else {
        return message.to_owned();
    };
    let body = &message[start + 8..];
    let mut value = String::new();
    let mut chars = body.char_indices();
    let mut end = body.len();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                end = i + 1;
                break;
            }
            '\\' => match chars.next().map(|(_, c)| c) {
                Some('n') => value.push('\n'),
                Some('r') => value.push('\r'),
                Some('t') => value.push('\t'),
                Some('0') => value.push('\0'),
                Some('u') => {
                    let hex: String = chars
                        .by_ref()
                        .map(|(_, c)| c)
                        .skip_while(|&c| c == '{')
                        .take_while(|&c| c != '}')
                        .collect();
                    value.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                }
                Some(c) => value.push(c),
                None => {}
            },
            c => value.push(c),
        }
    }
    format!(
        "{}string {}{}",
        &message[..start],
        Quoted(&value),
        &body[end.min(body.len())..]
    )
}

#[cfg(test)]
mod tests;
