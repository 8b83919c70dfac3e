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

use serde::{Deserialize, Serialize};

use crate::catalog::{AuthId, ClientId, Param, TargetId};
use crate::error::{Error, Finding, Quoted};
use crate::policy::{self, rules};
use crate::resolve::{nonempty, Resolved};
use crate::spec::{ConnectionSpec, TargetSpec};

pub use arm::ArmRequest;
pub use az::AzCommands;
pub use bicep::Bicep;
pub use commands::FederatedCredential;
pub use operations::{Operation, Performer, Place, Stage, Status};

/// The ServiceLinker api-versions the request builder speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
pub enum ApiVersion {
    /// What az CLI 2.65 sends; carries `configurationInfo` and `publicNetworkSolution`.
    #[default]
    #[serde(rename = "2024-07-01-preview")]
    V2024_07_01Preview,
    /// The only version `@azure/arm-servicelinker` 2.1.0 speaks.
    #[serde(rename = "2022-05-01")]
    V2022_05_01,
}

impl ApiVersion {
    /// The `api-version` query value.
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V2024_07_01Preview => "2024-07-01-preview",
            ApiVersion::V2022_05_01 => "2022-05-01",
        }
    }
}

impl std::fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is already known about the cluster and subscription; every field is
/// optional, and an unknown fact makes the matching operation `unknown`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanContext {
    /// api-version of the ARM request and the Bicep resource; default `2024-07-01-preview`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<ApiVersion>,
    /// `sc-extension` is already installed on the cluster (not the first connection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_installed: Option<bool>,
    /// The subscription is registered with `Microsoft.KubernetesConfiguration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes_configuration_registered: Option<bool>,
    /// The subscription is registered with `Microsoft.ServiceLinker`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_linker_registered: Option<bool>,
    /// The cluster's `provisioningState` (`Succeeded`, `Updating`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_provisioning_state: Option<String>,
    /// The cluster's OIDC issuer is enabled (implied by `oidcIssuerUrl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oidc_issuer_enabled: Option<bool>,
    /// The cluster's OIDC issuer URL, exactly as `az aks show` prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oidc_issuer_url: Option<String>,
    /// Workload identity (the mutating webhook) is enabled on the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload_identity_enabled: Option<bool>,
    /// The `azureKeyvaultSecretsProvider` add-on is enabled on the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyvault_secrets_provider_enabled: Option<bool>,
    /// The cluster's egress allows `scaksextension.azurecr.io` (and `mcr.microsoft.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress_allowed: Option<bool>,
}

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
    let (mut findings, resolved) = policy::check(spec);
    let r = match resolved {
        Some(r) if !policy::has_errors(&findings) => r,
        _ => return Err(Error::InvalidSpec { findings }),
    };
    let segment_errors = arm_segment_findings(&r);
    if !segment_errors.is_empty() {
        findings.extend(segment_errors);
        findings.sort_by_key(|f| f.severity);
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

    plan_findings(&i, &requests, &az, &mut findings);
    findings.sort_by_key(|f| f.severity);
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
        let host = url.strip_prefix("https://").unwrap_or("");
        if host.is_empty()
            || host.starts_with('/')
            || url.chars().any(|ch| ch.is_whitespace() || ch.is_control())
        {
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

/// Values that become path segments of ARM ids (the request URL, the target
/// id) must not break the path; policy leaves these names free for the YAML.
fn arm_segment_findings(r: &Resolved<'_>) -> Vec<Finding> {
    let bad = |v: &str| {
        v.chars().any(|c| {
            matches!(c, '/' | '\\' | '?' | '#' | '%') || c.is_whitespace() || c.is_control()
        })
    };
    let mut out = Vec::new();
    let mut check = |field: String, v: Option<&str>| {
        if let Some(v) = nonempty(v).filter(|v| bad(v)) {
            out.push(rules::ARM_SEGMENT.at(
                field,
                format!("expected a resource name without '/', '\\', '?', '#', '%', whitespace or control characters, found {q_v}", q_v = Quoted(v)),
            ));
        }
    };
    if let Some(c) = &r.spec.cluster {
        check(
            "cluster.resourceGroup".to_owned(),
            c.resource_group.as_deref(),
        );
        check("cluster.name".to_owned(), c.name.as_deref());
    }
    if let Some(pattern) = r
        .target
        .arm_id_pattern
        .or_else(|| crate::catalog::cli_target_id(r.target.id))
    {
        for p in r.target.parameters {
            if pattern.contains(&format!("{{{}}}", p.pattern_name())) {
                check(format!("target.{}", p.field()), r.spec.target.param(*p));
            }
        }
    }
    out
}

/// The plan's own findings, from the context and the built forms.
fn plan_findings(i: &Inputs<'_>, requests: &[ArmRequest], az: &AzCommands, f: &mut Vec<Finding>) {
    let c = i.context;
    let mut missing: Vec<&str> = requests
        .iter()
        .flat_map(|r| r.missing.iter().map(String::as_str))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        // The az CLI looks the client id up itself; the raw request cannot.
        let identity = nonempty(
            i.r.spec
                .auth
                .as_ref()
                .and_then(|a| a.identity_id.as_deref()),
        );
        let hint = match identity {
            Some(id)
                if missing.contains(&"auth.clientId") && i.r.auth == AuthId::WorkloadIdentity =>
            {
                format!(
                    " (`az identity show --ids {id} --query clientId -o tsv` prints the client id)"
                )
            }
            _ => String::new(),
        };
        f.push(rules::PLAN_INCOMPLETE.at(
            "requests",
            format!(
                "the ARM request holds placeholders; expected values for {}{hint}",
                missing.join(", ")
            ),
        ));
    }
    if !az.complete {
        f.push(rules::PLAN_INCOMPLETE.at(
            "az.create",
            format!(
                "the az command holds placeholders; expected values for {}",
                az.missing.join(", ")
            ),
        ));
    }
    let mut dropped: Vec<&str> = requests
        .iter()
        .flat_map(|r| r.dropped_fields.iter().map(String::as_str))
        .collect();
    dropped.dedup();
    if !dropped.is_empty() {
        f.push(rules::API_VERSION_FIELDS.at(
            "context.apiVersion",
            format!(
                "api-version {} cannot carry {}; expected 2024-07-01-preview to send them, or drop them from the spec",
                i.api(),
                dropped.join(", ")
            ),
        ));
    }
    for (given, field, provider) in [
        (
            c.kubernetes_configuration_registered,
            "kubernetesConfigurationRegistered",
            "Microsoft.KubernetesConfiguration",
        ),
        (
            c.service_linker_registered,
            "serviceLinkerRegistered",
            "Microsoft.ServiceLinker",
        ),
    ] {
        if given == Some(false) {
            f.push(rules::PROVIDER_NOT_REGISTERED.at(
                format!("context.{field}"),
                format!("expected {provider} registered, found not registered: run `az provider register -n {provider}` first"),
            ));
        }
    }
    if let Some(s) = c.cluster_provisioning_state.as_deref() {
        if !s.eq_ignore_ascii_case("Succeeded") {
            f.push(rules::CLUSTER_BUSY.at(
                "context.clusterProvisioningState",
                format!("expected the cluster in state Succeeded, found {s}: a create now fails with Conflict"),
            ));
        }
    }
    if i.r.auth == AuthId::WorkloadIdentity {
        if let Some(url) = c.oidc_issuer_url.as_deref() {
            if !url.ends_with('/') {
                f.push(rules::OIDC_ISSUER.at(
                    "context.oidcIssuerUrl",
                    format!("expected the issuer exactly as `az aks show` prints it, with a trailing '/', found {q_url}; a mismatch fails the token exchange", q_url = Quoted(url)),
                ));
            }
        }
    }
    if crate::catalog::cli_target_id(i.r.target.id).is_some() {
        f.push(rules::UNVERIFIED_REQUEST.at(
            "requests",
            format!(
                "the REST target shape of `{}` is not documented; the request is the az CLI's, with the CLI's fixed target id \
                 (subscription aaaabbbb-0000-cccc-1111-dddd2222eeee), and is unverified",
                i.r.target.id
            ),
        ));
    }
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
    pub(crate) fn api(&self) -> ApiVersion {
        self.context.api_version.unwrap_or_default()
    }

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
        policy::identity_subscription(id)?;
        let parts: Vec<&str> = id.split('/').collect();
        Some((parts.get(2)?, parts.get(4)?, parts.get(8)?))
    }
}
