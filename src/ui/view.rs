//! Drawing the reader: the list, the article, the status bar and the help overlay. Text comes
//! already laid out from [`crate::layout`]; this only copies glyphs into cells with a style.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::app::{App, LIST_ITEM_HEIGHT, Pane, Screen, Settings, Side};
use super::feeds::{FEED_VIEW_FIXED_ROWS, FeedStatus};
use super::keys::{Action, KeyMap};
use crate::compare::{Claim, QuoteGroup, Status};
use crate::config::Colors;
use crate::layout::{
    ArticleLayout, Direction, Glyph, HighlightKind, Highlights, Layouter, VisualLine,
};

/// Panes narrower than this show one at a time.
const SIDE_BY_SIDE_MIN_WIDTH: u16 = 80;

/// Styles of the reader, from the terminal's own palette, or without colour for `NO_COLOR`.
struct Theme {
    focused_border: Style,
    border: Style,
    selected: Style,
    details: Style,
    search_hit: Style,
    current_hit: Style,
    figure: Style,
    source: Style,
    selected_finding: Style,
    status: Style,
    key: Style,
    agreeing: Style,
    conflicting: Style,
    agree: Style,
    conflict: Style,
    single: Style,
}

impl Theme {
    fn highlight(&self, kind: Option<HighlightKind>) -> Style {
        match kind {
            None => Style::new(),
            Some(HighlightKind::Source) => self.source,
            Some(HighlightKind::Figure) => self.figure,
            Some(HighlightKind::Selected) => self.selected_finding,
            Some(HighlightKind::Agreeing) => self.agreeing,
            Some(HighlightKind::Conflicting) => self.conflicting,
            Some(HighlightKind::SearchMatch) => self.search_hit,
            Some(HighlightKind::CurrentMatch) => self.current_hit,
        }
    }

    fn new(color: bool, colors: &Colors) -> Self {
        if color {
            Theme {
                focused_border: Style::new().fg(colors.focused_border),
                border: Style::new().fg(colors.border),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                details: Style::new().fg(colors.details),
                search_hit: Style::new()
                    .bg(colors.search_hit)
                    .fg(colors.search_hit_text),
                current_hit: Style::new()
                    .bg(colors.current_hit)
                    .fg(colors.current_hit_text)
                    .add_modifier(Modifier::BOLD),
                figure: Style::new().fg(colors.figure).add_modifier(Modifier::BOLD),
                source: Style::new()
                    .fg(colors.source)
                    .add_modifier(Modifier::UNDERLINED),
                selected_finding: Style::new()
                    .bg(colors.selected_finding)
                    .fg(colors.selected_finding_text),
                status: Style::new().add_modifier(Modifier::REVERSED),
                key: Style::new().add_modifier(Modifier::BOLD),
                agreeing: Style::new().fg(colors.agreeing),
                conflicting: Style::new()
                    .fg(colors.conflicting)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                agree: Style::new().fg(colors.agree),
                conflict: Style::new()
                    .fg(colors.conflict)
                    .add_modifier(Modifier::BOLD),
                single: Style::new().fg(colors.single),
            }
        } else {
            Theme {
                focused_border: Style::new().add_modifier(Modifier::BOLD),
                border: Style::new(),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                details: Style::new(),
                search_hit: Style::new().add_modifier(Modifier::REVERSED),
                current_hit: Style::new()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
                figure: Style::new().add_modifier(Modifier::BOLD),
                source: Style::new().add_modifier(Modifier::UNDERLINED),
                selected_finding: Style::new().add_modifier(Modifier::REVERSED | Modifier::ITALIC),
                status: Style::new().add_modifier(Modifier::REVERSED),
                key: Style::new().add_modifier(Modifier::BOLD),
                agreeing: Style::new().add_modifier(Modifier::ITALIC),
                conflicting: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                agree: Style::new(),
                conflict: Style::new().add_modifier(Modifier::BOLD),
                single: Style::new(),
            }
        }
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    if area.is_empty() {
        return;
    }
    let theme = Theme::new(app.settings.color, &app.colors);
    let [main, status] = if area.height >= 2 {
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area)
    } else {
        [area, Rect::default()]
    };

    match app.screen {
        Screen::Reader => draw_reading(frame, app, main, &theme),
        Screen::Claims => draw_claims(frame, app, main, &theme),
        Screen::SideBySide => draw_pair(frame, app, main, &theme),
        Screen::Feeds => draw_feeds(frame, app, main, &theme),
    }
    draw_status(frame, app, status, &theme);
    if app.show_help {
        draw_help(frame, area, &app.keymap, &theme);
    }
}

/// The list (or findings) and the reader: side by side when wide enough, else the focused one.
fn draw_reading(frame: &mut Frame, app: &mut App, main: Rect, theme: &Theme) {
    if main.width >= SIDE_BY_SIDE_MIN_WIDTH {
        let list_width = (main.width * 2 / 5).clamp(24, 60);
        let [list, reader] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(main);
        draw_list(frame, app, list, theme);
        draw_reader(frame, app, reader, theme);
    } else {
        match app.focus {
            Pane::List => {
                draw_list(frame, app, main, theme);
                app.areas.reader = Rect::default();
            }
            Pane::Reader => {
                draw_reader(frame, app, main, theme);
                app.areas.list = Rect::default();
            }
        }
    }
}

impl Theme {
    fn status_style(&self, status: Status) -> Style {
        match status {
            Status::Conflict => self.conflict,
            Status::Agree => self.agree,
            Status::Single => self.single,
        }
    }
}

/// Columns of the claims table: status, what, values, reports and sources.
const STATUS_WIDTH: u16 = 11;

/// The claims across all reports, conflicts first, and under them the selected claim: a bar
/// per mention, its value, its source chain and time words.
fn draw_claims(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    let comparison = app.comparison();
    let conflicts = comparison
        .claims
        .iter()
        .filter(|c| c.status == Status::Conflict)
        .count();
    let total = comparison.claims.len() + comparison.quotes.len();
    let selected = app.claim.min(total.saturating_sub(1));
    let details_height = match comparison.claims.get(selected) {
        Some(claim) => claim.mentions.len() as u16 + 2,
        None => comparison
            .quotes
            .get(selected - comparison.claims.len().min(selected))
            .map_or(0, |group| group.mentions.len() as u16 + 2),
    };
    let details_height = details_height.min(area.height / 2);
    let [table_area, details_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(details_height)]).areas(area);
    let block = pane_block(
        format!(
            " Claims {} · {conflicts} conflict{} · Quotes {} ",
            comparison.claims.len(),
            if conflicts == 1 { "" } else { "s" },
            comparison.quotes.len()
        ),
        true,
        theme,
    )
    .title_bottom(" Enter: side by side · Esc: back ");
    let inner = block.inner(table_area);
    frame.render_widget(block, table_area);
    app.areas.claims = inner;
    if inner.is_empty() {
        return;
    }
    if total == 0 {
        frame.render_widget(
            Paragraph::new("No figures or quotes that two reports could compare.")
                .style(theme.details),
            inner,
        );
        return;
    }
    app.settle_claims(total, inner.height as usize);
    let settings = app.settings;
    let buf = frame.buffer_mut();
    let what_width = (inner.width / 3).clamp(8, 34);
    let plural =
        |count: usize, word: &str| format!("{count} {word}{}", if count == 1 { "" } else { "s" });
    for (row, index) in (app.claim_offset..total)
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let line = Rect::new(inner.x, y, inner.width, 1);
        let base = if index == app.claim {
            theme.selected
        } else {
            Style::new()
        };
        buf.set_style(line, base);
        // What each column says: a claim, or below the claims a quote several reports carry.
        let (status_text, status_style, what_text, values_text, count_text) = match comparison
            .claims
            .get(index)
        {
            Some(claim) => {
                let labels: Vec<String> = claim
                    .values
                    .iter()
                    .map(|value| {
                        let mention = &claim.mentions[value.mentions[0]];
                        app.extraction(mention.report).figures[mention.figure].value_label()
                    })
                    .collect();
                (
                    format!("{} {}", claim.status.symbol(), claim.status.label()),
                    theme.status_style(claim.status),
                    claim.label(),
                    labels.join(" · "),
                    format!(
                        "{} · {}",
                        plural(claim.reports, "report"),
                        plural(claim.voices, "source")
                    ),
                )
            }
            None => {
                let group = &comparison.quotes[index - comparison.claims.len()];
                let first = &group.mentions[0];
                let words: Vec<String> = group
                    .changes
                    .iter()
                    .flatten()
                    .map(
                        |change| match (change.first.is_empty(), change.this.is_empty()) {
                            (false, true) => format!("−{}", change.first.join(" ")),
                            (true, false) => format!("+{}", change.this.join(" ")),
                            _ => format!("{} → {}", change.first.join(" "), change.this.join(" ")),
                        },
                    )
                    .collect();
                let (status, style) = if group.identical {
                    ("= quote", theme.agree)
                } else {
                    ("≈ quote", theme.single)
                };
                (
                    status.to_owned(),
                    style,
                    app.extraction(first.report).quotes[first.quote]
                        .text
                        .clone(),
                    if words.is_empty() {
                        "same words".to_owned()
                    } else {
                        words.join(" · ")
                    },
                    format!(
                        "{} · {}",
                        plural(group.mentions.len(), "report"),
                        plural(group.voices, "source")
                    ),
                )
            }
        };
        // Narrow tables leave the counts out before they cut the values.
        let counts_width = if inner.width >= 80 { 22 } else { 0 };
        let [status, what, values, counts] = Layout::horizontal([
            Constraint::Length(STATUS_WIDTH),
            Constraint::Length(what_width),
            Constraint::Min(1),
            Constraint::Length(counts_width),
        ])
        .spacing(1)
        .areas(line);
        draw_text(
            buf,
            status,
            &status_text,
            settings,
            base.patch(status_style),
        );
        draw_text(buf, what, &what_text, settings, base);
        draw_text(
            buf,
            values,
            &values_text,
            settings,
            base.patch(theme.figure),
        );
        draw_text(
            buf,
            counts,
            &count_text,
            settings,
            base.patch(theme.details),
        );
    }
    match comparison.claims.get(selected) {
        Some(claim) => draw_claim_details(frame, app, claim, details_area, theme),
        None => {
            let group = &comparison.quotes[selected - comparison.claims.len()];
            draw_quote_details(frame, app, group, details_area, theme);
        }
    }
}

/// One row per copy of a quote: the report, who it is attributed to, and the words.
fn draw_quote_details(
    frame: &mut Frame,
    app: &mut App,
    group: &QuoteGroup,
    area: Rect,
    theme: &Theme,
) {
    let block = pane_block(" quoted in several reports ".to_owned(), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let id_width = 12.min(inner.width / 4);
    let who_width = (inner.width / 4).max(1);
    let settings = app.settings;
    for (row, mention) in group
        .mentions
        .iter()
        .take(inner.height as usize)
        .enumerate()
    {
        let quote = app.extraction(mention.report).quotes[mention.quote].clone();
        let y = inner.y + row as u16;
        let [id, who, words] = Layout::horizontal([
            Constraint::Length(id_width),
            Constraint::Length(who_width),
            Constraint::Min(1),
        ])
        .spacing(1)
        .areas(Rect::new(inner.x, y, inner.width, 1));
        let buf = frame.buffer_mut();
        draw_text(
            buf,
            id,
            &app.corpus.articles[mention.report].id,
            settings,
            theme.details,
        );
        draw_text(
            buf,
            who,
            quote.source.as_deref().unwrap_or("–"),
            settings,
            theme.source,
        );
        draw_text(buf, words, &quote.text, settings, Style::new());
    }
}

/// One row per mention of `claim`: the report, a bar as long as its value, the value, and who
/// said it when.
fn draw_claim_details(frame: &mut Frame, app: &mut App, claim: &Claim, area: Rect, theme: &Theme) {
    let block = pane_block(
        format!(" {} · {} ", claim.label(), claim.status.label()),
        false,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let magnitude = |low: Option<f64>, high: Option<f64>| match (low, high) {
        (Some(low), Some(high)) => (low + high) / 2.0,
        (Some(bound), None) | (None, Some(bound)) => bound,
        (None, None) => 0.0,
    };
    let largest = claim
        .values
        .iter()
        .map(|v| magnitude(v.low, v.high))
        .fold(0.0, f64::max);
    let id_width = 12.min(inner.width / 4);
    let bar_width = (inner.width / 4).max(1);
    let value_width = 9;
    let settings = app.settings;
    for (row, mention) in claim
        .mentions
        .iter()
        .take(inner.height as usize)
        .enumerate()
    {
        let extraction = app.extraction(mention.report);
        let figure = &extraction.figures[mention.figure];
        let value = &claim.values[mention.value];
        let y = inner.y + row as u16;
        let line = Rect::new(inner.x, y, inner.width, 1);
        let [id, bar, number, who] = Layout::horizontal([
            Constraint::Length(id_width),
            Constraint::Length(bar_width),
            Constraint::Length(value_width),
            Constraint::Min(1),
        ])
        .spacing(1)
        .areas(line);
        let article = &app.corpus.articles[mention.report];
        draw_text(frame.buffer_mut(), id, &article.id, settings, theme.details);
        let share = if largest > 0.0 {
            magnitude(value.low, value.high) / largest
        } else {
            0.0
        };
        let cells = ((share * bar.width as f64).round() as u16).clamp(1, bar.width);
        let open = value.high.is_none();
        let bar_text: String = "█".repeat(cells as usize - usize::from(open && cells > 1))
            + if open && cells > 1 { "▶" } else { "" };
        let bar_style = if value.conflicts_with.is_empty() {
            theme.agree
        } else {
            theme.conflict
        };
        frame.buffer_mut().set_string(bar.x, y, bar_text, bar_style);
        // Digits and ≈ – > signs only: no layout needed, right-aligned like a number column.
        let label = figure.value_label();
        let label_width = label.chars().count() as u16;
        let right = number.x + number.width.saturating_sub(label_width);
        frame
            .buffer_mut()
            .set_stringn(right, y, &label, number.width as usize, theme.figure);
        let mut said = figure
            .source_label()
            .unwrap_or_else(|| article.source.clone().unwrap_or_default());
        if !figure.when.is_empty() {
            said = format!("{said} · {}", figure.when.join("، "));
        }
        if let Some(place) = &figure.place {
            said = format!("{said} · {place}");
        }
        draw_text(frame.buffer_mut(), who, &said, settings, Style::new());
    }
}

/// Two reports in two columns (stacked when narrow), each scrolled to its mention of the claim.
fn draw_pair(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    let Some(pair) = app.pair.clone() else {
        return;
    };
    let comparison = app.comparison();
    let claim = pair.claim.and_then(|c| comparison.claims.get(c));
    let [header, columns_area] = if area.height >= 3 {
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area)
    } else {
        [Rect::default(), area]
    };
    if !header.is_empty() {
        let (text, style) = match claim {
            Some(claim) => (
                format!(
                    "{} {} · {} · n/N next claim · [ ] other report",
                    claim.status.symbol(),
                    claim.status.label(),
                    claim.label()
                ),
                theme.status_style(claim.status),
            ),
            None if pair.mentions.iter().all(Option::is_some) => (
                "≈ a quote both reports carry · [ ] other report".to_owned(),
                theme.agree,
            ),
            None => (
                "no claim both reports make · [ ] other report".to_owned(),
                theme.details,
            ),
        };
        draw_text(frame.buffer_mut(), header, &text, app.settings, style);
    }
    let stacked = columns_area.width < SIDE_BY_SIDE_MIN_WIDTH + 20;
    let columns: [Rect; 2] = if stacked {
        Layout::vertical([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(columns_area)
    } else {
        Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(columns_area)
    };
    for (column, column_area) in columns.into_iter().enumerate() {
        let index = pair.reports[column];
        let extraction = app.extraction(index);
        let said = claim
            .and_then(|claim| {
                let range = pair.mentions[column].clone()?;
                claim.mentions.iter().find(|m| {
                    m.report == index && extraction.figures[m.figure].start == range.start
                })
            })
            .map(|mention| {
                let figure = &extraction.figures[mention.figure];
                match figure.source_label() {
                    Some(source) => format!(" {} · {source} ", figure.value_label()),
                    None => format!(" {} ", figure.value_label()),
                }
            })
            .unwrap_or_else(|| " – ".to_owned());
        let title = format!(
            " {} · {}/{} ",
            app.corpus.articles[index].id,
            index + 1,
            app.corpus.articles.len()
        );
        let block = pane_block(title, pair.focus == column, theme)
            .title_bottom(Line::from(Span::styled(said, theme.figure)));
        let inner = block.inner(column_area);
        frame.render_widget(block, column_area);
        app.areas.columns[column] = inner;
        if inner.is_empty() {
            continue;
        }
        let layout = app.layout(index, inner.width as usize);
        app.settle_pair_scroll(column, &layout, inner.height as usize);
        let highlights = app.pair_highlights(column);
        let top = app.pair.as_ref().map_or(0, |p| p.scroll[column]);
        draw_lines(frame.buffer_mut(), inner, &layout, top, &highlights, theme);
    }
}

fn pane_block(title: String, focused: bool, theme: &Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.focused_border
        } else {
            theme.border
        })
        .title(title)
}

fn draw_list(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    if app.side == Side::Findings {
        draw_findings(frame, app, area, theme);
        return;
    }
    let count = app.rows.len();
    let block = pane_block(
        format!(" Articles {count} "),
        app.focus == Pane::List,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    app.areas.list = inner;
    if inner.is_empty() {
        return;
    }
    app.settle_list(inner.height as usize);
    let visible = (inner.height as usize).div_ceil(LIST_ITEM_HEIGHT);
    for (row, list_row) in (app.list_offset..count).take(visible).enumerate() {
        let index = app.rows[list_row];
        let title = app.title_line(index, inner.width as usize);
        let buf = frame.buffer_mut();
        let y = inner.y + (row * LIST_ITEM_HEIGHT) as u16;
        let item = Rect::new(inner.x, y, inner.width, 1);
        let selected = index == app.selected;
        let base = if selected {
            theme.selected
        } else {
            Style::new()
        };
        buf.set_style(item, base);
        draw_visual_line(buf, item, &title.line, true, |_| base);
        if title.truncated {
            // The cut end of a right-to-left title is at its left, of a left-to-right one at
            // its right.
            let x = match title.line.direction {
                Direction::RightToLeft => item.x + title.line.indent as u16 - 1,
                Direction::LeftToRight => item.x + title.line.width as u16,
            };
            if x >= item.x && x < item.right() {
                buf.set_string(x, y, "…", base);
            }
        }
        if y + 1 < inner.bottom() {
            let hits = app.hits_in(index).len();
            let extraction = app.extraction(index);
            let article = &app.corpus.articles[index];
            // Marks and counts first: a narrow list cuts the rest rather than them.
            let mut marks = String::new();
            if app.feeds.store.is_some() || !app.feeds.feeds.is_empty() {
                let state = app.state(index);
                for (on, mark) in [(!state.read, "● "), (state.starred, "★ ")] {
                    if on {
                        marks.push_str(mark);
                    }
                }
            }
            let mut details = vec![format!(
                "{marks}{} figures · {} sources",
                extraction.figures.len(),
                extraction.sources.len()
            )];
            // A feed item's id is a hash: its source and date say more.
            if article.feed.is_none() {
                details.push(article.id.clone());
            }
            // Isolated, so an Arabic name does not carry the date into its run.
            details.extend(
                article
                    .source
                    .as_ref()
                    .map(|s| format!("\u{2068}{s}\u{2069}")),
            );
            details.extend(article.published.as_deref().map(short_date));
            if hits > 0 {
                details.push(format!("{hits} match{}", if hits == 1 { "" } else { "es" }));
            }
            let line = details.join(" · ");
            let row = Rect::new(inner.x, y + 1, inner.width, 1);
            draw_text(buf, row, &line, app.settings, base.patch(theme.details));
        }
    }
}

/// An RFC 3339 time as a reader wants it in a list, "2022-01-08 10:40"; other text as it is.
fn short_date(published: &str) -> String {
    match (
        published.get(..10),
        published.get(10..11),
        published.get(11..16),
    ) {
        (Some(date), Some("T"), Some(time)) => format!("{date} {time}"),
        _ => published.to_owned(),
    }
}

/// The figures and sources of the article being read, one finding in two rows: its label,
/// then its text as written, right to left.
fn draw_findings(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    let index = app.selected;
    let findings = app.findings(index);
    let figures = findings.iter().filter(|f| f.is_figure).count();
    let block = pane_block(
        format!(" Figures {figures} · Sources {} ", findings.len() - figures),
        app.focus == Pane::List,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    app.areas.list = inner;
    if inner.is_empty() {
        return;
    }
    let visible = (inner.height as usize).div_ceil(LIST_ITEM_HEIGHT);
    app.settle_findings(findings.len(), inner.height as usize / LIST_ITEM_HEIGHT);
    if findings.is_empty() {
        frame.render_widget(
            Paragraph::new("No figures or sources found.").style(theme.details),
            inner,
        );
        return;
    }
    let mut layouter = Layouter::default();
    let buf = frame.buffer_mut();
    for (row, (number, finding)) in findings
        .iter()
        .enumerate()
        .skip(app.finding_offset)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + (row * LIST_ITEM_HEIGHT) as u16;
        let selected = number == app.finding;
        let base = if selected {
            theme.selected
        } else {
            Style::new()
        };
        let marker = if finding.is_figure {
            theme.figure
        } else {
            theme.source
        };
        let label_row = Rect::new(inner.x, y, inner.width, 1);
        buf.set_style(label_row, base);
        draw_text(
            buf,
            label_row,
            &finding.label,
            app.settings,
            base.patch(marker),
        );
        if y + 1 < inner.bottom() {
            let text_row = Rect::new(inner.x, y + 1, inner.width, 1);
            let (line, _) =
                layouter.first_line(&finding.text, app.settings.layout(inner.width as usize));
            buf.set_style(text_row, base);
            draw_visual_line(buf, text_row, &line, true, |_| base.patch(theme.details));
        }
    }
}

fn draw_reader(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    let index = app.selected;
    let Some(article) = app
        .corpus
        .articles
        .get(index)
        .filter(|_| !app.rows.is_empty())
    else {
        draw_no_article(frame, app, area, theme);
        return;
    };
    let title = format!(" {} · {}/{} ", article.id, app.row + 1, app.rows.len());
    // The legend of the highlights, in their own styles.
    let legend = Line::from(vec![
        Span::raw(" "),
        Span::styled("figure", theme.figure),
        Span::raw(" · "),
        Span::styled("source", theme.source),
        Span::raw(" · f: list them "),
    ]);
    let block = pane_block(title, app.focus == Pane::Reader, theme).title_bottom(legend);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    app.areas.reader = inner;
    if inner.is_empty() {
        return;
    }
    let layout = app.layout(index, inner.width as usize);
    app.settle_scroll(&layout, inner.height as usize);
    let highlights = app.highlights(index);
    let top = app.scroll[index];
    draw_lines(frame.buffer_mut(), inner, &layout, top, &highlights, theme);
}

/// The reader pane when the list is empty: why, and what to do.
fn draw_no_article(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    let block = pane_block(" sanad ".to_owned(), app.focus == Pane::Reader, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    app.areas.reader = inner;
    let message = if app.feeds.busy() {
        "Fetching feeds… articles appear as they arrive (F: feeds)"
    } else if !app.corpus.articles.is_empty() {
        "No articles here (F: feeds, then Enter on All articles)"
    } else if !app.feeds.feeds.is_empty() {
        "No articles yet (F: feeds, R: fetch again)"
    } else {
        "No articles"
    };
    let paragraph = Paragraph::new(message)
        .style(theme.details)
        .wrap(ratatui::widgets::Wrap { trim: true });
    frame.render_widget(paragraph, inner);
}

/// Draws an article's visual lines from line `top` into `area`, each glyph in the style of its
/// highlight.
fn draw_lines(
    buf: &mut Buffer,
    area: Rect,
    layout: &ArticleLayout,
    top: usize,
    highlights: &Highlights,
    theme: &Theme,
) {
    let style_of = |glyph: &Glyph| theme.highlight(highlights.kind_at(glyph.source()));
    for (row, line) in layout
        .lines
        .iter()
        .skip(top)
        .take(area.height as usize)
        .enumerate()
    {
        let row_area = Rect::new(area.x, area.y + row as u16, area.width, 1);
        draw_visual_line(buf, row_area, line, true, style_of);
    }
}

/// Draws text that may hold Arabic on one row, laid out like article text (reordered, joined,
/// left-aligned) and cut with an ellipsis when it does not fit.
fn draw_text(buf: &mut Buffer, row: Rect, text: &str, settings: Settings, style: Style) {
    if row.is_empty() {
        return;
    }
    let width = row.width as usize;
    let (line, cut) =
        Layouter::default().first_line(text, settings.layout(width.saturating_sub(1).max(1)));
    draw_visual_line(buf, row, &line, false, |_| style);
    if cut && line.width < width {
        buf.set_string(row.x + line.width as u16, row.y, "…", style);
    }
}

/// Copies a visual line into one row of cells, each glyph with its style. `aligned` keeps the
/// line's indent (right alignment); the prompt draws from the left instead.
fn draw_visual_line(
    buf: &mut Buffer,
    row: Rect,
    line: &VisualLine,
    aligned: bool,
    style_of: impl Fn(&Glyph) -> Style,
) {
    let mut x = row.x as usize + if aligned { line.indent } else { 0 };
    let right = row.right() as usize;
    for glyph in &line.glyphs {
        let width = glyph.width as usize;
        if x + width > right {
            break;
        }
        if width > 0 {
            buf.set_stringn(
                x as u16,
                row.y,
                line.glyph_text(glyph),
                width,
                style_of(glyph),
            );
        }
        x += width;
    }
}

fn draw_status(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let buf = frame.buffer_mut();
    buf.set_style(area, theme.status);
    if let Some(input) = &app.search.input {
        buf.set_string(area.x, area.y, "/", theme.status);
        let prompt = Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1);
        if !prompt.is_empty() {
            let (line, _) =
                Layouter::default().first_line(input, app.settings.layout(prompt.width as usize));
            draw_visual_line(buf, prompt, &line, false, |_| theme.status);
            let cursor = (prompt.x as usize + line.width).min(area.right() as usize - 1);
            buf.set_string(cursor as u16, area.y, "▏", theme.status);
        }
        return;
    }
    let position = match (app.screen, app.focus) {
        (Screen::Claims, _) => {
            let comparison = app.comparison();
            let count = comparison.claims.len() + comparison.quotes.len();
            format!(" row {}/{count} ", (app.claim + 1).min(count))
        }
        (Screen::SideBySide, _) => match &app.pair {
            Some(pair) => format!(" {} ⇄ {} ", pair.reports[0] + 1, pair.reports[1] + 1),
            None => String::new(),
        },
        (Screen::Reader, _) if app.rows.is_empty() => " 0/0 ".to_owned(),
        (Screen::Reader, Pane::Reader) => {
            let lines = app
                .layout(app.selected, app.areas.reader.width.max(1) as usize)
                .lines
                .len();
            let top = app.scroll[app.selected];
            let percent = if lines <= app.areas.reader.height as usize {
                100
            } else {
                top.saturating_add(app.areas.reader.height as usize)
                    .min(lines)
                    * 100
                    / lines
            };
            format!(
                " {}/{} · {percent}% ",
                (app.row + 1).min(app.rows.len()),
                app.rows.len()
            )
        }
        (Screen::Reader, Pane::List) => {
            format!(" {}/{} ", (app.row + 1).min(app.rows.len()), app.rows.len())
        }
        (Screen::Feeds, _) => format!(
            " {}/{} ",
            app.feeds.selected + 1,
            FEED_VIEW_FIXED_ROWS + app.feeds.feeds.len()
        ),
    };
    let mut position_width = position.chars().count() as u16;
    let mut spans = vec![Span::styled(position, theme.status.patch(theme.key))];
    if app.feeds.busy() {
        let (done, round, _) = app.feeds.progress();
        let spinner = SPINNER[app.feeds.tick % SPINNER.len()];
        let progress = format!(" {spinner} fetching {done}/{round} ");
        position_width += progress.chars().count() as u16;
        spans.push(Span::styled(progress, theme.status));
    }
    if let Some(message) = &app.message {
        // A message may quote Arabic (the search query): it goes through the layout.
        let row = Rect::new(
            area.x.saturating_add(position_width + 1),
            area.y,
            area.width.saturating_sub(position_width + 1),
            1,
        );
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
        if !row.is_empty() {
            draw_text(frame.buffer_mut(), row, message, app.settings, theme.status);
        }
        return;
    } else {
        let hints: &[(&str, &str)] = match app.screen {
            Screen::Reader => &[
                ("j/k", "move"),
                ("Tab", "pane"),
                ("/", "search"),
                ("n/N", "match"),
                ("c", "claims"),
                ("?", "help"),
                ("q", "quit"),
            ],
            Screen::Claims => &[
                ("j/k", "claim"),
                ("Enter", "side by side"),
                ("Esc", "back"),
                ("?", "help"),
            ],
            Screen::SideBySide => &[
                ("n/N", "claim"),
                ("[ ]", "report"),
                ("Tab", "column"),
                ("Enter", "read"),
                ("Esc", "back"),
            ],
            Screen::Feeds => &[
                ("j/k", "feed"),
                ("Enter", "its articles"),
                ("r/R", "reload"),
                ("Esc", "back"),
            ],
        };
        for &(keys, what) in hints {
            spans.push(Span::styled(
                format!(" {keys}"),
                theme.status.patch(theme.key),
            ));
            spans.push(Span::raw(format!(" {what}")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}

/// Every action with its keys, from the key map in effect; unbound actions are left out.
fn draw_help(frame: &mut Frame, area: Rect, keymap: &KeyMap, theme: &Theme) {
    let entries: Vec<(String, &str)> = Action::ALL
        .iter()
        .map(|&action| (keymap.label(action), action.description()))
        .filter(|(label, _)| !label.is_empty())
        .collect();
    let label_width = entries
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines: Vec<Line> = entries
        .into_iter()
        .map(|(label, description)| {
            Line::from(vec![
                Span::styled(format!(" {label:<label_width$}"), theme.key),
                Span::raw(description),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::raw(" Mouse: wheel scrolls, click selects."));
    let width = (lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(theme.focused_border)
                .title(" Keys · ? or Esc to close "),
        ),
        popup,
    );
}

/// Frames of the spinner shown while a feed is fetched.
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// The feeds: one row each with what it is doing, after rows for all articles and starred ones.
fn draw_feeds(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    let (done, round, failed) = app.feeds.progress();
    let mut title = format!(" Feeds {} ", app.feeds.feeds.len());
    if app.feeds.busy() {
        title.push_str(&format!("· fetching {done}/{round} "));
    }
    if failed > 0 {
        title.push_str(&format!("· {failed} failed "));
    }
    let block = pane_block(title, true, theme)
        .title_bottom(" Enter: its articles · r: reload · R: reload all · Esc: back ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    app.areas.feeds = inner;
    if inner.is_empty() {
        return;
    }
    let total_rows = FEED_VIEW_FIXED_ROWS + app.feeds.feeds.len();
    app.settle_feeds(total_rows, inner.height as usize);
    let counts = app.feed_counts();
    let spinner = SPINNER[app.feeds.tick % SPINNER.len()];
    let settings = app.settings;
    let width = inner.width;
    let counts_width = if width >= 50 { 18 } else { 0 };
    let status_width = if width >= 40 { (width / 3).min(30) } else { 0 };
    let tags_width = if width >= 80 { 16 } else { 0 };
    let name_width = width.saturating_sub(2 + tags_width + counts_width + status_width);
    let buf = frame.buffer_mut();
    for (line, row) in (app.feeds.offset..total_rows)
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + line as u16;
        let base = if row == app.feeds.selected {
            theme.selected
        } else {
            Style::new()
        };
        buf.set_style(Rect::new(inner.x, y, width, 1), base);
        let (symbol, name, tags, (total, unread), status, status_style) = match row {
            0 => (
                "≡".to_owned(),
                "All articles".to_owned(),
                String::new(),
                counts.all,
                String::new(),
                base,
            ),
            1 => (
                "★".to_owned(),
                "Starred".to_owned(),
                String::new(),
                counts.starred,
                String::new(),
                base,
            ),
            _ => {
                let index = row - FEED_VIEW_FIXED_ROWS;
                let feed = &app.feeds.feeds[index];
                let (symbol, status, style) = match &feed.status {
                    FeedStatus::Cached => ("·".to_owned(), "cached".to_owned(), theme.details),
                    FeedStatus::Waiting => ("…".to_owned(), "waiting".to_owned(), theme.details),
                    FeedStatus::Fetching => {
                        (spinner.to_string(), "fetching…".to_owned(), theme.details)
                    }
                    FeedStatus::Fetched { new } => {
                        ("✓".to_owned(), format!("{new} new"), theme.agree)
                    }
                    FeedStatus::Failed(reason) => ("✗".to_owned(), reason.clone(), theme.conflict),
                };
                (
                    symbol,
                    feed.name().to_owned(),
                    feed.subscription.tags.join(" "),
                    counts.by_feed.get(index).copied().unwrap_or_default(),
                    status,
                    base.patch(style),
                )
            }
        };
        buf.set_string(inner.x, y, symbol, base.patch(status_style));
        let mut x = inner.x + 2;
        draw_text(
            buf,
            Rect::new(x, y, name_width.saturating_sub(1), 1),
            &name,
            settings,
            base,
        );
        x += name_width;
        if tags_width > 0 {
            draw_text(
                buf,
                Rect::new(x, y, tags_width - 1, 1),
                &tags,
                settings,
                base.patch(theme.details),
            );
            x += tags_width;
        }
        if counts_width > 0 {
            let text = if unread > 0 {
                format!("{unread} unread · {total}")
            } else {
                total.to_string()
            };
            buf.set_stringn(x, y, text, counts_width as usize - 1, base);
            x += counts_width;
        }
        if status_width > 0 {
            draw_text(
                buf,
                Rect::new(x, y, status_width, 1),
                &status,
                settings,
                status_style,
            );
        }
    }
}
