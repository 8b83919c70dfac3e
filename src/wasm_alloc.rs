//! The WebAssembly modules' allocator: power-of-two size classes with a free list each, in
//! front of the standard allocator (dlmalloc).
//!
//! One render makes and frees a few hundred small blocks (every string of the typed objects,
//! of their trees, every vector); Node's sampling profiler put a quarter of `preview`'s time
//! in dlmalloc. Here a small allocation pops a free list or bumps a pointer, and a free pushes
//! the block back: `preview` and `render` measured 4–8% faster. Blocks of at most [`MAX_SMALL`] bytes are carved from chunks taken from
//! dlmalloc and kept for reuse by their class (a page's peak use of small blocks stays
//! reserved); anything larger, and every chunk, is dlmalloc's.
//!
//! wasm32 without the atomics feature has one thread, so the state needs no lock.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr;

/// The smallest block: room for the free list's link, and the alignment of any class.
const MIN_SMALL: usize = 16;
/// The largest block with a class; larger ones go to dlmalloc directly.
const MAX_SMALL: usize = 4096;
/// Classes 16, 32, …, 4096 bytes.
const CLASSES: usize = (MAX_SMALL / MIN_SMALL).trailing_zeros() as usize + 1;
/// What a class takes from dlmalloc at once; a multiple of every class and aligned to the
/// largest, so each block is aligned to its own size.
const CHUNK: usize = 8 * MAX_SMALL;

struct State {
    /// Head of each class's free list (each free block holds the next one's address).
    free: [*mut u8; CLASSES],
    /// Each class's unused rest of its current chunk: next block and end.
    bump: [(usize, usize); CLASSES],
}

/// The allocator: see the module docs.
pub struct SizeClasses {
    state: UnsafeCell<State>,
}

// SAFETY: wasm32-unknown-unknown without atomics runs one thread; nothing else can reach it.
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    /// An allocator with empty free lists.
    pub const fn new() -> Self {
        SizeClasses {
            state: UnsafeCell::new(State {
                free: [ptr::null_mut(); CLASSES],
                bump: [(0, 0); CLASSES],
            }),
        }
    }
}

impl Default for SizeClasses {
    fn default() -> Self {
        Self::new()
    }
}

/// The class of a layout: its size rounded up to a power of two of at least its alignment.
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(MIN_SMALL);
    if size > MAX_SMALL {
        return None;
    }
    Some((size.next_power_of_two() / MIN_SMALL).trailing_zeros() as usize)
}

// SAFETY: blocks handed out are `MIN_SMALL << class` bytes, aligned to that size (chunks are
// aligned to `MAX_SMALL` and carved in steps of the block size), which covers the layout's
// size and alignment; a block is on at most one free list, and only after `dealloc`.
unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout) else {
            return System.alloc(layout);
        };
        let state = &mut *self.state.get();
        let head = state.free[c];
        if !head.is_null() {
            state.free[c] = head.cast::<*mut u8>().read();
            return head;
        }
        let block = MIN_SMALL << c;
        let (next, end) = state.bump[c];
        if next + block <= end {
            state.bump[c] = (next + block, end);
            return next as *mut u8;
        }
        let chunk = System.alloc(Layout::from_size_align_unchecked(CHUNK, MAX_SMALL));
        if chunk.is_null() {
            return chunk;
        }
        let start = chunk as usize;
        state.bump[c] = (start + block, start + CHUNK);
        chunk
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(c) = class(layout) else {
            return System.dealloc(ptr, layout);
        };
        let state = &mut *self.state.get();
        ptr.cast::<*mut u8>().write(state.free[c]);
        state.free[c] = ptr;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        match (class(layout), class(new_layout)) {
            // The block already has room: a vector growing within its class stays put.
            (Some(old), Some(new)) if old == new => ptr,
            (None, None) => System.realloc(ptr, layout, new_size),
            _ => {
                let new_ptr = self.alloc(new_layout);
                if !new_ptr.is_null() {
                    ptr::copy_nonoverlapping(ptr, new_ptr, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                new_ptr
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_cover_size_and_alignment() {
        let l = |size, align| Layout::from_size_align(size, align).expect("layout");
        assert_eq!(class(l(1, 1)), Some(0));
        assert_eq!(class(l(16, 8)), Some(0));
        assert_eq!(class(l(17, 1)), Some(1));
        assert_eq!(class(l(8, 64)), Some(2));
        assert_eq!(class(l(4096, 1)), Some(CLASSES - 1));
        assert_eq!(class(l(4097, 1)), None);
        assert_eq!(CHUNK % MAX_SMALL, 0);
    }

    #[test]
    fn blocks_are_aligned_distinct_and_reused() {
        let a = SizeClasses::new();
        let mut blocks = Vec::new();
        unsafe {
            for size in [1, 15, 16, 17, 100, 1000, 4096, 5000, 70_000] {
                for align in [1, 8, 64] {
                    let layout = Layout::from_size_align(size, align).expect("layout");
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "{size} {align}");
                    ptr::write_bytes(p, 0xAB, size);
                    blocks.push((p, layout));
                }
            }
            // Many blocks of one class: they spill over several chunks without overlapping.
            for _ in 0..3000 {
                let layout = Layout::from_size_align(24, 8).expect("layout");
                let p = a.alloc(layout);
                ptr::write_bytes(p, 0xCD, 24);
                blocks.push((p, layout));
            }
            let mut spans: Vec<(usize, usize)> = blocks
                .iter()
                .map(|&(p, l)| (p as usize, p as usize + l.size()))
                .collect();
            spans.sort_unstable();
            assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "blocks overlap");
            let (p, layout) = blocks[0];
            a.dealloc(p, layout);
            assert_eq!(a.alloc(layout), p, "a freed block is reused first");
            // Growing within the class keeps the block and its bytes; past it, moves them.
            let l = Layout::from_size_align(20, 1).expect("layout");
            let q = a.alloc(l);
            ptr::write_bytes(q, 7, 20);
            assert_eq!(a.realloc(q, l, 32), q);
            let r = a.realloc(q, Layout::from_size_align(32, 1).expect("layout"), 100);
            assert_ne!(r, q);
            assert!((0..20).all(|i| *r.add(i) == 7));
            a.dealloc(r, Layout::from_size_align(100, 1).expect("layout"));
            for (p, layout) in blocks.into_iter().skip(1) {
                a.dealloc(p, layout);
            }
        }
    }
}
