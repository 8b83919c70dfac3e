//! The catalog's per-auth inputs are exactly the `auth` fields the core reads: each
//! listed field changes the rendered YAML or the plan for some client, and each
//! unlisted one changes neither (and is flagged when given).

use aks_service_connector::catalog::{self, AuthId, TARGETS};
use aks_service_connector::{plan, render, ConnectionSpec, PlanContext, RenderOptions};

const SUB: &str = "11112222-3333-4444-5555-666677778888";
const GUID: &str = "aaaabbbb-cccc-dddd-eeee-ffff00001111";
const IDENTITY: &str = "/subscriptions/11112222-3333-4444-5555-666677778888/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id";

/// Every `auth` field with a value the policy accepts.
const FIELDS: &[(&str, &str)] = &[
    ("auth.clientId", GUID),
    ("auth.subscriptionId", SUB),
    ("auth.tenantId", GUID),
    ("auth.identityId", IDENTITY),
    ("auth.objectId", GUID),
    ("auth.secret", "s3cret-value"),
    ("auth.username", "dbuser"),
    ("auth.password", "p4ss-value"),
];

fn spec(target: &str, auth: AuthId, client: &str, field: Option<(&str, &str)>) -> ConnectionSpec {
    let mut json = serde_json::json!({
        "target": { "type": target },
        "auth": { "type": auth.as_str() },
        "clientType": client,
        "namespace": "apps",
    });
    if let Some((path, value)) = field {
        let name = path.trim_start_matches("auth.");
        json["auth"][name] = serde_json::Value::from(value);
    }
    serde_json::from_value(json).expect("a valid spec shape")
}

/// Everything the core derives from a spec: the YAML, and the plan's requests and commands.
fn outputs(spec: &ConnectionSpec) -> String {
    let yaml = render(spec, &RenderOptions::default())
        .map(|b| b.yaml())
        .unwrap_or_default();
    let plan = plan(spec, &PlanContext::default())
        .map(|p| format!("{:?}{:?}{:?}", p.requests, p.az, p.bicep))
        .unwrap_or_default();
    format!("{yaml}\n{plan}")
}

#[test]
fn auth_inputs_are_the_fields_the_core_reads() {
    let cat = aks_service_connector::catalog();
    for t in &TARGETS {
        let entry = cat
            .targets
            .iter()
            .find(|e| e.id == t.id)
            .expect("every target listed");
        for &auth in t.auth_types {
            let listed = &entry
                .auth_inputs
                .iter()
                .find(|a| a.auth == auth)
                .expect("every auth id of the target listed")
                .fields;
            let target = t.id.as_str();
            for &(path, value) in FIELDS {
                let read = t.client_types.iter().any(|c| {
                    let base = outputs(&spec(target, auth, c.as_str(), None));
                    base != outputs(&spec(target, auth, c.as_str(), Some((path, value))))
                });
                assert_eq!(
                    read,
                    listed.contains(&path),
                    "{target}/{auth}: {path} read by the core: {read}; catalog lists {listed:?}"
                );
                if !read && path != "auth.tenantId" {
                    let findings = aks_service_connector::validate(&spec(
                        target,
                        auth,
                        "none",
                        Some((path, value)),
                    ));
                    assert!(
                        findings
                            .iter()
                            .any(|f| f.field == path && (f.code == "SC031" || f.code == "SC016")),
                        "{target}/{auth}: an ignored {path} is flagged"
                    );
                }
            }
        }
    }
}

#[test]
fn parameter_labels_name_the_resource() {
    let cat = aks_service_connector::catalog();
    let label = |target: &str, field: &str| {
        let t = cat
            .targets
            .iter()
            .find(|t| t.id.as_str() == target)
            .expect("target");
        t.parameters
            .iter()
            .find(|p| p.field == field)
            .expect("parameter")
            .label
    };
    assert_eq!(label("servicebus", "namespace"), "Service Bus namespace");
    assert_eq!(label("eventhub", "namespace"), "Event Hubs namespace");
    assert_eq!(label("storage-blob", "resourceGroup"), "Resource group");
    assert_eq!(label("storage-blob", "account"), "Storage account");
    assert_eq!(label("cosmos-sql", "account"), "Cosmos DB account");
    for t in &cat.targets {
        assert!(!t.family.is_empty());
        for p in &t.parameters {
            assert!(
                p.label.chars().next().is_some_and(char::is_uppercase),
                "{} {}",
                t.id,
                p.field
            );
        }
    }
}

#[test]
fn workload_identity_takes_the_identity_inputs() {
    assert_eq!(
        catalog::auth_inputs(AuthId::WorkloadIdentity, catalog::TargetId::StorageBlob),
        [
            "auth.clientId",
            "auth.subscriptionId",
            "auth.identityId",
            "auth.tenantId"
        ]
    );
    assert_eq!(
        catalog::auth_inputs(AuthId::ConnectionString, catalog::TargetId::StorageBlob),
        Vec::<&str>::new()
    );
}
