//! Hands freed heap memory back to the operating system.
//!
//! Building the routes and the OpenAPI document at start allocates tens of megabytes of
//! short-lived data on several threads (each actix worker builds its own `App`). glibc's
//! allocator keeps freed pages mapped in per-thread arenas, so a server that has finished
//! starting would stay resident at its start-up peak. [`release_free_memory`] asks glibc to
//! return every free page of every arena (`malloc_trim(0)`); the server calls it once its
//! workers are up and then now and then while it runs ([`spawn_trimmer`]). On other
//! platforms and allocators it does nothing.

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
