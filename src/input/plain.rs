//! The quickest answer to "does this text pass every cap and shape check?": one
//! pass over the bytes that says yes only for text no cap or shape rule can refuse.
//!
//! Yes when the text has no array (so no array stands where an object belongs and
//! no item count is reached), no escape (so each string's bytes are its raw bytes,
//! and no lone surrogate), no number (serde_json's `Value` refuses some a typed read
//! skips), nesting far under serde_json's recursion limit, no string or key longer
//! than the smallest `Bytes` / `KeyBytes` cap and no more `:` than the smallest
//! `Entries` cap: every cap then holds whatever field each value is. Text that is not
//! JSON may pass; every reader then refuses it alike. No says nothing: the walk of
//! [`super::scan`] then runs. The small specs a live preview sends pass here.

/// The smallest caps of every input read with [`super::read`], from [`super::CAPS`].
#[derive(Clone, Copy)]
pub(super) struct Least {
    /// Bytes of any string or key.
    pub bytes: usize,
    /// Entries of any map.
    pub entries: usize,
}

/// Nesting of objects accepted here: far under serde_json's limit of 128.
const DEPTH: usize = 32;

/// Whether `text` is within every cap and shape for `least`, as above.
pub(super) fn passes(text: &str, least: Least) -> bool {
    let bytes = text.as_bytes();
    let (mut depth, mut colons, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                // No escape anywhere, so the next quote ends the string.
                let Some(len) = bytes[start..].iter().position(|&b| b == b'"' || b == b'\\') else {
                    return false;
                };
                if bytes[start + len] == b'\\' || len > least.bytes {
                    return false;
                }
                i = start + len;
            }
            b'{' => {
                depth += 1;
                if depth > DEPTH {
                    return false;
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            b':' => {
                colons += 1;
                if colons > least.entries {
                    return false;
                }
            }
            b'[' | b'\\' | b'0'..=b'9' => return false,
            _ => {}
        }
        i += 1;
    }
    true
}
