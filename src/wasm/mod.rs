//! The WebAssembly boundary: the functions the npm package exports.
//!
//! Three modules are built from this crate (cargo features, see Cargo.toml): the core
//! ([`core_api`]: catalog, validate, render, preview, plan), the classifier
//! ([`classify_api`]) and the cluster module ([`cluster_api`]: drift, wire; [`compose_api`]:
//! composeWorkload). This file holds what they share: the thrown error, input reading and
//! output writing.
//!
//! Thin on purpose: each export reads its inputs, calls the core, and hands the
//! result back as plain JSON-shaped objects (no `Map`, `null` rather than
//! `undefined`). Every failure becomes a thrown JS `Error` with a stable `code`,
//! the `field` path and the policy `findings`; nothing here can panic, because a
//! panic on wasm is an `unreachable` trap without a message.
//!
//! Inputs are read as JSON text (`JSON.stringify`, then serde_json): the walk over
//! the JS value then happens in the JS engine, which turns cycles, `BigInt`s and
//! absurd nesting into catchable errors, and serde_json's recursion limit keeps the
//! Rust side from overflowing its stack (an overflow would trap like a panic).

use js_sys::{Array, Reflect, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::Error;

#[cfg(feature = "wasm-classify")]
pub mod classify_api;
#[cfg(feature = "wasm-cluster")]
pub mod cluster_api;
#[cfg(feature = "wasm-cluster")]
pub mod compose_api;
#[cfg(feature = "wasm-core")]
pub mod core_api;

#[cfg(feature = "wasm-classify")]
pub use classify_api::*;
#[cfg(feature = "wasm-cluster")]
pub use cluster_api::*;
#[cfg(feature = "wasm-cluster")]
pub use compose_api::*;
#[cfg(feature = "wasm-core")]
pub use core_api::*;

/// Declarations the Rust types cannot derive: the thrown error and the loosely
/// typed Kubernetes objects. Public so that tests can check the codes against it.
pub const TS_DECLARATIONS: &str = r#"
/** A rendered Kubernetes object as plain JSON. */
export interface KubernetesObject {
    apiVersion: string;
    kind: string;
    metadata: { name?: string; namespace?: string; [key: string]: unknown };
    [key: string]: unknown;
}

/** Any JSON value (a `serde_json::Value` on the Rust side, e.g. an ARM request body). */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** The stable codes of the errors this module throws. */
export type ErrorCode = "invalid-spec" | "invalid-input" | "input-too-large" | "yaml-emission" | "internal";

/** Every function of this module throws this on failure (an `Error` with extra fields). */
export interface ServiceConnectorError extends Error {
    /** Stable, machine-readable code to branch on. */
    code: ErrorCode;
    /** Path of the offending field (`target.type`, `options.secretEncoding`, `$` for the whole spec), or `null`. */
    field: string | null;
    /** The policy findings for `invalid-spec` (errors first); empty otherwise. */
    findings: Finding[];
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_SECTION: &str = TS_DECLARATIONS;

/// The error codes [`TS_DECLARATIONS`] promises; tests check each thrown code is one of them.
pub const ERROR_CODES: &[&str] = &[
    "invalid-spec",
    "invalid-input",
    "input-too-large",
    "yaml-emission",
    "internal",
];

/// The size caps of every input, in the order of the table (`input-too-large` names the
/// field and the cap when one is passed).
#[wasm_bindgen(unchecked_return_type = "Cap[]")]
pub fn limits() -> Result<JsValue, JsValue> {
    output(crate::input::CAPS)
}

/// The crate version, equal to the npm package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

// Which argument an input is; the exports name it when they read one.
pub(crate) use crate::input::Input;

/// Reads an argument that may be left out (`undefined` or `null` mean the defaults).
// The cluster module's exports take no optional argument.
#[cfg_attr(
    not(any(feature = "wasm-core", feature = "wasm-classify")),
    allow(dead_code)
)]
pub(crate) fn optional_input<T: DeserializeOwned + Default>(
    value: Option<JsValue>,
    which: Input,
) -> Result<T, Error> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => input(&v, which),
        _ => Ok(T::default()),
    }
}

// `json_into(value, memory, ptr, cap, units)` writes `JSON.stringify(value)` as UTF-8 into the
// module's memory at `ptr` (room for `cap` bytes) and returns how many bytes it wrote; -1
// when the value has no JSON text (`undefined`, a function), -2 when `JSON.stringify` threw
// (`take_thrown()` then gives what it threw), and -3 - n when the text (n UTF-16 code units)
// is longer than `units` (it is dropped) or may need more room than `cap` (it is kept, and
// `pending_into` then writes it). One crossing for the
// common case, where `JSON.stringify` through js_sys and the copy into the module were two,
// each with wasm-bindgen's wrappers (an exception guard, a `DataView` of the memory).
#[wasm_bindgen(inline_js = r#"
let encoder = null, pending = null, thrown = null;
function write(text, memory, ptr, cap, units) {
  if (text.length > units) {
    return -3 - text.length;
  }
  if (text.length * 3 > cap) {
    pending = text;
    return -3 - text.length;
  }
  pending = null;
  encoder ??= new TextEncoder();
  return encoder.encodeInto(text, new Uint8Array(memory.buffer, ptr, cap)).written;
}
export function json_into(value, memory, ptr, cap, units) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    thrown = e;
    return -2;
  }
  return typeof text === 'string' ? write(text, memory, ptr, cap, units) : -1;
}
export function pending_into(memory, ptr, cap) {
  return write(pending, memory, ptr, cap, Infinity);
}
export function take_thrown() {
  const e = thrown;
  thrown = null;
  return e;
}
"#)]
extern "C" {
    fn json_into(value: &JsValue, memory: &JsValue, ptr: *mut u8, cap: usize, units: f64) -> f64;
    fn pending_into(memory: &JsValue, ptr: *mut u8, cap: usize) -> f64;
    fn take_thrown() -> JsValue;
}

thread_local! {
    /// The module's memory, for `json_into`; made once (the module is single-threaded).
    static MEMORY: JsValue = wasm_bindgen::memory();
}

/// The JSON text of `value` as `JSON.stringify` writes it, encoded as UTF-8 (a lone
/// surrogate becomes U+FFFD, as in any string passed into the module); `None` when the
/// value has none, [`JsText::TooLong`] when it is longer than `cap_units` UTF-16 code units.
///
/// A text longer than the cap in UTF-16 code units is longer in UTF-8 bytes too, and is
/// refused without being copied into the module's memory (which never shrinks).
fn json_text(value: &JsValue, cap_units: usize) -> Result<Option<String>, JsText> {
    MEMORY.with(|memory| {
        // Room for the text of most specs (three bytes per UTF-16 code unit at most).
        let mut buf: Vec<u8> = Vec::with_capacity(4096);
        let mut n = json_into(
            value,
            memory,
            buf.as_mut_ptr(),
            buf.capacity(),
            cap_units as f64,
        );
        if n == -1.0 {
            return Ok(None);
        }
        if n == -2.0 {
            return Err(JsText::Threw(take_thrown()));
        }
        if n < 0.0 {
            // f64 holds every length a JS string can have exactly.
            let units = (-n - 3.0) as usize;
            if units > cap_units {
                return Err(JsText::TooLong(units));
            }
            buf = Vec::with_capacity(units.saturating_mul(3));
            n = pending_into(memory, buf.as_mut_ptr(), buf.capacity());
        }
        let written = (n as usize).min(buf.capacity());
        // SAFETY: `encodeInto` wrote `written` bytes (never more than the capacity it was
        // given) at the start of `buf`'s allocation.
        unsafe { buf.set_len(written) };
        // `encodeInto` writes UTF-8 only: the check never fails.
        Ok(Some(String::from_utf8(buf).unwrap_or_default()))
    })
}

/// Why [`json_text`] gave no text.
enum JsText {
    /// `JSON.stringify` threw this.
    Threw(JsValue),
    /// The text is this many UTF-16 code units long, over the cap.
    TooLong(usize),
}

/// Reads a JS value as `T` ([`crate::input::read`]: caps and shape, then type), reporting
/// the path of the first bad field.
pub(crate) fn input<T: DeserializeOwned>(value: &JsValue, which: Input) -> Result<T, Error> {
    let invalid = |field: String, message: String| Error::InvalidInput { field, message };
    let text = match json_text(value, which.json_cap()) {
        Ok(Some(text)) => text,
        // `JSON.stringify` gives `undefined` for `undefined`, functions and symbols.
        Ok(None) => {
            let found = value.js_typeof().as_string().unwrap_or_default();
            return Err(invalid(
                which.path(""),
                format!("expected {}, found {found}", which.expected()),
            ));
        }
        Err(JsText::Threw(e)) => {
            return Err(invalid(
                which.path(""),
                format!(
                    "expected {} of JSON data, found a value JSON cannot hold ({})",
                    which.expected(),
                    js_message(&e)
                ),
            ))
        }
        Err(JsText::TooLong(units)) => {
            return Err(crate::input::text_too_large(which, units, true));
        }
    };
    crate::input::read(&text, which)
}

/// Turns a serializable result into a plain JSON-shaped JS value.
///
/// Through JSON text rather than serde-wasm-bindgen: `JSON.parse` can only produce plain
/// data (objects, arrays, `null`), and serde_json's serializer costs less in the module.
pub(crate) fn output<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let internal =
        |message: String| error_object(&message, "internal", None, JsValue::from(Array::new()));
    let text = serde_json::to_string(value)
        .map_err(|e| internal(format!("result could not be written as JSON: {e}")))?;
    JSON::parse(&text)
        .map_err(|e| internal(format!("result could not be read back: {}", js_message(&e))))
}

/// The thrown form of a core [`Error`].
pub(crate) fn js_error(e: Error) -> JsValue {
    let findings = output(e.findings()).unwrap_or_else(|_| JsValue::from(Array::new()));
    error_object(&e.to_string(), e.code(), e.field(), findings)
}

fn error_object(message: &str, code: &str, field: Option<&str>, findings: JsValue) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a property on a fresh ordinary object cannot fail; nothing to handle.
    let _ = Reflect::set(&err, &"code".into(), &code.into());
    let _ = Reflect::set(
        &err,
        &"field".into(),
        &field.map_or(JsValue::NULL, JsValue::from_str),
    );
    let _ = Reflect::set(&err, &"findings".into(), &findings);
    err.into()
}

/// The message of a thrown JS value, for wrapping it in our own error.
fn js_message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e.as_string().unwrap_or_else(|| "unknown error".to_owned()),
    }
}
