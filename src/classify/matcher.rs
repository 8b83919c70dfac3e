//! A small Aho–Corasick automaton: finds every table phrase in one pass, so
//! matching costs O(input length + hits) whatever the table size, with no
//! backtracking.
//!
//! Phrases are compared with the "key" form of the text (lower-cased, without
//! whitespace and quotes, see `keyform::squeeze`). That form is never built:
//! the scan reads the clean view directly, skips what the key form drops and
//! folds case through its byte-class table, and reports clean-view ranges.

use super::keyform::dropped;

/// How many hits are kept per pattern: the first `MAX_HITS - 1` and the last.
/// Rules only need the first occurrence; entity scanners want a few more and
/// the innermost (last) error code.
pub(crate) const MAX_HITS: usize = 48;

/// Byte class of bytes the key form drops (ASCII whitespace and quotes).
const SKIP: u8 = u8::MAX;

/// The compiled automaton.
pub(crate) struct Automaton {
    /// `classes[b]`: the column of byte `b` in `delta` (0: in no pattern), or
    /// [`SKIP`]. Upper-case ASCII shares the column of its lower case.
    classes: [u8; 256],
    /// Number of columns of `delta`.
    width: usize,
    /// Dense transitions: `delta[state * width + class]` is the next state.
    /// A full table instead of trie edges plus failure links makes each byte
    /// one lookup. 16-bit entries halve the table (about 3 MB instead of 6 MB
    /// for the classifier's phrases): less memory for a module that never
    /// gives memory back, and more of the table in cache, for a multiply by
    /// `width` each byte.
    delta: Vec<u16>,
    /// States from this one on end at least one pattern.
    first_out: usize,
    /// Patterns ending in state `s` (via failure links too): `outs[a..b]`
    /// for `(a, b) = out_range[s - first_out]`.
    out_range: Vec<(u32, u32)>,
    outs: Vec<u32>,
    /// The length of each pattern, by id.
    lens: Vec<usize>,
    /// The pattern id of each entry of the patterns given.
    ids: Vec<u32>,
    /// The longest pattern, in bytes.
    longest: usize,
}

/// Hits of every pattern: for pattern `p`, `spans[p]` holds clean-view byte
/// ranges (first ones, and the last one in the final slot).
pub(crate) struct Hits {
    pub spans: Vec<Vec<(usize, usize)>>,
}

impl Hits {
    /// The first occurrence of pattern `p` as a clean-view byte range.
    pub fn first(&self, p: usize) -> Option<(usize, usize)> {
        self.spans.get(p)?.first().copied()
    }
}

impl Automaton {
    /// Builds the automaton over `patterns`, which must already be in key
    /// form and may repeat. Pattern ids count the distinct patterns in the
    /// order they first appear; [`Automaton::id`] gives the id of each entry
    /// of `patterns`.
    pub fn new(patterns: &[String]) -> Automaton {
        // Byte classes: one column per distinct pattern byte.
        let mut classes = [0u8; 256];
        let mut width = 1usize;
        for b in patterns.iter().flat_map(|p| p.bytes()) {
            let b = b.to_ascii_lowercase();
            if classes[usize::from(b)] == 0 && width < usize::from(SKIP) {
                classes[usize::from(b)] = width as u8;
                width += 1;
            }
        }
        for b in b'A'..=b'Z' {
            classes[usize::from(b)] = classes[usize::from(b.to_ascii_lowercase())];
        }
        for b in 0u8..0x80 {
            if dropped(char::from(b)) {
                classes[usize::from(b)] = SKIP;
            }
        }

        // The trie, as child and sibling links (a state has few children),
        // with the root's children in a row of their own (it has many). A
        // pattern equal to an earlier one ends in a state that already has
        // an owner, so repeats are found here, without comparing strings.
        let trie = Trie::new(patterns, &classes, width);
        let states = trie.owner.len();

        // Breadth-first, each state numbered when it is found: states that
        // end no pattern count up from the root (0), states that end one
        // count down from the last, so the scan tells them apart by one
        // comparison with no second numbering pass. A state's row is its
        // failure state's row (complete, being shallower) with the edges to
        // its children replaced; a child's failure state is the failure
        // row's entry for its byte, and its outputs are its own pattern and
        // its failure state's. The phrase table has far fewer than 65,536
        // states (a test holds it); beyond, numbers would wrap, so the
        // automaton keeps to the states that fit.
        let mut delta = vec![0u16; states * width];
        // By new number: the range of `outs` of each state's patterns.
        let mut out_range = vec![(0u32, 0u32); states];
        let mut outs: Vec<u32> = Vec::new();
        // By trie state: its new number and its failure state's.
        let mut number = vec![0usize; states];
        let mut fail = vec![0usize; states];
        let (mut next_plain, mut next_out) = (1usize, states);
        let mut queue: Vec<u32> = Vec::with_capacity(states);
        queue.push(0);
        let mut head = 0;
        while let Some(&s) = queue.get(head) {
            head += 1;
            let s = s as usize;
            let row = number[s] * width;
            if s != 0 {
                let from = fail[s] * width;
                delta.copy_within(from..from + width, row);
            }
            let mut child = trie.first[s];
            while child != NONE {
                let t = child as usize;
                let col = usize::from(trie.col[t]);
                let f = if s == 0 {
                    0
                } else {
                    usize::from(delta[row + col])
                };
                let (from, to) = out_range[f];
                let own = trie.owner[t];
                let n = if own == NONE && from == to {
                    next_plain += 1;
                    next_plain - 1
                } else {
                    next_out -= 1;
                    let start = outs.len() as u32;
                    if own != NONE {
                        outs.push(own);
                    }
                    outs.extend_from_within(from as usize..to as usize);
                    out_range[next_out] = (start, outs.len() as u32);
                    next_out
                };
                number[t] = n;
                fail[t] = f;
                delta[row + col] = u16::try_from(n).unwrap_or(0);
                queue.push(child);
                child = trie.next_sibling[t];
            }
        }
        out_range.drain(..next_out);
        let longest = trie.lens.iter().copied().max().unwrap_or(0);
        Automaton {
            classes,
            width,
            delta,
            first_out: next_out,
            out_range,
            outs,
            lens: trie.lens,
            ids: trie.ids,
            longest,
        }
    }

    /// The pattern id of `patterns[i]` as given to [`Automaton::new`].
    pub fn id(&self, i: usize) -> usize {
        self.ids.get(i).map_or(usize::MAX, |&p| p as usize)
    }

    /// The number of states (for tests and sizing).
    #[cfg(test)]
    pub fn states(&self) -> usize {
        self.delta.len() / self.width
    }

    /// Scans the key form of `text` (a clean view) once; adds the steps
    /// taken to `work`.
    ///
    /// Long texts are scanned as two halves in one loop: each byte costs a
    /// table lookup that depends on the previous one, and two independent
    /// chains keep the processor busy while the other waits. The second
    /// half starts early enough (`longest` key bytes before the middle) to
    /// be in the same state as a single pass when it reaches the middle,
    /// and keeps only hits that end there or later.
    pub fn scan(&self, text: &str, work: &mut u64) -> Hits {
        /// Below this, one pass: not worth a second ring and hit list.
        const SPLIT_FROM: usize = 1 << 16;
        let mid = if text.len() >= SPLIT_FROM {
            text.len() / 2
        } else {
            text.len()
        };
        self.scan_split(text, mid, work)
    }

    /// [`Automaton::scan`] with the second half starting at `mid` (moved
    /// back to a char boundary); no split if `mid` is the text's length.
    fn scan_split(&self, text: &str, mut mid: usize, work: &mut u64) -> Hits {
        *work += text.len() as u64;
        mid = mid.min(text.len());
        while !text.is_char_boundary(mid) {
            mid -= 1;
        }
        let mut first = self.stream(0, mid, 0, true);
        // Back from the middle over at least `longest` key bytes (no second
        // half without a split).
        let mut start = mid;
        let mut key = if mid == text.len() { self.longest } else { 0 };
        for (p, c) in text.get(..mid).unwrap_or("").char_indices().rev() {
            if key >= self.longest {
                break;
            }
            *work += 1;
            start = p;
            if !dropped(c) {
                key += c.len_utf8();
            }
        }
        let mut second = self.stream(start, text.len(), mid, mid < text.len());
        while first.i < first.end && second.i < second.end {
            self.step(text, &mut first, work);
            self.step(text, &mut second, work);
        }
        for st in [&mut first, &mut second] {
            while st.i < st.end {
                self.step(text, st, work);
            }
        }
        // The second half's kept hits follow the first half's under the same
        // rule (first ones, then the last), which gives what one pass keeps.
        let mut ends = first.ends;
        for (all, later) in ends.iter_mut().zip(second.ends) {
            for end in later {
                keep(all, end);
            }
        }
        let spans = ends
            .iter()
            .zip(&self.lens)
            .map(|(ends, &len)| {
                ends.iter()
                    .map(|&end| (key_start(text, end, len, work), end))
                    .collect()
            })
            .collect();
        Hits { spans }
    }

    /// A stream over `[i, end)`; `used: false` for the absent second half,
    /// which gets no hit lists.
    fn stream(&self, i: usize, end: usize, from: usize, used: bool) -> Stream {
        Stream {
            s: 0,
            i,
            end,
            from,
            ends: vec![Vec::new(); self.lens.len() * usize::from(used)],
        }
    }

    /// Reads the character at `st.i`.
    #[inline(always)]
    fn step(&self, text: &str, st: &mut Stream, work: &mut u64) {
        let bytes = text.as_bytes();
        let i = st.i;
        let Some(&b) = bytes.get(i) else {
            st.i = st.end;
            return;
        };
        if b < 0x80 {
            let class = self.classes[usize::from(b)];
            if class != SKIP {
                self.feed(st, class, i, work);
            }
            st.i = i + 1;
            return;
        }
        self.step_wide(text, st, work);
    }

    /// Reads the multi-byte character at `st.i`: dropped whole (curly
    /// quotes, Unicode spaces) or fed byte by byte like the key form does.
    /// Out of line: rare, and the scan loop stays small.
    #[inline(never)]
    fn step_wide(&self, text: &str, st: &mut Stream, work: &mut u64) {
        let i = st.i;
        match text.get(i..).and_then(|r| r.chars().next()) {
            Some(c) if dropped(c) => st.i = i + c.len_utf8(),
            c => {
                // `None` (not at a char start) cannot happen: `i` only moves
                // by whole chars; feed the byte.
                let end = c.map_or(i + 1, |c| i + c.len_utf8());
                for (j, &b) in text.as_bytes().iter().enumerate().take(end).skip(i) {
                    self.feed(st, self.classes[usize::from(b)], j, work);
                }
                st.i = end;
            }
        }
    }

    /// Feeds the key byte at clean offset `i`, of column `class`.
    #[inline(always)]
    fn feed(&self, st: &mut Stream, class: u8, i: usize, work: &mut u64) {
        st.s = usize::from(self.delta[st.s * self.width + usize::from(class)]);
        if st.s >= self.first_out && i >= st.from {
            self.record(st.s, i, &mut st.ends, work);
        }
    }

    /// Records the patterns that end in state `s` at clean byte `i`. Only
    /// the end is kept: the start is found for the few kept hits after the
    /// scan, which keeps per-byte work to two table lookups.
    #[inline(never)]
    fn record(&self, s: usize, i: usize, ends: &mut [Vec<usize>], work: &mut u64) {
        let (from, to) = self.out_range[s - self.first_out];
        for &p in &self.outs[from as usize..to as usize] {
            *work += 1;
            keep(&mut ends[p as usize], i + 1);
        }
    }
}

/// No state or pattern.
const NONE: u32 = u32::MAX;

/// The trie of the patterns, before failure links.
struct Trie {
    /// The root's child for each column ([`NONE`] if none).
    root: Vec<u32>,
    /// Each state's first child ([`NONE`] if none); the others follow by
    /// `next_sibling`.
    first: Vec<u32>,
    next_sibling: Vec<u32>,
    /// The column of the edge into each state.
    col: Vec<u8>,
    /// The pattern id each state ends ([`NONE`] if none).
    owner: Vec<u32>,
    /// The length of each pattern, by id.
    lens: Vec<usize>,
    /// The pattern id of each pattern given.
    ids: Vec<u32>,
}

impl Trie {
    fn new(patterns: &[String], classes: &[u8; 256], width: usize) -> Trie {
        let bytes: usize = patterns.iter().map(String::len).sum();
        let mut trie = Trie {
            root: vec![NONE; width],
            first: Vec::with_capacity(bytes + 1),
            next_sibling: Vec::with_capacity(bytes + 1),
            col: Vec::with_capacity(bytes + 1),
            owner: Vec::with_capacity(bytes + 1),
            lens: Vec::with_capacity(patterns.len()),
            ids: Vec::with_capacity(patterns.len()),
        };
        trie.add_state(0);
        for p in patterns {
            let mut s = 0usize;
            for &b in p.as_bytes() {
                let col = classes[usize::from(b)];
                s = trie.child(s, col);
            }
            // The empty pattern ends nowhere: an id of its own, no hits.
            let id = match trie.owner[s] {
                own if own != NONE && s != 0 => own,
                _ => {
                    let id = trie.lens.len() as u32;
                    trie.lens.push(p.len());
                    if s != 0 {
                        trie.owner[s] = id;
                    }
                    id
                }
            };
            trie.ids.push(id);
        }
        trie
    }

    fn add_state(&mut self, col: u8) -> u32 {
        let t = self.owner.len() as u32;
        self.first.push(NONE);
        self.next_sibling.push(NONE);
        self.col.push(col);
        self.owner.push(NONE);
        t
    }

    /// The child of `s` by column `col`, added if missing.
    fn child(&mut self, s: usize, col: u8) -> usize {
        if s == 0 {
            let slot = usize::from(col);
            if self.root[slot] == NONE {
                self.root[slot] = self.link(0, col) as u32;
            }
            return self.root[slot] as usize;
        }
        let mut c = self.first[s];
        while c != NONE {
            if self.col[c as usize] == col {
                return c as usize;
            }
            c = self.next_sibling[c as usize];
        }
        self.link(s, col)
    }

    /// Adds a child of `s` by column `col`.
    fn link(&mut self, s: usize, col: u8) -> usize {
        let t = self.add_state(col);
        self.next_sibling[t as usize] = self.first[s];
        self.first[s] = t;
        t as usize
    }
}

/// Where a hit of `len` key bytes that ends at clean offset `end` starts:
/// back over `len` key bytes, skipping what the key form drops.
fn key_start(text: &str, end: usize, len: usize, work: &mut u64) -> usize {
    let mut left = len;
    for (at, c) in text.get(..end).unwrap_or("").char_indices().rev() {
        *work += 1;
        if dropped(c) {
            continue;
        }
        left = left.saturating_sub(c.len_utf8());
        if left == 0 {
            return at;
        }
    }
    0
}

/// One pass of the automaton over `[i, end)` of the text.
struct Stream {
    /// Current state.
    s: usize,
    i: usize,
    end: usize,
    /// Hits ending before this offset belong to the previous stream.
    from: usize,
    /// Kept hits of each pattern, as clean-view end offsets.
    ends: Vec<Vec<usize>>,
}

/// Appends a hit: the first `MAX_HITS - 1` stay, the last slot holds the
/// latest.
fn keep(v: &mut Vec<usize>, end: usize) {
    if v.len() < MAX_HITS {
        v.push(end);
    } else if let Some(last) = v.last_mut() {
        *last = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_overlapping_patterns() {
        let pats: Vec<String> = ["he", "she", "his", "hers"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let a = Automaton::new(&pats);
        let mut w = 0;
        let h = a.scan("ushers", &mut w);
        assert_eq!(h.spans[0], vec![(2, 4)]);
        assert_eq!(h.spans[1], vec![(1, 4)]);
        assert!(h.spans[2].is_empty());
        assert_eq!(h.spans[3], vec![(2, 6)]);
        assert!(w <= 3 * 6 + 10);
    }

    #[test]
    fn repeated_patterns_share_an_id() {
        let pats: Vec<String> = ["he", "she", "he", "", "hers", "she", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let a = Automaton::new(&pats);
        let ids: Vec<usize> = (0..pats.len()).map(|i| a.id(i)).collect();
        assert_eq!(ids, [0, 1, 0, 2, 3, 1, 4]);
        assert_eq!(a.id(pats.len()), usize::MAX);
        let h = a.scan("ushers", &mut 0);
        assert_eq!(
            h.spans,
            [vec![(2, 4)], vec![(1, 4)], vec![], vec![(2, 6)], vec![]]
        );
    }

    #[test]
    fn split_scan_equals_one_pass() {
        let pats: Vec<String> = ["ab", "b", "abcab", "c"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let a = Automaton::new(&pats);
        let mut text = String::new();
        for n in 0..120 {
            text.push_str(["a b", "\"c\"", "ab’cab", "é", "AB", "  "][n % 6]);
        }
        let mut w = 0;
        let one = a.scan_split(&text, text.len(), &mut w).spans;
        assert!(one.iter().any(|v| v.len() == MAX_HITS));
        for mid in 0..=text.len() {
            assert_eq!(
                a.scan_split(&text, mid, &mut w).spans,
                one,
                "split at {mid}"
            );
        }
    }

    #[test]
    fn skips_what_the_key_form_drops() {
        let pats: Vec<String> = ["resourcegroup", "é"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let a = Automaton::new(&pats);
        let mut w = 0;
        let text = "a Resource \u{2018}Gr\"oup\u{2019} é";
        let h = a.scan(text, &mut w);
        assert_eq!(h.spans[0], vec![(2, 20)]);
        assert_eq!(&text[2..20], "Resource \u{2018}Gr\"oup");
        assert_eq!(h.spans[1], vec![(24, 26)]);
    }
}

/// The automaton against the `aho-corasick` crate over the real phrase table
/// and random texts: the same hits of every pattern, at the same clean-view
/// ranges, kept by the same rule (the first `MAX_HITS - 1`, then the last).
/// Native only: the references are native dev-dependencies.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod reference {
    use super::*;
    use crate::classify::keyform::squeeze;
    use crate::classify::markers::MARKERS;
    use crate::classify::rules::{Term, DOMAIN_MARKERS, RULES};
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// Every phrase the classifier matches, in key form, each once.
    fn table() -> &'static (Vec<String>, Automaton, aho_corasick::AhoCorasick) {
        static TABLE: OnceLock<(Vec<String>, Automaton, aho_corasick::AhoCorasick)> =
            OnceLock::new();
        TABLE.get_or_init(|| {
            let phrases = RULES
                .iter()
                .flat_map(|r| {
                    r.signals
                        .iter()
                        .flat_map(|s| s.all.iter().chain(s.none))
                        .chain(r.negative)
                })
                .flat_map(|t| match t {
                    Term::Phrase(p) => std::slice::from_ref(p),
                    Term::Any(alts) => alts,
                    Term::Code(_) | Term::Innermost(_) => &[],
                })
                .copied()
                .chain(MARKERS.iter().map(|m| m.text))
                .chain(DOMAIN_MARKERS.iter().copied())
                .chain(crate::classify::lexicon::terms());
            let mut patterns: Vec<String> = Vec::new();
            for p in phrases.map(squeeze) {
                if !patterns.contains(&p) {
                    patterns.push(p);
                }
            }
            let automaton = Automaton::new(&patterns);
            let ac = aho_corasick::AhoCorasick::new(&patterns).expect("the table compiles");
            (patterns, automaton, ac)
        })
    }

    /// What `scan` should report: the key form built, searched by
    /// `aho-corasick` for every overlapping match, each mapped back to the
    /// clean view.
    fn expected(text: &str) -> Vec<Vec<(usize, usize)>> {
        let (patterns, _, ac) = table();
        let mut key = Vec::new();
        // The clean-view offset of each key byte.
        let mut at = Vec::new();
        for (i, c) in text.char_indices().filter(|&(_, c)| !dropped(c)) {
            let mut buf = [0u8; 4];
            for (j, &b) in c
                .to_ascii_lowercase()
                .encode_utf8(&mut buf)
                .as_bytes()
                .iter()
                .enumerate()
            {
                key.push(b);
                at.push(i + j);
            }
        }
        let mut ends: Vec<Vec<usize>> = vec![Vec::new(); patterns.len()];
        let mut starts: Vec<Vec<usize>> = vec![Vec::new(); patterns.len()];
        for m in ac.find_overlapping_iter(&key) {
            let p = m.pattern().as_usize();
            let (start, end) = (at[m.start()], at[m.end() - 1] + 1);
            if ends[p].len() < MAX_HITS {
                ends[p].push(end);
                starts[p].push(start);
            } else {
                ends[p][MAX_HITS - 1] = end;
                starts[p][MAX_HITS - 1] = start;
            }
        }
        starts
            .into_iter()
            .zip(ends)
            .map(|(s, e)| s.into_iter().zip(e).collect())
            .collect()
    }

    /// Text pieces: parts of real phrases (so hits happen, overlap and repeat),
    /// what the key form drops, case changes and characters outside ASCII.
    fn piece() -> impl Strategy<Value = String> {
        let phrase = (
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            1usize..40,
        )
            .prop_map(|(p, from, len)| {
                let (patterns, _, _) = table();
                let p = &patterns[p.index(patterns.len())];
                let chars: Vec<char> = p.chars().collect();
                let from = from.index(chars.len());
                chars[from..(from + len).min(chars.len())]
                    .iter()
                    .collect::<String>()
            });
        let whole = any::<prop::sample::Index>().prop_map(|p| {
            let (patterns, _, _) = table();
            patterns[p.index(patterns.len())].clone()
        });
        prop_oneof![
            4 => phrase,
            4 => whole,
            2 => prop::sample::select(vec![
                " ", "\n", "\t", "\"", "'", "`", "\u{2018}", "\u{201C}", "\u{00AB}", "\u{300C}",
                "\u{FF02}", "\u{3000}", "\u{85}", "\\\"", "é", "İ", "ß", "€", "𝄞", "K",
            ])
            .prop_map(str::to_owned),
            1 => "[ -~]{0,8}",
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        (prop::collection::vec(piece(), 0..60), any::<u64>()).prop_map(|(pieces, case)| {
            // Upper-case some pieces: the key form folds ASCII case.
            pieces
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    if case >> (i % 64) & 1 == 1 {
                        p.to_uppercase()
                    } else {
                        p.clone()
                    }
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn hits_agree_with_aho_corasick(text in text()) {
            let (_, automaton, _) = table();
            let mut work = 0;
            let hits = automaton.scan(&text, &mut work).spans;
            prop_assert_eq!(hits, expected(&text));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Texts long enough to be scanned as two halves, with repeated hits
        /// past `MAX_HITS`.
        #[test]
        fn long_texts_agree_with_aho_corasick(
            text in text().prop_filter("some text", |t| !t.is_empty()),
            mid in any::<prop::sample::Index>(),
        ) {
            let (_, automaton, _) = table();
            let mut long = String::new();
            while long.len() < 1 << 16 {
                long.push_str(&text);
            }
            let mut work = 0;
            let split = mid.index(long.len() + 1);
            prop_assert_eq!(automaton.scan_split(&long, split, &mut work).spans, expected(&long));
        }
    }

    #[test]
    fn the_table_has_no_empty_phrase_and_the_reference_finds_hits() {
        let (patterns, automaton, _) = table();
        assert!(patterns.len() > 100, "{}", patterns.len());
        // Not vacuous: every phrase, written with spaces and in upper case, is found.
        for (i, p) in patterns.iter().enumerate() {
            assert!(!p.is_empty());
            let text = format!("x {} y", p.to_ascii_uppercase().replace('a', "a "));
            let want = expected(&text);
            assert!(!want[i].is_empty(), "{p}");
            assert_eq!(automaton.scan(&text, &mut 0).spans, want, "{p}");
        }
    }
}
