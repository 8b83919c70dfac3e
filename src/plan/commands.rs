//! Commands around the connection: the federated identity credential, cleanup
//! after a delete and the troubleshooting sequence of the Service Connector docs
//! for AKS.

use serde::Serialize;

use super::az::Argv;
use super::{Command, Fill, Inputs};
use crate::catalog::AuthId;

/// The audience every Entra workload-identity token exchange uses.
pub const AUDIENCE: &str = "api://AzureADTokenExchange";

/// The federated identity credential on the user-assigned identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct FederatedCredential {
    /// Credential name for the manual command (Service Connector's own is undocumented).
    pub name: String,
    /// Name of the user-assigned identity (placeholder when unknown).
    pub identity_name: String,
    /// Resource group of the identity (placeholder when unknown).
    pub identity_resource_group: String,
    /// The cluster's OIDC issuer URL, or the placeholder `<oidc-issuer-url>`.
    pub issuer: String,
    /// Whether `issuer` is the known URL.
    pub issuer_known: bool,
    /// The command that prints the issuer URL.
    pub issuer_lookup: Command,
    /// `system:serviceaccount:<namespace>:<service account>`.
    pub subject: String,
    /// `api://AzureADTokenExchange`.
    pub audience: &'static str,
    /// The equivalent `az identity federated-credential create …`.
    pub command: Command,
}

/// `az aks show … --query oidcIssuerProfile.issuerUrl -o tsv`.
pub(crate) fn issuer_lookup(i: &Inputs<'_>) -> Command {
    let mut f = Fill::default();
    let mut a = Argv::new(&["az", "aks", "show"]);
    a.opt("--resource-group", i.cluster_rg(&mut f))
        .opt("--name", i.cluster_name(&mut f))
        .opt("--query", "oidcIssuerProfile.issuerUrl")
        .opt("--output", "tsv");
    a.command("prints the issuer URL exactly as the credential needs it (keep the trailing '/')")
}

/// The credential, for workload-identity connections.
pub(crate) fn federated_credential(i: &Inputs<'_>) -> Option<FederatedCredential> {
    let r = i.r;
    if r.auth != AuthId::WorkloadIdentity {
        return None;
    }
    let mut f = Fill::default();
    let parts = i.identity_parts();
    let identity_name = f.get(parts.map(|p| p.2), "auth.identityId");
    let identity_resource_group = parts
        .map(|p| p.1.to_owned())
        .unwrap_or_else(|| "<auth.identityId>".to_owned());
    let known = crate::resolve::nonempty(i.context.oidc_issuer_url.as_deref());
    let issuer = known
        .map(str::to_owned)
        .unwrap_or_else(|| "<oidc-issuer-url>".to_owned());
    let subject = format!(
        "system:serviceaccount:{}:{}",
        r.namespace,
        r.names.service_account()
    );
    let mut a = Argv::new(&["az", "identity", "federated-credential", "create"]);
    a.opt("--name", r.names.federated_credential())
        .opt("--identity-name", identity_name.as_str())
        .opt("--resource-group", identity_resource_group.as_str());
    if let Some((sub, _, _)) = parts {
        a.opt("--subscription", sub);
    }
    a.opt("--issuer", issuer.as_str())
        .opt("--subject", subject.as_str())
        .opt("--audience", AUDIENCE);
    Some(FederatedCredential {
        name: r.names.federated_credential().to_owned(),
        identity_name,
        identity_resource_group,
        issuer_known: known.is_some(),
        issuer,
        issuer_lookup: issuer_lookup(i),
        subject,
        audience: AUDIENCE,
        command: a.command(
            "creates the credential by hand (Service Connector creates its own; use this to repair or reproduce it)",
        ),
    })
}

fn kubectl_delete(kind: &str, name: &str, namespace: &str, note: &str) -> Command {
    Argv::new(&["kubectl", "delete", kind, name, "-n", namespace]).command(note)
}

/// The commands to run after deleting the connection: the linker delete, then
/// exactly the Kubernetes objects this spec renders, then review-only look-ups.
pub(crate) fn cleanup(i: &Inputs<'_>) -> Vec<Command> {
    let r = i.r;
    let ns = r.namespace.as_str();
    let mut out = Vec::new();
    let mut f = Fill::default();
    for name in i.linker_names() {
        let mut a = Argv::new(&["az", "aks", "connection", "delete"]);
        super::az::connection_flags(&mut a, i, &mut f, &name);
        a.arg(super::az::YES);
        out.push(a.command("deletes the linker; the Kubernetes objects below stay behind"));
    }
    if r.has_secret() {
        out.push(kubectl_delete(
            "secret",
            r.names.secret(),
            ns,
            "the connection's Secret (the product's name; read Service Connector's own with `kubectl get secret -n <namespace>`)",
        ));
    }
    if r.has_service_account() {
        out.push(kubectl_delete(
            "serviceaccount",
            r.names.service_account(),
            ns,
            "the workload-identity ServiceAccount (restart pods that used it)",
        ));
    }
    if r.auth == AuthId::KeyvaultCsi {
        out.push(kubectl_delete(
            "secretproviderclass",
            r.names.secret_provider_class(),
            ns,
            "the SecretProviderClass you applied (Service Connector does not create it)",
        ));
    }
    if let Some(w) = &r.workload {
        out.push(kubectl_delete(
            &w.workload_kind.as_str().to_ascii_lowercase(),
            &w.name,
            ns,
            "the sample workload",
        ));
    }
    if r.auth == AuthId::WorkloadIdentity {
        let parts = i.identity_parts();
        let mut a = Argv::new(&["az", "identity", "federated-credential", "list"]);
        a.opt(
            "--identity-name",
            f.get(parts.map(|p| p.2), "auth.identityId"),
        )
        .opt(
            "--resource-group",
            f.get(parts.map(|p| p.1), "auth.identityId"),
        );
        if let Some((sub, _, _)) = parts {
            a.opt("--subscription", sub);
        }
        out.push(a.command(
            "review only: whether deleting a connection removes its federated credential is undocumented",
        ));
        let client = r
            .client_id()
            .map(str::to_owned)
            .unwrap_or_else(|| "<auth.clientId>".to_owned());
        let mut a = Argv::new(&["az", "role", "assignment", "list"]);
        a.opt("--assignee", client)
            .opt("--scope", i.target_id(&mut f))
            .opt("--output", "table");
        out.push(a.command(
            "review only: whether deleting a connection removes its role assignment is undocumented",
        ));
    }
    out
}

/// The diagnostic sequence of the Service Connector docs for AKS, filled with the cluster's names.
pub(crate) fn troubleshooting(i: &Inputs<'_>) -> Vec<Command> {
    let mut f = Fill::default();
    let rg = i.cluster_rg(&mut f);
    let cluster = i.cluster_name(&mut f);
    let mut show = Argv::new(&["az", "k8s-extension", "show"]);
    show.opt("--resource-group", rg.as_str())
        .opt("--cluster-name", cluster.as_str())
        .opt("--cluster-type", "managedClusters")
        .opt("--name", "sc-extension");
    let mut creds = Argv::new(&["az", "aks", "get-credentials"]);
    creds
        .opt("--resource-group", rg.as_str())
        .opt("--name", cluster.as_str());
    vec![
        Argv::new(&["az", "extension", "add", "--name", "k8s-extension"])
            .command("installs the CLI extension the next command needs; nothing to look for"),
        show.command(
            "look at `statuses` for the error of the extension install or update (e.g. Helm or timeout errors)",
        ),
        creds.command("connects kubectl to the cluster; it must succeed before the kubectl steps"),
        Argv::new(&["kubectl", "get", "ns"])
            .command("the namespace `sc-system` must exist; if it does not, the extension never installed"),
        Argv::new(&["helm", "list", "-n", "sc-system"])
            .command("the Service Connector release must be `deployed`; `failed` or `pending-*` points at the Helm error"),
        Argv::new(&["kubectl", "get", "job", "-n", "sc-system"])
            .command("no `sc-job` means it ran and deleted itself (success); a listed `sc-job` is still running or failed"),
        Argv::new(&["kubectl", "describe", "job/sc-job", "-n", "sc-system"])
            .command("look at Conditions and Events: BackoffLimitExceeded, image pull errors (egress to scaksextension.azurecr.io / mcr.microsoft.com)"),
        Argv::new(&["kubectl", "logs", "job/sc-job", "-n", "sc-system"])
            .command("the job's own error while creating the connection's Secret or ServiceAccount"),
    ]
}
