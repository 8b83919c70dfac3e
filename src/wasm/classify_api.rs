//! The classifier module's exports: classify, explain.

use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::*;

use super::{js_error, optional_input, output, Input};
use crate::classify::{ClassifyContext, ExplainError};
use crate::error::Error;
use std::collections::BTreeMap;

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

/// The diagnosis of a failure whose category is already known, without text to read: the
/// category's advice, with its commands filled from `facts` (entity values by name, as
/// `Diagnosis.entities` names them: `resourceGroup`, `cluster`, `providerNamespace`,
/// `clientId`, …) and `context`.
///
/// Throws a `ServiceConnectorError` with code `invalid-input` (field `category`, or
/// `facts.<name>`) for an unknown category id or entity name.
#[wasm_bindgen(unchecked_return_type = "Diagnosis")]
pub fn explain(
    #[wasm_bindgen(unchecked_param_type = "string")] category: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ClassifyContext | null")] context: Option<
        JsValue,
    >,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, string> | null")] facts: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let Some(category) = category.as_string() else {
        let found = category.js_typeof().as_string().unwrap_or_default();
        return Err(js_error(Error::InvalidInput {
            field: "category".to_owned(),
            message: format!("expected a string, found {found}"),
        }));
    };
    let context: ClassifyContext = optional_input(context, Input::Context).map_err(js_error)?;
    let facts: BTreeMap<String, String> = optional_input(facts, Input::Facts).map_err(js_error)?;
    let diagnosis = crate::classify::explain(&category, &context, &facts).map_err(|e| {
        let field = match &e {
            ExplainError::UnknownCategory { .. } => "category".to_owned(),
            ExplainError::UnknownFact { name, .. } => format!("facts.{name}"),
        };
        js_error(Error::InvalidInput {
            field,
            message: e.to_string(),
        })
    })?;
    output(&diagnosis)
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
