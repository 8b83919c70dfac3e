//! Wiring an existing workload to a connection: the patch that adds what
//! connects it (the ServiceAccount and the workload-identity label on the pod
//! template, the connection's Secret as environment, or the Key Vault CSI
//! volume and its mount) and nothing else, in three forms:
//!
//! - a strategic-merge patch for `kubectl patch --type strategic -p`;
//! - the same patch as a kustomize patch file (with `apiVersion`, `kind` and
//!   `metadata`, so `patches: [{path: …}]` finds its target);
//! - an RFC 6902 JSON patch (`kubectl patch --type json`).
//!
//! The names and paths are the sample workload's ([`super::workload`]), so a
//! wired workload looks like the sample does.
//!
//! Two list rules of the Kubernetes API shape the patch. `containers`, `env`,
//! `volumes` (by `name`) and `volumeMounts` (by `mountPath`) have merge keys,
//! so a strategic merge adds to them. `envFrom` has none (it is atomic): a
//! strategic merge would replace the whole list. So a container that already
//! has `envFrom` gets one `env` entry per configuration key, each a
//! `secretKeyRef` into the connection's Secret, which merges by name and keeps
//! the container's own `envFrom` and `env`. A container without `envFrom`
//! gets `envFrom` with the Secret, as the sample has.
//!
//! A JSON patch addresses containers by index and cannot add to a list that
//! does not exist, nor test that one is absent. So the caller names each
//! container with its index and says which lists it already has; the patch
//! starts with a `test` of every container's name (applied to another
//! manifest, it fails instead of changing the wrong container), then appends
//! with `/-` to lists that exist and creates the ones that do not.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::pod::{CsiMount, PodParts};
use crate::k8s::{CSI_DRIVER, WI_LABEL};
use crate::policy;
use crate::shapes;
use crate::spec::ConnectionSpec;
use crate::yaml::Node;

/// The kinds of workload that can be wired (each has a pod template).
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum WireKind {
    /// apps/v1 Deployment.
    Deployment,
    /// apps/v1 StatefulSet.
    StatefulSet,
    /// apps/v1 DaemonSet.
    DaemonSet,
    /// batch/v1 Job.
    Job,
    /// batch/v1 CronJob (the template is under `jobTemplate`).
    CronJob,
}

impl WireKind {
    /// The Kubernetes kind.
    pub const fn as_str(self) -> &'static str {
        match self {
            WireKind::Deployment => "Deployment",
            WireKind::StatefulSet => "StatefulSet",
            WireKind::DaemonSet => "DaemonSet",
            WireKind::Job => "Job",
            WireKind::CronJob => "CronJob",
        }
    }

    /// The `apiVersion`.
    pub const fn api_version(self) -> &'static str {
        match self {
            WireKind::Deployment | WireKind::StatefulSet | WireKind::DaemonSet => "apps/v1",
            WireKind::Job | WireKind::CronJob => "batch/v1",
        }
    }

    /// The path from the object to its pod template.
    const fn template_path(self) -> &'static [&'static str] {
        match self {
            WireKind::CronJob => &["spec", "jobTemplate", "spec", "template"],
            _ => &["spec", "template"],
        }
    }
}

/// The existing workload to wire.
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WireTarget {
    /// The workload's kind.
    #[serde(rename = "kind")]
    pub workload_kind: WireKind,
    /// The workload's name.
    pub name: String,
    /// Its namespace (kustomize file only); default: the connection's namespace.
    #[serde(default)]
    pub namespace: Option<String>,
    /// The containers to wire, each with its index in the pod template's
    /// `containers` (other containers are left alone).
    pub containers: Vec<WireContainer>,
    /// JSON patch only: whether the pod template already has `metadata.labels`
    /// (if not, the patch creates it; the template must have `metadata`).
    #[serde(default)]
    pub has_pod_labels: bool,
    /// JSON patch only, `keyvault-csi` only: whether the pod spec already has `volumes`.
    #[serde(default)]
    pub has_volumes: bool,
}

/// One container to wire.
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WireContainer {
    /// The container's name.
    pub name: String,
    /// Its index in `containers` (the JSON patch addresses it by index and tests the name there).
    pub index: usize,
    /// Whether it already has `envFrom` (then the Secret comes as `env` entries).
    #[serde(default)]
    pub has_env_from: bool,
    /// JSON patch only: whether it already has `env`.
    #[serde(default)]
    pub has_env: bool,
    /// JSON patch only, `keyvault-csi` only: whether it already has `volumeMounts`.
    #[serde(default)]
    pub has_volume_mounts: bool,
}

/// The wiring of one workload, in three forms.
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Wiring {
    /// Strategic-merge patch, YAML (`kubectl patch --type strategic -p`).
    pub strategic_merge: String,
    /// The same as a kustomize patch file, YAML (with `apiVersion`, `kind`, `metadata`).
    pub kustomize: String,
    /// RFC 6902 JSON patch, one operation a line (`kubectl patch --type json -p`).
    pub json_patch: String,
}

/// Why a workload could not be wired.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    /// The connection spec does not render.
    #[error("connection: {0}")]
    Connection(#[from] crate::error::Error),
    /// A name that is not a DNS-1123 label.
    #[error("{field}: expected a DNS-1123 label (lowercase letters, digits and `-`, at most 63 characters, starting and ending with a letter or digit), found `{found}`")]
    InvalidName {
        /// The offending field, e.g. `containers[0].name`.
        field: String,
        /// What was given.
        found: String,
    },
    /// No container to wire.
    #[error("containers: expected at least one container to wire, found none")]
    NoContainers,
    /// Two entries name the same container or index.
    #[error("{field}: expected each container once, found `{found}` again")]
    Duplicate {
        /// The offending field, e.g. `containers[1].index`.
        field: String,
        /// The repeated name or index.
        found: String,
    },
}

impl WireError {
    /// The offending field of the target (`containers[0].name`), or `None`
    /// for an error of the connection spec.
    pub fn field(&self) -> Option<&str> {
        match self {
            WireError::Connection(_) => None,
            WireError::InvalidName { field, .. } | WireError::Duplicate { field, .. } => {
                Some(field)
            }
            WireError::NoContainers => Some("containers"),
        }
    }
}

/// The crate's error: the connection's own, or `invalid-input` with the field
/// under `target` (the argument's name where one API call takes both).
impl From<WireError> for crate::error::Error {
    fn from(e: WireError) -> Self {
        let field = match (&e, e.field()) {
            (WireError::Connection(_), _) | (_, None) => None,
            (_, Some(f)) => Some(format!("target.{f}")),
        };
        match (e, field) {
            (WireError::Connection(inner), _) => inner,
            (other, field) => {
                let text = other.to_string();
                // Every message is `{field}: {message}`; the field is carried apart.
                let message = text.split_once(": ").map_or(text.as_str(), |(_, m)| m);
                crate::error::Error::InvalidInput {
                    field: field.unwrap_or_else(|| "target".to_owned()),
                    message: message.to_owned(),
                }
            }
        }
    }
}

/// Checks the names and containers of a target before they go into patches.
pub(crate) fn check_target(t: &WireTarget) -> Result<(), WireError> {
    let invalid = |field: String, found: &str| WireError::InvalidName {
        field,
        found: found.to_owned(),
    };
    // A workload name may be a subdomain; a label is the common case and the
    // stricter check keeps patch paths plain.
    if !t.name.split('.').all(shapes::dns_label) || t.name.len() > 253 {
        return Err(invalid("name".to_owned(), &t.name));
    }
    if let Some(ns) = &t.namespace {
        if !shapes::dns_label(ns) {
            return Err(invalid("namespace".to_owned(), ns));
        }
    }
    if t.containers.is_empty() {
        return Err(WireError::NoContainers);
    }
    for (i, c) in t.containers.iter().enumerate() {
        if !shapes::dns_label(&c.name) {
            return Err(invalid(format!("containers[{i}].name"), &c.name));
        }
        let earlier = &t.containers[..i];
        if earlier.iter().any(|e| e.name == c.name) {
            return Err(WireError::Duplicate {
                field: format!("containers[{i}].name"),
                found: c.name.clone(),
            });
        }
        if earlier.iter().any(|e| e.index == c.index) {
            return Err(WireError::Duplicate {
                field: format!("containers[{i}].index"),
                found: c.index.to_string(),
            });
        }
    }
    Ok(())
}

fn s(v: &str) -> Node {
    Node::Str(v.to_owned())
}

fn map<const N: usize>(entries: [(&'static str, Node); N]) -> Node {
    Node::Map(
        entries
            .into_iter()
            .map(|(k, v)| (Cow::Borrowed(k), v))
            .collect(),
    )
}

/// Wraps `leaf` in mappings along `path`.
fn nest(path: &[&'static str], leaf: Node) -> Node {
    path.iter().rev().fold(leaf, |inner, k| map([(*k, inner)]))
}

fn env_from(secret: &str) -> Node {
    map([("secretRef", map([("name", s(secret))]))])
}

fn env(secret: &str, key: &str) -> Node {
    map([
        ("name", s(key)),
        (
            "valueFrom",
            map([("secretKeyRef", map([("name", s(secret)), ("key", s(key))]))]),
        ),
    ])
}

/// One `env` entry per key of every Secret, each a `secretKeyRef`.
fn env_entries(p: &PodParts) -> Vec<Node> {
    p.secrets
        .iter()
        .flat_map(|sec| sec.keys.iter().map(|k| env(&sec.name, k)))
        .collect()
}

fn env_froms(p: &PodParts) -> Node {
    Node::Seq(p.secrets.iter().map(|sec| env_from(&sec.name)).collect())
}

fn volume(m: &CsiMount) -> Node {
    map([
        ("name", s(&m.volume)),
        (
            "csi",
            map([
                ("driver", s(CSI_DRIVER)),
                ("readOnly", Node::Bool(true)),
                (
                    "volumeAttributes",
                    map([("secretProviderClass", s(&m.secret_provider_class))]),
                ),
            ]),
        ),
    ])
}

fn volume_mount(m: &CsiMount) -> Node {
    map([
        ("name", s(&m.volume)),
        ("mountPath", s(&m.mount_path)),
        ("readOnly", Node::Bool(true)),
    ])
}

/// The strategic-merge body: `spec…template` with the label, the pod spec
/// fields and each container merged by name.
fn strategic(t: &WireTarget, p: &PodParts) -> Node {
    let mut template = Vec::new();
    if p.service_account.is_some() {
        template.push((
            Cow::Borrowed("metadata"),
            map([("labels", map([(WI_LABEL, s("true"))]))]),
        ));
    }
    let mut pod = Vec::new();
    if let Some(sa) = &p.service_account {
        pod.push((Cow::Borrowed("serviceAccountName"), s(sa)));
    }
    let containers = t
        .containers
        .iter()
        .map(|c| {
            let mut fields = vec![(Cow::Borrowed("name"), s(&c.name))];
            if !p.secrets.is_empty() {
                if c.has_env_from {
                    fields.push((Cow::Borrowed("env"), Node::Seq(env_entries(p))));
                } else {
                    fields.push((Cow::Borrowed("envFrom"), env_froms(p)));
                }
            }
            if !p.csi.is_empty() {
                let mounts = p.csi.iter().map(volume_mount).collect();
                fields.push((Cow::Borrowed("volumeMounts"), Node::Seq(mounts)));
            }
            Node::Map(fields)
        })
        .collect();
    pod.push((Cow::Borrowed("containers"), Node::Seq(containers)));
    if !p.csi.is_empty() {
        let volumes = p.csi.iter().map(volume).collect();
        pod.push((Cow::Borrowed("volumes"), Node::Seq(volumes)));
    }
    template.push((Cow::Borrowed("spec"), Node::Map(pod)));
    nest(t.workload_kind.template_path(), Node::Map(template))
}

/// Escapes one JSON Pointer reference token (RFC 6901).
fn token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

fn op(op: &'static str, path: String, value: Node) -> Node {
    map([("op", s(op)), ("path", Node::Str(path)), ("value", value)])
}

/// Adds `items` to the list at `path`: appended one by one when it exists,
/// created whole when it does not.
fn add_all(ops: &mut Vec<Node>, path: &str, exists: bool, items: Vec<Node>) {
    if exists {
        ops.extend(items.into_iter().map(|i| op("add", format!("{path}/-"), i)));
    } else {
        ops.push(op("add", path.to_owned(), Node::Seq(items)));
    }
}

fn json_patch(t: &WireTarget, p: &PodParts) -> Node {
    let template: String = t
        .workload_kind
        .template_path()
        .iter()
        .map(|k| format!("/{k}"))
        .collect();
    let pod = format!("{template}/spec");
    let mut ops: Vec<Node> = t
        .containers
        .iter()
        .map(|c| {
            op(
                "test",
                format!("{pod}/containers/{}/name", c.index),
                s(&c.name),
            )
        })
        .collect();
    if let Some(sa) = &p.service_account {
        let labels = format!("{template}/metadata/labels");
        if t.has_pod_labels {
            ops.push(op(
                "add",
                format!("{labels}/{}", token(WI_LABEL)),
                s("true"),
            ));
        } else {
            ops.push(op("add", labels, map([(WI_LABEL, s("true"))])));
        }
        ops.push(op("add", format!("{pod}/serviceAccountName"), s(sa)));
    }
    for c in &t.containers {
        let at = format!("{pod}/containers/{}", c.index);
        if !p.secrets.is_empty() {
            if c.has_env_from {
                add_all(&mut ops, &format!("{at}/env"), c.has_env, env_entries(p));
            } else {
                ops.push(op("add", format!("{at}/envFrom"), env_froms(p)));
            }
        }
        if !p.csi.is_empty() {
            add_all(
                &mut ops,
                &format!("{at}/volumeMounts"),
                c.has_volume_mounts,
                p.csi.iter().map(volume_mount).collect(),
            );
        }
    }
    if !p.csi.is_empty() {
        add_all(
            &mut ops,
            &format!("{pod}/volumes"),
            t.has_volumes,
            p.csi.iter().map(volume).collect(),
        );
    }
    Node::Seq(ops)
}

/// Renders the patches that wire an existing workload to a connection.
///
/// Fails with [`WireError::Connection`] when the spec does not render, and
/// with a [`WireError`] naming the field when the target is not well formed.
pub fn wire(spec: &ConnectionSpec, target: &WireTarget) -> Result<Wiring, WireError> {
    let (r, _) = policy::gate(spec)?;
    wire_parts(target, &PodParts::of(&r), &r.namespace)
}

/// Wires an existing workload to what `parts` adds to its pod (one connection's or
/// several's); `namespace` is the kustomize file's unless the target names one.
///
/// Fails with a [`WireError`] naming the field when the target is not well formed.
pub(crate) fn wire_parts(
    target: &WireTarget,
    parts: &PodParts,
    namespace: &str,
) -> Result<Wiring, WireError> {
    check_target(target)?;
    let body = strategic(target, parts);
    let namespace = target.namespace.as_deref().unwrap_or(namespace);
    let mut file = vec![
        (
            Cow::Borrowed("apiVersion"),
            s(target.workload_kind.api_version()),
        ),
        (Cow::Borrowed("kind"), s(target.workload_kind.as_str())),
        (
            Cow::Borrowed("metadata"),
            map([("name", s(&target.name)), ("namespace", s(namespace))]),
        ),
    ];
    if let Node::Map(entries) = body.clone() {
        file.extend(entries);
    }
    // One operation a line: readable, diffable, and no pretty-printer in the module.
    let mut json = String::from("[\n");
    if let Node::Seq(ops) = json_patch(target, parts) {
        for (i, op) in ops.iter().enumerate() {
            json.push_str(if i > 0 { ",\n  " } else { "  " });
            crate::yaml::write_json(&mut json, op);
        }
    }
    json.push_str("\n]\n");
    Ok(Wiring {
        strategic_merge: crate::yaml::emit(&body),
        kustomize: crate::yaml::emit(&Node::Map(file)),
        json_patch: json,
    })
}
