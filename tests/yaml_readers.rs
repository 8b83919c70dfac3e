//! Rendered YAML read back by the readers it is written for: kubectl's own YAML
//! reader (go-yaml v2 through sigs.k8s.io/yaml, YAML 1.1), PyYAML's
//! `safe_load_all` (YAML 1.1: Ansible, kubernetes-validate) and the `yaml` npm
//! package (YAML 1.2 core schema). Arbitrary strings go into every place a user
//! value lands (Secret values and keys, labels, image, command, object names,
//! the namespace, the SecretProviderClass `objects` text), and each reader must
//! give back exactly the object the core rendered.
//!
//! The readers are real programs: kubectl from the PATH, PyYAML from the CI's
//! Python venv (`target/ci-venv`, or `AKS_SC_PYTHON`), node with the workspace's
//! `node_modules`. `.ci/setup` installs them; the test fails when one is missing
//! rather than passing without having looked.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use aks_service_connector::spec::{KeyVaultObject, KeyVaultSpec, NamesSpec, WorkloadSpec};
use aks_service_connector::{render, ConnectionSpec, RenderOptions, SecretEncoding};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Strings that some YAML reader takes as something other than a string, or
/// that change on the way through one, and the pieces they are made of.
const HOSTILE: &[&str] = &[
    "yes",
    "Yes",
    "YES",
    "no",
    "No",
    "NO",
    "on",
    "On",
    "ON",
    "off",
    "Off",
    "OFF",
    "y",
    "Y",
    "n",
    "N",
    "true",
    "False",
    "null",
    "~",
    "=",
    "<<",
    "1:30",
    "190:20:30",
    "1:30.5",
    "1_000",
    "0b1_0",
    "0_8",
    "-_1",
    "0X1F",
    "0O17",
    "0o17",
    "0x1F",
    "1e3",
    "1e400",
    "1E3",
    ".5",
    "._",
    "1.",
    "007",
    "+1",
    "-0",
    ".inf",
    "-.Inf",
    ".NaN",
    "2026-11-28",
    "2026-1-5",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5",
    "2001-12-14T21:59:43Z",
    "2001-12-14 1:2:3",
    "a\u{2028}b",
    "\u{2029}",
    "x\u{85}y",
    "a\nb\u{2028}",
    "'",
    "\"",
    ": ",
    " #",
    "- ",
    "---",
    "\t",
    "",
    " ",
    "a",
    "0",
    "9",
];

/// Alphabets of places that policy restricts (names, labels, Secret keys,
/// Key Vault fields): hostile pieces that fit, glued together.
fn pieces_fitting(allowed: fn(char) -> bool) -> impl Strategy<Value = String> {
    let pieces: Vec<&str> = HOSTILE
        .iter()
        .copied()
        .filter(|p| !p.is_empty() && p.chars().all(allowed))
        .chain(["a", "b", "7", "x"])
        .collect();
    proptest::collection::vec(proptest::sample::select(pieces), 1..4).prop_map(|v| v.concat())
}

/// Any string: hostile pieces, any characters, or both.
fn any_text() -> impl Strategy<Value = String> {
    let piece = proptest::prop_oneof![
        4 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
        1 => proptest::arbitrary::any::<char>().prop_map(String::from),
        1 => "[a-z0-9]{1,4}",
    ];
    proptest::collection::vec(piece, 1..4).prop_map(|v| v.concat())
}

fn dns_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
}

fn label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

fn secret_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// A place a user value lands, as a change to a base spec.
struct Place {
    name: &'static str,
    base: fn() -> ConnectionSpec,
    set: fn(&mut ConnectionSpec, String),
}

fn connection_string() -> ConnectionSpec {
    common::spec("storage-blob", None, "connection-string", "none")
}

fn keyvault_csi() -> ConnectionSpec {
    common::spec("keyvault", None, "keyvault-csi", "none")
}

fn kv_object(s: &mut ConnectionSpec) -> &mut KeyVaultObject {
    let kv = s.keyvault.get_or_insert_with(|| KeyVaultSpec {
        objects: vec![KeyVaultObject {
            name: "one".into(),
            r#type: "secret".into(),
            version: None,
            alias: None,
        }],
    });
    &mut kv.objects[0]
}

fn workload(s: &mut ConnectionSpec) -> &mut WorkloadSpec {
    s.workload.get_or_insert_with(|| WorkloadSpec {
        workload_kind: Some("Deployment".into()),
        ..Default::default()
    })
}

fn names(s: &mut ConnectionSpec) -> &mut NamesSpec {
    s.names.get_or_insert_with(NamesSpec::default)
}

const KEY: &str = "AZURE_STORAGEBLOB_CONNECTIONSTRING";

const PLACES: &[Place] = &[
    Place {
        name: "secret value",
        base: connection_string,
        set: |s, v| {
            s.values.insert(KEY.into(), v);
        },
    },
    Place {
        name: "secret key",
        base: connection_string,
        set: |s, v| {
            s.customized_keys.insert(KEY.into(), v);
        },
    },
    Place {
        name: "label value",
        base: connection_string,
        set: |s, v| {
            workload(s).labels.insert("team".into(), v);
        },
    },
    Place {
        name: "label key",
        base: connection_string,
        set: |s, v| {
            workload(s).labels.insert(v, "x".into());
        },
    },
    Place {
        name: "image",
        base: connection_string,
        set: |s, v| workload(s).image = Some(v),
    },
    Place {
        name: "command",
        base: connection_string,
        set: |s, v| workload(s).command = Some(vec![v.clone(), "-c".into(), v]),
    },
    Place {
        name: "workload name",
        base: connection_string,
        set: |s, v| workload(s).name = Some(v),
    },
    Place {
        name: "secret name",
        base: connection_string,
        set: |s, v| names(s).secret = Some(v),
    },
    Place {
        name: "service account name",
        base: || common::spec("storage-blob", None, "workload-identity", "none"),
        set: |s, v| names(s).service_account = Some(v),
    },
    Place {
        name: "namespace",
        base: connection_string,
        set: |s, v| s.namespace = Some(v),
    },
    Place {
        name: "secret provider class name",
        base: keyvault_csi,
        set: |s, v| names(s).secret_provider_class = Some(v),
    },
    Place {
        name: "key vault object name",
        base: keyvault_csi,
        set: |s, v| kv_object(s).name = v,
    },
    Place {
        name: "key vault object alias",
        base: keyvault_csi,
        set: |s, v| kv_object(s).alias = Some(v),
    },
    Place {
        name: "key vault object version",
        base: keyvault_csi,
        set: |s, v| kv_object(s).version = Some(v),
    },
];

fn strategy_for(place: &str) -> proptest::strategy::BoxedStrategy<String> {
    match place {
        "secret key" => pieces_fitting(secret_key_char).boxed(),
        "label value" | "key vault object alias" => pieces_fitting(label_char).boxed(),
        "label key" => pieces_fitting(|c| c.is_ascii_alphanumeric() || c == '.').boxed(),
        "workload name"
        | "secret name"
        | "service account name"
        | "namespace"
        | "secret provider class name"
        | "key vault object name" => pieces_fitting(dns_char).boxed(),
        "key vault object version" => pieces_fitting(|c| c.is_ascii_alphanumeric()).boxed(),
        _ => any_text().boxed(),
    }
}

/// One rendered connection: its YAML stream and the JSON of each document.
struct Case {
    place: &'static str,
    input: String,
    yaml: String,
    documents: Vec<Value>,
    /// The SecretProviderClass `objects` text and each of its array items.
    inner: Vec<(String, Value)>,
}

const PER_PLACE: usize = 150;

fn cases() -> Vec<Case> {
    let mut runner = TestRunner::deterministic();
    let mut cases = Vec::new();
    for place in PLACES {
        let strategy = strategy_for(place.name);
        let generated = (0..PER_PLACE).map(|_| {
            strategy
                .new_tree(&mut runner)
                .expect("strategy generates")
                .current()
        });
        let mut rendered = 0;
        for input in HOSTILE.iter().map(|s| (*s).to_owned()).chain(generated) {
            // Only the Secret's own places depend on the encoding.
            let encodings: &[SecretEncoding] =
                if matches!(place.name, "secret value" | "secret key") {
                    &[SecretEncoding::StringData, SecretEncoding::Data]
                } else {
                    &[SecretEncoding::StringData]
                };
            for &encoding in encodings {
                let mut spec = (place.base)();
                (place.set)(&mut spec, input.clone());
                // Policy refuses what a place cannot hold; the rest must survive.
                let Ok(bundle) = render(
                    &spec,
                    &RenderOptions {
                        secret_encoding: encoding,
                    },
                ) else {
                    continue;
                };
                rendered += 1;
                let documents = bundle
                    .documents
                    .iter()
                    .map(|d| serde_json::to_value(d.tree()).expect("json"))
                    .collect();
                let mut inner = Vec::new();
                for d in &documents_of_kind(&bundle, "SecretProviderClass") {
                    let objects = d["spec"]["parameters"]["objects"]
                        .as_str()
                        .expect("objects")
                        .to_owned();
                    let parsed: serde_yaml::Value =
                        serde_yaml::from_str(&objects).expect("objects parse");
                    let parsed: Value = serde_json::to_value(parsed).expect("json");
                    for item in parsed["array"].as_array().expect("array") {
                        let text = item.as_str().expect("item text").to_owned();
                        let value: serde_yaml::Value =
                            serde_yaml::from_str(&text).expect("item parses");
                        inner.push((text, serde_json::to_value(value).expect("json")));
                    }
                    inner.push((objects, parsed));
                }
                cases.push(Case {
                    place: place.name,
                    input: input.clone(),
                    yaml: bundle.yaml(),
                    documents,
                    inner,
                });
            }
        }
        assert!(
            rendered >= 60,
            "{}: only {rendered} inputs rendered",
            place.name
        );
    }
    cases
}

fn documents_of_kind(bundle: &aks_service_connector::Bundle, kind: &str) -> Vec<Value> {
    bundle
        .documents
        .iter()
        .filter(|d| d.object_kind == kind)
        .map(|d| serde_json::to_value(d.tree()).expect("json"))
        .collect()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> PathBuf {
    std::env::var_os("AKS_SC_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/ci-venv/bin/python"))
}

/// Runs a reader; its standard output, or a failure that says how to get it.
fn run(command: &mut Command, what: &str) -> (bool, String, String) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what} cannot run ({e}): `bash .ci/setup` installs it"));
    (
        output.status.success(),
        String::from_utf8(output.stdout).expect("utf-8 output"),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// File name -> documents (or an error) from one of the scripted readers.
fn scripted(command: &mut Command, what: &str) -> BTreeMap<String, Value> {
    let (ok, out, err) = run(command, what);
    assert!(ok, "{what} failed: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{what} output: {e}"))
}

fn write_cases(dir: &Path, files: &[(String, &str)]) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("dir");
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write");
    }
}

/// Every difference between what a reader gave and what was rendered.
fn compare(
    reader: &str,
    got: &BTreeMap<String, Value>,
    expected: &[(String, Vec<Value>, String)],
) -> Vec<String> {
    let mut failures = Vec::new();
    for (file, documents, what) in expected {
        match got.get(file) {
            Some(Value::Array(back)) if back == documents => {}
            Some(other) => failures.push(format!(
                "{reader} on {file} ({what}): got {other}, expected {}",
                Value::Array(documents.clone())
            )),
            None => failures.push(format!("{reader}: no result for {file}")),
        }
    }
    failures
}

#[test]
fn every_reader_takes_the_rendered_yaml_as_written() {
    let cases = cases();
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("yaml-readers");
    let (outer_dir, inner_dir) = (base.join("objects"), base.join("inner"));
    let name = |i: usize| format!("{i:05}.yaml");
    let outer: Vec<(String, &str)> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (name(i), c.yaml.as_str()))
        .collect();
    write_cases(&outer_dir, &outer);
    let inner_texts: Vec<(String, &str)> = cases
        .iter()
        .flat_map(|c| c.inner.iter())
        .enumerate()
        .map(|(i, (text, _))| (name(i), text.as_str()))
        .collect();
    write_cases(&inner_dir, &inner_texts);

    let describe = |c: &Case| format!("{} {:?}", c.place, c.input);
    let expected_outer: Vec<(String, Vec<Value>, String)> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (name(i), c.documents.clone(), describe(c)))
        .collect();
    let expected_inner: Vec<(String, Vec<Value>, String)> = cases
        .iter()
        .flat_map(|c| c.inner.iter().map(move |(_, v)| (v.clone(), describe(c))))
        .enumerate()
        .map(|(i, (v, what))| (name(i), vec![v], what))
        .collect();
    assert!(
        expected_inner.len() > 300,
        "only {} objects texts",
        expected_inner.len()
    );

    let mut failures = Vec::new();

    // kubectl: one run over the folder; objects come out in file order, each
    // with the label it was asked to add (taken off again before comparing).
    let label = "aks-sc-reader-check";
    let (ok, out, err) = run(
        Command::new("kubectl")
            .args(["label", "--local", "-o", "json", "-f"])
            .arg(&outer_dir)
            .arg(format!("{label}=1")),
        "kubectl",
    );
    if !ok {
        failures.push(format!("kubectl refused a file: {err}"));
    }
    let mut from_kubectl = serde_json::Deserializer::from_str(&out).into_iter::<Value>();
    for (file, documents, what) in &expected_outer {
        for expected in documents {
            let Some(Ok(mut object)) = from_kubectl.next() else {
                failures.push(format!("kubectl: no object for {file} ({what})"));
                break;
            };
            let labels = object["metadata"]["labels"]
                .as_object_mut()
                .expect("labels");
            labels.remove(label);
            if labels.is_empty() && expected["metadata"].get("labels").is_none() {
                object["metadata"]
                    .as_object_mut()
                    .expect("metadata")
                    .remove("labels");
            }
            if &object != expected {
                failures.push(format!(
                    "kubectl on {file} ({what}): got {object}, expected {expected}"
                ));
            }
        }
    }

    let pyyaml = root().join("tests/readers/pyyaml_read.py");
    failures.extend(compare(
        "PyYAML",
        &scripted(
            Command::new(python()).arg(&pyyaml).arg(&outer_dir),
            "PyYAML",
        ),
        &expected_outer,
    ));
    failures.extend(compare(
        "PyYAML",
        &scripted(
            Command::new(python()).arg(&pyyaml).arg(&inner_dir),
            "PyYAML",
        ),
        &expected_inner,
    ));
    let yaml12 = root().join("tests/readers/yaml12_read.mjs");
    failures.extend(compare(
        "yaml (1.2)",
        &scripted(Command::new("node").arg(&yaml12).arg(&outer_dir), "node"),
        &expected_outer,
    ));
    failures.extend(compare(
        "yaml (1.2)",
        &scripted(Command::new("node").arg(&yaml12).arg(&inner_dir), "node"),
        &expected_inner,
    ));

    assert!(
        failures.is_empty(),
        "{} of {} rendered cases read differently:\n{}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
