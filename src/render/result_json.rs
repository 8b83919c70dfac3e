//! The wasm module's render result as JSON text, written straight from the
//! bundle: `{ yaml, documents: [{ kind, name, namespace, yaml, object }], findings }`,
//! the text serde_json writes for `wasm::RenderResult` (the unit tests below
//! check that against a copy of its shape, the wasm tests against the type).
//!
//! Two savings over serializing a `RenderResult`: every string is escaped by
//! [`crate::yaml::write_str`] (runs copied whole, not byte by byte), and each
//! document's YAML is escaped once, then copied into both the stream and the
//! document (escaping is per character, so the stream's escape is the join of
//! the documents' escapes).

use super::Bundle;
use crate::yaml::{write_json, write_str, write_str_contents};

impl Bundle {
    /// The render result the wasm module returns, as compact JSON text.
    #[cfg(test)]
    pub(crate) fn result_json(&self) -> String {
        self.result_json_with(true)
    }

    /// The render result as compact JSON text; without `yaml`, every `yaml` field is
    /// empty (the wasm module sets them from one string, sliced, after `JSON.parse`).
    #[cfg_attr(test, allow(dead_code))]
    pub(crate) fn result_json_with(&self, yaml: bool) -> String {
        let escaped: Vec<String> = self
            .documents
            .iter()
            .map(|d| {
                let mut e = String::new();
                if yaml {
                    e.reserve(d.yaml.len() + d.yaml.len() / 8);
                    write_str_contents(&mut e, &d.yaml);
                }
                e
            })
            .collect();
        let yaml_len: usize = escaped.iter().map(String::len).sum();
        // Both copies of the YAML, plus about as much again for the objects.
        let mut out = String::with_capacity(3 * yaml_len + 1024);
        out.push_str("{\"yaml\":\"");
        // As `crate::yaml::join_documents` joins them.
        for (i, (d, e)) in self.documents.iter().zip(&escaped).enumerate() {
            if !yaml {
                break;
            }
            if i > 0 {
                out.push_str("---\\n");
            }
            out.push_str(e);
            if !d.yaml.ends_with('\n') {
                out.push_str("\\n");
            }
        }
        out.push_str("\",\"documents\":[");
        for (i, (d, e)) in self.documents.iter().zip(&escaped).enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"kind\":");
            write_str(&mut out, d.object_kind);
            out.push_str(",\"name\":");
            write_str(&mut out, &d.name);
            out.push_str(",\"namespace\":");
            write_str(&mut out, &d.namespace);
            out.push_str(",\"yaml\":\"");
            out.push_str(e);
            out.push_str("\",\"object\":");
            write_json(&mut out, &d.tree);
            out.push('}');
        }
        out.push_str("],\"findings\":[");
        for (i, f) in self.findings.iter().enumerate() {
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
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::{self, AuthId, ClientId, Combination, TargetId};
    use crate::error::Finding;
    use crate::spec::{KeyVaultObject, KeyVaultSpec, WorkloadSpec};
    use crate::yaml::Node;
    use crate::{render, ConnectionSpec, RenderOptions, SecretEncoding, Severity};
    use serde::Serialize;
    use std::collections::BTreeMap;

    /// The shape of `wasm::RenderResult` (wasm32 only), field for field.
    #[derive(Serialize)]
    struct RenderResult<'a> {
        yaml: String,
        documents: Vec<RenderedDocument<'a>>,
        findings: &'a [Finding],
    }

    /// The shape of `wasm::RenderedDocument`.
    #[derive(Serialize)]
    struct RenderedDocument<'a> {
        kind: &'a str,
        name: &'a str,
        namespace: &'a str,
        yaml: &'a str,
        object: &'a Node,
    }

    fn reference(bundle: &super::super::Bundle) -> String {
        serde_json::to_string(&RenderResult {
            yaml: bundle.yaml(),
            documents: bundle
                .documents
                .iter()
                .map(|d| RenderedDocument {
                    kind: d.object_kind,
                    name: &d.name,
                    namespace: &d.namespace,
                    yaml: &d.yaml,
                    object: &d.tree,
                })
                .collect(),
            findings: &bundle.findings,
        })
        .expect("serde_json writes the result")
    }

    /// The spec of one combination (see [`Combination::spec`]).
    fn spec(target: TargetId, auth: AuthId, client: ClientId) -> ConnectionSpec {
        Combination {
            target,
            account_kind: None,
            auth,
            client,
        }
        .spec()
    }

    /// Every combination the catalog renders, every workload kind and both
    /// encodings, with escapes in the workload fields: the same text as serde_json.
    #[test]
    fn every_rendered_result_is_serde_jsons_text() {
        let mut results = 0;
        let mut severities = Vec::new();
        for c in catalog::combinations() {
            for workload in ["Job", "Deployment", "Pod", "none"] {
                for encoding in [SecretEncoding::StringData, SecretEncoding::Data] {
                    let mut s = c.spec();
                    s.workload = Some(WorkloadSpec {
                        workload_kind: Some(workload.to_owned()),
                        command: Some(vec![
                            "sh".into(),
                            "-c".into(),
                            "echo \"a\\b\" \t\r\u{1}\u{1f}\u{7f}\u{2028}é\n".into(),
                        ]),
                        labels: BTreeMap::from([("tier".into(), "web".into())]),
                        ..Default::default()
                    });
                    let bundle = render(
                        &s,
                        &RenderOptions {
                            secret_encoding: encoding,
                        },
                    )
                    .unwrap_or_else(|e| panic!("{} {} {}: {e}", c.target, c.auth, c.client));
                    assert_eq!(
                        bundle.result_json(),
                        reference(&bundle),
                        "{} {} {} {workload}",
                        c.target,
                        c.auth,
                        c.client
                    );
                    severities.extend(bundle.findings.iter().map(|f| f.severity));
                    results += 1;
                }
            }
        }
        assert!(results > 3000, "only {results} results");
        for s in [Severity::Warning, Severity::Info] {
            assert!(severities.contains(&s), "no {s:?} finding");
        }
    }

    /// Inputs that reach the rarer paths: Key Vault objects (YAML inside YAML),
    /// user-supplied values with quotes, backslashes and control characters.
    #[test]
    fn results_with_escapes_in_values_are_serde_jsons_text() {
        let mut s = spec(TargetId::KeyVault, AuthId::KeyvaultCsi, ClientId::None);
        s.keyvault = Some(KeyVaultSpec {
            objects: vec![KeyVaultObject {
                name: "a-b".into(),
                r#type: "secret".into(),
                version: Some("007".into()),
                alias: Some("x.y".into()),
            }],
        });
        let mut blob = spec(
            TargetId::StorageBlob,
            AuthId::ConnectionString,
            ClientId::Python,
        );
        blob.values = BTreeMap::from([(
            "AZURE_STORAGEBLOB_CONNECTIONSTRING".into(),
            "q\"b\\s\u{0}\u{8}\u{c}\u{b}\u{1b}ü\u{10ffff}".into(),
        )]);
        for s in [s, blob] {
            let bundle = render(&s, &RenderOptions::default()).expect("renders");
            assert_eq!(bundle.result_json(), reference(&bundle));
            // Without the YAML: the same text with every `yaml` field empty.
            let mut want: serde_json::Value =
                serde_json::from_str(&reference(&bundle)).expect("reference");
            want["yaml"] = "".into();
            for d in want["documents"].as_array_mut().expect("documents") {
                d["yaml"] = "".into();
            }
            let got = bundle.result_json_with(false);
            assert!(
                got.starts_with(r#"{"yaml":"","documents":[{"kind":"#),
                "{got}"
            );
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&got).expect("json"),
                want
            );
        }
    }

    #[test]
    fn severity_names_are_the_serialized_ones() {
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            assert_eq!(
                serde_json::to_string(&s).expect("json"),
                format!("\"{}\"", s.as_str())
            );
        }
    }
}
