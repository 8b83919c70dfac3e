//! The key form phrases and text are compared in: lower-cased, without
//! whitespace and quotes. The matcher scans the text in it, the normaliser
//! and entity extraction skip what it drops, and the engine writes the table
//! phrases in it.

/// Whether the key form drops `c`.
pub(crate) fn dropped(c: char) -> bool {
    // Most characters are ASCII: their whitespace is these five and the space.
    if c.is_ascii() {
        return matches!(
            c,
            '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' ' | '"' | '\'' | '`'
        );
    }
    c.is_whitespace()
        || matches!(
            c,
            // Quotes of any kind: typographic, low-9, guillemets,
            // CJK corner brackets and full-width forms.
            '\u{00AB}'
                | '\u{00BB}'
                | '\u{2018}'..='\u{201F}'
                | '\u{2039}'
                | '\u{203A}'
                | '\u{300C}'..='\u{300F}'
                | '\u{FF02}'
                | '\u{FF07}'
        )
}

/// Lower-cases a table phrase and drops whitespace and quotes: the key form
/// the matcher compares the clean view in.
pub(crate) fn squeeze(phrase: &str) -> String {
    phrase
        .chars()
        .filter(|&c| !dropped(c))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::dropped;

    #[test]
    fn ascii_drops_whitespace_and_quotes_only() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            assert_eq!(
                dropped(c),
                c.is_whitespace() || matches!(c, '"' | '\'' | '`'),
                "{b:#x}"
            );
        }
    }
}
