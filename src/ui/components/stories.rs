//! The stories: the articles grouped by the event they report, a story a row, its title (the
//! headline of its most central report) over what it holds: "5 reports · 4 outlets · 1–14 Jan
//! 2024 · 1 conflict". Enter lists the story's reports.

use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::list::{Titles, draw_title};
use super::{
    Component, Event, EventState, Hint, LIST_ITEM_HEIGHT, ViewKeys, hint, item_target,
    keep_in_view, moved,
};
use crate::keymap::Action;
use crate::stories::{self, Stories};
use crate::ui::context::{Context, Pane, Request};
use crate::ui::feeds::Filter;
use crate::ui::view::{draw_text, pane_block};

/// The stories pane: the stories listed (those with a report the list keeps), the one selected.
#[derive(Default)]
pub struct StoryList {
    /// Selected row.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// It has the keyboard.
    pub focused: bool,
    /// Indices in [`Stories::stories`] of the stories listed, in its order: biggest first.
    rows: Vec<usize>,
    /// The grouping and the filter `rows` were listed from.
    listed_from: Option<(Rc<Stories>, Option<Filter>)>,
    /// The rows inside the border, as last drawn.
    area: Rect,
    titles: Titles,
}

impl StoryList {
    /// Forgets where the list was drawn, when a frame leaves it out.
    pub fn hide(&mut self) {
        self.area = Rect::default();
    }

    /// Shows the stories, the story of the article read selected.
    pub fn open(&mut self, ctx: &mut Context) {
        self.refresh(ctx);
        let stories = ctx.stories();
        if let Some(&story) = stories.story_of.get(ctx.selected) {
            self.selected = self.rows.iter().position(|&s| s == story).unwrap_or(0);
        }
    }

    /// Lists the stories again when the grouping or the feeds' filter changed: a story is
    /// listed when the list (all articles, one feed's, the starred) keeps one of its reports.
    fn refresh(&mut self, ctx: &mut Context) {
        let stories = ctx.stories();
        let filter = ctx.feeds.filter;
        if let Some((listed, listed_filter)) = &self.listed_from
            && Rc::ptr_eq(listed, &stories)
            && *listed_filter == filter
        {
            return;
        }
        let mut kept = vec![false; stories.stories.len()];
        for index in ctx.feeds_rows() {
            if let Some(&story) = stories.story_of.get(index) {
                kept[story] = true;
            }
        }
        self.rows = (0..stories.stories.len()).filter(|&s| kept[s]).collect();
        self.listed_from = Some((stories, filter));
    }

    /// Reads the selected story's most central report, or its first the list keeps: the reader
    /// beside shows the story, and claims and side by side start from it.
    fn read_selected(&self, ctx: &mut Context) {
        let stories = ctx.stories();
        let Some(story) = self
            .rows
            .get(self.selected)
            .and_then(|&s| stories.stories.get(s))
        else {
            return;
        };
        let shown = |index: &usize| ctx.rows.contains(index);
        let article = Some(story.central)
            .filter(shown)
            .or_else(|| story.articles.iter().copied().find(shown));
        if let Some(article) = article {
            ctx.request(Request::Select(article));
        }
    }

    /// Lists the reports of the selected story.
    fn enter(&self, ctx: &mut Context) {
        let stories = ctx.stories();
        let Some(story) = self
            .rows
            .get(self.selected)
            .and_then(|&s| stories.stories.get(s))
        else {
            return;
        };
        ctx.open_story(story.articles[0]);
        ctx.request(Request::ListArticles);
        ctx.request(Request::Focus(Pane::List));
    }
}

impl Component for StoryList {
    fn event(&mut self, event: Event, ctx: &mut Context) -> EventState {
        self.refresh(ctx);
        if let Event::Action(Action::Open) = event {
            self.enter(ctx);
            return EventState::Consumed;
        }
        let Some((row, clicked)) = item_target(&event, self.area, self.selected, self.offset)
        else {
            return EventState::NotConsumed;
        };
        self.selected = moved(row, 0, self.rows.len());
        self.read_selected(ctx);
        if clicked {
            ctx.request(Request::Focus(Pane::List));
        }
        EventState::Consumed
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context) {
        self.refresh(ctx);
        let theme = ctx.theme();
        let count = self.rows.len();
        let block = pane_block(format!(" Stories {count} "), self.focused, &theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        self.area = inner;
        if inner.is_empty() {
            return;
        }
        keep_in_view(
            &mut self.selected,
            &mut self.offset,
            count,
            inner.height as usize / LIST_ITEM_HEIGHT,
        );
        let stories = ctx.stories();
        let visible = (inner.height as usize).div_ceil(LIST_ITEM_HEIGHT);
        for (row, list_row) in (self.offset..count).take(visible).enumerate() {
            let story_index = self.rows[list_row];
            let story = &stories.stories[story_index];
            let title = self.titles.line(ctx, story.central, inner.width as usize);
            let y = inner.y + (row * LIST_ITEM_HEIGHT) as u16;
            let base = if list_row == self.selected {
                theme.selected
            } else {
                Style::new()
            };
            draw_title(
                frame.buffer_mut(),
                Rect::new(inner.x, y, inner.width, 1),
                &title,
                base,
            );
            if y + 1 < inner.bottom() {
                let tally = ctx.tally(story_index);
                let mut line = format!("{} · ", story.id);
                line.push_str(&stories::summary(story, &ctx.corpus.articles, &tally));
                let details = Rect::new(inner.x, y + 1, inner.width, 1);
                draw_text(
                    frame.buffer_mut(),
                    details,
                    &line,
                    ctx.settings,
                    base.patch(theme.details),
                );
            }
        }
    }

    fn position(&mut self, _ctx: &mut Context) -> String {
        let count = self.rows.len();
        format!(" story {}/{count} ", (self.selected + 1).min(count))
    }

    fn keys(&self) -> Option<&'static ViewKeys> {
        Some(&KEYS)
    }
}

/// The keys of the stories.
pub const KEYS: ViewKeys = ViewKeys {
    view: "Stories",
    help: &[
        (Action::Down, "next story"),
        (Action::Up, "previous story"),
        (Action::First, "first story"),
        (Action::Last, "last story"),
        (Action::PageDown, "page down"),
        (Action::PageUp, "page up"),
        (Action::Open, "list the story's reports"),
        (Action::ToggleStories, "back to all articles"),
        (Action::SwitchPane, "list ⇄ reader"),
        (Action::Search, "search (hamza, ta marbuta… folded)"),
        (Action::Claims, "claims: where reports agree or conflict"),
        (Action::SideBySide, "this article side by side with another"),
        (Action::Feeds, "feeds: fetch progress, failures"),
        (Action::Back, "back to all articles"),
    ],
    hints: &[
        hint::MOVE,
        Hint {
            actions: &[Action::Open],
            what: "its reports",
        },
        Hint {
            actions: &[Action::ToggleStories],
            what: "articles",
        },
        hint::CLAIMS,
        hint::HELP,
        Hint {
            actions: &[Action::Back],
            what: "back",
        },
    ],
};
