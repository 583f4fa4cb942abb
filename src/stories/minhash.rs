//! Copies of one report (the same item in two feeds, a wire story republished with light
//! edits) told apart from reports of one event: shingles of four words, summarised by
//! one-permutation MinHash (one hash per shingle, the minimum per bin), with empty bins filled
//! from their neighbours so that short texts compare too. The share of equal bins estimates the
//! Jaccard similarity of the shingle sets; bands of bins find candidate copies without
//! comparing every pair.

use serde::{Deserialize, Serialize};

use crate::hash::{fnv1a, mix};
use crate::text::{TokenKind, Tokens};

/// Words per shingle: a light edit changes few four-word runs, two reports in their own words
/// share almost none.
const SHINGLE_WORDS: usize = 4;
/// Bins of the sketch.
pub const BINS: usize = 64;
/// Bins per band: two sketches that agree on a whole band are candidate copies.
const BAND_BINS: usize = 4;
/// Marks a bin no shingle fell into.
const EMPTY: u32 = u32::MAX;

/// A MinHash sketch of a text's wording; empty for a text without words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinHash {
    bins: Vec<u32>,
}

impl MinHash {
    /// The sketch of the words and numbers of `tokens`.
    pub fn of_words(tokens: &Tokens) -> Self {
        let words: Vec<u64> = tokens
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, token)| token.kind != TokenKind::Punct)
            .map(|(index, _)| fnv1a(tokens.text(index).as_bytes()))
            .collect();
        let mut bins = vec![EMPTY; BINS];
        if words.is_empty() {
            return MinHash { bins: Vec::new() };
        }
        for window in words.windows(SHINGLE_WORDS.min(words.len())) {
            let shingle = mix(window
                .iter()
                .fold(0u64, |hash, &word| hash.rotate_left(17) ^ word));
            let bin = (shingle >> 58) as usize;
            let value = shingle as u32 & !1;
            bins[bin] = bins[bin].min(value);
        }
        densify(&mut bins);
        MinHash { bins }
    }

    /// True for the sketch of a text without words.
    pub fn is_empty(&self) -> bool {
        self.bins.is_empty()
    }

    /// The estimated Jaccard similarity of two texts' shingles, 0 to 1; 0 when either is empty.
    pub fn similarity(&self, other: &MinHash) -> f32 {
        if self.is_empty() || other.is_empty() || self.bins.len() != other.bins.len() {
            return 0.0;
        }
        let equal = self
            .bins
            .iter()
            .zip(&other.bins)
            .filter(|(a, b)| a == b)
            .count();
        equal as f32 / self.bins.len() as f32
    }

    /// One hash per band of bins, each in a space of its own: sketches sharing one are
    /// candidate copies.
    pub fn bands(&self) -> impl Iterator<Item = u64> + '_ {
        self.bins.chunks(BAND_BINS).enumerate().map(|(band, bins)| {
            bins.iter().fold(
                mix(band as u64 + 1),
                |hash, &bin| mix(hash ^ u64::from(bin)),
            )
        })
    }
}

/// Fills each empty bin from the next full one (wrapping), marked by the distance so that two
/// texts agree on a filled bin only when they agree on its source: the estimate stays fair on
/// texts with fewer shingles than bins.
fn densify(bins: &mut [u32]) {
    let full: Vec<usize> = (0..bins.len()).filter(|&i| bins[i] != EMPTY).collect();
    if full.is_empty() {
        return;
    }
    let source = bins.to_vec();
    for (index, bin) in bins.iter_mut().enumerate() {
        if *bin != EMPTY {
            continue;
        }
        let next = full.iter().copied().find(|&f| f > index).unwrap_or(full[0]);
        let distance = (next + BINS - index) % BINS;
        *bin = mix(u64::from(source[next]) ^ (distance as u64) << 32) as u32 | 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sketch(text: &str) -> MinHash {
        MinHash::of_words(&Tokens::new(text))
    }

    const WIRE: &str = "قالت السلطات إن زلزالا بقوة سبع درجات ضرب المنطقة الساحلية فجر اليوم \
        وأسفر عن مقتل اثني عشر شخصا على الأقل وإصابة أكثر من مئتين آخرين بجروح، فيما تواصل \
        فرق الإنقاذ البحث عن ناجين تحت أنقاض المباني المنهارة في وسط المدينة القديمة.";

    #[test]
    fn a_copy_is_identical_and_a_light_edit_is_close() {
        assert_eq!(sketch(WIRE).similarity(&sketch(WIRE)), 1.0);
        let edited = WIRE
            .replace("فجر اليوم", "صباح اليوم")
            .replace("القديمة", "القديمة، حسب ما أفاد مراسلنا");
        let similarity = sketch(WIRE).similarity(&sketch(&edited));
        assert!(similarity > 0.5, "{similarity}");
    }

    #[test]
    fn reports_in_their_own_words_are_far_apart() {
        let other = "ضرب زلزال عنيف الساحل صباح اليوم، ما أدى إلى سقوط 12 قتيلا و200 جريح، \
            وتبحث فرق الطوارئ عن عالقين تحت الركام في المدينة.";
        let similarity = sketch(WIRE).similarity(&sketch(other));
        assert!(similarity < 0.2, "{similarity}");
    }

    #[test]
    fn copies_share_a_band_and_empty_texts_match_nothing() {
        let a: Vec<u64> = sketch(WIRE).bands().collect();
        let b: Vec<u64> = sketch(WIRE).bands().collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), BINS / BAND_BINS);
        assert!(sketch("،،،").is_empty());
        assert_eq!(sketch("").similarity(&sketch("")), 0.0);
        assert_eq!(sketch("كلمة").similarity(&sketch("كلمة")), 1.0);
    }
}
