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

/// Reads a JS value as `T` ([`crate::input::read`]: caps and shape, then type), reporting
/// the path of the first bad field.
///
/// The JSON text is measured while it is still a JS string: one longer than the
/// input's cap in UTF-16 code units is longer in UTF-8 bytes too, and is refused
/// without being copied into the module's memory (which never shrinks).
pub(crate) fn input<T: DeserializeOwned>(value: &JsValue, which: Input) -> Result<T, Error> {
    let invalid = |field: String, message: String| Error::InvalidInput { field, message };
    let text = match JSON::stringify(value) {
        Ok(s) => s,
        Err(e) => {
            return Err(invalid(
                which.path(""),
                format!(
                    "expected {} of JSON data, found a value JSON cannot hold ({})",
                    which.expected(),
                    js_message(&e)
                ),
            ))
        }
    };
    // `JSON.stringify` gives `undefined` for `undefined`, functions and symbols.
    if !text.is_string() {
        let found = value.js_typeof().as_string().unwrap_or_default();
        return Err(invalid(
            which.path(""),
            format!("expected {}, found {found}", which.expected()),
        ));
    }
    let units = text.length() as usize;
    if units > which.json_cap() {
        return Err(crate::input::text_too_large(which, units, true));
    }
    crate::input::read(&String::from(text), which)
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
