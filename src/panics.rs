//! Panics in threads that handle input from the network or files: a feed parser or an HTML
//! converter that panics on one feed must cost that feed, not the reader. Work run through
//! [`catching`] has its panic turned into a message for its caller; the reader's panic hook
//! leaves such panics alone ([`is_caught`]) and ends the process on any other.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Work under way inside [`catching`], on any thread. A panic may happen on a thread of the
/// parallel pool working for it, which then hands it over: the whole process is asked.
static CATCHING: AtomicUsize = AtomicUsize::new(0);

/// Runs `work`; a panic inside it comes back as its message instead of unwinding further.
pub fn catching<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    CATCHING.fetch_add(1, Ordering::SeqCst);
    let result = catch_unwind(AssertUnwindSafe(work));
    CATCHING.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|payload| message(payload.as_ref()))
}

/// True while some work runs whose panic its caller reports.
pub fn is_caught() -> bool {
    CATCHING.load(Ordering::SeqCst) > 0
}

/// What a panic said.
fn message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown failure".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_comes_back_as_its_message_and_the_thread_goes_on() {
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let failed = catching(|| -> u32 { panic!("overflow when adding duration to instant") });
        let formatted = catching(|| -> u32 { panic!("item {} of {}", 3, 5) });
        std::panic::set_hook(quiet);
        assert_eq!(
            failed,
            Err("overflow when adding duration to instant".to_owned())
        );
        assert_eq!(formatted, Err("item 3 of 5".to_owned()));
        assert_eq!(catching(|| 7), Ok(7));
    }
}
