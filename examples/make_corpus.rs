//! Writes a corpus of many distinct events for measuring `sanad stories` on files: N reports
//! made from the development set (see `benches/support/synthetic.rs`), one `ID.json` a report.
//! Article ids start with their synthetic event ("e00042-…"), so that stories can be checked
//! against the events.
//!
//! With `--sample`, the reports are instead the built-in sample repeated with its figures
//! varied, as `cargo bench --bench compare` reads them (`corpus::scaled_corpus`), one file each.
//!
//! cargo run --release --example make_corpus -- [--sample] 20000 DIR

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

// Shared with the benchmarks, which use more of it.
#[allow(dead_code)]
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let sample = args.first().is_some_and(|arg| arg == "--sample");
    if sample {
        args.remove(0);
    }
    let (Some(count), Some(dir)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: make_corpus [--sample] COUNT DIR");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let written = if sample {
        write_sample(count, &dir)
    } else {
        write(count, &dir)
    };
    if let Err(error) = written {
        eprintln!("{}: {error}", dir.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The sample repeated: each article's text as its file holds it, under its own id.
fn write_sample(count: usize, dir: &std::path::Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let corpus = sanad::corpus::scaled_corpus(count);
    let mut bytes = 0;
    for article in &corpus.articles {
        let extension = std::path::Path::new(article.path.split('#').next().unwrap_or_default())
            .extension()
            .and_then(|extension| extension.to_str())
            .unwrap_or("txt");
        bytes += article.text.len();
        fs::write(
            dir.join(format!("{}.{extension}", article.id)),
            &article.text,
        )?;
    }
    println!(
        "{} articles of the sample, {bytes} bytes",
        corpus.articles.len()
    );
    Ok(())
}

fn write(count: usize, dir: &std::path::Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let reports = synthetic::reports(count);
    let mut bytes = 0;
    for synthetic in &reports {
        let json = serde_json::to_vec_pretty(&synthetic.report)?;
        bytes += json.len();
        fs::write(dir.join(format!("{}.json", synthetic.report.id)), json)?;
    }
    let events = reports.last().map_or(0, |last| last.event + 1);
    println!(
        "{} reports of {events} events, {bytes} bytes",
        reports.len()
    );
    Ok(())
}
