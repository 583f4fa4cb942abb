//! sanad: read Arabic news in a terminal, right to left, with figures and sources found.
//!
//! The core is pure and knows nothing of the terminal: [`corpus`] finds and reads articles,
//! [`text`] normalises and tokenises Arabic for matching, [`extract`] finds figures and
//! sources, [`stories`] groups the reports of one event, [`compare`] groups figures into
//! claims that agree or conflict across the reports of a story, [`layout`] turns logical text
//! into visual lines of cells. [`ui`] (ratatui) and [`cli`] (subcommands) are thin layers over it.

pub mod bidi_mode;
pub mod cli;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod dirs;
pub mod extract;
pub mod fetch;
pub mod hash;
pub mod keymap;
pub mod layout;
pub mod panics;
pub mod store;
pub mod stories;
pub mod text;
pub mod ui;
