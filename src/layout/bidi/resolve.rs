//! Level resolution for paragraphs without explicit formatting characters, one entry per char.
//!
//! Without embeddings, overrides or isolates every char sits at the paragraph level and the
//! paragraph is a single isolating run sequence, so UAX #9 rules X9 to I2 reduce to a few linear
//! passes over a class array: no level runs, no per-byte arrays, no allocation once the buffers
//! have grown. Nearly every paragraph of news text takes this path.

use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData, Level};

use super::{CharLevels, class_bit};

use BidiClass::*;

/// Depth of the BD16 bracket stack; an opening bracket beyond it ends pairing.
const BRACKET_STACK: usize = 63;

/// Buffers reused from one paragraph to the next.
#[derive(Default)]
pub(super) struct Scratch {
    kept: Kept,
    rules: Rules,
}

/// The chars rule X9 keeps (all but BN), when a paragraph has BN chars to leave out.
#[derive(Default)]
struct Kept {
    chars: Vec<char>,
    classes: Vec<BidiClass>,
    levels: Vec<u8>,
}

/// Working state of the weak and neutral rules.
#[derive(Default)]
struct Rules {
    /// Classes as the rules rewrite them; after resolution L, R, EN or AN.
    work: Vec<BidiClass>,
    /// Bracket pairs (BD16): positions of the opening and closing bracket.
    pairs: Vec<(u32, u32)>,
    /// The BD16 stack: normalised opening bracket and its position.
    stack: Vec<(char, u32)>,
}

/// Resolves `out.levels` from `out.classes` (the chars' original classes, which hold no
/// explicit formatting character; `seen` has the bit of every class present) and the forced
/// `direction` or, with `None`, rules P2 and P3.
pub(super) fn resolve_implicit(
    chars: &[char],
    direction: Option<Level>,
    seen: u32,
    out: &mut CharLevels,
) {
    let level = direction.unwrap_or_else(|| {
        out.classes
            .iter()
            .find_map(|&class| match class {
                L => Some(Level::ltr()),
                R | AL => Some(Level::rtl()),
                _ => None,
            })
            .unwrap_or_else(Level::ltr)
    });
    let p = level.number();
    let ltr = p & 1 == 0;
    let rtl_classes = class_bit(R) | class_bit(AL) | class_bit(AN);
    out.paragraph_level = level;
    out.pure_ltr = ltr && seen & rtl_classes == 0;
    out.levels.clear();

    // Nothing can leave the paragraph level without a char of the other direction or a number.
    let other_direction = if ltr {
        rtl_classes
    } else {
        class_bit(L) | class_bit(EN) | class_bit(AN)
    };
    if seen & other_direction == 0 {
        out.levels.resize(chars.len(), p);
        return;
    }

    let CharLevels {
        levels,
        classes,
        scratch: Scratch { kept, rules },
        ..
    } = out;
    if seen & class_bit(BN) == 0 {
        resolve_sequence(chars, classes, p, levels, rules);
        return;
    }

    // X9: leave BN chars out, then give each the level a neutral would get between the chars
    // around it, so that a visible one (a control picture) stays among its neighbours.
    kept.chars.clear();
    kept.classes.clear();
    for (&c, &class) in chars.iter().zip(classes.iter()) {
        if class != BN {
            kept.chars.push(c);
            kept.classes.push(class);
        }
    }
    resolve_sequence(&kept.chars, &kept.classes, p, &mut kept.levels, rules);
    let e = embedding_direction(p);
    let resolved = &rules.work;
    let mut next: usize = 0;
    for &class in classes.iter() {
        if class == BN {
            let before = next.checked_sub(1).map_or(e, |i| direction_of(resolved[i]));
            let after = resolved.get(next).map_or(e, |&class| direction_of(class));
            levels.push(level_of(if before == after { before } else { e }, p));
        } else {
            levels.push(kept.levels[next]);
            next += 1;
        }
    }
}

/// Rules W1 to I2 over one isolating run sequence at paragraph level `p`: fills `levels`, one
/// per char, and leaves the resolved classes in `rules.work`.
fn resolve_sequence(
    chars: &[char],
    original: &[BidiClass],
    p: u8,
    levels: &mut Vec<u8>,
    rules: &mut Rules,
) {
    let n = original.len();
    let e = embedding_direction(p);
    let work = &mut rules.work;

    // W1 (NSM takes the class before it), W2 (EN after AL is AN), W3 (AL is R).
    work.clear();
    let mut previous = e;
    let mut last_strong = e;
    let mut has_on = false;
    work.extend(original.iter().map(|&class| {
        let class = if class == NSM { previous } else { class };
        previous = class;
        match class {
            L | R => {
                last_strong = class;
                class
            }
            AL => {
                last_strong = AL;
                R
            }
            EN if last_strong == AL => AN,
            ON => {
                has_on = true;
                ON
            }
            _ => class,
        }
    }));

    // W4: a single separator between two numbers of the same kind joins them.
    for i in 1..n.saturating_sub(1) {
        let class = work[i];
        if matches!(class, ES | CS) {
            let before = work[i - 1];
            if before == work[i + 1] && (before == EN || (before == AN && class == CS)) {
                work[i] = before;
            }
        }
    }

    // W5 (terminators next to EN are EN), W6 (other separators and terminators are ON), W7 (EN
    // after L, or after sos L, is L).
    let mut last_strong = e;
    let mut after_en = false;
    let mut i = 0;
    while i < n {
        match work[i] {
            ET => {
                let start = i;
                while i < n && work[i] == ET {
                    i += 1;
                }
                let class = if after_en || (i < n && work[i] == EN) {
                    if last_strong == L { L } else { EN }
                } else {
                    ON
                };
                work[start..i].fill(class);
                after_en = false;
                continue;
            }
            EN => {
                after_en = true;
                if last_strong == L {
                    work[i] = L;
                }
            }
            ES | CS => {
                after_en = false;
                work[i] = ON;
            }
            class @ (L | R) => {
                after_en = false;
                last_strong = class;
            }
            _ => after_en = false,
        }
        i += 1;
    }

    if has_on {
        resolve_brackets(chars, original, e, rules);
    }
    let work = &mut rules.work;

    // N1 and N2: a run of neutrals between chars of one direction takes it, else the embedding
    // direction.
    let mut before = e;
    let mut i = 0;
    while i < n {
        let class = work[i];
        if is_neutral(class) {
            let start = i;
            while i < n && is_neutral(work[i]) {
                i += 1;
            }
            let after = work.get(i).map_or(e, |&class| direction_of(class));
            work[start..i].fill(if before == after { before } else { e });
        } else {
            before = direction_of(class);
            i += 1;
        }
    }

    // I1 and I2.
    let [l, r, number] = [L, R, EN].map(|class| level_of(class, p));
    levels.clear();
    levels.extend(work.iter().map(|&class| match class {
        L => l,
        R => r,
        _ => number,
    }));
}

/// Rule N0: bracket pairs (BD16) take the direction of the strong chars inside them, or of the
/// context before them when what is inside goes against the embedding direction `e`.
fn resolve_brackets(chars: &[char], original: &[BidiClass], e: BidiClass, rules: &mut Rules) {
    let Rules { work, pairs, stack } = rules;
    pairs.clear();
    stack.clear();
    for (i, (&c, &class)) in chars.iter().zip(original).enumerate() {
        if class != ON {
            continue;
        }
        let Some((opening, is_open)) = bracket(c) else {
            continue;
        };
        if is_open {
            if stack.len() == BRACKET_STACK {
                break;
            }
            stack.push((opening, i as u32));
        } else if let Some(k) = stack.iter().rposition(|&(o, _)| o == opening) {
            pairs.push((stack[k].1, i as u32));
            stack.truncate(k);
        }
    }
    pairs.sort_unstable();

    for &(open, close) in pairs.iter() {
        let (open, close) = (open as usize, close as usize);
        let mut inside = None;
        for &class in &work[open + 1..close] {
            match strong_direction(class) {
                Some(d) if d == e => {
                    inside = Some(e);
                    break;
                }
                Some(d) => inside = Some(d),
                None => {}
            }
        }
        let class = match inside {
            None => continue,
            Some(d) if d == e => e,
            Some(_) => work[..open]
                .iter()
                .rev()
                .find_map(|&class| strong_direction(class))
                .unwrap_or(e),
        };
        // The brackets, and marks on them (which W1 made ON), take the class.
        for bracket in [open, close] {
            work[bracket] = class;
            for k in bracket + 1..work.len() {
                if original[k] != NSM {
                    break;
                }
                work[k] = class;
            }
        }
    }
}

/// The bracket pairing data of `c` (BidiBrackets.txt): its normalised opening bracket, so that
/// canonical equivalents pair, and whether it opens.
fn bracket(c: char) -> Option<(char, bool)> {
    match c {
        '(' | '[' | '{' => Some((c, true)),
        ')' => Some(('(', false)),
        ']' => Some(('[', false)),
        '}' => Some(('{', false)),
        // No other bracket below U+0F3A: spare Arabic and Latin text the table scan.
        '\0'..='\u{0F39}' => None,
        _ => HardcodedBidiData
            .bidi_matched_opening_bracket(c)
            .map(|b| (b.opening, b.is_open)),
    }
}

/// Neutrals for rules N1 and N2 (no isolate controls on this path).
fn is_neutral(class: BidiClass) -> bool {
    matches!(class, B | S | WS | ON)
}

/// L for L, R for R and for numbers (N0 and N1 count numbers as R), `None` for the rest.
fn strong_direction(class: BidiClass) -> Option<BidiClass> {
    match class {
        L => Some(L),
        R | EN | AN => Some(R),
        _ => None,
    }
}

/// The direction of a class resolved by the weak rules and N0 (L, R, EN or AN).
fn direction_of(class: BidiClass) -> BidiClass {
    if class == L { L } else { R }
}

/// The embedding direction of level `p`, which is also sos and eos on this path.
fn embedding_direction(p: u8) -> BidiClass {
    if p & 1 == 0 { L } else { R }
}

/// Rules I1 and I2: the level of a char of resolved class `class` at paragraph level `p`.
fn level_of(class: BidiClass, p: u8) -> u8 {
    match (p & 1, class) {
        (0, R) | (1, L | EN | AN) => p + 1,
        (0, EN | AN) => p + 2,
        _ => p,
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use flate2::read::GzDecoder;

    use super::super::{apply_line_rule_l1, classify};
    use super::*;

    /// Classes no paragraph on this path may hold.
    fn is_explicit(class: BidiClass) -> bool {
        matches!(class, LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI)
    }

    /// Resolves `chars` by this path only, as one line (rule L1 applied, as in the files), or
    /// `None` if they hold explicit formatting chars.
    fn resolve(chars: &[char], direction: Option<Level>) -> Option<CharLevels> {
        let mut out = CharLevels::default();
        let seen = classify(chars, &mut out.classes);
        if out.classes.iter().any(|&class| is_explicit(class)) {
            return None;
        }
        resolve_implicit(chars, direction, seen, &mut out);
        let paragraph_level = out.paragraph_level.number();
        apply_line_rule_l1(&out.classes, &mut out.levels, paragraph_level);
        Some(out)
    }

    fn forced(field: &str) -> Option<Level> {
        match field {
            "0" => Some(Level::ltr()),
            "1" => Some(Level::rtl()),
            _ => None,
        }
    }

    /// Compares resolved levels with expected ones, `x` (removed by X9) skipped.
    fn mismatch(expected: &str, levels: &[u8]) -> bool {
        let expected: Vec<&str> = expected.split_whitespace().collect();
        expected.len() != levels.len()
            || expected
                .iter()
                .zip(levels)
                .any(|(&want, &got)| want != "x" && want.parse::<u8>() != Ok(got))
    }

    #[test]
    fn removed_chars_stay_between_their_neighbours() {
        // ب ESC ت space a ZWJ b: the escape stays in the Arabic word, the joiner in the Latin.
        let chars: Vec<char> = "ب\u{1B}ت a\u{200D}b".chars().collect();
        let out = resolve(&chars, None).unwrap();
        assert_eq!(out.levels, [1, 1, 1, 1, 2, 2, 2]);
    }

    #[test]
    fn marks_on_a_bracket_follow_it() {
        // a ( ب ) fatha, left to right: R inside but L before, so N0 gives the pair the
        // embedding direction L, and the mark on the closing bracket goes with it.
        let chars: Vec<char> = "a(ب)\u{064E}".chars().collect();
        let out = resolve(&chars, None).unwrap();
        assert_eq!(out.levels, [0, 0, 1, 0, 0]);
    }

    /// BidiCharacterTest.txt: every test line without explicit formatting characters.
    #[test]
    fn conformance_file_levels() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/BidiCharacterTest.txt.gz"
        );
        let mut data = String::new();
        GzDecoder::new(std::fs::File::open(path).expect("conformance file"))
            .read_to_string(&mut data)
            .expect("gzip");
        let (mut tested, mut failures) = (0, Vec::new());
        for (number, line) in data.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split(';').map(str::trim).collect();
            let chars: Vec<char> = fields[0]
                .split_whitespace()
                .map(|hex| char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap())
                .collect();
            let Some(out) = resolve(&chars, forced(fields[1])) else {
                continue;
            };
            tested += 1;
            if out.paragraph_level.number().to_string() != fields[2]
                || mismatch(fields[3], &out.levels)
            {
                failures.push(format!(
                    "line {}: {line}\n  got {:?}",
                    number + 1,
                    out.levels
                ));
            }
        }
        assert!(tested > 50_000, "only {tested} lines tested");
        assert!(
            failures.is_empty(),
            "{} of {tested} lines fail:\n{}",
            failures.len(),
            failures[..failures.len().min(20)].join("\n")
        );
    }

    /// A char of every class BidiTest.txt uses (no brackets among them).
    fn sample_char(class: &str) -> char {
        match class {
            "L" => 'a',
            "R" => '\u{05D0}',
            "AL" => '\u{0627}',
            "EN" => '1',
            "ES" => '+',
            "ET" => '%',
            "AN" => '\u{0660}',
            "CS" => ',',
            "NSM" => '\u{0300}',
            "BN" => '\u{200B}',
            "B" => '\u{2029}',
            "S" => '\t',
            "WS" => ' ',
            "ON" => '!',
            "LRE" => '\u{202A}',
            "RLE" => '\u{202B}',
            "PDF" => '\u{202C}',
            "LRO" => '\u{202D}',
            "RLO" => '\u{202E}',
            "LRI" => '\u{2066}',
            "RLI" => '\u{2067}',
            "FSI" => '\u{2068}',
            "PDI" => '\u{2069}',
            other => panic!("unknown class {other}"),
        }
    }

    /// BidiTest.txt, where the system has it (Debian's unicode-data puts it in
    /// /usr/share/unicode): every case without explicit formatting characters.
    #[test]
    fn class_sequence_file_levels() {
        let Ok(data) = std::fs::read_to_string("/usr/share/unicode/BidiTest.txt") else {
            eprintln!("BidiTest.txt not installed: skipped");
            return;
        };
        let (mut levels, mut tested, mut failures) = ("", 0, Vec::new());
        for (number, line) in data.lines().enumerate() {
            if let Some(rest) = line.strip_prefix("@Levels:") {
                levels = rest.trim();
                continue;
            }
            if line.starts_with(['#', '@']) || line.trim().is_empty() {
                continue;
            }
            let (input, bitset) = line.split_once(';').unwrap();
            let chars: Vec<char> = input.split_whitespace().map(sample_char).collect();
            let bitset: u8 = bitset.trim().parse().unwrap();
            for (bit, direction) in [(1, None), (2, Some(Level::ltr())), (4, Some(Level::rtl()))] {
                if bitset & bit == 0 {
                    continue;
                }
                let Some(out) = resolve(&chars, direction) else {
                    continue;
                };
                tested += 1;
                if mismatch(levels, &out.levels) {
                    failures.push(format!(
                        "line {}: {line} ({direction:?}): want {levels}, got {:?}",
                        number + 1,
                        out.levels
                    ));
                }
            }
        }
        assert!(tested > 100_000, "only {tested} cases tested");
        assert!(
            failures.is_empty(),
            "{} of {tested} cases fail:\n{}",
            failures.len(),
            failures[..failures.len().min(20)].join("\n")
        );
    }
}
