//! Snapshots of the rendered YAML: every target × auth with its default
//! client, every client of four representative targets, each workload kind.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use aks_service_connector::catalog::{self, TargetId};
use aks_service_connector::{render, RenderOptions, SecretEncoding};
use common::{spec, with_workload};

fn yaml(s: &aks_service_connector::ConnectionSpec, encoding: SecretEncoding) -> String {
    render(
        s,
        &RenderOptions {
            secret_encoding: encoding,
        },
    )
    .unwrap_or_else(|e| panic!("render failed: {e}"))
    .yaml()
}

#[test]
fn every_target_and_auth_with_the_default_client() {
    for t in catalog::TARGETS.iter() {
        for auth in t.auth_types {
            let kind = (t.id == TargetId::CognitiveServices).then_some("AIServices");
            let s = spec(t.id.as_str(), kind, auth.as_str(), "none");
            insta::assert_snapshot!(
                format!("{}__{}", t.id, auth),
                yaml(&s, SecretEncoding::StringData)
            );
        }
    }
}

#[test]
fn every_account_kind_of_cognitiveservices() {
    for kind in ["OpenAI", "CognitiveServices"] {
        let s = spec(
            "cognitiveservices",
            Some(kind),
            "connection-string",
            "python",
        );
        insta::assert_snapshot!(
            format!("cognitiveservices-{kind}"),
            yaml(&s, SecretEncoding::StringData)
        );
    }
}

#[test]
fn every_client_of_representative_targets() {
    for target in [
        TargetId::StorageBlob,
        TargetId::PostgresFlexible,
        TargetId::Redis,
        TargetId::EventHub,
    ] {
        let t = catalog::target(target);
        for client in t.client_types {
            let s = spec(
                target.as_str(),
                None,
                t.default_auth().as_str(),
                client.as_str(),
            );
            insta::assert_snapshot!(
                format!("client__{}__{}", target, client),
                yaml(&s, SecretEncoding::StringData)
            );
        }
    }
}

#[test]
fn each_workload_kind_with_workload_identity_and_csi() {
    for auth in ["workload-identity", "keyvault-csi", "service-principal"] {
        for kind in ["Job", "Deployment", "Pod", "none"] {
            let s = with_workload(spec("keyvault", None, auth, "python"), kind);
            insta::assert_snapshot!(
                format!("workload__{auth}__{kind}"),
                yaml(&s, SecretEncoding::StringData)
            );
        }
    }
}

#[test]
fn filled_values_data_encoding_and_customized_keys() {
    let s: aks_service_connector::ConnectionSpec = serde_json::from_str(
        r#"{
          "connectionName": "storage_conn", "namespace": "apps",
          "target": { "type": "storage-blob", "subscription": "aaaabbbb-0000-cccc-1111-dddd2222eeee",
                      "resourceGroup": "data-rg", "account": "mystore" },
          "auth": { "type": "workload-identity", "clientId": "00001111-AAAA-2222-bbbb-3333cccc4444",
                    "tenantId": "aaaabbbb-0000-cccc-1111-dddd2222eeee" },
          "clientType": "python",
          "customizedKeys": { "AZURE_STORAGEBLOB_RESOURCEENDPOINT": "BLOB_URL" },
          "workload": { "kind": "Deployment", "name": "web", "image": "python:3.12", "command": ["python", "app.py"] }
        }"#,
    )
    .unwrap();
    insta::assert_snapshot!(
        "storage_blob_filled_stringdata",
        yaml(&s, SecretEncoding::StringData)
    );
    insta::assert_snapshot!("storage_blob_filled_data", yaml(&s, SecretEncoding::Data));
}

#[test]
fn second_connection_of_the_same_type() {
    let mut s = spec("servicebus", None, "workload-identity", "go");
    s.connection_name = Some("orders.v2".to_owned());
    s.another_connection_of_type = true;
    insta::assert_snapshot!(
        "servicebus_second_connection",
        yaml(&s, SecretEncoding::StringData)
    );
}

#[test]
fn rendering_is_deterministic() {
    for t in catalog::TARGETS.iter() {
        let s = spec(t.id.as_str(), None, t.default_auth().as_str(), "none");
        assert_eq!(
            yaml(&s, SecretEncoding::Data),
            yaml(&s, SecretEncoding::Data)
        );
    }
}
