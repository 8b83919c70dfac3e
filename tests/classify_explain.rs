//! `classify::explain`: the advice of a known category without text, with its
//! commands filled from the facts a tool found, as `classify` fills them from
//! a pasted error.
#![cfg(not(target_arch = "wasm32"))]

use aks_service_connector::classify::{
    category_ids, classify, explain, ClassifyContext, ExplainError,
};
use std::collections::BTreeMap;

fn context() -> ClassifyContext {
    ClassifyContext {
        resource_group: Some("rg-aks".into()),
        cluster: Some("aks-1".into()),
        namespace: Some("apps".into()),
        connection: Some("conn".into()),
    }
}

#[test]
fn every_category_explains_with_the_advice_classify_gives() {
    for id in category_ids() {
        let d = explain(id, &context(), &BTreeMap::new()).expect("known category");
        assert_eq!(d.category, id);
        assert_eq!(d.matches.len(), 1);
        let m = &d.matches[0];
        assert!(m.evidence.is_empty(), "{id}: no text, no evidence");
        assert!(!m.cause.is_empty(), "{id}");
        for command in &m.commands {
            assert!(
                !command.contains("<rg>") && !command.contains("<cluster>"),
                "{id}: {command}"
            );
        }
    }
}

#[test]
fn facts_fill_the_commands_as_the_same_facts_in_a_text_do() {
    let text = "(MissingSubscriptionRegistration) The subscription is not registered to use namespace 'Microsoft.KubernetesConfiguration'.";
    let from_text = classify(text, &context());
    let facts = BTreeMap::from([(
        "providerNamespace".to_owned(),
        "Microsoft.KubernetesConfiguration".to_owned(),
    )]);
    let explained = explain("subscription_not_registered", &context(), &facts).expect("explains");
    assert_eq!(from_text.category, "subscription_not_registered");
    assert_eq!(explained.matches[0].commands, from_text.matches[0].commands);
    assert_eq!(
        explained.entities["providerNamespace"],
        ["Microsoft.KubernetesConfiguration"]
    );
}

#[test]
fn the_wrong_client_id_is_in_the_commands() {
    let id = "11111111-2222-3333-4444-555555555555";
    let facts = BTreeMap::from([("clientId".to_owned(), id.to_owned())]);
    let d = explain("wi_wrong_client_id", &context(), &facts).expect("explains");
    assert!(
        d.matches[0].commands.iter().any(|c| c.contains(id)),
        "{:?}",
        d.matches[0].commands
    );
}

#[test]
fn secrets_in_facts_are_redacted() {
    let facts = BTreeMap::from([("scope".to_owned(), "x?sig=Zq9secretvalue".to_owned())]);
    let d = explain("authorization_failed", &context(), &facts).expect("explains");
    let json = serde_json::to_string(&d).expect("json");
    assert!(!json.contains("Zq9secretvalue"), "{json}");
}

#[test]
fn unknown_categories_and_fact_names_are_typed_errors() {
    let long = "x".repeat(500);
    match explain(&long, &context(), &BTreeMap::new()) {
        Err(e @ ExplainError::UnknownCategory { .. }) => {
            let message = e.to_string();
            assert!(
                message.starts_with("expected one of the classifier's category ids, found \"xxx"),
                "{message}"
            );
            assert!(
                message.len() < 120,
                "the bad value is quoted short: {message}"
            );
        }
        other => panic!("{other:?}"),
    }
    let facts = BTreeMap::from([("password".to_owned(), "p".to_owned())]);
    match explain("other", &context(), &facts) {
        Err(e @ ExplainError::UnknownFact { .. }) => {
            assert!(e.to_string().contains("found \"password\""), "{e}");
            assert!(e.to_string().contains("clientId"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}
