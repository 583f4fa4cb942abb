//! Light stemming of normalised Arabic words: the clitics and inflectional endings that make
//! one word look like many (الزلزال، وبالزلزال، زلزالا) are cut, so that word counts across
//! reports meet. After Larkey's light10, which beats root extraction for retrieval; it works
//! on text already folded by [`super::normalize`] (ة is ه, hamza carriers are bare).

/// Prefixes cut before a word, longest first: the article with a conjunction or preposition.
const PREFIXES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];
/// Endings cut in this order, each at most once: pronouns, plurals, nisba, ta marbuta. The dual
/// ان is left: it ends too many stems (فيضان, بركان, سكان) to be worth cutting.
const SUFFIXES: [&str; 7] = ["ها", "ات", "ون", "ين", "يه", "ه", "ي"];

/// The light stem of a normalised word; a word too short to carry a clitic is left whole.
pub fn light_stem(word: &str) -> &str {
    let mut stem = word;
    // و alone is cut only from a word long enough to have been glued to it.
    if let Some(rest) = stem.strip_prefix('و')
        && rest.chars().count() >= 3
    {
        stem = rest;
    }
    for prefix in PREFIXES {
        if let Some(rest) = stem.strip_prefix(prefix)
            && rest.chars().count() >= 2
        {
            stem = rest;
            break;
        }
    }
    for suffix in SUFFIXES {
        if let Some(rest) = stem.strip_suffix(suffix)
            && rest.chars().count() >= 2
        {
            stem = rest;
        }
    }
    // A final alef of the accusative ending (زلزالا, قتيلا).
    if let Some(rest) = stem.strip_suffix('ا')
        && rest.chars().count() >= 3
    {
        stem = rest;
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn stem(word: &str) -> String {
        light_stem(&normalize(word)).to_owned()
    }

    #[test]
    fn inflected_forms_meet() {
        assert_eq!(stem("الزلزال"), stem("زلزال"));
        assert_eq!(stem("وبالزلزال"), stem("زلزال"));
        assert_eq!(stem("زلزالا"), stem("زلزال"));
        assert_eq!(stem("الفيضانات"), stem("فيضان"));
        assert_eq!(stem("المستشفى"), stem("مستشفى"));
        assert_eq!(stem("للمستشفيات"), stem("مستشفى"));
        assert_eq!(stem("المدينة"), stem("مدينة"));
    }

    #[test]
    fn short_words_are_left_whole() {
        assert_eq!(stem("وال"), "وال");
        assert_eq!(stem("في"), "في");
        assert_eq!(stem("ولد"), "ولد");
        assert_eq!(stem("رويترز"), "رويترز");
        assert_eq!(stem("earthquake"), "earthquake");
        assert_eq!(stem(""), "");
    }
}
