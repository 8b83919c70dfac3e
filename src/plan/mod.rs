//! Planning: everything that happens around a connection besides the
//! Kubernetes objects — the operations Service Connector performs,
//! the ARM request, the az CLI and Bicep forms, the
//! federated identity credential, cleanup and troubleshooting commands.
//!
//! Missing inputs: locating parameters and credentials are optional for the
//! YAML, but the ARM request and the az command need them. The plan is still
//! produced; each missing value appears as a placeholder `<spec.path>` (e.g.
//! `<auth.clientId>`), the request and the az command carry `complete: false`
//! and the list of missing spec fields, and an info finding (`SC032`) says so.

pub mod arm;
pub mod az;
pub mod bicep;
pub mod commands;
pub mod operations;

use serde::Serialize;

use crate::catalog::{AuthId, ClientId, Param, TargetId};
use crate::error::{Error, Finding, Quoted};
use crate::policy::{self, plan::Built};
use crate::resolve::{nonempty, Resolved};
use crate::spec::{ConnectionSpec, TargetSpec};

pub use crate::spec::{ApiVersion, PlanContext};
pub use arm::ArmRequest;
pub use az::AzCommands;
pub use bicep::Bicep;
pub use commands::FederatedCredential;
pub use operations::{Operation, Performer, Place, Stage, Status};

/// One shell command: its words, the quoted line, and a line for display with
/// supplied secrets replaced by `***`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Command {
    /// The words, unquoted (what the program receives as arguments).
    pub argv: Vec<String>,
    /// The words quoted for a POSIX shell.
    pub line: String,
    /// `line` with supplied secret values replaced by `***`.
    pub masked_line: String,
    /// What the command does, or what to look for in its output.
    pub note: String,
}

/// Everything around a connection: operations, requests, commands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// Connection (linker) name.
    pub connection_name: String,
    /// Kubernetes namespace (REST `scope`).
    pub namespace: String,
    /// Target id.
    pub target: TargetId,
    /// Auth id.
    pub auth: AuthId,
    /// Client id.
    pub client_type: ClientId,
    /// api-version of the requests and the Bicep resource.
    pub api_version: ApiVersion,
    /// The cluster's ARM id (placeholders where unknown).
    pub cluster_id: String,
    /// Prerequisites first, then Service Connector's operations, in order.
    pub operations: Vec<Operation>,
    /// The federated identity credential (workload-identity only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub federated_credential: Option<FederatedCredential>,
    /// The ARM PUT requests: one linker, or two for confluent-cloud.
    pub requests: Vec<ArmRequest>,
    /// az CLI forms.
    pub az: AzCommands,
    /// Bicep form.
    pub bicep: Bicep,
    /// What to run after deleting the connection.
    pub cleanup: Vec<Command>,
    /// The diagnostic sequence for a failed create.
    pub troubleshooting: Vec<Command>,
    /// Policy warnings and info, plus the plan's own findings.
    pub findings: Vec<Finding>,
}

/// Plans a connection.
///
/// Fails with [`Error::InvalidSpec`] when policy finds an error (as
/// [`crate::render()`] does) and with [`Error::InvalidInput`] for a malformed
/// context. Missing inputs do not fail: see the module documentation.
///
/// ```
/// use aks_service_connector::{plan, ConnectionSpec, PlanContext};
/// let spec: ConnectionSpec = serde_json::from_str(r#"{
///     "connectionName": "storage_conn", "namespace": "apps",
///     "cluster": { "subscription": "00001111-aaaa-2222-bbbb-3333cccc4444",
///                  "resourceGroup": "rg", "name": "aks1" },
///     "target": { "type": "storage-blob", "resourceGroup": "data", "account": "mystore" },
///     "auth": { "type": "connection-string" } }"#).unwrap();
/// let p = plan(&spec, &PlanContext::default()).unwrap();
/// assert_eq!(p.requests[0].method, "PUT");
/// assert!(p.requests[0].path.ends_with("/providers/Microsoft.ServiceLinker/linkers/storage_conn"));
/// assert_eq!(p.requests[0].body["properties"]["scope"], "apps");
/// assert!(p.az.complete);
/// assert!(p.az.create.line.starts_with("az aks connection create storage-blob --connection storage_conn"));
/// ```
pub fn plan(spec: &ConnectionSpec, context: &PlanContext) -> Result<Plan, Error> {
    check_context(context)?;
    let (r, mut findings) = policy::gate(spec)?;
    let segment_errors = policy::plan::arm_segments(&r);
    if !segment_errors.is_empty() {
        findings.extend(segment_errors);
        crate::error::sort_by_severity(&mut findings);
        return Err(Error::InvalidSpec { findings });
    }
    let i = Inputs { r: &r, context };
    let api = context.api_version.unwrap_or_default();

    let requests = arm::build(&i, api);
    let az = az::build(&i);
    let federated_credential = commands::federated_credential(&i);
    let operations = operations::evaluate(&i, federated_credential.as_ref());
    let bicep = bicep::build(&i, &requests, api);
    let cleanup = commands::cleanup(&i);
    let troubleshooting = commands::troubleshooting(&i);

    let built = Built {
        requests_missing: requests
            .iter()
            .flat_map(|r| r.missing.iter().map(String::as_str))
            .collect(),
        az_missing: &az.missing,
        dropped: requests
            .iter()
            .flat_map(|r| r.dropped_fields.iter().map(String::as_str))
            .collect(),
    };
    policy::plan::check_built(&r, context, built, &mut findings);
    crate::error::sort_by_severity(&mut findings);
    Ok(Plan {
        connection_name: r.connection_name.clone(),
        namespace: r.namespace.clone(),
        target: r.target.id,
        auth: r.auth,
        client_type: r.client,
        api_version: api,
        cluster_id: i.cluster_id(&mut Fill::default()),
        operations,
        federated_credential,
        requests,
        az,
        bicep,
        cleanup,
        troubleshooting,
        findings,
    })
}

/// Rejects context values that cannot be right.
fn check_context(c: &PlanContext) -> Result<(), Error> {
    let invalid = |field: &str, message: String| Error::InvalidInput {
        field: format!("context.{field}"),
        message,
    };
    if let Some(url) = c.oidc_issuer_url.as_deref() {
        if !crate::shapes::https_url(url) {
            return Err(invalid(
                "oidcIssuerUrl",
                format!(
                    "expected an https:// URL as `az aks show` prints it, found {q_url}",
                    q_url = Quoted(url)
                ),
            ));
        }
        if c.oidc_issuer_enabled == Some(false) {
            return Err(invalid(
                "oidcIssuerEnabled",
                "expected true or no value when oidcIssuerUrl is given, found false".to_owned(),
            ));
        }
    }
    if let Some(s) = c.cluster_provisioning_state.as_deref() {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(invalid(
                "clusterProvisioningState",
                format!(
                    "expected a provisioning state such as Succeeded or Updating, found {q_s}",
                    q_s = Quoted(s)
                ),
            ));
        }
    }
    Ok(())
}

/// Whether an optional input is given and not empty.
pub(crate) fn given(v: Option<&str>) -> bool {
    nonempty(v).is_some()
}

/// Collects the spec fields whose value is missing while a form is built.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fill {
    /// Spec paths, in first-use order, without duplicates.
    pub(crate) missing: Vec<String>,
}

impl Fill {
    /// The value, or the placeholder `<path>` (recorded as missing).
    pub(crate) fn get(&mut self, v: Option<&str>, path: &str) -> String {
        match nonempty(v) {
            Some(v) => v.to_owned(),
            None => {
                if !self.missing.iter().any(|m| m == path) {
                    self.missing.push(path.to_owned());
                }
                format!("<{path}>")
            }
        }
    }

    /// A locating parameter, or its placeholder.
    pub(crate) fn param(&mut self, t: &TargetSpec, p: Param) -> String {
        self.get(t.param(p), &format!("target.{}", p.field()))
    }
}

/// The resolved spec and the context, with shared look-ups for the builders.
pub(crate) struct Inputs<'a> {
    pub(crate) r: &'a Resolved<'a>,
    pub(crate) context: &'a PlanContext,
}

impl Inputs<'_> {
    fn cluster_field(&self, f: impl Fn(&crate::spec::ClusterSpec) -> Option<&str>) -> Option<&str> {
        self.r.spec.cluster.as_ref().and_then(|c| nonempty(f(c)))
    }

    pub(crate) fn cluster_sub(&self) -> Option<&str> {
        self.cluster_field(|c| c.subscription.as_deref())
    }

    pub(crate) fn cluster_rg(&self, fill: &mut Fill) -> String {
        fill.get(
            self.cluster_field(|c| c.resource_group.as_deref()),
            "cluster.resourceGroup",
        )
    }

    pub(crate) fn cluster_name(&self, fill: &mut Fill) -> String {
        fill.get(self.cluster_field(|c| c.name.as_deref()), "cluster.name")
    }

    /// `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}`.
    pub(crate) fn cluster_id(&self, fill: &mut Fill) -> String {
        let sub = fill.get(self.cluster_sub(), "cluster.subscription");
        let rg = self.cluster_rg(fill);
        let name = self.cluster_name(fill);
        format!("/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}")
    }

    /// Whether the az command must name the target by `--target-id`.
    pub(crate) fn needs_target_id(&self) -> bool {
        if crate::catalog::cli_target_id(self.r.target.id).is_some() {
            // The CLI ignores `--target-id` for these: only the flags work.
            return false;
        }
        let t = &self.r.spec.target;
        let other_sub = nonempty(t.subscription.as_deref()).is_some_and(|s| {
            !self
                .cluster_sub()
                .is_some_and(|c| c.eq_ignore_ascii_case(s))
        });
        given(t.id.as_deref()) || self.r.target.arm_id_pattern.is_none() || other_sub
    }

    /// The target's ARM id: pasted, or the pattern filled (placeholders where
    /// unknown); for the partner targets, the az CLI's fixed id filled.
    pub(crate) fn target_id(&self, fill: &mut Fill) -> String {
        let t = &self.r.spec.target;
        let cli = crate::catalog::cli_target_id(self.r.target.id);
        if let Some(id) = nonempty(t.id.as_deref()).filter(|_| cli.is_none()) {
            return id.to_owned();
        }
        let Some(pattern) = self.r.target.arm_id_pattern.or(cli) else {
            return fill.get(None, "target.id");
        };
        pattern
            .split('/')
            .map(
                |seg| match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    // The target's subscription defaults to the cluster's.
                    Some("subscription") => {
                        fill.get(self.r.target_subscription(), "cluster.subscription")
                    }
                    Some(name) => match Param::ALL.iter().find(|p| p.pattern_name() == name) {
                        Some(p) => fill.param(t, *p),
                        None => seg.to_owned(),
                    },
                    None => seg.to_owned(),
                },
            )
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The linker names: the connection, plus `<c>_schema` for confluent-cloud.
    pub(crate) fn linker_names(&self) -> Vec<String> {
        let c = &self.r.connection_name;
        if self.r.target.id == TargetId::ConfluentCloud {
            vec![c.clone(), format!("{c}_schema")]
        } else {
            vec![c.clone()]
        }
    }

    /// Subscription, resource group and name of the user-assigned identity.
    pub(crate) fn identity_parts(&self) -> Option<(&str, &str, &str)> {
        let id = nonempty(self.r.spec.auth.as_ref()?.identity_id.as_deref())?;
        policy::identity::identity_subscription(id)?;
        let parts: Vec<&str> = id.split('/').collect();
        Some((parts.get(2)?, parts.get(4)?, parts.get(8)?))
    }
}
