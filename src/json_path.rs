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
                "a\\b\u{e9}",
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
            let got = error_path::<ConnectionSpec>(json);
            let want = if json.contains("a\\\\b") {
                format!("values.{want}")
            } else {
                (*want).to_owned()
            };
            assert_eq!(got, want, "{json}");
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
