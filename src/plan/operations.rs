//! The operations table: prerequisites the user sees to first, then
//! what Service Connector does, each evaluated against the spec and context.

use serde::Serialize;

use super::az::Argv;
use super::commands::FederatedCredential;
use super::{Command, Fill, Inputs};
use crate::catalog::{AuthId, TargetId};

/// Whether an operation is a prerequisite or one of Service Connector's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    /// Must hold before the create.
    Prerequisite,
    /// Done while the connection is created.
    Operation,
}

/// Where an operation acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub enum Place {
    /// Azure Resource Manager or Microsoft Entra.
    Azure,
    /// Inside the Kubernetes cluster.
    Cluster,
}

/// Who performs an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub enum Performer {
    /// Service Connector, during the create.
    ServiceConnector,
    /// The user, beforehand.
    User,
}

/// How an operation stands for this spec and context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// The condition holds: it will happen, or the user must do it.
    Applies,
    /// The condition holds but the context says it is already done.
    AlreadyDone,
    /// The condition does not hold for this spec.
    NotApplicable,
    /// Depends on a fact the context does not give; `commands` check it.
    Unknown,
}

/// One row of the operations table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationDef {
    /// Stable id.
    pub id: &'static str,
    /// Title.
    pub title: &'static str,
    /// Prerequisite or operation.
    pub stage: Stage,
    /// Where it acts.
    pub place: Place,
    /// Who performs it.
    pub performer: Performer,
    /// When it applies, in words.
    pub condition: &'static str,
}

macro_rules! ops {
    ($($id:literal, $stage:ident, $place:ident, $who:ident, $title:literal, $cond:literal;)+) => {
        /// Every operation, in plan order (prerequisites first, then in the order Service Connector performs them).
        pub const OPERATIONS: &[OperationDef] = &[$(OperationDef {
            id: $id, title: $title, stage: Stage::$stage, place: Place::$place,
            performer: Performer::$who, condition: $cond,
        }),+];
    };
}

ops! {
    "provider-kubernetes-configuration", Prerequisite, Azure, User,
        "Register the resource provider Microsoft.KubernetesConfiguration",
        "always: sc-extension is an Azure Arc cluster extension";
    "provider-service-linker", Prerequisite, Azure, User,
        "Register the resource provider Microsoft.ServiceLinker",
        "always (the az CLI registers it itself, which takes 1-2 minutes)";
    "cluster-not-updating", Prerequisite, Azure, User,
        "Wait until the cluster is not updating",
        "always: a create during a cluster update fails with Conflict";
    "egress-extension-registry", Prerequisite, Cluster, User,
        "Allow egress to scaksextension.azurecr.io (and mcr.microsoft.com)",
        "always: the extension's Helm chart and operator image are pulled from there";
    "sc-extension", Operation, Cluster, ServiceConnector,
        "Add the Kubernetes extension sc-extension (Helm release in sc-system)",
        "first connection on the cluster";
    "secret", Operation, Cluster, ServiceConnector,
        "Create the Kubernetes Secret",
        "auth connection-string, secret, service-principal or workload-identity";
    "service-account", Operation, Cluster, ServiceConnector,
        "Create the Kubernetes ServiceAccount",
        "auth workload-identity";
    "keyvault-secrets-provider-addon", Operation, Azure, ServiceConnector,
        "Enable the azureKeyvaultSecretsProvider add-on",
        "target keyvault with auth keyvault-csi";
    "workload-identity-oidc-issuer", Operation, Azure, ServiceConnector,
        "Enable workload identity and the OIDC issuer on the cluster",
        "auth workload-identity";
    "federated-identity-credential", Operation, Azure, ServiceConnector,
        "Create the federated identity credential on the user-assigned identity",
        "auth workload-identity";
    "read-configuration", Operation, Azure, ServiceConnector,
        "Read the connection configuration from the target into the Secret",
        "every auth that gets a Secret";
    "firewall-rules", Operation, Azure, ServiceConnector,
        "Add the cluster's outbound public IP to the target's firewall",
        "Azure targets (AKS supports only the Firewall Rules networking option)";
    "role-assignment", Operation, Azure, ServiceConnector,
        "Assign a Microsoft Entra role to the identity on the target",
        "auth workload-identity";
}

/// One operation, evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// Stable id.
    pub id: &'static str,
    /// Title.
    pub title: &'static str,
    /// Prerequisite or operation.
    pub stage: Stage,
    /// Where it acts.
    pub place: Place,
    /// Who performs it.
    pub performer: Performer,
    /// When it applies, in words.
    pub condition: &'static str,
    /// How it stands for this spec and context.
    pub status: Status,
    /// Why, for this spec and context.
    pub reason: String,
    /// What it creates or changes.
    pub effect: String,
    /// Commands to check it or do it by hand.
    pub commands: Vec<Command>,
}

/// Status from a known-or-not fact: `true` done, `false` to do, `None` unknown.
fn from_fact(fact: Option<bool>, done: &str, todo: &str, unknown: &str) -> (Status, String) {
    match fact {
        Some(true) => (Status::AlreadyDone, done.to_owned()),
        Some(false) => (Status::Applies, todo.to_owned()),
        None => (Status::Unknown, unknown.to_owned()),
    }
}

fn not_applicable(why: String) -> (Status, String) {
    (Status::NotApplicable, why)
}

fn provider(name: &str) -> Vec<Command> {
    vec![
        Argv::new(&[
            "az",
            "provider",
            "show",
            "-n",
            name,
            "--query",
            "registrationState",
            "--output",
            "tsv",
        ])
        .command("prints Registered when done"),
        Argv::new(&["az", "provider", "register", "-n", name]).command("registers the provider"),
    ]
}

/// Evaluates every operation for the spec and context.
pub(crate) fn evaluate(i: &Inputs<'_>, fic: Option<&FederatedCredential>) -> Vec<Operation> {
    OPERATIONS.iter().map(|d| evaluate_one(i, d, fic)).collect()
}

fn evaluate_one(i: &Inputs<'_>, d: &OperationDef, fic: Option<&FederatedCredential>) -> Operation {
    let r = i.r;
    let c = i.context;
    let auth = r.auth;
    let wi = auth == AuthId::WorkloadIdentity;
    let mut f = Fill::default();
    let rg = i.cluster_rg(&mut f);
    let cluster = i.cluster_name(&mut f);
    let ns = r.namespace.as_str();
    let mut commands = Vec::new();
    let only = |what: &str| format!("only for {what}; this connection uses auth {auth}");

    let ((status, reason), effect) = match d.id {
        "provider-kubernetes-configuration" | "provider-service-linker" => {
            let (fact, name) = if d.id == "provider-service-linker" {
                (c.service_linker_registered, "Microsoft.ServiceLinker")
            } else {
                (c.kubernetes_configuration_registered, "Microsoft.KubernetesConfiguration")
            };
            commands = provider(name);
            (
                from_fact(
                    fact,
                    "the context says it is registered",
                    "the context says it is not registered: register it before the create",
                    "not known: check the registration state",
                ),
                format!("the subscription becomes registered with {name}"),
            )
        }
        "cluster-not-updating" => {
            let mut a = Argv::new(&["az", "aks", "show"]);
            a.opt("--resource-group", rg.as_str())
                .opt("--name", cluster.as_str())
                .opt("--query", "provisioningState")
                .opt("--output", "tsv");
            commands.push(a.command("prints Succeeded when the cluster is ready for a create"));
            let state = c.cluster_provisioning_state.as_deref();
            let s = match state {
                Some(s) if s.eq_ignore_ascii_case("Succeeded") => {
                    (Status::AlreadyDone, "the context says the cluster is in state Succeeded".to_owned())
                }
                Some(s) => (Status::Applies, format!("the cluster is in state {s}: wait for Succeeded, then create")),
                None => (Status::Unknown, "not known: check the cluster's provisioning state".to_owned()),
            };
            (s, "nothing; the create waits for the cluster".to_owned())
        }
        "egress-extension-registry" => (
            from_fact(
                c.egress_allowed,
                "the context says egress is allowed",
                "the context says egress is blocked: allow both registries or the extension install fails",
                "not known: with restricted egress, allow both FQDNs",
            ),
            "egress rule for scaksextension.azurecr.io and mcr.microsoft.com".to_owned(),
        ),
        "sc-extension" => {
            // The `az k8s-extension show` step of the troubleshooting sequence.
            if let Some(show) = super::commands::troubleshooting(i).into_iter().nth(1) {
                commands.push(show);
            }
            (
                from_fact(
                    c.extension_installed,
                    "already installed: this is not the first connection, Service Connector reuses it",
                    "not installed yet: this is the first connection on the cluster",
                    "installed only if this is the first connection on the cluster",
                ),
                format!(
                    "Azure Arc cluster extension sc-extension on {cluster}; Helm release in namespace sc-system; \
                     holds every connection's metadata (uninstalling it breaks all connections)"
                ),
            )
        }
        "secret" => (
            if r.has_secret() {
                (Status::Applies, format!("auth {auth} gets a Secret"))
            } else {
                not_applicable(format!("auth {auth} mounts Key Vault objects through the CSI driver; no Secret"))
            },
            format!(
                "Secret {} (the product's stand-in name; Service Connector picks its own) in namespace {ns} with keys {}",
                r.names.secret(),
                keys(i)
            ),
        ),
        "service-account" => (
            if wi {
                (Status::Applies, "workload identity needs a ServiceAccount annotated with the identity's client id".to_owned())
            } else {
                not_applicable(only("workload-identity"))
            },
            format!(
                "ServiceAccount {} in namespace {ns}, annotated azure.workload.identity/client-id={}",
                r.names.service_account(),
                r.client_id().unwrap_or("<auth.clientId>")
            ),
        ),
        "keyvault-secrets-provider-addon" => {
            let mut a = Argv::new(&["az", "aks", "show"]);
            a.opt("--resource-group", rg.as_str())
                .opt("--name", cluster.as_str())
                .opt("--query", "addonProfiles.azureKeyvaultSecretsProvider.identity.clientId")
                .opt("--output", "tsv");
            let s = if auth == AuthId::KeyvaultCsi && r.target.id == TargetId::KeyVault {
                commands.push(a.command("prints the add-on identity's client id, for the SecretProviderClass"));
                match c.keyvault_secrets_provider_enabled {
                    Some(true) => (Status::AlreadyDone, "the context says the add-on is enabled".to_owned()),
                    _ => (Status::Applies, "keyvault-csi uses the add-on's identity and CSI driver".to_owned()),
                }
            } else {
                not_applicable(only("keyvault with keyvault-csi"))
            };
            (s, format!("the cluster {cluster} gets the add-on and its managed identity azurekeyvaultsecretsprovider-* in the node resource group"))
        }
        "workload-identity-oidc-issuer" => {
            let oidc = c.oidc_issuer_enabled.or(c.oidc_issuer_url.as_ref().map(|_| true));
            let s = if !wi {
                not_applicable(only("workload-identity"))
            } else {
                let mut a = Argv::new(&["az", "aks", "update"]);
                a.opt("--resource-group", rg.as_str())
                    .opt("--name", cluster.as_str())
                    .arg("--enable-oidc-issuer")
                    .arg("--enable-workload-identity");
                commands.push(a.command("enables both by hand (Service Connector does it itself)"));
                match (oidc, c.workload_identity_enabled) {
                    (Some(true), Some(true)) => (Status::AlreadyDone, "the context says both are enabled".to_owned()),
                    (Some(false), _) | (_, Some(false)) => {
                        (Status::Applies, "the context says at least one is disabled: Service Connector enables it".to_owned())
                    }
                    _ => (Status::Applies, "Service Connector enables them unless they already are".to_owned()),
                }
            };
            (s, format!("cluster {cluster}: oidcIssuerProfile.enabled and securityProfile.workloadIdentity.enabled set to true"))
        }
        "federated-identity-credential" => match fic {
            Some(fic) => {
                commands.push(fic.command.clone());
                if !fic.issuer_known {
                    commands.push(fic.issuer_lookup.clone());
                }
                (
                    (Status::Applies, "workload identity trusts the cluster's ServiceAccount tokens through it".to_owned()),
                    format!(
                        "federated credential on identity {}: issuer {}, subject {}, audience {}",
                        fic.identity_name, fic.issuer, fic.subject, fic.audience
                    ),
                )
            }
            None => (
                not_applicable(only("workload-identity")),
                "a federated credential on the user-assigned identity".to_owned(),
            ),
        },
        "read-configuration" => (
            if r.has_secret() {
                (Status::Applies, format!("auth {auth} gets a Secret, filled from the target"))
            } else {
                not_applicable(format!("auth {auth} writes no Secret"))
            },
            format!("the Secret's values: {}", keys(i)),
        ),
        "firewall-rules" => {
            let s = match r.target.id {
                TargetId::ConfluentCloud => not_applicable("Confluent Cloud is not an Azure resource".to_owned()),
                TargetId::NeonPostgres | TargetId::MongoDbAtlas => (
                    Status::Unknown,
                    "a partner resource: whether Service Connector sets its firewall is undocumented".to_owned(),
                ),
                _ => (Status::Applies, "the target is an Azure resource".to_owned()),
            };
            (s, "an IP firewall rule on the target for the cluster's outbound public IP".to_owned())
        }
        "role-assignment" => {
            let s = if wi {
                (Status::Applies, "the identity needs data-plane access to the target".to_owned())
            } else {
                not_applicable(only("workload-identity"))
            };
            (
                s,
                format!(
                    "a role assignment for identity {} on the target; the role depends on the target and can be customized",
                    r.client_id().unwrap_or("<auth.clientId>")
                ),
            )
        }
        _ => ((Status::Unknown, String::new()), String::new()),
    };
    // Manual commands only help where the operation applies or is unknown.
    if matches!(status, Status::NotApplicable) {
        commands.clear();
    }
    Operation {
        id: d.id,
        title: d.title,
        stage: d.stage,
        place: d.place,
        performer: d.performer,
        condition: d.condition,
        status,
        reason,
        effect,
        commands,
    }
}

fn keys(i: &Inputs<'_>) -> String {
    if i.r.config.is_empty() {
        "none documented (read them with `az aks connection list-configuration`)".to_owned()
    } else {
        i.r.config
            .iter()
            .map(|e| &*e.key)
            .collect::<Vec<_>>()
            .join(", ")
    }
}
