//! What a form needs beyond the ids: each target's family, each locating
//! parameter's human label, and which spec fields each auth id takes.

use super::{keys_for, target, AccountKind, AuthId, Param, TargetId};

impl TargetId {
    /// The family a form groups the target under.
    pub const fn family(self) -> &'static str {
        use TargetId::*;
        match self {
            Postgres | PostgresFlexible | Mysql | MysqlFlexible | Sql | NeonPostgres
            | MongoDbAtlas => "Databases",
            CosmosCassandra | CosmosGremlin | CosmosMongo | CosmosSql | CosmosTable => "Cosmos DB",
            Redis | RedisEnterprise => "Caches",
            StorageBlob | StorageQueue | StorageFile | StorageTable => "Storage",
            EventHub | ServiceBus | ConfluentCloud | SignalR | WebPubSub => "Messaging",
            KeyVault | AppConfig => "Secrets and configuration",
            AppInsights => "Monitoring",
            CognitiveServices => "AI",
        }
    }
}

impl Param {
    /// The human label of the parameter for `target` (`Service Bus namespace`, `Storage account`).
    pub const fn label(self, target: TargetId) -> &'static str {
        use TargetId as T;
        match (self, target) {
            (Param::ResourceGroup, _) => "Resource group",
            (Param::Server, T::Redis | T::RedisEnterprise) => "Cache name",
            (Param::Server, T::NeonPostgres) => "Neon organization",
            (Param::Server, T::MongoDbAtlas) => "Atlas organization",
            (Param::Server, _) => "Server name",
            (Param::Database, T::CosmosGremlin) => "Gremlin database",
            (Param::Database, _) => "Database",
            (Param::Account, T::CognitiveServices) => "AI services account",
            (
                Param::Account,
                T::StorageBlob | T::StorageQueue | T::StorageFile | T::StorageTable,
            ) => "Storage account",
            (Param::Account, _) => "Cosmos DB account",
            (Param::KeySpace, _) => "Keyspace",
            (Param::Graph, _) => "Graph",
            (Param::Table, _) => "Table",
            (Param::Vault, _) => "Key vault",
            (Param::AppConfig, _) => "App Configuration store",
            (Param::Namespace, T::EventHub) => "Event Hubs namespace",
            (Param::Namespace, _) => "Service Bus namespace",
            (Param::Signalr, _) => "SignalR service",
            (Param::Webpubsub, _) => "Web PubSub service",
            (Param::AppInsights, _) => "Application Insights component",
            (Param::BootstrapServer, _) => "Kafka bootstrap server (host:port)",
            (Param::KafkaKey, _) => "Kafka API key",
            (Param::KafkaSecret, _) => "Kafka API secret",
            (Param::SchemaRegistry, _) => "Schema registry URL",
            (Param::SchemaKey, _) => "Schema registry key",
            (Param::SchemaSecret, _) => "Schema registry secret",
        }
    }
}

/// Whether a configuration key's value holds the tenant id (filled from `auth.tenantId`):
/// its name ends so, or its documented example has a `<tenant-id>` placeholder.
fn tenant_key(row: &super::KeyRow) -> bool {
    let upper = row.key.to_ascii_uppercase();
    upper.ends_with("TENANTID")
        || upper.ends_with("TENANT-ID")
        || row
            .example
            .is_some_and(|e| e.to_ascii_lowercase().contains("<tenant-id>"))
}

/// The spec fields (`auth.clientId`, …) the auth id takes for the target, in form order:
/// those the policy counts as used, and `auth.tenantId` where an object (ServiceAccount,
/// SecretProviderClass) or a configuration key of the combination holds the tenant.
pub fn auth_inputs(auth: AuthId, id: TargetId) -> Vec<&'static str> {
    let mut fields: Vec<&'static str> = super::auth_fields::auth_fields(auth, id)
        .uses
        .iter()
        .filter_map(|f| AUTH_PATHS.iter().find(|(name, _)| name == f))
        .map(|&(_, path)| path)
        .collect();
    let def = target(id);
    // The ServiceAccount's and the SecretProviderClass's tenant annotations take it too.
    let object = matches!(auth, AuthId::WorkloadIdentity | AuthId::KeyvaultCsi);
    let tenant = object
        || def.client_types.iter().any(|&client| {
            AccountKind::ALL
                .iter()
                .any(|&kind| keys_for(id, kind, auth, client).any(tenant_key))
        });
    if tenant {
        fields.push("auth.tenantId");
    }
    fields
}

/// The spec path of each `auth` field the policy names.
const AUTH_PATHS: &[(&str, &str)] = &[
    ("clientId", "auth.clientId"),
    ("subscriptionId", "auth.subscriptionId"),
    ("identityId", "auth.identityId"),
    ("objectId", "auth.objectId"),
    ("secret", "auth.secret"),
    ("username", "auth.username"),
    ("password", "auth.password"),
];
