//! The reader: the state every screen shares ([`Context`]) and one component per screen. `App`
//! routes each key, mouse event and frame to the component on screen, and carries out what
//! components ask of each other.

use std::borrow::Cow;

use crossterm::event::{KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::components::claims::ClaimsTable;
use super::components::feeds::FeedsView;
use super::components::findings::FindingsPanel;
use super::components::help::Help;
use super::components::list::{self, ArticleList};
use super::components::pair::SideBySide;
use super::components::reader::Reader;
use super::components::search::SearchPrompt;
use super::components::stories::StoryList;
use super::components::{Component, Event, EventState, SIDE_BY_SIDE_MIN_WIDTH, ViewKeys, status};
use super::context::{Context, Pane, Request, Screen, Settings};
use super::feeds::{Feeds, NOT_SAVED_WITHOUT_CACHE, NotSaved};
use crate::config::Config;
use crate::corpus::Corpus;
use crate::extract::Lexicon;
use crate::keymap::Action;

/// What the left pane of the reading screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The articles.
    Articles,
    /// The figures and sources of the article being read.
    Findings,
    /// The stories: the articles grouped by event.
    Stories,
}

/// The interactive reader: what the screens share, and the screens.
pub struct App {
    /// What every screen shares: articles, feeds, settings, caches, the article read.
    pub ctx: Context,
    /// What fills the screen.
    pub screen: Screen,
    /// Which pane of the reading screen has the keyboard.
    pub focus: Pane,
    /// What the left pane of the reading screen shows.
    pub side: Side,
    /// The reader asks to be quit.
    pub should_quit: bool,
    /// The reader asks to give the shell back for now (Ctrl-Z).
    pub suspend_asked: bool,
    /// The list of articles.
    pub list: ArticleList,
    /// The stories, in the list's place.
    pub stories: StoryList,
    /// The article being read.
    pub reader: Reader,
    /// The figures and sources of the article read, in the list's place.
    pub findings: FindingsPanel,
    /// The claims across all reports.
    pub claims: ClaimsTable,
    /// Two reports side by side.
    pub side_by_side: SideBySide,
    /// The feeds.
    pub feeds_view: FeedsView,
    /// The search prompt.
    pub search: SearchPrompt,
    /// The key list.
    pub help: Help,
}

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
            ctx: Context::new(corpus, settings, lexicon),
            screen: Screen::Reader,
            focus: Pane::List,
            side: Side::Articles,
            should_quit: false,
            suspend_asked: false,
            list: ArticleList::default(),
            stories: StoryList::default(),
            reader: Reader::new(count),
            findings: FindingsPanel::default(),
            claims: ClaimsTable::default(),
            side_by_side: SideBySide::default(),
            feeds_view: FeedsView::default(),
            search: SearchPrompt::default(),
            help: Help::default(),
        }
    }

    /// The reader with the keys and colours of `config`; the rest of it (shaping, bidi,
    /// lexicons) is chosen with the command line into [`Settings`] and the lexicon.
    pub fn with_config(mut self, config: &Config) -> Self {
        self.ctx.keymap = config.keys.clone();
        self.ctx.colors = config.colors;
        self
    }

    /// Attaches feeds, the fetcher and the cache; read state of every article comes from it,
    /// and the article first shown opens where it was left.
    pub fn with_feeds(mut self, feeds: Feeds) -> Self {
        self.ctx.attach_feeds(feeds);
        self.reader
            .open_at(self.ctx.state(self.ctx.selected).position);
        self
    }

    /// Queues feed `feed` (all feeds with `None`) for fetching.
    pub fn reload(&mut self, feed: Option<usize>) {
        self.ctx.reload(feed);
    }

    /// Takes in what the fetcher has done since last asked; true when anything changed.
    pub fn poll_fetches(&mut self) -> bool {
        let changed = self.ctx.poll_fetches();
        self.reader.fit(self.ctx.corpus.articles.len());
        changed
    }

    /// Takes in what the worker has done since last asked (claims compared, matches found)
    /// and carries out what was waiting for it; true when anything changed.
    pub fn poll_work(&mut self) -> bool {
        let changed = self.ctx.take_work();
        self.carry_out_requests();
        changed
    }

    /// Whether anything runs in the background: feeds fetched, claims compared, a search.
    pub fn busy(&self) -> bool {
        self.ctx.feeds.busy() || self.ctx.work_under_way().is_some()
    }

    /// Saves what is worth keeping before the reader ends.
    pub fn leave(&mut self) {
        self.reader.remember_position(&mut self.ctx);
    }

    /// Handles a key press.
    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.ctx.message = None;
        self.ctx.feeds.following_top = false;
        let key = super::key_of(key);
        if self.search.is_typing() {
            self.search.event(Event::Key(key), &mut self.ctx);
            self.carry_out_requests();
            return;
        }
        if let Some(action) = self.ctx.keymap.action_for(key) {
            self.apply(action);
        }
    }

    /// Handles pasted text: typed into the search prompt when it is open, else left alone (a
    /// paste is never read as keys).
    pub fn on_paste(&mut self, text: &str) {
        if self.search.is_typing() {
            self.search.paste(text);
        }
    }

    /// Handles a mouse event: the wheel scrolls the pane under the pointer, a click on the list
    /// selects an article.
    pub fn on_mouse(&mut self, mouse: MouseEvent) {
        if mouse.kind != MouseEventKind::Moved {
            self.ctx.feeds.following_top = false;
        }
        let event = Event::Mouse(mouse);
        if self.help.event(event, &mut self.ctx) == EventState::Consumed {
            return;
        }
        if self.screen == Screen::Reader {
            // Panes do not overlap: the one under the pointer takes it.
            if self.reader.event(event, &mut self.ctx) == EventState::NotConsumed {
                let (pane, ctx) = self.left_pane();
                pane.event(event, ctx);
            }
        } else {
            let (component, ctx) = self.shown();
            component.event(event, ctx);
        }
        self.carry_out_requests();
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        if self.help.event(Event::Action(action), &mut self.ctx) == EventState::Consumed {
            return;
        }
        match action {
            Action::Help => {
                let keys = self.keys_shown();
                self.help.open(keys);
                return;
            }
            // Back first dismisses a warning, so it is not lost to a stray key.
            Action::Back if self.ctx.showing_warnings() => {
                self.ctx.warnings_dismissed = true;
                return;
            }
            // Then it stops what the worker is doing.
            Action::Back if self.ctx.cancel_work() => return,
            Action::Quit => {
                self.should_quit = true;
                return;
            }
            Action::Suspend => {
                self.suspend_asked = true;
                return;
            }
            Action::ToggleShaping => {
                let settings = &mut self.ctx.settings;
                settings.shaping = !settings.shaping;
                let state = if settings.shaping { "on" } else { "off" };
                self.ctx.message = Some(format!("joined letters (shaping) {state}"));
                return;
            }
            _ => {}
        }
        if self.screen == Screen::Reader {
            self.apply_in_reading(action);
        } else {
            let (component, ctx) = self.shown();
            component.event(Event::Action(action), ctx);
        }
        self.carry_out_requests();
    }

    /// Keys of the reading screen: the pane with the keyboard moves, the rest is the screen's.
    fn apply_in_reading(&mut self, action: Action) {
        let needs_an_article = matches!(
            action,
            Action::Open
                | Action::Search
                | Action::NextMatch
                | Action::PreviousMatch
                | Action::ToggleFindings
                | Action::ToggleStories
                | Action::Claims
                | Action::SideBySide
                | Action::ToggleRead
                | Action::ToggleStar
                | Action::OpenLink
                | Action::Copy
        );
        let ctx = &mut self.ctx;
        if needs_an_article && ctx.rows.is_empty() {
            let feeds = ctx.keymap.name_of(Action::Feeds);
            ctx.message = Some(format!("no articles here ({feeds}: feeds)"));
            return;
        }
        let pane: &mut dyn Component = match (self.focus, self.side) {
            (Pane::Reader, _) => &mut self.reader,
            (Pane::List, Side::Findings) => &mut self.findings,
            (Pane::List, Side::Articles) => &mut self.list,
            (Pane::List, Side::Stories) => &mut self.stories,
        };
        if pane.event(Event::Action(action), ctx) == EventState::Consumed {
            return;
        }
        let selected = ctx.selected;
        match action {
            Action::Open => {
                if self.side == Side::Findings {
                    self.findings.choose(ctx);
                }
                self.focus = Pane::Reader;
                // Without a cache the status bar says so already; a failed write is told.
                if let Err(NotSaved::Failed(message)) = ctx.set_read(selected, true) {
                    ctx.message = Some(message);
                }
            }
            Action::Feeds => self.feeds_view.open(ctx),
            Action::ReloadFeed => {
                match ctx
                    .corpus
                    .articles
                    .get(selected)
                    .and_then(|article| ctx.feeds.feed_of(article))
                {
                    Some(feed) => ctx.reload(Some(feed)),
                    None if ctx.feeds.feeds.is_empty() => ctx.reload(None),
                    None => {
                        let all = ctx.keymap.name_of(Action::ReloadAll);
                        ctx.message = Some(format!("this article is not from a feed ({all}: all)"))
                    }
                }
            }
            Action::ReloadAll => ctx.reload(None),
            Action::ToggleRead => {
                let read = !ctx.state(selected).read;
                let done = if read { "marked read" } else { "marked unread" };
                ctx.message = Some(match ctx.set_read(selected, read) {
                    Ok(()) => done.to_owned(),
                    Err(NotSaved::NoCache) => format!("{done}, {NOT_SAVED_WITHOUT_CACHE}"),
                    Err(NotSaved::Failed(message)) => message,
                });
            }
            Action::ToggleStar => ctx.toggle_star(selected),
            Action::OpenLink => match ctx
                .corpus
                .articles
                .get(selected)
                .and_then(|a| a.url.clone())
            {
                Some(url) => ctx.open_link(&url),
                None => ctx.message = Some("this article has no link".to_owned()),
            },
            Action::Copy => {
                let finding = (self.side == Side::Findings)
                    .then(|| self.findings.selected_text(ctx))
                    .flatten();
                let article = ctx.corpus.articles.get(selected);
                let link = article.and_then(|article| article.url.clone());
                let title = article.map(|article| article.title.clone());
                match (finding, link, title) {
                    (Some(text), _, _) => ctx.copy(text, "finding"),
                    (None, Some(url), _) => ctx.copy(url, "link"),
                    (None, None, title) => ctx.copy(title.unwrap_or_default(), "title"),
                }
            }
            Action::SwitchPane => {
                self.focus = match self.focus {
                    Pane::List => Pane::Reader,
                    Pane::Reader => Pane::List,
                }
            }
            Action::Search => self.search.open(),
            Action::NextMatch => self.search.jump(1, ctx),
            Action::PreviousMatch => self.search.jump(-1, ctx),
            Action::ToggleFindings => {
                self.side = match self.side {
                    Side::Articles | Side::Stories => Side::Findings,
                    Side::Findings => Side::Articles,
                };
                self.findings.rewind();
                // The panel opened is the pane the keys go to, and on a narrow terminal the
                // one shown.
                if self.side == Side::Findings {
                    self.focus = Pane::List;
                }
            }
            Action::ToggleStories => {
                if self.side == Side::Stories {
                    self.side = Side::Articles;
                } else {
                    ctx.close_story();
                    self.stories.open(ctx);
                    self.side = Side::Stories;
                    self.focus = Pane::List;
                }
            }
            Action::Claims => ctx.with_claims(Request::Show(Screen::Claims)),
            Action::SideBySide => ctx.with_claims(Request::CompareWithNext),
            Action::NextReport | Action::PreviousReport => {
                ctx.message = Some(format!(
                    "{}: side by side first; then {} and {} change the second report",
                    ctx.keymap.name_of(Action::SideBySide),
                    ctx.keymap.name_of(Action::PreviousReport),
                    ctx.keymap.name_of(Action::NextReport),
                ))
            }
            Action::Back => match (self.focus, self.side) {
                (Pane::Reader, _) => self.focus = Pane::List,
                (Pane::List, Side::Findings | Side::Stories) => self.side = Side::Articles,
                // Out of a story, back to the stories.
                (Pane::List, Side::Articles) if ctx.story_filter.is_some() => {
                    ctx.close_story();
                    self.stories.open(ctx);
                    self.side = Side::Stories;
                }
                (Pane::List, Side::Articles) => self.should_quit = true,
            },
            // Movement belongs to the panes; the rest was handled before the screen.
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last
            | Action::ToggleShaping
            | Action::Help
            | Action::Quit
            | Action::Suspend => {}
        }
    }

    /// Carries out what components asked for, in order, and what that asks in turn.
    fn carry_out_requests(&mut self) {
        loop {
            let requests = self.ctx.take_requests();
            if requests.is_empty() {
                return;
            }
            for request in requests {
                match request {
                    Request::Select(index) => self.set_article(index),
                    Request::ScrollTo(offset) => self.reader.scroll_to(offset),
                    Request::Focus(pane) => self.focus = pane,
                    Request::Show(screen) => self.screen = screen,
                    Request::ListArticles => self.side = Side::Articles,
                    Request::SelectClaim(row) => self.claims.selected = row,
                    Request::CompareClaim(row) => {
                        self.side_by_side.compare_claim(row, &mut self.ctx)
                    }
                    Request::CompareWithNext => self.side_by_side.compare_with_next(&mut self.ctx),
                    Request::FirstMatch => self.search.first_match(&mut self.ctx),
                    Request::Quit => self.should_quit = true,
                }
            }
        }
    }

    /// Makes article `index` the one read; the reader keeps where the last one was left and
    /// the findings panel starts again at its top.
    fn set_article(&mut self, index: usize) {
        if index != self.ctx.selected {
            self.findings.rewind();
            self.reader.turn_to(index, &mut self.ctx);
        }
        self.ctx.select(index);
    }

    /// The component filling the screen (on the reading screen, the list or the reader,
    /// whichever has the keyboard), with the shared state to hand it.
    fn shown(&mut self) -> (&mut dyn Component, &mut Context) {
        let component: &mut dyn Component = match (self.screen, self.focus) {
            // The findings panel tells the list's position and keys.
            (Screen::Reader, Pane::List) => match self.side {
                Side::Articles | Side::Findings => &mut self.list,
                Side::Stories => &mut self.stories,
            },
            (Screen::Reader, Pane::Reader) => &mut self.reader,
            (Screen::Claims, _) => &mut self.claims,
            (Screen::SideBySide, _) => &mut self.side_by_side,
            (Screen::Feeds, _) => &mut self.feeds_view,
        };
        (component, &mut self.ctx)
    }

    /// The keys of the view filling the screen.
    fn keys_shown(&mut self) -> &'static ViewKeys {
        self.shown().0.keys().unwrap_or(&list::KEYS)
    }

    /// The left pane of the reading screen: the list, or the findings panel in its place;
    /// with the shared state to hand it.
    fn left_pane(&mut self) -> (&mut dyn Component, &mut Context) {
        let pane: &mut dyn Component = match self.side {
            Side::Articles => &mut self.list,
            Side::Findings => &mut self.findings,
            Side::Stories => &mut self.stories,
        };
        (pane, &mut self.ctx)
    }

    /// Draws the whole screen: the screen shown, the status bar, the help over them.
    pub fn draw(&mut self, frame: &mut Frame) {
        let area = frame.area();
        if area.is_empty() {
            return;
        }
        let [main, status] = if area.height >= 2 {
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area)
        } else {
            [area, Rect::default()]
        };
        if self.screen == Screen::Reader {
            self.draw_reading(frame, main);
        } else {
            let (component, ctx) = self.shown();
            component.draw(frame, main, ctx);
        }
        if !status.is_empty() {
            if self.search.is_typing() {
                self.search.draw(frame, status, &mut self.ctx);
            } else {
                let keys = self.keys_shown();
                let position = if self.screen == Screen::Reader && self.ctx.rows.is_empty() {
                    " 0/0 ".to_owned()
                } else {
                    let (component, ctx) = self.shown();
                    component.position(ctx)
                };
                status::draw(frame, status, &self.ctx, position, keys.hints);
            }
        }
        self.help.draw(frame, area, &mut self.ctx);
    }

    /// The list (or findings) and the reader: side by side when wide enough, else the focused
    /// one; a pane left out forgets where it was.
    fn draw_reading(&mut self, frame: &mut Frame, main: Rect) {
        self.list.focused = self.focus == Pane::List;
        self.findings.focused = self.focus == Pane::List;
        self.stories.focused = self.focus == Pane::List;
        self.reader.focused = self.focus == Pane::Reader;
        if main.width >= SIDE_BY_SIDE_MIN_WIDTH {
            let list_width = (main.width * 2 / 5).clamp(24, 60);
            let [list, reader] =
                Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)])
                    .areas(main);
            let (pane, ctx) = self.left_pane();
            pane.draw(frame, list, ctx);
            self.draw_reader(frame, reader);
        } else {
            match self.focus {
                Pane::List => {
                    let (pane, ctx) = self.left_pane();
                    pane.draw(frame, main, ctx);
                    self.reader.hide();
                }
                Pane::Reader => {
                    self.draw_reader(frame, main);
                    self.list.hide();
                    self.findings.hide();
                    self.stories.hide();
                }
            }
        }
    }

    /// The reader, marking the finding chosen in the findings panel when it is open.
    fn draw_reader(&mut self, frame: &mut Frame, area: Rect) {
        self.reader.mark = match self.side {
            Side::Findings => self.findings.selected_range(&mut self.ctx),
            Side::Articles | Side::Stories => None,
        };
        self.reader.draw(frame, area, &mut self.ctx);
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

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

    fn search(app: &mut App, query: &str) {
        app.search.run(query.to_owned(), &mut app.ctx);
        app.carry_out_requests();
        finish_work(app);
    }

    /// Takes in the worker's updates until it has nothing left to do for the app.
    fn finish_work(app: &mut App) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while app.ctx.work_under_way().is_some() {
            assert!(
                std::time::Instant::now() < deadline,
                "the worker never finished"
            );
            app.poll_work();
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// `c` before the stories are grouped waits for them, as the event loop groups them a step
    /// at a time between keys, then compares; the progress says which.
    #[test]
    fn claims_asked_before_the_stories_are_grouped_wait_for_them() {
        let mut app = App::new(
            corpus::scaled_corpus(200),
            Settings {
                shaping: true,
                reorder: true,
                color: false,
            },
        );
        app.apply(Action::Claims);
        assert_eq!(app.screen, Screen::Reader);
        assert_eq!(
            app.ctx.work_under_way().map(|(what, ..)| what),
            Some("grouping stories")
        );
        let mut steps = 0;
        while app.ctx.stories_if_grouped().is_none() {
            app.ctx.group_step();
            steps += 1;
        }
        assert!(steps > 0);
        assert_eq!(
            app.ctx.work_under_way().map(|(what, ..)| what),
            Some("comparing")
        );
        finish_work(&mut app);
        assert_eq!(app.screen, Screen::Claims);
    }

    /// A paste goes into the open prompt at once, controls as spaces, up to the cap; keys past
    /// the cap type nothing, and with no prompt open a paste does nothing at all.
    #[test]
    fn a_paste_types_into_the_search_prompt_up_to_its_cap() {
        use crate::ui::components::search::MAX_QUERY_CHARS;
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = app();
        app.on_paste("q");
        assert!(!app.search.is_typing());
        assert_eq!(app.screen, Screen::Reader);
        app.apply(Action::Search);
        app.on_paste("قتلى\nألماتي");
        assert_eq!(app.search.input.as_deref(), Some("قتلى ألماتي"));
        let megabyte = "خبر عاجل\n".repeat(120_000);
        app.on_paste(&megabyte);
        let input = app.search.input.clone().unwrap();
        assert_eq!(input.chars().count(), MAX_QUERY_CHARS);
        assert!(!input.contains('\n'));
        app.on_key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
        assert_eq!(app.search.input.as_deref(), Some(input.as_str()));
        app.on_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(
            app.search.input.as_ref().map(|i| i.chars().count()),
            Some(MAX_QUERY_CHARS - 1)
        );
    }

    /// A search asked while another runs replaces it: only the last one's matches come in.
    #[test]
    fn a_search_replaced_or_stopped_brings_no_matches() {
        let mut app = app();
        app.search.run("اعلن".to_owned(), &mut app.ctx);
        app.search.run("zzzz".to_owned(), &mut app.ctx);
        finish_work(&mut app);
        assert_eq!(app.ctx.matches.query, "zzzz");
        assert!(app.ctx.matches.hits.is_empty());
        assert!(
            app.ctx
                .message
                .clone()
                .unwrap_or_default()
                .contains("no match")
        );

        app.search.run("اعلن".to_owned(), &mut app.ctx);
        assert_eq!(
            app.ctx.work_under_way().map(|(what, ..)| what),
            Some("searching")
        );
        app.apply(Action::Back);
        assert!(app.ctx.work_under_way().is_none());
        assert!(
            app.ctx
                .message
                .clone()
                .unwrap_or_default()
                .contains("stopped")
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
        app.poll_work();
        assert!(
            app.ctx.matches.hits.is_empty(),
            "a stopped search's matches came in"
        );
    }

    /// The claims of a big story are compared by the worker: the key returns at once with
    /// progress in the status bar, the claims table opens when they are in, and they are the
    /// claims comparing on the keypress would give. Back stops it instead.
    #[test]
    fn a_big_story_is_compared_in_the_background() {
        let big = || {
            App::new(
                corpus::scaled_corpus(200),
                Settings {
                    shaping: true,
                    reorder: true,
                    color: false,
                },
            )
        };
        let mut app = big();
        app.ctx.stories();
        app.apply(Action::Claims);
        assert_eq!(app.screen, Screen::Reader, "not before the claims are in");
        let (what, _, total) = app.ctx.work_under_way().expect("comparing");
        assert_eq!((what, total), ("comparing", 200));
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 20)).expect("terminal");
        terminal.draw(|frame| app.draw(frame)).expect("drawn");
        let status: String = (0..100)
            .map(|x| terminal.backend().buffer()[(x, 19)].symbol().to_owned())
            .collect();
        assert!(status.contains("comparing"), "{status}");
        finish_work(&mut app);
        assert_eq!(app.screen, Screen::Claims);
        let in_background = app.ctx.comparison();
        let mut at_once = big();
        assert_eq!(*at_once.ctx.comparison(), *in_background);
        assert!(!in_background.claims.is_empty());

        let mut stopped = big();
        stopped.ctx.stories();
        stopped.apply(Action::Claims);
        stopped.apply(Action::Back);
        assert!(stopped.ctx.work_under_way().is_none());
        std::thread::sleep(std::time::Duration::from_millis(300));
        stopped.poll_work();
        assert_eq!(
            stopped.screen,
            Screen::Reader,
            "a stopped comparison opened the claims"
        );
    }

    #[test]
    fn moving_in_the_list_stays_inside_it() {
        let mut app = app();
        app.apply(Action::Up);
        assert_eq!(app.ctx.selected, 0);
        app.apply(Action::Last);
        assert_eq!(app.ctx.selected, 4);
        app.apply(Action::Down);
        assert_eq!(app.ctx.selected, 4);
    }

    #[test]
    fn search_folds_hamza_and_finds_every_article() {
        let mut app = app();
        search(&mut app, "اعلن");
        let matches = &app.ctx.matches;
        assert!(!matches.hits.is_empty());
        let hit = &matches.hits[0];
        let text = &app.ctx.corpus.articles[hit.article].text[hit.range.clone()];
        assert!(crate::text::normalize(text).contains("اعلن"), "{text}");
        app.apply(Action::NextMatch);
        assert_eq!(app.ctx.matches.current, Some(1));
    }

    #[test]
    fn a_place_is_found_under_every_spelling() {
        let mut app = app();
        search(&mut app, "ألما آتا");
        let spellings: std::collections::BTreeSet<String> = app
            .ctx
            .matches
            .hits
            .iter()
            .map(|hit| {
                crate::text::normalize(
                    &app.ctx.corpus.articles[hit.article].text[hit.range.clone()],
                )
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
    fn a_source_is_found_under_every_spelling() {
        let mut app = app();
        search(&mut app, "توقاييف");
        let hits = &app.ctx.matches.hits;
        let articles: std::collections::BTreeSet<usize> =
            hits.iter().map(|hit| hit.article).collect();
        // Four reports write Tokayev توكاييف, one توقاييف: every report is found.
        assert_eq!(articles.len(), 5, "{hits:?}");
        assert!(hits.iter().any(|hit| {
            app.ctx.corpus.articles[hit.article].text[hit.range.clone()].contains("توكاييف")
        }));
    }

    #[test]
    fn no_match_says_so() {
        let mut app = app();
        search(&mut app, "zzzz");
        assert!(app.ctx.message.unwrap_or_default().contains("no match"));
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
        let first = app.ctx.layout(0, 40);
        let again = app.ctx.layout(0, 40);
        assert!(Rc::ptr_eq(&first, &again));
        let wider = app.ctx.layout(0, 60);
        assert!(!Rc::ptr_eq(&first, &wider));
    }
}
