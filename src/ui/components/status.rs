//! The status bar: where the user is, feeds being fetched, the worker's progress, and a
//! message, a warning not yet dismissed, or the keys of the screen. The search prompt takes its
//! row while it is open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Hint, hint_labels};
use crate::keymap::Action;
use crate::ui::context::Context;
use crate::ui::view::{SPINNER, draw_text};

/// Draws the status bar into the row `area`: `position` at its left, then fetch progress and
/// the worker's, then the message, or else `hints` (keys and what they do).
pub fn draw(frame: &mut Frame, area: Rect, ctx: &Context, position: String, hints: &[Hint]) {
    let theme = ctx.theme();
    frame.buffer_mut().set_style(area, theme.status);
    let mut position_width = position.chars().count() as u16;
    let mut spans = vec![Span::styled(position, theme.status.patch(theme.key))];
    if ctx.feeds.uncached {
        // As long as nothing is saved, the reader says so.
        let mark = " ⚠ no cache ";
        position_width += mark.chars().count() as u16;
        spans.push(Span::styled(mark, theme.status.patch(theme.conflict)));
    }
    if ctx.feeds.busy() {
        let (done, round, _) = ctx.feeds.progress();
        let spinner = SPINNER[ctx.feeds.tick % SPINNER.len()];
        let progress = format!(" {spinner} fetching {done}/{round} ");
        position_width += progress.chars().count() as u16;
        spans.push(Span::styled(progress, theme.status));
    }
    if let Some((what, done, total)) = ctx.work_under_way() {
        let progress = format!(" {what} {done}/{total}… ");
        position_width += progress.chars().count() as u16;
        spans.push(Span::styled(progress, theme.status));
    }
    let warning = ctx.showing_warnings().then(|| {
        // The key first: a long warning is cut at its end.
        format!(
            "⚠ {}: dismiss · {}",
            ctx.keymap.name_of(Action::Back),
            ctx.warnings.join("; ")
        )
    });
    if let Some(message) = ctx.message.as_ref().or(warning.as_ref()) {
        let style = if ctx.message.is_some() {
            theme.status
        } else {
            theme.status.patch(theme.conflict)
        };
        // A message may quote Arabic (the search query): it goes through the layout.
        let row = Rect::new(
            area.x.saturating_add(position_width + 1),
            area.y,
            area.width.saturating_sub(position_width + 1),
            1,
        );
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
        if !row.is_empty() {
            draw_text(frame.buffer_mut(), row, message, ctx.settings, style);
        }
        return;
    }
    for (keys, what) in hint_labels(&ctx.keymap, hints) {
        spans.push(Span::styled(
            format!(" {keys}"),
            theme.status.patch(theme.key),
        ));
        spans.push(Span::raw(format!(" {what}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}
