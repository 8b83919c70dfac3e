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

/// Serializes a rendered object as a YAML document, through [`object_to_value`].
///
/// The text is the same as serializing the object directly with serde_yaml.
pub fn object_to_yaml(object: &crate::render::Object) -> Result<String, String> {
    serde_yaml::to_string(&object_to_value(object)?).map_err(|e| e.to_string())
}

/// A rendered object as a YAML value tree, fields in serialization order.
///
/// Built through JSON text on purpose: the k8s-openapi `Serialize` impls are then
/// compiled for serde_json's serializer only (which the wasm module needs anyway),
/// not a second time for serde_yaml's — a large share of the module's size.
/// Parsing the JSON into a [`serde_yaml::Value`] keeps the field order.
pub fn object_to_value(object: &crate::render::Object) -> Result<serde_yaml::Value, String> {
    let json = serde_json::to_string(object).map_err(|e| e.to_string())?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
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
