//! The connection spec, the one input type of validate, render and plan, and
//! the plan's context (what is known about the cluster).
//!
//! Every field but `target.type` is optional so that a preview works before
//! anything is filled in; ids stay strings here so that policy can report an
//! unknown id as a finding with a code instead of failing deserialization.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A Service Connector connection from an AKS cluster to a target.
///
/// ```
/// let spec: aks_service_connector::ConnectionSpec =
///     serde_json::from_str(r#"{ "target": { "type": "storage-blob" } }"#).unwrap();
/// assert_eq!(spec.target.r#type, "storage-blob");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectionSpec {
    /// Linker name; default `<target without '-'>_conn`, e.g. `storageblob_conn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_name: Option<String>,
    /// Kubernetes namespace of the rendered objects (REST `scope`); default `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The target service and the values that locate it.
    pub target: TargetSpec,
    /// How the workload authenticates; default: the target's default auth id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthSpec>,
    /// Client id (`none`, `python`, `springBoot`, …); default `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_type: Option<String>,
    /// The source AKS cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<ClusterSpec>,
    /// Overrides of generated Kubernetes object names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names: Option<NamesSpec>,
    /// Default configuration key → customized key (REST `configurationInfo.customizedKeys`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub customized_keys: BTreeMap<String, String>,
    /// The sample workload to render.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<WorkloadSpec>,
    /// Real values for configuration keys (by default or customized key name).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
    /// Key Vault objects to mount (keyvault-csi).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyvault: Option<KeyVaultSpec>,
    /// Another connection of this target type already exists on the cluster, so the
    /// non-Spring keys take the `{Cloud}_{Type}_{Connection}_{Name}` form.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub another_connection_of_type: bool,
}

/// The target service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetSpec {
    /// Target id, e.g. `storage-blob`.
    pub r#type: String,
    /// The target's subscription id; defaults to the cluster's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<String>,
    /// The full ARM id of the target, instead of (or checked against) the parts;
    /// not for `neon-postgres` and `mongodb-atlas`, which the az CLI locates by flags only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Account kind for `cognitiveservices`: `AIServices` (default), `OpenAI`, `CognitiveServices`.
    #[serde(default, rename = "kind", skip_serializing_if = "Option::is_none")]
    pub account_kind: Option<String>,
    /// `--target-resource-group`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<String>,
    /// `--server`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// `--database`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// `--account`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// `--key-space`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_space: Option<String>,
    /// `--graph`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graph: Option<String>,
    /// `--table`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// `--vault`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vault: Option<String>,
    /// `--app-config`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_config: Option<String>,
    /// `--namespace`: the Event Hubs / Service Bus namespace, not the Kubernetes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// `--signalr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signalr: Option<String>,
    /// `--webpubsub`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webpubsub: Option<String>,
    /// `--app-insights`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_insights: Option<String>,
    /// `--bootstrap-server` (Confluent), `host:port`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bootstrap_server: Option<String>,
    /// `--kafka-key` (Confluent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka_key: Option<String>,
    /// `--kafka-secret` (Confluent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka_secret: Option<String>,
    /// `--schema-registry` (Confluent), an `https://` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_registry: Option<String>,
    /// `--schema-key` (Confluent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_key: Option<String>,
    /// `--schema-secret` (Confluent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_secret: Option<String>,
}

impl TargetSpec {
    /// The value of a locating parameter, if given and not empty.
    pub fn param(&self, p: crate::catalog::Param) -> Option<&str> {
        use crate::catalog::Param::*;
        let v = match p {
            ResourceGroup => &self.resource_group,
            Server => &self.server,
            Database => &self.database,
            Account => &self.account,
            KeySpace => &self.key_space,
            Graph => &self.graph,
            Table => &self.table,
            Vault => &self.vault,
            AppConfig => &self.app_config,
            Namespace => &self.namespace,
            Signalr => &self.signalr,
            Webpubsub => &self.webpubsub,
            AppInsights => &self.app_insights,
            BootstrapServer => &self.bootstrap_server,
            KafkaKey => &self.kafka_key,
            KafkaSecret => &self.kafka_secret,
            SchemaRegistry => &self.schema_registry,
            SchemaKey => &self.schema_key,
            SchemaSecret => &self.schema_secret,
        };
        v.as_deref().filter(|s| !s.is_empty())
    }
}

/// How the workload authenticates to the target.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthSpec {
    /// Auth id; default: the target's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Client id (GUID) of the user-assigned identity or the service principal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Subscription id (GUID) of the user-assigned identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    /// Tenant id (GUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// ARM resource id of the user-assigned identity (`--workload-identity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_id: Option<String>,
    /// Object (principal) id of the service principal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    /// Client secret of the service principal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// Database username (`secret` auth).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Database password (`secret` auth); for `mongodb-atlas`, its connection string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// An absent `auth`, to borrow instead of cloning the spec's or building a default.
pub(crate) static NO_AUTH: AuthSpec = AuthSpec {
    r#type: None,
    client_id: None,
    subscription_id: None,
    tenant_id: None,
    identity_id: None,
    object_id: None,
    secret: None,
    username: None,
    password: None,
};

/// The source AKS cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClusterSpec {
    /// Subscription id (GUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<String>,
    /// Resource group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<String>,
    /// Cluster name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Overrides of generated object names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NamesSpec {
    /// Secret name; default `sc-<c>-secret`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// ServiceAccount name; default `sc-account-<client id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account: Option<String>,
    /// SecretProviderClass name; default `sc-<c>-spc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_provider_class: Option<String>,
    /// Federated identity credential name for manual commands; default `sc-<c>-fic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub federated_credential: Option<String>,
}

/// An absent `names`, to borrow instead of cloning the spec's or building a default.
pub(crate) static NO_NAMES: NamesSpec = NamesSpec {
    secret: None,
    service_account: None,
    secret_provider_class: None,
    federated_credential: None,
};

/// The sample workload.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkloadSpec {
    /// `Job` (default), `Deployment`, `Pod`, or `none` for no workload.
    #[serde(default, rename = "kind", skip_serializing_if = "Option::is_none")]
    pub workload_kind: Option<String>,
    /// Object name; default `sc-sample-job` / `sc-sample-deployment` / `sc-sample-pod`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Container image; default `alpine`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Container command; default per kind and auth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<String>>,
    /// Extra labels for the workload and its pods (the product's own labels are reserved).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
}

/// Key Vault objects for the SecretProviderClass.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyVaultSpec {
    /// Objects to mount; default one secret `<KEYVAULT_SECRET_NAME>`.
    #[serde(default)]
    pub objects: Vec<KeyVaultObject>,
}

/// One Key Vault object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyVaultObject {
    /// Object name in the vault.
    pub name: String,
    /// `secret`, `key` or `cert`.
    pub r#type: String,
    /// Version; empty or absent = latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// File name on disk; defaults to the object name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
}

/// Options of [`crate::render()`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenderOptions {
    /// How Secret values are written.
    #[serde(default)]
    pub secret_encoding: SecretEncoding,
}

/// How Secret values are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
pub enum SecretEncoding {
    /// Readable `stringData` (default).
    #[default]
    #[serde(rename = "stringData")]
    StringData,
    /// Base64 `data`, as the cluster stores it.
    #[serde(rename = "data")]
    Data,
}

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

// Here rather than in the catalog: the spec reads the catalog's ids, not the other way round.
impl crate::catalog::Combination {
    /// The smallest connection spec for this combination: its target, account kind,
    /// auth and client in namespace `apps`, nothing else set. What the whole-catalog
    /// tests, the benchmarks and `examples/render_all` render.
    pub fn spec(&self) -> ConnectionSpec {
        let mut s = ConnectionSpec::default();
        s.target.r#type = self.target.as_str().to_owned();
        s.target.account_kind = self.account_kind.map(|k| k.as_str().to_owned());
        s.namespace = Some("apps".to_owned());
        s.auth = Some(AuthSpec {
            r#type: Some(self.auth.as_str().to_owned()),
            ..Default::default()
        });
        s.client_type = Some(self.client.as_str().to_owned());
        s
    }
}

/// A spec with every field given, each map and array with one entry: the input
/// that the boundary's tests (caps, shapes, field paths) start from.
#[cfg(test)]
pub(crate) fn full_spec_json() -> serde_json::Value {
    serde_json::json!({
        "connectionName": "c", "namespace": "apps", "clientType": "python",
        "anotherConnectionOfType": true,
        "target": {
            "type": "storage-blob", "subscription": "s", "id": "i", "kind": "k",
            "resourceGroup": "r", "server": "s", "database": "d", "account": "a",
            "keySpace": "k", "graph": "g", "table": "t", "vault": "v", "appConfig": "a",
            "namespace": "n", "signalr": "s", "webpubsub": "w", "appInsights": "a",
            "bootstrapServer": "b", "kafkaKey": "k", "kafkaSecret": "s",
            "schemaRegistry": "r", "schemaKey": "k", "schemaSecret": "s"
        },
        "auth": {
            "type": "t", "clientId": "c", "subscriptionId": "s", "tenantId": "t",
            "identityId": "i", "objectId": "o", "secret": "s", "username": "u", "password": "p"
        },
        "cluster": { "subscription": "s", "resourceGroup": "r", "name": "n" },
        "names": { "secret": "s", "serviceAccount": "a", "secretProviderClass": "c", "federatedCredential": "f" },
        "customizedKeys": { "K": "V" },
        "workload": { "kind": "Job", "name": "n", "image": "i", "command": ["c"], "labels": { "k": "v" } },
        "values": { "K": "V" },
        "keyvault": { "objects": [{ "name": "n", "type": "secret", "version": "v", "alias": "a" }] }
    })
}
