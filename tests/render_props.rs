//! Property tests: arbitrary strings in names, values, customized keys and
//! workload fields either fail validation or render YAML that parses back to
//! exactly the same values, with exactly the expected documents and keys.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use aks_service_connector::spec::{KeyVaultObject, KeyVaultSpec, NamesSpec, WorkloadSpec};
use aks_service_connector::{render, Error, RenderOptions, SecretEncoding};
use proptest::prelude::*;
use serde_yaml::Value;

/// Strings built from pieces that have meaning in YAML, plus arbitrary chars.
fn tricky() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n---\n".to_owned()),
        Just("...".to_owned()),
        Just(": ".to_owned()),
        Just(" #".to_owned()),
        Just("&a".to_owned()),
        Just("*a".to_owned()),
        Just("!!binary ".to_owned()),
        Just("!tag".to_owned()),
        Just("\u{2028}".to_owned()),
        Just("\u{2029}".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\u{0}".to_owned()),
        Just("\u{85}".to_owned()),
        Just("\r\n".to_owned()),
        Just("\t".to_owned()),
        Just("'\"`$()\\".to_owned()),
        Just("{[|>%@,]}".to_owned()),
        Just("- ".to_owned()),
        Just("? ".to_owned()),
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("0x1F".to_owned()),
        Just("1e3".to_owned()),
        Just("~".to_owned()),
        Just("<placeholder>".to_owned()),
        Just("a".to_owned()),
        Just("sc-name".to_owned()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

/// Names that pass policy, mixed with tricky ones, so both outcomes are exercised.
fn name_or_tricky(valid: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![3 => valid, 1 => tricky()]
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for p in path {
        cur = cur.get(*p)?;
    }
    cur.as_str()
}

fn expect_policy_error(
    result: Result<aks_service_connector::Bundle, Error>,
) -> Option<aks_service_connector::Bundle> {
    match result {
        Ok(b) => Some(b),
        Err(Error::InvalidSpec { findings }) => {
            assert!(findings
                .iter()
                .any(|f| f.severity == aks_service_connector::Severity::Error));
            None
        }
        Err(other) => panic!("unexpected error kind {}: {other}", other.code()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn secret_values_names_and_workloads_round_trip(
        connection in name_or_tricky("[A-Za-z0-9._]{1,60}"),
        namespace in name_or_tricky("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"),
        secret_name in name_or_tricky("[a-z0-9]([a-z0-9.-]{0,40}[a-z0-9])?"),
        value in tricky(),
        account in tricky(),
        custom_key in name_or_tricky("[-._a-zA-Z0-9]{1,40}"),
        image in name_or_tricky("[a-z0-9./:@-]{1,40}"),
        command in prop::collection::vec(tricky(), 0..3),
        labels in prop::collection::btree_map(name_or_tricky("[a-z]{1,8}(/[a-z]{1,8})?"), name_or_tricky("[a-z0-9]{0,8}"), 0..3),
        data in any::<bool>(),
    ) {
        let mut s = common::spec("storage-blob", None, "connection-string", "python");
        s.connection_name = Some(connection);
        s.namespace = Some(namespace.clone());
        s.names = Some(NamesSpec { secret: Some(secret_name.clone()), ..Default::default() });
        s.target.account = Some(account.clone());
        s.customized_keys.insert("AZURE_STORAGEBLOB_CONNECTIONSTRING".into(), custom_key.clone());
        s.values.insert(custom_key.clone(), value.clone());
        s.workload = Some(WorkloadSpec { workload_kind: Some("Pod".into()), name: None, image: Some(image.clone()), command: Some(command.clone()), labels: labels.clone() });
        let encoding = if data { SecretEncoding::Data } else { SecretEncoding::StringData };
        let Some(bundle) = expect_policy_error(render(&s, &RenderOptions { secret_encoding: encoding })) else {
            return Ok(());
        };
        let docs = common::parse_stream(&bundle.yaml());
        let kinds: Vec<&str> = docs.iter().map(|d| d["kind"].as_str().unwrap_or("?")).collect();
        prop_assert_eq!(kinds, vec!["Secret", "Pod"]);
        let secret = &docs[0];
        prop_assert_eq!(str_at(secret, &["metadata", "name"]), Some(secret_name.as_str()));
        prop_assert_eq!(str_at(secret, &["metadata", "namespace"]), Some(namespace.as_str()));
        let field = if data { "data" } else { "stringData" };
        let map = secret[field].as_mapping().expect("secret has a map");
        prop_assert_eq!(map.len(), 1);
        let (k, v) = map.iter().next().expect("one entry");
        prop_assert_eq!(k.as_str(), Some(custom_key.as_str()));
        let v = v.as_str().expect("string value");
        if data {
            use base64_check::decode;
            prop_assert_eq!(decode(v), value.as_bytes().to_vec());
        } else {
            prop_assert_eq!(v, value.as_str());
        }
        let pod = &docs[1];
        let container = &pod["spec"]["containers"][0];
        prop_assert_eq!(container["image"].as_str(), Some(image.as_str()));
        let got: Vec<&str> = container["command"].as_sequence().expect("command").iter().filter_map(Value::as_str).collect();
        prop_assert_eq!(got, command.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_eq!(str_at(&container["envFrom"][0], &["secretRef", "name"]), Some(secret_name.as_str()));
        let got_labels: std::collections::BTreeMap<String, String> = match pod["metadata"].get("labels") {
            Some(l) => serde_yaml::from_value(l.clone()).expect("labels are strings"),
            None => Default::default(),
        };
        prop_assert_eq!(got_labels, labels);
    }

    /// Valid names with tricky values must always render: values never fail policy.
    #[test]
    fn tricky_values_always_render_and_round_trip(value in tricky(), key in prop::sample::select(vec![
        "AZURE_POSTGRESQL_HOST", "AZURE_POSTGRESQL_PASSWORD", "AZURE_POSTGRESQL_USERNAME", "AZURE_POSTGRESQL_DATABASE",
    ]), password in tricky(), username in tricky()) {
        let mut s = common::spec("postgres-flexible", None, "secret", "none");
        s.values.insert(key.to_owned(), value.clone());
        let auth = s.auth.as_mut().expect("auth");
        auth.password = Some(password.clone());
        auth.username = Some(username.clone());
        let bundle = render(&s, &RenderOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let docs = common::parse_stream(&bundle.yaml());
        prop_assert_eq!(docs.len(), 2);
        let data = docs[0]["stringData"].as_mapping().expect("stringData");
        prop_assert_eq!(data.len(), 6);
        prop_assert_eq!(data.get(key).and_then(Value::as_str), Some(value.as_str()));
        if key != "AZURE_POSTGRESQL_PASSWORD" && !password.is_empty() {
            prop_assert_eq!(data.get("AZURE_POSTGRESQL_PASSWORD").and_then(Value::as_str), Some(password.as_str()));
        }
        if key != "AZURE_POSTGRESQL_USERNAME" && !username.is_empty() {
            prop_assert_eq!(data.get("AZURE_POSTGRESQL_USERNAME").and_then(Value::as_str), Some(username.as_str()));
        }
    }

    #[test]
    fn filled_locating_parameters_round_trip(account in tricky(), client_id_upper in any::<bool>()) {
        let mut s = common::spec("storage-blob", None, "workload-identity", "none");
        s.target.account = Some(account.clone());
        let cid = if client_id_upper { "00001111-AAAA-2222-BBBB-3333CCCC4444" } else { "00001111-aaaa-2222-bbbb-3333cccc4444" };
        s.auth.as_mut().expect("auth").client_id = Some(cid.into());
        let Some(bundle) = expect_policy_error(render(&s, &RenderOptions::default())) else {
            return Ok(());
        };
        let docs = common::parse_stream(&bundle.yaml());
        prop_assert_eq!(docs.len(), 3);
        let endpoint = str_at(&docs[1], &["stringData", "AZURE_STORAGEBLOB_RESOURCEENDPOINT"]).expect("endpoint");
        let expected = if account.is_empty() { "https://<storage-account-name>.blob.core.windows.net/".to_owned() } else { format!("https://{account}.blob.core.windows.net/") };
        prop_assert_eq!(endpoint, expected.as_str());
        prop_assert_eq!(str_at(&docs[0], &["metadata", "annotations", "azure.workload.identity/client-id"]), Some(cid));
    }

    #[test]
    fn keyvault_objects_cannot_inject_into_the_objects_parameter(
        name in name_or_tricky("[A-Za-z0-9-]{1,127}"),
        alias in name_or_tricky("[A-Za-z0-9._-]{1,60}"),
        version in name_or_tricky("[a-f0-9]{0,32}"),
        spc_name in name_or_tricky("[a-z0-9]([a-z0-9.-]{0,40}[a-z0-9])?"),
    ) {
        let mut s = common::spec("keyvault", None, "keyvault-csi", "none");
        s.names = Some(NamesSpec { secret_provider_class: Some(spc_name.clone()), ..Default::default() });
        s.keyvault = Some(KeyVaultSpec { objects: vec![KeyVaultObject {
            name: name.clone(), r#type: "secret".into(), version: Some(version.clone()), alias: Some(alias.clone()),
        }]});
        let Some(bundle) = expect_policy_error(render(&s, &RenderOptions::default())) else {
            return Ok(());
        };
        let docs = common::parse_stream(&bundle.yaml());
        prop_assert_eq!(docs.len(), 2);
        prop_assert_eq!(str_at(&docs[0], &["metadata", "name"]), Some(spc_name.as_str()));
        let objects = str_at(&docs[0], &["spec", "parameters", "objects"]).expect("objects");
        let outer: Value = serde_yaml::from_str(objects).expect("objects parses");
        let items = outer["array"].as_sequence().expect("array");
        prop_assert_eq!(items.len(), 1);
        let item: Value = serde_yaml::from_str(items[0].as_str().expect("item is a string")).expect("item parses");
        prop_assert_eq!(item["objectName"].as_str(), Some(name.as_str()));
        prop_assert_eq!(item["objectType"].as_str(), Some("secret"));
        if !alias.is_empty() { prop_assert_eq!(item["objectAlias"].as_str(), Some(alias.as_str())); }
        if !version.is_empty() { prop_assert_eq!(item["objectVersion"].as_str(), Some(version.as_str())); }
        let mount = &docs[1]["spec"]["template"]["spec"]["volumes"][0]["csi"]["volumeAttributes"]["secretProviderClass"];
        prop_assert_eq!(mount.as_str(), Some(spc_name.as_str()));
    }
}

/// A tiny standard base64 decoder, so the test does not trust the encoder it checks.
mod base64_check {
    pub fn decode(s: &str) -> Vec<u8> {
        let val = |c: u8| -> u32 {
            match c {
                b'A'..=b'Z' => (c - b'A') as u32,
                b'a'..=b'z' => (c - b'a' + 26) as u32,
                b'0'..=b'9' => (c - b'0' + 52) as u32,
                b'+' => 62,
                b'/' => 63,
                _ => panic!("not base64: {c}"),
            }
        };
        let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=').collect();
        let mut out = Vec::new();
        for chunk in bytes.chunks(4) {
            let mut n = 0u32;
            for (i, &c) in chunk.iter().enumerate() {
                n |= val(c) << (18 - 6 * i);
            }
            let take = chunk.len().saturating_sub(1);
            for i in 0..take {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        out
    }
}
