//! Full text: many Arabic feeds carry only a summary or a first paragraph, and the figures and
//! sources are in the article on the site. The item's page is read with a port of Mozilla's
//! Readability (`dom_smoothie`), which keeps the article and drops navigation, comments and
//! related links, and its HTML becomes paragraphs as a feed item's does. Pure: bytes in, text
//! out; fetching the page is someone else's job.

use std::borrow::Cow;

use anyhow::{Result, bail};
use dom_smoothie::{Config, Readability};
use encoding_rs::{Encoding, UTF_8};

use super::Article;
use super::feed::html_to_text;

/// A body shorter than this many characters is taken for a summary.
const SUMMARY_CHARS: usize = 600;
/// Elements of a page Readability looks at, at most: a news page has a few thousand; far more
/// is not a page worth the time.
const MAX_ELEMENTS: usize = 30_000;
/// How much of a page is searched for a `<meta>` naming its charset.
const CHARSET_SNIFF_BYTES: usize = 4096;
/// Fewer characters than this is a fragment, not an article: Readability found none.
const MIN_FULL_TEXT_CHARS: usize = 200;

/// Whether `article`, a feed item, looks like a summary of an article on its page: a link to
/// the page and a short body.
pub fn wants_full_text(article: &Article) -> bool {
    article.url.as_deref().is_some_and(super::feed::is_url)
        && article.body_text().chars().count() < SUMMARY_CHARS
}

/// The article on a page, as paragraphs: `bytes` decoded by their byte order mark, else the
/// `content_type` header's charset, else a `<meta>` charset, else as UTF-8; relative links
/// resolved against `url`. An error when no article is found on it.
pub fn page_article(bytes: &[u8], content_type: Option<&str>, url: &str) -> Result<String> {
    let html = decode_page(bytes, content_type);
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let article = Readability::new(html.as_ref(), Some(url), Some(config))
        .and_then(|mut readability| readability.parse());
    let article = match article {
        Ok(article) => article,
        Err(error) => bail!("no article found on the page ({error})"),
    };
    let text = html_to_text(&article.content);
    if text.chars().count() < MIN_FULL_TEXT_CHARS {
        bail!("no article found on the page");
    }
    Ok(text)
}

/// A page's text: by its byte order mark, the header's charset, a `<meta>` charset, else
/// UTF-8 (invalid bytes replaced).
fn decode_page<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    let declared = content_type
        .and_then(charset_parameter)
        .or_else(|| meta_charset(bytes))
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .unwrap_or(UTF_8);
    // `decode` follows a byte order mark over the declared charset.
    let (text, _, _) = declared.decode(bytes);
    text
}

/// The `charset=` parameter of a `Content-Type` value.
pub(crate) fn charset_parameter(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_owned())
    })
}

/// The charset a page's head names: `<meta charset="…">` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">`. The head is ASCII in every charset a news page uses.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(CHARSET_SNIFF_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let value = head[at + "charset=".len()..].trim_start_matches(['"', '\'', ' ']);
    let end = value
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(value.len());
    (end > 0).then(|| value[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_come_from_the_header_then_the_page() {
        assert_eq!(
            charset_parameter("text/html; charset=\"windows-1256\"").as_deref(),
            Some("windows-1256")
        );
        assert_eq!(charset_parameter("text/html"), None);
        let page = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head>"#;
        assert_eq!(meta_charset(page).as_deref(), Some("windows-1256"));
        assert_eq!(
            meta_charset(b"<meta charset='ISO-8859-6'>").as_deref(),
            Some("iso-8859-6")
        );
        assert_eq!(meta_charset(b"<html><body>no charset</body>"), None);
        // "\u{0645}\u{0631}" (مر) in windows-1256, declared by the header alone.
        assert_eq!(
            decode_page(&[0xe3, 0xd1], Some("text/html; charset=cp1256")),
            "مر"
        );
        assert_eq!(decode_page("مر".as_bytes(), None), "مر");
    }

    #[test]
    fn a_short_body_with_a_link_wants_the_full_text() {
        let mut article = Article {
            id: "x".into(),
            path: "x".into(),
            title: "t".into(),
            text: "ملخص قصير".into(),
            body: 0.."ملخص قصير".len(),
            source: None,
            url: Some("https://example.org/a/1".into()),
            published: None,
            feed: Some("https://example.org/rss".into()),
            key: "k".into(),
        };
        assert!(wants_full_text(&article));
        article.url = None;
        assert!(!wants_full_text(&article));
        article.url = Some("https://example.org/a/1".into());
        article.text = "نص ".repeat(400);
        article.body = 0..article.text.len();
        assert!(!wants_full_text(&article));
    }
}
