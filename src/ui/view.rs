//! Drawing pieces every screen uses: bordered panes, a row of text, an article's lines. Text
//! comes already laid out from [`crate::layout`]; this only copies glyphs into cells with a style.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Borders, TitlePosition};

use super::context::Settings;
use super::theme::Theme;
use crate::corpus::Article;
use crate::layout::label::{self, isolate, truncate};
use crate::layout::{ArticleLayout, Direction, Glyph, Highlights, Layouter, VisualLine};

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
    draw_line_of(buf, row, text, settings, style, false);
}

/// Draws a heading on one row like [`draw_text`], but aligned as its paragraph would be:
/// Arabic flush right.
pub fn draw_heading(buf: &mut Buffer, row: Rect, text: &str, settings: Settings, style: Style) {
    draw_line_of(buf, row, text, settings, style, true);
}

fn draw_line_of(
    buf: &mut Buffer,
    row: Rect,
    text: &str,
    settings: Settings,
    style: Style,
    aligned: bool,
) {
    if row.is_empty() {
        return;
    }
    let width = row.width as usize;
    let (line, cut) =
        Layouter::default().first_line(text, settings.layout(width.saturating_sub(1).max(1)));
    // The line was laid out a column short, for the ellipsis. A right-to-left line cut short
    // ends at its left: "…" goes there, the line after it; one that fits and is aligned goes
    // flush right.
    match (cut, line.direction) {
        (_, Direction::RightToLeft) if width > 1 && (cut || aligned) => {
            if cut {
                buf.set_string(row.x, row.y, "…", style);
            }
            let rest = Rect::new(row.x + 1, row.y, row.width - 1, 1);
            draw_visual_line(buf, rest, &line, aligned, |_| style);
        }
        _ => {
            draw_visual_line(buf, row, &line, aligned, |_| style);
            if cut && line.width < width {
                buf.set_string(row.x + line.width as u16, row.y, "…", style);
            }
        }
    }
}

/// Draws a label of the interface on one row through the layout (see [`crate::layout::label`]):
/// left to right, its Arabic parts reordered and joined as `settings` say, cut with "…".
/// Returns the columns it took.
pub fn draw_label(
    buf: &mut Buffer,
    row: Rect,
    text: &str,
    settings: Settings,
    style: Style,
) -> u16 {
    if row.is_empty() {
        return 0;
    }
    let mut layouter = Layouter::default();
    let line = layouter.label_line(text, settings.layout(row.width as usize));
    draw_visual_line(buf, row, line, false, |_| style);
    line.width.min(row.width as usize) as u16
}

/// Draws `text` where a block title goes on the top or bottom border of the pane `area`, with
/// a space each side, but through [`draw_label`]: ratatui would print an Arabic name in logical
/// order with its letters unjoined.
pub fn draw_border_label(
    buf: &mut Buffer,
    area: Rect,
    position: TitlePosition,
    text: &str,
    settings: Settings,
    style: Style,
) {
    if area.width < 5 || area.height < 2 || text.is_empty() {
        return;
    }
    let y = match position {
        TitlePosition::Top => area.top(),
        TitlePosition::Bottom => area.bottom() - 1,
    };
    let row = Rect::new(area.x + 2, y, area.width - 4, 1);
    let width = draw_label(buf, row, text, settings, style);
    buf.set_string(area.x + 1, y, " ", style);
    buf.set_string(row.x + width, y, " ", style);
}

/// How a report is named to a reader, in at most `width` columns: its outlet and publication
/// day, "Reuters · 2024-01-02", or the outlet alone when it has no date or there is no room for
/// one. The outlet is cut first, and isolated, so an Arabic name reads right to left.
pub fn report_name(article: &Article, width: usize) -> String {
    /// Columns of the outlet worth keeping beside a date rather than the date.
    const MIN_OUTLET: usize = 6;
    let outlet = article.outlet().trim();
    let separator = " · ";
    match article.published_day() {
        Some(day) if width >= MIN_OUTLET + label::text_width(separator) + day.len() => {
            let room = width - label::text_width(separator) - day.len();
            label::join([truncate(outlet, room).as_ref(), day.as_str()], separator)
        }
        _ => isolate(&truncate(outlet, width)).into_owned(),
    }
}

/// Who a figure or quote is reported under, speaker first: "Interior Ministry, via AFP,
/// Reuters", "via AFP" when the speaker is not named; `None` when neither is.
pub fn source_chain(speaker: Option<&str>, via: &[String]) -> Option<String> {
    let via = label::join(via, ", ");
    let speaker = speaker.map(str::trim).filter(|s| !s.is_empty());
    match (speaker, via.is_empty()) {
        (None, true) => None,
        (Some(speaker), true) => Some(isolate(speaker).into_owned()),
        (None, false) => Some(format!("via {via}")),
        (Some(speaker), false) => Some(format!("{}, via {via}", isolate(speaker))),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn article(source: Option<&str>, published: Option<&str>) -> Article {
        Article {
            id: "001_2a77a7544d414243".to_owned(),
            path: "reports/001_2a77a7544d414243.json".to_owned(),
            title: "عنوان".to_owned(),
            text: "نص".to_owned(),
            body: 0.."نص".len(),
            source: source.map(str::to_owned),
            url: None,
            published: published.map(str::to_owned),
            feed: None,
            key: String::new(),
        }
    }

    fn drawn(text: &str, width: u16) -> String {
        let row = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(row);
        let settings = Settings {
            shaping: false,
            reorder: true,
            color: false,
        };
        draw_text(&mut buf, row, text, settings, Style::new());
        buf.content.iter().map(|cell| cell.symbol()).collect()
    }

    #[test]
    fn text_cut_short_ends_with_an_ellipsis_where_it_stops() {
        // Arabic stops at its left; its first word stays at the right.
        let arabic = drawn("القوى المتطرفة حاولت اقتحام مبان إدارية", 20);
        assert!(arabic.starts_with('…'), "{arabic}");
        assert!(arabic.trim_end().ends_with("ىوقلا"), "{arabic}");
        let latin = drawn("The extremist forces tried to storm buildings", 20);
        assert!(latin.trim_end().ends_with('…'), "{latin}");
        assert!(latin.starts_with("The"), "{latin}");
        assert_eq!(drawn("قصير", 20).trim(), "ريصق");
    }

    #[test]
    fn a_report_is_named_by_its_outlet_and_day() {
        let reuters = article(Some("Reuters"), Some("2024-01-02T10:40:00Z"));
        assert_eq!(report_name(&reuters, 40), "Reuters · 2024-01-02");
        // Narrow: the outlet is cut before the date, then the date goes.
        assert_eq!(report_name(&reuters, 19), "Reute… · 2024-01-02");
        assert_eq!(report_name(&reuters, 12), "Reuters");
        assert_eq!(report_name(&reuters, 5), "Reut…");
        let undated = article(Some("Reuters"), Some("yesterday"));
        assert_eq!(report_name(&undated, 40), "Reuters");
    }

    #[test]
    fn an_arabic_outlet_is_isolated_and_never_the_id() {
        let named = article(Some("الشرق الأوسط"), Some("2023-09-14"));
        assert_eq!(
            report_name(&named, 40),
            "\u{2067}الشرق الأوسط\u{2069} · 2023-09-14"
        );
        let unnamed = article(None, None);
        assert_eq!(report_name(&unnamed, 40), "001_2a77a7544d414243.json");
    }

    #[test]
    fn a_source_chain_names_the_speaker_first() {
        let via = ["Interfax-Kazakhstan".to_owned(), "TASS".to_owned()];
        assert_eq!(
            source_chain(Some("سلطانات أزيربك"), &via).as_deref(),
            Some("\u{2067}سلطانات أزيربك\u{2069}, via Interfax-Kazakhstan, TASS")
        );
        assert_eq!(
            source_chain(Some("Interior Ministry"), &[]).as_deref(),
            Some("Interior Ministry")
        );
        assert_eq!(
            source_chain(None, &via).as_deref(),
            Some("via Interfax-Kazakhstan, TASS")
        );
        assert_eq!(source_chain(Some(" "), &[]), None);
    }
}
