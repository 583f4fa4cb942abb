//! The interactive reader: the app routing events and frames ([`app`]) between one component
//! per screen ([`components`]) over the state they share ([`context`]); feeds ([`feeds`]), key
//! bindings (read from [`crate::keymap`] through [`key_of`]), styles ([`theme`]), drawing pieces ([`view`]) and the terminal
//! ([`terminal`]). The event loop redraws only when something happened.

pub mod app;
pub mod components;
pub mod context;
pub mod feeds;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod worker;

use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{self, Event};

pub use app::App;

use crate::keymap::{Key, KeyCode, KeyModifiers};
pub use context::{Pane, Screen, Settings};

/// How often the screen is redrawn while feeds are fetched or the worker works (the spinner,
/// arriving articles, progress).
const FETCH_TICK: Duration = Duration::from_millis(100);

/// How often the reader wakes with nothing under way, to answer a SIGTSTP.
const IDLE_TICK: Duration = Duration::from_millis(250);

/// The key a terminal event reports, in the key map's terms.
pub fn key_of(event: event::KeyEvent) -> Key {
    use crossterm::event::{KeyCode as Code, KeyModifiers as Held};
    let code = match event.code {
        Code::Char(c) => KeyCode::Char(c),
        Code::F(n) => KeyCode::F(n),
        Code::Down => KeyCode::Down,
        Code::Up => KeyCode::Up,
        Code::Left => KeyCode::Left,
        Code::Right => KeyCode::Right,
        Code::Home => KeyCode::Home,
        Code::End => KeyCode::End,
        Code::PageUp => KeyCode::PageUp,
        Code::PageDown => KeyCode::PageDown,
        Code::Enter => KeyCode::Enter,
        Code::Tab => KeyCode::Tab,
        Code::BackTab => KeyCode::BackTab,
        Code::Esc => KeyCode::Esc,
        Code::Backspace => KeyCode::Backspace,
        Code::Delete => KeyCode::Delete,
        _ => KeyCode::Other,
    };
    let mut modifiers = KeyModifiers::NONE;
    for (held, modifier) in [
        (Held::CONTROL, KeyModifiers::CONTROL),
        (Held::ALT, KeyModifiers::ALT),
        (Held::SHIFT, KeyModifiers::SHIFT),
    ] {
        if event.modifiers.contains(held) {
            modifiers |= modifier;
        }
    }
    Key::new(code, modifiers)
}

/// Sends `text` to the terminal's clipboard (OSC 52), through tmux's passthrough inside tmux.
fn copy_to_clipboard(text: &str) -> Result<()> {
    use std::io::Write;
    let mut sequence = String::new();
    crossterm::Command::write_ansi(
        &crossterm::clipboard::CopyToClipboard::to_clipboard_from(text),
        &mut sequence,
    )?;
    let mut out = std::io::stdout();
    out.write_all(crate::bidi_mode::Host::detect().wrap(&sequence).as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Runs the reader until the user quits. While feeds are fetched it wakes every tick to take in
/// what arrived; otherwise it sleeps until a key or the mouse.
pub fn run(mut app: App) -> Result<()> {
    let mut guard = terminal::TerminalGuard::new(app.ctx.settings.reorder)
        .context("setting up the terminal")?;
    let mut redraw = true;
    while !app.should_quit {
        if redraw {
            guard
                .terminal
                .draw(|frame| app.draw(frame))
                .context("drawing")?;
        }
        redraw = true;
        // The first frame is drawn; the stories are grouped a step at a time while no key
        // waits, and drawn once they are.
        if app.ctx.stories_if_grouped().is_none() {
            let mut grouped = false;
            while !grouped && !event::poll(Duration::ZERO).context("reading the keyboard")? {
                grouped = app.ctx.group_step();
            }
            if grouped {
                // Claims may have waited for the stories.
                app.poll_work();
                continue;
            }
        }
        if app.suspend_asked || terminal::TerminalGuard::suspend_asked() {
            app.suspend_asked = false;
            guard.suspend().context("suspending")?;
            continue;
        }
        // Idle, it still wakes now and then: a SIGTSTP waits for it. A frame is drawn again
        // only when something came in, or for the spinner while work is under way.
        let busy = app.busy();
        let tick = if busy { FETCH_TICK } else { IDLE_TICK };
        if !event::poll(tick).context("reading the keyboard")? {
            let fetched = app.poll_fetches();
            let worked = app.poll_work();
            redraw = busy || fetched || worked;
            continue;
        }
        match event::read().context("reading the keyboard")? {
            Event::Key(key) => app.on_key(key),
            Event::Mouse(mouse) => app.on_mouse(mouse),
            Event::Paste(text) => app.on_paste(&text),
            _ => {}
        }
        if let Some(text) = app.ctx.clipboard.take() {
            copy_to_clipboard(&text).context("copying to the clipboard")?;
        }
        app.poll_fetches();
        app.poll_work();
    }
    app.leave();
    drop(guard);
    for warning in &app.ctx.warnings {
        let shown: String = warning
            .chars()
            .filter_map(crate::layout::display_char)
            .collect();
        eprintln!("sanad: {shown}");
    }
    if app.ctx.settings.reorder
        && let Some(hint) = crate::bidi_mode::Host::detect().hint()
    {
        eprintln!("sanad: {hint}");
    }
    Ok(())
}
