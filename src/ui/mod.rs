//! The interactive reader: the app routing events and frames ([`app`]) between one component
//! per screen ([`components`]) over the state they share ([`context`]); feeds ([`feeds`]), key
//! bindings ([`keys`]), styles ([`theme`]), drawing pieces ([`view`]) and the terminal
//! ([`terminal`]). The event loop redraws only when something happened.

pub mod app;
pub mod components;
pub mod context;
pub mod feeds;
pub mod keys;
pub mod terminal;
pub mod theme;
pub mod view;

use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{self, Event};

pub use app::App;
pub use context::{Pane, Screen, Settings};

/// How often the screen is redrawn while feeds are fetched (the spinner, arriving articles).
const FETCH_TICK: Duration = Duration::from_millis(100);

/// Runs the reader until the user quits. While feeds are fetched it wakes every tick to take in
/// what arrived; otherwise it sleeps until a key or the mouse.
pub fn run(mut app: App) -> Result<()> {
    let mut guard = terminal::TerminalGuard::new(app.ctx.settings.reorder)
        .context("setting up the terminal")?;
    while !app.should_quit {
        guard
            .terminal
            .draw(|frame| app.draw(frame))
            .context("drawing")?;
        // The first frame is drawn; the stories are grouped a step at a time while no key
        // waits, and drawn once they are.
        if app.ctx.stories_if_grouped().is_none() {
            let mut grouped = false;
            while !grouped && !event::poll(Duration::ZERO).context("reading the keyboard")? {
                grouped = app.ctx.group_step();
            }
            if grouped {
                continue;
            }
        }
        let waiting = app.ctx.feeds.busy();
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
    drop(guard);
    if app.ctx.settings.reorder
        && let Some(hint) = crate::bidi_mode::Host::detect().hint()
    {
        eprintln!("sanad: {hint}");
    }
    Ok(())
}
