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
//! grew one: the server peaked at 137–156 MiB on SQLite at 32 concurrent transfers. Two
//! arenas ([`limit_arenas`]) kept the same load at 56–61 MiB with no loss of throughput
//! (bench/README.md, issue #19), so the server starts with that unless `MALLOC_ARENA_MAX`
//! says otherwise.

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

/// Trims shortly after start (once the workers have built their apps), then every `every`.
pub fn spawn_trimmer(every: Duration) {
    tokio::spawn(async move {
        for delay in [Duration::from_millis(200), Duration::from_secs(1)] {
            tokio::time::sleep(delay).await;
            release_free_memory();
        }
        let mut tick = tokio::time::interval(every);
        tick.tick().await;
        loop {
            tick.tick().await;
            release_free_memory();
        }
    });
}
