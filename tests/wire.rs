//! Wiring an existing workload: each sample manifest of `tests/fixtures/workloads/`
//! (one per kind, with its target description next to it) is patched by real
//! implementations — `kubectl patch --local --type strategic` for the
//! strategic-merge form, the kustomize built into kubectl for the patch file,
//! the `json-patch` crate for the RFC 6902 form — and the three results must be
//! the same manifest, pass `kubernetes-validate --strict`, and differ from the
//! input only by what the connection adds.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::tools::{kubernetes_validate, root, run, scratch, strategic_patch};

use std::path::Path;
use std::process::Command;

use aks_service_connector::k8s::{CSI_VOLUME, WI_LABEL};
use aks_service_connector::render::{wire, WireError, WireTarget, Wiring};
use aks_service_connector::{render, ConnectionSpec, RenderOptions};
use serde_json::{json, Value};

const KINDS: [&str; 5] = ["deployment", "statefulset", "daemonset", "job", "cronjob"];

/// The connections wired: workload identity (ServiceAccount, label, Secret),
/// a connection string (Secret only), the Key Vault CSI driver (volume only).
fn connections() -> Vec<(&'static str, ConnectionSpec)> {
    let mut kv = common::spec("keyvault", None, "keyvault-csi", "none");
    kv.target.vault = Some("myvault".to_owned());
    vec![
        (
            "workload-identity",
            common::spec("storage-blob", None, "workload-identity", "none"),
        ),
        (
            "connection-string",
            common::spec("storage-blob", None, "connection-string", "none"),
        ),
        ("keyvault-csi", kv),
    ]
}

fn fixture(kind: &str) -> (String, WireTarget) {
    let dir = root().join("tests/fixtures/workloads");
    let yaml = std::fs::read_to_string(dir.join(format!("{kind}.yaml"))).expect("fixture");
    let target = std::fs::read_to_string(dir.join(format!("{kind}.target.json"))).expect("target");
    (yaml, serde_json::from_str(&target).expect("target parses"))
}

fn from_yaml(s: &str) -> Value {
    serde_yaml::from_str(s).expect("yaml parses")
}

fn strategic(dir: &Path, input: &str, w: &Wiring) -> Value {
    let out = strategic_patch(dir, input, &w.strategic_merge, "json");
    serde_json::from_str(&out).expect("json")
}

fn kustomize(dir: &Path, input: &str, w: &Wiring) -> Value {
    let k = dir.join("kustomize");
    std::fs::create_dir_all(&k).expect("dir");
    std::fs::write(k.join("workload.yaml"), input).expect("write");
    std::fs::write(k.join("wire.yaml"), &w.kustomize).expect("write");
    std::fs::write(
        k.join("kustomization.yaml"),
        "resources:\n- workload.yaml\npatches:\n- path: wire.yaml\n",
    )
    .expect("write");
    from_yaml(&run(
        Command::new("kubectl").arg("kustomize").arg(&k),
        "kubectl kustomize",
    ))
}

fn json_patched(input: &str, w: &Wiring) -> Result<Value, json_patch::PatchError> {
    let mut doc = from_yaml(input);
    let patch: json_patch::Patch = serde_json::from_str(&w.json_patch).expect("patch parses");
    json_patch::patch(&mut doc, &patch)?;
    Ok(doc)
}

fn validate(dir: &Path, manifest: &Value) {
    let file = dir.join("result.yaml");
    std::fs::write(&file, serde_yaml::to_string(manifest).expect("yaml")).expect("write");
    kubernetes_validate(&file);
}

/// The pod template of a manifest, mutably.
fn template(m: &mut Value) -> &mut Value {
    let path = if m["kind"] == "CronJob" {
        "/spec/jobTemplate/spec/template"
    } else {
        "/spec/template"
    };
    m.pointer_mut(path).expect("template")
}

/// Sorts the lists whose order kustomize does not keep by their merge key
/// (kustomize moves patched containers first; strategic merge puts merged
/// `env` entries first): order in these lists carries no meaning here.
fn normalize(mut m: Value) -> Value {
    fn sort_by(v: Option<&mut Value>, key: &str) {
        if let Some(Value::Array(a)) = v {
            a.sort_by(|x, y| x[key].as_str().cmp(&y[key].as_str()));
        }
    }
    let pod = &mut template(&mut m)["spec"];
    sort_by(pod.get_mut("volumes"), "name");
    if let Some(Value::Array(cs)) = pod.get_mut("containers") {
        for c in cs.iter_mut() {
            sort_by(c.get_mut("env"), "name");
            sort_by(c.get_mut("volumeMounts"), "mountPath");
        }
    }
    sort_by(pod.get_mut("containers"), "name");
    m
}

/// Removes what wiring adds; what is left must be the input.
fn strip(mut m: Value, secret: &str) -> Value {
    fn retain(obj: &mut Value, field: &str, keep: impl Fn(&Value) -> bool) {
        if let Some(Value::Array(a)) = obj.get_mut(field) {
            a.retain(|e| keep(e));
            if a.is_empty() {
                obj.as_object_mut().expect("object").remove(field);
            }
        }
    }
    let t = template(&mut m);
    if let Some(Value::Object(labels)) = t.pointer_mut("/metadata/labels") {
        labels.remove(WI_LABEL);
        if labels.is_empty() {
            t["metadata"]
                .as_object_mut()
                .expect("meta")
                .remove("labels");
        }
    }
    let pod = &mut t["spec"];
    pod.as_object_mut()
        .expect("pod")
        .remove("serviceAccountName");
    retain(pod, "volumes", |v| v["name"] != CSI_VOLUME);
    if let Some(Value::Array(cs)) = pod.get_mut("containers") {
        for c in cs.iter_mut() {
            retain(c, "envFrom", |e| e["secretRef"]["name"] != secret);
            retain(c, "env", |e| {
                e["valueFrom"]["secretKeyRef"]["name"] != secret
            });
            retain(c, "volumeMounts", |v| v["name"] != CSI_VOLUME);
        }
    }
    m
}

/// What the connection must have added to the wired containers.
fn assert_added(m: &mut Value, t: &WireTarget, conn: &str, secret: &str) {
    let tpl = template(m);
    let wi = conn == "workload-identity";
    assert_eq!(
        tpl["metadata"]["labels"][WI_LABEL].as_str(),
        wi.then_some("true"),
        "{conn}: the workload-identity label"
    );
    assert_eq!(
        tpl["spec"]["serviceAccountName"].as_str().is_some(),
        wi,
        "{conn}: serviceAccountName"
    );
    for c in &t.containers {
        // By name: the manifest may be normalized (containers sorted).
        let got = tpl["spec"]["containers"]
            .as_array()
            .and_then(|cs| cs.iter().find(|x| x["name"] == c.name.as_str()))
            .unwrap_or_else(|| panic!("{conn}: container {}", c.name));
        let has = |field: &str, f: &dyn Fn(&Value) -> bool| {
            got[field].as_array().is_some_and(|a| a.iter().any(f))
        };
        let csi = conn == "keyvault-csi";
        assert_eq!(
            has("volumeMounts", &|v| v["name"] == CSI_VOLUME),
            csi,
            "{conn}: {} volume mount",
            c.name
        );
        let secret_env = has("envFrom", &|e| e["secretRef"]["name"] == secret)
            || has("env", &|e| e["valueFrom"]["secretKeyRef"]["name"] == secret);
        assert_eq!(secret_env, !csi, "{conn}: {} secret environment", c.name);
    }
}

/// The connection's Secret, as `render` names it (none for the CSI driver).
fn secret_name(spec: &ConnectionSpec) -> String {
    render(spec, &RenderOptions::default())
        .expect("renders")
        .documents
        .iter()
        .find(|d| d.object_kind == "Secret")
        .map(|d| d.name.clone())
        .unwrap_or_default()
}

#[test]
fn each_form_on_each_kind_gives_the_same_valid_manifest() {
    for kind in KINDS {
        let (input, target) = fixture(kind);
        let before = normalize(from_yaml(&input));
        for (conn, spec) in connections() {
            let w = wire(&spec, &target).unwrap_or_else(|e| panic!("{kind} {conn}: {e}"));
            insta::assert_snapshot!(
                format!("{kind}__{conn}"),
                format!(
                    "# strategic merge\n{}# kustomize\n{}# json patch\n{}",
                    w.strategic_merge, w.kustomize, w.json_patch
                )
            );
            let dir = scratch("wire", &format!("{kind}-{conn}"));
            let smp = normalize(strategic(&dir, &input, &w));
            let kus = normalize(kustomize(&dir, &input, &w));
            let jp = normalize(json_patched(&input, &w).expect("json patch applies"));
            assert_eq!(smp, jp, "{kind} {conn}: strategic merge vs json patch");
            assert_eq!(kus, jp, "{kind} {conn}: kustomize vs json patch");
            validate(&dir, &jp);
            let secret = secret_name(&spec);
            assert_eq!(secret.is_empty(), conn == "keyvault-csi", "{kind} {conn}");
            let mut after = jp.clone();
            assert_added(&mut after, &target, conn, &secret);
            assert_eq!(
                strip(jp, &secret),
                before,
                "{kind} {conn}: differs from the input beyond the wiring"
            );
        }
    }
}

#[test]
fn the_container_s_own_env_from_and_env_are_kept() {
    let (input, target) = fixture("deployment");
    let (_, spec) = connections().remove(0);
    let w = wire(&spec, &target).expect("wires");
    let dir = scratch("wire", "keep");
    for m in [
        strategic(&dir, &input, &w),
        kustomize(&dir, &input, &w),
        json_patched(&input, &w).expect("applies"),
    ] {
        let app = &m["spec"]["template"]["spec"]["containers"]
            .as_array()
            .expect("containers")
            .iter()
            .find(|c| c["name"] == "app")
            .expect("app")
            .clone();
        assert_eq!(
            app["envFrom"],
            json!([{ "configMapRef": { "name": "web-settings" } }])
        );
        let env = app["env"].as_array().expect("env");
        assert!(env.contains(&json!({ "name": "LOG_LEVEL", "value": "info" })));
        assert!(env.len() > 1, "the connection's keys were added: {env:?}");
    }
}

#[test]
fn the_json_patch_fails_on_a_manifest_whose_containers_differ() {
    // The Deployment's wiring applied to the StatefulSet's manifest (with the
    // kind and paths of a Deployment): the name test stops it.
    let (_, target) = fixture("deployment");
    let (_, spec) = connections().remove(0);
    let w = wire(&spec, &target).expect("wires");
    let mut other = from_yaml(&fixture("statefulset").0);
    other["kind"] = json!("Deployment");
    let text = serde_yaml::to_string(&other).expect("yaml");
    assert!(json_patched(&text, &w).is_err());
    // The same patch applies where the container is where it says.
    assert!(json_patched(&fixture("deployment").0, &w).is_ok());
}

#[test]
fn creating_and_appending_lists_both_apply() {
    // `hasEnv` false creates `env`; true appends to it: each applies only to
    // the manifest it describes.
    let (input, mut target) = fixture("job");
    let (_, spec) = connections().remove(0);
    let created = wire(&spec, &target).expect("wires");
    assert!(json_patched(&input, &created).is_ok());
    target.containers[0].has_env = true;
    let appended = wire(&spec, &target).expect("wires");
    assert!(
        json_patched(&input, &appended).is_err(),
        "no env to append to"
    );
    let mut with_env = from_yaml(&input);
    with_env["spec"]["template"]["spec"]["containers"][0]["env"] =
        json!([{"name": "X", "value": "1"}]);
    let with_env = serde_yaml::to_string(&with_env).expect("yaml");
    let m = json_patched(&with_env, &appended).expect("appends");
    let env = m["spec"]["template"]["spec"]["containers"][0]["env"]
        .as_array()
        .expect("env");
    assert_eq!(env[0], json!({"name": "X", "value": "1"}));
    assert!(env.len() > 1);
}

fn target(v: Value) -> WireTarget {
    serde_json::from_value(v).expect("target parses")
}

#[test]
fn bad_targets_are_typed_errors_naming_the_field() {
    let (_, spec) = connections().remove(0);
    let base = json!({ "kind": "Deployment", "name": "web", "containers": [{ "name": "app", "index": 0 }] });
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        wire(&spec, &target(v)).expect_err("rejected")
    };
    let e = with(&|v| v["containers"] = json!([]));
    assert!(matches!(e, WireError::NoContainers), "{e}");
    let e = with(&|v| v["containers"][0]["name"] = json!("App"));
    assert_eq!(
        e.to_string(),
        "containers[0].name: expected a DNS-1123 label (lowercase letters, digits and `-`, at most 63 characters, starting and ending with a letter or digit), found `App`"
    );
    // As the crate's error, the field is carried apart, under `target`.
    let core: aks_service_connector::Error = e.into();
    assert_eq!(core.code(), "invalid-input");
    assert_eq!(core.field(), Some("target.containers[0].name"));
    assert!(core.to_string().ends_with("found `App`"), "{core}");
    let e = with(&|v| {
        v["containers"] = json!([{ "name": "a", "index": 0 }, { "name": "b", "index": 0 }])
    });
    assert_eq!(
        e.to_string(),
        "containers[1].index: expected each container once, found `0` again"
    );
    let e = with(&|v| {
        v["containers"] = json!([{ "name": "a", "index": 0 }, { "name": "a", "index": 1 }])
    });
    assert!(e.to_string().starts_with("containers[1].name:"), "{e}");
    let e = with(&|v| v["name"] = json!(""));
    assert!(e.to_string().starts_with("name:"), "{e}");
    // Unknown fields and kinds are rejected by the input type itself.
    let unknown = serde_json::from_value::<WireTarget>(json!({
        "kind": "Deployment", "name": "web", "containers": [], "image": "x" }));
    assert!(unknown
        .unwrap_err()
        .to_string()
        .contains("unknown field `image`"));
    let pod = serde_json::from_value::<WireTarget>(json!({
        "kind": "Pod", "name": "web", "containers": [] }));
    assert!(pod
        .unwrap_err()
        .to_string()
        .contains("unknown variant `Pod`"));
    // A connection that does not render is reported as such.
    let mut bad = spec.clone();
    bad.target.r#type = "nope".to_owned();
    let e = wire(&bad, &target(base.clone())).expect_err("rejected");
    assert!(matches!(e, WireError::Connection(_)), "{e}");
}
