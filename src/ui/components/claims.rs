//! The claims table: what the reports claim across the corpus, conflicts first, then quotes
//! several reports carry; under it, the selected row's mentions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, TitlePosition};

use super::{
    Component, Event, EventState, Hint, ViewKeys, border_hints, hint, is_over, keep_in_view, moved,
    movement, not_here, page, wheel,
};
use crate::compare::{Claim, Mention, QuoteGroup, Status, Value};
use crate::extract::{Figure, Moment, format_number};
use crate::keymap::Action;
use crate::layout::label::{self, isolate};
use crate::text;
use crate::ui::context::{Context, Request, Screen};
use crate::ui::theme::Theme;
use crate::ui::view::{draw_border_label, draw_label, pane_block, report_name, source_chain};

/// Columns of the claims table: status, what, values, reports and sources.
const STATUS_WIDTH: u16 = 11;

/// What a row of the claims table says in each column.
struct TableRow {
    status: String,
    status_style: Style,
    what: String,
    /// The values (or a quote's word changes), cut between them when they do not fit.
    values: Vec<String>,
    separator: &'static str,
    values_read_right_to_left: bool,
    counts: String,
}

/// The claims table: the row selected and the rows shown.
#[derive(Default)]
pub struct ClaimsTable {
    /// The row selected: a claim, or past the claims a quote.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// The rows inside the border, as last drawn.
    area: Rect,
}

impl ClaimsTable {
    /// Selects row `row`, kept inside the table.
    pub fn select(&mut self, row: usize, ctx: &mut Context) {
        let comparison = ctx.comparison();
        self.selected = moved(row, 0, comparison.claims.len() + comparison.quotes.len());
    }
}

impl Component for ClaimsTable {
    fn event(&mut self, event: Event, ctx: &mut Context) -> EventState {
        match event {
            Event::Action(action) => {
                if let Some(step) = movement(action, page(self.area.height)) {
                    self.select(self.selected.saturating_add_signed(step), ctx);
                    return EventState::Consumed;
                }
                match action {
                    Action::Open | Action::SideBySide => {
                        ctx.request(Request::CompareClaim(self.selected))
                    }
                    Action::Claims | Action::Back => ctx.request(Request::Show(Screen::Reader)),
                    Action::Copy => {
                        let text = row_text(ctx, self.selected);
                        ctx.copy(text, "row");
                    }
                    _ => ctx.message = Some(not_here(&ctx.keymap, &KEYS)),
                }
                EventState::Consumed
            }
            Event::Mouse(mouse) if wheel(&mouse) != 0 && is_over(&mouse, self.area) => {
                self.select(self.selected.saturating_add_signed(wheel(&mouse)), ctx);
                EventState::Consumed
            }
            _ => EventState::NotConsumed,
        }
    }

    /// The claims across all reports, conflicts first, and under them the selected claim: a
    /// bar per mention, its value, its source chain and time words.
    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context) {
        let theme = ctx.theme();
        let comparison = ctx.comparison();
        let conflicts = comparison
            .claims
            .iter()
            .filter(|c| c.status == Status::Conflict)
            .count();
        let total = comparison.claims.len() + comparison.quotes.len();
        let selected = self.selected.min(total.saturating_sub(1));
        let details_height = match comparison.claims.get(selected) {
            // A row per mention, the summary line and the borders.
            Some(claim) => claim.mentions.len() as u16 + 3,
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
            &theme,
        )
        .title_bottom(border_hints(&ctx.keymap, &KEYS.hints[1..3]));
        let inner = block.inner(table_area);
        frame.render_widget(block, table_area);
        self.area = inner;
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
        keep_in_view(
            &mut self.selected,
            &mut self.offset,
            total,
            inner.height as usize,
        );
        let mut rows = Vec::with_capacity(inner.height as usize);
        for index in (self.offset..total).take(inner.height as usize) {
            // What each column says: a claim, or below the claims a quote several reports carry.
            let row = match comparison.claims.get(index) {
                Some(claim) => {
                    let label_of = |ctx: &mut Context, value: &Value| {
                        let mention = &claim.mentions[value.mentions[0]];
                        ctx.extraction(mention.report).figures[mention.figure].value_label()
                    };
                    // An update reads in time order, "310 → 2,900"; otherwise the newest
                    // value standing comes first.
                    let mut order: Vec<usize> = (0..claim.values.len()).collect();
                    let separator = if claim.status == Status::Update {
                        order.sort_by_key(|&v| {
                            let as_of = claim.values[v].as_of.as_deref();
                            (as_of.is_none(), as_of)
                        });
                        " → "
                    } else {
                        if let Some(latest) = claim.latest {
                            order.retain(|&v| v != latest);
                            order.insert(0, latest);
                        }
                        " · "
                    };
                    TableRow {
                        status: format!("{} {}", claim.status.symbol(), claim.status.label()),
                        status_style: theme.status_style(claim.status),
                        what: label::join(claim.label_parts(), " · "),
                        values: order
                            .iter()
                            .map(|&v| label_of(ctx, &claim.values[v]))
                            .collect(),
                        separator,
                        values_read_right_to_left: false,
                        counts: format!(
                            "{} · {}",
                            text::counted(claim.reports, "report", "reports"),
                            text::counted(claim.voices, "source", "sources")
                        ),
                    }
                }
                None => {
                    let group = &comparison.quotes[index - comparison.claims.len()];
                    let first = &group.mentions[0];
                    let words: Vec<String> = group
                        .changes
                        .iter()
                        .flatten()
                        .map(|change| word_change(&change.first, &change.this))
                        .collect();
                    let (status, status_style) = if group.identical {
                        ("= quote", theme.agree)
                    } else {
                        ("≈ quote", theme.single)
                    };
                    TableRow {
                        status: status.to_owned(),
                        status_style,
                        what: isolate(&ctx.extraction(first.report).quotes[first.quote].text)
                            .into_owned(),
                        values_read_right_to_left: words
                            .first()
                            .is_some_and(|words| label::is_right_to_left(words)),
                        values: if words.is_empty() {
                            vec!["same words".to_owned()]
                        } else {
                            words
                        },
                        separator: " · ",
                        counts: format!(
                            "{} · {}",
                            text::counted(group.mentions.len(), "report", "reports"),
                            text::counted(group.voices, "source", "sources")
                        ),
                    }
                }
            };
            rows.push(row);
        }
        // The "what" column is as wide as its widest row, within a third of the table, so the
        // values have the rest.
        let widest_what = rows
            .iter()
            .map(|row| label::text_width(&row.what))
            .max()
            .unwrap_or(0);
        let what_width = (inner.width / 3)
            .clamp(8, 34)
            .min(widest_what.max(8) as u16);
        // Narrow tables leave the counts out before they cut the values.
        let counts_width = if inner.width >= 80 { 22 } else { 0 };
        let settings = ctx.settings;
        let buf = frame.buffer_mut();
        for (offset, row) in rows.into_iter().enumerate() {
            let index = self.offset + offset;
            let y = inner.y + offset as u16;
            let line = Rect::new(inner.x, y, inner.width, 1);
            let base = if index == self.selected {
                theme.selected
            } else {
                Style::new()
            };
            buf.set_style(line, base);
            let [status, what, values, counts] = Layout::horizontal([
                Constraint::Length(STATUS_WIDTH),
                Constraint::Length(what_width),
                Constraint::Min(1),
                Constraint::Length(counts_width),
            ])
            .spacing(1)
            .areas(line);
            draw_label(
                buf,
                status,
                &row.status,
                settings,
                base.patch(row.status_style),
            );
            draw_label(buf, what, &row.what, settings, base);
            // Whole values only; Arabic word changes read right to left, the first on the
            // right.
            let values_text = label::fit_list(&row.values, row.separator, values.width as usize);
            let values_text = if row.values_read_right_to_left {
                isolate(&values_text).into_owned()
            } else {
                values_text
            };
            draw_label(
                buf,
                values,
                &values_text,
                settings,
                base.patch(theme.figure),
            );
            draw_label(
                buf,
                counts,
                &row.counts,
                settings,
                base.patch(theme.details),
            );
        }
        match comparison.claims.get(selected) {
            Some(claim) => draw_claim_details(frame, ctx, claim, details_area, &theme),
            None => {
                let group = &comparison.quotes[selected - comparison.claims.len()];
                draw_quote_details(frame, ctx, group, details_area, &theme);
            }
        }
    }

    fn position(&mut self, ctx: &mut Context) -> String {
        let comparison = ctx.comparison();
        let count = comparison.claims.len() + comparison.quotes.len();
        format!(" row {}/{count} ", (self.selected + 1).min(count))
    }

    fn keys(&self) -> Option<&'static ViewKeys> {
        Some(&KEYS)
    }
}

/// The keys of the claims table.
pub const KEYS: ViewKeys = ViewKeys {
    view: "Claims",
    help: &[
        (Action::Down, "next row"),
        (Action::Up, "previous row"),
        (Action::First, "first row"),
        (Action::Last, "last row"),
        (Action::PageDown, "page down"),
        (Action::PageUp, "page up"),
        (Action::Open, "the claim's reports side by side"),
        (Action::SideBySide, "the claim's reports side by side"),
        (
            Action::Copy,
            "copy the row: a quote's words, a claim's values",
        ),
        (Action::Claims, "back to the articles"),
        (Action::Back, "back to the articles"),
    ],
    hints: &[
        Hint {
            actions: &[Action::Down, Action::Up],
            what: "claim",
        },
        Hint {
            actions: &[Action::Open],
            what: "side by side",
        },
        Hint {
            actions: &[Action::Back],
            what: "back",
        },
        hint::HELP,
    ],
};

/// Row `row` of the table as text to copy, in logical order: a quote's words, or a claim's
/// label and values.
fn row_text(ctx: &mut Context, row: usize) -> String {
    let comparison = ctx.comparison();
    match comparison.claims.get(row) {
        Some(claim) => {
            let values: Vec<String> = claim
                .values
                .iter()
                .map(|value| {
                    let mention = &claim.mentions[value.mentions[0]];
                    ctx.extraction(mention.report).figures[mention.figure].value_label()
                })
                .collect();
            format!("{}: {}", claim.label(), values.join(", "))
        }
        None => comparison
            .quotes
            .get(row - comparison.claims.len())
            .map(|group| {
                let first = &group.mentions[0];
                ctx.extraction(first.report).quotes[first.quote]
                    .text
                    .clone()
            })
            .unwrap_or_default(),
    }
}

/// How a copy of a quote changed words of the first copy: "−words" dropped, "+words" added,
/// "was → is" replaced; in Arabic "كان ← صار", whose arrow points the way it reads.
fn word_change(first: &[String], this: &[String]) -> String {
    let (was, is) = (first.join(" "), this.join(" "));
    match (first.is_empty(), this.is_empty()) {
        (false, true) => format!("−{was}"),
        (true, false) => format!("+{is}"),
        _ if label::is_right_to_left(&was) => format!("{was} ← {is}"),
        _ => format!("{was} → {is}"),
    }
}

/// What the detail row of a figure says after its value: who said it, when and where, the
/// parts it lacks left out. The report's outlet is not repeated: the row starts with it.
fn said_label(figure: &Figure) -> String {
    let source = source_chain(figure.source.as_deref(), &figure.via);
    label::join(
        [
            source.unwrap_or_default(),
            figure.when.join("، "),
            figure.place.clone().unwrap_or_default(),
        ],
        " · ",
    )
}

/// The width of the column naming reports: the longest name of `reports`, at most a quarter of
/// `width`.
fn name_width(ctx: &Context, reports: impl Iterator<Item = usize>, width: u16) -> u16 {
    let cap = (width / 4).max(1);
    let longest = reports
        .map(|report| label::text_width(&report_name(&ctx.corpus.articles[report], cap as usize)))
        .max()
        .unwrap_or(0);
    (longest as u16).clamp(1, cap)
}

/// A pane for the details of a claim or quote: `title` laid out on its border.
fn details_pane(frame: &mut Frame, area: Rect, title: &str, ctx: &Context, theme: &Theme) -> Rect {
    let block = pane_block(String::new(), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    draw_border_label(
        frame.buffer_mut(),
        area,
        TitlePosition::Top,
        title,
        ctx.settings,
        Style::new(),
    );
    inner
}

/// One row per copy of a quote: the report, who it is attributed to, and the words.
fn draw_quote_details(
    frame: &mut Frame,
    ctx: &mut Context,
    group: &QuoteGroup,
    area: Rect,
    theme: &Theme,
) {
    let inner = details_pane(frame, area, "quoted in several reports", ctx, theme);
    if inner.is_empty() {
        return;
    }
    let rows = group.mentions.iter().take(inner.height as usize);
    let name_width = name_width(ctx, rows.clone().map(|m| m.report), inner.width);
    let who_width = (inner.width / 4).max(1);
    let settings = ctx.settings;
    for (row, mention) in rows.enumerate() {
        let quote = ctx.extraction(mention.report).quotes[mention.quote].clone();
        let y = inner.y + row as u16;
        let [name, who, words] = Layout::horizontal([
            Constraint::Length(name_width),
            Constraint::Length(who_width),
            Constraint::Min(1),
        ])
        .spacing(1)
        .areas(Rect::new(inner.x, y, inner.width, 1));
        let buf = frame.buffer_mut();
        let article = &ctx.corpus.articles[mention.report];
        let report = report_name(article, name.width as usize);
        draw_label(buf, name, &report, settings, theme.details);
        let said = source_chain(quote.source.as_deref(), &quote.via);
        draw_label(
            buf,
            who,
            said.as_deref().unwrap_or("–"),
            settings,
            theme.source,
        );
        draw_label(buf, words, &isolate(&quote.text), settings, Style::new());
    }
}

/// One row per mention of `claim`: the report, a bar as long as its value, the value, and who
/// said it when.
fn draw_claim_details(
    frame: &mut Frame,
    ctx: &mut Context,
    claim: &Claim,
    area: Rect,
    theme: &Theme,
) {
    let title = claim.with_whole(label::join(
        [
            label::join(claim.label_parts(), " · "),
            claim.status.label().to_owned(),
        ],
        " · ",
    ));
    let inner = details_pane(frame, area, &title, ctx, theme);
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
    // A timeline: mentions in the order they were true, undated ones last; the last row sums
    // the claim up when there is room.
    let mut timeline: Vec<&Mention> = claim.mentions.iter().collect();
    let moments: Vec<Option<Moment>> = timeline
        .iter()
        .map(|m| ctx.extraction(m.report).figures[m.figure].moment)
        .collect();
    let mut order: Vec<usize> = (0..timeline.len()).collect();
    order.sort_by_key(|&i| (moments[i].is_none(), moments[i]));
    timeline = order.iter().map(|&i| timeline[i]).collect();
    let summary_rows = usize::from(inner.height >= 4);
    let rows = timeline
        .iter()
        .copied()
        .take((inner.height as usize).saturating_sub(summary_rows));
    let name_width = name_width(ctx, rows.clone().map(|m| m.report), inner.width);
    let bar_width = (inner.width / 4).max(1);
    // As wide as the widest value, so "1,000–9,999" is not cut.
    let value_width = rows
        .clone()
        .map(|m| {
            let figure = &ctx.extraction(m.report).figures[m.figure];
            label::text_width(&figure.value_label()) as u16
        })
        .max()
        .unwrap_or(1)
        .clamp(1, (inner.width / 4).max(1));
    let settings = ctx.settings;
    // Each value as its first mention writes it ("≥23", "317"), for the marks that name one.
    let value_names: Vec<String> = claim
        .values
        .iter()
        .map(|value| {
            value.mentions.first().map_or_else(String::new, |&m| {
                let mention = &claim.mentions[m];
                ctx.extraction(mention.report).figures[mention.figure].value_label()
            })
        })
        .collect();
    for (row, mention) in rows.enumerate() {
        let extraction = ctx.extraction(mention.report);
        let figure = &extraction.figures[mention.figure];
        let value = &claim.values[mention.value];
        let y = inner.y + row as u16;
        let line = Rect::new(inner.x, y, inner.width, 1);
        let [name, bar, number, who] = Layout::horizontal([
            Constraint::Length(name_width),
            Constraint::Length(bar_width),
            Constraint::Length(value_width),
            Constraint::Min(1),
        ])
        .spacing(1)
        .areas(line);
        let article = &ctx.corpus.articles[mention.report];
        let report = report_name(article, name.width as usize);
        draw_label(frame.buffer_mut(), name, &report, settings, theme.details);
        let share = if largest > 0.0 {
            magnitude(value.low, value.high) / largest
        } else {
            0.0
        };
        // A pane too narrow for its columns leaves the bar none: it is drawn cut, never past.
        let cells = ((share * bar.width as f64).round() as u16).clamp(1, bar.width.max(1));
        let open = value.high.is_none();
        let bar_text: String = "█".repeat(cells as usize - usize::from(open && cells > 1))
            + if open && cells > 1 { "▶" } else { "" };
        let bar_style = if value.conflicts_with.is_empty() {
            theme.agree
        } else {
            theme.conflict
        };
        frame
            .buffer_mut()
            .set_stringn(bar.x, y, bar_text, bar.width as usize, bar_style);
        // Digits and ≈ – > signs only: no layout needed, right-aligned like a number column.
        let value_text = figure.value_label();
        let value_text_width = label::text_width(&value_text) as u16;
        let right = number.x + number.width.saturating_sub(value_text_width);
        frame
            .buffer_mut()
            .set_stringn(right, y, &value_text, number.width as usize, theme.figure);
        let mut said = vec![said_label(figure)];
        said.extend(marks(figure, mention.value, value, &value_names));
        draw_label(
            frame.buffer_mut(),
            who,
            &label::join(said.iter().filter(|s| !s.is_empty()), " · "),
            settings,
            Style::new(),
        );
    }
    if summary_rows == 1 {
        let y = inner.y + inner.height - 1;
        let line = Rect::new(inner.x, y, inner.width, 1);
        let text = summary_line(ctx, claim);
        draw_label(frame.buffer_mut(), line, &text, settings, theme.details);
    }
}

/// How a value stands in the timeline, and why: preliminary, final, corrected, the earlier
/// values it revises ("↗ revises 18") and those that stand at its time and dispute it ("✗ vs
/// 8"). `names` writes each value of the claim.
fn marks(figure: &Figure, index: usize, value: &Value, names: &[String]) -> Vec<String> {
    let mut marks = Vec::new();
    match figure.preliminary {
        Some(true) => marks.push("preliminary".to_owned()),
        Some(false) => marks.push("final".to_owned()),
        None => {}
    }
    if figure.correction {
        marks.push("corrected".to_owned());
    }
    if !value.revises.is_empty() {
        let total = value.revises.len();
        marks.push(format!("↗ revises {}", named(&value.revises, total, names)));
    }
    if !value.conflicts_with.is_empty() {
        let nearest = value.conflicts_with.nearest(index, NAMED);
        let total = value.conflicts_with.len();
        marks.push(format!("✗ vs {}", named(&nearest, total, names)));
    }
    marks
}

/// How many values a mark names before it counts the rest.
const NAMED: usize = 2;

/// The first [`NAMED`] of the values `indices`, then how many more of `total`: "18, 95 +1".
fn named(indices: &[usize], total: usize, names: &[String]) -> String {
    let mut text = indices
        .iter()
        .take(NAMED)
        .filter_map(|&v| names.get(v).map(String::as_str))
        .collect::<Vec<_>>()
        .join(", ");
    let shown = indices.len().min(NAMED);
    if total > shown {
        text.push_str(&format!(" +{}", total - shown));
    }
    text
}

/// "latest 3,958 · estimates standing 3,000–11,300 · voices 3,958 (2) · 11,300 (1)".
fn summary_line(ctx: &mut Context, claim: &Claim) -> String {
    let summary = claim.summary();
    let mut label_of = |value: usize| {
        let mention = &claim.mentions[claim.values[value].mentions[0]];
        ctx.extraction(mention.report).figures[mention.figure].value_label()
    };
    let mut parts = Vec::new();
    if let Some(latest) = summary.latest {
        parts.push(format!("latest {}", label_of(latest)));
    }
    if summary.standing.len() > 1 {
        let bound = |b: Option<f64>| b.map_or("…".to_owned(), format_number);
        parts.push(format!(
            "estimates standing {}–{}",
            bound(summary.low),
            bound(summary.high)
        ));
    }
    let voices: Vec<String> = summary
        .standing
        .iter()
        .map(|&v| format!("{} ({})", label_of(v), claim.values[v].voices))
        .collect();
    parts.push(format!("voices {}", voices.join(" · ")));
    parts.join(" · ")
}
