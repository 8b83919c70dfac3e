//! The words the learned fallback reads: every identifier-like word of the
//! text, lower-cased, and the parts of a compound one (`KeyVaultErrorException`
//! also gives `key`, `vault`, `error`, `exception`), as a set. Training
//! (`tools/train_fallback.py`, through `examples/classify_words.rs`) and the
//! model read the same function, so the words a weight was learned for are the
//! words looked up.

use std::collections::BTreeMap;

/// Each word and the byte range of its first occurrence.
pub(crate) type Words = BTreeMap<String, (usize, usize)>;

/// Shortest and longest word kept, in bytes; longer runs are ids and hashes.
const WORD_LEN: (usize, usize) = (2, 40);

/// Shortest part of a compound word kept.
const PART_LEN: usize = 3;

/// Digits a bare number needs to count as a word (`403`, `10250`), so
/// counters and dates' pieces stay out.
const NUMBER_LEN: usize = 3;

/// The words of `text`, each with where it first occurs. `work` counts the
/// bytes visited. (The model reads lines: [`words_by_line`].)
#[cfg(test)]
pub(crate) fn words(text: &str, work: &mut u64) -> Words {
    let mut out = Words::new();
    scan(text, &mut out, work);
    out
}

/// The words of each line of `text` (split at `\n`), with where each first
/// occurs in the whole text.
pub(crate) fn words_by_line(text: &str, work: &mut u64) -> Vec<Words> {
    let mut at = 0;
    text.split('\n')
        .map(|line| {
            let mut found = Words::new();
            scan(line, &mut found, work);
            for span in found.values_mut() {
                *span = (span.0 + at, span.1 + at);
            }
            at += line.len() + 1;
            found
        })
        .collect()
}

/// Adds the words of `text` to `out`. A word starts with an ASCII letter,
/// goes on with ASCII letters and digits, and may join further such runs with
/// one `.`, `_` or `-` (`Microsoft.KeyVault`, `AZURE_CLIENT_ID`,
/// `secrets-store`); a run of digits outside a word is a number.
fn scan(text: &str, out: &mut Words, work: &mut u64) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        *work += 1;
        let c = b[i];
        if c.is_ascii_alphabetic() {
            let start = i;
            i += 1;
            loop {
                while i < b.len() && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                let joins = i + 1 < b.len()
                    && matches!(b[i], b'.' | b'_' | b'-')
                    && b[i + 1].is_ascii_alphanumeric();
                if !joins {
                    break;
                }
                i += 1;
            }
            *work += (i - start) as u64;
            add_word(&text[start..i], start, out);
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            *work += (i - start) as u64;
            if i - start >= NUMBER_LEN && i - start <= WORD_LEN.1 {
                out.entry(text[start..i].to_string()).or_insert((start, i));
            }
        } else {
            i += 1;
        }
    }
}

/// Adds `word`, found at `at`, lower-cased and, when it is a compound, its
/// parts.
fn add_word(word: &str, at: usize, out: &mut Words) {
    if word.len() < WORD_LEN.0 || word.len() > WORD_LEN.1 {
        return;
    }
    out.entry(word.to_ascii_lowercase())
        .or_insert((at, at + word.len()));
    let parts = parts(word);
    if parts.len() > 1 {
        for (offset, p) in parts {
            if p.len() >= PART_LEN {
                out.entry(p.to_ascii_lowercase())
                    .or_insert((at + offset, at + offset + p.len()));
            }
        }
    }
}

/// The parts of a compound word: split at `.`, `_`, `-`, between a lower-case
/// letter and an upper-case one, before the last capital of a capital run
/// followed by a lower-case letter (`HTTPServer`: `HTTP`, `Server`), and
/// between letters and digits.
fn parts(word: &str) -> Vec<(usize, &str)> {
    let b = word.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..b.len() {
        if !b[i].is_ascii_alphanumeric() {
            if i > start {
                out.push((start, &word[start..i]));
            }
            start = i + 1;
            continue;
        }
        if i == start {
            continue;
        }
        let prev = b[i - 1];
        let cur = b[i];
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        let split = (prev.is_ascii_lowercase() && cur.is_ascii_uppercase())
            || (prev.is_ascii_uppercase() && cur.is_ascii_uppercase() && next.is_ascii_lowercase())
            || (prev.is_ascii_digit() != cur.is_ascii_digit());
        if split {
            out.push((start, &word[start..i]));
            start = i;
        }
    }
    if start < b.len() {
        out.push((start, &word[start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        words(text, &mut 0).into_keys().collect()
    }

    #[test]
    fn compound_words_give_their_parts() {
        assert_eq!(
            w("KeyVaultErrorException"),
            [
                "error",
                "exception",
                "key",
                "keyvaulterrorexception",
                "vault"
            ]
        );
        assert_eq!(w("HTTPServer"), ["http", "httpserver", "server"]);
        assert_eq!(w("AZURE_CLIENT_ID"), ["azure", "azure_client_id", "client"]);
        assert_eq!(
            w("Microsoft.KeyVault/vaults"),
            ["key", "microsoft", "microsoft.keyvault", "vault", "vaults"]
        );
        assert_eq!(w("AADSTS700016"), ["700016", "aadsts", "aadsts700016"]);
    }

    #[test]
    fn numbers_need_three_digits_and_separators_need_a_word_after_them() {
        assert_eq!(w("status 403 at 12:30"), ["403", "at", "status"]);
        assert_eq!(w("exit code 1."), ["code", "exit"]);
        assert_eq!(w("secrets-store- x"), ["secrets", "secrets-store", "store"]);
        assert_eq!(w("123abc"), ["123", "abc"]);
    }

    #[test]
    fn only_ascii_words_count_and_long_runs_are_dropped() {
        assert_eq!(w("Ressource introuvable é"), ["introuvable", "ressource"]);
        assert!(w(&"a".repeat(41)).is_empty());
        assert_eq!(w("a"), Vec::<String>::new());
    }

    #[test]
    fn words_by_line_keep_their_place_in_the_whole_text() {
        let text = "first line\nsecond KeyVault";
        let lines = words_by_line(text, &mut 0);
        assert_eq!(lines.len(), 2);
        let (s, e) = lines[1]["vault"];
        assert_eq!(&text[s..e], "Vault");
    }

    #[test]
    fn each_word_keeps_its_first_place() {
        let text = "x KeyVault then keyvault";
        let found = words(text, &mut 0);
        assert_eq!(found["keyvault"], (2, 10));
        assert_eq!(&text[found["vault"].0..found["vault"].1], "Vault");
    }
}
