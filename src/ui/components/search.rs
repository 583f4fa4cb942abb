//! Search: the prompt typed after `/` in the status bar, the search over every article, and
//! the jumps from match to match. The matches are shared ([`Context::matches`]): the list
//! counts them and the reader highlights them.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthChar;

use super::{Component, Event, EventState};
use crate::keymap::KeyCode;
use crate::layout::Layouter;
use crate::ui::context::{Context, Request};
use crate::ui::view::draw_visual_line;

/// Characters a query holds at most: a phrase or a sentence, and a paste of a whole article
/// costs no more.
pub const MAX_QUERY_CHARS: usize = 256;

/// The search prompt, and what runs a search.
#[derive(Default)]
pub struct SearchPrompt {
    /// The query being typed, while the prompt is open.
    pub input: Option<String>,
}

impl SearchPrompt {
    /// Opens the prompt, empty.
    pub fn open(&mut self) {
        self.input = Some(String::new());
    }

    /// Types `text` into the open prompt at once, line breaks and other controls as spaces, up
    /// to [`MAX_QUERY_CHARS`].
    pub fn paste(&mut self, text: &str) {
        let Some(input) = self.input.as_mut() else {
            return;
        };
        let room = MAX_QUERY_CHARS.saturating_sub(input.chars().count());
        input.extend(
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .take(room),
        );
    }

    /// Whether the prompt is open and takes every key.
    pub fn is_typing(&self) -> bool {
        self.input.is_some()
    }

    /// Searches every title and body for `query` (Arabic spellings folded, a place or source
    /// under each of its spellings), in the worker; once the matches are in, `first_match`.
    pub fn run(&mut self, query: String, ctx: &mut Context) {
        let query = query.trim();
        if query.is_empty() {
            ctx.matches = Default::default();
            return;
        }
        ctx.search(query);
    }

    /// Jumps to the first match of the search at or after the selected article.
    pub fn first_match(&mut self, ctx: &mut Context) {
        let query = &ctx.matches.query;
        if ctx.matches.hits.is_empty() {
            ctx.message = Some(format!("no match for “{query}”"));
            return;
        }
        let first = ctx
            .matches
            .hits
            .iter()
            .position(|hit| hit.article >= ctx.selected)
            .unwrap_or(0);
        self.go_to(first, ctx);
    }

    /// Jumps to the next (`step` 1) or previous (-1) match, round the end.
    pub fn jump(&mut self, step: isize, ctx: &mut Context) {
        let count = ctx.matches.hits.len();
        if count == 0 {
            ctx.message = Some(if ctx.matches.query.is_empty() {
                "no search yet: / to search".to_owned()
            } else {
                format!("no match for “{}”", ctx.matches.query)
            });
            return;
        }
        let next = match ctx.matches.current {
            Some(current) => (current as isize + step).rem_euclid(count as isize) as usize,
            None if step > 0 => 0,
            None => count - 1,
        };
        self.go_to(next, ctx);
    }

    fn go_to(&mut self, index: usize, ctx: &mut Context) {
        let hit = ctx.matches.hits[index].clone();
        ctx.matches.current = Some(index);
        ctx.request(Request::Select(hit.article));
        ctx.request(Request::ScrollTo(Some(hit.range.start)));
        let articles = ctx
            .matches
            .hits
            .iter()
            .map(|h| h.article)
            .collect::<BTreeSet<_>>()
            .len();
        ctx.message = Some(format!(
            "match {}/{} in {} article{} for “{}”",
            index + 1,
            ctx.matches.hits.len(),
            articles,
            if articles == 1 { "" } else { "s" },
            ctx.matches.query
        ));
    }
}

impl Component for SearchPrompt {
    /// While the prompt is open, every key types into it.
    fn event(&mut self, event: Event, ctx: &mut Context) -> EventState {
        let (Event::Key(key), Some(input)) = (event, self.input.as_mut()) else {
            return EventState::NotConsumed;
        };
        let control = key.control();
        match key.code() {
            KeyCode::Char('c') if control => ctx.request(Request::Quit),
            KeyCode::Char('u') if control => input.clear(),
            KeyCode::Char(c) if !control && input.chars().count() < MAX_QUERY_CHARS => {
                input.push(c);
            }
            KeyCode::Backspace => {
                input.pop();
            }
            KeyCode::Esc => self.input = None,
            KeyCode::Enter => {
                let query = self.input.take().unwrap_or_default();
                self.run(query, ctx);
            }
            _ => {}
        }
        EventState::Consumed
    }

    /// The prompt, in the status bar's row.
    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context) {
        let Some(input) = &self.input else {
            return;
        };
        let theme = ctx.theme();
        let buf = frame.buffer_mut();
        buf.set_style(area, theme.status);
        buf.set_string(area.x, area.y, "/", theme.status);
        let prompt = Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1);
        if !prompt.is_empty() {
            // Only the end shows, what fits beside the cursor: the rest is not laid out.
            let mut columns = 0;
            let start = input
                .char_indices()
                .rev()
                .take_while(|&(_, c)| {
                    columns += c.width().unwrap_or(0);
                    columns < prompt.width as usize
                })
                .last()
                .map_or(input.len(), |(at, _)| at);
            let shown = &input[start..];
            let (line, _) =
                Layouter::default().first_line(shown, ctx.settings.layout(prompt.width as usize));
            draw_visual_line(buf, prompt, &line, false, |_| theme.status);
            let cursor = (prompt.x as usize + line.width).min(area.right() as usize - 1);
            buf.set_string(cursor as u16, area.y, "▏", theme.status);
        }
    }
}
