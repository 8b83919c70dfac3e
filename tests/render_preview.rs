//! `preview` writes the YAML straight from the resolution, `render` from the typed objects'
//! trees: the two agree byte for byte (the stream, each document's heads and YAML, the
//! findings, the errors, and the wasm module's render result with the objects as JSON) over the whole catalog with every workload kind and encoding, and
//! for arbitrary names, values, keys, labels, commands and Key Vault objects.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use aks_service_connector::catalog;
use aks_service_connector::render::preview;
use aks_service_connector::spec::{KeyVaultObject, KeyVaultSpec, NamesSpec, WorkloadSpec};
use aks_service_connector::testing::render_result;
use aks_service_connector::{render, ConnectionSpec, RenderOptions, SecretEncoding};
use proptest::prelude::*;
use std::collections::BTreeMap;

const ENCODINGS: [SecretEncoding; 2] = [SecretEncoding::StringData, SecretEncoding::Data];
const WORKLOADS: [Option<&str>; 4] = [None, Some("Deployment"), Some("Pod"), Some("none")];

/// Asserts that `preview` gives what `render` gives for `spec`; returns whether it rendered.
fn same(spec: &ConnectionSpec, encoding: SecretEncoding) -> Result<bool, TestCaseError> {
    let options = RenderOptions {
        secret_encoding: encoding,
    };
    match (render(spec, &options), preview(spec, &options)) {
        (Ok(bundle), Ok(p)) => {
            prop_assert_eq!(&p.yaml, &bundle.yaml());
            prop_assert_eq!(p.documents.len(), bundle.documents.len());
            for (i, (head, d)) in p.documents.iter().zip(&bundle.documents).enumerate() {
                prop_assert_eq!(head.object_kind, d.object_kind);
                prop_assert_eq!(&head.name, &d.name);
                prop_assert_eq!(&head.namespace, &d.namespace);
                prop_assert_eq!(p.document_yaml(i), Some(d.yaml.as_str()));
            }
            prop_assert_eq!(&p.findings, &bundle.findings);
            // The wasm module's render result: the objects as JSON, written straight from
            // the resolution, equal to the text of the bundle's trees.
            let written = render_result::written(spec, &options)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(written, render_result::of_bundle(&bundle));
            Ok(true)
        }
        (Err(a), Err(b)) => {
            prop_assert_eq!(a.to_string(), b.to_string());
            prop_assert_eq!(a.findings(), b.findings());
            let c = render_result::written(spec, &options)
                .err()
                .ok_or_else(|| TestCaseError::fail("the render result was written"))?;
            prop_assert_eq!(a.findings(), c.findings());
            Ok(false)
        }
        (a, b) => Err(TestCaseError::fail(format!(
            "render and preview disagree: {:?} / {:?}",
            a.map(|b| b.yaml()),
            b.map(|p| p.yaml)
        ))),
    }
}

#[test]
fn the_whole_catalog_with_every_workload_and_encoding() {
    let mut rendered = 0;
    for c in catalog::combinations() {
        for workload in WORKLOADS {
            for encoding in ENCODINGS {
                let mut spec = c.spec();
                if let Some(kind) = workload {
                    spec = common::with_workload(spec, kind);
                }
                // Every combination renders with its defaults.
                assert!(same(&spec, encoding).unwrap(), "{c:?} {workload:?}");
                rendered += 1;
                // With ids, labels, names and a second connection too.
                let auth = spec.auth.get_or_insert_with(Default::default);
                auth.client_id = Some("00001111-AAAA-2222-BBBB-3333CCCC4444".into());
                auth.tenant_id = Some("22222222-2222-2222-2222-222222222222".into());
                spec.another_connection_of_type = true;
                spec.connection_name = Some("conn.2".into());
                let w = spec.workload.get_or_insert_with(Default::default);
                w.labels =
                    BTreeMap::from([("team".into(), "a".into()), ("tier".into(), "1".into())]);
                same(&spec, encoding).unwrap();
            }
        }
    }
    assert!(rendered > 3000, "{rendered}");
}

#[test]
fn empty_secrets_empty_commands_and_several_keyvault_objects() {
    // A combination without configuration keys renders `stringData: {}` / `data: {}`.
    let empty = catalog::combinations()
        .find(|c| {
            catalog::keys_for(
                c.target,
                c.account_kind.unwrap_or(catalog::AccountKind::ALL[0]),
                c.auth,
                c.client,
            )
            .next()
            .is_none()
                && c.auth.as_str() != "keyvault-csi"
        })
        .expect("a combination without keys");
    for encoding in ENCODINGS {
        assert!(same(&empty.spec(), encoding).unwrap());
    }
    // Two keys customized to one name: whatever policy says, both say it alike.
    let mut clash = common::spec("storage-blob", None, "service-principal", "python");
    clash.customized_keys.insert(
        "AZURE_STORAGEBLOB_CLIENTID".into(),
        "AZURE_STORAGEBLOB_TENANTID".into(),
    );
    for encoding in ENCODINGS {
        same(&clash, encoding).unwrap();
    }
    let mut spec = common::spec("keyvault", None, "keyvault-csi", "none");
    spec.keyvault = Some(KeyVaultSpec {
        objects: vec![
            KeyVaultObject {
                name: "a".into(),
                r#type: "secret".into(),
                version: Some("v1".into()),
                alias: Some("x".into()),
            },
            KeyVaultObject {
                name: "b".into(),
                r#type: "cert".into(),
                version: None,
                alias: None,
            },
        ],
    });
    for kind in ["Job", "Deployment", "Pod"] {
        let mut s = common::with_workload(spec.clone(), kind);
        assert!(same(&s, SecretEncoding::StringData).unwrap());
        // Policy refuses an empty command; both say so alike.
        s.workload.as_mut().unwrap().command = Some(vec![]);
        assert!(!same(&s, SecretEncoding::StringData).unwrap());
    }
}

/// Strings built from pieces that have meaning in YAML, plus arbitrary chars.
fn tricky() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_owned()),
        Just("---".to_owned()),
        Just(": ".to_owned()),
        Just(" #".to_owned()),
        Just(" ".to_owned()),
        Just("&a*b!c".to_owned()),
        Just("\u{2028}".to_owned()),
        Just("\u{85}".to_owned()),
        Just("\t\r".to_owned()),
        Just("'\"\\".to_owned()),
        Just("{[|>%@,]}".to_owned()),
        Just("- ".to_owned()),
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("0x1F".to_owned()),
        Just("ü€😀".to_owned()),
        Just("<placeholder>".to_owned()),
        Just("a".to_owned()),
        Just("sc-name".to_owned()),
        Just("app".to_owned()),
        Just("azure.workload.identity/use".to_owned()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

/// Mostly valid (so that most cases render), sometimes tricky.
fn valid_or_tricky(valid: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![3 => valid, 1 => tricky()]
}

fn label_key() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "[a-z]{1,6}(/[a-z]{1,6})?",
        1 => Just("app".to_owned()),
        1 => Just("azure.workload.identity/use".to_owned()),
        1 => tricky(),
    ]
}

prop_compose! {
    fn any_spec()(
        combination in prop::sample::select(catalog::combinations().collect::<Vec<_>>()),
        workload in prop::sample::select(WORKLOADS.to_vec()),
        connection in valid_or_tricky("[A-Za-z0-9._]{1,30}"),
        namespace in valid_or_tricky("[a-z0-9]{1,20}"),
        names in prop::collection::vec(valid_or_tricky("[a-z0-9]{1,20}"), 3),
        override_names in any::<bool>(),
        client_id in prop_oneof![
            Just(None),
            Just(Some("00001111-aaaa-2222-bbbb-3333cccc4444".to_owned())),
            tricky().prop_map(Some),
        ],
        tenant_id in prop::option::of(valid_or_tricky("[0-9a-f-]{1,36}")),
        values in prop::collection::vec((any::<prop::sample::Index>(), tricky()), 0..4),
        customized in prop::collection::vec((any::<prop::sample::Index>(), valid_or_tricky("[A-Z_]{1,12}")), 0..3),
        another in any::<bool>(),
        image in prop::option::of(valid_or_tricky("[a-z0-9./:-]{1,30}")),
        command in prop::option::of(prop::collection::vec(tricky(), 0..3)),
        labels in prop::collection::btree_map(label_key(), valid_or_tricky("[a-z0-9]{0,6}"), 0..3),
        objects in prop::collection::vec(
            (valid_or_tricky("[A-Za-z0-9-]{1,20}"), prop::option::of(tricky()), prop::option::of(tricky())),
            0..3,
        ),
    ) -> ConnectionSpec {
        let mut s = combination.spec();
        s.connection_name = Some(connection);
        s.namespace = Some(namespace);
        if override_names {
            s.names = Some(NamesSpec {
                secret: Some(names[0].clone()),
                service_account: Some(names[1].clone()),
                secret_provider_class: Some(names[2].clone()),
                ..Default::default()
            });
        }
        let auth = s.auth.get_or_insert_with(Default::default);
        auth.client_id = client_id;
        auth.tenant_id = tenant_id;
        let keys: Vec<&str> = catalog::keys_for(
            combination.target,
            combination.account_kind.unwrap_or(catalog::AccountKind::ALL[0]),
            combination.auth,
            combination.client,
        )
        .map(|r| r.key)
        .collect();
        if !keys.is_empty() {
            for (i, v) in values {
                s.values.insert(i.get(&keys).to_string(), v);
            }
            for (i, k) in customized {
                s.customized_keys.insert(i.get(&keys).to_string(), k);
            }
        }
        s.another_connection_of_type = another;
        s.workload = Some(WorkloadSpec {
            workload_kind: workload.map(str::to_owned),
            name: None,
            image,
            command,
            labels,
        });
        if !objects.is_empty() {
            s.keyvault = Some(KeyVaultSpec {
                objects: objects
                    .into_iter()
                    .map(|(name, version, alias)| KeyVaultObject { name, r#type: "secret".into(), version, alias })
                    .collect(),
            });
        }
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_specs_preview_as_they_render(spec in any_spec(), data in any::<bool>()) {
        let encoding = if data { SecretEncoding::Data } else { SecretEncoding::StringData };
        same(&spec, encoding)?;
    }
}
