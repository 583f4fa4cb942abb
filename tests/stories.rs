//! Stories end to end, on the development set under `tests/data/events/` (thirteen events,
//! three to five reports each, written for this project from real coverage) mixed with the
//! built-in sample: `sanad stories --json` held to the labels by BCubed precision and recall,
//! also with every event moved to the same week; and `sanad compare --json` on the mixed
//! folder showing the annotated relations between figures as each event alone does.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Deserialize;
use serde_json::Value;
use tempfile::TempDir;

const EVENTS: &str = "tests/data/events";

#[derive(Deserialize)]
struct Label {
    event: String,
    reports: Vec<String>,
    relations: Vec<Relation>,
}

#[derive(Deserialize)]
struct Relation {
    a: FigureRef,
    b: FigureRef,
}

#[derive(Deserialize)]
struct FigureRef {
    report: String,
    figure: String,
}

fn labels() -> Vec<Label> {
    let mut labels: Vec<Label> = fs::read_dir(Path::new(EVENTS).join("labels"))
        .unwrap()
        .map(|entry| {
            let text = fs::read_to_string(entry.unwrap().path()).unwrap();
            serde_json::from_str(&text).unwrap()
        })
        .collect();
    labels.sort_by(|a, b| a.event.cmp(&b.event));
    labels
}

/// Article id → event, the sample's five reports as one more event.
fn event_of() -> HashMap<String, String> {
    let mut events: HashMap<String, String> = HashMap::new();
    for label in labels() {
        for report in label.reports {
            events.insert(report, label.event.clone());
        }
    }
    for entry in fs::read_dir("assets/sample").unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        events.insert(id, "kazakhstan-2022".to_owned());
    }
    events
}

fn sanad_json(args: &[&str], paths: &[&Path]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_sanad"))
        .args(args)
        .args(paths)
        .stdin(Stdio::null())
        .output()
        .expect("sanad runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// The stories as sets of article ids.
fn story_sets(stories: &Value) -> Vec<Vec<String>> {
    stories["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|story| {
            story["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["article"].as_str().unwrap().to_owned())
                .collect()
        })
        .collect()
}

/// BCubed precision and recall of `stories` against the events.
fn bcubed(stories: &[Vec<String>], event_of: &HashMap<String, String>) -> (f64, f64) {
    let mut event_sizes: HashMap<&str, usize> = HashMap::new();
    for story in stories {
        for id in story {
            *event_sizes.entry(&event_of[id]).or_default() += 1;
        }
    }
    let (mut precision, mut recall, mut count) = (0.0, 0.0, 0.0);
    for story in stories {
        for id in story {
            let event = &event_of[id];
            let same = story
                .iter()
                .filter(|other| &event_of[*other] == event)
                .count() as f64;
            precision += same / story.len() as f64;
            recall += same / event_sizes[event.as_str()] as f64;
            count += 1.0;
        }
    }
    (precision / count, recall / count)
}

fn assert_stories_match_the_labels(stories: &Value) {
    let event_of = event_of();
    let sets = story_sets(stories);
    let grouped: usize = sets.iter().map(Vec::len).sum();
    assert_eq!(
        grouped,
        event_of.len(),
        "every article in exactly one story"
    );
    for set in &sets {
        let events: BTreeSet<&str> = set.iter().map(|id| event_of[id].as_str()).collect();
        assert_eq!(events.len(), 1, "a story mixes events: {set:?}");
    }
    let (precision, recall) = bcubed(&sets, &event_of);
    assert!(
        precision >= 0.9,
        "BCubed precision {precision:.3}: {sets:?}"
    );
    assert!(recall >= 0.9, "BCubed recall {recall:.3}: {sets:?}");
}

#[test]
fn stories_of_the_development_set_and_the_sample_are_its_events() {
    let stories = sanad_json(
        &["stories", "--json"],
        &[
            &Path::new(EVENTS).join("reports"),
            Path::new("assets/sample"),
        ],
    );
    assert_stories_match_the_labels(&stories);
    let first = &stories["stories"][0];
    assert_eq!(first["id"], "s1");
    assert!(first["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(first["from"].as_str().is_some(), "{first:#}");
    assert!(first["claims"].as_u64().unwrap() > 0, "{first:#}");
}

/// Copies of the reports with every event's dates moved so that all begin on one day: a feed
/// reader's day, where only the text tells the events apart.
fn same_week(dir: &Path) {
    let reports = Path::new(EVENTS).join("reports");
    let mut records: Vec<(PathBuf, serde_json::Map<String, Value>)> = fs::read_dir(&reports)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let record = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            (path, record)
        })
        .collect();
    let day = |published: &str| -> i64 {
        let date = &published[..10];
        let parts: Vec<i64> = date.split('-').map(|p| p.parse().unwrap()).collect();
        // Days since 2000-01-01 are enough to keep the gaps between one event's reports.
        parts[0] * 372 + parts[1] * 31 + parts[2]
    };
    let mut first: HashMap<String, i64> = HashMap::new();
    for (path, record) in &records {
        let event = event_name(path);
        if let Some(published) = record.get("published").and_then(Value::as_str) {
            let first = first.entry(event).or_insert(i64::MAX);
            *first = (*first).min(day(published));
        }
    }
    for (path, record) in &mut records {
        let event = event_name(path);
        if let Some(published) = record.get("published").and_then(Value::as_str) {
            let offset = (day(published) - first[&event]).min(27);
            record.insert(
                "published".into(),
                format!("2024-01-{:02}", 1 + offset).into(),
            );
        }
        let name = path.file_name().unwrap();
        fs::write(
            dir.join(name),
            serde_json::to_vec(&Value::Object(record.clone())).unwrap(),
        )
        .unwrap();
    }
}

fn event_name(path: &Path) -> String {
    let stem = path.file_stem().unwrap().to_string_lossy();
    stem.split("--").next().unwrap().to_owned()
}

#[test]
fn events_of_one_week_stay_apart() {
    let dir = TempDir::new().unwrap();
    same_week(dir.path());
    let stories = sanad_json(
        &["stories", "--json"],
        &[dir.path(), Path::new("assets/sample")],
    );
    assert_stories_match_the_labels(&stories);
}

#[test]
fn the_same_files_in_another_order_give_the_same_stories() {
    let reports = Path::new(EVENTS).join("reports");
    let dir = TempDir::new().unwrap();
    // Names that sort the other way round: the directory is read in the reverse order.
    let mut names: Vec<PathBuf> = fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let count = names.len();
    for (index, path) in names.iter().enumerate() {
        let record: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        fs::write(
            dir.path().join(format!("{:03}.json", count - index)),
            serde_json::to_vec(&record).unwrap(),
        )
        .unwrap();
    }
    let canonical = |stories: &Value| -> BTreeSet<BTreeSet<String>> {
        story_sets(stories)
            .into_iter()
            .map(|set| set.into_iter().collect())
            .collect()
    };
    let forward = sanad_json(&["stories", "--json"], &[&reports]);
    let backward = sanad_json(&["stories", "--json"], &[dir.path()]);
    assert_eq!(canonical(&forward), canonical(&backward));
}

/// The annotated relations that show in a comparison: both figures are mentions of one claim.
fn relations_shown(comparison: &Value, labels: &[Label]) -> BTreeSet<(String, usize)> {
    // Where each mention lies: (article, start, end) → claim.
    let mut mentions: Vec<(String, u64, u64, usize)> = Vec::new();
    for (claim_index, claim) in comparison["claims"].as_array().unwrap().iter().enumerate() {
        for mention in claim["mentions"].as_array().unwrap() {
            mentions.push((
                mention["article"].as_str().unwrap().to_owned(),
                mention["start"].as_u64().unwrap(),
                mention["end"].as_u64().unwrap(),
                claim_index,
            ));
        }
    }
    let claims_of = |figure: &FigureRef| -> BTreeSet<usize> {
        let path = Path::new(EVENTS)
            .join("reports")
            .join(format!("{}.json", figure.report));
        let record: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        let body = record["body"].as_str().unwrap();
        let Some(start) = body.find(&figure.figure) else {
            panic!("«{}» is not in {}", figure.figure, figure.report);
        };
        let end = (start + figure.figure.len()) as u64;
        mentions
            .iter()
            .filter(|(article, s, e, _)| article == &figure.report && *s < end && *e > start as u64)
            .map(|m| m.3)
            .collect()
    };
    let mut shown = BTreeSet::new();
    for label in labels {
        for (index, relation) in label.relations.iter().enumerate() {
            if !claims_of(&relation.a).is_disjoint(&claims_of(&relation.b)) {
                shown.insert((label.event.clone(), index));
            }
        }
    }
    shown
}

#[test]
fn a_mixed_folder_shows_the_relations_each_event_shows_alone() {
    let labels = labels();
    let reports = Path::new(EVENTS).join("reports");
    let mixed = sanad_json(
        &["compare", "--json"],
        &[&reports, Path::new("assets/sample")],
    );
    let event_of = event_of();
    for claim in mixed["claims"].as_array().unwrap() {
        let events: BTreeSet<&str> = claim["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| event_of[m["article"].as_str().unwrap()].as_str())
            .collect();
        assert_eq!(events.len(), 1, "a claim mixes events: {claim:#}");
        assert!(claim["story"].as_str().is_some_and(|s| s.starts_with('s')));
    }
    let mut alone = BTreeSet::new();
    for label in &labels {
        let dir = TempDir::new().unwrap();
        for report in &label.reports {
            let name = format!("{report}.json");
            fs::copy(reports.join(&name), dir.path().join(&name)).unwrap();
        }
        let comparison = sanad_json(&["compare", "--json"], &[dir.path()]);
        alone.extend(relations_shown(&comparison, std::slice::from_ref(label)));
    }
    let together = relations_shown(&mixed, &labels);
    let total: usize = labels.iter().map(|l| l.relations.len()).sum();
    assert!(!alone.is_empty());
    assert_eq!(
        together,
        alone,
        "{} of {total} relations show alone, {} together",
        alone.len(),
        together.len()
    );
}
