#![cfg(not(target_arch = "wasm32"))]
//! Quoting: whatever the values, a POSIX shell splits the printed az command
//! back into exactly the words the builder produced, and those words carry the
//! values unchanged.

use aks_service_connector::plan::az::{shell_line, shell_quote};
use aks_service_connector::{plan, ConnectionSpec, PlanContext};
use proptest::prelude::*;
use serde_json::json;

/// Arbitrary text biased towards what shells treat specially.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("'".to_owned()),
            Just("\"".to_owned()),
            Just("$(rm -rf /)".to_owned()),
            Just("`id`".to_owned()),
            Just("\\".to_owned()),
            Just("\n".to_owned()),
            Just(" ".to_owned()),
            Just("${HOME}".to_owned()),
            Just("*?[]{}~#&|;<>!".to_owned()),
            Just("ünï€😀".to_owned()),
            "\\PC{0,6}",
            any::<char>()
                .prop_filter("no NUL", |c| *c != '\0')
                .prop_map(String::from),
        ],
        0..6,
    );
    pieces.prop_map(|p| p.concat())
}

/// Like [`nasty`], minus what cannot be part of an ARM resource name (the
/// plan refuses those; see `arm_segments_are_checked` in tests/plan.rs).
fn nasty_name() -> impl Strategy<Value = String> {
    nasty().prop_map(|s| {
        s.chars()
            .filter(|c| {
                !matches!(c, '/' | '\\' | '?' | '#' | '%') && !c.is_whitespace() && !c.is_control()
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn quoted_words_split_back(words in prop::collection::vec(nasty(), 0..8)) {
        let line = shell_line(&words);
        prop_assert_eq!(shell_words::split(&line).expect("split"), words);
    }

    #[test]
    fn one_word_round_trips(w in nasty()) {
        prop_assert_eq!(shell_words::split(&shell_quote(&w)).expect("split"), vec![w]);
    }

    #[test]
    fn az_create_round_trips(
        user in nasty(), password in nasty(), key in nasty(), secret in nasty(),
        rg in nasty_name(), server in nasty_name(), database in nasty_name(),
    ) {
        // Resource names keep quotes, `$()`, backticks and unicode; credentials
        // are free text, newlines included.
        let pg: ConnectionSpec = serde_json::from_value(json!({
            "connectionName": "c1",
            "cluster": { "resourceGroup": rg, "name": "aks1" },
            "target": { "type": "postgres-flexible", "resourceGroup": rg, "server": server, "database": database },
            "auth": { "type": "secret", "username": user, "password": password },
        })).expect("spec");
        let p = plan(&pg, &PlanContext::default()).expect("plan");
        let words = shell_words::split(&p.az.create.line).expect("split");
        prop_assert_eq!(&words, &p.az.create.argv);
        if !user.is_empty() {
            let want = format!("name={user}");
            prop_assert!(words.contains(&want));
        }
        if !password.is_empty() {
            let want = format!("secret={password}");
            prop_assert!(words.contains(&want));
            prop_assert!(shell_words::split(&p.az.create.masked_line).expect("split").contains(&"secret=***".to_owned()));
        }
        for c in p.cleanup.iter().chain(&p.troubleshooting).chain(&p.az.show) {
            prop_assert_eq!(&shell_words::split(&c.line).expect("split"), &c.argv);
        }

        let sp: ConnectionSpec = serde_json::from_value(json!({
            "cluster": { "resourceGroup": "rg", "name": "aks1" },
            "target": { "type": "storage-blob", "resourceGroup": "rg", "account": "acc" },
            "auth": { "type": "service-principal", "clientId": "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb",
                      "objectId": "cccccccc-0000-1111-2222-dddddddddddd", "secret": secret },
        })).expect("spec");
        let p = plan(&sp, &PlanContext::default()).expect("plan");
        prop_assert_eq!(&shell_words::split(&p.az.create.line).expect("split"), &p.az.create.argv);
        if !secret.is_empty() {
            let want = format!("secret={secret}");
            prop_assert!(p.az.create.argv.contains(&want));
        }

        let cc: ConnectionSpec = serde_json::from_value(json!({
            "cluster": { "resourceGroup": "rg", "name": "aks1" },
            "target": { "type": "confluent-cloud", "bootstrapServer": "b.example:9092", "kafkaKey": key,
                        "kafkaSecret": secret, "schemaRegistry": "https://s.example", "schemaKey": key, "schemaSecret": password },
        })).expect("spec");
        let p = plan(&cc, &PlanContext::default()).expect("plan");
        prop_assert_eq!(&shell_words::split(&p.az.create.line).expect("split"), &p.az.create.argv);
    }
}
