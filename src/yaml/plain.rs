//! Which strings may be written as plain scalars: those that every reader of
//! the documents takes back as the same string.
//!
//! Three families of readers count, because the YAML goes to all of them:
//!
//! - serde_yaml (the emitter's byte-for-byte reference): YAML 1.2 words and
//!   numbers, integers up to 128 bits, finite floats, leading-zero digits;
//! - YAML 1.1 readers: kubectl (sigs.k8s.io/yaml over go-yaml v2), PyYAML
//!   (Ansible, kubernetes-validate) and js-yaml's timestamps. They also read
//!   `yes`/`no`/`on`/`off`/`y`/`n` as booleans, `1_000` and `0b1_0` as integers,
//!   `1:30` as a base-60 integer, `2026-11-28` as a timestamp, and refuse `=`
//!   and `<<`; go-yaml drops every `_` before it parses a number;
//! - YAML 1.2 core schema readers, which know no 128-bit limit: `1e400` is
//!   infinity and 400 nines an integer to them.
//!
//! A string any of them would read otherwise is quoted. The grammars are
//! written by hand (a regex engine would double the WebAssembly module); the
//! tests hold them to the published patterns run by the `regex` crate, and
//! `tests/yaml_readers.rs` to the real readers.

/// Whether `s`, written plain, would come back from some reader (serde_yaml,
/// a YAML 1.1 reader, a YAML 1.2 core schema reader) as anything but this
/// string: then it is quoted.
pub(super) fn reads_as_non_string(s: &str) -> bool {
    serde_yaml_reads_otherwise(s) || yaml11_reads_otherwise(s) || yaml12_core_reads_otherwise(s)
}

/// Whether `s` is quoted although serde_yaml would write it plain.
pub(super) fn quoted_beyond_serde_yaml(s: &str) -> bool {
    !serde_yaml_reads_otherwise(s) && reads_as_non_string(s)
}

/// Whether `s` holds NEL, LS or PS: line breaks to YAML 1.1 (folded to a space
/// inside quotes, taken as the end of a line in a block), ordinary characters
/// to YAML 1.2. Only a double-quoted escape (`\N`, `\L`, `\P`) means the same
/// character to both.
pub(super) fn has_version_dependent_break(s: &str) -> bool {
    s.contains(['\u{85}', '\u{2028}', '\u{2029}'])
}

/// The words YAML 1.1 resolves to a boolean, null, a merge key or a value key
/// (go-yaml v2's table; PyYAML's lacks `y` and `n`).
const YAML11_WORDS: &[&str] = &[
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
    "OFF", "true", "True", "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL", "=",
    "<<",
];

/// Whether a YAML 1.1 reader would read plain `s` as something else: a word of
/// [`YAML11_WORDS`], an integer or float of PyYAML's patterns or of go-yaml
/// v2's parse, or a timestamp.
fn yaml11_reads_otherwise(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        None => true,
        Some(b'0'..=b'9' | b'+' | b'-' | b'.') => {
            !dash_after_digit(b)
                && (pyyaml_int(b) || pyyaml_float(b) || go_yaml_number(b) || timestamp(b))
        }
        // No word is longer than five bytes: most strings need no search.
        Some(_) => s.len() <= 5 && YAML11_WORDS.contains(&s),
    }
}

/// Whether `b` has a `-` right after a digit and is no date (`YYYY-` first): no
/// YAML 1.1 number has one (a sign comes first, after an exponent's `e` or
/// go-yaml's `0b`), only a timestamp does, and every timestamp starts with a
/// date. Ids (GUIDs) and versions so skip the grammars.
fn dash_after_digit(b: &[u8]) -> bool {
    b.get(4) != Some(&b'-') && b.windows(2).any(|w| w[0].is_ascii_digit() && w[1] == b'-')
}

/// Whether a YAML 1.2 core schema reader would read plain `s` as something
/// else; only the numbers matter here (serde_yaml knows the same words), and
/// they have no size limit.
fn yaml12_core_reads_otherwise(s: &str) -> bool {
    let b = s.as_bytes();
    if let Some(hex) = b.strip_prefix(b"0x") {
        return !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit);
    }
    if let Some(octal) = b.strip_prefix(b"0o") {
        return !octal.is_empty() && octal.iter().all(|c| matches!(c, b'0'..=b'7'));
    }
    decimal_float(strip_sign(b))
}

fn strip_sign(b: &[u8]) -> &[u8] {
    match b {
        [b'+' | b'-', rest @ ..] => rest,
        _ => b,
    }
}

fn all_of(b: &[u8], allowed: impl Fn(u8) -> bool) -> bool {
    b.iter().all(|&c| allowed(c))
}

fn is_digit_or_underscore(c: u8) -> bool {
    c.is_ascii_digit() || c == b'_'
}

/// How many leading bytes of `b` satisfy `f`.
fn span(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    b.iter().take_while(|&&c| f(c)).count()
}

/// PyYAML's integers: `[-+]?` then `0b[01_]+`, `0[0-7_]+`, `0`, `[1-9][0-9_]*`,
/// `0x[0-9a-fA-F_]+`, or base 60 `[1-9][0-9_]*(:[0-5]?[0-9])+`.
fn pyyaml_int(b: &[u8]) -> bool {
    let t = strip_sign(b);
    match t {
        [b'0', b'b', rest @ ..] if !rest.is_empty() => {
            all_of(rest, |c| matches!(c, b'0' | b'1' | b'_'))
        }
        [b'0', b'x', rest @ ..] if !rest.is_empty() => {
            all_of(rest, |c| c.is_ascii_hexdigit() || c == b'_')
        }
        [b'0'] => true,
        [b'0', rest @ ..] => all_of(rest, |c| matches!(c, b'0'..=b'7' | b'_')),
        [b'1'..=b'9', rest @ ..] => {
            let n = span(rest, is_digit_or_underscore);
            n == rest.len() || base60_groups(&rest[n..]) == Some(&[][..])
        }
        _ => false,
    }
}

/// Consumes one or more `:[0-5]?[0-9]` groups; what follows them, or `None`
/// when there is no group or a group is malformed.
fn base60_groups(mut b: &[u8]) -> Option<&[u8]> {
    let mut groups = 0;
    while let [b':', rest @ ..] = b {
        let n = span(rest, |c| c.is_ascii_digit());
        match rest[..n] {
            [_] => {}
            [first, _] if first <= b'5' => {}
            _ => return None,
        }
        b = &rest[n..];
        groups += 1;
    }
    (groups > 0).then_some(b)
}

/// PyYAML's floats: `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?`,
/// `\.[0-9_]+([eE][-+][0-9]+)?`, base 60 `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`,
/// `[-+]?\.(inf|Inf|INF)` and `\.(nan|NaN|NAN)`.
fn pyyaml_float(b: &[u8]) -> bool {
    if matches!(b, b".nan" | b".NaN" | b".NAN") {
        return true;
    }
    let t = strip_sign(b);
    if matches!(t, b".inf" | b".Inf" | b".INF") {
        return true;
    }
    // An exponent with a mandatory sign.
    let exponent = |e: &[u8]| match e {
        [] => true,
        [b'e' | b'E', b'+' | b'-', digits @ ..] => {
            !digits.is_empty() && all_of(digits, |c| c.is_ascii_digit())
        }
        _ => false,
    };
    if let [b'.', rest @ ..] = b {
        let n = span(rest, is_digit_or_underscore);
        return n > 0 && exponent(&rest[n..]);
    }
    let [b'0'..=b'9', rest @ ..] = t else {
        return false;
    };
    let rest = &rest[span(rest, is_digit_or_underscore)..];
    let (base60, rest) = match base60_groups(rest) {
        Some(after) => (true, after),
        None => (false, rest),
    };
    let [b'.', fraction @ ..] = rest else {
        return false;
    };
    let n = span(fraction, is_digit_or_underscore);
    if base60 {
        n == fraction.len()
    } else {
        exponent(&fraction[n..])
    }
}

/// `[0-9]+(\.[0-9]*)?` or `\.[0-9]+`, then an optional exponent with an optional
/// sign (the YAML 1.2 core float and go-yaml's float pattern), over `b` without
/// its sign.
fn decimal_float(b: &[u8]) -> bool {
    let digit = |c: u8| c.is_ascii_digit();
    let int = span(b, digit);
    let mut rest = &b[int..];
    if let [b'.', after @ ..] = rest {
        let fraction = span(after, digit);
        rest = &after[fraction..];
        if int == 0 && fraction == 0 {
            return false;
        }
    } else if int == 0 {
        return false;
    }
    match rest {
        [] => true,
        [b'e' | b'E', exp @ ..] => {
            let exp = strip_sign(exp);
            !exp.is_empty() && all_of(exp, digit)
        }
        _ => false,
    }
}

/// What Go's float parser takes after a first `.`: digits with single `_`
/// between them, then an optional exponent of the same digits.
fn go_dot_float(b: &[u8]) -> bool {
    // Digits, each `_` between two of them; what follows.
    let go_digits = |b: &[u8]| -> Option<usize> {
        let mut n = span(b, |c| c.is_ascii_digit());
        if n == 0 {
            return None;
        }
        while b.get(n) == Some(&b'_') && b.get(n + 1).is_some_and(u8::is_ascii_digit) {
            n += 1 + span(&b[n + 1..], |c| c.is_ascii_digit());
        }
        Some(n)
    };
    let Some(n) = go_digits(b) else {
        return false;
    };
    match &b[n..] {
        [] => true,
        [b'e' | b'E', exponent @ ..] => {
            let exponent = strip_sign(exponent);
            go_digits(exponent) == Some(exponent.len())
        }
        _ => false,
    }
}

/// go-yaml v2's numbers. For a first byte that is a digit or sign it drops every
/// `_`, then tries Go's integer syntax (`0x`, `0o`, `0b` in either case, a
/// leading `0` for octal, one sign), its float pattern, and `0b`/`-0b` with the
/// digits parsed on their own (so `0b-1` is -1). For a first `.` it tries Go's
/// float parser ([`go_dot_float`]). The range is ignored: a number
/// too large for Go is a string to go-yaml, but quoting it costs nothing.
fn go_yaml_number(b: &[u8]) -> bool {
    if let [b'.', rest @ ..] = b {
        return go_dot_float(rest);
    }
    if !all_of(b, |c| c.is_ascii_hexdigit() || b"_xXoObB.+-".contains(&c)) {
        return false;
    }
    // Copied only when there is a `_` to drop: ids and versions have none.
    let plain: std::borrow::Cow<[u8]> = if b.contains(&b'_') {
        b.iter().copied().filter(|&c| c != b'_').collect()
    } else {
        b.into()
    };
    let t = strip_sign(&plain);
    let digits =
        |d: &[u8], radix: u32| !d.is_empty() && d.iter().all(|&c| char::from(c).is_digit(radix));
    let go_int = match t {
        [b'0', b'x' | b'X', rest @ ..] => digits(rest, 16),
        [b'0', b'o' | b'O', rest @ ..] => digits(rest, 8),
        [b'0', b'b' | b'B', rest @ ..] => digits(rest, 2),
        [b'0', rest @ ..] => rest.is_empty() || digits(rest, 8),
        _ => digits(t, 10),
    };
    go_int
        || decimal_float(t)
        || matches!(&*plain, [b'0', b'b', rest @ ..] if digits(strip_sign(rest), 2))
}

/// A timestamp to PyYAML (and js-yaml, whose patterns are the same) or to
/// go-yaml v2. Dates are not checked for validity: PyYAML fails on an
/// impossible date rather than reading a string, and quoting costs nothing.
fn timestamp(b: &[u8]) -> bool {
    pyyaml_timestamp(b) || go_yaml_timestamp(b)
}

/// `min..=max` ASCII digits at the start of `b`, and what follows them.
fn digits(b: &[u8], min: usize, max: usize) -> Option<&[u8]> {
    let n = span(b, |c| c.is_ascii_digit());
    (min..=max).contains(&n).then(|| &b[n..])
}

/// `YYYY-M-D` with `min..=2` digits for month and day, and what follows.
fn date(b: &[u8], min: usize) -> Option<&[u8]> {
    let rest = digits(b, 4, 4)?;
    let rest = digits(rest.strip_prefix(b"-")?, min, 2)?;
    digits(rest.strip_prefix(b"-")?, min, 2)
}

/// `h:mm:ss` with `min..=2` digits for minutes and seconds, and what follows.
fn time_of_day(b: &[u8], min: usize) -> Option<&[u8]> {
    let rest = digits(b, 1, 2)?;
    let rest = digits(rest.strip_prefix(b":")?, min, 2)?;
    digits(rest.strip_prefix(b":")?, min, 2)
}

fn skip_blanks(b: &[u8]) -> &[u8] {
    &b[span(b, |c| matches!(c, b' ' | b'\t'))..]
}

/// PyYAML's timestamp: `YYYY-MM-DD`, or `YYYY-M-D` then `T`, `t` or blanks,
/// `h:mm:ss`, an optional `.` fraction and an optional zone after optional
/// blanks (`Z`, `±h`, `±hh`, `±h:mm`, `±hh:mm`).
fn pyyaml_timestamp(b: &[u8]) -> bool {
    if date(b, 2) == Some(&[][..]) {
        return true;
    }
    let Some(rest) = date(b, 1) else {
        return false;
    };
    let rest = match rest {
        [b'T' | b't', after @ ..] => after,
        [b' ' | b'\t', ..] => skip_blanks(rest),
        _ => return false,
    };
    let Some(mut rest) = time_of_day(rest, 2) else {
        return false;
    };
    if let [b'.', after @ ..] = rest {
        rest = &after[span(after, |c| c.is_ascii_digit())..];
    }
    if rest.is_empty() {
        return true;
    }
    match skip_blanks(rest) {
        [b'Z'] => true,
        [b'+' | b'-', zone @ ..] => match digits(zone, 1, 2) {
            Some([]) => true,
            Some([b':', minutes @ ..]) => digits(minutes, 2, 2) == Some(&[][..]),
            _ => false,
        },
        _ => false,
    }
}

/// An optional fraction of a second as Go reads one: `.` or `,` and digits.
fn go_fraction(b: &[u8]) -> &[u8] {
    match b {
        [b'.' | b',', after @ ..] => digits(after, 1, usize::MAX).unwrap_or(b),
        _ => b,
    }
}

/// go-yaml v2's timestamp: Go's `time.Parse` with `2006-1-2`,
/// `2006-1-2T15:4:5.999999999Z07:00` (`T` or `t`) and
/// `2006-1-2 15:4:5.999999999`: one or two digits for every field but the
/// year, a fraction after `.` or `,`, a zone `Z` or `±hh:mm`.
fn go_yaml_timestamp(b: &[u8]) -> bool {
    match date(b, 1) {
        Some([]) => true,
        Some([b'T' | b't', rest @ ..]) => match time_of_day(rest, 1).map(go_fraction) {
            Some([b'Z']) => true,
            Some([b'+' | b'-', h1, h2, b':', m1, m2]) => {
                [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
            }
            _ => false,
        },
        Some([b' ', rest @ ..]) => time_of_day(rest, 1).map(go_fraction) == Some(&[][..]),
        _ => false,
    }
}

/// Whether serde_yaml would read `s`, written plain, as something other than
/// this string: empty, null, bool, an integer (decimal, `0x`, `0o`, `0b`,
/// up to 128 bits), a finite float, `.inf`/`.nan`, or digits with a leading
/// zero (a string in YAML 1.2 that serde_yaml quotes all the same).
fn serde_yaml_reads_otherwise(s: &str) -> bool {
    // Every such scalar starts with one of these; the words with a letter or `~`,
    // the numbers with a digit, sign or point (and no number starts with a letter).
    match s.as_bytes().first() {
        None => true,
        Some(b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F') => matches!(
            s,
            "~" | "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        ),
        Some(b'0'..=b'9' | b'+' | b'-' | b'.') => {
            may_be_number(s.as_bytes()) && (digits_with_leading_zero(s) || is_int(s) || is_float(s))
        }
        Some(_) => false,
    }
}

/// A quick necessary condition for [`digits_with_leading_zero`], [`is_int`] and
/// [`is_float`], so that ids, versions and dates skip the full parse: only
/// characters of numbers (digits, hex digits, `x`, `o`, `.`, signs and those of
/// `.inf` and `.nan`), and a sign only first or right after an exponent's `e`.
fn may_be_number(bytes: &[u8]) -> bool {
    let mut previous = b'e';
    bytes.iter().all(|&c| {
        let ok = match c {
            b'+' | b'-' => matches!(previous, b'e' | b'E'),
            b'0'..=b'9'
            | b'a'..=b'f'
            | b'A'..=b'F'
            | b'.'
            | b'x'
            | b'o'
            | b'i'
            | b'n'
            | b'I'
            | b'N' => true,
            _ => false,
        };
        previous = c;
        ok
    })
}

/// `0…` digits after an optional sign, longer than one digit: `007`, `-00`.
fn digits_with_leading_zero(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    s.len() > 1 && s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `digits` (no sign) are a number in `radix` no greater than `max`.
fn fits(digits: &str, radix: u32, max: u128) -> bool {
    let mut value: u128 = 0;
    !digits.is_empty()
        && digits.chars().all(|c| {
            match c.to_digit(radix).and_then(|d| {
                value
                    .checked_mul(radix.into())
                    .and_then(|v| v.checked_add(d.into()))
            }) {
                Some(v) if v <= max => {
                    value = v;
                    true
                }
                _ => false,
            }
        })
}

fn radix_prefix(s: &str) -> Option<(&str, u32)> {
    [("0x", 16), ("0o", 8), ("0b", 2)]
        .into_iter()
        .find_map(|(p, radix)| s.strip_prefix(p).map(|rest| (rest, radix)))
}

/// serde_yaml's integers: `u128` with one optional `+`, or negative `i128`;
/// hex, octal and binary with a lowercase prefix.
fn is_int(s: &str) -> bool {
    const NEGATIVE_MAX: u128 = 1 << 127;
    if let Some(magnitude) = s.strip_prefix('-') {
        return match radix_prefix(magnitude) {
            Some((rest, radix)) => fits(rest, radix, NEGATIVE_MAX),
            None => fits(magnitude, 10, NEGATIVE_MAX),
        };
    }
    let unsigned = s.strip_prefix('+').unwrap_or(s);
    match radix_prefix(unsigned) {
        Some((rest, radix)) if fits(rest, radix, u128::MAX) => true,
        _ => fits(unsigned, 10, u128::MAX),
    }
}

/// serde_yaml's floats: `.inf`, `-.inf`, `.nan` (three spellings each), or what
/// Rust's `f64::from_str` accepts as a finite number (one optional `+`).
fn is_float(s: &str) -> bool {
    let unsigned = match s.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return false,
        Some(rest) => rest,
        None => s,
    };
    matches!(unsigned, ".inf" | ".Inf" | ".INF")
        || matches!(s, "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN" | ".NAN")
        || is_finite_decimal(unsigned)
}

/// The smallest decimal that `f64::from_str` rounds to infinity: 2^1024 − 2^970,
/// halfway between `f64::MAX` and 2^1024 (a tie rounds to the even 2^1024).
const OVERFLOW: &str = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether `f64::from_str(s)` gives a finite number, decided from the digits
/// instead of parsing: the grammar `[+-]? (d+ | d+ . d* | d* . d+) ([eE] [+-]? d+)?`
/// (`inf` and `nan` parse too, but are not finite) and a comparison with
/// [`OVERFLOW`]. Parsing would pull Rust's float parser (tables included) into
/// the WebAssembly module for one yes/no answer.
fn is_finite_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
        return false;
    }
    // Saturating: an absurd exponent is as good as a large one.
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let (negative, digits) = match e.as_bytes().first() {
                Some(b'-') => (true, &e[1..]),
                Some(b'+') => (false, &e[1..]),
                _ => (false, e),
            };
            if digits.is_empty() || !all_digits(digits) {
                return false;
            }
            let magnitude = digits.bytes().fold(0i64, |acc, b| {
                acc.saturating_mul(10).saturating_add(i64::from(b - b'0'))
            });
            if negative {
                -magnitude
            } else {
                magnitude
            }
        }
    };
    // The significant digits, and how many of them come before the point.
    let leading_zeros = int
        .bytes()
        .chain(frac.bytes())
        .take_while(|&b| b == b'0')
        .count();
    let digits: Vec<u8> = int
        .bytes()
        .chain(frac.bytes())
        .skip(leading_zeros)
        .collect();
    let significant = match digits.iter().rposition(|&b| b != b'0') {
        Some(last) => &digits[..=last],
        None => return true, // zero
    };
    let before_point = (int.len() as i64 - leading_zeros as i64).saturating_add(exponent);
    let overflow_len = OVERFLOW.len() as i64;
    before_point < overflow_len
        || (before_point == overflow_len && significant < OVERFLOW.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `yaml11_reads_otherwise` searches the words only for strings this short.
    #[test]
    fn yaml11_words_are_at_most_five_bytes() {
        assert!(YAML11_WORDS.iter().all(|w| w.len() <= 5));
        assert!(YAML11_WORDS.iter().any(|w| w.len() == 5));
    }
    use crate::yaml::testing::strings_over;

    /// `serde_yaml_reads_otherwise` before the first-byte dispatch and [`may_be_number`].
    fn reads_as_non_string_reference(s: &str) -> bool {
        matches!(
            s,
            "" | "~"
                | "null"
                | "Null"
                | "NULL"
                | "true"
                | "True"
                | "TRUE"
                | "false"
                | "False"
                | "FALSE"
        ) || digits_with_leading_zero(s)
            || is_int(s)
            || is_float(s)
    }

    /// The quick paths of `serde_yaml_reads_otherwise` change no answer: every string
    /// of up to three characters from an alphabet of number characters, of up to
    /// five from a smaller one, and the usual suspects.
    #[test]
    fn reads_as_non_string_agrees_with_the_full_parse() {
        let mut strings = strings_over("0123456789+-.eExXoObBaAfFiInNtTlLuU~_ :z", 3);
        strings.extend(strings_over("01+-.eExo", 5));
        strings.extend(
            [
                "null",
                "Null",
                "NULL",
                "nULL",
                "true",
                "True",
                "TRUE",
                "tRUE",
                "false",
                "False",
                "FALSE",
                "fALSE",
                ".inf",
                ".Inf",
                ".INF",
                "-.inf",
                "+.inf",
                "-.Inf",
                "-.INF",
                ".nan",
                ".NaN",
                ".NAN",
                "+.nan",
                "inf",
                "1e+3",
                "1E-3",
                "1.5e-3",
                "-1.5E+3",
                "0x1F",
                "0xff",
                "-0x1F",
                "+0x1F",
                "0o17",
                "-0o17",
                "0b101",
                "-0b1",
                "007",
                "-007",
                "+00",
                "0777",
                "2001-12-14",
                "12:30:45",
                "1:20",
                "1_000",
                "5432",
                "00000000-0000-0000-0000-000000000001",
                "11111111-1111-1111-1111-111111111111",
                "340282366920938463463374607431768211455",
                "340282366920938463463374607431768211456",
                "-170141183460469231731687303715884105728",
                "0xffffffffffffffffffffffffffffffff",
                "0x100000000000000000000000000000000",
                "1.7976931348623157e308",
                "1e400",
                OVERFLOW,
            ]
            .map(String::from),
        );
        let mut numbers = 0;
        for s in &strings {
            let expected = reads_as_non_string_reference(s);
            assert_eq!(serde_yaml_reads_otherwise(s), expected, "{s:?}");
            numbers += usize::from(expected);
        }
        assert!(numbers > 1000, "{numbers}");
    }

    #[test]
    fn finite_decimals_match_rust_parsing() {
        let max = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791";
        for v in [
            "0", ".5", "5.", "1e5", "1E+5", "1.e5", "-1e-400", "1e308", "1e309", "1.7976931348623157e308",
            "1.7976931348623158e308", "1.7976931348623159e308", max, super::OVERFLOW, "0e999999999999999999999",
            "0.000001797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548458177115317644757302700698555713669596228429148198608349364752927190741684443655107043427115596995080930428801779041744977920e314",
            ".", "e5", "1e", "1e+", "--1", "1..2", "1.2.3", "inf", "nan", "infinity", "0x10",
        ] {
            let expected = v.parse::<f64>().is_ok_and(f64::is_finite);
            assert_eq!(is_finite_decimal(v), expected, "{v}");
        }
    }

    /// The reference patterns need the `regex` crate, a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod published {
        use super::*;

        /// The published patterns, run by the `regex` crate: PyYAML's implicit
        /// resolvers (`resolver.py`; js-yaml's timestamps are the same), go-yaml
        /// v2's `resolve.go` (its word table; Go's integer syntax and its float
        /// pattern over the text without `_`; `0b` digits parsed alone; Go's float
        /// syntax after a first `.`; `time.Parse` with its three layouts, as forms)
        /// and the YAML 1.2 core schema.
        struct Reference {
            pyyaml: Vec<regex::Regex>,
            go_words: Vec<&'static str>,
            go_number: regex::Regex,
            go_dot_float: regex::Regex,
            go_timestamp: regex::Regex,
            core: regex::Regex,
        }

        impl Reference {
            fn new() -> Self {
                let re = |p: &str| regex::Regex::new(&format!("^(?:{p})$")).expect("pattern");
                Reference {
                pyyaml: [
                    "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
                    r"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
                    r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
                    "<<",
                    "~|null|Null|NULL|",
                    r"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?",
                    "=",
                ]
                .into_iter()
                .map(re)
                .collect(),
                go_words: vec![
                    "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO",
                    "off", "Off", "OFF", "true", "True", "TRUE", "false", "False", "FALSE", "~",
                    "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
                    "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<",
                ],
                go_number: re(
                    r"[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0b[-+]?[01]+|-0b[01]+",
                ),
                go_dot_float: re(r"\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?"),
                go_timestamp: re(
                    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:[.,][0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})| [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:[.,][0-9]+)?)?",
                ),
                core: re(
                    r"null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|",
                ),
            }
            }

            fn yaml11(&self, s: &str) -> bool {
                let go = if s.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-') {
                    self.go_number.is_match(&s.replace('_', "")) || self.go_timestamp.is_match(s)
                } else {
                    s.starts_with('.') && self.go_dot_float.is_match(s)
                };
                self.pyyaml.iter().any(|r| r.is_match(s)) || self.go_words.contains(&s) || go
            }
        }

        /// Strings near every number and timestamp form: exhaustive over number
        /// characters up to four, dates with every time, fraction and zone shape.
        fn number_like_strings() -> Vec<String> {
            let mut strings = strings_over("0157+-._:eExXoObBaZ", 4);
            // A `-` after a digit anywhere, ids and versions among them.
            strings.extend(strings_over("19-_eb:.", 5));
            strings.extend(
                strings_over("10-_eT: ", 4)
                    .iter()
                    .map(|s| format!("2026-1-{s}")),
            );
            strings.extend(strings_over("09_.e+-", 6));
            strings.extend(strings_over("1:5.0_", 6));
            for d in [
                "2026-1-5",
                "2026-01-05",
                "2026-1-05",
                "202-1-1",
                "20261-1-1",
                "2026-123-1",
                "2026-01",
            ] {
                strings.push(d.to_owned());
                for sep in ["T", "t", " ", "\t", "  ", "x", ""] {
                    for hour in ["1", "12", "123"] {
                        for min in [":2", ":02", ":123", ""] {
                            for sec in [":3", ":03", ""] {
                                for frac in ["", ".", ".5", ",5", ","] {
                                    for zone in [
                                        "", "Z", " Z", "+7", "+07", " +07:00", "+07:00", "-07:0",
                                        "z", "+07:00x",
                                    ] {
                                        strings
                                            .push(format!("{d}{sep}{hour}{min}{sec}{frac}{zone}"));
                                    }
                                }
                            }
                        }
                    }
                }
            }
            strings.extend(YAML11_WORDS.iter().map(|w| (*w).to_owned()));
            strings.extend(
                [
                    "yEs",
                    "oN",
                    "nO",
                    "Off",
                    "y ",
                    "=",
                    "==",
                    "<<",
                    "<",
                    "1:30",
                    "190:20:30.15",
                    "0b-1",
                    "0b+1",
                    "-0b1",
                    "+0b-1",
                    "0X1F",
                    "0O17",
                    "0B1",
                    "08",
                    "0_8",
                    "-_1",
                    "._",
                    ".5_5",
                    ".5__5",
                    "._5",
                    "1e400",
                    "0o17",
                    "1_0e5",
                    "00001111-aaaa-2222-bbbb-3333cccc4444",
                    "11111111-1111-1111-1111-111111111111",
                    "1111111e-1111-1111-1111-111111111111",
                    "1.2.3-4",
                    "1-2",
                    "12345-6",
                ]
                .map(String::from),
            );
            strings
        }

        /// One pass over the strings: the YAML 1.1 grammars equal PyYAML's and
        /// go-yaml's patterns, and the whole decision equals the union of the three
        /// readers' patterns.
        #[test]
        fn grammars_match_the_published_patterns() {
            let reference = Reference::new();
            let mut hits = 0;
            for s in number_like_strings() {
                let yaml11 = reference.yaml11(&s);
                assert_eq!(yaml11_reads_otherwise(&s), yaml11, "YAML 1.1: {s:?}");
                let expected =
                    yaml11 || reference.core.is_match(&s) || reads_as_non_string_reference(&s);
                assert_eq!(reads_as_non_string(&s), expected, "{s:?}");
                hits += usize::from(yaml11);
            }
            assert!(hits > 20_000, "{hits}");
        }
    }
}
