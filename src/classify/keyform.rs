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
    // Nearly every table phrase is ASCII: byte by byte, without decoding
    // characters or growing the string one character at a time.
    if phrase.is_ascii() {
        let mut bytes = phrase.as_bytes().to_vec();
        bytes.retain(|&b| !dropped(char::from(b)));
        bytes.make_ascii_lowercase();
        if let Ok(key) = String::from_utf8(bytes) {
            return key;
        }
    }
    phrase
        .chars()
        .filter(|&c| !dropped(c))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{dropped, squeeze};

    #[test]
    fn ascii_and_other_phrases_squeeze_alike() {
        assert_eq!(
            squeeze("Error from server (Forbidden)"),
            "errorfromserver(forbidden)"
        );
        assert_eq!(
            squeeze("namespace 'Microsoft.X'\tis"),
            "namespacemicrosoft.xis"
        );
        assert_eq!(
            squeeze("Die Ressource \u{201E}Microsoft.Web\u{201C} ist"),
            "dieressourcemicrosoft.webist"
        );
    }

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
