//! Policy: each rule fires on a spec that breaks it, at the right field, and
//! a complete, well-formed spec has no error.
#![cfg(not(target_arch = "wasm32"))]

use aks_service_connector::policy::{plan as plan_rules, rules};
use aks_service_connector::{render, validate, ConnectionSpec, Error, RenderOptions, Severity};

fn spec(json: &str) -> ConnectionSpec {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("bad test spec {json}: {e}"))
}

/// (spec, expected code, expected field)
#[rustfmt::skip]
const CASES: &[(&str, &str, &str)] = &[
    (
        r#"{"target":{"type":"storage-blob"},"connectionName":"bad name!"}"#,
        "SC001",
        "connectionName",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"connectionName":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}"#,
        "SC001",
        "connectionName",
    ),
    (r#"{"target":{"type":"confluent-cloud"},"connectionName":"kafkaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}"#, "SC002", "connectionName"),
    (
        r#"{"target":{"type":"confluent-cloud"},"connectionName":"kafka_schema"}"#,
        "SC002",
        "connectionName",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"namespace":"Apps"}"#,
        "SC003",
        "namespace",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"names":{"secret":"My_Secret"}}"#,
        "SC004",
        "names.secret",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"names":{"serviceAccount":"-sa"}}"#,
        "SC004",
        "names.serviceAccount",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"workload":{"name":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}"#,
        "SC004",
        "workload.name",
    ),
    (
        r#"{"target":{"type":"keyvault"},"names":{"secretProviderClass":"a..b"}}"#,
        "SC004",
        "names.secretProviderClass",
    ),
    (r#"{"target":{"type":"storage-blob"},"workload":{"labels":{"team/":"x"}}}"#, "SC005", "workload.labels.team/"),
    (r#"{"target":{"type":"storage-blob"},"workload":{"labels":{"team":"a b"}}}"#, "SC005", "workload.labels.team"),
    (r#"{"target":{"type":"storage-blob"},"workload":{"labels":{"app":"web"}}}"#, "SC005", "workload.labels.app"),
    (
        r#"{"target":{"type":"storage-blob"},"customizedKeys":{"AZURE_STORAGEBLOB_CLIENTID":"has space"}}"#,
        "SC006",
        "customizedKeys.AZURE_STORAGEBLOB_CLIENTID",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"connectionName":"bad name!","anotherConnectionOfType":true}"#,
        "SC006",
        "connectionName",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"customizedKeys":{"AZURE_NOPE":"X"}}"#,
        "SC007",
        "customizedKeys.AZURE_NOPE",
    ),
    (
        r#"{"target":{"type":"confluent-cloud"},"customizedKeys":{"AZURE_CONFLUENTCLOUDSCHEMAREGISTRY_URL":"X"}}"#,
        "SC007",
        "customizedKeys.AZURE_CONFLUENTCLOUDSCHEMAREGISTRY_URL",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"customizedKeys":{"AZURE_STORAGEBLOB_CLIENTID":"AZURE_STORAGEBLOB_RESOURCEENDPOINT"}}"#,
        "SC007",
        "customizedKeys.AZURE_STORAGEBLOB_CLIENTID",
    ),
    (
        r#"{"target":{"type":"sql"},"auth":{"type":"workload-identity"}}"#,
        "SC008",
        "auth.type",
    ),
    (
        r#"{"target":{"type":"signalr"},"clientType":"python"}"#,
        "SC009",
        "clientType",
    ),
    (
        r#"{"target":{"type":"fabric-sql"}}"#,
        "SC010",
        "target.type",
    ),
    (r#"{"target":{"type":"storage-blob"}}"#, "SC011", "target"),
    (
        r#"{"target":{"type":"neon-postgres","server":"s"}}"#,
        "SC011",
        "target",
    ),
    (
        r#"{"target":{"type":"neon-postgres","server":"s","database":"d","id":"/subscriptions/x/resourceGroups/r/providers/Neon.Postgres/organizations/o"}}"#,
        "SC031",
        "target.id",
    ),
    (
        r#"{"target":{"type":"mongodb-atlas","subscription":"00001111-aaaa-2222-bbbb-3333cccc4444"}}"#,
        "SC031",
        "target.subscription",
    ),
    (
        r#"{"target":{"type":"mongodb-atlas"},"auth":{"username":"u","password":"mongodb+srv://h/"}}"#,
        "SC031",
        "auth.username",
    ),
    (
        r#"{"target":{"type":"mongodb-atlas"}}"#,
        "SC015",
        "auth",
    ),
    (
        r#"{"target":{"type":"keyvault","id":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a"}}"#,
        "SC012",
        "target.id",
    ),
    (
        r#"{"target":{"type":"keyvault","vault":"other","id":"/subscriptions/aaaabbbb-0000-cccc-1111-dddd2222eeee/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"}}"#,
        "SC012",
        "target.id",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"auth":{"clientId":"not-a-guid"}}"#,
        "SC013",
        "auth.clientId",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"cluster":{"subscription":"1234"}}"#,
        "SC013",
        "cluster.subscription",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"auth":{"identityId":"/subscriptions/x/rg"}}"#,
        "SC014",
        "auth.identityId",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"auth":{"subscriptionId":"aaaabbbb-0000-cccc-1111-dddd2222eeee","identityId":"/subscriptions/00001111-aaaa-2222-bbbb-3333cccc4444/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id"}}"#,
        "SC014",
        "auth.subscriptionId",
    ),
    (r#"{"target":{"type":"sql"}}"#, "SC015", "auth"),
    (
        r#"{"target":{"type":"storage-blob"},"auth":{"type":"service-principal","clientId":"00001111-aaaa-2222-bbbb-3333cccc4444"}}"#,
        "SC015",
        "auth",
    ),
    (
        r#"{"target":{"type":"keyvault"},"auth":{"clientId":"00001111-aaaa-2222-bbbb-3333cccc4444"}}"#,
        "SC016",
        "auth.clientId",
    ),
    (
        r#"{"target":{"type":"confluent-cloud","bootstrapServer":"https://x"}}"#,
        "SC017",
        "target.bootstrapServer",
    ),
    (
        r#"{"target":{"type":"confluent-cloud","schemaRegistry":"http://x"}}"#,
        "SC017",
        "target.schemaRegistry",
    ),
    (
        r#"{"target":{"type":"confluent-cloud","bootstrapServer":"pkc-1.us-east-1.aws.confluent.cloud:9092"}}"#,
        "SC039",
        "target.bootstrapServer",
    ),
    (
        r#"{"target":{"type":"confluent-cloud","schemaRegistry":"https://psrc-1.example"}}"#,
        "SC039",
        "target.schemaRegistry",
    ),
    (
        r#"{"target":{"type":"appconfig"},"auth":{"type":"connection-string"}}"#,
        "SC018",
        "auth.type",
    ),
    (r#"{"target":{"type":"postgres"}}"#, "SC019", "target.type"),
    (
        r#"{"target":{"type":"servicebus"},"auth":{"type":"connection-string"}}"#,
        "SC020",
        "auth.type",
    ),
    (
        r#"{"target":{"type":"postgres-flexible"},"auth":{"password":"p@ss"}}"#,
        "SC021",
        "values",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"auth":{"type":"connection-string"},"values":{"AZURE_STORAGEBLOB_CONNECTIONSTRING":"x"}}"#,
        "SC021",
        "values",
    ),
    (
        r#"{"target":{"type":"storage-blob"}}"#,
        "SC022",
        "namespace",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"values":{"AZURE_STORAGEBLOB_CONNECTIONSTRING":"x"}}"#,
        "SC023",
        "values.AZURE_STORAGEBLOB_CONNECTIONSTRING",
    ),
    (
        r#"{"target":{"type":"cognitiveservices","kind":"Speech"}}"#,
        "SC024",
        "target.kind",
    ),
    (
        r#"{"target":{"type":"redis","kind":"OpenAI"}}"#,
        "SC024",
        "target.kind",
    ),
    (
        r#"{"target":{"type":"keyvault"},"keyvault":{"objects":[{"name":"a b","type":"secret"}]}}"#,
        "SC025",
        "keyvault.objects[0].name",
    ),
    (
        r#"{"target":{"type":"keyvault"},"keyvault":{"objects":[{"name":"a","type":"password"}]}}"#,
        "SC025",
        "keyvault.objects[0].type",
    ),
    (
        r#"{"target":{"type":"keyvault"},"keyvault":{"objects":[{"name":"a","type":"secret"},{"name":"b","type":"key","alias":"a"}]}}"#,
        "SC025",
        "keyvault.objects[1].alias",
    ),
    (
        r#"{"target":{"type":"app-insights"}}"#,
        "SC026",
        "clientType",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"anotherConnectionOfType":true}"#,
        "SC027",
        "anotherConnectionOfType",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"workload":{"kind":"StatefulSet"}}"#,
        "SC028",
        "workload.kind",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"workload":{"image":"two words"}}"#,
        "SC028",
        "workload.image",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"workload":{"command":[]}}"#,
        "SC028",
        "workload.command",
    ),
    (
        r#"{"target":{"type":"storage-blob"}}"#,
        "SC029",
        "auth.clientId",
    ),
    (
        r#"{"target":{"type":"storage-blob","vault":"kv"}}"#,
        "SC031",
        "target.vault",
    ),
    (
        r#"{"target":{"type":"storage-blob"},"keyvault":{"objects":[{"name":"a","type":"secret"}]}}"#,
        "SC031",
        "keyvault.objects",
    ),
];

#[test]
fn every_rule_fires_at_its_field() {
    for (json, code, field) in CASES {
        let findings = validate(&spec(json));
        assert!(
            findings
                .iter()
                .any(|f| f.code == *code && f.field == *field),
            "expected {code} at {field} for {json}, got {findings:#?}"
        );
    }
}

#[test]
fn every_rule_has_a_case() {
    // The plan's rules are reported by `plan` only; tests/plan.rs has their cases.
    for rule in rules::ALL.iter().filter(|r| !plan_rules::RULES.contains(r)) {
        let has_case = CASES.iter().any(|(_, code, _)| *code == rule.code);
        // A retired code is never reported, so it has no case; a live one needs one.
        assert_ne!(
            has_case,
            rules::RETIRED.contains(&rule.code),
            "{}: a case exists for a retired code, or none for a live one",
            rule.code
        );
    }
}

#[test]
fn findings_carry_the_rule_severity_and_errors_come_first() {
    let findings = validate(&spec(
        r#"{"target":{"type":"postgres"},"namespace":"Bad","connectionName":"x y","auth":{"tenantId":"t"}}"#,
    ));
    let severities: Vec<Severity> = findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    for f in &findings {
        let rule = rules::ALL
            .iter()
            .find(|r| r.code == f.code)
            .expect("known code");
        assert_eq!(rule.severity, f.severity, "{f}");
        assert!(!f.message.ends_with('.'), "trailing period: {f}");
        assert!(
            !f.message.starts_with(|c: char| c.is_ascii_uppercase()),
            "capitalized: {f}"
        );
    }
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        3
    );
}

#[test]
fn unsupported_auth_names_the_supported_ones() {
    let findings = validate(&spec(
        r#"{"target":{"type":"redis-enterprise"},"auth":{"type":"workload-identity"}}"#,
    ));
    let f = findings.iter().find(|f| f.code == "SC008").expect("SC008");
    assert_eq!(
        f.message,
        "auth \"workload-identity\" is not supported for `redis-enterprise` on AKS; expected one of connection-string"
    );
}

#[test]
fn complete_spec_has_no_errors_or_warnings_but_info() {
    let s = spec(
        r#"{ "connectionName": "storage_conn", "namespace": "apps",
             "target": { "type": "storage-blob", "subscription": "aaaabbbb-0000-cccc-1111-dddd2222eeee",
                         "resourceGroup": "data-rg", "account": "mystore" },
             "auth": { "type": "workload-identity", "clientId": "00001111-aaaa-2222-bbbb-3333cccc4444",
                       "subscriptionId": "aaaabbbb-0000-cccc-1111-dddd2222eeee", "tenantId": "aaaabbbb-0000-cccc-1111-dddd2222eeee",
                       "identityId": "/subscriptions/aaaabbbb-0000-cccc-1111-dddd2222eeee/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id" },
             "clientType": "python",
             "cluster": { "subscription": "aaaabbbb-0000-cccc-1111-dddd2222eeee", "resourceGroup": "aks-rg", "name": "my-aks" } }"#,
    );
    assert_eq!(validate(&s), vec![]);
}

#[test]
fn render_refuses_errors_with_every_finding() {
    let s = spec(r#"{"target":{"type":"storage-blob"},"namespace":"NS","connectionName":"a b"}"#);
    let err = render(&s, &RenderOptions::default()).expect_err("invalid");
    assert_eq!(err.code(), "invalid-spec");
    assert!(matches!(&err, Error::InvalidSpec { .. }));
    let codes: Vec<_> = err.findings().iter().map(|f| f.code).collect();
    assert!(
        codes.contains(&"SC001") && codes.contains(&"SC003"),
        "{codes:?}"
    );
    assert_eq!(err.field(), Some("connectionName"));
    assert!(
        err.to_string()
            .starts_with("connection spec is invalid: SC001 connectionName: "),
        "{err}"
    );
}

#[test]
fn unknown_fields_are_rejected_by_name() {
    let err = serde_json::from_str::<ConnectionSpec>(r#"{"target":{"type":"x"},"secretName":"s"}"#)
        .expect_err("unknown");
    assert!(
        err.to_string().contains("unknown field `secretName`"),
        "{err}"
    );
    let err = serde_json::from_str::<ConnectionSpec>(r#"{"target":{"type":"x","acount":"a"}}"#)
        .expect_err("unknown");
    assert!(err.to_string().contains("unknown field `acount`"), "{err}");
    let err = serde_json::from_str::<ConnectionSpec>(r#"{}"#).expect_err("missing target");
    assert!(err.to_string().contains("missing field `target`"), "{err}");
}

#[test]
fn bundle_json_lists_the_same_objects_in_order() {
    let bundle = render(
        &spec(r#"{"target":{"type":"keyvault"},"namespace":"apps"}"#),
        &RenderOptions::default(),
    )
    .expect("renders");
    let json: serde_json::Value =
        serde_json::from_str(&bundle.json().expect("json")).expect("parses");
    let kinds: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|o| o["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["SecretProviderClass", "Job"]);
    assert_eq!(json[0]["spec"]["parameters"]["usePodIdentity"], "false");
}

#[test]
fn minimal_spec_renders_with_defaults() {
    let bundle = render(
        &spec(r#"{"target":{"type":"storage-blob"}}"#),
        &RenderOptions::default(),
    )
    .expect("renders");
    let names: Vec<_> = bundle
        .documents
        .iter()
        .map(|d| (d.object_kind, d.name.as_str(), d.namespace.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("ServiceAccount", "sc-account-storageblob-conn", "default"),
            ("Secret", "sc-storageblob-conn-secret", "default"),
            ("Job", "sc-sample-job", "default"),
        ]
    );
}
