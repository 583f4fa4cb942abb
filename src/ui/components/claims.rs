//! The claims table: what the reports claim across the corpus, conflicts first, then quotes
//! several reports carry; under it, the selected row's mentions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

use super::{Component, Event, EventState, is_over, keep_in_view, moved, movement, page, wheel};
use crate::compare::{Claim, QuoteGroup, Status};
use crate::ui::context::{Context, Request, Screen};
use crate::ui::keys::Action;
use crate::ui::theme::Theme;
use crate::ui::view::{draw_text, pane_block};

/// Columns of the claims table: status, what, values, reports and sources.
const STATUS_WIDTH: u16 = 11;

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
                    _ => {
                        ctx.message = Some(
                            "in the claims table: j/k choose, Enter side by side, Esc back"
                                .to_owned(),
                        )
                    }
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
            &theme,
        )
        .title_bottom(" Enter: side by side · Esc: back ");
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
        let settings = ctx.settings;
        let buf = frame.buffer_mut();
        let what_width = (inner.width / 3).clamp(8, 34);
        let plural = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        for (row, index) in (self.offset..total).take(inner.height as usize).enumerate() {
            let y = inner.y + row as u16;
            let line = Rect::new(inner.x, y, inner.width, 1);
            let base = if index == self.selected {
                theme.selected
            } else {
                Style::new()
            };
            buf.set_style(line, base);
            // What each column says: a claim, or below the claims a quote several reports carry.
            let (status_text, status_style, what_text, values_text, count_text) =
                match comparison.claims.get(index) {
                    Some(claim) => {
                        let labels: Vec<String> = claim
                            .values
                            .iter()
                            .map(|value| {
                                let mention = &claim.mentions[value.mentions[0]];
                                ctx.extraction(mention.report).figures[mention.figure].value_label()
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
                                    _ => format!(
                                        "{} → {}",
                                        change.first.join(" "),
                                        change.this.join(" ")
                                    ),
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
                            ctx.extraction(first.report).quotes[first.quote]
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

    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("j/k", "claim"),
            ("Enter", "side by side"),
            ("Esc", "back"),
            ("?", "help"),
        ]
    }
}

/// One row per copy of a quote: the report, who it is attributed to, and the words.
fn draw_quote_details(
    frame: &mut Frame,
    ctx: &mut Context,
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
    let settings = ctx.settings;
    for (row, mention) in group
        .mentions
        .iter()
        .take(inner.height as usize)
        .enumerate()
    {
        let quote = ctx.extraction(mention.report).quotes[mention.quote].clone();
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
            &ctx.corpus.articles[mention.report].id,
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
fn draw_claim_details(
    frame: &mut Frame,
    ctx: &mut Context,
    claim: &Claim,
    area: Rect,
    theme: &Theme,
) {
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
    let settings = ctx.settings;
    for (row, mention) in claim
        .mentions
        .iter()
        .take(inner.height as usize)
        .enumerate()
    {
        let extraction = ctx.extraction(mention.report);
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
        let article = &ctx.corpus.articles[mention.report];
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
