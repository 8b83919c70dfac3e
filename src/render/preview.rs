//! The preview: the YAML stream of [`super::render`], written straight from the resolution;
//! and the wasm module's render result, its objects as JSON written the same way.
//!
//! A live preview shows the YAML and needs no objects. Building the typed k8s-openapi
//! objects, their trees and then freeing both was about half of the YAML's cost in the wasm
//! module; the objects' shapes are small and fixed per kind, so this module writes each
//! object field by field into a [`Sink`] (the emitter's own steps for YAML, compact JSON for
//! the module's `render`), in the order and with the omissions of the tree [`super::tree`]
//! makes of the object [`super::render`] builds. `tests/render_preview.rs` holds the two to
//! the same bytes over the whole catalog, every workload kind and encoding, and arbitrary
//! names, values and labels. The native [`super::render`] keeps its typed objects.

use std::collections::BTreeMap;
use std::ops::Range;

use base64::Engine;

use super::pod::PodParts;
use super::spc;
use crate::error::{Error, Finding};
use crate::k8s::{APP_LABEL, CLIENT_ID_ANNOTATION, CSI_DRIVER, TENANT_ID_ANNOTATION, WI_LABEL};
use crate::policy;
use crate::resolve::{Resolved, Workload, WorkloadKind};
use crate::spec::{ConnectionSpec, RenderOptions, SecretEncoding};
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-core"))]
use crate::yaml::{write_str, JsonWriter};
use crate::yaml::{Level, Sink, Writer};

/// What a live preview shows of a connection: the YAML stream of [`super::render`] and
/// its documents' heads, without the objects.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The multi-document YAML stream, byte for byte [`super::Bundle::yaml`].
    pub yaml: String,
    /// The documents, in apply order.
    pub documents: Vec<PreviewHead>,
    /// Warnings and info findings (errors prevent rendering).
    pub findings: Vec<Finding>,
}

/// One document of a [`Preview`].
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewHead {
    /// Kubernetes object kind.
    pub object_kind: &'static str,
    /// Object name.
    pub name: String,
    /// Namespace.
    pub namespace: String,
    /// Where the document's YAML is in the stream (bytes).
    pub yaml: Range<usize>,
}

impl Preview {
    /// The YAML of document `i`.
    pub fn document_yaml(&self, i: usize) -> Option<&str> {
        self.yaml.get(self.documents.get(i)?.yaml.clone())
    }
}

/// Renders the YAML of a connection for a live preview: [`super::render`]'s stream and
/// documents' heads, without building the objects.
///
/// Fails as [`super::render`] does.
///
/// ```
/// use aks_service_connector::{render, render::preview, ConnectionSpec, RenderOptions};
/// let spec: ConnectionSpec = serde_json::from_str(r#"{
///     "namespace": "apps", "target": { "type": "storage-blob", "account": "mystore" } }"#).unwrap();
/// let options = RenderOptions::default();
/// let p = preview(&spec, &options).unwrap();
/// assert_eq!(p.yaml, render(&spec, &options).unwrap().yaml());
/// assert_eq!(p.documents[1].object_kind, "Secret");
/// ```
pub fn preview(spec: &ConnectionSpec, options: &RenderOptions) -> Result<Preview, Error> {
    let (r, findings) = policy::gate(spec)?;
    Ok(stream(&r, &parts(&r), options, findings))
}

/// The YAML stream of `parts` and their heads.
fn stream(
    r: &Resolved<'_>,
    parts: &[Part<'_>],
    options: &RenderOptions,
    findings: Vec<Finding>,
) -> Preview {
    // Room for the stream and the preview's other texts (the wasm module appends them).
    let mut w = Writer::new(String::with_capacity(4096));
    let mut documents = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            w.raw("---\n");
        }
        let start = w.text().len();
        w.begin_document();
        part.write(&mut w, r, options);
        w.end_document();
        documents.push(PreviewHead {
            object_kind: part.object_kind,
            name: part.name.to_owned(),
            namespace: r.namespace.clone(),
            yaml: start..w.text().len(),
        });
    }
    Preview {
        yaml: w.into_string(),
        documents,
        findings,
    }
}

/// The wasm module's render result, written straight from the resolution as the preview is:
/// the [`Preview`], and the JSON text `{ yaml, documents: [{ kind, name, namespace, yaml,
/// object }], findings }` with every `yaml` field empty (the module sets them from the
/// preview's stream), byte for byte the text of the bundle [`super::render`] makes
/// (`tests/render_preview.rs`).
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-core"))]
pub(crate) fn render_result(
    spec: &ConnectionSpec,
    options: &RenderOptions,
) -> Result<(Preview, String), Error> {
    let (r, findings) = policy::gate(spec)?;
    let parts = parts(&r);
    let preview = stream(&r, &parts, options, findings);
    let mut out = String::with_capacity(2 * preview.yaml.len() + 512);
    out.push_str("{\"yaml\":\"\",\"documents\":[");
    for (i, (part, head)) in parts.iter().zip(&preview.documents).enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"kind\":");
        write_str(&mut out, head.object_kind);
        out.push_str(",\"name\":");
        write_str(&mut out, &head.name);
        out.push_str(",\"namespace\":");
        write_str(&mut out, &head.namespace);
        out.push_str(",\"yaml\":\"\",\"object\":");
        part.write(&mut JsonWriter::new(&mut out), &r, options);
        out.push('}');
    }
    out.push_str("],\"findings\":[");
    for (i, f) in preview.findings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"code\":");
        write_str(&mut out, f.code);
        out.push_str(",\"severity\":");
        write_str(&mut out, f.severity.as_str());
        out.push_str(",\"field\":");
        write_str(&mut out, &f.field);
        out.push_str(",\"message\":");
        write_str(&mut out, &f.message);
        out.push('}');
    }
    out.push_str("]}");
    Ok((preview, out))
}

/// One document of a connection: its kind, name and what writes its object.
struct Part<'r> {
    object_kind: &'static str,
    name: &'r str,
    object: Object<'r>,
}

/// The objects [`super::render`] builds, in its order.
enum Object<'r> {
    ServiceAccount,
    Secret,
    SecretProviderClass,
    Workload(&'r Workload, PodParts),
}

/// The documents of a connection, in apply order (as [`super::render`] makes them).
fn parts<'r>(r: &'r Resolved<'_>) -> Vec<Part<'r>> {
    let mut parts = Vec::with_capacity(3);
    if r.has_service_account() {
        parts.push(Part {
            object_kind: "ServiceAccount",
            name: r.names.service_account(),
            object: Object::ServiceAccount,
        });
    }
    if r.has_secret() {
        parts.push(Part {
            object_kind: "Secret",
            name: r.names.secret(),
            object: Object::Secret,
        });
    } else {
        parts.push(Part {
            object_kind: "SecretProviderClass",
            name: r.names.secret_provider_class(),
            object: Object::SecretProviderClass,
        });
    }
    if let Some(wl) = &r.workload {
        parts.push(Part {
            object_kind: wl.workload_kind.as_str(),
            name: &wl.name,
            object: Object::Workload(wl, PodParts::sample(r)),
        });
    }
    parts
}

impl Part<'_> {
    /// Writes the object into `w`.
    fn write(&self, w: &mut impl Sink, r: &Resolved<'_>, options: &RenderOptions) {
        match &self.object {
            Object::ServiceAccount => service_account(w, r),
            Object::Secret => secret(w, r, options.secret_encoding),
            Object::SecretProviderClass => secret_provider_class(w, r),
            Object::Workload(wl, parts) => workload(w, parts, &r.namespace, wl),
        }
    }
}

/// `key: value`: a field of the object, its value a string.
fn field(w: &mut impl Sink, key: &'static str, value: &str) {
    w.field(key);
    w.str(value);
}

/// `key: value`: a field of the object, its value the renderer's own word.
fn constant(w: &mut impl Sink, key: &'static str, value: &'static str) {
    w.field(key);
    w.word(value);
}

/// `key: value` of a map of strings (the user's keys, values or labels).
fn entry(w: &mut impl Sink, key: &str, value: &str) {
    w.key(key);
    w.str(value);
}

/// The object's `apiVersion` and `kind`, then `metadata:` opened; the caller writes what
/// comes before its `name` ([`name_namespace`]).
fn head(w: &mut impl Sink, api_version: &'static str, kind: &'static str) -> Level {
    constant(w, "apiVersion", api_version);
    constant(w, "kind", kind);
    w.field("metadata");
    w.map()
}

/// `name` and `namespace`, the end of `metadata`.
fn name_namespace(w: &mut impl Sink, metadata: Level, name: &str, namespace: &str) {
    field(w, "name", name);
    field(w, "namespace", namespace);
    w.end(metadata);
}

/// A map of strings; `{}` when empty.
fn string_map<'a>(w: &mut impl Sink, entries: impl IntoIterator<Item = (&'a str, &'a str)>) {
    let mut entries = entries.into_iter().peekable();
    if entries.peek().is_none() {
        w.empty_map();
        return;
    }
    let m = w.map();
    for (k, v) in entries {
        entry(w, k, v);
    }
    w.end(m);
}

fn service_account(w: &mut impl Sink, r: &Resolved<'_>) {
    let m = w.map();
    let meta = head(w, "v1", "ServiceAccount");
    w.field("annotations");
    // In key order, as the object's map holds them.
    let client = (CLIENT_ID_ANNOTATION, r.client_id().unwrap_or("<client-ID>"));
    let tenant = r.tenant_id().map(|t| (TENANT_ID_ANNOTATION, t));
    string_map(w, std::iter::once(client).chain(tenant));
    name_namespace(w, meta, r.names.service_account(), &r.namespace);
    w.end(m);
}

fn secret(w: &mut impl Sink, r: &Resolved<'_>, encoding: SecretEncoding) {
    // The Secret's map: sorted by key, the last of equal keys kept.
    let mut entries: Vec<(&str, &str)> = Vec::with_capacity(r.config.len());
    // Insertion sort, stable: a few keys, and no sort code of its own in the module.
    for e in &r.config {
        let at = entries.partition_point(|(k, _)| *k <= &*e.key);
        entries.insert(at, (&*e.key, e.value.as_str()));
    }
    let mut kept = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        if entries.get(i + 1).is_none_or(|next| next.0 != e.0) {
            kept.push(*e);
        }
    }
    let m = w.map();
    constant(w, "apiVersion", "v1");
    constant(w, "kind", "Secret");
    if encoding == SecretEncoding::Data {
        w.field("data");
        if kept.is_empty() {
            w.empty_map();
        } else {
            let d = w.map();
            for (k, v) in &kept {
                entry(w, k, &base64::engine::general_purpose::STANDARD.encode(v));
            }
            w.end(d);
        }
    }
    w.field("metadata");
    let meta = w.map();
    field(w, "name", r.names.secret());
    field(w, "namespace", &r.namespace);
    w.end(meta);
    if encoding == SecretEncoding::StringData {
        w.field("stringData");
        string_map(w, kept.iter().copied());
    }
    constant(w, "type", "Opaque");
    w.end(m);
}

fn secret_provider_class(w: &mut impl Sink, r: &Resolved<'_>) {
    let m = w.map();
    let meta = head(w, spc::API_VERSION, "SecretProviderClass");
    name_namespace(w, meta, r.names.secret_provider_class(), &r.namespace);
    w.field("spec");
    let s = w.map();
    constant(w, "provider", "azure");
    w.field("parameters");
    let parameters = spc::parameters(r);
    string_map(w, parameters.iter().map(|(k, v)| (*k, v.as_str())));
    w.end(s);
    w.end(m);
}

/// The workload's labels: the user's, and the product's `pairs` (sorted by key) over them.
struct Labels<'a> {
    user: &'a BTreeMap<String, String>,
    pairs: &'a [(&'a str, &'a str)],
}

impl Labels<'_> {
    fn is_empty(&self) -> bool {
        self.user.is_empty() && self.pairs.is_empty()
    }

    /// `labels:` and its map in key order, when there are labels.
    fn write(&self, w: &mut impl Sink) {
        if self.is_empty() {
            return;
        }
        w.field("labels");
        let m = w.map();
        let mut user = self.user.iter().peekable();
        for &(key, value) in self.pairs {
            while let Some((k, v)) = user.next_if(|(k, _)| k.as_str() <= key) {
                if k != key {
                    entry(w, k, v);
                }
            }
            entry(w, key, value);
        }
        for (k, v) in user {
            entry(w, k, v);
        }
        w.end(m);
    }
}

/// The workload's own `metadata`: labels, name, namespace.
fn workload_metadata(w: &mut impl Sink, labels: &Labels<'_>, name: &str, namespace: &str) {
    w.field("metadata");
    let m = w.map();
    labels.write(w);
    name_namespace(w, m, name, namespace);
}

fn workload(w: &mut impl Sink, parts: &PodParts, namespace: &str, wl: &Workload) {
    let wi: &[(&str, &str)] = if parts.service_account.is_some() {
        &[(WI_LABEL, "true")]
    } else {
        &[]
    };
    let m = w.map();
    match wl.workload_kind {
        WorkloadKind::Job => {
            constant(w, "apiVersion", "batch/v1");
            constant(w, "kind", "Job");
            let labels = Labels {
                user: &wl.labels,
                pairs: wi,
            };
            workload_metadata(w, &labels, &wl.name, namespace);
            w.field("spec");
            let s = w.map();
            w.field("template");
            let t = w.map();
            if !labels.is_empty() {
                w.field("metadata");
                let tm = w.map();
                labels.write(w);
                w.end(tm);
            }
            w.field("spec");
            pod_spec(w, parts, wl);
            w.end(t);
            w.end(s);
        }
        WorkloadKind::Deployment => {
            constant(w, "apiVersion", "apps/v1");
            constant(w, "kind", "Deployment");
            let labels = Labels {
                user: &wl.labels,
                pairs: &[],
            };
            workload_metadata(w, &labels, &wl.name, namespace);
            let template_labels: &[(&str, &str)] = if wi.is_empty() {
                &[(APP_LABEL, "sc-sample")]
            } else {
                &[(APP_LABEL, "sc-sample"), (WI_LABEL, "true")]
            };
            w.field("spec");
            let s = w.map();
            w.field("replicas");
            w.int(1);
            w.field("selector");
            let sel = w.map();
            w.field("matchLabels");
            string_map(w, [(APP_LABEL, "sc-sample")]);
            w.end(sel);
            w.field("template");
            let t = w.map();
            // Never empty: the selector's label is there.
            w.field("metadata");
            let tm = w.map();
            Labels {
                user: &wl.labels,
                pairs: template_labels,
            }
            .write(w);
            w.end(tm);
            w.field("spec");
            pod_spec(w, parts, wl);
            w.end(t);
            w.end(s);
        }
        WorkloadKind::Pod => {
            constant(w, "apiVersion", "v1");
            constant(w, "kind", "Pod");
            let labels = Labels {
                user: &wl.labels,
                pairs: wi,
            };
            workload_metadata(w, &labels, &wl.name, namespace);
            w.field("spec");
            pod_spec(w, parts, wl);
        }
    }
    w.end(m);
}

fn pod_spec(w: &mut impl Sink, parts: &PodParts, wl: &Workload) {
    let m = w.map();
    w.field("containers");
    let cs = w.seq();
    w.item();
    let c = w.map();
    w.field("command");
    if wl.command.is_empty() {
        w.empty_seq();
    } else {
        let s = w.seq();
        for part in &wl.command {
            w.item();
            w.str(part);
        }
        w.end(s);
    }
    if !parts.secrets.is_empty() {
        w.field("envFrom");
        let s = w.seq();
        for secret in &parts.secrets {
            w.item();
            let e = w.map();
            w.field("secretRef");
            let r = w.map();
            field(w, "name", &secret.name);
            w.end(r);
            w.end(e);
        }
        w.end(s);
    }
    field(w, "image", &wl.image);
    constant(w, "name", "raw-linux");
    if !parts.csi.is_empty() {
        w.field("volumeMounts");
        let s = w.seq();
        for mount in &parts.csi {
            w.item();
            let v = w.map();
            field(w, "mountPath", &mount.mount_path);
            field(w, "name", &mount.volume);
            w.field("readOnly");
            w.bool(true);
            w.end(v);
        }
        w.end(s);
    }
    w.end(c);
    w.end(cs);
    // Deployments only allow `Always`, the default, so they name none.
    if wl.workload_kind != WorkloadKind::Deployment {
        constant(w, "restartPolicy", "OnFailure");
    }
    if let Some(sa) = &parts.service_account {
        field(w, "serviceAccountName", sa);
    }
    if !parts.csi.is_empty() {
        w.field("volumes");
        let s = w.seq();
        for mount in &parts.csi {
            w.item();
            let v = w.map();
            w.field("csi");
            let c = w.map();
            constant(w, "driver", CSI_DRIVER);
            w.field("readOnly");
            w.bool(true);
            w.field("volumeAttributes");
            string_map(
                w,
                [("secretProviderClass", mount.secret_provider_class.as_str())],
            );
            w.end(c);
            field(w, "name", &mount.volume);
            w.end(v);
        }
        w.end(s);
    }
    w.end(m);
}
