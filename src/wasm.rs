//! The WebAssembly boundary: the functions the npm package exports.
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

use js_sys::{Array, JsString, Reflect, Uint8Array, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::classify::ClassifyContext;
use crate::error::{Error, Finding};
use crate::plan::PlanContext;
use crate::spec::{ConnectionSpec, RenderOptions};
use crate::yaml::Node;

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
export type ErrorCode = "invalid-spec" | "invalid-input" | "yaml-emission" | "internal";

/** Every function of this module throws this on failure (an `Error` with extra fields). */
export interface ServiceConnectorError extends Error {
    /** Stable, machine-readable code to branch on. */
    code: ErrorCode;
    /** Path of the offending field (`target.type`, `options.secretEncoding`, `$` for the whole input), or `null`. */
    field: string | null;
    /** The policy findings for `invalid-spec` (errors first); empty otherwise. */
    findings: Finding[];
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_SECTION: &str = TS_DECLARATIONS;

/// The error codes [`TS_DECLARATIONS`] promises; tests check each thrown code is one of them.
pub const ERROR_CODES: &[&str] = &["invalid-spec", "invalid-input", "yaml-emission", "internal"];

/// What [`render`] returns.
#[derive(Debug, Clone, Serialize, tsify::Tsify)]
#[tsify(missing_as_null, hashmap_as_object)]
#[serde(rename_all = "camelCase")]
pub struct RenderResult {
    /// The multi-document YAML stream, in apply order.
    pub yaml: String,
    /// The documents, in apply order.
    pub documents: Vec<RenderedDocument>,
    /// Warnings and info findings (errors make `render` throw instead).
    pub findings: Vec<Finding>,
}

/// One rendered document.
#[derive(Debug, Clone, Serialize, tsify::Tsify)]
#[tsify(missing_as_null, hashmap_as_object)]
#[serde(rename_all = "camelCase")]
pub struct RenderedDocument {
    /// Kubernetes kind.
    pub kind: String,
    /// Object name.
    pub name: String,
    /// Namespace.
    pub namespace: String,
    /// The object as one YAML document.
    pub yaml: String,
    /// The object as plain JSON.
    // Written from the tree the YAML came from, not from the typed object: the
    // k8s-openapi `Serialize` impls are then compiled for one serializer only.
    #[tsify(type = "KubernetesObject")]
    pub object: Node,
}

/// The crate version, equal to the npm package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Returns the whole catalog: targets with their parameters, auth and client ids, and every configuration key.
#[wasm_bindgen(unchecked_return_type = "Catalog")]
pub fn catalog() -> Result<JsValue, JsValue> {
    output(&crate::catalog())
}

/// Validates a connection spec and returns every finding, errors first.
///
/// Throws a `ServiceConnectorError` with code `invalid-input` when `spec` is not a connection spec.
#[wasm_bindgen(unchecked_return_type = "Finding[]")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "ConnectionSpec")] spec: JsValue,
) -> Result<JsValue, JsValue> {
    let spec: ConnectionSpec = input(&spec, Input::Spec).map_err(js_error)?;
    output(&crate::validate(&spec))
}

/// Renders the Kubernetes objects of a connection.
///
/// Throws a `ServiceConnectorError`: code `invalid-spec` (with `findings`) when policy finds an
/// error, `invalid-input` when `spec` or `options` has the wrong shape.
#[wasm_bindgen(unchecked_return_type = "RenderResult")]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "ConnectionSpec")] spec: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let spec: ConnectionSpec = input(&spec, Input::Spec).map_err(js_error)?;
    let options: RenderOptions = optional_input(options, Input::Options).map_err(js_error)?;
    let bundle = crate::render(&spec, &options).map_err(js_error)?;
    // The `RenderResult` as JSON text, written straight from the bundle: serializing
    // one through serde_json took a third of `render`'s time, escaping byte by byte.
    JSON::parse(&bundle.result_json()).map_err(|e| {
        let message = format!("result could not be read back: {}", js_message(&e));
        error_object(&message, "internal", None, JsValue::from(Array::new()))
    })
}

/// Plans a connection: the operations in order (with whether each applies and why), the ARM
/// request, the az commands, the Bicep, the federated credential, cleanup and troubleshooting.
///
/// `context` says what is already known about the cluster and subscription. Throws a
/// `ServiceConnectorError`: `invalid-spec` (with `findings`) as `render` does, `invalid-input`
/// when `spec` or `context` has the wrong shape or an impossible value.
#[wasm_bindgen(unchecked_return_type = "Plan")]
pub fn plan(
    #[wasm_bindgen(unchecked_param_type = "ConnectionSpec")] spec: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PlanContext | null")] context: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let spec: ConnectionSpec = input(&spec, Input::Spec).map_err(js_error)?;
    let context: PlanContext = optional_input(context, Input::Context).map_err(js_error)?;
    output(&crate::plan::plan(&spec, &context).map_err(js_error)?)
}

/// Diagnoses an error message or log: the category, ranked matches with evidence, cause,
/// mitigation and filled-in commands, and the entities found in the text.
///
/// `context` fills commands with what the text does not say. Throws a `ServiceConnectorError`
/// with code `invalid-input` when `text` is not a string or `context` has the wrong shape.
#[wasm_bindgen(unchecked_return_type = "Diagnosis")]
pub fn classify(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ClassifyContext | null")] context: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    // Taken as a JsValue so that a non-string is an error, not coerced to "undefined".
    let Some(text) = text.dyn_ref::<JsString>() else {
        let found = text.js_typeof().as_string().unwrap_or_default();
        return Err(js_error(Error::InvalidInput {
            field: "text".to_owned(),
            message: format!("expected a string, found {found}"),
        }));
    };
    let context: ClassifyContext = optional_input(context, Input::Context).map_err(js_error)?;
    output(&crate::classify::classify(&utf8(text), &context))
}

#[wasm_bindgen]
extern "C" {
    /// The platform's UTF-8 encoder (every browser, Node and webview has it).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsString) -> Uint8Array;
}

/// A JS string as UTF-8, cut to what the classifier reads.
///
/// `JsValue::as_string` copies ASCII one character at a time in JS (2.3 ms per MiB
/// in Node); `TextEncoder` plus one block copy takes a third of that. Lone
/// surrogates become U+FFFD either way. Texts longer than the classifier's cap are
/// cut first: no code unit past `MAX_INPUT_BYTES` can reach a byte the cap keeps,
/// and one more keeps the `truncated` flag right.
fn utf8(text: &JsString) -> String {
    let cap = crate::classify::MAX_INPUT_BYTES as u32 + 1;
    let text = if text.length() > cap {
        text.slice(0, cap)
    } else {
        text.clone()
    };
    let bytes = TextEncoder::new().encode(&text).to_vec();
    // TextEncoder only writes valid UTF-8; the lossy form just avoids a panic path.
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Which argument an input is: names the root of its field paths.
#[derive(Clone, Copy)]
enum Input {
    /// The connection spec: paths as in policy findings (`target.type`), `$` for the root.
    Spec,
    /// Render options: paths under `options`.
    Options,
    /// A plan or classify context: paths under `context`.
    Context,
}

impl Input {
    fn path(self, inner: &str) -> String {
        match (self, inner) {
            (Input::Spec, "" | ".") => "$".to_owned(),
            (Input::Spec, p) => p.to_owned(),
            (Input::Options, "" | ".") => "options".to_owned(),
            (Input::Options, p) => format!("options.{p}"),
            (Input::Context, "" | ".") => "context".to_owned(),
            (Input::Context, p) => format!("context.{p}"),
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Input::Spec => "a connection spec object",
            Input::Options => "a render options object",
            Input::Context => "a context object",
        }
    }
}

/// Reads an argument that may be left out (`undefined` or `null` mean the defaults).
fn optional_input<T: DeserializeOwned + Default>(
    value: Option<JsValue>,
    which: Input,
) -> Result<T, Error> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => input(&v, which),
        _ => Ok(T::default()),
    }
}

/// Reads a JS value as `T`, reporting the path of the first bad field.
fn input<T: DeserializeOwned>(value: &JsValue, which: Input) -> Result<T, Error> {
    let invalid = |field: String, message: String| Error::InvalidInput { field, message };
    let text = match JSON::stringify(value) {
        Ok(s) => JsValue::from(s).as_string(),
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
    let Some(text) = text else {
        let found = value.js_typeof().as_string().unwrap_or_default();
        return Err(invalid(
            which.path(""),
            format!("expected {}, found {found}", which.expected()),
        ));
    };
    serde_json::from_str(&text).map_err(|e: serde_json::Error| {
        let mut message = e.to_string();
        let path = crate::json_path::path_at(&text, &e, &message);
        // Positions refer to the stringified text, which the caller never sees.
        let position = format!(" at line {} column {}", e.line(), e.column());
        if let Some(stripped) = message.strip_suffix(&position) {
            message.truncate(stripped.len());
        }
        invalid(which.path(&path), message)
    })
}

/// Turns a serializable result into a plain JSON-shaped JS value.
///
/// Through JSON text rather than serde-wasm-bindgen: `JSON.parse` can only produce plain
/// data (objects, arrays, `null`), and serde_json's serializer costs less in the module.
fn output<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let internal =
        |message: String| error_object(&message, "internal", None, JsValue::from(Array::new()));
    let text = serde_json::to_string(value)
        .map_err(|e| internal(format!("result could not be written as JSON: {e}")))?;
    JSON::parse(&text)
        .map_err(|e| internal(format!("result could not be read back: {}", js_message(&e))))
}

/// The thrown form of a core [`Error`].
fn js_error(e: Error) -> JsValue {
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
