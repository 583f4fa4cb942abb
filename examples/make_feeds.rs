//! Writes FEEDS RSS files of ITEMS Arabic items each into DIR, for timing fetching beside other
//! feed readers: the bundled reports with their figures varied (`corpus::scaled_corpus`), each
//! body as HTML paragraphs, with a guid, link and date. Serve DIR over HTTP and subscribe to
//! `http://HOST/feed-N.xml`.
//!
//! cargo run --release --example make_feeds -- 20 1000 DIR

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::ExitCode;

use sanad::corpus;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |index: usize| args.get(index).and_then(|n| n.parse::<usize>().ok());
    let (Some(feeds), Some(items), Some(dir)) = (number(0), number(1), args.get(2)) else {
        eprintln!("usage: make_feeds FEEDS ITEMS DIR");
        return ExitCode::from(2);
    };
    match write(feeds, items, Path::new(dir)) {
        Ok(bytes) => {
            println!("{feeds} feeds of {items} items, {bytes} bytes");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{dir}: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write(feeds: usize, items: usize, dir: &Path) -> std::io::Result<usize> {
    fs::create_dir_all(dir)?;
    let articles = corpus::scaled_corpus(feeds * items).articles;
    let mut bytes = 0;
    for feed in 0..feeds {
        let mut rss = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
             <title>Feed {feed}</title><link>https://news{feed}.example/</link>\n"
        );
        for (index, article) in articles.iter().skip(feed).step_by(feeds).enumerate() {
            let body = article.text.get(article.body.clone()).unwrap_or_default();
            let paragraphs: String = body
                .split("\n\n")
                .filter(|paragraph| !paragraph.trim().is_empty())
                .map(|paragraph| format!("<p>{}</p>", escape(paragraph.trim())))
                .collect();
            let _ = writeln!(
                rss,
                "<item><title>{}</title><link>https://news{feed}.example/a/{index}</link>\
                 <guid>https://news{feed}.example/a/{index}</guid>\
                 <pubDate>Mon, 10 Jan 2022 {:02}:{:02}:00 GMT</pubDate>\
                 <description>{}</description></item>",
                escape(&article.title),
                index / 60 % 24,
                index % 60,
                escape(&paragraphs),
            );
        }
        rss.push_str("</channel></rss>\n");
        bytes += rss.len();
        fs::write(dir.join(format!("feed-{feed}.xml")), rss)?;
    }
    Ok(bytes)
}

/// Text as XML character data.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
