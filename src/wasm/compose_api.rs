//! The workload-set export: several connections for one workload.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{input, js_error, optional_input, output, Input};
use crate::compose::WorkloadSet;
use crate::error::Finding;
use crate::render::Wiring;
use crate::spec::RenderOptions;
use crate::yaml::Node;

/// What [`compose_workload`] returns.
#[derive(Debug, Clone, Serialize, tsify::Tsify)]
#[tsify(missing_as_null, hashmap_as_object)]
#[serde(rename_all = "camelCase")]
pub struct ComposeResult {
    /// The multi-document YAML stream, in apply order.
    pub yaml: String,
    /// The documents, in apply order: the ServiceAccount, each connection's Secret or
    /// SecretProviderClass, then the sample workload.
    pub documents: Vec<ComposedDocument>,
    /// The patches that wire the existing workload, when the set names one.
    pub wiring: Option<Wiring>,
    /// Warnings and info findings (errors make `composeWorkload` throw instead).
    pub findings: Vec<Finding>,
}

/// One composed document.
#[derive(Debug, Clone, Serialize, tsify::Tsify)]
#[tsify(missing_as_null, hashmap_as_object)]
#[serde(rename_all = "camelCase")]
pub struct ComposedDocument {
    /// Kubernetes kind.
    pub kind: String,
    /// Object name.
    pub name: String,
    /// Namespace.
    pub namespace: String,
    /// The indexes (in `connections`) of the connections the document belongs to.
    pub connections: Vec<usize>,
    /// The object as one YAML document.
    pub yaml: String,
    /// The object as plain JSON.
    #[tsify(type = "KubernetesObject")]
    pub object: Node,
}

/// Composes several connections for one workload (`set`: `{ connections: [{ spec, mount? }],
/// workload?, existing?, workloadEnv?, workloadVolumes?, workloadMountPaths? }`): each
/// connection's objects once, and one workload taking them all — the sample workload, or the
/// patches that wire `existing` (`wiring`: `{ strategicMerge, kustomize, jsonPatch }`).
///
/// Throws a `ServiceConnectorError`: `invalid-spec` (with `findings`, codes `SC…` of each
/// connection at `connections[i].spec…` and `SW…` for what clashes) when a connection is
/// invalid or the connections cannot share one pod; `invalid-input` or `input-too-large`
/// when the set has the wrong shape, no connection or more than the cap allows.
#[wasm_bindgen(js_name = composeWorkload, unchecked_return_type = "ComposeResult")]
pub fn compose_workload(
    #[wasm_bindgen(unchecked_param_type = "WorkloadSet")] set: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let set: WorkloadSet = input(&set, Input::Set).map_err(js_error)?;
    let options: RenderOptions = optional_input(options, Input::Options).map_err(js_error)?;
    let c = crate::compose(&set, &options).map_err(js_error)?;
    let result = ComposeResult {
        yaml: c.yaml(),
        documents: c
            .documents
            .iter()
            .zip(&c.sources)
            .map(|(d, sources)| ComposedDocument {
                kind: d.object_kind.to_owned(),
                name: d.name.clone(),
                namespace: d.namespace.clone(),
                connections: sources.clone(),
                yaml: d.yaml.clone(),
                object: d.tree().clone(),
            })
            .collect(),
        wiring: c.wiring,
        findings: c.findings,
    };
    output(&result)
}
