//! Redaction of secrets.
//!
//! Redaction is computed over whole lines of the clean view as a sorted list
//! of byte ranges to hide ("masks"), not as a rewritten string. Excerpts are
//! cut from the clean view afterwards and every masked range they touch is
//! shown as `***`; computing masks on whole lines first means a cut can never
//! separate a key from its value and leak the value. Only the blocks of lines
//! that excerpts and extracted values touch are scanned ([`LineMasks`]).
//!
//! A secret is looked for in several views of the same text, and the masks of
//! every view are mapped back to the text ([`masks`]): the text itself; the
//! text with its line breaks removed, for a secret (or its key, or a `Bearer`
//! before it) hard-wrapped over several lines; and, where the text holds
//! `%XX` escapes or `+`, the text percent-decoded and form-decoded, once and
//! again, for a secret inside a URL-encoded (or doubly encoded) value.

/// Sorted, non-overlapping byte ranges of the clean view that hold secrets.
#[derive(Debug, Default)]
pub(crate) struct Masks {
    ranges: Vec<(usize, usize)>,
}

impl Masks {
    fn push(&mut self, start: usize, end: usize) {
        if end <= start {
            return;
        }
        if let Some(last) = self.ranges.last_mut() {
            if start <= last.1 {
                last.1 = last.1.max(end);
                return;
            }
        }
        self.ranges.push((start, end));
    }

    /// The union of `ranges`, in any order.
    fn union(mut ranges: Vec<(usize, usize)>) -> Masks {
        super::order::sort_spans(&mut ranges);
        let mut m = Masks::default();
        for (s, e) in ranges {
            m.push(s, e);
        }
        m
    }

    /// Whether `[start, end)` touches a secret.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let i = self.ranges.partition_point(|&(_, e)| e <= start);
        self.ranges.get(i).is_some_and(|&(s, _)| s < end)
    }

    /// Copies `text[start..end]` with every secret replaced by `***`.
    /// `start` and `end` must be char boundaries of `text`.
    pub fn render(&self, text: &str, start: usize, end: usize) -> String {
        let mut out = String::new();
        let mut pos = start;
        let mut i = self.ranges.partition_point(|&(_, e)| e <= start);
        while pos < end {
            match self.ranges.get(i) {
                Some(&(s, e)) if s < end => {
                    if s > pos {
                        out.push_str(text.get(pos..s).unwrap_or(""));
                    }
                    out.push_str("***");
                    pos = e.max(pos);
                    i += 1;
                }
                _ => {
                    out.push_str(text.get(pos..end).unwrap_or(""));
                    pos = end;
                }
            }
        }
        out
    }
}

/// Lines per block of [`LineMasks`].
const BLOCK_LINES: usize = 16;
/// Lines of context a block's scan reads on each side: a secret wrapped over
/// more lines than this may be masked only in part.
const CONTEXT_LINES: usize = 8;

/// The masks of a long text, computed a block of lines at a time when a line
/// of the block is first needed (for an excerpt, an entity value or a line
/// code) instead of over the whole text up front.
///
/// A block's masks come from [`masks`] over the block and
/// [`CONTEXT_LINES`] lines on either side, so a secret wrapped across the
/// block's edge is masked on both sides of it; the result equals [`masks`]
/// over the whole text for every secret that spans fewer lines than that.
#[derive(Debug, Default)]
pub(crate) struct LineMasks {
    /// Where each line starts, found on first use.
    line_starts: Vec<usize>,
    /// Masks of each block computed so far, clipped to the block, by block index.
    blocks: Vec<Option<Masks>>,
    /// Steps taken so far.
    pub work: u64,
}

impl LineMasks {
    /// The masks of a text whose line breaks are at `breaks` (ascending).
    pub fn new(breaks: &[usize]) -> LineMasks {
        let mut masks = LineMasks {
            work: breaks.len() as u64,
            ..LineMasks::default()
        };
        masks.line_starts.reserve(breaks.len() + 1);
        masks.line_starts.push(0);
        masks.line_starts.extend(breaks.iter().map(|&b| b + 1));
        masks
            .blocks
            .resize_with(masks.line_starts.len().div_ceil(BLOCK_LINES), || None);
        masks
    }

    fn index_lines(&mut self, text: &str) {
        if !self.line_starts.is_empty() {
            return;
        }
        *self = LineMasks {
            work: self.work + (text.len() / 64) as u64,
            ..LineMasks::new(&super::near::line_breaks(text.as_bytes()))
        };
    }

    /// Where line `n` starts (the text's end past the last line).
    fn line_start(&self, text: &str, n: usize) -> usize {
        self.line_starts.get(n).copied().unwrap_or(text.len())
    }

    /// The masks of block `b`, computed if needed.
    fn block(&mut self, text: &str, b: usize) -> &Masks {
        if self.blocks[b].is_none() {
            let first = b * BLOCK_LINES;
            let (from, to) = (
                self.line_start(text, first),
                self.line_start(text, first + BLOCK_LINES),
            );
            let window_from = self.line_start(text, first.saturating_sub(CONTEXT_LINES));
            let window_to = self.line_start(text, first + BLOCK_LINES + CONTEXT_LINES);
            let window = text.get(window_from..window_to).unwrap_or("");
            let local = masks(window, &mut self.work);
            let clipped = local
                .ranges
                .iter()
                .map(|&(s, e)| ((s + window_from).max(from), (e + window_from).min(to)))
                .filter(|&(s, e)| s < e)
                .collect();
            self.blocks[b] = Some(Masks::union(clipped));
        }
        self.blocks[b].get_or_insert_with(Masks::default)
    }

    /// The masks that touch `[start, end)` of `text`, merged across blocks.
    fn covering(&mut self, text: &str, start: usize, end: usize) -> Masks {
        self.index_lines(text);
        let line =
            |pos: usize, starts: &[usize]| starts.partition_point(|&s| s <= pos).saturating_sub(1);
        let first = line(start, &self.line_starts) / BLOCK_LINES;
        let last = line(end.saturating_sub(1).max(start), &self.line_starts) / BLOCK_LINES;
        let mut ranges = Vec::new();
        for b in first..=last.min(self.blocks.len().saturating_sub(1)) {
            ranges.extend_from_slice(&self.block(text, b).ranges);
        }
        Masks::union(ranges)
    }

    /// Whether `[start, end)` of `text` touches a secret.
    pub fn overlaps(&mut self, text: &str, start: usize, end: usize) -> bool {
        self.covering(text, start, end).overlaps(start, end)
    }

    /// Copies `text[start..end]` with every secret replaced by `***`.
    /// `start` and `end` must be char boundaries of `text`.
    pub fn render(&mut self, text: &str, start: usize, end: usize) -> String {
        let (start, end) = (start.min(text.len()), end.min(text.len()));
        self.covering(text, start, end).render(text, start, end)
    }
}

/// The masks of `text`: the union of the masks of every view of it (see the
/// module docs), mapped back to `text`. Masks may span line breaks.
///
/// The other views are built over chunks of [`VIEW_CHUNK`] bytes that overlap
/// by [`VIEW_OVERLAP`], so their memory stays small whatever the text's
/// length; a decoded or wrapped secret longer than the overlap may be masked
/// only in part where it crosses a chunk's edge.
pub(crate) fn masks(text: &str, work: &mut u64) -> Masks {
    let bytes = text.as_bytes();
    let mut ranges = scan(bytes, work).ranges;
    let mut from = 0;
    while from < bytes.len() {
        let to = (from + VIEW_CHUNK).min(bytes.len());
        let lo = from.saturating_sub(VIEW_OVERLAP);
        let hi = (to + VIEW_OVERLAP).min(bytes.len());
        ranges.extend(
            other_views(&bytes[lo..hi], work)
                .into_iter()
                .map(|(s, e)| (s + lo, e + lo)),
        );
        from = to;
    }
    Masks::union(ranges)
}

/// Bytes of text per chunk of the views other than the text itself.
const VIEW_CHUNK: usize = 64 * 1024;
/// Bytes each chunk reads beyond its edges.
const VIEW_OVERLAP: usize = 4 * 1024;

/// The masks of the joined and decoded views of `chunk`, in its offsets.
fn other_views(chunk: &[u8], work: &mut u64) -> Vec<(usize, usize)> {
    let mut views = Vec::new();
    if chunk.contains(&b'\n') {
        // Glued, for a key or token split by the wrap; and with a mark where the break was,
        // which ends a key (a line may start with one) but not a value.
        views.push(View::joined(chunk, None));
        views.push(View::joined(chunk, Some(LINE_MARK)));
    }
    // Decoded views of the text and of its joined view, a few levels deep.
    let mut next = 0;
    let mut parents = vec![View::identity(chunk)];
    parents.append(&mut views);
    while next < parents.len() {
        let view = &parents[next];
        next += 1;
        let mut decoded = Vec::new();
        if view.depth < 3 && has_percent_escape(&view.bytes) {
            decoded.push(view.decoded(false));
        }
        if view.depth < 2 && view.bytes.contains(&b'+') {
            decoded.push(view.decoded(true));
        }
        parents.append(&mut decoded);
    }
    let mut ranges = Vec::new();
    for view in parents.iter().skip(1) {
        *work += view.bytes.len() as u64;
        ranges.extend(
            scan(&view.bytes, work)
                .ranges
                .into_iter()
                .map(|(s, e)| (view.origin(s, chunk.len()), view.origin(e, chunk.len()))),
        );
    }
    ranges
}

/// Where a line break was, in the marked joined view: not a key character (a
/// key's look-back stops there), not a value's end (its scan goes on).
const LINE_MARK: u8 = 0x01;

/// Whether `b` holds a `%` followed by two hex digits.
fn has_percent_escape(b: &[u8]) -> bool {
    b.windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// Another reading of a text, with where each of its bytes came from.
struct View {
    bytes: Vec<u8>,
    /// For each byte of `bytes`, where its source starts in the original text
    /// (a view is never longer than 4 GiB: chunks are small).
    starts: Vec<u32>,
    /// How many decodings made it.
    depth: u8,
}

impl View {
    /// The original offset of view offset `at` (`len` past the end): a mask
    /// `[s, e)` of the view hides `[origin(s), origin(e))` of the text.
    fn origin(&self, at: usize, len: usize) -> usize {
        self.starts.get(at).map_or(len, |&s| s as usize)
    }

    fn identity(text: &[u8]) -> View {
        View {
            bytes: text.to_vec(),
            starts: (0..text.len()).map(|i| i as u32).collect(),
            depth: 0,
        }
    }

    /// The text without its line breaks (and the blanks that indent the next
    /// line): hard-wrapped values, keys and tokens become whole again. With
    /// `mark`, that byte stands where each break was.
    fn joined(text: &[u8], mark: Option<u8>) -> View {
        let mut view = View {
            bytes: Vec::with_capacity(text.len()),
            starts: Vec::with_capacity(text.len()),
            depth: 0,
        };
        let mut i = 0;
        while i < text.len() {
            if matches!(text[i], b'\n' | b'\r') {
                if let Some(mark) = mark {
                    view.bytes.push(mark);
                    view.starts.push(i as u32);
                }
                i += 1;
                while i < text.len() && matches!(text[i], b' ' | b'\t' | b'\r') {
                    i += 1;
                }
                continue;
            }
            view.bytes.push(text[i]);
            view.starts.push(i as u32);
            i += 1;
        }
        view
    }

    /// `%XX` decoded (and `+` read as a space when `form`), then backslashes
    /// before a quote dropped: escaped JSON inside the encoding (`%5C%22` is
    /// `\"`), which the clean view would have decoded.
    fn decoded(&self, form: bool) -> View {
        let b = &self.bytes;
        let hex = |c: u8| char::from(c).to_digit(16);
        let mut plain = View {
            bytes: Vec::with_capacity(b.len()),
            starts: Vec::with_capacity(b.len()),
            depth: self.depth + 1,
        };
        let mut i = 0;
        while i < b.len() {
            let escape = (b[i] == b'%')
                .then(|| Some((hex(*b.get(i + 1)?)?, hex(*b.get(i + 2)?)?)))
                .flatten();
            plain.starts.push(self.starts[i]);
            if let Some((hi, lo)) = escape {
                plain.bytes.push((hi * 16 + lo) as u8);
                i += 3;
            } else {
                plain
                    .bytes
                    .push(if form && b[i] == b'+' { b' ' } else { b[i] });
                i += 1;
            }
        }
        let mut view = View {
            bytes: Vec::with_capacity(plain.bytes.len()),
            starts: Vec::with_capacity(plain.bytes.len()),
            depth: plain.depth,
        };
        let mut i = 0;
        while i < plain.bytes.len() {
            let run = plain.bytes[i..].iter().take_while(|&&c| c == b'\\').count();
            if run > 0 && plain.bytes.get(i + run).is_some_and(|&c| is_quote(c)) {
                i += run;
                continue;
            }
            view.bytes.push(plain.bytes[i]);
            view.starts.push(plain.starts[i]);
            i += 1;
        }
        view
    }
}

/// Redacts a whole string (used for anything echoed that is not an excerpt).
pub(crate) fn redact(text: &str) -> String {
    let mut w = 0;
    let m = masks(text, &mut w);
    m.render(text, 0, text.len())
}

/// Key names (lower-cased, without `_`, `-`, `.`) whose value is a secret
/// when they end the key.
const SECRET_KEY_ENDINGS: &[&str] = &[
    "accountkey",
    "sharedaccesskey",
    "sharedaccesssignature",
    "accesskey",
    "password",
    "pwd",
    "secret",
    "connectionstring",
    "primarykey",
    "secondarykey",
    "usertoken",
];

/// Words that make an environment-style key (`UPPER_CASE`) secret anywhere in it.
const ENV_SECRET_WORDS: &[&str] = &[
    "connectionstring",
    "password",
    "clientsecret",
    "secret",
    "accesskey",
];

/// CLI flags whose next argument is a secret.
const SECRET_FLAGS: &[&str] = &[
    "--kafka-secret",
    "--schema-secret",
    "--client-secret",
    "--password",
];

fn is_key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// What may stand between a flag or `Bearer` and its value: a blank, a line
/// break, or the mark of one in the joined view.
fn is_break_or_blank(b: u8) -> bool {
    b.is_ascii_whitespace() || b == LINE_MARK
}

fn is_quote(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`')
}

fn starts_with_ci(bytes: &[u8], i: usize, lit: &str) -> bool {
    bytes
        .get(i..i + lit.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(lit.as_bytes()))
}

/// How a key's value ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueEnd {
    /// `;`, `&`, `,`, whitespace or a quote.
    Delimited,
    /// Whitespace or a quote: whole connection strings in environment dumps.
    Whitespace,
}

/// Decides whether the key that ends right before `sep` (the `=` or `:` at
/// index `sep`) names a secret.
fn secret_key(bytes: &[u8], sep: usize, work: &mut u64) -> Option<ValueEnd> {
    let mut end = sep;
    // `"key": value` and `'key' = value`.
    if end > 0 && is_quote(bytes[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && is_key_char(bytes[start - 1]) && end - start < 96 {
        *work += 1;
        start -= 1;
    }
    if start == end {
        return None;
    }
    let raw = &bytes[start..end];
    // The key is at most 96 bytes: normalise it on the stack, this runs at
    // every `:` and `=` of the text.
    let mut buf = [0u8; 96];
    let mut len = 0;
    for &b in raw {
        if !matches!(b, b'_' | b'-' | b'.') && len < buf.len() {
            buf[len] = b.to_ascii_lowercase();
            len += 1;
        }
    }
    let norm = &buf[..len];
    if norm.ends_with(b"keyname") {
        return None;
    }
    let env_style = raw.contains(&b'_')
        && raw
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_');
    if env_style {
        let connection = norm.windows(16).any(|w| w == b"connectionstring");
        if connection {
            return Some(ValueEnd::Whitespace);
        }
        let hit = ENV_SECRET_WORDS
            .iter()
            .any(|w| norm.windows(w.len()).any(|x| x == w.as_bytes()))
            || raw.ends_with(b"_KEY");
        if hit {
            return Some(ValueEnd::Delimited);
        }
    }
    if norm == b"sig".as_slice() {
        return Some(ValueEnd::Delimited);
    }
    if norm.ends_with(b"connectionstring") {
        return Some(ValueEnd::Whitespace);
    }
    if SECRET_KEY_ENDINGS
        .iter()
        .any(|k| norm.ends_with(k.as_bytes()))
    {
        return Some(ValueEnd::Delimited);
    }
    None
}

/// Masks the value starting at `i` (after the separator); returns where the
/// scan continues.
fn mask_value(
    bytes: &[u8],
    mut i: usize,
    end_rule: ValueEnd,
    m: &mut Masks,
    work: &mut u64,
) -> usize {
    while i < bytes.len() && bytes[i] == b' ' {
        i += 1;
    }
    if i < bytes.len() && is_quote(bytes[i]) {
        let q = bytes[i];
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j] != q && bytes[j] != b'\n' {
            *work += 1;
            j += 1;
        }
        if !is_placeholder(&bytes[start..j]) {
            m.push(start, j);
        }
        return j;
    }
    let start = i;
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        let stop = match end_rule {
            ValueEnd::Delimited => {
                b.is_ascii_whitespace() || is_quote(b) || matches!(b, b';' | b'&' | b',')
            }
            ValueEnd::Whitespace => b.is_ascii_whitespace() || is_quote(b),
        };
        if stop {
            break;
        }
        *work += 1;
        j += 1;
    }
    if !is_placeholder(&bytes[start..j]) {
        m.push(start, j);
    }
    j
}

/// Angle-bracket placeholders such as `<account-key>` are not secrets.
fn is_placeholder(v: &[u8]) -> bool {
    v.len() >= 2
        && v.first() == Some(&b'<')
        && v.last() == Some(&b'>')
        && !v[1..v.len() - 1].contains(&b'<')
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Bytes at which [`masks`] may find something: separators, `bearer`,
/// `eyJ` and `--` flags.
static TRIGGERS: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    let set = b"=:bBe-";
    while i < set.len() {
        t[set[i] as usize] = true;
        i += 1;
    }
    t
};

/// The masks of one view; linear: every byte is visited a bounded number of
/// times (look-backs stop at the previous separator, value scans move the
/// cursor past what they read).
fn scan(bytes: &[u8], work: &mut u64) -> Masks {
    let mut m = Masks::default();
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes cannot start anything: skip them in a tight loop.
        let from = i;
        while i < bytes.len() && !TRIGGERS[usize::from(bytes[i])] {
            i += 1;
        }
        *work += (i - from) as u64;
        let Some(&b) = bytes.get(i) else {
            break;
        };
        *work += 1;
        if b == b'=' || b == b':' {
            if b == b':' && bytes.get(i + 1..i + 3) == Some(b"//") {
                i = userinfo(bytes, i + 3, &mut m, work);
                continue;
            }
            if let Some(end_rule) = secret_key(bytes, i, work) {
                i = mask_value(bytes, i + 1, end_rule, &mut m, work);
                continue;
            }
            i += 1;
            continue;
        }
        if (b == b'b' || b == b'B')
            && starts_with_ci(bytes, i, "bearer")
            && bytes.get(i + 6).is_some_and(|&c| is_break_or_blank(c))
        {
            i = mask_value(bytes, i + 7, ValueEnd::Delimited, &mut m, work);
            continue;
        }
        if b == b'e' && bytes.get(i..i + 3) == Some(b"eyJ") && (i == 0 || !is_b64url(bytes[i - 1]))
        {
            i = jwt(bytes, i, &mut m, work);
            continue;
        }
        if b == b'-' && bytes.get(i + 1) == Some(&b'-') {
            if let Some(flag) = SECRET_FLAGS.iter().find(|f| starts_with_ci(bytes, i, f)) {
                let after = i + flag.len();
                if bytes
                    .get(after)
                    .is_some_and(|&c| is_break_or_blank(c) || c == b'=')
                {
                    i = mask_value(bytes, after + 1, ValueEnd::Whitespace, &mut m, work);
                    continue;
                }
            }
        }
        i += 1;
    }
    m
}

/// `eyJ…​.…​.…` → masked. Returns the end of the base64url/dot run.
fn jwt(bytes: &[u8], start: usize, m: &mut Masks, work: &mut u64) -> usize {
    let mut j = start;
    let mut dots = 0;
    let mut seg_len = 0;
    let mut ok = true;
    while j < bytes.len() && (is_b64url(bytes[j]) || bytes[j] == b'.') {
        *work += 1;
        if bytes[j] == b'.' {
            if seg_len == 0 && dots < 2 {
                ok = false;
            }
            dots += 1;
            seg_len = 0;
        } else {
            seg_len += 1;
        }
        j += 1;
    }
    if ok && dots >= 2 {
        m.push(start, j);
    }
    j
}

/// `scheme://user:pass@host` → the password is masked. `i` is just after
/// `://`. Passwords pasted raw may hold `/`, so the scan runs to the first
/// `@`; it stops at whitespace, a quote or the next `://`, so scans of
/// successive URLs never overlap, and it is capped at 512 bytes.
fn userinfo(bytes: &[u8], i: usize, m: &mut Masks, work: &mut u64) -> usize {
    let mut j = i;
    let mut colon = None;
    while j < bytes.len() && j - i < 512 {
        let b = bytes[j];
        if b == b'@' {
            if let Some(c) = colon {
                if !is_placeholder(&bytes[c + 1..j]) {
                    m.push(c + 1, j);
                }
                return j + 1;
            }
            return i;
        }
        if b.is_ascii_whitespace() || is_quote(b) || matches!(b, b'<' | b'>') {
            break;
        }
        if b == b':' {
            if bytes.get(j + 1..j + 3) == Some(b"//") {
                break;
            }
            if colon.is_none() {
                colon = Some(j);
            }
        }
        *work += 1;
        j += 1;
    }
    // No user-info: let the main loop read the host part normally.
    i
}

#[cfg(test)]
mod tests {
    use super::{masks, redact, LineMasks};

    #[test]
    fn line_masks_equal_whole_text_masks() {
        let text = "a password=p1 x\n\"secret\": \"s 2\nmore\" Bearer t\nk://u:pw@h eyJa.b.c --password z\né=1;AccountKey=k;\n\n";
        let mut w = 0;
        let whole = masks(text, &mut w);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (n, &s) in bounds.iter().enumerate() {
            for &e in &bounds[n..] {
                // Fresh and shared caches must both agree with the whole-text masks.
                let mut fresh = LineMasks::default();
                assert_eq!(
                    fresh.render(text, s, e),
                    whole.render(text, s, e),
                    "{s}..{e}"
                );
                assert_eq!(fresh.overlaps(text, s, e), whole.overlaps(s, e), "{s}..{e}");
            }
        }
        let mut shared = LineMasks::default();
        for &s in bounds.iter().rev() {
            let e = (s + 7).min(text.len());
            let e = (e..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(s);
            assert_eq!(shared.render(text, s, e), whole.render(text, s, e));
            assert_eq!(shared.overlaps(text, s, e), whole.overlaps(s, e));
        }
    }

    #[test]
    fn redacts_spec_shapes() {
        let cases = [
            ("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc+/==;EndpointSuffix=x", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=***;EndpointSuffix=x"),
            ("Endpoint=sb://n.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=k1", "Endpoint=sb://n.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=***"),
            ("Endpoint=https://x;AccessKey=k2;Version=1.0;", "Endpoint=https://x;AccessKey=***;Version=1.0;"),
            ("Server=s;Pwd=hunter2;", "Server=s;Pwd=***;"),
            ("password='p w'", "password='***'"),
            ("{\"clientSecret\": \"s3\", \"secret\":\"s4\"}", "{\"clientSecret\": \"***\", \"secret\":\"***\"}"),
            ("https://a.blob.core.windows.net/c?sv=1&sig=abc%2F&se=2", "https://a.blob.core.windows.net/c?sv=1&sig=***&se=2"),
            ("Authorization: Bearer abc.def", "Authorization: Bearer ***"),
            ("token eyJhbGciOi.eyJzdWIi.c2ln end", "token *** end"),
            ("mongodb://user:pass@host:10255/db", "mongodb://user:***@host:10255/db"),
            ("mongodb://u:a/b+c@h/db https://x.y/p", "mongodb://u:***@h/db https://x.y/p"),
            ("rediss://:key@host:6380", "rediss://:***@host:6380"),
            ("AZURE_STORAGEBLOB_CONNECTIONSTRING=DefaultEndpointsProtocol=https;AccountKey=z", "AZURE_STORAGEBLOB_CONNECTIONSTRING=***"),
            ("AZURE_REDIS_KEY=abc", "AZURE_REDIS_KEY=***"),
            ("x-ms-serviceconnector-user-token: tok", "x-ms-serviceconnector-user-token: ***"),
            ("--kafka-secret sec1 --secret name=a secret=b", "--kafka-secret *** --secret name=a secret=***"),
            ("AccountKey=<account-key>;Password=<password>", "AccountKey=<account-key>;Password=<password>"),
        ];
        for (input, want) in cases {
            assert_eq!(redact(input), want, "{input}");
        }
    }

    #[test]
    fn redacts_encoded_and_wrapped_secrets() {
        let cases = [
            // Percent-encoded once and twice, form-encoded.
            (
                "AccountName%3Da%3BAccountKey%3Dk%2B1%2F%3D%3D%3BEndpointSuffix%3Dx",
                "AccountName%3Da%3BAccountKey%3D***%3BEndpointSuffix%3Dx",
            ),
            (
                "AccountKey%253Dk%252B1%253D%253BEndpointSuffix",
                "AccountKey%253D***%253BEndpointSuffix",
            ),
            (
                "Authorization%3A+Bearer+tok%2B1",
                "Authorization%3A+Bearer+***",
            ),
            (
                "%7B%22clientSecret%22%3A%20%22s3%22%7D",
                "%7B%22clientSecret%22%3A%20%22***%22%7D",
            ),
            (
                "mongodb%3A%2F%2Fuser%3Apass%40host",
                "mongodb%3A%2F%2Fuser%3A***%40host",
            ),
            ("--kafka-secret+s4", "--kafka-secret+***"),
            // Hard-wrapped: inside the value, inside the key, after `Bearer`.
            (
                "x;AccountKey=abcdef\n    ghijkl==;EndpointSuffix=y",
                "x;AccountKey=***;EndpointSuffix=y",
            ),
            ("x;AccountK\n  ey=abcdef;y", "x;AccountK\n  ey=***;y"),
            (
                "Authorization: Bea\n rer tok1",
                "Authorization: Bea\n rer ***",
            ),
            ("token eyJhbGci\n.eyJzdWIi.c2ln end", "token *** end"),
            // Nothing secret: encoded and wrapped text stays as it is.
            (
                "https%3A%2F%2Fx.example%2Fa%3Fb%3D1",
                "https%3A%2F%2Fx.example%2Fa%3Fb%3D1",
            ),
            (
                "resource group\n  rg-1 not found",
                "resource group\n  rg-1 not found",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(redact(input), want, "{input}");
        }
    }
}
