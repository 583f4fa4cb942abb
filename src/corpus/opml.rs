//! OPML, the list of feeds other readers import and export: read leniently (OPML 1 and 2, an
//! outline without `text`, feeds nested in categories, attribute names in any case) into
//! [`Subscription`]s, and written as OPML 2.0.

use anyhow::{Context, Result, bail};
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::subscriptions::Subscription;

/// The feeds of an OPML document, in its order: each outline with an `xmlUrl`, named by its
/// `title` or `text`, tagged with the categories (outlines without a URL) around it and its own
/// `category` attribute.
pub fn read_opml(text: &str) -> Result<Vec<Subscription>> {
    let mut reader = Reader::from_str(text);
    let mut categories: Vec<Option<String>> = Vec::new();
    let mut feeds = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader
            .read_event()
            .with_context(|| format!("not OPML: bad XML at byte {}", reader.buffer_position()))?;
        match event {
            Event::Start(element) | Event::Empty(element)
                if named(element.local_name().as_ref(), "opml") =>
            {
                saw_opml = true;
            }
            Event::Start(element) if named(element.local_name().as_ref(), "outline") => {
                let outline = Outline::of(&element)?;
                if outline.url.is_some() {
                    feeds.push(outline.subscription(&categories));
                }
                categories.push(outline.url.is_none().then_some(outline.name).flatten());
            }
            Event::Empty(element) if named(element.local_name().as_ref(), "outline") => {
                let outline = Outline::of(&element)?;
                if outline.url.is_some() {
                    feeds.push(outline.subscription(&categories));
                }
            }
            Event::End(element) if named(element.local_name().as_ref(), "outline") => {
                categories.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        bail!("not OPML: no <opml> element");
    }
    Ok(feeds)
}

/// Whether an element's local name is `name`, in any case.
fn named(local_name: &str, name: &str) -> bool {
    local_name.eq_ignore_ascii_case(name)
}

/// One `<outline>`: its feed URL, name and own categories.
struct Outline {
    url: Option<String>,
    name: Option<String>,
    categories: Vec<String>,
}

impl Outline {
    fn of(element: &BytesStart) -> Result<Outline> {
        let mut outline = Outline {
            url: None,
            name: None,
            categories: Vec::new(),
        };
        let mut text = None;
        for attribute in element.attributes().with_checks(false) {
            let attribute = attribute.context("not OPML: a bad attribute")?;
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .context("not OPML: a bad attribute value")?
                .trim()
                .to_owned();
            if value.is_empty() {
                continue;
            }
            match attribute
                .key
                .local_name()
                .as_ref()
                .to_ascii_lowercase()
                .as_str()
            {
                "xmlurl" => outline.url = Some(value),
                "title" => outline.name = Some(value),
                "text" => text = Some(value),
                "category" => outline.categories.extend(
                    value
                        .split(',')
                        .map(|category| category.trim().trim_start_matches('/').to_owned())
                        .filter(|category| !category.is_empty()),
                ),
                _ => {}
            }
        }
        outline.name = outline.name.or(text);
        Ok(outline)
    }

    fn subscription(&self, around: &[Option<String>]) -> Subscription {
        let mut tags: Vec<String> = Vec::new();
        for tag in around.iter().flatten().chain(&self.categories) {
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
        Subscription {
            location: self.url.clone().unwrap_or_default(),
            name: self.name.clone(),
            tags,
        }
    }
}

/// `subscriptions` as an OPML 2.0 document, one outline per feed with its name and tags.
pub fn write_opml(subscriptions: &[Subscription]) -> String {
    let mut opml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>sanad feeds</title>\n  </head>\n  <body>\n",
    );
    for subscription in subscriptions {
        let name = subscription
            .name
            .as_deref()
            .unwrap_or(&subscription.location);
        opml.push_str(&format!(
            "    <outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{url}\"",
            name = escape(name),
            url = escape(subscription.location.as_str()),
        ));
        if !subscription.tags.is_empty() {
            opml.push_str(&format!(
                " category=\"{}\"",
                escape(subscription.tags.join(",").as_str())
            ));
        }
        opml.push_str("/>\n");
    }
    opml.push_str("  </body>\n</opml>\n");
    opml
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(location: &str, name: Option<&str>, tags: &[&str]) -> Subscription {
        Subscription {
            location: location.to_owned(),
            name: name.map(str::to_owned),
            tags: tags.iter().map(|tag| (*tag).to_owned()).collect(),
        }
    }

    #[test]
    fn feeds_are_read_from_categories_and_either_version() {
        let opml = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>Exported</title></head><body>
  <outline text="أخبار عربية">
    <outline text="الجزيرة نت" type="rss" xmlUrl="https://example.net/aj.xml"/>
    <outline type="rss" xmlurl="https://example.net/bbc.xml" title="BBC عربي" category="/world,radio"/>
  </outline>
  <outline type="rss" xmlUrl="https://example.org/plain.rss"></outline>
  <outline text="Empty folder"></outline>
  <outline text="no url here"/>
</body></opml>"#;
        assert_eq!(
            read_opml(opml).unwrap(),
            [
                feed(
                    "https://example.net/aj.xml",
                    Some("الجزيرة نت"),
                    &["أخبار عربية"]
                ),
                feed(
                    "https://example.net/bbc.xml",
                    Some("BBC عربي"),
                    &["أخبار عربية", "world", "radio"]
                ),
                feed("https://example.org/plain.rss", None, &[]),
            ]
        );
    }

    #[test]
    fn what_is_written_reads_back() {
        let feeds = [
            feed(
                "https://example.net/a?x=1&y=2",
                Some("\"قناة\" <1>"),
                &["news", "ar"],
            ),
            feed("/home/r/local.atom", None, &[]),
        ];
        assert_eq!(read_opml(&write_opml(&feeds)).unwrap()[0], feeds[0]);
        let back = read_opml(&write_opml(&feeds)).unwrap();
        assert_eq!(back[1].location, "/home/r/local.atom");
        assert_eq!(back[1].name.as_deref(), Some("/home/r/local.atom"));
    }

    /// 500 feeds of every shape a feeds file holds (Arabic names with quotes and brackets,
    /// addresses with query strings, several tags or none) come back as they went.
    #[test]
    fn five_hundred_feeds_round_trip() {
        let feeds: Vec<Subscription> = (0..500)
            .map(|i| Subscription {
                location: format!("https://news{}.example/rss?section={i}&lang=ar#top", i % 37),
                name: Some(match i % 3 {
                    0 => format!("صحيفة \"الخبر\" رقم {i}"),
                    1 => format!("Wire <{i}> & Co"),
                    _ => format!("قناة {i}"),
                }),
                tags: (0..i % 4).map(|t| format!("وسم-{t}")).collect(),
            })
            .collect();
        let written = write_opml(&feeds);
        assert_eq!(read_opml(&written).unwrap(), feeds);
        assert_eq!(write_opml(&read_opml(&written).unwrap()), written);
    }

    /// Exports as other readers write them: newsboat's (OPML 1.0, `title` only, character
    /// references, empty `htmlUrl` and `title`), and a web reader's (categories as nested
    /// outlines with `text` and `title`, an `htmlUrl`, a `version` attribute).
    #[test]
    fn other_readers_exports_are_read() {
        let newsboat = r#"<?xml version="1.0"?>
<opml version="1.0">
  <head>
    <title>newsboat - Exported Feeds</title>
  </head>
  <body>
    <outline type="rss" xmlUrl="https://example.net/ar/rss.xml" htmlUrl="" title="&#x627;&#x644;&#x633;&#x627;&#x62D;&#x644;"/>
    <outline type="rss" xmlUrl="http://example.org/feed?a=1&amp;b=2" htmlUrl="" title=""/>
  </body>
</opml>"#;
        assert_eq!(
            read_opml(newsboat).unwrap(),
            [
                feed("https://example.net/ar/rss.xml", Some("الساحل"), &[]),
                feed("http://example.org/feed?a=1&b=2", None, &[]),
            ]
        );
        let web_reader = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title><dateCreated>Thu, 03 Dec 2026 10:00:00 GMT</dateCreated></head>
  <body>
    <outline text="الشرق الأوسط" title="الشرق الأوسط">
      <outline type="rss" text="وكالة الأنباء" title="وكالة الأنباء" xmlUrl="https://agency.example/feed/" htmlUrl="https://agency.example/" version="RSS"/>
      <outline text="محلي" title="محلي">
        <outline type="rss" text="Local Daily" title="Local Daily" xmlUrl="https://daily.example/atom.xml" htmlUrl="https://daily.example/"/>
      </outline>
    </outline>
  </body>
</opml>"#;
        assert_eq!(
            read_opml(web_reader).unwrap(),
            [
                feed(
                    "https://agency.example/feed/",
                    Some("وكالة الأنباء"),
                    &["الشرق الأوسط"]
                ),
                feed(
                    "https://daily.example/atom.xml",
                    Some("Local Daily"),
                    &["الشرق الأوسط", "محلي"]
                ),
            ]
        );
    }

    #[test]
    fn what_is_not_opml_is_refused() {
        assert!(read_opml("<rss><channel/></rss>").is_err());
        assert!(read_opml("not xml at all <<<").is_err());
    }
}
