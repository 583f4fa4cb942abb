//! Writes a corpus of many distinct events for measuring `sanad stories` on files: N reports
//! made from the development set (see `benches/support/synthetic.rs`), one `ID.json` a report.
//! Article ids start with their synthetic event ("e00042-…"), so that stories can be checked
//! against the events.
//!
//! cargo run --release --example make_corpus -- 20000 DIR

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

// Shared with the benchmarks, which use more of it.
#[allow(dead_code)]
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(dir)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: make_corpus COUNT DIR");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    if let Err(error) = write(count, &dir) {
        eprintln!("{}: {error}", dir.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
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
