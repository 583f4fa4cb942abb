//! `sanad compare` end to end: on the built-in sample, the conflicts and agreements the five
//! reports hold; on small files written here, the rules that decide a claim's status.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;
use tempfile::TempDir;

#[path = "support/dated_sample.rs"]
mod dated_sample;

/// Runs `sanad compare --json` with `args` and parses what it prints.
fn compare_json(args: &[&str]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_sanad"))
        .arg("compare")
        .arg("--json")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("sanad runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "unexpected stderr: {stderr}");
    serde_json::from_slice(&output.stdout).expect("compare prints JSON")
}

fn claims(comparison: &Value) -> &Vec<Value> {
    comparison["claims"].as_array().expect("claims")
}

/// The claim about (event, subject); panics with the claims listed when there is none.
fn claim<'a>(comparison: &'a Value, event: Option<&str>, subject: Option<&str>) -> &'a Value {
    claims(comparison)
        .iter()
        .find(|c| c["key"]["event"].as_str() == event && c["key"]["subject"].as_str() == subject)
        .unwrap_or_else(|| panic!("no claim {event:?} {subject:?} in {comparison:#}"))
}

/// The texts of a claim's mentions, in order.
fn texts(claim: &Value) -> Vec<&str> {
    claim["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect()
}

/// The mention whose text is `text`.
fn mention<'a>(claim: &'a Value, text: &str) -> &'a Value {
    claim["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == text)
        .unwrap_or_else(|| panic!("no mention «{text}» in {claim:#}"))
}

#[test]
fn security_forces_deaths_conflict_8_7_18() {
    let comparison = compare_json(&[]);
    let killed = claim(&comparison, Some("killed"), Some("security_forces"));
    assert_eq!(killed["status"], "conflict", "{killed:#}");
    let mut values: Vec<i64> = killed["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["low"].as_i64().unwrap())
        .collect();
    values.sort_unstable();
    assert_eq!(values, [7, 8, 18]);
    // AFP carried the ministry's 8: the source is the ministry, AFP relayed it.
    let eight = mention(killed, "ثمانية عناصر");
    assert_eq!(eight["article"], "000_b4a5ed5ac2308f74");
    assert_eq!(eight["source"], "Interior Ministry");
    assert_eq!(eight["via"][0], "AFP");
    // The ministry gave 7 on Friday and 18 in an earlier statement: one voice, two times.
    let seven = mention(killed, "7");
    assert_eq!(seven["when"][0], "اليوم الجمعة");
    let eighteen = mention(killed, "18");
    assert!(
        eighteen["when"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "منذ بداية الاحتجاجات"),
        "{eighteen:#}"
    );
    for value in killed["values"].as_array().unwrap() {
        assert_eq!(
            value["voices"], 1,
            "one ministry behind each value: {value:#}"
        );
    }
    // Without publication dates, AFP's 8 stands against both. Within its report the ministry's
    // 7 of Friday follows its 18 of an earlier statement: the same chain revises, no dispute.
    let conflicts = |index: usize| -> Vec<u64> {
        killed["values"][index]["conflicts_with"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect()
    };
    assert_eq!(conflicts(0), [1], "7 against 8");
    assert_eq!(conflicts(1), [0, 2], "8 against 7 and 18");
    assert_eq!(conflicts(2), [1], "18 against 8");
    assert_eq!(killed["values"][0]["revises"][0], 2, "7 revises 18");
    assert_eq!(killed["status"], "conflict");
    assert!(killed["latest"].is_null(), "no dates: no latest");
}

#[test]
fn police_injuries_conflict_317_95_18() {
    let comparison = compare_json(&[]);
    let injured = claim(&comparison, Some("injured"), Some("security_forces"));
    assert_eq!(injured["status"], "conflict", "{injured:#}");
    let mut found = texts(injured);
    found.sort_unstable();
    assert_eq!(found, ["18 شرطي", "317 عنصرا", "95 شرطيا"]);
    let articles: Vec<&str> = injured["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["article"].as_str().unwrap())
        .collect();
    assert_eq!(articles.len(), 3);
    assert!(articles.contains(&"000_b4a5ed5ac2308f74"));
    assert!(articles.contains(&"003_90a1adca7efb77d4"));
    assert!(articles.contains(&"004_90b7322cd039eea9"));
}

#[test]
fn three_explosions_and_about_three_agree() {
    let comparison = compare_json(&[]);
    let explosions = claim(&comparison, None, Some("explosions"));
    assert_eq!(explosions["status"], "agree", "{explosions:#}");
    let mut found = texts(explosions);
    found.sort_unstable();
    assert_eq!(found, ["3 انفجارات", "نحو ثلاثة انفجارات"]);
}

#[test]
fn more_than_200_arrested_twice_agree() {
    let comparison = compare_json(&[]);
    let arrested = claim(&comparison, Some("arrested"), Some("people"));
    assert_eq!(arrested["status"], "agree", "{arrested:#}");
    let two_hundred: Vec<&Value> = arrested["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["text"] == "أكثر من 200 شخص")
        .collect();
    assert_eq!(two_hundred.len(), 2);
    assert_ne!(two_hundred[0]["article"], two_hundred[1]["article"]);
    assert_eq!(two_hundred[0]["low"], 200);
    assert!(two_hundred[0]["high"].is_null());
    // "more than 100" in Almaty is a lower bound too, and says where.
    let hundred = mention(arrested, "أكثر من 100 شخص");
    assert_eq!(hundred["place"], "Almaty");
}

#[test]
fn more_than_a_thousand_people_and_a_thousand_wounded_agree() {
    let comparison = compare_json(&[]);
    let injured = claim(&comparison, Some("injured"), Some("people"));
    assert_eq!(injured["status"], "agree", "{injured:#}");
    let found = texts(injured);
    assert!(found.contains(&"أكثر من ألف شخص"), "{found:?}");
    assert!(found.contains(&"ألف جريح"), "{found:?}");
}

#[test]
fn dozens_of_attackers_and_26_gunmen_agree() {
    let comparison = compare_json(&[]);
    let militants = claim(&comparison, Some("killed"), Some("militants"));
    assert_eq!(militants["status"], "agree", "{militants:#}");
    assert!(militants["reports"].as_u64().unwrap() >= 3);
}

#[test]
fn conflicts_come_first() {
    let comparison = compare_json(&[]);
    let statuses: Vec<&str> = claims(&comparison)
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    let rank = |s: &str| {
        ["conflict", "update", "agree", "single"]
            .iter()
            .position(|x| *x == s)
    };
    let ranks: Vec<_> = statuses
        .iter()
        .map(|s| rank(s).expect("known status"))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{statuses:?}");
}

#[test]
fn the_spokesmans_quote_is_found_in_both_reports() {
    let comparison = compare_json(&[]);
    let quotes = comparison["quotes"].as_array().unwrap();
    let attack = quotes
        .iter()
        .find(|q| {
            q["mentions"][0]["text"]
                .as_str()
                .unwrap()
                .starts_with("القوى المتطرفة حاولت الليلة الماضية")
        })
        .unwrap_or_else(|| panic!("quote not matched: {quotes:?}"));
    let carriers: Vec<&str> = attack["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["article"].as_str().unwrap())
        .collect();
    assert_eq!(carriers, ["000_b4a5ed5ac2308f74", "001_2a77a7544d414243"]);
    // The two copies differ in a word or two; the words are shown.
    assert_eq!(attack["status"], "differs");
    let changes = attack["mentions"][1]["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    assert!(
        changes
            .iter()
            .any(|c| c["first"][0] == "وقسم" && c["this"][0] == "ومركز"),
        "{changes:?}"
    );
    // Both carry the spokesman's words.
    for mention in attack["mentions"].as_array().unwrap() {
        assert_eq!(mention["source"], "سالتانات أزيربك", "{mention:#}");
    }
}

#[test]
fn offsets_index_the_files_text() {
    let comparison = compare_json(&[]);
    for claim in claims(&comparison) {
        for mention in claim["mentions"].as_array().unwrap() {
            let path = Path::new("assets").join(mention["path"].as_str().unwrap());
            let text = fs::read_to_string(&path).expect("sample file");
            let (start, end) = (
                mention["start"].as_u64().unwrap() as usize,
                mention["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], mention["text"].as_str().unwrap());
        }
    }
}

/// Writes articles into a temporary directory.
fn articles(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn one_report_raising_its_toll_later_is_an_update_and_two_tolls_at_once_conflict() {
    let dir = articles(&[(
        "a.txt",
        "أعلنت الشرطة مقتل 12 شخصا في الانفجار.\n\nوفي وقت لاحق، أعلنت الشرطة مقتل 15 شخصا في الانفجار.",
    )]);
    let comparison = compare_json(&[dir.path().to_str().unwrap()]);
    let killed = claim(&comparison, Some("killed"), Some("people"));
    assert_eq!(killed["status"], "update", "{killed:#}");
    assert_eq!(killed["reports"], 1);
    let later = mention(killed, "15 شخصا");
    assert_eq!(later["when"][0], "في وقت لاحق");
    assert_eq!(killed["values"][1]["revises"][0], 0, "15 revises 12");

    let dir = articles(&[(
        "a.txt",
        "أعلنت الشرطة مقتل 12 شخصا في الانفجار.\n\nوقال مسعفون إن 15 شخصا قتلوا في الانفجار.",
    )]);
    let comparison = compare_json(&[dir.path().to_str().unwrap()]);
    let killed = claim(&comparison, Some("killed"), Some("people"));
    assert_eq!(killed["status"], "conflict", "{killed:#}");
}

#[test]
fn a_flood_of_distinct_tolls_lists_the_nearest_conflicts_and_counts_them() {
    // 400 one-line reports of one toll, each its own number: every value conflicts with every
    // other, which listed in full is 400 × 399 indexes.
    let dir = TempDir::new().unwrap();
    for index in 0..400 {
        let text = format!("قالت وزارة الداخلية إن {} شخصا قتلوا في ألماتي.", index + 1);
        fs::write(dir.path().join(format!("r{index:03}.txt")), text).unwrap();
    }
    let comparison = compare_json(&[dir.path().to_str().unwrap()]);
    let killed = claim(&comparison, Some("killed"), Some("people"));
    assert_eq!(killed["status"], "conflict");
    let values = killed["values"].as_array().unwrap();
    assert_eq!(values.len(), 400);
    let listed = |v: usize| -> Vec<u64> {
        values[v]["conflicts_with"]
            .as_array()
            .unwrap()
            .iter()
            .map(|index| index.as_u64().unwrap())
            .collect()
    };
    // The middle value: the 16 below and the 16 above it; 256 on each side are counted.
    assert_eq!(
        listed(200),
        (184..200).chain(201..217).collect::<Vec<u64>>()
    );
    assert_eq!(values[200]["conflicts"], 399);
    // The lowest: the 32 above it, and the 256 above counted (the values past them unchecked).
    assert_eq!(listed(0), (1..33).collect::<Vec<u64>>());
    assert_eq!(values[0]["conflicts"], 256);
    assert!(
        values
            .iter()
            .all(|value| value["conflicts_with"].as_array().unwrap().len() <= 32)
    );
}

#[test]
fn a_claim_one_report_makes_once_is_single_and_dozens_agree_with_26() {
    let dir = articles(&[
        (
            "a.txt",
            "قالت الشرطة إن عشرات المسلحين قتلوا. واعتقلت الشرطة 40 شخصا.",
        ),
        ("b.txt", "قال الجيش إن 26 مسلحا قتلوا في الاشتباكات."),
    ]);
    let comparison = compare_json(&[dir.path().to_str().unwrap()]);
    let killed = claim(&comparison, Some("killed"), Some("militants"));
    assert_eq!(killed["status"], "agree", "{killed:#}");
    assert_eq!(killed["voices"], 2);
    let arrested = claim(&comparison, Some("arrested"), Some("people"));
    assert_eq!(arrested["status"], "single", "{arrested:#}");
}

#[test]
fn different_places_are_different_claims() {
    let dir = articles(&[
        ("a.txt", "قالت الشرطة إن 5 أشخاص قتلوا في ألماتي."),
        ("b.txt", "قالت الشرطة إن 9 أشخاص قتلوا في شيمكنت."),
    ]);
    let comparison = compare_json(&[dir.path().to_str().unwrap()]);
    let places: Vec<(&str, &str)> = claims(&comparison)
        .iter()
        .map(|c| {
            (
                c["key"]["place"].as_str().unwrap_or("-"),
                c["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(places.contains(&("Almaty", "single")), "{places:?}");
    assert!(places.contains(&("Shymkent", "single")), "{places:?}");
}

#[test]
fn text_output_marks_conflicts_without_colour() {
    let output = Command::new(env!("CARGO_BIN_EXE_sanad"))
        .arg("compare")
        .stdin(Stdio::null())
        .output()
        .expect("sanad runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("✗ conflict\t"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("✓ agree\t")), "{text}");
    assert!(
        text.lines()
            .all(|l| !l.contains('\u{1b}') && l.split('\t').count() >= 3),
        "{text}"
    );
}

#[test]
fn missing_path_is_a_one_line_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_sanad"))
        .args(["compare", "--json", "no/such/dir"])
        .stdin(Stdio::null())
        .output()
        .expect("sanad runs");
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no/such/dir"), "{stderr}");
}

#[test]
fn the_sample_with_dates_orders_the_ministrys_injured_into_a_timeline() {
    // The ministry's 18 injured police first, then 95, then 317.
    let dir = TempDir::new().unwrap();
    let path = dated_sample::write(dir.path());
    let comparison = compare_json(&[path.to_str().unwrap()]);
    let injured = claim(&comparison, Some("injured"), Some("security_forces"));
    let values = injured["values"].as_array().unwrap();
    let low = |i: usize| values[i]["low"].as_u64().unwrap();
    assert_eq!((low(0), low(1), low(2)), (18, 95, 317));
    assert_eq!(injured["status"], "update", "{injured:#}");
    assert_eq!(injured["latest"], 2);
    assert_eq!(values[1]["revises"], serde_json::json!([0]));
    assert_eq!(values[2]["revises"], serde_json::json!([0, 1]));
    for value in values {
        assert!(value["as_of"].is_string(), "{value:#}");
        assert!(value["conflicts_with"].as_array().unwrap().is_empty());
    }
}
