//! The list of articles: a title and a line of details each, the selected one marked.

use std::collections::HashMap;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{
    Component, Event, EventState, Hint, LIST_ITEM_HEIGHT, READING_HELP, ViewKeys, hint,
    item_target, keep_in_view, moved,
};
use crate::keymap::Action;
use crate::layout::{Direction, LayoutOptions, Layouter, VisualLine};
use crate::ui::context::{Context, Pane, Request};
use crate::ui::view::{draw_text, draw_visual_line, pane_block};

/// An article's title as one visual line, and whether it had to be cut.
#[derive(Clone, Debug)]
pub struct TitleLine {
    /// The first visual line of the title.
    pub line: VisualLine,
    /// More of the title did not fit.
    pub truncated: bool,
}

/// Title lines kept at most: many screens of the list at a few widths.
const TITLE_CACHE_LIMIT: usize = 4096;

/// Articles' titles laid out as one visual line each, computed when first shown and kept: a
/// list of thousands lays out only the rows it draws.
#[derive(Default)]
pub struct Titles {
    lines: HashMap<(usize, LayoutOptions), Rc<TitleLine>>,
    layouter: Layouter,
}

impl Titles {
    /// Article `index`'s title as one visual line `width` columns wide.
    pub fn line(&mut self, ctx: &Context, index: usize, width: usize) -> Rc<TitleLine> {
        let options = ctx.settings.layout(width);
        if self.lines.len() >= TITLE_CACHE_LIMIT {
            self.lines.clear();
        }
        let title = &ctx.corpus.articles[index].title;
        let layouter = &mut self.layouter;
        self.lines
            .entry((index, options))
            .or_insert_with(|| Rc::new(first_line(layouter, title, options)))
            .clone()
    }
}

/// The list pane: which rows it shows, and the titles it has laid out. The rows themselves
/// and the selection are shared ([`Context::rows`]): the feeds and the search change them too.
#[derive(Default)]
pub struct ArticleList {
    /// First row shown.
    pub offset: usize,
    /// It has the keyboard.
    pub focused: bool,
    /// The rows inside the border, as last drawn.
    area: Rect,
    titles: Titles,
}

impl ArticleList {
    /// Forgets where the list was drawn, when a frame leaves it out.
    pub fn hide(&mut self) {
        self.area = Rect::default();
    }

    /// Asks for the article of row `row` to be read.
    fn select(&self, row: usize, ctx: &mut Context) {
        if let Some(&index) = ctx.rows.get(row) {
            ctx.request(Request::Select(index));
        }
    }

    /// Article `index`'s title as one visual line `width` columns wide.
    pub fn title_line(&mut self, ctx: &Context, index: usize, width: usize) -> Rc<TitleLine> {
        self.titles.line(ctx, index, width)
    }
}

impl Component for ArticleList {
    fn event(&mut self, event: Event, ctx: &mut Context) -> EventState {
        let Some((row, clicked)) = item_target(&event, self.area, ctx.row, self.offset) else {
            return EventState::NotConsumed;
        };
        self.select(moved(row, 0, ctx.rows.len()), ctx);
        if clicked {
            ctx.request(Request::Focus(Pane::List));
        }
        EventState::Consumed
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context) {
        let theme = ctx.theme();
        let count = ctx.rows.len();
        let story = ctx
            .story_filter
            .and_then(|anchor| Some(ctx.stories_if_grouped()?.of(anchor)?.id.clone()));
        let name = match story {
            // Esc goes back to the stories.
            Some(id) => format!(" Story {id} · {count} reports "),
            None => format!(" Articles {count} "),
        };
        let block = pane_block(name, self.focused, &theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        self.area = inner;
        if inner.is_empty() {
            return;
        }
        keep_in_view(
            &mut ctx.row,
            &mut self.offset,
            count,
            inner.height as usize / LIST_ITEM_HEIGHT,
        );
        let visible = (inner.height as usize).div_ceil(LIST_ITEM_HEIGHT);
        for (row, list_row) in (self.offset..count).take(visible).enumerate() {
            let index = ctx.rows[list_row];
            let title = self.title_line(ctx, index, inner.width as usize);
            let buf = frame.buffer_mut();
            let y = inner.y + (row * LIST_ITEM_HEIGHT) as u16;
            let item = Rect::new(inner.x, y, inner.width, 1);
            let selected = index == ctx.selected;
            let base = if selected {
                theme.selected
            } else {
                Style::new()
            };
            draw_title(buf, item, &title, base);
            if y + 1 < inner.bottom() {
                let hits = ctx.hits_in(index).len();
                let extraction = ctx.extraction(index);
                let article = &ctx.corpus.articles[index];
                // Marks and counts first: a narrow list cuts the rest rather than them.
                let mut marks = String::new();
                if ctx.feeds.store.is_some() || !ctx.feeds.feeds.is_empty() {
                    let state = ctx.state(index);
                    for (on, mark) in [(!state.read, "● "), (state.starred, "★ ")] {
                        if on {
                            marks.push_str(mark);
                        }
                    }
                }
                let mut details = vec![format!("{marks}{}", extraction.counts(" · "))];
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
                draw_text(buf, row, &line, ctx.settings, base.patch(theme.details));
            }
        }
    }

    fn position(&mut self, ctx: &mut Context) -> String {
        format!(" {}/{} ", (ctx.row + 1).min(ctx.rows.len()), ctx.rows.len())
    }

    fn keys(&self) -> Option<&'static ViewKeys> {
        Some(&KEYS)
    }
}

/// The keys of the article list.
pub const KEYS: ViewKeys = ViewKeys {
    view: "Articles",
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
            what: "quit",
        },
    ],
};

/// Draws a title on row `item` in style `base`, flush right when right to left, an ellipsis
/// where it was cut.
pub fn draw_title(buf: &mut Buffer, item: Rect, title: &TitleLine, base: Style) {
    buf.set_style(item, base);
    draw_visual_line(buf, item, &title.line, true, |_| base);
    if title.truncated {
        // The cut end of a right-to-left title is at its left, of a left-to-right one at its
        // right.
        let x = match title.line.direction {
            Direction::RightToLeft => (item.x + title.line.indent as u16).checked_sub(1),
            Direction::LeftToRight => Some(item.x + title.line.width as u16),
        };
        if let Some(x) = x.filter(|&x| x >= item.x && x < item.right()) {
            buf.set_string(x, item.y, "…", base);
        }
    }
}

/// A title cut to one line, with a column kept for the ellipsis that marks a cut.
fn first_line(layouter: &mut Layouter, text: &str, options: LayoutOptions) -> TitleLine {
    let narrower = LayoutOptions {
        width: options.width.saturating_sub(1).max(1),
        ..options
    };
    let (mut line, truncated) = layouter.first_line(text, narrower);
    if line.direction == Direction::RightToLeft {
        // Flush right in the full width; a cut title's ellipsis goes in the column left of it.
        line.indent = options.width.saturating_sub(line.width);
    }
    TitleLine { line, truncated }
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
