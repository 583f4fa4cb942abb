//! The reader's screens, rendered through ratatui's `TestBackend` and compared with reviewed
//! snapshots (`tests/snapshots/`), plus checks on styles that a text snapshot cannot show.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::path::Path;

use sanad::config::Config;
use sanad::corpus;
use sanad::keymap::Action;
use sanad::ui::components::{EVERYWHERE, every_view, list};
use sanad::ui::{App, Pane, Screen, Settings};

fn app(color: bool) -> App {
    App::new(
        corpus::sample(),
        Settings {
            shaping: true,
            reorder: true,
            color,
        },
    )
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let key = match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\t' => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
            '\u{1b}' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            c if c.is_uppercase() => KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        app.on_key(key);
        // As the event loop does: the worker's results are taken in as they come.
        while app.ctx.work_under_way().is_some() {
            app.poll_work();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }
}

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| app.draw(frame)).expect("drawing");
    terminal
}

fn buffer(terminal: &Terminal<TestBackend>) -> &Buffer {
    terminal.backend().buffer()
}

#[test]
fn list_and_reader_side_by_side_at_100x30() {
    let mut app = app(true);
    let terminal = render(&mut app, 100, 30);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn second_article_read_at_100x30() {
    let mut app = app(true);
    press(&mut app, "j\n");
    let terminal = render(&mut app, 100, 30);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn list_alone_at_50x20() {
    let mut app = app(true);
    let terminal = render(&mut app, 50, 20);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn reader_alone_at_50x20() {
    let mut app = app(true);
    press(&mut app, "jj\n");
    let terminal = render(&mut app, 50, 20);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn help_overlay_lists_every_key_of_the_view() {
    let mut app = app(true);
    press(&mut app, "?");
    let terminal = render(&mut app, 100, 40);
    insta::assert_snapshot!(terminal.backend());
    let screen = terminal.backend().to_string();
    for &(action, what) in list::KEYS.help.iter().chain(EVERYWHERE) {
        let line = format!("{:<12}{what}", app.ctx.keymap.label(action));
        assert!(screen.contains(&line), "{line} missing");
    }
}

/// Every action is answered by some view, and its help says so.
#[test]
fn every_action_is_in_the_help_of_a_view() {
    for &action in Action::ALL {
        assert!(
            every_view()
                .iter()
                .flat_map(|keys| keys.help.iter().chain(EVERYWHERE))
                .any(|&(listed, _)| listed == action),
            "{action:?} is in no help"
        );
    }
}

/// The help lists the keys of the view under it: the claims table's rows, not the list's.
#[test]
fn help_in_the_claims_table_lists_the_claims_keys() {
    let mut app = app(true);
    press(&mut app, "c?");
    let screen = render(&mut app, 100, 40).backend().to_string();
    assert!(screen.contains("Keys · Claims"), "{screen}");
    assert!(
        screen.contains("the claim's reports side by side"),
        "{screen}"
    );
    assert!(!screen.contains("read the selected article"), "{screen}");
    assert!(!screen.contains("star / unstar"), "{screen}");
}

/// While the help is open, keys scroll or close it and never act beneath it.
#[test]
fn help_is_modal_and_scrolls_at_60x20() {
    let mut app = app(true);
    press(&mut app, "?");
    let screen = render(&mut app, 60, 20).backend().to_string();
    let total = list::KEYS.help.len() + EVERYWHERE.len() + 2;
    assert!(
        screen.contains(&format!("1–18 of {total} · j/k")),
        "{screen}"
    );
    assert!(!screen.contains("Mouse: wheel scrolls"), "{screen}");
    press(&mut app, "GjcsfF/");
    assert_eq!(app.screen, Screen::Reader);
    assert_eq!(app.ctx.selected, 0);
    let screen = render(&mut app, 60, 20).backend().to_string();
    assert!(screen.contains("Mouse: wheel scrolls"), "{screen}");
    assert!(screen.contains(&format!("–{total} of {total}")), "{screen}");
    press(&mut app, "\u{1b}");
    assert!(
        !render(&mut app, 60, 20)
            .backend()
            .to_string()
            .contains("Keys ·")
    );
    press(&mut app, "j");
    assert_eq!(app.ctx.selected, 1);
}

/// `f` from the reader opens the findings panel with the keys on it: `j` moves its selection
/// rather than scrolling the text, and below 80 columns the panel is what is shown.
#[test]
fn f_from_the_reader_focuses_the_findings_panel_even_when_narrow() {
    let mut app = app(true);
    press(&mut app, "\n");
    assert_eq!(app.focus, Pane::Reader);
    press(&mut app, "f");
    assert_eq!(app.focus, Pane::List);
    let screen = render(&mut app, 60, 20).backend().to_string();
    assert!(screen.contains("Figures"), "{screen}");
    press(&mut app, "jjjjjjjj\n");
    assert_eq!(app.focus, Pane::Reader);
    render(&mut app, 60, 20);
    assert!(app.reader.scroll[0] > 0, "choosing a finding scrolls to it");
}

/// The reader heads an article with its own title, flush right, and where it comes from: the
/// outlet, the date and the address.
#[test]
fn the_reader_heads_an_article_with_its_title_outlet_date_and_address() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    std::fs::write(
        dir.path().join("wire.json"),
        r#"{"id": "wire-1", "title": "حصيلة الانفجار ترتفع", "source": "Reuters",
            "published": "2024-05-07", "url": "https://example.org/n/1",
            "content": "ارتفعت حصيلة ضحايا الانفجار إلى 15 قتيلا صباح الثلاثاء."}"#,
    )
    .expect("write");
    let corpus = corpus::load_paths(&[dir.path().to_path_buf()]).expect("loads");
    let mut app = App::new(
        corpus,
        Settings {
            shaping: false,
            reorder: true,
            color: true,
        },
    );
    press(&mut app, "\n");
    let screen = render(&mut app, 100, 20).backend().to_string();
    let rows: Vec<&str> = screen.lines().collect();
    let heading = rows
        .iter()
        .find(|row| row.contains("عفترت راجفنالا ةليصح"))
        .unwrap_or_else(|| panic!("no heading: {screen}"));
    assert!(heading.ends_with("عفترت راجفنالا ةليصح┃\""), "{heading}");
    assert!(
        screen.contains("Reuters · 2024-05-07 · https://example.org/n/1"),
        "{screen}"
    );
}

/// `y` copies in logical order what is selected: a finding as written, else the article's link;
/// in the claims table the row. The terminal loop sends it on (OSC 52).
#[test]
fn y_copies_the_finding_the_link_or_the_row_in_logical_order() {
    let mut app = app(true);
    press(&mut app, "fjy");
    let finding = app.ctx.clipboard.take().expect("a finding copied");
    assert!(
        app.ctx.extraction(0).figures[1].text == finding,
        "{finding}"
    );
    assert!(
        app.ctx
            .message
            .as_deref()
            .unwrap_or("")
            .starts_with("copied the finding")
    );
    press(&mut app, "f");
    press(&mut app, "y");
    // The sample's files have no link: their title goes.
    assert_eq!(
        app.ctx.clipboard.take(),
        Some(app.ctx.corpus.articles[0].title.clone())
    );
    press(&mut app, "cGy");
    let quote = app.ctx.clipboard.take().expect("the quote copied");
    assert!(
        quote.starts_with("تم القضاء") || quote.starts_with("القضاء"),
        "{quote}"
    );
}

/// `o` hands the article's link to the opener (`$BROWSER`, else `xdg-open`) and does not wait.
#[test]
fn o_opens_the_link_with_the_opener() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    std::fs::write(
        dir.path().join("wire.json"),
        r#"{"id": "w", "title": "عنوان", "url": "https://example.org/n/1", "content": "نص."}"#,
    )
    .expect("write");
    let opened = dir.path().join("opened");
    let mut app = App::new(
        corpus::load_paths(&[dir.path().join("wire.json")]).expect("loads"),
        Settings {
            shaping: false,
            reorder: true,
            color: true,
        },
    );
    app.ctx.opener = vec![
        "sh".to_owned(),
        "-c".to_owned(),
        format!("printf %s \"$1\" > {}", opened.display()),
        "opener".to_owned(),
    ];
    press(&mut app, "o");
    assert_eq!(
        app.ctx.message.as_deref(),
        Some("opening https://example.org/n/1")
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !opened.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert_eq!(
        std::fs::read_to_string(&opened).expect("the opener ran"),
        "https://example.org/n/1"
    );
    app.ctx.opener = vec!["/nonexistent/browser".to_owned()];
    press(&mut app, "o");
    assert!(
        app.ctx
            .message
            .as_deref()
            .unwrap_or("")
            .starts_with("could not start"),
        "{:?}",
        app.ctx.message
    );
}

/// A warning (a damaged cache set aside) stays in the status bar through other keys until Back
/// dismisses it; only then does Back go on to quit.
#[test]
fn a_warning_stays_until_dismissed() {
    let mut app = app(true);
    app.ctx.warnings = vec!["cache.sqlite: damaged SQLite database; kept aside".to_owned()];
    for keys in ["", "j", "jk\n", "\t"] {
        press(&mut app, keys);
        let status = last_row(&render(&mut app, 120, 30));
        assert!(
            status.contains("⚠ q: dismiss · cache.sqlite: damaged"),
            "{keys:?}: {status}"
        );
    }
    press(&mut app, "q");
    let status = last_row(&render(&mut app, 120, 30));
    assert!(!status.contains("damaged"), "{status}");
    assert!(!app.should_quit);
    assert_eq!(app.ctx.warnings.len(), 1, "kept to be printed on exit");
    press(&mut app, "q");
    assert!(app.should_quit);
}

/// A claim's values are never cut inside a number: those that do not fit are counted.
#[test]
fn claims_table_values_are_cut_between_values() {
    let mut app = app(true);
    press(&mut app, "c");
    for width in [84, 100, 120] {
        let screen = render(&mut app, width, 30).backend().to_string();
        assert!(!screen.contains("1,000–9…"), "{screen}");
        assert!(!screen.contains("1,000–9,9 "), "{screen}");
        assert!(
            screen.contains("100–999 · 1,000–9,999") || screen.contains("100–999 · +1"),
            "{screen}"
        );
    }
    // A quote's changed word reads right to left from the first report's word to this one's:
    // وقسم (old) on the right, the arrow pointing left to ومركز (new).
    press(&mut app, "G");
    let screen = render(&mut app, 100, 30).backend().to_string();
    assert!(screen.contains("ﺰﻛﺮﻣﻭ ← ﻢﺴﻗﻭ"), "{screen}");
}

/// The status bar's hints name the keys in effect after a config rebinds them.
#[test]
fn status_bar_hints_follow_the_key_map() {
    let config = Config::parse(
        "[keys]\nclaims = [\"C\"]\nback = [\"x\", \"esc\"]\n",
        Path::new("config.toml"),
    )
    .expect("valid config");
    let mut app = app(true).with_config(&config);
    let status = last_row(&render(&mut app, 100, 30));
    assert!(status.contains(" C claims"), "{status}");
    assert!(status.contains(" x quit"), "{status}");
    assert!(!status.contains(" c claims"), "{status}");
    assert!(!status.contains(" q quit"), "{status}");
    press(&mut app, "C");
    let status = last_row(&render(&mut app, 100, 30));
    assert!(status.contains(" x back"), "{status}");
}

fn last_row(terminal: &Terminal<TestBackend>) -> String {
    let screen = terminal.backend().to_string();
    let rows: Vec<&str> = screen.lines().collect();
    rows[rows.len() - 1].to_owned()
}

/// A config that gives `q` to quit: `q` quits from the reader (where it went back to the list),
/// Esc alone goes back, and the help says so.
#[test]
fn a_config_rebinding_quit_changes_the_keys_and_the_help() {
    let config =
        Config::parse("[keys]\nquit = [\"q\"]\n", Path::new("config.toml")).expect("valid config");
    let mut app = app(true).with_config(&config);
    press(&mut app, "\n?");
    let screen = render(&mut app, 100, 30).backend().to_string();
    assert!(screen.contains(" q           quit "), "{screen}");
    assert!(
        screen.contains(" Esc         reader: back to the list; list: quit "),
        "{screen}"
    );
    assert!(!screen.contains("q Esc"), "{screen}");
    press(&mut app, "?\u{1b}");
    assert_eq!(app.focus, Pane::List);
    assert!(!app.should_quit);
    press(&mut app, "\nq");
    assert!(app.should_quit);

    let mut unchanged = self::app(true);
    press(&mut unchanged, "\nq");
    assert_eq!(unchanged.focus, Pane::List);
    assert!(!unchanged.should_quit);
}

#[test]
fn without_a_cache_the_status_bar_says_so_and_a_toggle_says_it_is_not_saved() {
    let mut app = app(true);
    app.ctx.feeds.uncached = true;
    let terminal = render(&mut app, 100, 30);
    assert!(
        last_row(&terminal).contains("no cache"),
        "{}",
        last_row(&terminal)
    );
    press(&mut app, "u");
    let terminal = render(&mut app, 100, 30);
    let status = last_row(&terminal);
    assert!(
        status.contains("marked read, not saved (no cache)"),
        "{status}"
    );
    assert!(app.ctx.state(0).read);
}

#[test]
fn search_prompt_and_result_in_the_status_bar() {
    let mut app = app(true);
    press(&mut app, "/انفجارات");
    let terminal = render(&mut app, 100, 30);
    insta::assert_snapshot!("search_prompt", terminal.backend());
    press(&mut app, "\n");
    let terminal = render(&mut app, 100, 30);
    insta::assert_snapshot!("search_result", terminal.backend());
}

/// The cells drawn with `modifier` or `background`, left to right, top to bottom.
fn marked_cells(buffer: &Buffer, background: Option<Color>, modifier: Modifier) -> Vec<String> {
    buffer
        .content()
        .iter()
        .filter(|cell| match background {
            Some(color) => cell.bg == color,
            None => cell.modifier.contains(modifier),
        })
        .map(|cell| cell.symbol().to_owned())
        .collect()
}

#[test]
fn search_highlight_sits_on_the_reordered_glyphs_of_the_match() {
    // Shaping off, so cells hold base letters and compare with the query directly.
    let mut app = App::new(
        corpus::sample(),
        Settings {
            shaping: false,
            reorder: true,
            color: true,
        },
    );
    press(&mut app, "/انفجارات\n");
    let terminal = render(&mut app, 100, 30);
    let cells = marked_cells(buffer(&terminal), Some(Color::LightRed), Modifier::empty());
    let shown = cells.concat();
    // The match is drawn right to left: its letters in reverse order, on adjacent cells.
    let reversed: String = "انفجارات".chars().rev().collect();
    assert_eq!(shown, reversed);
}

#[test]
fn without_colour_highlights_use_type_attributes() {
    let mut app = app(false);
    press(&mut app, "/انفجارات\n");
    let terminal = render(&mut app, 100, 30);
    let buffer = buffer(&terminal);
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset)
    );
    // The current match is reversed, bold and underlined; other matches reversed.
    let letters = "انفجارات".chars().count();
    let current = marked_cells(
        buffer,
        None,
        Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED,
    );
    assert_eq!(current.len(), letters);
    // Figures are bold, sources underlined.
    assert!(!marked_cells(buffer, None, Modifier::BOLD).is_empty());
    assert!(!marked_cells(buffer, None, Modifier::UNDERLINED).is_empty());
}

/// Every cell drawn in the figure style, left to right, row by row, as text.
fn figure_cells(buffer: &Buffer) -> Vec<(u16, String)> {
    let area = buffer.area;
    let mut rows = Vec::new();
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right())
            .map(|x| &buffer[(x, y)])
            .filter(|cell| cell.fg == Color::Indexed(166) && cell.modifier.contains(Modifier::BOLD))
            .map(|cell| cell.symbol())
            .collect();
        if !row.is_empty() {
            rows.push((y, row));
        }
    }
    rows
}

#[test]
fn figures_are_highlighted_on_their_reordered_glyphs() {
    // Shaping off so cells hold the letters as written.
    let mut app = App::new(
        corpus::sample(),
        Settings {
            shaping: false,
            reorder: true,
            color: true,
        },
    );
    press(&mut app, "\t");
    // Tall enough for the whole first report.
    let terminal = render(&mut app, 100, 80);
    let rows = figure_cells(buffer(&terminal));
    // "317 عنصرا" reads right to left: the noun reversed, then the digits left to right.
    let noun: String = "عنصرا".chars().rev().collect();
    assert!(
        rows.iter()
            .any(|(_, row)| row.contains(&format!("{noun} 317"))),
        "{rows:?}"
    );
    // "ثمانية عناصر" likewise, every letter reversed.
    let eight: String = "ثمانية عناصر".chars().rev().collect();
    assert!(rows.iter().any(|(_, row)| row.contains(&eight)), "{rows:?}");
}

#[test]
fn findings_panel_lists_figures_and_sources() {
    let mut app = app(true);
    press(&mut app, "f");
    let terminal = render(&mut app, 100, 30);
    insta::assert_snapshot!(terminal.backend());
    let screen = terminal.backend().to_string();
    assert!(screen.contains("317 injured police · Interior"), "{screen}");
    assert!(screen.contains("Reuters · agency"), "{screen}");
}

#[test]
fn choosing_a_finding_scrolls_the_reader_to_it() {
    let mut app = app(true);
    press(&mut app, "f");
    render(&mut app, 100, 30);
    // The ninth figure of the first report stands far down the article.
    press(&mut app, "jjjjjjjj\n");
    render(&mut app, 100, 30);
    assert!(app.reader.scroll[0] > 0, "the reader did not scroll");
    let selected = marked_selected(&render(&mut app, 100, 30));
    assert!(
        !selected.is_empty(),
        "the chosen figure is not highlighted on screen"
    );
}

fn marked_selected(terminal: &Terminal<TestBackend>) -> Vec<String> {
    marked_cells(buffer(terminal), Some(Color::Blue), Modifier::empty())
}

#[test]
fn tiny_terminals_do_not_panic() {
    for (width, height) in [
        (1, 1),
        (2, 2),
        (3, 1),
        (1, 5),
        (10, 3),
        (20, 4),
        (39, 5),
        (45, 5),
        (79, 2),
        (80, 3),
        (120, 4),
    ] {
        let mut app = app(true);
        for keys in [
            "", "\n", "j", "?", "\u{1b}", "/ا\n", "G", "F", "j", "\u{1b}",
        ] {
            press(&mut app, keys);
            render(&mut app, width, height);
        }
    }
}

#[test]
fn resizing_reflows_the_reader() {
    let mut app = app(true);
    press(&mut app, "\n");
    let wide = render(&mut app, 120, 20).backend().to_string();
    let narrow = render(&mut app, 60, 20).backend().to_string();
    assert_ne!(wide, narrow);
    let wide_again = render(&mut app, 120, 20).backend().to_string();
    assert_eq!(wide, wide_again);
}

/// The text of the cells drawn in `background` in columns `columns` of the screen.
fn cells_with_background(
    buffer: &Buffer,
    background: Color,
    columns: std::ops::Range<u16>,
) -> String {
    let area = buffer.area;
    let mut text = String::new();
    for y in area.top()..area.bottom() {
        for x in columns.clone() {
            let cell = &buffer[(x, y)];
            if cell.bg == background {
                text.push_str(cell.symbol());
            }
        }
    }
    text
}

#[test]
fn claims_table_lists_conflicts_first_at_100x30() {
    let mut app = app(true);
    press(&mut app, "c");
    let terminal = render(&mut app, 100, 30);
    insta::assert_snapshot!(terminal.backend());
    let screen = terminal.backend().to_string();
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains("conflict ")).collect();
    assert!(
        rows[0].contains("✗ conflict") && rows[0].contains("security forces"),
        "{screen}"
    );
    assert!(screen.contains("18 · 95 · 317"), "{screen}");
    assert!(screen.contains("7 · 8 · 18"), "{screen}");
    // The selected claim's bars: one row per report's value.
    assert!(screen.contains("317 Interior Ministry"), "{screen}");
}

#[test]
fn claims_table_at_60x24_without_colour_keeps_the_symbols() {
    let mut app = app(false);
    press(&mut app, "cj");
    let terminal = render(&mut app, 60, 24);
    insta::assert_snapshot!(terminal.backend());
    let screen = terminal.backend().to_string();
    assert!(screen.contains("✗ conflict"), "{screen}");
    assert!(screen.contains("✓ agree"), "{screen}");
    assert!(screen.contains("· single"), "{screen}");
    let buffer = buffer(&terminal);
    let coloured = buffer
        .content
        .iter()
        .any(|cell| cell.fg != Color::Reset || cell.bg != Color::Reset);
    assert!(!coloured, "NO_COLOR draws no colour");
}

#[test]
fn side_by_side_shows_each_reports_mention_of_the_claim_at_130x30() {
    let mut app = App::new(
        corpus::sample(),
        Settings {
            shaping: false,
            reorder: true,
            color: true,
        },
    );
    // The second claim: security forces killed, 8 in one report and 7 in another.
    press(&mut app, "cj\n");
    let terminal = render(&mut app, 130, 30);
    insta::assert_snapshot!(terminal.backend());
    let screen = terminal.backend().to_string();
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .contains("✗ conflict · killed · security forces")
    );
    assert!(screen.contains("000_b4a5ed5ac2308f74") && screen.contains("004_90b7322cd039eea9"));
    // Each column highlights its own mention, reordered right to left.
    let eight: String = "ثمانية عناصر".chars().rev().collect();
    assert_eq!(
        cells_with_background(buffer(&terminal), Color::Blue, 0..65),
        eight
    );
    assert_eq!(
        cells_with_background(buffer(&terminal), Color::Blue, 65..130),
        "7"
    );
}

#[test]
fn side_by_side_stacks_on_a_narrow_terminal_and_n_moves_both_columns() {
    let mut app = app(true);
    press(&mut app, "c\n");
    let terminal = render(&mut app, 60, 30);
    insta::assert_snapshot!(terminal.backend());
    let screen = terminal.backend().to_string();
    let first = screen.find("000_b4a5ed5ac2308f74").expect("first report");
    let second = screen.find("003_90a1adca7efb77d4").expect("second report");
    // Stacked: the second report's title is on a later row.
    assert!(screen[..second].lines().count() > screen[..first].lines().count() + 5);
    let before = app.side_by_side.pair.clone().expect("a pair");
    press(&mut app, "n");
    let after = app.side_by_side.pair.clone().expect("a pair");
    assert_ne!(before.claim, after.claim);
    assert_eq!(before.reports, after.reports);
    assert!(after.mentions.iter().all(Option::is_some), "{after:?}");
}

#[test]
fn s_pairs_the_report_sharing_most_claims_and_brackets_go_through_the_story() {
    let mut app = app(true);
    press(&mut app, "s");
    let second = app.side_by_side.pair.as_ref().unwrap().reports[1];
    assert_ne!(second, 0);
    let shared = |app: &mut App, other: usize| {
        app.side_by_side
            .shared_claims([0, other], &mut app.ctx)
            .len()
    };
    let best = shared(&mut app, second);
    for other in 1..5 {
        assert!(
            shared(&mut app, other) <= best,
            "report {other} shares more"
        );
    }
    // The sample is one story: ] visits each other report once, never the first, and wraps.
    let mut visited = vec![second];
    for _ in 0..4 {
        press(&mut app, "]");
        visited.push(app.side_by_side.pair.as_ref().unwrap().reports[1]);
    }
    assert_eq!(visited[4], visited[0], "wraps: {visited:?}");
    let mut distinct = visited[..4].to_vec();
    distinct.sort_unstable();
    assert_eq!(distinct, vec![1, 2, 3, 4]);
    press(&mut app, "[");
    assert_eq!(
        app.side_by_side.pair.as_ref().unwrap().reports[1],
        visited[3]
    );
    press(&mut app, "\u{1b}");
    assert_eq!(app.screen, Screen::Reader);
    assert!(!app.should_quit);
}

#[test]
fn compare_screens_survive_tiny_terminals() {
    for (width, height) in [(1, 1), (2, 2), (12, 4), (30, 6)] {
        let mut app = app(true);
        press(&mut app, "c");
        render(&mut app, width, height);
        press(&mut app, "\n");
        render(&mut app, width, height);
        press(&mut app, "n]\tjG");
        render(&mut app, width, height);
    }
}

/// Every view at every small size, down to one cell: none may panic. The claim details once
/// did at 6×24, where the bar column had no width left.
#[test]
fn every_view_at_every_small_size_does_not_panic() {
    let views = [
        ("list and reader", ""),
        ("reader focused", "\t"),
        ("findings", "f"),
        ("help", "?"),
        ("search", "/ألماتي\n"),
        ("claims", "c"),
        ("claim chosen", "cj\n"),
        ("side by side", "s"),
        ("side by side, next report", "s]"),
        ("stories", "t"),
        ("a story's reports", "t\n"),
        ("feeds", "F"),
    ];
    for (view, keys) in views {
        let mut app = app(true);
        press(&mut app, keys);
        for width in 1..=40 {
            for height in [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 30] {
                let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    render(&mut app, width, height);
                }));
                assert!(drawn.is_ok(), "{view} panicked at {width}×{height}");
            }
        }
    }
}

#[test]
fn the_spokesmans_quote_is_listed_and_shown_in_both_reports() {
    let mut app = App::new(
        corpus::sample(),
        Settings {
            shaping: false,
            reorder: true,
            color: true,
        },
    );
    press(&mut app, "c");
    let table = render(&mut app, 110, 30).backend().to_string();
    let quote_rows: Vec<&str> = table.lines().filter(|l| l.contains("≈ quote")).collect();
    assert_eq!(quote_rows.len(), 2, "{table}");
    // The copy of 001 says ومركز where 000 says وقسم: the words are shown right to left, the
    // arrow pointing from the old word to the new one as they read.
    let changed: String = "وقسم ← ومركز".chars().rev().collect();
    let in_table = table.contains(&changed) || quote_rows.iter().any(|r| r.contains("ﺰﻛﺮﻣﻭ"));
    assert!(in_table || table.contains("ومركز"), "{table}");
    // The first quote row: open both reports at their copy of it.
    let row = app.ctx.comparison().claims.len();
    for _ in 0..row {
        press(&mut app, "j");
    }
    press(&mut app, "\n");
    let terminal = render(&mut app, 110, 30);
    let screen = terminal.backend().to_string();
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .contains("quote both reports carry"),
        "{screen}"
    );
    assert!(screen.contains("000_b4a5ed5ac2308f74") && screen.contains("001_2a77a7544d414243"));
    for columns in [0..55, 55..110] {
        let selected = cells_with_background(buffer(&terminal), Color::Blue, columns);
        assert!(
            selected.contains("ةفرطتملا"),
            "each column shows its copy: {selected}"
        );
    }
}

#[test]
fn an_empty_reader_waits_for_articles_and_answers_every_key() {
    let mut app = App::new(
        corpus::Corpus::default(),
        Settings {
            shaping: true,
            reorder: true,
            color: false,
        },
    );
    let terminal = render(&mut app, 80, 12);
    insta::assert_snapshot!(terminal.backend());
    for &action in Action::ALL {
        if matches!(action, Action::Quit | Action::Back) {
            continue;
        }
        for focus in [Pane::List, Pane::Reader] {
            app.focus = focus;
            app.apply(action);
            render(&mut app, 80, 12);
            render(&mut app, 30, 6);
            app.apply(Action::Back);
            render(&mut app, 80, 12);
        }
    }
}

/// The feeds view with one feed in each state, as a fetch leaves them.
fn app_with_feeds() -> App {
    use sanad::corpus::subscriptions::Subscription;
    use sanad::ui::feeds::{FeedStatus, Feeds};
    let subscription = |location: &str, name: Option<&str>, tags: &[&str]| Subscription {
        location: location.to_owned(),
        name: name.map(str::to_owned),
        tags: tags.iter().map(|tag| tag.to_string()).collect(),
    };
    let mut app = app(false).with_feeds(Feeds::new(
        vec![
            subscription("https://a.example/rss", Some("أخبار الساحل"), &["arabic"]),
            subscription(
                "https://b.example/atom",
                Some("Coastal Wire"),
                &["english", "wire"],
            ),
            subscription("https://c.example/rss", None, &[]),
            subscription("https://d.example/rss", Some("Slow"), &[]),
            subscription("https://e.example/rss", Some("Waiting"), &[]),
        ],
        None,
        None,
    ));
    let statuses = [
        FeedStatus::Fetched { new: 3 },
        FeedStatus::Cached,
        FeedStatus::Failed("not found (HTTP 404)".to_owned()),
        FeedStatus::Failed("timed out".to_owned()),
        FeedStatus::Fetching,
    ];
    for (feed, status) in app.ctx.feeds.feeds.iter_mut().zip(statuses) {
        feed.status = status;
    }
    app.apply(Action::ToggleStar);
    app.apply(Action::Feeds);
    app
}

#[test]
fn feeds_view_at_100x12() {
    let mut app = app_with_feeds();
    let terminal = render(&mut app, 100, 12);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn feeds_view_at_every_small_size_does_not_panic() {
    let mut app = app_with_feeds();
    for width in 1..=60 {
        for height in 1..=6 {
            render(&mut app, width, height);
        }
    }
    press(&mut app, "jjjj\n");
    assert!(app.ctx.rows.is_empty(), "the failed feed has no articles");
    render(&mut app, 30, 5);
}

/// The sample with three reports of another event (the Derna floods, from the development
/// set) loaded after it.
fn mixed_app() -> App {
    let mut corpus = corpus::sample();
    let floods = corpus::load_paths(&[
        "tests/data/events/reports/derna-2023--afp.json".into(),
        "tests/data/events/reports/derna-2023--aawsat.json".into(),
        "tests/data/events/reports/derna-2023--skynewsarabia.json".into(),
    ])
    .expect("development set");
    corpus.articles.extend(floods.articles);
    App::new(
        corpus,
        Settings {
            shaping: true,
            reorder: true,
            color: false,
        },
    )
}

#[test]
fn claims_and_side_by_side_stay_inside_the_story_of_the_article_read() {
    let mut app = mixed_app();
    press(&mut app, "c");
    let sample_claims = app.ctx.comparison();
    assert!(!sample_claims.claims.is_empty());
    assert!(
        sample_claims
            .claims
            .iter()
            .all(|claim| claim.mentions.iter().all(|m| m.report < 5)),
        "a flood report in the unrest's claims"
    );
    press(&mut app, "\u{1b}");
    // Read a flood report: its claims, and its pair, are the floods'.
    app.ctx.selected = 6;
    let flood_claims = app.ctx.comparison();
    assert!(
        flood_claims
            .claims
            .iter()
            .all(|claim| claim.mentions.iter().all(|m| m.report >= 5)),
        "an unrest report in the floods' claims"
    );
    press(&mut app, "s");
    let pair = app.side_by_side.pair.clone().expect("a pair");
    assert_eq!(pair.reports[0], 6);
    assert!(pair.reports[1] >= 5 && pair.reports[1] != 6, "{pair:?}");
    press(&mut app, "]]]");
    let pair = app.side_by_side.pair.clone().expect("a pair");
    assert!(pair.reports[1] >= 5 && pair.reports[1] != 6, "{pair:?}");
}

#[test]
fn a_click_selects_a_list_item_and_the_wheel_moves_the_selection() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = app(false);
    render(&mut app, 100, 30);
    let mouse = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // The list's items are two rows each, below its top border: the third item's first row.
    app.on_mouse(mouse(MouseEventKind::Down(MouseButton::Left), 5, 5));
    render(&mut app, 100, 30);
    assert_eq!(app.ctx.selected, 2);
    app.on_mouse(mouse(MouseEventKind::ScrollDown, 5, 5));
    render(&mut app, 100, 30);
    assert_eq!(app.ctx.selected, 3);
    // The wheel stops at the last item.
    for _ in 0..10 {
        app.on_mouse(mouse(MouseEventKind::ScrollDown, 5, 5));
    }
    assert_eq!(app.ctx.selected, 4);
}

/// The text of the screen's rows, for checks a snapshot of colours would hide.
fn screen_rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buf = buffer(terminal);
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn t_lists_stories_and_enter_lists_the_reports_of_one() {
    let mut app = mixed_app();
    press(&mut app, "t");
    let terminal = render(&mut app, 150, 24);
    insta::assert_snapshot!(terminal.backend());
    let rows = screen_rows(&terminal);
    assert!(rows[0].contains("Stories 2"), "{}", rows[0]);
    // The sample's five reports are one story and the flood's three another, each summed up.
    let text = rows.join("\n");
    assert!(text.contains("s1 · 5 reports · 5 outlets"), "{text}");
    assert!(
        text.contains("s2 · 3 reports · 3 outlets · 11–14 Sep 2023 · 1 conflict "),
        "{text}"
    );

    // The second story: its reports only, oldest first, and Esc goes back to the stories.
    press(&mut app, "j\n");
    let terminal = render(&mut app, 150, 24);
    let rows = screen_rows(&terminal);
    assert!(rows[0].contains("Story s2 · 3 reports"), "{}", rows[0]);
    assert_eq!(app.ctx.rows.len(), 3);
    assert!(app.ctx.rows.iter().all(|&index| index >= 5));
    assert!(
        rows[1].contains("story s2 · 2 other reports"),
        "{}",
        rows[1]
    );
    press(&mut app, "\u{1b}");
    let terminal = render(&mut app, 150, 24);
    assert!(screen_rows(&terminal)[0].contains("Stories 2"));
    assert_eq!(app.ctx.rows.len(), 8, "the whole list is back");
    // t again: the articles.
    press(&mut app, "t");
    let terminal = render(&mut app, 150, 24);
    assert!(screen_rows(&terminal)[0].contains("Articles 8"));
}

#[test]
fn in_the_stories_c_opens_the_claims_of_the_story_selected() {
    let mut app = mixed_app();
    press(&mut app, "tjc");
    assert_eq!(app.screen, Screen::Claims);
    let comparison = app.ctx.comparison();
    assert!(!comparison.claims.is_empty());
    assert!(
        comparison
            .claims
            .iter()
            .all(|claim| claim.mentions.iter().all(|m| m.report >= 5)),
        "a claim of the flood mixes in a report of the unrest"
    );
}

#[test]
fn the_reader_says_which_story_it_reads_once_stories_are_grouped() {
    let mut app = mixed_app();
    let terminal = render(&mut app, 100, 24);
    assert!(
        !screen_rows(&terminal)[1].contains("story"),
        "stories are grouped after the first frame, not before"
    );
    app.ctx.stories();
    let terminal = render(&mut app, 100, 24);
    assert!(
        screen_rows(&terminal)[1].contains("story s1 · 4 other reports"),
        "{}",
        screen_rows(&terminal)[1]
    );
}

#[test]
fn a_story_of_one_report_says_no_other_report_tells_it() {
    let mut corpus = corpus::sample();
    corpus.articles.truncate(1);
    let mut app = App::new(
        corpus,
        Settings {
            shaping: true,
            reorder: true,
            color: false,
        },
    );
    app.ctx.stories();
    let terminal = render(&mut app, 100, 24);
    assert!(screen_rows(&terminal)[1].contains("no other report of this event"));
    press(&mut app, "t");
    let terminal = render(&mut app, 100, 24);
    let text = screen_rows(&terminal).join("\n");
    assert!(text.contains("s1 · 1 report · 1 outlet"), "{text}");
}

#[test]
fn a_copy_carried_by_another_outlet_is_said_so_and_not_counted_as_another_report() {
    let mut corpus = corpus::sample();
    let mut copy = corpus.articles[0].clone();
    copy.id = "republished".to_owned();
    copy.key = "republished".to_owned();
    copy.path = "republished.txt".to_owned();
    copy.source = Some("Wire Mirror".to_owned());
    corpus.articles.push(copy);
    let mut app = App::new(
        corpus,
        Settings {
            shaping: true,
            reorder: true,
            color: false,
        },
    );
    app.ctx.stories();
    let terminal = render(&mut app, 120, 24);
    let header = &screen_rows(&terminal)[1];
    assert!(
        header.contains("story s1 · 4 other reports · also carried by Wire Mirror"),
        "{header}"
    );
    press(&mut app, "t");
    let terminal = render(&mut app, 120, 24);
    let text = screen_rows(&terminal).join("\n");
    assert!(text.contains("s1 · 5 reports · 6 outlets"), "{text}");
}

#[test]
fn with_the_starred_listed_c_compares_only_the_starred_reports_of_the_story() {
    let mut app = mixed_app();
    press(&mut app, "*jj*");
    app.ctx.feeds.filter = Some(sanad::ui::feeds::Filter::Starred);
    app.ctx.order_rows();
    assert_eq!(app.ctx.rows, [0, 2]);
    press(&mut app, "c");
    let comparison = app.ctx.comparison();
    let reports: std::collections::BTreeSet<usize> = comparison
        .claims
        .iter()
        .flat_map(|claim| claim.mentions.iter().map(|m| m.report))
        .collect();
    assert_eq!(reports, [0, 2].into_iter().collect());
    // The whole list again: the whole story.
    app.ctx.feeds.filter = None;
    app.ctx.order_rows();
    let comparison = app.ctx.comparison();
    assert!(
        comparison
            .claims
            .iter()
            .any(|claim| claim.mentions.iter().any(|m| m.report == 1))
    );
}

#[test]
fn a_revised_toll_reads_as_a_timeline_at_120x34() {
    // The Kanjuruhan reports: a toll given, raised, then corrected downward.
    let paths: Vec<std::path::PathBuf> = ["alarabiya", "alkhaleejonline", "aawsat", "reuters"]
        .iter()
        .map(|outlet| format!("tests/data/events/reports/kanjuruhan-2022--{outlet}.json").into())
        .collect();
    let corpus = corpus::load_paths(&paths).expect("development set");
    let mut app = App::new(
        corpus,
        Settings {
            shaping: true,
            reorder: true,
            color: false,
        },
    );
    press(&mut app, "c");
    let terminal = render(&mut app, 120, 34);
    insta::assert_snapshot!(terminal.backend());
    let rows = screen_rows(&terminal);
    let text = rows.join("\n");
    assert!(text.contains("corrected · ↗ revises"), "{text}");
    assert!(text.contains("latest "), "{text}");
}

/// A long paste in the search prompt shows its end beside the cursor, as typing would.
#[test]
fn the_search_prompt_shows_the_end_of_a_long_paste() {
    let mut app = app(false);
    press(&mut app, "/");
    app.on_paste("first words of a long pasted passage that goes on and on until the end");
    let terminal = render(&mut app, 40, 8);
    let bottom = (0..40)
        .map(|x| buffer(&terminal)[(x, 7)].symbol().to_owned())
        .collect::<String>();
    assert!(bottom.starts_with('/'), "{bottom:?}");
    assert!(bottom.contains("until the end▏"), "{bottom:?}");
    assert!(!bottom.contains("first"), "{bottom:?}");
}

/// An id from a file name full of bidi overrides, marks and zero-width characters reaches the
/// pane titles laid out: none of them is in any cell, in the reader or side by side.
#[test]
fn pane_titles_never_carry_format_characters_of_an_id() {
    let mut warnings = Vec::new();
    let mut articles = Vec::new();
    for name in [
        "\u{202E}evil\u{200F}\u{200B}\u{2066}id.txt",
        "خبر\u{202D}ثان.txt",
    ] {
        articles.extend(
            corpus::article_from_bytes(
                name,
                "قال مسؤول إن 12 شخصا قتلوا في ألماتي.".as_bytes(),
                &mut warnings,
            )
            .unwrap(),
        );
    }
    assert!(articles[0].id.contains('\u{202E}'), "{:?}", articles[0].id);
    let mut app = App::new(
        corpus::Corpus { articles, warnings },
        Settings {
            shaping: true,
            reorder: true,
            color: false,
        },
    );
    // Side by side names a report by its outlet, here the file name.
    for (keys, title) in [("", "idlive · 1/2"), ("s", "id.txtlive · 1/2")] {
        press(&mut app, keys);
        let terminal = render(&mut app, 100, 20);
        let cells: String = buffer(&terminal)
            .content()
            .iter()
            .map(|cell| cell.symbol())
            .collect();
        let format: Vec<char> = cells
            .chars()
            .filter(|&c| sanad::layout::is_invisible_format(c))
            .collect();
        assert!(format.is_empty(), "after {keys:?}: {format:?}");
        // The override reverses "evil"; the isolate keeps "id" as it is: UAX #9, then the
        // format characters go.
        assert!(cells.contains(title), "after {keys:?}: {cells}");
    }
}
