//! Catalog, policy, Kubernetes rendering, planning and error classification
//! for Azure Service Connector with an AKS cluster as the source.

pub mod catalog;
pub mod classify;

pub use catalog::catalog;
