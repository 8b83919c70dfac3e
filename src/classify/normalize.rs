//! Normalisation of pasted text into the view used by the matcher.
//!
//! * The **clean** view keeps letter case but drops ANSI escapes and
//!   box-drawing characters, decodes backslash escapes at any nesting depth
//!   (JSON inside JSON inside JSON …) and collapses whitespace runs.
//! * The **key** form is the clean view lower-cased with all whitespace and
//!   quote characters removed, so phrases still match across wrapped lines,
//!   different spacing and different quoting. Only table phrases are turned
//!   into it ([`squeeze`]); the matcher reads the clean view through the
//!   same filter instead of building a copy.
//!
//! The clean view carries a map back to the input so evidence can point at
//! byte ranges of the original. Everything here is a single forward pass:
//! escaped JSON of any depth is decoded without parsing, by treating a run
//! of backslashes followed by an escape letter as one escape.

/// The clean view of one input.
pub(crate) struct Views {
    /// Case-preserving, unescaped, whitespace-collapsed text.
    pub clean: String,
    /// Where each clean character came from in the input.
    pub clean_map: SourceMap,
}

/// Maps clean-view offsets to input offsets. Stored as runs that copy the
/// input byte for byte (one entry per whitespace collapse, escape or ANSI
/// sequence, not one per byte), since most pasted text is copied as is.
#[derive(Debug, Default)]
pub(crate) struct SourceMap {
    /// `(clean offset, input offset)` where a run starts, ascending.
    runs: Vec<(u32, u32)>,
}

impl SourceMap {
    /// Notes that the clean character at `clean` comes from input offset `pos`.
    #[inline]
    fn note(&mut self, clean: usize, pos: u32) {
        let clean = u32::try_from(clean).unwrap_or(u32::MAX);
        if let Some(&(c, p)) = self.runs.last() {
            // Still copying the input byte for byte: nothing to store.
            if pos.wrapping_sub(p) == clean.wrapping_sub(c) {
                return;
            }
        }
        self.runs.push((clean, pos));
    }

    /// The input offset of the character of `clean` that holds byte `at`
    /// (every byte of a character maps to where the character came from).
    pub fn get(&self, clean: &str, at: usize) -> Option<usize> {
        if at >= clean.len() {
            return None;
        }
        let mut c = at;
        while !clean.is_char_boundary(c) {
            c -= 1;
        }
        let c = u32::try_from(c).ok()?;
        let i = self
            .runs
            .partition_point(|&(rc, _)| rc <= c)
            .checked_sub(1)?;
        let (rc, rp) = self.runs[i];
        Some((rp + (c - rc)) as usize)
    }
}

/// Builds the clean view; adds the bytes it visits to `work`.
pub(crate) fn normalize(input: &str, work: &mut u64) -> Views {
    let (clean, clean_map) = clean_view(input, work);
    Views { clean, clean_map }
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
        // Typographic quotes (word processors, chat, blog engines) read as
        // ASCII ones, so `Code=”NotFound”` is still a code.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Piece::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Piece::Char('"'),
        c if c.is_whitespace() || c.is_control() => Piece::Space,
        c => Piece::Char(c),
    }
}

/// Printable ASCII other than the backslash and `&` (escapes and HTML
/// entities): copied to the clean view as is.
#[inline]
fn plain(b: u8) -> bool {
    PLAIN[usize::from(b)]
}

/// [`plain`] of each byte: one lookup per byte of a run.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x21;
    while b < 0x7f {
        t[b] = b != b'\\' as usize && b != b'&' as usize;
        b += 1;
    }
    t
};

/// Where the run of [`plain`] bytes that starts at `i` ends.
#[inline]
fn plain_run(bytes: &[u8], i: usize) -> usize {
    let rest = bytes.get(i..).unwrap_or_default();
    i + rest.iter().position(|&b| !plain(b)).unwrap_or(rest.len())
}

/// The HTML entities of quotes and markup characters that a text copied
/// from a web page's source may hold, by name or number.
const HTML_ENTITIES: &[(&[u8], char)] = &[
    (b"&quot;", '"'),
    (b"&#34;", '"'),
    (b"&#x22;", '"'),
    (b"&apos;", '\''),
    (b"&#39;", '\''),
    (b"&#039;", '\''),
    (b"&#x27;", '\''),
    (b"&amp;", '&'),
    (b"&#38;", '&'),
    (b"&lt;", '<'),
    (b"&#60;", '<'),
    (b"&gt;", '>'),
    (b"&#62;", '>'),
    (b"&nbsp;", ' '),
];

/// The character and length of the HTML entity at `i`, if one is there
/// (case-insensitive).
fn html_entity(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    HTML_ENTITIES.iter().find_map(|&(name, c)| {
        bytes
            .get(i..i + name.len())
            .filter(|b| b.eq_ignore_ascii_case(name))
            .map(|_| (c, name.len()))
    })
}

struct CleanBuilder {
    out: String,
    map: SourceMap,
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
                self.flush_ws();
                self.map.note(self.out.len(), pos);
                self.out.push(c);
            }
        }
    }

    /// Emits the pending whitespace run before a character.
    #[inline]
    fn flush_ws(&mut self) {
        if let Some(nl) = self.pending_ws.take() {
            // Leading whitespace is dropped; runs become one separator.
            if !self.out.is_empty() {
                self.map.note(self.out.len(), self.pending_pos);
                self.out.push(if nl { '\n' } else { ' ' });
            }
        }
    }

    /// Copies `input[start..end]`, printable ASCII with at most single
    /// spaces or newlines between printable bytes, exactly as the
    /// per-character path would.
    fn copy(&mut self, input: &str, start: usize, end: usize) {
        self.flush_ws();
        self.map
            .note(self.out.len(), u32::try_from(start).unwrap_or(u32::MAX));
        self.out.push_str(input.get(start..end).unwrap_or(""));
    }
}

fn clean_view(input: &str, work: &mut u64) -> (String, SourceMap) {
    let bytes = input.as_bytes();
    let mut b = CleanBuilder {
        out: String::with_capacity(input.len()),
        map: SourceMap::default(),
        pending_ws: None,
        pending_pos: 0,
    };
    let mut i = 0;
    while i < bytes.len() {
        *work += 1;
        let byte = bytes[i];
        if byte == b'>' && quote_marker(bytes, i) {
            b.push(Piece::Space, i);
            i += 1;
            continue;
        }
        if plain(byte) {
            // Fast path for ordinary text: a single space or newline between
            // printable bytes collapses to itself, so the whole run is copied.
            let start = i;
            i += 1;
            loop {
                i = plain_run(bytes, i);
                if i + 1 < bytes.len()
                    && matches!(bytes[i], b' ' | b'\n')
                    && plain(bytes[i + 1])
                    && !(bytes[i] == b'\n' && bytes[i + 1] == b'>')
                {
                    i += 2;
                    continue;
                }
                break;
            }
            *work += (i - start - 1) as u64;
            b.copy(input, start, i);
            continue;
        }
        if byte == 0x1b {
            i = skip_ansi(bytes, i, work);
            continue;
        }
        if byte == b'&' {
            let (c, len) = html_entity(bytes, i).unwrap_or(('&', 1));
            b.push(classify_char(c), i);
            i += len;
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

/// Whether the `>` at `i` is a quoting marker (e-mail, Markdown, GitHub
/// comments): first on its line apart from blanks and other markers, and
/// followed by a blank, another marker or the end of the line. Such markers
/// split phrases when a quoted error is hard-wrapped. The look-back is
/// bounded, so a line of a million markers stays linear.
fn quote_marker(bytes: &[u8], i: usize) -> bool {
    const LOOK_BACK: usize = 16;
    if !matches!(
        bytes.get(i + 1),
        None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'>')
    ) {
        return false;
    }
    let mut j = i;
    while j > 0 && i - j < LOOK_BACK {
        match bytes[j - 1] {
            b'\n' => return true,
            b' ' | b'\t' | b'>' => j -= 1,
            _ => return false,
        }
    }
    j == 0
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
    use crate::classify::keyform::squeeze;

    #[test]
    fn plain_bytes_are_printable_ascii_but_escapes_and_entities() {
        for b in 0..=255u8 {
            let want = (0x21..0x7f).contains(&b) && b != b'\\' && b != b'&';
            assert_eq!(plain(b), want, "{b:#x}");
        }
        assert_eq!(plain_run(b"ab\\c", 0), 2);
        assert_eq!(plain_run(b"ab c", 1), 2);
        assert_eq!(plain_run(b"abc", 1), 3);
        assert_eq!(plain_run(b"abc", 5), 5);
    }

    #[test]
    fn reads_html_entities_and_typographic_quotes_as_ascii() {
        let mut w = 0;
        let v = normalize(
            "Code=&quot;NotFound&quot; &#39;rg&#x27; a &amp;&amp; b &lt;x&gt; &bogus; Code=\u{201D}Conflict\u{201D} \u{2018}x\u{2019}",
            &mut w,
        );
        assert_eq!(
            v.clean,
            "Code=\"NotFound\" 'rg' a && b <x> &bogus; Code=\"Conflict\" 'x'"
        );
        // Evidence still points at the entity in the input.
        assert_eq!(v.clean_map.get(&v.clean, 5), Some(5));
        assert_eq!(v.clean_map.get(&v.clean, 6), Some(11));
    }

    #[test]
    fn decodes_nested_escapes_and_collapses_space() {
        let mut w = 0;
        let v = normalize(
            "{\\\"code\\\": \\\\\\\"Conflict\\\\\\\"}\\r\\n  x\u{2502} y",
            &mut w,
        );
        assert_eq!(v.clean, "{\"code\": \"Conflict\"}\nx y");
        assert_eq!(squeeze(&v.clean), "{code:conflict}xy");
    }

    #[test]
    fn strips_ansi_and_decodes_unicode_escapes() {
        let mut w = 0;
        let v = normalize(
            "\u{1b}[31mERROR\u{1b}[0m: namespace \\u0027Microsoft.X\\u0027",
            &mut w,
        );
        assert_eq!(v.clean, "ERROR: namespace 'Microsoft.X'");
        assert_eq!(squeeze(&v.clean), "error:namespacemicrosoft.x");
    }

    #[test]
    fn drops_quote_markers_at_line_starts_only() {
        let mut w = 0;
        let v = normalize(
            "> rendered manifests contain a resource that already\n> exists. a -> b\n>> x",
            &mut w,
        );
        assert_eq!(
            v.clean,
            "rendered manifests contain a resource that already\nexists. a -> b\nx"
        );
        let v = normalize("x\n>y", &mut w);
        assert_eq!(v.clean, "x\n>y");
    }

    #[test]
    fn maps_back_to_input() {
        let mut w = 0;
        let input = "a\\\"b  c";
        let v = normalize(input, &mut w);
        assert_eq!(v.clean, "a\"b c");
        let map: Vec<Option<usize>> = (0..=v.clean.len())
            .map(|c| v.clean_map.get(&v.clean, c))
            .collect();
        assert_eq!(map, [Some(0), Some(2), Some(3), Some(4), Some(6), None]);
        assert_eq!(source_end(input, 2), 3);
    }

    #[test]
    fn maps_every_byte_of_a_character_to_its_source() {
        let mut w = 0;
        let input = "x \\u00e9é\t\t日 ";
        let v = normalize(input, &mut w);
        assert_eq!(v.clean, "x éé 日");
        let map: Vec<Option<usize>> = (0..=v.clean.len())
            .map(|c| v.clean_map.get(&v.clean, c))
            .collect();
        let want = [0, 1, 2, 2, 8, 8, 10, 12, 12, 12];
        let want: Vec<Option<usize>> = want.iter().map(|&p| Some(p)).chain([None]).collect();
        assert_eq!(map, want);
    }
}
