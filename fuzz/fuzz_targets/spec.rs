//! Spec JSON text → validate, render (both encodings), plan and compose (the spec as
//! a one-connection workload set, and the text as a set), read as the wasm boundary
//! reads it (caps, type, shape). Any panic is a crash; so is a YAML emission error,
//! which validated input must never cause.
#![no_main]

use aks_service_connector::compose::{SetConnection, WorkloadSet};
use aks_service_connector::input::{read, Input};
use aks_service_connector::plan::PlanContext;
use aks_service_connector::{ConnectionSpec, Error, RenderOptions, SecretEncoding};
use libfuzzer_sys::fuzz_target;

/// Composes a set: every error but a finding or a refused input is a crash.
fn compose(set: &WorkloadSet) {
    match aks_service_connector::compose(set, &RenderOptions::default()) {
        Ok(c) => {
            let _ = c.yaml();
            for d in &c.documents {
                let _ = serde_json::to_string(d.tree()).expect("object is JSON");
            }
        }
        Err(Error::InvalidSpec { .. } | Error::InvalidInput { .. } | Error::TooLarge { .. }) => {}
        Err(e) => panic!("compose: unexpected error {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The same text as options and as a context: their readers must not panic either.
    let _ = read::<RenderOptions>(text, Input::Options);
    let context = read::<PlanContext>(text, Input::Context).unwrap_or_default();
    if let Ok(set) = read::<WorkloadSet>(text, Input::Set) {
        compose(&set);
    }
    let Ok(spec) = read::<ConnectionSpec>(text, Input::Spec) else {
        return;
    };
    compose(&WorkloadSet {
        connections: vec![SetConnection {
            spec: spec.clone(),
            mount: None,
        }],
        ..Default::default()
    });
    let _ = aks_service_connector::validate(&spec);
    for secret_encoding in [SecretEncoding::StringData, SecretEncoding::Data] {
        match aks_service_connector::render(&spec, &RenderOptions { secret_encoding }) {
            Ok(bundle) => {
                let _ = bundle.yaml();
                for d in &bundle.documents {
                    let _ = serde_json::to_string(d.tree()).expect("object is JSON");
                }
            }
            Err(Error::InvalidSpec { .. }) => {}
            Err(e) => panic!("render: unexpected error {e}"),
        }
    }
    for context in [PlanContext::default(), context] {
        match aks_service_connector::plan(&spec, &context) {
            Ok(plan) => {
                let _ = serde_json::to_string(&plan).expect("plan is JSON");
            }
            Err(Error::InvalidSpec { .. } | Error::InvalidInput { .. }) => {}
            Err(e) => panic!("plan: unexpected error {e}"),
        }
    }
});
