//! Highlight spans over the logical text. The layout keeps each glyph's source bytes, so a
//! span highlights exactly the glyphs it covers wherever reordering has put them.

use std::ops::Range;

/// What a highlighted stretch of text is, from the least to the most prominent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HighlightKind {
    /// A passage another report says too (side by side).
    Agreeing,
    /// A source: agency, institution, official …
    Source,
    /// A figure: a number and what it counts.
    Figure,
    /// A figure another report tells differently in the same passage (side by side).
    Conflicting,
    /// The figure or source chosen in the findings panel, or the claim's mention side by side.
    Selected,
    /// A search match.
    SearchMatch,
    /// The search match last jumped to.
    CurrentMatch,
}

/// Highlight spans of one article, by kind, each kind's spans sorted and not overlapping.
#[derive(Clone, Debug, Default)]
pub struct Highlights {
    by_kind: Vec<(HighlightKind, Vec<Range<usize>>)>,
}

impl Highlights {
    /// Adds spans of one kind (sorted or not; overlapping spans of one kind are merged).
    pub fn add(&mut self, kind: HighlightKind, spans: impl IntoIterator<Item = Range<usize>>) {
        let mut spans: Vec<Range<usize>> = spans.into_iter().filter(|s| !s.is_empty()).collect();
        spans.sort_by_key(|s| s.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        self.by_kind.push((kind, merged));
        self.by_kind
            .sort_by_key(|(kind, _)| std::cmp::Reverse(*kind));
    }

    /// The most prominent kind of highlight over any byte of `source`.
    pub fn kind_at(&self, source: Range<usize>) -> Option<HighlightKind> {
        self.by_kind.iter().find_map(|(kind, spans)| {
            let first = spans.partition_point(|span| span.end <= source.start);
            spans
                .get(first)
                .is_some_and(|span| span.start < source.end)
                .then_some(*kind)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_prominent_kind_wins() {
        let mut highlights = Highlights::default();
        highlights.add(HighlightKind::Figure, [10..20, 30..40]);
        highlights.add(HighlightKind::CurrentMatch, std::iter::once(15..17));
        assert_eq!(highlights.kind_at(11..12), Some(HighlightKind::Figure));
        assert_eq!(
            highlights.kind_at(16..18),
            Some(HighlightKind::CurrentMatch)
        );
        assert_eq!(highlights.kind_at(20..30), None);
        assert_eq!(highlights.kind_at(39..45), Some(HighlightKind::Figure));
    }
}
