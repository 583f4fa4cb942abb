//! One component per screen or pane: each keeps its own state, answers the events it is given
//! and draws itself. Components know only the shared [`Context`], never each other or the app;
//! what one needs of another it asks through [`Context::request`].

pub mod claims;
pub mod feeds;
pub mod findings;
pub mod help;
pub mod list;
pub mod pair;
pub mod reader;
pub mod search;
pub mod status;
pub mod stories;

use crossterm::event::{MouseEvent, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::context::Context;
use crate::keymap::{Action, Key, KeyMap};
use crate::layout::ArticleLayout;

/// What a component is given to answer.
#[derive(Clone, Copy, Debug)]
pub enum Event {
    /// A key as typed, for a component that reads text (the search prompt).
    Key(Key),
    /// What a key is bound to.
    Action(Action),
    /// The mouse.
    Mouse(MouseEvent),
}

/// Whether a component took an event, or it goes on to the next in line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventState {
    /// Taken: nothing else answers it.
    Consumed,
    /// Not this component's: the next one may answer it.
    NotConsumed,
}

/// A screen or a pane: its events and its drawing, kept apart.
pub trait Component {
    /// Answers an event, changing the component's state and the shared one.
    fn event(&mut self, event: Event, ctx: &mut Context) -> EventState;

    /// Draws the component into `area`, remembering what it needs of the frame (areas for the
    /// mouse, page heights).
    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context);

    /// Where the user is, for the left end of the status bar: " 3/12 ".
    fn position(&mut self, _ctx: &mut Context) -> String {
        String::new()
    }

    /// The keys the component answers while it fills the screen, for the help and the status
    /// bar; `None` for a part of a screen (the findings panel, the search prompt).
    fn keys(&self) -> Option<&'static ViewKeys> {
        None
    }
}

/// The keys of a view: what its help lists and what its status bar hints at. Each view says
/// what an action does there ("next claim", "scroll the column"); the keys come from the key
/// map in effect, so both follow a config that rebinds them.
#[derive(Debug)]
pub struct ViewKeys {
    /// The view's name, in the help's title.
    pub view: &'static str,
    /// Every action the view answers and what it does there, in the help's order.
    pub help: &'static [(Action, &'static str)],
    /// The status bar's hints.
    pub hints: &'static [Hint],
}

/// A status-bar hint: the actions whose keys it names together ("j/k") and what they do.
#[derive(Clone, Copy, Debug)]
pub struct Hint {
    pub actions: &'static [Action],
    pub what: &'static str,
}

/// Actions every view answers, listed at the end of each help.
pub const EVERYWHERE: &[(Action, &str)] = &[
    (Action::ToggleShaping, "joined letters on/off (shaping)"),
    (Action::Help, "this help"),
    (Action::Quit, "quit"),
    (Action::Suspend, "suspend: back with fg"),
];

/// The keys of every view, for the checks that each action is answered somewhere.
pub fn every_view() -> [&'static ViewKeys; 6] {
    [
        &list::KEYS,
        &reader::KEYS,
        &stories::KEYS,
        &claims::KEYS,
        &pair::KEYS,
        &feeds::KEYS,
    ]
}

/// The hints as the status bar shows them, with the keys in effect: ("j/k", "move"). A hint
/// none of whose actions has a key is left out.
pub fn hint_labels(keymap: &KeyMap, hints: &[Hint]) -> Vec<(String, &'static str)> {
    hints
        .iter()
        .filter_map(|hint| {
            let labels: Vec<String> = hint
                .actions
                .iter()
                .filter_map(|&action| keymap.first_label(action))
                .collect();
            (!labels.is_empty()).then(|| (labels.join("/"), hint.what))
        })
        .collect()
}

/// Hints for a pane's lower border: " Enter: side by side · Esc: back ".
pub fn border_hints(keymap: &KeyMap, hints: &[Hint]) -> String {
    let hints: Vec<String> = hint_labels(keymap, hints)
        .into_iter()
        .map(|(keys, what)| format!("{keys}: {what}"))
        .collect();
    format!(" {} ", hints.join(" · "))
}

/// A message for a key the view does not answer: its hints, in a line.
pub fn not_here(keymap: &KeyMap, keys: &ViewKeys) -> String {
    let hints: Vec<String> = hint_labels(keymap, keys.hints)
        .into_iter()
        .map(|(keys, what)| format!("{keys} {what}"))
        .collect();
    format!("in {}: {}", keys.view.to_lowercase(), hints.join(", "))
}

/// Panes narrower than this show one at a time.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 80;

/// Rows of one item in the list and the findings panel: its title and a line of details.
pub const LIST_ITEM_HEIGHT: usize = 2;

/// How far a movement action moves a selection or a scroll, `page` being a page; `None` for
/// other actions. First and Last go as far as there is.
pub fn movement(action: Action, page: isize) -> Option<isize> {
    match action {
        Action::Down => Some(1),
        Action::Up => Some(-1),
        Action::PageDown => Some(page),
        Action::PageUp => Some(-page),
        Action::First => Some(isize::MIN),
        Action::Last => Some(isize::MAX),
        _ => None,
    }
}

/// `current` moved by `step` and kept among `count` items.
pub fn moved(current: usize, step: isize, count: usize) -> usize {
    current
        .saturating_add_signed(step)
        .min(count.saturating_sub(1))
}

/// A pane of two-row items (the list, the findings) answering a move key or the mouse: the item
/// it asks for (not yet kept inside the pane) and whether it was clicked, which also focuses the
/// pane; `None` for an event that is not for it.
pub fn item_target(
    event: &Event,
    area: Rect,
    selected: usize,
    offset: usize,
) -> Option<(usize, bool)> {
    match event {
        Event::Action(action) => {
            let page = (area.height as usize / LIST_ITEM_HEIGHT).max(1) as isize;
            movement(*action, page).map(|step| (selected.saturating_add_signed(step), false))
        }
        Event::Mouse(mouse) if is_over(mouse, area) => match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                Some((selected.saturating_add_signed(wheel(mouse)), false))
            }
            MouseEventKind::Down(_) => {
                let row = (mouse.row - area.y) as usize / LIST_ITEM_HEIGHT;
                Some((offset + row, true))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Lines in a page of a pane `height` rows high: one is kept from the last page.
pub fn page(height: u16) -> isize {
    height.max(2) as isize - 1
}

/// Which way the wheel turned (1 down, -1 up), or 0 for another mouse event.
pub fn wheel(mouse: &MouseEvent) -> isize {
    match mouse.kind {
        MouseEventKind::ScrollDown => 1,
        MouseEventKind::ScrollUp => -1,
        _ => 0,
    }
}

/// Whether the mouse is over `area`.
pub fn is_over(mouse: &MouseEvent, area: Rect) -> bool {
    area.contains(Position::new(mouse.column, mouse.row))
}

/// Keeps item `selected` of `count` inside a window of `rows` items starting at `offset`.
pub fn keep_in_view(selected: &mut usize, offset: &mut usize, count: usize, rows: usize) {
    *selected = (*selected).min(count.saturating_sub(1));
    let rows = rows.max(1);
    if *selected < *offset {
        *offset = *selected;
    } else if *selected >= *offset + rows {
        *offset = *selected + 1 - rows;
    }
}

/// Scrolls to a pending offset (a third down the pane) once the layout is known, and keeps the
/// scroll inside the text.
pub fn settle_scroll(
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

/// What the keys do on the reading screen, whichever pane has the keyboard.
pub const READING_HELP: &[(Action, &str)] = &[
    (Action::Down, "next article / scroll down"),
    (Action::Up, "previous article / scroll up"),
    (Action::First, "first article / top"),
    (Action::Last, "last article / bottom"),
    (Action::PageDown, "page down"),
    (Action::PageUp, "page up"),
    (Action::Open, "read the selected article"),
    (Action::SwitchPane, "list ⇄ reader"),
    (Action::Search, "search (hamza, ta marbuta… folded)"),
    (Action::NextMatch, "next match"),
    (Action::PreviousMatch, "previous match"),
    (Action::ToggleFindings, "figures & sources of the article"),
    (Action::ToggleStories, "stories: articles grouped by event"),
    (Action::Claims, "claims: where reports agree or conflict"),
    (Action::SideBySide, "this article side by side with another"),
    (Action::Feeds, "feeds: fetch progress, failures"),
    (Action::ReloadFeed, "fetch this article's feed again"),
    (Action::ReloadAll, "fetch all feeds again"),
    (Action::ToggleRead, "mark read / unread"),
    (Action::ToggleStar, "star / unstar"),
    (Action::OpenLink, "open the article's link in the browser"),
    (Action::Copy, "copy the finding selected, else the link"),
    (Action::Back, "reader: back to the list; list: quit"),
];

/// Status-bar hints of the reading screen's panes.
pub mod hint {
    use super::Hint;
    use crate::keymap::Action;

    pub const MOVE: Hint = Hint {
        actions: &[Action::Down, Action::Up],
        what: "move",
    };
    pub const PANE: Hint = Hint {
        actions: &[Action::SwitchPane],
        what: "pane",
    };
    pub const SEARCH: Hint = Hint {
        actions: &[Action::Search],
        what: "search",
    };
    pub const MATCH: Hint = Hint {
        actions: &[Action::NextMatch, Action::PreviousMatch],
        what: "match",
    };
    pub const CLAIMS: Hint = Hint {
        actions: &[Action::Claims],
        what: "claims",
    };
    pub const HELP: Hint = Hint {
        actions: &[Action::Help],
        what: "help",
    };
}
