//! Drawing the reader: the list, the article, the status bar and the help overlay. Text comes
//! already laid out from [`crate::layout`]; this only copies glyphs into cells with a style.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::app::{App, LIST_ITEM_HEIGHT, Pane, Settings, Side};
use super::keys::BINDINGS;
use crate::layout::{Direction, Glyph, HighlightKind, Layouter, VisualLine};

/// Panes narrower than this show one at a time.
const SIDE_BY_SIDE_MIN_WIDTH: u16 = 80;

/// Styles of the reader, from the terminal's own palette, or without colour for `NO_COLOR`.
struct Theme {
    focused_border: Style,
    border: Style,
    selected: Style,
    details: Style,
    search_hit: Style,
    current_hit: Style,
    figure: Style,
    source: Style,
    selected_finding: Style,
    status: Style,
    key: Style,
}

impl Theme {
    fn highlight(&self, kind: Option<HighlightKind>) -> Style {
        match kind {
            None => Style::new(),
            Some(HighlightKind::Source) => self.source,
            Some(HighlightKind::Figure) => self.figure,
            Some(HighlightKind::Selected) => self.selected_finding,
            Some(HighlightKind::SearchMatch) => self.search_hit,
            Some(HighlightKind::CurrentMatch) => self.current_hit,
        }
    }

    fn new(color: bool) -> Self {
        if color {
            Theme {
                focused_border: Style::new().fg(Color::Cyan),
                border: Style::new().fg(Color::DarkGray),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                details: Style::new().fg(Color::DarkGray),
                search_hit: Style::new().bg(Color::Yellow).fg(Color::Black),
                current_hit: Style::new()
                    .bg(Color::LightRed)
                    .fg(Color::Black)
                    .add_modifier(Modifier::BOLD),
                figure: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                source: Style::new()
                    .fg(Color::Cyan)
                    .add_modifier(Modifier::UNDERLINED),
                selected_finding: Style::new().bg(Color::Blue).fg(Color::White),
                status: Style::new().add_modifier(Modifier::REVERSED),
                key: Style::new().add_modifier(Modifier::BOLD),
            }
        } else {
            Theme {
                focused_border: Style::new().add_modifier(Modifier::BOLD),
                border: Style::new(),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                details: Style::new(),
                search_hit: Style::new().add_modifier(Modifier::REVERSED),
                current_hit: Style::new()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
                figure: Style::new().add_modifier(Modifier::BOLD),
                source: Style::new().add_modifier(Modifier::UNDERLINED),
                selected_finding: Style::new().add_modifier(Modifier::REVERSED | Modifier::ITALIC),
                status: Style::new().add_modifier(Modifier::REVERSED),
                key: Style::new().add_modifier(Modifier::BOLD),
            }
        }
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    if area.is_empty() {
        return;
    }
    let theme = Theme::new(app.settings.color);
    let [main, status] = if area.height >= 2 {
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area)
    } else {
        [area, Rect::default()]
    };

    if main.width >= SIDE_BY_SIDE_MIN_WIDTH {
        let list_width = (main.width * 2 / 5).clamp(24, 60);
        let [list, reader] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(main);
        draw_list(frame, app, list, &theme);
        draw_reader(frame, app, reader, &theme);
    } else {
        match app.focus {
            Pane::List => {
                draw_list(frame, app, main, &theme);
                app.areas.reader = Rect::default();
            }
            Pane::Reader => {
                draw_reader(frame, app, main, &theme);
                app.areas.list = Rect::default();
            }
        }
    }
    draw_status(frame, app, status, &theme);
    if app.show_help {
        draw_help(frame, area, &theme);
    }
}

fn pane_block(title: String, focused: bool, theme: &Theme) -> Block<'static> {
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

fn draw_list(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    if app.side == Side::Findings {
        draw_findings(frame, app, area, theme);
        return;
    }
    let count = app.corpus.articles.len();
    let block = pane_block(
        format!(" Articles {count} "),
        app.focus == Pane::List,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    app.areas.list = inner;
    if inner.is_empty() {
        return;
    }
    app.settle_list(inner.height as usize);
    let titles = app.title_lines(inner.width as usize);
    let buf = frame.buffer_mut();
    let visible = (inner.height as usize).div_ceil(LIST_ITEM_HEIGHT);
    for (row, index) in (app.list_offset..count).take(visible).enumerate() {
        let y = inner.y + (row * LIST_ITEM_HEIGHT) as u16;
        let item = Rect::new(inner.x, y, inner.width, 1);
        let selected = index == app.selected;
        let base = if selected {
            theme.selected
        } else {
            Style::new()
        };
        buf.set_style(item, base);
        let title = &titles[index];
        draw_visual_line(buf, item, &title.line, true, |_| base);
        if title.truncated {
            // The cut end of a right-to-left title is at its left, of a left-to-right one at
            // its right.
            let x = match title.line.direction {
                Direction::RightToLeft => item.x + title.line.indent as u16 - 1,
                Direction::LeftToRight => item.x + title.line.width as u16,
            };
            if x >= item.x && x < item.right() {
                buf.set_string(x, y, "…", base);
            }
        }
        if y + 1 < inner.bottom() {
            let hits = app.hits_in(index).len();
            let extraction = app.extraction(index);
            let article = &app.corpus.articles[index];
            // Counts first: a narrow list cuts the id rather than them.
            let mut details = vec![
                format!(
                    "{} figures · {} sources",
                    extraction.figures.len(),
                    extraction.sources.len()
                ),
                article.id.clone(),
            ];
            details.extend(article.source.clone());
            details.extend(article.published.clone());
            if hits > 0 {
                details.push(format!("{hits} match{}", if hits == 1 { "" } else { "es" }));
            }
            let line = details.join(" · ");
            let row = Rect::new(inner.x, y + 1, inner.width, 1);
            draw_text(buf, row, &line, app.settings, base.patch(theme.details));
        }
    }
}

/// The figures and sources of the article being read, one finding in two rows: its label,
/// then its text as written, right to left.
fn draw_findings(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    let index = app.selected;
    let findings = app.findings(index);
    let figures = findings.iter().filter(|f| f.is_figure).count();
    let block = pane_block(
        format!(" Figures {figures} · Sources {} ", findings.len() - figures),
        app.focus == Pane::List,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    app.areas.list = inner;
    if inner.is_empty() {
        return;
    }
    let visible = (inner.height as usize).div_ceil(LIST_ITEM_HEIGHT);
    app.settle_findings(findings.len(), inner.height as usize / LIST_ITEM_HEIGHT);
    if findings.is_empty() {
        frame.render_widget(
            Paragraph::new("No figures or sources found.").style(theme.details),
            inner,
        );
        return;
    }
    let mut layouter = Layouter::default();
    let buf = frame.buffer_mut();
    for (row, (number, finding)) in findings
        .iter()
        .enumerate()
        .skip(app.finding_offset)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + (row * LIST_ITEM_HEIGHT) as u16;
        let selected = number == app.finding;
        let base = if selected {
            theme.selected
        } else {
            Style::new()
        };
        let marker = if finding.is_figure {
            theme.figure
        } else {
            theme.source
        };
        let label_row = Rect::new(inner.x, y, inner.width, 1);
        buf.set_style(label_row, base);
        draw_text(
            buf,
            label_row,
            &finding.label,
            app.settings,
            base.patch(marker),
        );
        if y + 1 < inner.bottom() {
            let text_row = Rect::new(inner.x, y + 1, inner.width, 1);
            let (line, _) =
                layouter.first_line(&finding.text, app.settings.layout(inner.width as usize));
            buf.set_style(text_row, base);
            draw_visual_line(buf, text_row, &line, true, |_| base.patch(theme.details));
        }
    }
}

fn draw_reader(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    let index = app.selected;
    let Some(article) = app.corpus.articles.get(index) else {
        return;
    };
    let title = format!(
        " {} · {}/{} ",
        article.id,
        index + 1,
        app.corpus.articles.len()
    );
    // The legend of the highlights, in their own styles.
    let legend = Line::from(vec![
        Span::raw(" "),
        Span::styled("figure", theme.figure),
        Span::raw(" · "),
        Span::styled("source", theme.source),
        Span::raw(" · f: list them "),
    ]);
    let block = pane_block(title, app.focus == Pane::Reader, theme).title_bottom(legend);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    app.areas.reader = inner;
    if inner.is_empty() {
        return;
    }
    let layout = app.layout(index, inner.width as usize);
    app.settle_scroll(&layout, inner.height as usize);
    let highlights = app.highlights(index);
    let style_of = |glyph: &Glyph| theme.highlight(highlights.kind_at(glyph.source()));
    let buf = frame.buffer_mut();
    let top = app.scroll[index];
    for (row, line) in layout
        .lines
        .iter()
        .skip(top)
        .take(inner.height as usize)
        .enumerate()
    {
        let row_area = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
        draw_visual_line(buf, row_area, line, true, style_of);
    }
}

/// Draws text that may hold Arabic on one row, laid out like article text (reordered, joined,
/// left-aligned) and cut with an ellipsis when it does not fit.
fn draw_text(buf: &mut Buffer, row: Rect, text: &str, settings: Settings, style: Style) {
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
fn draw_visual_line(
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

fn draw_status(frame: &mut Frame, app: &mut App, area: Rect, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let buf = frame.buffer_mut();
    buf.set_style(area, theme.status);
    if let Some(input) = &app.search.input {
        buf.set_string(area.x, area.y, "/", theme.status);
        let prompt = Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1);
        if !prompt.is_empty() {
            let (line, _) =
                Layouter::default().first_line(input, app.settings.layout(prompt.width as usize));
            draw_visual_line(buf, prompt, &line, false, |_| theme.status);
            let cursor = (prompt.x as usize + line.width).min(area.right() as usize - 1);
            buf.set_string(cursor as u16, area.y, "▏", theme.status);
        }
        return;
    }
    let position = match app.focus {
        Pane::Reader => {
            let lines = app
                .layout(app.selected, app.areas.reader.width.max(1) as usize)
                .lines
                .len();
            let top = app.scroll[app.selected];
            let percent = if lines <= app.areas.reader.height as usize {
                100
            } else {
                top.saturating_add(app.areas.reader.height as usize)
                    .min(lines)
                    * 100
                    / lines
            };
            format!(
                " {}/{} · {percent}% ",
                app.selected + 1,
                app.corpus.articles.len()
            )
        }
        Pane::List => format!(" {}/{} ", app.selected + 1, app.corpus.articles.len()),
    };
    let position_width = position.chars().count() as u16;
    let mut spans = vec![Span::styled(position, theme.status.patch(theme.key))];
    if let Some(message) = &app.message {
        // A message may quote Arabic (the search query): it goes through the layout.
        let row = Rect::new(
            area.x.saturating_add(position_width + 1),
            area.y,
            area.width.saturating_sub(position_width + 1),
            1,
        );
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
        if !row.is_empty() {
            draw_text(frame.buffer_mut(), row, message, app.settings, theme.status);
        }
        return;
    } else {
        for (keys, what) in [
            ("j/k", "move"),
            ("Tab", "pane"),
            ("/", "search"),
            ("n/N", "match"),
            ("?", "help"),
            ("q", "quit"),
        ] {
            spans.push(Span::styled(
                format!(" {keys}"),
                theme.status.patch(theme.key),
            ));
            spans.push(Span::raw(format!(" {what}")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}

fn draw_help(frame: &mut Frame, area: Rect, theme: &Theme) {
    let label_width = BINDINGS.iter().map(|b| b.label.len()).max().unwrap_or(0) + 2;
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .map(|binding| {
            Line::from(vec![
                Span::styled(format!(" {:<label_width$}", binding.label), theme.key),
                Span::raw(binding.description),
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
