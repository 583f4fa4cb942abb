//! The feeds file: which feeds to read, in newsboat's `urls` format so an existing list can be
//! reused. One feed per line, `#` starting a comment line; after the URL or path come tokens,
//! double-quoted when they hold spaces: `~Name` names the feed, anything else is a tag.
//!
//! ```text
//! # Arabic news
//! https://www.example.org/rss.xml "~Al Jazeera" arabic news
//! ~/feeds/local.atom
//! ```

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

/// One feed to read and how to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// An `http(s)://` URL as written, or a file path with `~/` expanded and made relative to
    /// the feeds file's directory.
    pub location: String,
    /// The display name given with `~Name`, shown as the source instead of the feed's title.
    pub name: Option<String>,
    /// The other tokens on the line, in order, without repeats.
    pub tags: Vec<String>,
}

/// The tag that asks for a feed's items' pages when they carry only a summary, and the one
/// that turns it off for the feed, over the config's `[feeds] full_text`.
pub const FULL_TEXT_TAG: &str = "full-text";
pub const NO_FULL_TEXT_TAG: &str = "no-full-text";

impl Subscription {
    /// Whether this feed's tags ask for its items' full text, or refuse it; none: as the config
    /// says.
    pub fn full_text(&self) -> Option<bool> {
        let tagged = |tag: &str| self.tags.iter().any(|t| t == tag);
        match (tagged(FULL_TEXT_TAG), tagged(NO_FULL_TEXT_TAG)) {
            (_, true) => Some(false),
            (true, false) => Some(true),
            (false, false) => None,
        }
    }

    /// The feeds-file line that reads back as this feed: tokens with spaces or quotes quoted.
    pub fn line(&self) -> String {
        let quoted = |token: &str| {
            if token.is_empty() || token.contains(|c: char| c.is_whitespace() || c == '"') {
                format!("\"{}\"", token.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                token.to_owned()
            }
        };
        let mut tokens = vec![quoted(&self.location)];
        tokens.extend(self.name.iter().map(|name| quoted(&format!("~{name}"))));
        tokens.extend(self.tags.iter().map(|tag| quoted(tag)));
        tokens.join(" ")
    }

    /// Whether `other` is the same feed, however its location is spelled.
    pub fn same_feed(&self, other: &str) -> bool {
        feed_identity(&self.location) == feed_identity(other)
    }
}

/// The feeds of a feeds file, and the lines it could not read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedsFile {
    /// The feeds, in the file's order.
    pub subscriptions: Vec<Subscription>,
    /// One line per line skipped, naming it: "line 3, column 12: unclosed quote".
    pub skipped: Vec<String>,
}

/// Parses a feeds file's text. Relative paths are taken from `base_dir`, `~/` from `$HOME`.
/// A line that cannot be read is skipped and named with its column ("line 3, column 12:
/// unclosed quote"), so one typo does not lose every feed. A location listed twice is kept
/// once, the first time.
pub fn parse_subscriptions(text: &str, base_dir: &Path) -> FeedsFile {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    parse_with_home(text, base_dir, home.as_deref())
}

/// Reads and parses a feeds file; errors are one line starting with its path, and so is each
/// line skipped.
pub fn load_subscriptions(path: &Path) -> Result<FeedsFile> {
    let shown = path.display().to_string();
    let bytes = super::read_bounded(path).map_err(|error| super::io_error(&shown, &error))?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow!("{shown}: not UTF-8 text"))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let base_dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = parse_subscriptions(text, base_dir);
    for skipped in &mut file.skipped {
        *skipped = format!("{shown} {skipped}; line skipped");
    }
    Ok(file)
}

/// What makes two locations one feed: a URL as parsed (host in lower case, default port and
/// fragment dropped), a path with its `.` steps and doubled slashes gone.
fn feed_identity(location: &str) -> String {
    match url::Url::parse(location) {
        Ok(mut url) if matches!(url.scheme(), "http" | "https") => {
            url.set_fragment(None);
            url.to_string()
        }
        _ => Path::new(location)
            .components()
            .collect::<PathBuf>()
            .display()
            .to_string(),
    }
}

/// `parse_subscriptions` with the home directory given, so tests need not touch the
/// environment.
fn parse_with_home(text: &str, base_dir: &Path, home: Option<&Path>) -> FeedsFile {
    let mut file = FeedsFile::default();
    let mut seen = HashSet::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match parse_line(line, index + 1, base_dir, home) {
            Ok(subscription) => {
                if seen.insert(feed_identity(&subscription.location)) {
                    file.subscriptions.push(subscription);
                }
            }
            Err(error) => file.skipped.push(error.to_string()),
        }
    }
    file
}

/// One line of a feeds file, line `number`.
fn parse_line(
    line: &str,
    number: usize,
    base_dir: &Path,
    home: Option<&Path>,
) -> Result<Subscription> {
    let tokens =
        tokens(line).map_err(|(column, what)| anyhow!("line {number}, column {column}: {what}"))?;
    let Some((first, rest)) = tokens.split_first() else {
        bail!("line {number}: empty");
    };
    let at = |token: &Token| format!("line {number}, column {}", token.column);
    let location =
        location(&first.text, base_dir, home).map_err(|what| anyhow!("{}: {what}", at(first)))?;
    let mut name = None;
    let mut tags: Vec<String> = Vec::new();
    for token in rest {
        match token.text.strip_prefix('~') {
            Some(_) if name.is_some() => {
                bail!(
                    "{}: `{}` is a second name for the feed",
                    at(token),
                    token.text
                )
            }
            Some(given) => {
                let given = given.trim();
                if given.is_empty() {
                    bail!("{}: `~` without a name", at(token));
                }
                name = Some(given.to_owned());
            }
            None if tags.contains(&token.text) => {}
            None => tags.push(token.text.clone()),
        }
    }
    Ok(Subscription {
        location,
        name,
        tags,
    })
}

/// A word of a line and the column (in chars, from 1) where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    text: String,
    column: usize,
}

/// Splits a line at white space; a token opening with `"` runs to the next unescaped `"`
/// (`\"` and `\\` stand for `"` and `\` inside it). Errors carry a column and what is wrong.
fn tokens(line: &str) -> Result<Vec<Token>, (usize, &'static str)> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().enumerate().peekable();
    while let Some(&(index, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let column = index + 1;
        let mut text = String::new();
        if c == '"' {
            chars.next();
            let mut closed = false;
            while let Some((_, c)) = chars.next() {
                match c {
                    '"' => {
                        closed = true;
                        break;
                    }
                    '\\' if chars
                        .peek()
                        .is_some_and(|&(_, next)| matches!(next, '"' | '\\')) =>
                    {
                        text.extend(chars.next().map(|(_, next)| next));
                    }
                    _ => text.push(c),
                }
            }
            if !closed {
                return Err((column, "unclosed quote"));
            }
            if let Some(&(after, next)) = chars.peek()
                && !next.is_whitespace()
            {
                return Err((after + 1, "a space must follow a closing quote"));
            }
        } else {
            while let Some(&(_, c)) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                text.push(c);
                chars.next();
            }
        }
        tokens.push(Token { text, column });
    }
    Ok(tokens)
}

/// A feed's location from the first token: an http(s) URL as written, or a file path. Any other
/// scheme (`ftp:`, newsboat's `query:` and `exec:`) is refused, and so is a name in first place.
fn location(token: &str, base_dir: &Path, home: Option<&Path>) -> Result<String, String> {
    if let Some(scheme) = scheme(token) {
        if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
            return Err(format!("`{token}` is not an http(s) URL or a file path"));
        }
        return match url::Url::parse(token) {
            Ok(url) if url.has_host() => Ok(token.to_owned()),
            Ok(_) => Err(format!("`{token}` is not a valid URL (no host)")),
            Err(error) => Err(format!("`{token}` is not a valid URL ({error})")),
        };
    }
    if token.is_empty() {
        return Err("an empty feed location".into());
    }
    let path = match token.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            let Some(home) = home else {
                return Err(format!("`{token}` starts with ~ but HOME is not set"));
            };
            home.join(rest.trim_start_matches('/'))
        }
        Some(_) => {
            return Err(format!(
                "the name `{token}` comes before any feed URL or file path"
            ));
        }
        None => base_dir.join(token),
    };
    Ok(path.display().to_string())
}

/// The scheme of a URL-like token ("http" in "http://x"): two or more letters, digits, `+`,
/// `-` or `.` from a letter up to a `:`. A single letter is a drive, not a scheme.
fn scheme(token: &str) -> Option<&str> {
    let (scheme, _) = token.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && scheme.len() >= 2;
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locations(file: &FeedsFile) -> Vec<&str> {
        file.subscriptions
            .iter()
            .map(|s| s.location.as_str())
            .collect()
    }

    #[test]
    fn a_bad_line_is_skipped_and_named_and_the_rest_are_read() {
        let text =
            "https://a.example/rss ~A\nhttps://b.example/rss \"~B\n\nhttps://c.example/rss\n";
        let file = parse_with_home(text, Path::new("/feeds"), None);
        let locations = locations(&file);
        assert_eq!(
            locations,
            ["https://a.example/rss", "https://c.example/rss"]
        );
        assert_eq!(file.skipped.len(), 1);
        assert!(
            file.skipped[0].starts_with("line 2, column"),
            "{:?}",
            file.skipped
        );
    }

    #[test]
    fn a_feed_written_as_a_line_reads_back() {
        let feed = Subscription {
            location: "https://a.example/rss?x=1".to_owned(),
            name: Some("BBC \"عربي\" \\ 1".to_owned()),
            tags: vec!["أخبار عربية".to_owned(), "world".to_owned()],
        };
        let file = parse_with_home(&feed.line(), Path::new("/feeds"), None);
        assert_eq!(
            file.subscriptions,
            std::slice::from_ref(&feed),
            "{}",
            feed.line()
        );
        assert!(feed.same_feed("HTTPS://A.example/rss?x=1#top"));
    }

    #[test]
    fn a_feed_listed_twice_is_one_feed() {
        let text = "https://a.example/rss\nhttps://a.example/rss news\n\
                    HTTPS://A.Example:443/rss#top\n./local.xml\n/feeds//local.xml\n";
        let file = parse_with_home(text, Path::new("/feeds"), None);
        let locations = locations(&file);
        assert_eq!(locations, ["https://a.example/rss", "/feeds/./local.xml"]);
        assert!(file.skipped.is_empty());
    }
}
