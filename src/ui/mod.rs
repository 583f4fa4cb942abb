//! The interactive reader: app state ([`app`]), key bindings ([`keys`]), drawing ([`view`]) and
//! the terminal ([`terminal`]). The event loop redraws only when something happened.

pub mod app;
pub mod feeds;
pub mod keys;
pub mod terminal;
pub mod view;

use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{self, Event};

pub use app::{App, Settings};

/// How often the screen is redrawn while feeds are fetched (the spinner, arriving articles).
const FETCH_TICK: Duration = Duration::from_millis(100);

/// Runs the reader until the user quits. While feeds are fetched it wakes every tick to take in
/// what arrived; otherwise it sleeps until a key or the mouse.
pub fn run(mut app: App) -> Result<()> {
    let mut guard =
        terminal::TerminalGuard::new(app.settings.reorder).context("setting up the terminal")?;
    while !app.should_quit {
        guard
            .terminal
            .draw(|frame| view::draw(frame, &mut app))
            .context("drawing")?;
        let waiting = app.feeds.busy();
        if waiting && !event::poll(FETCH_TICK).context("reading the keyboard")? {
            app.poll_fetches();
            continue;
        }
        match event::read().context("reading the keyboard")? {
            Event::Key(key) => app.on_key(key),
            Event::Mouse(mouse) => app.on_mouse(mouse),
            _ => {}
        }
        app.poll_fetches();
    }
    app.leave();
    Ok(())
}
