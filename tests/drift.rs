//! Drift check: the design's own objects, as kubectl reads them, show no drift; each kind of
//! difference gives its code, the path in the input and a message that repeats no Secret value.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use aks_service_connector::spec::{AuthSpec, WorkloadSpec};
use aks_service_connector::{drift, render, ConnectionSpec, Error, RenderOptions, SecretEncoding};
use serde_json::{json, Value};
use std::process::Command;

const CLIENT_ID: &str = "00001111-aaaa-2222-bbbb-3333cccc4444";
const SECRET_VALUE: &str = "Zq9-planted-secret-value";

/// A workload identity design with every value known (no placeholders).
fn design() -> ConnectionSpec {
    let mut s = common::spec("storage-blob", None, "workload-identity", "none");
    s.target.account = Some("mystore".into());
    s.auth = Some(AuthSpec {
        r#type: Some("workload-identity".into()),
        client_id: Some(CLIENT_ID.into()),
        ..Default::default()
    });
    s.workload = Some(WorkloadSpec {
        workload_kind: Some("Deployment".into()),
        ..Default::default()
    });
    s
}

/// A connection-string design whose Secret holds a real value.
fn secret_design() -> ConnectionSpec {
    let mut s = common::spec("storage-blob", None, "connection-string", "none");
    s.values.insert(
        "AZURE_STORAGEBLOB_CONNECTIONSTRING".into(),
        format!("AccountKey={SECRET_VALUE}"),
    );
    s
}

/// What `kubectl get -o json` would print for the design's objects: the rendered YAML read
/// by kubectl itself, with the Secret's values in base64 `data` as the cluster stores them.
fn cluster_of(spec: &ConnectionSpec) -> Value {
    let bundle = render(
        spec,
        &RenderOptions {
            secret_encoding: SecretEncoding::Data,
        },
    )
    .expect("renders");
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("drift");
    std::fs::create_dir_all(&dir).expect("dir");
    // Tests run in parallel: one file each.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let file = dir.join(format!("{}-{n}.yaml", std::process::id()));
    std::fs::write(&file, bundle.yaml()).expect("write");
    let out = Command::new("kubectl")
        .args(["label", "--local", "-o", "json", "-f"])
        .arg(&file)
        .arg("drift-check=1")
        .output()
        .expect("kubectl runs (`bash .ci/setup` documents it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let items: Vec<Value> = serde_json::Deserializer::from_slice(&out.stdout)
        .into_iter::<Value>()
        .map(|v| v.expect("json"))
        .collect();
    json!({ "apiVersion": "v1", "kind": "List", "items": items })
}

fn codes(spec: &ConnectionSpec, cluster: &Value) -> Vec<(String, String)> {
    let report = drift(spec, &cluster.to_string()).expect("drift");
    for f in &report.findings {
        assert!(!f.message.contains(SECRET_VALUE), "{f}");
        assert!(!f.message.ends_with('.'), "{f}");
    }
    report
        .findings
        .iter()
        .map(|f| (f.code.to_owned(), f.field.clone()))
        .collect()
}

fn item<'a>(cluster: &'a mut Value, kind: &str) -> &'a mut Value {
    cluster["items"]
        .as_array_mut()
        .expect("items")
        .iter_mut()
        .find(|o| o["kind"] == kind)
        .unwrap_or_else(|| panic!("{kind} in the cluster"))
}

fn index_of(cluster: &Value, kind: &str) -> usize {
    cluster["items"]
        .as_array()
        .expect("items")
        .iter()
        .position(|o| o["kind"] == kind)
        .expect("kind")
}

#[test]
fn the_design_as_the_cluster_holds_it_shows_no_drift() {
    for spec in [design(), secret_design()] {
        let cluster = cluster_of(&spec);
        assert_eq!(codes(&spec, &cluster), Vec::<(String, String)>::new());
    }
}

#[test]
fn missing_objects_and_other_namespaces() {
    let spec = design();
    let mut cluster = cluster_of(&spec);
    cluster["items"]
        .as_array_mut()
        .expect("items")
        .retain(|o| o["kind"] != "ServiceAccount");
    item(&mut cluster, "Secret")["metadata"]["namespace"] = json!("other");
    let found = codes(&spec, &cluster);
    let secret = index_of(&cluster, "Secret");
    assert_eq!(
        found,
        [
            ("SD001".to_owned(), "cluster".to_owned()),
            (
                "SD002".to_owned(),
                format!("cluster.items[{secret}].metadata.namespace")
            ),
        ]
    );
}

#[test]
fn keys_and_values_are_compared_without_echoing_them() {
    let spec = secret_design();
    let mut cluster = cluster_of(&spec);
    let secret = index_of(&cluster, "Secret");
    let data = &mut item(&mut cluster, "Secret")["data"];
    data["EXTRA_KEY"] = json!("eA==");
    data["AZURE_STORAGEBLOB_CONNECTIONSTRING"] = json!("b3RoZXI=");
    assert_eq!(
        codes(&spec, &cluster),
        [
            (
                "SD005".to_owned(),
                format!("cluster.items[{secret}].data.AZURE_STORAGEBLOB_CONNECTIONSTRING")
            ),
            (
                "SD004".to_owned(),
                format!("cluster.items[{secret}].data.EXTRA_KEY")
            ),
        ]
    );
    let data = &mut item(&mut cluster, "Secret")["data"];
    data.as_object_mut()
        .expect("data")
        .remove("AZURE_STORAGEBLOB_CONNECTIONSTRING");
    assert_eq!(codes(&spec, &cluster)[0].0, "SD003");
}

#[test]
fn the_service_account_and_the_workloads_that_use_the_secret() {
    let spec = design();
    let mut cluster = cluster_of(&spec);
    item(&mut cluster, "ServiceAccount")["metadata"]["annotations"]
        ["azure.workload.identity/client-id"] = json!("99999999-aaaa-2222-bbbb-3333cccc4444");
    let deployment = item(&mut cluster, "Deployment");
    deployment["spec"]["template"]["metadata"]["labels"]
        .as_object_mut()
        .expect("labels")
        .remove("azure.workload.identity/use");
    deployment["spec"]["template"]["spec"]["serviceAccountName"] = json!("someone-else");
    let found: Vec<String> = codes(&spec, &cluster).into_iter().map(|(c, _)| c).collect();
    assert_eq!(found, ["SD006", "SD007", "SD008"]);
}

#[test]
fn placeholders_are_not_compared_and_say_so() {
    let spec = common::spec("storage-blob", None, "workload-identity", "none");
    let cluster = cluster_of(&spec);
    let found = codes(&spec, &cluster);
    assert_eq!(found.last().map(|(c, _)| c.as_str()), Some("SD009"));
}

#[test]
fn bad_input_is_a_typed_error() {
    let spec = design();
    let too_large = "x".repeat(aks_service_connector::drift::MAX_INPUT_BYTES + 1);
    for (input, field, start) in [
        (
            "not json",
            "cluster",
            "expected the JSON of kubectl get -o json, found",
        ),
        (
            "42",
            "cluster",
            "expected a Kubernetes object, a List or an array",
        ),
        (
            r#"{"kind":"List"}"#,
            "cluster",
            "expected a List with an items array",
        ),
        (
            r#"[{"kind":"Secret"},{"name":"x"}]"#,
            "cluster[1]",
            "expected a Kubernetes object with a kind",
        ),
    ] {
        match drift(&spec, input) {
            Err(Error::InvalidInput { field: f, message }) => {
                assert_eq!(f, field, "{message}");
                assert!(message.starts_with(start), "{message}");
                assert!(
                    !message.contains("not json") || input != "not json",
                    "{message}"
                );
            }
            other => panic!("{input:.40}: {other:?}"),
        }
    }
    match drift(&spec, &too_large) {
        Err(e @ Error::TooLarge { .. }) => {
            assert_eq!(e.code(), "input-too-large");
            assert_eq!(e.field(), Some("cluster"));
            assert_eq!(
                e.to_string(),
                "cluster: expected at most 8388608 bytes, found 8388609"
            );
        }
        other => panic!("{other:?}"),
    }
    // At the cap exactly, the text is read (and is then not JSON).
    let at_cap = " ".repeat(aks_service_connector::drift::MAX_INPUT_BYTES - 2) + "42";
    assert!(matches!(
        drift(&spec, &at_cap),
        Err(Error::InvalidInput { .. })
    ));
    let cap = aks_service_connector::input::CAPS
        .iter()
        .find(|c| c.input == "cluster")
        .expect("the cluster text has a row in the cap table");
    assert_eq!(
        (cap.field, cap.max),
        ("cluster", aks_service_connector::drift::MAX_INPUT_BYTES)
    );
    let mut bad = spec.clone();
    bad.namespace = Some("Bad_NS".into());
    assert!(matches!(drift(&bad, "[]"), Err(Error::InvalidSpec { .. })));
}

#[test]
fn every_shape_of_input_reads_alike_and_odd_objects_are_read_or_refused_by_path() {
    let spec = design();
    let list = cluster_of(&spec);
    let items = list["items"].as_array().expect("items").clone();
    let codes_of = |text: &str| -> Vec<(String, String)> {
        drift(&spec, text)
            .unwrap_or_else(|e| panic!("{text:.80}: {e}"))
            .findings
            .into_iter()
            .map(|f| (f.code.to_owned(), f.field))
            .collect()
    };
    // The List as kubectl prints it (indented, newlines around), compact, and as an array.
    let pretty = format!(
        "\n  {}\n\n",
        serde_json::to_string_pretty(&list).expect("json")
    );
    assert_eq!(codes_of(&pretty), []);
    assert_eq!(codes_of(&list.to_string()), []);
    assert_eq!(codes_of(&Value::Array(items.clone()).to_string()), []);
    // One object: only it is there, the others are missing.
    let secret = items
        .iter()
        .find(|o| o["kind"] == "Secret")
        .expect("secret");
    let one = codes_of(&format!(" {secret} "));
    assert!(
        one.iter().all(|(c, f)| c == "SD001" && f == "cluster"),
        "{one:?}"
    );

    // Metadata that is not an object, a field given twice: still read, by their kind.
    let odd = format!(
        r#"[{{"kind":"Secret","metadata":"x"}},{{"kind":"ConfigMap","kind":"Secret","metadata":{{"name":"a"}}}},{}]"#,
        Value::Array(items.clone())
    );
    // (the last item is an array: not an object)
    match drift(&spec, &odd) {
        Err(Error::InvalidInput { field, message }) => {
            assert_eq!(field, "cluster[2]");
            assert_eq!(
                message,
                "expected a Kubernetes object with a kind, found none"
            );
        }
        other => panic!("{other:?}"),
    }
    let odd = r#"[{"kind":"Secret","metadata":"x"},{"kind":"ConfigMap","kind":"Secret","metadata":{"name":"a"}}]"#;
    let r = drift(&spec, odd).expect("odd shapes are read");
    assert_eq!(r.objects, 2);

    // Nesting deeper than a value can hold: skipped while it is text, refused by path once
    // the check reads that object.
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let unread = format!(r#"[{{"kind":"ConfigMap","data":{{"x":{deep}}}}}]"#);
    assert_eq!(drift(&spec, &unread).expect("never read whole").objects, 1);
    let read = format!(r#"[{{"kind":"Deployment","metadata":{{"name":"web"}},"spec":{deep}}}]"#);
    match drift(&spec, &read) {
        Err(Error::InvalidInput { field, message }) => {
            assert_eq!(field, "cluster[0]");
            assert!(message.contains("nested too deeply"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // A List whose items are not an array.
    for bad in [
        r#"{"kind":"List","items":{}}"#,
        r#"{"kind":"List","items":null}"#,
    ] {
        assert!(matches!(
            drift(&spec, bad),
            Err(Error::InvalidInput { field, .. }) if field == "cluster"
        ));
    }
}
