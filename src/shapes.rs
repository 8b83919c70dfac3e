//! Shapes of values several modules check: a GUID, whitespace or control
//! characters. One definition each, so that policy, resolution and the
//! classifier agree on what a value is.

/// A GUID in its 8-4-4-4-12 hexadecimal form (either case).
pub fn guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Whether `s` holds whitespace or a control character, as `char::is_whitespace`
/// and `char::is_control` define them. ASCII text is checked byte by byte
/// (there both are a space or an ASCII control), without decoding characters.
pub fn has_space_or_control(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes().any(|b| b == b' ' || b.is_ascii_control())
    } else {
        s.chars().any(|c| c.is_whitespace() || c.is_control())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII path agrees with the character definitions for every character.
    #[test]
    fn space_or_control_agrees_with_char_for_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let expected = c.is_whitespace() || c.is_control();
            for s in [format!("{c}"), format!("ab{c}"), format!("{c}é")] {
                assert_eq!(has_space_or_control(&s), expected, "{c:?}");
            }
        }
        assert!(!has_space_or_control("/subscriptions/x"));
        assert!(!has_space_or_control(""));
    }

    #[test]
    fn guids() {
        assert!(guid("00001111-aaaa-2222-bbbb-3333cccc4444"));
        assert!(guid("00001111-AAAA-2222-BBBB-3333CCCC4444"));
        assert!(!guid("00001111-aaaa-2222-bbbb-3333cccc444"));
        assert!(!guid("00001111xaaaa-2222-bbbb-3333cccc4444"));
        assert!(!guid("00001111-aaaa-2222-bbbb-3333cccc444g"));
        assert!(!guid("000011112aaaa-2222-bbbb-3333cccc4444"));
        assert!(!guid(""));
    }
}
