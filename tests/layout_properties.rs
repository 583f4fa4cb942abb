//! Property tests of `sanad::layout`: every cluster shown once, lines within the width and
//! aligned, right-to-left lines reversed cluster by cluster, wrapping in logical order, nothing
//! printed that could steer a terminal, and shaping that changes glyphs but not the layout.

use std::collections::HashMap;
use std::ops::Range;

use proptest::prelude::*;
use proptest::test_runner::Config;
use sanad::layout::{
    ArticleLayout, Direction, LayoutOptions, Layouter, VisualLine, is_bidi_control,
    is_invisible_format, paragraphs, plain,
};
use unicode_bidi::BidiClass;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const LAM: char = '\u{0644}';
/// The alefs that make a ligature with a lam before them.
const ALEFS: [char; 4] = ['\u{0622}', '\u{0623}', '\u{0625}', '\u{0627}'];
/// LRE … RLO, LRI … PDI, LRM, RLM, ALM.
const BIDI_CONTROLS: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

/// Proptest settings: `cases` runs, no regression files written next to the tests.
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Generators

/// A kind of token the generators string together.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Letter,
    Haraka,
    LamAlef,
    Space,
    Digit,
    IndicDigit,
    Latin,
    Bracket,
    Punctuation,
    BidiControl,
    Wide,
    Tab,
    AnyChar,
    C0,
    C1,
    Escape,
    LineBreak,
    Format,
}

/// The `r`-th char (modulo `n`) from `first`.
fn char_at(first: u32, n: u32, r: u32) -> char {
    char::from_u32(first + r % n).unwrap_or('\u{FFFD}')
}

/// The `r`-th (modulo the count) of `items`.
fn pick<'a>(items: &[&'a str], r: u32) -> &'a str {
    items[r as usize % items.len()]
}

/// Appends one token of `kind` to `out`; `r` chooses which.
fn push_token(kind: Kind, r: u32, out: &mut String) {
    match kind {
        Kind::Letter => out.push(char_at(0x0621, 42, r)),
        Kind::Haraka => out.push(char_at(0x064B, 8, r)),
        Kind::LamAlef => {
            out.push(LAM);
            out.push(ALEFS[r as usize % ALEFS.len()]);
        }
        Kind::Space => out.push_str(if r.is_multiple_of(5) { "  " } else { " " }),
        Kind::Digit => out.push(char_at(u32::from('0'), 10, r)),
        Kind::IndicDigit => out.push(char_at(0x0660, 10, r)),
        Kind::Latin => out.push(char_at(u32::from('a'), 26, r)),
        Kind::Bracket => out.push_str(pick(&["(", ")", "[", "]", "{", "}", "«", "»"], r)),
        Kind::Punctuation => out.push_str(pick(
            &[
                ".", ",", ";", ":", "!", "?", "،", "؛", "؟", "-", "/", "%", "\"", "'",
            ],
            r,
        )),
        Kind::BidiControl => out.push(BIDI_CONTROLS[r as usize % BIDI_CONTROLS.len()]),
        Kind::Wide => out.push(char_at(0x4E00, 0x5000, r)),
        Kind::Tab => out.push('\t'),
        Kind::AnyChar => out.push(char::from_u32(r % 0x11_0000).unwrap_or('\u{FFFD}')),
        Kind::C0 => out.push(if r % 33 == 32 {
            '\u{7F}'
        } else {
            char_at(0, 32, r)
        }),
        Kind::C1 => out.push(char_at(0x80, 32, r)),
        Kind::Escape => out.push_str(pick(
            &[
                "\u{1b}[31m",
                "\u{1b}[0m",
                "\u{1b}]0;title\u{7}",
                "\u{1b}[2J\u{1b}[H",
                "\u{9b}1;31m",
                "\u{1b}c",
                "\u{1b}P+q\u{1b}\\",
            ],
            r,
        )),
        Kind::LineBreak => out.push_str(pick(
            &[
                "\n", "\r\n", "\r", "\u{2028}", "\u{2029}", "\u{85}", "\u{b}", "\u{c}",
            ],
            r,
        )),
        Kind::Format => out.push_str(pick(
            &[
                "\u{200C}", "\u{200D}", "\u{A0}", "\u{2060}", "\u{FEFF}", "\u{AD}", "\u{200B}",
                "\u{202F}",
            ],
            r,
        )),
    }
}

/// Tokens of Arabic news text with Latin, numbers, brackets, bidi controls, CJK and tabs.
fn mixed_kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        30 => Just(Kind::Letter),
        6 => Just(Kind::Haraka),
        3 => Just(Kind::LamAlef),
        14 => Just(Kind::Space),
        4 => Just(Kind::Digit),
        3 => Just(Kind::IndicDigit),
        8 => Just(Kind::Latin),
        3 => Just(Kind::Bracket),
        3 => Just(Kind::Punctuation),
        3 => Just(Kind::BidiControl),
        1 => Just(Kind::Wide),
        1 => Just(Kind::Tab),
    ]
}

/// Tokens of right-to-left text only: Arabic letters, harakat, lam-alef pairs and spaces.
fn arabic_kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        30 => Just(Kind::Letter),
        8 => Just(Kind::Haraka),
        4 => Just(Kind::LamAlef),
        10 => Just(Kind::Space),
    ]
}

/// The mixed tokens plus anything that could reach a terminal: any char, C0 and C1 controls,
/// escape sequences, line breaks inside the paragraph, joiners and invisible format chars.
fn hostile_kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        10 => mixed_kind(),
        2 => Just(Kind::AnyChar),
        2 => Just(Kind::C0),
        1 => Just(Kind::C1),
        2 => Just(Kind::Escape),
        1 => Just(Kind::LineBreak),
        1 => Just(Kind::Format),
    ]
}

/// A paragraph inside a larger text, so that source offsets are offsets into the whole text.
#[derive(Clone, Debug)]
struct Case {
    text: String,
    range: Range<usize>,
}

impl Case {
    fn paragraph(&self) -> &str {
        &self.text[self.range.clone()]
    }
}

/// Up to `max_tokens` tokens of `kinds`, with some text before and after the paragraph.
fn case(kinds: impl Strategy<Value = Kind>, max_tokens: usize) -> impl Strategy<Value = Case> {
    (
        0usize..3,
        prop::collection::vec((kinds, any::<u32>()), 0..max_tokens),
        0usize..2,
    )
        .prop_map(|(before, tokens, after)| {
            let mut text = String::from(["", "x\n", "عنوان\n\n"][before]);
            let start = text.len();
            for (kind, r) in tokens {
                push_token(kind, r, &mut text);
            }
            let end = text.len();
            text.push_str(["", "\nآخر"][after]);
            Case {
                text,
                range: start..end,
            }
        })
}

/// Widths from 2 to 60 columns, small ones often.
fn widths() -> impl Strategy<Value = usize> {
    prop_oneof![2usize..10, 2usize..=60]
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// The lines `Layouter::paragraph` emits for the case.
fn lay_out(case: &Case, width: usize, shaping: bool) -> Vec<VisualLine> {
    let mut lines = Vec::new();
    Layouter::default().paragraph(
        &case.text,
        case.range.clone(),
        LayoutOptions::new(width, shaping),
        |line| lines.push(line.clone()),
    );
    lines
}

/// A grapheme cluster of the paragraph: its byte range in the whole text and its text.
#[derive(Debug)]
struct Cluster<'a> {
    range: Range<usize>,
    text: &'a str,
}

/// The extended grapheme clusters of the case's paragraph.
fn clusters(case: &Case) -> Vec<Cluster<'_>> {
    let base = case.range.start;
    case.paragraph()
        .grapheme_indices(true)
        .map(|(i, g)| Cluster {
            range: base + i..base + i + g.len(),
            text: g,
        })
        .collect()
}

/// White space where a line may break: no-break spaces are not.
fn is_breakable(cluster: &str) -> bool {
    cluster
        .chars()
        .all(|c| c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}'))
}

/// A cluster with nothing to draw: bidi controls and other invisible format chars only.
fn is_invisible(cluster: &str) -> bool {
    cluster
        .chars()
        .all(|c| is_bidi_control(c) || is_invisible_format(c))
}

/// A lam-alef ligature, isolated or final.
fn is_ligature(c: char) -> bool {
    ('\u{FEF5}'..='\u{FEFC}').contains(&c)
}

/// The logical extent of a line: from its first source byte to its last.
fn span(line: &VisualLine) -> Range<usize> {
    let start = line.glyphs.iter().map(|g| g.source().start).min();
    let end = line.glyphs.iter().map(|g| g.source().end).max();
    start.unwrap_or(0)..end.unwrap_or(0)
}

/// The texts of the glyphs showing each source range, over all lines.
fn shown_by_source(lines: &[VisualLine]) -> HashMap<Range<usize>, Vec<String>> {
    let mut shown: HashMap<Range<usize>, Vec<String>> = HashMap::new();
    for line in lines {
        for glyph in &line.glyphs {
            shown
                .entry(glyph.source())
                .or_default()
                .push(line.glyph_text(glyph).to_owned());
        }
    }
    shown
}

/// Indices of the lam clusters merged into the ligature shown by the alef after them.
fn merged_lams(clusters: &[Cluster<'_>], shown: &HashMap<Range<usize>, Vec<String>>) -> Vec<usize> {
    (0..clusters.len().saturating_sub(1))
        .filter(|&i| {
            let alef = &clusters[i + 1];
            clusters[i].text == LAM.to_string()
                && alef.text.starts_with(ALEFS)
                && !shown.contains_key(&clusters[i].range)
                && shown
                    .get(&alef.range)
                    .is_some_and(|texts| texts.iter().any(|t| t.starts_with(is_ligature)))
        })
        .collect()
}

/// The direction of a paragraph from its first strong char outside isolates (rules P2, P3).
fn expected_direction(paragraph: &str) -> Direction {
    let mut isolates = 0usize;
    for c in paragraph.chars() {
        match unicode_bidi::bidi_class(c) {
            BidiClass::LRI | BidiClass::RLI | BidiClass::FSI => isolates += 1,
            BidiClass::PDI => isolates = isolates.saturating_sub(1),
            BidiClass::L if isolates == 0 => return Direction::LeftToRight,
            BidiClass::R | BidiClass::AL if isolates == 0 => return Direction::RightToLeft,
            _ => {}
        }
    }
    Direction::LeftToRight
}

/// Maps a presentation form of U+0621–U+064A (U+FE80–U+FEF4) to its letter.
fn presentation_base(c: char) -> Option<char> {
    let mut first = 0xFE80;
    for base in '\u{0621}'..='\u{064A}' {
        let forms = match base {
            '\u{0621}' => 1,
            '\u{0622}'..='\u{0625}'
            | '\u{0627}'
            | '\u{0629}'
            | '\u{062F}'..='\u{0632}'
            | '\u{0648}'
            | '\u{0649}' => 2,
            '\u{063B}'..='\u{0640}' => 0,
            _ => 4,
        };
        if (first..first + forms).contains(&u32::from(c)) {
            return Some(base);
        }
        first += forms;
    }
    None
}

/// Folds presentation forms back to letters, a lam-alef ligature to lam and alef.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if is_ligature(c) {
            out.push(LAM);
            out.push(ALEFS[(u32::from(c) - 0xFEF5) as usize / 2]);
        } else {
            out.push(presentation_base(c).unwrap_or(c));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Checks

/// Property 1: each visible non-space cluster in exactly one glyph of one line, breakable white
/// space at most once and never at a logical end of a line, invisible clusters never; with
/// shaping a lam may be missing where the alef after it shows the lam-alef ligature.
fn check_clusters_shown_once(
    case: &Case,
    lines: &[VisualLine],
    shaping: bool,
) -> Result<(), TestCaseError> {
    let clusters = clusters(case);
    let shown = shown_by_source(lines);
    let known: HashMap<Range<usize>, &str> =
        clusters.iter().map(|c| (c.range.clone(), c.text)).collect();
    for source in shown.keys() {
        prop_assert!(
            known.contains_key(source),
            "glyph source {:?} is not a grapheme cluster of {:?}",
            source,
            case.paragraph()
        );
    }
    let merged = merged_lams(&clusters, &shown);
    if !shaping {
        prop_assert!(merged.is_empty(), "a lam-alef ligature without shaping");
    }
    for (i, cluster) in clusters.iter().enumerate() {
        let count = shown.get(&cluster.range).map_or(0, Vec::len);
        if is_breakable(cluster.text) {
            prop_assert!(count <= 1, "space {:?} shown {} times", cluster, count);
        } else if is_invisible(cluster.text) {
            prop_assert_eq!(count, 0, "invisible {:?} shown", cluster);
        } else if !merged.contains(&i) {
            prop_assert_eq!(count, 1, "{:?} shown {} times", cluster, count);
        }
        for text in shown.get(&cluster.range).into_iter().flatten() {
            if text.starts_with(is_ligature) {
                prop_assert!(
                    i > 0 && merged.contains(&(i - 1)),
                    "ligature {:?} for {:?} whose lam is shown too",
                    text,
                    cluster
                );
            }
        }
    }
    // Bidi controls, and separators with rule L1, may take white space from inside a line
    // to its visual ends; otherwise it stays inside.
    let controls = case.paragraph().chars().any(|c| {
        is_bidi_control(c)
            || matches!(
                unicode_bidi::bidi_class(c),
                BidiClass::S | BidiClass::B | BidiClass::BN
            )
    });
    for (n, line) in lines.iter().enumerate() {
        let first = line.glyphs.iter().min_by_key(|g| g.source_start);
        let last = line.glyphs.iter().max_by_key(|g| g.source_end);
        let mut ends: Vec<_> = first.into_iter().chain(last).collect();
        if !controls {
            ends.extend(line.glyphs.first());
            ends.extend(line.glyphs.last());
        }
        for glyph in ends {
            prop_assert!(
                !is_breakable(&case.text[glyph.source()]),
                "line {} {:?} of {:?} starts or ends with white space {:?}",
                n,
                line.text,
                case.paragraph(),
                glyph.source()
            );
        }
    }
    Ok(())
}

/// Property 2: glyph widths add up to the line width, which fits in `width`; right-to-left
/// lines are right-aligned, left-to-right lines start at column 0. With `strict` false a line
/// may overflow when it is a single glyph wider than the width.
fn check_geometry(
    case: &Case,
    lines: &[VisualLine],
    width: usize,
    strict: bool,
) -> Result<(), TestCaseError> {
    let direction = expected_direction(case.paragraph());
    for (n, line) in lines.iter().enumerate() {
        prop_assert!(
            !line.glyphs.is_empty(),
            "line {} shows nothing: {:?}",
            n,
            line
        );
        prop_assert_eq!(line.direction, direction, "line {} {:?}", n, line.text);
        let mut text = String::new();
        let mut sum = 0;
        for glyph in &line.glyphs {
            let shown = line.glyph_text(glyph);
            prop_assert_eq!(
                usize::from(glyph.width),
                shown.width(),
                "glyph {:?} of line {}",
                shown,
                n
            );
            text.push_str(shown);
            sum += usize::from(glyph.width);
        }
        prop_assert_eq!(&text, &line.text, "glyph texts of line {}", n);
        prop_assert_eq!(
            sum,
            line.width,
            "glyph widths of line {} {:?}",
            n,
            line.text
        );
        let wide = line.glyphs.iter().filter(|g| g.width > 0).count();
        if strict || wide > 1 {
            prop_assert!(
                line.indent + line.width <= width,
                "line {} {:?}: indent {} + width {} > {}",
                n,
                line.text,
                line.indent,
                line.width,
                width
            );
        }
        match line.direction {
            Direction::RightToLeft => prop_assert_eq!(
                line.indent,
                width.saturating_sub(line.width),
                "right-to-left line {} {:?} not right-aligned",
                n,
                line.text
            ),
            Direction::LeftToRight => prop_assert_eq!(line.indent, 0, "line {}", n),
        }
    }
    Ok(())
}

/// Property 4: lines follow the logical order and each is one contiguous logical slice: all
/// that is visible between its first and last source byte is on it.
fn check_logical_order(
    case: &Case,
    lines: &[VisualLine],
    shaping: bool,
) -> Result<(), TestCaseError> {
    let clusters = clusters(case);
    let shown = shown_by_source(lines);
    let merged = merged_lams(&clusters, &shown);
    for (n, line) in lines.iter().enumerate() {
        prop_assert!(!line.glyphs.is_empty(), "line {} shows nothing", n);
    }
    let spans: Vec<Range<usize>> = lines.iter().map(span).collect();
    for pair in spans.windows(2) {
        prop_assert!(
            pair[0].end <= pair[1].start,
            "line spans {:?} and {:?} out of logical order in {:?}",
            pair[0],
            pair[1],
            case.paragraph()
        );
    }
    for (n, (line, span)) in lines.iter().zip(&spans).enumerate() {
        let visible = clusters
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                span.start <= c.range.start
                    && c.range.end <= span.end
                    && !is_invisible(c.text)
                    && !(shaping && merged.contains(i))
            })
            .count();
        prop_assert_eq!(
            line.glyphs.len(),
            visible,
            "line {} {:?} is not the whole slice {:?}",
            n,
            line.text,
            &case.text[span.clone()]
        );
    }
    Ok(())
}

/// A char a terminal must never be sent: C0, DEL, C1 and bidi format chars.
fn is_unprintable(c: char) -> bool {
    c.is_control() || BIDI_CONTROLS.contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Property 5: no control or bidi format char in any line's text, padded or not.
fn check_printable(lines: &[VisualLine]) -> Result<(), TestCaseError> {
    for line in lines {
        let padded = line.to_padded_string();
        prop_assert!(
            !padded.chars().any(is_unprintable),
            "unprintable char in {:?}",
            padded
        );
        for glyph in &line.glyphs {
            let text = line.glyph_text(glyph);
            prop_assert!(!text.chars().any(is_unprintable), "glyph {:?}", text);
        }
    }
    Ok(())
}

/// Property 6 on one pair of layouts: the shaped lines are the plain ones glyph for glyph
/// (same sources, widths, order, letters after folding), less the lams merged into a ligature,
/// whose alef then shows lam and alef. With `same_breaks` the lines must also break alike.
fn check_shaping_pair(
    case: &Case,
    plain: &[VisualLine],
    shaped: &[VisualLine],
    same_breaks: bool,
) -> Result<(), TestCaseError> {
    let clusters = clusters(case);
    let merged: Vec<Range<usize>> = merged_lams(&clusters, &shown_by_source(shaped))
        .into_iter()
        .map(|i| clusters[i].range.clone())
        .collect();
    let flatten = |lines: &[VisualLine], skip: &[Range<usize>]| {
        lines
            .iter()
            .enumerate()
            .flat_map(|(n, line)| {
                line.glyphs
                    .iter()
                    .filter(|g| !skip.contains(&g.source()))
                    .map(move |g| (n, g.source(), g.width, fold(line.glyph_text(g))))
            })
            .collect::<Vec<_>>()
    };
    let plain_glyphs = flatten(plain, &merged);
    let shaped_glyphs = flatten(shaped, &[]);
    prop_assert_eq!(
        plain_glyphs.len(),
        shaped_glyphs.len(),
        "glyph counts differ for {:?}",
        case.paragraph()
    );
    for (p, s) in plain_glyphs.iter().zip(&shaped_glyphs) {
        prop_assert_eq!(&p.1, &s.1, "glyph order differs in {:?}", case.paragraph());
        if same_breaks {
            prop_assert_eq!(p.0, s.0, "line breaks differ for {:?}", case.paragraph());
        }
        let lam_before = s.1.start >= LAM.len_utf8()
            && merged.contains(&(s.1.start - LAM.len_utf8()..s.1.start));
        let expected = if lam_before {
            format!("{LAM}{}", p.3)
        } else {
            p.3.clone()
        };
        prop_assert_eq!(&s.3, &expected, "folded glyph at {:?}", s.1);
        prop_assert_eq!(s.2, p.2, "glyph width at {:?}", s.1);
    }
    if same_breaks {
        prop_assert_eq!(plain.len(), shaped.len());
        for (p, s) in plain.iter().zip(shaped) {
            // Each merged lam takes one column less.
            let lams = p
                .glyphs
                .iter()
                .filter(|g| merged.contains(&g.source()))
                .count();
            prop_assert_eq!(p.width, s.width + lams, "{:?} and {:?}", p.text, s.text);
            if lams == 0 {
                prop_assert_eq!(p.indent, s.indent, "{:?} and {:?}", p.text, s.text);
            }
        }
    }
    // Shaping did happen: no letter that has presentation forms is left as it is.
    for line in shaped {
        prop_assert!(
            !line
                .text
                .chars()
                .any(|c| ('\u{0621}'..='\u{064A}').contains(&c)
                    && !('\u{063B}'..='\u{0640}').contains(&c)),
            "unshaped letter in {:?}",
            line.text
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(384))]

    /// Property 1 on mixed text.
    #[test]
    fn every_cluster_is_shown_exactly_once(
        case in case(mixed_kind(), 48),
        width in widths(),
        shaping in any::<bool>(),
    ) {
        let lines = lay_out(&case, width, shaping);
        check_clusters_shown_once(&case, &lines, shaping)?;
    }

    /// Property 2 on mixed text.
    #[test]
    fn lines_fit_and_are_aligned(
        case in case(mixed_kind(), 48),
        width in widths(),
        shaping in any::<bool>(),
    ) {
        let lines = lay_out(&case, width, shaping);
        check_geometry(&case, &lines, width, true)?;
    }

    /// Property 3: pure right-to-left lines are their logical clusters reversed.
    #[test]
    fn right_to_left_lines_are_reversed_clusters(
        case in case(arabic_kind(), 48)
            .prop_filter("needs a letter", |c| c.paragraph().contains(|c: char| {
                ('\u{0621}'..='\u{064A}').contains(&c)
            })),
        width in widths(),
    ) {
        let lines = lay_out(&case, width, false);
        prop_assert!(!lines.is_empty());
        for (n, line) in lines.iter().enumerate() {
            prop_assert_eq!(line.direction, Direction::RightToLeft);
            let span = span(line);
            let logical: Vec<(usize, &str)> =
                case.text[span.clone()].grapheme_indices(true).collect();
            let reversed: String = logical.iter().rev().map(|&(_, g)| g).collect();
            prop_assert_eq!(&line.text, &reversed, "line {} of {:?}", n, case.paragraph());
            let sources: Vec<usize> = line.glyphs.iter().map(|g| g.source().start).collect();
            let expected: Vec<usize> = logical.iter().rev().map(|&(i, _)| span.start + i).collect();
            prop_assert_eq!(sources, expected, "glyph sources of line {}", n);
        }
        check_clusters_shown_once(&case, &lines, false)?;
        check_geometry(&case, &lines, width, true)?;
    }

    /// Property 4 on mixed text.
    #[test]
    fn lines_follow_logical_order(
        case in case(mixed_kind(), 48),
        width in widths(),
        shaping in any::<bool>(),
    ) {
        let lines = lay_out(&case, width, shaping);
        check_logical_order(&case, &lines, shaping)?;
    }

    /// Property 5, with the other invariants that hold for any input.
    #[test]
    fn nothing_printed_can_steer_the_terminal(
        case in case(hostile_kind(), 48),
        width in widths(),
        shaping in any::<bool>(),
    ) {
        let lines = lay_out(&case, width, shaping);
        check_printable(&lines)?;
        check_clusters_shown_once(&case, &lines, shaping)?;
        check_logical_order(&case, &lines, shaping)?;
        check_geometry(&case, &lines, width, false)?;
    }

    /// Property 6: shaping changes what glyphs show, not which glyphs or where, except that a
    /// lam merges into the ligature of the alef after it (one column less, so lines may
    /// break elsewhere; compared on one unbroken line then).
    #[test]
    fn shaping_changes_glyphs_not_layout(
        case in case(mixed_kind(), 48),
        width in widths(),
    ) {
        let plain = lay_out(&case, width, false);
        let shaped = lay_out(&case, width, true);
        check_clusters_shown_once(&case, &shaped, true)?;
        let ligatures = shaped.iter().any(|l| l.text.contains(is_ligature));
        if ligatures {
            let plain = lay_out(&case, 1 << 20, false);
            let shaped = lay_out(&case, 1 << 20, true);
            prop_assert!(plain.len() <= 1 && shaped.len() <= 1);
            check_shaping_pair(&case, &plain, &shaped, true)?;
        } else {
            check_shaping_pair(&case, &plain, &shaped, true)?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Deterministic tests

/// Lays out `text` whole as one paragraph.
fn lines_of(text: &str, width: usize, shaping: bool) -> Vec<VisualLine> {
    let case = Case {
        text: text.to_owned(),
        range: 0..text.len(),
    };
    lay_out(&case, width, shaping)
}

#[test]
fn escape_sequence_becomes_visible_symbols() {
    let lines = lines_of("\u{1b}[31mred\u{1b}[0m \u{9b}2J\u{7}", 40, false);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["\u{241B}[31mred\u{241B}[0m \u{FFFD}2J\u{2407}"]);
    let text = "خبر \u{1b}[2J\u{1b}]0;x\u{7}";
    let out = plain(text, 0..text.len(), LayoutOptions::new(30, true));
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    // Reordered around the Arabic word, but every control is there as its symbol.
    assert_eq!(out.matches('\u{241B}').count(), 2, "{out:?}");
    assert_eq!(out.matches('\u{2407}').count(), 1, "{out:?}");
}

#[test]
fn width_one_does_not_panic() {
    let texts = [
        "مرحبا بالعالم 2022 (نعم) 世界",
        "لا لأ لإ لآ مُحَمَّد",
        "\u{202E}abc\u{202C} \u{2067}قال\u{2069}\tend",
        "世界中文 a 漢字",
        "\u{1b}[31m ١٢٣ «قال»",
        "",
    ];
    for text in texts {
        for width in [0, 1] {
            for shaping in [false, true] {
                let case = Case {
                    text: text.to_owned(),
                    range: 0..text.len(),
                };
                let lines = lay_out(&case, width, shaping);
                let report = |e: TestCaseError| format!("{text:?} at {width}: {e}");
                check_printable(&lines).map_err(report).unwrap();
                check_clusters_shown_once(&case, &lines, shaping)
                    .map_err(report)
                    .unwrap();
                check_logical_order(&case, &lines, shaping)
                    .map_err(report)
                    .unwrap();
                check_geometry(&case, &lines, 1, false)
                    .map_err(report)
                    .unwrap();
            }
        }
    }
}

#[test]
fn empty_paragraph_emits_nothing() {
    let mut layouter = Layouter::default();
    let mut count = 0;
    for (text, range) in [("", 0..0), ("abc", 1..1), ("سلام", 4..4)] {
        for shaping in [false, true] {
            layouter.paragraph(text, range.clone(), LayoutOptions::new(10, shaping), |_| {
                count += 1;
            });
        }
    }
    assert_eq!(count, 0);
    assert!(
        ArticleLayout::new("", 0..0, LayoutOptions::new(10, true))
            .lines
            .is_empty()
    );
    assert_eq!(paragraphs(" \n\t\n", 0..4).count(), 0);
    assert_eq!(plain("\n\n", 0..2, LayoutOptions::new(10, true)), "");
}

#[test]
fn fold_table_matches_unicode_names() {
    // HAMZA ISOLATED, ALEF FINAL, LAM ISOLATED, MEEM INITIAL, ALEF MAKSURA FINAL, YEH MEDIAL.
    assert_eq!(
        fold("\u{FE80}\u{FE8E}\u{FEDD}\u{FEE3}\u{FEF0}\u{FEF4}"),
        "ءالمىي"
    );
    // LAM WITH ALEF WITH MADDA ABOVE ISOLATED, LAM WITH ALEF FINAL.
    assert_eq!(fold("\u{FEF5}\u{FEFC}"), "لآلا");
    assert_eq!(presentation_base('\u{FEF5}'), None);
    assert_eq!(fold("abc ب"), "abc ب");
}

/// The texts of the lines of `text` laid out whole at `width`, without shaping, with indents.
fn padded(text: &str, width: usize) -> Vec<String> {
    lines_of(text, width, false)
        .iter()
        .map(VisualLine::to_padded_string)
        .collect()
}

#[test]
fn word_of_bidi_controls_only_emits_no_line() {
    assert_eq!(padded("\u{200F}", 10), Vec::<String>::new());
    assert_eq!(padded("\u{2060}", 10), Vec::<String>::new());
    assert_eq!(padded("ab \u{200F} cd", 2), ["ab", "cd"]);
}

#[test]
fn space_beside_a_bidi_control_is_dropped_at_a_line_end() {
    assert_eq!(padded("a \u{200F}", 10), ["a"]);
    // The RLM is the first strong char: a right-to-left paragraph.
    assert_eq!(padded("\u{200F} a", 10), ["         a"]);
    assert_eq!(padded("ب \u{200F}", 10), ["         ب"]);
    assert_eq!(padded("\u{202A}  ء", 3), ["  ء"]);
}
