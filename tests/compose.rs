//! Workload sets: several connections for one workload. The objects of Blob,
//! Service Bus and Key Vault (CSI) composed for one sample workload and for an
//! existing one, read back by kubectl and validated with kubernetes-validate
//! --strict; each clash gives its code, the field in the set, both sides and a fix.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::tools::{kubernetes_validate, root, run, scratch, strategic_patch};

use std::path::Path;
use std::process::Command;

use aks_service_connector::compose::MountSpec;
use aks_service_connector::compose::{compose, SetConnection, WorkloadSet, RULES};
use aks_service_connector::render::WireTarget;
use aks_service_connector::spec::{AuthSpec, WorkloadSpec};
use aks_service_connector::{render, ConnectionSpec, Error, Finding, RenderOptions};
use serde_json::{json, Value};

const CLIENT_ID: &str = "00001111-aaaa-2222-bbbb-3333cccc4444";
const OTHER_CLIENT_ID: &str = "55556666-dddd-7777-eeee-8888ffff9999";

fn wi(target: &str, name: &str, client_id: &str) -> ConnectionSpec {
    let mut s = common::spec(target, None, "workload-identity", "none");
    s.connection_name = Some(name.to_owned());
    s.auth = Some(AuthSpec {
        r#type: Some("workload-identity".into()),
        client_id: Some(client_id.into()),
        ..Default::default()
    });
    s
}

fn blob() -> ConnectionSpec {
    let mut s = wi("storage-blob", "blob_conn", CLIENT_ID);
    s.target.account = Some("mystore".into());
    s
}

fn servicebus() -> ConnectionSpec {
    let mut s = wi("servicebus", "bus_conn", CLIENT_ID);
    s.target.namespace = Some("mybus".into());
    s
}

fn keyvault(name: &str) -> ConnectionSpec {
    let mut s = common::spec("keyvault", None, "keyvault-csi", "none");
    s.connection_name = Some(name.to_owned());
    s.target.vault = Some("myvault".into());
    s
}

fn set_of(specs: Vec<ConnectionSpec>) -> WorkloadSet {
    WorkloadSet {
        connections: specs
            .into_iter()
            .map(|spec| SetConnection { spec, mount: None })
            .collect(),
        ..Default::default()
    }
}

/// Blob and Service Bus with one workload identity, and Key Vault through the CSI driver.
fn three() -> WorkloadSet {
    set_of(vec![blob(), servicebus(), keyvault("vault_conn")])
}

/// The stream as kubectl reads it (`kubectl label --local`), one JSON object per document.
fn kubectl_reads(dir: &Path, yaml: &str) -> Vec<Value> {
    let file = dir.join("stream.yaml");
    std::fs::write(&file, yaml).expect("write");
    let out = run(
        Command::new("kubectl")
            .args(["label", "--local", "-o", "json", "-f"])
            .arg(&file)
            .arg("compose-check=1"),
        "kubectl label --local",
    );
    serde_json::Deserializer::from_str(&out)
        .into_iter::<Value>()
        .map(|v| v.expect("json"))
        .collect()
}

fn validate(dir: &Path, yaml: &str) {
    let file = dir.join("validate.yaml");
    std::fs::write(&file, yaml).expect("write");
    kubernetes_validate(&file);
}

fn pod_of(workload: &Value) -> &Value {
    &workload["spec"]["template"]["spec"]
}

#[test]
fn blob_service_bus_and_key_vault_share_one_job() {
    let c = compose(&three(), &RenderOptions::default()).expect("composes");
    let kinds: Vec<_> = c
        .documents
        .iter()
        .map(|d| (d.object_kind, d.name.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "ServiceAccount",
                "sc-account-00001111-aaaa-2222-bbbb-3333cccc4444"
            ),
            ("Secret", "sc-blob-conn-secret"),
            ("Secret", "sc-bus-conn-secret"),
            ("SecretProviderClass", "sc-vault-conn-spc"),
            ("Job", "sc-sample-job"),
        ]
    );
    assert_eq!(
        c.sources,
        vec![vec![0, 1], vec![0], vec![1], vec![2], vec![0, 1, 2]]
    );
    assert!(c.wiring.is_none());
    insta::assert_snapshot!("blob_servicebus_keyvault", c.yaml());

    // Each connection's objects are exactly the ones `render` gives it alone.
    for (i, spec) in [blob(), servicebus(), keyvault("vault_conn")]
        .iter()
        .enumerate()
    {
        let alone = render(spec, &RenderOptions::default()).expect("renders");
        for d in alone.documents.iter().filter(|d| d.object_kind != "Job") {
            assert!(
                c.documents
                    .iter()
                    .any(|x| x.object_kind == d.object_kind && x.yaml == d.yaml),
                "connections[{i}]: {} {} as render writes it",
                d.object_kind,
                d.name
            );
        }
    }

    let dir = scratch("compose", "three");
    let objects = kubectl_reads(&dir, &c.yaml());
    assert_eq!(objects.len(), 5);
    validate(&dir, &c.yaml());
    let job = &objects[4];
    let pod = pod_of(job);
    assert_eq!(
        job["spec"]["template"]["metadata"]["labels"]["azure.workload.identity/use"],
        "true"
    );
    assert_eq!(
        pod["serviceAccountName"],
        "sc-account-00001111-aaaa-2222-bbbb-3333cccc4444"
    );
    let container = &pod["containers"][0];
    assert_eq!(
        container["envFrom"],
        json!([
            { "secretRef": { "name": "sc-blob-conn-secret" } },
            { "secretRef": { "name": "sc-bus-conn-secret" } }
        ])
    );
    assert_eq!(
        container["volumeMounts"],
        json!([{ "name": "secrets-store01-inline", "mountPath": "/mnt/secrets-store", "readOnly": true }])
    );
    assert_eq!(
        pod["volumes"][0]["csi"]["volumeAttributes"]["secretProviderClass"],
        "sc-vault-conn-spc"
    );
}

#[test]
fn one_connection_composes_as_render_renders_it() {
    for spec in [
        blob(),
        keyvault("vault_conn"),
        common::with_workload(servicebus(), "Deployment"),
    ] {
        let mut set = set_of(vec![spec.clone()]);
        set.workload = spec.workload.clone();
        set.connections[0].spec.workload = None;
        let c = compose(&set, &RenderOptions::default()).expect("composes");
        let alone = render(&spec, &RenderOptions::default()).expect("renders");
        assert_eq!(c.yaml(), alone.yaml(), "{:?}", spec.target.r#type);
        // The same findings, at their path in the set.
        let fields: Vec<_> = alone
            .findings
            .iter()
            .map(|f| format!("connections[0].spec.{}", f.field))
            .collect();
        let got: Vec<_> = c.findings.iter().map(|f| f.field.clone()).collect();
        assert_eq!(got, fields);
        assert!(c
            .findings
            .iter()
            .zip(&alone.findings)
            .all(|(a, b)| a.code == b.code && a.message == b.message));
    }
}

#[test]
fn two_vaults_get_two_volumes_and_a_deployment_validates() {
    let mut set = set_of(vec![keyvault("vault_a"), keyvault("vault_b"), blob()]);
    set.workload = Some(WorkloadSpec {
        workload_kind: Some("Deployment".into()),
        ..Default::default()
    });
    let c = compose(&set, &RenderOptions::default()).expect("composes");
    let dir = scratch("compose", "two-vaults");
    validate(&dir, &c.yaml());
    let objects = kubectl_reads(&dir, &c.yaml());
    let deployment = objects.last().expect("deployment");
    assert_eq!(deployment["kind"], "Deployment");
    let pod = pod_of(deployment);
    let mounts: Vec<_> = pod["containers"][0]["volumeMounts"]
        .as_array()
        .expect("mounts")
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap_or(""),
                m["mountPath"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        mounts,
        [
            ("secrets-store01-inline", "/mnt/secrets-store"),
            ("secrets-store02-inline", "/mnt/secrets-store-02")
        ]
    );
    assert_eq!(pod["volumes"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        pod["containers"][0]["envFrom"].as_array().map(Vec::len),
        Some(1)
    );
}

fn fixture() -> (String, WireTarget) {
    let dir = root().join("tests/fixtures/workloads");
    let yaml = std::fs::read_to_string(dir.join("deployment.yaml")).expect("fixture");
    let target = std::fs::read_to_string(dir.join("deployment.target.json")).expect("target");
    (yaml, serde_json::from_str(&target).expect("target parses"))
}

#[test]
fn an_existing_workload_is_wired_to_every_connection() {
    let (input, target) = fixture();
    let mut set = three();
    set.existing = Some(target);
    let c = compose(&set, &RenderOptions::default()).expect("composes");
    assert!(c.documents.iter().all(|d| d.object_kind != "Job"));
    let w = c.wiring.expect("wiring");
    insta::assert_snapshot!(
        "existing_deployment",
        format!(
            "# strategic merge\n{}# kustomize\n{}# json patch\n{}",
            w.strategic_merge, w.kustomize, w.json_patch
        )
    );
    let dir = scratch("compose", "existing");
    let patched = strategic_patch(&dir, &input, &w.strategic_merge, "yaml");
    validate(&dir, &patched);
    let mut json_patched: Value = serde_yaml::from_str(&input).expect("yaml");
    let patch: json_patch::Patch = serde_json::from_str(&w.json_patch).expect("patch");
    json_patch::patch(&mut json_patched, &patch).expect("json patch applies");
    let strategic: Value = serde_yaml::from_str(&patched).expect("yaml");
    for m in [&strategic, &json_patched] {
        let pod = pod_of(m);
        let app = pod["containers"]
            .as_array()
            .expect("containers")
            .iter()
            .find(|c| c["name"] == "app")
            .expect("app");
        // The container has envFrom already: every key of both Secrets comes as env.
        let from: Vec<_> = app["env"]
            .as_array()
            .expect("env")
            .iter()
            .filter_map(|e| e["valueFrom"]["secretKeyRef"]["name"].as_str())
            .collect();
        assert!(from.contains(&"sc-blob-conn-secret") && from.contains(&"sc-bus-conn-secret"));
        assert!(app["volumeMounts"]
            .as_array()
            .expect("mounts")
            .iter()
            .any(|m| m["mountPath"] == "/mnt/secrets-store"));
        assert_eq!(
            pod["serviceAccountName"],
            "sc-account-00001111-aaaa-2222-bbbb-3333cccc4444"
        );
        assert_eq!(pod["volumes"].as_array().map(Vec::len), Some(2));
    }
}

/// The findings of a set that does not compose.
fn clashes(set: &WorkloadSet) -> Vec<Finding> {
    match compose(set, &RenderOptions::default()) {
        Err(Error::InvalidSpec { findings }) => findings,
        other => panic!("expected invalid-spec, found {other:?}"),
    }
}

/// The one finding of `code`, checked for the shape every set finding has.
fn one(findings: &[Finding], code: &str) -> Finding {
    let of: Vec<_> = findings.iter().filter(|f| f.code == code).collect();
    assert_eq!(of.len(), 1, "{code} in {findings:#?}");
    let f = of[0].clone();
    let rule = RULES.iter().find(|r| r.code == code).expect("rule");
    assert_eq!(f.severity, rule.severity);
    let (what, fix) = f.message.split_once("; fix: ").expect("a fix");
    assert!(what.starts_with("expected "), "{f}");
    assert!(!fix.is_empty() && !fix.ends_with('.'), "{f}");
    f
}

#[test]
fn two_connections_of_one_type_need_the_second_connection_key_form() {
    let mut other = blob();
    other.connection_name = Some("blob_two".into());
    let set = set_of(vec![blob(), other.clone()]);
    let findings = clashes(&set);
    let f = one(&findings, "SW003");
    assert_eq!(f.field, "connections[1].spec.anotherConnectionOfType");
    assert!(
        f.message.contains("\"sc-blob-conn-secret\"")
            && f.message.contains("\"sc-blob-two-secret\""),
        "{f}"
    );
    assert!(f.message.contains("\"AZURE_STORAGEBLOB_BLOB_TWO_"), "{f}");
    // With the form the set composes, both Secrets in envFrom.
    let mut set = set;
    set.connections[1].spec.another_connection_of_type = true;
    let c = compose(&set, &RenderOptions::default()).expect("composes");
    assert!(c
        .yaml()
        .contains("AZURE_STORAGEBLOB_BLOB_TWO_RESOURCEENDPOINT"));
}

#[test]
fn a_customized_key_that_clashes() {
    let mut bus = servicebus();
    bus.customized_keys.insert(
        "AZURE_SERVICEBUS_FULLYQUALIFIEDNAMESPACE".into(),
        "AZURE_STORAGEBLOB_RESOURCEENDPOINT".into(),
    );
    let f = one(&clashes(&set_of(vec![blob(), bus])), "SW004");
    assert_eq!(
        f.field,
        "connections[1].spec.customizedKeys.AZURE_SERVICEBUS_FULLYQUALIFIEDNAMESPACE"
    );
    assert!(f.message.contains("\"AZURE_STORAGEBLOB_RESOURCEENDPOINT\" in Secret \"sc-blob-conn-secret\" of connections[0] and in Secret \"sc-bus-conn-secret\" of connections[1]"), "{f}");
}

#[test]
fn the_same_variable_from_two_secrets() {
    // Spring keys are shared across targets: Event Hubs and Service Bus both write
    // `spring.cloud.azure.client-id`.
    let spring = |target: &str, name: &str, auth: &str, client_id: &str| {
        let mut s = wi(target, name, client_id);
        s.client_type = Some("springBoot".into());
        s.auth.as_mut().expect("auth").r#type = Some(auth.into());
        s.target.namespace = Some(name.replace('_', "-"));
        s
    };
    // One identity: the same value, a warning, and the set composes.
    let set = set_of(vec![
        spring("eventhub", "hub_conn", "workload-identity", CLIENT_ID),
        spring("servicebus", "bus_conn", "workload-identity", CLIENT_ID),
    ]);
    let c = compose(&set, &RenderOptions::default()).expect("composes");
    let f = one(&c.findings, "SW006");
    assert_eq!(f.field, "connections[1].spec.customizedKeys");
    assert!(f.message.contains("\"spring.cloud.azure.client-id\" in Secret \"sc-hub-conn-secret\" of connections[0] and in Secret \"sc-bus-conn-secret\" of connections[1], with the same value"), "{f}");
    // Two service principals: different values under one variable.
    let set = set_of(vec![
        spring("eventhub", "hub_conn", "service-principal", CLIENT_ID),
        spring(
            "servicebus",
            "bus_conn",
            "service-principal",
            OTHER_CLIENT_ID,
        ),
    ]);
    let findings = clashes(&set);
    let sw005: Vec<_> = findings.iter().filter(|f| f.code == "SW005").collect();
    let client_id = sw005
        .iter()
        .find(|f| f.message.contains("\"spring.cloud.azure.client-id\""))
        .expect("the client id clashes");
    assert!(
        client_id.message.contains("with different values"),
        "{client_id}"
    );
    // Placeholders on both sides are values not known yet, never "the same value".
    let secret = sw005
        .iter()
        .find(|f| f.message.contains("\"spring.cloud.azure.client-secret\""))
        .expect("the client secret clashes");
    assert!(
        secret.message.contains("with values not known yet"),
        "{secret}"
    );
    assert!(!findings.iter().any(|f| f.code == "SW006"), "{findings:#?}");
}

#[test]
fn a_key_the_workload_sets_itself() {
    let mut set = three();
    set.workload_env = vec![
        "LOG_LEVEL".into(),
        "AZURE_SERVICEBUS_FULLYQUALIFIEDNAMESPACE".into(),
    ];
    let f = one(&clashes(&set), "SW007");
    assert_eq!(f.field, "connections[1].spec.customizedKeys");
    assert!(f.message.contains("workloadEnv[1]"), "{f}");
}

#[test]
fn two_identities_on_one_pod() {
    let mut set = three();
    set.connections[1]
        .spec
        .auth
        .as_mut()
        .expect("auth")
        .client_id = Some(OTHER_CLIENT_ID.into());
    let f = one(&clashes(&set), "SW008");
    assert_eq!(f.field, "connections[1].spec.auth.clientId");
    assert!(
        f.message.contains(&format!(
            "\"sc-account-{OTHER_CLIENT_ID}\" for connections[1]"
        )),
        "{f}"
    );
    // One ServiceAccount name with two identities clashes too.
    set.connections[1].spec.names = Some(aks_service_connector::spec::NamesSpec {
        service_account: Some(format!("sc-account-{CLIENT_ID}")),
        ..Default::default()
    });
    let f = one(&clashes(&set), "SW008");
    assert!(
        f.message.contains("with the identity of connections[0]"),
        "{f}"
    );
}

#[test]
fn mounts_that_clash_and_volumes_of_one_name() {
    let mount = |volume: Option<&str>, path: Option<&str>| {
        Some(MountSpec {
            volume: volume.map(str::to_owned),
            path: path.map(str::to_owned),
        })
    };
    let mut set = set_of(vec![keyvault("vault_a"), keyvault("vault_b")]);
    set.connections[1].mount = mount(None, Some("/mnt/secrets-store/b"));
    let f = one(&clashes(&set), "SW009");
    assert_eq!(f.field, "connections[1].mount.path");
    assert!(
        f.message
            .contains("inside \"/mnt/secrets-store\" of connections[0]"),
        "{f}"
    );

    set.connections[1].mount = mount(Some("secrets-store01-inline"), None);
    let f = one(&clashes(&set), "SW010");
    assert_eq!(f.field, "connections[1].mount.volume");

    // Against what the workload has: its volumes and mount paths.
    let mut set = set_of(vec![keyvault("vault_a")]);
    set.workload_volumes = vec!["secrets-store01-inline".into()];
    set.workload_mount_paths = vec!["/mnt/".into()];
    let findings = clashes(&set);
    assert!(one(&findings, "SW010")
        .message
        .contains("workloadVolumes[0]"));
    let f = one(&findings, "SW009");
    assert_eq!(
        f.field, "connections[0].mount",
        "a default: the field to add"
    );
    assert!(f.message.contains("workloadMountPaths[0]"), "{f}");

    let mut set = set_of(vec![keyvault("vault_a")]);
    set.connections[0].mount = mount(Some("Bad_Name"), Some("relative/path"));
    let findings = clashes(&set);
    let invalid: Vec<_> = findings
        .iter()
        .filter(|f| f.code == "SW013")
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(
        invalid,
        ["connections[0].mount.volume", "connections[0].mount.path"]
    );

    // A mount for a connection that mounts nothing is a warning, never dropped silently.
    let mut set = set_of(vec![blob()]);
    set.connections[0].mount = mount(Some("x"), None);
    let c = compose(&set, &RenderOptions::default()).expect("composes");
    let f = one(&c.findings, "SW014");
    assert_eq!(f.field, "connections[0].mount");
}

#[test]
fn the_same_connection_twice_and_other_namespaces() {
    let f = one(
        &clashes(&set_of(vec![blob(), servicebus(), blob()])),
        "SW001",
    );
    assert_eq!(f.field, "connections[2].spec.connectionName");
    assert!(
        f.message
            .contains("\"blob_conn\" of connections[0] again in connections[2]"),
        "{f}"
    );

    let mut bus = servicebus();
    bus.namespace = Some("other".into());
    let f = one(&clashes(&set_of(vec![blob(), bus])), "SW002");
    assert_eq!(f.field, "connections[1].spec.namespace");
    assert!(
        f.message
            .contains("\"apps\" of connections[0], found \"other\""),
        "{f}"
    );

    let (_, mut target) = fixture();
    target.namespace = Some("web".into());
    let mut set = three();
    set.existing = Some(target);
    assert_eq!(one(&clashes(&set), "SW002").field, "existing.namespace");
}

#[test]
fn objects_of_one_name_and_a_connection_s_own_workload() {
    let mut bus = servicebus();
    bus.names = Some(aks_service_connector::spec::NamesSpec {
        secret: Some("sc-blob-conn-secret".into()),
        ..Default::default()
    });
    let f = one(&clashes(&set_of(vec![blob(), bus])), "SW011");
    assert_eq!(f.field, "connections[1].spec.names.secret");

    let set = set_of(vec![blob(), common::with_workload(servicebus(), "Pod")]);
    let f = one(&clashes(&set), "SW012");
    assert_eq!(f.field, "connections[1].spec.workload");
}

#[test]
fn each_connection_s_policy_findings_name_their_connection() {
    let mut bad = servicebus();
    bad.namespace = Some("Bad_NS".into());
    let mut set = set_of(vec![blob(), bad]);
    set.workload = Some(WorkloadSpec {
        workload_kind: Some("CronJob".into()),
        ..Default::default()
    });
    let findings = clashes(&set);
    let at = |code: &str| {
        findings
            .iter()
            .find(|f| f.code == code)
            .map(|f| f.field.as_str())
    };
    assert_eq!(at("SC003"), Some("connections[1].spec.namespace"));
    // The set's workload is checked by the spec's rules, at the set's path.
    assert_eq!(at("SC028"), Some("workload.kind"));
    // Errors first.
    let first_other = findings
        .iter()
        .position(|f| f.severity != aks_service_connector::Severity::Error);
    assert!(findings[..first_other.unwrap_or(findings.len())]
        .iter()
        .all(|f| f.severity == aks_service_connector::Severity::Error));
}

#[test]
fn bad_sets_are_typed_errors_naming_the_field() {
    let e = compose(&WorkloadSet::default(), &RenderOptions::default()).expect_err("empty");
    assert_eq!(
        (e.code(), e.field()),
        ("invalid-input", Some("connections"))
    );
    let mut set = three();
    set.existing = Some(fixture().1);
    set.workload = Some(WorkloadSpec::default());
    let e = compose(&set, &RenderOptions::default()).expect_err("both");
    assert_eq!((e.code(), e.field()), ("invalid-input", Some("existing")));
    let mut set = three();
    let mut target = fixture().1;
    target.containers[0].name = "App".into();
    set.existing = Some(target);
    let e = compose(&set, &RenderOptions::default()).expect_err("bad container");
    assert_eq!(e.field(), Some("existing.containers[0].name"));
    assert!(e.to_string().ends_with("found `App`"), "{e}");
    let set = set_of(vec![blob(); 17]);
    let e = compose(&set, &RenderOptions::default()).expect_err("too many");
    assert_eq!(
        (e.code(), e.field()),
        ("input-too-large", Some("connections"))
    );
    // Unknown fields are refused by the type.
    let unknown = serde_json::from_value::<WorkloadSet>(json!({ "connections": [], "extra": 1 }));
    assert!(unknown
        .unwrap_err()
        .to_string()
        .contains("unknown field `extra`"));
    let unknown = serde_json::from_value::<WorkloadSet>(
        json!({ "connections": [{ "spec": { "target": { "type": "keyvault" } }, "mount": { "dir": "/x" } }] }),
    );
    assert!(unknown
        .unwrap_err()
        .to_string()
        .contains("unknown field `dir`"));
}

#[test]
fn every_rule_has_a_code_summary_and_fix() {
    let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
    assert_eq!(codes.len(), 14);
    for (n, r) in RULES.iter().enumerate() {
        assert_eq!(r.code, format!("SW{:03}", n + 1));
        assert!(!r.summary.ends_with('.') && !r.fix.ends_with('.'), "{r:?}");
    }
    codes.dedup();
    assert_eq!(codes.len(), 14);
    // The docs' table lists each rule with its severity, and the README links to it.
    let doc = std::fs::read_to_string(root().join("docs/workload-sets.md")).expect("doc");
    let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with("| SW")).collect();
    let want: Vec<String> = RULES
        .iter()
        .map(|r| {
            format!(
                "| {} | {} | {} | {} |",
                r.code,
                r.severity.as_str(),
                r.summary,
                r.fix
            )
        })
        .collect();
    assert_eq!(
        rows, want,
        "docs/workload-sets.md lists the rule table, in order"
    );
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    assert!(readme.contains("(docs/workload-sets.md)"));
}

#[test]
fn every_input_of_the_fuzz_corpus_composes_or_is_refused() {
    use aks_service_connector::input::{read, Input};
    let dir = root().join("fuzz/corpus/spec");
    let (mut sets, mut specs) = (0, 0);
    for entry in std::fs::read_dir(dir).expect("corpus") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let mut inputs = Vec::new();
        if let Ok(set) = read::<WorkloadSet>(text, Input::Set) {
            sets += 1;
            inputs.push(set);
        }
        if let Ok(spec) = read::<ConnectionSpec>(text, Input::Spec) {
            specs += 1;
            inputs.push(set_of(vec![spec]));
        }
        for set in inputs {
            match compose(&set, &RenderOptions::default()) {
                Ok(c) => assert!(!c.yaml().is_empty() || c.documents.is_empty()),
                Err(Error::InvalidSpec { findings }) => {
                    assert!(findings
                        .iter()
                        .any(|f| f.severity == aks_service_connector::Severity::Error));
                }
                Err(Error::InvalidInput { .. } | Error::TooLarge { .. }) => {}
                Err(e) => panic!("{text:.200}: {e}"),
            }
        }
    }
    assert!(
        specs > 400 && sets >= 2,
        "{specs} specs and {sets} sets read"
    );
    println!("{specs} specs and {sets} sets composed");
}

#[test]
fn the_docs_example_composes() {
    let doc = std::fs::read_to_string(root().join("docs/workload-sets.md")).expect("doc");
    let json = doc
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a JSON example");
    let set: WorkloadSet = serde_json::from_str(json).expect("the example is a workload set");
    let c = compose(&set, &RenderOptions::default()).expect("the example composes");
    let kinds: Vec<_> = c.documents.iter().map(|d| d.object_kind).collect();
    assert_eq!(
        kinds,
        [
            "ServiceAccount",
            "Secret",
            "Secret",
            "SecretProviderClass",
            "Deployment"
        ]
    );
    assert!(c.yaml().contains("mountPath: /mnt/vault"));
    assert!(
        !c.findings.iter().any(|f| f.code.starts_with("SW")),
        "{:#?}",
        c.findings
    );
}
