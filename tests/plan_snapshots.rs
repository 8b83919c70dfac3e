#![cfg(not(target_arch = "wasm32"))]
//! Snapshots of whole plans: each auth id on storage-blob, keyvault (CSI and
//! workload identity), postgres-flexible (secret) and confluent-cloud; the
//! request, az command and Bicep of neon-postgres and mongodb-atlas.

use aks_service_connector::{plan, ConnectionSpec, PlanContext};
use serde_json::{json, Value};

const UAMI: &str = "/subscriptions/99990000-aaaa-2222-bbbb-3333cccc4444/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/my-uami";
const CLIENT: &str = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";

fn spec(target: Value, auth: Value) -> ConnectionSpec {
    serde_json::from_value(json!({
        "connectionName": "conn1",
        "namespace": "apps",
        "cluster": { "subscription": "00001111-aaaa-2222-bbbb-3333cccc4444", "resourceGroup": "rg", "name": "aks1" },
        "target": target,
        "auth": auth,
    }))
    .expect("spec")
}

fn blob() -> Value {
    json!({ "type": "storage-blob", "resourceGroup": "data", "account": "mystore" })
}

fn vault() -> Value {
    json!({ "type": "keyvault", "resourceGroup": "kv-rg", "vault": "kv1" })
}

/// Everything known: first connection, providers registered, cluster ready.
fn known() -> PlanContext {
    serde_json::from_value(json!({
        "extensionInstalled": false,
        "kubernetesConfigurationRegistered": true,
        "serviceLinkerRegistered": true,
        "clusterProvisioningState": "Succeeded",
        "oidcIssuerUrl": "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/",
        "workloadIdentityEnabled": true,
        "egressAllowed": true,
    }))
    .expect("context")
}

#[test]
fn storage_blob_workload_identity() {
    let s = spec(
        blob(),
        json!({ "type": "workload-identity", "identityId": UAMI, "clientId": CLIENT }),
    );
    insta::assert_yaml_snapshot!(plan(&s, &known()).expect("plan"));
}

#[test]
fn storage_blob_workload_identity_nothing_known() {
    // No client id, no issuer, empty context: placeholders and unknown statuses.
    let s = spec(
        blob(),
        json!({ "type": "workload-identity", "identityId": UAMI }),
    );
    insta::assert_yaml_snapshot!(plan(&s, &PlanContext::default()).expect("plan"));
}

#[test]
fn storage_blob_connection_string() {
    let s = spec(blob(), json!({ "type": "connection-string" }));
    insta::assert_yaml_snapshot!(plan(&s, &known()).expect("plan"));
}

#[test]
fn storage_blob_service_principal() {
    let s = spec(
        blob(),
        json!({ "type": "service-principal", "clientId": CLIENT,
                "objectId": "cccccccc-0000-1111-2222-dddddddddddd", "secret": "sp-secret" }),
    );
    insta::assert_yaml_snapshot!(plan(&s, &known()).expect("plan"));
}

#[test]
fn keyvault_csi() {
    let s = spec(vault(), json!({ "type": "keyvault-csi" }));
    insta::assert_yaml_snapshot!(plan(&s, &known()).expect("plan"));
}

#[test]
fn keyvault_workload_identity() {
    let s = spec(
        vault(),
        json!({ "type": "workload-identity", "identityId": UAMI, "clientId": CLIENT }),
    );
    let ctx: PlanContext =
        serde_json::from_value(json!({ "extensionInstalled": true })).expect("context");
    insta::assert_yaml_snapshot!(plan(&s, &ctx).expect("plan"));
}

#[test]
fn postgres_flexible_secret() {
    let s = spec(
        json!({ "type": "postgres-flexible", "resourceGroup": "db", "server": "pg1", "database": "app" }),
        json!({ "type": "secret", "username": "admin", "password": "pa'ss word" }),
    );
    insta::assert_yaml_snapshot!(plan(&s, &known()).expect("plan"));
}

#[test]
fn postgres_flexible_secret_api_2022() {
    let s = spec(
        json!({ "type": "postgres-flexible", "resourceGroup": "db", "server": "pg1", "database": "app" }),
        json!({ "type": "secret", "username": "admin" }),
    );
    let ctx: PlanContext =
        serde_json::from_value(json!({ "apiVersion": "2022-05-01" })).expect("context");
    insta::assert_yaml_snapshot!(plan(&s, &ctx).expect("plan"));
}

#[test]
fn confluent_cloud() {
    let s = spec(
        json!({ "type": "confluent-cloud", "bootstrapServer": "pkc-1.eastus.azure.confluent.cloud:9092",
                "kafkaKey": "KAFKAKEY", "kafkaSecret": "kafka-secret",
                "schemaRegistry": "https://psrc-1.eastus.azure.confluent.cloud",
                "schemaKey": "SCHEMAKEY", "schemaSecret": "schema-secret" }),
        json!({ "type": "secret" }),
    );
    let p = plan(&s, &known()).expect("plan");
    // The Bicep text again, unescaped, so that a review can read it.
    insta::assert_snapshot!("confluent_cloud_bicep", &p.bicep.text);
    insta::assert_yaml_snapshot!(p);
}

/// The request, az command and Bicep of a partner target, as the az CLI builds them.
fn partner_view(s: &ConnectionSpec) -> Value {
    let p = plan(s, &known()).expect("plan");
    json!({
        "maskedBody": p.requests[0].masked_body,
        "create": p.az.create.masked_line,
        "delete": p.az.delete[0].line,
        "bicep": p.bicep.text,
        "findings": p.findings.iter().map(|f| format!("{} {}", f.code, f.field)).collect::<Vec<_>>(),
    })
}

#[test]
fn neon_postgres() {
    let s = spec(
        json!({ "type": "neon-postgres", "server": "ep-1.eastus2.azure.neon.tech", "database": "neondb" }),
        json!({ "type": "secret", "username": "neon", "password": "pw" }),
    );
    insta::assert_yaml_snapshot!(partner_view(&s));
}

#[test]
fn mongodb_atlas() {
    let s = spec(
        json!({ "type": "mongodb-atlas", "resourceGroup": "atlas-rg", "server": "org1" }),
        json!({ "type": "secret", "password": "mongodb+srv://u:p@cluster0.a1.mongodb.net/" }),
    );
    insta::assert_yaml_snapshot!(partner_view(&s));
}
