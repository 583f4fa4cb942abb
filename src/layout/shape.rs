//! Arabic contextual shaping into Unicode presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF).
//!
//! Many terminals draw Arabic letters in their isolated form only, so words come out as
//! disconnected letters. Replacing each letter by its positional presentation form (isolated,
//! final, initial, medial) and lam + alef by its ligature makes them render joined.

/// How a char takes part in cursive joining (after Unicode's `Joining_Type`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Join {
    /// Breaks the chain: hamza, ZWNJ, letters without presentation forms, non-Arabic.
    Non,
    /// Combining marks: skipped when looking for neighbours, output unchanged.
    Transparent,
    /// Joins on both sides without changing shape: tatweel, ZWJ.
    Causing,
    /// Joins to the previous letter only (2 forms).
    Right,
    /// Joins on both sides (4 forms).
    Dual,
}

/// Per-char shaping data: joining type and the isolated presentation form (0 = none).
/// Final, initial and medial forms follow the isolated one at +1, +2 and +3.
#[derive(Clone, Copy, Debug)]
struct Info {
    join: Join,
    first: u32,
}

const NON: Info = Info {
    join: Join::Non,
    first: 0,
};

/// (base letter, isolated presentation form, number of forms): 1 = hamza (non-joining),
/// 2 = right-joining, 4 = dual-joining. Checked against the Unicode names and decompositions.
const LETTERS: [(char, char, u8); 44] = [
    // Basic letters: U+FE80..=U+FEF4 is one regular run.
    ('\u{0621}', '\u{FE80}', 1), // hamza
    ('\u{0622}', '\u{FE81}', 2), // alef with madda above
    ('\u{0623}', '\u{FE83}', 2), // alef with hamza above
    ('\u{0624}', '\u{FE85}', 2), // waw with hamza above
    ('\u{0625}', '\u{FE87}', 2), // alef with hamza below
    ('\u{0626}', '\u{FE89}', 4), // yeh with hamza above
    ('\u{0627}', '\u{FE8D}', 2), // alef
    ('\u{0628}', '\u{FE8F}', 4), // beh
    ('\u{0629}', '\u{FE93}', 2), // teh marbuta
    ('\u{062A}', '\u{FE95}', 4), // teh
    ('\u{062B}', '\u{FE99}', 4), // theh
    ('\u{062C}', '\u{FE9D}', 4), // jeem
    ('\u{062D}', '\u{FEA1}', 4), // hah
    ('\u{062E}', '\u{FEA5}', 4), // khah
    ('\u{062F}', '\u{FEA9}', 2), // dal
    ('\u{0630}', '\u{FEAB}', 2), // thal
    ('\u{0631}', '\u{FEAD}', 2), // reh
    ('\u{0632}', '\u{FEAF}', 2), // zain
    ('\u{0633}', '\u{FEB1}', 4), // seen
    ('\u{0634}', '\u{FEB5}', 4), // sheen
    ('\u{0635}', '\u{FEB9}', 4), // sad
    ('\u{0636}', '\u{FEBD}', 4), // dad
    ('\u{0637}', '\u{FEC1}', 4), // tah
    ('\u{0638}', '\u{FEC5}', 4), // zah
    ('\u{0639}', '\u{FEC9}', 4), // ain
    ('\u{063A}', '\u{FECD}', 4), // ghain
    ('\u{0641}', '\u{FED1}', 4), // feh
    ('\u{0642}', '\u{FED5}', 4), // qaf
    ('\u{0643}', '\u{FED9}', 4), // kaf
    ('\u{0644}', '\u{FEDD}', 4), // lam
    ('\u{0645}', '\u{FEE1}', 4), // meem
    ('\u{0646}', '\u{FEE5}', 4), // noon
    ('\u{0647}', '\u{FEE9}', 4), // heh
    ('\u{0648}', '\u{FEED}', 2), // waw
    ('\u{0649}', '\u{FEEF}', 2), // alef maksura (word-final in Arabic)
    ('\u{064A}', '\u{FEF1}', 4), // yeh
    // Extended letters (Persian, Urdu, Maghrebi) with forms in U+FB50..U+FBFF.
    ('\u{0671}', '\u{FB50}', 2), // alef wasla
    ('\u{067E}', '\u{FB56}', 4), // peh
    ('\u{0686}', '\u{FB7A}', 4), // tcheh
    ('\u{0698}', '\u{FB8A}', 2), // jeh
    ('\u{06A4}', '\u{FB6A}', 4), // veh
    ('\u{06A9}', '\u{FB8E}', 4), // keheh
    ('\u{06AF}', '\u{FB92}', 4), // gaf
    ('\u{06CC}', '\u{FBFC}', 4), // farsi yeh
];

/// Transparent (combining) marks of the Arabic block, inclusive ranges.
const MARKS: [(u32, u32); 7] = [
    (0x0610, 0x061A), // honorific signs, small fatha/damma/kasra
    (0x064B, 0x065F), // harakat, shadda, sukun, hamza above/below …
    (0x0670, 0x0670), // superscript alef
    (0x06D6, 0x06DC), // Quranic annotation signs
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
];

const TATWEEL: u32 = 0x0640;
const LAM: char = '\u{0644}';
const ZWJ: char = '\u{200D}';

/// The lookup table covers U+0610..=U+06FF; everything outside it is non-joining except ZWJ.
const LO: u32 = 0x0610;
const HI: u32 = 0x06FF;
const TABLE_LEN: usize = (HI - LO + 1) as usize;
static TABLE: [Info; TABLE_LEN] = build_table();

const fn build_table() -> [Info; TABLE_LEN] {
    let mut t = [NON; TABLE_LEN];
    let mut i = 0;
    while i < LETTERS.len() {
        let (base, first, n) = LETTERS[i];
        let join = match n {
            4 => Join::Dual,
            2 => Join::Right,
            _ => Join::Non,
        };
        t[(base as u32 - LO) as usize] = Info {
            join,
            first: first as u32,
        };
        i += 1;
    }
    t[(TATWEEL - LO) as usize] = Info {
        join: Join::Causing,
        first: 0,
    };
    let mut m = 0;
    while m < MARKS.len() {
        let (lo, hi) = MARKS[m];
        let mut cp = lo;
        while cp <= hi {
            t[(cp - LO) as usize] = Info {
                join: Join::Transparent,
                first: 0,
            };
            cp += 1;
        }
        m += 1;
    }
    t
}

#[inline]
fn info(c: char) -> Info {
    match TABLE.get((c as u32).wrapping_sub(LO) as usize) {
        Some(&i) => i,
        None if c == ZWJ => Info {
            join: Join::Causing,
            first: 0,
        },
        None => NON,
    }
}

/// Isolated lam-alef ligature for lam followed by `alef`; the final form is one above.
#[inline]
fn lam_alef(alef: char) -> Option<u32> {
    match alef {
        '\u{0622}' => Some(0xFEF5),
        '\u{0623}' => Some(0xFEF7),
        '\u{0625}' => Some(0xFEF9),
        '\u{0627}' => Some(0xFEFB),
        _ => None,
    }
}

/// Whether the first non-transparent char at or after `from` accepts a join from its right.
#[inline]
fn next_accepts_join(logical: &[char], from: usize) -> bool {
    let rest = logical.get(from..).unwrap_or(&[]);
    for &c in rest {
        match info(c).join {
            Join::Transparent => continue,
            Join::Dual | Join::Right | Join::Causing => return true,
            Join::Non => return false,
        }
    }
    false
}

/// Shapes `logical` (one paragraph, logical order) into `out`: `out[i]` is what to display for
/// `logical[i]`; `None` where a char was merged into a lam-alef ligature. `out` is cleared first.
///
/// The ligature sits in the alef's slot (the lam's slot is `None`), so after reversal to visual
/// order it is followed by the alef's own marks. Marks pass through unchanged.
pub fn shape_into(logical: &[char], out: &mut Vec<Option<char>>) {
    out.clear();
    out.reserve(logical.len());
    // Whether the previous non-transparent char joins to the one after it.
    let mut prev_joins = false;
    let mut i = 0;
    while let Some(&c) = logical.get(i) {
        let cur = info(c);
        if cur.join == Join::Transparent {
            out.push(Some(c));
            i += 1;
            continue;
        }
        if c == LAM
            && let Some(lig) = logical.get(i + 1).and_then(|&a| lam_alef(a))
        {
            let lig = char::from_u32(lig + u32::from(prev_joins)).unwrap_or(c);
            out.push(None);
            out.push(Some(lig));
            // The ligature ends in an alef, which never joins to the next letter.
            prev_joins = false;
            i += 2;
            continue;
        }
        let joins_left = matches!(cur.join, Join::Dual | Join::Causing);
        let shaped = if cur.first == 0 {
            c
        } else {
            let offset = match cur.join {
                Join::Dual => match (prev_joins, next_accepts_join(logical, i + 1)) {
                    (false, false) => 0,
                    (true, false) => 1,
                    (false, true) => 2,
                    (true, true) => 3,
                },
                Join::Right => u32::from(prev_joins),
                _ => 0,
            };
            char::from_u32(cur.first + offset).unwrap_or(c)
        };
        out.push(Some(shaped));
        prev_joins = joins_left;
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(s: &str) -> Vec<Option<char>> {
        let chars: Vec<char> = s.chars().collect();
        let mut out = vec![Some('x')]; // must be cleared
        shape_into(&chars, &mut out);
        assert_eq!(out.len(), chars.len());
        out
    }

    /// Output as code points, 0 for `None`.
    fn cps(s: &str) -> Vec<u32> {
        shape(s).iter().map(|c| c.map_or(0, |c| c as u32)).collect()
    }

    /// Maps a shaped char back to the logical chars it stands for (NFKC for these forms).
    fn decompose(c: char, into: &mut String) {
        let cp = c as u32;
        if (0xFEF5..=0xFEFC).contains(&cp) {
            into.push(LAM);
            into.push(
                ['\u{0622}', '\u{0623}', '\u{0625}', '\u{0627}'][((cp - 0xFEF5) / 2) as usize],
            );
            return;
        }
        for &(base, first, n) in &LETTERS {
            if (first as u32..first as u32 + u32::from(n)).contains(&cp) {
                into.push(base);
                return;
            }
        }
        into.push(c);
    }

    fn assert_round_trip(chars: &[char]) {
        let mut out = Vec::new();
        shape_into(chars, &mut out);
        assert_eq!(out.len(), chars.len());
        let mut back = String::new();
        for (i, o) in out.iter().enumerate() {
            match o {
                None => {
                    assert_eq!(chars[i], LAM);
                    assert!(lam_alef(chars[i + 1]).is_some());
                }
                Some(c) => {
                    let start = back.len();
                    decompose(*c, &mut back);
                    // Each slot decomposes to something ending in its own logical char.
                    assert_eq!(back[start..].chars().last(), Some(chars[i]));
                }
            }
        }
        assert_eq!(back, chars.iter().collect::<String>());
    }

    #[test]
    fn table_is_exact() {
        // Basic letters form one regular run from U+FE80 to U+FEF4.
        let mut next = 0xFE80;
        for &(base, first, n) in LETTERS.iter().filter(|l| l.0 <= '\u{064A}') {
            assert_eq!(first as u32, next, "{base:?}");
            next += u32::from(n);
        }
        assert_eq!(next, 0xFEF5); // the lam-alef ligatures follow
        // Anchors checked with Python's unicodedata.
        assert_eq!(info('\u{0627}').first, 0xFE8D); // ALEF ISOLATED FORM
        assert_eq!(info('\u{0644}').first, 0xFEDD); // LAM ISOLATED FORM
        assert_eq!(info('\u{0649}').first, 0xFEEF); // ALEF MAKSURA ISOLATED FORM
        assert_eq!(info('\u{064A}').first, 0xFEF1); // YEH ISOLATED FORM
        assert_eq!(info('\u{06CC}').first, 0xFBFC); // FARSI YEH ISOLATED FORM
        assert_eq!(info('\u{06AF}').first, 0xFB92); // GAF ISOLATED FORM
        // Every entry sits in the table with the joining type its form count implies.
        for &(base, _, n) in &LETTERS {
            let want = [Join::Non, Join::Non, Join::Right, Join::Non, Join::Dual][n as usize];
            assert_eq!(info(base).join, want, "{base:?}");
        }
        assert_eq!(info('\u{0640}').join, Join::Causing);
        assert_eq!(info(ZWJ).join, Join::Causing);
        assert_eq!(info('\u{200C}').join, Join::Non);
        assert_eq!(info('\u{064E}').join, Join::Transparent);
        assert_eq!(info('\u{0670}').join, Join::Transparent);
        assert_eq!(info('\u{06DD}').join, Join::Non);
        assert_eq!(info('a').join, Join::Non);
        assert_eq!(info('\u{10FFFF}').join, Join::Non);
    }

    #[test]
    fn empty() {
        assert!(shape("").is_empty());
    }

    #[test]
    fn dual_joining_forms() {
        // محمد: meem initial, hah medial, meem medial, dal final.
        assert_eq!(cps("محمد"), [0xFEE3, 0xFEA4, 0xFEE4, 0xFEAA]);
        // Single letter: isolated.
        assert_eq!(cps("ب"), [0xFE8F]);
        // بب: initial + final.
        assert_eq!(cps("بب"), [0xFE91, 0xFE90]);
    }

    #[test]
    fn salam_with_lam_alef() {
        // سلام: seen initial, lam merged, lam-alef final in the alef's slot, meem isolated.
        assert_eq!(cps("سلام"), [0xFEB3, 0, 0xFEFC, 0xFEE1]);
    }

    #[test]
    fn lam_alef_isolated_and_variants() {
        assert_eq!(cps("لا"), [0, 0xFEFB]);
        assert_eq!(cps("لآ"), [0, 0xFEF5]);
        assert_eq!(cps("لأ"), [0, 0xFEF7]);
        assert_eq!(cps("لإ"), [0, 0xFEF9]);
        // Final forms after a joining letter: ملأ, بلإ, سلآ.
        assert_eq!(cps("ملأ"), [0xFEE3, 0, 0xFEF8]);
        assert_eq!(cps("بلإ"), [0xFE91, 0, 0xFEFA]);
        assert_eq!(cps("سلآ"), [0xFEB3, 0, 0xFEF6]);
        // After a right-joining letter the ligature is isolated: دلا.
        assert_eq!(cps("دلا"), [0xFEA9, 0, 0xFEFB]);
    }

    #[test]
    fn lam_alef_keeps_alef_marks_after_it() {
        // لاً: the tanween stays in its own slot after the ligature.
        assert_eq!(cps("لاً"), [0, 0xFEFB, 0x064B]);
        // A mark on the lam itself between lam and alef: no ligature (لَا).
        assert_eq!(cps("لَا"), [0xFEDF, 0x064E, 0xFE8E]);
    }

    #[test]
    fn no_allah_ligature() {
        // الله: alef isolated, lam initial, lam medial, heh final; never U+FDF2.
        let out = cps("الله");
        assert_eq!(out, [0xFE8D, 0xFEDF, 0xFEE0, 0xFEEA]);
        assert!(!out.contains(&0xFDF2));
    }

    #[test]
    fn right_joining_breaks_chain() {
        // دار: all isolated (dal and alef do not join to the next letter).
        assert_eq!(cps("دار"), [0xFEA9, 0xFE8D, 0xFEAD]);
        // باب: beh initial, alef final, beh isolated.
        assert_eq!(cps("باب"), [0xFE91, 0xFE8E, 0xFE8F]);
        // إلى: alef-hamza-below isolated, lam initial, alef maksura final.
        assert_eq!(cps("إلى"), [0xFE87, 0xFEDF, 0xFEF0]);
    }

    #[test]
    fn harakat_are_transparent_and_kept() {
        // مُحَمَّد shapes like محمد with the marks in place.
        assert_eq!(
            cps("\u{0645}\u{064F}\u{062D}\u{064E}\u{0645}\u{0651}\u{064E}\u{062F}"),
            [
                0xFEE3, 0x064F, 0xFEA4, 0x064E, 0xFEE4, 0x0651, 0x064E, 0xFEAA
            ]
        );
        // Superscript alef is transparent too: هٰذا.
        assert_eq!(cps("هٰذا"), [0xFEEB, 0x0670, 0xFEAC, 0xFE8D]);
    }

    #[test]
    fn tatweel_and_zwj_join() {
        assert_eq!(cps("بـ"), [0xFE91, 0x0640]);
        assert_eq!(cps("ـب"), [0x0640, 0xFE90]);
        assert_eq!(cps("بـب"), [0xFE91, 0x0640, 0xFE90]);
        assert_eq!(cps("ب\u{200D}"), [0xFE91, 0x200D]);
        assert_eq!(cps("\u{200D}ب"), [0x200D, 0xFE90]);
    }

    #[test]
    fn zwnj_breaks() {
        assert_eq!(cps("ب\u{200C}ب"), [0xFE8F, 0x200C, 0xFE8F]);
        // Persian می‌خواهم: the ZWNJ keeps می apart.
        assert_eq!(
            cps("می\u{200C}خواهم"),
            [
                0xFEE3, 0xFBFD, 0x200C, 0xFEA7, 0xFEEE, 0xFE8D, 0xFEEB, 0xFEE2
            ]
        );
    }

    #[test]
    fn hamza_is_non_joining() {
        // سماء: seen initial, meem medial, alef final, hamza isolated.
        assert_eq!(cps("سماء"), [0xFEB3, 0xFEE4, 0xFE8E, 0xFE80]);
        // بءب: hamza separates the behs.
        assert_eq!(cps("بءب"), [0xFE8F, 0xFE80, 0xFE8F]);
    }

    #[test]
    fn extended_letters() {
        // چای: tcheh initial, alef final, farsi yeh isolated.
        assert_eq!(cps("چای"), [0xFB7C, 0xFE8E, 0xFBFC]);
        // پگاه: peh initial, gaf medial, alef final, heh isolated.
        assert_eq!(cps("پگاه"), [0xFB58, 0xFB95, 0xFE8E, 0xFEE9]);
        // کژ: keheh initial, jeh final. ڤ alone isolated. ٱ after lam: final.
        assert_eq!(cps("کژ"), [0xFB90, 0xFB8B]);
        assert_eq!(cps("ڤ"), [0xFB6A]);
        assert_eq!(cps("لٱ"), [0xFEDF, 0xFB51]);
        // A letter without presentation forms passes through and breaks the chain.
        assert_eq!(cps("ب\u{063B}ب"), [0xFE8F, 0x063B, 0xFE8F]);
    }

    #[test]
    fn non_arabic_untouched() {
        let s = "abc 123 ١٢٣ سلام!";
        let out = shape(s);
        for (o, c) in out.iter().zip(s.chars()) {
            if !('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0660}'..='\u{0669}').contains(&c) {
                assert_eq!(*o, Some(c));
            }
        }
        // Punctuation and spaces break joining: "ب.ب" and "ب ب".
        assert_eq!(cps("ب.ب"), [0xFE8F, 0x2E, 0xFE8F]);
        assert_eq!(cps("ب ب"), [0xFE8F, 0x20, 0xFE8F]);
    }

    #[test]
    fn leading_and_lone_marks() {
        assert_eq!(cps("\u{064E}ب"), [0x064E, 0xFE8F]);
        assert_eq!(cps("\u{0651}"), [0x0651]);
        assert_eq!(cps("\u{064E}\u{0651}"), [0x064E, 0x0651]);
        // Trailing marks after a joining letter do not make it join.
        assert_eq!(cps("ب\u{064E}\u{0651}"), [0xFE8F, 0x064E, 0x0651]);
        // Lone lam at the end.
        assert_eq!(cps("ل"), [0xFEDD]);
    }

    #[test]
    fn round_trips() {
        for s in [
            "سلام",
            "مُحَمَّد",
            "الله",
            "لا إله إلا الله",
            "السَّلامُ عَلَيْكُمْ",
            "abc ١٢٣ چای‌خانه",
            "ـلاـ",
            "",
        ] {
            assert_round_trip(&s.chars().collect::<Vec<_>>());
        }
    }

    #[test]
    fn never_panics_and_round_trips_on_noise() {
        let alphabet: Vec<char> = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيٱپچژڤکگی\u{063B}ـ\u{064B}\u{064E}\u{0651}\u{0670}\u{06ED}\u{200C}\u{200D}a 1."
            .chars()
            .collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut buf = Vec::new();
        let mut out = Vec::new();
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 12) as usize;
            buf.clear();
            let mut s = seed;
            for _ in 0..len {
                s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                buf.push(alphabet[((s >> 33) % alphabet.len() as u64) as usize]);
            }
            shape_into(&buf, &mut out);
            assert_eq!(out.len(), buf.len());
            assert_round_trip(&buf);
        }
    }
}
