//! Terminal set-up and restore. Whatever way the reader ends (quit, error, panic) the terminal
//! gets back its cooked mode, main screen, cursor, mouse and bidi mode.

use std::io::{self, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// ECMA-48 BDSM explicit mode and SCP left-to-right presentation: terminals that follow the
/// terminal bidi recommendation (VTE, mintty, WezTerm) then show cells as sent, not reordered.
const BIDI_EXPLICIT: &str = "\x1b[8l\x1b[1 k";
/// Back to the terminal's implicit bidi mode and default presentation.
const BIDI_IMPLICIT: &str = "\x1b[8h\x1b[0 k";

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
        let mut out = stdout();
        let entered = execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide)
            .and_then(|()| {
                if explicit_bidi {
                    out.write_all(BIDI_EXPLICIT.as_bytes())?;
                    BIDI_SWITCHED.store(true, Ordering::SeqCst);
                }
                out.flush()
            });
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
        let _ = out.write_all(BIDI_IMPLICIT.as_bytes());
    }
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal before the panic message is printed, then runs the previous hook.
fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
