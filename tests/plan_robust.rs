#![cfg(not(target_arch = "wasm32"))]
//! Robustness: any supported combination of target, auth and client, with
//! arbitrary free-text values and context, either plans or is refused with an
//! error; nothing panics, and a plan's commands split back into their words.

use aks_service_connector::catalog::{self, TargetId};
use aks_service_connector::{plan, ConnectionSpec, Error, PlanContext};
use proptest::prelude::*;
use serde_json::json;

const GUID: &str = "00001111-aaaa-2222-bbbb-3333cccc4444";
const UAMI: &str = "/subscriptions/00001111-aaaa-2222-bbbb-3333cccc4444/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u";

/// Free text: absent, empty, plain names or anything at all.
fn text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(String::new())),
        4 => "[a-z][a-z0-9-]{0,10}".prop_map(Some),
        1 => Just(Some("h.example:9092".to_owned())),
        1 => "\\PC{0,12}".prop_map(Some),
        1 => any::<String>().prop_map(Some),
    ]
}

fn maybe(s: &'static str) -> impl Strategy<Value = Option<String>> {
    prop_oneof![Just(None), Just(Some(s.to_owned()))]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn plan_never_panics(
        t in 0..TargetId::ALL.len(), a in 0..3usize, c in 0..11usize,
        name in prop::option::of("[A-Za-z0-9._]{1,20}"),
        namespace in prop::option::of("[a-z][a-z0-9]{0,8}"),
        values in prop::collection::vec(text(), 12),
        guid in maybe(GUID), uami in maybe(UAMI),
        flags in prop::collection::vec(prop::option::of(any::<bool>()), 7),
        api in prop_oneof![Just("2024-07-01-preview"), Just("2022-05-01")],
        state in prop_oneof![Just(None), Just(Some("Succeeded")), Just(Some("Updating")), Just(Some("bad state"))],
        url in prop_oneof![3 => Just(None), 2 => Just(Some("https://oidc.example/a/".to_owned())), 1 => any::<String>().prop_map(Some)],
    ) {
        let v = |i: usize| values[i].clone();
        let def = catalog::target(TargetId::ALL[t]);
        let auth = def.auth_types[a % def.auth_types.len()].as_str();
        let client = def.client_types[c % def.client_types.len()].as_str();
        let spec: ConnectionSpec = serde_json::from_value(json!({
            "connectionName": name,
            "namespace": namespace,
            "cluster": { "subscription": guid, "resourceGroup": v(0), "name": v(1) },
            "target": { "type": def.id.as_str(), "resourceGroup": v(2), "account": v(3), "server": v(4),
                        "database": v(5), "vault": v(6), "bootstrapServer": v(7), "kafkaKey": v(8),
                        "kafkaSecret": v(9) },
            "auth": { "type": auth, "clientId": guid, "identityId": uami,
                      "username": v(10), "password": v(11), "secret": v(11) },
            "clientType": client,
        })).expect("spec");
        let ctx: PlanContext = serde_json::from_value(json!({
            "extensionInstalled": flags[0], "kubernetesConfigurationRegistered": flags[1],
            "serviceLinkerRegistered": flags[2], "workloadIdentityEnabled": flags[3],
            "oidcIssuerEnabled": if url.is_some() { None } else { flags[4] },
            "keyvaultSecretsProviderEnabled": flags[5], "egressAllowed": flags[6],
            "oidcIssuerUrl": url, "clusterProvisioningState": state, "apiVersion": api,
        })).expect("context");
        match plan(&spec, &ctx) {
            Ok(p) => {
                let commands = p.cleanup.iter().chain(&p.troubleshooting).chain(std::iter::once(&p.az.create))
                    .chain(p.operations.iter().flat_map(|o| &o.commands));
                for cmd in commands {
                    prop_assert_eq!(&shell_words::split(&cmd.line).expect("split"), &cmd.argv);
                }
                prop_assert!(!p.requests.is_empty());
                prop_assert!(p.bicep.text.contains("Microsoft.ServiceLinker/linkers@"));
            }
            Err(Error::InvalidSpec { findings }) => prop_assert!(!findings.is_empty()),
            Err(Error::InvalidInput { field, .. }) => prop_assert!(field.starts_with("context.")),
            Err(e) => prop_assert!(false, "unexpected error {}", e),
        }
    }
}
