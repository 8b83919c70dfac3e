//! YAML emission: the one place that turns typed objects into YAML text.
//!
//! A value is serialized once into a [`Node`] tree ([`to_tree`]); the YAML text
//! is written from the tree ([`emit()`]), and so is the JSON the WebAssembly
//! module returns ([`write_json`], the text serde_json writes through `Node`'s
//! `Serialize` impl, without serde_json's per-byte escaping). The text is byte for byte
//! what serde_yaml_ng 0.10 writes for the same value, except for the strings of
//! [`departs_from_serde_yaml`], which a YAML 1.1 reader (kubectl, PyYAML) or a
//! YAML 1.2 core reader would take differently from serde_yaml's text: every
//! string that could be read back as something else (`: `, `#`, `---`, anchors,
//! tags, numbers, booleans, null, timestamps, control characters) is quoted or
//! escaped, so values never change type or the document's structure.

mod decimal;
mod emit;
mod json;
mod plain;
mod sink;
#[cfg(test)]
mod testing;
mod tree;

pub use emit::emit;
pub(crate) use emit::Writer;
#[cfg(any(not(target_arch = "wasm32"), test))]
pub use json::write_str_contents;
pub use json::{write_json, write_str};
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-core"))]
pub(crate) use sink::JsonWriter;
pub(crate) use sink::{Level, Sink};
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

/// Whether the emitter writes `s` differently from serde_yaml_ng 0.10, its
/// byte-for-byte reference everywhere else: single-quoted where serde_yaml
/// writes it plain, because a YAML 1.1 reader (kubectl, PyYAML) or a YAML 1.2
/// core schema reader would take it as something else (`yes`, `on`, `y`,
/// `1_000`, `1:30`, `2026-11-28`, `=`, `<<`, `0X1F`, `1e400`, …); or in double
/// quotes with `\N`, `\L`, `\P` escapes where it holds NEL, LS or PS, which
/// YAML 1.1 reads as line breaks and YAML 1.2 does not.
pub fn departs_from_serde_yaml(s: &str) -> bool {
    plain::has_version_dependent_break(s) || plain::quoted_beyond_serde_yaml(s)
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
