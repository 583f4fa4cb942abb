//! The reader's state and how actions change it. Nothing here draws; [`super::view`] does.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use std::borrow::Cow;

use super::keys::{self, Action};
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
}

/// Rows of one article in the list: its title and a line of details.
pub const LIST_ITEM_HEIGHT: usize = 2;

/// The whole state of the interactive reader.
pub struct App {
    /// The articles.
    pub corpus: Corpus,
    /// Index of the selected article.
    pub selected: usize,
    /// Which pane has the keyboard.
    pub focus: Pane,
    /// How text is drawn.
    pub settings: Settings,
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
    /// A source offset the reader should scroll to once it knows its layout.
    pending_offset: Option<usize>,
    lexicon: Cow<'static, Lexicon>,
    extractions: Vec<Option<Rc<Extraction>>>,
    findings: Vec<Option<Rc<Vec<Finding>>>>,
    layouts: HashMap<(usize, LayoutOptions), Rc<ArticleLayout>>,
    titles: HashMap<LayoutOptions, Rc<Vec<TitleLine>>>,
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
        App {
            side: Side::Articles,
            finding: 0,
            finding_offset: 0,
            lexicon,
            extractions: vec![None; count],
            findings: vec![None; count],
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
            layouts: HashMap::new(),
            titles: HashMap::new(),
        }
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
        self.finding = self.finding.min(count.saturating_sub(1));
        let visible = visible.max(1);
        if self.finding < self.finding_offset {
            self.finding_offset = self.finding;
        } else if self.finding >= self.finding_offset + visible {
            self.finding_offset = self.finding + 1 - visible;
        }
    }

    fn select_finding(&mut self, index: isize) {
        let findings = self.findings(self.selected);
        self.finding = index.clamp(0, findings.len().saturating_sub(1) as isize) as usize;
        if let Some(finding) = findings.get(self.finding) {
            self.pending_offset = Some(finding.range.start);
        }
    }

    /// Every title as one visual line `width` columns wide, computed once per width.
    pub fn title_lines(&mut self, width: usize) -> Rc<Vec<TitleLine>> {
        let options = self.settings.layout(width);
        if self.titles.len() >= LAYOUT_CACHE_LIMIT {
            self.titles.clear();
        }
        let articles = &self.corpus.articles;
        self.titles
            .entry(options)
            .or_insert_with(|| {
                let mut layouter = Layouter::default();
                Rc::new(
                    articles
                        .iter()
                        .map(|article| first_line(&mut layouter, &article.title, options))
                        .collect(),
                )
            })
            .clone()
    }

    /// Resolves a pending jump now that the reader's layout and height are known, and keeps
    /// the scroll inside the article.
    pub fn settle_scroll(&mut self, layout: &ArticleLayout, height: usize) {
        let index = self.selected;
        if let Some(offset) = self.pending_offset.take() {
            if let Some(line) = layout.line_of_offset(offset) {
                self.scroll[index] = line.saturating_sub(height / 3);
            }
        }
        let last_top = layout.lines.len().saturating_sub(height.max(1));
        self.scroll[index] = self.scroll[index].min(last_top);
    }

    /// Keeps the selected article visible in a list of `rows` rows.
    pub fn settle_list(&mut self, rows: usize) {
        let visible = (rows / LIST_ITEM_HEIGHT).max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + visible {
            self.list_offset = self.selected + 1 - visible;
        }
    }

    /// Handles a key press.
    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.message = None;
        if self.search.input.is_some() {
            self.on_search_key(key);
            return;
        }
        if let Some(action) = keys::action_for(key) {
            self.apply(action);
        }
    }

    /// Handles a mouse event: the wheel scrolls the pane under the pointer, a click on the list
    /// selects an article.
    pub fn on_mouse(&mut self, mouse: MouseEvent) {
        let position = Position::new(mouse.column, mouse.row);
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
            MouseEventKind::ScrollDown if in_list => self.select(self.selected as isize + 1),
            MouseEventKind::ScrollUp if in_list => self.select(self.selected as isize - 1),
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
        let page = self.areas.reader.height.max(2) as isize - 1;
        let list_page = (self.areas.list.height as usize / LIST_ITEM_HEIGHT).max(1) as isize;
        let in_reader = self.focus == Pane::Reader;
        match action {
            Action::Down if in_reader => self.scroll_reader(1),
            Action::Up if in_reader => self.scroll_reader(-1),
            Action::PageDown if in_reader => self.scroll_reader(page),
            Action::PageUp if in_reader => self.scroll_reader(-page),
            Action::First if in_reader => self.scroll[self.selected] = 0,
            Action::Last if in_reader => self.scroll[self.selected] = usize::MAX,
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
            Action::Down => self.select(self.selected as isize + 1),
            Action::Up => self.select(self.selected as isize - 1),
            Action::PageDown => self.select(self.selected as isize + list_page),
            Action::PageUp => self.select(self.selected as isize - list_page),
            Action::First => self.select(0),
            Action::Last => self.select(isize::MAX),
            Action::Open => {
                if self.side == Side::Findings {
                    self.select_finding(self.finding as isize);
                }
                self.focus = Pane::Reader;
            }
            Action::SwitchPane => {
                self.focus = match self.focus {
                    Pane::List => Pane::Reader,
                    Pane::Reader => Pane::List,
                }
            }
            Action::Search => self.search.input = Some(String::new()),
            Action::NextMatch => self.jump_to_match(1),
            Action::PreviousMatch => self.jump_to_match(-1),
            Action::Help => self.show_help = !self.show_help,
            Action::ToggleFindings => {
                self.side = match self.side {
                    Side::Articles => Side::Findings,
                    Side::Findings => Side::Articles,
                };
                self.finding = 0;
                self.finding_offset = 0;
            }
            Action::ToggleShaping => {
                self.settings.shaping = !self.settings.shaping;
                let state = if self.settings.shaping { "on" } else { "off" };
                self.message = Some(format!("joined letters (shaping) {state}"));
            }
            Action::Back if in_reader => self.focus = Pane::List,
            Action::Back if self.side == Side::Findings => self.side = Side::Articles,
            Action::Back | Action::Quit => self.should_quit = true,
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

    fn select(&mut self, index: isize) {
        let last = self.corpus.articles.len().saturating_sub(1);
        self.set_article(index.clamp(0, last as isize) as usize);
    }

    /// Makes article `index` the one read; the findings panel starts again at its top.
    fn set_article(&mut self, index: usize) {
        if index != self.selected {
            self.finding = 0;
            self.finding_offset = 0;
        }
        self.selected = index;
    }

    fn scroll_reader(&mut self, lines: isize) {
        if let Some(scroll) = self.scroll.get_mut(self.selected) {
            *scroll = scroll.saturating_add_signed(lines);
        }
    }
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
