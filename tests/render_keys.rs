//! For every (target, kind, auth, client) of the key table: the rendered
//! Secret holds exactly that combination's keys — no more, no fewer; and only the
//! combinations the docs list no keys for render an empty Secret.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use aks_service_connector::catalog::{
    combinations, empty_rows, key_rows, undocumented, AccountKind, AuthId,
};
use aks_service_connector::{render, RenderOptions, SecretEncoding};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn every_key_table_combination_renders_exactly_its_keys() {
    let mut combos: BTreeMap<(String, Option<&str>, &str, &str), BTreeSet<&str>> = BTreeMap::new();
    for r in key_rows() {
        let id = (
            r.target.as_str().to_owned(),
            r.account_kind.map(|k| k.as_str()),
            r.auth.as_str(),
            r.client.as_str(),
        );
        combos.entry(id).or_default().insert(r.key);
    }
    assert_eq!(combos.len(), 375, "combinations in the key table");
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
    assert_eq!(secrets, (375 - 6) * 2);
}

#[test]
fn only_the_marked_combinations_render_an_empty_secret_and_say_why() {
    let mut empty = 0;
    for c in combinations() {
        let kind = c.account_kind.map(|k| k.as_str());
        let bundle = render(
            &common::spec(c.target.as_str(), kind, c.auth.as_str(), c.client.as_str()),
            &RenderOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{c:?}: {e}"));
        let docs = common::parse_stream(&bundle.yaml());
        let marked = undocumented(
            c.target,
            c.account_kind.unwrap_or(AccountKind::ALL[0]),
            c.auth,
            c.client,
        );
        let note = bundle.findings.iter().find(|f| f.code == "SC026");
        if c.auth == AuthId::KeyvaultCsi {
            assert!(marked.is_none() && note.is_none(), "{c:?}");
            continue;
        }
        let secret = docs
            .iter()
            .find(|d| d["kind"] == "Secret")
            .unwrap_or_else(|| panic!("{c:?}: no Secret"));
        let keys = secret["stringData"].as_mapping().map_or(0, |m| m.len());
        match marked {
            Some(row) => {
                empty += 1;
                assert_eq!(keys, 0, "{c:?}: marked empty but renders keys");
                let note = note.unwrap_or_else(|| panic!("{c:?}: no SC026 finding"));
                assert!(
                    note.message.contains(row.source()) && note.message.contains(row.reason),
                    "{c:?}: {}",
                    note.message
                );
            }
            None => {
                assert!(keys > 0, "{c:?}: renders an empty Secret but is not marked");
                assert!(note.is_none(), "{c:?}: SC026 without an empty Secret");
            }
        }
    }
    assert_eq!(empty, empty_rows().len());
}
