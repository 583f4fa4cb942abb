//! The compare views (claims table, claim details, two reports side by side) name reports by
//! outlet and date, and lay out every label that may hold Arabic the way article text is laid
//! out: reordered and joined, with no separator left hanging where a part is missing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use sanad::corpus::{self, Corpus};
use sanad::layout::{Direction, LayoutOptions, Layouter};
use sanad::ui::{App, Settings};

#[path = "support/dated_sample.rs"]
mod dated_sample;

/// Letters joined, lines in visual order: what a terminal that does no bidi needs.
const VISUAL: Settings = Settings {
    shaping: true,
    reorder: true,
    color: false,
};

/// The reports of the Derna floods in the development set: Arabic outlets, each with its date.
fn derna() -> Corpus {
    let paths = ["aawsat", "afp", "libya24", "skynewsarabia", "trt-arabi"]
        .map(|outlet| format!("tests/data/events/reports/derna-2023--{outlet}.json").into());
    corpus::load_paths(&paths).expect("development set")
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let key = match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\u{1b}' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        app.on_key(key);
    }
}

/// The screen's rows as text, one string per row.
fn render(app: &mut App, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| app.draw(frame)).expect("drawing");
    rows(terminal.backend().buffer())
}

fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// `text` as sanad lays out a right-to-left paragraph on one line, letters joined.
fn visual(text: &str) -> String {
    Layouter::default()
        .single_line(
            text,
            0..text.len(),
            LayoutOptions::new(200, true),
            Some(Direction::RightToLeft),
        )
        .text
        .clone()
}

/// How a report should be named on screen: its outlet (all Arabic names here, "TRT عربي"
/// too) laid out right to left, then its day.
fn expected_name(app: &App, report: usize) -> String {
    let article = &app.ctx.corpus.articles[report];
    let outlet = visual(article.outlet());
    match article.published_day() {
        Some(day) => format!("{outlet} · {day}"),
        None => outlet,
    }
}

/// Labels drawn on the borders of panes (titles and footers) on row `row`, one per pane.
fn border_labels(row: &str) -> Vec<String> {
    row.split(['┏', '┌', '┗', '└'])
        .skip(1)
        .map(|pane| {
            pane.trim_start_matches([' ', '━', '─'])
                .split("━━")
                .next()
                .unwrap_or_default()
                .split("──")
                .next()
                .unwrap_or_default()
                .trim_end_matches(['━', '─', '┓', '┐', '┛', '┘'])
                .trim()
                .to_owned()
        })
        .collect()
}

/// The rows of the claim or quote details pane, inside its border.
fn detail_rows(screen: &[String]) -> Vec<String> {
    screen
        .iter()
        .filter(|row| row.starts_with('│'))
        .map(|row| row.trim_matches('│').trim().to_owned())
        .collect()
}

fn assert_no_dangling_separator(label: &str, screen: &[String]) {
    assert!(
        !label.starts_with('·') && !label.ends_with('·'),
        "dangling separator in {label:?}:\n{}",
        screen.join("\n")
    );
}

#[test]
fn side_by_side_titles_name_each_report_by_outlet_and_date() {
    let mut app = App::new(derna(), VISUAL);
    press(&mut app, "c\n");
    let pair = app.side_by_side.pair.clone().expect("a pair");
    for (width, height) in [(120, 34), (80, 24)] {
        let screen = render(&mut app, width, height);
        let titles: Vec<String> = screen
            .iter()
            .filter(|row| row.contains('┏') || row.contains('┌'))
            .flat_map(|row| border_labels(row))
            .collect();
        assert_eq!(titles.len(), 2, "{}", screen.join("\n"));
        for (title, &report) in titles.iter().zip(&pair.reports) {
            let name = expected_name(&app, report);
            assert!(
                title.starts_with(&name),
                "{title:?} does not start with {name:?}"
            );
            let id = &app.ctx.corpus.articles[report].id;
            assert!(!title.contains(id.as_str()), "{title:?} names {id}");
        }
    }
}

#[test]
fn claim_details_name_each_report_by_outlet_and_date() {
    let mut app = App::new(derna(), VISUAL);
    press(&mut app, "c");
    let claim = app.ctx.comparison().claims[0].clone();
    let screen = render(&mut app, 120, 34);
    let rows = detail_rows(&screen);
    assert!(rows.len() >= 2, "{}", screen.join("\n"));
    // A timeline: the mentions in the order they were true, undated ones last.
    let mut timeline: Vec<_> = claim.mentions.iter().collect();
    timeline.sort_by_key(|m| {
        let moment = app.ctx.extraction(m.report).figures[m.figure].moment;
        (moment.is_none(), moment)
    });
    // The last row sums the claim up in casualty recorders' terms.
    let (summary, rows) = rows.split_last().expect("rows");
    assert!(summary.starts_with("latest "), "{summary:?}");
    assert!(summary.contains("voices "), "{summary:?}");
    for (row, mention) in rows.iter().zip(timeline) {
        let name = expected_name(&app, mention.report);
        assert!(
            row.starts_with(&name),
            "{row:?} does not start with {name:?}"
        );
    }
    for article in &app.ctx.corpus.articles {
        assert!(
            screen.iter().all(|row| !row.contains(article.id.as_str())),
            "{} on screen:\n{}",
            article.id,
            screen.join("\n")
        );
    }
}

/// The first claim of the sample whose first mention has an Arabic speaker relayed by
/// agencies: its row in the table, the speaker and the agencies.
fn claim_with_arabic_speaker(app: &mut App) -> (usize, String, Vec<String>) {
    let comparison = app.ctx.comparison();
    comparison
        .claims
        .iter()
        .enumerate()
        .find_map(|(row, claim)| {
            let mention = &claim.mentions[0];
            let figure = app.ctx.extraction(mention.report).figures[mention.figure].clone();
            let speaker = figure.source?;
            let arabic = speaker
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
            (arabic && !figure.via.is_empty()).then_some((row, speaker, figure.via))
        })
        .expect("the sample has an Arabic speaker relayed by agencies")
}

#[test]
fn an_arabic_speaker_reads_right_to_left_before_the_agencies_that_relayed_it() {
    let mut app = App::new(corpus::sample(), VISUAL);
    let (row, speaker, via) = claim_with_arabic_speaker(&mut app);
    let chain = format!("{}, via {}", visual(&speaker), via[0]);

    // In the claim's details.
    press(&mut app, "c");
    press(&mut app, &"j".repeat(row));
    let screen = render(&mut app, 120, 34);
    assert!(
        detail_rows(&screen).iter().any(|row| row.contains(&chain)),
        "no {chain:?} in the details:\n{}",
        screen.join("\n")
    );

    // In the footer of the first report side by side.
    press(&mut app, "\n");
    let screen = render(&mut app, 120, 34);
    let footer = screen
        .iter()
        .find(|row| row.starts_with('┗'))
        .expect("a footer");
    let label = &border_labels(footer)[0];
    assert!(label.contains(&chain), "{label:?} lacks {chain:?}");
    assert!(
        !label.contains(&speaker),
        "{label:?} holds the name unshaped"
    );
}

#[test]
fn labels_stay_in_logical_order_when_the_terminal_reorders() {
    let settings = Settings {
        shaping: false,
        reorder: false,
        color: false,
    };
    let mut app = App::new(corpus::sample(), settings);
    let (row, speaker, via) = claim_with_arabic_speaker(&mut app);
    press(&mut app, "c");
    press(&mut app, &"j".repeat(row));
    press(&mut app, "\n");
    let screen = render(&mut app, 120, 34);
    let footer = screen
        .iter()
        .find(|row| row.starts_with('┗'))
        .expect("a footer");
    let chain = format!("{speaker}, via {}", via[0]);
    assert!(footer.contains(&chain), "{footer:?} lacks {chain:?}");
}

#[test]
fn no_label_of_the_compare_views_starts_or_ends_with_a_separator() {
    for (width, height) in [(120, 34), (80, 24)] {
        let mut app = App::new(corpus::sample(), VISUAL);
        press(&mut app, "c");
        let comparison = app.ctx.comparison();
        let rows = comparison.claims.len() + comparison.quotes.len();
        for row in 0..rows {
            let screen = render(&mut app, width, height);
            for label in detail_rows(&screen) {
                assert_no_dangling_separator(&label, &screen);
            }
            // The row side by side: titles and footers.
            press(&mut app, "\n");
            let screen = render(&mut app, width, height);
            for border in screen.iter().filter(|r| r.contains(['┏', '┌', '┗', '└'])) {
                for label in border_labels(border) {
                    assert_no_dangling_separator(&label, &screen);
                }
            }
            press(&mut app, "\u{1b}");
            assert_eq!(app.claims.selected, row);
            press(&mut app, "j");
        }
    }
}

#[test]
fn claim_details_show_every_value_whole() {
    let mut app = App::new(corpus::sample(), VISUAL);
    press(&mut app, "c");
    let comparison = app.ctx.comparison();
    let row = comparison
        .claims
        .iter()
        .position(|claim| claim.label() == "participating")
        .expect("a claim of how many took part");
    press(&mut app, &"j".repeat(row));
    let screen = render(&mut app, 80, 24);
    assert!(
        detail_rows(&screen)
            .iter()
            .any(|row| row.contains(" 1,000–9,999 ")),
        "{}",
        screen.join("\n")
    );
}

#[test]
fn side_by_side_says_when_one_value_revises_the_other() {
    // The ministry's 7 killed police on 6 January, AFP's 8 on the 8th: two days later, higher.
    let dir = tempfile::TempDir::new().unwrap();
    let path = dated_sample::write(dir.path());
    let corpus = corpus::load_paths(&[path]).expect("records");
    let mut app = App::new(corpus, VISUAL);
    press(&mut app, "c");
    let row = app
        .ctx
        .comparison()
        .claims
        .iter()
        .position(|claim| claim.label() == "killed · security forces")
        .expect("the police killed");
    press(&mut app, &"j".repeat(row));
    press(&mut app, "\n");
    let screen = render(&mut app, 120, 30);
    assert!(
        screen[0].starts_with("↗ updated: 7 → 8, 2 days later · killed · security forces"),
        "{}",
        screen.join("\n")
    );
}
