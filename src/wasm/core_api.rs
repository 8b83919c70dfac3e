//! The core module's exports: catalog, validate, render, preview, plan and placeholders.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use js_sys::{Array, JSON};

use super::{error_object, input, js_error, js_message, optional_input, output, Input};
use crate::error::Finding;
use crate::plan::PlanContext;
use crate::spec::{ConnectionSpec, RenderOptions};
use crate::yaml::Node;

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
    /// Kubernetes object kind.
    #[serde(rename = "kind")]
    pub object_kind: String,
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

/// What [`preview`] returns: what a live preview shows, without the object trees.
#[derive(Debug, Clone, Serialize, tsify::Tsify)]
#[tsify(missing_as_null, hashmap_as_object)]
#[serde(rename_all = "camelCase")]
pub struct PreviewResult {
    /// The multi-document YAML stream, in apply order (the same text as `render`'s).
    pub yaml: String,
    /// The documents, in apply order.
    pub documents: Vec<PreviewDocument>,
    /// Warnings and info findings (errors make `preview` throw instead).
    pub findings: Vec<Finding>,
}

/// One previewed document: a [`RenderedDocument`] without its `object`.
#[derive(Debug, Clone, Serialize, tsify::Tsify)]
#[tsify(missing_as_null, hashmap_as_object)]
#[serde(rename_all = "camelCase")]
pub struct PreviewDocument {
    /// Kubernetes object kind.
    #[serde(rename = "kind")]
    pub object_kind: String,
    /// Object name.
    pub name: String,
    /// Namespace.
    pub namespace: String,
    /// The object as one YAML document.
    pub yaml: String,
}

/// Renders a connection for a live preview: the YAML and the findings of `render`, without
/// the objects as JSON, which are most of `render`'s cost at the boundary.
///
/// Throws as `render` does.
#[wasm_bindgen(unchecked_return_type = "PreviewResult")]
pub fn preview(
    #[wasm_bindgen(unchecked_param_type = "ConnectionSpec")] spec: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let spec: ConnectionSpec = input(&spec, Input::Spec).map_err(js_error)?;
    let options: RenderOptions = optional_input(options, Input::Options).map_err(js_error)?;
    let bundle = crate::render(&spec, &options).map_err(js_error)?;
    preview_value(&bundle)
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

/// The placeholders `text` (a rendered value, a YAML document, a command line, the Bicep)
/// still holds, in order: `<…>` tokens (`<client-ID>`, `<cluster.name>`: 1 to 80 characters
/// between the brackets, no line break, not starting or ending blank) and the documented
/// example values the renderer leaves when nothing fills them (the example client id, a whole
/// value `MySQL-DB-password`). A tool that must not hand on an unfinished design (`--strict`
/// in the command line) refuses output that holds any.
///
/// Throws a `ServiceConnectorError`: `invalid-input` (field `text`) when `text` is not a
/// string, `input-too-large` when it is longer than a whole spec may be.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn placeholders(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(js) = text.dyn_ref::<js_sys::JsString>() else {
        let found = text.js_typeof().as_string().unwrap_or_default();
        return Err(js_error(crate::error::Error::InvalidInput {
            field: "text".to_owned(),
            message: format!("expected a string, found {found}"),
        }));
    };
    // Measured in UTF-16 units before the copy into the module's memory, as `input` does:
    // what the core renders from a spec is not longer than the spec's own cap.
    let cap = Input::Spec.json_cap();
    let units = js.length() as usize;
    if units > cap {
        return Err(js_error(crate::error::Error::TooLarge {
            field: "text".to_owned(),
            message: format!("expected at most {cap} bytes, found at least {units}"),
        }));
    }
    output(&crate::values::placeholders(&String::from(js)))
}

// The preview result: its small strings (kinds, names, findings) as JSON text for
// `JSON.parse`, its YAML decoded once into one JS string and handed out as slices of it (V8
// shares the characters rather than copying them). Measured in Node: about half the cost of
// the JSON text and `JSON.parse` of the whole result (the YAML twice, escaped), about as fast
// as serde-wasm-bindgen's serializer without its code in the module, and as fast as building
// every object and string from here (see docs/benchmarks.md).

/// Text gathered into one string, to be decoded into JS once and handed out as slices.
#[derive(Default)]
struct Pieces {
    text: String,
    /// Length of `text` in UTF-16 code units, the unit of `String.prototype.slice`.
    utf16: u32,
}

impl Pieces {
    /// Appends `s`; returns its span in UTF-16 code units.
    fn push(&mut self, s: &str) -> (u32, u32) {
        let start = self.utf16;
        self.text.push_str(s);
        let len = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.utf16 = self
            .utf16
            .saturating_add(u32::try_from(len).unwrap_or(u32::MAX));
        (start, self.utf16)
    }
}

#[wasm_bindgen]
extern "C" {
    /// A plain object read back from JSON text.
    #[wasm_bindgen(extends = js_sys::Object, js_name = Object)]
    type Plain;

    /// `object[key]`.
    #[wasm_bindgen(method, structural, indexing_getter)]
    fn at(this: &Plain, key: &JsValue) -> JsValue;

    /// `object[key] = value`: a plain assignment, where `Reflect.set` goes through
    /// wasm-bindgen's exception wrapper (a closure and an `arguments` object per call).
    #[wasm_bindgen(method, structural, indexing_setter)]
    fn put(this: &Plain, key: &JsValue, value: &JsValue);
}

thread_local! {
    // The property names set from here, made once: the module is single-threaded.
    static YAML_KEY: JsValue = "yaml".into();
    static DOCUMENTS_KEY: JsValue = "documents".into();
}

/// The [`PreviewResult`] of `bundle` as a plain JS object.
fn preview_value(bundle: &crate::Bundle) -> Result<JsValue, JsValue> {
    use crate::yaml::write_str;
    // Everything but the YAML, with empty `yaml` fields to keep the properties in order.
    let mut json = String::with_capacity(256);
    json.push_str("{\"yaml\":\"\",\"documents\":[");
    for (i, d) in bundle.documents.iter().enumerate() {
        json.push_str(if i > 0 { ",{\"kind\":" } else { "{\"kind\":" });
        write_str(&mut json, d.object_kind);
        json.push_str(",\"name\":");
        write_str(&mut json, &d.name);
        json.push_str(",\"namespace\":");
        write_str(&mut json, &d.namespace);
        json.push_str(",\"yaml\":\"\"}");
    }
    json.push_str("],\"findings\":[");
    for (i, f) in bundle.findings.iter().enumerate() {
        json.push_str(if i > 0 { ",{\"code\":" } else { "{\"code\":" });
        write_str(&mut json, f.code);
        json.push_str(",\"severity\":");
        write_str(&mut json, f.severity.as_str());
        json.push_str(",\"field\":");
        write_str(&mut json, &f.field);
        json.push_str(",\"message\":");
        write_str(&mut json, &f.message);
        json.push('}');
    }
    json.push_str("]}");
    let value: Plain = JSON::parse(&json)
        .map_err(|e| {
            let message = format!("result could not be read back: {}", js_message(&e));
            error_object(&message, "internal", None, JsValue::from(Array::new()))
        })?
        .unchecked_into();
    // The stream as `crate::yaml::join_documents` joins it, each document a span of it.
    let mut stream = Pieces::default();
    let mut spans = Vec::with_capacity(bundle.documents.len());
    for (i, d) in bundle.documents.iter().enumerate() {
        if i > 0 {
            stream.push("---\n");
        }
        spans.push(stream.push(&d.yaml));
        if !d.yaml.ends_with('\n') {
            stream.push("\n");
        }
    }
    let all = js_sys::JsString::from(stream.text.as_str());
    YAML_KEY.with(|yaml| {
        DOCUMENTS_KEY.with(|documents| {
            let docs: Array = value.at(documents).unchecked_into();
            for (i, &(start, end)) in (0u32..).zip(&spans) {
                let d: Plain = docs.get(i).unchecked_into();
                d.put(yaml, &all.slice(start, end));
            }
        });
        value.put(yaml, &all);
    });
    Ok(value.into())
}
