//! The preview: the YAML stream of [`super::render`], written straight from the resolution.
//!
//! A live preview shows the YAML and needs no objects. Building the typed k8s-openapi
//! objects, their trees and then freeing both was about half of the YAML's cost in the wasm
//! module; the objects' shapes are small and fixed per kind, so this module writes each
//! document field by field with the emitter's own steps ([`Writer`]), in the order and with
//! the omissions of the tree [`super::tree`] makes of the object [`super::render`] builds.
//! `tests/render_preview.rs` holds the two to the same bytes over the whole catalog, every
//! workload kind and encoding, and arbitrary names, values and labels.

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
use crate::yaml::Writer;

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
    let mut out = Stream {
        w: Writer::new(String::with_capacity(1024)),
        documents: Vec::with_capacity(3),
        namespace: &r.namespace,
    };
    if r.has_service_account() {
        out.document("ServiceAccount", &r.names.service_account, |w| {
            service_account(w, &r)
        });
    }
    if r.has_secret() {
        out.document("Secret", &r.names.secret, |w| {
            secret(w, &r, options.secret_encoding)
        });
    } else {
        out.document("SecretProviderClass", &r.names.secret_provider_class, |w| {
            secret_provider_class(w, &r)
        });
    }
    if let Some(wl) = &r.workload {
        let parts = PodParts::of(&r);
        out.document(wl.workload_kind.as_str(), &wl.name, |w| {
            workload(w, &parts, &r.namespace, wl)
        });
    }
    let documents = out.documents;
    Ok(Preview {
        yaml: out.w.into_string(),
        documents,
        findings,
    })
}

/// The stream being written and its documents' heads.
struct Stream<'a> {
    w: Writer,
    documents: Vec<PreviewHead>,
    namespace: &'a str,
}

impl Stream<'_> {
    /// Appends one document, `---` before it unless it is the first.
    fn document(&mut self, object_kind: &'static str, name: &str, write: impl FnOnce(&mut Writer)) {
        if !self.documents.is_empty() {
            self.w.raw("---\n");
        }
        let start = self.w.text().len();
        self.w.begin_document();
        write(&mut self.w);
        self.w.end_document();
        self.documents.push(PreviewHead {
            object_kind,
            name: name.to_owned(),
            namespace: self.namespace.to_owned(),
            yaml: start..self.w.text().len(),
        });
    }
}

/// `key: value`: a field of the object, its value a string.
fn field(w: &mut Writer, key: &'static str, value: &str) {
    w.field(key);
    w.str(value);
}

/// `key: value`: a field of the object, its value the renderer's own word.
fn constant(w: &mut Writer, key: &'static str, value: &'static str) {
    w.field(key);
    w.word(value);
}

/// `key: value` of a map of strings (the user's keys, values or labels).
fn entry(w: &mut Writer, key: &str, value: &str) {
    w.key(key);
    w.str(value);
}

/// The object's `apiVersion` and `kind`, then `metadata`: `annotations` and `labels` (each
/// written by its closure, when given), `name`, `namespace`.
fn head(
    w: &mut Writer,
    api_version: &'static str,
    kind: &'static str,
    extra: Option<(&'static str, &dyn Fn(&mut Writer))>,
    name: &str,
    namespace: &str,
) {
    constant(w, "apiVersion", api_version);
    constant(w, "kind", kind);
    w.field("metadata");
    let m = w.map();
    if let Some((key, write)) = extra {
        w.field(key);
        write(w);
    }
    field(w, "name", name);
    field(w, "namespace", namespace);
    w.end(m);
}

/// A map of strings; `{}` when empty.
fn string_map<'a>(w: &mut Writer, entries: impl IntoIterator<Item = (&'a str, &'a str)>) {
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

fn service_account(w: &mut Writer, r: &Resolved<'_>) {
    let m = w.map();
    let annotations = |w: &mut Writer| {
        // In key order, as the object's map holds them.
        let client = (CLIENT_ID_ANNOTATION, r.client_id().unwrap_or("<client-ID>"));
        let tenant = r.tenant_id().map(|t| (TENANT_ID_ANNOTATION, t));
        string_map(w, std::iter::once(client).chain(tenant));
    };
    head(
        w,
        "v1",
        "ServiceAccount",
        Some(("annotations", &annotations)),
        &r.names.service_account,
        &r.namespace,
    );
    w.end(m);
}

fn secret(w: &mut Writer, r: &Resolved<'_>, encoding: SecretEncoding) {
    // The Secret's map: sorted by key, the last of equal keys kept.
    let mut entries: Vec<(&str, &str)> = Vec::with_capacity(r.config.len());
    // Insertion sort, stable: a few keys, and no sort code of its own in the module.
    for e in &r.config {
        let at = entries.partition_point(|(k, _)| *k <= e.key.as_str());
        entries.insert(at, (e.key.as_str(), e.value.as_str()));
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
    field(w, "name", &r.names.secret);
    field(w, "namespace", &r.namespace);
    w.end(meta);
    if encoding == SecretEncoding::StringData {
        w.field("stringData");
        string_map(w, kept.iter().copied());
    }
    constant(w, "type", "Opaque");
    w.end(m);
}

fn secret_provider_class(w: &mut Writer, r: &Resolved<'_>) {
    let m = w.map();
    head(
        w,
        spc::API_VERSION,
        "SecretProviderClass",
        None,
        &r.names.secret_provider_class,
        &r.namespace,
    );
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
    fn write(&self, w: &mut Writer) {
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
fn workload_metadata(w: &mut Writer, labels: &Labels<'_>, name: &str, namespace: &str) {
    w.field("metadata");
    let m = w.map();
    labels.write(w);
    field(w, "name", name);
    field(w, "namespace", namespace);
    w.end(m);
}

fn workload(w: &mut Writer, parts: &PodParts, namespace: &str, wl: &Workload) {
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

fn pod_spec(w: &mut Writer, parts: &PodParts, wl: &Workload) {
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
