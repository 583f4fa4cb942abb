//! Feeds read into articles: RSS 0.9x/1.0/2.0, Atom and JSON Feed (through feed-rs), one
//! article per item, HTML bodies turned into plain paragraphs. Pure: bytes in, articles out;
//! fetching is someone else's job.

use std::borrow::Cow;
use std::collections::HashMap;
#[cfg(test)]
use std::collections::HashSet;

use anyhow::{Result, anyhow};
use feed_rs::model::{Entry, Feed, Link, Text};
use feed_rs::parser::{self, ParseErrorKind, ParseFeedError};
use serde::Deserialize;
use url::Url;

use crate::hash::{fnv1a, mix, stable_hash};

use super::{Article, UTF8_BOM, UTF16_BE_BOM, UTF16_LE_BOM, looks_binary, make_title, one_line};

/// How much of a document is looked at to tell a feed from an HTML page or other XML.
const SNIFF_BYTES: usize = 8 * 1024;
/// Render width for html2text: wide enough that it never wraps, since the layout wraps.
const NO_WRAP_WIDTH: usize = 1_000_000;
/// Deepest element nesting handed to html2text, whose time grows with the square of it; deeper
/// markup is flattened first (see `flatten_html`).
const MAX_NESTING: usize = 1000;
/// What every JSON Feed's `version` starts with.
const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/";
/// Longest source slug at the start of an item id.
const MAX_SLUG_CHARS: usize = 16;

/// A feed's title and its items as articles, in feed order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedFeed {
    /// The feed's own title (tags and entities removed), if it has one.
    pub title: Option<String>,
    /// One article per item that has a title or a body, except those already stored.
    pub articles: Vec<Article>,
    /// The `item_hash` of each article, in the same order; none when it should be made again
    /// next time (its full text was wanted and not had).
    pub item_hashes: Vec<Option<u64>>,
    /// The summaries the feed gave of the articles whose text is now their page's full text,
    /// by key.
    pub summaries: std::collections::HashMap<String, String>,
    /// Items passed over because they are stored as they are now (see [`StoredItems`]).
    pub unchanged: usize,
    /// Items whose id an item before them in the feed has: one the same in every part is
    /// passed over, another is kept under a key of its own, made from its content.
    pub shared_ids: usize,
    /// What was wrong with the feed and how it was read all the same, for a warning.
    pub warnings: Vec<String>,
}

/// The items of a feed already stored, by key, with the `item_hash` they had: an item found
/// again with the same hash is not converted again (HTML to text is most of a fetch's work).
pub type StoredItems = std::collections::HashMap<String, u64>;

/// Parses an RSS, Atom or JSON feed into articles. `location` (the feed's URL or file path)
/// goes into errors, keys and ids; `name`, when given, is the source shown instead of the
/// feed's title. Errors are one line naming the location; no input makes it panic.
pub fn parse_feed(location: &str, name: Option<&str>, bytes: &[u8]) -> Result<ParsedFeed> {
    parse_feed_since(location, name, bytes, &StoredItems::new())
}

/// [`parse_feed`], passing over the items `stored` holds unchanged (counted in `unchanged`).
pub fn parse_feed_since(
    location: &str,
    name: Option<&str>,
    bytes: &[u8],
    stored: &StoredItems,
) -> Result<ParsedFeed> {
    let fail = |what: String| anyhow!("{location}: {what}");
    let (bytes, repaired) = repaired_utf8(bytes);
    let bytes = bytes.as_ref();
    match sniff(bytes) {
        Sniffed::Empty if is_url(location) => return Err(fail("empty response".into())),
        Sniffed::Empty => return Err(fail("empty file".into())),
        Sniffed::Binary => return Err(fail("not a feed (binary data)".into())),
        Sniffed::Text => return Err(fail("not a feed (neither XML nor JSON)".into())),
        Sniffed::Html => return Err(fail("not a feed (an HTML page)".into())),
        Sniffed::Xml(Some(root)) if !is_feed_root(&root) => {
            return Err(fail(NO_FEED_ROOT.into()));
        }
        Sniffed::Xml(_) => {}
        Sniffed::Json => json_feed_version(bytes).map_err(fail)?,
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let (bytes, bad_bases) = without_bad_bases(bytes);
    let feed = parser::Builder::new()
        .base_uri(is_url(location).then_some(location))
        .id_generator(stable_entry_id)
        .build()
        .parse(bytes.as_ref())
        .map_err(|error| fail(parse_error(&error)))?;
    let mut parsed = feed_articles(location, name, &feed, stored);
    parsed.warnings.extend(repaired.map(str::to_owned));
    if bad_bases > 0 {
        parsed.warnings.push(format!(
            "{} that {} not an address left out",
            crate::text::counted(bad_bases, "xml:base", "xml:base values"),
            if bad_bases == 1 { "is" } else { "are" }
        ));
    }
    if parsed.shared_ids > 0 {
        parsed.warnings.push(format!(
            "{} shared an id with an item before, told apart by content",
            crate::text::counted(parsed.shared_ids, "item", "items")
        ));
    }
    Ok(parsed)
}

/// The document with each `xml:base` attribute whose value is no address taken out, and how
/// many: the feed parser rejects the whole feed for one entry's bad base ("http://[::1"), where
/// that entry's links just lose it. A relative base is kept.
fn without_bad_bases(bytes: &[u8]) -> (Cow<'_, [u8]>, usize) {
    const ATTRIBUTE: &[u8] = b"xml:base";
    let mut kept: Option<Vec<u8>> = None;
    let mut dropped = 0;
    let mut from = 0;
    let mut at = 0;
    while let Some(found) = bytes[at..]
        .windows(ATTRIBUTE.len())
        .position(|window| window == ATTRIBUTE)
    {
        let start = at + found;
        at = start + ATTRIBUTE.len();
        let rest = &bytes[at..];
        let after_name = rest.len() - rest.trim_ascii_start().len();
        let Some(value) = rest[after_name..]
            .strip_prefix(b"=")
            .map(<[u8]>::trim_ascii_start)
        else {
            continue;
        };
        let Some((&quote, value)) = value
            .split_first()
            .filter(|(q, _)| matches!(q, b'"' | b'\''))
        else {
            continue;
        };
        let Some(length) = value.iter().position(|&byte| byte == quote) else {
            continue;
        };
        let end = at + (rest.len() - value.len()) + length + 1;
        let url = String::from_utf8_lossy(&value[..length]);
        match Url::parse(url.trim()) {
            Ok(_) | Err(url::ParseError::RelativeUrlWithoutBase) => {}
            Err(_) => {
                let kept = kept.get_or_insert_with(|| Vec::with_capacity(bytes.len()));
                kept.extend_from_slice(&bytes[from..start]);
                from = end;
                dropped += 1;
            }
        }
        at = end;
    }
    match kept {
        Some(mut kept) => {
            kept.extend_from_slice(&bytes[from..]);
            (Cow::Owned(kept), dropped)
        }
        None => (Cow::Borrowed(bytes), 0),
    }
}

/// A document meant as UTF-8 (it names no other encoding and has no UTF-16 byte order mark)
/// whose bytes are not: read as windows-1256 when that gives Arabic letters (a server that
/// labels an old code page UTF-8), else with the bad bytes replaced, and said so; one item's
/// stray byte must not cost every item.
fn repaired_utf8(bytes: &[u8]) -> (Cow<'_, [u8]>, Option<&'static str>) {
    let named = declared_encoding(bytes)
        .and_then(encoding_rs::Encoding::for_label)
        .is_some_and(|encoding| encoding != encoding_rs::UTF_8);
    let utf16 = bytes.starts_with(UTF16_LE_BOM) || bytes.starts_with(UTF16_BE_BOM);
    if named || utf16 || simdutf8::basic::from_utf8(bytes).is_ok() {
        return (Cow::Borrowed(bytes), None);
    }
    if let Some(text) = super::as_windows_1256(bytes) {
        return (
            Cow::Owned(text.into_bytes()),
            Some("not UTF-8 as it says: read as windows-1256"),
        );
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    (
        Cow::Owned(text.into_bytes()),
        Some("bytes that are not UTF-8 were replaced"),
    )
}

/// A feed's bytes as the parser must read them (RFC 7303): when the document names no
/// encoding of its own (no byte order mark, no `encoding` in its XML declaration) and the
/// HTTP `Content-Type` names a charset, transcoded from that charset to UTF-8.
pub fn with_header_charset<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Cow<'a, [u8]> {
    let Some(encoding) = content_type
        .and_then(super::fulltext::charset_parameter)
        .and_then(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()))
    else {
        return Cow::Borrowed(bytes);
    };
    let has_bom = [UTF8_BOM, UTF16_LE_BOM, UTF16_BE_BOM]
        .iter()
        .any(|bom| bytes.starts_with(bom));
    if encoding == encoding_rs::UTF_8 || has_bom || declares_encoding(bytes) {
        return Cow::Borrowed(bytes);
    }
    let (text, _, _) = encoding.decode(bytes);
    Cow::Owned(text.into_owned().into_bytes())
}

/// Whether an XML document's declaration names its encoding.
fn declares_encoding(bytes: &[u8]) -> bool {
    declared_encoding(bytes).is_some()
}

/// The encoding an XML document's declaration names (`<?xml … encoding="windows-1256"?>`).
fn declared_encoding(bytes: &[u8]) -> Option<&[u8]> {
    let start = bytes
        .strip_prefix(UTF8_BOM)
        .unwrap_or(bytes)
        .trim_ascii_start();
    if !start.starts_with(b"<?xml") {
        return None;
    }
    let head = &start[..start.len().min(SNIFF_BYTES)];
    let declaration = head
        .windows(2)
        .position(|pair| pair == b"?>")
        .map_or(head, |end| &head[..end]);
    let at = declaration
        .windows(b"encoding".len())
        .position(|word| word == b"encoding")?;
    let rest = declaration[at + b"encoding".len()..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let quote = *rest.first()?;
    let value = rest.get(1..)?;
    let end = value.iter().position(|&byte| byte == quote)?;
    Some(&value[..end])
}

/// Whether bytes are a feed by their first few KB: an XML document whose root is `rss`, `feed`
/// or `rdf:RDF`, or a JSON object whose `version` is a jsonfeed.org one. Lets files with any
/// extension be read as feeds.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    match sniff(bytes) {
        Sniffed::Xml(Some(root)) => is_feed_root(&root),
        Sniffed::Json => {
            let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
            String::from_utf8_lossy(head).contains("jsonfeed.org")
                && json_feed_version(bytes).is_ok()
        }
        _ => false,
    }
}

/// The most elements (start tags) of one item's HTML that are read: a long article has a few
/// thousand, and each costs html2text's tree kilobytes, so a bomb of `<p>a</p>` stays bounded.
pub const ITEM_HTML_ELEMENTS: usize = 10_000;

/// The most bytes of one item's HTML (or text) that are read.
pub const ITEM_HTML_BYTES: usize = 2 << 20;

/// The most elements all of one feed's items together have read: a feed of 60,000 items of
/// a hundred links each costs a bounded time, items past it keep their titles and a note.
pub const FEED_HTML_ELEMENTS: usize = 200_000;

/// HTML (or plain text) as plain paragraphs for the reader: one blank line between paragraphs,
/// single line breaks kept (`<br>`, list items), no wrapping, whitespace runs collapsed, control
/// characters removed. Links stay as html2text footnotes, `[text][1]` in the text and a
/// `[1]: URL` line per link at the end; an image becomes `[alt]`, or nothing without alt text;
/// scripts and styles go. Text without tags keeps its lines, each line a paragraph, as a plain
/// text file's would be read. Past [`ITEM_HTML_ELEMENTS`] or [`ITEM_HTML_BYTES`] the rest is
/// left out, and a last paragraph says so.
pub fn html_to_text(html: &str) -> String {
    let (mut text, _, cut) = html_to_text_within(html, ITEM_HTML_ELEMENTS);
    if cut {
        with_note(&mut text, ITEM_CUT_NOTE);
    }
    text
}

/// [`html_to_text`] reading at most `elements` elements, without a note: the text, the
/// elements read, and whether some were left out.
fn html_to_text_within(html: &str, elements: usize) -> (String, usize, bool) {
    let markup: Cow<str> = if !looks_like_html(html) {
        Cow::Owned(plain_text_as_html(html))
    } else if nesting_depth(html) > MAX_NESTING {
        Cow::Owned(flatten_html(html))
    } else {
        Cow::Borrowed(html)
    };
    let within = markup_within(&markup, elements.min(ITEM_HTML_ELEMENTS), ITEM_HTML_BYTES);
    let rendered = html2text::config::plain_no_decorate()
        .link_footnotes(true)
        .no_link_wrapping()
        .allow_width_overflow()
        .raw_mode(true)
        .string_from_read(within.markup.as_bytes(), NO_WRAP_WIDTH)
        // Only an I/O error on a byte slice or an empty tree fails; the text is still better
        // than nothing.
        .unwrap_or_else(|_| within.markup.to_owned());
    (tidy_paragraphs(&rendered), within.elements, within.cut)
}

/// The last paragraph of an item whose HTML was cut.
pub const ITEM_CUT_NOTE: &str = "[… the rest is left out: more HTML than sanad reads of one item]";

/// The last paragraph of an item cut because its feed's items together hold too much HTML.
pub const FEED_CUT_NOTE: &str =
    "[… the rest is left out: this feed holds more HTML than sanad reads of one feed]";

/// `note` as the last paragraph of `text`.
fn with_note(text: &mut String, note: &str) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(note);
}

/// The start of some markup that fits a budget.
struct Within<'a> {
    markup: &'a str,
    /// Start tags in it.
    elements: usize,
    /// Whether some of the markup was left out.
    cut: bool,
}

/// The largest index at most `index` that starts a character of `text` (or its end).
fn char_floor(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    (0..=index)
        .rev()
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(0)
}

/// The longest start of `markup` with at most `elements` start tags and `bytes` bytes, cut
/// before a tag (or at a character boundary when one text runs past `bytes`).
fn markup_within(markup: &str, elements: usize, bytes: usize) -> Within<'_> {
    let mut counted = 0;
    let source = markup.as_bytes();
    for (at, _) in markup.match_indices('<') {
        let starts_element = source.get(at + 1).is_some_and(u8::is_ascii_alphabetic);
        if at > bytes || (starts_element && counted == elements) {
            let end = if at > bytes {
                char_floor(markup, bytes)
            } else {
                at
            };
            return Within {
                markup: &markup[..end],
                elements: counted,
                cut: true,
            };
        }
        counted += usize::from(starts_element);
    }
    let cut = markup.len() > bytes;
    Within {
        markup: &markup[..char_floor(markup, bytes)],
        elements: counted,
        cut,
    }
}

const NO_FEED_ROOT: &str = "not a feed (XML without rss, feed or RDF root)";

/// What the start of a document says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sniffed {
    /// Nothing but white space.
    Empty,
    /// NUL bytes: not text at all.
    Binary,
    /// An HTML page (a doctype or root saying so, or a common HTML element without `<?xml`).
    Html,
    /// XML, with the qualified name of its root element when it shows in the first KB.
    Xml(Option<String>),
    /// Starts with `{`.
    Json,
    /// Some other text.
    Text,
}

/// Classifies a document by its first `SNIFF_BYTES` after a byte order mark and white space.
fn sniff(bytes: &[u8]) -> Sniffed {
    if looks_binary(bytes) {
        return Sniffed::Binary;
    }
    let utf16 = bytes.starts_with(UTF16_LE_BOM) || bytes.starts_with(UTF16_BE_BOM);
    let bytes = if utf16 {
        bytes
    } else {
        bytes
            .strip_prefix(UTF8_BOM)
            .unwrap_or(bytes)
            .trim_ascii_start()
    };
    let head = sniff_head(bytes);
    let text = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if text.is_empty() {
        return if bytes.len() <= SNIFF_BYTES {
            Sniffed::Empty
        } else {
            Sniffed::Text
        };
    }
    match text.chars().next() {
        Some('{') => Sniffed::Json,
        Some('<') => sniff_markup(text),
        _ => Sniffed::Text,
    }
}

/// The first `SNIFF_BYTES` as text: UTF-16 or UTF-32 when it starts with their byte order
/// mark, else UTF-8 (a multi-byte char cut at the end just becomes U+FFFD).
fn sniff_head(bytes: &[u8]) -> Cow<'_, str> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    match super::unicode_text(head) {
        Some((text, _)) => Cow::Owned(text),
        None => String::from_utf8_lossy(head.strip_prefix(UTF8_BOM).unwrap_or(head)),
    }
}

/// Classifies markup by its prolog and first element: the XML declaration, processing
/// instructions, comments and a doctype are skipped to reach the root.
fn sniff_markup(mut text: &str) -> Sniffed {
    let mut declared_xml = false;
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("<?") {
            declared_xml |= rest.starts_with("xml");
            match rest.find("?>") {
                Some(end) => text = &rest[end + 2..],
                None => return Sniffed::Xml(None),
            }
        } else if let Some(rest) = text.strip_prefix("<!--") {
            match rest.find("-->") {
                Some(end) => text = &rest[end + 3..],
                None => return Sniffed::Xml(None),
            }
        } else if starts_with_ignoring_case(text, "<!doctype") {
            let rest = &text["<!doctype".len()..];
            let name = rest
                .trim_start()
                .split(|c: char| c.is_whitespace() || c == '>');
            if name
                .clone()
                .next()
                .is_some_and(|n| n.eq_ignore_ascii_case("html"))
            {
                return Sniffed::Html;
            }
            // An internal subset in brackets may hold `>`; the doctype ends after it.
            let end = match (rest.find('['), rest.find('>')) {
                (Some(open), Some(close)) if open < close => {
                    rest[open..].find(']').and_then(|bracket| {
                        rest[open + bracket..]
                            .find('>')
                            .map(|gt| open + bracket + gt)
                    })
                }
                (_, close) => close,
            };
            match end {
                Some(end) => text = &rest[end + 1..],
                None => return Sniffed::Xml(None),
            }
        } else if let Some(rest) = text.strip_prefix('<') {
            let name: &str = rest
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or_default();
            if name.is_empty() {
                return Sniffed::Text;
            }
            let is_html = name.eq_ignore_ascii_case("html")
                || (!declared_xml && HTML_ELEMENTS.iter().any(|e| name.eq_ignore_ascii_case(e)));
            return if is_html {
                Sniffed::Html
            } else {
                Sniffed::Xml(Some(name.to_owned()))
            };
        } else {
            return Sniffed::Text;
        }
    }
}

/// Elements that open an HTML page or fragment, none of them a feed's root.
const HTML_ELEMENTS: [&str; 14] = [
    "html", "head", "body", "meta", "title", "link", "script", "style", "div", "p", "a", "span",
    "table", "br",
];

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// Roots feed-rs reads: `rss` (0.9x, 2.0), `feed` (Atom), `RDF` (RSS 0.90 and 1.0), with any
/// namespace prefix.
fn is_feed_root(name: &str) -> bool {
    let local = name.rsplit(':').next().unwrap_or(name);
    matches!(local, "rss" | "feed" | "RDF")
}

/// Checks that JSON is a JSON Feed: an object whose `version` is a jsonfeed.org URL.
fn json_feed_version(bytes: &[u8]) -> Result<(), String> {
    #[derive(Deserialize)]
    struct Versioned {
        version: Option<serde_json::Value>,
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    // Only called on text starting with `{`, so a struct is never read from an array.
    let versioned: Versioned = serde_json::from_slice(bytes).map_err(|error| {
        let mut what = error.to_string();
        if let Some(position) = what.rfind(" at line ") {
            what.truncate(position);
        }
        format!(
            "malformed feed: line {}: invalid JSON: {what}",
            error.line()
        )
    })?;
    match versioned
        .version
        .as_ref()
        .and_then(|version| version.as_str())
    {
        Some(version) if version.starts_with(JSON_FEED_VERSION) => Ok(()),
        _ => Err("not a feed (JSON without a jsonfeed.org version)".into()),
    }
}

/// A feed-rs error in plain words, on one line and without the layers of prefixes.
fn parse_error(error: &ParseFeedError) -> String {
    let what = match error {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => return NO_FEED_ROOT.into(),
        ParseFeedError::ParseError(kind) => kind.to_string(),
        ParseFeedError::IoError(error) => error.to_string(),
        ParseFeedError::JsonSerde(error) => format!("invalid JSON Feed: {error}"),
        ParseFeedError::JsonUnsupportedVersion(version) => {
            format!("unsupported JSON Feed version {version}")
        }
        ParseFeedError::XmlReader(error) => error.to_string(),
    };
    let mut what = what.as_str();
    for prefix in ["Parser error: ", "syntax error: ", "ill-formed document: "] {
        what = what.strip_prefix(prefix).unwrap_or(what);
    }
    format!("malformed feed: {}", one_line(what))
}

/// Entry ids for items that have none, stable from run to run: feed-rs's hash of the first
/// link and title when there is a link (or a title and a feed URL); otherwise none, and
/// `entry_guid` hashes the item's text instead of feed-rs's random UUID.
fn stable_entry_id(links: &[Link], title: &Option<Text>, uri: Option<&str>) -> String {
    if !links.is_empty() || (title.is_some() && uri.is_some()) {
        parser::generate_id(links, title, uri)
    } else {
        String::new()
    }
}

/// The articles of a parsed feed, in feed order, but for those `stored` holds unchanged.
fn feed_articles(
    location: &str,
    name: Option<&str>,
    feed: &Feed,
    stored: &StoredItems,
) -> ParsedFeed {
    let title = feed.title.as_ref().map(text_line).filter(|t| !t.is_empty());
    let source = name
        .map(one_line)
        .filter(|name| !name.is_empty())
        .or_else(|| title.clone());
    let site = feed
        .links
        .iter()
        .filter(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .find_map(|link| Url::parse(&link.href).ok())
        .or_else(|| {
            is_url(location)
                .then(|| Url::parse(location).ok())
                .flatten()
        });
    let mut parsed = ParsedFeed {
        title,
        ..ParsedFeed::default()
    };
    let mut seen: HashMap<&str, Vec<u64>> = HashMap::new();
    let (mut budget, mut cut) = (FEED_HTML_ELEMENTS, 0);
    for original in &feed.entries {
        let mut entry = original;
        let mut hash = item_hash(source.as_deref(), entry);
        let renamed: Entry;
        if !original.id.is_empty() {
            let hashes = seen.entry(original.id.as_str()).or_default();
            if !hashes.is_empty() {
                parsed.shared_ids += 1;
                if hashes.contains(&hash) {
                    continue;
                }
                hashes.push(hash);
                // Told apart by what it holds, the same at every fetch while it is unchanged.
                renamed = Entry {
                    id: format!("{}~{hash:016x}", original.id),
                    ..original.clone()
                };
                entry = &renamed;
                hash = item_hash(source.as_deref(), entry);
            } else {
                hashes.push(hash);
            }
        }
        // Without its own id an item's key comes from its text, known only once converted.
        if !entry.id.is_empty() && stored.get(&item_key(location, &entry.id)) == Some(&hash) {
            parsed.unchanged += 1;
        } else if let Some(article) = entry_article(
            location,
            source.as_deref(),
            site.as_ref(),
            entry,
            &mut budget,
            &mut cut,
        ) {
            parsed.articles.push(article);
            parsed.item_hashes.push(Some(hash));
        }
    }
    if cut > 0 {
        parsed.warnings.push(format!(
            "{} cut: more HTML than sanad reads",
            crate::text::counted(cut, "item", "items")
        ));
    }
    parsed
}

/// A hash of everything of an item that its article is made from, as the feed has it.
fn item_hash(source: Option<&str>, entry: &Entry) -> u64 {
    let mut hash = Vec::new();
    let mut add = |part: Option<&str>| {
        hash.extend_from_slice(&fnv1a(part.unwrap_or("\u{0}").as_bytes()).to_le_bytes());
    };
    add(source);
    add(Some(&entry.id));
    add(entry.title.as_ref().map(|title| title.content.as_str()));
    add(entry
        .content
        .as_ref()
        .and_then(|content| content.body.as_deref()));
    add(entry
        .content
        .as_ref()
        .map(|content| content.content_type.as_ref()));
    add(entry
        .summary
        .as_ref()
        .map(|summary| summary.content.as_str()));
    add(entry_link(entry));
    let date = entry
        .published
        .or(entry.updated)
        .map(|date| date.timestamp().to_string());
    add(date.as_deref());
    stable_hash(&hash)
}

/// The cache key of the item with id `guid` in the feed at `location`.
fn item_key(location: &str, guid: &str) -> String {
    format!("{location}#{guid}")
}

/// One item as an article, or `None` when it has neither title nor body.
/// `budget` is what is left of [`FEED_HTML_ELEMENTS`]: the item's HTML is read within it, and
/// what it reads is taken from it; `cut` counts the items whose HTML was cut.
fn entry_article(
    location: &str,
    source: Option<&str>,
    site: Option<&Url>,
    entry: &Entry,
    budget: &mut usize,
    cut: &mut usize,
) -> Option<Article> {
    let own_title = entry.title.as_ref().map(text_line).unwrap_or_default();
    let mut read = |html: &str| {
        let (mut text, elements, was_cut) = html_to_text_within(html, *budget);
        if was_cut {
            *cut += 1;
            let by_feed = *budget < ITEM_HTML_ELEMENTS && elements == *budget;
            with_note(
                &mut text,
                if by_feed {
                    FEED_CUT_NOTE
                } else {
                    ITEM_CUT_NOTE
                },
            );
        }
        *budget -= elements;
        text
    };
    let content = entry
        .content
        .as_ref()
        .filter(|content| is_text_type(content.content_type.as_ref()))
        .and_then(|content| content.body.as_deref())
        .map(&mut read)
        .unwrap_or_default();
    let text = if content.is_empty() {
        entry
            .summary
            .as_ref()
            .map(|summary| read(&summary.content))
            .unwrap_or_default()
    } else {
        content
    };
    if own_title.is_empty() && text.is_empty() {
        return None;
    }
    let guid = if entry.id.is_empty() {
        format!("{:016x}", fnv1a(format!("{own_title}\n{text}").as_bytes()))
    } else {
        entry.id.clone()
    };
    let key = item_key(location, &guid);
    let id = item_id(source, &key);
    let url = entry_link(entry).map(|href| resolve(href, site));
    Some(Article {
        title: make_title(Some(&own_title), &text, &id),
        path: url.clone().unwrap_or_else(|| key.clone()),
        id,
        body: 0..text.len(),
        text,
        source: source.map(str::to_owned),
        url,
        published: entry
            .published
            .or(entry.updated)
            .map(|date| date.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        feed: Some(location.to_owned()),
        key,
    })
}

/// A feed item's id: a slug of its source's name, "-", and 8 hex digits of a hash of its key,
/// so it is short, says where it is from, and stays the same from run to run.
pub(crate) fn item_id(source: Option<&str>, key: &str) -> String {
    format!("{}-{:08x}", slug(source), mix(fnv1a(key.as_bytes())) >> 32)
}

/// Lowercase ASCII letters and digits of a name, at most `MAX_SLUG_CHARS`; "feed" when it has
/// none (an Arabic name, say).
fn slug(name: Option<&str>) -> String {
    let slug: String = name
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(MAX_SLUG_CHARS)
        .collect();
    if slug.is_empty() { "feed".into() } else { slug }
}

/// The link to the item's page: the first plain or `alternate` link, else the first link.
fn entry_link(entry: &Entry) -> Option<&str> {
    entry
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(entry.links.first())
        .map(|link| link.href.trim())
        .filter(|href| !href.is_empty())
}

/// `href` made absolute against `base` when it is relative; as written otherwise.
fn resolve(href: &str, base: Option<&Url>) -> String {
    match (Url::parse(href), base) {
        (Err(url::ParseError::RelativeUrlWithoutBase), Some(base)) => base
            .join(href)
            .map_or_else(|_| href.to_owned(), String::from),
        _ => href.to_owned(),
    }
}

/// Whether content of this media type is text we can show (not, say, a base64 image).
fn is_text_type(media_type: &str) -> bool {
    media_type.starts_with("text/") || media_type.contains("html") || media_type.ends_with("xml")
}

/// A feed's or item's title on one line: tags and entities gone, white space collapsed.
fn text_line(text: &Text) -> String {
    let content = text.content.as_str();
    if content.contains(['<', '&']) {
        one_line(&html_to_text(content))
    } else {
        one_line(content)
    }
}

/// Whether `location` is a web address rather than a file.
pub fn is_url(location: &str) -> bool {
    starts_with_ignoring_case(location, "http://")
        || starts_with_ignoring_case(location, "https://")
}

/// Whether text holds markup: a start or end tag, a comment or a doctype. An entity alone does
/// not count, so plain text keeps its line breaks.
pub(super) fn looks_like_html(text: &str) -> bool {
    text.match_indices('<').any(|(index, _)| {
        text[index + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!'))
    })
}

/// Plain text as HTML paragraphs, one per non-blank line, so html2text decodes its entities
/// and the output has the same shape as for HTML. `<` never starts a tag in such text.
fn plain_text_as_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 64);
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        html.push_str("<p>");
        html.push_str(line);
        html.push_str("</p>\n");
    }
    html
}

/// Elements that never hold content, so they do not deepen nesting.
const VOID_ELEMENTS: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li",
];

/// The lowercased element name at the start of the text after a `<` (`/p>` gives "p").
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// An upper bound on how deeply elements nest: opening tags minus closing ones (void elements,
/// and `p` and `li`, often left open, not counted).
fn nesting_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for tag in html.split('<').skip(1) {
        let closing = tag.starts_with('/');
        let name = tag_name(tag);
        let self_closing = tag.split('>').next().is_some_and(|t| t.ends_with('/'));
        if name.is_empty() || self_closing || VOID_ELEMENTS.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Markup reduced to paragraphs and line breaks: block tags become `<p>`, `<br>` stays, scripts
/// and styles go with their content, other tags go. For pathologically deep markup only.
fn flatten_html(html: &str) -> String {
    let mut flat = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        flat.push_str(&rest[..open]);
        let tag = &rest[open + 1..];
        let Some(close) = tag.find('>') else {
            rest = "";
            break;
        };
        let name = tag_name(tag);
        rest = &tag[close + 1..];
        match name.as_str() {
            "script" | "style" if !tag.starts_with('/') => {
                let end = format!("</{name}");
                rest = find_ignoring_ascii_case(rest, &end).map_or("", |at| &rest[at..]);
            }
            "br" => flat.push_str("<br>"),
            // Empty blocks in a row are one break: 50,000 nested divs are not 50,000
            // paragraphs to read.
            "p" | "div" | "li" | "tr" | "td" | "th" | "blockquote" | "section" | "article"
            | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "ul" | "ol" | "table"
                if !flat.ends_with("<p>") =>
            {
                flat.push_str("<p>");
            }
            _ => {}
        }
    }
    flat.push_str(rest);
    flat
}

/// Where `needle` (ASCII) first occurs in `haystack`, whatever the case of its letters.
fn find_ignoring_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// html2text's output tidied: control characters out, white space runs to one space, lines
/// trimmed, one blank line between paragraphs, none at either end.
fn tidy_paragraphs(rendered: &str) -> String {
    let mut text = String::with_capacity(rendered.len());
    let mut blank_pending = false;
    for line in rendered.lines() {
        let line: String = line
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .collect();
        let mut tidy = String::with_capacity(line.len());
        for word in line.split_whitespace() {
            if !tidy.is_empty() {
                tidy.push(' ');
            }
            tidy.push_str(word);
        }
        if tidy.is_empty() {
            blank_pending = !text.is_empty();
            continue;
        }
        if blank_pending {
            text.push_str("\n\n");
        } else if !text.is_empty() {
            text.push('\n');
        }
        blank_pending = false;
        text.push_str(&tidy);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ARABIC: &[u8] = include_bytes!("../../tests/fixtures/feeds/arabic.rss");
    const ENGLISH: &[u8] = include_bytes!("../../tests/fixtures/feeds/english.atom");
    const FRENCH: &[u8] = include_bytes!("../../tests/fixtures/feeds/french.json");
    const MALFORMED: &[u8] = include_bytes!("../../tests/fixtures/feeds/malformed.xml");
    const HTML_PAGE: &[u8] = include_bytes!("../../tests/fixtures/feeds/not-a-feed.html");

    fn parse(location: &str, bytes: &[u8]) -> ParsedFeed {
        parse_feed(location, None, bytes).expect("parses")
    }

    fn error(location: &str, bytes: &[u8]) -> String {
        let message = parse_feed(location, None, bytes)
            .expect_err("should fail")
            .to_string();
        assert!(!message.contains('\n'), "{message:?}");
        message
    }

    /// Checks the id scheme: slug, "-", 8 lowercase hex digits.
    fn assert_id(id: &str, slug: &str) {
        let (start, hash) = id.rsplit_once('-').expect("a dash");
        assert_eq!(start, slug, "{id}");
        assert_eq!(hash.len(), 8, "{id}");
        assert!(
            hash.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')),
            "{id}"
        );
    }

    /// Items that share a guid are all kept, each under a key of its own that stays the same
    /// at the next fetch; an item repeated exactly is kept once. Both are counted.
    #[test]
    fn items_sharing_a_guid_are_kept_apart_and_counted() {
        let item = |body: &str| {
            format!(
                "<item><guid>urgent-1</guid><title>عاجل</title><description>{body}</description></item>"
            )
        };
        let rss = format!(
            "<rss version=\"2.0\"><channel><title>t</title>{}{}{}{}</channel></rss>",
            item("مقتل خمسة أشخاص"),
            item("ارتفاع الحصيلة إلى سبعة"),
            item("مقتل خمسة أشخاص"),
            item("ارتفاع الحصيلة إلى تسعة"),
        );
        let feed = parse("https://x.example/rss", rss.as_bytes());
        let texts: Vec<&str> = feed.articles.iter().map(|a| a.body_text()).collect();
        assert_eq!(
            texts,
            [
                "مقتل خمسة أشخاص",
                "ارتفاع الحصيلة إلى سبعة",
                "ارتفاع الحصيلة إلى تسعة"
            ]
        );
        let keys: HashSet<&str> = feed.articles.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(keys.len(), 3, "{keys:?}");
        assert_eq!(feed.shared_ids, 3);
        assert_eq!(
            feed.warnings,
            ["3 items shared an id with an item before, told apart by content"]
        );
        assert_eq!(feed.articles[0].key, "https://x.example/rss#urgent-1");
        let again = parse("https://x.example/rss", rss.as_bytes());
        let again_keys: Vec<&str> = again.articles.iter().map(|a| a.key.as_str()).collect();
        let first_keys: Vec<&str> = feed.articles.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(again_keys, first_keys);
    }

    /// One entry's `xml:base` that is no address costs that entry its base, not the feed its
    /// entries; good and relative bases still resolve links.
    #[test]
    fn a_bad_xml_base_is_left_out_and_the_feed_read() {
        let atom = r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/ar/"><title>t</title>
<entry><id>1</id><title>الأول</title><link href="a"/><content type="html">&lt;p&gt;نص أول&lt;/p&gt;</content></entry>
<entry xml:base = 'http://[::1'><id>2</id><title>الثاني</title><link href="b"/><content>نص ثان</content></entry>
<entry xml:base="sub/"><id>3</id><title>الثالث</title><link href="c"/><content>نص ثالث</content></entry>
</feed>"#;
        let feed = parse("https://news.example/feed", atom.as_bytes());
        let titles: Vec<&str> = feed.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["الأول", "الثاني", "الثالث"]);
        let urls: Vec<Option<&str>> = feed.articles.iter().map(|a| a.url.as_deref()).collect();
        assert_eq!(urls[0], Some("https://news.example/ar/a"));
        assert_eq!(urls[2], Some("https://news.example/ar/sub/c"));
        assert_eq!(
            feed.warnings,
            ["1 xml:base that is not an address left out"]
        );
        let (unchanged, dropped) = without_bad_bases(b"<feed xml:base=\"https://x.example/\">");
        assert!(matches!(unchanged, Cow::Borrowed(_)) && dropped == 0);
    }

    /// An item of 30,000 paragraphs is read to its budget and says the rest is left out; so is
    /// one text longer than the byte budget, cut between letters.
    #[test]
    fn an_item_past_its_html_budget_is_cut_with_a_note() {
        let bomb = "<p>خبر</p>".repeat(30_000);
        let text = html_to_text(&bomb);
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), ITEM_HTML_ELEMENTS + 1);
        assert!(paragraphs[..ITEM_HTML_ELEMENTS].iter().all(|p| *p == "خبر"));
        assert_eq!(paragraphs.last(), Some(&ITEM_CUT_NOTE));

        let long = "ب".repeat(ITEM_HTML_BYTES);
        let text = html_to_text(&long);
        let (kept, note) = text.split_once("\n\n").unwrap();
        // html2text breaks a line this long once; every letter is kept up to the budget.
        assert!(kept.chars().all(|c| c == 'ب' || c == '\n'));
        let letters = kept.chars().filter(|&c| c == 'ب').count();
        assert!((ITEM_HTML_BYTES / 2 - 4..ITEM_HTML_BYTES / 2).contains(&letters));
        assert_eq!(note, ITEM_CUT_NOTE);

        let fits = "<p>خبر</p>".repeat(100);
        assert!(!html_to_text(&fits).contains(ITEM_CUT_NOTE));
    }

    /// A feed's items share one budget: past it, items keep their titles and say why their
    /// text is gone, and the feed warns once.
    #[test]
    fn a_feed_past_its_html_budget_cuts_its_last_items() {
        let per_item = 500;
        let items = FEED_HTML_ELEMENTS / per_item + 3;
        let body = "<p>خبر عاجل</p>".repeat(per_item);
        let rss = format!(
            "<rss version=\"2.0\"><channel><title>t</title>{}</channel></rss>",
            (0..items)
                .map(|i| format!(
                    "<item><guid>{i}</guid><title>عنوان {i}</title>\
                     <description><![CDATA[{body}]]></description></item>"
                ))
                .collect::<String>()
        );
        let feed = parse("https://x.example/rss", rss.as_bytes());
        assert_eq!(feed.articles.len(), items);
        let whole = items - 3;
        assert!(
            feed.articles[..whole]
                .iter()
                .all(|a| !a.text.contains(FEED_CUT_NOTE))
        );
        for article in &feed.articles[whole..] {
            assert_eq!(article.text, FEED_CUT_NOTE);
            assert!(article.title.starts_with("عنوان"));
        }
        assert_eq!(feed.warnings, ["3 items cut: more HTML than sanad reads"]);
    }

    /// A feed whose XML names no encoding is read in the charset its HTTP header names; one
    /// that names its own keeps it, whatever the header says.
    #[test]
    fn the_header_charset_serves_a_feed_that_names_none() {
        let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>أخبار</title>\
             <item><guid>1</guid><title>مقتل خمسة</title></item></channel></rss>",
        );
        let header = Some("application/rss+xml; charset=windows-1256");
        let bytes = with_header_charset(&cp1256, header);
        let feed = parse("https://x.example/rss", &bytes);
        assert_eq!(feed.title.as_deref(), Some("أخبار"));
        assert_eq!(feed.articles[0].title, "مقتل خمسة");

        let declared = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss/>";
        assert!(matches!(
            with_header_charset(declared.as_bytes(), header),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            with_header_charset(&cp1256, None),
            Cow::Borrowed(_)
        ));
    }

    /// One stray byte costs no item; a feed that says UTF-8 and is windows-1256 is read as
    /// that, and both say so.
    #[test]
    fn a_feed_that_is_not_the_utf8_it_says_is_read_all_the_same() {
        let rss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
                   <title>t</title><item><guid>1</guid><title>مقتل خمسة أشخاص في ألماتي</title>\
                   </item><item><guid>2</guid><title>STRAY</title></item></channel></rss>";
        let bytes: Vec<u8> = (rss.replace("STRAY", "a\u{1}b").bytes())
            .map(|byte| if byte == 1 { 0xFF } else { byte })
            .collect();
        let feed = parse("https://x.example/rss", &bytes);
        assert_eq!(feed.articles.len(), 2);
        assert_eq!(feed.articles[1].title, "a\u{FFFD}b");
        assert_eq!(feed.warnings, ["bytes that are not UTF-8 were replaced"]);

        let labelled_wrong = rss.replace("STRAY", "وكالة");
        let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&labelled_wrong);
        let feed = parse("https://x.example/rss", &cp1256);
        assert_eq!(feed.articles[0].title, "مقتل خمسة أشخاص في ألماتي");
        assert_eq!(
            feed.warnings,
            ["not UTF-8 as it says: read as windows-1256"]
        );
    }

    #[test]
    fn reads_arabic_rss() {
        let feed = parse("feeds/arabic.rss", ARABIC);
        assert_eq!(feed.title.as_deref(), Some("أخبار الساحل"));
        let [first, second, third] = &feed.articles[..] else {
            panic!("three items: {:#?}", feed.articles);
        };

        assert_eq!(first.title, "مقتل 12 شخصا في سيول جارفة شرق البلاد");
        assert_eq!(
            first.text,
            "قتل 12 شخصا وأصيب 35 آخرون في سيول جارفة ضربت محافظة وادي النخيل شرق البلاد، \
             بحسب ما أفادت [وكالة الأنباء][1] الرسمية صباح الجمعة.\n\n\
             [سيارات غمرتها المياه في وادي النخيل]\n\n\
             وقال المتحدث باسم الدفاع المدني إن فرق الإنقاذ أجلت نحو 400 عائلة من المناطق \
             المنخفضة، وإن البحث عن مفقودين ما زال جاريا.\n\n\
             [1]: https://sahil.example.org/tag/agency"
        );
        assert_eq!(first.body, 0..first.text.len());
        assert_eq!(first.source.as_deref(), Some("أخبار الساحل"));
        assert_eq!(
            first.url.as_deref(),
            Some("https://sahil.example.org/news/2022/01/07/floods")
        );
        assert_eq!(first.path, first.url.clone().unwrap());
        assert_eq!(first.published.as_deref(), Some("2022-01-07T10:00:00Z"));
        assert_eq!(first.feed.as_deref(), Some("feeds/arabic.rss"));
        assert_eq!(first.key, "feeds/arabic.rss#sahil-48213");
        assert_id(&first.id, "feed");

        // A relative link is resolved against the channel's link; "GMT" and "+0300" dates
        // come out in UTC.
        assert_eq!(
            second.url.as_deref(),
            Some("https://sahil.example.org/news/2022/01/08/floods-toll")
        );
        assert_eq!(second.published.as_deref(), Some("2022-01-08T08:15:00Z"));
        assert!(second.text.starts_with("أعلنت وزارة الداخلية صباح السبت"));
        assert_eq!(second.text.matches("\n\n").count(), 1);
        assert_eq!(third.published.as_deref(), Some("2022-01-08T10:40:00Z"));

        // No title: the body's first sentence; the description's escaped HTML is decoded.
        assert!(
            third.title.starts_with("وصلت ظهر السبت 20 شاحنة"),
            "{}",
            third.title
        );
        assert!(
            third
                .text
                .contains("وفق ما نقلته وكالة الأنباء عن الهلال الأحمر.")
        );
        assert!(!third.text.contains(['<', '>', '&']), "{}", third.text);
        // No guid: a hash of the link stands in, the same on every run.
        assert!(third.key.starts_with("feeds/arabic.rss#"));
        assert_eq!(third.key, parse("feeds/arabic.rss", ARABIC).articles[2].key);

        let ids: HashSet<&str> = feed.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 3);
    }

    #[test]
    fn reads_atom() {
        let feed = parse("https://wire.example.com/atom.xml", ENGLISH);
        assert_eq!(feed.title.as_deref(), Some("Coastal Wire"));
        let [first, second] = &feed.articles[..] else {
            panic!("two entries: {:#?}", feed.articles);
        };
        // type="html" title: the entity is decoded once, as HTML.
        assert_eq!(
            first.title,
            "Flash floods kill 12 in the east & displace hundreds"
        );
        // Content, not the summary, is the body.
        assert!(
            first
                .text
                .starts_with("At least 12 people were killed and 35 injured")
        );
        assert!(first.text.contains("the [state news agency][1] reported."));
        assert!(
            first
                .text
                .ends_with("\n\n[1]: https://wire.example.com/about/agency")
        );
        assert_eq!(first.published.as_deref(), Some("2022-01-07T11:20:00Z"));
        assert_id(&first.id, "coastalwire");
        assert_eq!(
            first.key,
            "https://wire.example.com/atom.xml#tag:wire.example.com,2022:1907"
        );
        // No <published>: <updated> stands in.
        assert_eq!(second.published.as_deref(), Some("2022-01-08T09:30:00Z"));
        assert_eq!(
            second.path,
            "https://wire.example.com/2022/01/08/toll-rises"
        );
    }

    #[test]
    fn reads_json_feed() {
        let feed = parse("french.json", FRENCH);
        assert_eq!(feed.title.as_deref(), Some("Le Fil côtier"));
        assert_eq!(feed.articles.len(), 2);
        let first = &feed.articles[0];
        assert_eq!(
            first.title,
            "Crues soudaines : au moins 12 morts dans l’est du pays"
        );
        assert_eq!(
            first.text,
            "Au moins 12 personnes ont été tuées et 35 blessées vendredi dans des crues \
             soudaines, selon l’[agence de presse officielle][1].\n\n\
             Près de 400 familles ont été évacuées des zones basses.\n\n\
             [1]: https://fil.example.fr/agence"
        );
        assert_eq!(first.published.as_deref(), Some("2022-01-07T11:00:00Z"));
        assert_id(&first.id, "lefilctier");
        assert_eq!(
            first.key,
            "french.json#https://fil.example.fr/2022/01/07/crues"
        );
    }

    /// Items stored with the hash they have now are passed over; an edited item, one whose
    /// source name changed, and one without an id of its own are made again.
    #[test]
    fn items_stored_as_they_are_are_passed_over() {
        let first = parse_feed("x.rss", None, ARABIC).unwrap();
        assert_eq!(first.articles.len(), first.item_hashes.len());
        let stored: StoredItems = first
            .articles
            .iter()
            .zip(&first.item_hashes)
            .map(|(article, hash)| (article.key.clone(), hash.unwrap()))
            .collect();
        let again = parse_feed_since("x.rss", None, ARABIC, &stored).unwrap();
        assert_eq!(again.title, first.title);
        assert_eq!(
            (again.articles.len(), again.unchanged),
            (0, first.articles.len())
        );

        let edited = String::from_utf8(ARABIC.to_vec())
            .unwrap()
            .replace("إلى 14 قتيلا،", "إلى 15 قتيلا،");
        let again = parse_feed_since("x.rss", None, edited.as_bytes(), &stored).unwrap();
        assert_eq!(again.articles.len(), 1);
        assert!(again.articles[0].text.contains("15 قتيلا"));
        assert_eq!(again.unchanged, first.articles.len() - 1);

        let renamed = parse_feed_since("x.rss", Some("Sahil"), ARABIC, &stored).unwrap();
        assert_eq!(renamed.unchanged, 0, "the source is part of the article");

        let without_ids = r#"<rss version="2.0"><channel><title>t</title>
            <item><description>نص بلا معرف</description></item></channel></rss>"#
            .as_bytes();
        let first = parse_feed("y.rss", None, without_ids).unwrap();
        let stored =
            StoredItems::from([(first.articles[0].key.clone(), first.item_hashes[0].unwrap())]);
        let again = parse_feed_since("y.rss", None, without_ids, &stored).unwrap();
        assert_eq!((again.articles.len(), again.unchanged), (1, 0));
    }

    #[test]
    fn a_given_name_is_the_source_and_the_id_slug() {
        let feed = parse_feed("x.rss", Some("Sahil News (ar)"), ARABIC).unwrap();
        for article in &feed.articles {
            assert_eq!(article.source.as_deref(), Some("Sahil News (ar)"));
            assert_id(&article.id, "sahilnewsar");
        }
        assert_eq!(feed.title.as_deref(), Some("أخبار الساحل"));
        let long = parse_feed("x.rss", Some("The Very Long Name Of A Daily"), ARABIC).unwrap();
        assert_id(&long.articles[0].id, "theverylongnameo");
    }

    #[test]
    fn ids_are_stable_and_spread() {
        let id = item_id(Some("Wire"), "https://x/feed#1");
        assert_eq!(id, item_id(Some("Wire"), "https://x/feed#1"));
        assert_id(&id, "wire");
        assert_eq!(item_id(None, "k").split('-').next(), Some("feed"));
        assert_eq!(item_id(Some("وكالة"), "k"), item_id(None, "k"));
        // Keys differing only in their last chars share no prefix of the hash.
        let hashes: Vec<String> = (0..20)
            .map(|n| item_id(None, &format!("feeds/a.rss#item-{n}"))[5..7].to_owned())
            .collect();
        let distinct: HashSet<&String> = hashes.iter().collect();
        assert!(distinct.len() >= 15, "{hashes:?}");
    }

    #[test]
    fn errors_say_what_the_document_is() {
        assert_eq!(
            error("https://x.example/feed", HTML_PAGE),
            "https://x.example/feed: not a feed (an HTML page)"
        );
        assert_eq!(
            error("page", b"<p>Hello</p>"),
            "page: not a feed (an HTML page)"
        );
        assert_eq!(
            error(
                "a.xml",
                b"<?xml version=\"1.0\"?>\n<!-- map -->\n<urlset><url/></urlset>"
            ),
            "a.xml: not a feed (XML without rss, feed or RDF root)"
        );
        assert_eq!(
            error("https://x/feed", b""),
            "https://x/feed: empty response"
        );
        assert_eq!(error("a.rss", b" \n\t"), "a.rss: empty file");
        assert_eq!(
            error("a", b"just some words"),
            "a: not a feed (neither XML nor JSON)"
        );
        assert_eq!(error("a", b"<rss\0>"), "a: not a feed (binary data)");
        assert_eq!(
            error("a.json", br#"{"title": "x", "body": "y"}"#),
            "a.json: not a feed (JSON without a jsonfeed.org version)"
        );
        assert_eq!(
            error(
                "a.json",
                b"{\"version\": \"https://jsonfeed.org/version/1\",\n\"items\": [}"
            ),
            "a.json: malformed feed: line 2: invalid JSON: expected value"
        );
        assert_eq!(
            error(
                "a.json",
                br#"{"version": "https://jsonfeed.org/version/2", "title": "t", "items": []}"#
            ),
            "a.json: malformed feed: unsupported JSON Feed version https://jsonfeed.org/version/2"
        );
        let message = error("feeds/malformed.xml", MALFORMED);
        assert!(
            message.starts_with("feeds/malformed.xml: malformed feed: "),
            "{message}"
        );
        assert!(!message.contains("Parser error"), "{message}");
    }

    #[test]
    fn a_truncated_feed_is_an_error_or_fewer_items() {
        // Cut anywhere, a feed never yields more than it holds nor anything invented.
        for end in (0..ARABIC.len()).step_by(37) {
            if let Ok(feed) = parse_feed("cut.rss", None, &ARABIC[..end]) {
                assert!(feed.articles.len() <= 3, "cut at {end}");
            }
        }
    }

    #[test]
    fn items_with_neither_title_nor_body_are_skipped() {
        let rss = r#"<rss version="2.0"><channel><title>T</title>
            <item><link>https://x.example/1</link></item>
            <item><title>  </title><description> </description></item>
            <item><title>Only a title</title></item>
            <item><description>Only a body. More.</description></item>
            </channel></rss>"#;
        let feed = parse("https://x.example/rss", rss.as_bytes());
        let titles: Vec<&str> = feed.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Only a title", "Only a body"]);
        assert_eq!(feed.articles[0].text, "");
        // Neither link nor guid: the key is made from the text and is the same every time.
        let again = parse("https://x.example/rss", rss.as_bytes());
        assert_eq!(feed.articles[1].key, again.articles[1].key);
        assert_eq!(feed.articles[1].path, feed.articles[1].key);
        assert_eq!(feed.articles[1].url, None);
    }

    #[test]
    fn relative_links_resolve_against_the_feed_url_when_the_feed_names_no_site() {
        let rss = r#"<rss version="2.0"><channel><title>T</title>
            <item><title>A</title><link>/news/a</link></item></channel></rss>"#;
        let feed = parse("https://x.example/feeds/rss", rss.as_bytes());
        assert_eq!(
            feed.articles[0].url.as_deref(),
            Some("https://x.example/news/a")
        );
        let feed = parse("local.rss", rss.as_bytes());
        assert_eq!(feed.articles[0].url.as_deref(), Some("/news/a"));
    }

    #[test]
    fn rss_1_and_0_91_are_read() {
        let rdf = r#"<?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                     xmlns="http://purl.org/rss/1.0/">
              <channel rdf:about="https://x.example/"><title>R</title>
                <link>https://x.example/</link><description>d</description></channel>
              <item rdf:about="https://x.example/1"><title>One</title>
                <link>https://x.example/1</link><description>Body one.</description></item>
            </rdf:RDF>"#;
        assert!(looks_like_feed(rdf.as_bytes()));
        let feed = parse("r.rdf", rdf.as_bytes());
        assert_eq!(feed.articles.len(), 1);
        assert_eq!(feed.articles[0].text, "Body one.");
        let old = r#"<rss version="0.91"><channel><title>O</title><link>https://o.example/</link>
            <item><title>Old</title><link>https://o.example/1</link></item></channel></rss>"#;
        assert_eq!(parse("o.rss", old.as_bytes()).articles[0].title, "Old");
    }

    #[test]
    fn sniffing_finds_feeds_behind_prologs() {
        for feed in [
            "\u{FEFF}  \n<?xml version=\"1.0\"?>\n<!-- c -->\n<?xml-stylesheet href=\"s.xsl\"?>\n<rss version=\"2.0\">",
            "<rss version=\"2.0\"><channel>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x \"y>\">]><rss>",
            "<?xml version=\"1.0\"?><atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">",
            "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
            "{\"version\": \"https:\\/\\/jsonfeed.org\\/version\\/1\", \"items\": []}",
        ] {
            assert!(looks_like_feed(feed.as_bytes()), "{feed}");
        }
        for other in [
            "",
            "   ",
            "plain text",
            "<!DOCTYPE html><html>",
            "<html><body>",
            "<p>x</p>",
            "<?xml version=\"1.0\"?><urlset>",
            "{\"body\": \"x\"}",
            "[1, 2]",
            "{\"items\": [], \"version\": \"1\"}",
            "{\"version\": \"https://jsonfeed.org/version/1\"",
        ] {
            assert!(!looks_like_feed(other.as_bytes()), "{other}");
        }
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss>"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert!(looks_like_feed(&utf16));
        // A feed's root found past 8 KB of comments is left to the parser.
        let late = format!(
            "<?xml version=\"1.0\"?><!--{}--><rss>",
            " ".repeat(SNIFF_BYTES)
        );
        assert_eq!(sniff(late.as_bytes()), Sniffed::Xml(None));
    }

    #[test]
    fn html_becomes_paragraphs() {
        let html = "<div><h2>Title</h2><p>One   two\nthree.</p>\n\n\n<p>Line<br>break</p>\
                    <script>alert('x')</script><style>p { color: red }</style>\
                    <ul><li>first</li><li>second</li></ul></div>";
        assert_eq!(
            html_to_text(html),
            // html2text starts the list on the next line, in the paragraph before it.
            "## Title\n\nOne two three.\n\nLine\nbreak\n* first\n* second"
        );
    }

    #[test]
    fn links_become_footnotes_and_images_their_alt_text() {
        let html = r#"<p>See <a href="https://a.example/x">the report</a> and
            <a href="https://b.example/y">this</a>.</p>
            <p><img src="p.jpg" alt="A flooded road"><img src="spacer.gif"></p>"#;
        assert_eq!(
            html_to_text(html),
            "See [the report][1] and [this][2].\n\n[A flooded road]\n\n\
             [1]: https://a.example/x\n[2]: https://b.example/y"
        );
    }

    #[test]
    fn arabic_stays_in_logical_order() {
        let html = r#"<p dir="rtl">قال المتحدث إن <b>12 شخصا</b> قتلوا (بحسب «وكالة الأنباء»).</p>"#;
        assert_eq!(
            html_to_text(html),
            "قال المتحدث إن 12 شخصا قتلوا (بحسب «وكالة الأنباء»)."
        );
        // Bidi marks are text, not controls: they stay.
        assert_eq!(html_to_text("<p>\u{200F}نص</p>"), "\u{200F}نص");
    }

    #[test]
    fn escape_sequences_never_survive() {
        for input in [
            "<p>red \u{1b}[31mtext\u{1b}[0m</p>",
            "red \u{1b}[31mtext\u{1b}[0m",
            "<p>title \u{1b}]0;pwned\u{7}</p>\u{9b}2J",
            "plain \u{1b}]0;pwned\u{7} and \u{0}nul",
        ] {
            let text = html_to_text(input);
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{input:?} gave {text:?}"
            );
            assert!(
                text.starts_with("red") || text.starts_with("title") || text.starts_with("plain")
            );
        }
        assert_eq!(html_to_text("a\u{1b}[1mb"), "a[1mb");
    }

    #[test]
    fn plain_text_passes_through() {
        assert_eq!(
            html_to_text("  First line,\t with  space.\r\nSecond line.\n\n\n\nThird & last <3\n"),
            "First line, with space.\n\nSecond line.\n\nThird & last <3"
        );
        assert_eq!(html_to_text("AT&amp;T &quot;q&quot;"), "AT&T \"q\"");
        assert_eq!(html_to_text(""), "");
        assert_eq!(html_to_text(" \n\t "), "");
    }

    #[test]
    fn tidy_leaves_no_trailing_space_or_extra_blank_line() {
        let text =
            html_to_text("<p>a </p><p></p><p>&nbsp;</p><pre>  x   y  \n\n\n z</pre><p>b\u{a0}</p>");
        assert_eq!(text, "a\n\nx y\n\nz\n\nb");
    }

    #[test]
    fn very_deep_markup_is_flattened_quickly() {
        let depth = 50_000;
        let html = format!(
            "{}<p>deep &amp; down</p><script>x()</script>{}",
            "<div><span>".repeat(depth),
            "</span></div>".repeat(depth)
        );
        assert!(nesting_depth(&html) > MAX_NESTING);
        assert_eq!(find_ignoring_ascii_case("ab</ScRiPt>", "</script"), Some(2));
        assert_eq!(find_ignoring_ascii_case("ab</scrip", "</script"), None);
        let start = std::time::Instant::now();
        assert_eq!(html_to_text(&html), "deep & down");
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
        // Paragraphs and void elements left open do not deepen; <div><i> does.
        assert_eq!(
            nesting_depth("<p>a<p>b<br><img src=x><div><i>c</i></div>"),
            2
        );
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = looks_like_feed(&bytes);
            if let Ok(feed) = parse_feed("https://x.example/feed", None, &bytes) {
                for article in feed.articles {
                    prop_assert!(article.text.get(article.body.clone()).is_some());
                    prop_assert!(!article.title.is_empty());
                }
            }
        }

        #[test]
        fn arbitrary_feed_bodies_never_panic(
            prefix in prop::sample::select(vec![
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>",
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"html\">",
                "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"items\": [{\"content_html\": \"",
            ]),
            middle in "\\PC{0,80}",
            suffix in prop::sample::select(vec![
                "</title></item></channel></rss>",
                "</content></entry></feed>",
                "\"}]}",
                "",
            ]),
        ) {
            let bytes = format!("{prefix}{middle}{suffix}");
            if let Ok(feed) = parse_feed("f", Some("n"), bytes.as_bytes()) {
                for article in feed.articles {
                    prop_assert!(!article.text.chars().any(|c| c.is_control() && c != '\n'));
                    prop_assert!(!article.title.chars().any(char::is_control));
                }
            }
        }

        #[test]
        fn html_to_text_is_tidy(html in "(<[a-z/!]{0,4}>|&[a-z#0-9]{0,5};?|[ \\t\\n]|\\PC){0,60}") {
            let text = html_to_text(&html);
            prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
            prop_assert!(!text.contains("\n\n\n"));
            prop_assert!(!text.starts_with('\n') && !text.ends_with('\n'));
            prop_assert!(text.lines().all(|line| line.trim() == line));
        }
    }
}
