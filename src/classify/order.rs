//! The classifier's sorts, small in the wasm module: the standard library's sorts
//! bring several KB of code for each type and closure they are used with (the
//! stable one more than the unstable one). Spans (pairs of offsets) go through
//! one heapsort; short lists through an insertion sort, a few dozen bytes a use.

use std::cmp::Ordering;

/// Sorts `v` by `cmp` as `slice::sort_by` does (stable). Quadratic: for lists
/// of at most a few hundred items.
pub(crate) fn sort_short_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts spans (or any pairs of offsets) in ascending order, as
/// `sort_unstable` does: pairs that compare equal are equal. A heapsort:
/// O(n log n) for any input, in place.
pub(crate) fn sort_spans(v: &mut [(usize, usize)]) {
    for root in (0..v.len() / 2).rev() {
        sift_down(v, root, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Moves `v[root]` down the max-heap held in `v[..end]` to its place.
fn sift_down(v: &mut [(usize, usize)], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v[child] < v[child + 1] {
            child += 1;
        }
        if v[root] >= v[child] {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::{sort_short_by, sort_spans};

    #[test]
    fn sorts_spans_as_sort_unstable_does() {
        for n in [0, 1, 2, 3, 7, 48, 49, 1000] {
            // Repeats, runs in order and in reverse.
            let v: Vec<(usize, usize)> = (0..n)
                .map(|i: usize| ((i * 7919) % 97, (n - i) % 5))
                .chain((0..n / 3).map(|i| (i, i)))
                .chain((0..n / 3).rev().map(|i| (i, 0)))
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            let mut got = v;
            sort_spans(&mut got);
            assert_eq!(got, want, "{n} pairs");
        }
    }

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        // Pairs sorted by their first item only: ties keep their order.
        let v: Vec<(u8, usize)> = (0..200).map(|i| ((i * 37 % 11) as u8, i)).collect();
        let mut want = v.clone();
        want.sort_by_key(|x| std::cmp::Reverse(x.0));
        let mut got = v;
        sort_short_by(&mut got, |a, b| b.0.cmp(&a.0));
        assert_eq!(got, want);
        let mut empty: Vec<u8> = Vec::new();
        sort_short_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }
}
