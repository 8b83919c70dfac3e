//! The core module's exports: catalog, validate, render, preview and plan.

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
    /// Kubernetes kind.
    pub kind: String,
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
    Ok(preview_value(&bundle))
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

// The preview result is built as JS values here rather than read back from JSON text: the
// strings are gathered into one, decoded once and handed out as slices of it (V8 shares the
// characters), the property names are made once per module. Measured in Node: half the cost
// of writing the JSON text and `JSON.parse`, and as fast as serde-wasm-bindgen's serializer
// without its code in the module (see the README, Benchmarks).

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
    /// A plain object under construction.
    #[wasm_bindgen(extends = js_sys::Object, js_name = Object)]
    type Plain;

    /// `new Object()`.
    #[wasm_bindgen(constructor, js_class = "Object")]
    fn new() -> Plain;

    /// `object[key] = value`: a plain assignment, where `Reflect.set` goes through
    /// wasm-bindgen's exception wrapper (a closure and an `arguments` object per call).
    #[wasm_bindgen(method, structural, indexing_setter)]
    fn put(this: &Plain, key: &JsValue, value: &JsValue);
}

/// The property names of the preview result, as JS strings.
struct Keys {
    yaml: JsValue,
    documents: JsValue,
    findings: JsValue,
    kind: JsValue,
    name: JsValue,
    namespace: JsValue,
    code: JsValue,
    severity: JsValue,
    field: JsValue,
    message: JsValue,
}

thread_local! {
    // Made on the first preview; the module is single-threaded, so this is one set.
    static KEYS: Keys = Keys {
        yaml: "yaml".into(),
        documents: "documents".into(),
        findings: "findings".into(),
        kind: "kind".into(),
        name: "name".into(),
        namespace: "namespace".into(),
        code: "code".into(),
        severity: "severity".into(),
        field: "field".into(),
        message: "message".into(),
    };
}

/// The [`PreviewResult`] of `bundle` as a plain JS object.
fn preview_value(bundle: &crate::Bundle) -> JsValue {
    use js_sys::JsString;
    let mut p = Pieces::default();
    p.text.reserve(
        bundle
            .documents
            .iter()
            .map(|d| d.yaml.len() + 64)
            .sum::<usize>()
            + 256,
    );
    let mut doc_spans = Vec::with_capacity(bundle.documents.len());
    let stream_start = p.utf16;
    for (i, d) in bundle.documents.iter().enumerate() {
        if i > 0 {
            p.push("---\n");
        }
        let y = p.push(&d.yaml);
        if !d.yaml.ends_with('\n') {
            p.push("\n");
        }
        doc_spans.push(y);
    }
    let stream = (stream_start, p.utf16);
    let meta: Vec<[(u32, u32); 3]> = bundle
        .documents
        .iter()
        .map(|d| [p.push(d.kind), p.push(&d.name), p.push(&d.namespace)])
        .collect();
    let finding_spans: Vec<[(u32, u32); 4]> = bundle
        .findings
        .iter()
        .map(|f| {
            [
                p.push(f.code),
                p.push(f.severity.as_str()),
                p.push(&f.field),
                p.push(&f.message),
            ]
        })
        .collect();
    let all = JsString::from(p.text.as_str());
    let slice = |(a, b): (u32, u32)| JsValue::from(all.slice(a, b));
    KEYS.with(|k| {
        // Setting a property on a fresh ordinary object cannot throw.
        let set = |o: &Plain, key: &JsValue, v: &JsValue| o.put(key, v);
        let documents = Array::new();
        for (y, [kind, name, ns]) in doc_spans.iter().zip(&meta) {
            let o = Plain::new();
            set(&o, &k.kind, &slice(*kind));
            set(&o, &k.name, &slice(*name));
            set(&o, &k.namespace, &slice(*ns));
            set(&o, &k.yaml, &slice(*y));
            documents.push(&o);
        }
        let findings = Array::new();
        for [code, severity, field, message] in &finding_spans {
            let o = Plain::new();
            set(&o, &k.code, &slice(*code));
            set(&o, &k.severity, &slice(*severity));
            set(&o, &k.field, &slice(*field));
            set(&o, &k.message, &slice(*message));
            findings.push(&o);
        }
        let o = Plain::new();
        set(&o, &k.yaml, &slice(stream));
        set(&o, &k.documents, &documents);
        set(&o, &k.findings, &findings);
        o.into()
    })
}
