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

/// The standard library's sorts as the reference, on random lists. Native
/// only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{sort_short_by, sort_spans};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Small offsets make ties and runs common.
        #[test]
        fn sorts_spans_as_sort_unstable_does(
            v in prop::collection::vec((0usize..40, 0usize..6), 0..300),
        ) {
            let mut want = v.clone();
            want.sort_unstable();
            let mut got = v;
            sort_spans(&mut got);
            prop_assert_eq!(got, want);
        }

        /// Pairs compared by their first item only: equal keys must keep their
        /// order, as the standard stable sort keeps it.
        #[test]
        fn sorts_as_the_standard_stable_sort_does(
            keys in prop::collection::vec(0u8..12, 0..200),
            descending in any::<bool>(),
        ) {
            let v: Vec<(u8, usize)> = keys.into_iter().zip(0..).collect();
            let cmp = |a: &(u8, usize), b: &(u8, usize)| {
                if descending { b.0.cmp(&a.0) } else { a.0.cmp(&b.0) }
            };
            let mut want = v.clone();
            want.sort_by(cmp);
            let mut got = v;
            sort_short_by(&mut got, cmp);
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn sorts_long_runs_in_order_and_reversed() {
        for v in [
            (0..1000).map(|i| (i, 0)).collect::<Vec<(usize, usize)>>(),
            (0..1000).rev().map(|i| (i, i % 3)).collect(),
        ] {
            let mut want = v.clone();
            want.sort_unstable();
            let mut got = v;
            sort_spans(&mut got);
            assert_eq!(got, want);
        }
    }
}
