//! The help overlay: every action with its keys, drawn from the key map in effect, so it always
//! lists every key.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::{Component, Event, EventState};
use crate::keymap::Action;
use crate::ui::context::Context;

/// The help overlay, over whatever screen is open.
#[derive(Default)]
pub struct Help {
    /// It is shown.
    pub open: bool,
}

impl Component for Help {
    /// Takes the keys that open and close it; the rest act underneath.
    fn event(&mut self, event: Event, _ctx: &mut Context) -> EventState {
        match event {
            Event::Action(Action::Help) => self.open = !self.open,
            Event::Action(Action::Back) if self.open => self.open = false,
            _ => return EventState::NotConsumed,
        }
        EventState::Consumed
    }

    /// Every action with its keys; unbound actions are left out.
    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context) {
        if !self.open {
            return;
        }
        let theme = ctx.theme();
        let entries: Vec<(String, &str)> = Action::ALL
            .iter()
            .map(|&action| (ctx.keymap.label(action), action.description()))
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
}
