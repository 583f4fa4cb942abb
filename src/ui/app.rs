//! The reader's state and how actions change it. Nothing here draws; [`super::view`] does.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use std::borrow::Cow;

use rayon::prelude::*;

use super::feeds::Feeds;
use super::keys::{Action, KeyMap};
use crate::compare::{self, Comparison, Passage, Report, claim_key};
use crate::config::{Colors, Config};
use crate::corpus::Corpus;
use crate::extract::{self, Extraction, Lexicon};
use crate::layout::{
    ArticleLayout, HighlightKind, Highlights, LayoutOptions, Layouter, VisualLine,
};
use crate::text;

/// What the left pane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The articles.
    Articles,
    /// The figures and sources of the article being read.
    Findings,
}

/// A figure, or a source with all its mentions, as the findings panel lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Where it stands in the article text (a source's first mention).
    pub range: Range<usize>,
    /// A figure rather than a source.
    pub is_figure: bool,
    /// Value, what it counts and its source chain; or a source's name, type and mentions.
    pub label: String,
    /// The text as written (Arabic), shown right to left under the label.
    pub text: String,
}

/// What fills the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The list (or findings) and the article.
    Reader,
    /// The claims across all reports.
    Claims,
    /// Two reports side by side.
    SideBySide,
    /// The feeds: progress, failures, counts.
    Feeds,
}

/// Two reports side by side: which, the claim both columns show, and how they are scrolled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The reports of the two columns (the same one for a claim it makes twice).
    pub reports: [usize; 2],
    /// The claim shown, by index in the comparison.
    pub claim: Option<usize>,
    /// The mention of the claim each column shows: a byte range of its article text.
    pub mentions: [Option<Range<usize>>; 2],
    /// First visible line of each column.
    pub scroll: [usize; 2],
    /// The column that scrolls with j/k.
    pub focus: usize,
    /// Offsets each column should scroll to once it knows its layout.
    pending: [Option<usize>; 2],
    /// Where Esc goes back to.
    from: Screen,
}

/// What two reports share, marked in both: passages that say the same thing and the figures
/// inside them told differently.
#[derive(Clone, Debug, Default)]
pub struct PairMarks {
    /// Aligned sentences.
    pub passages: Vec<Passage>,
    /// Figures of each column that a passage of the other tells differently.
    pub conflicting: [Vec<Range<usize>>; 2],
}

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The list of articles.
    List,
    /// The article being read.
    Reader,
}

/// How text is drawn: chosen on the command line, shaping also toggled with a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Join Arabic letters (presentation forms).
    pub shaping: bool,
    /// Put lines in visual order (false: the terminal reorders them).
    pub reorder: bool,
    /// Use colours; false when `NO_COLOR` is set (highlights then use bold and underline).
    pub color: bool,
}

impl Settings {
    /// Layout options for a pane of `width` columns.
    pub fn layout(&self, width: usize) -> LayoutOptions {
        LayoutOptions {
            width,
            shaping: self.shaping,
            reorder: self.reorder,
        }
    }
}

/// One search match: an article and the bytes of its text that match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index of the article in the corpus.
    pub article: usize,
    /// Matching bytes of the article text; empty at the body's start for a title-only match.
    pub range: Range<usize>,
}

/// The search: what is being typed, the last query and its matches.
#[derive(Clone, Debug, Default)]
pub struct Search {
    /// The query being typed after `/`, while the prompt is open.
    pub input: Option<String>,
    /// The last query run.
    pub query: String,
    /// Its matches, by article then position.
    pub hits: Vec<Hit>,
    /// The match last jumped to.
    pub current: Option<usize>,
}

/// Screen areas of the last frame, for the mouse and for paging.
#[derive(Clone, Copy, Debug, Default)]
pub struct Areas {
    /// The list's rows (inside its border).
    pub list: Rect,
    /// The reader's text (inside its border).
    pub reader: Rect,
    /// The claims table's rows.
    pub claims: Rect,
    /// The two columns of the side-by-side view.
    pub columns: [Rect; 2],
    /// The feeds view's rows.
    pub feeds: Rect,
}

/// Rows of one article in the list: its title and a line of details.
pub const LIST_ITEM_HEIGHT: usize = 2;

/// The whole state of the interactive reader.
pub struct App {
    /// The articles.
    pub corpus: Corpus,
    /// Index of the selected article.
    pub selected: usize,
    /// The list, top to bottom: indices of the articles shown (all, or one feed's).
    pub rows: Vec<usize>,
    /// The selected article's row in `rows`.
    pub row: usize,
    /// Which pane has the keyboard.
    pub focus: Pane,
    /// How text is drawn.
    pub settings: Settings,
    /// Which keys do what.
    pub keymap: KeyMap,
    /// Colours of the theme (unless `settings.color` is off).
    pub colors: Colors,
    /// First visible line of each article in the reader, kept when moving between articles.
    pub scroll: Vec<usize>,
    /// First article shown in the list.
    pub list_offset: usize,
    /// The search.
    pub search: Search,
    /// The help overlay is open.
    pub show_help: bool,
    /// A one-line message for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// Areas of the last frame.
    pub areas: Areas,
    /// The reader asks to be quit.
    pub should_quit: bool,
    /// What the left pane shows.
    pub side: Side,
    /// The finding selected in the findings panel.
    pub finding: usize,
    /// First finding shown in the panel.
    pub finding_offset: usize,
    /// What fills the screen.
    pub screen: Screen,
    /// The claim selected in the claims table.
    pub claim: usize,
    /// First claim shown in the table.
    pub claim_offset: usize,
    /// The reports side by side.
    pub pair: Option<Pair>,
    /// Feeds, their fetching, and the read state of articles.
    pub feeds: Feeds,
    /// A source offset the reader should scroll to once it knows its layout.
    pending_offset: Option<usize>,
    /// A source offset the reader should show on its top line: where it was left.
    pub(super) pending_top: Option<usize>,
    comparison: Option<Rc<Comparison>>,
    pair_marks: HashMap<[usize; 2], Rc<PairMarks>>,
    lexicon: Cow<'static, Lexicon>,
    extractions: Vec<Option<Rc<Extraction>>>,
    findings: Vec<Option<Rc<Vec<Finding>>>>,
    layouts: HashMap<(usize, LayoutOptions), Rc<ArticleLayout>>,
    titles: HashMap<(usize, LayoutOptions), Rc<TitleLine>>,
    layouter: Layouter,
}

/// An article's title as one visual line, and whether it had to be cut.
#[derive(Clone, Debug)]
pub struct TitleLine {
    /// The first visual line of the title.
    pub line: VisualLine,
    /// More of the title did not fit.
    pub truncated: bool,
}

/// Layouts kept at most; resizing through many widths starts the cache afresh.
const LAYOUT_CACHE_LIMIT: usize = 64;
/// Title lines kept at most: many screens of the list at a few widths.
const TITLE_CACHE_LIMIT: usize = 4096;

impl App {
    /// A reader over `corpus` with the built-in lexicons, the first article selected.
    pub fn new(corpus: Corpus, settings: Settings) -> Self {
        Self::with_lexicon(corpus, settings, Cow::Borrowed(Lexicon::builtin()))
    }

    /// A reader whose figures and sources come from `lexicon`.
    pub fn with_lexicon(
        corpus: Corpus,
        settings: Settings,
        lexicon: Cow<'static, Lexicon>,
    ) -> Self {
        let count = corpus.articles.len();
        let config = Config::default();
        App {
            keymap: config.keys,
            colors: config.colors,
            screen: Screen::Reader,
            claim: 0,
            claim_offset: 0,
            pair: None,
            comparison: None,
            pair_marks: HashMap::new(),
            side: Side::Articles,
            finding: 0,
            finding_offset: 0,
            lexicon,
            extractions: vec![None; count],
            findings: vec![None; count],
            rows: (0..count).collect(),
            row: 0,
            corpus,
            selected: 0,
            focus: Pane::List,
            settings,
            scroll: vec![0; count],
            list_offset: 0,
            search: Search::default(),
            show_help: false,
            message: None,
            areas: Areas::default(),
            should_quit: false,
            pending_offset: None,
            pending_top: None,
            feeds: Feeds::default(),
            layouts: HashMap::new(),
            titles: HashMap::new(),
            layouter: Layouter::default(),
        }
    }

    /// The reader with the keys and colours of `config`; the rest of it (shaping, bidi,
    /// lexicons) is chosen with the command line into [`Settings`] and the lexicon.
    pub fn with_config(mut self, config: &Config) -> Self {
        self.keymap = config.keys.clone();
        self.colors = config.colors;
        self
    }

    /// The layout of article `index` for a pane `width` columns wide, computed once per
    /// (article, width, settings) and kept.
    pub fn layout(&mut self, index: usize, width: usize) -> Rc<ArticleLayout> {
        let options = self.settings.layout(width);
        if self.layouts.len() >= LAYOUT_CACHE_LIMIT {
            self.layouts.clear();
        }
        let article = &self.corpus.articles[index];
        self.layouts
            .entry((index, options))
            .or_insert_with(|| {
                Rc::new(ArticleLayout::new(
                    &article.text,
                    article.body.clone(),
                    options,
                ))
            })
            .clone()
    }

    /// Makes room in the per-article caches for articles added since they were sized; claims
    /// are computed again with them.
    pub(super) fn grow_caches(&mut self) {
        let count = self.corpus.articles.len();
        self.extractions.resize(count, None);
        self.findings.resize(count, None);
        self.scroll.resize(count, 0);
        self.comparison = None;
    }

    /// The figures and sources of article `index`, found once and kept.
    pub fn extraction(&mut self, index: usize) -> Rc<Extraction> {
        let article = &self.corpus.articles[index];
        let lexicon = &self.lexicon;
        self.extractions[index]
            .get_or_insert_with(|| {
                Rc::new(extract::extract(
                    &article.text,
                    article.body.clone(),
                    lexicon,
                ))
            })
            .clone()
    }

    /// Claims across every article, computed on first use and kept: every article's figures
    /// are found first, in parallel.
    pub fn comparison(&mut self) -> Rc<Comparison> {
        if let Some(comparison) = &self.comparison {
            return comparison.clone();
        }
        let missing: Vec<usize> = (0..self.corpus.articles.len())
            .filter(|&i| self.extractions[i].is_none())
            .collect();
        let articles = &self.corpus.articles;
        let lexicon: &Lexicon = &self.lexicon;
        let found: Vec<Extraction> = missing
            .par_iter()
            .map(|&i| extract::extract(&articles[i].text, articles[i].body.clone(), lexicon))
            .collect();
        for (i, extraction) in missing.into_iter().zip(found) {
            self.extractions[i] = Some(Rc::new(extraction));
        }
        let extractions: Vec<Rc<Extraction>> = (0..self.corpus.articles.len())
            .map(|i| self.extraction(i))
            .collect();
        let reports: Vec<Report> = self
            .corpus
            .articles
            .iter()
            .zip(&extractions)
            .map(|(article, extraction)| Report::new(article, extraction))
            .collect();
        let comparison = Rc::new(compare::compare(&reports, &self.lexicon));
        self.comparison = Some(comparison.clone());
        comparison
    }

    /// Passages two reports share and the figures in them told differently, found once.
    pub fn pair_marks(&mut self, reports: [usize; 2]) -> Rc<PairMarks> {
        if let Some(marks) = self.pair_marks.get(&reports) {
            return marks.clone();
        }
        let [a, b] = reports;
        let (first, second) = (&self.corpus.articles[a], &self.corpus.articles[b]);
        let passages = if a == b {
            Vec::new()
        } else {
            compare::align(
                &first.text,
                first.body.clone(),
                &second.text,
                second.body.clone(),
            )
        };
        let (ours, theirs) = (self.extraction(a), self.extraction(b));
        let mut conflicting: [Vec<Range<usize>>; 2] = Default::default();
        for passage in &passages {
            let lexicon: &Lexicon = &self.lexicon;
            for (f, key) in figures_in(&ours, &passage.first, lexicon) {
                for (g, other) in figures_in(&theirs, &passage.second, lexicon) {
                    if key == other && compare::disjoint(f, g) {
                        conflicting[0].push(f.start..f.end);
                        conflicting[1].push(g.start..g.end);
                    }
                }
            }
        }
        let marks = Rc::new(PairMarks {
            passages,
            conflicting,
        });
        self.pair_marks.insert(reports, marks.clone());
        marks
    }

    /// What to highlight in column `column` of the side-by-side view.
    pub fn pair_highlights(&mut self, column: usize) -> Highlights {
        let Some(pair) = self.pair.clone() else {
            return Highlights::default();
        };
        let index = pair.reports[column];
        let extraction = self.extraction(index);
        let marks = self.pair_marks(pair.reports);
        let mut highlights = Highlights::default();
        highlights.add(
            HighlightKind::Agreeing,
            marks.passages.iter().map(|p| {
                if column == 0 {
                    p.first.clone()
                } else {
                    p.second.clone()
                }
            }),
        );
        highlights.add(
            HighlightKind::Figure,
            extraction.figures.iter().map(|f| f.start..f.end),
        );
        highlights.add(
            HighlightKind::Source,
            extraction.sources.iter().map(|s| s.start..s.end),
        );
        highlights.add(
            HighlightKind::Conflicting,
            marks.conflicting[column].iter().cloned(),
        );
        highlights.add(HighlightKind::Selected, pair.mentions[column].clone());
        highlights
    }

    /// Claims both reports of the pair make (for one report shown twice, those it makes more
    /// than once), in table order.
    pub fn shared_claims(&mut self, reports: [usize; 2]) -> Vec<usize> {
        let comparison = self.comparison();
        comparison
            .claims
            .iter()
            .enumerate()
            .filter(|(_, claim)| {
                if reports[0] == reports[1] {
                    claim
                        .mentions
                        .iter()
                        .filter(|m| m.report == reports[0])
                        .count()
                        > 1
                } else {
                    claim.involves(reports[0], reports[1])
                }
            })
            .map(|(index, _)| index)
            .collect()
    }

    /// Shows claim `claim` in the pair: each column scrolls to its report's mention of it
    /// (for one report shown twice, to two mentions of different values).
    fn show_claim_in_pair(&mut self, claim: Option<usize>) {
        let comparison = self.comparison();
        let Some(pair) = self.pair.as_mut() else {
            return;
        };
        pair.claim = claim;
        pair.mentions = [None, None];
        let Some(claim) = claim.and_then(|c| comparison.claims.get(c)) else {
            return;
        };
        let first = claim.mentions.iter().find(|m| m.report == pair.reports[0]);
        let second = claim.mentions.iter().find(|m| {
            m.report == pair.reports[1]
                && first.is_none_or(|f| f.report != m.report || f.value != m.value)
        });
        for (column, mention) in [first, second].into_iter().enumerate() {
            if let Some(mention) = mention {
                let figure = &self.extractions[mention.report]
                    .as_ref()
                    .expect("compared reports are extracted")
                    .figures[mention.figure];
                pair.mentions[column] = Some(figure.start..figure.end);
                pair.pending[column] = Some(figure.start);
            }
        }
    }

    /// Opens the side-by-side view of the claim selected in the table: its first report and
    /// the first other report that tells it (a conflicting one first).
    fn open_claim(&mut self) {
        let comparison = self.comparison();
        let Some(claim) = comparison.claims.get(self.claim) else {
            // Below the claims come the quotes: show the first two reports that carry one.
            let Some(group) = comparison.quotes.get(self.claim - comparison.claims.len()) else {
                return;
            };
            let copies: Vec<(usize, Range<usize>)> = group
                .mentions
                .iter()
                .take(2)
                .map(|m| {
                    let quote = &self.extraction(m.report).quotes[m.quote];
                    (m.report, quote.start..quote.end)
                })
                .collect();
            self.open_pair([copies[0].0, copies[1].0], Screen::Claims);
            if let Some(pair) = self.pair.as_mut() {
                for (column, (_, range)) in copies.into_iter().enumerate() {
                    pair.pending[column] = Some(range.start);
                    pair.mentions[column] = Some(range);
                }
            }
            return;
        };
        let first = &claim.mentions[0];
        let second = claim
            .mentions
            .iter()
            .find(|m| {
                m.report != first.report
                    && claim.values[first.value].conflicts_with.contains(&m.value)
            })
            .or_else(|| claim.mentions.iter().find(|m| m.report != first.report))
            .or_else(|| claim.mentions.iter().find(|m| m.value != first.value))
            .unwrap_or(first);
        self.open_pair([first.report, second.report], Screen::Claims);
        let claim = self.claim;
        self.show_claim_in_pair(Some(claim));
    }

    /// Shows `reports` side by side, coming from `from`.
    fn open_pair(&mut self, reports: [usize; 2], from: Screen) {
        self.pair = Some(Pair {
            reports,
            claim: None,
            mentions: [None, None],
            scroll: [0, 0],
            focus: 0,
            pending: [None, None],
            from,
        });
        self.screen = Screen::SideBySide;
    }

    /// Moves the pair to the next (`step` 1) or previous (-1) claim both reports make.
    fn step_claim_in_pair(&mut self, step: isize) {
        let Some(pair) = self.pair.clone() else {
            return;
        };
        let shared = self.shared_claims(pair.reports);
        if shared.is_empty() {
            self.message = Some("these two reports share no claim".to_owned());
            return;
        }
        let position = pair.claim.and_then(|c| shared.iter().position(|&s| s == c));
        let next = match position {
            Some(p) => (p as isize + step).rem_euclid(shared.len() as isize) as usize,
            None if step > 0 => 0,
            None => shared.len() - 1,
        };
        self.show_claim_in_pair(Some(shared[next]));
        self.message = Some(format!(
            "claim {}/{} both reports make",
            next + 1,
            shared.len()
        ));
    }

    /// Puts the next (`step` 1) or previous (-1) report in the second column, keeping the
    /// claim when the new report makes it too.
    fn step_second_report(&mut self, step: isize) {
        let count = self.corpus.articles.len();
        let Some(pair) = self.pair.as_mut() else {
            return;
        };
        let mut second = pair.reports[1];
        for _ in 0..count {
            second = (second as isize + step).rem_euclid(count as isize) as usize;
            if second != pair.reports[0] || count == 1 {
                break;
            }
        }
        pair.reports[1] = second;
        pair.scroll[1] = 0;
        let claim = pair.claim;
        let reports = pair.reports;
        let keeps = claim.is_some_and(|c| self.shared_claims(reports).contains(&c));
        if keeps {
            self.show_claim_in_pair(claim);
        } else {
            let first = self.shared_claims(reports).first().copied();
            self.show_claim_in_pair(first);
        }
    }

    /// Resolves the pair's pending jumps once each column knows its layout and height.
    pub fn settle_pair_scroll(&mut self, column: usize, layout: &ArticleLayout, height: usize) {
        let Some(pair) = self.pair.as_mut() else {
            return;
        };
        settle_scroll(
            &mut pair.scroll[column],
            &mut pair.pending[column],
            layout,
            height,
        );
    }

    /// Keeps the selected claim visible in a table of `rows` rows.
    pub fn settle_claims(&mut self, count: usize, rows: usize) {
        keep_in_view(&mut self.claim, &mut self.claim_offset, count, rows);
    }

    fn select_claim(&mut self, index: isize) {
        let comparison = self.comparison();
        let count = comparison.claims.len() + comparison.quotes.len();
        self.claim = index.clamp(0, count.saturating_sub(1) as isize) as usize;
    }

    /// The findings panel's items for article `index`: figures in text order, then each
    /// source once with its number of mentions; built once and kept.
    pub fn findings(&mut self, index: usize) -> Rc<Vec<Finding>> {
        if let Some(findings) = &self.findings[index] {
            return findings.clone();
        }
        let extraction = self.extraction(index);
        let mut findings: Vec<Finding> = extraction
            .figures
            .iter()
            .map(|figure| Finding {
                range: figure.start..figure.end,
                is_figure: true,
                label: match figure.source_label() {
                    Some(source) => format!(
                        "{} {} · {source}",
                        figure.value_label(),
                        figure.claim_label()
                    ),
                    None => format!("{} {}", figure.value_label(), figure.claim_label()),
                },
                text: figure.text.clone(),
            })
            .collect();
        // Each source once, at its first mention, in text order.
        let mut mentions: HashMap<&str, (usize, usize)> = HashMap::new();
        for (position, source) in extraction.sources.iter().enumerate() {
            mentions.entry(&source.name).or_insert((position, 0)).1 += 1;
        }
        let mut firsts: Vec<(usize, usize)> = mentions.into_values().collect();
        firsts.sort_unstable();
        for (position, count) in firsts {
            let first = &extraction.sources[position];
            findings.push(Finding {
                range: first.start..first.end,
                is_figure: false,
                label: format!("{} · {} · {count}×", first.name, first.source_type.label()),
                text: first.text.clone(),
            });
        }
        let findings = Rc::new(findings);
        self.findings[index] = Some(findings.clone());
        findings
    }

    /// What to highlight in article `index`: figures, sources, the selected finding and the
    /// search matches.
    pub fn highlights(&mut self, index: usize) -> Highlights {
        let extraction = self.extraction(index);
        let mut highlights = Highlights::default();
        highlights.add(
            HighlightKind::Figure,
            extraction.figures.iter().map(|f| f.start..f.end),
        );
        highlights.add(
            HighlightKind::Source,
            extraction.sources.iter().map(|s| s.start..s.end),
        );
        if self.side == Side::Findings && index == self.selected {
            let findings = self.findings(index);
            if let Some(finding) = findings.get(self.finding) {
                highlights.add(
                    HighlightKind::Selected,
                    std::iter::once(finding.range.clone()),
                );
            }
        }
        highlights.add(
            HighlightKind::SearchMatch,
            self.hits_in(index).iter().map(|hit| hit.range.clone()),
        );
        if let Some(hit) = self.current_hit_in(index) {
            highlights.add(
                HighlightKind::CurrentMatch,
                std::iter::once(hit.range.clone()),
            );
        }
        highlights
    }

    /// Keeps the selected finding visible in a panel showing `visible` findings.
    pub fn settle_findings(&mut self, count: usize, visible: usize) {
        keep_in_view(&mut self.finding, &mut self.finding_offset, count, visible);
    }

    fn select_finding(&mut self, index: isize) {
        let findings = self.findings(self.selected);
        self.finding = index.clamp(0, findings.len().saturating_sub(1) as isize) as usize;
        if let Some(finding) = findings.get(self.finding) {
            self.pending_offset = Some(finding.range.start);
        }
    }

    /// Article `index`'s title as one visual line `width` columns wide, computed when first
    /// shown and kept: a list of thousands lays out only the rows it draws.
    pub fn title_line(&mut self, index: usize, width: usize) -> Rc<TitleLine> {
        let options = self.settings.layout(width);
        if self.titles.len() >= TITLE_CACHE_LIMIT {
            self.titles.clear();
        }
        let title = &self.corpus.articles[index].title;
        let layouter = &mut self.layouter;
        self.titles
            .entry((index, options))
            .or_insert_with(|| Rc::new(first_line(layouter, title, options)))
            .clone()
    }

    /// Resolves a pending jump now that the reader's layout and height are known, and keeps
    /// the scroll inside the article.
    pub fn settle_scroll(&mut self, layout: &ArticleLayout, height: usize) {
        let index = self.selected;
        if let Some(offset) = self.pending_top.take()
            && let Some(line) = layout.line_of_offset(offset)
        {
            self.scroll[index] = line;
        }
        settle_scroll(
            &mut self.scroll[index],
            &mut self.pending_offset,
            layout,
            height,
        );
    }

    /// Keeps the selected article visible in a list `height` rows high.
    pub fn settle_list(&mut self, height: usize) {
        let visible = height / LIST_ITEM_HEIGHT;
        keep_in_view(
            &mut self.row,
            &mut self.list_offset,
            self.rows.len(),
            visible,
        );
    }

    /// Handles a key press.
    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.message = None;
        self.feeds.following_top = false;
        if self.search.input.is_some() {
            self.on_search_key(key);
            return;
        }
        if let Some(action) = self.keymap.action_for(key) {
            self.apply(action);
        }
    }

    /// Handles a mouse event: the wheel scrolls the pane under the pointer, a click on the list
    /// selects an article.
    pub fn on_mouse(&mut self, mouse: MouseEvent) {
        let position = Position::new(mouse.column, mouse.row);
        if mouse.kind != MouseEventKind::Moved {
            self.feeds.following_top = false;
        }
        let step = match mouse.kind {
            MouseEventKind::ScrollDown => 1,
            MouseEventKind::ScrollUp => -1,
            _ => 0,
        };
        match self.screen {
            Screen::Claims if step != 0 && self.areas.claims.contains(position) => {
                self.select_claim(self.claim as isize + step);
                return;
            }
            Screen::SideBySide if step != 0 => {
                let column = self.areas.columns.iter().position(|c| c.contains(position));
                if let (Some(column), Some(pair)) = (column, self.pair.as_mut()) {
                    pair.scroll[column] = pair.scroll[column].saturating_add_signed(3 * step);
                }
                return;
            }
            Screen::Feeds if step != 0 => {
                let count = super::feeds::FEED_VIEW_FIXED_ROWS + self.feeds.feeds.len();
                let row = (self.feeds.selected as isize + step).clamp(0, count as isize - 1);
                self.feeds.selected = row as usize;
                return;
            }
            Screen::Claims | Screen::SideBySide | Screen::Feeds => return,
            Screen::Reader => {}
        }
        let in_list = self.areas.list.contains(position);
        let in_reader = self.areas.reader.contains(position);
        match mouse.kind {
            MouseEventKind::ScrollDown if in_reader => self.scroll_reader(3),
            MouseEventKind::ScrollUp if in_reader => self.scroll_reader(-3),
            MouseEventKind::ScrollDown if in_list && self.side == Side::Findings => {
                self.select_finding(self.finding as isize + 1)
            }
            MouseEventKind::ScrollUp if in_list && self.side == Side::Findings => {
                self.select_finding(self.finding as isize - 1)
            }
            MouseEventKind::ScrollDown if in_list => self.select(self.row as isize + 1),
            MouseEventKind::ScrollUp if in_list => self.select(self.row as isize - 1),
            MouseEventKind::Down(_) if in_list => {
                let row = (mouse.row - self.areas.list.y) as usize / LIST_ITEM_HEIGHT;
                match self.side {
                    Side::Articles => self.select((self.list_offset + row) as isize),
                    Side::Findings => self.select_finding((self.finding_offset + row) as isize),
                }
                self.focus = Pane::List;
            }
            MouseEventKind::Down(_) if in_reader => self.focus = Pane::Reader,
            _ => {}
        }
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        if self.show_help {
            // The overlay takes the keys that close it; the rest act underneath.
            if matches!(action, Action::Help | Action::Back) {
                self.show_help = false;
                return;
            }
        }
        match action {
            Action::Help => {
                self.show_help = !self.show_help;
                return;
            }
            Action::Quit => {
                self.should_quit = true;
                return;
            }
            Action::ToggleShaping => {
                self.settings.shaping = !self.settings.shaping;
                let state = if self.settings.shaping { "on" } else { "off" };
                self.message = Some(format!("joined letters (shaping) {state}"));
                return;
            }
            _ => {}
        }
        match self.screen {
            Screen::Claims => return self.apply_in_claims(action),
            Screen::SideBySide => return self.apply_in_pair(action),
            Screen::Feeds => return self.apply_in_feeds(action),
            Screen::Reader => {}
        }
        let needs_an_article = matches!(
            action,
            Action::Open
                | Action::Search
                | Action::NextMatch
                | Action::PreviousMatch
                | Action::ToggleFindings
                | Action::Claims
                | Action::SideBySide
                | Action::ToggleRead
                | Action::ToggleStar
        );
        if needs_an_article && self.rows.is_empty() {
            self.message = Some("no articles here (F: feeds)".to_owned());
            return;
        }
        let page = self.areas.reader.height.max(2) as isize - 1;
        let list_page = (self.areas.list.height as usize / LIST_ITEM_HEIGHT).max(1) as isize;
        let in_reader = self.focus == Pane::Reader;
        match action {
            Action::Down if in_reader => self.scroll_reader(1),
            Action::Up if in_reader => self.scroll_reader(-1),
            Action::PageDown if in_reader => self.scroll_reader(page),
            Action::PageUp if in_reader => self.scroll_reader(-page),
            Action::First if in_reader => self.scroll_reader(isize::MIN),
            Action::Last if in_reader => self.scroll_reader(isize::MAX),
            Action::Down if self.side == Side::Findings => {
                self.select_finding(self.finding as isize + 1)
            }
            Action::Up if self.side == Side::Findings => {
                self.select_finding(self.finding as isize - 1)
            }
            Action::PageDown if self.side == Side::Findings => {
                self.select_finding(self.finding as isize + list_page)
            }
            Action::PageUp if self.side == Side::Findings => {
                self.select_finding(self.finding as isize - list_page)
            }
            Action::First if self.side == Side::Findings => self.select_finding(0),
            Action::Last if self.side == Side::Findings => self.select_finding(isize::MAX),
            Action::Down => self.select(self.row as isize + 1),
            Action::Up => self.select(self.row as isize - 1),
            Action::PageDown => self.select(self.row as isize + list_page),
            Action::PageUp => self.select(self.row as isize - list_page),
            Action::First => self.select(0),
            Action::Last => self.select(isize::MAX),
            Action::Open => {
                if self.side == Side::Findings {
                    self.select_finding(self.finding as isize);
                }
                self.focus = Pane::Reader;
                self.set_read(self.selected, true);
            }
            Action::Feeds => self.open_feeds(),
            Action::ReloadFeed => self.reload_selected_feed(),
            Action::ReloadAll => self.reload(None),
            Action::ToggleRead => {
                let read = !self.state(self.selected).read;
                self.set_read(self.selected, read);
                self.message = Some(if read { "marked read" } else { "marked unread" }.to_owned());
            }
            Action::ToggleStar => self.toggle_star(self.selected),
            Action::SwitchPane => {
                self.focus = match self.focus {
                    Pane::List => Pane::Reader,
                    Pane::Reader => Pane::List,
                }
            }
            Action::Search => self.search.input = Some(String::new()),
            Action::NextMatch => self.jump_to_match(1),
            Action::PreviousMatch => self.jump_to_match(-1),
            Action::ToggleFindings => {
                self.side = match self.side {
                    Side::Articles => Side::Findings,
                    Side::Findings => Side::Articles,
                };
                self.finding = 0;
                self.finding_offset = 0;
            }
            Action::Claims => {
                self.comparison();
                self.screen = Screen::Claims;
            }
            Action::SideBySide => {
                let count = self.corpus.articles.len();
                let reports = [self.selected, (self.selected + 1) % count];
                self.open_pair(reports, Screen::Reader);
                let first = self.shared_claims(reports).first().copied();
                self.show_claim_in_pair(first);
            }
            Action::NextReport | Action::PreviousReport => {
                self.message =
                    Some("s: side by side first; then [ and ] change the second report".to_owned())
            }
            Action::ToggleShaping | Action::Help | Action::Quit => {}
            Action::Back if in_reader => self.focus = Pane::List,
            Action::Back if self.side == Side::Findings => self.side = Side::Articles,
            Action::Back => self.should_quit = true,
        }
    }

    /// Keys of the claims table.
    fn apply_in_claims(&mut self, action: Action) {
        let page = (self.areas.claims.height.max(2) - 1) as isize;
        match action {
            Action::Down => self.select_claim(self.claim as isize + 1),
            Action::Up => self.select_claim(self.claim as isize - 1),
            Action::PageDown => self.select_claim(self.claim as isize + page),
            Action::PageUp => self.select_claim(self.claim as isize - page),
            Action::First => self.select_claim(0),
            Action::Last => self.select_claim(isize::MAX),
            Action::Open | Action::SideBySide => self.open_claim(),
            Action::Claims | Action::Back => self.screen = Screen::Reader,
            _ => {
                self.message =
                    Some("in the claims table: j/k choose, Enter side by side, Esc back".to_owned())
            }
        }
    }

    /// Keys of the side-by-side view.
    fn apply_in_pair(&mut self, action: Action) {
        let Some(pair) = self.pair.as_mut() else {
            self.screen = Screen::Reader;
            return;
        };
        let column = pair.focus;
        let page = self.areas.columns[column].height.max(2) as isize - 1;
        let scroll = &mut pair.scroll[column];
        match action {
            Action::Down => *scroll = scroll.saturating_add(1),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = scroll.saturating_add_signed(page),
            Action::PageUp => *scroll = scroll.saturating_add_signed(-page),
            Action::First => *scroll = 0,
            Action::Last => *scroll = usize::MAX,
            Action::SwitchPane => pair.focus = 1 - pair.focus,
            Action::NextMatch => self.step_claim_in_pair(1),
            Action::PreviousMatch => self.step_claim_in_pair(-1),
            Action::NextReport => self.step_second_report(1),
            Action::PreviousReport => self.step_second_report(-1),
            Action::Claims => {
                if let Some(claim) = pair.claim {
                    self.claim = claim;
                }
                self.screen = Screen::Claims;
            }
            Action::Open => {
                let (article, offset) = (pair.reports[column], pair.mentions[column].clone());
                self.screen = Screen::Reader;
                self.set_article(article);
                self.focus = Pane::Reader;
                self.pending_offset = offset.map(|r| r.start);
            }
            Action::Back => self.screen = pair.from,
            _ => {
                self.message = Some(
                    "side by side: n/N claim, [ ] other report, Tab column, Esc back".to_owned(),
                )
            }
        }
    }

    fn on_search_key(&mut self, key: KeyEvent) {
        let Some(input) = self.search.input.as_mut() else {
            return;
        };
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if control => self.should_quit = true,
            KeyCode::Char('u') if control => input.clear(),
            KeyCode::Char(c) if !control => input.push(c),
            KeyCode::Backspace => {
                input.pop();
            }
            KeyCode::Esc => self.search.input = None,
            KeyCode::Enter => {
                let query = self.search.input.take().unwrap_or_default();
                self.run_search(query);
            }
            _ => {}
        }
    }

    /// Searches every title and body for `query` (Arabic spellings folded) and jumps to the
    /// first match at or after the selected article.
    pub fn run_search(&mut self, query: String) {
        self.search.hits.clear();
        self.search.current = None;
        self.search.query = query.trim().to_owned();
        if self.search.query.is_empty() {
            return;
        }
        // A place is found under every spelling the lexicon knows.
        let place = extract::place_named(&self.search.query, &self.lexicon);
        for index in 0..self.corpus.articles.len() {
            let places: Vec<Range<usize>> = match &place {
                Some(name) => self
                    .extraction(index)
                    .places
                    .iter()
                    .filter(|p| &p.name == name)
                    .map(|p| p.start..p.end)
                    .collect(),
                None => Vec::new(),
            };
            let article = &self.corpus.articles[index];
            let body = article.body.clone();
            let mut in_body: Vec<Range<usize>> =
                text::find_normalized(&article.text[body.clone()], &self.search.query)
                    .into_iter()
                    .map(|range| range.start + body.start..range.end + body.start)
                    .collect();
            for range in places {
                if !in_body
                    .iter()
                    .any(|r| r.start < range.end && range.start < r.end)
                {
                    in_body.push(range);
                }
            }
            in_body.sort_by_key(|range| range.start);
            if in_body.is_empty() {
                if !text::find_normalized(&article.title, &self.search.query).is_empty() {
                    self.search.hits.push(Hit {
                        article: index,
                        range: body.start..body.start,
                    });
                }
                continue;
            }
            self.search
                .hits
                .extend(in_body.into_iter().map(|range| Hit {
                    article: index,
                    range,
                }));
        }
        if self.search.hits.is_empty() {
            self.message = Some(format!("no match for “{}”", self.search.query));
            return;
        }
        let first = self
            .search
            .hits
            .iter()
            .position(|hit| hit.article >= self.selected)
            .unwrap_or(0);
        self.go_to_match(first);
    }

    fn jump_to_match(&mut self, step: isize) {
        let count = self.search.hits.len();
        if count == 0 {
            self.message = Some(if self.search.query.is_empty() {
                "no search yet: / to search".to_owned()
            } else {
                format!("no match for “{}”", self.search.query)
            });
            return;
        }
        let next = match self.search.current {
            Some(current) => (current as isize + step).rem_euclid(count as isize) as usize,
            None if step > 0 => 0,
            None => count - 1,
        };
        self.go_to_match(next);
    }

    fn go_to_match(&mut self, index: usize) {
        let hit = self.search.hits[index].clone();
        self.search.current = Some(index);
        self.set_article(hit.article);
        self.pending_offset = Some(hit.range.start);
        let articles = self
            .search
            .hits
            .iter()
            .map(|h| h.article)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        self.message = Some(format!(
            "match {}/{} in {} article{} for “{}”",
            index + 1,
            self.search.hits.len(),
            articles,
            if articles == 1 { "" } else { "s" },
            self.search.query
        ));
    }

    /// Search matches inside article `index`, in text order.
    pub fn hits_in(&self, index: usize) -> &[Hit] {
        let hits = &self.search.hits;
        let start = hits.partition_point(|hit| hit.article < index);
        let end = hits.partition_point(|hit| hit.article <= index);
        &hits[start..end]
    }

    /// The match last jumped to, if it is in article `index`.
    pub fn current_hit_in(&self, index: usize) -> Option<&Hit> {
        self.search
            .current
            .map(|current| &self.search.hits[current])
            .filter(|hit| hit.article == index)
    }

    /// Selects row `row` of the list, kept inside it.
    fn select(&mut self, row: isize) {
        let last = self.rows.len().saturating_sub(1);
        if let Some(&index) = self.rows.get(row.clamp(0, last as isize) as usize) {
            self.set_article(index);
        }
    }

    /// Makes article `index` the one read; the findings panel starts again at its top. An
    /// article the list does not show (another feed's) brings back the whole list.
    fn set_article(&mut self, index: usize) {
        if index != self.selected {
            self.finding = 0;
            self.finding_offset = 0;
            self.remember_current_position();
            // Back where the reader left it, the first time this session it is shown.
            let position = self.state(index).position;
            self.pending_top =
                (position > 0 && self.scroll.get(index) == Some(&0)).then_some(position);
        }
        self.selected = index;
        match self.rows.iter().position(|&shown| shown == index) {
            Some(row) => self.row = row,
            None => {
                self.feeds.filter = None;
                self.order_rows();
            }
        }
    }

    /// Makes `rows` the list, the selected article kept selected when it is among them.
    pub fn set_rows(&mut self, rows: Vec<usize>) {
        self.rows = rows;
        self.row = self
            .rows
            .iter()
            .position(|&index| index == self.selected)
            .unwrap_or(0);
        if let Some(&index) = self.rows.get(self.row) {
            self.selected = index;
        }
    }

    /// Keeps where the selected article is read from (the first text on the reader's top
    /// line), so that it opens there next time.
    pub(super) fn remember_current_position(&mut self) {
        let index = self.selected;
        let width = self.areas.reader.width as usize;
        // Not drawn since it was selected: where it was left is still the saved position.
        if self.pending_top.is_some() {
            return;
        }
        let Some(&top) = self.scroll.get(index) else {
            return;
        };
        let offset = if top == 0 {
            Some(0)
        } else {
            let options = self.settings.layout(width.max(1));
            self.layouts
                .get(&(index, options))
                .and_then(|layout| layout.offset_of_line(top))
        };
        if let Some(offset) = offset {
            self.remember_position(index, offset);
        }
    }

    /// Saves what is worth keeping before the reader ends.
    pub fn leave(&mut self) {
        self.remember_current_position();
    }

    fn scroll_reader(&mut self, lines: isize) {
        if let Some(scroll) = self.scroll.get_mut(self.selected) {
            *scroll = scroll.saturating_add_signed(lines);
        }
    }
}

/// Scrolls to a pending offset (a third down the pane) once the layout is known, and keeps the
/// scroll inside the text.
fn settle_scroll(
    scroll: &mut usize,
    pending: &mut Option<usize>,
    layout: &ArticleLayout,
    height: usize,
) {
    if let Some(offset) = pending.take()
        && let Some(line) = layout.line_of_offset(offset)
    {
        *scroll = line.saturating_sub(height / 3);
    }
    let last_top = layout.lines.len().saturating_sub(height.max(1));
    *scroll = (*scroll).min(last_top);
}

/// Keeps item `selected` of `count` inside a window of `rows` items starting at `offset`.
pub(super) fn keep_in_view(selected: &mut usize, offset: &mut usize, count: usize, rows: usize) {
    *selected = (*selected).min(count.saturating_sub(1));
    let rows = rows.max(1);
    if *selected < *offset {
        *offset = *selected;
    } else if *selected >= *offset + rows {
        *offset = *selected + 1 - rows;
    }
}

/// The figures of `extraction` inside `range` that make a claim, with its key.
fn figures_in<'a>(
    extraction: &'a Extraction,
    range: &Range<usize>,
    lexicon: &Lexicon,
) -> Vec<(&'a extract::Figure, compare::ClaimKey)> {
    extraction
        .figures
        .iter()
        .filter(|f| range.start <= f.start && f.end <= range.end)
        .filter_map(|f| Some((f, claim_key(f, lexicon)?)))
        .collect()
}

/// A title cut to one line, with a column kept for the ellipsis that marks a cut.
fn first_line(layouter: &mut Layouter, text: &str, options: LayoutOptions) -> TitleLine {
    let narrower = LayoutOptions {
        width: options.width.saturating_sub(1).max(1),
        ..options
    };
    let (mut line, truncated) = layouter.first_line(text, narrower);
    if line.direction == crate::layout::Direction::RightToLeft {
        // Flush right in the full width; a cut title's ellipsis goes in the column left of it.
        line.indent = options.width.saturating_sub(line.width);
    }
    TitleLine { line, truncated }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    fn app() -> App {
        App::new(
            corpus::sample(),
            Settings {
                shaping: true,
                reorder: true,
                color: true,
            },
        )
    }

    #[test]
    fn moving_in_the_list_stays_inside_it() {
        let mut app = app();
        app.apply(Action::Up);
        assert_eq!(app.selected, 0);
        app.apply(Action::Last);
        assert_eq!(app.selected, 4);
        app.apply(Action::Down);
        assert_eq!(app.selected, 4);
    }

    #[test]
    fn search_folds_hamza_and_finds_every_article() {
        let mut app = app();
        app.run_search("اعلن".to_owned());
        assert!(!app.search.hits.is_empty());
        let hit = &app.search.hits[0];
        let text = &app.corpus.articles[hit.article].text[hit.range.clone()];
        assert!(crate::text::normalize(text).contains("اعلن"), "{text}");
        app.apply(Action::NextMatch);
        assert_eq!(app.search.current, Some(1));
    }

    #[test]
    fn a_place_is_found_under_every_spelling() {
        let mut app = app();
        app.run_search("ألما آتا".to_owned());
        let spellings: std::collections::BTreeSet<String> = app
            .search
            .hits
            .iter()
            .map(|hit| {
                crate::text::normalize(&app.corpus.articles[hit.article].text[hit.range.clone()])
            })
            .collect();
        // The sample writes Almaty as ألماتي, ألمآتا and ألما آتا (normalised below).
        let expected: std::collections::BTreeSet<String> = ["الماتي", "الماتا", "الما اتا"]
            .into_iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(spellings, expected);
    }

    #[test]
    fn no_match_says_so() {
        let mut app = app();
        app.run_search("zzzz".to_owned());
        assert!(app.message.unwrap_or_default().contains("no match"));
    }

    #[test]
    fn back_from_the_reader_goes_to_the_list_then_quits() {
        let mut app = app();
        app.apply(Action::Open);
        app.apply(Action::Back);
        assert_eq!(app.focus, Pane::List);
        assert!(!app.should_quit);
        app.apply(Action::Back);
        assert!(app.should_quit);
    }

    #[test]
    fn layout_is_computed_once_per_article_and_width() {
        let mut app = app();
        let first = app.layout(0, 40);
        let again = app.layout(0, 40);
        assert!(Rc::ptr_eq(&first, &again));
        let wider = app.layout(0, 60);
        assert!(!Rc::ptr_eq(&first, &wider));
    }
}
