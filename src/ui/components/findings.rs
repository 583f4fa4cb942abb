//! The findings panel, in the list's place: the figures and sources of the article read, and
//! the one chosen, which the reader scrolls to and marks.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

use super::{Component, Event, EventState, LIST_ITEM_HEIGHT, item_target, keep_in_view, moved};
use crate::layout::Layouter;
use crate::ui::context::{Context, Pane, Request};
use crate::ui::view::{draw_text, draw_visual_line, pane_block};

/// A figure, or a source with all its mentions, as the findings panel lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Where it stands in the article text (a source's first mention).
    pub range: Range<usize>,
    /// A figure rather than a source.
    pub is_figure: bool,
    /// Value, what it counts and its source chain; or a source's name, type and mentions.
    pub label: String,
    /// The text as written (Arabic), shown right to left under the label.
    pub text: String,
}

/// The findings panel: the finding chosen, and each article's findings once listed.
#[derive(Default)]
pub struct FindingsPanel {
    /// The finding selected.
    pub selected: usize,
    /// First finding shown.
    pub offset: usize,
    /// It has the keyboard.
    pub focused: bool,
    /// The rows inside the border, as last drawn.
    area: Rect,
    findings: HashMap<usize, Rc<Vec<Finding>>>,
}

impl FindingsPanel {
    /// Back to the first finding, for another article or when the panel opens.
    pub fn rewind(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    /// Forgets where the panel was drawn, when a frame leaves it out.
    pub fn hide(&mut self) {
        self.area = Rect::default();
    }

    /// The items for article `index`: figures in text order, then each source once with its
    /// number of mentions; built once and kept.
    pub fn findings(&mut self, index: usize, ctx: &mut Context) -> Rc<Vec<Finding>> {
        if let Some(findings) = self.findings.get(&index) {
            return findings.clone();
        }
        let extraction = ctx.extraction(index);
        let mut findings: Vec<Finding> = extraction
            .figures
            .iter()
            .map(|figure| Finding {
                range: figure.start..figure.end,
                is_figure: true,
                label: match figure.source_label() {
                    Some(source) => format!(
                        "{} {} · {source}",
                        figure.value_label(),
                        figure.claim_label()
                    ),
                    None => format!("{} {}", figure.value_label(), figure.claim_label()),
                },
                text: figure.text.clone(),
            })
            .collect();
        // Each source once, at its first mention, in text order.
        let mut mentions: HashMap<&str, (usize, usize)> = HashMap::new();
        for (position, source) in extraction.sources.iter().enumerate() {
            mentions.entry(&source.name).or_insert((position, 0)).1 += 1;
        }
        let mut firsts: Vec<(usize, usize)> = mentions.into_values().collect();
        firsts.sort_unstable();
        for (position, count) in firsts {
            let first = &extraction.sources[position];
            findings.push(Finding {
                range: first.start..first.end,
                is_figure: false,
                label: format!("{} · {} · {count}×", first.name, first.source_type.label()),
                text: first.text.clone(),
            });
        }
        let findings = Rc::new(findings);
        self.findings.insert(index, findings.clone());
        findings
    }

    /// Where the selected finding of the article read stands in its text.
    pub fn selected_range(&mut self, ctx: &mut Context) -> Option<Range<usize>> {
        let findings = self.findings(ctx.selected, ctx);
        findings.get(self.selected).map(|f| f.range.clone())
    }

    /// The selected finding of the article read as written, in logical order.
    pub fn selected_text(&mut self, ctx: &mut Context) -> Option<String> {
        let findings = self.findings(ctx.selected, ctx);
        findings.get(self.selected).map(|f| f.text.clone())
    }

    /// Selects finding `index` (kept inside the list), and scrolls the reader to it.
    fn select(&mut self, index: usize, ctx: &mut Context) {
        let findings = self.findings(ctx.selected, ctx);
        self.selected = moved(index, 0, findings.len());
        if let Some(finding) = findings.get(self.selected) {
            ctx.request(Request::ScrollTo(Some(finding.range.start)));
        }
    }

    /// Scrolls the reader to the selected finding again.
    pub fn choose(&mut self, ctx: &mut Context) {
        self.select(self.selected, ctx);
    }
}

impl Component for FindingsPanel {
    fn event(&mut self, event: Event, ctx: &mut Context) -> EventState {
        let Some((index, clicked)) = item_target(&event, self.area, self.selected, self.offset)
        else {
            return EventState::NotConsumed;
        };
        self.select(index, ctx);
        if clicked {
            ctx.request(Request::Focus(Pane::List));
        }
        EventState::Consumed
    }

    /// One finding in two rows: its label, then its text as written, right to left.
    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context) {
        let theme = ctx.theme();
        let findings = self.findings(ctx.selected, ctx);
        let figures = findings.iter().filter(|f| f.is_figure).count();
        let block = pane_block(
            format!(" Figures {figures} · Sources {} ", findings.len() - figures),
            self.focused,
            &theme,
        );
        let inner = block.inner(area);
        frame.render_widget(block, area);
        self.area = inner;
        if inner.is_empty() {
            return;
        }
        let visible = (inner.height as usize).div_ceil(LIST_ITEM_HEIGHT);
        keep_in_view(
            &mut self.selected,
            &mut self.offset,
            findings.len(),
            inner.height as usize / LIST_ITEM_HEIGHT,
        );
        if findings.is_empty() {
            frame.render_widget(
                Paragraph::new("No figures or sources found.").style(theme.details),
                inner,
            );
            return;
        }
        let mut layouter = Layouter::default();
        let settings = ctx.settings;
        let buf = frame.buffer_mut();
        for (row, (number, finding)) in findings
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(visible)
            .enumerate()
        {
            let y = inner.y + (row * LIST_ITEM_HEIGHT) as u16;
            let base = if number == self.selected {
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
            draw_text(buf, label_row, &finding.label, settings, base.patch(marker));
            if y + 1 < inner.bottom() {
                let text_row = Rect::new(inner.x, y + 1, inner.width, 1);
                let (line, _) =
                    layouter.first_line(&finding.text, settings.layout(inner.width as usize));
                buf.set_style(text_row, base);
                draw_visual_line(buf, text_row, &line, true, |_| base.patch(theme.details));
            }
        }
    }
}
