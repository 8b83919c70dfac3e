//! Normalisation of pasted text into two views used by the matcher.
//!
//! * The **clean** view keeps letter case but drops ANSI escapes and
//!   box-drawing characters, decodes backslash escapes at any nesting depth
//!   (JSON inside JSON inside JSON …) and collapses whitespace runs.
//! * The **key** view is the clean view lower-cased with all whitespace and
//!   quote characters removed, so phrases still match across wrapped lines,
//!   different spacing and different quoting.
//!
//! Both views carry a byte map back to their source so evidence can point at
//! byte ranges of the original input. Everything here is a single forward
//! pass: escaped JSON of any depth is decoded without parsing, by treating a
//! run of backslashes followed by an escape letter as one escape.

/// The two views of one input.
pub(crate) struct Views {
    /// Case-preserving, unescaped, whitespace-collapsed text.
    pub clean: String,
    /// For every byte of `clean`, the byte offset in the input it came from.
    pub clean_map: Vec<u32>,
    /// Lower-cased `clean` without whitespace and quotes.
    pub key: String,
    /// For every byte of `key`, the byte offset in `clean` it came from.
    pub key_map: Vec<u32>,
}

/// Builds both views; adds the bytes it visits to `work`.
pub(crate) fn normalize(input: &str, work: &mut u64) -> Views {
    let (clean, clean_map) = clean_view(input, work);
    let (key, key_map) = key_view(&clean, work);
    Views {
        clean,
        clean_map,
        key,
        key_map,
    }
}

/// What a character contributes to the clean view.
enum Piece {
    Char(char),
    Space,
    Newline,
    Nothing,
}

fn classify_char(c: char) -> Piece {
    match c {
        '\n' => Piece::Newline,
        // Box drawing and block elements (Terraform, Azure CLI tables).
        '\u{2500}'..='\u{259F}' => Piece::Space,
        // Zero-width characters that sneak in from web pages.
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' => Piece::Nothing,
        c if c.is_whitespace() || c.is_control() => Piece::Space,
        c => Piece::Char(c),
    }
}

struct CleanBuilder {
    out: String,
    map: Vec<u32>,
    /// A whitespace run is pending: `Some(true)` if it held a newline.
    pending_ws: Option<bool>,
    pending_pos: u32,
}

impl CleanBuilder {
    fn push(&mut self, piece: Piece, pos: usize) {
        let pos = u32::try_from(pos).unwrap_or(u32::MAX);
        match piece {
            Piece::Nothing => {}
            Piece::Space | Piece::Newline => {
                let nl = matches!(piece, Piece::Newline);
                match self.pending_ws {
                    Some(had_nl) => self.pending_ws = Some(had_nl || nl),
                    None => {
                        self.pending_ws = Some(nl);
                        self.pending_pos = pos;
                    }
                }
            }
            Piece::Char(c) => {
                if let Some(nl) = self.pending_ws.take() {
                    // Leading whitespace is dropped; runs become one separator.
                    if !self.out.is_empty() {
                        self.out.push(if nl { '\n' } else { ' ' });
                        self.map.push(self.pending_pos);
                    }
                }
                let before = self.out.len();
                self.out.push(c);
                for _ in before..self.out.len() {
                    self.map.push(pos);
                }
            }
        }
    }
}

fn clean_view(input: &str, work: &mut u64) -> (String, Vec<u32>) {
    let bytes = input.as_bytes();
    let mut b = CleanBuilder {
        out: String::with_capacity(input.len()),
        map: Vec::with_capacity(input.len()),
        pending_ws: None,
        pending_pos: 0,
    };
    let mut i = 0;
    while i < bytes.len() {
        *work += 1;
        let byte = bytes[i];
        if byte == 0x1b {
            i = skip_ansi(bytes, i, work);
            continue;
        }
        if byte == b'\\' {
            let start = i;
            while i < bytes.len() && bytes[i] == b'\\' {
                *work += 1;
                i += 1;
            }
            match bytes.get(i) {
                Some(b'n') | Some(b'r') | Some(b't') => {
                    let piece = if bytes[i] == b'n' {
                        Piece::Newline
                    } else {
                        Piece::Space
                    };
                    b.push(piece, start);
                    i += 1;
                }
                // An invalid `\u` escape only loses its backslashes.
                Some(b'u') => {
                    if let Some(c) = decode_u(bytes, i + 1) {
                        b.push(classify_char(c), start);
                        i += 5;
                    }
                }
                // Any other escaped character (`\"`, `\/`, `\\x`) is the
                // character itself; the main loop handles it.
                _ => {}
            }
            continue;
        }
        // `i` is always on a char boundary here: we only advance by whole
        // chars or over ASCII bytes.
        let Some(c) = input.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        b.push(classify_char(c), i);
        i += c.len_utf8();
    }
    (b.out, b.map)
}

/// Skips an ANSI escape sequence starting at `i` (the ESC byte).
fn skip_ansi(bytes: &[u8], i: usize, work: &mut u64) -> usize {
    let mut j = i + 1;
    match bytes.get(j) {
        Some(b'[') => {
            j += 1;
            // Parameter and intermediate bytes, then one final byte.
            while j < bytes.len() && (0x20..=0x3f).contains(&bytes[j]) {
                *work += 1;
                j += 1;
            }
            if j < bytes.len() && (0x40..=0x7e).contains(&bytes[j]) {
                j += 1;
            }
            j
        }
        Some(b']') => {
            // Operating-system command, ends at BEL or ESC \.
            j += 1;
            while j < bytes.len() && bytes[j] != 0x07 && bytes[j] != 0x1b && bytes[j] != b'\n' {
                *work += 1;
                j += 1;
            }
            if j < bytes.len() && bytes[j] == 0x07 {
                j += 1;
            }
            j
        }
        _ => j,
    }
}

/// Decodes the four hex digits of a `\uXXXX` escape starting at `at`.
fn decode_u(bytes: &[u8], at: usize) -> Option<char> {
    let hex = bytes.get(at..at + 4)?;
    let mut v: u32 = 0;
    for &h in hex {
        v = v * 16 + char::from(h).to_digit(16)?;
    }
    // Surrogate halves are not chars; show them as a replacement character.
    Some(char::from_u32(v).unwrap_or('\u{FFFD}'))
}

fn key_view(clean: &str, work: &mut u64) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(clean.len());
    let mut map = Vec::with_capacity(clean.len());
    for (i, c) in clean.char_indices() {
        *work += 1;
        if c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}'
            )
        {
            continue;
        }
        let pos = u32::try_from(i).unwrap_or(u32::MAX);
        let before = out.len();
        out.push(c.to_ascii_lowercase());
        for _ in before..out.len() {
            map.push(pos);
        }
    }
    (out, map)
}

/// Lower-cases a table phrase and drops whitespace and quotes, exactly as
/// [`key_view`] does to the input.
pub(crate) fn squeeze(phrase: &str) -> String {
    let mut w = 0;
    key_view(phrase, &mut w).0
}

/// The end (exclusive) in `input` of the source of the clean-view character
/// whose source starts at `pos`: an escape sequence or one character.
pub(crate) fn source_end(input: &str, pos: usize) -> usize {
    let bytes = input.as_bytes();
    let mut i = pos;
    if bytes.get(i) == Some(&b'\\') {
        while i < bytes.len() && bytes[i] == b'\\' {
            i += 1;
        }
        return match bytes.get(i) {
            Some(b'u') if decode_u(bytes, i + 1).is_some() => i + 5,
            Some(_) => next_boundary(input, i),
            None => i,
        };
    }
    next_boundary(input, i)
}

fn next_boundary(input: &str, i: usize) -> usize {
    match input.get(i..).and_then(|s| s.chars().next()) {
        Some(c) => i + c.len_utf8(),
        None => input.len().min(i + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_nested_escapes_and_collapses_space() {
        let mut w = 0;
        let v = normalize(
            "{\\\"code\\\": \\\\\\\"Conflict\\\\\\\"}\\r\\n  x\u{2502} y",
            &mut w,
        );
        assert_eq!(v.clean, "{\"code\": \"Conflict\"}\nx y");
        assert_eq!(v.key, "{code:conflict}xy");
        assert_eq!(v.clean.len(), v.clean_map.len());
        assert_eq!(v.key.len(), v.key_map.len());
    }

    #[test]
    fn strips_ansi_and_decodes_unicode_escapes() {
        let mut w = 0;
        let v = normalize(
            "\u{1b}[31mERROR\u{1b}[0m: namespace \\u0027Microsoft.X\\u0027",
            &mut w,
        );
        assert_eq!(v.clean, "ERROR: namespace 'Microsoft.X'");
        assert_eq!(v.key, "error:namespacemicrosoft.x");
    }

    #[test]
    fn maps_back_to_input() {
        let mut w = 0;
        let input = "a\\\"b  c";
        let v = normalize(input, &mut w);
        assert_eq!(v.clean, "a\"b c");
        assert_eq!(v.clean_map, vec![0, 2, 3, 4, 6]);
        assert_eq!(source_end(input, 2), 3);
    }
}
