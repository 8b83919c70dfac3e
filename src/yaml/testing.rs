//! Helpers shared by the yaml module's unit tests.

/// Every string of up to `len` characters from `alphabet`.
pub(super) fn strings_over(alphabet: &str, len: usize) -> Vec<String> {
    let mut strings = vec![String::new()];
    let mut last = strings.clone();
    for _ in 0..len {
        last = last
            .iter()
            .flat_map(|s| alphabet.chars().map(move |c| format!("{s}{c}")))
            .collect();
        strings.extend(last.iter().cloned());
    }
    strings
}
