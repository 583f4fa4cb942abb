//! Two reports side by side (stacked when narrow): each column scrolled to its mention of a
//! claim both make, the passages they share and the figures they tell differently marked.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::TitlePosition;

use super::{
    Component, Event, EventState, Hint, SIDE_BY_SIDE_MIN_WIDTH, ViewKeys, is_over, movement,
    not_here, page, settle_scroll, wheel,
};
use crate::compare::{self, Claim, Passage, Status, claim_key, time_between};
use crate::extract::{self, Extraction, Lexicon};
use crate::keymap::Action;
use crate::layout::label::{self, text_width};
use crate::layout::{HighlightKind, Highlights};
use crate::ui::context::{Context, Pane, Request, Screen};
use crate::ui::view::{
    draw_border_label, draw_label, draw_lines, pane_block, report_name, source_chain,
};

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

/// The side-by-side view: the pair shown, and what each pair of reports shares, found once.
#[derive(Default)]
pub struct SideBySide {
    /// The reports side by side, once a pair was opened.
    pub pair: Option<Pair>,
    /// The two columns' text, as last drawn.
    columns: [Rect; 2],
    marks: HashMap<[usize; 2], Rc<PairMarks>>,
}

impl SideBySide {
    /// Shows `reports` side by side, coming from `from`.
    fn open(&mut self, reports: [usize; 2], from: Screen, ctx: &mut Context) {
        self.pair = Some(Pair {
            reports,
            claim: None,
            mentions: [None, None],
            scroll: [0, 0],
            focus: 0,
            pending: [None, None],
            from,
        });
        ctx.request(Request::Show(Screen::SideBySide));
    }

    /// The article read beside the report of its story that shares the most claims with it,
    /// at the first claim both make; beside itself when its story has no other report.
    pub fn compare_with_next(&mut self, ctx: &mut Context) {
        let others = story_mates(ctx.selected, ctx);
        let second = others
            .iter()
            .copied()
            .max_by_key(|&other| {
                let shared = self.shared_claims([ctx.selected, other], ctx).len();
                // Most shared claims; among equals, the first in the story.
                (
                    shared,
                    std::cmp::Reverse(others.iter().position(|&o| o == other)),
                )
            })
            .unwrap_or(ctx.selected);
        if others.is_empty() {
            ctx.message = Some("no other report of this story".to_owned());
        }
        let reports = [ctx.selected, second];
        self.open(reports, Screen::Reader, ctx);
        let first = self.shared_claims(reports, ctx).first().copied();
        self.show_claim(first, ctx);
    }

    /// Row `row` of the claims table side by side: a claim's first report and the first other
    /// report that tells it (a conflicting one first), or the first two copies of a quote.
    pub fn compare_claim(&mut self, row: usize, ctx: &mut Context) {
        let comparison = ctx.comparison();
        let Some(claim) = comparison.claims.get(row) else {
            // Below the claims come the quotes: show the first two reports that carry one.
            let Some(group) = comparison.quotes.get(row - comparison.claims.len()) else {
                return;
            };
            let copies: Vec<(usize, Range<usize>)> = group
                .mentions
                .iter()
                .take(2)
                .map(|m| {
                    let quote = &ctx.extraction(m.report).quotes[m.quote];
                    (m.report, quote.start..quote.end)
                })
                .collect();
            self.open([copies[0].0, copies[1].0], Screen::Claims, ctx);
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
                    && claim.values[first.value].conflicts_with.contains(m.value)
            })
            .or_else(|| claim.mentions.iter().find(|m| m.report != first.report))
            .or_else(|| claim.mentions.iter().find(|m| m.value != first.value))
            .unwrap_or(first);
        self.open([first.report, second.report], Screen::Claims, ctx);
        self.show_claim(Some(row), ctx);
    }

    /// Passages two reports share and the figures in them told differently, found once.
    pub fn marks(&mut self, reports: [usize; 2], ctx: &mut Context) -> Rc<PairMarks> {
        if let Some(marks) = self.marks.get(&reports) {
            return marks.clone();
        }
        let [a, b] = reports;
        ctx.read_texts(&reports);
        let (first, second) = (&ctx.corpus.articles[a], &ctx.corpus.articles[b]);
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
        let (ours, theirs) = (ctx.extraction(a), ctx.extraction(b));
        let mut conflicting: [Vec<Range<usize>>; 2] = Default::default();
        for passage in &passages {
            let lexicon = ctx.lexicon();
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
        self.marks.insert(reports, marks.clone());
        marks
    }

    /// What to highlight in column `column`.
    fn highlights(&mut self, column: usize, ctx: &mut Context) -> Highlights {
        let Some(pair) = self.pair.clone() else {
            return Highlights::default();
        };
        let marks = self.marks(pair.reports, ctx);
        let mut highlights = ctx.highlights(pair.reports[column]);
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
            HighlightKind::Conflicting,
            marks.conflicting[column].iter().cloned(),
        );
        highlights.add(HighlightKind::Selected, pair.mentions[column].clone());
        highlights
    }

    /// Claims both reports of the pair make (for one report shown twice, those it makes more
    /// than once), in table order.
    pub fn shared_claims(&self, reports: [usize; 2], ctx: &mut Context) -> Vec<usize> {
        let comparison = ctx.comparison();
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
    fn show_claim(&mut self, claim: Option<usize>, ctx: &mut Context) {
        let comparison = ctx.comparison();
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
                let figure = &ctx.extraction(mention.report).figures[mention.figure];
                pair.mentions[column] = Some(figure.start..figure.end);
                pair.pending[column] = Some(figure.start);
            }
        }
    }

    /// Moves the pair to the next (`step` 1) or previous (-1) claim both reports make.
    fn step_claim(&mut self, step: isize, ctx: &mut Context) {
        let Some(pair) = self.pair.clone() else {
            return;
        };
        let shared = self.shared_claims(pair.reports, ctx);
        if shared.is_empty() {
            ctx.message = Some("these two reports share no claim".to_owned());
            return;
        }
        let position = pair.claim.and_then(|c| shared.iter().position(|&s| s == c));
        let next = match position {
            Some(p) => (p as isize + step).rem_euclid(shared.len() as isize) as usize,
            None if step > 0 => 0,
            None => shared.len() - 1,
        };
        self.show_claim(Some(shared[next]), ctx);
        ctx.message = Some(format!(
            "claim {}/{} both reports make",
            next + 1,
            shared.len()
        ));
    }

    /// Puts the next (`step` 1) or previous (-1) report in the second column, keeping the
    /// claim when the new report makes it too.
    fn step_second_report(&mut self, step: isize, ctx: &mut Context) {
        let Some(first) = self.pair.as_ref().map(|pair| pair.reports[0]) else {
            return;
        };
        let others = story_mates(first, ctx);
        let Some(pair) = self.pair.as_mut() else {
            return;
        };
        if others.is_empty() {
            ctx.message = Some("no other report of this story".to_owned());
            return;
        }
        let count = others.len() as isize;
        let next = match others.iter().position(|&o| o == pair.reports[1]) {
            Some(at) => (at as isize + step).rem_euclid(count),
            None if step > 0 => 0,
            None => count - 1,
        };
        let second = others[next as usize];
        pair.reports[1] = second;
        pair.scroll[1] = 0;
        let claim = pair.claim;
        let reports = pair.reports;
        let shared = self.shared_claims(reports, ctx);
        if claim.is_some_and(|c| shared.contains(&c)) {
            self.show_claim(claim, ctx);
        } else {
            self.show_claim(shared.first().copied(), ctx);
        }
    }
}

impl Component for SideBySide {
    fn event(&mut self, event: Event, ctx: &mut Context) -> EventState {
        let action = match event {
            Event::Action(action) => action,
            Event::Mouse(mouse) if wheel(&mouse) != 0 => {
                let column = self.columns.iter().position(|&c| is_over(&mouse, c));
                if let (Some(column), Some(pair)) = (column, self.pair.as_mut()) {
                    pair.scroll[column] =
                        pair.scroll[column].saturating_add_signed(3 * wheel(&mouse));
                }
                return EventState::Consumed;
            }
            _ => return EventState::NotConsumed,
        };
        let Some(pair) = self.pair.as_mut() else {
            ctx.request(Request::Show(Screen::Reader));
            return EventState::Consumed;
        };
        let column = pair.focus;
        if let Some(lines) = movement(action, page(self.columns[column].height)) {
            pair.scroll[column] = pair.scroll[column].saturating_add_signed(lines);
            return EventState::Consumed;
        }
        match action {
            Action::SwitchPane => pair.focus = 1 - pair.focus,
            Action::NextMatch => self.step_claim(1, ctx),
            Action::PreviousMatch => self.step_claim(-1, ctx),
            Action::NextReport => self.step_second_report(1, ctx),
            Action::PreviousReport => self.step_second_report(-1, ctx),
            Action::Claims => {
                if let Some(claim) = pair.claim {
                    ctx.request(Request::SelectClaim(claim));
                }
                ctx.request(Request::Show(Screen::Claims));
            }
            Action::Open => {
                let (article, offset) = (pair.reports[column], pair.mentions[column].clone());
                ctx.request(Request::Show(Screen::Reader));
                ctx.request(Request::Select(article));
                ctx.request(Request::Focus(Pane::Reader));
                ctx.request(Request::ScrollTo(offset.map(|r| r.start)));
            }
            Action::Back => ctx.request(Request::Show(pair.from)),
            _ => ctx.message = Some(not_here(&ctx.keymap, &KEYS)),
        }
        EventState::Consumed
    }

    /// Two reports in two columns (stacked when narrow), each scrolled to its mention of the
    /// claim.
    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &mut Context) {
        let Some(pair) = self.pair.clone() else {
            return;
        };
        let theme = ctx.theme();
        let comparison = ctx.comparison();
        let claim = pair.claim.and_then(|c| comparison.claims.get(c));
        let [header, columns_area] = if area.height >= 3 {
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area)
        } else {
            [Rect::default(), area]
        };
        if !header.is_empty() {
            let (text, style) = match claim {
                Some(claim) => match revision_shown(ctx, &pair, claim) {
                    // "updated: 95 → 317, a day later": a revision, not a dispute.
                    Some(update) => (
                        format!(
                            "{} {update} · {} · n/N next claim · [ ] other report",
                            Status::Update.symbol(),
                            label::join(claim.label_parts(), " · ")
                        ),
                        theme.status_style(Status::Update),
                    ),
                    None => (
                        format!(
                            "{} {} · {} · n/N next claim · [ ] other report",
                            claim.status.symbol(),
                            claim.status.label(),
                            label::join(claim.label_parts(), " · ")
                        ),
                        theme.status_style(claim.status),
                    ),
                },
                None if pair.mentions.iter().all(Option::is_some) => (
                    "≈ a quote both reports carry · [ ] other report".to_owned(),
                    theme.agree,
                ),
                None => (
                    "no claim both reports make · [ ] other report".to_owned(),
                    theme.details,
                ),
            };
            draw_label(frame.buffer_mut(), header, &text, ctx.settings, style);
        }
        let stacked = columns_area.width < SIDE_BY_SIDE_MIN_WIDTH + 20;
        let columns: [Rect; 2] = if stacked {
            Layout::vertical([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(columns_area)
        } else {
            Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)])
                .areas(columns_area)
        };
        for (column, column_area) in columns.into_iter().enumerate() {
            let index = pair.reports[column];
            let extraction = ctx.extraction(index);
            let said = claim
                .and_then(|claim| {
                    let range = pair.mentions[column].clone()?;
                    claim.mentions.iter().find(|m| {
                        m.report == index && extraction.figures[m.figure].start == range.start
                    })
                })
                .map(|mention| {
                    let figure = &extraction.figures[mention.figure];
                    label::join(
                        [
                            figure.value_label(),
                            source_chain(figure.source.as_deref(), &figure.via).unwrap_or_default(),
                        ],
                        " · ",
                    )
                })
                .or_else(|| {
                    // A quote both carry: who each says it is from.
                    let range = pair.mentions[column].as_ref()?;
                    let quote = extraction.quotes.iter().find(|q| q.start == range.start)?;
                    source_chain(quote.source.as_deref(), &quote.via)
                })
                .unwrap_or_else(|| "–".to_owned());
            let position = format!("{}/{}", index + 1, ctx.corpus.articles.len());
            // Room for the name inside the border, its spaces and " · position".
            let room = (column_area.width as usize)
                .saturating_sub(4 + text_width(" · ") + text_width(&position));
            let title = label::join(
                [report_name(&ctx.corpus.articles[index], room), position],
                " · ",
            );
            let block = pane_block(String::new(), pair.focus == column, &theme);
            let inner = block.inner(column_area);
            frame.render_widget(block, column_area);
            let buf = frame.buffer_mut();
            let settings = ctx.settings;
            draw_border_label(
                buf,
                column_area,
                TitlePosition::Top,
                &title,
                settings,
                Style::new(),
            );
            draw_border_label(
                buf,
                column_area,
                TitlePosition::Bottom,
                &said,
                settings,
                theme.figure,
            );
            self.columns[column] = inner;
            if inner.is_empty() {
                continue;
            }
            let layout = ctx.layout(index, inner.width as usize);
            if let Some(shown) = self.pair.as_mut() {
                settle_scroll(
                    &mut shown.scroll[column],
                    &mut shown.pending[column],
                    &layout,
                    inner.height as usize,
                );
            }
            let highlights = self.highlights(column, ctx);
            let top = self.pair.as_ref().map_or(0, |p| p.scroll[column]);
            draw_lines(frame.buffer_mut(), inner, &layout, top, &highlights, &theme);
        }
    }

    fn position(&mut self, _ctx: &mut Context) -> String {
        match &self.pair {
            Some(pair) => format!(" {} ⇄ {} ", pair.reports[0] + 1, pair.reports[1] + 1),
            None => String::new(),
        }
    }

    fn keys(&self) -> Option<&'static ViewKeys> {
        Some(&KEYS)
    }
}

/// The keys of side by side.
pub const KEYS: ViewKeys = ViewKeys {
    view: "Side by side",
    help: &[
        (Action::Down, "scroll the column down"),
        (Action::Up, "scroll the column up"),
        (Action::First, "top of the column"),
        (Action::Last, "end of the column"),
        (Action::PageDown, "page down"),
        (Action::PageUp, "page up"),
        (Action::SwitchPane, "the other column"),
        (Action::NextMatch, "next claim"),
        (Action::PreviousMatch, "previous claim"),
        (Action::NextReport, "next report in the second column"),
        (
            Action::PreviousReport,
            "previous report in the second column",
        ),
        (Action::Open, "read the column's report"),
        (Action::Claims, "the claims table at this claim"),
        (Action::Back, "back"),
    ],
    hints: &[
        Hint {
            actions: &[Action::NextMatch, Action::PreviousMatch],
            what: "claim",
        },
        Hint {
            actions: &[Action::PreviousReport, Action::NextReport],
            what: "report",
        },
        Hint {
            actions: &[Action::SwitchPane],
            what: "column",
        },
        Hint {
            actions: &[Action::Open],
            what: "read",
        },
        Hint {
            actions: &[Action::Back],
            what: "back",
        },
    ],
};

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

/// The other reports of `article`'s story, oldest first.
fn story_mates(article: usize, ctx: &mut Context) -> Vec<usize> {
    let stories = ctx.stories();
    stories
        .of(article)
        .map(|story| {
            story
                .articles
                .iter()
                .copied()
                .filter(|&other| other != article)
                .collect()
        })
        .unwrap_or_default()
}

/// "updated: 95 → 317, a day later" when the two columns show values of `claim` one of which
/// revises the other.
fn revision_shown(ctx: &mut Context, pair: &Pair, claim: &Claim) -> Option<String> {
    let mut shown = [None, None];
    for (column, slot) in shown.iter_mut().enumerate() {
        let range = pair.mentions[column].clone()?;
        let report = pair.reports[column];
        let extraction = ctx.extraction(report);
        let mention = claim
            .mentions
            .iter()
            .find(|m| m.report == report && extraction.figures[m.figure].start == range.start)?;
        let figure = &extraction.figures[mention.figure];
        *slot = Some((mention.value, figure.value_label(), figure.moment));
    }
    let [Some((a, a_label, a_moment)), Some((b, b_label, b_moment))] = shown else {
        return None;
    };
    let ((earlier, earlier_moment), (later, later_moment)) = if claim.revises(b, a) {
        ((a_label, a_moment), (b_label, b_moment))
    } else if claim.revises(a, b) {
        ((b_label, b_moment), (a_label, a_moment))
    } else {
        return None;
    };
    let gap = match (earlier_moment, later_moment) {
        (Some(earlier), Some(later)) => format!(", {}", time_between(earlier, later)),
        _ => ", later".to_owned(),
    };
    Some(format!("updated: {earlier} → {later}{gap}"))
}
