//! Terminal set-up and restore. Whatever way the reader ends (quit, error, panic) the terminal
//! gets back its cooked mode, main screen, cursor, mouse and bidi mode.

use std::io::{self, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::bidi_mode::{self, Host};

/// Whether the terminal is in the reader's modes, so restoring twice does nothing.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether set-up switched the terminal's bidi mode, so restore switches it back.
static BIDI_SWITCHED: AtomicBool = AtomicBool::new(false);

/// The terminal while the reader runs; dropping it restores the terminal.
pub struct TerminalGuard {
    /// The ratatui terminal drawing to standard output.
    pub terminal: Terminal<CrosstermBackend<io::Stdout>>,
}

impl TerminalGuard {
    /// Enters raw mode, the alternate screen and mouse reporting; `explicit_bidi` also asks the
    /// terminal not to reorder lines that sanad has already put in visual order.
    pub fn new(explicit_bidi: bool) -> io::Result<Self> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        BIDI_SWITCHED.store(explicit_bidi, Ordering::SeqCst);
        let entered = enter(&mut stdout(), explicit_bidi, Host::detect());
        if let Err(error) = entered {
            restore();
            return Err(error);
        }
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(error) => {
                restore();
                Err(error)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as it was; safe to call more than once and from a panic.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = stdout();
    if BIDI_SWITCHED.swap(false, Ordering::SeqCst) {
        let _ = out.write_all(Host::detect().wrap(bidi_mode::IMPLICIT).as_bytes());
    }
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Writes the reader's modes to `out`. VTE applies explicit mode only to rows that start or are
/// erased after it, so the switch comes before the alternate screen and again, with an erase,
/// inside it.
fn enter(out: &mut impl Write, explicit_bidi: bool, host: Host) -> io::Result<()> {
    let explicit = host.wrap(bidi_mode::EXPLICIT);
    if explicit_bidi {
        out.write_all(explicit.as_bytes())?;
    }
    queue!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide)?;
    if explicit_bidi {
        out.write_all(explicit.as_bytes())?;
        queue!(out, Clear(ClearType::All))?;
    }
    out.flush()
}

/// Restores the terminal before the panic message is printed, then runs the previous hook. A
/// panic that its thread catches and reports ([`crate::panics::catching`]: a fetch job) leaves
/// the reader drawing and prints nothing over it; any other ends the process, the terminal
/// restored, rather than leave a reader whose threads are gone.
fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let interface = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let interface_panicked = std::thread::current().id() == interface;
        if !interface_panicked && crate::panics::is_caught() && ACTIVE.load(Ordering::SeqCst) {
            return;
        }
        restore();
        previous(info);
        if !interface_panicked {
            std::process::exit(101);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_mode_comes_before_the_alternate_screen_and_again_with_an_erase() {
        let mut out = Vec::new();
        enter(&mut out, true, Host::Terminal).unwrap();
        let out = String::from_utf8(out).unwrap();
        let alternate = out.find("\x1b[?1049h").expect("alternate screen");
        let first = out.find(bidi_mode::EXPLICIT).expect("explicit mode");
        let second = out.rfind(bidi_mode::EXPLICIT).unwrap();
        let erase = out.rfind("\x1b[2J").expect("erase");
        assert!(
            first < alternate && alternate < second && second < erase,
            "{out:?}"
        );
        // Without explicit mode, no bidi escape at all.
        let mut out = Vec::new();
        enter(&mut out, false, Host::Terminal).unwrap();
        assert!(!String::from_utf8(out).unwrap().contains("\x1b[8"));
    }
}
