//! Terminal set-up and restore. Whatever way the reader ends (quit, error, panic) the terminal
//! gets back its cooked mode, main screen, cursor, mouse and bidi mode.

use std::io::{self, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::bidi_mode::{self, Host};

/// Whether the terminal is in the reader's modes, so restoring twice does nothing.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether set-up switched the terminal's bidi mode, so restore switches it back.
static BIDI_SWITCHED: AtomicBool = AtomicBool::new(false);

/// Set when SIGTSTP asks the reader to stop: the interface thread leaves the terminal's modes
/// and stops at its next tick (see [`TerminalGuard::suspend`]).
static SUSPEND_ASKED: AtomicBool = AtomicBool::new(false);

/// The terminal while the reader runs; dropping it restores the terminal.
pub struct TerminalGuard {
    /// The ratatui terminal drawing to standard output.
    pub terminal: Terminal<CrosstermBackend<io::Stdout>>,
    explicit_bidi: bool,
}

impl TerminalGuard {
    /// Enters raw mode, the alternate screen and mouse reporting; `explicit_bidi` also asks the
    /// terminal not to reorder lines that sanad has already put in visual order.
    pub fn new(explicit_bidi: bool) -> io::Result<Self> {
        install_panic_hook();
        watch_signals()?;
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        BIDI_SWITCHED.store(explicit_bidi, Ordering::SeqCst);
        let entered = enter(&mut stdout(), explicit_bidi, Host::detect());
        if let Err(error) = entered {
            restore();
            return Err(error);
        }
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(terminal) => Ok(TerminalGuard {
                terminal,
                explicit_bidi,
            }),
            Err(error) => {
                restore();
                Err(error)
            }
        }
    }
}

impl TerminalGuard {
    /// Whether a SIGTSTP came since last asked.
    pub fn suspend_asked() -> bool {
        SUSPEND_ASKED.swap(false, Ordering::SeqCst)
    }

    /// Leaves the terminal as it was, stops the process as Ctrl-Z does in a shell, and once the
    /// shell continues it (`fg`), enters the reader's modes again and redraws everything.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        BIDI_SWITCHED.store(self.explicit_bidi, Ordering::SeqCst);
        enter(&mut stdout(), self.explicit_bidi, Host::detect())?;
        self.terminal.clear()
    }
}

/// Watches the signals that would leave the terminal in the reader's modes: SIGTERM, SIGHUP and
/// SIGQUIT restore it, then end the process as the signal would; SIGTSTP asks for
/// [`TerminalGuard::suspend`].
fn watch_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM, SIGTSTP};
    static WATCHING: AtomicBool = AtomicBool::new(false);
    if WATCHING.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGTSTP {
                    SUSPEND_ASKED.store(true, Ordering::SeqCst);
                    continue;
                }
                restore();
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
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
    let _ = leave(
        &mut out,
        BIDI_SWITCHED.swap(false, Ordering::SeqCst),
        Host::detect(),
    );
    let _ = disable_raw_mode();
}

/// Writes to `out` what undoes [`enter`]'s modes.
fn leave(out: &mut impl Write, bidi_switched: bool, host: Host) -> io::Result<()> {
    if bidi_switched {
        out.write_all(host.wrap(bidi_mode::IMPLICIT).as_bytes())?;
    }
    queue!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    )?;
    out.flush()
}

/// Writes the reader's modes to `out`. VTE applies explicit mode only to rows that start or are
/// erased after it, so the switch comes before the alternate screen and again, with an erase,
/// inside it.
fn enter(out: &mut impl Write, explicit_bidi: bool, host: Host) -> io::Result<()> {
    let explicit = host.wrap(bidi_mode::EXPLICIT);
    if explicit_bidi {
        out.write_all(explicit.as_bytes())?;
    }
    // A paste arrives as one event, not as a key per character.
    queue!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )?;
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
        assert!(out.contains("\x1b[?2004h"), "bracketed paste: {out:?}");
        // Leaving undoes each mode.
        let mut left = Vec::new();
        leave(&mut left, true, Host::Terminal).unwrap();
        let left = String::from_utf8(left).unwrap();
        for undone in [
            bidi_mode::IMPLICIT,
            "\x1b[?2004l",
            "\x1b[?1000l",
            "\x1b[?1049l",
            "\x1b[?25h",
        ] {
            assert!(left.contains(undone), "{undone:?} in {left:?}");
        }
        // Without explicit mode, no bidi escape at all.
        let mut out = Vec::new();
        enter(&mut out, false, Host::Terminal).unwrap();
        assert!(!String::from_utf8(out).unwrap().contains("\x1b[8"));
    }
}
