//! Hands freed heap memory back to the operating system.
//!
//! Building the routes and the OpenAPI document at start allocates tens of megabytes of
//! short-lived data on several threads (each actix worker builds its own `App`). glibc's
//! allocator keeps freed pages mapped in per-thread arenas, so a server that has finished
//! starting would stay resident at its start-up peak. [`release_free_memory`] asks glibc to
//! return every free page of every arena (`malloc_trim(0)`); the server calls it once its
//! workers are up and then now and then while it runs ([`spawn_trimmer`]). On other
//! platforms and allocators it does nothing.
//!
//! glibc also gives each thread that allocates under contention an arena of its own, up to
//! eight per core; every arena keeps its own free pages and high-water mark. Under load the
//! SQLite driver's worker threads (one per pooled connection) and the actix workers each
//! grew one. At 32 concurrent transfers on SQLite two arenas ([`limit_arenas`]) took the
//! peak from 137–156 to 111 MiB with a 32-connection pool, and from 64 to 56–61 MiB with
//! the default pool, with no loss of throughput (bench/README.md, issue #19), so the server
//! starts with two unless `MALLOC_ARENA_MAX` says otherwise.

use std::time::Duration;

/// Returns free heap pages to the operating system; whether any memory was released.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_free_memory() -> bool {
    // SAFETY: `malloc_trim` takes no pointers, only walks glibc's own arenas under their
    // locks, and is documented as safe to call at any time from any thread.
    unsafe { libc::malloc_trim(0) == 1 }
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
            release_free_memory();
        }
    });
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn the_executables_pages_are_handed_back_and_the_code_still_runs() {
        assert!(release_startup_code() > 0);
        // Code and read-only data come back from the file on their next use.
        let words: Vec<String> = ["a", "b"].iter().map(|w| w.repeat(3)).collect();
        assert_eq!(words.join(" "), "aaa bbb");
        assert!(release_startup_code() > 0);
    }
}
