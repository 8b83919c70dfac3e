#![cfg(not(target_arch = "wasm32"))]
//! Plan: ARM bodies per auth id and api-version, context handling, missing
//! inputs, az/Bicep forms, cleanup and troubleshooting.

use aks_service_connector::plan::bicep::bicep_string;
use aks_service_connector::plan::{ApiVersion, Status};
use aks_service_connector::policy::plan as plan_rules;
use aks_service_connector::{plan, ConnectionSpec, Error, Plan, PlanContext};
use serde_json::{json, Value};

const SUB: &str = "00001111-aaaa-2222-bbbb-3333cccc4444";
const CLIENT: &str = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
const OBJECT: &str = "cccccccc-0000-1111-2222-dddddddddddd";
const UAMI: &str = "/subscriptions/99990000-aaaa-2222-bbbb-3333cccc4444/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/my-uami";
const CLUSTER_ID: &str = "/subscriptions/00001111-aaaa-2222-bbbb-3333cccc4444/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1";

fn spec(v: Value) -> ConnectionSpec {
    serde_json::from_value(v).expect("spec")
}

/// A spec with the cluster filled in and `extra` merged on top.
fn with_cluster(extra: Value) -> ConnectionSpec {
    let mut base = json!({
        "connectionName": "conn1",
        "namespace": "apps",
        "cluster": { "subscription": SUB, "resourceGroup": "rg", "name": "aks1" },
    });
    if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    spec(base)
}

fn plan_with(s: &ConnectionSpec, api: ApiVersion) -> Plan {
    let ctx = PlanContext {
        api_version: Some(api),
        ..Default::default()
    };
    plan(s, &ctx).expect("plan")
}

fn blob_id() -> String {
    format!("/subscriptions/{SUB}/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/mystore/blobServices/default")
}

fn blob(auth: Value) -> ConnectionSpec {
    with_cluster(json!({
        "target": { "type": "storage-blob", "resourceGroup": "data", "account": "mystore" },
        "auth": auth,
    }))
}

/// Every property 2022-05-01 defines for a linker (LinkerProperties, minus read-only).
const V2022_PROPERTIES: &[&str] = &[
    "targetService",
    "authInfo",
    "clientType",
    "scope",
    "secretStore",
    "vNetSolution",
];

fn assert_2022_fields_only(body: &Value) {
    let props = body["properties"].as_object().expect("properties");
    for k in props.keys() {
        assert!(
            V2022_PROPERTIES.contains(&k.as_str()),
            "{k} is not a 2022-05-01 property"
        );
    }
    assert_eq!(
        body.as_object().map(|o| o.len()),
        Some(1),
        "only `properties` at the top"
    );
}

#[test]
fn request_path_and_url() {
    let p = plan_with(
        &blob(json!({ "type": "connection-string" })),
        ApiVersion::V2024_07_01Preview,
    );
    let r = &p.requests[0];
    assert_eq!(r.method, "PUT");
    assert_eq!(
        r.path,
        format!("{CLUSTER_ID}/providers/Microsoft.ServiceLinker/linkers/conn1")
    );
    assert_eq!(
        r.url,
        format!("https://management.azure.com{CLUSTER_ID}/providers/Microsoft.ServiceLinker/linkers/conn1?api-version=2024-07-01-preview")
    );
    assert!(r.complete);
    assert!(r.missing.is_empty());
    assert_eq!(p.cluster_id, CLUSTER_ID);
}

#[test]
fn body_workload_identity() {
    let s = blob(json!({ "type": "workload-identity", "identityId": UAMI, "clientId": CLIENT }));
    let p = plan_with(&s, ApiVersion::V2024_07_01Preview);
    assert_eq!(
        p.requests[0].body,
        json!({ "properties": {
            "targetService": { "type": "AzureResource", "id": blob_id() },
            "authInfo": { "authType": "userAssignedIdentity", "clientId": CLIENT,
                          "subscriptionId": "99990000-aaaa-2222-bbbb-3333cccc4444" },
            "clientType": "none",
            "scope": "apps",
            "secretStore": {},
            "publicNetworkSolution": {},
            "configurationInfo": {},
        }})
    );
    let old = plan_with(&s, ApiVersion::V2022_05_01);
    assert_eq!(
        old.requests[0].body,
        json!({ "properties": {
            "targetService": { "type": "AzureResource", "id": blob_id() },
            "authInfo": { "authType": "userAssignedIdentity", "clientId": CLIENT,
                          "subscriptionId": "99990000-aaaa-2222-bbbb-3333cccc4444" },
            "clientType": "none",
            "scope": "apps",
            "secretStore": {},
        }})
    );
    assert_2022_fields_only(&old.requests[0].body);
    assert!(
        old.requests[0].dropped_fields.is_empty(),
        "empty objects carry nothing"
    );
}

#[test]
fn body_connection_string() {
    let s = blob(json!({ "type": "connection-string" }));
    let p = plan_with(&s, ApiVersion::V2024_07_01Preview);
    assert_eq!(
        p.requests[0].body,
        json!({ "properties": {
            "targetService": { "type": "AzureResource", "id": blob_id() },
            "authInfo": { "authType": "secret" },
            "clientType": "none",
            "scope": "apps",
            "secretStore": {},
            "publicNetworkSolution": {},
            "configurationInfo": {},
        }})
    );
    let old = plan_with(&s, ApiVersion::V2022_05_01);
    assert_eq!(
        old.requests[0].body,
        json!({ "properties": {
            "targetService": { "type": "AzureResource", "id": blob_id() },
            "authInfo": { "authType": "secret" },
            "clientType": "none",
            "scope": "apps",
            "secretStore": {},
        }})
    );
    assert_2022_fields_only(&old.requests[0].body);
}

#[test]
fn body_secret_with_masked_variant() {
    let s = with_cluster(json!({
        "target": { "type": "postgres-flexible", "resourceGroup": "db", "server": "pg1", "database": "app" },
        "auth": { "type": "secret", "username": "admin", "password": "p@ss'w\"rd" },
        "clientType": "python",
    }));
    let id = format!("/subscriptions/{SUB}/resourceGroups/db/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg1/databases/app");
    let p = plan_with(&s, ApiVersion::V2024_07_01Preview);
    let r = &p.requests[0];
    assert_eq!(
        r.body,
        json!({ "properties": {
            "targetService": { "type": "AzureResource", "id": id },
            "authInfo": { "authType": "secret", "name": "admin",
                          "secretInfo": { "secretType": "rawValue", "value": "p@ss'w\"rd" } },
            "clientType": "python",
            "scope": "apps",
            "secretStore": {},
            "publicNetworkSolution": {},
            "configurationInfo": {},
        }})
    );
    assert_eq!(
        r.masked_body["properties"]["authInfo"]["secretInfo"]["value"],
        "***"
    );
    assert_eq!(r.masked_body["properties"]["authInfo"]["name"], "admin");
    assert_eq!(r.secret_pointers, ["/properties/authInfo/secretInfo/value"]);
    let old = plan_with(&s, ApiVersion::V2022_05_01);
    assert_eq!(
        old.requests[0].body,
        json!({ "properties": {
            "targetService": { "type": "AzureResource", "id": id },
            "authInfo": { "authType": "secret", "name": "admin",
                          "secretInfo": { "secretType": "rawValue", "value": "p@ss'w\"rd" } },
            "clientType": "python",
            "scope": "apps",
            "secretStore": {},
        }})
    );
    assert_2022_fields_only(&old.requests[0].body);
}

#[test]
fn body_secret_without_password_has_placeholder_not_a_value() {
    let s = with_cluster(json!({
        "target": { "type": "postgres-flexible", "resourceGroup": "db", "server": "pg1", "database": "app" },
    }));
    let p = plan_with(&s, ApiVersion::V2024_07_01Preview);
    let r = &p.requests[0];
    assert_eq!(r.body["properties"]["authInfo"]["name"], "<auth.username>");
    assert_eq!(
        r.body["properties"]["authInfo"]["secretInfo"]["value"],
        "<auth.password>"
    );
    // Nothing supplied, so nothing to mask.
    assert_eq!(r.masked_body, r.body);
    assert!(!r.complete);
    assert_eq!(r.missing, ["auth.username", "auth.password"]);
    assert!(!p.az.complete);
    assert!(p
        .findings
        .iter()
        .any(|f| f.code == "SC032" && f.field == "requests"));
    assert!(p
        .findings
        .iter()
        .any(|f| f.code == "SC032" && f.field == "az.create"));
}

#[test]
fn body_service_principal() {
    let s = blob(
        json!({ "type": "service-principal", "clientId": CLIENT, "objectId": OBJECT, "secret": "s3cr3t" }),
    );
    let p = plan_with(&s, ApiVersion::V2024_07_01Preview);
    let r = &p.requests[0];
    assert_eq!(
        r.body,
        json!({ "properties": {
            "targetService": { "type": "AzureResource", "id": blob_id() },
            "authInfo": { "authType": "servicePrincipalSecret", "clientId": CLIENT,
                          "principalId": OBJECT, "secret": "s3cr3t" },
            "clientType": "none",
            "scope": "apps",
            "secretStore": {},
            "publicNetworkSolution": {},
            "configurationInfo": {},
        }})
    );
    assert_eq!(r.masked_body["properties"]["authInfo"]["secret"], "***");
    let old = plan_with(&s, ApiVersion::V2022_05_01);
    assert_eq!(
        old.requests[0].body,
        json!({ "properties": {
            "targetService": { "type": "AzureResource", "id": blob_id() },
            "authInfo": { "authType": "servicePrincipalSecret", "clientId": CLIENT,
                          "principalId": OBJECT, "secret": "s3cr3t" },
            "clientType": "none",
            "scope": "apps",
            "secretStore": {},
        }})
    );
    assert_2022_fields_only(&old.requests[0].body);
}

#[test]
fn body_keyvault_csi() {
    let s = with_cluster(
        json!({ "target": { "type": "keyvault", "resourceGroup": "kv-rg", "vault": "kv1" } }),
    );
    let id = format!(
        "/subscriptions/{SUB}/resourceGroups/kv-rg/providers/Microsoft.KeyVault/vaults/kv1"
    );
    let expected_2022 = json!({ "properties": {
        "targetService": { "type": "AzureResource", "id": id,
                           "resourceProperties": { "type": "KeyVault", "connectAsKubernetesCsiDriver": true } },
        "authInfo": { "authType": "userAssignedIdentity" },
        "clientType": "none",
        "scope": "apps",
        "secretStore": {},
    }});
    let mut expected = expected_2022.clone();
    expected["properties"]["publicNetworkSolution"] = json!({});
    expected["properties"]["configurationInfo"] = json!({});
    assert_eq!(
        plan_with(&s, ApiVersion::V2024_07_01Preview).requests[0].body,
        expected
    );
    let old = plan_with(&s, ApiVersion::V2022_05_01);
    assert_eq!(old.requests[0].body, expected_2022);
    assert_2022_fields_only(&old.requests[0].body);
}

#[test]
fn body_confluent_two_linkers() {
    let s = with_cluster(json!({
        "target": { "type": "confluent-cloud", "bootstrapServer": "pkc-1.eastus.azure.confluent.cloud:9092",
                    "kafkaKey": "KK", "kafkaSecret": "KS", "schemaRegistry": "https://psrc-1.eastus.azure.confluent.cloud",
                    "schemaKey": "SK", "schemaSecret": "SS" },
        "customizedKeys": { "AZURE_CONFLUENTCLOUDKAFKA_BOOTSTRAPSERVER": "KAFKA_SERVERS",
                            "AZURE_CONFLUENTCLOUDKAFKA_KAFKASASLCONFIG": "KAFKA_SASL" },
    }));
    let p = plan_with(&s, ApiVersion::V2024_07_01Preview);
    assert_eq!(p.requests.len(), 2);
    assert_eq!(p.requests[0].linker, "conn1");
    assert_eq!(p.requests[1].linker, "conn1_schema");
    assert_eq!(
        p.requests[0].body,
        json!({ "properties": {
            "targetService": { "type": "ConfluentBootstrapServer", "endpoint": "pkc-1.eastus.azure.confluent.cloud:9092" },
            "authInfo": { "authType": "secret", "name": "KK", "secretInfo": { "secretType": "rawValue", "value": "KS" } },
            "clientType": "none",
            "scope": "apps",
            "secretStore": {},
            "publicNetworkSolution": {},
            "configurationInfo": { "customizedKeys": { "AZURE_CONFLUENTCLOUDKAFKA_BOOTSTRAPSERVER": "KAFKA_SERVERS",
                                                       "AZURE_CONFLUENTCLOUDKAFKA_KAFKASASLCONFIG": "KAFKA_SASL" } },
        }})
    );
    // As the az CLI does: every customized key with the bootstrap server, none
    // with the schema registry, and no network solution there.
    assert_eq!(
        p.requests[1].body,
        json!({ "properties": {
            "targetService": { "type": "ConfluentSchemaRegistry", "endpoint": "https://psrc-1.eastus.azure.confluent.cloud" },
            "authInfo": { "authType": "secret", "name": "SK", "secretInfo": { "secretType": "rawValue", "value": "SS" } },
            "clientType": "none",
            "scope": "apps",
            "secretStore": {},
            "configurationInfo": {},
        }})
    );
    let az = &p.az.create.argv;
    let at = az
        .iter()
        .position(|w| w == "--customized-keys")
        .expect("--customized-keys");
    assert_eq!(
        az[at + 1..at + 3],
        [
            "AZURE_CONFLUENTCLOUDKAFKA_BOOTSTRAPSERVER=KAFKA_SERVERS",
            "AZURE_CONFLUENTCLOUDKAFKA_KAFKASASLCONFIG=KAFKA_SASL"
        ]
    );
    assert_eq!(
        p.requests[1].masked_body["properties"]["authInfo"]["secretInfo"]["value"],
        "***"
    );
    assert!(p.requests.iter().all(|r| r.path.starts_with(CLUSTER_ID)));

    // 2022-05-01 cannot carry customizedKeys: left out, listed, and warned about.
    let old = plan_with(&s, ApiVersion::V2022_05_01);
    for r in &old.requests {
        assert_2022_fields_only(&r.body);
    }
    assert_eq!(
        old.requests[0].dropped_fields,
        ["properties.configurationInfo.customizedKeys"]
    );
    assert!(old.requests[1].dropped_fields.is_empty());
    let w = old
        .findings
        .iter()
        .find(|f| f.code == "SC033")
        .expect("api-version warning");
    assert!(
        w.message
            .contains("properties.configurationInfo.customizedKeys"),
        "{}",
        w.message
    );
}

#[test]
fn customized_keys_go_into_configuration_info() {
    let s = with_cluster(json!({
        "target": { "type": "storage-blob", "resourceGroup": "data", "account": "mystore" },
        "auth": { "type": "connection-string" },
        "customizedKeys": { "AZURE_STORAGEBLOB_CONNECTIONSTRING": "BLOB_CS" },
    }));
    let p = plan_with(&s, ApiVersion::V2024_07_01Preview);
    assert_eq!(
        p.requests[0].body["properties"]["configurationInfo"],
        json!({ "customizedKeys": { "AZURE_STORAGEBLOB_CONNECTIONSTRING": "BLOB_CS" } })
    );
    assert!(p.az.create.argv.ends_with(&[
        "--customized-keys".to_owned(),
        "AZURE_STORAGEBLOB_CONNECTIONSTRING=BLOB_CS".to_owned()
    ]));
    assert!(!p.findings.iter().any(|f| f.code == "SC033"));
}

#[test]
fn workload_identity_missing_inputs_become_placeholders() {
    let s = spec(json!({ "target": { "type": "storage-blob" } }));
    let p = plan(&s, &PlanContext::default()).expect("plan");
    let r = &p.requests[0];
    assert!(!r.complete);
    assert_eq!(
        r.missing,
        [
            "cluster.subscription",
            "cluster.resourceGroup",
            "cluster.name",
            "target.resourceGroup",
            "target.account",
            "auth.clientId",
            "auth.subscriptionId"
        ]
    );
    assert_eq!(
        r.body["properties"]["authInfo"]["clientId"],
        "<auth.clientId>"
    );
    assert!(p.az.create.argv.contains(&"<auth.identityId>".to_owned()));
    assert_eq!(
        p.az.missing,
        [
            "cluster.resourceGroup",
            "cluster.name",
            "target.resourceGroup",
            "target.account",
            "auth.identityId"
        ]
    );
    let fic = p.federated_credential.expect("fic");
    assert!(!fic.issuer_known);
    assert_eq!(fic.issuer, "<oidc-issuer-url>");
    assert!(fic
        .issuer_lookup
        .line
        .contains("oidcIssuerProfile.issuerUrl"));
}

#[test]
fn federated_credential_from_known_issuer() {
    let s = blob(json!({ "type": "workload-identity", "identityId": UAMI, "clientId": CLIENT }));
    let ctx = PlanContext {
        oidc_issuer_url: Some("https://eastus.oic.prod-aks.azure.com/tenant/cluster/".to_owned()),
        ..Default::default()
    };
    let p = plan(&s, &ctx).expect("plan");
    let fic = p.federated_credential.expect("fic");
    assert!(fic.issuer_known);
    assert_eq!(
        fic.subject,
        format!("system:serviceaccount:apps:sc-account-{CLIENT}")
    );
    assert_eq!(fic.audience, "api://AzureADTokenExchange");
    assert_eq!(fic.identity_name, "my-uami");
    assert_eq!(fic.identity_resource_group, "id-rg");
    assert_eq!(
        fic.command.argv,
        [
            "az",
            "identity",
            "federated-credential",
            "create",
            "--name",
            "sc-conn1-fic",
            "--identity-name",
            "my-uami",
            "--resource-group",
            "id-rg",
            "--subscription",
            "99990000-aaaa-2222-bbbb-3333cccc4444",
            "--issuer",
            "https://eastus.oic.prod-aks.azure.com/tenant/cluster/",
            "--subject",
            &format!("system:serviceaccount:apps:sc-account-{CLIENT}"),
            "--audience",
            "api://AzureADTokenExchange",
        ]
    );
    assert!(!p.findings.iter().any(|f| f.code == "SC036"));
    let op = p
        .operations
        .iter()
        .find(|o| o.id == "workload-identity-oidc-issuer")
        .expect("op");
    assert_eq!(op.status, Status::Applies);
}

#[test]
fn issuer_without_trailing_slash_warns() {
    let s = blob(json!({ "type": "workload-identity", "identityId": UAMI, "clientId": CLIENT }));
    let ctx = PlanContext {
        oidc_issuer_url: Some("https://issuer.example/x".to_owned()),
        ..Default::default()
    };
    let p = plan(&s, &ctx).expect("plan");
    assert!(p.findings.iter().any(|f| f.code == "SC036"));
}

#[test]
fn az_create_per_auth_id() {
    let argv = |s: &ConnectionSpec| {
        plan(s, &PlanContext::default())
            .expect("plan")
            .az
            .create
            .argv
    };
    let base = [
        "az",
        "aks",
        "connection",
        "create",
        "storage-blob",
        "--connection",
        "conn1",
        "--resource-group",
        "rg",
        "--name",
        "aks1",
        "--subscription",
        SUB,
        "--target-resource-group",
        "data",
        "--account",
        "mystore",
    ];
    let tail = ["--client-type", "none", "--kube-namespace", "apps"];
    let expect = |auth: &[&str]| -> Vec<String> {
        base.iter()
            .chain(auth)
            .chain(tail.iter())
            .map(|s| s.to_string())
            .collect()
    };
    assert_eq!(
        argv(&blob(
            json!({ "type": "workload-identity", "identityId": UAMI })
        )),
        expect(&["--workload-identity", UAMI])
    );
    assert_eq!(
        argv(&blob(json!({ "type": "connection-string" }))),
        expect(&["--secret"])
    );
    assert_eq!(
        argv(&blob(
            json!({ "type": "service-principal", "clientId": CLIENT, "objectId": OBJECT, "secret": "x y" })
        )),
        expect(&[
            "--service-principal",
            &format!("client-id={CLIENT}"),
            &format!("object-id={OBJECT}"),
            "secret=x y"
        ])
    );
    let sp = plan(&blob(json!({ "type": "service-principal", "clientId": CLIENT, "objectId": OBJECT, "secret": "x y" })), &PlanContext::default()).expect("plan");
    assert!(sp.az.create.masked_line.contains("'secret=***'"));
    assert!(!sp.az.create.masked_line.contains("x y"));

    let kv = with_cluster(
        json!({ "target": { "type": "keyvault", "resourceGroup": "kv-rg", "vault": "kv1" } }),
    );
    let a = argv(&kv);
    assert!(a.ends_with(
        &[
            "--enable-csi",
            "--client-type",
            "none",
            "--kube-namespace",
            "apps"
        ]
        .map(String::from)
    ));

    let pg = with_cluster(json!({
        "target": { "type": "postgres-flexible", "resourceGroup": "db", "server": "pg1", "database": "app" },
        "auth": { "type": "secret", "username": "admin", "password": "pw" },
    }));
    let a = argv(&pg);
    let secret_at = a.iter().position(|w| w == "--secret").expect("--secret");
    assert_eq!(
        a[secret_at + 1..secret_at + 3],
        ["name=admin".to_owned(), "secret=pw".to_owned()]
    );
}

#[test]
fn az_uses_target_id_for_another_subscription_and_pasted_ids() {
    let s = with_cluster(json!({
        "target": { "type": "storage-blob", "subscription": "12345678-aaaa-2222-bbbb-3333cccc4444", "resourceGroup": "data", "account": "mystore" },
        "auth": { "type": "connection-string" },
    }));
    let p = plan(&s, &PlanContext::default()).expect("plan");
    let a = &p.az.create.argv;
    let at = a
        .iter()
        .position(|w| w == "--target-id")
        .expect("--target-id");
    assert_eq!(
        a[at + 1],
        "/subscriptions/12345678-aaaa-2222-bbbb-3333cccc4444/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/mystore/blobServices/default"
    );
    assert!(!a.contains(&"--account".to_owned()));
}

/// The az CLI takes no `--target-id` for neon-postgres: it sends its own fixed
/// target id and the server and database as connection string properties.
const NEON_CLI_ID: &str = "/subscriptions/aaaabbbb-0000-cccc-1111-dddd2222eeee/resourceGroups/testrg/providers/Neon.Postgres/organizations/neontest";

#[test]
fn neon_sends_what_the_cli_sends() {
    let neon = with_cluster(json!({
        "target": { "type": "neon-postgres", "server": "ep-1.eastus2.azure.neon.tech", "database": "neondb" },
        "auth": { "username": "u", "password": "p" },
    }));
    let p = plan(&neon, &PlanContext::default()).expect("plan");
    assert_eq!(
        p.az.create.line,
        "az aks connection create neon-postgres --connection conn1 --resource-group rg --name aks1 \
         --subscription 00001111-aaaa-2222-bbbb-3333cccc4444 --server ep-1.eastus2.azure.neon.tech --database neondb \
         --secret name=u secret=p --client-type none --kube-namespace apps"
    );
    let props = &p.requests[0].body["properties"];
    assert_eq!(
        props["targetService"],
        json!({ "type": "AzureResource", "id": NEON_CLI_ID })
    );
    assert_eq!(
        props["configurationInfo"],
        json!({ "additionalConnectionStringProperties": { "Database": "neondb", "Server": "ep-1.eastus2.azure.neon.tech" } })
    );
    assert!(p.findings.iter().any(|f| f.code == "SC037"));
    assert!(p.requests[0].complete);

    // 2022-05-01 cannot carry them: listed and warned about.
    let old = plan_with(&neon, ApiVersion::V2022_05_01);
    assert_eq!(
        old.requests[0].dropped_fields,
        ["properties.configurationInfo.additionalConnectionStringProperties"]
    );
    assert!(old.findings.iter().any(|f| f.code == "SC033"));
}

#[test]
fn neon_ignores_a_pasted_id_and_waits_for_server_and_database() {
    let s = with_cluster(json!({
        "target": { "type": "neon-postgres", "id": "/subscriptions/00001111-aaaa-2222-bbbb-3333cccc4444/resourceGroups/n/providers/Neon.Postgres/organizations/o1" },
        "auth": { "username": "u", "password": "p" },
    }));
    let p = plan(&s, &PlanContext::default()).expect("plan");
    let props = &p.requests[0].body["properties"];
    assert_eq!(props["targetService"]["id"], NEON_CLI_ID);
    assert_eq!(
        props["configurationInfo"]["additionalConnectionStringProperties"],
        json!({ "Database": "<target.database>", "Server": "<target.server>" })
    );
    assert_eq!(p.requests[0].missing, ["target.database", "target.server"]);
    assert!(!p.az.create.argv.contains(&"--target-id".to_owned()));
    assert!(p
        .findings
        .iter()
        .any(|f| f.code == "SC031" && f.field == "target.id"));
}

#[test]
fn mongodb_atlas_sends_the_connection_string_as_the_cli_does() {
    let s = with_cluster(json!({
        "target": { "type": "mongodb-atlas", "resourceGroup": "atlas-rg", "server": "org1" },
        "auth": { "password": "mongodb+srv://u:p@cluster0.a1.mongodb.net/" },
    }));
    let p = plan(&s, &PlanContext::default()).expect("plan");
    assert_eq!(
        p.az.create.masked_line,
        "az aks connection create mongodb-atlas --connection conn1 --resource-group rg --name aks1 \
         --subscription 00001111-aaaa-2222-bbbb-3333cccc4444 --target-resource-group atlas-rg --server org1 \
         --secret 'secret=***' --client-type none --kube-namespace apps"
    );
    let props = &p.requests[0].body["properties"];
    assert_eq!(
        props["targetService"]["id"],
        "/subscriptions/aaaabbbb-0000-cccc-1111-dddd2222eeee/resourceGroups/atlas-rg/providers/MongoDB.Atlas/organizations/org1"
    );
    assert_eq!(
        props["authInfo"],
        json!({ "authType": "secret", "name": "NA",
                "secretInfo": { "secretType": "rawValue", "value": "mongodb+srv://u:p@cluster0.a1.mongodb.net/" } })
    );
    assert_eq!(
        p.requests[0].masked_body["properties"]["authInfo"]["secretInfo"]["value"],
        "***"
    );
    // A user name has no place: the CLI sends NA.
    let mut named = s.clone();
    named.auth.as_mut().expect("auth").username = Some("u".into());
    let p = plan(&named, &PlanContext::default()).expect("plan");
    assert!(p
        .findings
        .iter()
        .any(|f| f.code == "SC031" && f.field == "auth.username"));
    assert_eq!(p.requests[0].body["properties"]["authInfo"]["name"], "NA");
}

#[test]
fn show_validate_delete_commands() {
    let p = plan(
        &blob(json!({ "type": "connection-string" })),
        &PlanContext::default(),
    )
    .expect("plan");
    let tail = "--connection conn1 --resource-group rg --name aks1 --subscription 00001111-aaaa-2222-bbbb-3333cccc4444";
    assert_eq!(p.az.show[0].line, format!("az aks connection show {tail}"));
    assert_eq!(
        p.az.validate[0].line,
        format!("az aks connection validate {tail}")
    );
    assert_eq!(
        p.az.delete[0].line,
        format!("az aks connection delete {tail} --yes")
    );
    assert_eq!(
        p.az.list_configuration[0].line,
        format!("az aks connection list-configuration {tail}")
    );
}

#[test]
fn cleanup_lists_exactly_the_rendered_objects() {
    let lines = |s: &ConnectionSpec| -> Vec<String> {
        plan(s, &PlanContext::default())
            .expect("plan")
            .cleanup
            .into_iter()
            .map(|c| c.line)
            .collect()
    };
    assert_eq!(
        lines(&blob(json!({ "type": "connection-string" }))),
        [
            "az aks connection delete --connection conn1 --resource-group rg --name aks1 --subscription 00001111-aaaa-2222-bbbb-3333cccc4444 --yes",
            "kubectl delete secret sc-conn1-secret -n apps",
            "kubectl delete job sc-sample-job -n apps",
        ]
    );
    let mut wi =
        blob(json!({ "type": "workload-identity", "identityId": UAMI, "clientId": CLIENT }));
    wi.workload = Some(aks_service_connector::spec::WorkloadSpec {
        workload_kind: Some("none".into()),
        ..Default::default()
    });
    let l = lines(&wi);
    assert_eq!(l[1], "kubectl delete secret sc-conn1-secret -n apps");
    assert_eq!(
        l[2],
        format!("kubectl delete serviceaccount sc-account-{CLIENT} -n apps")
    );
    assert!(l[3].starts_with(
        "az identity federated-credential list --identity-name my-uami --resource-group id-rg"
    ));
    assert!(l[4].starts_with(&format!(
        "az role assignment list --assignee {CLIENT} --scope "
    )));
    assert_eq!(l.len(), 5);
    let kv = with_cluster(
        json!({ "target": { "type": "keyvault", "resourceGroup": "kv-rg", "vault": "kv1" }, "workload": { "kind": "Deployment" } }),
    );
    assert_eq!(
        lines(&kv)[1..],
        [
            "kubectl delete secretproviderclass sc-conn1-spc -n apps",
            "kubectl delete deployment sc-sample-deployment -n apps"
        ]
    );
}

#[test]
fn troubleshooting_is_the_sequence_of_the_docs() {
    let p = plan(
        &blob(json!({ "type": "connection-string" })),
        &PlanContext::default(),
    )
    .expect("plan");
    let lines: Vec<&str> = p.troubleshooting.iter().map(|c| c.line.as_str()).collect();
    assert_eq!(
        lines,
        [
            "az extension add --name k8s-extension",
            "az k8s-extension show --resource-group rg --cluster-name aks1 --cluster-type managedClusters --name sc-extension",
            "az aks get-credentials --resource-group rg --name aks1",
            "kubectl get ns",
            "helm list -n sc-system",
            "kubectl get job -n sc-system",
            "kubectl describe job/sc-job -n sc-system",
            "kubectl logs job/sc-job -n sc-system",
        ]
    );
    assert!(p.troubleshooting.iter().all(|c| !c.note.is_empty()));
}

#[test]
fn operations_follow_the_context() {
    let s = blob(json!({ "type": "connection-string" }));
    let ids: Vec<&str> = plan(&s, &PlanContext::default())
        .expect("plan")
        .operations
        .iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(
        ids,
        [
            "provider-kubernetes-configuration",
            "provider-service-linker",
            "cluster-not-updating",
            "egress-extension-registry",
            "sc-extension",
            "secret",
            "service-account",
            "keyvault-secrets-provider-addon",
            "workload-identity-oidc-issuer",
            "federated-identity-credential",
            "read-configuration",
            "firewall-rules",
            "role-assignment",
        ]
    );
    let status = |p: &Plan, id: &str| p.operations.iter().find(|o| o.id == id).map(|o| o.status);

    let unknown = plan(&s, &PlanContext::default()).expect("plan");
    assert_eq!(status(&unknown, "sc-extension"), Some(Status::Unknown));
    assert_eq!(
        status(&unknown, "provider-service-linker"),
        Some(Status::Unknown)
    );
    assert_eq!(status(&unknown, "secret"), Some(Status::Applies));
    assert_eq!(
        status(&unknown, "service-account"),
        Some(Status::NotApplicable)
    );
    assert_eq!(
        status(&unknown, "role-assignment"),
        Some(Status::NotApplicable)
    );

    let ctx: PlanContext = serde_json::from_value(json!({
        "extensionInstalled": true, "kubernetesConfigurationRegistered": true, "serviceLinkerRegistered": false,
        "clusterProvisioningState": "Updating", "apiVersion": "2022-05-01",
    }))
    .expect("context");
    let known = plan(&s, &ctx).expect("plan");
    assert_eq!(known.api_version, ApiVersion::V2022_05_01);
    assert_eq!(status(&known, "sc-extension"), Some(Status::AlreadyDone));
    assert_eq!(
        status(&known, "provider-kubernetes-configuration"),
        Some(Status::AlreadyDone)
    );
    assert_eq!(
        status(&known, "provider-service-linker"),
        Some(Status::Applies)
    );
    assert_eq!(
        status(&known, "cluster-not-updating"),
        Some(Status::Applies)
    );
    assert!(known
        .findings
        .iter()
        .any(|f| f.code == "SC034" && f.field == "context.serviceLinkerRegistered"));
    assert!(known.findings.iter().any(|f| f.code == "SC035"));
}

#[test]
fn context_rejects_unknown_fields_and_bad_values() {
    assert!(serde_json::from_value::<PlanContext>(json!({ "extensionInstaled": true })).is_err());
    assert!(serde_json::from_value::<PlanContext>(json!({ "apiVersion": "2023-01-01" })).is_err());
    let s = blob(json!({ "type": "connection-string" }));
    for (ctx, field) in [
        (
            json!({ "oidcIssuerUrl": "http://x/" }),
            "context.oidcIssuerUrl",
        ),
        (
            json!({ "oidcIssuerUrl": "https://x/\n" }),
            "context.oidcIssuerUrl",
        ),
        (
            json!({ "oidcIssuerUrl": "https://x/", "oidcIssuerEnabled": false }),
            "context.oidcIssuerEnabled",
        ),
        (
            json!({ "clusterProvisioningState": "" }),
            "context.clusterProvisioningState",
        ),
    ] {
        let ctx: PlanContext = serde_json::from_value(ctx).expect("context");
        match plan(&s, &ctx) {
            Err(Error::InvalidInput { field: f, message }) => {
                assert_eq!(f, field);
                assert!(message.starts_with("expected"), "{message}");
            }
            other => panic!("expected invalid input for {field}, got {other:?}"),
        }
    }
}

#[test]
fn specs_with_policy_errors_are_refused() {
    let s = spec(json!({ "target": { "type": "storage-blob" }, "namespace": "Bad_NS" }));
    match plan(&s, &PlanContext::default()) {
        Err(Error::InvalidSpec { findings }) => assert!(findings.iter().any(|f| f.code == "SC003")),
        other => panic!("expected invalid spec, got {other:?}"),
    }
    let s = spec(json!({ "target": { "type": "fabric-sql" } }));
    assert!(matches!(
        plan(&s, &PlanContext::default()),
        Err(Error::InvalidSpec { .. })
    ));
}

#[test]
fn bicep_escaping() {
    assert_eq!(bicep_string("it's"), r"'it\'s'");
    assert_eq!(bicep_string("${x}"), r"'\${x}'");
    assert_eq!(bicep_string("$x {y} $"), "'$x {y} $'");
    assert_eq!(bicep_string(r"a\b"), r"'a\\b'");
    assert_eq!(bicep_string("a\nb\r\tc"), r"'a\nb\r\tc'");
    assert_eq!(bicep_string("\u{1}é"), r"'\u{1}é'");
    assert_eq!(bicep_string(r"\${"), r"'\\\${'");
}

#[test]
fn bicep_resource_has_the_body_properties_and_no_secret_values() {
    let s = with_cluster(json!({
        "target": { "type": "postgres-flexible", "resourceGroup": "db", "server": "pg1", "database": "app" },
        "auth": { "type": "secret", "username": "o'brien", "password": "hunter2" },
    }));
    let p = plan(&s, &PlanContext::default()).expect("plan");
    let b = &p.bicep.text;
    assert!(b.contains("resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {\n  name: 'aks1'\n}"));
    assert!(b.contains("resource conn 'Microsoft.ServiceLinker/linkers@2024-07-01-preview' = {\n  name: 'conn1'\n  scope: aks\n"));
    assert!(b.contains(r"name: 'o\'brien'"), "{b}");
    assert!(b.contains("@secure()\nparam password string"));
    assert!(b.contains("value: password"));
    assert!(!b.contains("hunter2"));
    assert_eq!(p.bicep.secure_params, ["password"]);
    assert!(p
        .bicep
        .deploy
        .line
        .starts_with("az deployment group create --resource-group rg"));
}

#[test]
fn arm_segments_are_checked() {
    let s = with_cluster(json!({
        "cluster": { "resourceGroup": "rg/../x", "name": "aks 1" },
        "target": { "type": "storage-blob", "resourceGroup": "data?x", "account": "mystore" },
        "auth": { "type": "connection-string" },
    }));
    match plan(&s, &PlanContext::default()) {
        Err(Error::InvalidSpec { findings }) => {
            let fields: Vec<&str> = findings
                .iter()
                .filter(|f| f.code == "SC038")
                .map(|f| f.field.as_str())
                .collect();
            assert_eq!(
                fields,
                [
                    "cluster.resourceGroup",
                    "cluster.name",
                    "target.resourceGroup"
                ]
            );
        }
        other => panic!("expected invalid spec, got {other:?}"),
    }
}

#[test]
fn plan_rule_codes_are_sc032_to_sc038() {
    // The plan's codes follow SC031; `validate`'s later rules (SC039) come after them.
    for (i, rule) in plan_rules::RULES.iter().enumerate() {
        assert_eq!(rule.code, format!("SC{:03}", 32 + i));
    }
    assert_eq!(plan_rules::RULES.len(), 7);
}

#[test]
fn every_plan_rule_has_a_case() {
    let uami = json!({ "type": "workload-identity", "identityId": UAMI, "clientId": CLIENT });
    let confluent = with_cluster(json!({
        "target": { "type": "confluent-cloud", "bootstrapServer": "b.example:9092", "kafkaKey": "k", "kafkaSecret": "s",
                    "schemaRegistry": "https://s.example", "schemaKey": "k", "schemaSecret": "s" },
        "customizedKeys": { "AZURE_CONFLUENTCLOUDKAFKA_BOOTSTRAPSERVER": "SERVERS" },
    }));
    let atlas = with_cluster(json!({
        "target": { "type": "mongodb-atlas", "resourceGroup": "r", "server": "o" },
        "auth": { "password": "p" },
    }));
    let cases: Vec<(ConnectionSpec, Value, &str, &str)> = vec![
        (
            spec(json!({ "target": { "type": "storage-blob" } })),
            json!({}),
            "SC032",
            "requests",
        ),
        (
            spec(json!({ "target": { "type": "storage-blob" } })),
            json!({}),
            "SC032",
            "az.create",
        ),
        (
            confluent,
            json!({ "apiVersion": "2022-05-01" }),
            "SC033",
            "context.apiVersion",
        ),
        (
            blob(json!({ "type": "connection-string" })),
            json!({ "kubernetesConfigurationRegistered": false }),
            "SC034",
            "context.kubernetesConfigurationRegistered",
        ),
        (
            blob(json!({ "type": "connection-string" })),
            json!({ "clusterProvisioningState": "Upgrading" }),
            "SC035",
            "context.clusterProvisioningState",
        ),
        (
            blob(uami),
            json!({ "oidcIssuerUrl": "https://issuer.example/x" }),
            "SC036",
            "context.oidcIssuerUrl",
        ),
        (atlas, json!({}), "SC037", "requests"),
    ];
    for (s, ctx, code, field) in &cases {
        let ctx: PlanContext = serde_json::from_value(ctx.clone()).expect("context");
        let p = plan(s, &ctx).expect("plan");
        assert!(
            p.findings
                .iter()
                .any(|f| f.code == *code && f.field == *field),
            "expected {code} at {field}, got {:#?}",
            p.findings
        );
    }
    // SC038 refuses the spec; see `arm_segments_are_checked`.
    for rule in plan_rules::RULES {
        let covered = cases.iter().any(|(_, _, c, _)| *c == rule.code) || rule.code == "SC038";
        assert!(covered, "no test case for {}", rule.code);
    }
}

#[test]
fn every_operation_says_why_and_what_for_every_auth() {
    let specs = [
        blob(json!({ "type": "workload-identity", "identityId": UAMI })),
        blob(json!({ "type": "connection-string" })),
        blob(json!({ "type": "service-principal" })),
        with_cluster(
            json!({ "target": { "type": "keyvault", "resourceGroup": "kv-rg", "vault": "kv1" } }),
        ),
        with_cluster(json!({ "target": { "type": "postgres-flexible" } })),
        with_cluster(json!({ "target": { "type": "confluent-cloud" } })),
    ];
    for s in &specs {
        let p = plan(s, &PlanContext::default()).expect("plan");
        assert_eq!(
            p.operations.len(),
            aks_service_connector::plan::operations::OPERATIONS.len()
        );
        for o in &p.operations {
            assert!(
                !o.reason.is_empty() && !o.effect.is_empty(),
                "{} for {}",
                o.id,
                p.auth
            );
            if o.status == Status::NotApplicable {
                assert!(o.commands.is_empty(), "{}", o.id);
            }
        }
    }
}
