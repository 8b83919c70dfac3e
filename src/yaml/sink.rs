//! Writing a value piece by piece: what the preview and the wasm module's render write
//! their objects with, as YAML ([`super::Writer`]) or as JSON ([`JsonWriter`]), each the
//! text its writer from a [`super::Node`] tree gives for the tree of the same shape.

#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-core"))]
use super::json::write_str;

/// Where a value is written, piece by piece.
///
/// A mapping is [`Sink::map`], then per entry [`Sink::key`] (or [`Sink::field`]) and its
/// value, then [`Sink::end`]; a sequence is [`Sink::seq`], then per item [`Sink::item`] and
/// its value, then [`Sink::end`]. An empty mapping or sequence is [`Sink::empty_map`] or
/// [`Sink::empty_seq`].
pub(crate) trait Sink {
    /// Starts a non-empty mapping as the next value.
    fn map(&mut self) -> Level;
    /// Starts a non-empty sequence as the next value.
    fn seq(&mut self) -> Level;
    /// Ends the mapping or sequence `level` started.
    fn end(&mut self, level: Level);
    /// The next key of the current mapping; its value follows.
    fn key(&mut self, key: &str);
    /// The next key of the current mapping, a field name of the writer's own (a plain
    /// word, nothing to quote or escape): written as [`Sink::key`] writes it, unexamined.
    fn field(&mut self, key: &'static str);
    /// The next item of the current sequence; its value follows.
    fn item(&mut self);
    /// A string value.
    fn str(&mut self, s: &str);
    /// A string value of the writer's own (a plain word, `v1`, `Secret`): written as
    /// [`Sink::str`] writes it, unexamined.
    fn word(&mut self, s: &'static str);
    /// A boolean value.
    fn bool(&mut self, b: bool);
    /// An integer value.
    fn int(&mut self, i: i64);
    /// An empty mapping value.
    fn empty_map(&mut self);
    /// An empty sequence value.
    fn empty_seq(&mut self);
}

/// What a [`Sink`] needs back when a mapping or sequence ends (the YAML writer: the indent
/// to return to; the JSON writer: the closing bracket).
#[must_use]
pub(crate) struct Level(pub(super) isize);

#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-core"))]
/// Writes compact JSON piece by piece: the text [`super::write_json`] writes for the tree
/// of the same shape.
pub(crate) struct JsonWriter<'a> {
    out: &'a mut String,
    /// Nothing is in the current mapping or sequence yet: no comma before the next entry.
    first: bool,
}

#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-core"))]
impl<'a> JsonWriter<'a> {
    /// A writer appending one value to `out`.
    pub(crate) fn new(out: &'a mut String) -> Self {
        JsonWriter { out, first: true }
    }

    fn next(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-core"))]
impl Sink for JsonWriter<'_> {
    fn map(&mut self) -> Level {
        self.out.push('{');
        self.first = true;
        Level(0)
    }

    fn seq(&mut self) -> Level {
        self.out.push('[');
        self.first = true;
        Level(1)
    }

    fn end(&mut self, level: Level) {
        self.out.push(if level.0 == 0 { '}' } else { ']' });
        self.first = false;
    }

    fn key(&mut self, key: &str) {
        self.next();
        write_str(self.out, key);
        self.out.push(':');
    }

    fn field(&mut self, key: &'static str) {
        self.next();
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
    }

    fn item(&mut self) {
        self.next();
    }

    fn str(&mut self, s: &str) {
        write_str(self.out, s);
    }

    fn word(&mut self, s: &'static str) {
        self.out.push('"');
        self.out.push_str(s);
        self.out.push('"');
    }

    fn bool(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
    }

    fn int(&mut self, i: i64) {
        self.out.push_str(super::decimal::decimal(i, &mut [0; 20]));
    }

    fn empty_map(&mut self) {
        self.out.push_str("{}");
    }

    fn empty_seq(&mut self) {
        self.out.push_str("[]");
    }
}
