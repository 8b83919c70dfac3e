//! The cluster module's exports: drift (what a cluster holds against the design) and wire
//! (the patches that connect an existing workload).

use js_sys::JsString;
use wasm_bindgen::prelude::*;

use super::{input, js_error, output, Input};
use crate::error::Error;
use crate::spec::ConnectionSpec;

/// Compares what the cluster holds (`cluster`: the JSON text of `kubectl get
/// secret,serviceaccount,deployment -n <ns> -o json`, with `secretproviderclass` for a Key Vault
/// CSI design; an array of objects, or one object) with the objects `spec` renders: `{ findings, objects }`, each finding with a
/// code `SD001`…, the path in the input and a message that repeats no Secret value.
///
/// Throws a `ServiceConnectorError`: `invalid-spec` when the design does not render,
/// `input-too-large` (field `cluster`) over its cap, `invalid-input` (field `cluster`…) when
/// the input is not a string, not JSON or not objects.
#[wasm_bindgen(unchecked_return_type = "DriftReport")]
pub fn drift(
    #[wasm_bindgen(unchecked_param_type = "ConnectionSpec")] spec: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] cluster: JsValue,
) -> Result<JsValue, JsValue> {
    let spec: ConnectionSpec = input(&spec, Input::Spec).map_err(js_error)?;
    let Some(text) = cluster.dyn_ref::<JsString>() else {
        let found = cluster.js_typeof().as_string().unwrap_or_default();
        return Err(js_error(Error::InvalidInput {
            field: "cluster".to_owned(),
            message: format!("expected a string, found {found}"),
        }));
    };
    // Measured while still a JS string: more UTF-16 code units than the cap's bytes is more
    // UTF-8 bytes too, refused without a copy into the module's memory (which never shrinks).
    let units = text.length() as usize;
    if units > crate::drift::MAX_INPUT_BYTES {
        return Err(js_error(crate::drift::too_large(units, true)));
    }
    output(&crate::drift(&spec, &String::from(text)).map_err(js_error)?)
}

/// Wires an existing workload (`target`: its kind, name and the containers to wire, each with
/// its index) to the connection `spec` describes: `{ strategicMerge, kustomize, jsonPatch }`,
/// the same change as a strategic-merge patch, a kustomize patch file and an RFC 6902 JSON patch.
///
/// Throws a `ServiceConnectorError`: `invalid-spec` when the design does not render,
/// `input-too-large` or `invalid-input` (field `target…`) when the target is over its caps or
/// not a well-formed workload description.
#[wasm_bindgen(unchecked_return_type = "Wiring")]
pub fn wire(
    #[wasm_bindgen(unchecked_param_type = "ConnectionSpec")] spec: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WireTarget")] target: JsValue,
) -> Result<JsValue, JsValue> {
    let spec: ConnectionSpec = input(&spec, Input::Spec).map_err(js_error)?;
    let target: crate::render::WireTarget = input(&target, Input::Target).map_err(js_error)?;
    output(&crate::render::wire(&spec, &target).map_err(|e| js_error(e.into()))?)
}
