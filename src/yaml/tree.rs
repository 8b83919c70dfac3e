//! The ordered value tree every rendered object becomes once, and the serde
//! [`Serializer`](serde::Serializer) that builds one from any `Serialize` value.
//!
//! Everything the renderer writes is built as a tree directly: the Kubernetes
//! objects field by field (`src/render/tree.rs`), the SecretProviderClass
//! `objects` parameter node by node (`src/render/spc.rs`). This serializer is
//! the reference the tests hold those trees to (k8s-openapi's `Serialize`
//! impls, serde_yaml's text); nothing in the WebAssembly module calls it, so
//! it costs the module nothing. The YAML text
//! ([`super::emit()`]) and the JSON handed to JavaScript (the [`Serialize`] impl
//! of [`Node`]) are both written from the tree.

use serde::ser::{self, Impossible, Serialize};
use std::borrow::Cow;

use super::Error;

/// A serialized value: what YAML and JSON can both hold, in serialization order.
///
/// Only the shapes the rendered objects need: no floating-point numbers, no
/// enum variants with data, and mapping keys are always strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// `null` (a unit, or `None` where a field does not skip it).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer (every unsigned value up to `i64::MAX` fits).
    Int(i64),
    /// A string.
    Str(String),
    /// A sequence, in order.
    Seq(Vec<Node>),
    /// A mapping, entries in serialization order. Struct field names stay
    /// borrowed, which saves an allocation per field.
    Map(Vec<(Cow<'static, str>, Node)>),
}

impl Node {
    /// What kind of value this is, for error messages ("found a sequence").
    fn found(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Int(_) => "an integer",
            Node::Str(_) => "a string",
            Node::Seq(_) => "a sequence",
            Node::Map(_) => "a mapping",
        }
    }
}

/// Serializes any value into a [`Node`] tree.
///
/// Fails on what the tree cannot hold (floating-point numbers, bytes, chars,
/// enum variants with data, integers outside `i64`) and on non-string mapping keys.
pub fn to_tree<T: Serialize + ?Sized>(value: &T) -> Result<Node, Error> {
    value.serialize(TreeSerializer)
}

/// The serializer behind [`to_tree`].
struct TreeSerializer;

/// Collects sequence, tuple and tuple-struct elements.
struct SeqBuilder(Vec<Node>);

/// Collects map and struct entries; `key` holds a map key until its value comes.
struct MapBuilder {
    entries: Vec<(Cow<'static, str>, Node)>,
    key: Option<String>,
}

fn unsupported<T>(found: &'static str) -> Result<T, Error> {
    Err(Error::Unsupported { found })
}

impl ser::Serializer for TreeSerializer {
    type Ok = Node;
    type Error = Error;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = Impossible<Node, Error>;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = Impossible<Node, Error>;

    fn serialize_bool(self, v: bool) -> Result<Node, Error> {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Node, Error> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Node, Error> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Node, Error> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Node, Error> {
        Ok(Node::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Node, Error> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Node, Error> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Node, Error> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Node, Error> {
        match i64::try_from(v) {
            Ok(v) => Ok(Node::Int(v)),
            Err(_) => unsupported("an integer above i64::MAX"),
        }
    }
    // serde_yaml and serde_json print floats differently (and no rendered
    // object has one), so the tree refuses them rather than guess.
    fn serialize_f32(self, _: f32) -> Result<Node, Error> {
        unsupported("a floating-point number")
    }
    fn serialize_f64(self, _: f64) -> Result<Node, Error> {
        unsupported("a floating-point number")
    }
    // serde_yaml always single-quotes a char; a one-char string would not be.
    fn serialize_char(self, _: char) -> Result<Node, Error> {
        unsupported("a char")
    }
    fn serialize_str(self, v: &str) -> Result<Node, Error> {
        Ok(Node::Str(v.to_owned()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Node, Error> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<Node, Error> {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Node, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, Error> {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Node, Error> {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Node, Error> {
        Ok(Node::Str(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Node, Error> {
        value.serialize(self)
    }
    // serde_yaml writes these as tagged values (`!Variant`), serde_json as
    // one-entry objects: no single tree gives both, and no object has one.
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Node, Error> {
        unsupported("an enum variant with data")
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, Error> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqBuilder, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unsupported("an enum variant with data")
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, Error> {
        Ok(MapBuilder {
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapBuilder, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unsupported("an enum variant with data")
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Node;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.0.push(value.serialize(TreeSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Node, Error> {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Node;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Node;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Node;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // Keys go through the same serializer (one copy of the code), then
        // anything but a string is refused: YAML could hold it, JSON cannot.
        match key.serialize(TreeSerializer)? {
            Node::Str(k) => {
                self.key = Some(k);
                Ok(())
            }
            other => Err(Error::KeyNotString {
                found: other.found(),
            }),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        // serde calls serialize_key first; a value without one is a bug in the
        // caller's Serialize impl, reported rather than panicking.
        let key = self.key.take().ok_or(Error::Unsupported {
            found: "a map value without a key",
        })?;
        let value = value.serialize(TreeSerializer)?;
        self.entries.push((Cow::Owned(key), value));
        Ok(())
    }
    fn end(self) -> Result<Node, Error> {
        Ok(Node::Map(self.entries))
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Node;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let value = value.serialize(TreeSerializer)?;
        self.entries.push((Cow::Borrowed(key), value));
        Ok(())
    }
    fn end(self) -> Result<Node, Error> {
        Ok(Node::Map(self.entries))
    }
}

/// Writes the tree back out through any serde serializer; serde_json gives the
/// same JSON the typed object would have given (same order, same values).
impl Serialize for Node {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ser::{SerializeMap, SerializeSeq};
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Int(i) => serializer.serialize_i64(*i),
            Node::Str(s) => serializer.serialize_str(s),
            Node::Seq(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k.as_ref(), v)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Meta {
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        namespace: Option<String>,
        labels: BTreeMap<String, String>,
        replicas: u32,
        unit: (),
        list: Vec<Option<bool>>,
    }

    #[test]
    fn struct_fields_keep_order_and_none_is_null_unless_skipped() {
        let tree = to_tree(&Meta {
            name: None,
            namespace: None,
            labels: BTreeMap::from([("b".into(), "2".into()), ("a".into(), "1".into())]),
            replicas: 3,
            unit: (),
            list: vec![Some(true), None],
        })
        .unwrap();
        let s = |v: &str| Node::Str(v.to_owned());
        assert_eq!(
            tree,
            Node::Map(vec![
                ("name".into(), Node::Null),
                (
                    "labels".into(),
                    Node::Map(vec![("a".into(), s("1")), ("b".into(), s("2"))])
                ),
                ("replicas".into(), Node::Int(3)),
                ("unit".into(), Node::Null),
                ("list".into(), Node::Seq(vec![Node::Bool(true), Node::Null])),
            ])
        );
    }

    #[test]
    fn non_string_keys_and_unsupported_values_are_typed_errors() {
        let int_keys = BTreeMap::from([(1, "one")]);
        assert_eq!(
            to_tree(&int_keys),
            Err(Error::KeyNotString {
                found: "an integer"
            })
        );
        assert_eq!(
            to_tree(&int_keys).unwrap_err().to_string(),
            "mapping key: expected a string, found an integer"
        );
        assert_eq!(
            to_tree(&1.5).unwrap_err().to_string(),
            "expected a string, integer, boolean, null, sequence or mapping, found a floating-point number"
        );
        assert!(to_tree(&u64::MAX).is_err());
        assert_eq!(to_tree(&(i64::MAX as u64)), Ok(Node::Int(i64::MAX)));
        assert!(to_tree(&'c').is_err());
        assert!(to_tree(serde_bytes_like()).is_err());
        assert!(matches!(to_tree(&1u128), Err(Error::Custom(_))));
    }

    fn serde_bytes_like() -> &'static impl Serialize {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(b"ab")
            }
        }
        &Bytes
    }

    #[test]
    fn json_from_the_tree_equals_json_from_the_value() {
        let meta = Meta {
            name: Some("n\"\u{1}".into()),
            namespace: Some("ns".into()),
            labels: BTreeMap::from([("k".into(), "v".into())]),
            replicas: 0,
            unit: (),
            list: vec![None],
        };
        let tree = to_tree(&meta).unwrap();
        assert_eq!(
            serde_json::to_string(&tree).unwrap(),
            serde_json::to_string(&meta).unwrap()
        );
        assert_eq!(
            serde_json::to_string_pretty(&tree).unwrap(),
            serde_json::to_string_pretty(&meta).unwrap()
        );
    }
}
