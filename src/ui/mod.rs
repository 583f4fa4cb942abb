//! The interactive reader: app state ([`app`]), key bindings ([`keys`]), drawing ([`view`]) and
//! the terminal ([`terminal`]). The event loop redraws only when something happened.

pub mod app;
pub mod keys;
pub mod terminal;
pub mod view;

use anyhow::{Context, Result};
use crossterm::event::{self, Event};

use crate::corpus::Corpus;
pub use app::{App, Settings};

/// Runs the reader over `corpus` until the user quits.
pub fn run(corpus: Corpus, settings: Settings) -> Result<()> {
    anyhow::ensure!(!corpus.articles.is_empty(), "no articles to read");
    let mut app = App::new(corpus, settings);
    let mut guard =
        terminal::TerminalGuard::new(settings.reorder).context("setting up the terminal")?;
    while !app.should_quit {
        guard
            .terminal
            .draw(|frame| view::draw(frame, &mut app))
            .context("drawing")?;
        match event::read().context("reading the keyboard")? {
            Event::Key(key) => app.on_key(key),
            Event::Mouse(mouse) => app.on_mouse(mouse),
            _ => {}
        }
    }
    Ok(())
}
