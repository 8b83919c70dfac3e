//! Drift check: what the cluster holds against what the design renders.
//!
//! The input is what `kubectl get secret,serviceaccount,secretproviderclass,deployment -n <ns>
//! -o json` prints (a `List`), a JSON array of objects, or one object. The core reads JSON
//! only; the command line and the designer turn pasted YAML into JSON first. Each difference
//! is a [`Finding`] with a code of [`RULES`], the path of the object in the input, and a
//! message that never repeats a Secret value (values are compared, not shown).

use base64::Engine as _;
use serde_json::Value;

use crate::error::{Error, Finding, Quoted};
use crate::k8s::{CLIENT_ID_ANNOTATION, WI_LABEL};
use crate::policy::rules::Rule;
use crate::spec::{ConnectionSpec, RenderOptions};

// The drift codes are declared as policy's rules are, in a table of their own.
crate::policy::rule::rules! {
    MISSING_OBJECT = "SD001", Error, "an object the design renders is not in what the cluster holds";
    OTHER_NAMESPACE = "SD002", Error, "the object is in another namespace than the design's";
    MISSING_KEY = "SD003", Error, "a configuration key the design writes is missing from the Secret";
    EXTRA_KEY = "SD004", Warning, "the Secret holds a key the design does not write";
    VALUE_DIFFERS = "SD005", Error, "a Secret value differs from the value the design knows";
    CLIENT_ID = "SD006", Error, "the ServiceAccount's client-id annotation is missing or differs";
    WI_LABEL_MISSING = "SD007", Error, "a workload that uses the connection lacks the workload identity label on its pods";
    SERVICE_ACCOUNT = "SD008", Error, "a workload that uses the connection runs as another ServiceAccount";
    NOT_COMPARED = "SD009", Info, "values the design holds as placeholders were not compared";
}

/// Largest input read, in bytes: a namespace's worth of objects, far below what would
/// make parsing slow or memory heavy (its row in [`crate::input::CAPS`]).
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// The error for a cluster text longer than [`MAX_INPUT_BYTES`]; `found` is its length
/// in bytes (or a lower bound of it, with `at_least`).
pub fn too_large(found: usize, at_least: bool) -> Error {
    Error::TooLarge {
        field: "cluster".to_owned(),
        message: format!(
            "expected at most {MAX_INPUT_BYTES} bytes, found {}{found}",
            if at_least { "at least " } else { "" }
        ),
    }
}

/// The result of a drift check.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct DriftReport {
    /// Every difference, in the order the design's objects are checked.
    pub findings: Vec<Finding>,
    /// How many objects of the input were read.
    pub objects: usize,
}

fn finding(rule: Rule, field: String, message: String) -> Finding {
    rule.at(field, message)
}

/// Workload kinds whose pods may use the connection, and where their pod template is.
const WORKLOADS: &[(&str, &[&str])] = &[
    ("Deployment", &["spec", "template"]),
    ("StatefulSet", &["spec", "template"]),
    ("DaemonSet", &["spec", "template"]),
    ("ReplicaSet", &["spec", "template"]),
    ("Job", &["spec", "template"]),
    ("CronJob", &["spec", "jobTemplate", "spec", "template"]),
];

/// Compares what the cluster holds (`cluster`, JSON text) with the objects `spec` renders.
///
/// Fails with [`Error::InvalidSpec`] when the design itself does not render, with
/// [`Error::TooLarge`] (field `cluster`) over [`MAX_INPUT_BYTES`], and with
/// [`Error::InvalidInput`] (field `cluster…`) when the input is not JSON or not Kubernetes
/// objects. Values read from the input are quoted in messages as [`Quoted`] does.
pub fn drift(spec: &ConnectionSpec, cluster: &str) -> Result<DriftReport, Error> {
    let invalid = |message: String| Error::InvalidInput {
        field: "cluster".to_owned(),
        message,
    };
    if cluster.len() > MAX_INPUT_BYTES {
        return Err(too_large(cluster.len(), false));
    }
    let value: Value = serde_json::from_str(cluster).map_err(|e| {
        let found = match e.classify() {
            serde_json::error::Category::Eof => "JSON cut short",
            _ => "text that is not JSON",
        };
        invalid(format!(
            "expected the JSON of kubectl get -o json, found {found}"
        ))
    })?;
    let (items, prefix) = match &value {
        Value::Array(items) => (items.as_slice(), ""),
        Value::Object(o) if o.get("kind").and_then(Value::as_str) == Some("List") => {
            match o.get("items") {
                Some(Value::Array(items)) => (items.as_slice(), "items"),
                _ => {
                    return Err(invalid(
                        "expected a List with an items array, found none".to_owned(),
                    ))
                }
            }
        }
        Value::Object(_) => (std::slice::from_ref(&value), ""),
        _ => return Err(invalid(
            "expected a Kubernetes object, a List or an array of objects, found another JSON value"
                .to_owned(),
        )),
    };
    let path = |i: usize| {
        if prefix.is_empty() && !value.is_array() {
            "cluster".to_owned()
        } else if prefix.is_empty() {
            format!("cluster[{i}]")
        } else {
            format!("cluster.{prefix}[{i}]")
        }
    };
    for (i, item) in items.iter().enumerate() {
        if item.get("kind").and_then(Value::as_str).is_none() {
            return Err(Error::InvalidInput {
                field: path(i),
                message: "expected a Kubernetes object with a kind, found none".to_owned(),
            });
        }
    }

    let bundle = crate::render(spec, &RenderOptions::default())?;
    let mut findings = Vec::new();
    let mut not_compared = 0;
    let str_at = |v: &Value, p: &[&str]| {
        p.iter()
            .try_fold(v, |v, k| v.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };

    for d in &bundle.documents {
        if !matches!(
            d.object_kind,
            "Secret" | "ServiceAccount" | "SecretProviderClass"
        ) {
            continue;
        }
        let expected = serde_json::to_value(d.tree()).unwrap_or(Value::Null);
        let same_name = items.iter().enumerate().filter(|(_, o)| {
            o.get("kind").and_then(Value::as_str) == Some(d.object_kind)
                && str_at(o, &["metadata", "name"]).as_deref() == Some(d.name.as_str())
        });
        let mut found = None;
        let mut elsewhere = None;
        for (i, o) in same_name {
            match str_at(o, &["metadata", "namespace"]) {
                Some(ns) if ns != d.namespace => elsewhere = Some((i, ns)),
                _ => found = Some((i, o)),
            }
        }
        let Some((i, actual)) = found else {
            match elsewhere {
                Some((i, ns)) => findings.push(finding(
                    OTHER_NAMESPACE,
                    format!("{}.metadata.namespace", path(i)),
                    format!(
                        "{} {}: expected namespace {}, found {}",
                        d.object_kind,
                        d.name,
                        d.namespace,
                        Quoted(&ns)
                    ),
                )),
                None => findings.push(finding(
                    MISSING_OBJECT,
                    "cluster".to_owned(),
                    format!(
                        "expected {} {} in namespace {}, found none",
                        d.object_kind, d.name, d.namespace
                    ),
                )),
            }
            continue;
        };
        let at = path(i);
        match d.object_kind {
            "Secret" => compare_secret(&expected, actual, &at, &mut findings, &mut not_compared),
            "ServiceAccount" => {
                let want = str_at(
                    &expected,
                    &["metadata", "annotations", CLIENT_ID_ANNOTATION],
                );
                let have = str_at(actual, &["metadata", "annotations", CLIENT_ID_ANNOTATION]);
                match (want, have) {
                    (Some(w), _) if is_placeholder(&w) => not_compared += 1,
                    (Some(w), Some(h)) if w.eq_ignore_ascii_case(&h) => {}
                    (Some(w), h) => findings.push(finding(
                        CLIENT_ID,
                        format!("{at}.metadata.annotations"),
                        format!(
                            "ServiceAccount {}: expected {CLIENT_ID_ANNOTATION} {w}, found {}",
                            d.name,
                            h.as_deref()
                                .map_or("none".to_owned(), |h| Quoted(h).to_string())
                        ),
                    )),
                    (None, _) => {}
                }
            }
            _ => {}
        }
    }

    // Workloads in the input that use the connection's Secret or SecretProviderClass.
    let secret = bundle
        .documents
        .iter()
        .find(|d| d.object_kind == "Secret")
        .map(|d| d.name.clone());
    let spc = bundle
        .documents
        .iter()
        .find(|d| d.object_kind == "SecretProviderClass")
        .map(|d| d.name.clone());
    let service_account = bundle
        .documents
        .iter()
        .find(|d| d.object_kind == "ServiceAccount")
        .map(|d| d.name.clone());
    for (i, o) in items.iter().enumerate() {
        let kind = o.get("kind").and_then(Value::as_str).unwrap_or_default();
        let Some((_, template_path)) = WORKLOADS.iter().find(|(k, _)| *k == kind) else {
            continue;
        };
        let Some(template) = template_path.iter().try_fold(o, |v, k| v.get(k)) else {
            continue;
        };
        let pod = template.get("spec").unwrap_or(&Value::Null);
        if !uses_connection(pod, secret.as_deref(), spc.as_deref()) {
            continue;
        }
        let Some(sa) = &service_account else {
            continue;
        };
        let name = Quoted(&str_at(o, &["metadata", "name"]).unwrap_or_default()).to_string();
        let at = format!("{}.{}", path(i), template_path.join("."));
        if str_at(template, &["metadata", "labels", WI_LABEL]).as_deref() != Some("true") {
            findings.push(finding(
                WI_LABEL_MISSING,
                format!("{at}.metadata.labels"),
                format!("{kind} {name}: expected the pod label {WI_LABEL}: \"true\", found none"),
            ));
        }
        let runs_as = str_at(pod, &["serviceAccountName"]).unwrap_or_else(|| "default".to_owned());
        if &runs_as != sa {
            findings.push(finding(
                SERVICE_ACCOUNT,
                format!("{at}.spec.serviceAccountName"),
                format!(
                    "{kind} {name}: expected ServiceAccount {sa}, found {}",
                    Quoted(&runs_as)
                ),
            ));
        }
    }
    if not_compared > 0 {
        findings.push(finding(
            NOT_COMPARED,
            "cluster".to_owned(),
            format!("{not_compared} value(s) of the design are placeholders: give them in the spec to compare them"),
        ));
    }
    Ok(DriftReport {
        findings,
        objects: items.len(),
    })
}

/// Whether a pod spec takes the connection: `envFrom` or `env` from the Secret, or a CSI
/// volume with the SecretProviderClass.
fn uses_connection(pod: &Value, secret: Option<&str>, spc: Option<&str>) -> bool {
    let containers = ["containers", "initContainers"]
        .iter()
        .filter_map(|k| pod.get(k).and_then(Value::as_array))
        .flatten();
    let from_secret = |c: &Value| {
        let env_from = c
            .get("envFrom")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|e| e.pointer("/secretRef/name").and_then(Value::as_str) == secret);
        let env = c
            .get("env")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|e| {
                e.pointer("/valueFrom/secretKeyRef/name")
                    .and_then(Value::as_str)
                    == secret
            });
        secret.is_some() && (env_from || env)
    };
    let csi = pod
        .get("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|v| {
            spc.is_some()
                && v.pointer("/csi/volumeAttributes/secretProviderClass")
                    .and_then(Value::as_str)
                    == spc
        });
    containers.into_iter().any(from_secret) || csi
}

/// A value the design does not know yet (`<client-ID>`, `https://<account>.blob…`).
fn is_placeholder(v: &str) -> bool {
    v.find('<').is_some_and(|open| v[open..].contains('>'))
}

/// The Secret's keys and values against the design's, values compared as bytes.
fn compare_secret(
    expected: &Value,
    actual: &Value,
    at: &str,
    findings: &mut Vec<Finding>,
    not_compared: &mut usize,
) {
    let want = expected.get("stringData").and_then(Value::as_object);
    let mut have: Vec<(String, Option<Vec<u8>>)> = Vec::new();
    if let Some(data) = actual.get("data").and_then(Value::as_object) {
        for (k, v) in data {
            let bytes = v
                .as_str()
                .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok());
            have.push((k.clone(), bytes));
        }
    }
    if let Some(data) = actual.get("stringData").and_then(Value::as_object) {
        for (k, v) in data {
            have.push((k.clone(), v.as_str().map(|s| s.as_bytes().to_vec())));
        }
    }
    let name = actual
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    for (key, value) in want.into_iter().flatten() {
        let value = value.as_str().unwrap_or_default();
        match have.iter().find(|(k, _)| k == key) {
            None => findings.push(finding(
                MISSING_KEY,
                format!("{at}.data"),
                format!("Secret {name}: expected key {key}, found none"),
            )),
            Some(_) if is_placeholder(value) => *not_compared += 1,
            Some((_, Some(bytes))) if bytes.as_slice() == value.as_bytes() => {}
            Some((_, bytes)) => findings.push(finding(
                VALUE_DIFFERS,
                format!("{at}.data.{key}"),
                format!(
                    "Secret {name}: expected the design's value for {key}, found {}",
                    if bytes.is_some() {
                        "a different value"
                    } else {
                        "a value that is not base64"
                    }
                ),
            )),
        }
    }
    for (key, _) in &have {
        if want.is_some_and(|w| !w.contains_key(key)) {
            findings.push(finding(
                EXTRA_KEY,
                format!("{at}.data.{key}"),
                format!(
                    "Secret {name}: expected only the design's keys, found {}",
                    Quoted(key)
                ),
            ));
        }
    }
}
