//! Logical text to visual lines of cells for a given width, for terminals that do no bidi of
//! their own: wrap in logical order, reorder every line with UAX #9, mirror, shape, align.
//!
//! Levels are resolved once per paragraph; a line is reordered with its own range (rules L1 and
//! L2) by grapheme cluster, so combining marks stay after their base letter as a terminal needs.
//! Every glyph keeps the byte range of the article text it came from, so highlights follow the
//! text wherever reordering puts it. Nothing here knows of ratatui or crossterm.

pub mod bidi;
mod cluster;
mod display;
mod highlight;
pub mod label;
pub mod shape;

use std::io;
use std::ops::Range;

use rayon::prelude::*;
use unicode_bidi::BidiClass;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub use display::{display_char, is_bidi_control, is_invisible_format};
pub use highlight::{HighlightKind, Highlights};

/// How to lay text out: the pane width in columns and whether to join Arabic letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Columns available; at least 1 (0 is treated as 1).
    pub width: usize,
    /// Emit Arabic presentation forms (joined letters) for terminals that do not shape.
    pub shaping: bool,
    /// Put each line in visual order; false leaves logical order (and mirroring) to a terminal
    /// that reorders by itself.
    pub reorder: bool,
}

impl LayoutOptions {
    /// Visual order at `width` columns, letters joined or not.
    pub fn new(width: usize, shaping: bool) -> Self {
        LayoutOptions {
            width,
            shaping,
            reorder: true,
        }
    }
}

/// The direction of a paragraph, from its first strong character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Left to right: lines are left-aligned.
    #[default]
    LeftToRight,
    /// Right to left: lines are right-aligned.
    RightToLeft,
}

/// One grapheme cluster as drawn: its text inside the line and the article bytes it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glyph {
    /// Byte range in the article text (or the string laid out) that this glyph shows.
    pub source_start: u32,
    /// End of that range, exclusive.
    pub source_end: u32,
    text_start: u32,
    text_end: u32,
    /// Columns the glyph takes.
    pub width: u8,
}

impl Glyph {
    /// The source byte range as a `Range`.
    pub fn source(&self) -> Range<usize> {
        self.source_start as usize..self.source_end as usize
    }
}

/// One line as a terminal draws it, left to right.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisualLine {
    /// Blank columns before the first glyph (right alignment of right-to-left paragraphs).
    pub indent: usize,
    /// The glyphs' text in visual order, ready to print: no control or bidi format characters.
    pub text: String,
    /// The glyphs in visual order.
    pub glyphs: Vec<Glyph>,
    /// Columns taken by the glyphs (indent not included).
    pub width: usize,
    /// Direction of the paragraph the line belongs to.
    pub direction: Direction,
}

impl VisualLine {
    /// The printable text of one of this line's glyphs.
    pub fn glyph_text(&self, glyph: &Glyph) -> &str {
        &self.text[glyph.text_start as usize..glyph.text_end as usize]
    }

    /// The line as plain text with its indent, the way `sanad show` prints it.
    pub fn to_padded_string(&self) -> String {
        let mut out = String::with_capacity(self.indent + self.text.len());
        self.push_padded(&mut out);
        out
    }

    fn push_padded(&self, out: &mut String) {
        out.extend(std::iter::repeat_n(' ', self.indent));
        out.push_str(&self.text);
    }
}

/// A grapheme cluster of the paragraph being laid out.
#[derive(Clone, Copy)]
struct Cluster {
    byte_start: u32,
    byte_end: u32,
    char_start: u32,
    char_end: u32,
    width: u16,
    level: u8,
    class: BidiClass,
    /// White space where a line may break.
    breakable_space: bool,
}

/// Lays out paragraphs, reusing its buffers from one paragraph and line to the next.
#[derive(Default)]
pub struct Layouter {
    chars: Vec<char>,
    char_bytes: Vec<u32>,
    shaped: Vec<Option<char>>,
    clusters: Vec<Cluster>,
    line_levels: Vec<u8>,
    line_classes: Vec<BidiClass>,
    order: Vec<u32>,
    cluster_text: String,
    line: VisualLine,
    levels: bidi::CharLevels,
}

impl Layouter {
    /// Lays out the paragraph `text[range]` and hands each visual line to `emit`, top to bottom.
    /// Glyph source offsets are offsets into `text`.
    pub fn paragraph(
        &mut self,
        text: &str,
        range: Range<usize>,
        options: LayoutOptions,
        mut emit: impl FnMut(&VisualLine),
    ) {
        if let Some(context) = self.prepare(text, range, options, None) {
            self.wrap(&context, &mut emit);
        }
    }

    /// Lays out `text[range]` as one line, however wide, white space kept at both ends; the
    /// direction is forced or, with `None`, taken from the first strong character.
    pub fn single_line(
        &mut self,
        text: &str,
        range: Range<usize>,
        options: LayoutOptions,
        direction: Option<Direction>,
    ) -> &VisualLine {
        let Some(mut context) = self.prepare(text, range, options, direction) else {
            self.line = VisualLine::default();
            return &self.line;
        };
        let width: usize = self.clusters.iter().map(|c| c.width as usize).sum();
        context.width = context.width.max(width);
        self.emit_line(0..self.clusters.len(), &context, &mut |_| {});
        &self.line
    }

    /// The first visual line of `text` wrapped at `options.width`, and whether more lines
    /// followed (a title or prompt cut to one line).
    pub fn first_line(&mut self, text: &str, options: LayoutOptions) -> (VisualLine, bool) {
        let mut first: Option<VisualLine> = None;
        let mut more = false;
        self.paragraph(text, 0..text.len(), options, |line| match first {
            None => first = Some(line.clone()),
            Some(_) => more = true,
        });
        (first.unwrap_or_default(), more)
    }

    /// Resolves levels, shapes, and splits `text[range]` into clusters, ready for lines.
    fn prepare(
        &mut self,
        text: &str,
        range: Range<usize>,
        options: LayoutOptions,
        direction: Option<Direction>,
    ) -> Option<LineContext> {
        let paragraph = &text[range.clone()];
        if paragraph.is_empty() {
            return None;
        }
        let forced_level = direction.map(|d| match d {
            Direction::LeftToRight => unicode_bidi::Level::ltr(),
            Direction::RightToLeft => unicode_bidi::Level::rtl(),
        });
        self.chars.clear();
        self.char_bytes.clear();
        for (i, c) in paragraph.char_indices() {
            self.chars.push(c);
            self.char_bytes.push(i as u32);
        }
        self.char_bytes.push(paragraph.len() as u32);
        bidi::resolve_paragraph(paragraph, &self.chars, forced_level, &mut self.levels);
        let levels = &self.levels;
        let paragraph_level = levels.paragraph_level.number();
        let direction = if levels.paragraph_level.is_rtl() {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        };

        // Only a paragraph with right-to-left levels can hold Arabic letters.
        if options.shaping && !levels.pure_ltr {
            shape::shape_into(&self.chars, &mut self.shaped);
            for slot in &mut self.shaped {
                *slot = slot.and_then(display_char);
            }
        } else {
            self.shaped.clear();
            self.shaped
                .extend(self.chars.iter().map(|&c| display_char(c)));
        }

        self.clusters.clear();
        let (chars, char_bytes, shaped, clusters, cluster_text) = (
            &self.chars,
            &self.char_bytes,
            &self.shaped,
            &mut self.clusters,
            &mut self.cluster_text,
        );
        cluster::for_each_cluster(paragraph, chars, char_bytes, |first, end| {
            let start = char_bytes[first] as usize;
            let shown = &shaped[first..end];
            let width = match shown {
                [one] => one.map_or(0, |c| c.width().unwrap_or(0)),
                _ => {
                    cluster_text.clear();
                    cluster_text.extend(shown.iter().flatten());
                    cluster_text.width()
                }
            };
            // A cluster stands where its first char kept by rule X9 stands, and L1 resets it
            // only if it holds nothing but characters L1 resets (a space with a mark is not).
            let class_of = |i: usize| levels.classes[i];
            let (level_char, class) = if end - first == 1 {
                (first, class_of(first))
            } else {
                let kept = (first..end)
                    .find(|&i| !bidi::is_removed_by_x9(class_of(i)))
                    .unwrap_or(first);
                let class = (first..end)
                    .map(class_of)
                    .find(|&class| !bidi::is_reset_by_l1(class))
                    .unwrap_or_else(|| class_of(first));
                (kept, class)
            };
            clusters.push(Cluster {
                byte_start: start as u32,
                byte_end: char_bytes[end],
                char_start: first as u32,
                char_end: end as u32,
                width: width.min(u16::MAX as usize) as u16,
                level: levels.levels[level_char],
                class,
                breakable_space: chars[first..end].iter().all(|&c| is_breakable_space(c)),
            });
        });

        Some(LineContext {
            source_offset: range.start as u32,
            width: options.width.max(1),
            paragraph_level,
            direction,
            in_logical_order: levels.pure_ltr || !options.reorder,
        })
    }

    /// Greedy wrapping in logical order: break at white space, inside a word only when the word
    /// alone is wider than the line.
    fn wrap(&mut self, context: &LineContext, emit: &mut impl FnMut(&VisualLine)) {
        let width = context.width;
        let count = self.clusters.len();
        let mut line: Option<(usize, usize, usize)> = None; // start, end, width
        let mut i = 0;
        while i < count {
            let mut space_width = 0;
            while i < count && self.clusters[i].breakable_space {
                space_width += self.clusters[i].width as usize;
                i += 1;
            }
            if i == count {
                break;
            }
            let word_start = i;
            let mut word_width = 0;
            while i < count && !self.clusters[i].breakable_space {
                word_width += self.clusters[i].width as usize;
                i += 1;
            }
            if let Some((start, _, line_width)) = line {
                if line_width + space_width + word_width <= width {
                    line = Some((start, i, line_width + space_width + word_width));
                    continue;
                }
                let (start, end, _) = line.take().unwrap_or_default();
                self.emit_wrapped_line(start..end, context, emit);
            }
            if word_width <= width {
                line = Some((word_start, i, word_width));
                continue;
            }
            // A word wider than the line: fill whole lines with it, keep the rest open.
            let mut piece_start = word_start;
            let mut piece_width = 0;
            for k in word_start..i {
                let w = self.clusters[k].width as usize;
                if piece_width + w > width && k > piece_start {
                    self.emit_wrapped_line(piece_start..k, context, emit);
                    piece_start = k;
                    piece_width = 0;
                }
                piece_width += w;
            }
            line = Some((piece_start, i, piece_width));
        }
        if let Some((start, end, _)) = line {
            self.emit_wrapped_line(start..end, context, emit);
        }
    }

    /// Emits a line made by wrapping, without the white space and invisible characters at its
    /// ends (a right-to-left mark after a space would otherwise keep the space); a line of
    /// nothing visible is not emitted at all.
    fn emit_wrapped_line(
        &mut self,
        mut range: Range<usize>,
        context: &LineContext,
        emit: &mut impl FnMut(&VisualLine),
    ) {
        let droppable = |cluster: &Cluster, shaped: &[Option<char>]| {
            cluster.breakable_space
                || (cluster.width == 0
                    && shaped[cluster.char_start as usize..cluster.char_end as usize]
                        .iter()
                        .all(Option::is_none))
        };
        while !range.is_empty() && droppable(&self.clusters[range.start], &self.shaped) {
            range.start += 1;
        }
        while !range.is_empty() && droppable(&self.clusters[range.end - 1], &self.shaped) {
            range.end -= 1;
        }
        if !range.is_empty() {
            self.emit_line(range, context, emit);
        }
    }

    /// Reorders the clusters `range` of the paragraph into one visual line and emits it.
    fn emit_line(
        &mut self,
        range: Range<usize>,
        context: &LineContext,
        emit: &mut impl FnMut(&VisualLine),
    ) {
        let clusters = &self.clusters[range];
        self.order.clear();
        if context.in_logical_order {
            self.order.extend(0..clusters.len() as u32);
        } else {
            self.line_levels.clear();
            self.line_levels.extend(clusters.iter().map(|c| c.level));
            self.line_classes.clear();
            self.line_classes.extend(clusters.iter().map(|c| c.class));
            bidi::apply_line_rule_l1(
                &self.line_classes,
                &mut self.line_levels,
                context.paragraph_level,
            );
            bidi::visual_order(&self.line_levels, &mut self.order);
        }

        let line = &mut self.line;
        line.text.clear();
        line.glyphs.clear();
        line.width = 0;
        line.direction = context.direction;
        for &k in &self.order {
            let cluster = clusters[k as usize];
            let right_to_left = !context.in_logical_order && self.line_levels[k as usize] & 1 == 1;
            let text_start = line.text.len();
            for &shown in &self.shaped[cluster.char_start as usize..cluster.char_end as usize] {
                if let Some(c) = shown {
                    line.text.push(if right_to_left { mirrored(c) } else { c });
                }
            }
            if line.text.len() == text_start && cluster.width == 0 {
                continue;
            }
            line.glyphs.push(Glyph {
                source_start: context.source_offset + cluster.byte_start,
                source_end: context.source_offset + cluster.byte_end,
                text_start: text_start as u32,
                text_end: line.text.len() as u32,
                width: cluster.width.min(u8::MAX as u16) as u8,
            });
            line.width += cluster.width as usize;
        }
        line.indent = match context.direction {
            Direction::RightToLeft => context.width.saturating_sub(line.width),
            Direction::LeftToRight => 0,
        };
        emit(line);
    }
}

/// What every line of one paragraph shares.
struct LineContext {
    source_offset: u32,
    width: usize,
    paragraph_level: u8,
    direction: Direction,
    /// No reordering: a left-to-right paragraph, or the terminal reorders.
    in_logical_order: bool,
}

/// White space where a line may break; no-break spaces are not.
fn is_breakable_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}')
}

/// The mirrored glyph of `c` in a right-to-left run (rule L4), or `c` itself.
fn mirrored(c: char) -> char {
    match c as u32 {
        0..=0x7F => match c {
            '(' => ')',
            ')' => '(',
            '<' => '>',
            '>' => '<',
            '[' => ']',
            ']' => '[',
            '{' => '}',
            '}' => '{',
            _ => c,
        },
        // Below U+2000 only these are mirrored; Arabic presentation forms never are.
        0xAB | 0xBB | 0xF3A..=0xF3D | 0x169B | 0x169C => {
            unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
        }
        0x80..=0x1FFF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => c,
        _ => unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c),
    }
}

/// Byte ranges of the paragraphs of `text[body]`: its non-blank lines, without the white space
/// around them (a `\r` before `\n` included).
pub fn paragraphs(text: &str, body: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = body.start;
    text[body].split('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        let trimmed_start = line.trim_start();
        let trimmed = trimmed_start.trim_end();
        if trimmed.is_empty() {
            return None;
        }
        let lead = line.len() - trimmed_start.len();
        Some(start + lead..start + lead + trimmed.len())
    })
}

/// An article laid out for one width: its visual lines, paragraphs separated by a blank line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleLayout {
    /// The options it was laid out with: a new width needs a new layout.
    pub options: Option<LayoutOptions>,
    /// Every visual line, top to bottom.
    pub lines: Vec<VisualLine>,
}

impl ArticleLayout {
    /// Lays out `text[body]` paragraph by paragraph.
    pub fn new(text: &str, body: Range<usize>, options: LayoutOptions) -> Self {
        let mut layouter = Layouter::default();
        let mut lines = Vec::new();
        for paragraph in paragraphs(text, body) {
            if !lines.is_empty() {
                lines.push(VisualLine::default());
            }
            layouter.paragraph(text, paragraph, options, |line| lines.push(line.clone()));
        }
        ArticleLayout {
            options: Some(options),
            lines,
        }
    }

    /// The bytes it holds on the heap, about: what a cache of layouts counts.
    pub fn heap_bytes(&self) -> usize {
        self.lines.capacity() * std::mem::size_of::<VisualLine>()
            + self
                .lines
                .iter()
                .map(|line| {
                    line.text.capacity() + line.glyphs.capacity() * std::mem::size_of::<Glyph>()
                })
                .sum::<usize>()
    }

    /// Index of the first line showing the source byte `offset`, to scroll to it.
    pub fn line_of_offset(&self, offset: usize) -> Option<usize> {
        self.lines.iter().position(|line| {
            line.glyphs
                .iter()
                .any(|g| g.source().contains(&offset) || g.source_start as usize == offset)
        })
    }

    /// The first source byte shown on line `line` or, for a blank line, on the next line with
    /// text: where a reader left off, whatever width the article is next shown at.
    pub fn offset_of_line(&self, line: usize) -> Option<usize> {
        self.lines.get(line..)?.iter().find_map(|line| {
            line.glyphs
                .iter()
                .map(|glyph| glyph.source_start as usize)
                .min()
        })
    }
}

/// Text of paragraphs laid out in one parallel batch at most, before their lines are written:
/// output of any size (`--width 65535` pads every line) goes out as it is made.
const PLAIN_BATCH_BYTES: usize = 1 << 20;

/// One paragraph's lines, unpadded: each line's indent and the end of its text in `text`.
#[derive(Default)]
struct PlainLines {
    text: String,
    lines: Vec<(usize, usize)>,
}

/// Writes `text[body]` as `sanad show` prints it: one visual line per output line, right-to-left
/// paragraphs padded on the left, paragraphs separated by an empty line. Paragraphs are laid out
/// in parallel a batch at a time and written as they are done, so memory stays bounded by a
/// batch whatever the width; the output is the same as one by one.
pub fn write_plain<W: io::Write + ?Sized>(
    text: &str,
    body: Range<usize>,
    options: LayoutOptions,
    out: &mut W,
) -> io::Result<()> {
    const SPACES: [u8; 256] = [b' '; 256];
    let mut ranges = paragraphs(text, body).peekable();
    let mut first = true;
    while ranges.peek().is_some() {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while let Some(range) = ranges.next_if(|_| batch.is_empty() || bytes < PLAIN_BATCH_BYTES) {
            bytes += range.len();
            batch.push(range);
        }
        let laid_out: Vec<PlainLines> = batch
            .par_iter()
            .with_min_len(16)
            .map_init(Layouter::default, |layouter, range| {
                let mut piece = PlainLines::default();
                layouter.paragraph(text, range.clone(), options, |line| {
                    piece.text.push_str(&line.text);
                    piece.lines.push((line.indent, piece.text.len()));
                });
                piece
            })
            .collect();
        for piece in laid_out {
            if !first {
                out.write_all(b"\n")?;
            }
            first = false;
            let mut start = 0;
            for (indent, end) in piece.lines {
                let mut padding = indent;
                while padding > 0 {
                    let run = padding.min(SPACES.len());
                    out.write_all(&SPACES[..run])?;
                    padding -= run;
                }
                out.write_all(&piece.text.as_bytes()[start..end])?;
                out.write_all(b"\n")?;
                start = end;
            }
        }
    }
    Ok(())
}

/// [`write_plain`] into a string.
pub fn plain(text: &str, body: Range<usize>, options: LayoutOptions) -> String {
    let mut out = Vec::with_capacity(body.len() + body.len() / 4);
    write_plain(text, body, options, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("laid out text is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize, shaping: bool) -> Vec<String> {
        plain(text, 0..text.len(), LayoutOptions::new(width, shaping))
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_line_offset_survives_a_new_width() {
        let text = "قال المتحدث إن ثمانية عناصر قتلوا.\n\nوأضاف أن الشرطة اعتقلت أكثر من مئتي شخص في المدينة.";
        let narrow = ArticleLayout::new(text, 0..text.len(), LayoutOptions::new(12, true));
        let second_paragraph = text.find("وأضاف").unwrap();
        let blank = narrow
            .lines
            .iter()
            .position(|line| line.glyphs.is_empty())
            .unwrap();
        // A blank line stands for the paragraph after it.
        assert_eq!(narrow.offset_of_line(blank), Some(second_paragraph));
        let wide = ArticleLayout::new(text, 0..text.len(), LayoutOptions::new(60, true));
        let line = wide.line_of_offset(second_paragraph).unwrap();
        assert_eq!(wide.offset_of_line(line), Some(second_paragraph));
        assert_eq!(narrow.offset_of_line(narrow.lines.len()), None);
    }

    #[test]
    fn arabic_line_is_reversed_and_right_aligned() {
        assert_eq!(lines("سلام عليكم", 12, false), vec!["  مكيلع مالس"]);
    }

    #[test]
    fn numbers_and_latin_stay_left_to_right() {
        assert_eq!(
            lines("قتل 317 شخصا في AFP", 30, false),
            vec!["           AFP يف اصخش 317 لتق"]
        );
    }

    #[test]
    fn brackets_are_mirrored_in_right_to_left_runs() {
        assert_eq!(lines("قال (نعم)", 9, false), vec!["(معن) لاق"]);
    }

    #[test]
    fn harakat_follow_their_base_letter() {
        let shown = lines("مُحَمَّد", 10, false);
        assert_eq!(shown, vec!["      دمَّحَمُ"]);
    }

    #[test]
    fn wraps_at_white_space_in_logical_order() {
        // Logical words one two three: the first line holds the first words.
        assert_eq!(
            lines("واحد اثنان ثلاثة", 11, false),
            vec![" نانثا دحاو", "      ةثالث"]
        );
    }

    #[test]
    fn long_word_is_broken_inside() {
        assert_eq!(lines("abcdefgh", 3, false), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn left_to_right_paragraph_is_left_aligned() {
        assert_eq!(lines("hello world", 20, false), vec!["hello world"]);
    }

    #[test]
    fn paragraphs_are_separated_by_one_empty_line() {
        assert_eq!(lines("a\r\n\r\n\r\nb\n", 5, false), vec!["a", "", "b"]);
    }

    #[test]
    fn control_characters_never_reach_the_output() {
        let shown = lines("a\u{1b}[31mb\u{7}", 20, false).join("\n");
        assert_eq!(shown, "a␛[31mb␇");
    }

    #[test]
    fn bidi_controls_act_but_are_not_printed() {
        // An RLO forces the Latin letters right to left.
        let shown = lines("\u{202E}abc\u{202C}", 10, false);
        assert_eq!(shown, vec!["cba"]);
    }

    #[test]
    fn lam_alef_is_one_cell_when_shaped() {
        let shaped = lines("لا", 4, true);
        assert_eq!(shaped, vec!["   \u{FEFB}"]);
        let plain = lines("لا", 4, false);
        assert_eq!(plain, vec!["  ال"]);
    }

    #[test]
    fn glyphs_point_back_to_their_source() {
        let text = "قتل 317";
        let layout = ArticleLayout::new(text, 0..text.len(), LayoutOptions::new(20, true));
        let line = &layout.lines[0];
        let digits: String = line
            .glyphs
            .iter()
            .filter(|g| text[g.source()].chars().all(|c| c.is_ascii_digit()))
            .map(|g| line.glyph_text(g))
            .collect();
        assert_eq!(digits, "317");
        assert_eq!(layout.line_of_offset(text.find('3').unwrap_or(0)), Some(0));
    }

    #[test]
    fn mirroring_agrees_with_the_unicode_data() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let expected = unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c);
            assert_eq!(mirrored(c), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn tiny_widths_do_not_panic() {
        for width in 0..4 {
            let _ = lines("مرحبا بالعالم 2022 (نعم) 世界", width, true);
        }
    }
}
