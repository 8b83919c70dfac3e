//! A small Aho–Corasick automaton: finds every table phrase in one pass over
//! the key view, so matching costs O(input length + hits) whatever the table
//! size, with no backtracking.

/// How many hits are kept per pattern: the first `MAX_HITS - 1` and the last.
/// Rules only need the first occurrence; entity scanners want a few more and
/// the innermost (last) error code.
pub(crate) const MAX_HITS: usize = 48;

struct State {
    /// Sorted by byte.
    next: Vec<(u8, u32)>,
    fail: u32,
    /// Pattern ids that end in this state, including via failure links.
    out: Vec<u32>,
}

/// The compiled automaton.
pub(crate) struct Automaton {
    states: Vec<State>,
    lens: Vec<usize>,
}

/// Hits of every pattern: for pattern `p`, `hits[p]` holds start offsets in
/// the searched text (first ones, and the last one in the final slot).
pub(crate) struct Hits {
    pub starts: Vec<Vec<usize>>,
}

impl Hits {
    /// The first occurrence of pattern `p` as a byte range, if any.
    pub fn first(&self, p: usize, lens: &Automaton) -> Option<(usize, usize)> {
        let s = *self.starts.get(p)?.first()?;
        Some((s, s + lens.len(p)))
    }
}

impl Automaton {
    /// Builds the automaton; pattern ids are indices into `patterns`.
    pub fn new(patterns: &[String]) -> Automaton {
        let mut states = vec![State {
            next: Vec::new(),
            fail: 0,
            out: Vec::new(),
        }];
        for (pid, p) in patterns.iter().enumerate() {
            let mut s = 0usize;
            for &b in p.as_bytes() {
                s = match find(&states[s].next, b) {
                    Some(t) => t as usize,
                    None => {
                        let t = states.len();
                        states.push(State {
                            next: Vec::new(),
                            fail: 0,
                            out: Vec::new(),
                        });
                        let next = &mut states[s].next;
                        let at = next.partition_point(|&(c, _)| c < b);
                        next.insert(at, (b, t as u32));
                        t
                    }
                };
            }
            if !p.is_empty() {
                states[s].out.push(pid as u32);
            }
        }
        // Breadth-first failure links.
        let mut queue = std::collections::VecDeque::new();
        let root_children: Vec<u32> = states[0].next.iter().map(|&(_, t)| t).collect();
        for t in root_children {
            states[t as usize].fail = 0;
            queue.push_back(t as usize);
        }
        while let Some(s) = queue.pop_front() {
            let edges = states[s].next.clone();
            for (b, t) in edges {
                let mut f = states[s].fail as usize;
                let target = loop {
                    if let Some(x) = find(&states[f].next, b) {
                        break x as usize;
                    }
                    if f == 0 {
                        break 0;
                    }
                    f = states[f].fail as usize;
                };
                let t = t as usize;
                let target = if target == t { 0 } else { target };
                states[t].fail = target as u32;
                let inherited = states[target].out.clone();
                states[t].out.extend(inherited);
                queue.push_back(t);
            }
        }
        Automaton {
            states,
            lens: patterns.iter().map(String::len).collect(),
        }
    }

    /// The byte length of pattern `p`.
    pub fn len(&self, p: usize) -> usize {
        self.lens.get(p).copied().unwrap_or(0)
    }

    /// Scans `text` once; adds the steps taken to `work`.
    pub fn scan(&self, text: &[u8], work: &mut u64) -> Hits {
        let mut starts: Vec<Vec<usize>> = vec![Vec::new(); self.lens.len()];
        let mut s = 0usize;
        for (i, &b) in text.iter().enumerate() {
            loop {
                *work += 1;
                if let Some(t) = find(&self.states[s].next, b) {
                    s = t as usize;
                    break;
                }
                if s == 0 {
                    break;
                }
                s = self.states[s].fail as usize;
            }
            for &p in &self.states[s].out {
                *work += 1;
                let p = p as usize;
                let start = i + 1 - self.lens[p];
                let v = &mut starts[p];
                if v.len() < MAX_HITS {
                    v.push(start);
                } else if let Some(last) = v.last_mut() {
                    *last = start;
                }
            }
        }
        Hits { starts }
    }
}

fn find(next: &[(u8, u32)], b: u8) -> Option<u32> {
    next.binary_search_by_key(&b, |&(c, _)| c)
        .ok()
        .map(|i| next[i].1)
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
        let h = a.scan(b"ushers", &mut w);
        assert_eq!(h.starts[0], vec![2]);
        assert_eq!(h.starts[1], vec![1]);
        assert!(h.starts[2].is_empty());
        assert_eq!(h.starts[3], vec![2]);
        assert!(w <= 3 * 6 + 10);
    }
}
