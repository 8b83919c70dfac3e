//! Compact JSON text written straight from a [`Node`] tree: the text serde_json's
//! `to_string` writes for the same tree (the [`Serialize`](serde::Serialize) impl
//! of [`Node`]), byte for byte.
//!
//! The wasm module hands every render result to JavaScript as JSON text, and most
//! of that text is strings (whole YAML documents). serde_json escapes a string one
//! byte at a time through calls the size-first release build does not inline;
//! here each run of bytes that needs no escape is copied at once.

use super::Node;

/// Appends `node` as compact JSON (no whitespace), as `serde_json::to_string` writes it.
pub fn write_json(out: &mut String, node: &Node) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => out.push_str(super::decimal::decimal(*i, &mut [0; 20])),
        Node::Str(s) => write_str(out, s),
        // Punctuation in as few pushes as possible: each is a call in the
        // size-first build.
        Node::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        Node::Map(entries) if entries.is_empty() => out.push_str("{}"),
        Node::Map(entries) => {
            let mut open = "{\"";
            for (key, value) in entries {
                out.push_str(open);
                write_str_contents(out, key);
                out.push_str("\":");
                write_json(out, value);
                open = ",\"";
            }
            out.push('}');
        }
    }
}

/// Appends `s` as a JSON string literal, quotes included.
pub fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    write_str_contents(out, s);
    out.push('"');
}

/// Appends `s` escaped as serde_json escapes it, without the quotes: `"` and `\`,
/// the short forms `\b \f \n \r \t`, `\u00xx` (lower-case hex) for the other
/// control characters below U+0020; everything else as it is. Escaping works
/// character by character, so the escape of a concatenation is the
/// concatenation of the escapes.
pub fn write_str_contents(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    loop {
        let mut i = start;
        // Eight bytes at a time while none needs an escape, then byte by byte.
        while let Some(word) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
            if word_needs_escape(u64::from_le_bytes(*word)) {
                break;
            }
            i += 8;
        }
        while bytes.get(i).is_some_and(|&b| !needs_escape(b)) {
            i += 1;
        }
        // `i` is at an ASCII byte or the end, so the run ends on a char boundary.
        out.push_str(s.get(start..i).unwrap_or_default());
        let Some(&b) = bytes.get(i) else { return };
        // The short forms as one push each: `\n` comes every line of a YAML text.
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            _ => "",
        };
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(short);
        }
        start = i + 1;
    }
}

/// The bytes JSON escapes: control characters, `"` and `\`.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether any of the eight bytes of `w` [`needs_escape`] (the "has a byte less
/// than n" and "has a zero byte" tests of Bit Twiddling Hacks, exact as a yes/no
/// answer for n ≤ 128).
fn word_needs_escape(w: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x;
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    (below(w, 0x20) | below(quote, 1) | below(backslash, 1)) & HIGH != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(node: &Node) -> String {
        let mut out = String::new();
        write_json(&mut out, node);
        out
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it() {
        for c in (0u32..0x80).chain([0x85, 0xa0, 0x2028, 0xfeff, 0x1f600]) {
            let c = char::from_u32(c).expect("scalar value");
            // Around and across the eight-byte words the scan reads.
            for at in 0..20 {
                let s = format!("{}{c}{}{c}", "a".repeat(at), "b".repeat(at % 9));
                assert_eq!(
                    json(&Node::Str(s.clone())),
                    serde_json::to_string(&s).expect("json"),
                    "{c:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn the_word_test_agrees_with_the_byte_test() {
        let interesting = [
            0x00, 0x01, 0x08, 0x0a, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7f, 0x80,
            0xa2, 0xdc, 0xff,
        ];
        // Every byte at every position, among bytes that do and do not need an escape.
        for &fill in &[b'a', 0x80, 0xff, 0x21, 0x23] {
            for &b in &interesting {
                for at in 0..8 {
                    let mut word = [fill; 8];
                    word[at] = b;
                    assert_eq!(
                        word_needs_escape(u64::from_le_bytes(word)),
                        word.iter().any(|&b| needs_escape(b)),
                        "{word:?}"
                    );
                }
            }
        }
        for b in 0..=255u8 {
            assert_eq!(
                word_needs_escape(u64::from_le_bytes([b; 8])),
                needs_escape(b),
                "{b}"
            );
        }
    }

    #[test]
    fn trees_are_written_as_serde_json_writes_them() {
        let tree = Node::Map(vec![
            ("a\"".into(), Node::Seq(vec![])),
            ("b".into(), Node::Map(vec![])),
            (
                "c".into(),
                Node::Seq(vec![
                    Node::Null,
                    Node::Bool(true),
                    Node::Bool(false),
                    Node::Int(i64::MIN),
                    Node::Int(0),
                    Node::Str("x\ny".into()),
                ]),
            ),
        ]);
        assert_eq!(json(&tree), serde_json::to_string(&tree).expect("json"));
    }
}
