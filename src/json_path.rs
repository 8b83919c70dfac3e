//! Field paths for input errors, found from where serde_json stopped.
//!
//! The wasm boundary reads its inputs as compact JSON text (`JSON.stringify`,
//! which never writes a raw newline), so serde_json's error column is the byte
//! offset at which deserializing failed: just after what it consumed, or at the
//! first byte of a value it only peeked at. Scanning the text up to that offset and
//! keeping the stack of open objects (with their current key) and arrays (with
//! their current index) gives the path of the value that failed, written as
//! `serde_path_to_error` writes it (`target.extra`, `keyvault.objects[0]`), for
//! a fraction of its size: that crate compiles every `Deserialize` impl a second
//! time with its own wrappers.

/// One open container while scanning.
enum Frame {
    /// An object: its latest key, and whether a key comes next.
    Object { key: Option<String>, want_key: bool },
    /// An array: the index of its current element, once one has started.
    Array { index: Option<usize> },
}

/// The path of the value serde_json was reading when it failed with `error` (whose
/// text is `message`) on the one-line JSON text `json`; `""` for the root value.
pub(crate) fn path_at(json: &str, error: &serde_json::Error, message: &str) -> String {
    let at = error.column();
    let data_error = error.is_data();
    // An externally tagged enum written as `{"variant": …}`: an unknown variant is an
    // error about the enum, not about a field named after the variant.
    let variant_error = message.starts_with("unknown variant");
    let mut after_key = false;
    let bytes = json.as_bytes();
    let end = at.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        let b = bytes[i];
        after_key = false;
        if !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b'}' | b']') {
            // A value (or key) starts here: it is an element of an enclosing array.
            if let Some(Frame::Array { index }) = stack.last_mut() {
                index.get_or_insert(0);
            }
        }
        match b {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                if let Some(Frame::Object { key, want_key }) = stack.last_mut() {
                    if *want_key {
                        let raw = json.get(start..i.min(bytes.len())).unwrap_or_default();
                        // A key serde_json cannot read (a lone surrogate escape) is
                        // where it failed; serde_path_to_error wrote it as `?`.
                        let k = serde_json::from_str(raw).unwrap_or_else(|_| "?".to_owned());
                        *key = Some(k);
                        *want_key = false;
                        after_key = true;
                    }
                }
                continue;
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: None }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                Some(Frame::Array { index: Some(n) }) => *n += 1,
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    // A data error about a value serde_json only peeked at stops before its first
    // byte: a first element that starts right there is the one being read. (Syntax
    // errors about a peeked byte stop after it.)
    if let (
        true,
        Some(Frame::Array {
            index: index @ None,
        }),
    ) = (data_error, stack.last_mut())
    {
        let next = bytes.get(end..).unwrap_or_default();
        if next
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b != b']')
        {
            *index = Some(0);
        }
    }
    if let (true, true, Some(Frame::Object { key, .. })) =
        (variant_error, after_key, stack.last_mut())
    {
        *key = None;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                push_segment(&mut path, k);
            }
            Frame::Array { index: Some(n) } => {
                path.push('[');
                path.push_str(&n.to_string());
                path.push(']');
            }
            _ => {}
        }
    }
    path
}

/// A key of the path: names longer than [`MAX_SEGMENT`] characters (only an
/// unknown field can be; map keys are capped before typed reading) are cut, so an
/// error never carries a huge key.
fn push_segment(path: &mut String, key: &str) {
    match key.char_indices().nth(MAX_SEGMENT) {
        Some((at, _)) => {
            path.push_str(&key[..at]);
            path.push('…');
        }
        None => path.push_str(key),
    }
}

/// The longest path segment an error names whole.
const MAX_SEGMENT: usize = 64;

#[cfg(test)]
mod tests {
    use super::path_at;
    use crate::spec::{ConnectionSpec, RenderOptions};
    use serde::de::DeserializeOwned;

    /// The path and message the wasm boundary reports for a bad input.
    fn error_path<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let e = serde_json::from_str::<T>(json).expect_err(json);
        assert_eq!(e.line(), 1, "{json}: {e}");
        path_at(json, &e, &e.to_string())
    }

    #[test]
    fn paths_match_serde_path_to_error() {
        // (compact JSON, the path serde_path_to_error 0.1.20 reported, "" for its "."),
        // checked against it on every wrong type, unknown and missing field of a full spec.
        let cases: &[(&str, &str)] = &[
            (r#"{"target":{"type":5}}"#, "target.type"),
            (r#"{"target":{}}"#, "target"),
            (r#"{}"#, ""),
            (r#"{"target":{"type":"sql"},"bogus":1}"#, "bogus"),
            (r#"{"target":{"type":"sql","extra":"x"}}"#, "target.extra"),
            (r#"{"target":{"type":"sql"},"values":{"K":1}}"#, "values.K"),
            (
                r#"{"target":{"type":"sql"},"keyvault":{"objects":[{"name":"a"}]}}"#,
                "keyvault.objects[0]",
            ),
            (
                r#"{"target":{"type":"sql"},"keyvault":{"objects":[{"name":"a","type":"secret"},{"name":"b"}]}}"#,
                "keyvault.objects[1]",
            ),
            (
                r#"{"target":{"type":"sql"},"keyvault":{"objects":[{"name":"a","type":"secret"},{"name":"b","type":5}]}}"#,
                "keyvault.objects[1].type",
            ),
            (
                r#"{"target":{"type":"sql"},"keyvault":{"objects":{}}}"#,
                "keyvault.objects",
            ),
            (r#"{"target":{"type":"sql"},"values":[]}"#, "values"),
            (
                r#"{"target":{"type":"sql"},"namespace":{"a":[1]}}"#,
                "namespace",
            ),
            (r#"{"tar\"get":1}"#, "tar\"get"),
            (
                r#"{"target":{"type":"sql"},"values":{"a\\b\u00e9":[]}}"#,
                "values.a\\b\u{e9}",
            ),
            (
                r#"{"target":{"type":"sql"},"values":{"\ud83d":"x"}}"#,
                "values.?",
            ),
            (
                r#"{"target":{"type":"sql"},"values":{"a":"x"},"v\ud800":1}"#,
                "?",
            ),
            (
                r#"{"target":{"type":"sql"},"workload":{"command":["a","\ud800"]}}"#,
                "workload.command[1]",
            ),
            (
                r#"{"target":{"type":"sql"},"workload":{"command":[[[]]]}}"#,
                "workload.command[0]",
            ),
            ("null", ""),
            ("42", ""),
            (r#""storage-blob""#, ""),
            ("[]", ""),
        ];
        for (json, want) in cases {
            assert_eq!(error_path::<ConnectionSpec>(json), *want, "{json}");
        }
        for (json, want) in [
            (r#"{"secretEncoding":"hex"}"#, "secretEncoding"),
            (r#"{"secretEncoding":{"hex":1}}"#, "secretEncoding"),
            (r#"{"secretEncoding":{"data":1}}"#, "secretEncoding.data"),
            (r#"{"secretEncoding":[1]}"#, "secretEncoding"),
        ] {
            assert_eq!(error_path::<RenderOptions>(json), want, "{json}");
        }
    }
}

/// `path_at` against `serde_path_to_error` over random bad inputs: a full spec,
/// plan context, render options or wire target with a wrong type at a random
/// depth, an unknown field or a missing one. Native only: the reference is a
/// native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod reference {
    use super::path_at;
    use crate::render::WireTarget;
    use crate::spec::{ConnectionSpec, PlanContext, RenderOptions};
    use proptest::prelude::*;
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    /// Valid inputs with every field given, each map and array with entries.
    fn full(which: usize) -> Value {
        match which {
            0 => {
                // Two entries where a list or map can hold several, so that paths
                // with an index or key past the first are drawn too.
                let mut spec = crate::spec::full_spec_json();
                spec["customizedKeys"]["L"] = json!("W");
                spec["workload"]["command"] = json!(["c", "d", "e"]);
                spec["keyvault"]["objects"]
                    .as_array_mut()
                    .expect("objects")
                    .push(json!({ "name": "m", "type": "key" }));
                spec
            }
            1 => json!({
                "apiVersion": "2022-05-01", "extensionInstalled": true,
                "kubernetesConfigurationRegistered": true, "serviceLinkerRegistered": true,
                "clusterProvisioningState": "Succeeded", "oidcIssuerEnabled": true,
                "oidcIssuerUrl": "https://x/", "workloadIdentityEnabled": true,
                "keyvaultSecretsProviderEnabled": true, "egressAllowed": true
            }),
            2 => json!({ "secretEncoding": "data" }),
            _ => json!({
                "kind": "Deployment", "name": "web", "namespace": "apps",
                "containers": [{ "name": "app", "index": 0 }, { "name": "side", "index": 1 }],
                "hasPodLabels": true, "hasVolumes": false
            }),
        }
    }

    /// The path both report for `text`, when it does not deserialize as `T`.
    fn paths<T: DeserializeOwned>(text: &str) -> Option<(String, String)> {
        let e = serde_json::from_str::<T>(text).err()?;
        let ours = path_at(text, &e, &e.to_string());
        let mut de = serde_json::Deserializer::from_str(text);
        let theirs = match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Ok(_) => panic!("serde_json refused {text}, serde_path_to_error took it"),
            Err(e) => e.path().to_string(),
        };
        // serde_path_to_error writes the root as `.`.
        Some((ours, if theirs == "." { String::new() } else { theirs }))
    }

    /// A value of another JSON type than `v`, picked by `pick`.
    fn wrong(v: &Value, pick: usize) -> Value {
        let others: Vec<Value> = [
            json!(null),
            json!(true),
            json!(7),
            json!(-1.5),
            json!("x"),
            json!([]),
            json!(["x", 1]),
            json!({}),
            json!({ "x": 1 }),
        ]
        .into_iter()
        .filter(|o| std::mem::discriminant(o) != std::mem::discriminant(v))
        .collect();
        others[pick % others.len()].clone()
    }

    /// One edit at the value `steps` lead to (down while there is a child):
    /// `kind` 1 adds an unknown field to an object, 2 removes one of its
    /// fields, anything else puts a value of another type there.
    fn edit(v: &mut Value, steps: &[usize], kind: usize, pick: usize) {
        let mut at = v;
        for &step in steps {
            let len = match &*at {
                Value::Object(o) => o.len(),
                Value::Array(a) => a.len(),
                _ => 0,
            };
            if len == 0 {
                break;
            }
            at = match at {
                Value::Object(o) => {
                    let key = o.keys().nth(step % len).cloned().unwrap_or_default();
                    o.entry(key).or_insert(Value::Null)
                }
                Value::Array(a) => &mut a[step % len],
                other => other,
            };
        }
        match (at, kind) {
            (Value::Object(o), 1) => {
                let name = ["extra", "Type", "kind2", "é", "a\"b"][pick % 5];
                o.insert(name.to_owned(), json!(pick));
            }
            (Value::Object(o), 2) if !o.is_empty() => {
                let key = o.keys().nth(pick % o.len()).cloned().unwrap_or_default();
                o.remove(&key);
            }
            (other, _) => *other = wrong(other, pick),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn paths_agree_with_serde_path_to_error(
            which in 0usize..4,
            edits in prop::collection::vec(
                (prop::collection::vec(any::<usize>(), 0..5), 0usize..3, any::<usize>()),
                1..3,
            ),
        ) {
            let mut v = full(which);
            for (steps, kind, pick) in &edits {
                edit(&mut v, steps, *kind, *pick);
            }
            let text = serde_json::to_string(&v).expect("json");
            let got = match which {
                0 => paths::<ConnectionSpec>(&text),
                1 => paths::<PlanContext>(&text),
                2 => paths::<RenderOptions>(&text),
                _ => paths::<WireTarget>(&text),
            };
            if let Some((ours, theirs)) = got {
                prop_assert_eq!(ours, theirs, "{}", text);
            }
        }
    }

    /// The edits are not vacuous: most of them make inputs that fail.
    #[test]
    fn most_edits_fail() {
        let mut failed = 0;
        for pick in 0..200usize {
            let mut v = full(pick % 4);
            edit(&mut v, &[pick, pick / 3, pick / 7], pick % 3, pick);
            let text = serde_json::to_string(&v).expect("json");
            failed += usize::from(match pick % 4 {
                0 => paths::<ConnectionSpec>(&text).is_some(),
                1 => paths::<PlanContext>(&text).is_some(),
                2 => paths::<RenderOptions>(&text).is_some(),
                _ => paths::<WireTarget>(&text).is_some(),
            });
        }
        assert!(failed > 100, "{failed}");
    }
}
