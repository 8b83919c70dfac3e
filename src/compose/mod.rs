//! Workload sets: several connections used by one workload (Blob, Service Bus
//! and Key Vault for one app). Each connection's objects are rendered once, as
//! `render` renders them; one workload takes them all — every Secret in `envFrom`,
//! every Key Vault CSI volume and its mount, the one ServiceAccount and the
//! workload identity label — either the sample workload or the wiring patches of
//! an existing one ([`crate::render::wire`]'s three forms).
//!
//! What cannot share one pod is reported as a finding of [`rules::RULES`]
//! (`SW001`…): the field path into the set, what clashes with what, and the fix.
//! Each connection's own policy findings come along with their paths under
//! `connections[i].spec`.

mod collisions;
pub mod rules;

use serde::Deserialize;

use crate::error::{Error, Finding, Severity};
use crate::k8s::{CSI_MOUNT_PATH, CSI_VOLUME};
use crate::policy;
use crate::render::pod::PodParts;
use crate::render::{
    document, secret, service_account, spc, wire_parts, workload, Document, Object, WireTarget,
    Wiring,
};
use crate::resolve::Resolved;
use crate::spec::{ConnectionSpec, RenderOptions, WorkloadSpec};

pub use rules::{SetRule, RULES};

/// Several connections for one workload.
///
/// ```
/// // Two connections with one workload identity: one ServiceAccount, two Secrets, one Job.
/// let set: aks_service_connector::compose::WorkloadSet = serde_json::from_str(r#"{
///     "connections": [
///         { "spec": { "target": { "type": "storage-blob" },
///                     "auth": { "clientId": "00001111-aaaa-2222-bbbb-3333cccc4444" } } },
///         { "spec": { "target": { "type": "servicebus" },
///                     "auth": { "clientId": "00001111-aaaa-2222-bbbb-3333cccc4444" } } } ] }"#).unwrap();
/// let c = aks_service_connector::compose(&set, &Default::default()).unwrap();
/// let kinds: Vec<_> = c.documents.iter().map(|d| d.object_kind).collect();
/// assert_eq!(kinds, ["ServiceAccount", "Secret", "Secret", "Job"]);
///
/// // Without a client id each ServiceAccount follows its connection's name: two of them,
/// // and a pod runs as one.
/// let two: aks_service_connector::compose::WorkloadSet = serde_json::from_str(r#"{
///     "connections": [
///         { "spec": { "target": { "type": "storage-blob" } } },
///         { "spec": { "target": { "type": "servicebus" } } } ] }"#).unwrap();
/// let e = aks_service_connector::compose(&two, &Default::default()).unwrap_err();
/// assert!(e.findings().iter().any(|f| f.code == "SW008"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkloadSet {
    /// The connections, in `envFrom` and volume order (a later Secret's variable wins).
    pub connections: Vec<SetConnection>,
    /// The sample workload that takes every connection (default: a Job; kind `none` for
    /// none). The connections' own `workload` stays empty.
    #[serde(default)]
    pub workload: Option<WorkloadSpec>,
    /// An existing workload to wire to every connection instead of the sample.
    #[serde(default)]
    pub existing: Option<WireTarget>,
    /// Variables the workload sets itself (`env`): a Secret key of the same name clashes.
    #[serde(default)]
    pub workload_env: Vec<String>,
    /// Volume names the workload's pod already has.
    #[serde(default)]
    pub workload_volumes: Vec<String>,
    /// Paths the workload's containers already mount volumes at.
    #[serde(default)]
    pub workload_mount_paths: Vec<String>,
}

/// One connection of a set.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetConnection {
    /// The connection, as `render` takes it.
    pub spec: ConnectionSpec,
    /// `keyvault-csi` only: the volume and where it is mounted.
    #[serde(default)]
    pub mount: Option<MountSpec>,
}

/// The Key Vault CSI volume of a connection and its mount.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MountSpec {
    /// Volume name; default `secrets-store01-inline` for the first `keyvault-csi`
    /// connection, `secrets-store02-inline` for the second, ….
    #[serde(default)]
    pub volume: Option<String>,
    /// Mount path; default `/mnt/secrets-store` for the first, `/mnt/secrets-store-02`
    /// for the second, ….
    #[serde(default)]
    pub path: Option<String>,
}

/// The objects of a workload set, with the findings.
#[derive(Debug, Clone, PartialEq)]
pub struct Composition {
    /// Documents in apply order: the ServiceAccount, each connection's Secret or
    /// SecretProviderClass, then the sample workload.
    pub documents: Vec<Document>,
    /// For each document, the indexes of the connections it belongs to (every one for the workload).
    pub sources: Vec<Vec<usize>>,
    /// The patches that wire the existing workload, when the set names one.
    pub wiring: Option<Wiring>,
    /// Warnings and info findings (errors prevent composing).
    pub findings: Vec<Finding>,
}

impl Composition {
    /// The multi-document YAML stream.
    pub fn yaml(&self) -> String {
        crate::yaml::join_documents(self.documents.iter().map(|d| d.yaml.as_str()))
    }
}

/// The field path of `inner` (a path in a connection spec) under `connections[i].spec`.
fn under(i: usize, inner: &str) -> String {
    match inner {
        "" | "$" => format!("connections[{i}].spec"),
        p => format!("connections[{i}].spec.{p}"),
    }
}

/// The default volume name and mount path of the `n`th (from 1) keyvault-csi connection.
fn default_mount(n: usize) -> (String, String) {
    if n == 1 {
        (CSI_VOLUME.to_owned(), CSI_MOUNT_PATH.to_owned())
    } else {
        (
            format!("secrets-store{n:02}-inline"),
            format!("{CSI_MOUNT_PATH}-{n:02}"),
        )
    }
}

/// Composes the objects of several connections used by one workload.
///
/// Fails with [`Error::InvalidInput`] when the set has no connection, more than
/// the cap allows, both a sample and an existing workload, or an existing workload
/// that is not well formed; with [`Error::InvalidSpec`] (every finding, errors
/// first) when a connection has a policy error or the connections clash.
pub fn compose(set: &WorkloadSet, options: &RenderOptions) -> Result<Composition, Error> {
    check_shape(set)?;
    // Each connection resolved without a workload: the set's one workload is resolved apart.
    let none = WorkloadSpec {
        workload_kind: Some("none".to_owned()),
        ..Default::default()
    };
    let specs: Vec<ConnectionSpec> = set
        .connections
        .iter()
        .map(|c| ConnectionSpec {
            workload: Some(none.clone()),
            ..c.spec.clone()
        })
        .collect();
    let mut findings = Vec::new();
    let mut resolved: Vec<Option<Resolved<'_>>> = Vec::with_capacity(specs.len());
    for (i, s) in specs.iter().enumerate() {
        let (own, r) = policy::check(s);
        findings.extend(own.into_iter().map(|mut f| {
            f.field = under(i, &f.field);
            f
        }));
        resolved.push(r);
    }
    let workload = match &set.existing {
        Some(_) => None,
        None => sample_workload(set, &resolved, &mut findings),
    };
    let mounts = mounts(set, &resolved);
    collisions::check(set, &resolved, &mounts, &mut findings);
    crate::error::sort_by_severity(&mut findings);
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(Error::InvalidSpec { findings });
    }
    let all: Vec<&Resolved<'_>> = resolved.iter().flatten().collect();
    if all.len() != set.connections.len() {
        // Policy reports an error for every spec it cannot resolve.
        return Err(Error::InvalidSpec { findings });
    }
    let namespace = all[0].namespace.clone();
    let mut documents = Vec::new();
    let mut sources = Vec::new();
    let mut parts = PodParts::default();
    let users: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].has_service_account())
        .collect();
    if let Some(&first) = users.first() {
        let r = all[first];
        let sa = service_account::build(r);
        documents.push(document(
            Object::ServiceAccount(sa),
            r.names.service_account(),
            &namespace,
        )?);
        sources.push(users.clone());
    }
    for (i, r) in all.iter().enumerate() {
        let (volume, path) = &mounts[i];
        parts.add(r, volume, path);
        let doc = if r.has_secret() {
            let s = secret::build(r, options.secret_encoding);
            document(Object::Secret(s), r.names.secret(), &namespace)?
        } else {
            document(
                Object::SecretProviderClass(spc::build(r)),
                r.names.secret_provider_class(),
                &namespace,
            )?
        };
        documents.push(doc);
        sources.push(vec![i]);
    }
    let wiring = match &set.existing {
        Some(target) => Some(wire_parts(target, &parts, &namespace).map_err(existing_error)?),
        None => {
            if let Some(w) = &workload {
                documents.push(document(
                    workload::build_for(&parts, &namespace, w),
                    &w.name,
                    &namespace,
                )?);
                sources.push((0..all.len()).collect());
            }
            None
        }
    };
    Ok(Composition {
        documents,
        sources,
        wiring,
        findings,
    })
}

/// The set's workload, resolved by policy's own rules with the first connection that has a
/// Secret (the sample's default command follows it: `printenv` rather than listing the
/// vault's mount); its findings are the set's `workload…`.
fn sample_workload(
    set: &WorkloadSet,
    resolved: &[Option<Resolved<'_>>],
    findings: &mut Vec<Finding>,
) -> Option<crate::resolve::Workload> {
    let carrier = resolved
        .iter()
        .position(|r| r.as_ref().is_some_and(Resolved::has_secret))
        .unwrap_or(0);
    let spec = ConnectionSpec {
        workload: set.workload.clone(),
        ..set.connections[carrier].spec.clone()
    };
    let (own, r) = policy::check(&spec);
    findings.extend(own.into_iter().filter(|f| f.field.starts_with("workload")));
    r.and_then(|r| r.workload)
}

/// Each connection's volume name and mount path (used by `keyvault-csi` ones only).
fn mounts(set: &WorkloadSet, resolved: &[Option<Resolved<'_>>]) -> Vec<(String, String)> {
    let mut n = 0;
    set.connections
        .iter()
        .zip(resolved)
        .map(|(c, r)| {
            let csi = r.as_ref().is_some_and(|r| !r.has_secret());
            if csi {
                n += 1;
            }
            let (volume, path) = default_mount(n.max(1));
            let given = c.mount.as_ref();
            (
                given.and_then(|m| m.volume.clone()).unwrap_or(volume),
                given.and_then(|m| m.path.clone()).unwrap_or(path),
            )
        })
        .collect()
}

/// The checks on the set itself, before any connection is read.
fn check_shape(set: &WorkloadSet) -> Result<(), Error> {
    let invalid = |field: &str, message: String| Error::InvalidInput {
        field: field.to_owned(),
        message,
    };
    if set.connections.is_empty() {
        return Err(invalid(
            "connections",
            "expected at least one connection, found none".to_owned(),
        ));
    }
    let cap = crate::input::caps::MAX_CONNECTIONS;
    if set.connections.len() > cap {
        return Err(Error::TooLarge {
            field: "connections".to_owned(),
            message: format!(
                "expected at most {cap} items, found {}",
                set.connections.len()
            ),
        });
    }
    if set.existing.is_some() && set.workload.is_some() {
        return Err(invalid(
            "existing",
            "expected either a sample workload or an existing one, found both".to_owned(),
        ));
    }
    if let Some(target) = &set.existing {
        crate::render::wire::check_target(target).map_err(existing_error)?;
    }
    Ok(())
}

/// An existing workload that is not well formed, as `invalid-input` under `existing`.
fn existing_error(e: crate::render::WireError) -> Error {
    match (e.field().map(str::to_owned), e) {
        (_, crate::render::WireError::Connection(inner)) => inner,
        (field, other) => {
            let text = other.to_string();
            let message = text.split_once(": ").map_or(text.as_str(), |(_, m)| m);
            Error::InvalidInput {
                field: field.map_or_else(|| "existing".to_owned(), |f| format!("existing.{f}")),
                message: message.to_owned(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{default_mount, under};

    #[test]
    fn paths_under_a_connection() {
        assert_eq!(under(2, "target.type"), "connections[2].spec.target.type");
        assert_eq!(under(0, "$"), "connections[0].spec");
        assert_eq!(under(0, ""), "connections[0].spec");
    }

    #[test]
    fn the_first_vault_is_mounted_as_the_sample_and_the_others_numbered() {
        assert_eq!(
            default_mount(1),
            (
                "secrets-store01-inline".to_owned(),
                "/mnt/secrets-store".to_owned()
            )
        );
        assert_eq!(
            default_mount(2),
            (
                "secrets-store02-inline".to_owned(),
                "/mnt/secrets-store-02".to_owned()
            )
        );
        assert_eq!(default_mount(16).0, "secrets-store16-inline");
    }
}
