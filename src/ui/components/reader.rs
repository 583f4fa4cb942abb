//! The article being read: its text laid out right to left, figures, sources and search
//! matches highlighted, and where each article was left.

use std::ops::Range;

use crossterm::event::MouseEventKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, TitlePosition, Wrap};

use super::{
    Component, Event, EventState, Hint, READING_HELP, ViewKeys, hint, is_over, movement, page,
    settle_scroll, wheel,
};
use crate::keymap::Action;
use crate::layout::HighlightKind;
use crate::layout::label;
use crate::ui::context::{Context, Pane, Request};
use crate::ui::view::{
    draw_border_label, draw_heading, draw_label, draw_lines, draw_text, pane_block,
};

/// Rows of text a pane keeps under the article's header: on a shorter pane the header goes.
const MIN_TEXT_ROWS_UNDER_HEADER: u16 = 5;

/// The reader pane: how far each article is scrolled, and jumps waiting for a layout.
#[derive(Default)]
pub struct Reader {
    /// First visible line of each article, kept when moving between articles.
    pub scroll: Vec<usize>,
    /// It has the keyboard.
    pub focused: bool,
    /// Text marked as chosen elsewhere (a finding of the findings panel).
    pub mark: Option<Range<usize>>,
    /// A source offset to scroll to once the layout is known.
    pending_offset: Option<usize>,
    /// A source offset to show on the top line: where the article was left.
    pending_top: Option<usize>,
    /// The text inside the border, as last drawn.
    area: Rect,
}

impl Reader {
    /// A reader for `count` articles, each at its top.
    pub fn new(count: usize) -> Self {
        Reader {
            scroll: vec![0; count],
            ..Reader::default()
        }
    }

    /// Makes room for articles added since.
    pub fn fit(&mut self, count: usize) {
        self.scroll.resize(count, 0);
    }

    /// Forgets where the reader was drawn, when a frame leaves it out.
    pub fn hide(&mut self) {
        self.area = Rect::default();
    }

    /// Scrolls to a text offset of the article read (a third down) when next drawn; `None`
    /// cancels a jump not made yet.
    pub fn scroll_to(&mut self, offset: Option<usize>) {
        self.pending_offset = offset;
    }

    /// Opens the article read at `position`, where it was left in an earlier session.
    pub fn open_at(&mut self, position: usize) {
        self.pending_top = (position > 0).then_some(position);
    }

    /// Leaves the article read for article `index`: keeps where the one was read from, and
    /// opens the other where it was left, the first time this session it is shown.
    pub fn turn_to(&mut self, index: usize, ctx: &mut Context) {
        self.remember_position(ctx);
        let position = ctx.state(index).position;
        self.pending_top = (position > 0 && self.scroll.get(index) == Some(&0)).then_some(position);
    }

    /// Keeps where the article read is read from (the first text on the top line), so that it
    /// opens there next time.
    pub fn remember_position(&mut self, ctx: &mut Context) {
        let index = ctx.selected;
        // Not drawn since it was selected: where it was left is still the saved position.
        if self.pending_top.is_some() {
            return;
        }
        let Some(&top) = self.scroll.get(index) else {
            return;
        };
        let offset = if top == 0 {
            Some(0)
        } else {
            ctx.kept_layout(index, (self.area.width as usize).max(1))
                .and_then(|layout| layout.offset_of_line(top))
        };
        if let Some(offset) = offset {
            ctx.remember_position(index, offset);
        }
    }

    fn scroll_by(&mut self, lines: isize, ctx: &Context) {
        if let Some(scroll) = self.scroll.get_mut(ctx.selected) {
            *scroll = scroll.saturating_add_signed(lines);
        }
    }

    /// The pane when the list is empty: why, and what to do.
    fn draw_no_article(&mut self, frame: &mut Frame, area: Rect, ctx: &Context) {
        let theme = ctx.theme();
        let block = pane_block(" sanad ".to_owned(), self.focused, &theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        self.area = inner;
        let key = |action| ctx.keymap.name_of(action);
        let message = if ctx.feeds.busy() {
            format!(
                "Fetching feeds… articles appear as they arrive ({}: feeds)",
                key(Action::Feeds)
            )
        } else if !ctx.corpus.articles.is_empty() {
            format!(
                "No articles here ({}: feeds, then {} on All articles)",
                key(Action::Feeds),
                key(Action::Open)
            )
        } else if !ctx.feeds.feeds.is_empty() {
            format!(
                "No articles yet ({}: feeds, {}: fetch again)",
                key(Action::Feeds),
                key(Action::ReloadAll)
            )
        } else {
            "No articles".to_owned()
        };
        let paragraph = Paragraph::new(message)
            .style(theme.details)
            .wrap(Wrap { trim: true });
        frame.render_widget(paragraph, inner);
    }
}

impl Component for Reader {
    fn event(&mut self, event: Event, ctx: &mut Context) -> EventState {
        match event {
            Event::Action(action) => {
                let Some(lines) = movement(action, page(self.area.height)) else {
                    return EventState::NotConsumed;
                };
                self.scroll_by(lines, ctx);
            }
            Event::Mouse(mouse) if is_over(&mouse, self.area) => match mouse.kind {
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                    self.scroll_by(3 * wheel(&mouse), ctx)
                }
                MouseEventKind::Down(_) => ctx.request(Request::Focus(Pane::Reader)),
                _ => return EventState::NotConsumed,
            },
            _ => return EventState::NotConsumed,
        }
        EventState::Consumed
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context) {
        let index = ctx.selected;
        // The header tells the title from the body's first sentence: the text is needed.
        ctx.read_texts(&[index]);
        let full_text = ctx.is_full_text(index).then_some("full text from its page");
        let Some(article) = ctx
            .corpus
            .articles
            .get(index)
            .filter(|_| !ctx.rows.is_empty())
        else {
            self.draw_no_article(frame, area, ctx);
            return;
        };
        let theme = ctx.theme();
        // The id comes from a file name or a feed: laid out like any text, never raw.
        let title = label::join(
            [
                label::isolate(&article.id).into_owned(),
                format!("{}/{}", ctx.row + 1, ctx.rows.len()),
            ],
            " · ",
        );
        let heading = article.own_title().map(str::to_owned);
        let origin = label::join(
            [
                article.source.as_deref(),
                article.published.as_deref(),
                full_text,
                article.url.as_deref(),
            ]
            .into_iter()
            .flatten(),
            " · ",
        );
        // The legend of the highlights, in their own styles.
        let legend = Line::from(vec![
            Span::raw(" "),
            Span::styled("figure", theme.figure),
            Span::raw(" · "),
            Span::styled("source", theme.source),
            Span::raw(format!(
                " · {}: list them ",
                ctx.keymap.name_of(Action::ToggleFindings)
            )),
        ]);
        let block = pane_block(String::new(), self.focused, &theme).title_bottom(legend);
        let mut inner = block.inner(area);
        frame.render_widget(block, area);
        draw_border_label(
            frame.buffer_mut(),
            area,
            TitlePosition::Top,
            &title,
            ctx.settings,
            Style::new(),
        );
        // Which story the article is in, above its text when there is room.
        if inner.height >= 3
            && let Some(line) = story_line(ctx, index)
        {
            let row = Rect::new(inner.x, inner.y, inner.width, 1);
            draw_text(frame.buffer_mut(), row, &line, ctx.settings, theme.details);
            inner.y += 1;
            inner.height -= 1;
        }
        // The article's header, where the pane leaves room for text under it: its own title
        // (flush right when Arabic), then its outlet, date and address.
        let header_row = |inner: &mut Rect| {
            (inner.height > MIN_TEXT_ROWS_UNDER_HEADER).then(|| {
                inner.y += 1;
                inner.height -= 1;
                Rect::new(inner.x, inner.y - 1, inner.width, 1)
            })
        };
        let buf = frame.buffer_mut();
        let mut headed = false;
        if let Some(heading) = &heading
            && let Some(row) = header_row(&mut inner)
        {
            draw_heading(buf, row, heading, ctx.settings, theme.heading);
            headed = true;
        }
        if !origin.is_empty()
            && let Some(row) = header_row(&mut inner)
        {
            draw_label(buf, row, &origin, ctx.settings, theme.details);
            headed = true;
        }
        // A blank row parts the header from the text.
        if headed {
            header_row(&mut inner);
        }
        self.area = inner;
        if inner.is_empty() {
            return;
        }
        let layout = ctx.layout(index, inner.width as usize);
        if let Some(offset) = self.pending_top.take()
            && let Some(line) = layout.line_of_offset(offset)
        {
            self.scroll[index] = line;
        }
        settle_scroll(
            &mut self.scroll[index],
            &mut self.pending_offset,
            &layout,
            inner.height as usize,
        );
        let mut highlights = ctx.highlights(index);
        highlights.add(HighlightKind::Selected, self.mark.clone());
        highlights.add(
            HighlightKind::SearchMatch,
            ctx.hits_in(index).iter().map(|hit| hit.range.clone()),
        );
        if let Some(hit) = ctx.current_hit_in(index) {
            highlights.add(
                HighlightKind::CurrentMatch,
                std::iter::once(hit.range.clone()),
            );
        }
        let top = self.scroll[index];
        draw_lines(frame.buffer_mut(), inner, &layout, top, &highlights, &theme);
    }

    fn position(&mut self, ctx: &mut Context) -> String {
        let (index, area) = (ctx.selected, self.area);
        let lines = ctx.layout(index, area.width.max(1) as usize).lines.len();
        let top = self.scroll[index];
        let percent = if lines <= area.height as usize {
            100
        } else {
            top.saturating_add(area.height as usize).min(lines) * 100 / lines
        };
        format!(
            " {}/{} · {percent}% ",
            (ctx.row + 1).min(ctx.rows.len()),
            ctx.rows.len()
        )
    }

    fn keys(&self) -> Option<&'static ViewKeys> {
        Some(&KEYS)
    }
}

/// The keys of the reader.
pub const KEYS: ViewKeys = ViewKeys {
    view: "Reader",
    help: READING_HELP,
    hints: &[
        hint::MOVE,
        hint::PANE,
        hint::SEARCH,
        hint::MATCH,
        hint::CLAIMS,
        hint::HELP,
        Hint {
            actions: &[Action::Back],
            what: "back",
        },
    ],
};

/// The story of article `index` in a line, once stories are grouped: "story s2 · 3 other
/// reports · also carried by Reuters", or that no other report tells its event.
fn story_line(ctx: &Context, index: usize) -> Option<String> {
    let stories = ctx.stories_if_grouped()?;
    let story = stories.of(index)?;
    let copies = stories.copies_of(index);
    // Copies are one report carried by several outlets, not other reports.
    let others = story
        .articles
        .iter()
        .filter(|&&other| other != index && !copies.contains(&other))
        .count();
    let mut line = format!("story {} · ", story.id);
    line.push_str(&match others {
        0 => "no other report of this event".to_owned(),
        1 => "1 other report".to_owned(),
        n => format!("{n} other reports"),
    });
    if !copies.is_empty() {
        let mut outlets: Vec<&str> = copies
            .iter()
            .map(|&copy| ctx.corpus.articles[copy].outlet())
            .collect();
        outlets.dedup();
        // Isolated, so an Arabic outlet name keeps to its own run.
        let outlets: Vec<String> = outlets
            .iter()
            .map(|o| format!("\u{2068}{o}\u{2069}"))
            .collect();
        line.push_str(" · also carried by ");
        line.push_str(&outlets.join(", "));
    }
    Some(line)
}
