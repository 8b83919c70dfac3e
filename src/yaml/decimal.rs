//! Integers in decimal, shared by the YAML emitter, the sinks and the JSON
//! writer (its own module so that none of them imports another for it).

/// `i` in decimal, written into the end of `buf` (19 digits and a sign at most).
pub(super) fn decimal(i: i64, buf: &mut [u8; 20]) -> &str {
    let mut n = i.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    // Only ASCII digits and '-' were written: this never falls back.
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn integers_are_written_like_display() {
        for i in [0, 7, -7, 10, -10, i64::MAX, i64::MIN, 1_000_000] {
            assert_eq!(decimal(i, &mut [0; 20]), i.to_string());
        }
    }
}
