//! The product's identifiers for targets, auth types, client types and
//! Cognitive Services account kinds, with their string forms.

use serde::{Deserialize, Serialize};

/// Declares a closed id enum whose string form is its public id.
macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null, hashmap_as_object))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant,)+
        }

        impl $name {
            /// Every value, in the catalog's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The public string id.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            /// Looks an id up by its exact string form.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($id => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

id_enum! {
    /// A Service Connector target that AKS can connect to (the az CLI target name).
    TargetId {
        /// Azure Database for PostgreSQL single server (deprecated).
        Postgres = "postgres",
        /// Azure Database for PostgreSQL flexible server.
        PostgresFlexible = "postgres-flexible",
        /// Azure Database for MySQL single server (deprecated).
        Mysql = "mysql",
        /// Azure Database for MySQL flexible server.
        MysqlFlexible = "mysql-flexible",
        /// Azure SQL Database.
        Sql = "sql",
        /// Azure Cache for Redis.
        Redis = "redis",
        /// Azure Cache for Redis Enterprise.
        RedisEnterprise = "redis-enterprise",
        /// Azure Cosmos DB for Apache Cassandra.
        CosmosCassandra = "cosmos-cassandra",
        /// Azure Cosmos DB for Apache Gremlin.
        CosmosGremlin = "cosmos-gremlin",
        /// Azure Cosmos DB for MongoDB.
        CosmosMongo = "cosmos-mongo",
        /// Azure Cosmos DB for NoSQL.
        CosmosSql = "cosmos-sql",
        /// Azure Cosmos DB for Table.
        CosmosTable = "cosmos-table",
        /// Azure Blob Storage.
        StorageBlob = "storage-blob",
        /// Azure Queue Storage.
        StorageQueue = "storage-queue",
        /// Azure Files.
        StorageFile = "storage-file",
        /// Azure Table Storage.
        StorageTable = "storage-table",
        /// Azure Key Vault.
        KeyVault = "keyvault",
        /// Azure App Configuration.
        AppConfig = "appconfig",
        /// Azure Event Hubs.
        EventHub = "eventhub",
        /// Azure Service Bus.
        ServiceBus = "servicebus",
        /// Azure SignalR Service.
        SignalR = "signalr",
        /// Azure Web PubSub.
        WebPubSub = "webpubsub",
        /// Apache Kafka on Confluent Cloud.
        ConfluentCloud = "confluent-cloud",
        /// Application Insights.
        AppInsights = "app-insights",
        /// Azure OpenAI / Azure AI services / Cognitive Services account.
        CognitiveServices = "cognitiveservices",
        /// Neon Serverless Postgres.
        NeonPostgres = "neon-postgres",
        /// MongoDB Atlas.
        MongoDbAtlas = "mongodb-atlas",
    }
}

id_enum! {
    /// How the workload authenticates to the target.
    AuthId {
        /// Entra Workload ID with a user-assigned managed identity.
        WorkloadIdentity = "workload-identity",
        /// Service Connector fetches the key or connection string itself.
        ConnectionString = "connection-string",
        /// A username and password supplied by the user.
        Secret = "secret",
        /// A service principal with a client secret.
        ServicePrincipal = "service-principal",
        /// Key Vault through the Secrets Store CSI driver and the add-on identity.
        KeyvaultCsi = "keyvault-csi",
    }
}

id_enum! {
    /// The client library family the configuration names are written for.
    ClientId {
        /// No specific client: generic names.
        None = "none",
        /// .NET.
        Dotnet = "dotnet",
        /// Java.
        Java = "java",
        /// Python.
        Python = "python",
        /// Node.js.
        Nodejs = "nodejs",
        /// Go.
        Go = "go",
        /// PHP.
        Php = "php",
        /// Ruby.
        Ruby = "ruby",
        /// Django.
        Django = "django",
        /// Spring Boot (Spring property names).
        SpringBoot = "springBoot",
        /// Spring Boot with Kafka (Event Hubs).
        KafkaSpringBoot = "kafka-springBoot",
    }
}

id_enum! {
    /// The kind of a Cognitive Services account; it picks the key prefix.
    AccountKind {
        /// Azure AI services (the default).
        AiServices = "AIServices",
        /// Azure OpenAI.
        OpenAi = "OpenAI",
        /// Multi-service Cognitive Services.
        CognitiveServices = "CognitiveServices",
    }
}

impl ClientId {
    /// Spring clients use Spring property names instead of `AZURE_*` names.
    pub const fn is_spring(self) -> bool {
        matches!(self, ClientId::SpringBoot | ClientId::KafkaSpringBoot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_strings_and_serde() {
        for t in TargetId::ALL {
            assert_eq!(TargetId::parse(t.as_str()), Some(*t));
            let json = serde_json::to_string(t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
        }
        for a in AuthId::ALL {
            assert_eq!(AuthId::parse(a.as_str()), Some(*a));
        }
        for c in ClientId::ALL {
            assert_eq!(ClientId::parse(c.as_str()), Some(*c));
        }
        assert_eq!(TargetId::ALL.len(), 27);
        assert_eq!(TargetId::parse("fabric-sql"), None);
    }
}
