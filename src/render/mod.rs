//! Rendering: the Kubernetes objects a connection puts in the cluster, built
//! as typed k8s-openapi objects and emitted as YAML in a fixed order
//! (ServiceAccount, Secret, SecretProviderClass, workload).

pub(crate) mod pod;
mod preview;
// The render result from the bundle: what the module's result written straight from the
// resolution is held to (natively, in tests).
#[cfg(any(not(target_arch = "wasm32"), test))]
mod result_json;
pub(crate) mod secret;
pub(crate) mod service_account;
pub(crate) mod spc;
mod tree;
pub(crate) mod wire;
pub(crate) mod workload;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{Pod, Secret, ServiceAccount};
use serde::Serialize;

use crate::error::{Error, Finding};
use crate::policy;
use crate::spec::{ConnectionSpec, RenderOptions};
pub use crate::yaml::Node;
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-core"))]
pub(crate) use preview::render_result;
pub use preview::{preview, Preview, PreviewHead};
pub use spc::SecretProviderClass;
pub(crate) use wire::wire_parts;
pub use wire::{wire, WireContainer, WireError, WireKind, WireTarget, Wiring};

/// A rendered Kubernetes object, typed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Object {
    /// v1 ServiceAccount.
    ServiceAccount(ServiceAccount),
    /// v1 Secret.
    Secret(Secret),
    /// secrets-store.csi.x-k8s.io/v1 SecretProviderClass.
    SecretProviderClass(SecretProviderClass),
    /// batch/v1 Job.
    Job(Box<Job>),
    /// apps/v1 Deployment.
    Deployment(Box<Deployment>),
    /// v1 Pod.
    Pod(Box<Pod>),
}

impl Object {
    /// The Kubernetes object kind.
    pub fn object_kind(&self) -> &'static str {
        match self {
            Object::ServiceAccount(_) => "ServiceAccount",
            Object::Secret(_) => "Secret",
            Object::SecretProviderClass(_) => "SecretProviderClass",
            Object::Job(_) => "Job",
            Object::Deployment(_) => "Deployment",
            Object::Pod(_) => "Pod",
        }
    }
}

/// One document of the bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// Kubernetes object kind.
    #[serde(rename = "kind")]
    pub object_kind: &'static str,
    /// Object name.
    pub name: String,
    /// Namespace.
    pub namespace: String,
    /// The typed object.
    pub object: Object,
    /// The object as a YAML document.
    pub yaml: String,
    /// The object serialized once, as the tree `yaml` was written from (and the
    /// wasm module's JSON is written from). Private: it always matches `object`.
    #[serde(skip)]
    pub(crate) tree: Node,
}

impl Document {
    /// The object as an ordered value tree: the same fields, in the same order,
    /// as its YAML and JSON.
    pub fn tree(&self) -> &Node {
        &self.tree
    }
}

/// The rendered objects of one connection, with the policy findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// Documents in apply order.
    pub documents: Vec<Document>,
    /// Warnings and info findings (errors prevent rendering).
    pub findings: Vec<Finding>,
}

impl Bundle {
    /// The multi-document YAML stream.
    pub fn yaml(&self) -> String {
        crate::yaml::join_documents(self.documents.iter().map(|d| d.yaml.as_str()))
    }

    /// The documents' objects as a pretty-printed JSON array, in apply order.
    pub fn json(&self) -> serde_json::Result<String> {
        // From the trees: the typed objects were serialized once already.
        let objects: Vec<&Node> = self.documents.iter().map(|d| &d.tree).collect();
        serde_json::to_string_pretty(&objects)
    }
}

/// A map of the given entries, inserted one by one (a later key replaces an earlier one, as
/// in `collect`). `BTreeMap::from` and `collect` sort the entries and build the tree in bulk:
/// code compiled again for each entry type, where `insert` is in every module anyway.
pub(crate) fn map<V>(
    entries: impl IntoIterator<Item = (String, V)>,
) -> std::collections::BTreeMap<String, V> {
    let mut m = std::collections::BTreeMap::new();
    m.extend(entries);
    m
}

/// A document of `object`: its tree and YAML, written once.
pub(crate) fn document(object: Object, name: &str, namespace: &str) -> Result<Document, Error> {
    let object_kind = object.object_kind();
    let tree = tree::object(&object).map_err(|e| Error::Yaml {
        object_kind,
        name: name.to_owned(),
        message: e.to_string(),
    })?;
    Ok(Document {
        object_kind,
        name: name.to_owned(),
        namespace: namespace.to_owned(),
        yaml: crate::yaml::emit(&tree),
        object,
        tree,
    })
}

/// Renders the Kubernetes objects of a connection.
///
/// Fails with [`Error::InvalidSpec`] when policy finds an error; the same
/// spec always gives byte-identical YAML.
///
/// ```
/// use aks_service_connector::{render, ConnectionSpec, RenderOptions};
/// let spec: ConnectionSpec = serde_json::from_str(r#"{
///     "connectionName": "storage_conn", "namespace": "apps",
///     "target": { "type": "storage-blob", "account": "mystore" } }"#).unwrap();
/// let bundle = render(&spec, &RenderOptions::default()).unwrap();
/// let kinds: Vec<_> = bundle.documents.iter().map(|d| d.object_kind).collect();
/// assert_eq!(kinds, ["ServiceAccount", "Secret", "Job"]);
/// assert!(bundle.yaml().contains("https://mystore.blob.core.windows.net/"));
/// ```
pub fn render(spec: &ConnectionSpec, options: &RenderOptions) -> Result<Bundle, Error> {
    let (r, findings) = policy::gate(spec)?;
    let ns = r.namespace.as_str();
    let mut documents = Vec::with_capacity(4);
    if r.has_service_account() {
        let sa = service_account::build(&r);
        documents.push(document(
            Object::ServiceAccount(sa),
            r.names.service_account(),
            ns,
        )?);
    }
    if r.has_secret() {
        let s = secret::build(&r, options.secret_encoding);
        documents.push(document(Object::Secret(s), r.names.secret(), ns)?);
    } else {
        documents.push(document(
            Object::SecretProviderClass(spc::build(&r)),
            r.names.secret_provider_class(),
            ns,
        )?);
    }
    if let Some(w) = &r.workload {
        documents.push(document(workload::build(&r, w), &w.name, ns)?);
    }
    Ok(Bundle {
        documents,
        findings,
    })
}
