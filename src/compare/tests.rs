//! Unit tests of claim building.

use super::*;
use crate::extract::Qualifier;

/// A count figure with the given interval, event, subject and source; everything else empty.
fn figure(
    low: Option<f64>,
    high: Option<f64>,
    event: Option<&str>,
    subject: Option<&str>,
    source: Option<&str>,
) -> Figure {
    Figure {
        start: 0,
        end: 0,
        text: String::new(),
        low,
        high,
        qualifier: Qualifier::Exact,
        kind: FigureKind::Count,
        unit: None,
        event: event.map(str::to_owned),
        subject: subject.map(str::to_owned),
        source: source.map(str::to_owned),
        via: Vec::new(),
        place: None,
        when: Vec::new(),
        time: crate::extract::FigureTime::default(),
        as_of: None,
        moment: None,
        scope: None,
        preliminary: None,
        correction: false,
    }
}

/// An exact count of people killed, with no source of its own.
fn killed(value: f64) -> Figure {
    figure(Some(value), Some(value), Some("killed"), None, None)
}

fn extraction(figures: Vec<Figure>) -> Extraction {
    Extraction {
        figures,
        ..Extraction::default()
    }
}

/// Outlets named "outlet 0", "outlet 1" … one per extraction.
fn run(extractions: &[Extraction]) -> Comparison {
    let outlets: Vec<String> = (0..extractions.len())
        .map(|i| format!("outlet {i}"))
        .collect();
    let reports: Vec<Report> = extractions
        .iter()
        .zip(&outlets)
        .map(|(extraction, outlet)| Report {
            outlet,
            extraction,
            copy_of: None,
        })
        .collect();
    compare(&reports, Lexicon::builtin())
}

/// The one claim the reports make.
fn only_claim(extractions: &[Extraction]) -> Claim {
    let comparison = run(extractions);
    assert_eq!(
        comparison.claims.len(),
        1,
        "expected one claim: {:#?}",
        comparison.claims
    );
    comparison.claims.into_iter().next().unwrap()
}

/// The status of one claim told as each figure in its own report.
fn status_of(figures: Vec<Figure>) -> Status {
    let extractions: Vec<Extraction> = figures.into_iter().map(|f| extraction(vec![f])).collect();
    only_claim(&extractions).status
}

fn key(figure: &Figure) -> Option<ClaimKey> {
    claim_key(figure, Lexicon::builtin())
}

// ── Agreement and conflict ─────────────────────────────────────────────────────────────────

#[test]
fn overlapping_intervals_agree() {
    let status = status_of(vec![
        figure(Some(10.0), Some(20.0), Some("killed"), None, None),
        figure(Some(15.0), Some(30.0), Some("killed"), None, None),
    ]);
    assert_eq!(status, Status::Agree);
}

#[test]
fn disjoint_values_conflict() {
    let claim = only_claim(&[extraction(vec![killed(8.0)]), extraction(vec![killed(7.0)])]);
    assert_eq!(claim.status, Status::Conflict);
    assert_eq!(claim.values.len(), 2);
    assert_eq!(claim.values[0].low, Some(7.0));
    assert_eq!(claim.values[1].low, Some(8.0));
    assert_eq!(
        claim.values[0].conflicts_with.iter().collect::<Vec<_>>(),
        [1]
    );
    assert_eq!(
        claim.values[1].conflicts_with.iter().collect::<Vec<_>>(),
        [0]
    );
}

#[test]
fn open_lower_bounds_agree() {
    // "أكثر من 200" and "أكثر من 3 آلاف" can both be true.
    let status = status_of(vec![
        figure(Some(200.0), None, Some("killed"), None, None),
        figure(Some(3000.0), None, Some("killed"), None, None),
    ]);
    assert_eq!(status, Status::Agree);
}

#[test]
fn dated_open_bounds_of_one_time_are_estimates_near_them() {
    let more_than = |value: f64, source: &str| {
        let mut figure = dated(value, 0, source);
        figure.high = None;
        figure
    };
    // "أكثر من 100" and "أكثر من 200" of one day: two estimates that differ.
    assert_eq!(
        pair_status(
            more_than(100.0, "Health Ministry"),
            more_than(200.0, "Governor")
        ),
        Status::Conflict
    );
    // "أكثر من 850" and "نحو 900": one estimate.
    let mut about = dated(810.0, 0, "Police");
    about.high = Some(990.0);
    assert_eq!(
        pair_status(more_than(850.0, "Fire Service"), about),
        Status::Agree
    );
}

#[test]
fn a_count_of_a_group_without_its_event_joins_the_event_that_counts_it() {
    // "تشمل الحصيلة 19 أجنبيا" and "قتل 26 أجنبيا": one quantity.
    let comparison = run(&[
        extraction(vec![figure(
            Some(19.0),
            Some(19.0),
            None,
            Some("foreigners"),
            None,
        )]),
        extraction(vec![figure(
            Some(26.0),
            Some(26.0),
            Some("killed"),
            Some("foreigners"),
            None,
        )]),
    ]);
    assert_eq!(comparison.claims.len(), 1);
    assert_eq!(comparison.claims[0].key.event.as_deref(), Some("killed"));
    assert_eq!(comparison.claims[0].mentions.len(), 2);
    // Two events counting the group: it stays apart.
    let comparison = run(&[
        extraction(vec![figure(
            Some(19.0),
            Some(19.0),
            None,
            Some("foreigners"),
            None,
        )]),
        extraction(vec![
            figure(
                Some(26.0),
                Some(26.0),
                Some("killed"),
                Some("foreigners"),
                None,
            ),
            figure(
                Some(40.0),
                Some(40.0),
                Some("injured"),
                Some("foreigners"),
                None,
            ),
        ]),
    ]);
    assert_eq!(comparison.claims.len(), 3);
}

#[test]
fn approximate_value_agrees_with_exact_one_inside_it() {
    let status = status_of(vec![
        figure(Some(2.7), Some(3.3), Some("killed"), None, None),
        killed(3.0),
    ]);
    assert_eq!(status, Status::Agree);
}

#[test]
fn vague_range_agrees_with_exact_value_inside_it() {
    // "عشرات" and 26.
    let status = status_of(vec![
        figure(Some(20.0), Some(99.0), Some("killed"), None, None),
        killed(26.0),
    ]);
    assert_eq!(status, Status::Agree);
}

#[test]
fn pairwise_overlap_is_needed_for_agreement() {
    // Each value overlaps its neighbour, but 1–5 and 7–9 cannot both be true.
    let claim = only_claim(&[
        extraction(vec![figure(
            Some(4.0),
            Some(8.0),
            Some("killed"),
            None,
            None,
        )]),
        extraction(vec![figure(
            Some(7.0),
            Some(9.0),
            Some("killed"),
            None,
            None,
        )]),
        extraction(vec![figure(
            Some(1.0),
            Some(5.0),
            Some("killed"),
            None,
            None,
        )]),
    ]);
    assert_eq!(claim.status, Status::Conflict);
    let bounds: Vec<(Option<f64>, Option<f64>)> =
        claim.values.iter().map(|v| (v.low, v.high)).collect();
    assert_eq!(
        bounds,
        vec![
            (Some(1.0), Some(5.0)),
            (Some(4.0), Some(8.0)),
            (Some(7.0), Some(9.0))
        ],
        "values lowest first"
    );
    assert_eq!(
        claim.values[0].conflicts_with.iter().collect::<Vec<_>>(),
        [2]
    );
    assert!(claim.values[1].conflicts_with.is_empty());
    assert_eq!(
        claim.values[2].conflicts_with.iter().collect::<Vec<_>>(),
        [0]
    );
    // Mentions point at the sorted values: report 0 told 4–8, report 1 7–9, report 2 1–5.
    let told: Vec<(usize, usize)> = claim.mentions.iter().map(|m| (m.report, m.value)).collect();
    assert_eq!(told, vec![(0, 1), (1, 2), (2, 0)]);
    for (index, value) in claim.values.iter().enumerate() {
        for &m in &value.mentions {
            assert_eq!(claim.mentions[m].value, index);
        }
    }
}

// ── Single claims ──────────────────────────────────────────────────────────────────────────

#[test]
fn one_report_one_statement_is_single() {
    let claim = only_claim(&[extraction(vec![killed(8.0)])]);
    assert_eq!(claim.status, Status::Single);
    assert_eq!(claim.reports, 1);

    // The same statement repeated in the report, same value and source, is still one.
    let repeated = figure(Some(8.0), Some(8.0), Some("killed"), None, Some("Police"));
    let claim = only_claim(&[extraction(vec![repeated.clone(), repeated])]);
    assert_eq!(claim.status, Status::Single);
    assert_eq!(claim.mentions.len(), 2);
    assert_eq!(claim.values.len(), 1);
    assert_eq!(claim.reports, 1);
    assert_eq!(claim.voices, 1);
}

#[test]
fn two_reports_telling_the_same_value_agree() {
    let claim = only_claim(&[extraction(vec![killed(8.0)]), extraction(vec![killed(8.0)])]);
    assert_eq!(claim.status, Status::Agree);
    assert_eq!(claim.reports, 2);
    assert_eq!(claim.values.len(), 1);
    assert_eq!(claim.values[0].mentions, vec![0, 1]);
}

#[test]
fn one_report_quoting_two_sources_for_the_same_value_agrees() {
    let claim = only_claim(&[extraction(vec![
        figure(Some(8.0), Some(8.0), Some("killed"), None, Some("Police")),
        figure(
            Some(8.0),
            Some(8.0),
            Some("killed"),
            None,
            Some("Health Ministry"),
        ),
    ])]);
    assert_eq!(claim.status, Status::Agree);
    assert_eq!(claim.reports, 1);
    assert_eq!(claim.voices, 2);
}

#[test]
fn conflicts_inside_one_report_count() {
    let claim = only_claim(&[extraction(vec![killed(12.0), killed(15.0)])]);
    assert_eq!(claim.status, Status::Conflict);
    assert_eq!(claim.reports, 1);
    assert_eq!(claim.values.len(), 2);
}

// ── Voices ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_figure_without_source_speaks_for_its_outlet() {
    let claim = only_claim(&[
        extraction(vec![killed(8.0)]),
        extraction(vec![figure(
            Some(8.0),
            Some(8.0),
            Some("killed"),
            None,
            Some("Police"),
        )]),
    ]);
    let voices: Vec<&str> = claim.mentions.iter().map(|m| m.voice.as_str()).collect();
    assert_eq!(voices, vec!["outlet 0", "Police"]);
    assert_eq!(claim.values[0].voices, 2);
    assert_eq!(claim.voices, 2);
}

#[test]
fn outlets_relaying_one_source_are_one_voice() {
    let ministry = |value: f64| {
        figure(
            Some(value),
            Some(value),
            Some("killed"),
            None,
            Some("Interior Ministry"),
        )
    };
    let claim = only_claim(&[
        extraction(vec![ministry(8.0)]),
        extraction(vec![ministry(8.0)]),
        extraction(vec![killed(8.0), ministry(10.0)]),
    ]);
    assert_eq!(claim.reports, 3);
    assert_eq!(claim.values.len(), 2);
    // 8: the ministry twice, and outlet 2 on its own account.
    assert_eq!(claim.values[0].low, Some(8.0));
    assert_eq!(claim.values[0].mentions.len(), 3);
    assert_eq!(claim.values[0].voices, 2);
    // 10: the ministry alone.
    assert_eq!(claim.values[1].voices, 1);
    // The claim as a whole: the ministry and outlet 2.
    assert_eq!(claim.voices, 2);
    assert_eq!(claim.status, Status::Conflict);
}

// ── Claim keys ─────────────────────────────────────────────────────────────────────────────

#[test]
fn police_and_security_forces_are_one_claim() {
    let police = figure(Some(8.0), Some(8.0), Some("killed"), Some("police"), None);
    let forces = figure(
        Some(8.0),
        Some(8.0),
        Some("killed"),
        Some("security_forces"),
        None,
    );
    assert_eq!(key(&police), key(&forces));
    assert_eq!(
        key(&police).unwrap().subject.as_deref(),
        Some("security_forces")
    );
    let claim = only_claim(&[extraction(vec![police]), extraction(vec![forces])]);
    assert_eq!(claim.key.subject.as_deref(), Some("security_forces"));
    assert_eq!(claim.status, Status::Agree);
}

#[test]
fn an_event_without_subject_counts_what_the_event_counts() {
    let injured = figure(Some(5.0), Some(5.0), Some("injured"), None, None);
    let key = key(&injured).expect("a claim");
    assert_eq!(key.event.as_deref(), Some("injured"));
    assert_eq!(key.subject.as_deref(), Some("people"));
    assert_eq!(
        Some(key),
        claim_key(
            &figure(Some(5.0), Some(5.0), Some("injured"), Some("people"), None),
            Lexicon::builtin()
        )
    );
}

#[test]
fn dates_ages_and_ordinals_make_no_claim() {
    for kind in [FigureKind::Date, FigureKind::Age, FigureKind::Ordinal] {
        let figure = Figure {
            kind,
            ..killed(3.0)
        };
        assert_eq!(key(&figure), None, "{kind:?}");
        assert!(
            run(&[extraction(vec![figure])]).claims.is_empty(),
            "{kind:?}"
        );
    }
}

#[test]
fn a_figure_saying_neither_event_nor_subject_makes_no_claim() {
    let bare = figure(Some(3.0), Some(3.0), None, None, None);
    assert_eq!(key(&bare), None);
    assert!(run(&[extraction(vec![bare])]).claims.is_empty());
}

#[test]
fn different_units_of_money_are_different_claims() {
    let money = |value: f64, unit: &str| Figure {
        kind: FigureKind::Money,
        unit: Some(unit.to_owned()),
        ..figure(Some(value), Some(value), Some("damaged"), None, None)
    };
    assert_ne!(key(&money(5.0, "USD")), key(&money(5.0, "EUR")));
    let comparison = run(&[
        extraction(vec![money(5.0, "USD")]),
        extraction(vec![money(7.0, "EUR")]),
    ]);
    assert_eq!(comparison.claims.len(), 2);
    assert!(
        comparison
            .claims
            .iter()
            .all(|claim| claim.status == Status::Single)
    );
    let mut units: Vec<Option<&str>> = comparison
        .claims
        .iter()
        .map(|claim| claim.key.unit.as_deref())
        .collect();
    units.sort();
    assert_eq!(units, vec![Some("EUR"), Some("USD")]);
}

// ── Places ─────────────────────────────────────────────────────────────────────────────────

fn killed_in(value: f64, place: Option<&str>) -> Figure {
    Figure {
        place: place.map(str::to_owned),
        ..killed(value)
    }
}

#[test]
fn different_local_places_make_different_claims() {
    let comparison = run(&[
        extraction(vec![killed_in(8.0, Some("Almaty"))]),
        extraction(vec![killed_in(3.0, Some("Aktobe"))]),
        extraction(vec![killed_in(11.0, None)]),
    ]);
    let mut places: Vec<(Option<&str>, Status, usize)> = comparison
        .claims
        .iter()
        .map(|claim| {
            (
                claim.key.place.as_deref(),
                claim.status,
                claim.mentions[0].report,
            )
        })
        .collect();
    places.sort();
    assert_eq!(
        places,
        vec![
            (None, Status::Single, 2),
            (Some("Aktobe"), Status::Single, 1),
            (Some("Almaty"), Status::Single, 0),
        ]
    );
    for claim in &comparison.claims {
        assert_eq!(claim.mentions.len(), 1);
        assert_eq!(claim.key.event.as_deref(), Some("killed"));
    }
}

#[test]
fn one_place_named_keeps_one_claim() {
    let claim = only_claim(&[
        extraction(vec![killed_in(8.0, Some("Almaty"))]),
        extraction(vec![killed_in(8.0, None)]),
        extraction(vec![killed_in(7.0, Some("Almaty"))]),
    ]);
    assert_eq!(claim.key.place, None);
    assert_eq!(claim.mentions.len(), 3);
    assert_eq!(claim.status, Status::Conflict);
}

// ── Order and labels ───────────────────────────────────────────────────────────────────────

#[test]
fn conflicts_come_first_then_agreements_then_single_claims() {
    let injured = |value: f64| figure(Some(value), Some(value), Some("injured"), None, None);
    let arrested = |value: f64| figure(Some(value), Some(value), Some("arrested"), None, None);
    let hospitalized =
        |value: f64| figure(Some(value), Some(value), Some("hospitalized"), None, None);
    let comparison = run(&[
        extraction(vec![arrested(50.0), injured(10.0), killed(8.0)]),
        extraction(vec![arrested(50.0), injured(10.0), killed(7.0)]),
        extraction(vec![injured(10.0), hospitalized(4.0)]),
    ]);
    let order: Vec<(Status, Option<&str>, usize)> = comparison
        .claims
        .iter()
        .map(|claim| (claim.status, claim.key.event.as_deref(), claim.reports))
        .collect();
    // Within a status, most reports first: injured (3) before arrested (2).
    assert_eq!(
        order,
        vec![
            (Status::Conflict, Some("killed"), 2),
            (Status::Agree, Some("injured"), 3),
            (Status::Agree, Some("arrested"), 2),
            (Status::Single, Some("hospitalized"), 1),
        ]
    );
}

#[test]
fn label_reads_event_then_subject() {
    let claim = only_claim(&[extraction(vec![figure(
        Some(8.0),
        Some(8.0),
        Some("killed"),
        Some("police"),
        None,
    )])]);
    assert_eq!(claim.label(), "killed · security forces");

    let comparison = run(&[
        extraction(vec![killed_in(8.0, Some("Almaty"))]),
        extraction(vec![figure(
            Some(5.0),
            Some(5.0),
            Some("arrested"),
            None,
            None,
        )]),
        extraction(vec![killed_in(3.0, Some("Aktobe"))]),
    ]);
    let mut labels: Vec<String> = comparison.claims.iter().map(Claim::label).collect();
    labels.sort();
    assert_eq!(
        labels,
        vec![
            "arrested · people",
            "killed · people · Aktobe",
            "killed · people · Almaty"
        ]
    );
}

#[test]
fn a_mention_naming_no_place_joins_the_place_most_mentioned() {
    let comparison = run(&[
        extraction(vec![killed_in(8.0, Some("Almaty"))]),
        extraction(vec![killed_in(9.0, Some("Almaty"))]),
        extraction(vec![killed_in(3.0, Some("Aktobe"))]),
        extraction(vec![killed_in(11.0, None)]),
    ]);
    let almaty = comparison
        .claims
        .iter()
        .find(|claim| claim.key.place.as_deref() == Some("Almaty"))
        .expect("a claim for Almaty");
    let mut reports: Vec<usize> = almaty.mentions.iter().map(|m| m.report).collect();
    reports.sort_unstable();
    assert_eq!(reports, [0, 1, 3]);
    assert_eq!(comparison.claims.len(), 2);
}

#[test]
fn a_group_of_what_another_claim_counts_is_a_part_of_it() {
    let comparison = run(&[
        extraction(vec![
            killed(140.0),
            figure(
                Some(19.0),
                Some(19.0),
                Some("killed"),
                Some("foreigners"),
                None,
            ),
        ]),
        extraction(vec![figure(
            Some(150.0),
            Some(150.0),
            Some("killed"),
            Some("people"),
            None,
        )]),
    ]);
    let whole = comparison
        .claims
        .iter()
        .find(|claim| claim.key.subject.as_deref() == Some("people"))
        .expect("the toll");
    assert_eq!(whole.part_of, None);
    assert_eq!(
        whole.mentions.len(),
        2,
        "(killed, —) and (killed, people) are one claim"
    );
    let part = comparison
        .claims
        .iter()
        .find(|claim| claim.key.subject.as_deref() == Some("foreigners"))
        .expect("the foreigners");
    assert_eq!(part.part_of.as_ref(), Some(&whole.key));
    assert_eq!(
        part.with_whole(part.label()),
        "killed · foreigners (part of killed · people)"
    );
    // With no whole given, a group is a claim of its own and a part of nothing.
    let alone = only_claim(&[extraction(vec![figure(
        Some(3.0),
        Some(3.0),
        Some("injured"),
        Some("children"),
        None,
    )])]);
    assert_eq!(alone.part_of, None);
}

/// The status of a claim made by one figure in each of two reports.
fn pair_status(a: Figure, b: Figure) -> Status {
    only_claim(&[extraction(vec![a]), extraction(vec![b])]).status
}

/// A toll of `value` killed from `source`, said on day `day`.
fn dated(value: f64, day: i64, source: &str) -> Figure {
    let mut toll = figure(Some(value), Some(value), Some("killed"), None, Some(source));
    let moment = crate::extract::Moment {
        seconds: 1_700_000_000 + day * 86_400,
        refined: true,
        hour_known: true,
    };
    toll.as_of = Some(moment.iso());
    toll.moment = Some(moment);
    toll
}

#[test]
fn a_toll_rising_over_days_is_an_update() {
    let claim = only_claim(&[
        extraction(vec![dated(310.0, 0, "Health Ministry")]),
        extraction(vec![dated(1200.0, 2, "Red Crescent")]),
        extraction(vec![dated(2900.0, 4, "Health Ministry")]),
    ]);
    assert_eq!(claim.status, Status::Update);
    assert_eq!(claim.latest, Some(2));
    assert_eq!(claim.values[2].revises, [0, 1]);
    assert!(claim.values.iter().all(|v| v.conflicts_with.is_empty()));
}

#[test]
fn a_lower_later_toll_revises_only_when_corrected_or_from_the_same_chain() {
    // Another source, lower, later: a dispute.
    assert_eq!(
        pair_status(
            dated(174.0, 0, "Police"),
            dated(125.0, 1, "Health Ministry")
        ),
        Status::Conflict
    );
    // The same source lowering its count: a revision.
    let claim = only_claim(&[
        extraction(vec![dated(174.0, 0, "Police")]),
        extraction(vec![dated(125.0, 1, "Police")]),
    ]);
    assert_eq!(claim.status, Status::Update);
    assert_eq!(claim.values[0].revises, [1], "125 revises 174");
    // Said to be a correction.
    let mut corrected = dated(125.0, 1, "Health Ministry");
    corrected.correction = true;
    assert_eq!(
        pair_status(dated(174.0, 0, "Police"), corrected),
        Status::Update
    );
}

#[test]
fn tolls_of_the_same_day_dispute_and_a_part_disputes_no_whole() {
    assert_eq!(
        pair_status(dated(53.0, 0, "County"), dated(55.0, 0, "Governor")),
        Status::Conflict
    );
    let mut part = dated(40.0, 0, "Mayor");
    part.scope = Some(crate::extract::Scope::Part);
    let claim = only_claim(&[
        extraction(vec![dated(2000.0, 0, "Army")]),
        extraction(vec![part]),
    ]);
    assert!(claim.values.iter().all(|v| v.conflicts_with.is_empty()));
}

/// A toll of `value` killed from `source`, said at `hour` o'clock of day `day`: the hour is
/// the publication's unless `named` (صباح، مساء).
fn at_hour(value: f64, day: i64, hour: i64, source: &str, named: bool) -> Figure {
    let mut toll = dated(value, day, source);
    let moment = crate::extract::Moment {
        seconds: 1_699_920_000 + day * 86_400 + hour * 3600,
        refined: true,
        hour_known: true,
    };
    if named {
        toll.time.cue.hour = Some(hour as u8);
    }
    toll.as_of = Some(moment.iso());
    toll.moment = Some(moment);
    toll
}

#[test]
fn counts_of_one_day_stand_at_the_same_time_unless_the_later_says_it_rose() {
    // Two outlets, morning and evening of one day: the same time, a dispute.
    assert_eq!(
        pair_status(
            at_hour(233.0, 0, 8, "Chief Secretary", false),
            at_hour(288.0, 0, 17, "Fire Service", false)
        ),
        Status::Conflict
    );
    // "ارتفعت الحصيلة إلى 288" in the evening: the morning's count revised.
    let mut rose = at_hour(288.0, 0, 17, "Fire Service", false);
    rose.time.rose = true;
    assert_eq!(
        pair_status(at_hour(233.0, 0, 8, "Chief Secretary", false), rose.clone()),
        Status::Update
    );
    // Two hours apart is still the same time, whatever the words.
    let mut soon = at_hour(288.0, 0, 10, "Fire Service", false);
    soon.time.rose = true;
    assert_eq!(
        pair_status(at_hour(233.0, 0, 8, "Chief Secretary", false), soon),
        Status::Conflict
    );
    // Morning and evening both named order a day.
    assert_eq!(
        pair_status(
            at_hour(26.0, 0, 9, "Fire Service", true),
            at_hour(36.0, 0, 19, "Police", true)
        ),
        Status::Update
    );
}

#[test]
fn the_newest_count_of_a_day_follows_one_hours_before_it() {
    // "17 قتيلا، حسب آخر بيان" four hours after 12: the latest statement.
    let mut latest = at_hour(17.0, 0, 20, "AFAD", false);
    latest.time.cue.latest = true;
    assert_eq!(
        pair_status(at_hour(12.0, 0, 16, "AFP", false), latest),
        Status::Update
    );
    // Without the word, four hours of one day are the same time.
    assert_eq!(
        pair_status(
            at_hour(12.0, 0, 16, "AFP", false),
            at_hour(17.0, 0, 20, "AFAD", false)
        ),
        Status::Conflict
    );
}

#[test]
fn an_earlier_statement_orders_its_own_report_not_another_of_its_day() {
    // "في وقت سابق اليوم" 79 in one report, 60 in another that afternoon: a dispute.
    let mut earlier = at_hour(79.0, 0, 10, "Kyodo", false);
    earlier.time.cue.earlier = true;
    assert_eq!(
        pair_status(earlier, at_hour(60.0, 0, 14, "Prefecture", false)),
        Status::Conflict
    );
}

#[test]
fn an_undated_count_that_rose_revises_a_lower_dated_one() {
    // No publication date, but "ارتفع عدد الضحايا إلى 1136": after 937.
    let mut rose = figure(
        Some(1136.0),
        Some(1136.0),
        Some("killed"),
        None,
        Some("NDMA"),
    );
    rose.scope = Some(crate::extract::Scope::Cumulative);
    rose.time.rose = true;
    let claim = only_claim(&[
        extraction(vec![dated(937.0, 0, "NDMA")]),
        extraction(vec![rose]),
    ]);
    assert_eq!(claim.status, Status::Update);
    assert_eq!(claim.values[1].revises, [0]);
    // A higher dated count follows the undated one that says the toll rose.
    let mut rose = figure(
        Some(1136.0),
        Some(1136.0),
        Some("killed"),
        None,
        Some("NDMA"),
    );
    rose.scope = Some(crate::extract::Scope::Cumulative);
    assert_eq!(
        pair_status(rose, dated(1391.0, 5, "Reuters")),
        Status::Update
    );
    // Without a word saying either is the whole so far, nothing orders them.
    let claim = only_claim(&[
        extraction(vec![dated(937.0, 0, "NDMA")]),
        extraction(vec![figure(
            Some(1136.0),
            Some(1136.0),
            Some("killed"),
            None,
            Some("NDMA"),
        )]),
    ]);
    assert_eq!(claim.status, Status::Conflict);
}

#[test]
fn those_still_in_hospital_fall_and_those_on_board_never_revise() {
    // "ما زال 57 مصابا في المستشفيات": a lower count a day later is no dispute.
    let still = |value: f64, day: i64, source: &str| {
        let mut figure = dated(value, day, source);
        figure.event = Some("injured".to_owned());
        figure.time.cue.still = true;
        figure
    };
    assert_eq!(
        pair_status(still(66.0, 0, "Kathimerini"), still(57.0, 1, "ERT")),
        Status::Update
    );
    // Those on board at the time: a later, different count disputes the first.
    let aboard = |value: f64, day: i64, source: &str| {
        let mut figure = dated(value, day, source);
        figure.event = Some("present".to_owned());
        figure
    };
    assert_eq!(
        pair_status(
            aboard(400.0, 0, "Coast Guard"),
            aboard(750.0, 2, "Survivors")
        ),
        Status::Conflict
    );
}

#[test]
fn time_between_two_moments_reads_in_days() {
    let at = |day: i64, hour: i64| crate::extract::Moment {
        seconds: 1_700_006_400 + day * 86_400 + hour * 3600,
        refined: true,
        hour_known: true,
    };
    assert_eq!(time_between(at(0, 1), at(0, 20)), "the same day");
    assert_eq!(time_between(at(0, 9), at(1, 9)), "a day later");
    assert_eq!(time_between(at(0, 9), at(3, 2)), "3 days later");
}

#[test]
fn fewer_still_in_hospital_later_is_an_update() {
    let in_hospital = |value: f64, day: i64, source: &str| {
        let mut figure = dated(value, day, source);
        figure.event = Some("hospitalized".to_owned());
        figure
    };
    let claim = only_claim(&[
        extraction(vec![in_hospital(66.0, 0, "Police")]),
        extraction(vec![in_hospital(57.0, 1, "Health Ministry")]),
        extraction(vec![in_hospital(38.0, 2, "Hospital")]),
    ]);
    assert_eq!(claim.status, Status::Update);
    assert_eq!(claim.latest, Some(0), "38, the newest, is the lowest");
}
