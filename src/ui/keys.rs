//! Key bindings as data: which keys do which action. The help overlay is drawn from the same
//! table, so it always lists every key.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask the reader to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Next article in the list, or one line down in the reader.
    Down,
    /// Previous article, or one line up.
    Up,
    /// First article, or the top of the article.
    First,
    /// Last article, or the end of the article.
    Last,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// Open the selected article in the reader.
    Open,
    /// Move between the list and the reader.
    SwitchPane,
    /// Start typing a search.
    Search,
    /// Next search match.
    NextMatch,
    /// Previous search match.
    PreviousMatch,
    /// Show or hide the key list.
    Help,
    /// The left pane lists the article's figures and sources, or the articles again.
    ToggleFindings,
    /// Letters joined (presentation forms) or left as base letters.
    ToggleShaping,
    /// The table of claims across all reports.
    Claims,
    /// The article read, side by side with another.
    SideBySide,
    /// Side by side: the previous report in the second column.
    PreviousReport,
    /// Side by side: the next report in the second column.
    NextReport,
    /// Close what is open, or quit from the list.
    Back,
    /// Quit at once.
    Quit,
}

/// One binding: the keys, how the help names them, and what they do.
pub struct Binding {
    /// Keys that trigger the action.
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// The keys as the help overlay shows them.
    pub label: &'static str,
    /// What the action does, in the help overlay.
    pub description: &'static str,
    /// The action.
    pub action: Action,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CONTROL: KeyModifiers = KeyModifiers::CONTROL;

/// The key map, in the order the help overlay lists it.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)],
        label: "j ↓",
        description: "next article / scroll down",
        action: Action::Down,
    },
    Binding {
        keys: &[(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)],
        label: "k ↑",
        description: "previous article / scroll up",
        action: Action::Up,
    },
    Binding {
        keys: &[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)],
        label: "g Home",
        description: "first article / top",
        action: Action::First,
    },
    Binding {
        keys: &[
            (KeyCode::Char('G'), SHIFT),
            (KeyCode::Char('G'), NONE),
            (KeyCode::End, NONE),
        ],
        label: "G End",
        description: "last article / bottom",
        action: Action::Last,
    },
    Binding {
        keys: &[
            (KeyCode::PageDown, NONE),
            (KeyCode::Char(' '), NONE),
            (KeyCode::Char('f'), CONTROL),
        ],
        label: "PgDn Space",
        description: "page down",
        action: Action::PageDown,
    },
    Binding {
        keys: &[
            (KeyCode::PageUp, NONE),
            (KeyCode::Char('b'), NONE),
            (KeyCode::Char('b'), CONTROL),
        ],
        label: "PgUp b",
        description: "page up",
        action: Action::PageUp,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        description: "read the selected article",
        action: Action::Open,
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE), (KeyCode::BackTab, SHIFT)],
        label: "Tab",
        description: "list ⇄ reader",
        action: Action::SwitchPane,
    },
    Binding {
        keys: &[(KeyCode::Char('/'), NONE)],
        label: "/",
        description: "search (hamza, ta marbuta… folded)",
        action: Action::Search,
    },
    Binding {
        keys: &[(KeyCode::Char('n'), NONE)],
        label: "n",
        description: "next match (side by side: next claim)",
        action: Action::NextMatch,
    },
    Binding {
        keys: &[(KeyCode::Char('N'), SHIFT), (KeyCode::Char('N'), NONE)],
        label: "N",
        description: "previous match (side by side: claim)",
        action: Action::PreviousMatch,
    },
    Binding {
        keys: &[(KeyCode::Char('f'), NONE)],
        label: "f",
        description: "figures & sources of the article",
        action: Action::ToggleFindings,
    },
    Binding {
        keys: &[(KeyCode::Char('c'), NONE)],
        label: "c",
        description: "claims: where reports agree or conflict",
        action: Action::Claims,
    },
    Binding {
        keys: &[(KeyCode::Char('s'), NONE)],
        label: "s",
        description: "this article side by side with another",
        action: Action::SideBySide,
    },
    Binding {
        keys: &[(KeyCode::Char(']'), NONE)],
        label: "]",
        description: "side by side: next second report",
        action: Action::NextReport,
    },
    Binding {
        keys: &[(KeyCode::Char('['), NONE)],
        label: "[",
        description: "side by side: previous second report",
        action: Action::PreviousReport,
    },
    Binding {
        keys: &[(KeyCode::Char('S'), SHIFT), (KeyCode::Char('S'), NONE)],
        label: "S",
        description: "joined letters on/off (shaping)",
        action: Action::ToggleShaping,
    },
    Binding {
        keys: &[(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), SHIFT)],
        label: "?",
        description: "this help",
        action: Action::Help,
    },
    Binding {
        keys: &[(KeyCode::Char('q'), NONE), (KeyCode::Esc, NONE)],
        label: "q Esc",
        description: "back / quit",
        action: Action::Back,
    },
    Binding {
        keys: &[(KeyCode::Char('c'), CONTROL)],
        label: "Ctrl-C",
        description: "quit",
        action: Action::Quit,
    },
];

/// The action bound to a key press, if any.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|binding| {
            binding
                .keys
                .iter()
                .any(|&(code, modifiers)| code == key.code && modifiers == key.modifiers)
        })
        .map(|binding| binding.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vim_keys_and_arrows_move() {
        let key = |code, modifiers| action_for(KeyEvent::new(code, modifiers));
        assert_eq!(key(KeyCode::Char('j'), NONE), Some(Action::Down));
        assert_eq!(key(KeyCode::Down, NONE), Some(Action::Down));
        assert_eq!(key(KeyCode::Char('G'), SHIFT), Some(Action::Last));
        assert_eq!(key(KeyCode::Char('c'), CONTROL), Some(Action::Quit));
        assert_eq!(key(KeyCode::Char('x'), NONE), None);
    }

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = std::collections::HashSet::new();
        for binding in BINDINGS {
            for key in binding.keys {
                assert!(seen.insert(*key), "{key:?} bound twice");
            }
        }
    }
}
