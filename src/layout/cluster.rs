//! Grapheme clusters (UAX #29) of a paragraph, with a fast path for the characters of Arabic
//! and Latin news text, where a cluster is a base character and the marks after it.

use unicode_segmentation::UnicodeSegmentation;

/// How a character of the simple set takes part in clustering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Starts a cluster.
    Base,
    /// Grapheme_Cluster_Break=Extend: joins the cluster before it.
    Extend,
}

/// The role of `c` when the segmentation rules reduce to "a base and its marks" for it, `None`
/// for everything else (controls, prepend and spacing marks, emoji, Hangul, regional
/// indicators …), which goes through the full algorithm.
fn simple_role(c: char) -> Option<Role> {
    match c as u32 {
        0x20..=0x7E | 0xA0..=0xAC | 0xAE..=0x2FF => Some(Role::Base),
        0x300..=0x36F => Some(Role::Extend),
        0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6DC | 0x6DF..=0x6E4 => Some(Role::Extend),
        0x6E7 | 0x6E8 | 0x6EA..=0x6ED => Some(Role::Extend),
        0x600..=0x605 | 0x61C | 0x6DD => None,
        0x606..=0x6FF => Some(Role::Base),
        0x2010..=0x2027 | 0x2030..=0x205E => Some(Role::Base),
        0xFB50..=0xFDFF | 0xFE70..=0xFEFC => Some(Role::Base),
        _ => None,
    }
}

/// Calls `each(first_char, end_char)` for every cluster of `text`, in order, as indices into
/// `chars` (the chars of `text`); `char_bytes[i]` is the byte offset of `chars[i]`.
pub fn for_each_cluster(
    text: &str,
    chars: &[char],
    char_bytes: &[u32],
    mut each: impl FnMut(usize, usize),
) {
    if chars.iter().all(|&c| simple_role(c).is_some()) {
        let mut start = 0;
        for (i, &c) in chars.iter().enumerate().skip(1) {
            if simple_role(c) == Some(Role::Base) {
                each(start, i);
                start = i;
            }
        }
        if !chars.is_empty() {
            each(start, chars.len());
        }
        return;
    }
    let mut char_index = 0;
    for (start, grapheme) in text.grapheme_indices(true) {
        let end = start + grapheme.len();
        let first = char_index;
        while (char_bytes[char_index] as usize) < end {
            char_index += 1;
        }
        each(first, char_index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clusters(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut bytes: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        bytes.push(text.len() as u32);
        let mut out = Vec::new();
        for_each_cluster(text, &chars, &bytes, |a, b| {
            out.push(chars[a..b].iter().collect());
        });
        out
    }

    fn reference(text: &str) -> Vec<String> {
        text.graphemes(true).map(str::to_owned).collect()
    }

    #[test]
    fn marks_stay_with_their_base() {
        assert_eq!(clusters("مُحَمَّد"), vec!["مُ", "حَ", "مَّ", "د"]);
    }

    #[test]
    fn fast_path_agrees_with_the_full_algorithm() {
        // Clustering of the simple set is decided pairwise, so every pair settles it.
        let simple: Vec<char> = (0..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| simple_role(c).is_some())
            .collect();
        let probes: Vec<char> = simple
            .iter()
            .copied()
            .filter(|&c| simple_role(c) == Some(Role::Extend) || (c as u32).is_multiple_of(61))
            .chain(['a', ' ', 'ب', '\u{64E}', 'ـ', '،'])
            .collect();
        let mut pair = String::new();
        for &a in &simple {
            for &b in &probes {
                for (x, y) in [(a, b), (b, a)] {
                    pair.clear();
                    pair.push(x);
                    pair.push(y);
                    assert_eq!(
                        clusters(&pair),
                        reference(&pair),
                        "{:X} {:X}",
                        x as u32,
                        y as u32
                    );
                }
            }
        }
    }

    #[test]
    fn other_text_takes_the_full_algorithm() {
        for text in [
            "a\u{1F469}\u{200D}\u{1F4BB}b",
            "\u{1F1F8}\u{1F1E6}x",
            "\r\n",
            "\u{600}1",
        ] {
            assert_eq!(clusters(text), reference(text));
        }
    }
}
