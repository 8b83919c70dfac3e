//! YAML emission: the one place that turns typed objects into YAML text.

use serde::Serialize;

/// Serializes one value as a YAML document (no leading `---`).
///
/// serde_yaml quotes and escapes every string that could be read back as
/// something else (`: `, `#`, `---`, anchors, tags, control characters), so
/// values never change the document's structure.
pub fn to_yaml<T: Serialize>(value: &T) -> Result<String, serde_yaml::Error> {
    serde_yaml::to_string(value)
}

/// Joins single documents into one multi-document stream.
pub fn join_documents<'a>(docs: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, doc) in docs.into_iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(doc);
        if !doc.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}
