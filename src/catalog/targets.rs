//! The per-target table: display name, ARM id pattern, locating
//! parameters, supported auth ids (default first) and client ids.

use super::ids::{AuthId, ClientId, TargetId};
use serde::Serialize;

/// A value that locates the target resource, named after its az CLI flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Param {
    /// The target's resource group (`--target-resource-group`, `--tg`).
    ResourceGroup,
    /// Database or cache server name (`--server`).
    Server,
    /// Database name (`--database`).
    Database,
    /// Storage, Cosmos DB or Cognitive Services account (`--account`).
    Account,
    /// Cassandra key space (`--key-space`).
    KeySpace,
    /// Gremlin graph (`--graph`).
    Graph,
    /// Cosmos DB table (`--table`).
    Table,
    /// Key Vault name (`--vault`).
    Vault,
    /// App Configuration store (`--app-config`).
    AppConfig,
    /// Event Hubs / Service Bus namespace (`--namespace`), not the Kubernetes namespace.
    Namespace,
    /// SignalR service (`--signalr`).
    Signalr,
    /// Web PubSub service (`--webpubsub`).
    Webpubsub,
    /// Application Insights component (`--app-insights`).
    AppInsights,
    /// Confluent bootstrap server `host:port` (`--bootstrap-server`).
    BootstrapServer,
    /// Confluent Kafka API key (`--kafka-key`).
    KafkaKey,
    /// Confluent Kafka API secret (`--kafka-secret`).
    KafkaSecret,
    /// Confluent schema registry URL (`--schema-registry`).
    SchemaRegistry,
    /// Confluent schema registry key (`--schema-key`).
    SchemaKey,
    /// Confluent schema registry secret (`--schema-secret`).
    SchemaSecret,
}

impl Param {
    /// Every parameter, in declaration order.
    pub const ALL: &'static [Param] = &[
        Param::ResourceGroup,
        Param::Server,
        Param::Database,
        Param::Account,
        Param::KeySpace,
        Param::Graph,
        Param::Table,
        Param::Vault,
        Param::AppConfig,
        Param::Namespace,
        Param::Signalr,
        Param::Webpubsub,
        Param::AppInsights,
        Param::BootstrapServer,
        Param::KafkaKey,
        Param::KafkaSecret,
        Param::SchemaRegistry,
        Param::SchemaKey,
        Param::SchemaSecret,
    ];

    /// The field name inside the connection spec's `target` object.
    pub const fn field(self) -> &'static str {
        match self {
            Param::ResourceGroup => "resourceGroup",
            Param::Server => "server",
            Param::Database => "database",
            Param::Account => "account",
            Param::KeySpace => "keySpace",
            Param::Graph => "graph",
            Param::Table => "table",
            Param::Vault => "vault",
            Param::AppConfig => "appConfig",
            Param::Namespace => "namespace",
            Param::Signalr => "signalr",
            Param::Webpubsub => "webpubsub",
            Param::AppInsights => "appInsights",
            Param::BootstrapServer => "bootstrapServer",
            Param::KafkaKey => "kafkaKey",
            Param::KafkaSecret => "kafkaSecret",
            Param::SchemaRegistry => "schemaRegistry",
            Param::SchemaKey => "schemaKey",
            Param::SchemaSecret => "schemaSecret",
        }
    }

    /// The az CLI flag (`az aks connection create <target> …`).
    pub const fn flag(self) -> &'static str {
        match self {
            Param::ResourceGroup => "--target-resource-group",
            Param::Server => "--server",
            Param::Database => "--database",
            Param::Account => "--account",
            Param::KeySpace => "--key-space",
            Param::Graph => "--graph",
            Param::Table => "--table",
            Param::Vault => "--vault",
            Param::AppConfig => "--app-config",
            Param::Namespace => "--namespace",
            Param::Signalr => "--signalr",
            Param::Webpubsub => "--webpubsub",
            Param::AppInsights => "--app-insights",
            Param::BootstrapServer => "--bootstrap-server",
            Param::KafkaKey => "--kafka-key",
            Param::KafkaSecret => "--kafka-secret",
            Param::SchemaRegistry => "--schema-registry",
            Param::SchemaKey => "--schema-key",
            Param::SchemaSecret => "--schema-secret",
        }
    }

    /// The `{placeholder}` this parameter fills in an ARM id pattern.
    pub const fn pattern_name(self) -> &'static str {
        match self {
            Param::ResourceGroup => "target_resource_group",
            Param::KeySpace => "key_space",
            Param::AppConfig => "config_store",
            Param::AppInsights => "appinsights",
            other => other.field(),
        }
    }

    /// Whether the value is a credential (never echoed unmasked).
    pub const fn is_secret(self) -> bool {
        matches!(self, Param::KafkaSecret | Param::SchemaSecret)
    }
}

/// One row of the per-target table.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetDef {
    /// The target id.
    pub id: TargetId,
    /// Human-readable product name.
    pub display_name: &'static str,
    /// ARM id pattern with `{placeholders}`; `None` when there is no usable pattern
    /// (Confluent has no ARM resource; for Neon and MongoDB Atlas the az CLI
    /// sends its own fixed id, [`cli_target_id`]).
    pub arm_id_pattern: Option<&'static str>,
    /// Locating parameters the az command and the ARM request need.
    pub parameters: &'static [Param],
    /// Supported auth ids on AKS; the first one is the default.
    pub auth_types: &'static [AuthId],
    /// Supported client ids, in CLI order.
    pub client_types: &'static [ClientId],
    /// Deprecated by Azure (single-server databases).
    pub deprecated: bool,
}

impl TargetDef {
    /// The auth id used when the spec names none.
    pub fn default_auth(&self) -> AuthId {
        self.auth_types[0]
    }
}

use AuthId::{
    ConnectionString as CS, KeyvaultCsi as CSI, Secret as SEC, ServicePrincipal as SP,
    WorkloadIdentity as WI,
};
use ClientId::{
    Django, Dotnet, Go, Java, KafkaSpringBoot, Nodejs, None as NoClient, Php, Python, Ruby,
    SpringBoot,
};
use Param::*;

const WI_CS_SP: &[AuthId] = &[WI, CS, SP];
const SECRET: &[AuthId] = &[SEC];
const DB_CLIENTS: &[ClientId] = &[
    Dotnet, Java, Python, Nodejs, Go, Php, Ruby, Django, SpringBoot, NoClient,
];
const CACHE_CLIENTS: &[ClientId] = &[Dotnet, Java, Python, Nodejs, Go, SpringBoot, NoClient];
const STORAGE_CLIENTS: &[ClientId] = &[Dotnet, Java, Python, Nodejs, SpringBoot, NoClient];
const NO_SPRING_CLIENTS: &[ClientId] = &[Dotnet, Java, Python, Nodejs, NoClient];
const SERVER_DB: &[Param] = &[ResourceGroup, Server, Database];
const ACCOUNT: &[Param] = &[ResourceGroup, Account];

macro_rules! target {
    ($id:ident, $name:literal, $pattern:expr, $params:expr, $auths:expr, $clients:expr, $deprecated:literal) => {
        TargetDef {
            id: TargetId::$id,
            display_name: $name,
            arm_id_pattern: $pattern,
            parameters: $params,
            auth_types: $auths,
            client_types: $clients,
            deprecated: $deprecated,
        }
    };
}

/// An ARM id pattern under the target's subscription and resource group.
macro_rules! arm {
    ($provider_path:literal) => {
        concat!(
            "/subscriptions/{subscription}/resourceGroups/{target_resource_group}/providers",
            $provider_path
        )
    };
}

/// Every AKS target, in the spec's order.
pub static TARGETS: [TargetDef; 27] = [
    target!(Postgres, "Azure Database for PostgreSQL single server",
        Some(arm!("/Microsoft.DBforPostgreSQL/servers/{server}/databases/{database}")),
        SERVER_DB, SECRET, DB_CLIENTS, true),
    target!(PostgresFlexible, "Azure Database for PostgreSQL flexible server",
        Some(arm!("/Microsoft.DBforPostgreSQL/flexibleServers/{server}/databases/{database}")),
        SERVER_DB, SECRET, DB_CLIENTS, false),
    target!(Mysql, "Azure Database for MySQL single server",
        Some(arm!("/Microsoft.DBForMySQL/servers/{server}/databases/{database}")),
        SERVER_DB, SECRET, DB_CLIENTS, true),
    target!(MysqlFlexible, "Azure Database for MySQL flexible server",
        Some(arm!("/Microsoft.DBforMySQL/flexibleServers/{server}/databases/{database}")),
        SERVER_DB, SECRET, DB_CLIENTS, false),
    target!(Sql, "Azure SQL Database",
        Some(arm!("/Microsoft.Sql/servers/{server}/databases/{database}")),
        SERVER_DB, SECRET, DB_CLIENTS, false),
    target!(Redis, "Azure Cache for Redis",
        Some(arm!("/Microsoft.Cache/redis/{server}/databases/{database}")),
        SERVER_DB, WI_CS_SP, CACHE_CLIENTS, false),
    target!(RedisEnterprise, "Azure Cache for Redis Enterprise",
        Some(arm!("/Microsoft.Cache/redisEnterprise/{server}/databases/{database}")),
        SERVER_DB, &[CS], CACHE_CLIENTS, false),
    target!(CosmosCassandra, "Azure Cosmos DB for Apache Cassandra",
        Some(arm!("/Microsoft.DocumentDB/databaseAccounts/{account}/cassandraKeyspaces/{key_space}")),
        &[ResourceGroup, Account, KeySpace], WI_CS_SP, CACHE_CLIENTS, false),
    target!(CosmosGremlin, "Azure Cosmos DB for Apache Gremlin",
        Some(arm!("/Microsoft.DocumentDB/databaseAccounts/{account}/gremlinDatabases/{database}/graphs/{graph}")),
        &[ResourceGroup, Account, Database, Graph], WI_CS_SP, &[Dotnet, Java, Python, Nodejs, Php, NoClient], false),
    target!(CosmosMongo, "Azure Cosmos DB for MongoDB",
        Some(arm!("/Microsoft.DocumentDB/databaseAccounts/{account}/mongodbDatabases/{database}")),
        &[ResourceGroup, Account, Database], WI_CS_SP, &[Dotnet, Java, Nodejs, Go, SpringBoot, NoClient], false),
    target!(CosmosSql, "Azure Cosmos DB for NoSQL",
        Some(arm!("/Microsoft.DocumentDB/databaseAccounts/{account}/sqlDatabases/{database}")),
        &[ResourceGroup, Account, Database], WI_CS_SP, STORAGE_CLIENTS, false),
    target!(CosmosTable, "Azure Cosmos DB for Table",
        Some(arm!("/Microsoft.DocumentDB/databaseAccounts/{account}/tables/{table}")),
        &[ResourceGroup, Account, Table], WI_CS_SP, STORAGE_CLIENTS, false),
    target!(StorageBlob, "Azure Blob Storage",
        Some(arm!("/Microsoft.Storage/storageAccounts/{account}/blobServices/default")),
        ACCOUNT, WI_CS_SP, STORAGE_CLIENTS, false),
    target!(StorageQueue, "Azure Queue Storage",
        Some(arm!("/Microsoft.Storage/storageAccounts/{account}/queueServices/default")),
        ACCOUNT, WI_CS_SP, STORAGE_CLIENTS, false),
    target!(StorageFile, "Azure Files",
        Some(arm!("/Microsoft.Storage/storageAccounts/{account}/fileServices/default")),
        ACCOUNT, &[CS], &[Dotnet, Java, Python, Nodejs, Php, Ruby, SpringBoot, NoClient], false),
    target!(StorageTable, "Azure Table Storage",
        Some(arm!("/Microsoft.Storage/storageAccounts/{account}/tableServices/default")),
        ACCOUNT, WI_CS_SP, NO_SPRING_CLIENTS, false),
    target!(KeyVault, "Azure Key Vault",
        Some(arm!("/Microsoft.KeyVault/vaults/{vault}")),
        &[ResourceGroup, Vault], &[CSI, WI, SP], STORAGE_CLIENTS, false),
    target!(AppConfig, "Azure App Configuration",
        Some(arm!("/Microsoft.AppConfiguration/configurationStores/{config_store}")),
        &[ResourceGroup, AppConfig], WI_CS_SP, NO_SPRING_CLIENTS, false),
    target!(EventHub, "Azure Event Hubs",
        Some(arm!("/Microsoft.EventHub/namespaces/{namespace}")),
        &[ResourceGroup, Namespace], WI_CS_SP, &[Dotnet, Java, Python, Nodejs, Go, SpringBoot, KafkaSpringBoot, NoClient], false),
    target!(ServiceBus, "Azure Service Bus",
        Some(arm!("/Microsoft.ServiceBus/namespaces/{namespace}")),
        &[ResourceGroup, Namespace], WI_CS_SP, CACHE_CLIENTS, false),
    target!(SignalR, "Azure SignalR Service",
        Some(arm!("/Microsoft.SignalRService/SignalR/{signalr}")),
        &[ResourceGroup, Signalr], WI_CS_SP, &[Dotnet, NoClient], false),
    target!(WebPubSub, "Azure Web PubSub",
        Some(arm!("/Microsoft.SignalRService/WebPubSub/{webpubsub}")),
        &[ResourceGroup, Webpubsub], WI_CS_SP, NO_SPRING_CLIENTS, false),
    target!(ConfluentCloud, "Apache Kafka on Confluent Cloud", None,
        &[BootstrapServer, KafkaKey, KafkaSecret, SchemaRegistry, SchemaKey, SchemaSecret],
        SECRET, &[Dotnet, Java, Python, Go, SpringBoot, NoClient], false),
    target!(AppInsights, "Application Insights",
        Some(arm!("/microsoft.insights/components/{appinsights}")),
        &[ResourceGroup, AppInsights], &[CS], &[Dotnet, Java, Python, Nodejs, Go, NoClient], false),
    target!(CognitiveServices, "Azure OpenAI / Azure AI services (Cognitive Services account)",
        Some(arm!("/Microsoft.CognitiveServices/accounts/{account}")),
        ACCOUNT, WI_CS_SP, &[Dotnet, Python, NoClient], false),
    target!(NeonPostgres, "Neon Serverless Postgres", None, &[Server, Database], SECRET, DB_CLIENTS, false),
    target!(MongoDbAtlas, "MongoDB Atlas", None, &[ResourceGroup, Server], SECRET, DB_CLIENTS, false),
];

/// The target id the az CLI sends for the partner targets it takes no
/// `--target-id` for: its own fixed id, with `{placeholders}` filled from
/// the locating parameters (`_resource_config.py` `TARGET_RESOURCES` of
/// Azure/azure-cli; see `data/upstream/az-serviceconnector.json`).
pub static CLI_TARGET_IDS: [(TargetId, &str); 2] = [
    (TargetId::NeonPostgres, "/subscriptions/aaaabbbb-0000-cccc-1111-dddd2222eeee/resourceGroups/testrg/providers/Neon.Postgres/organizations/neontest"),
    (TargetId::MongoDbAtlas, "/subscriptions/aaaabbbb-0000-cccc-1111-dddd2222eeee/resourceGroups/{target_resource_group}/providers/MongoDB.Atlas/organizations/{server}"),
];

/// The CLI's fixed target id template of a partner target (see [`CLI_TARGET_IDS`]).
pub fn cli_target_id(id: TargetId) -> Option<&'static str> {
    CLI_TARGET_IDS
        .iter()
        .find(|(t, _)| *t == id)
        .map(|(_, pattern)| *pattern)
}

/// Looks a target up by id.
pub fn target(id: TargetId) -> &'static TargetDef {
    // The table is in `TargetId::ALL` order; a test keeps it that way.
    &TARGETS[id as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    const RG: &str =
        "/subscriptions/{subscription}/resourceGroups/{target_resource_group}/providers/";

    #[test]
    fn table_is_in_id_order_and_complete() {
        assert_eq!(TARGETS.len(), TargetId::ALL.len());
        for (i, id) in TargetId::ALL.iter().enumerate() {
            assert_eq!(TARGETS[i].id, *id);
            assert_eq!(target(*id).id, *id);
        }
    }

    #[test]
    fn patterns_name_exactly_their_parameters() {
        for t in &TARGETS {
            let Some(pattern) = t.arm_id_pattern else {
                continue;
            };
            assert!(pattern.starts_with(RG), "{}", t.id);
            for p in t.parameters {
                assert!(
                    pattern.contains(&format!("{{{}}}", p.pattern_name())),
                    "{} {:?}",
                    t.id,
                    p
                );
            }
            let placeholders = pattern.matches('{').count();
            assert_eq!(placeholders, t.parameters.len() + 1, "{}", t.id);
        }
    }

    #[test]
    fn cli_target_ids_name_only_their_parameters() {
        for (id, pattern) in &CLI_TARGET_IDS {
            let t = target(*id);
            assert!(t.arm_id_pattern.is_none(), "{id}");
            let names: Vec<&str> = pattern
                .split('/')
                .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
                .collect();
            for name in &names {
                assert!(
                    t.parameters.iter().any(|p| p.pattern_name() == *name),
                    "{id} {name}"
                );
            }
        }
        assert!(cli_target_id(TargetId::StorageBlob).is_none());
        assert_eq!(
            cli_target_id(TargetId::MongoDbAtlas).map(|p| p.matches('{').count()),
            Some(2)
        );
    }

    #[test]
    fn keyvault_defaults_to_csi_and_others_to_their_first_auth() {
        assert_eq!(
            target(TargetId::KeyVault).default_auth(),
            AuthId::KeyvaultCsi
        );
        assert_eq!(
            target(TargetId::StorageBlob).default_auth(),
            AuthId::WorkloadIdentity
        );
        assert_eq!(target(TargetId::Sql).default_auth(), AuthId::Secret);
    }
}
