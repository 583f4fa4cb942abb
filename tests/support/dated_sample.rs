//! The sample's five reports as JSON lines, each given a publication time: the ministry's
//! 7 killed police and 18 injured on 6 January, 95 injured on the 7th, AFP's 8 killed and 317
//! injured on the 8th.

use std::path::{Path, PathBuf};

const DAYS: [(&str, &str); 5] = [
    ("000_b4a5ed5ac2308f74", "2022-01-08T09:00:00Z"),
    ("001_2a77a7544d414243", "2022-01-06T09:00:00Z"),
    ("002_07a2ee11802b581d", "2022-01-06T12:00:00Z"),
    ("003_90a1adca7efb77d4", "2022-01-07T09:00:00Z"),
    ("004_90b7322cd039eea9", "2022-01-06T15:00:00Z"),
];

/// Writes the dated sample into `dir` and returns its path.
pub fn write(dir: &Path) -> PathBuf {
    let mut lines = String::new();
    for (id, published) in DAYS {
        let body = std::fs::read_to_string(format!("assets/sample/{id}.txt")).unwrap();
        let record = serde_json::json!({"id": id, "published": published, "body": body});
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    let path = dir.join("sample.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}
