//! The quick answer to "does this text pass every cap and shape check?", without
//! building a JSON value: one walk of serde_json's parser over the text, strings
//! borrowed where they have no escapes, nothing kept.
//!
//! It only says yes or no. Yes means the full check of [`super::read`] (a
//! `serde_json::Value`, then the walk of `check`) finds nothing either: the same
//! parser accepts the same texts (every value goes through `deserialize_any`, as
//! `Value` does, so the same recursion limit holds), and this walk checks at least
//! what `check` does (with a key given twice it checks both values, and counts both
//! entries, where the `Value` keeps the last). No means something may be amiss, and
//! the full check then says exactly what, as it always has.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

use super::{index, Input, Node};

/// Whether `text` is JSON that passes every cap and shape check of `which`.
pub(super) fn passes(text: &str, which: Input) -> bool {
    let mut de = serde_json::Deserializer::from_str(text);
    let root = Walk {
        node: index().root(which),
    };
    root.deserialize(&mut de).is_ok() && de.end().is_ok()
}

/// One value under the table's `node` (`None`: a value no cap reaches).
#[derive(Clone, Copy)]
struct Walk {
    node: Option<&'static Node>,
}

impl Walk {
    /// The walk of a child value, at the table's node `i`.
    fn at(i: Option<usize>) -> Walk {
        Walk {
            node: i.map(|i| &index().nodes[i]),
        }
    }
}

/// Any failure: its message is never read (the full check then runs).
fn amiss<E: serde::de::Error>() -> E {
    E::custom("")
}

impl<'de> DeserializeSeed<'de> for Walk {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<(), E> {
        match self.node.and_then(|n| n.bytes) {
            Some(max) if s.len() > max => Err(amiss()),
            _ => Ok(()),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (max, item) = match self.node {
            Some(&Node {
                items: Some(max),
                item: Some(item),
                ..
            }) => (max, Some(item)),
            // An array where the table has an object.
            Some(n) if !n.fields.is_empty() => return Err(amiss()),
            _ => (usize::MAX, None),
        };
        let item = Walk::at(item);
        let mut count = 0usize;
        while seq.next_element_seed(item)?.is_some() {
            count += 1;
            if count > max {
                return Err(amiss());
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let max = self.node.and_then(|n| n.entries).unwrap_or(usize::MAX);
        let mut count = 0usize;
        while let Some(field) = map.next_key_seed(Key(self.node))? {
            count += 1;
            if count > max {
                return Err(amiss());
            }
            map.next_value_seed(Walk::at(field))?;
        }
        Ok(())
    }
}

/// A key of an object under a node: checked against the key cap, read as the
/// node of its value (`None`: no cap reaches it).
struct Key(Option<&'static Node>);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, k: &str) -> Result<Self::Value, E> {
        let Some(n) = self.0 else {
            return Ok(None);
        };
        if n.key_bytes.is_some_and(|max| k.len() > max) {
            return Err(amiss());
        }
        Ok(n.map_value.or_else(|| {
            n.fields
                .iter()
                .find(|(name, _)| *name == k)
                .map(|&(_, i)| i)
        }))
    }
}
