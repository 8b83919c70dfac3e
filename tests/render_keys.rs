//! For every (target, kind, auth, client) of the key table: the rendered
//! Secret holds exactly that combination's keys — no more, no fewer.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use aks_service_connector::catalog::{key_rows, AuthId};
use aks_service_connector::{render, RenderOptions, SecretEncoding};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn every_key_table_combination_renders_exactly_its_keys() {
    let mut combos: BTreeMap<(String, Option<&str>, &str, &str), BTreeSet<&str>> = BTreeMap::new();
    for r in key_rows() {
        let id = (
            r.target.as_str().to_owned(),
            r.kind.map(|k| k.as_str()),
            r.auth.as_str(),
            r.client.as_str(),
        );
        combos.entry(id).or_default().insert(r.key);
    }
    assert_eq!(combos.len(), 348, "combinations in the key table");
    let mut secrets = 0;
    for ((target, kind, auth, client), expected) in &combos {
        for encoding in [SecretEncoding::StringData, SecretEncoding::Data] {
            let s = common::spec(target, *kind, auth, client);
            let bundle = render(
                &s,
                &RenderOptions {
                    secret_encoding: encoding,
                },
            )
            .unwrap_or_else(|e| panic!("{target} {kind:?} {auth} {client}: {e}"));
            let docs = common::parse_stream(&bundle.yaml());
            let secret = docs.iter().find(|d| d["kind"] == "Secret");
            if *auth == AuthId::KeyvaultCsi.as_str() {
                // CSI keys feed the SecretProviderClass; no Secret is rendered.
                assert!(secret.is_none(), "{target} csi rendered a Secret");
                continue;
            }
            let secret = secret.unwrap_or_else(|| panic!("{target} {auth} {client}: no Secret"));
            let field = match encoding {
                SecretEncoding::StringData => "stringData",
                SecretEncoding::Data => "data",
            };
            let keys: BTreeSet<&str> = secret[field]
                .as_mapping()
                .unwrap_or_else(|| panic!("{target} {auth} {client}: no {field}"))
                .keys()
                .map(|k| k.as_str().unwrap_or_default())
                .collect();
            assert_eq!(
                &keys, expected,
                "{target} {kind:?} {auth} {client} ({field})"
            );
            secrets += 1;
        }
    }
    assert_eq!(secrets, (348 - 6) * 2);
}
