//! Entity extraction: resource group, cluster, subscription, provider
//! namespace, permission action and scope, AADSTS code, client id,
//! Kubernetes namespace, pod, Helm release, HTTP status, error codes, ….
//!
//! Markers are found by the same automaton pass as the rule phrases (in the
//! key view); each hit then reads a bounded value from the clean view, so the
//! cost is bounded by (markers × kept hits × value cap), independent of the
//! input length beyond the single scan.

use super::keyform::dropped;
use super::markers::{Kind, Marker, Shape, MARKERS};
use super::matcher::Hits;
use super::near::Lines;
use super::normalize::Views;
use super::redact::{self, LineMasks};
use Kind::*;
use Shape::*;

/// Longest value read after a marker.
const VALUE_CAP: usize = 256;
/// Most values kept per entity name.
const MAX_VALUES: usize = 16;

/// One extracted value with its clean-view range.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub name: &'static str,
    pub value: String,
    pub start: usize,
    pub end: usize,
}

/// Everything extracted from one input.
#[derive(Debug, Default)]
pub(crate) struct Entities {
    pub list: Vec<Entity>,
    /// The text has the az CLI's `(Code) …` / `Code: Code` pair, or a
    /// row of Kubernetes events (`Warning  FailedMount  2m  kubelet  …`).
    pub cli_shape: bool,
}

impl Entities {
    /// Every value of `name`, in text order.
    pub fn values_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.list
            .iter()
            .filter(move |e| e.name == name)
            .map(|e| e.value.as_str())
    }

    /// The first value of `name`.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.value.as_str())
    }

    /// Error codes in text order (the last one is the innermost).
    pub fn codes(&self) -> impl Iterator<Item = &Entity> {
        self.list.iter().filter(|e| e.name == "errorCode")
    }
}

/// Whether a line of `clean` is a Kubernetes event row, as `kubectl describe`
/// (`Warning  FailedMount  2m (x3 over 5m)  kubelet  …`) or `kubectl get
/// events` (`15s  Warning  BackOff  pod/x  …`) print them: a type, a
/// CamelCase reason and an age next to each other. Any controller's event is
/// Kubernetes output, whatever its reason.
fn event_row(clean: &str, work: &mut u64) -> bool {
    // Most texts hold no type word at all: one search of the whole text.
    *work += clean.len() as u64;
    if !clean.contains("Warning") && !clean.contains("Normal") {
        return false;
    }
    clean.split('\n').any(|line| {
        *work += line.len() as u64;
        // A row starts with a type or an age, both short: skip lines
        // without a type word cheaply.
        if !line.contains("Warning") && !line.contains("Normal") {
            return false;
        }
        let typed = |w: &str| matches!(w, "Warning" | "Normal");
        // The last three words, sliding: no allocation per line. Quotes
        // and brackets of a wrapper (a JSON string, a list) are no part of
        // a word, and the row may follow a log prefix or a wrapper's key.
        let mut t: [&str; 3] = [""; 3];
        line.split(' ')
            // A compact JSON string's key glued to the row's first word
            // (`{"message":"Warning`).
            .map(|w| w.rsplit_once("\":\"").map_or(w, |(_, r)| r))
            .map(|w| {
                w.trim_matches(|c: char| {
                    matches!(c, '"' | '\'' | '`' | '[' | ']' | '{' | '}' | ',')
                })
            })
            .filter(|w| !w.is_empty())
            .any(|w| {
                t = [t[1], t[2], w];
                (typed(t[0]) && camel_reason(t[1]) && event_age(t[2]))
                    || (event_age(t[0]) && typed(t[1]) && camel_reason(t[2]))
            })
    })
}

/// Whether `clean` opens with the az CLI's error line `(Code) Message`: a
/// CamelCase code of two words or more (`lines` holds the codes read at the
/// start of lines), then a sentence. The CLI prints it first, also when the
/// paste stops before its `Code:` and `Message:` lines.
fn opens_with_cli_error(clean: &str, lines: &[Entity]) -> bool {
    let start = clean.len() - clean.trim_start().len();
    let end = clean[start..].find('\n').map_or(clean.len(), |i| start + i);
    lines.iter().any(|e| {
        e.start >= start
            && e.end <= end
            && e.value.bytes().filter(u8::is_ascii_uppercase).count() >= 2
            && clean
                .get(e.end..end)
                .and_then(|r| r.strip_prefix(')'))
                .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_uppercase()))
    })
}

/// An event reason: an ASCII capital, then letters and digits (`Failed`,
/// `FailedMount`, `BackOff`, `DoActionFailed`).
fn camel_reason(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4 && b[0].is_ascii_uppercase() && b.iter().all(u8::is_ascii_alphanumeric)
}

/// An event age: `15s`, `2m`, `3h12m`, `4d`, or `<unknown>` / `<invalid>`.
fn event_age(w: &str) -> bool {
    if w == "<unknown>" || w == "<invalid>" {
        return true;
    }
    let b = w.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_digit()
        && b.last()
            .is_some_and(|c| matches!(c, b's' | b'm' | b'h' | b'd'))
        && b.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b's' | b'm' | b'h' | b'd'))
}

/// Extracts entities; `marker_pids[i]` is the automaton pattern of `MARKERS[i]`.
pub(crate) fn extract(
    views: &Views,
    lines: &Lines,
    hits: &Hits,
    marker_pids: &[usize],
    masks: &mut LineMasks,
    work: &mut u64,
) -> Entities {
    let clean = views.clean.as_bytes();
    let mut found: Vec<Entity> = Vec::new();
    for (m, &pid) in MARKERS.iter().zip(marker_pids) {
        let Some(spans) = hits.spans.get(pid) else {
            continue;
        };
        // Markers are ASCII, so a hit ends right after its last byte.
        for &(cs, ce) in spans {
            if let Some((vs, ve)) = read_value(clean, cs, ce, m.shape, work) {
                if masks.overlaps(&views.clean, vs, ve)
                    || (m.shape == Segment && in_action(clean, vs, ve))
                {
                    continue;
                }
                let Some(raw) = views.clean.get(vs..ve) else {
                    continue;
                };
                store(&mut found, m, raw, vs, ve);
            }
        }
    }
    let from_markers = found.len();
    lines_codes(&views.clean, lines.breaks(), &mut found, work);
    // The az CLI prints `(Code) message` and then `Code: Code`: that pair is
    // the CLI's output shape, evidence of the domain even for an unlisted code.
    let (marked, lines) = found.split_at(from_markers);
    let cli_shape = lines.iter().any(|l| {
        marked
            .iter()
            .any(|m| m.name == "errorCode" && m.value == l.value)
    }) || opens_with_cli_error(&views.clean, lines)
        || event_row(&views.clean, work);
    // In text order, ties in the order found: the (start, index) pairs sorted
    // as spans are, where a stable sort of the entities would bring the
    // standard library's stable sort for one more type into the wasm module.
    let mut order: Vec<(usize, usize)> = found.iter().map(|e| e.start).zip(0..).collect();
    super::order::sort_spans(&mut order);
    let mut found: Vec<Option<Entity>> = found.into_iter().map(Some).collect();
    // Keep a bounded number of values per name.
    let mut kept: Vec<Entity> = Vec::new();
    // Counts per name; the names are a small fixed set, so a list is enough (and
    // compiles to less than one more `BTreeMap` type in the wasm module).
    let mut per_name: Vec<(&'static str, usize)> = Vec::new();
    for e in order
        .iter()
        .filter_map(|&(_, i)| found.get_mut(i).and_then(Option::take))
    {
        *work += 1;
        let i = match per_name.iter().position(|(n, _)| *n == e.name) {
            Some(i) => i,
            None => {
                per_name.push((e.name, 0));
                per_name.len() - 1
            }
        };
        let same = &mut per_name[i].1;
        // Error codes are already bounded by the hit caps and all of them
        // take part in matching; other names keep their first values.
        if *same < MAX_VALUES || e.name == "errorCode" {
            *same += 1;
            kept.push(e);
        }
    }
    Entities {
        list: kept,
        cli_shape,
    }
}

fn store(found: &mut Vec<Entity>, m: &Marker, raw: &str, vs: usize, ve: usize) {
    let mut push = |name: &'static str, value: &str, s: usize, e: usize| {
        if !value.is_empty() && value.len() <= VALUE_CAP {
            found.push(Entity {
                name,
                value: value.to_string(),
                start: s,
                end: e,
            });
        }
    };
    match m.kind {
        Plain(name) => {
            let ok = match name {
                "httpStatus" => true,
                // Regions are single lower-case words (`westeurope`).
                "location" => raw.bytes().all(|b| b.is_ascii_alphanumeric()),
                // Vault names: 3-24 letters, digits, hyphens; `vaults/secrets/…`
                // in a permission action is not a vault.
                "vault" => {
                    (3..=24).contains(&raw.len())
                        && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                        && !["secrets", "keys", "certificates"]
                            .iter()
                            .any(|w| raw.eq_ignore_ascii_case(w))
                }
                // Policy and role assignment ids are not the failing resource.
                "resourceId" => {
                    valid_name(raw)
                        && !raw
                            .to_ascii_lowercase()
                            .contains("/microsoft.authorization/")
                }
                _ => valid_name(raw),
            };
            if ok {
                push(name, raw, vs, ve);
            }
        }
        Guid(name) => {
            if crate::shapes::guid(raw) {
                push(name, raw, vs, ve);
            }
        }
        Namespace => {
            if is_provider(raw) {
                push("providerNamespace", raw, vs, ve);
            } else if crate::shapes::dns_label(raw) {
                push("namespace", raw, vs, ve);
            }
        }
        Provider => {
            if is_provider(raw) {
                push("providerNamespace", raw, vs, ve);
            }
        }
        NsPod => {
            if let Some((ns, pod)) = raw.split_once('/') {
                if crate::shapes::dns_label(ns) && valid_name(pod) {
                    push("namespace", ns, vs, vs + ns.len());
                    push("pod", pod, vs + ns.len() + 1, ve);
                }
            }
        }
        NsSa => {
            if let Some((ns, sa)) = raw.split_once(':') {
                if crate::shapes::dns_label(ns) && valid_name(sa) {
                    push("namespace", ns, vs, vs + ns.len());
                    push("serviceAccount", sa, vs + ns.len() + 1, ve);
                }
            }
        }
        Code => {
            if is_code(raw) {
                push("errorCode", raw, vs, ve);
            }
        }
        Release => {
            const WORDS: &[&str] = &[
                "failed", "has", "is", "the", "of", "in", "name", "not", "and", "with", "was",
                "for", "to", "a", "an", "notes", "history", "status",
            ];
            if crate::shapes::dns_label(raw) && !WORDS.iter().any(|w| raw.eq_ignore_ascii_case(w)) {
                push("helmRelease", raw, vs, ve);
            }
        }
    }
}

/// Reads the value of one marker hit; `[cs, ce)` is the marker in the clean view.
fn read_value(
    c: &[u8],
    cs: usize,
    ce: usize,
    shape: Shape,
    work: &mut u64,
) -> Option<(usize, usize)> {
    match shape {
        Segment => word(c, ce, true, work),
        Path => word(c, cs, false, work),
        Quoted => {
            let mut i = ce;
            while i < c.len() && i < ce + 4 && matches!(c[i], b' ' | b':' | b'=') {
                i += 1;
            }
            quoted(c, i, work)
        }
        Flag => {
            // The marker must start a word (`-n` inside `--name` does not count).
            if cs > 0 && !matches!(c[cs - 1], b' ' | b'\n' | b'"' | b'\'' | b'(' | b'[') {
                return None;
            }
            if c.get(ce) != Some(&b' ') && c.get(ce) != Some(&b'=') {
                return None;
            }
            let mut i = ce + 1;
            if i < c.len() && matches!(c[i], b'"' | b'\'') {
                i += 1;
            }
            if c.get(i) == Some(&b'-') {
                return None;
            }
            word(c, i, false, work)
        }
        KeyValue => {
            let mut i = ce;
            while i < c.len() && i < ce + 3 && matches!(c[i], b' ' | b'"' | b'\'') {
                i += 1;
            }
            if !matches!(c.get(i), Some(b':') | Some(b'=')) {
                return None;
            }
            i += 1;
            // A hard wrap may put the value on the next line (`Code:⏎X`).
            while i < c.len() && i < ce + 8 && matches!(c[i], b' ' | b'\n' | b'"' | b'\'') {
                i += 1;
            }
            word(c, i, false, work)
        }
        Aadsts => {
            let mut j = ce;
            while j < c.len() && c[j].is_ascii_digit() && j - ce < 10 {
                *work += 1;
                j += 1;
            }
            if j - ce >= 4 && !c.get(j).is_some_and(u8::is_ascii_digit) {
                Some((cs, j))
            } else {
                None
            }
        }
        Http => {
            let mut i = ce;
            while i < c.len() && i < ce + 3 && matches!(c[i], b' ' | b'=' | b':' | b'\'' | b'"') {
                i += 1;
            }
            let j = i + 3;
            let digits = c.get(i..j)?;
            if digits.iter().all(u8::is_ascii_digit)
                && (b'1'..=b'5').contains(&digits[0])
                && !c.get(j).is_some_and(u8::is_ascii_alphanumeric)
            {
                Some((i, j))
            } else {
                None
            }
        }
        CodeBefore => {
            // `NotFound:` as written, a CamelCase name glued before it, a
            // sentence after it (`IsNotFound: true` is a Go struct's field).
            if c.get(cs..ce) != Some(b"NotFound:".as_slice()) {
                return None;
            }
            let mut s = cs;
            while s > 0 && c[s - 1].is_ascii_alphanumeric() && cs - s < 72 {
                *work += 1;
                s -= 1;
            }
            let starts_word = s == 0 || !(c[s - 1].is_ascii_alphanumeric() || c[s - 1] == b'_');
            if qualified_elsewhere(c, s, work) {
                return None;
            }
            let mut i = ce;
            // A hard wrap may put the message on the next line.
            while i < c.len() && i < ce + 4 && matches!(c[i], b' ' | b'\n' | b'\t') {
                i += 1;
            }
            let sentence = c.get(i).is_some_and(u8::is_ascii_uppercase);
            (s < cs && starts_word && c[s].is_ascii_uppercase() && sentence).then_some((s, ce - 1))
        }
        LabelBefore => {
            let mut s = cs;
            while s > 0 && (c[s - 1].is_ascii_alphanumeric() || c[s - 1] == b'-') && cs - s < 24 {
                *work += 1;
                s -= 1;
            }
            (s < cs).then_some((s, cs))
        }
    }
}

/// Whether the name starting at `s` is qualified by another language's
/// module or package (`Bundler::GemNotFound`, `myapp.errors.UserNotFound`):
/// an exception class, not ARM's code, unless the qualifier is Azure's own
/// (`MsRestAzure::…`, `azure.core.exceptions.…`).
fn qualified_elsewhere(c: &[u8], s: usize, work: &mut u64) -> bool {
    let qualified = (s >= 2 && &c[s - 2..s] == b"::") || (s >= 1 && c[s - 1] == b'.');
    if !qualified {
        return false;
    }
    let mut q = s;
    while q > 0
        && s - q < 96
        && (c[q - 1].is_ascii_alphanumeric() || matches!(c[q - 1], b':' | b'.' | b'_'))
    {
        *work += 1;
        q -= 1;
    }
    !c[q..s]
        .to_ascii_lowercase()
        .windows(5)
        .any(|w| w == b"azure")
}

/// Whether the path segment `[vs, ve)` is part of a permission action such
/// as `Microsoft.ServiceLinker/linkers/write` or
/// `…/managedClusters/listClusterUserCredential/action`, not a resource name.
fn in_action(c: &[u8], vs: usize, ve: usize) -> bool {
    const VERBS: &[&[u8]] = &[b"write", b"read", b"delete", b"action"];
    let value = &c[vs..ve];
    if VERBS.iter().any(|v| value.eq_ignore_ascii_case(v)) {
        return true;
    }
    // `<segment>/action`, `<segment>/write`, … right after the value.
    let rest = &c[ve..];
    VERBS.iter().any(|v| {
        rest.len() > v.len()
            && rest[0] == b'/'
            && rest[1..=v.len()].eq_ignore_ascii_case(v)
            && !rest
                .get(v.len() + 1)
                .is_some_and(|b| b.is_ascii_alphanumeric())
    })
}

/// A run of value characters starting at `i`; `segment` also stops at `/`.
fn word(c: &[u8], i: usize, segment: bool, work: &mut u64) -> Option<(usize, usize)> {
    let mut j = i;
    while j < c.len() && j - i < VALUE_CAP {
        let b = c[j];
        let stop = b.is_ascii_whitespace()
            || matches!(
                b,
                b'"' | b'\''
                    | b'`'
                    | b','
                    | b';'
                    | b')'
                    | b']'
                    | b'}'
                    | b'>'
                    | b'<'
                    | b'&'
                    | b'?'
                    | b'('
                    | b'['
                    | b'{'
            )
            || (segment && b == b'/');
        if stop {
            break;
        }
        *work += 1;
        j += 1;
    }
    // A trailing sentence period is not part of the value.
    while j > i && matches!(c[j - 1], b'.' | b':') {
        j -= 1;
    }
    (j > i).then_some((i, j))
}

/// A value in quotes or brackets starting at `i`.
fn quoted(c: &[u8], i: usize, work: &mut u64) -> Option<(usize, usize)> {
    let (open_len, close): (usize, &[u8]) = match c.get(i)? {
        b'\'' => (1, b"'"),
        b'"' => (1, b"\""),
        b'[' => (1, b"]"),
        b'{' => (1, b"}"),
        0xE2 if c.get(i + 1..i + 3) == Some(&[0x80, 0x98]) => (3, "\u{2019}".as_bytes()),
        0xE2 if c.get(i + 1..i + 3) == Some(&[0x80, 0x9C]) => (3, "\u{201D}".as_bytes()),
        _ => return None,
    };
    let s = i + open_len;
    let mut j = s;
    while j < c.len() && j - s < VALUE_CAP {
        if c[j..].starts_with(close) || c[j] == b'\n' {
            break;
        }
        *work += 1;
        j += 1;
    }
    if j < c.len() && c[j..].starts_with(close) && j > s {
        Some((s, j))
    } else {
        None
    }
}

/// `(Code) message` at the start of a line, after the usual CLI, klog and
/// Terraform prefixes.
fn lines_codes(clean: &str, breaks: &[usize], found: &mut Vec<Entity>, work: &mut u64) {
    let mut kept_lines = 0;
    // Past the cap, only the last code is kept: remember where it is and
    // copy it once at the end.
    let mut last: Option<(usize, usize)> = None;
    let ends = breaks.iter().copied().chain([clean.len()]);
    let starts = [0].into_iter().chain(breaks.iter().map(|&b| b + 1));
    for (line_start, end) in starts.zip(ends) {
        *work += 1;
        let line = clean.get(line_start..end).unwrap_or_default();
        // Most lines hold no `(` and no translated label: no need to strip
        // their prefixes.
        let span = if line.as_bytes().contains(&b'(') {
            let (skipped, rest) = strip_prefixes(line);
            paren_code(rest, work).map(|(s, e)| (skipped + s, skipped + e))
        } else if !line.is_ascii() {
            label_code(line, work)
        } else {
            None
        };
        if let Some((ls, le, value)) = span.and_then(|(s, e)| Some((s, e, line.get(s..e)?))) {
            // The masks of this line alone tell a secret from a code; each
            // line is visited once here, so nothing is cached.
            if is_code(value) && !redact::masks(line, work).overlaps(ls, le) {
                let (vs, ve) = (line_start + ls, line_start + le);
                // Like the automaton's hits: the first ones and the last one,
                // so a paste of a million `(X)` lines stays cheap.
                if kept_lines < super::matcher::MAX_HITS {
                    kept_lines += 1;
                    found.push(Entity {
                        name: "errorCode",
                        value: value.to_string(),
                        start: vs,
                        end: ve,
                    });
                } else {
                    last = Some((vs, ve));
                }
            }
        }
    }
    if let (Some((vs, ve)), Some(entity)) = (last, found.last_mut()) {
        entity.value = clean.get(vs..ve).unwrap_or_default().to_string();
        entity.start = vs;
        entity.end = ve;
    }
}

/// `(Code)` at the start of `rest`: the code's byte range in `rest`.
fn paren_code(rest: &str, work: &mut u64) -> Option<(usize, usize)> {
    let b = rest.as_bytes();
    if b.first() != Some(&b'(') {
        return None;
    }
    let mut j = 1;
    while j < b.len() && j < 96 && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'.') {
        j += 1;
    }
    *work += j as u64;
    (b.get(j) == Some(&b')') && j > 1).then_some((1, j))
}

/// A code on a line of its own after a translated label, as localised
/// portals and pages print it (`コード: "AKSOperationPreempted"`,
/// `Código: QuotaExceeded`): the label is one word with a non-ASCII letter,
/// then `:` or `：`, then a CamelCase code alone, in quotes of any kind or
/// none. Codes are never translated, so this finds them whatever the
/// language; English labels are read by the `code` marker instead.
fn label_code(line: &str, work: &mut u64) -> Option<(usize, usize)> {
    const LABEL_MAX: usize = 32;
    let head = line.char_indices().take_while(|(i, _)| *i <= LABEL_MAX);
    let (colon, colon_len) = head
        .filter(|(_, c)| matches!(c, ':' | '\u{FF1A}'))
        .map(|(i, c)| (i, c.len_utf8()))
        .next()?;
    *work += colon as u64;
    let label = line.get(..colon)?.trim();
    if label.is_empty() || label.contains(' ') || label.is_ascii() {
        return None;
    }
    let after = colon + colon_len;
    let value = line.get(after..)?;
    let mut s = after + (value.len() - value.trim_start().len());
    let mut e = line.trim_end().len();
    // One quote of any kind around the code.
    if let Some(c) = line.get(s..e)?.chars().next().filter(|c| dropped(*c)) {
        s += c.len_utf8();
    }
    if let Some(c) = line.get(s..e)?.chars().next_back().filter(|c| dropped(*c)) {
        e -= c.len_utf8();
    }
    let code = line.get(s..e)?;
    *work += code.len() as u64;
    let upper = code.bytes().filter(u8::is_ascii_uppercase).count();
    let camel = code.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && upper >= 2
        && code.bytes().any(|b| b.is_ascii_lowercase());
    (camel && is_code(code)).then_some((s, e))
}

/// Strips CLI, klog and Terraform line prefixes; returns (bytes skipped, rest).
pub(crate) fn strip_prefixes(line: &str) -> (usize, &str) {
    const PREFIXES: &[&str] = &[
        "cli.azure.cli.core.azclierror:",
        "az_command_data_logger:",
        "error:",
        "warning:",
        "│",
        "|",
    ];
    let mut rest = line;
    for _ in 0..6 {
        let trimmed = rest.trim_start();
        let mut next = trimmed;
        for p in PREFIXES {
            if trimmed.len() >= p.len()
                && trimmed.is_char_boundary(p.len())
                && trimmed[..p.len()].eq_ignore_ascii_case(p)
            {
                next = &trimmed[p.len()..];
                break;
            }
        }
        if next.len() == trimmed.len() {
            next = strip_klog(trimmed);
        }
        if next.len() == trimmed.len() {
            next = strip_json_key(trimmed);
        }
        if next.len() == rest.len() {
            break;
        }
        rest = next;
    }
    let rest = rest.trim_start();
    (line.len() - rest.len(), rest)
}

/// The opening of a JSON object or array, or a `"key":` with the opening
/// quote of its string value: az output logged inside JSON
/// (`{"error":{"message":"(Code) …`) keeps its `(Code)` at the start.
fn strip_json_key(s: &str) -> &str {
    let b = s.as_bytes();
    match b.first() {
        Some(b'{' | b'[') => &s[1..],
        Some(b'"') => {
            let mut j = 1;
            while j < b.len() && j < 48 && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            if j == 1 || b.get(j) != Some(&b'"') || b.get(j + 1) != Some(&b':') {
                return s;
            }
            let rest = s[j + 2..].trim_start();
            rest.strip_prefix('"').unwrap_or(rest)
        }
        _ => s,
    }
}

/// `E0120 22:55:12.472912 1 file.go:70] msg` → `msg`.
fn strip_klog(s: &str) -> &str {
    let b = s.as_bytes();
    let is_klog = b.len() > 6
        && matches!(b[0], b'I' | b'W' | b'E' | b'F')
        && b[1..5].iter().all(u8::is_ascii_digit)
        && b[5] == b' ';
    if !is_klog {
        return s;
    }
    match s.get(..s.len().min(80)).and_then(|h| h.find("] ")) {
        Some(p) => s.get(p + 2..).unwrap_or(s),
        None => s,
    }
}

fn is_provider(v: &str) -> bool {
    v.len() > 10
        && v.get(..10)
            .is_some_and(|p| p.eq_ignore_ascii_case("microsoft."))
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
}

fn is_code(v: &str) -> bool {
    let b = v.as_bytes();
    !b.is_empty()
        && b.len() <= 80
        && b[0].is_ascii_alphabetic()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.')
}

/// Names, ids and paths: no spaces, no shell metacharacters.
pub(crate) fn valid_name(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= VALUE_CAP
        && v.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'.' | b'_' | b'-' | b'/' | b':' | b'@' | b'+' | b'~' | b'='
                )
        })
        && !v.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_error_line_is_recognised_only_where_the_cli_prints_it() {
        let opens = |clean: &str| {
            let (mut found, mut w) = (Vec::new(), 0);
            let breaks = crate::classify::near::line_breaks(clean.as_bytes());
            lines_codes(clean, &breaks, &mut found, &mut w);
            opens_with_cli_error(clean, &found)
        };
        assert!(opens(
            "(PartnerIdAlreadyLinked) This user is already linked"
        ));
        assert!(opens(
            "\n  ERROR: (ScopeLocked) The scope cannot perform delete"
        ));
        // One capital is a word in parentheses, not a code.
        assert!(!opens("(Intercept) 1.234 0.056"));
        // The message must follow as a sentence.
        assert!(!opens("(SomeCode) 42 times"));
        // Only the text's opening line is the CLI's.
        assert!(!opens(
            "starting job\n(PartnerIdAlreadyLinked) This user is linked"
        ));
    }

    #[test]
    fn reads_not_found_codes_used_as_message_prefixes() {
        // The marker `NotFound:` as the automaton finds it, then the code
        // read back from it.
        let read = |clean: &str| {
            let cs = clean.find("NotFound:")?;
            let mut w = 0;
            read_value(clean.as_bytes(), cs, cs + 9, CodeBefore, &mut w)
                .map(|(s, e)| clean[s..e].to_string())
        };
        assert_eq!(
            read("Deployment Error Details:\nDeploymentNotFound: Deployment 'web' could not be found.")
                .as_deref(),
            Some("DeploymentNotFound")
        );
        assert_eq!(
            read("\"message\": \"MsRestAzure::AzureOperationError: DeploymentNotFound: X\"")
                .as_deref(),
            Some("DeploymentNotFound")
        );
        // Lower case, glued to a word, no name before `NotFound`, or no
        // sentence after it: no code.
        assert_eq!(read("deploymentNotFound: X"), None);
        assert_eq!(read("x_DeploymentNotFound: X"), None);
        assert_eq!(read("NotFound: X"), None);
        assert_eq!(read("IsNotFound: true,"), None);
        // Another language's qualified exception class is no ARM code;
        // Azure's own SDK's is.
        assert_eq!(read("Bundler::GemNotFound: Could not find x"), None);
        assert_eq!(read("myapp.errors.UserNotFound: User x"), None);
        assert_eq!(
            read("MsRestAzure::DeploymentNotFound: Deployment x").as_deref(),
            Some("DeploymentNotFound")
        );
    }

    #[test]
    fn event_rows_are_recognised_in_both_layouts() {
        let mut w = 0;
        assert!(event_row(
            "x\nWarning DoActionFailed 15s ops-request-controller Failed",
            &mut w
        ));
        assert!(event_row("15s Warning BackOff pod/x Back-off", &mut w));
        assert!(event_row("\"  Warning DoActionFailed 15s x\"", &mut w));
        assert!(event_row(
            "{\"message\": \"  Warning DoActionFailed 15s x\"}",
            &mut w
        ));
        assert!(event_row(
            "{\"error\":{\"message\":\"Warning  SyncLoadBalancerFailed  8s  service-controller  x\"}}",
            &mut w
        ));
        assert!(!event_row(
            "{\"level\":\"Warning\",\"msg\":\"Failed 15 times\"}",
            &mut w
        ));
        assert!(event_row("Warning FailedMount <unknown> kubelet x", &mut w));
        assert!(!event_row("Warning: Failed 15s later", &mut w));
        assert!(event_row("Warning Failed 3m12s kubelet Error", &mut w));
        assert!(!event_row("Warning Failed 15 times", &mut w));
        assert!(!event_row("Normal Person 30 years", &mut w));
    }

    #[test]
    fn strips_json_keys_before_a_cli_code() {
        let line = "{\"error\":{\"message\":\"(InternalOperationError) We are unable";
        let (skipped, rest) = strip_prefixes(line);
        assert!(rest.starts_with("(InternalOperationError)"), "{rest}");
        assert_eq!(&line[skipped..], rest);
        // A value that is not a string, or a key with other characters, stays.
        assert_eq!(strip_prefixes("\"a b\": (X)").1, "\"a b\": (X)");
        assert_eq!(strip_json_key("\"n\": 3"), "3");
    }

    #[test]
    fn reads_codes_after_translated_labels() {
        let mut w = 0;
        assert_eq!(
            label_code("コード: \"AKSOperationPreempted\"", &mut w)
                .map(|(s, e)| &"コード: \"AKSOperationPreempted\""[s..e]),
            Some("AKSOperationPreempted")
        );
        let line = "程序代碼：“AKSOperationPreemptedByDelete”";
        assert_eq!(
            label_code(line, &mut w).map(|(s, e)| &line[s..e]),
            Some("AKSOperationPreemptedByDelete")
        );
        let line = "Código: QuotaExceeded";
        assert_eq!(
            label_code(line, &mut w).map(|(s, e)| &line[s..e]),
            Some("QuotaExceeded")
        );
        // English labels, prose and lower-case words are not codes here.
        assert_eq!(label_code("Code: QuotaExceeded", &mut w), None);
        assert_eq!(
            label_code("メッセージ: この操作は失敗しました", &mut w),
            None
        );
        assert_eq!(label_code("状態: failed", &mut w), None);
        assert_eq!(label_code("コード:  ", &mut w), None);
        assert_eq!(label_code("コード: “", &mut w), None);
    }

    #[test]
    fn strips_prefixes() {
        assert_eq!(strip_prefixes("ERROR: (Conflict) x").1, "(Conflict) x");
        assert_eq!(
            strip_prefixes("cli.azure.cli.core.azclierror: (AuthorizationFailed) x").1,
            "(AuthorizationFailed) x"
        );
        assert_eq!(
            strip_prefixes("E0120 22:55:12.472912 1 file.go:70] boom").1,
            "boom"
        );
        assert_eq!(strip_prefixes("│ Error: (X) y").1, "(X) y");
    }
}
