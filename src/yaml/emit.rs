//! The YAML emitter: writes a [`Node`] tree as one document, byte for byte as
//! serde_yaml_ng 0.10 (libyaml's emitter, unicode on, unlimited line width) does,
//! except that it quotes more: what YAML 1.1 and YAML 1.2 core readers would
//! read as something else ([`super::plain`]), and NEL, LS and PS as escapes.
//!
//! Two decisions make up every scalar, as in serde_yaml:
//!
//! 1. the style asked for: double quotes for a string with NEL, LS or PS; then as
//!    serde_yaml: a literal block (`|`) for a string with a `\n`; single quotes
//!    for a string that would read back as something else (null, a bool, an
//!    integer, a float, a timestamp, digits with a leading zero); otherwise any
//!    style;
//! 2. what libyaml then allows after looking at the characters: plain only
//!    without indicators, leading or trailing spaces and line breaks; single
//!    quotes only without non-printable characters and spaces next to breaks;
//!    a block scalar only outside keys and without trailing spaces; double
//!    quotes (with escapes) always.
//!
//! The writer keeps libyaml's small state (indent, column, "last write was
//! whitespace", "still in the indentation") so that every indentation and
//! line-break decision is the same as libyaml's.

use super::decimal::decimal;
use super::plain::{has_version_dependent_break, reads_as_non_string};
use super::sink::{Level, Sink};
use super::Node;

/// Writes `node` as a YAML document: no `---`, always ending in a newline.
pub fn emit(node: &Node) -> String {
    let mut e = Emitter::new(String::with_capacity(512));
    e.node(node, false);
    e.end_document();
    e.out
}

/// Writes YAML documents piece by piece ([`Sink`]), for a caller that knows the shape of
/// what it writes (the preview's objects, [`crate::render`]): the same text [`emit`] writes
/// for the tree of that shape, because [`emit`] is made of the same steps. Documents are
/// appended to one string, each ending in a newline.
pub(crate) struct Writer {
    e: Emitter,
    /// The next value is a mapping's (a sequence there sits at the key's indent).
    in_mapping: bool,
}

impl Writer {
    /// A writer appending to `out` (empty, or ending in a newline).
    pub(crate) fn new(out: String) -> Self {
        Writer {
            e: Emitter::new(out),
            in_mapping: false,
        }
    }

    /// The text written so far.
    pub(crate) fn text(&self) -> &str {
        &self.e.out
    }

    /// Appends `s` as it is, outside any document (a `---` line between two).
    pub(crate) fn raw(&mut self, s: &str) {
        self.e.out.push_str(s);
    }

    /// Starts a document at the end of the text.
    pub(crate) fn begin_document(&mut self) {
        self.e = Emitter::new(std::mem::take(&mut self.e.out));
        self.in_mapping = false;
    }

    /// Ends the document: its last line ends.
    pub(crate) fn end_document(&mut self) {
        self.e.end_document();
    }

    /// The text, every document ended.
    pub(crate) fn into_string(self) -> String {
        self.e.out
    }
}

impl Sink for Writer {
    fn map(&mut self) -> Level {
        Level(self.e.open_map())
    }

    fn seq(&mut self) -> Level {
        Level(self.e.open_seq(self.in_mapping))
    }

    fn end(&mut self, level: Level) {
        self.e.indent = level.0;
    }

    fn key(&mut self, key: &str) {
        self.e.key(key);
        self.in_mapping = true;
    }

    fn field(&mut self, key: &'static str) {
        debug_assert!(key.len() <= 128 && is_plain_word(key), "{key:?}");
        self.e.write_indent();
        self.e.plain_key(key);
        self.in_mapping = true;
    }

    fn item(&mut self) {
        self.e.item();
        self.in_mapping = false;
    }

    fn str(&mut self, s: &str) {
        self.e.str(s);
    }

    fn word(&mut self, s: &'static str) {
        debug_assert!(is_plain_word(s), "{s:?}");
        self.e.write_plain(s);
    }

    fn bool(&mut self, b: bool) {
        self.e.write_plain(if b { "true" } else { "false" });
    }

    fn int(&mut self, i: i64) {
        self.e.write_plain(decimal(i, &mut [0; 20]));
    }

    fn empty_map(&mut self) {
        self.e.empty_flow("{", "}");
    }

    fn empty_seq(&mut self) {
        self.e.empty_flow("[", "]");
    }
}

/// The style serde_yaml asks libyaml for.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

struct Emitter {
    out: String,
    /// Byte offset in `out` where the current line starts (after `\n`, U+2028
    /// or U+2029). libyaml counts columns in characters, but it compares them
    /// with the indent only while `indention` holds, when the line has nothing
    /// but spaces and ASCII indicators: there bytes and characters agree.
    line_start: usize,
    /// Indentation of the current block; -1 outside any.
    indent: isize,
    /// The last thing written was whitespace (or nothing): no space needed
    /// before an indicator.
    whitespace: bool,
    /// Only indentation and indicators are on the current line so far.
    indention: bool,
}

impl Emitter {
    fn column(&self) -> usize {
        self.out.len() - self.line_start
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.line_start = self.out.len();
    }

    /// Moves to the current indent, on a new line unless the current one is
    /// still empty up to there.
    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        let column = self.column();
        // The break and the spaces in one slice where they fit, not one `push` each.
        const BREAK_SPACES: &str = "\n                                ";
        let mut missing = indent;
        if !self.indention || column > indent || (column == indent && !self.whitespace) {
            let n = indent.min(BREAK_SPACES.len() - 1);
            self.out.push_str(&BREAK_SPACES[..n + 1]);
            self.line_start = self.out.len() - n;
            missing -= n;
        } else {
            missing -= column;
        }
        while missing > 0 {
            let n = missing.min(BREAK_SPACES.len() - 1);
            self.out.push_str(&BREAK_SPACES[1..n + 1]);
            missing -= n;
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_space: bool,
        is_space: bool,
        is_indention: bool,
    ) {
        if need_space && !self.whitespace {
            self.out.push(' ');
        }
        self.out.push_str(indicator);
        self.whitespace = is_space;
        self.indention = self.indention && is_indention;
    }

    /// An emitter appending a document to `out` (empty, or ending in a newline).
    fn new(out: String) -> Self {
        Emitter {
            line_start: out.len(),
            out,
            indent: -1,
            whitespace: true,
            indention: true,
        }
    }

    /// Document end: back to the outermost level, finish the line.
    fn end_document(&mut self) {
        self.indent = -1;
        self.write_indent();
    }

    /// Writes one value; `mapping` says it is a mapping's value.
    fn node(&mut self, node: &Node, mapping: bool) {
        match node {
            // Always plain: libyaml finds nothing to quote in `null`, `true`, `-12`.
            Node::Null => self.write_plain("null"),
            Node::Bool(b) => self.write_plain(if *b { "true" } else { "false" }),
            Node::Int(i) => self.write_plain(decimal(*i, &mut [0; 20])),
            Node::Str(s) => self.str(s),
            // Empty collections are the only flow collections serde_yaml writes.
            Node::Seq(items) if items.is_empty() => self.empty_flow("[", "]"),
            Node::Map(entries) if entries.is_empty() => self.empty_flow("{", "}"),
            Node::Seq(items) => {
                let outer = self.open_seq(mapping);
                for item in items {
                    self.item();
                    self.node(item, false);
                }
                self.indent = outer;
            }
            Node::Map(entries) => {
                let outer = self.open_map();
                for (key, value) in entries {
                    self.key(key);
                    self.node(value, true);
                }
                self.indent = outer;
            }
        }
    }

    /// A string value.
    fn str(&mut self, s: &str) {
        if is_plain_word(s) {
            self.write_plain(s);
        } else {
            let analysis = analyze(s);
            self.scalar_analyzed(s, &analysis, requested_style(s, &analysis), false);
        }
    }

    /// A simple key that is a plain word, and its `:`.
    fn plain_key(&mut self, key: &str) {
        self.write_plain(key);
        self.write_indicator(":", false, false, false);
    }

    /// Starts a non-empty sequence; returns the indent to restore after it.
    fn open_seq(&mut self, mapping: bool) -> isize {
        let outer = self.indent;
        // A sequence that is a mapping's value sits at the key's indent.
        let indentless = mapping && !self.indention;
        self.increase_block_indent(indentless);
        outer
    }

    /// Starts a non-empty mapping; returns the indent to restore after it.
    fn open_map(&mut self) -> isize {
        let outer = self.indent;
        self.increase_block_indent(false);
        outer
    }

    /// The next item of a sequence, up to its value.
    fn item(&mut self) {
        self.write_indent();
        self.write_indicator("-", true, false, true);
    }

    /// The next key of a mapping, up to its value.
    fn key(&mut self, key: &str) {
        self.write_indent();
        if key.len() <= 128 && is_plain_word(key) {
            self.plain_key(key);
            return;
        }
        let analysis = analyze(key);
        if !analysis.multiline && key.len() <= 128 {
            self.scalar_analyzed(key, &analysis, requested_style(key, &analysis), true);
            self.write_indicator(":", false, false, false);
        } else {
            // libyaml's limit for simple keys: longer or multi-line
            // keys become explicit `? key` / `: value` pairs.
            self.write_indicator("?", true, false, true);
            self.scalar_analyzed(key, &analysis, requested_style(key, &analysis), false);
            self.write_indent();
            self.write_indicator(":", true, false, true);
        }
    }

    fn increase_block_indent(&mut self, indentless: bool) {
        if self.indent < 0 {
            self.indent = 0;
        } else if !indentless {
            self.indent += 2;
        }
    }

    fn empty_flow(&mut self, open: &str, close: &str) {
        self.write_indicator(open, true, true, false);
        self.write_indicator(close, false, false, false);
    }

    fn scalar_analyzed(&mut self, value: &str, a: &Analysis, requested: Style, simple_key: bool) {
        let mut style = requested;
        if simple_key && a.multiline {
            style = Style::DoubleQuoted;
        }
        if style == Style::Plain && (!a.plain_allowed || (value.is_empty() && simple_key)) {
            style = Style::SingleQuoted;
        }
        if style == Style::SingleQuoted && !a.single_quoted_allowed {
            style = Style::DoubleQuoted;
        }
        if style == Style::Literal && (!a.block_allowed || simple_key) {
            style = Style::DoubleQuoted;
        }
        // Continuation lines of a scalar are indented one step further.
        let outer = self.indent;
        self.indent = if outer < 0 { 2 } else { outer + 2 };
        match style {
            Style::Plain => self.write_plain(value),
            Style::SingleQuoted => self.write_single_quoted(value),
            Style::DoubleQuoted => self.write_double_quoted(value),
            Style::Literal => self.write_literal(value),
        }
        self.indent = outer;
    }

    fn write_plain(&mut self, value: &str) {
        if !self.whitespace && !value.is_empty() {
            self.out.push(' ');
        }
        self.out.push_str(value);
        self.whitespace = false;
        self.indention = false;
    }

    /// A line break inside a literal block (only `\n` reaches one).
    fn write_break(&mut self, c: char) {
        self.out.push(c);
        self.line_start = self.out.len();
        self.indention = true;
    }

    /// No line break gets here: `\n` asks for a literal block (whose fallback
    /// is double quotes), CR is not printable and NEL, LS and PS ask for double
    /// quotes.
    fn write_single_quoted(&mut self, value: &str) {
        self.write_indicator("'", true, false, false);
        for c in value.chars() {
            if c == '\'' {
                self.out.push('\'');
            }
            self.out.push(c);
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted(&mut self, value: &str) {
        self.write_indicator("\"", true, false, false);
        for c in value.chars() {
            if !is_printable(c) || is_break(c) || c == '"' || c == '\\' {
                self.out.push('\\');
                match c {
                    '\0' => self.out.push('0'),
                    '\u{7}' => self.out.push('a'),
                    '\u{8}' => self.out.push('b'),
                    '\t' => self.out.push('t'),
                    '\n' => self.out.push('n'),
                    '\u{b}' => self.out.push('v'),
                    '\u{c}' => self.out.push('f'),
                    '\r' => self.out.push('r'),
                    '\u{1b}' => self.out.push('e'),
                    '"' => self.out.push('"'),
                    '\\' => self.out.push('\\'),
                    '\u{85}' => self.out.push('N'),
                    '\u{2028}' => self.out.push('L'),
                    '\u{2029}' => self.out.push('P'),
                    _ => {
                        let code = c as u32;
                        let (letter, digits) = match code {
                            0..=0xFF => ('x', 2),
                            0x100..=0xFFFF => ('u', 4),
                            _ => ('U', 8),
                        };
                        self.out.push(letter);
                        for i in (0..digits).rev() {
                            let d = (code >> (4 * i)) & 0xF;
                            self.out.push(char::from(b"0123456789ABCDEF"[d as usize]));
                        }
                    }
                }
            } else {
                self.out.push(c);
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, value: &str) {
        self.write_indicator("|", true, false, false);
        // Indentation indicator: the content's first line would otherwise set it.
        if value.starts_with(|c: char| c == ' ' || is_break(c)) {
            self.write_indicator("2", false, false, false);
        }
        // Chomping: `-` strips the missing final break, `+` keeps extra ones.
        let mut rev = value.chars().rev();
        let chomp = match (rev.next(), rev.next()) {
            (Some(last), _) if !is_break(last) => Some("-"),
            (Some(_), None) => Some("+"),
            (Some(_), Some(before)) if is_break(before) => Some("+"),
            _ => None,
        };
        if let Some(chomp) = chomp {
            self.write_indicator(chomp, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for c in value.chars() {
            if is_break(c) {
                self.write_break(c);
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.out.push(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

/// libyaml's line breaks: LF, CR, NEL, LS, PS.
fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whitespace for indicator checks: blanks, breaks and NUL (libyaml's string end).
fn is_blank_or_end(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\0') || is_break(c)
}

/// libyaml's printable set (what it writes unescaped with unicode on); tab,
/// CR, NEL, the BOM and U+FFFE/U+FFFF are not in it.
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && c != '\u{FEFF}'
}

/// Characters that make a plain scalar impossible when it starts with one
/// (flow and block indicators, anchors, tags, quotes, comments, directives).
const FIRST_INDICATORS: &str = "#,[]{}&*!|>'\"%@`";

/// What libyaml's scalar analysis allows for one string (outside flow collections,
/// the only place serde_yaml puts scalars).
struct Analysis {
    multiline: bool,
    plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

/// Whether `s` is written plain, as a value or as a simple key, without the
/// full analysis (the common case: field names, ids, images): a letter or `_`
/// first, then letters, digits, `_`, `-`, `.` or `/`, and not one of the words
/// serde_yaml reads as null or a boolean. Nothing in such a string is an
/// indicator, a blank or special, and no number starts with a letter.
fn is_plain_word(s: &str) -> bool {
    /// Per byte: 1 when a word may hold it, 2 when a word may start with it.
    static WORD: [u8; 256] = {
        let mut t = [0; 256];
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            if b.is_ascii_alphabetic() || b == b'_' {
                t[c] = 3;
            } else if b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'/') {
                t[c] = 1;
            }
            c += 1;
        }
        t
    };
    let bytes = s.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    WORD[usize::from(first)] & 2 != 0
        && bytes.iter().all(|&c| WORD[usize::from(c)] & 1 != 0)
        // Starting with a letter, only a word of at most five letters reads as something
        // else (`null`, `false`, `yes`, …; no number starts with a letter).
        && !(bytes.len() <= 5
            && matches!(
                first,
                b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'y' | b'Y' | b'o' | b'O'
            )
            && reads_as_non_string(s))
}

fn analyze(value: &str) -> Analysis {
    analyze_ascii(value).unwrap_or_else(|| analyze_any(value))
}

/// The common case, quickly: only printable ASCII and `\n` (no other control
/// character or break, nothing above `~`). Nothing is special then; the blanks
/// are spaces, `\n` and the end of the string, so indicators, leading or trailing
/// spaces, line breaks and spaces next to them decide the styles. Indicators
/// only matter without a line break (which rules out plain anyway), so they are
/// looked for with spaces as the only blanks. `None` for anything else.
fn analyze_ascii(value: &str) -> Option<Analysis> {
    let bytes = value.as_bytes();
    let (&first, &last) = (bytes.first()?, bytes.last()?);
    if !matches!(first, b' '..=b'~' | b'\n') {
        return None;
    }
    // A `:` followed by a blank (a space or the end) is an indicator anywhere, as
    // are a first `?` or `-` followed by one, and a `#` after a space.
    let mut indicators = is_first_indicator(first)
        || (matches!(first, b'?' | b'-') && matches!(bytes.get(1), None | Some(b' ')))
        || last == b':'
        || matches!(bytes, [b'-', b'-', b'-', ..] | [b'.', b'.', b'.', ..]);
    let mut line_breaks = first == b'\n';
    let rest = bytes.get(1..).unwrap_or_default();
    // Most values (ids, hosts, URLs) hold no space, `#` or line break after the first
    // byte: then no pair below can be an indicator or a break, and one test a byte does.
    if rest.iter().all(|&c| matches!(c, b'!'..=b'~') && c != b'#') {
        return Some(Analysis {
            multiline: line_breaks,
            plain_allowed: !(indicators || line_breaks || first == b' ' || last == b' '),
            single_quoted_allowed: true,
            block_allowed: last != b' ',
        });
    }
    let (mut space_break, mut break_space) = (false, false);
    let mut previous = first;
    for &c in rest {
        if !matches!(c, b' '..=b'~' | b'\n') {
            return None;
        }
        indicators |= matches!((previous, c), (b':', b' ') | (b' ', b'#'));
        line_breaks |= c == b'\n';
        space_break |= (previous, c) == (b' ', b'\n');
        break_space |= (previous, c) == (b'\n', b' ');
        previous = c;
    }
    Some(Analysis {
        multiline: line_breaks,
        plain_allowed: !(indicators || line_breaks || first == b' ' || last == b' '),
        single_quoted_allowed: !(space_break || break_space),
        block_allowed: !(last == b' ' || space_break),
    })
}

/// Whether `b` is one of [`FIRST_INDICATORS`] (a match, not a search).
fn is_first_indicator(b: u8) -> bool {
    matches!(
        b,
        b'#' | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// libyaml's analysis, character by character, for any string.
fn analyze_any(value: &str) -> Analysis {
    if value.is_empty() {
        return Analysis {
            multiline: false,
            plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut indicators = value.starts_with("---") || value.starts_with("...");
    let mut line_breaks = false;
    let mut special = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;
    let mut previous_space = false;
    let mut previous_break = false;
    let mut preceded_by_blank = true;
    let mut chars = value.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let followed_by_blank = next.is_none_or(is_blank_or_end);
        let last = next.is_none();
        if first {
            if FIRST_INDICATORS.contains(c) || (matches!(c, '?' | ':' | '-') && followed_by_blank) {
                indicators = true;
            }
        } else if (c == ':' && followed_by_blank) || (c == '#' && preceded_by_blank) {
            indicators = true;
        }
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            leading_space |= first;
            trailing_space |= last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            leading_break |= first;
            trailing_break |= last;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_blank = is_blank_or_end(c);
        first = false;
    }
    Analysis {
        multiline: line_breaks,
        plain_allowed: !(leading_space
            || leading_break
            || trailing_space
            || trailing_break
            || break_space
            || space_break
            || special
            || line_breaks
            || indicators),
        single_quoted_allowed: !(break_space || space_break || special),
        block_allowed: !(trailing_space || space_break || special),
    }
}

/// The style asked for a string (`a` is its [`analyze`]): double quotes when it
/// holds NEL, LS or PS (YAML 1.1 and 1.2 read them differently anywhere else),
/// otherwise serde_yaml's choice: a literal block when it holds a `\n`, single
/// quotes when a plain scalar would read back as another type (to serde_yaml
/// or, beyond serde_yaml, to a YAML 1.1 or YAML 1.2 core reader).
fn requested_style(s: &str, a: &Analysis) -> Style {
    // All of these are line breaks, so only multi-line strings need the searches.
    if a.multiline && has_version_dependent_break(s) {
        Style::DoubleQuoted
    } else if a.multiline && s.contains('\n') {
        Style::Literal
    } else if reads_as_non_string(s) {
        Style::SingleQuoted
    } else {
        Style::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::testing::strings_over;

    fn s(v: &str) -> Node {
        Node::Str(v.to_owned())
    }

    #[test]
    fn scalars_pick_serde_yaml_styles() {
        for (value, expected) in [
            ("plain", "plain\n"),
            ("", "''\n"),
            ("null", "'null'\n"),
            ("~", "'~'\n"),
            ("0123", "'0123'\n"),
            ("0x1F", "'0x1F'\n"),
            ("0X1F", "'0X1F'\n"),
            ("1e3", "'1e3'\n"),
            ("1e400", "'1e400'\n"),
            (".inf", "'.inf'\n"),
            ("+.nan", "+.nan\n"),
            ("inf", "inf\n"),
            ("a: b", "'a: b'\n"),
            ("a:b", "a:b\n"),
            ("a #b", "'a #b'\n"),
            ("a#b", "a#b\n"),
            ("- a", "'- a'\n"),
            ("-a", "-a\n"),
            ("---x", "'---x'\n"),
            (" lead", "' lead'\n"),
            ("it's", "it's\n"),
            ("'q'", "'''q'''\n"),
            ("tab\t", "\"tab\\t\"\n"),
            ("bom\u{feff}", "\"bom\\uFEFF\"\n"),
            ("nel\u{85}", "\"nel\\N\"\n"),
            ("cr\r", "\"cr\\r\"\n"),
            ("del\u{7f}", "\"del\\x7F\"\n"),
            ("ü\u{1F600}", "ü\u{1F600}\n"),
            ("a\nb", "|-\n  a\n  b\n"),
            ("a\nb\n", "|\n  a\n  b\n"),
            ("a\n\n", "|+\n  a\n\n"),
            ("\n", "|2+\n\n"),
            (" a\nb", "|2-\n   a\n  b\n"),
            ("a \nb", "\"a \\nb\"\n"),
            ("a\u{2028}b", "\"a\\Lb\"\n"),
            ("a\u{2029}\nb", "\"a\\P\\nb\"\n"),
            ("yes", "'yes'\n"),
            ("Y", "'Y'\n"),
            ("OFF", "'OFF'\n"),
            ("oN", "oN\n"),
            ("1_000", "'1_000'\n"),
            ("1:30", "'1:30'\n"),
            ("2026-11-28", "'2026-11-28'\n"),
            (
                "2001-12-14t21:59:43.10-05:00",
                "'2001-12-14t21:59:43.10-05:00'\n",
            ),
            ("=", "'='\n"),
            ("<<", "'<<'\n"),
            ("1.2.3", "1.2.3\n"),
        ] {
            assert_eq!(emit(&s(value)), expected, "{value:?}");
        }
    }

    #[test]
    fn collections_follow_libyaml_layout() {
        let tree = Node::Map(vec![
            (
                "seq".into(),
                Node::Seq(vec![
                    s("a"),
                    Node::Map(vec![
                        ("k".into(), Node::Int(-1)),
                        ("l".into(), Node::Bool(true)),
                    ]),
                ]),
            ),
            ("empty".into(), Node::Seq(vec![])),
            (
                "map".into(),
                Node::Map(vec![
                    ("n".into(), Node::Null),
                    ("e".into(), Node::Map(vec![])),
                ]),
            ),
            (
                "nested".into(),
                Node::Seq(vec![Node::Seq(vec![s("x"), s("y")]), Node::Seq(vec![])]),
            ),
        ]);
        assert_eq!(
            emit(&tree),
            "seq:\n- a\n- k: -1\n  l: true\nempty: []\nmap:\n  'n': null\n  e: {}\nnested:\n- - x\n  - 'y'\n- []\n"
        );
        assert_eq!(emit(&Node::Map(vec![])), "{}\n");
        assert_eq!(emit(&Node::Seq(vec![])), "[]\n");
    }

    #[test]
    fn long_and_multiline_keys_are_explicit() {
        let long = "k".repeat(129);
        let tree = Node::Map(vec![
            (long.clone().into(), s("v")),
            ("a\nb".into(), s("c\n")),
        ]);
        assert_eq!(
            emit(&tree),
            format!("? {long}\n: v\n? |-\n  a\n  b\n: |\n  c\n")
        );
        let exact = "k".repeat(128);
        assert_eq!(
            emit(&Node::Map(vec![(exact.clone().into(), s("v"))])),
            format!("{exact}: v\n")
        );
    }

    /// The ASCII shortcut agrees with the full analysis on every string of up
    /// to three characters from an alphabet of indicators, and of up to five
    /// from one of spaces, line breaks and the indicators they make.
    #[test]
    fn ascii_shortcut_agrees_with_full_analysis() {
        let mut strings = strings_over("#,[]{}&*!|>'\"%@`?:-.a0~ \t\n", 3);
        strings.extend(strings_over(" :#-?a\n", 5));
        strings.extend(
            [
                "---a",
                "...",
                "--",
                "..",
                "a:b",
                "a:",
                "https://x/",
                "a #b",
                "a: b",
                "- a",
                "--- a",
                "printenv && tail -f /dev/null",
            ]
            .map(String::from),
        );
        strings.sort();
        strings.dedup();
        let mut shortcut = 0;
        for s in &strings {
            if let Some(fast) = analyze_ascii(s) {
                shortcut += 1;
                let full = analyze_any(s);
                assert_eq!(
                    (
                        fast.multiline,
                        fast.plain_allowed,
                        fast.single_quoted_allowed,
                        fast.block_allowed
                    ),
                    (
                        full.multiline,
                        full.plain_allowed,
                        full.single_quoted_allowed,
                        full.block_allowed
                    ),
                    "{s:?}"
                );
            }
        }
        assert!(shortcut > 10000, "{shortcut}");
    }

    /// A plain word is what the full analysis writes plain, as a value and as
    /// a simple key: every string of up to four characters from an alphabet of
    /// word characters, indicators and the first letters of the words.
    #[test]
    fn plain_words_are_plain_for_the_full_analysis() {
        let mut strings = strings_over("aZ0_-./:# nNtTfFlseu~", 4);
        strings.extend(
            [
                "null",
                "Null",
                "NULL",
                "nULL",
                "true",
                "True",
                "TRUE",
                "false",
                "FALSE",
                "fAlse",
                "nul",
                "truex",
                "offset",
                "Nullable",
                "namespace",
                "template",
                "yes_no",
                "FALSE.1",
            ]
            .map(String::from),
        );
        let mut words = 0;
        for s in &strings {
            let a = analyze(s);
            let plain = !a.multiline
                && a.plain_allowed
                && requested_style(s, &a) == Style::Plain
                && !s.is_empty();
            if is_plain_word(s) {
                assert!(plain, "{s:?}");
                words += 1;
            }
        }
        assert!(words > 10000, "{words}");
    }
}
