//! Nearness of a signal's terms: a signal that names a family of spellings
//! ([`Term::Any`](super::rules::Term::Any)) counts only when all its terms
//! are found close together (the same line or a few lines apart), so a long
//! log cannot assemble one from words far apart that have nothing to do with
//! each other.

/// Most line breaks between the terms of one signal.
pub(crate) const NEAR_LINES: usize = 4;

/// Most bytes between the starts of the terms of one signal: a few wrapped
/// lines, or one long JSON line's message.
pub(crate) const NEAR_BYTES: usize = 2048;

/// A clean-view byte range.
pub(crate) type Span = (usize, usize);

/// Where the line breaks of a text are, to count the lines between two
/// offsets by binary search.
pub(crate) struct Lines {
    breaks: Vec<usize>,
}

impl Lines {
    /// Indexes the line breaks of `text`.
    pub fn new(text: &str, work: &mut u64) -> Lines {
        *work += (text.len() / 64) as u64;
        Lines {
            breaks: line_breaks(text.as_bytes()),
        }
    }

    /// Where the line breaks are, ascending.
    pub fn breaks(&self) -> &[usize] {
        &self.breaks
    }

    /// The number of line breaks in `[a, b)`.
    fn between(&self, a: usize, b: usize) -> usize {
        let (a, b) = (a.min(b), a.max(b));
        self.breaks.partition_point(|&x| x < b) - self.breaks.partition_point(|&x| x < a)
    }

    /// Whether offsets `a` and `b` are near.
    pub fn near(&self, a: usize, b: usize) -> bool {
        a.abs_diff(b) <= NEAR_BYTES && self.between(a, b) <= NEAR_LINES
    }
}

/// The offsets of the `\n` bytes of `text`, ascending. Eight bytes at a
/// time: most words of a text hold none.
pub(crate) fn line_breaks(text: &[u8]) -> Vec<usize> {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut breaks = Vec::new();
    let mut words = text.chunks_exact(8);
    for (n, word) in words.by_ref().enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        // A byte's high bit set where it is `\n`: the others' low seven
        // bits are not all zero after the `xor`, so adding 0x7f carries
        // into the high bit (and never into the next byte).
        let x = u64::from_le_bytes(bytes) ^ 0x0a0a_0a0a_0a0a_0a0a;
        let mut found = !(((x & LOW) + LOW) | x | LOW);
        while found != 0 {
            breaks.push(n * 8 + found.trailing_zeros() as usize / 8);
            found &= found - 1;
        }
    }
    let tail = text.len() - words.remainder().len();
    breaks.extend(
        words
            .remainder()
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .map(|(i, _)| tail + i),
    );
    breaks
}

/// One span per term, all near the first one's, if there is such a choice:
/// `found[i]` holds every place term `i` was found, ascending by start. The
/// first term is the anchor; for each other term the found place nearest to
/// the anchor is taken.
pub(crate) fn combine(lines: &Lines, found: &[Vec<Span>], work: &mut u64) -> Option<Vec<Span>> {
    let (anchors, rest) = found.split_first()?;
    'anchor: for &anchor in anchors {
        let mut out = Vec::with_capacity(found.len());
        out.push(anchor);
        for spans in rest {
            *work += 1;
            let i = spans.partition_point(|s| s.0 < anchor.0);
            let nearest = [i.checked_sub(1), Some(i)]
                .into_iter()
                .flatten()
                .filter_map(|j| spans.get(j))
                .min_by_key(|s| s.0.abs_diff(anchor.0))
                .copied();
            match nearest {
                Some(s) if lines.near(anchor.0, s.0) => out.push(s),
                _ => continue 'anchor,
            }
        }
        return Some(out);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_line_break_and_no_other_byte() {
        // Every byte value next to breaks, at every offset of a word.
        let mut text: Vec<u8> = (0..=255u8).collect();
        for i in 0..40 {
            text.insert(i * 7 % text.len(), b'\n');
        }
        text.extend_from_slice(b"\n\n\x8a\x0b\x09\n");
        for from in 0..16 {
            let t = &text[from..];
            let want: Vec<usize> = (0..t.len()).filter(|&i| t[i] == b'\n').collect();
            assert_eq!(line_breaks(t), want, "from {from}");
        }
    }

    #[test]
    fn counts_breaks_between_offsets_either_way() {
        let l = Lines::new("a\nb\nc\nd", &mut 0);
        assert_eq!(l.between(0, 7), 3);
        assert_eq!(l.between(7, 0), 3);
        assert_eq!(l.between(2, 3), 0);
        assert!(l.near(0, 6));
    }

    #[test]
    fn terms_far_apart_do_not_combine() {
        let text = format!("quota{}exceeded", "\nfiller line".repeat(NEAR_LINES + 1));
        let l = Lines::new(&text, &mut 0);
        let quota = vec![(0, 5)];
        let exceeded = vec![(text.len() - 8, text.len())];
        assert_eq!(
            combine(&l, &[quota.clone(), exceeded.clone()], &mut 0),
            None
        );
        // The same words on one line combine.
        let near = "quota exceeded";
        let l = Lines::new(near, &mut 0);
        assert_eq!(
            combine(&l, &[vec![(0, 5)], vec![(6, 14)]], &mut 0),
            Some(vec![(0, 5), (6, 14)])
        );
    }

    #[test]
    fn a_later_anchor_can_find_its_partner() {
        let text = format!("a{}a b", "\n".repeat(NEAR_LINES + 3));
        let l = Lines::new(&text, &mut 0);
        let a = vec![(0, 1), (text.len() - 3, text.len() - 2)];
        let b = vec![(text.len() - 1, text.len())];
        assert_eq!(
            combine(&l, &[a, b], &mut 0),
            Some(vec![
                (text.len() - 3, text.len() - 2),
                (text.len() - 1, text.len())
            ])
        );
    }

    #[test]
    fn one_line_too_long_is_not_near() {
        let text = format!("a{}b", " ".repeat(NEAR_BYTES + 1));
        let l = Lines::new(&text, &mut 0);
        assert_eq!(
            combine(
                &l,
                &[vec![(0, 1)], vec![(text.len() - 1, text.len())]],
                &mut 0
            ),
            None
        );
    }
}
