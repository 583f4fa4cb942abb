//! Finding and reading articles: the built-in sample, plain text, Markdown, JSON and JSON-lines
//! files, feed files, and directories of them. Pure of terminals; problems come back as one-line
//! messages that name the path.

pub mod feed;
pub mod fulltext;
pub mod opml;
pub mod subscriptions;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};
use unicode_segmentation::UnicodeSegmentation;

/// Longest title, in chars, including the "…" added when a title is cut.
const MAX_TITLE_CHARS: usize = 120;
/// How far into a body a first sentence is looked for; a longer one is cut anyway.
const TITLE_SCAN_CHARS: usize = 1000;
/// How much of a file is checked for NUL bytes to tell binary files from text.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;
/// Extensions picked up when walking a directory, in the words of the "no articles" error.
const ARTICLE_EXTENSIONS_LIST: &str = ".txt, .md, .json, .jsonl, .xml, .rss, .atom";
/// JSON fields that may hold an article's body, in order of preference.
const BODY_FIELDS: [&str; 3] = ["body", "text", "content"];

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16_LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16_BE_BOM: &[u8] = b"\xFE\xFF";
const UTF32_LE_BOM: &[u8] = b"\xFF\xFE\x00\x00";
const UTF32_BE_BOM: &[u8] = b"\x00\x00\xFE\xFF";

/// One article: its text as stored and where its body lies in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Short unique name: the file stem, a JSON record's `id`, or for a feed item a slug of its
    /// source and a hash of its key (see `load_paths`).
    pub id: String,
    /// Where it came from, for display and JSON: "sample/NAME.txt", the file path,
    /// "FILE.jsonl:LINE" / "FILE.json#N" for a record in a JSON file, or a feed item's link
    /// (its key when it has none).
    pub path: String,
    /// The file's own title, else the body's first sentence, else the id; never empty.
    pub title: String,
    /// The decoded text (without a byte order mark); byte offsets from other modules index it.
    pub text: String,
    /// Byte range of the body inside `text`: all of it for plain text, after the `# title`
    /// line for Markdown, all of it for JSON (where `text` is the body field).
    pub body: Range<usize>,
    /// Outlet name, when the file says.
    pub source: Option<String>,
    /// Address of the original report, when the file says.
    pub url: Option<String>,
    /// Publication date as written in the file, when it says.
    pub published: Option<String>,
    /// The feed (URL or file) an item came from; `None` for articles read from files.
    pub feed: Option<String>,
    /// What identifies the article across runs, for its read state: "sample/NAME", a file's
    /// canonical path (with ":LINE" or "#N" of a record in it), or "FEED#GUID" for a feed item.
    #[serde(skip)]
    pub key: String,
}

impl Article {
    /// The body as a slice of `text`; empty if `body` does not fit `text`.
    pub fn body_text(&self) -> &str {
        self.text.get(self.body.clone()).unwrap_or_default()
    }

    /// Lets the text go once what is needed of it was found (figures, sources, a signature): a
    /// corpus of thousands of articles is mostly their texts. The body becomes empty; the title,
    /// outlet and dates stay.
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.body = 0..0;
    }

    /// The title the article gives itself (a Markdown `# title`, a JSON or feed title), `None`
    /// when its title is only its body's first sentence or its id.
    pub fn own_title(&self) -> Option<&str> {
        let derived = make_title(None, self.body_text(), &self.id);
        (self.title != derived).then_some(self.title.as_str())
    }

    /// Seconds since the epoch of its publication date, when it has one that reads as a date.
    pub fn published_seconds(&self) -> Option<i64> {
        self.published.as_deref().and_then(published_seconds)
    }

    /// Who published it, as a reader names it: the outlet (a feed item's feed), else the file
    /// name, else the id.
    pub fn outlet(&self) -> &str {
        if let Some(source) = self.source.as_deref().filter(|s| !s.trim().is_empty()) {
            return source;
        }
        let file = self.path.rsplit(['/', '\\']).next().unwrap_or_default();
        if file.is_empty() { &self.id } else { file }
    }

    /// Its publication day, "2024-01-02", when its date reads as one.
    pub fn published_day(&self) -> Option<String> {
        self.published_seconds().map(day_of)
    }
}

/// Seconds since the epoch of a publication date as feeds and files write it: RFC 3339
/// ("2024-03-01T12:30:00+03:00", what feed items carry), RFC 2822 ("Fri, 01 Mar 2024 12:30:00
/// GMT"), or a date, with or without a time, taken as UTC; `None` for anything else, which
/// then sorts by when it was first seen.
pub fn published_seconds(published: &str) -> Option<i64> {
    let text = published.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_rfc2822(text))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%z"))
    {
        return Some(time.timestamp());
    }
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|date| date.and_hms_opt(0, 0, 0))
    })
    .map(|time| time.and_utc().timestamp())
}

/// The UTC day of a time in seconds since the epoch, "2024-01-02".
pub fn day_of(seconds: i64) -> String {
    DateTime::from_timestamp(seconds, 0)
        .map(|time| time.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Articles loaded together plus warnings worth telling the user (e.g. invalid UTF-8 replaced,
/// a skipped file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Corpus {
    /// The articles, in load order, with unique ids.
    pub articles: Vec<Article>,
    /// One-line messages, each naming the path concerned.
    pub warnings: Vec<String>,
}

impl Corpus {
    /// The article with exactly this id, else the only article whose id starts with it.
    pub fn find(&self, id: &str) -> Option<&Article> {
        if let Some(article) = self.articles.iter().find(|article| article.id == id) {
            return Some(article);
        }
        if id.is_empty() {
            return None;
        }
        let mut by_prefix = self
            .articles
            .iter()
            .filter(|article| article.id.starts_with(id));
        match (by_prefix.next(), by_prefix.next()) {
            (Some(article), None) => Some(article),
            _ => None,
        }
    }
}

/// File names and contents of the sample reports built into the binary.
const SAMPLE_FILES: [(&str, &str); 5] = [
    (
        "000_b4a5ed5ac2308f74.txt",
        include_str!("../../assets/sample/000_b4a5ed5ac2308f74.txt"),
    ),
    (
        "001_2a77a7544d414243.txt",
        include_str!("../../assets/sample/001_2a77a7544d414243.txt"),
    ),
    (
        "002_07a2ee11802b581d.txt",
        include_str!("../../assets/sample/002_07a2ee11802b581d.txt"),
    ),
    (
        "003_90a1adca7efb77d4.txt",
        include_str!("../../assets/sample/003_90a1adca7efb77d4.txt"),
    ),
    (
        "004_90b7322cd039eea9.txt",
        include_str!("../../assets/sample/004_90b7322cd039eea9.txt"),
    ),
];

/// The five sample reports built into the binary, so the reader works with no files at hand.
pub fn sample() -> Corpus {
    let mut corpus = Corpus::default();
    for (name, contents) in SAMPLE_FILES {
        let path = format!("sample/{name}");
        match article_from_bytes(&path, contents.as_bytes(), &mut corpus.warnings) {
            Ok(articles) => corpus.articles.extend(articles),
            Err(error) => corpus.warnings.push(error.to_string()),
        }
    }
    make_ids_unique(&mut corpus.articles);
    corpus
}

/// The bodies of the built-in sample, paragraphs kept, repeated until the text holds at
/// least `min_bytes`: a scaled input for benchmarks.
pub fn scaled_sample_text(min_bytes: usize) -> String {
    let once: String = sample()
        .articles
        .iter()
        .map(|article| format!("{}\n\n", article.body_text().trim_end()))
        .collect();
    once.repeat(min_bytes.div_ceil(once.len().max(1)).max(1))
}

/// The built-in sample repeated round-robin up to `articles` articles: a corpus of realistic
/// size whose reports conflict, for benchmarks of `compare`. Copy 0 of each report is the
/// sample itself; copy `n` gets the id "ID-n" and every figure moved by `n % 7` (see
/// `vary_figures`), so the same claims come back with agreeing and conflicting values.
pub fn scaled_corpus(articles: usize) -> Corpus {
    let sample = sample();
    let originals = &sample.articles;
    let articles = (0..articles)
        .map(|index| vary_figures(&originals[index % originals.len()], index / originals.len()))
        .collect();
    Corpus {
        articles,
        warnings: sample.warnings,
    }
}

/// Copy `copy` of `article` for `scaled_corpus`: its text with figures moved by `copy % 7`
/// (`shift_digits`) and the body range carried over; id "ID-copy", path "PATH#copy", title and
/// the rest kept. Copy 0 is `article` itself.
fn vary_figures(article: &Article, copy: usize) -> Article {
    if copy == 0 {
        return article.clone();
    }
    let delta = (copy % 7) as u64;
    let Range { start, end } = article.body;
    let [before, body_text, after] = [0..start, start..end, end..article.text.len()]
        .map(|range| shift_digits(article.text.get(range).unwrap_or_default(), delta));
    Article {
        id: format!("{}-{copy}", article.id),
        path: format!("{}#{copy}", article.path),
        key: format!("{}#{copy}", article.key),
        body: before.len()..before.len() + body_text.len(),
        text: before + &body_text + &after,
        ..article.clone()
    }
}

/// `text` with every whole run of ASCII digits read as a number and `delta` added, zero-padded
/// to its old width ("07" → "09", 99 → 101 for 2); a run too long for u64 is kept.
fn shift_digits(mut text: &str, delta: u64) -> String {
    let mut shifted = String::with_capacity(text.len() + 8);
    while let Some(start) = text.find(|c: char| c.is_ascii_digit()) {
        let end = text[start..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(text.len(), |length| start + length);
        let run = &text[start..end];
        shifted.push_str(&text[..start]);
        match run.parse::<u64>() {
            Ok(value) => shifted.push_str(&format!(
                "{:0width$}",
                value.saturating_add(delta),
                width = run.len()
            )),
            Err(_) => shifted.push_str(run),
        }
        text = &text[end..];
    }
    shifted.push_str(text);
    shifted
}

/// Loads files and directories (recursively, sorted by path for a stable order).
///
/// A file named explicitly is read whatever its extension (unknown ones as plain text, or as a
/// feed when its bytes say so) and any problem with it is an error, a feed without items too.
/// Inside a directory only `.txt`, `.md`, `.json`, `.jsonl`, `.ndjson`, `.xml`, `.rss` and
/// `.atom` files are read, hidden entries are skipped, and a file that cannot be read becomes a
/// warning; a directory that yields no article is an error. A file reached twice is read once.
/// No paths give an empty corpus.
pub fn load_paths(paths: &[PathBuf]) -> Result<Corpus> {
    let mut corpus = Corpus::default();
    let mut files_read = HashSet::new();
    for path in paths {
        let shown = path.display().to_string();
        let metadata = fs::metadata(path).map_err(|error| io_error(&shown, &error))?;
        if metadata.is_dir() {
            load_directory(path, &shown, &mut files_read, &mut corpus)?;
        } else {
            if !files_read.insert(identity(path)) {
                continue;
            }
            let (articles, warnings) = load_file(path);
            corpus.warnings.extend(warnings);
            corpus.articles.extend(articles?);
        }
    }
    make_ids_unique(&mut corpus.articles);
    Ok(corpus)
}

/// Reads one article from bytes: decoding, title, body; used by load_paths and testable
/// without files.
///
/// Bytes that sniff as a feed (`feed::looks_like_feed`) are one, whatever the extension; so
/// are `.xml`, `.rss`, `.atom`, `.html` and `.htm` files, which are an error when they are not.
/// Otherwise the format follows the extension of `path`: `.json` (one object or an array of
/// objects), `.jsonl`/`.ndjson` (one object per line), `.md`, anything else plain text. JSON
/// yields one article per record; records without a body are skipped with a warning.
pub fn article_from_bytes(
    path: &str,
    bytes: &[u8],
    warnings: &mut Vec<String>,
) -> Result<Vec<Article>> {
    let format = Format::of(path, bytes);
    if format == Format::Feed {
        // Feeds are decoded by the feed parser, which knows their declared encoding.
        return feed_file_articles(path, bytes, warnings);
    }
    let text = decode(path, bytes, warnings)?;
    if text.trim().is_empty() {
        bail!("{path}: empty file");
    }
    let stem = file_stem(path);
    let articles = match format {
        Format::Json => json_articles(path, &stem, &text, warnings)?,
        Format::JsonLines => json_lines_articles(path, &stem, &text, warnings)?,
        Format::Markdown => vec![markdown_article(path, stem, text)],
        Format::PlainText => vec![plain_text_article(path, stem, text)],
        Format::Feed => feed_file_articles(path, bytes, warnings)?,
    };
    if articles.is_empty() {
        bail!("{path}: no record with a body (body, text or content)");
    }
    Ok(articles)
}

/// How a file's contents are laid out, judged by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    PlainText,
    Markdown,
    Json,
    JsonLines,
    /// A feed, or a document that should be one (an HTML page is refused as not a feed).
    Feed,
}

impl Format {
    /// The format of a file: a feed if its bytes say so, else by its extension
    /// (case-insensitive); unknown extensions are plain text.
    fn of(path: &str, bytes: &[u8]) -> Format {
        if feed::looks_like_feed(bytes) {
            return Format::Feed;
        }
        match extension(Path::new(path)).as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("json") => Format::Json,
            Some("jsonl" | "ndjson") => Format::JsonLines,
            Some("xml" | "rss" | "atom" | "html" | "htm") => Format::Feed,
            _ => Format::PlainText,
        }
    }
}

/// The items of a feed file; a feed without any is an error, since a file named or found is
/// expected to hold articles.
fn feed_file_articles(
    path: &str,
    bytes: &[u8],
    warnings: &mut Vec<String>,
) -> Result<Vec<Article>> {
    let parsed = feed::parse_feed(path, None, bytes)?;
    if parsed.articles.is_empty() {
        bail!("{path}: feed has no items");
    }
    warnings.extend(
        parsed
            .warnings
            .iter()
            .map(|warning| format!("{path}: {warning}")),
    );
    Ok(parsed.articles)
}

/// The lowercased extension of `path`, if it has one.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|extension| extension.to_string_lossy().to_ascii_lowercase())
}

/// Whether a file found while walking a directory should be read as an article.
fn is_article_file(path: &Path) -> bool {
    matches!(
        extension(path).as_deref(),
        Some("txt" | "md" | "markdown" | "json" | "jsonl" | "ndjson" | "xml" | "rss" | "atom")
    )
}

/// The file name without directory and extension, used as an article id.
fn file_stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .filter(|stem| !stem.is_empty())
        .unwrap_or_else(|| "article".to_owned())
}

/// Walks a directory and loads every article file in it, in path order.
fn load_directory(
    dir: &Path,
    shown: &str,
    files_read: &mut HashSet<PathBuf>,
    corpus: &mut Corpus,
) -> Result<()> {
    let mut files =
        article_files_under(dir, &mut corpus.warnings).map_err(|error| io_error(shown, &error))?;
    if files.is_empty() {
        bail!("{shown}: no articles ({ARTICLE_EXTENSIONS_LIST}) found");
    }
    files.sort();
    let found = files.len();
    files.retain(|file| files_read.insert(identity(file)));
    let already_read = found - files.len();

    let results: Vec<_> = files.par_iter().map(|file| load_file(file)).collect();
    let mut loaded = 0;
    let mut skipped = 0;
    let mut first_skip_reason = None;
    for (articles, warnings) in results {
        corpus.warnings.extend(warnings);
        match articles {
            Ok(articles) => {
                loaded += articles.len();
                corpus.articles.extend(articles);
            }
            Err(error) => {
                skipped += 1;
                first_skip_reason.get_or_insert_with(|| error.to_string());
                corpus.warnings.push(format!("{error}; skipped"));
            }
        }
    }
    if loaded == 0 && already_read == 0 {
        match first_skip_reason {
            Some(first) => bail!(
                "{shown}: no article could be read ({skipped} file(s) skipped, first: {first})"
            ),
            None => bail!("{shown}: no articles ({ARTICLE_EXTENSIONS_LIST}) found"),
        }
    }
    Ok(())
}

/// Every article file under `dir`, found without recursion and without following a symlinked
/// directory into a loop; unreadable subdirectories and broken links become warnings.
fn article_files_under(dir: &Path, warnings: &mut Vec<String>) -> io::Result<Vec<PathBuf>> {
    let mut visited = HashSet::new();
    visited.insert(identity(dir));
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    let mut is_top = true;
    while let Some(current) = pending.pop() {
        let entries = match fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(error) if is_top => return Err(error),
            Err(error) => {
                warnings.push(format!(
                    "{}; skipped",
                    io_error(&current.display().to_string(), &error)
                ));
                continue;
            }
        };
        is_top = false;
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    warnings.push(format!(
                        "{}; skipped",
                        io_error(&current.display().to_string(), &error)
                    ));
                    continue;
                }
            };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            match fs::metadata(&path) {
                Ok(metadata) if metadata.is_dir() => {
                    if visited.insert(identity(&path)) {
                        pending.push(path);
                    }
                }
                Ok(metadata) if metadata.is_file() => {
                    if is_article_file(&path) {
                        files.push(path);
                    }
                }
                // Sockets, pipes and devices are never articles (and reading a pipe could block).
                Ok(_) => {}
                Err(error) => {
                    if is_article_file(&path) {
                        warnings.push(format!(
                            "{}; skipped",
                            io_error(&path.display().to_string(), &error)
                        ));
                    }
                }
            }
        }
    }
    Ok(files)
}

/// What makes two paths the same file or directory: the canonical path when it can be had.
fn identity(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads and parses one file, returning its articles and any warnings about it.
fn load_file(path: &Path) -> (Result<Vec<Article>>, Vec<String>) {
    let shown = path.display().to_string();
    let mut warnings = Vec::new();
    let articles = read_file(path, &shown)
        .and_then(|bytes| article_from_bytes(&shown, &bytes, &mut warnings))
        .map(|mut articles| {
            // Keys name the file as it is, wherever it was opened from, and so do the ids of
            // feed items, which are made from keys.
            let canonical = identity(path).display().to_string();
            for article in &mut articles {
                if let Some(rest) = article.key.strip_prefix(&shown) {
                    article.key = format!("{canonical}{rest}");
                    if article.feed.is_some() {
                        article.id = feed::item_id(article.source.as_deref(), &article.key);
                    }
                }
            }
            articles
        });
    (articles, warnings)
}

/// The most bytes sanad reads of one file, as of one download: a path is anything a user or a
/// feeds file names (`/dev/zero`, a FIFO, a huge dump), and memory must stay bounded.
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// Opens `path` for reading if it is a regular file: a FIFO would wait forever and a device
/// never end.
pub fn open_regular(path: &Path) -> io::Result<File> {
    if !fs::metadata(path)?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    File::open(path)
}

/// Reads the rest of `file` after `bytes`, refusing a file longer than [`MAX_FILE_BYTES`].
fn read_rest(file: &mut File, bytes: &mut Vec<u8>) -> io::Result<()> {
    let room = (MAX_FILE_BYTES + 1).saturating_sub(bytes.len() as u64);
    file.take(room).read_to_end(bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            "larger than 32 MB, the most sanad reads of a file",
        ));
    }
    Ok(())
}

/// The bytes of the regular file at `path`, at most [`MAX_FILE_BYTES`].
pub fn read_bounded(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = open_regular(path)?;
    let mut bytes = Vec::new();
    read_rest(&mut file, &mut bytes)?;
    Ok(bytes)
}

/// The bytes of a file, refusing early (before reading it all) a file that looks binary.
fn read_file(path: &Path, shown: &str) -> Result<Vec<u8>> {
    let mut file = open_regular(path).map_err(|error| io_error(shown, &error))?;
    let mut bytes = Vec::new();
    (&mut file)
        .take(BINARY_SNIFF_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(|error| io_error(shown, &error))?;
    if looks_binary(&bytes) {
        bail!("{shown}: binary file, not an article");
    }
    read_rest(&mut file, &mut bytes).map_err(|error| io_error(shown, &error))?;
    Ok(bytes)
}

/// A one-line error naming the path, worded plainly for the common cases.
fn io_error(shown: &str, error: &io::Error) -> anyhow::Error {
    match error.kind() {
        io::ErrorKind::NotFound => anyhow!("{shown}: no such file or directory"),
        io::ErrorKind::PermissionDenied => anyhow!("{shown}: permission denied"),
        _ => anyhow!("{shown}: {error}"),
    }
}

/// Whether the start of a file is not text: NUL bytes, which text never holds; in a file that
/// starts with a UTF-16 or UTF-32 byte order mark, NUL characters, or more than one character
/// in twenty (and more than a few) a control, a bad unit or a private one once decoded, so a binary file that
/// happens to start `FF FE` is not read as letters.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    let Some((text, _)) = unicode_text(head) else {
        return head.contains(&0);
    };
    // Text is letters of a few scripts: controls, units that decode to nothing and private
    // characters are what bytes of another kind become.
    let odd = text
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
                || c == char::REPLACEMENT_CHARACTER
                || ('\u{E000}'..='\u{F8FF}').contains(&c)
        })
        .count();
    text.contains('\0') || (odd > STRAY_BYTES && odd * 20 > text.chars().count())
}

/// Text in UTF-16 or UTF-32 as its byte order mark says, bad units replaced, and the name of
/// the encoding; `None` without such a mark.
fn unicode_text(bytes: &[u8]) -> Option<(String, &'static str)> {
    let utf32 = |rest: &[u8], unit: fn([u8; 4]) -> u32| -> String {
        rest.chunks(4)
            .map(|chunk| {
                <[u8; 4]>::try_from(chunk)
                    .ok()
                    .and_then(|unit_bytes| char::from_u32(unit(unit_bytes)))
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect()
    };
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| -> String {
        let units = rest.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
        let mut text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        if !rest.len().is_multiple_of(2) {
            // A dangling odd byte: half a code unit.
            text.push(char::REPLACEMENT_CHARACTER);
        }
        text
    };
    // UTF-32 first: its little-endian mark starts as UTF-16's does.
    if let Some(rest) = bytes.strip_prefix(UTF32_LE_BOM) {
        Some((utf32(rest, u32::from_le_bytes), "UTF-32"))
    } else if let Some(rest) = bytes.strip_prefix(UTF32_BE_BOM) {
        Some((utf32(rest, u32::from_be_bytes), "UTF-32"))
    } else if let Some(rest) = bytes.strip_prefix(UTF16_LE_BOM) {
        Some((utf16(rest, u16::from_le_bytes), "UTF-16"))
    } else {
        bytes
            .strip_prefix(UTF16_BE_BOM)
            .map(|rest| (utf16(rest, u16::from_be_bytes), "UTF-16"))
    }
}

/// Invalid UTF-8 sequences a document may hold and still be UTF-8 with a few stray bytes,
/// rather than text in an old code page.
const STRAY_BYTES: usize = 8;

/// Bytes that are not UTF-8, read as windows-1256 when they are too many to be stray and that
/// gives Arabic letters (four in five of the letters outside ASCII): old Arabic text files and
/// servers that label that code page UTF-8.
pub(crate) fn as_windows_1256(bytes: &[u8]) -> Option<String> {
    let stray = String::from_utf8_lossy(bytes)
        .matches(char::REPLACEMENT_CHARACTER)
        .count();
    if stray <= STRAY_BYTES {
        return None;
    }
    let (text, _, _) = encoding_rs::WINDOWS_1256.decode(bytes);
    let (arabic, other) =
        text.chars()
            .filter(|c| !c.is_ascii())
            .fold((0, 0), |(arabic, other), c| match c {
                '\u{0600}'..='\u{06FF}' => (arabic + 1, other),
                _ => (arabic, other + 1),
            });
    (arabic > 4 * other).then(|| text.into_owned())
}

/// Decodes a file's bytes to text: UTF-8 without its BOM, UTF-16 or UTF-32 when it starts with
/// their BOM, windows-1256 when it is not UTF-8 and reads as Arabic in that code page, else
/// UTF-8 with invalid sequences replaced; each but plain UTF-8 with a warning. Binary files
/// are refused.
fn decode(path: &str, bytes: &[u8], warnings: &mut Vec<String>) -> Result<String> {
    if looks_binary(bytes) {
        bail!("{path}: binary file, not an article");
    }
    if let Some((text, encoding)) = unicode_text(bytes) {
        if text.contains(char::REPLACEMENT_CHARACTER) {
            warnings.push(format!("{path}: invalid {encoding} replaced with U+FFFD"));
        }
        return Ok(text);
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(text) => Ok(text.to_owned()),
        Cow::Owned(text) => match as_windows_1256(bytes) {
            Some(text) => {
                warnings.push(format!("{path}: not UTF-8: read as windows-1256"));
                Ok(text)
            }
            None => {
                warnings.push(format!("{path}: invalid UTF-8 replaced with U+FFFD"));
                Ok(text)
            }
        },
    }
}

/// A plain text file: all of it is the body.
fn plain_text_article(path: &str, id: String, text: String) -> Article {
    let title = make_title(None, &text, &id);
    let body = 0..text.len();
    text_file_article(path, id, title, text, body)
}

/// A Markdown file: a first line `# Title` gives the title and the body follows it.
fn markdown_article(path: &str, id: String, text: String) -> Article {
    let (own_title, body) = markdown_title_and_body(&text);
    let title = make_title(own_title, text.get(body.clone()).unwrap_or_default(), &id);
    text_file_article(path, id, title, text, body)
}

/// An article that is a whole text file, keyed by its path, with no metadata but its title.
fn text_file_article(
    path: &str,
    id: String,
    title: String,
    text: String,
    body: Range<usize>,
) -> Article {
    Article {
        id,
        path: path.to_owned(),
        title,
        text,
        body,
        source: None,
        url: None,
        published: None,
        feed: None,
        key: path.to_owned(),
    }
}

/// The `# Title` heading on the first non-blank line, if any, and the body range after it
/// (blank lines between heading and body skipped).
fn markdown_title_and_body(text: &str) -> (Option<&str>, Range<usize>) {
    let line_start = skip_blank_lines(text, 0);
    let rest = &text[line_start..];
    let line_end = rest
        .find('\n')
        .map_or(text.len(), |newline| line_start + newline + 1);
    let line = text[line_start..line_end].trim_end();
    let heading = line
        .strip_prefix('#')
        .filter(|after_hash| after_hash.is_empty() || after_hash.starts_with([' ', '\t']));
    match heading {
        Some(heading) => {
            let title = heading.trim().trim_end_matches('#').trim_end();
            let body_start = skip_blank_lines(text, line_end);
            (Some(title), body_start..text.len())
        }
        None => (None, 0..text.len()),
    }
}

/// The start of the first line at or after `position` (a line start) that is not blank.
fn skip_blank_lines(text: &str, mut position: usize) -> usize {
    while let Some(rest) = text.get(position..) {
        match rest.find('\n') {
            Some(newline) if rest[..newline].trim().is_empty() => position += newline + 1,
            _ => break,
        }
    }
    position
}

/// The articles of a `.json` file: one object or an array of objects. A file that is really
/// JSON lines (several objects, one per line) is accepted as such.
fn json_articles(
    path: &str,
    stem: &str,
    text: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Article>> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let mut lines_warnings = Vec::new();
            match json_lines_articles(path, stem, text, &mut lines_warnings) {
                Ok(articles) if !articles.is_empty() => {
                    warnings.extend(lines_warnings);
                    return Ok(articles);
                }
                _ => return Err(json_error(path, error.line(), &error)),
            }
        }
    };
    match value {
        Value::Array(records) => Ok(records
            .iter()
            .enumerate()
            .filter_map(|(index, record)| {
                let number = index + 1;
                let record_path = format!("{path}#{number}");
                article_from_record(record, record_path, format!("{stem}-{number}"), warnings)
            })
            .collect()),
        Value::Object(_) => {
            Ok(
                article_from_record(&value, path.to_owned(), stem.to_owned(), warnings)
                    .into_iter()
                    .collect(),
            )
        }
        _ => bail!("{path}: expected a JSON object or an array of objects"),
    }
}

/// The articles of a JSON-lines file: one object per non-blank line.
fn json_lines_articles(
    path: &str,
    stem: &str,
    text: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Article>> {
    let mut articles = Vec::new();
    let mut record_number = 0;
    for (index, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_number = index + 1;
        record_number += 1;
        let record: Value =
            serde_json::from_str(line).map_err(|error| json_error(path, line_number, &error))?;
        let record_path = format!("{path}:{line_number}");
        let default_id = format!("{stem}-{record_number}");
        articles.extend(article_from_record(
            &record,
            record_path,
            default_id,
            warnings,
        ));
    }
    Ok(articles)
}

/// "PATH: line N: invalid JSON: WHAT", without serde_json's own position suffix.
fn json_error(path: &str, line: usize, error: &serde_json::Error) -> anyhow::Error {
    let mut what = error.to_string();
    if let Some(position) = what.rfind(" at line ") {
        what.truncate(position);
    }
    anyhow!("{path}: line {line}: invalid JSON: {what}")
}

/// One article from a JSON record, or a warning and `None` when it is not an object with a body.
fn article_from_record(
    record: &Value,
    record_path: String,
    default_id: String,
    warnings: &mut Vec<String>,
) -> Option<Article> {
    let Some(fields) = record.as_object() else {
        warnings.push(format!("{record_path}: not a JSON object; skipped"));
        return None;
    };
    let Some(text) = BODY_FIELDS
        .iter()
        .find_map(|name| fields.get(*name).and_then(body_string))
    else {
        warnings.push(format!(
            "{record_path}: no body (body, text or content); skipped"
        ));
        return None;
    };
    // A body in HTML (as exported from a site or a feed) is read as a feed item's is.
    let text = if feed::looks_like_html(&text) {
        feed::html_to_text(&text)
    } else {
        text
    };
    let id = scalar_field(fields, "id").unwrap_or(default_id);
    let own_title = scalar_field(fields, "title");
    let title = make_title(own_title.as_deref(), &text, &id);
    let source = scalar_field(fields, "source").or_else(|| {
        fields
            .get("source")
            .and_then(|source| source.get("name"))
            .and_then(scalar_string)
    });
    Some(Article {
        id,
        key: record_path.clone(),
        path: record_path,
        title,
        body: 0..text.len(),
        text,
        source,
        url: scalar_field(fields, "url"),
        published: scalar_field(fields, "published"),
        feed: None,
    })
}

/// A body field's text: a non-blank string, or an array of strings taken as paragraphs.
fn body_string(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n\n"),
        _ => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// A field's value as trimmed text, if it is a non-blank string or a number.
fn scalar_field(fields: &Map<String, Value>, name: &str) -> Option<String> {
    fields.get(name).and_then(scalar_string)
}

/// A JSON value as trimmed text, if it is a non-blank string or a number.
fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The title to show: the file's own title, else the body's first sentence, else the id; on
/// one line and at most `MAX_TITLE_CHARS` chars.
fn make_title(own_title: Option<&str>, body: &str, id: &str) -> String {
    [own_title.unwrap_or_default(), headline(body), id]
        .into_iter()
        .map(one_line)
        .find(|title| !title.is_empty())
        .map(|title| shorten_title(&title))
        .unwrap_or_else(|| "article".to_owned())
}

/// The sentence that best names a body: the first one, unless it is a lone word, a kicker
/// such as "متابعة." or "عاجل:", which says nothing of the story.
fn headline(body: &str) -> &str {
    let first = first_sentence(body);
    let body = body.trim_start();
    let rest = body[first.len()..].trim_start_matches(['.', ':', '۔']);
    if first.split_whitespace().count() == 1 && !rest.trim().is_empty() {
        first_sentence(rest)
    } else {
        first
    }
}

/// The first sentence of `text`: up to a `.`, `!`, `?`, `؟` or `:` followed by whitespace or
/// the end, or up to the first line break. Question and exclamation marks are kept. Only the
/// first `TITLE_SCAN_CHARS` chars are looked at, so a huge unbroken body costs nothing.
fn first_sentence(text: &str) -> &str {
    let text = text.trim_start();
    let scan_end = text
        .char_indices()
        .nth(TITLE_SCAN_CHARS)
        .map_or(text.len(), |(index, _)| index);
    let text = &text[..scan_end];
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let at_sentence_end = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => return &text[..index],
            '.' | ':' | '۔' if at_sentence_end => {
                return text[..index].trim_end_matches(['.', ':', '۔']);
            }
            '!' | '?' | '؟' if at_sentence_end => return &text[..index + c.len_utf8()],
            _ => {}
        }
    }
    text
}

/// `text` on one line: whitespace runs become one space, control chars go, ends trimmed.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(word.chars().filter(|c| !c.is_control()));
    }
    line
}

/// Cuts a title longer than `MAX_TITLE_CHARS` at a word boundary (or, for one enormous word,
/// at a grapheme boundary) and appends "…".
fn shorten_title(title: &str) -> String {
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title.to_owned();
    }
    let limit = MAX_TITLE_CHARS - 1; // room for the ellipsis
    let mut chars_kept = 0;
    let mut grapheme_cut = 0;
    let mut word_cut = None;
    for (index, grapheme) in title.grapheme_indices(true) {
        let is_space = grapheme.chars().all(char::is_whitespace);
        if is_space {
            word_cut = Some(index);
        }
        chars_kept += grapheme.chars().count();
        if chars_kept > limit {
            break;
        }
        grapheme_cut = index + grapheme.len();
    }
    let cut = word_cut.filter(|&index| index > 0).unwrap_or(grapheme_cut);
    let kept = title[..cut].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '،' | ';' | '؛' | ':' | '-' | '–' | '—')
    });
    format!("{kept}…")
}

/// Makes every id unique: the first article with an id keeps it, later ones get "-2", "-3"...
/// (skipping suffixes that another article already has as its own id).
fn make_ids_unique(articles: &mut [Article]) {
    let mut taken: HashSet<String> = articles.iter().map(|article| article.id.clone()).collect();
    let mut seen = HashSet::new();
    for article in articles.iter_mut() {
        if seen.insert(article.id.clone()) {
            continue;
        }
        let unique = (2..)
            .map(|number| format!("{}-{number}", article.id))
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_default();
        taken.insert(unique.clone());
        seen.insert(unique.clone());
        article.id = unique;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only regular files are read, and at most 32 MB of one: a FIFO, a device, a folder and a
    /// huge file are refused at once, each with a one-line reason.
    #[test]
    fn only_regular_files_are_read_and_only_so_much() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let huge = dir.path().join("huge.txt");
        File::create(&huge)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        let mut refused = vec![Path::new("/dev/zero"), dir.path(), huge.as_path()];
        if made.is_ok_and(|status| status.success()) {
            refused.push(&fifo);
        }
        for path in refused {
            let error = read_bounded(path).expect_err("refused").to_string();
            assert!(
                error.contains("not a regular file") || error.contains("larger than 32 MB"),
                "{}: {error}",
                path.display()
            );
            let (articles, _) = load_file(path);
            let message = articles.expect_err("refused").to_string();
            assert!(!message.contains('\n'), "{message}");
            assert!(
                message.starts_with(&path.display().to_string()),
                "{message}"
            );
        }
        let fine = dir.path().join("fine.txt");
        fs::write(&fine, "نص").unwrap();
        assert_eq!(read_bounded(&fine).unwrap(), "نص".as_bytes());
    }
    use proptest::prelude::*;
    use tempfile::TempDir;

    fn write(dir: &Path, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, contents).unwrap();
        path
    }

    fn load_one(name: &str, contents: impl AsRef<[u8]>) -> (TempDir, Result<Corpus>) {
        let dir = TempDir::new().unwrap();
        let path = write(dir.path(), name, contents);
        let corpus = load_paths(&[path]);
        (dir, corpus)
    }

    fn error_of(result: Result<Corpus>) -> String {
        result.expect_err("expected an error").to_string()
    }

    fn ids(corpus: &Corpus) -> Vec<&str> {
        corpus
            .articles
            .iter()
            .map(|article| article.id.as_str())
            .collect()
    }

    #[test]
    fn publication_dates_are_read() {
        let day = 86_400;
        let march_first_2024 = 19_783 * day;
        assert_eq!(march_first_2024, 1_709_251_200);
        for (text, seconds) in [
            ("2024-03-01", march_first_2024),
            ("2024-03-01T12:30:00Z", march_first_2024 + 45_000),
            (
                "2024-03-01T12:30:00+03:00",
                march_first_2024 + 45_000 - 10_800,
            ),
            (
                "2024-03-01 12:30:00.123-0130",
                march_first_2024 + 45_000 + 5_400,
            ),
            ("2024-03-01T12:30", march_first_2024 + 45_000),
            ("Fri, 01 Mar 2024 12:30:00 GMT", march_first_2024 + 45_000),
            (
                "Fri, 1 Mar 2024 12:30:00 +0300",
                march_first_2024 + 45_000 - 10_800,
            ),
            (" Fri, 01 Mar 2024 12:30:00 GMT ", march_first_2024 + 45_000),
            ("1969-12-31T23:59:59Z", -1),
        ] {
            assert_eq!(published_seconds(text), Some(seconds), "{text}");
        }
        for text in [
            "",
            "أمس",
            "2024-13-01",
            "2024-03-01T25:00",
            "2024-03-01garbage",
            "2024-03-01T12:30:00 somewhere",
            "Fri, 01 Foo 2024 12:30:00 GMT",
            "٢٠٢٤-٠٣-٠١",
        ] {
            assert_eq!(published_seconds(text), None, "{text}");
        }
    }

    #[test]
    fn sample_has_five_articles_with_ids_and_titles() {
        let corpus = sample();
        assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
        assert_eq!(
            ids(&corpus),
            [
                "000_b4a5ed5ac2308f74",
                "001_2a77a7544d414243",
                "002_07a2ee11802b581d",
                "003_90a1adca7efb77d4",
                "004_90b7322cd039eea9"
            ]
        );
        for article in &corpus.articles {
            assert!(!article.title.is_empty());
            assert!(article.title.chars().count() <= MAX_TITLE_CHARS);
            assert!(!article.body_text().trim().is_empty());
            assert_eq!(article.path, format!("sample/{}.txt", article.id));
        }
        // The sample's second report opens with the kicker "متابعة." on its own line.
        assert!(
            corpus.articles[1]
                .title
                .starts_with("تواصلت الاحتجاجات العنيفة")
        );
    }

    #[test]
    fn scaled_corpus_repeats_the_sample_with_figures_moved() {
        let sample = sample();
        let corpus = scaled_corpus(23);
        assert_eq!(corpus.articles.len(), 23);
        let unique: HashSet<&str> = ids(&corpus).into_iter().collect();
        assert_eq!(unique.len(), 23);
        assert_eq!(corpus.articles[..5], sample.articles[..]);
        assert_eq!(corpus.articles[9].id, "004_90b7322cd039eea9-1");
        let without_digits = |text: &str| text.replace(|c: char| c.is_ascii_digit(), "");
        for (index, article) in corpus.articles.iter().enumerate() {
            let original = &sample.articles[index % 5];
            assert!(article.text.get(article.body.clone()).is_some());
            assert_eq!(
                without_digits(&article.text),
                without_digits(&original.text)
            );
            assert_eq!(
                without_digits(article.body_text()),
                without_digits(original.body_text())
            );
        }
        // Copy 1 of the fifth report: its "7 of its members killed" becomes 8.
        let copy = &corpus.articles[9].text;
        assert_ne!(copy, &sample.articles[4].text);
        assert!(copy.contains("عن مقتل 8 من أفرادها"), "{copy}");
        assert!(sample.articles[4].text.contains("عن مقتل 7 من أفرادها"));
        assert!(scaled_corpus(0).articles.is_empty());
        let long = "1".repeat(30);
        assert_eq!(shift_digits(&format!("x{long}y"), 3), format!("x{long}y"));

        // Digits before the body (a Markdown title) move the body range with them.
        let mut warnings = Vec::new();
        let text = "# 9 قتلى\n\n07 و 99 و 3.5 وعام 2019".as_bytes();
        let article = &article_from_bytes("x.md", text, &mut warnings).unwrap()[0];
        let copy = vary_figures(article, 9);
        assert_eq!(copy.id, "x-9");
        assert_eq!(copy.text, "# 11 قتلى\n\n09 و 101 و 5.7 وعام 2021");
        assert_eq!(copy.body_text(), "09 و 101 و 5.7 وعام 2021");
    }

    #[test]
    fn loads_plain_text() {
        let text = "أعلنت السلطات فرض حالة الطوارئ. وقال الرئيس إن الوضع تحت السيطرة.\n";
        let (_dir, corpus) = load_one("report.txt", text);
        let corpus = corpus.unwrap();
        let article = &corpus.articles[0];
        assert_eq!(article.id, "report");
        assert_eq!(article.title, "أعلنت السلطات فرض حالة الطوارئ");
        assert_eq!(article.text, text);
        assert_eq!(article.body_text(), text);
        assert!(article.path.ends_with("report.txt"));
        assert_eq!(article.source, None);
    }

    #[test]
    fn loads_markdown_with_title_line() {
        let text = "# عنوان الخبر\r\n\r\nالفقرة الأولى.\r\nالفقرة الثانية.\r\n";
        let (_dir, corpus) = load_one("news.md", text);
        let article = &corpus.unwrap().articles[0];
        assert_eq!(article.title, "عنوان الخبر");
        assert_eq!(article.body_text(), "الفقرة الأولى.\r\nالفقرة الثانية.\r\n");
        assert_eq!(&article.text[article.body.clone()], article.body_text());
    }

    #[test]
    fn markdown_without_title_line_is_all_body() {
        let text = "## not a title\nbody";
        let mut warnings = Vec::new();
        let article = &article_from_bytes("x.md", text.as_bytes(), &mut warnings).unwrap()[0];
        assert_eq!(article.body, 0..text.len());
        assert_eq!(article.title, "## not a title");
    }

    #[test]
    fn loads_json_object_and_array() {
        let object = r#"{"title": "عنوان", "body": "نص الخبر", "source": "رويترز",
            "url": "https://example.com/a", "published": "2022-01-06"}"#;
        let (_dir, corpus) = load_one("one.json", object);
        let article = &corpus.unwrap().articles[0];
        assert_eq!(article.id, "one");
        assert_eq!(article.title, "عنوان");
        assert_eq!(article.text, "نص الخبر");
        assert_eq!(article.body_text(), "نص الخبر");
        assert_eq!(article.source.as_deref(), Some("رويترز"));
        assert_eq!(article.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(article.published.as_deref(), Some("2022-01-06"));

        let array = r#"[{"text": "أول خبر. بقية"}, {"id": "x7", "content": "ثاني"},
            {"title": "بلا نص"}, 5, {"body": ["فقرة", "فقرة أخرى"], "source": {"name": "AP"}}]"#;
        let (_dir, corpus) = load_one("many.json", array);
        let corpus = corpus.unwrap();
        assert_eq!(ids(&corpus), ["many-1", "x7", "many-5"]);
        assert_eq!(corpus.articles[0].title, "أول خبر");
        assert!(corpus.articles[1].path.ends_with("many.json#2"));
        assert_eq!(corpus.articles[2].text, "فقرة\n\nفقرة أخرى");
        assert_eq!(corpus.articles[2].source.as_deref(), Some("AP"));
        assert_eq!(corpus.warnings.len(), 2, "{:?}", corpus.warnings);
        assert!(
            corpus.warnings[0].ends_with("many.json#3: no body (body, text or content); skipped")
        );
        assert!(corpus.warnings[1].ends_with("many.json#4: not a JSON object; skipped"));
    }

    #[test]
    fn html_in_a_json_body_is_read_as_a_feed_items_html() {
        let record = r#"{"id": "h", "content": "<p>قتل <b>7</b> أشخاص&nbsp;في الانفجار.</p><p>وأصيب 12.</p><script>x()</script>"}"#;
        let (_dir, corpus) = load_one("html.json", record);
        let article = &corpus.unwrap().articles[0];
        assert_eq!(article.text, "قتل 7 أشخاص في الانفجار.\n\nوأصيب 12.");
        // Plain text with a lone "<" stays as written.
        let (_dir, corpus) = load_one("plain.json", r#"{"content": "القيمة < 5 في المئة"}"#);
        assert_eq!(corpus.unwrap().articles[0].text, "القيمة < 5 في المئة");
    }

    #[test]
    fn json_without_any_body_is_an_error() {
        let mut warnings = Vec::new();
        for (name, contents) in [
            ("a.json", "[]"),
            ("b.json", "[{\"title\": \"t\"}]"),
            ("c.jsonl", "{}\n"),
        ] {
            let message = article_from_bytes(name, contents.as_bytes(), &mut warnings)
                .unwrap_err()
                .to_string();
            assert_eq!(
                message,
                format!("{name}: no record with a body (body, text or content)")
            );
        }
    }

    #[test]
    fn loads_json_lines() {
        let lines = "{\"title\": \"أ\", \"body\": \"نص أ\"}\r\n\n{\"body\": \"نص ب\", \"id\": 42}\n{\"body\": \"نص ج\"}\n";
        let (_dir, corpus) = load_one("feed.jsonl", lines);
        let corpus = corpus.unwrap();
        assert_eq!(ids(&corpus), ["feed-1", "42", "feed-3"]);
        let paths: Vec<&str> = corpus.articles.iter().map(|a| a.path.as_str()).collect();
        assert!(paths[0].ends_with("feed.jsonl:1"));
        assert!(paths[1].ends_with("feed.jsonl:3"));
        assert!(paths[2].ends_with("feed.jsonl:4"));
        assert_eq!(corpus.articles[2].title, "نص ج");
    }

    #[test]
    fn json_lines_in_a_json_file_are_accepted() {
        let mut warnings = Vec::new();
        let articles = article_from_bytes(
            "feed.json",
            b"{\"body\": \"a\"}\n{\"body\": \"b\"}\n",
            &mut warnings,
        )
        .unwrap();
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].path, "feed.json:2");
    }

    #[test]
    fn invalid_json_names_path_and_line() {
        let (_dir, result) = load_one("bad.jsonl", "{\"body\": \"a\"}\n{\"body\": \n");
        let message = error_of(result);
        assert!(
            message.contains("bad.jsonl: line 2: invalid JSON: "),
            "{message}"
        );
        assert!(!message.contains('\n'));

        let mut warnings = Vec::new();
        let message = article_from_bytes("bad.json", b"[\n{\"body\": 1,,}\n]", &mut warnings)
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("bad.json: line 2: invalid JSON: "),
            "{message}"
        );
        assert!(!message.contains(" at line "), "{message}");

        let message = article_from_bytes("scalar.json", b"\"just a string\"", &mut warnings)
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            "scalar.json: expected a JSON object or an array of objects"
        );
    }

    #[test]
    fn duplicate_ids_get_numbered_suffixes() {
        let dir = TempDir::new().unwrap();
        let first = write(dir.path(), "a/report.txt", "أول");
        let second = write(dir.path(), "b/report.txt", "ثاني");
        let third = write(dir.path(), "c/report.md", "ثالث");
        let own = write(dir.path(), "d/report-2.txt", "رابع");
        let corpus = load_paths(&[first, second, third, own]).unwrap();
        assert_eq!(ids(&corpus), ["report", "report-3", "report-4", "report-2"]);
        assert_eq!(
            corpus.find("report-3").map(|a| a.text.as_str()),
            Some("ثاني")
        );
    }

    #[test]
    fn same_file_twice_is_read_once() {
        let dir = TempDir::new().unwrap();
        let file = write(dir.path(), "x.txt", "نص");
        let corpus =
            load_paths(&[dir.path().to_path_buf(), file, dir.path().to_path_buf()]).unwrap();
        assert_eq!(ids(&corpus), ["x"]);
    }

    #[test]
    fn find_by_exact_id_or_unique_prefix() {
        let corpus = sample();
        assert_eq!(
            corpus.find("002_07a2ee11802b581d").unwrap().id,
            "002_07a2ee11802b581d"
        );
        assert_eq!(corpus.find("003").unwrap().id, "003_90a1adca7efb77d4");
        assert!(corpus.find("00").is_none());
        assert!(corpus.find("").is_none());
        assert!(corpus.find("nothing").is_none());
    }

    #[test]
    fn only_a_title_of_its_own_is_the_articles_own_title() {
        let titled = markdown_article(
            "a.md",
            "a".into(),
            "# انفجارات في ألماتي\n\nتواصلت الاحتجاجات. ثم".into(),
        );
        assert_eq!(titled.own_title(), Some("انفجارات في ألماتي"));
        let untitled = plain_text_article("b.txt", "b".into(), "تواصلت الاحتجاجات. ثم".into());
        assert_eq!(untitled.title, "تواصلت الاحتجاجات");
        assert_eq!(untitled.own_title(), None);
        let empty = plain_text_article("c.txt", "c".into(), String::new());
        assert_eq!(empty.own_title(), None);
    }

    #[test]
    fn title_is_first_sentence() {
        assert_eq!(first_sentence("  متابعة.\nنص"), "متابعة");
        assert_eq!(headline("  متابعة.\nنص"), "نص");
        assert_eq!(first_sentence("هل انتهت الأزمة؟ ربما"), "هل انتهت الأزمة؟");
        assert_eq!(first_sentence("عاجل: انفجارات"), "عاجل");
        assert_eq!(first_sentence("ارتفع 3.5 بالمئة! ثم"), "ارتفع 3.5 بالمئة!");
        assert_eq!(first_sentence("سطر أول\r\nسطر ثان"), "سطر أول");
        assert_eq!(first_sentence("انتظر... ماذا"), "انتظر");
        assert_eq!(first_sentence("بلا نهاية"), "بلا نهاية");
        let endless = "ع".repeat(TITLE_SCAN_CHARS * 3);
        assert_eq!(first_sentence(&endless).chars().count(), TITLE_SCAN_CHARS);
        assert_eq!(make_title(None, "   \n", "the-id"), "the-id");
        assert_eq!(
            make_title(Some("  عنوان\n\tطويل "), "نص", "id"),
            "عنوان طويل"
        );
        assert_eq!(make_title(Some("a\u{1b}[31mb"), "", "id"), "a[31mb");
        assert_eq!(
            make_title(None, "متابعة.\nتواصلت الاحتجاجات. ثم", "id"),
            "تواصلت الاحتجاجات"
        );
        assert_eq!(
            make_title(None, "عاجل: انفجارات في المدينة", "id"),
            "انفجارات في المدينة"
        );
        assert_eq!(make_title(None, "متابعة.", "id"), "متابعة");
    }

    #[test]
    fn long_title_is_cut_at_a_word_boundary() {
        let sentence = "كلمة ".repeat(40) + "نهاية";
        let title = make_title(None, &sentence, "id");
        assert!(title.chars().count() <= MAX_TITLE_CHARS, "{title}");
        assert!(title.ends_with("كلمة…"), "{title}");
        let kept = title.trim_end_matches('…');
        assert!(sentence.starts_with(kept));
        assert!(sentence[kept.len()..].starts_with(' '));

        let one_word = "ب".repeat(300);
        let title = make_title(None, &one_word, "id");
        assert_eq!(title.chars().count(), MAX_TITLE_CHARS);
        assert!(title.ends_with('…'));

        let exactly = "ا".repeat(MAX_TITLE_CHARS);
        assert_eq!(make_title(None, &exactly, "id"), exactly);
    }

    #[test]
    fn cut_right_before_a_space_keeps_the_whole_word() {
        // 119 chars of words, then a space: the cut falls exactly at a word end.
        let words = "ab ".repeat(39) + "cd";
        assert_eq!(words.chars().count(), 119);
        let title = shorten_title(&(words.clone() + " tail that goes on"));
        assert_eq!(title, words + "…");
    }

    #[test]
    fn strips_utf8_bom() {
        let (_dir, corpus) = load_one("bom.txt", b"\xEF\xBB\xBF\xD9\x86\xD8\xB5 \xD9\x86. more");
        let corpus = corpus.unwrap();
        let article = &corpus.articles[0];
        assert_eq!(article.text, "نص ن. more");
        assert_eq!(article.body, 0..article.text.len());
        assert_eq!(article.title, "نص ن");
        assert!(corpus.warnings.is_empty());

        let mut warnings = Vec::new();
        let article =
            &article_from_bytes("x.md", b"\xEF\xBB\xBF# T\nbody", &mut warnings).unwrap()[0];
        assert_eq!(article.title, "T");
        assert_eq!(article.body_text(), "body");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("نص عربي".encode_utf16().flat_map(u16::to_le_bytes));
        let (_dir, corpus) = load_one("wide.txt", &bytes);
        assert_eq!(corpus.unwrap().articles[0].text, "نص عربي");

        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend("abc".encode_utf16().flat_map(u16::to_be_bytes));
        bytes.push(0x00);
        let mut warnings = Vec::new();
        let articles = article_from_bytes("wide.txt", &bytes, &mut warnings).unwrap();
        assert_eq!(articles[0].text, "abc\u{FFFD}");
        assert_eq!(warnings, ["wide.txt: invalid UTF-16 replaced with U+FFFD"]);
    }

    /// UTF-32 is read as UTF-32, not as UTF-16 with NULs between letters; a binary file that
    /// starts with `FF FE` is still binary; an old windows-1256 file reads as Arabic.
    #[test]
    fn utf32_windows_1256_and_binaries_behind_a_byte_order_mark() {
        let mut warnings = Vec::new();
        for (bom, unit) in [
            (UTF32_LE_BOM, u32::to_le_bytes as fn(u32) -> [u8; 4]),
            (UTF32_BE_BOM, u32::to_be_bytes),
        ] {
            let mut bytes = bom.to_vec();
            bytes.extend("قتل 12 شخصا".chars().flat_map(|c| unit(c as u32)));
            let articles = article_from_bytes("wide.txt", &bytes, &mut warnings).unwrap();
            assert_eq!(articles[0].text, "قتل 12 شخصا");
        }
        assert!(warnings.is_empty(), "{warnings:?}");

        // Noise, and a header with zeros in it.
        let noise = (0..4096u32).map(|i| (i * 37 % 251) as u8);
        let header = [
            0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0,
        ];
        for body in [noise.collect::<Vec<u8>>(), header.repeat(64)] {
            let mut binary = b"\xFF\xFE".to_vec();
            binary.extend(body);
            let error = article_from_bytes("image.txt", &binary, &mut warnings).unwrap_err();
            assert_eq!(error.to_string(), "image.txt: binary file, not an article");
        }

        let (old, _, _) = encoding_rs::WINDOWS_1256
            .encode("قالت وزارة الداخلية إن 12 شخصا قتلوا في ألماتي، بحسب وكالة رويترز.");
        let articles = article_from_bytes("old.txt", &old, &mut warnings).unwrap();
        assert_eq!(
            articles[0].text,
            "قالت وزارة الداخلية إن 12 شخصا قتلوا في ألماتي، بحسب وكالة رويترز."
        );
        assert_eq!(warnings, ["old.txt: not UTF-8: read as windows-1256"]);
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let (dir, corpus) = load_one("broken.txt", b"good \xFF\xFE bad\r\nline");
        let corpus = corpus.unwrap();
        let shown = dir.path().join("broken.txt").display().to_string();
        assert_eq!(
            corpus.warnings,
            [format!("{shown}: invalid UTF-8 replaced with U+FFFD")]
        );
        assert_eq!(corpus.articles[0].text, "good \u{FFFD}\u{FFFD} bad\r\nline");
    }

    #[test]
    fn empty_file_is_an_error_when_named_and_skipped_in_a_directory() {
        let (dir, result) = load_one("empty.txt", " \n\t\r\n");
        let shown = dir.path().join("empty.txt").display().to_string();
        assert_eq!(error_of(result), format!("{shown}: empty file"));

        write(dir.path(), "good.txt", "نص");
        let corpus = load_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(ids(&corpus), ["good"]);
        assert_eq!(corpus.warnings, [format!("{shown}: empty file; skipped")]);
    }

    #[test]
    fn binary_file_is_an_error_when_named_and_skipped_in_a_directory() {
        let (dir, result) = load_one("image.txt", b"GIF89a\x00\x01\x02");
        let shown = dir.path().join("image.txt").display().to_string();
        assert_eq!(
            error_of(result),
            format!("{shown}: binary file, not an article")
        );

        write(dir.path(), "good.txt", "نص");
        let corpus = load_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(ids(&corpus), ["good"]);
        assert_eq!(
            corpus.warnings,
            [format!("{shown}: binary file, not an article; skipped")]
        );

        let mut warnings = Vec::new();
        let message = article_from_bytes("x.json", b"{\0}", &mut warnings).unwrap_err();
        assert_eq!(message.to_string(), "x.json: binary file, not an article");
    }

    #[test]
    fn missing_path_is_an_error() {
        let dir = TempDir::new().unwrap();
        let missing = dir.path().join("nowhere.txt");
        let message = error_of(load_paths(std::slice::from_ref(&missing)));
        assert_eq!(
            message,
            format!("{}: no such file or directory", missing.display())
        );
    }

    #[test]
    fn directory_without_articles_is_an_error() {
        let dir = TempDir::new().unwrap();
        let shown = dir.path().display().to_string();
        let expected =
            format!("{shown}: no articles (.txt, .md, .json, .jsonl, .xml, .rss, .atom) found");
        assert_eq!(error_of(load_paths(&[dir.path().to_path_buf()])), expected);

        write(dir.path(), "photo.png", "not an article");
        write(dir.path(), ".hidden/secret.txt", "hidden");
        assert_eq!(error_of(load_paths(&[dir.path().to_path_buf()])), expected);

        write(dir.path(), "blank.txt", "");
        let message = error_of(load_paths(&[dir.path().to_path_buf()]));
        assert!(
            message.starts_with(&format!(
                "{shown}: no article could be read (1 file(s) skipped, first: "
            )),
            "{message}"
        );
    }

    #[test]
    fn directories_are_walked_recursively_in_path_order() {
        let dir = TempDir::new().unwrap();
        for name in [
            "z.txt",
            "b/2.md",
            "a.json",
            "b/1.txt",
            "b/c/0.jsonl",
            "m.ndjson",
            "skip.png",
        ] {
            let contents = match name {
                "a.json" | "b/c/0.jsonl" | "m.ndjson" => "{\"body\": \"نص\"}",
                _ => "نص",
            };
            write(dir.path(), name, contents);
        }
        let corpus = load_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(ids(&corpus), ["a", "1", "2", "0-1", "m-1", "z"]);
        let root = dir.path().display().to_string();
        assert_eq!(corpus.articles[1].path, format!("{root}/b/1.txt"));
        assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    }

    #[test]
    fn named_file_with_other_extension_is_read_as_text() {
        let (_dir, corpus) = load_one("notes.log", "{\"body\": \"x\"}");
        let article = &corpus.unwrap().articles[0];
        assert_eq!(article.id, "notes");
        assert_eq!(article.text, "{\"body\": \"x\"}");
    }

    #[test]
    fn no_paths_give_an_empty_corpus() {
        assert_eq!(load_paths(&[]).unwrap(), Corpus::default());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_do_not_hang() {
        let dir = TempDir::new().unwrap();
        write(dir.path(), "sub/a.txt", "نص");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("broken.txt"))
            .unwrap();
        let corpus = load_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(ids(&corpus), ["a"]);
        assert_eq!(corpus.warnings.len(), 1, "{:?}", corpus.warnings);
        assert!(corpus.warnings[0].ends_with("broken.txt: no such file or directory; skipped"));
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_file_is_an_error() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new().unwrap();
        let path = write(dir.path(), "locked.txt", "نص");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&path).is_ok() {
            return; // running as root: permissions are not enforced
        }
        let message = error_of(load_paths(std::slice::from_ref(&path)));
        assert_eq!(message, format!("{}: permission denied", path.display()));
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..200),
            name in prop::sample::select(vec!["a.txt", "a.md", "a.json", "a.jsonl", "a"]),
        ) {
            let mut warnings = Vec::new();
            if let Ok(articles) = article_from_bytes(name, &bytes, &mut warnings) {
                for article in articles {
                    prop_assert!(!article.title.is_empty());
                    prop_assert!(article.title.chars().count() <= MAX_TITLE_CHARS);
                    prop_assert!(article.text.get(article.body.clone()).is_some());
                }
            }
        }

        #[test]
        fn titles_stay_within_limit(text in "\\PC{0,400}") {
            let title = make_title(None, &text, "id");
            prop_assert!(!title.is_empty());
            prop_assert!(title.chars().count() <= MAX_TITLE_CHARS);
        }
    }
}
