//! Key bindings as data: actions a config file names, keys it spells as text, and the map
//! between them. It sits below both the config, which parses into it, and the interface, which
//! turns terminal events into [`Key`]s and draws its help and hints from the same map, so they
//! always name the keys in effect.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::BitOr;
use std::str::FromStr;

use serde::Deserialize;

/// A key without its modifiers, as terminals report them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    F(u8),
    Down,
    Up,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Enter,
    Tab,
    /// Shift-Tab, which terminals report as a key of its own.
    BackTab,
    Esc,
    Backspace,
    Delete,
    /// Any other key: bound to nothing.
    Other,
}

/// The modifiers held with a key: a set of Control, Alt and Shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct KeyModifiers(u8);

impl KeyModifiers {
    pub const NONE: KeyModifiers = KeyModifiers(0);
    pub const CONTROL: KeyModifiers = KeyModifiers(1);
    pub const ALT: KeyModifiers = KeyModifiers(2);
    pub const SHIFT: KeyModifiers = KeyModifiers(4);

    pub fn contains(self, other: KeyModifiers) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn remove(&mut self, other: KeyModifiers) {
        self.0 &= !other.0;
    }
}

impl BitOr for KeyModifiers {
    type Output = KeyModifiers;

    fn bitor(self, other: KeyModifiers) -> KeyModifiers {
        KeyModifiers(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for KeyModifiers {
    fn bitor_assign(&mut self, other: KeyModifiers) {
        self.0 |= other.0;
    }
}

/// Declares [`Action`], so adding an action is one line here (plus its default keys in
/// `assets/config.toml` and its line in the help of each view that answers it) and
/// [`Action::ALL`] cannot miss one.
macro_rules! actions {
    ($($(#[$doc:meta])* $action:ident,)*) => {
        /// Everything a key can ask the reader to do; the config names them in snake_case.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($(#[$doc])* $action,)*
        }

        impl Action {
            /// Every action, in the order the config lists them.
            pub const ALL: &[Action] = &[$(Action::$action),*];

            /// The action's name in the config's `[keys]` table.
            pub fn name(self) -> String {
                let camel = match self {
                    $(Action::$action => stringify!($action),)*
                };
                snake_case(camel)
            }
        }
    };
}

actions! {
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
    /// The left pane lists the article's figures and sources, or the articles again.
    ToggleFindings,
    /// The left pane lists stories (the reports of one event each), or the articles again.
    ToggleStories,
    /// The table of claims across all reports.
    Claims,
    /// The article read, side by side with another.
    SideBySide,
    /// Side by side: the next report in the second column.
    NextReport,
    /// Side by side: the previous report in the second column.
    PreviousReport,
    /// Letters joined (presentation forms) or left as base letters.
    ToggleShaping,
    /// The feeds: what each holds, what is being fetched, what failed.
    Feeds,
    /// Fetch the selected feed again (the feed of the article read, outside the feeds view).
    ReloadFeed,
    /// Fetch every feed again.
    ReloadAll,
    /// Mark the selected article read or unread.
    ToggleRead,
    /// Star or unstar the selected article; the feeds view lists the starred.
    ToggleStar,
    /// Open the article's link in the browser.
    OpenLink,
    /// Copy the selected finding or quote, else the article's link, to the clipboard.
    Copy,
    /// Show or hide the key list.
    Help,
    /// Close what is open, or quit from the list.
    Back,
    /// Quit at once.
    Quit,
    /// Give the shell back for now, as Ctrl-Z does; `fg` brings the reader back.
    Suspend,
}

fn snake_case(camel: &str) -> String {
    let mut snake = String::new();
    for c in camel.chars() {
        if c.is_uppercase() && !snake.is_empty() {
            snake.push('_');
        }
        snake.extend(c.to_lowercase());
    }
    snake
}

/// One key with its modifiers, as the config spells it: `"j"`, `"G"`, `"pagedown"`, `"ctrl-c"`.
///
/// Shift is folded into characters (`"G"`, `"?"`), since terminals disagree on whether they
/// report it with them; Shift-Tab is the key terminals report as BackTab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    modifiers: KeyModifiers,
}

/// Named keys: the config's spelling, the help's label, the code.
const NAMED_KEYS: &[(&str, &str, KeyCode)] = &[
    ("down", "↓", KeyCode::Down),
    ("up", "↑", KeyCode::Up),
    ("left", "←", KeyCode::Left),
    ("right", "→", KeyCode::Right),
    ("home", "Home", KeyCode::Home),
    ("end", "End", KeyCode::End),
    ("pageup", "PgUp", KeyCode::PageUp),
    ("pagedown", "PgDn", KeyCode::PageDown),
    ("enter", "Enter", KeyCode::Enter),
    ("tab", "Tab", KeyCode::Tab),
    ("backtab", "Shift-Tab", KeyCode::BackTab),
    ("esc", "Esc", KeyCode::Esc),
    ("space", "Space", KeyCode::Char(' ')),
    ("backspace", "Backspace", KeyCode::Backspace),
    ("delete", "Del", KeyCode::Delete),
];

/// Modifier prefixes: the config's spelling, the help's label.
const MODIFIERS: &[(&str, &str, KeyModifiers)] = &[
    ("ctrl-", "Ctrl-", KeyModifiers::CONTROL),
    ("alt-", "Alt-", KeyModifiers::ALT),
    ("shift-", "Shift-", KeyModifiers::SHIFT),
];

impl Key {
    /// A key and its modifiers, with shift folded as in a config file.
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let mut key = Key { code, modifiers };
        match key.code {
            KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::SHIFT) => {
                key.modifiers.remove(KeyModifiers::SHIFT);
                let mut upper = c.to_uppercase();
                if let (Some(upper), None) = (upper.next(), upper.next()) {
                    key.code = KeyCode::Char(upper);
                }
            }
            KeyCode::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => {
                key.code = KeyCode::BackTab;
                key.modifiers.remove(KeyModifiers::SHIFT);
            }
            KeyCode::BackTab => key.modifiers.remove(KeyModifiers::SHIFT),
            _ => {}
        }
        key
    }

    /// The key without its modifiers.
    pub fn code(self) -> KeyCode {
        self.code
    }

    /// Whether Control is held (Shift is folded into characters).
    pub fn control(self) -> bool {
        self.modifiers.contains(KeyModifiers::CONTROL)
    }

    /// Whether the help lists it by default: no modifier to type (Shift-Tab has one).
    fn is_plain(self) -> bool {
        self.modifiers.is_empty() && self.code != KeyCode::BackTab
    }

    /// How the help overlay shows the key: `j`, `↓`, `PgDn`, `Ctrl-C`.
    pub fn label(self) -> String {
        let mut label = String::new();
        for &(_, prefix, modifier) in MODIFIERS {
            if self.modifiers.contains(modifier) {
                label.push_str(prefix);
            }
        }
        match self.code {
            KeyCode::Char(c) if c != ' ' && !self.modifiers.is_empty() && c.is_lowercase() => {
                label.extend(c.to_uppercase())
            }
            KeyCode::Char(c) if c != ' ' && !self.modifiers.is_empty() && c.is_uppercase() => {
                label.push_str("Shift-");
                label.push(c);
            }
            KeyCode::Char(c) if c != ' ' => label.push(c),
            KeyCode::F(n) => label.push_str(&format!("F{n}")),
            code => match NAMED_KEYS.iter().find(|&&(_, _, named)| named == code) {
                Some(&(_, name, _)) => label.push_str(name),
                None => label.push_str(&format!("{code:?}")),
            },
        }
        label
    }
}

/// Why a key spelling was refused.
#[derive(Debug, PartialEq, Eq)]
pub struct KeyError(String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

impl FromStr for Key {
    type Err = KeyError;

    fn from_str(spelling: &str) -> Result<Self, KeyError> {
        let mut rest = spelling;
        let mut modifiers = KeyModifiers::NONE;
        // "-" alone, or after a modifier, is the minus key.
        while rest.chars().count() > 1 {
            let Some(&(prefix, _, modifier)) = MODIFIERS.iter().find(|(prefix, _, _)| {
                rest.get(..prefix.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
            }) else {
                break;
            };
            modifiers |= modifier;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(KeyError(format!("no key in `{spelling}`"))),
            (Some(c), None) if c.is_control() => {
                return Err(KeyError(format!("`{}` is not a key", c.escape_default())));
            }
            (Some(c), None) => {
                let folds = c.to_uppercase().count() == 1 && c.is_lowercase();
                if modifiers.contains(KeyModifiers::SHIFT) && !folds && !c.is_uppercase() {
                    return Err(KeyError(format!(
                        "`{spelling}`: write the character shift types, not shift-{c}"
                    )));
                }
                KeyCode::Char(c)
            }
            _ => {
                let name = rest.to_ascii_lowercase();
                let function = name
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n) && !name.starts_with("f0"));
                match (
                    NAMED_KEYS.iter().find(|(named, _, _)| *named == name),
                    function,
                ) {
                    (Some(&(_, _, code)), _) => code,
                    (None, Some(n)) => KeyCode::F(n),
                    (None, None) => return Err(KeyError(format!("unknown key `{spelling}`"))),
                }
            }
        };
        Ok(Key::new(code, modifiers))
    }
}

impl fmt::Display for Key {
    /// The config's spelling, which [`Key::from_str`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &(prefix, _, modifier) in MODIFIERS {
            if self.modifiers.contains(modifier) {
                f.write_str(prefix)?;
            }
        }
        match self.code {
            KeyCode::Char(c) if c != ' ' => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => match NAMED_KEYS.iter().find(|&&(_, _, named)| named == code) {
                Some(&(name, _, _)) => f.write_str(name),
                None => write!(f, "{code:?}"),
            },
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spelling = String::deserialize(deserializer)?;
        spelling.parse().map_err(serde::de::Error::custom)
    }
}

/// Which keys trigger which action: the config's `[keys]` table, in effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMap {
    bindings: BTreeMap<Action, Vec<Key>>,
}

impl KeyMap {
    /// A map with no key bound.
    pub fn empty() -> Self {
        KeyMap {
            bindings: BTreeMap::new(),
        }
    }

    /// Binds `action` to `keys` alone, and takes those keys from any other action, so a key
    /// never triggers two. An empty list unbinds the action.
    pub fn bind(&mut self, action: Action, keys: &[Key]) {
        for bound in self.bindings.values_mut() {
            bound.retain(|key| !keys.contains(key));
        }
        let mut unique: Vec<Key> = Vec::with_capacity(keys.len());
        for &key in keys {
            if !unique.contains(&key) {
                unique.push(key);
            }
        }
        self.bindings.insert(action, unique);
    }

    /// The keys bound to `action`, in the config's order.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The action a key press triggers, if any.
    pub fn action_for(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(&action, _)| action)
    }

    /// The first key of `action` as the status bar names it: one typed without a modifier if
    /// there is one.
    pub fn first_label(&self, action: Action) -> Option<String> {
        let keys = self.keys(action);
        let key = keys.iter().find(|key| key.is_plain()).or(keys.first())?;
        Some(key.label())
    }

    /// The first key of `action` for a message ("F: feeds"), or its config name when no key
    /// is bound to it.
    pub fn name_of(&self, action: Action) -> String {
        self.first_label(action)
            .unwrap_or_else(|| format!("{} (no key)", action.name()))
    }

    /// The keys of `action` as the help lists them: those typed without a modifier, or all of
    /// them when each needs one (`Ctrl-C`); the rest (`Ctrl-F` for page down) still work.
    pub fn label(&self, action: Action) -> String {
        let keys = self.keys(action);
        let plain: Vec<Key> = keys.iter().copied().filter(|key| key.is_plain()).collect();
        let shown = if plain.is_empty() { keys } else { &plain };
        let labels: Vec<String> = shown.iter().map(|key| key.label()).collect();
        labels.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
    const CONTROL: KeyModifiers = KeyModifiers::CONTROL;

    fn key(spelling: &str) -> Key {
        spelling
            .parse()
            .unwrap_or_else(|error| panic!("{spelling}: {error}"))
    }

    #[test]
    fn spellings_name_the_keys_terminals_report() {
        let event = Key::new;
        assert_eq!(key("j"), event(KeyCode::Char('j'), NONE));
        assert_eq!(key("down"), event(KeyCode::Down, NONE));
        assert_eq!(key("PageDown"), event(KeyCode::PageDown, NONE));
        assert_eq!(key("space"), event(KeyCode::Char(' '), NONE));
        assert_eq!(key("ctrl-c"), event(KeyCode::Char('c'), CONTROL));
        assert_eq!(
            key("alt-ctrl-x"),
            event(KeyCode::Char('x'), CONTROL | KeyModifiers::ALT)
        );
        assert_eq!(key("f12"), event(KeyCode::F(12), NONE));
        assert_eq!(key("-"), event(KeyCode::Char('-'), NONE));
        assert_eq!(key("ctrl--"), event(KeyCode::Char('-'), CONTROL));
        assert_eq!(key("shift-down"), event(KeyCode::Down, SHIFT));
    }

    #[test]
    fn shift_is_folded_into_characters_and_tab() {
        let event = Key::new;
        // Terminals report an uppercase letter with or without SHIFT.
        assert_eq!(key("G"), event(KeyCode::Char('G'), SHIFT));
        assert_eq!(key("G"), event(KeyCode::Char('G'), NONE));
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(key("?"), event(KeyCode::Char('?'), SHIFT));
        assert_eq!(key("backtab"), event(KeyCode::BackTab, SHIFT));
        assert_eq!(key("shift-tab"), key("backtab"));
        assert_ne!(key("g"), key("G"));
    }

    #[test]
    fn bad_spellings_are_refused() {
        for spelling in [
            "", "ctrl-", "ctrl-foo", "f13", "f0", "f01", "pgdn", "shift-1", "\t",
        ] {
            assert!(spelling.parse::<Key>().is_err(), "{spelling:?} accepted");
        }
        assert_eq!(
            "ctrl-foo".parse::<Key>(),
            Err(KeyError("unknown key `ctrl-foo`".to_owned()))
        );
    }

    #[test]
    fn spellings_read_back() {
        for spelling in [
            "j", "G", "?", "[", "down", "pagedown", "space", "ctrl-c", "backtab", "f5",
        ] {
            assert_eq!(key(spelling).to_string(), spelling);
            assert_eq!(key(&key(spelling).to_string()), key(spelling));
        }
    }

    #[test]
    fn labels_are_short() {
        let labels: Vec<String> = [
            "j", "down", "pageup", "space", "ctrl-c", "ctrl-C", "backtab",
        ]
        .iter()
        .map(|spelling| key(spelling).label())
        .collect();
        assert_eq!(
            labels,
            [
                "j",
                "↓",
                "PgUp",
                "Space",
                "Ctrl-C",
                "Ctrl-Shift-C",
                "Shift-Tab"
            ]
        );
    }

    #[test]
    fn binding_takes_the_key_from_other_actions() {
        let mut map = KeyMap::empty();
        map.bind(Action::Down, &[key("j"), key("down")]);
        map.bind(Action::Quit, &[key("j")]);
        assert_eq!(map.keys(Action::Down), [key("down")]);
        let press = Key::new(KeyCode::Char('j'), NONE);
        assert_eq!(map.action_for(press), Some(Action::Quit));
        map.bind(Action::Quit, &[]);
        assert_eq!(map.action_for(press), None);
    }

    #[test]
    fn help_labels_leave_out_keys_with_modifiers_unless_there_are_only_those() {
        let mut map = KeyMap::empty();
        map.bind(
            Action::PageDown,
            &[key("pagedown"), key("space"), key("ctrl-f")],
        );
        map.bind(Action::SwitchPane, &[key("tab"), key("backtab")]);
        map.bind(Action::Quit, &[key("ctrl-c"), key("ctrl-q")]);
        assert_eq!(map.label(Action::PageDown), "PgDn Space");
        assert_eq!(map.label(Action::SwitchPane), "Tab");
        assert_eq!(map.label(Action::Quit), "Ctrl-C Ctrl-Q");
        assert_eq!(map.label(Action::Help), "");
        assert_eq!(map.first_label(Action::PageDown).as_deref(), Some("PgDn"));
        assert_eq!(map.first_label(Action::Quit).as_deref(), Some("Ctrl-C"));
        assert_eq!(map.first_label(Action::Help), None);
        assert_eq!(map.name_of(Action::Help), "help (no key)");
    }

    #[test]
    fn names_are_the_snake_case_serde_reads() {
        for &action in Action::ALL {
            let parsed: BTreeMap<Action, u8> =
                toml::from_str(&format!("{} = 1", action.name())).expect("action name");
            assert_eq!(parsed.keys().copied().collect::<Vec<_>>(), [action]);
        }
        assert_eq!(Action::PreviousReport.name(), "previous_report");
    }
}
