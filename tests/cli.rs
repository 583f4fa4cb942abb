//! End-to-end tests of the `sanad` binary: `list` and `show`, their output and their errors,
//! and the configuration file.
//! The interactive reader (no subcommand) needs a terminal and is never run here.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;
use unicode_width::UnicodeWidthChar;

/// The ids of the built-in sample, in `list` order.
const SAMPLE_IDS: [&str; 5] = [
    "000_b4a5ed5ac2308f74",
    "001_2a77a7544d414243",
    "002_07a2ee11802b581d",
    "003_90a1adca7efb77d4",
    "004_90b7322cd039eea9",
];

/// A `sanad` command with the given arguments and no stdin.
fn sanad<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(env!("CARGO_BIN_EXE_sanad"));
    // A configuration directory with nothing in it, so the user's own config is never read.
    let no_config = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config");
    command
        .args(args)
        .env("XDG_CONFIG_HOME", no_config)
        .stdin(Stdio::null());
    command
}

/// Runs `sanad` to completion.
fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    sanad(args).output().expect("sanad runs")
}

/// Standard error as text.
fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `sanad`, checks it succeeded quietly, and returns its standard output.
fn run_ok<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = run(args);
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
    assert!(stderr.is_empty(), "unexpected stderr: {stderr}");
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// Checks a failure: non-zero exit, nothing on stdout, one stderr line naming `mention`.
fn assert_one_line_error(output: &Output, mention: &str) {
    let stderr = stderr_of(output);
    assert!(!output.status.success(), "should fail; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.stdout.is_empty(), "stdout: {:?}", output.stdout);
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr:?}");
    assert!(stderr.ends_with('\n'), "{stderr:?}");
    assert!(
        stderr.contains(mention),
        "{stderr:?} does not name {mention}"
    );
}

/// Checks a usage error: exit status 2, no output, one line on stderr, no panic.
fn assert_usage_error(output: &Output) {
    let stderr = stderr_of(output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("--width"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

/// Writes `contents` to `name` inside `dir` and returns its path.
fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, contents).expect("write test file");
    path
}

/// A path as the text given on the command line.
fn arg(path: &Path) -> String {
    path.to_str().expect("UTF-8 temp path").to_owned()
}

/// Display width of a line: unicode-width per char, zero for combining marks and controls.
fn width(line: &str) -> usize {
    line.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Arabic letters, base or presentation forms.
fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFC}')
}

/// Arabic presentation forms (what shaping emits).
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FEFF}')
}

/// Checks `show` output for a right-to-left article: lines fit `columns`, Arabic lines end at it.
fn assert_lines_fit(out: &str, columns: usize) {
    assert!(out.ends_with('\n'));
    for (number, line) in out.lines().enumerate() {
        let w = width(line);
        assert!(w <= columns, "line {number} is {w} wide: {line:?}");
        if line.chars().any(is_arabic) {
            assert_eq!(
                w, columns,
                "line {number} does not end at {columns}: {line:?}"
            );
        }
    }
}

/// Checks that paragraphs are separated by exactly one empty line: `paragraphs - 1` of them.
fn assert_paragraph_breaks(out: &str, paragraphs: usize) {
    let lines: Vec<&str> = out.lines().collect();
    assert!(!lines.first().is_some_and(|l| l.is_empty()));
    assert!(!lines.last().is_some_and(|l| l.is_empty()));
    assert!(!lines.windows(2).any(|w| w[0].is_empty() && w[1].is_empty()));
    assert!(!lines.iter().any(|l| !l.is_empty() && l.trim().is_empty()));
    assert_eq!(
        lines.iter().filter(|l| l.is_empty()).count(),
        paragraphs - 1
    );
}

/// The number of non-blank lines of a sample file, i.e. its paragraphs.
fn sample_paragraphs(id: &str) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/sample/{id}.txt"));
    let text = fs::read_to_string(path).expect("sample file");
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

/// `list` with no path lists the five sample articles, one tab-separated line each.
#[test]
fn list_sample() {
    let out = run_ok(["list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    for (line, id) in lines.iter().zip(SAMPLE_IDS) {
        let mut fields = line.split('\t');
        assert_eq!(fields.next(), Some(id));
        let title = fields.next().expect("a title");
        assert!(title.chars().any(is_arabic), "{title}");
    }
}

/// `list --json` prints one JSON object with an `articles` array of the sample.
#[test]
fn list_sample_json() {
    let out = run_ok(["list", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let articles = value["articles"].as_array().expect("an articles array");
    assert_eq!(articles.len(), 5);
    for (article, id) in articles.iter().zip(SAMPLE_IDS) {
        assert_eq!(article["id"], id);
        assert_eq!(article["path"], format!("sample/{id}.txt"));
        let title = article["title"].as_str().expect("a title");
        assert!(!title.is_empty());
    }
}

/// `show ID` at the default width: every line fits 80 columns, Arabic lines end at column 80.
#[test]
fn show_sample_at_default_width() {
    for id in SAMPLE_IDS {
        let out = run_ok(["show", id]);
        assert_lines_fit(&out, 80);
        assert_paragraph_breaks(&out, sample_paragraphs(id));
    }
}

/// `show --width 30` fits every line in 30 columns, Arabic lines ending at column 30.
#[test]
fn show_sample_at_width_30() {
    let id = SAMPLE_IDS[2];
    let out = run_ok(["show", "--width", "30", id]);
    assert_lines_fit(&out, 30);
    assert_paragraph_breaks(&out, sample_paragraphs(id));
    let wide = run_ok(["show", id]);
    assert!(out.lines().count() > wide.lines().count());
}

/// `--shaping off` keeps base letters; `on` (and the default) emits presentation forms.
#[test]
fn shaping_on_and_off() {
    let id = SAMPLE_IDS[1];
    let off = run_ok(["show", "--shaping", "off", id]);
    assert!(!off.chars().any(is_presentation_form));
    assert!(off.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)));
    let on = run_ok(["show", "--shaping", "on", id]);
    assert!(on.chars().any(is_presentation_form));
    assert_eq!(run_ok(["show", id]), on);
    assert_lines_fit(&off, 80);
    assert_lines_fit(&on, 80);
}

/// A pure Arabic paragraph: each line holds the next source words, reversed, greedily filled.
#[test]
fn arabic_words_are_reversed_per_line() {
    let source = "أعلنت السلطات فرض حالة الطوارئ في كل أرجاء البلاد يوم الأربعاء بعد \
                  احتجاجات واسعة على ارتفاع أسعار الوقود في مدن عدة وقالت الحكومة إنها \
                  ستعيد النظر في القرار خلال الأيام المقبلة";
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "words.txt", format!("{source}\n"));
    let out = run_ok(["show", "--width", "30", "--shaping", "off", &arg(&path)]);
    let words: Vec<&str> = source.split_whitespace().collect();
    let mut next = 0;
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 3);
    for (number, line) in lines.iter().enumerate() {
        assert_eq!(width(line), 30, "{line:?}");
        let shown: Vec<String> = line
            .split_whitespace()
            .rev()
            .map(|word| word.chars().rev().collect())
            .collect();
        assert_eq!(shown, words[next..next + shown.len()], "line {number}");
        next += shown.len();
        if let Some(following) = words.get(next) {
            let used = line.trim_start().chars().count();
            assert!(
                used + 1 + following.chars().count() > 30,
                "line {number} not full"
            );
        }
    }
    assert_eq!(next, words.len());
}

/// Digits and Latin stay left to right inside Arabic, brackets are mirrored.
#[test]
fn mixed_paragraph_exact_lines() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "mixed.txt",
        "قتل 317 شخصا (تقريبا) في AFP\n\
         قالت وكالة Reuters News إن 1,500 شخص (على الأقل) أصيبوا\n",
    );
    let out = run_ok(["show", "--width", "60", "--shaping", "off", &arg(&path)]);
    // Every char below takes one column, so `{:>60}` pads to end at column 60.
    let expected = [
        format!("{:>60}", "AFP يف (ابيرقت) اصخش 317 لتق"),
        String::new(),
        format!(
            "{:>60}",
            "اوبيصأ (لقألا ىلع) صخش 1,500 نإ Reuters News ةلاكو تلاق"
        ),
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
}

/// A word longer than the line is broken inside; shorter words are not.
#[test]
fn long_word_is_broken_inside() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "long.txt", "abcdefghijkl mn\n\nمستشفيات\n");
    let out = run_ok(["show", "--width", "5", "--shaping", "off", &arg(&path)]);
    assert_eq!(out, "abcde\nfghij\nkl mn\n\nفشتسم\n  تاي\n");
}

/// Several blank lines and `\r\n` still give exactly one empty line between paragraphs.
#[test]
fn paragraphs_separated_by_one_empty_line() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "crlf.txt",
        "\r\n\r\nأول فقرة\r\n\r\n\r\n   \r\n\t\r\n\tثانية فقرة  \r\n\r\nthird paragraph\r\n\r\n\r\n",
    );
    let out = run_ok(["show", "--width", "20", "--shaping", "off", &arg(&path)]);
    assert_eq!(
        out,
        format!(
            "{:>20}\n\n{:>20}\n\nthird paragraph\n",
            "ةرقف لوأ", "ةرقف ةيناث"
        )
    );
    assert!(!out.contains('\r'));
}

/// `--width 0` and non-numbers are usage errors.
#[test]
fn bad_width_is_a_usage_error() {
    for width in ["0", "abc", "-3", "", "1.5"] {
        let width = format!("--width={width}");
        assert_usage_error(&run(["show", &width, SAMPLE_IDS[0]]));
    }
}

/// A missing file is one line naming it, for `show` and `list`.
#[test]
fn missing_file() {
    let dir = TempDir::new().unwrap();
    let missing = arg(&dir.path().join("nowhere.txt"));
    assert_one_line_error(&run(["show", &missing]), &missing);
    assert_one_line_error(&run(["list", &missing]), &missing);
}

/// An id of no sample article is one line naming it.
#[test]
fn unknown_id() {
    assert_one_line_error(&run(["show", "999_no_such_id"]), "999_no_such_id");
    // A prefix shared by every sample id is ambiguous, hence unknown.
    assert_one_line_error(&run(["show", "00"]), "00");
}

/// An empty (or blank) file is an error naming it.
#[test]
fn empty_file() {
    let dir = TempDir::new().unwrap();
    for (name, contents) in [("empty.txt", ""), ("blank.txt", " \r\n\n\t\n")] {
        let path = arg(&write(dir.path(), name, contents));
        assert_one_line_error(&run(["show", &path]), &path);
        assert_one_line_error(&run(["list", &path]), &path);
    }
}

/// A file with NUL bytes is refused as binary.
#[test]
fn binary_file() {
    let dir = TempDir::new().unwrap();
    let path = arg(&write(
        dir.path(),
        "image.txt",
        b"GIF89a\x00\x01\x02\x00text",
    ));
    let output = run(["show", &path]);
    assert_one_line_error(&output, &path);
    assert!(stderr_of(&output).contains("binary"));
    assert_one_line_error(&run(["list", &path]), &path);
}

/// A directory without article files is an error naming it.
#[test]
fn directory_without_articles() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "photo.png", "not an article");
    let shown = arg(dir.path());
    assert_one_line_error(&run(["show", &shown]), &shown);
    assert_one_line_error(&run(["list", &shown]), &shown);
}

/// `show` of a directory holding several articles is an error naming it.
#[test]
fn show_directory_of_several_articles() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", "أ");
    write(dir.path(), "b.txt", "ب");
    let shown = arg(dir.path());
    assert_one_line_error(&run(["show", &shown]), &shown);
}

/// Invalid UTF-8 is replaced with U+FFFD, with a one-line warning, and still succeeds.
#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let path = arg(&write(
        dir.path(),
        "broken.txt",
        b"good \xFF\xFE bad \xD9\n",
    ));
    let output = run(["show", &path]);
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"));
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.contains(&path) && stderr.contains("UTF-8"),
        "{stderr}"
    );
    let out = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    assert_eq!(out, "good \u{FFFD}\u{FFFD} bad \u{FFFD}\n");
}

/// ESC sequences, BEL, DEL and C1 controls are shown as symbols, never sent as themselves.
#[test]
fn control_characters_never_reach_the_output() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "esc.txt",
        "خبر \u{1b}[31mعاجل\u{1b}[0m جرس\u{7} و\u{9b}2J \u{1b}]0;title\u{7} end\u{7f}\n\n\
         plain \u{1b}[1mbold\u{1b}[0m text\u{7}\u{7f} csi \u{9b}2J\n",
    );
    for shaping in ["on", "off"] {
        let output = run(["show", "--shaping", shaping, &arg(&path)]);
        assert!(output.status.success());
        let bytes = &output.stdout;
        for byte in [0x1b, 0x07, 0x7f] {
            assert!(!bytes.contains(&byte), "byte {byte:#04x} printed");
        }
        assert!(
            !bytes.windows(2).any(|w| w == [0xc2, 0x9b]),
            "U+009B printed"
        );
        let out = String::from_utf8(output.stdout).unwrap();
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert_eq!(out.matches('␛').count(), 5, "{out}");
        assert_eq!(out.matches('␇').count(), 3, "{out}");
        // A left-to-right line keeps the sequence readable in place, one symbol per control.
        let plain = out.lines().nth(2).expect("second paragraph");
        assert!(
            plain.starts_with("plain ␛[1mbold␛[0m text␇␡ csi "),
            "{plain}"
        );
        assert!(plain.ends_with("2J"), "{plain}");
        assert_eq!(width(plain), width("plain _[1mbold_[0m text__ csi _2J"));
    }
}

/// Bidi format characters steer the algorithm but are never printed.
#[test]
fn bidi_controls_act_but_are_not_printed() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "bidi.txt",
        "\u{200F}قال \u{2066}hello world\u{2069} \u{202E}abc\u{202C} نعم\n\n\
         \u{202A}x\u{202C}\u{202B}y\u{202C}\u{202D}z\u{202C}\u{200E}\u{061C}\u{2067}w\u{2069}\u{2068}v\u{2069}\n",
    );
    let out = run_ok(["show", "--width", "40", "--shaping", "off", &arg(&path)]);
    let first = out.lines().next().unwrap();
    // RLM makes the paragraph right to left; the isolate keeps its order; RLO reverses abc.
    assert_eq!(first, format!("{:>40}", "معن cba hello world لاق"));
    for c in [
        '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
        '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ] {
        assert!(!out.contains(c), "U+{:04X} printed", c as u32);
    }
    assert_eq!(out.lines().nth(2), Some("xyzwv"));
}

/// A 2 MB single-line paragraph is laid out in full.
#[test]
fn huge_single_line_paragraph() {
    let dir = TempDir::new().unwrap();
    let words = 230_000;
    let path = write(dir.path(), "huge.txt", "كلمة ".repeat(words));
    let out = run_ok(["show", &arg(&path)]);
    // 16 four-letter words and 15 spaces fill 79 of 80 columns.
    assert_eq!(out.lines().count(), words / 16);
    assert_lines_fit(&out, 80);
    assert_eq!(out.split_whitespace().count(), words);
}

/// A Markdown file: the `# title` line is the title, not part of the body.
#[test]
fn show_markdown_prints_the_body_only() {
    let dir = TempDir::new().unwrap();
    let path = arg(&write(
        dir.path(),
        "report.md",
        "# عنوان الخبر\n\nنص الخبر هنا.\n\nفقرة ثانية\n",
    ));
    let out = run_ok(["show", "--width", "20", "--shaping", "off", &path]);
    assert_eq!(
        out,
        format!("{:>20}\n\n{:>20}\n", ".انه ربخلا صن", "ةيناث ةرقف")
    );
    assert!(!out.contains('#') && !out.contains("ناونع"));
    assert_eq!(
        run_ok(["list", &path]),
        "report\tعنوان الخبر\t0 figures, 0 sources\n"
    );
}

/// `list` reads `.json` and `.jsonl` files, named or found in a directory.
#[test]
fn list_json_and_json_lines() {
    let dir = TempDir::new().unwrap();
    let json = write(
        dir.path(),
        "a.json",
        r#"{"title": "عنوان أ", "body": "نص أ", "source": "رويترز", "published": "2022-01-06"}"#,
    );
    let lines = write(
        dir.path(),
        "b.jsonl",
        "{\"body\": \"خبر أول. بقية\"}\r\n\n{\"id\": \"x7\", \"text\": \"خبر ثان\"}\n",
    );
    let none = "0 figures, 0 sources";
    let expected = format!(
        "a\tعنوان أ\t{none}\tرويترز\t2022-01-06\nb-1\tخبر أول\t{none}\nx7\tخبر ثان\t{none}\n"
    );
    assert_eq!(run_ok(["list", &arg(&json), &arg(&lines)]), expected);
    assert_eq!(run_ok(["list", &arg(dir.path())]), expected);

    let out = run_ok(["list", "--json", &arg(dir.path())]);
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let articles = value["articles"].as_array().expect("an articles array");
    let ids: Vec<&str> = articles.iter().filter_map(|a| a["id"].as_str()).collect();
    assert_eq!(ids, ["a", "b-1", "x7"]);
    assert_eq!(articles[0]["path"], arg(&json));
    assert_eq!(articles[2]["path"], format!("{}:3", arg(&lines)));
    assert_eq!(articles[0]["source"], "رويترز");

    let body = run_ok(["show", "--width", "10", "--shaping", "off", &arg(&json)]);
    assert_eq!(body, format!("{:>10}\n", "أ صن"));
}

/// Reads one line of `sanad ARGS` and closes the pipe: the process must end quietly.
fn read_one_line_then_close(args: &[&str]) {
    let mut child = sanad(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sanad starts");
    let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut line = String::new();
    reader.read_line(&mut line).expect("one line");
    assert!(!line.is_empty());
    drop(reader);
    let output = child.wait_with_output().expect("sanad ends");
    let stderr = stderr_of(&output);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "error on a closed pipe: {stderr}");
    assert!(output.status.success(), "{:?}", output.status);
}

/// `show … | head -1`: closing the pipe early is not an error.
#[test]
fn show_into_a_closed_pipe() {
    let dir = TempDir::new().unwrap();
    // Far more than a pipe buffer, so the write meets the closed pipe.
    let path = write(dir.path(), "big.txt", "كلمة واحدة\n\n".repeat(100_000));
    read_one_line_then_close(&["show", &arg(&path)]);
}

/// `list … | head -1`: closing the pipe early is not an error either.
#[test]
fn list_into_a_closed_pipe() {
    let dir = TempDir::new().unwrap();
    let records: String = (0..20_000)
        .map(|i| format!("{{\"body\": \"نص الخبر رقم {i}\"}}\n"))
        .collect();
    let path = write(dir.path(), "many.jsonl", records);
    read_one_line_then_close(&["list", &arg(&path)]);
}

/// `extract --json` keeps to the contract: byte offsets that slice the text exactly, kinds,
/// qualifiers and types from the documented sets, whole numbers written as integers.
#[test]
fn extract_json_follows_the_contract() {
    let out = run_ok(["extract", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let articles = value["articles"].as_array().expect("articles");
    let sample = sanad::corpus::sample();
    assert_eq!(articles.len(), sample.articles.len());
    let kinds = [
        "count", "percent", "money", "measure", "date", "time", "age", "duration", "ordinal",
    ];
    let qualifiers = [
        "exact",
        "more_than",
        "less_than",
        "approx",
        "at_least",
        "at_most",
        "vague",
        "range",
    ];
    let types = [
        "agency",
        "outlet",
        "institution",
        "official",
        "person",
        "anonymous",
        "social",
    ];
    for (entry, article) in articles.iter().zip(&sample.articles) {
        assert_eq!(entry["id"], article.id.as_str());
        let slice = |item: &serde_json::Value| {
            let start = item["start"].as_u64().expect("start") as usize;
            let end = item["end"].as_u64().expect("end") as usize;
            article.text[start..end].to_owned()
        };
        for figure in entry["figures"].as_array().expect("figures") {
            assert_eq!(slice(figure), figure["text"].as_str().expect("text"));
            assert!(kinds.contains(&figure["kind"].as_str().expect("kind")));
            assert!(qualifiers.contains(&figure["qualifier"].as_str().expect("qualifier")));
            assert!(figure["low"].is_number() || figure["high"].is_number());
        }
        for source in entry["sources"].as_array().expect("sources") {
            assert_eq!(slice(source), source["text"].as_str().expect("text"));
            assert!(types.contains(&source["type"].as_str().expect("type")));
        }
    }
    // The first report: 317 police injured, per the Interior Ministry; eight killed, per the
    // ministry as carried by AFP.
    let figures = articles[0]["figures"].as_array().expect("figures");
    let injured = figures
        .iter()
        .find(|f| f["text"].as_str().is_some_and(|t| t.starts_with("317")))
        .expect("317");
    assert_eq!(injured["low"], 317);
    assert_eq!(injured["high"], 317);
    assert_eq!(injured["event"], "injured");
    assert_eq!(injured["source"], "Interior Ministry");
    let killed = figures
        .iter()
        .find(|f| f["text"].as_str().is_some_and(|t| t.starts_with("ثمانية")))
        .expect("ثمانية");
    assert_eq!(killed["low"], 8);
    assert_eq!(killed["event"], "killed");
    let sources = articles[0]["sources"].as_array().expect("sources");
    assert!(
        sources
            .iter()
            .any(|s| s["name"] == "Reuters" && s["type"] == "agency")
    );
}

/// Spellings of one source unify: انترفاكس and إنترفاكس, توكاييف and توقاييف.
#[test]
fn extract_unifies_spellings() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("spellings.txt");
    fs::write(
        &path,
        "نقلت وكالة انترفاكس عن الرئيس توكاييف قوله.\n\nوذكرت إنترفاكس أن توقاييف قال إن 3 أشخاص قتلوا.\n",
    )
    .expect("write");
    let out = run_ok(["extract", "--json", path.to_str().expect("utf-8 path")]);
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let names: Vec<&str> = value["articles"][0]["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names.iter().filter(|n| **n == "Interfax").count(),
        2,
        "{names:?}"
    );
    assert_eq!(
        names
            .iter()
            .filter(|n| **n == "Kassym-Jomart Tokayev")
            .count(),
        2,
        "{names:?}"
    );
}

/// Fields of `list` and `extract` from a file (its id, its outlet) never carry escape sequences
/// to the terminal, and a word of 100,000 letters is read in linear time.
#[test]
fn list_and_extract_fields_are_safe_and_long_words_are_fine() {
    let dir = TempDir::new().expect("temp dir");
    let json = dir.path().join("escapes.jsonl");
    fs::write(
        &json,
        "{\"id\":\"x\\u001b]0;title\\u0007\",\"body\":\"قتل 5 أشخاص\",\"source\":\"S\\u001b[31mRED\\tX\"}\n",
    )
    .expect("write");
    for command in ["list", "extract"] {
        let out = run_ok([command, json.to_str().expect("utf-8 path")]);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains('␛'), "{out:?}");
    }
    let long = dir.path().join("long.txt");
    fs::write(&long, format!("قتل {}", "ب".repeat(100_000))).expect("write");
    let out = run_ok(["extract", "--json", long.to_str().expect("utf-8 path")]);
    assert!(out.contains("\"articles\""));
}

/// A configuration directory (as `$XDG_CONFIG_HOME`) holding `sanad/config.toml`.
fn config_home(config: &str) -> TempDir {
    let home = TempDir::new().expect("temp dir");
    fs::create_dir(home.path().join("sanad")).expect("config dir");
    write(&home.path().join("sanad"), "config.toml", config);
    home
}

/// `--print-config` prints the built-in defaults, which read back as the defaults.
#[test]
fn print_config_prints_the_defaults() {
    let out = run_ok(["--print-config"]);
    assert_eq!(out, sanad::config::DEFAULT_TOML);
    let printed = sanad::config::Config::parse(&out, Path::new("printed.toml"));
    assert_eq!(printed, Ok(sanad::config::Config::default()));
    // It prints the defaults whatever else is given, so nothing else may be.
    for args in [
        ["--print-config", "list"],
        ["--print-config", "--bidi=terminal"],
    ] {
        let output = run(args);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(output.stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("--print-config"), "{stderr}");
    }
}

/// Global options go before or after a subcommand; the reader's own options before one are
/// refused on one line rather than ignored.
#[test]
fn global_options_go_before_a_subcommand() {
    let dir = TempDir::new().expect("temp dir");
    let config = write(dir.path(), "config.toml", "shaping = false\n");
    for args in [
        vec!["--config", &arg(&config), "list"],
        vec!["list", "--config", &arg(&config)],
    ] {
        let out = run_ok(&args);
        assert_eq!(out.lines().count(), SAMPLE_IDS.len(), "{args:?}: {out}");
    }
    for (args, named) in [
        (vec!["--shaping", "off", "list"], "--shaping"),
        (vec!["--bidi", "terminal", "show", SAMPLE_IDS[0]], "--bidi"),
    ] {
        let output = run(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_one_line_error(&output, named);
    }
}

/// `show --bidi terminal` leaves lines in logical order for terminals that reorder by
/// themselves; into a pipe neither order carries a mode switch or any other escape.
#[test]
fn show_bidi_terminal_keeps_logical_order_and_pipes_get_no_escapes() {
    let id = SAMPLE_IDS[0];
    let show = |bidi: &str| {
        run_ok([
            "show",
            "--shaping",
            "off",
            "--width",
            "200",
            "--bidi",
            bidi,
            id,
        ])
    };
    let (logical, visual) = (show("terminal"), show("app"));
    assert!(logical.contains("تحدثت وكالة"), "{logical}");
    assert!(!visual.contains("تحدثت وكالة"), "{visual}");
    for out in [&logical, &visual] {
        assert!(!out.contains('\u{1b}'), "{out:?}");
    }
}

/// A bad config given with `--config` stops a subcommand with one line: file, line, column.
#[test]
fn bad_config_is_a_one_line_error_with_its_position() {
    let dir = TempDir::new().expect("temp dir");
    let config = write(
        dir.path(),
        "bad.toml",
        "shaping = true\n[keys]\nquit = [\"q\", \"ctrl-foo\"]\n",
    );
    for args in [
        vec!["--config", &arg(&config), "list"],
        vec!["show", "--config", &arg(&config), SAMPLE_IDS[0]],
    ] {
        let output = run(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_one_line_error(&output, "line 3, column 14: unknown key `ctrl-foo`");
        assert!(stderr_of(&output).starts_with(&format!("sanad: {} line 3, column", arg(&config))));
    }
    let missing = dir.path().join("missing.toml");
    let output = run(["--config", &arg(&missing), "list"]);
    assert_eq!(output.status.code(), Some(1));
    assert_one_line_error(&output, &arg(&missing));
}

/// The reader reads the config from the XDG directory and, if it is bad, says so and exits
/// before writing anything to the terminal.
#[test]
fn bad_config_in_the_config_directory_stops_the_reader_first() {
    let home = config_home("shaping = true\n\n[colors]\nfigure = \"blurple\"\n");
    let output = sanad::<[&str; 0], &str>([])
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .expect("sanad runs");
    assert_eq!(output.status.code(), Some(1));
    assert_one_line_error(&output, "config.toml line 4, column 10: invalid value");
}

/// The config's `shaping` is the default of `show`; `--shaping` still decides.
#[test]
fn config_shaping_is_the_default_and_the_flag_wins() {
    let home = config_home("shaping = false\n");
    let id = SAMPLE_IDS[1];
    let show = |args: &[&str]| {
        let output = sanad(args)
            .env("XDG_CONFIG_HOME", home.path())
            .output()
            .expect("sanad runs");
        assert!(output.status.success(), "{}", stderr_of(&output));
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let off = run_ok(["show", "--shaping", "off", id]);
    let on = run_ok(["show", id]);
    assert_ne!(off, on);
    assert_eq!(show(&["show", id]), off);
    assert_eq!(show(&["show", "--shaping", "on", id]), on);
}

/// Lexicons the config names (relative to its directory) extend what the subcommands find,
/// and `--lexicon` adds to them.
#[test]
fn config_lexicons_are_read_from_the_config_directory() {
    let home = config_home("lexicons = [\"wire.toml\"]\n");
    let dir = home.path().join("sanad");
    write(
        &dir,
        "wire.toml",
        "[[sources]]\nname = \"Zanzibar Wire\"\ntype = \"agency\"\nspellings = [\"زنزبار\"]\n",
    );
    let extra = write(
        &dir,
        "extra.toml",
        "[[sources]]\nname = \"Qamar Wire\"\ntype = \"agency\"\nspellings = [\"قمرستان\"]\n",
    );
    let article = write(
        &dir,
        "article.txt",
        "نقلت زنزبار أن 3 أشخاص قتلوا، وقالت قمرستان إن 4 أصيبوا.\n",
    );
    let names = |output: Output| -> Vec<String> {
        assert!(output.status.success(), "{}", stderr_of(&output));
        let value: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("extract --json");
        value["articles"][0]["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|source| source["name"].as_str().expect("name").to_owned())
            .collect()
    };
    let without = names(run(["extract", "--json", &arg(&article)]));
    assert!(!without.iter().any(|n| n.ends_with("Wire")), "{without:?}");
    let with = names(
        sanad(["extract", "--json", &arg(&article)])
            .env("XDG_CONFIG_HOME", home.path())
            .output()
            .expect("sanad runs"),
    );
    assert!(with.contains(&"Zanzibar Wire".to_owned()), "{with:?}");
    assert!(!with.contains(&"Qamar Wire".to_owned()), "{with:?}");
    let both = names(
        sanad([
            "extract",
            "--json",
            "--lexicon",
            &arg(&extra),
            &arg(&article),
        ])
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .expect("sanad runs"),
    );
    assert!(both.contains(&"Zanzibar Wire".to_owned()), "{both:?}");
    assert!(both.contains(&"Qamar Wire".to_owned()), "{both:?}");
}

/// What `sanad fetch` stored, `list`, `extract`, `compare` and `show` read: with no PATH when a
/// feeds file exists, or with `--cached`; a feed listed twice is one feed.
#[test]
fn subcommands_read_the_cached_feeds() {
    let dir = TempDir::new().unwrap();
    let feed = write(
        dir.path(),
        "wire.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة محلية</title><link>https://example.org</link>
<item><title>قتلى في انفجار</title><link>https://example.org/a</link><guid>a</guid>
<description>&lt;p&gt;قتل 7 أشخاص في انفجار وقع صباح اليوم بحسب وزارة الداخلية.&lt;/p&gt;</description></item>
<item><title>ارتفاع الحصيلة</title><link>https://example.org/b</link><guid>b</guid>
<description>ارتفعت حصيلة قتلى الانفجار إلى 9 بحسب وزارة الداخلية.</description></item>
</channel></rss>"#,
    );
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("sanad")).unwrap();
    write(
        &config.join("sanad"),
        "feeds",
        format!("{0}\n{0}\n", arg(&feed)),
    );
    let data = dir.path().join("data");
    let with_dirs = |args: &[&str]| {
        sanad(args)
            .env("XDG_CONFIG_HOME", &config)
            .env("XDG_DATA_HOME", &data)
            .output()
            .expect("sanad runs")
    };
    let before = with_dirs(&["list"]);
    assert!(before.status.success());
    assert!(before.stdout.is_empty());
    assert!(
        stderr_of(&before).contains("`sanad fetch` fills it"),
        "{}",
        stderr_of(&before)
    );

    assert!(with_dirs(&["fetch"]).status.success());
    for args in [vec!["list"], vec!["list", "--cached"]] {
        let listed = String::from_utf8(with_dirs(&args).stdout).unwrap();
        assert_eq!(listed.lines().count(), 2, "{args:?}: {listed}");
        assert!(listed.contains("قتلى في انفجار"), "{listed}");
    }
    let listed = String::from_utf8(with_dirs(&["list"]).stdout).unwrap();
    let id = listed
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    let shown = with_dirs(&["show", "--width", "200", "--shaping", "off", &id]);
    assert!(shown.status.success(), "{}", stderr_of(&shown));
    assert!(String::from_utf8(shown.stdout).unwrap().contains("7"));
    let compared = String::from_utf8(with_dirs(&["compare", "--json"]).stdout).unwrap();
    assert!(compared.contains("feed-"), "{compared}");
    // The cache's articles, not the sample's; a PATH still reads the PATH.
    assert!(!listed.contains(SAMPLE_IDS[0]));
    let named = String::from_utf8(with_dirs(&["list", &arg(&feed)]).stdout).unwrap();
    assert_eq!(named.lines().count(), 2, "{named}");
}

/// `show FILE ID` shows one article of a file that holds several; the error for the file alone
/// says how.
#[test]
fn show_one_article_of_a_file_of_several() {
    let dir = TempDir::new().unwrap();
    let path = arg(&write(
        dir.path(),
        "wire.jsonl",
        "{\"id\": \"m1\", \"content\": \"قتل 3 أشخاص.\"}\n{\"id\": \"m2\", \"content\": \"أصيب 5 أشخاص.\"}\n",
    ));
    let out = run_ok(["show", "--width", "20", "--shaping", "off", &path, "m2"]);
    assert_eq!(out, format!("{:>20}\n", ".صاخشأ 5 بيصأ"));
    assert_one_line_error(&run(["show", &path]), &format!("sanad show {path} ID"));
    assert_one_line_error(&run(["show", &path, "m9"]), "no article m9");
}

/// `sanad import` adds an OPML file's feeds to the feeds file (creating it), each once however
/// its URL is spelled; `sanad export` prints them back as OPML that imports again.
#[test]
fn opml_import_and_export() {
    let dir = TempDir::new().unwrap();
    let opml = write(
        dir.path(),
        "reader.opml",
        r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>from another reader</title></head><body>
  <outline text="أخبار">
    <outline text="وكالة الأنباء" type="rss" xmlUrl="https://news.example/rss"/>
    <outline type="rss" xmlUrl="HTTPS://NEWS.example/rss#latest"/>
    <outline title="Local Wire" xmlUrl="https://wire.example/feed.atom" category="world"/>
  </outline>
</body></opml>"#,
    );
    let config = dir.path().join("config");
    let with_config = |args: &[&str]| {
        sanad(args)
            .env("XDG_CONFIG_HOME", &config)
            .output()
            .expect("sanad runs")
    };
    let first = with_config(&["import", &arg(&opml)]);
    assert!(first.status.success(), "{}", stderr_of(&first));
    assert!(
        String::from_utf8_lossy(&first.stdout).starts_with("2 feeds added to"),
        "{}",
        String::from_utf8_lossy(&first.stdout)
    );
    let feeds = std::fs::read_to_string(config.join("sanad/feeds")).unwrap();
    assert_eq!(
        feeds,
        "https://news.example/rss \"~وكالة الأنباء\" أخبار\n\
         https://wire.example/feed.atom \"~Local Wire\" أخبار world\n"
    );
    let again = with_config(&["import", &arg(&opml)]);
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("0 feeds added"));

    let exported = with_config(&["export"]);
    assert!(exported.status.success());
    let exported_opml = write(dir.path(), "export.opml", &exported.stdout);
    let other = dir.path().join("other-feeds");
    let output = with_config(&["import", "--feeds", &arg(&other), &arg(&exported_opml)]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), feeds);

    let not_opml = write(dir.path(), "page.html", "<html><body>hi</body></html>");
    assert_one_line_error(&with_config(&["import", &arg(&not_opml)]), "not OPML");
}

/// `--json` of a file whose name and text carry C1 controls, DEL and bidi overrides prints
/// each escaped: valid JSON, the same data, nothing a terminal would act on.
#[test]
fn json_escapes_controls_and_bidi_formats_in_names_and_texts() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\u{202E}txt.\u{85}\u{7f}.txt";
    fs::write(
        dir.path().join(name),
        "\u{2067}قتل\u{2069} 12 شخصا في ألماتي بحسب الشرطة\u{200F}.\u{9b}31m",
    )
    .unwrap();
    for command in ["list", "compare", "stories"] {
        let out = run_ok([command, "--json", dir.path().to_str().unwrap()]);
        let raw: Vec<char> = out
            .chars()
            .filter(|&c| {
                ('\u{7f}'..='\u{9f}').contains(&c) || sanad::layout::is_invisible_format(c)
            })
            .collect();
        assert!(raw.is_empty(), "{command}: {raw:?} in {out}");
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(parsed.is_object(), "{command}");
        if command == "list" {
            let id = parsed["articles"][0]["id"].as_str().unwrap();
            assert!(id.contains('\u{202E}') && id.contains('\u{85}'), "{id:?}");
        }
    }
}
