//! YAML emission: the one place that turns typed objects into YAML text.
//!
//! A value is serialized once into a [`Node`] tree ([`to_tree`]); the YAML text
//! is written from the tree ([`emit()`]), and so is the JSON the WebAssembly
//! module returns ([`write_json`], the text serde_json writes through `Node`'s
//! `Serialize` impl, without serde_json's per-byte escaping). The text is byte for byte
//! what serde_yaml_ng 0.10 writes for the same value: every string that could
//! be read back as something else (`: `, `#`, `---`, anchors, tags, numbers,
//! booleans, null, control characters) is quoted or escaped, so values never
//! change the document's structure.

mod emit;
mod json;
mod tree;

pub use emit::emit;
pub use json::{write_json, write_str, write_str_contents};
pub use tree::{to_tree, Node};

use serde::Serialize;

/// Why a value could not be turned into YAML (see [`to_tree`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A mapping key that is not a string (JSON could not hold it).
    #[error("mapping key: expected a string, found {found}")]
    KeyNotString {
        /// What the key was.
        found: &'static str,
    },
    /// A value the tree has no shape for.
    #[error("expected a string, integer, boolean, null, sequence or mapping, found {found}")]
    Unsupported {
        /// What the value was.
        found: &'static str,
    },
    /// An error raised by the value's own `Serialize` impl.
    #[error("{0}")]
    Custom(String),
}

impl serde::ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error::Custom(msg.to_string())
    }
}

/// Serializes one value as a YAML document (no leading `---`).
pub fn to_yaml<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    Ok(emit(&to_tree(value)?))
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
