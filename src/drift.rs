//! Drift check: what the cluster holds against what the design renders.
//!
//! The input is what `kubectl get secret,serviceaccount,deployment -n <ns> -o json` prints (a
//! `List`; `secretproviderclass` joins the list for a Key Vault CSI design, since kubectl
//! refuses the whole list where that type is not installed), a JSON array of objects, or one
//! object. The core reads JSON
//! only; the command line and the designer turn pasted YAML into JSON first. Each difference
//! is a [`Finding`] with a code of [`RULES`], the path of the object in the input, and a
//! message that never repeats a Secret value (values are compared, not shown).

use base64::Engine as _;
use serde_json::value::RawValue;
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
/// make parsing slow or memory heavy (its row in [`crate::input::CAPS`], equal to this).
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
    if cluster.len() > MAX_INPUT_BYTES {
        return Err(too_large(cluster.len(), false));
    }
    let items = read_items(cluster)?;
    let path = |i: usize| items.path(i);

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
        let same_name =
            items.heads.iter().enumerate().filter(|(_, o)| {
                o.kind == d.object_kind && o.name.as_deref() == Some(d.name.as_str())
            });
        let mut found = None;
        let mut elsewhere = None;
        for (i, o) in same_name {
            match &o.namespace {
                Some(ns) if *ns != d.namespace => elsewhere = Some((i, ns.clone())),
                _ => found = Some(i),
            }
        }
        let Some(i) = found else {
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
        let actual = &items.value(i)?;
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
    for (i, head) in items.heads.iter().enumerate() {
        let kind = head.kind.as_str();
        let Some((_, template_path)) = WORKLOADS.iter().find(|(k, _)| *k == kind) else {
            continue;
        };
        // One workload's value at a time: the input's other objects stay text.
        let o = &items.value(i)?;
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
        objects: items.heads.len(),
    })
}

/// What the check needs of each object before reading it whole: its kind, name and namespace.
struct Head {
    kind: String,
    name: Option<String>,
    namespace: Option<String>,
}

/// The objects of the input: each one's JSON text (borrowed from the input, not parsed into a
/// value until the check needs it: a value takes several times the memory of its text) and
/// its [`Head`].
struct Items<'a> {
    raw: Vec<&'a RawValue>,
    heads: Vec<Head>,
    /// `items` for a List, empty for an array or one object.
    prefix: &'static str,
    /// Whether the input was one object rather than a List or an array.
    single: bool,
}

impl Items<'_> {
    /// The field path of object `i` in the input.
    fn path(&self, i: usize) -> String {
        match (self.single, self.prefix) {
            (true, _) => "cluster".to_owned(),
            (false, "") => format!("cluster[{i}]"),
            (false, prefix) => format!("cluster.{prefix}[{i}]"),
        }
    }

    /// Object `i` as a JSON value.
    fn value(&self, i: usize) -> Result<Value, Error> {
        serde_json::from_str(self.raw[i].get()).map_err(|_| Error::InvalidInput {
            field: self.path(i),
            message: "expected a Kubernetes object, found one nested too deeply to read".to_owned(),
        })
    }
}

/// The fields of an object [`Items`] reads first (the others are skipped, not kept).
#[derive(serde::Deserialize)]
struct RawHead {
    kind: Option<Value>,
    metadata: Option<RawMetadata>,
}

#[derive(serde::Deserialize)]
struct RawMetadata {
    name: Option<Value>,
    namespace: Option<Value>,
}

/// A List's fields that tell it from one object.
#[derive(serde::Deserialize)]
struct RawList<'a> {
    kind: Option<Value>,
    #[serde(borrow)]
    items: Option<&'a RawValue>,
}

/// Reads the input's objects (a List, an array of objects, or one object) and their heads.
fn read_items(cluster: &str) -> Result<Items<'_>, Error> {
    let invalid = |message: &str| Error::InvalidInput {
        field: "cluster".to_owned(),
        message: message.to_owned(),
    };
    // The whole text is checked as JSON without building a value (serde_json skips a raw
    // value without recursion, so depth costs nothing here).
    let top: &RawValue = serde_json::from_str(cluster).map_err(|e| {
        invalid(match e.classify() {
            serde_json::error::Category::Eof => {
                "expected the JSON of kubectl get -o json, found JSON cut short"
            }
            _ => "expected the JSON of kubectl get -o json, found text that is not JSON",
        })
    })?;
    let text = top.get();
    fn list(raw: &RawValue) -> Option<Vec<&RawValue>> {
        serde_json::from_str(raw.get()).ok()
    }
    let (raw, prefix, single) = if text.starts_with('[') {
        (list(top).unwrap_or_default(), "", false)
    } else if text.starts_with('{') {
        let is_list = serde_json::from_str::<RawList>(text)
            .ok()
            .filter(|l| l.kind.as_ref().and_then(Value::as_str) == Some("List"));
        match is_list {
            Some(l) => match l.items.and_then(list) {
                Some(items) => (items, "items", false),
                None => return Err(invalid("expected a List with an items array, found none")),
            },
            None => (vec![top], "", true),
        }
    } else {
        return Err(invalid(
            "expected a Kubernetes object, a List or an array of objects, found another JSON value",
        ));
    };
    let mut items = Items {
        raw,
        heads: Vec::new(),
        prefix,
        single,
    };
    for i in 0..items.raw.len() {
        let head = head(items.raw[i]).ok_or_else(|| Error::InvalidInput {
            field: items.path(i),
            message: "expected a Kubernetes object with a kind, found none".to_owned(),
        })?;
        items.heads.push(head);
    }
    Ok(items)
}

/// The kind, name and namespace of one object, or `None` when it is not an object with a kind.
fn head(raw: &RawValue) -> Option<Head> {
    let text = raw.get();
    if !text.starts_with('{') {
        return None;
    }
    let owned = |v: Option<Value>| match v {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    match serde_json::from_str::<RawHead>(text) {
        Ok(h) => Some(Head {
            kind: owned(h.kind)?,
            name: h
                .metadata
                .as_ref()
                .and_then(|m| m.name.clone())
                .and_then(|v| owned(Some(v))),
            namespace: h
                .metadata
                .and_then(|m| m.namespace)
                .and_then(|v| owned(Some(v))),
        }),
        // An odd shape (metadata that is not an object, a field given twice): read whole.
        Err(_) => {
            let v: Value = serde_json::from_str(text).ok()?;
            let at = |p: &[&str]| {
                p.iter()
                    .try_fold(&v, |v, k| v.get(k))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            Some(Head {
                kind: at(&["kind"])?,
                name: at(&["metadata", "name"]),
                namespace: at(&["metadata", "namespace"]),
            })
        }
    }
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
