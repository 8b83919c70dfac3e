//! The core module's exports: catalog, validate, render, plan and drift.

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

/// Compares what the cluster holds (`cluster`: the JSON text of `kubectl get
/// secret,serviceaccount,secretproviderclass,deployment -n <ns> -o json`, an array of objects,
/// or one object) with the objects `spec` renders: `{ findings, objects }`, each finding with a
/// code `SD001`…, the path in the input and a message that repeats no Secret value.
///
/// Throws a `ServiceConnectorError`: `invalid-spec` when the design does not render,
/// `invalid-input` (field `cluster`…) when the input is too large, not JSON or not objects.
#[wasm_bindgen(unchecked_return_type = "DriftReport")]
pub fn drift(
    #[wasm_bindgen(unchecked_param_type = "ConnectionSpec")] spec: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] cluster: JsValue,
) -> Result<JsValue, JsValue> {
    let spec: ConnectionSpec = input(&spec, Input::Spec).map_err(js_error)?;
    let Some(cluster) = cluster.as_string() else {
        let found = cluster.js_typeof().as_string().unwrap_or_default();
        return Err(js_error(crate::error::Error::InvalidInput {
            field: "cluster".to_owned(),
            message: format!("expected a string, found {found}"),
        }));
    };
    output(&crate::drift(&spec, &cluster).map_err(js_error)?)
}
