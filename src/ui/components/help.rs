//! The help overlay: the keys of the view under it, drawn from the key map in effect. It is
//! modal: while open, keys scroll or close it and never reach the view beneath.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::{Component, EVERYWHERE, Event, EventState, ViewKeys, movement, page, wheel};
use crate::keymap::Action;
use crate::ui::context::Context;

/// The help overlay, over the view whose keys it lists.
#[derive(Default)]
pub struct Help {
    /// The keys of the view it was opened over, while it is open.
    view: Option<&'static ViewKeys>,
    /// First line shown.
    scroll: usize,
    /// Lines inside its border, as last drawn.
    height: u16,
}

impl Help {
    /// Opens the help over the view with `keys`.
    pub fn open(&mut self, keys: &'static ViewKeys) {
        self.view = Some(keys);
        self.scroll = 0;
    }

    pub fn is_open(&self) -> bool {
        self.view.is_some()
    }

    /// The lines of the help: each action the view answers with its keys, unbound ones left
    /// out, then those answered everywhere.
    fn lines(keys: &ViewKeys, ctx: &Context) -> Vec<Line<'static>> {
        let theme = ctx.theme();
        let entries: Vec<(String, &str)> = keys
            .help
            .iter()
            .chain(EVERYWHERE)
            .map(|&(action, what)| (ctx.keymap.label(action), what))
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
            .map(|(label, what)| {
                Line::from(vec![
                    Span::styled(format!(" {label:<label_width$}"), theme.key),
                    Span::raw(what),
                ])
            })
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::raw(" Mouse: wheel scrolls, click selects."));
        lines
    }
}

impl Component for Help {
    /// While open, takes every key: Help and Back close it, moves scroll it, Quit goes on to
    /// quit; the rest do nothing.
    fn event(&mut self, event: Event, _ctx: &mut Context) -> EventState {
        if !self.is_open() {
            return EventState::NotConsumed;
        }
        let step = match event {
            Event::Action(Action::Help | Action::Back) => {
                self.view = None;
                return EventState::Consumed;
            }
            Event::Action(Action::Quit) => return EventState::NotConsumed,
            Event::Action(action) => movement(action, page(self.height)).unwrap_or(0),
            Event::Mouse(mouse) => 3 * wheel(&mouse),
            Event::Key(_) => 0,
        };
        self.scroll = self.scroll.saturating_add_signed(step);
        EventState::Consumed
    }

    /// The help in a box in the middle of `area`, scrolled; its lower border says where it is
    /// when it does not fit.
    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context) {
        let Some(keys) = self.view else {
            return;
        };
        let theme = ctx.theme();
        let lines = Self::lines(keys, ctx);
        let title = format!(" Keys · {} ", keys.view);
        let widest = lines
            .iter()
            .map(Line::width)
            .chain([title.chars().count()])
            .max()
            .unwrap_or(0);
        let width = (widest as u16).saturating_add(3).min(area.width);
        let height = (lines.len() as u16).saturating_add(2).min(area.height);
        let popup = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        );
        self.height = height.saturating_sub(2);
        let shown = (self.height as usize).max(1);
        self.scroll = self.scroll.min(lines.len().saturating_sub(shown));
        let labels = |actions: &[Action], between: &str| {
            let labels: Vec<String> = actions
                .iter()
                .filter_map(|&action| ctx.keymap.first_label(action))
                .collect();
            labels.join(between)
        };
        let footer = if lines.len() > shown {
            let last = (self.scroll + shown).min(lines.len());
            let scroll = labels(&[Action::Down, Action::Up], "/");
            format!(" {}–{last} of {} · {scroll} ", self.scroll + 1, lines.len())
        } else {
            format!(" {} closes ", labels(&[Action::Help, Action::Back], " or "))
        };
        frame.render_widget(Clear, popup);
        frame.render_widget(
            Paragraph::new(lines)
                .scroll((self.scroll.min(u16::MAX as usize) as u16, 0))
                .block(
                    Block::bordered()
                        .border_type(BorderType::Rounded)
                        .border_style(theme.focused_border)
                        .title(title)
                        .title_bottom(footer),
                ),
            popup,
        );
    }
}
