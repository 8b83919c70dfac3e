//! Catalog, policy, Kubernetes rendering, planning and error classification
//! for Azure Service Connector with an AKS cluster as the source.

pub mod catalog;
pub mod classify;
// Built natively and in the cluster module (it needs serde_json's `raw_value`).
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-cluster"))]
pub mod drift;
pub mod error;
pub mod input;
mod json_path;
pub mod policy;
pub mod resolve;
pub mod spec;
pub mod values;
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
pub mod yaml;

#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-cluster"))]
pub use drift::{drift, DriftReport};
pub use plan::{plan, Plan, PlanContext};
pub use render::{render, Bundle, Document, Object};
