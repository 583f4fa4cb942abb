//! The configuration file: key bindings, colours, rendering defaults, extra lexicons and feed
//! fetching. `assets/config.toml` is both the defaults and what `--print-config` prints; a
//! user's file overrides only what it sets.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use ratatui::style::Color;
use serde::Deserialize;
use serde::de::{self, Deserializer, Unexpected};
use toml::Spanned;

use crate::dirs;
use crate::keymap::{Action, Key, KeyError, KeyMap};
use crate::store::Keep;

/// The default configuration, commented: every setting at its default value.
pub const DEFAULT_TOML: &str = include_str!("../assets/config.toml");

/// Everything a config file sets, complete: the defaults with the user's file over them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Join Arabic letters with presentation forms.
    pub shaping: bool,
    /// Who orders right-to-left text.
    pub bidi: Bidi,
    /// Lexicon files added to the built-in lexicons, before those of `--lexicon`.
    pub lexicons: Vec<PathBuf>,
    /// How feeds are fetched.
    pub feeds: FeedSettings,
    /// Colours of the reader (unless `NO_COLOR` is set).
    pub colors: Colors,
    /// Which keys do what.
    pub keys: KeyMap,
}

/// Who puts right-to-left text in visual order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Bidi {
    /// sanad reorders each line and asks bidi-aware terminals not to reorder again.
    App,
    /// Lines are sent in logical order for a terminal that reorders by itself.
    Terminal,
}

/// The `[feeds]` settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedSettings {
    /// The feeds file; `None`: the one in the configuration directory.
    pub file: Option<PathBuf>,
    /// How long fetching one feed may take.
    pub timeout: Duration,
    /// How many feeds are fetched at once.
    pub parallel: usize,
    /// What the cache keeps of each feed; starred articles are always kept.
    pub keep: Keep,
    /// The least time between two requests for one feed's address; zero: none.
    pub min_interval: Duration,
    /// Whether items that carry only a summary have their page's article fetched (a feed's
    /// `full-text` / `no-full-text` tag decides for it).
    pub full_text: bool,
}

/// Declares [`Colors`] and its file form together, so a colour is named once.
macro_rules! colors {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// Colours of the reader by what they mark: the config's `[colors]`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct Colors {
            $($(#[$doc])* pub $name: Color,)*
        }

        /// `[colors]` as a file writes it: only the colours it sets.
        #[derive(Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ColorsFile {
            $($name: Option<ColorValue>,)*
        }

        impl ColorsFile {
            fn apply(self, colors: &mut Colors) {
                $(if let Some(ColorValue(color)) = self.$name {
                    colors.$name = color;
                })*
            }

            /// Every colour, or the name of one that is not set.
            fn complete(self) -> Result<Colors, &'static str> {
                Ok(Colors {
                    $($name: self.$name.ok_or(concat!("colors.", stringify!($name)))?.0,)*
                })
            }
        }
    };
}

colors! {
    /// Border of the pane that has the keyboard.
    focused_border,
    /// Border of the other panes.
    border,
    /// Secondary text: details under titles, ids, notes.
    details,
    /// Figures in the text.
    figure,
    /// Sources in the text.
    source,
    /// Background of a search match.
    search_hit,
    /// Text of a search match.
    search_hit_text,
    /// Background of the current search match.
    current_hit,
    /// Text of the current search match.
    current_hit_text,
    /// Background of the chosen finding.
    selected_finding,
    /// Text of the chosen finding.
    selected_finding_text,
    /// Side by side: a passage the other report says too.
    agreeing,
    /// Side by side: a figure the other report tells differently.
    conflicting,
    /// Claims the reports agree on.
    agree,
    /// Claims the reports conflict on.
    conflict,
    /// Claims only one report tells.
    single,
}

/// A colour as a config writes it: a ratatui name, `"#rrggbb"`, or an index (number or text).
struct ColorValue(Color);

impl<'de> Deserialize<'de> for ColorValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        const EXPECTED: &str = "a colour: a name such as \"light_red\", \"#rrggbb\" or 0 to 255";
        impl de::Visitor<'_> for Visitor {
            type Value = ColorValue;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<ColorValue, E> {
                text.parse()
                    .map(ColorValue)
                    .map_err(|_| E::invalid_value(Unexpected::Str(text), &self))
            }

            fn visit_i64<E: de::Error>(self, index: i64) -> Result<ColorValue, E> {
                u8::try_from(index)
                    .map(|index| ColorValue(Color::Indexed(index)))
                    .map_err(|_| E::invalid_value(Unexpected::Signed(index), &self))
            }

            fn visit_u64<E: de::Error>(self, index: u64) -> Result<ColorValue, E> {
                u8::try_from(index)
                    .map(|index| ColorValue(Color::Indexed(index)))
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(index), &self))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A config file as written: only what it sets, each value with the place toml found it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    shaping: Option<bool>,
    bidi: Option<Bidi>,
    lexicons: Option<Vec<PathBuf>>,
    #[serde(default)]
    feeds: FeedsFile,
    #[serde(default)]
    colors: ColorsFile,
    /// Keys are read as text, then parsed, so an error can point at the one that is wrong.
    #[serde(default)]
    keys: BTreeMap<Action, Vec<Spanned<String>>>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedsFile {
    file: Option<PathBuf>,
    #[serde(default, deserialize_with = "timeout")]
    timeout_seconds: Option<Duration>,
    #[serde(default, deserialize_with = "parallel")]
    parallel: Option<usize>,
    keep_days: Option<u32>,
    keep_items: Option<u32>,
    #[serde(default, deserialize_with = "minutes")]
    min_interval_minutes: Option<Duration>,
    full_text: Option<bool>,
}

fn minutes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Duration>, D::Error> {
    match u64::deserialize(deserializer)? {
        minutes @ 0..=MAX_INTERVAL_MINUTES => Ok(Some(Duration::from_secs(minutes * 60))),
        minutes => Err(de::Error::invalid_value(
            Unexpected::Unsigned(minutes),
            &"0 to 1440 (a day)",
        )),
    }
}

fn timeout<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Duration>, D::Error> {
    match u64::deserialize(deserializer)? {
        seconds @ 1..=MAX_TIMEOUT_SECONDS => Ok(Some(Duration::from_secs(seconds))),
        seconds => Err(de::Error::invalid_value(
            Unexpected::Unsigned(seconds),
            &"1 to 600 seconds",
        )),
    }
}

/// The longest `timeout_seconds`: ten minutes, far past any server worth waiting for, and
/// short of the instants a clock can add (a longer one overflowed the HTTP client's deadline).
const MAX_TIMEOUT_SECONDS: u64 = 600;

/// Fetches at once, from 1 to this.
const MOST_PARALLEL: usize = 32;
/// The longest `min_interval_minutes`: a day, as for a server's own wait.
const MAX_INTERVAL_MINUTES: u64 = 24 * 60;

fn parallel<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<usize>, D::Error> {
    let count = usize::deserialize(deserializer)?;
    if (1..=MOST_PARALLEL).contains(&count) {
        Ok(Some(count))
    } else {
        Err(de::Error::invalid_value(
            Unexpected::Unsigned(count as u64),
            &format!("1 to {MOST_PARALLEL} feeds at once").as_str(),
        ))
    }
}

/// A message and the bytes of the file it is about.
type Located = (Option<Range<usize>>, String);

impl ConfigFile {
    fn parse(text: &str) -> Result<Self, Located> {
        toml::from_str(text)
            .map_err(|error: toml::de::Error| (error.span(), error.message().to_owned()))
    }

    /// The configuration this file sets; every setting must be there (the built-in defaults).
    fn complete(self) -> Result<Config, String> {
        fn set<T>(value: Option<T>, name: &str) -> Result<T, String> {
            value.ok_or_else(|| format!("`{name}` is not set"))
        }
        let bound = self.keys().map_err(|(_, message)| message)?;
        let shaping = set(self.shaping, "shaping")?;
        let bidi = set(self.bidi, "bidi")?;
        let lexicons = set(self.lexicons, "lexicons")?;
        let feeds = FeedSettings {
            file: self.feeds.file.filter(|file| !file.as_os_str().is_empty()),
            timeout: set(self.feeds.timeout_seconds, "feeds.timeout_seconds")?,
            parallel: set(self.feeds.parallel, "feeds.parallel")?,
            keep: Keep {
                days: set(self.feeds.keep_days, "feeds.keep_days")?,
                items: set(self.feeds.keep_items, "feeds.keep_items")?,
            },
            min_interval: set(
                self.feeds.min_interval_minutes,
                "feeds.min_interval_minutes",
            )?,
            full_text: set(self.feeds.full_text, "feeds.full_text")?,
        };
        let colors = self
            .colors
            .complete()
            .map_err(|name| format!("`{name}` is not set"))?;
        let mut keys = KeyMap::empty();
        for &action in Action::ALL {
            let bound = set(bound.get(&action), &format!("keys.{}", action.name()))?;
            keys.bind(action, bound);
        }
        Ok(Config {
            shaping,
            bidi,
            lexicons,
            feeds,
            colors,
            keys,
        })
    }

    /// The `[keys]` table parsed; a key the file gives two actions is a mistake, not a
    /// rebinding, so it is refused where it is written the second time.
    fn keys(&self) -> Result<BTreeMap<Action, Vec<Key>>, Located> {
        let mut written: Vec<(Range<usize>, Key, Action)> = Vec::new();
        for (&action, spellings) in &self.keys {
            for spelling in spellings {
                let key = spelling
                    .get_ref()
                    .parse()
                    .map_err(|error: KeyError| (Some(spelling.span()), error.to_string()))?;
                written.push((spelling.span(), key, action));
            }
        }
        written.sort_by_key(|(span, _, _)| span.start);
        for (i, (span, key, action)) in written.iter().enumerate() {
            let earlier = written[..i]
                .iter()
                .find(|(_, k, a)| k == key && a != action);
            if let Some((_, _, first)) = earlier {
                return Err((
                    Some(span.clone()),
                    format!(
                        "`{key}` is bound to both `{}` and `{}`",
                        first.name(),
                        action.name()
                    ),
                ));
            }
        }
        let mut keys: BTreeMap<Action, Vec<Key>> = self
            .keys
            .keys()
            .map(|&action| (action, Vec::new()))
            .collect();
        for (_, key, action) in written {
            keys.entry(action).or_default().push(key);
        }
        Ok(keys)
    }

    /// Sets over `config` what this file sets; relative paths start from `dir`.
    fn apply(self, config: &mut Config, dir: &Path) -> Result<(), Located> {
        for (action, keys) in self.keys()? {
            config.keys.bind(action, &keys);
        }
        if config.keys.keys(Action::Quit).is_empty() && config.keys.keys(Action::Back).is_empty() {
            return Err((
                None,
                "[keys] leaves no key to quit with: give `quit` or `back` one (ctrl-c quits unless \
                 rebound)"
                    .to_owned(),
            ));
        }
        if let Some(shaping) = self.shaping {
            config.shaping = shaping;
        }
        if let Some(bidi) = self.bidi {
            config.bidi = bidi;
        }
        if let Some(lexicons) = self.lexicons {
            config.lexicons = lexicons.into_iter().map(|path| dir.join(path)).collect();
        }
        if let Some(file) = self.feeds.file {
            config.feeds.file = (!file.as_os_str().is_empty()).then(|| dir.join(file));
        }
        if let Some(timeout) = self.feeds.timeout_seconds {
            config.feeds.timeout = timeout;
        }
        if let Some(parallel) = self.feeds.parallel {
            config.feeds.parallel = parallel;
        }
        if let Some(days) = self.feeds.keep_days {
            config.feeds.keep.days = days;
        }
        if let Some(items) = self.feeds.keep_items {
            config.feeds.keep.items = items;
        }
        if let Some(interval) = self.feeds.min_interval_minutes {
            config.feeds.min_interval = interval;
        }
        if let Some(full_text) = self.feeds.full_text {
            config.feeds.full_text = full_text;
        }
        self.colors.apply(&mut config.colors);
        Ok(())
    }
}

static DEFAULT: LazyLock<Config> = LazyLock::new(|| {
    ConfigFile::parse(DEFAULT_TOML)
        .map_err(|(_, message)| message)
        .and_then(ConfigFile::complete)
        .unwrap_or_else(|error| panic!("assets/config.toml: {error}"))
});

impl Default for Config {
    /// `assets/config.toml`.
    fn default() -> Self {
        DEFAULT.clone()
    }
}

impl Config {
    /// The file read when `--config` is not given: `config.toml` in the configuration directory.
    pub fn default_path() -> Option<PathBuf> {
        dirs::config_dir().map(|dir| dir.join("config.toml"))
    }

    /// The defaults with the file at `path` over them.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = read_text(path).map_err(|error| ConfigError::io(path, &error))?;
        Config::parse(&text, path)
    }

    /// The defaults with [`Config::default_path`] over them, if that file exists.
    pub fn load_default_location() -> Result<Config, ConfigError> {
        let Some(path) = Config::default_path() else {
            return Ok(Config::default());
        };
        match read_text(&path) {
            Ok(text) => Config::parse(&text, &path),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Config::default()),
            Err(error) => Err(ConfigError::io(&path, &error)),
        }
    }

    /// The defaults with `text` over them; `path` names the file in errors and is where
    /// relative paths start.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        let dir = path.parent().unwrap_or(Path::new(""));
        ConfigFile::parse(text)
            .and_then(|file| file.apply(&mut config, dir))
            .map_err(|(span, message)| ConfigError::at(path, text, span, &message))?;
        Ok(config)
    }
}

/// A config file's text: a regular file of UTF-8, at most as long as any file sanad reads.
fn read_text(path: &Path) -> io::Result<String> {
    String::from_utf8(crate::corpus::read_bounded(path)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// A config file that could not be read or used, as one line: `PATH line L, column C: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    path: PathBuf,
    position: Option<(usize, usize)>,
    message: String,
}

impl ConfigError {
    fn io(path: &Path, error: &io::Error) -> Self {
        ConfigError {
            path: path.to_owned(),
            position: None,
            message: error.to_string(),
        }
    }

    fn at(path: &Path, text: &str, span: Option<Range<usize>>, message: &str) -> Self {
        let position = span.map(|span| {
            let before = &text[..span.start.min(text.len())];
            let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
            (
                before.matches('\n').count() + 1,
                before[line_start..].chars().count() + 1,
            )
        });
        // toml's messages may run over several lines; the error is one.
        let message: Vec<&str> = message
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        ConfigError {
            path: path.to_owned(),
            position,
            message: message.join("; "),
        }
    }

    /// Line and column (from 1, in characters) of what is wrong, when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.position
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{} line {line}, column {column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::{KeyCode, KeyModifiers};

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/home/r/.config/sanad/config.toml"))
    }

    fn press(config: &Config, code: KeyCode) -> Option<Action> {
        config.keys.action_for(Key::new(code, KeyModifiers::NONE))
    }

    fn key(spelling: &str) -> Key {
        spelling.parse().expect("key")
    }

    /// Line, column and message of the error `text` gives.
    fn error(text: &str) -> (usize, usize, String) {
        let error = parse(text).expect_err("should be refused");
        let (line, column) = error
            .position()
            .unwrap_or_else(|| panic!("no position: {error}"));
        (line, column, error.message().to_owned())
    }

    #[test]
    fn defaults_parse_and_keep_todays_bindings_and_colours() {
        let config = Config::default();
        assert!(config.shaping);
        assert_eq!(config.bidi, Bidi::App);
        assert!(config.lexicons.is_empty());
        assert_eq!(
            config.feeds,
            FeedSettings {
                file: None,
                timeout: Duration::from_secs(20),
                parallel: 4,
                keep: Keep { days: 0, items: 0 },
                min_interval: Duration::from_secs(60),
                full_text: false,
            }
        );
        assert_eq!(config.colors.figure, Color::Indexed(166));
        assert_eq!(config.colors.border, Color::DarkGray);
        assert_eq!(config.colors.current_hit, Color::LightRed);
        assert_eq!(config.colors.selected_finding_text, Color::White);
        let labels: Vec<String> = Action::ALL.iter().map(|&a| config.keys.label(a)).collect();
        assert_eq!(
            labels,
            [
                "j ↓",
                "k ↑",
                "g Home",
                "G End",
                "PgDn Space",
                "PgUp b",
                "Enter",
                "Tab",
                "/",
                "n",
                "N",
                "f",
                "t",
                "c",
                "s",
                "]",
                "[",
                "S",
                "F",
                "r",
                "R",
                "u",
                "*",
                "o",
                "y",
                "?",
                "q Esc",
                "Ctrl-C",
                "Ctrl-Z"
            ]
        );
        let event = |code, modifiers| config.keys.action_for(Key::new(code, modifiers));
        assert_eq!(
            event(KeyCode::Char('f'), KeyModifiers::CONTROL),
            Some(Action::PageDown)
        );
        assert_eq!(
            event(KeyCode::Char('b'), KeyModifiers::CONTROL),
            Some(Action::PageUp)
        );
        assert_eq!(
            event(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::SwitchPane)
        );
        assert_eq!(
            event(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Last)
        );
        assert_eq!(
            event(KeyCode::Char('?'), KeyModifiers::SHIFT),
            Some(Action::Help)
        );
        assert_eq!(
            event(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(event(KeyCode::Char('x'), KeyModifiers::NONE), None);
    }

    /// Red, green and blue of a colour as xterm draws it by default (the first 16 vary with
    /// the terminal's theme; 16–255 are a fixed cube and grey ramp).
    fn rgb(color: Color) -> (f64, f64, f64) {
        const BASIC: [(u8, u8, u8); 16] = [
            (0, 0, 0),
            (205, 0, 0),
            (0, 205, 0),
            (205, 205, 0),
            (0, 0, 238),
            (205, 0, 205),
            (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127),
            (255, 0, 0),
            (0, 255, 0),
            (255, 255, 0),
            (92, 92, 255),
            (255, 0, 255),
            (0, 255, 255),
            (255, 255, 255),
        ];
        let (r, g, b) = match color {
            Color::Rgb(r, g, b) => (r, g, b),
            Color::Indexed(n @ 0..=15) => BASIC[n as usize],
            Color::Indexed(n @ 16..=231) => {
                let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
                let n = n - 16;
                (level(n / 36), level(n / 6 % 6), level(n % 6))
            }
            Color::Indexed(n) => {
                let grey = 8 + 10 * (n - 232);
                (grey, grey, grey)
            }
            Color::Yellow => BASIC[3],
            Color::Green => BASIC[2],
            Color::Red => BASIC[1],
            Color::Cyan => BASIC[6],
            Color::Blue => BASIC[4],
            Color::Magenta => BASIC[5],
            other => panic!("no palette entry for {other:?}"),
        };
        (r as f64, g as f64, b as f64)
    }

    /// WCAG contrast ratio of two colours.
    fn contrast(a: Color, b: Color) -> f64 {
        let luminance = |color| {
            let (r, g, b) = rgb(color);
            let linear = |c: f64| {
                let c = c / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// The colours of text (figures, sources, the claims' statuses) read on a white background
    /// (xterm's and urxvt's default) as on a black one: a contrast of at least 3.
    #[test]
    fn text_colours_read_on_light_and_dark_backgrounds() {
        let colors = Config::default().colors;
        let black = Color::Rgb(0, 0, 0);
        let white = Color::Rgb(255, 255, 255);
        for (name, color) in [
            ("figure", colors.figure),
            ("source", colors.source),
            ("agreeing", colors.agreeing),
            ("conflicting", colors.conflicting),
            ("agree", colors.agree),
            ("conflict", colors.conflict),
        ] {
            for background in [black, white] {
                let ratio = contrast(color, background);
                assert!(
                    ratio >= 3.0,
                    "{name} {color:?} on {background:?}: {ratio:.2}"
                );
            }
        }
        // The yellow figures had on white: unreadable.
        assert!(contrast(Color::Yellow, white) < 2.0);
    }

    #[test]
    fn every_action_has_a_default_key() {
        let defaults = ConfigFile::parse(DEFAULT_TOML).expect("defaults parse");
        let mut seen = std::collections::HashSet::new();
        for &action in Action::ALL {
            let keys = &defaults.keys[&action];
            assert!(!keys.is_empty(), "{action:?} has no default key");
            for key in keys {
                let key: Key = key.get_ref().parse().expect("default key");
                assert!(seen.insert(key), "{key} bound twice");
            }
        }
    }

    #[test]
    fn the_defaults_must_set_everything() {
        let partial = ConfigFile::parse("shaping = true\n").expect("parses");
        assert_eq!(partial.complete(), Err("`bidi` is not set".to_owned()));
        let without_a_colour = DEFAULT_TOML.replace("\nsingle = ", "\n# single = ");
        let file = ConfigFile::parse(&without_a_colour).expect("parses");
        assert_eq!(
            file.complete(),
            Err("`colors.single` is not set".to_owned())
        );
        let without_a_key = DEFAULT_TOML.replace("\nhelp = ", "\n# help = ");
        let file = ConfigFile::parse(&without_a_key).expect("parses");
        assert_eq!(file.complete(), Err("`keys.help` is not set".to_owned()));
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse("").expect("empty"), Config::default());
        assert_eq!(parse(DEFAULT_TOML).expect("defaults"), Config::default());
    }

    #[test]
    fn a_file_overrides_only_what_it_sets() {
        let config = parse(
            "shaping = false\n[feeds]\nparallel = 8\n[colors]\nfigure = \"#ff8000\"\n[keys]\nquit = [\"ctrl-q\"]\n",
        )
        .expect("valid");
        let defaults = Config::default();
        assert!(!config.shaping);
        assert_eq!(config.bidi, defaults.bidi);
        assert_eq!(config.feeds.parallel, 8);
        let kept = Config::parse(
            "[feeds]\nkeep_days = 30\nkeep_items = 500\n",
            Path::new("c"),
        )
        .expect("valid config");
        assert_eq!(
            kept.feeds.keep,
            Keep {
                days: 30,
                items: 500
            }
        );
        assert_eq!(config.feeds.timeout, defaults.feeds.timeout);
        assert_eq!(config.colors.figure, Color::Rgb(0xff, 0x80, 0x00));
        assert_eq!(config.colors.source, defaults.colors.source);
        assert_eq!(config.keys.keys(Action::Quit), [key("ctrl-q")]);
        assert_eq!(
            config.keys.keys(Action::Down),
            defaults.keys.keys(Action::Down)
        );
    }

    #[test]
    fn rebinding_a_key_takes_it_from_its_default_action() {
        let config = parse("[keys]\nquit = [\"q\"]\n").expect("valid");
        assert_eq!(press(&config, KeyCode::Char('q')), Some(Action::Quit));
        assert_eq!(config.keys.keys(Action::Back), [key("esc")]);
        assert_eq!(config.keys.label(Action::Back), "Esc");
        assert_eq!(config.keys.label(Action::Quit), "q");
    }

    #[test]
    fn an_empty_list_unbinds() {
        let config = parse("[keys]\nsearch = []\n").expect("valid");
        assert_eq!(press(&config, KeyCode::Char('/')), None);
        assert!(config.keys.keys(Action::Search).is_empty());
    }

    #[test]
    fn relative_paths_start_from_the_config_directory() {
        let config = parse(
            "lexicons = [\"outlets.toml\", \"/srv/lexicon.toml\"]\n[feeds]\nfile = \"feeds.opml\"\n",
        )
        .expect("valid");
        assert_eq!(
            config.lexicons,
            [
                PathBuf::from("/home/r/.config/sanad/outlets.toml"),
                PathBuf::from("/srv/lexicon.toml")
            ]
        );
        assert_eq!(
            config.feeds.file,
            Some(PathBuf::from("/home/r/.config/sanad/feeds.opml"))
        );
        let cleared = Config::parse("[feeds]\nfile = \"\"\n", Path::new("c.toml")).expect("valid");
        assert_eq!(cleared.feeds.file, None);
    }

    #[test]
    fn colours_by_name_hex_or_index() {
        let config = parse(
            "[colors]\nfigure = \"light_red\"\nsource = \"#0a0B0c\"\nborder = 208\ndetails = \"244\"\nagree = \"Dark Gray\"\n",
        )
        .expect("valid");
        assert_eq!(config.colors.figure, Color::LightRed);
        assert_eq!(config.colors.source, Color::Rgb(10, 11, 12));
        assert_eq!(config.colors.border, Color::Indexed(208));
        assert_eq!(config.colors.details, Color::Indexed(244));
        assert_eq!(config.colors.agree, Color::DarkGray);
    }

    #[test]
    fn syntax_errors_point_at_the_line_and_column() {
        // Where the closing quote is missing.
        let (line, column, message) = error("shaping = true\nbidi = \"app\n");
        assert_eq!((line, column), (2, 12), "{message}");
        let (line, column, message) = error("\n\n[keys\n");
        assert_eq!((line, column), (3, 6), "{message}");
    }

    #[test]
    fn unknown_action_points_at_its_name() {
        let (line, column, message) = error("[keys]\ndown = [\"j\"]\nqiut = [\"x\"]\n");
        assert_eq!((line, column), (3, 1));
        assert!(message.contains("qiut"), "{message}");
    }

    #[test]
    fn unknown_key_points_at_its_spelling() {
        let (line, column, message) = error("[keys]\n\nquit = [\"q\", \"ctrl-foo\"]\n");
        assert_eq!((line, column), (3, 14));
        assert_eq!(message, "unknown key `ctrl-foo`");
    }

    #[test]
    fn bad_colour_points_at_its_value() {
        let (line, column, message) = error("# colours\n[colors]\nfigure = \"blurple\"\n");
        assert_eq!((line, column), (3, 10));
        assert!(message.contains("blurple"), "{message}");
        let (line, column, _) = error("[colors]\nborder = 256\n");
        assert_eq!((line, column), (2, 10));
    }

    #[test]
    fn unknown_field_points_at_its_name() {
        let (line, column, message) = error("shaping = true\n[colours]\nfigure = \"red\"\n");
        assert_eq!((line, column), (2, 2));
        assert!(message.contains("colours"), "{message}");
        let (line, column, message) = error("[feeds]\ntimeout = 3\n");
        assert_eq!((line, column), (2, 1));
        assert!(message.contains("timeout"), "{message}");
    }

    #[test]
    fn wrong_types_and_values_point_at_the_value() {
        let (line, column, _) = error("shaping = \"yes\"\n");
        assert_eq!((line, column), (1, 11));
        let (line, column, _) = error("bidi = \"both\"\n");
        assert_eq!((line, column), (1, 8));
        let (line, column, message) = error("[feeds]\ntimeout_seconds = 0\n");
        assert_eq!((line, column), (2, 19));
        assert!(message.contains("1 to 600 seconds"), "{message}");
        let (_, _, message) = error("[feeds]\ntimeout_seconds = 9223372036854775807\n");
        assert!(message.contains("1 to 600 seconds"), "{message}");
        let (_, _, message) = error("[feeds]\ntimeout_seconds = 601\n");
        assert!(message.contains("1 to 600 seconds"), "{message}");
        let (line, column, message) = error("[feeds]\nparallel = 33\n");
        assert_eq!((line, column), (2, 12));
        assert!(message.contains("1 to 32"), "{message}");
        let (line, column, _) = error("[feeds]\nparallel = 0\n");
        assert_eq!((line, column), (2, 12));
        let (line, column, message) = error("[feeds]\nmin_interval_minutes = 1441\n");
        assert_eq!((line, column), (2, 24));
        assert!(message.contains("0 to 1440"), "{message}");
    }

    #[test]
    fn a_config_that_leaves_no_key_to_quit_with_is_refused() {
        for text in [
            "[keys]\nquit = []\nback = []\n",
            "[keys]\nhelp = [\"ctrl-c\"]\nback = []\n",
        ] {
            let error = parse(text).expect_err(text);
            assert!(error.message().contains("no key to quit with"), "{error}");
        }
        // Back alone still leaves the reader, from the list.
        let config = parse("[keys]\nquit = []\n").unwrap();
        assert!(config.keys.keys(Action::Quit).is_empty());
    }

    #[test]
    fn a_key_given_two_actions_points_at_the_second() {
        let (line, column, message) = error("[keys]\nup = [\"x\"]\ndown = [\"j\", \"x\"]\n");
        assert_eq!((line, column), (3, 14));
        assert_eq!(message, "`x` is bound to both `up` and `down`");
    }

    #[test]
    fn errors_are_one_line_naming_the_file() {
        let error = parse("[keys]\n\nquit = [\"q\", \"ctrl-foo\"]\n").expect_err("bad key");
        assert_eq!(
            error.to_string(),
            "/home/r/.config/sanad/config.toml line 3, column 14: unknown key `ctrl-foo`"
        );
        let error = parse("a = [\n").expect_err("unclosed");
        assert_eq!(error.to_string().lines().count(), 1, "{error}");
        let missing = Config::load(Path::new("/nonexistent/sanad.toml")).expect_err("no file");
        assert!(
            missing.to_string().starts_with("/nonexistent/sanad.toml: "),
            "{missing}"
        );
    }
}
