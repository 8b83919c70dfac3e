//! Catalog, policy, Kubernetes rendering, planning and error classification
//! for Azure Service Connector with an AKS cluster as the source.
//!
//! The API is the public modules and the names re-exported here:
//! [`catalog`](mod@catalog) (targets, ids, keys), [`spec`] (the inputs),
//! [`policy`] ([`validate`] and the rule table), [`render`](mod@render)
//! (objects and YAML; [`render::wire`]), [`plan`](mod@plan),
//! [`drift`](mod@drift), [`classify`], [`input`] (reading JSON inputs within
//! their caps), [`k8s`] (the Kubernetes names the objects carry) and [`error`].
//! [`placeholders`] finds what a rendered value still leaves to fill in.
//! Resolution (`resolve`), value filling (`values`) and the YAML and JSON
//! writers (`yaml`) are internal; `testing` opens a few of them to this
//! crate's own tests and benchmarks and is not API.

pub mod catalog;
pub mod classify;
// Built natively and in the cluster module (it needs serde_json's `raw_value`).
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-cluster"))]
pub mod drift;
pub mod error;
pub mod input;
mod json_path;
pub mod k8s;
pub mod policy;
mod resolve;
mod shapes;
pub mod spec;
mod values;
#[cfg(any(target_arch = "wasm32", test))]
mod wasm_alloc;
/// Small blocks by size class, in front of dlmalloc (see [`wasm_alloc`]).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: wasm_alloc::SizeClasses = wasm_alloc::SizeClasses::new();
/// The WebAssembly exports of the npm package (wasm32 only).
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use catalog::catalog;
pub use error::{Error, Finding, Severity};
pub use policy::validate;
pub use spec::{ConnectionSpec, RenderOptions, SecretEncoding};
pub mod plan;
pub mod render;
mod yaml;

/// Internals the crate's own tests and benchmarks hold against their
/// references (serde_yaml, serde_json). Not API: it changes without notice.
#[doc(hidden)]
pub mod testing {
    /// The wasm module's render result as JSON text (every `yaml` field empty).
    #[cfg(not(target_arch = "wasm32"))]
    pub mod render_result {
        use crate::{Bundle, ConnectionSpec, Error, RenderOptions};

        /// As the module writes it: straight from the resolution.
        pub fn written(spec: &ConnectionSpec, options: &RenderOptions) -> Result<String, Error> {
            crate::render::render_result(spec, options).map(|(_, json)| json)
        }

        /// From the bundle [`crate::render()`] makes: its documents' trees.
        pub fn of_bundle(bundle: &Bundle) -> String {
            bundle.result_json_with(false)
        }
    }

    /// The YAML and JSON writers.
    pub mod yaml {
        pub use crate::yaml::{
            departs_from_serde_yaml, emit, to_tree, to_yaml, write_json, write_str, Error, Node,
        };
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-cluster"))]
pub use drift::{drift, DriftReport};
pub use plan::{plan, Plan, PlanContext};
pub use render::{render, Bundle, Document, Object};
pub mod compose;
pub use compose::{compose, Composition, WorkloadSet};
pub use values::placeholders;

/// The README's Rust example, run as a doc-test so that it cannot fall out of step with the crate.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
