//! Plan: what the ARM request, the az command and the cluster's state say
//! about a connection that passed `validate`. Only `plan` reports these.

use crate::catalog::AuthId;
use crate::error::{Finding, Quoted};
use crate::resolve::{nonempty, Resolved};
use crate::shapes;
use crate::spec::PlanContext;

super::rule::rules! {
    PLAN_INCOMPLETE = "SC032", Info, "the ARM request or az command holds placeholders for inputs not given yet";
    API_VERSION_FIELDS = "SC033", Warning, "the chosen api-version cannot carry some fields of the request";
    PROVIDER_NOT_REGISTERED = "SC034", Warning, "a resource provider Service Connector needs is not registered";
    CLUSTER_BUSY = "SC035", Warning, "the cluster is not in the Succeeded state: a create fails with Conflict";
    OIDC_ISSUER = "SC036", Warning, "the oidc issuer url must match exactly, trailing '/' included";
    UNVERIFIED_REQUEST = "SC037", Warning, "the target's REST shape is undocumented: the request is unverified";
    ARM_SEGMENT = "SC038", Error, "values that go into ARM resource ids have no '/', '\\', '?', '#', '%', whitespace or control characters";
}

/// What the built forms of a plan left open.
pub(crate) struct Built<'a> {
    /// Spec paths the ARM requests hold placeholders for, in request order.
    pub(crate) requests_missing: Vec<&'a str>,
    /// Spec paths the az command holds placeholders for (none when it is complete).
    pub(crate) az_missing: &'a [String],
    /// Request fields the api-version cannot carry, in request order.
    pub(crate) dropped: Vec<&'a str>,
}

/// Values that become path segments of ARM ids (the request URL, the target
/// id) must not break the path; policy leaves these names free for the YAML.
pub(crate) fn arm_segments(r: &Resolved<'_>) -> Vec<Finding> {
    let bad = |v: &str| v.contains(['/', '\\', '?', '#', '%']) || shapes::has_space_or_control(v);
    let mut out = Vec::new();
    let mut check = |field: String, v: Option<&str>| {
        if let Some(v) = nonempty(v).filter(|v| bad(v)) {
            out.push(ARM_SEGMENT.at(
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

/// The plan's own findings, from the context and what the built forms left open.
pub(crate) fn check_built(
    r: &Resolved<'_>,
    c: &PlanContext,
    built: Built<'_>,
    f: &mut Vec<Finding>,
) {
    let mut missing = built.requests_missing;
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        // The az CLI looks the client id up itself; the raw request cannot.
        let identity = nonempty(r.spec.auth.as_ref().and_then(|a| a.identity_id.as_deref()));
        let hint = match identity {
            Some(id)
                if missing.contains(&"auth.clientId") && r.auth == AuthId::WorkloadIdentity =>
            {
                format!(
                    " (`az identity show --ids {id} --query clientId -o tsv` prints the client id)"
                )
            }
            _ => String::new(),
        };
        f.push(PLAN_INCOMPLETE.at(
            "requests",
            format!(
                "the ARM request holds placeholders; expected values for {}{hint}",
                missing.join(", ")
            ),
        ));
    }
    if !built.az_missing.is_empty() {
        f.push(PLAN_INCOMPLETE.at(
            "az.create",
            format!(
                "the az command holds placeholders; expected values for {}",
                built.az_missing.join(", ")
            ),
        ));
    }
    let mut dropped = built.dropped;
    dropped.dedup();
    if !dropped.is_empty() {
        f.push(API_VERSION_FIELDS.at(
            "context.apiVersion",
            format!(
                "api-version {} cannot carry {}; expected 2024-07-01-preview to send them, or drop them from the spec",
                c.api_version.unwrap_or_default(),
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
            f.push(PROVIDER_NOT_REGISTERED.at(
                format!("context.{field}"),
                format!("expected {provider} registered, found not registered: run `az provider register -n {provider}` first"),
            ));
        }
    }
    if let Some(s) = c.cluster_provisioning_state.as_deref() {
        if !s.eq_ignore_ascii_case("Succeeded") {
            f.push(CLUSTER_BUSY.at(
                "context.clusterProvisioningState",
                format!("expected the cluster in state Succeeded, found {s}: a create now fails with Conflict"),
            ));
        }
    }
    if r.auth == AuthId::WorkloadIdentity {
        if let Some(url) = c.oidc_issuer_url.as_deref() {
            if !url.ends_with('/') {
                f.push(OIDC_ISSUER.at(
                    "context.oidcIssuerUrl",
                    format!("expected the issuer exactly as `az aks show` prints it, with a trailing '/', found {q_url}; a mismatch fails the token exchange", q_url = Quoted(url)),
                ));
            }
        }
    }
    if crate::catalog::cli_target_id(r.target.id).is_some() {
        f.push(UNVERIFIED_REQUEST.at(
            "requests",
            format!(
                "the REST target shape of `{}` is not documented; the request is the az CLI's, with the CLI's fixed target id \
                 (subscription aaaabbbb-0000-cccc-1111-dddd2222eeee), and is unverified",
                r.target.id
            ),
        ));
    }
}
