//! Styles of the reader, from the terminal's own palette, or without colour for `NO_COLOR`.

use ratatui::style::{Modifier, Style};

use crate::compare::Status;
use crate::config::Colors;
use crate::layout::HighlightKind;

/// One style per thing the screens mark, so every screen marks it alike.
pub struct Theme {
    pub focused_border: Style,
    pub border: Style,
    pub selected: Style,
    pub details: Style,
    /// An article's own title above its text.
    pub heading: Style,
    pub search_hit: Style,
    pub current_hit: Style,
    pub figure: Style,
    pub source: Style,
    pub selected_finding: Style,
    pub status: Style,
    pub key: Style,
    pub agreeing: Style,
    pub conflicting: Style,
    pub agree: Style,
    pub conflict: Style,
    /// A revised count: the agreeing colour, in italics, so it reads apart from a dispute.
    pub update: Style,
    pub single: Style,
}

impl Theme {
    /// The style of a highlight in article text.
    pub fn highlight(&self, kind: Option<HighlightKind>) -> Style {
        match kind {
            None => Style::new(),
            Some(HighlightKind::Source) => self.source,
            Some(HighlightKind::Figure) => self.figure,
            Some(HighlightKind::Selected) => self.selected_finding,
            Some(HighlightKind::Agreeing) => self.agreeing,
            Some(HighlightKind::Conflicting) => self.conflicting,
            Some(HighlightKind::SearchMatch) => self.search_hit,
            Some(HighlightKind::CurrentMatch) => self.current_hit,
        }
    }

    /// The style of a claim's status: conflict, agreement, or one report alone.
    pub fn status_style(&self, status: Status) -> Style {
        match status {
            Status::Conflict => self.conflict,
            Status::Update => self.update,
            Status::Agree => self.agree,
            Status::Single => self.single,
        }
    }

    /// The theme of `colors`, or type attributes alone when `color` is off.
    pub fn new(color: bool, colors: &Colors) -> Self {
        if color {
            Theme {
                focused_border: Style::new().fg(colors.focused_border),
                border: Style::new().fg(colors.border),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                details: Style::new().fg(colors.details),
                heading: Style::new().add_modifier(Modifier::BOLD),
                search_hit: Style::new()
                    .bg(colors.search_hit)
                    .fg(colors.search_hit_text),
                current_hit: Style::new()
                    .bg(colors.current_hit)
                    .fg(colors.current_hit_text)
                    .add_modifier(Modifier::BOLD),
                figure: Style::new().fg(colors.figure).add_modifier(Modifier::BOLD),
                source: Style::new()
                    .fg(colors.source)
                    .add_modifier(Modifier::UNDERLINED),
                selected_finding: Style::new()
                    .bg(colors.selected_finding)
                    .fg(colors.selected_finding_text),
                status: Style::new().add_modifier(Modifier::REVERSED),
                key: Style::new().add_modifier(Modifier::BOLD),
                agreeing: Style::new().fg(colors.agreeing),
                conflicting: Style::new()
                    .fg(colors.conflicting)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                agree: Style::new().fg(colors.agree),
                conflict: Style::new()
                    .fg(colors.conflict)
                    .add_modifier(Modifier::BOLD),
                update: Style::new().fg(colors.agree).add_modifier(Modifier::ITALIC),
                single: Style::new().fg(colors.single),
            }
        } else {
            Theme {
                focused_border: Style::new().add_modifier(Modifier::BOLD),
                border: Style::new(),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                details: Style::new(),
                heading: Style::new().add_modifier(Modifier::BOLD),
                search_hit: Style::new().add_modifier(Modifier::REVERSED),
                current_hit: Style::new()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
                figure: Style::new().add_modifier(Modifier::BOLD),
                source: Style::new().add_modifier(Modifier::UNDERLINED),
                selected_finding: Style::new().add_modifier(Modifier::REVERSED | Modifier::ITALIC),
                status: Style::new().add_modifier(Modifier::REVERSED),
                key: Style::new().add_modifier(Modifier::BOLD),
                agreeing: Style::new().add_modifier(Modifier::ITALIC),
                conflicting: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                agree: Style::new(),
                conflict: Style::new().add_modifier(Modifier::BOLD),
                update: Style::new().add_modifier(Modifier::ITALIC),
                single: Style::new(),
            }
        }
    }
}
