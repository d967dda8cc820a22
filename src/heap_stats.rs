//! The kiosk's own heap, counted apart from the graphics driver's: a global allocator
//! that counts every Rust allocation, plus what SQLite holds. Only in a build with
//! the `heap-stats` feature (`scripts/bench-memory.sh` makes one); the normal build
//! uses the system allocator untouched.
//!
//! The GL driver allocates through C's `malloc`, never through Rust's allocator, so
//! these counters leave it out. With `WELKOM_HEAP_REPORT` set to a file path, a
//! thread rewrites that file twice a second, so a script outside the process reads
//! the figures while the kiosk shows its screen.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The environment variable naming the file the figures are written to.
pub const REPORT_VARIABLE: &str = "WELKOM_HEAP_REPORT";

/// The system allocator, counting live and peak bytes.
pub struct CountingAllocator;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

fn shrank(bytes: usize) {
    LIVE.fetch_sub(bytes, Ordering::Relaxed);
}

// SAFETY: every call is passed on unchanged to the system allocator; the counters
// only observe sizes.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout is passed on as given.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout is passed on as given.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the pointer came from this allocator with this layout.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the pointer came from this allocator with this layout.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        new
    }
}

/// The figures at one moment, in bytes.
#[derive(Clone, Copy, Debug)]
pub struct HeapFigures {
    /// Rust allocations alive now.
    pub rust_live: usize,
    /// The most Rust allocations were alive at once since the start.
    pub rust_peak: usize,
    /// What SQLite's allocator holds now (page caches, statements).
    pub sqlite_live: i64,
    /// SQLite's high-water mark.
    pub sqlite_peak: i64,
    /// Everything C's `malloc` has handed out and not taken back: the Rust
    /// allocations above (the system allocator is `malloc`), SQLite's, and the
    /// graphics driver's and windowing libraries'. Zero where it cannot be read.
    pub malloc_in_use: usize,
}

/// Bytes in use by `malloc`: small blocks plus blocks in their own mappings.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn malloc_in_use() -> usize {
    let info = crate::heap_tuning::malloc_statistics();
    info.uordblks + info.hblkhd
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn malloc_in_use() -> usize {
    0
}

/// The figures now.
pub fn figures() -> HeapFigures {
    // SAFETY: both calls only read SQLite's global counters.
    let (sqlite_live, sqlite_peak) = unsafe {
        (
            rusqlite::ffi::sqlite3_memory_used(),
            rusqlite::ffi::sqlite3_memory_highwater(0),
        )
    };
    HeapFigures {
        rust_live: LIVE.load(Ordering::Relaxed),
        rust_peak: PEAK.load(Ordering::Relaxed),
        sqlite_live,
        sqlite_peak,
        malloc_in_use: malloc_in_use(),
    }
}

/// Starts the thread that writes the figures to the file named by
/// [`REPORT_VARIABLE`], when it is set.
pub fn start_reporter() {
    let Some(path) = std::env::var_os(REPORT_VARIABLE) else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    let spawned = std::thread::Builder::new()
        .name("heap-stats".into())
        .spawn(move || {
            let tmp = path.with_extension("tmp");
            loop {
                let f = figures();
                let text = format!(
                    "rust_live {}\nrust_peak {}\nsqlite_live {}\nsqlite_peak {}\nmalloc_in_use {}\n",
                    f.rust_live, f.rust_peak, f.sqlite_live, f.sqlite_peak, f.malloc_in_use
                );
                if std::fs::write(&tmp, text).is_ok() {
                    let _ = std::fs::rename(&tmp, &path);
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "the heap report thread could not start");
    }
}
