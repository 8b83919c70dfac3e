//! The core module's exports: catalog, validate, render, preview, plan and placeholders.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use js_sys::Array;

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

/// One rendered document: what [`preview`] shows of it, and the object.
#[derive(Debug, Clone, Serialize, tsify::Tsify)]
#[tsify(missing_as_null, hashmap_as_object)]
#[serde(rename_all = "camelCase")]
pub struct RenderedDocument {
    /// Kind, name, namespace and YAML, as [`preview`] returns them.
    #[serde(flatten)]
    pub head: PreviewDocument,
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
    // The `RenderResult` as JSON text, written straight from the resolution as the preview
    // is (no typed objects or trees), with its `yaml` fields empty: they are set from the
    // preview's stream, sliced, as `preview`'s are. `JSON.parse` then reads the objects and
    // the findings only, not the YAML twice escaped.
    let (preview, json) = crate::render::render_result(&spec, &options).map_err(js_error)?;
    let (text, spans) = stream_spans(&preview);
    let value = render_result(&json, text, &spans);
    if value.is_instance_of::<js_sys::Error>() {
        let message = format!("result could not be read back: {}", js_message(&value));
        return Err(error_object(
            &message,
            "internal",
            None,
            JsValue::from(Array::new()),
        ));
    }
    Ok(value)
}

// `render_result(json, text, s)`: the render result read from `json` (whose `yaml` fields are
// empty), then its `yaml` set to `text.slice(0, s[0])` and each document's to
// `text.slice(s[1 + 2i], s[2 + 2i])`; what `JSON.parse` threw, if it did.
#[wasm_bindgen(inline_js = r#"
export function render_result(json, text, s) {
  let r;
  try {
    r = JSON.parse(json);
  } catch (e) {
    return e;
  }
  r.yaml = text.slice(0, s[0]);
  const documents = r.documents;
  for (let d = 0; d < documents.length; d++) {
    documents[d].yaml = text.slice(s[1 + 2 * d], s[2 + 2 * d]);
  }
  return r;
}
"#)]
extern "C" {
    /// Reads the render result and sets its YAML (see above).
    fn render_result(json: &str, text: &str, spans: &[u32]) -> JsValue;
}

/// The preview's stream and where it ends, then where each document's YAML starts and ends
/// in it, in UTF-16 code units (the unit of `String.prototype.slice`).
fn stream_spans(preview: &crate::render::Preview) -> (&str, Vec<u32>) {
    let text = preview.yaml.as_str();
    let ascii = text.is_ascii();
    let mut spans = Vec::with_capacity(1 + 2 * preview.documents.len());
    spans.push(units(text, text.len(), ascii));
    for d in &preview.documents {
        spans.extend([
            units(text, d.yaml.start, ascii),
            units(text, d.yaml.end, ascii),
        ]);
    }
    (text, spans)
}

/// Where byte `at` of `text` is in UTF-16 code units (`ascii`: the text is ASCII).
fn units(text: &str, at: usize, ascii: bool) -> u32 {
    let n = if ascii {
        at
    } else {
        text.get(..at).map_or(0, |s| s.encode_utf16().count())
    };
    u32::try_from(n).unwrap_or(u32::MAX)
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

/// One document as [`preview`] returns it (and [`render`], with its object).
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
    let preview = crate::render::preview(&spec, &options).map_err(js_error)?;
    Ok(preview_value(preview))
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

// The preview result: every text of it (the YAML stream, then each document's kind, name
// and namespace, then each finding's code, severity, field and message) written into one
// string, decoded into JS once; a few lines of JavaScript (`preview_result`) make the objects
// from it with `slice`, which V8 answers with views of that string rather than copies.
// Measured in Node: the objects made by JSON text and `JSON.parse` (the YAML left out and
// set afterwards) took a tenth of `preview`; forty values set one by one from here cost about
// as much; this takes a fraction of either.

/// Text gathered into one string, and where each piece ends in it.
#[derive(Default)]
struct Pieces {
    text: String,
    /// Length of `text` in UTF-16 code units, the unit of `String.prototype.slice`.
    utf16: u32,
    /// The counts and ends `preview_result` reads.
    spans: Vec<u32>,
}

impl Pieces {
    /// Appends `s`; returns where it ends, in UTF-16 code units.
    fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        let len = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.utf16 = self
            .utf16
            .saturating_add(u32::try_from(len).unwrap_or(u32::MAX));
        self.utf16
    }

    /// Appends `s` as the next piece.
    fn piece(&mut self, s: &str) {
        let end = self.push(s);
        self.spans.push(end);
    }
}

// `preview_result(text, s)` makes the [`PreviewResult`] from `text` and `s`: the number of
// documents and of findings, where the stream ends, then per document where its YAML starts
// and ends in the stream and the ends of its kind, name and namespace, then per finding the
// ends of its code, severity, field and message (each piece starts where the one before it
// ends). Properties in the order of the Rust types. `tools/link-entry.mjs` puts it into the
// published entry, which then imports nothing.
#[wasm_bindgen(inline_js = r#"
export function preview_result(text, s) {
  let i = 3, at = s[2];
  const next = () => text.slice(at, (at = s[i++]));
  const documents = [], findings = [];
  for (let d = 0; d < s[0]; d++) {
    const start = s[i++], end = s[i++];
    documents.push({ kind: next(), name: next(), namespace: next(), yaml: text.slice(start, end) });
  }
  for (let f = 0; f < s[1]; f++) {
    findings.push({ code: next(), severity: next(), field: next(), message: next() });
  }
  return { yaml: text.slice(0, s[2]), documents, findings };
}
"#)]
extern "C" {
    /// Makes the preview result from its texts and their spans (see above).
    fn preview_result(text: &str, spans: &[u32]) -> JsValue;
}

/// The [`PreviewResult`] of `preview` as a plain JS object.
fn preview_value(preview: crate::render::Preview) -> JsValue {
    let crate::render::Preview {
        yaml,
        documents,
        findings,
    } = preview;
    // Offsets in the stream, in UTF-16 code units.
    let ascii = yaml.is_ascii();
    let units = |text: &str, at: usize| units(text, at, ascii);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let end = units(&yaml, yaml.len());
    let mut p = Pieces {
        spans: Vec::with_capacity(3 + 5 * documents.len() + 4 * findings.len()),
        utf16: end,
        // The stream first; the other pieces follow it.
        text: yaml,
    };
    p.spans
        .extend([count(documents.len()), count(findings.len()), end]);
    for d in &documents {
        let span = [units(&p.text, d.yaml.start), units(&p.text, d.yaml.end)];
        p.spans.extend(span);
        p.piece(d.object_kind);
        p.piece(&d.name);
        p.piece(&d.namespace);
    }
    for f in &findings {
        p.piece(f.code);
        p.piece(f.severity.as_str());
        p.piece(&f.field);
        p.piece(&f.message);
    }
    preview_result(&p.text, &p.spans)
}
