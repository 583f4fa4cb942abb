//! Drawing pieces every screen uses: bordered panes, a row of text, an article's lines. Text
//! comes already laid out from [`crate::layout`]; this only copies glyphs into cells with a style.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Borders};

use super::context::Settings;
use super::theme::Theme;
use crate::layout::{ArticleLayout, Glyph, Highlights, Layouter, VisualLine};

/// Frames of the spinner shown while a feed is fetched.
pub const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// A bordered pane with a title; thick when it has the keyboard.
pub fn pane_block(title: String, focused: bool, theme: &Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.focused_border
        } else {
            theme.border
        })
        .title(title)
}

/// Draws an article's visual lines from line `top` into `area`, each glyph in the style of its
/// highlight.
pub fn draw_lines(
    buf: &mut Buffer,
    area: Rect,
    layout: &ArticleLayout,
    top: usize,
    highlights: &Highlights,
    theme: &Theme,
) {
    let style_of = |glyph: &Glyph| theme.highlight(highlights.kind_at(glyph.source()));
    for (row, line) in layout
        .lines
        .iter()
        .skip(top)
        .take(area.height as usize)
        .enumerate()
    {
        let row_area = Rect::new(area.x, area.y + row as u16, area.width, 1);
        draw_visual_line(buf, row_area, line, true, style_of);
    }
}

/// Draws text that may hold Arabic on one row, laid out like article text (reordered, joined,
/// left-aligned) and cut with an ellipsis when it does not fit.
pub fn draw_text(buf: &mut Buffer, row: Rect, text: &str, settings: Settings, style: Style) {
    if row.is_empty() {
        return;
    }
    let width = row.width as usize;
    let (line, cut) =
        Layouter::default().first_line(text, settings.layout(width.saturating_sub(1).max(1)));
    draw_visual_line(buf, row, &line, false, |_| style);
    if cut && line.width < width {
        buf.set_string(row.x + line.width as u16, row.y, "…", style);
    }
}

/// Copies a visual line into one row of cells, each glyph with its style. `aligned` keeps the
/// line's indent (right alignment); the prompt draws from the left instead.
pub fn draw_visual_line(
    buf: &mut Buffer,
    row: Rect,
    line: &VisualLine,
    aligned: bool,
    style_of: impl Fn(&Glyph) -> Style,
) {
    let mut x = row.x as usize + if aligned { line.indent } else { 0 };
    let right = row.right() as usize;
    for glyph in &line.glyphs {
        let width = glyph.width as usize;
        if x + width > right {
            break;
        }
        if width > 0 {
            buf.set_stringn(
                x as u16,
                row.y,
                line.glyph_text(glyph),
                width,
                style_of(glyph),
            );
        }
        x += width;
    }
}
