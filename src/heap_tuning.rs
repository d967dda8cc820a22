//! Gives large freed buffers back to the system at once.
//!
//! glibc's `malloc` serves a large block from a mapping of its own, and returns it
//! when freed, until a large block is freed: then it raises that threshold (up to
//! 32 MB) and serves later large blocks from the heap, which it seldom shrinks. The
//! kiosk's start makes a few such blocks and frees them (the font atlas as it grows
//! and its copies for the driver, the driver's own staging buffers), so the heap
//! kept about 20 MB nobody used on the welcome screen. A fixed threshold keeps
//! those blocks in their own mappings: freed, they leave the process.

/// glibc's `struct mallinfo2`: what `malloc` holds.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[repr(C)]
pub struct MallInfo2 {
    /// Bytes the heap took from the system.
    pub arena: usize,
    /// Free chunks.
    pub ordblks: usize,
    /// Free fast-bin blocks.
    pub smblks: usize,
    /// Blocks in their own mappings.
    pub hblks: usize,
    /// Bytes in blocks in their own mappings.
    pub hblkhd: usize,
    /// Unused (always 0).
    pub usmblks: usize,
    /// Bytes in free fast-bin blocks.
    pub fsmblks: usize,
    /// Bytes in use on the heap.
    pub uordblks: usize,
    /// Bytes free on the heap.
    pub fordblks: usize,
    /// Bytes the heap could give back at its top.
    pub keepcost: usize,
}

/// `malloc`'s statistics now (glibc only).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn malloc_statistics() -> MallInfo2 {
    unsafe extern "C" {
        fn mallinfo2() -> MallInfo2;
    }
    // SAFETY: mallinfo2 only reads the allocator's statistics.
    unsafe { mallinfo2() }
}

/// Blocks this large or larger get a mapping of their own, and leave the process when
/// freed. Every frame's small allocations stay on the heap.
pub const OWN_MAPPING_FROM: usize = 1024 * 1024;

/// Fixes `malloc`'s threshold for own mappings at [`OWN_MAPPING_FROM`] (glibc only;
/// elsewhere nothing changes). Whether it was applied.
pub fn keep_large_blocks_apart() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        /// glibc's `M_MMAP_THRESHOLD`.
        const M_MMAP_THRESHOLD: i32 = -3;
        unsafe extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        // SAFETY: mallopt only changes the allocator's settings; the value fits.
        unsafe { mallopt(M_MMAP_THRESHOLD, OWN_MAPPING_FROM as i32) == 1 }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    fn mapped_bytes() -> usize {
        malloc_statistics().hblkhd
    }

    #[test]
    fn a_large_block_freed_after_another_still_gets_its_own_mapping() {
        assert!(keep_large_blocks_apart());
        // Freeing a large block would raise glibc's own threshold past the next one.
        drop(std::hint::black_box(vec![1u8; 3 * OWN_MAPPING_FROM]));
        let before = mapped_bytes();
        let block = std::hint::black_box(vec![1u8; 2 * OWN_MAPPING_FROM]);
        let during = mapped_bytes();
        drop(block);
        assert!(
            during >= before + 2 * OWN_MAPPING_FROM,
            "a 2 MB block came from the heap ({before} → {during} bytes mapped)"
        );
    }
}
