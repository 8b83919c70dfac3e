//! Redaction of secrets (spec §9).
//!
//! Redaction is computed over whole lines of the clean view as a sorted list
//! of byte ranges to hide ("masks"), not as a rewritten string. Excerpts are
//! cut from the clean view afterwards and every masked range they touch is
//! shown as `***`; computing masks on whole lines first means a cut can never
//! separate a key from its value and leak the value. Only the lines that
//! excerpts and extracted values touch are scanned ([`LineMasks`]).

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

/// The masks of a long text, computed one line at a time when a line is
/// first needed (for an excerpt, an entity value or a line code) instead of
/// over the whole text up front.
///
/// The result is the same as [`masks`] over the whole text: no scan in
/// [`masks`] reads or moves across a `\n` (look-backs stop at non-key bytes,
/// values stop at whitespace or at a newline inside quotes, look-aheads
/// compare literals without newlines), so each line's masks depend on that
/// line alone, and no mask holds a newline.
#[derive(Debug, Default)]
pub(crate) struct LineMasks {
    /// Computed lines by start: (start, end, masks in text offsets). A
    /// sorted vector: at most a few thousand lines are ever asked for
    /// (bounded by the hit caps), whatever the input length.
    lines: Vec<(usize, usize, Masks)>,
    /// Steps taken so far.
    pub work: u64,
}

impl LineMasks {
    /// The index in `lines` of the line `[start, end]` (end at its newline
    /// or the text's end) that holds offset `pos`, computed if needed.
    fn line(&mut self, text: &str, pos: usize) -> usize {
        let at = self.lines.partition_point(|l| l.0 <= pos);
        if let Some(i) = at.checked_sub(1) {
            if pos <= self.lines[i].1 {
                return i;
            }
        }
        // Each line is searched for once, then remembered: linear overall.
        let bytes = text.as_bytes();
        let pos = pos.min(bytes.len());
        let start = bytes[..pos]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |n| pos + n);
        self.work += (end - start) as u64;
        let mut local = masks(text.get(start..end).unwrap_or(""), &mut self.work);
        for r in &mut local.ranges {
            r.0 += start;
            r.1 += start;
        }
        self.lines.insert(at, (start, end, local));
        at
    }

    /// Whether `[start, end)` of `text` touches a secret.
    pub fn overlaps(&mut self, text: &str, start: usize, end: usize) -> bool {
        let mut pos = start.min(text.len());
        loop {
            let i = self.line(text, pos);
            let Some((_, e, m)) = self.lines.get(i) else {
                return false;
            };
            if m.overlaps(start, end) {
                return true;
            }
            if *e >= end || *e >= text.len() {
                return false;
            }
            pos = e + 1;
        }
    }

    /// Copies `text[start..end]` with every secret replaced by `***`.
    /// `start` and `end` must be char boundaries of `text`. Rendered line by
    /// line: no mask spans a newline, so this equals rendering at once.
    pub fn render(&mut self, text: &str, start: usize, end: usize) -> String {
        let mut out = String::new();
        let mut pos = start.min(text.len());
        loop {
            let i = self.line(text, pos);
            let Some((_, e, m)) = self.lines.get(i) else {
                return out;
            };
            // The piece of this line, with its newline.
            let piece_end = end.min(e + 1).max(pos);
            out.push_str(&m.render(text, pos, piece_end));
            if piece_end >= end || *e >= text.len() {
                return out;
            }
            pos = piece_end;
        }
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
    /// `;`, `&`, `,`, whitespace or a quote (spec §9).
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

/// Computes the masks of `text`; linear: every byte is visited a bounded
/// number of times (look-backs stop at the previous separator, value scans
/// move the cursor past what they read).
pub(crate) fn masks(text: &str, work: &mut u64) -> Masks {
    let bytes = text.as_bytes();
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
        if (b == b'b' || b == b'B') && starts_with_ci(bytes, i, "bearer ") {
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
                if bytes.get(after).is_some_and(|c| *c == b' ' || *c == b'=') {
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
}
