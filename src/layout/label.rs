//! Labels of the interface (pane titles, footers, table cells) that name things in any script.
//! A label reads left to right like the interface around it; an Arabic name inside it is
//! isolated, so it is reordered as one run and neither takes nor lends direction to the
//! separators beside it. Parts are joined without a dangling separator, and a label too long
//! for its cells is cut in logical order, so "…" stands where the text stops, on the left of a
//! right-to-left run cut short.

use std::borrow::Cow;

use unicode_bidi::BidiClass;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{Direction, LayoutOptions, Layouter, VisualLine, bidi, display_char};

/// Left-to-right isolate (LRI): what follows is one left-to-right run.
const LEFT_TO_RIGHT_ISOLATE: char = '\u{2066}';
/// Right-to-left isolate (RLI): what follows is one right-to-left run.
const RIGHT_TO_LEFT_ISOLATE: char = '\u{2067}';
/// Pop directional isolate (PDI): closes the run an isolate opened.
const POP_ISOLATE: char = '\u{2069}';
/// What ends a label cut short.
const ELLIPSIS: char = '…';
/// Columns of a word cut short worth keeping: fewer look like a word of their own.
const MIN_WORD_PIECE: usize = 4;

/// `text` isolated when it holds right-to-left letters or bidi controls of its own outside
/// isolates it already closes, else `text` as it is, so a label made of isolated parts is not
/// isolated again. The isolate is right to left (RLI … PDI) when right-to-left letters are at
/// least as many as left-to-right ones: "TRT عربي" is an Arabic name and reads "عربي TRT" from
/// the left. Isolates are never printed (see [`display_char`]).
pub fn isolate(text: &str) -> Cow<'_, str> {
    use BidiClass::*;
    let mut depth = 0usize;
    let mut steers = false;
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in text.chars() {
        match bidi::bidi_class(c) {
            LRI | RLI | FSI => depth += 1,
            PDI if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            L => ltr += 1,
            R | AL => {
                rtl += 1;
                steers = true;
            }
            AN | LRE | RLE | LRO | RLO | PDF | PDI => steers = true,
            _ => {}
        }
    }
    if !steers && depth == 0 {
        return Cow::Borrowed(text);
    }
    let open = if rtl >= ltr && rtl > 0 {
        RIGHT_TO_LEFT_ISOLATE
    } else {
        LEFT_TO_RIGHT_ISOLATE
    };
    Cow::Owned(format!("{open}{text}{POP_ISOLATE}"))
}

/// Whether `text` reads right to left: its first strong letter is Arabic or Hebrew (UAX #9's
/// rule P2, text inside isolates skipped).
pub fn is_right_to_left(text: &str) -> bool {
    use BidiClass::*;
    let mut depth = 0usize;
    for c in text.chars() {
        match bidi::bidi_class(c) {
            LRI | RLI | FSI => depth += 1,
            PDI => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            L => return false,
            R | AL => return true,
            _ => {}
        }
    }
    false
}

/// The parts that are not blank, each isolated, joined by `separator`: a missing part leaves
/// no separator at either end nor two in a row.
pub fn join<I, S>(parts: I, separator: &str) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut label = String::new();
    for part in parts {
        let part = part.as_ref().trim();
        if part.is_empty() {
            continue;
        }
        if !label.is_empty() {
            label.push_str(separator);
        }
        label.push_str(&isolate(part));
    }
    label
}

/// Columns `text` takes unshaped, each grapheme as the layout draws it. Shaping only merges
/// letters (lam-alef), so a laid-out line of `text` is never wider.
pub fn text_width(text: &str) -> usize {
    let mut shown = String::new();
    text.graphemes(true)
        .map(|grapheme| {
            shown.clear();
            shown.extend(grapheme.chars().filter_map(display_char));
            shown.width()
        })
        .sum()
}

/// `text` cut in logical order to at most `width` columns and ended with "…", without the
/// spaces and separators the cut left before it, nor a scrap of a word (under
/// [`MIN_WORD_PIECE`] columns) that reads as a word of its own; `text` itself when it fits.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if text_width(text) <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut end = 0;
    let mut used = 0;
    // Where the word being cut starts, and its columns kept so far.
    let mut word = (0, 0);
    for (at, grapheme) in text.grapheme_indices(true) {
        let columns = text_width(grapheme);
        if used + columns > width - 1 {
            let next_is_space = grapheme.chars().all(char::is_whitespace);
            if !next_is_space && word.1 < MIN_WORD_PIECE && word.0 > 0 {
                end = word.0;
            }
            break;
        }
        used += columns;
        end = at + grapheme.len();
        if grapheme.chars().all(char::is_whitespace) {
            word = (end, 0);
        } else {
            word.1 += columns;
        }
    }
    let kept = text[..end].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '·' | ',' | '،' | ';' | '؛' | ':' | '→')
    });
    Cow::Owned(format!("{kept}{ELLIPSIS}"))
}

/// As many whole `items` joined by `separator` as fit in `width` columns, then "+N" for the
/// N left out, so a value is never cut inside its digits ("1,000–9,9"); where not even the
/// first fits, "…" alone.
pub fn fit_list<S: AsRef<str>>(items: &[S], separator: &str, width: usize) -> String {
    let joined = |count: usize| {
        let shown: Vec<&str> = items[..count].iter().map(AsRef::as_ref).collect();
        shown.join(separator)
    };
    let all = joined(items.len());
    if text_width(&all) <= width {
        return all;
    }
    for count in (1..items.len()).rev() {
        // The count is a left-to-right isolate: "+1" stays "+1" in a right-to-left list.
        let fitted = format!(
            "{}{separator}{LEFT_TO_RIGHT_ISOLATE}+{}{POP_ISOLATE}",
            joined(count),
            items.len() - count
        );
        if text_width(&fitted) <= width {
            return fitted;
        }
    }
    if width == 0 {
        String::new()
    } else {
        ELLIPSIS.to_string()
    }
}

impl Layouter {
    /// A label as one left-to-right line of at most `options.width` columns, its isolated
    /// parts reordered (unless `options.reorder` is off) and shaped as `options` say; cut with
    /// [`truncate`] when too long.
    pub fn label_line(&mut self, text: &str, options: LayoutOptions) -> &VisualLine {
        let shown = truncate(text, options.width.max(1));
        self.single_line(
            &shown,
            0..shown.len(),
            options,
            Some(Direction::LeftToRight),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown_text(text: &str, width: usize) -> String {
        shown(text, width, false)
    }

    fn shown(text: &str, width: usize, shaping: bool) -> String {
        Layouter::default()
            .label_line(text, LayoutOptions::new(width, shaping))
            .text
            .clone()
    }

    #[test]
    fn only_right_to_left_text_is_isolated() {
        assert_eq!(isolate("Reuters"), "Reuters");
        assert_eq!(isolate("20–99"), "20–99");
        assert_eq!(isolate("رويترز"), "\u{2067}رويترز\u{2069}");
        assert_eq!(isolate("BBC نيوز"), "\u{2067}BBC نيوز\u{2069}");
        assert_eq!(isolate("Sky News عربية"), "\u{2066}Sky News عربية\u{2069}");
        // Already made of isolated parts: as it is; an isolate left open is closed.
        let name = "\u{2067}رويترز\u{2069} · 2024-01-02";
        assert_eq!(isolate(name), name);
        assert_eq!(isolate("\u{2068}ab"), "\u{2066}\u{2068}ab\u{2069}");
    }

    #[test]
    fn lists_are_cut_between_items_never_inside_a_value() {
        let values = ["100–999", "1,000–9,999", "2,500"];
        assert_eq!(
            fit_list(&values, " · ", 40),
            "100–999 · 1,000–9,999 · 2,500"
        );
        let bare = |list: String| list.replace([LEFT_TO_RIGHT_ISOLATE, POP_ISOLATE], "");
        assert_eq!(
            bare(fit_list(&values, " · ", 26)),
            "100–999 · 1,000–9,999 · +1"
        );
        assert_eq!(bare(fit_list(&values, " · ", 25)), "100–999 · +2");
        assert_eq!(bare(fit_list(&values, " → ", 12)), "100–999 → +2");
        // In a right-to-left list the count still reads "+1".
        let words = ["وقسم ← ومركز", "ومراكز ← وأقسام"];
        let list = isolate(&fit_list(&words, " · ", 20)).into_owned();
        assert!(bare(shown_text(&list, 20)).starts_with("+1 · "), "{list}");
        // Too narrow for one value and a count: no digits at all rather than some.
        assert_eq!(fit_list(&values, " · ", 6), "…");
        assert_eq!(fit_list(&["12"], " · ", 0), "");
        assert_eq!(fit_list::<&str>(&[], " · ", 5), "");
    }

    #[test]
    fn missing_parts_leave_no_separator() {
        assert_eq!(join(["", "Almaty"], " · "), "Almaty");
        assert_eq!(join(["Police", " ", ""], " · "), "Police");
        assert_eq!(join(["a", "", "b"], " · "), "a · b");
        assert_eq!(join(Vec::<String>::new(), " · "), "");
    }

    #[test]
    fn each_arabic_part_keeps_its_place_in_a_left_to_right_label() {
        // Unisolated, the separator between two Arabic names would join them in one run and
        // put the second name first.
        let label = join(["أمس", "الأربعاء", "Almaty"], " · ");
        assert_eq!(shown(&label, 40, false), "سمأ · ءاعبرألا · Almaty");
        // A lone Arabic part keeps its sentence's full stop at its own (left) end.
        assert_eq!(shown(&join(["تم."], ""), 10, false), ".مت");
        // An Arabic name with a Latin word reads right to left as a whole.
        assert_eq!(
            shown(&join(["TRT عربي", "2023-09-21"], " · "), 40, false),
            "يبرع TRT · 2023-09-21"
        );
    }

    #[test]
    fn arabic_in_a_label_is_joined_when_shaping() {
        let label = join(["Police", "الليلة"], " · ");
        let mut layouter = Layouter::default();
        let alone = layouter
            .single_line(
                "الليلة",
                0.."الليلة".len(),
                LayoutOptions::new(20, true),
                None,
            )
            .text
            .clone();
        assert_eq!(shown(&label, 40, true), format!("Police · {alone}"));
        assert!(
            alone
                .chars()
                .all(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c))
        );
    }

    #[test]
    fn logical_order_is_kept_when_the_terminal_reorders() {
        let label = join(["Police", "الليلة"], " · ");
        let options = LayoutOptions {
            reorder: false,
            ..LayoutOptions::new(40, false)
        };
        let line = Layouter::default().label_line(&label, options).clone();
        assert_eq!(line.text, "Police · الليلة");
    }

    #[test]
    fn a_cut_ends_in_an_ellipsis_where_the_text_stops() {
        assert_eq!(truncate("Interior Ministry", 9), "Interior…");
        assert_eq!(truncate("Interior Ministry", 14), "Interior Mini…");
        // A scrap of a word is dropped, not shown as a word.
        assert_eq!(truncate("Interior Ministry", 12), "Interior…");
        assert_eq!(truncate("Interfax-Kazakhstan", 8), "Interfa…");
        assert_eq!(truncate("Reuters · 2024-01-02", 10), "Reuters…");
        assert_eq!(truncate("Reuters", 7), "Reuters");
        assert_eq!(truncate("Reuters", 1), "…");
        assert_eq!(truncate("Reuters", 3), "Re…");
        assert_eq!(truncate("Reuters", 0), "");
        // Inside an Arabic run the ellipsis ends the run: on its left.
        let label = join(["AFP", "وزارة الداخلية"], " · ");
        let line = shown(&label, 13, false);
        assert_eq!(line, "AFP · …ةرازو");
        assert!(text_width(&line) <= 13);
    }

    #[test]
    fn widths_count_cells_not_chars() {
        assert_eq!(text_width("مُحَمَّد"), 4);
        assert_eq!(text_width("\u{2068}a\u{2069}"), 1);
        assert_eq!(text_width("世界"), 4);
    }

    #[test]
    fn direction_is_that_of_the_first_strong_letter() {
        assert!(is_right_to_left("«وقسم» 2"));
        assert!(!is_right_to_left("2 Police وقسم"));
        assert!(!is_right_to_left("\u{2067}وقسم\u{2069} Police"));
        assert!(!is_right_to_left("12 · —"));
    }
}
