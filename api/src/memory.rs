//! Hands freed heap memory back to the operating system.
//!
//! Rust's allocations go to mimalloc (the global allocator, `main.rs`); SQLite, a C library,
//! allocates through glibc. Measured against glibc alone (bench/README.md, issue #19):
//! mimalloc took a transactions page from 1 748 to 2 230–2 261 req/s, reading 64 accounts in
//! turn from 15k to 20–22k req/s, and the server's CPU per transfer on PostgreSQL from
//! 0.34–0.36 to 0.28 ms (N=8) and 0.27 to 0.18 ms (N=32); glibc spent a fifth of the
//! server's time in `malloc`/`free` and their arena locks with two arenas, and more memory
//! with more arenas.
//!
//! The price is memory kept per thread. mimalloc purges a thread's freed pages when that
//! thread allocates again, so a thread that built its part of the server while starting and
//! then waits keeps its peak: 63 MiB idle with two workers. Hence [`collect_this_thread`] on
//! the main thread ([`spawn_trimmer`]) and on every actix worker ([`collect_on_worker`]) a
//! moment after start (forced) and every 30 s (idle: 22.7 MiB), and [`tune_allocator`]
//! (commit arena memory as used, purge after 1 ms: the SQLite transfer peak 59–62 MiB
//! instead of 64–69). Threads the server does not run — the SQLite driver's one per pooled
//! connection, Tokio's blocking pool — purge only as they allocate; under load they do.
//!
//! glibc: building the routes and the OpenAPI document at start used to allocate tens of
//! megabytes through it; SQLite's page caches and statements still do. [`release_free_memory`]
//! asks glibc to return every free page of every arena (`malloc_trim(0)`). glibc gives
//! each thread that allocates under contention an arena of its own, up to eight per core,
//! each keeping its own free pages and high-water mark: the SQLite driver's worker threads
//! (one per pooled connection) each grew one, so the server starts with two arenas
//! ([`limit_arenas`]) unless `MALLOC_ARENA_MAX` says otherwise.

use std::time::Duration;

/// Returns glibc's free heap pages (SQLite's allocations) to the operating system; whether
/// any memory was released.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_free_memory() -> bool {
    // SAFETY: `malloc_trim` takes no pointers, only walks glibc's own arenas under their
    // locks, and is documented as safe to call at any time from any thread.
    unsafe { libc::malloc_trim(0) == 1 }
}

/// Hands the free pages of the calling thread's mimalloc heap back to the operating system
/// (`mi_collect`). `force` also walks the heap's full pages and purges the arenas all threads
/// share at once: worth it once after start, too slow for every 30 s on a busy thread
/// (`mi_collect(false)` then frees what is already free and lets purges run when due).
///
/// Why per thread: mimalloc keeps each thread's freed pages in that thread's heap and purges
/// them only when the thread allocates again. A thread that built its part of the server
/// while starting (the main thread, each actix worker building its `App`) and then waits for
/// requests would keep its start-up peak resident: 63 MiB of an idle server with two workers
/// (bench/README.md, issue #19).
#[allow(unsafe_code)]
pub fn collect_this_thread(force: bool) {
    // SAFETY: `mi_collect` takes no pointers and only works on mimalloc's own structures
    // (the calling thread's heap, the shared arenas under their locks).
    unsafe { libmimalloc_sys::mi_collect(force) }
}

/// mimalloc's `mi_option_arena_eager_commit` and `mi_option_purge_delay`: their places in
/// `mi_option_e` of the mimalloc v3 that `libmimalloc-sys` 0.1.49 vendors
/// (`c_src/mimalloc/v3/include/mimalloc.h`); the Rust bindings do not name them. Check them
/// again when that crate is upgraded (the test below reads both back).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tunes mimalloc for a bounded resident size, unless the environment sets the option
/// (`MIMALLOC_ARENA_EAGER_COMMIT` or its old name `MIMALLOC_EAGER_REGION_COMMIT`,
/// `MIMALLOC_PURGE_DELAY` or `MIMALLOC_RESET_DELAY`, in any case, as mimalloc reads them):
/// arena memory is committed as it is used rather than up front, and freed pages are handed
/// back after 1 ms instead of 1 s. Measured (bench/README.md, issue #19): the SQLite transfer
/// peak went from 64–69 MiB to 59–62 MiB with the same throughput (50–52 MiB when the same
/// options come from the environment: mimalloc reserves its first arena before `main`). Call
/// first thing in `main`, before any thread starts (`mi_option_set` is not thread safe).
#[allow(unsafe_code)]
pub fn tune_allocator() {
    for (option, names, value) in TUNED {
        if set_in_env(&names) {
            continue;
        }
        // SAFETY: no other thread exists yet; the option ids are mimalloc's own (above).
        unsafe { libmimalloc_sys::mi_option_set(option, value) };
    }
}

/// The options [`tune_allocator`] sets: id, the environment names that override it (current
/// and old spelling), value.
const TUNED: [(
    libmimalloc_sys::mi_option_t,
    [&str; 2],
    std::os::raw::c_long,
); 2] = [
    (
        MI_OPTION_ARENA_EAGER_COMMIT,
        [
            "MIMALLOC_ARENA_EAGER_COMMIT",
            "MIMALLOC_EAGER_REGION_COMMIT",
        ],
        0,
    ),
    (
        MI_OPTION_PURGE_DELAY,
        ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"],
        1,
    ),
];

/// Whether the environment sets one of `names`, in any case (as mimalloc reads them).
fn set_in_env(names: &[&str]) -> bool {
    std::env::vars_os().any(|(k, _)| {
        k.to_str()
            .is_some_and(|k| names.iter().any(|n| k.eq_ignore_ascii_case(n)))
    })
}

/// For each actix worker: collects its heap once it has built its `App` (forced), then
/// every `every` ([`collect_this_thread`]). Call from the worker's `App` factory; actix may
/// call the factory again on the same worker (another listener, a restarted service), and
/// only the first call on a thread starts the task.
pub fn collect_on_worker(every: Duration) {
    thread_local! {
        static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    actix_web::rt::spawn(async move {
        actix_web::rt::time::sleep(Duration::from_millis(500)).await;
        collect_this_thread(true);
        let mut tick = actix_web::rt::time::interval(every);
        tick.tick().await;
        loop {
            tick.tick().await;
            collect_this_thread(false);
        }
    });
}

/// Returns free heap pages to the operating system (a no-op on this platform).
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_free_memory() -> bool {
    false
}

/// The glibc arenas the server allows when `MALLOC_ARENA_MAX` is not set.
pub const ARENAS: i32 = 2;

/// Caps glibc's arenas at [`ARENAS`], unless the environment sets `MALLOC_ARENA_MAX` (which
/// glibc reads itself). Call first thing in `main`, before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn limit_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    // SAFETY: `mallopt` takes no pointers; M_ARENA_MAX only bounds how many arenas glibc
    // creates from now on, and no other thread exists yet to race with.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, ARENAS);
    }
}

/// Caps the allocator's arenas (a no-op on this platform).
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn limit_arenas() {}

/// Asks the kernel to reclaim the pages of this executable's code and read-only data that
/// this process has touched (`MADV_PAGEOUT`); returns how many bytes were asked about.
///
/// Why: the binary's code is ~40 MB, and starting (building every endpoint's OpenAPI
/// operation, input rules and route table, running migrations) touches ~25 MB of it once;
/// those clean file pages then stayed resident, three quarters of the idle server's RSS
/// (bench/README.md, issue #19). Reclaimed, they are read back from the file on the next
/// access, so the code requests use comes back on its first call and start-up-only code
/// stays out. `MADV_PAGEOUT` never discards data: a page this process wrote (relocations in
/// read-only-after-relocation data) is anonymous and, without swap, stays.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub fn release_startup_code() -> usize {
    let (Ok(exe), Ok(maps)) = (
        std::fs::read_link("/proc/self/exe"),
        std::fs::read_to_string("/proc/self/maps"),
    ) else {
        return 0;
    };
    let Some(exe) = exe.to_str() else {
        return 0;
    };
    let mut asked = 0;
    for line in maps.lines().filter(|l| l.ends_with(exe)) {
        let mut fields = line.split_whitespace();
        let (Some(range), Some(perms)) = (fields.next(), fields.next()) else {
            continue;
        };
        if perms.contains('w') {
            continue;
        }
        let Some((start, end)) = range.split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end)) = (
            usize::from_str_radix(start, 16),
            usize::from_str_radix(end, 16),
        ) else {
            continue;
        };
        let len = end.saturating_sub(start);
        // SAFETY: the range is a whole mapping of this process (page aligned, as the kernel
        // listed it), read-only and backed by the executable; MADV_PAGEOUT is advice that
        // only moves pages out, never changes what the mapping reads.
        let done = unsafe { libc::madvise(start as *mut libc::c_void, len, libc::MADV_PAGEOUT) };
        if done == 0 {
            asked += len;
        }
    }
    asked
}

/// Releases the executable's start-up pages (a no-op on this platform).
#[cfg(not(target_os = "linux"))]
pub fn release_startup_code() -> usize {
    0
}

/// Trims shortly after start (once the workers have built their apps), then every `every`.
/// The first pass after a second also releases the start-up code
/// ([`release_startup_code`]).
pub fn spawn_trimmer(every: Duration) {
    tokio::spawn(async move {
        for delay in [Duration::from_millis(200), Duration::from_secs(1)] {
            tokio::time::sleep(delay).await;
            collect_this_thread(true);
            release_free_memory();
        }
        let code = release_startup_code();
        tracing::debug!(
            bytes = code,
            "start-up code pages handed back to the kernel"
        );
        let mut tick = tokio::time::interval(every);
        tick.tick().await;
        loop {
            tick.tick().await;
            collect_this_thread(false);
            release_free_memory();
        }
    });
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    #[allow(unsafe_code)]
    fn the_allocator_options_set_are_the_ones_read_back() {
        let get = |option| {
            // SAFETY: reads mimalloc's option table only.
            unsafe { libmimalloc_sys::mi_option_get(option) }
        };
        // Options the environment sets are neither mimalloc's defaults nor tuned.
        if TUNED.iter().any(|(_, names, _)| set_in_env(names)) {
            return;
        }
        // mimalloc's defaults identify the options: eager commit "2" (on overcommit
        // systems), purge delay 1 000 ms (v3). Nothing else in this test binary sets them.
        assert_eq!(
            (
                get(MI_OPTION_ARENA_EAGER_COMMIT),
                get(MI_OPTION_PURGE_DELAY)
            ),
            (2, 1000)
        );
        tune_allocator();
        assert_eq!(
            (
                get(MI_OPTION_ARENA_EAGER_COMMIT),
                get(MI_OPTION_PURGE_DELAY)
            ),
            (0, 1)
        );
    }

    #[test]
    fn the_executables_pages_are_handed_back_and_the_code_still_runs() {
        assert!(release_startup_code() > 0);
        // Code and read-only data come back from the file on their next use.
        let words: Vec<String> = ["a", "b"].iter().map(|w| w.repeat(3)).collect();
        assert_eq!(words.join(" "), "aaa bbb");
        assert!(release_startup_code() > 0);
    }
}
