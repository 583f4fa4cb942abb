//! The feeds view: rows for all articles, the unread, the starred and those the last search
//! found, one per tag, then one per feed with what it holds and what it is doing; Enter lists
//! a row's articles.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{
    Component, Event, EventState, Hint, ViewKeys, keep_in_view, moved, movement, page, wheel,
};
use crate::keymap::Action;
use crate::ui::context::{Context, Pane, Request, Screen};
use crate::ui::feeds::{FeedStatus, Filter};
use crate::ui::view::{SPINNER, draw_text, pane_block};

/// The feeds view: the row selected and the rows shown.
#[derive(Default)]
pub struct FeedsView {
    /// Selected row, in [`FeedsView::rows`].
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// The rows inside the border, as last drawn.
    area: Rect,
}

impl FeedsView {
    /// Opens the view on the row of what the list shows.
    pub fn open(&mut self, ctx: &mut Context) {
        let shown = ctx.feeds.filter.unwrap_or(Filter::All);
        self.selected = Self::rows(ctx)
            .iter()
            .position(|&row| row == shown)
            .unwrap_or(0);
        ctx.request(Request::Show(Screen::Feeds));
    }

    /// Shows the articles of the selected row and goes back to the list.
    fn open_row(&mut self, ctx: &mut Context) {
        let filter = Self::rows(ctx)
            .get(self.selected)
            .copied()
            .unwrap_or(Filter::All);
        ctx.feeds.filter = Some(filter);
        ctx.order_rows();
        ctx.request(Request::Show(Screen::Reader));
        ctx.request(Request::Focus(Pane::List));
        if ctx.rows.is_empty() {
            ctx.message = Some("no articles here yet".to_owned());
        }
    }

    /// The rows, top to bottom: all, unread, starred, found by the search (once there was
    /// one), each tag, each feed.
    fn rows(ctx: &Context) -> Vec<Filter> {
        let mut rows = vec![Filter::All, Filter::Unread, Filter::Starred];
        if !ctx.matches.query.is_empty() {
            rows.push(Filter::Found);
        }
        rows.extend((0..ctx.feeds.tags().len()).map(Filter::Tag));
        rows.extend((0..ctx.feeds.feeds.len()).map(Filter::Feed));
        rows
    }
}

impl Component for FeedsView {
    fn event(&mut self, event: Event, ctx: &mut Context) -> EventState {
        let action = match event {
            Event::Action(action) => action,
            Event::Mouse(mouse) if wheel(&mouse) != 0 => {
                self.selected = moved(self.selected, wheel(&mouse), Self::rows(ctx).len());
                return EventState::Consumed;
            }
            _ => return EventState::NotConsumed,
        };
        if let Some(step) = movement(action, page(self.area.height)) {
            self.selected = moved(self.selected, step, Self::rows(ctx).len());
            return EventState::Consumed;
        }
        match action {
            Action::Open => self.open_row(ctx),
            Action::ReloadFeed => match Self::rows(ctx).get(self.selected) {
                Some(&Filter::Feed(feed)) => ctx.reload(Some(feed)),
                _ => ctx.reload(None),
            },
            Action::ReloadAll => ctx.reload(None),
            Action::Feeds | Action::Back => ctx.request(Request::Show(Screen::Reader)),
            _ => ctx.message = Some(super::not_here(&ctx.keymap, &KEYS)),
        }
        EventState::Consumed
    }

    /// One row per feed with what it is doing, after rows for all articles and starred ones.
    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context) {
        let theme = ctx.theme();
        let feeds = &ctx.feeds;
        let (done, round, failed) = feeds.progress();
        let mut title = format!(" Feeds {} ", feeds.feeds.len());
        if feeds.busy() {
            title.push_str(&format!("· fetching {done}/{round} "));
        }
        if failed > 0 {
            title.push_str(&format!("· {failed} failed "));
        }
        let block = pane_block(title, true, &theme)
            .title_bottom(super::border_hints(&ctx.keymap, &KEYS.hints[1..4]));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        self.area = inner;
        if inner.is_empty() {
            return;
        }
        let rows = Self::rows(ctx);
        keep_in_view(
            &mut self.selected,
            &mut self.offset,
            rows.len(),
            inner.height as usize,
        );
        let shown = &rows[self.offset.min(rows.len())..];
        let shown = &shown[..shown.len().min(inner.height as usize)];
        let found = ctx.found();
        let counts = feeds.counts(&ctx.corpus.articles, shown, &found);
        let tags = feeds.tags();
        let spinner = SPINNER[feeds.tick % SPINNER.len()];
        let settings = ctx.settings;
        let width = inner.width;
        let counts_text: Vec<String> = counts
            .iter()
            .map(|&(total, unread)| match unread {
                0 => total.to_string(),
                _ => format!("{unread} unread · {total}"),
            })
            .collect();
        // As wide as the widest count shown, and a space.
        let widest = counts_text.iter().map(|text| text.chars().count()).max();
        let counts_width = match widest {
            Some(widest) if width >= 50 => widest as u16 + 1,
            _ => 0,
        };
        let status_width = if width >= 40 { (width / 3).min(30) } else { 0 };
        let tags_width = if width >= 80 { 16 } else { 0 };
        let name_width = width.saturating_sub(2 + tags_width + counts_width + status_width);
        let buf = frame.buffer_mut();
        for (line, &row) in shown.iter().enumerate() {
            let y = inner.y + line as u16;
            let base = if self.offset + line == self.selected {
                theme.selected
            } else {
                Style::new()
            };
            buf.set_style(Rect::new(inner.x, y, width, 1), base);
            let plain = |symbol: &str, name: String| {
                (symbol.to_owned(), name, String::new(), String::new(), base)
            };
            let (symbol, name, tags, status, status_style) = match row {
                Filter::All => plain("≡", "All articles".to_owned()),
                Filter::Unread => plain("●", "Unread".to_owned()),
                Filter::Starred => plain("★", "Starred".to_owned()),
                Filter::Found => plain("/", format!("Found: {}", ctx.matches.query)),
                Filter::Tag(tag) => plain("#", tags.get(tag).cloned().unwrap_or_default()),
                Filter::Feed(index) => {
                    let feed = &feeds.feeds[index];
                    let (symbol, status, style) = match &feed.status {
                        FeedStatus::Cached => ("·".to_owned(), "cached".to_owned(), theme.details),
                        FeedStatus::Waiting => {
                            ("…".to_owned(), "waiting".to_owned(), theme.details)
                        }
                        FeedStatus::Fetching => {
                            (spinner.to_string(), "fetching…".to_owned(), theme.details)
                        }
                        FeedStatus::Fetched { new } => {
                            ("✓".to_owned(), format!("{new} new"), theme.agree)
                        }
                        FeedStatus::Failed(reason) => {
                            ("✗".to_owned(), reason.clone(), theme.conflict)
                        }
                    };
                    (
                        symbol,
                        feed.name().to_owned(),
                        feed.subscription.tags.join(" "),
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
                let text = &counts_text[line];
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

    fn position(&mut self, ctx: &mut Context) -> String {
        format!(" {}/{} ", self.selected + 1, Self::rows(ctx).len())
    }

    fn keys(&self) -> Option<&'static ViewKeys> {
        Some(&KEYS)
    }
}

/// The keys of the feeds view.
pub const KEYS: ViewKeys = ViewKeys {
    view: "Feeds",
    help: &[
        (Action::Down, "next row"),
        (Action::Up, "previous row"),
        (Action::First, "first row"),
        (Action::Last, "last row"),
        (Action::PageDown, "page down"),
        (Action::PageUp, "page up"),
        (Action::Open, "list the row's articles"),
        (Action::ReloadFeed, "fetch the selected feed again"),
        (Action::ReloadAll, "fetch all feeds again"),
        (Action::Feeds, "back to the articles"),
        (Action::Back, "back to the articles"),
    ],
    hints: &[
        Hint {
            actions: &[Action::Down, Action::Up],
            what: "feed",
        },
        Hint {
            actions: &[Action::Open],
            what: "its articles",
        },
        Hint {
            actions: &[Action::ReloadFeed, Action::ReloadAll],
            what: "reload",
        },
        Hint {
            actions: &[Action::Back],
            what: "back",
        },
        super::hint::HELP,
    ],
};
