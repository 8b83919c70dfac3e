//! Shapes of values several modules check: a GUID, an `https://` URL, a
//! DNS-1123 label, whitespace or control characters. One definition each, so
//! that policy, resolution, planning, wiring and the classifier agree on what
//! a value is.

/// A GUID in its 8-4-4-4-12 hexadecimal form (either case).
pub fn guid(s: &str) -> bool {
    let b = s.as_bytes();
    // The dashes where they belong, then every group hexadecimal: no test of the position
    // per byte (policy and resolution check a few GUIDs per call).
    b.len() == 36
        && [b[8], b[13], b[18], b[23]] == [b'-'; 4]
        && [&b[..8], &b[9..13], &b[14..18], &b[19..23], &b[24..]]
            .iter()
            .all(|group| group.iter().all(u8::is_ascii_hexdigit))
}

/// An `https://` URL with a host: something after the scheme that does not
/// start with '/', and no whitespace or control character anywhere.
pub fn https_url(s: &str) -> bool {
    s.strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && !has_space_or_control(s)
}

/// A DNS-1123 label: 1 to 63 lower-case letters, digits and '-', starting and
/// ending with a letter or digit.
pub fn dns_label(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    !b.is_empty()
        && b.len() <= 63
        && b.iter().all(|&c| alnum(c) || c == b'-')
        && alnum(b[0])
        && alnum(b[b.len() - 1])
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
    fn https_urls() {
        for ok in [
            "https://psrc-x.westus2.azure.confluent.cloud",
            "https://issuer.example/x/",
            "https://a",
            "https://h:443/p?q=1#f",
        ] {
            assert!(https_url(ok), "{ok}");
        }
        for bad in [
            "",
            "https://",
            "https:///path",
            "http://h",
            "HTTPS://h",
            "h.example",
            "https://h x",
            "https://h\t",
            "https://h\u{85}",
            " https://h",
        ] {
            assert!(!https_url(bad), "{bad:?}");
        }
    }

    /// Every string of up to three characters over an alphabet with each class
    /// the rule names, and the length limit, against the rule read literally.
    #[test]
    fn dns_labels_agree_with_the_rule() {
        let alphabet = ['a', 'z', '0', '9', '-', 'A', '_', '.', 'é'];
        let mut strings = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        strings.extend([
            "a".repeat(63),
            "a".repeat(64),
            format!("{}-", "a".repeat(62)),
        ]);
        let mut labels = 0;
        for s in &strings {
            let chars: Vec<char> = s.chars().collect();
            let inner = |c: &char| matches!(c, 'a'..='z' | '0'..='9' | '-');
            let end = |c: Option<&char>| c.is_some_and(|c| matches!(c, 'a'..='z' | '0'..='9'));
            let expected = (1..=63).contains(&s.len())
                && chars.iter().all(inner)
                && end(chars.first())
                && end(chars.last());
            assert_eq!(dns_label(s), expected, "{s:?}");
            labels += usize::from(expected);
        }
        assert!(labels > 50, "{labels}");
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
        assert!(!guid("00001111-aaaa-2222-bbbb-3333cccc-444"));
        assert!(!guid("-0001111-aaaa-2222-bbbb-3333cccc4444"));
    }
}
