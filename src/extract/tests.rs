use super::*;

fn run(text: &str) -> Extraction {
    extract(text, 0..text.len(), Lexicon::builtin())
}

/// The figure whose interval starts (or, when open below, ends) at `value`.
fn figure(extraction: &Extraction, value: f64) -> &Figure {
    extraction
        .figures
        .iter()
        .find(|f| f.low.or(f.high) == Some(value))
        .unwrap_or_else(|| panic!("no figure {value} in {:#?}", extraction.figures))
}

#[test]
fn generic_counted_noun_yields_to_group_after_min() {
    let text = "قتل ثمانية عناصر من قوات الأمن في هجوم على نقطة تفتيش قرب الحدود.";
    let extraction = run(text);
    let eight = figure(&extraction, 8.0);
    assert_eq!(eight.subject.as_deref(), Some("security_forces"));
    assert_eq!(eight.event.as_deref(), Some("killed"));

    let text = "وأصيب 12 عنصرا من الشرطة خلال المواجهات مع المحتجين وسط العاصمة.";
    let extraction = run(text);
    let twelve = figure(&extraction, 12.0);
    assert_eq!(twelve.subject.as_deref(), Some("police"));
    assert_eq!(twelve.event.as_deref(), Some("injured"));
}

#[test]
fn own_members_are_the_personnel_of_the_reporting_body() {
    let text = "أعلنت وزارة الداخلية مقتل 5 من أفرادها في اشتباكات مع مسلحين جنوب البلاد.";
    let extraction = run(text);
    let five = figure(&extraction, 5.0);
    assert_eq!(five.subject.as_deref(), Some("police"));
    assert_eq!(five.source.as_deref(), Some("Interior Ministry"));
    assert_eq!(five.event.as_deref(), Some("killed"));

    // The Foreign Ministry names no personnel: its own are plain members.
    let text = "وأعلنت وزارة الخارجية إصابة 3 من أفرادها في الهجوم على مقر السفارة.";
    let extraction = run(text);
    let three = figure(&extraction, 3.0);
    assert_eq!(three.source.as_deref(), Some("Foreign Ministry"));
    assert_eq!(three.subject.as_deref(), Some("members"));
}

#[test]
fn each_report_in_a_sentence_keeps_its_own_source() {
    let text = "كشفت وزارة الداخلية عن مقتل 7 من أفرادها، فيما نقلت وسائل إعلام محلية أن أكثر من 100 شخص اعتقلوا.";
    let extraction = run(text);
    let seven = figure(&extraction, 7.0);
    assert_eq!(seven.source.as_deref(), Some("Interior Ministry"));
    assert_eq!(seven.subject.as_deref(), Some("police"));
    let hundred = figure(&extraction, 100.0);
    assert_eq!(hundred.source.as_deref(), Some("local media"));
    assert!(hundred.via.is_empty(), "{:?}", hundred.via);
    assert_eq!(hundred.qualifier, Qualifier::MoreThan);
    assert_eq!(hundred.event.as_deref(), Some("arrested"));
}

#[test]
fn relay_marker_names_origin_and_relay() {
    let text =
        "وقتل 9 أشخاص في انفجار سيارة مفخخة، وفق ما نقلت وكالة الصحافة الفرنسية عن وزارة الداخلية.";
    let extraction = run(text);
    let nine = figure(&extraction, 9.0);
    assert_eq!(nine.source.as_deref(), Some("Interior Ministry"));
    assert!(nine.via.iter().any(|v| v == "AFP"), "{:?}", nine.via);
    assert_eq!(
        nine.source_label().as_deref(),
        Some("Interior Ministry via AFP")
    );

    // The marker may open the sentence too.
    let text =
        "وفق ما نقلت وكالة الصحافة الفرنسية عن وزارة الداخلية، قتل 9 أشخاص في انفجار بالعاصمة.";
    let extraction = run(text);
    let nine = figure(&extraction, 9.0);
    assert_eq!(nine.source.as_deref(), Some("Interior Ministry"));
    assert_eq!(nine.via, vec!["AFP"]);
}

#[test]
fn subject_not_taken_from_behind_another_number() {
    let text = "وقالت السلطات إنه تمت تصفية 26 مسلحا واعتقال أكثر من 3 آلاف خلال العملية.";
    let extraction = run(text);
    let militants = figure(&extraction, 26.0);
    assert_eq!(militants.subject.as_deref(), Some("militants"));
    assert_eq!(militants.event.as_deref(), Some("killed"));
    let arrested = figure(&extraction, 3000.0);
    assert_eq!(arrested.subject, None);
    assert_eq!(arrested.event.as_deref(), Some("arrested"));
    assert_eq!(arrested.qualifier, Qualifier::MoreThan);
}

#[test]
fn number_joined_by_waw_takes_event_after_it() {
    let text = "وأوضحت الوزارة أن 40 منهم نقلوا إلى المستشفى و6 أشخاص في العناية المركزة.";
    let extraction = run(text);
    let forty = figure(&extraction, 40.0);
    assert_eq!(forty.event.as_deref(), Some("hospitalized"));
    let six = figure(&extraction, 6.0);
    assert_eq!(six.event.as_deref(), Some("intensive_care"));
    assert_eq!(six.subject.as_deref(), Some("people"));
    assert_eq!(six.text, "6 أشخاص");
}

#[test]
fn time_words_of_the_sentence_are_kept_and_neighbours_joined() {
    let text = "أعلنت الوزارة اليوم الجمعة مقتل 4 أشخاص في حادث سير.";
    let extraction = run(text);
    assert_eq!(figure(&extraction, 4.0).when, vec!["اليوم الجمعة"]);

    let text = "وقالت الشرطة إن 3 أشخاص أصيبوا صباح اليوم الخميس في انفجار قارورة غاز.";
    let extraction = run(text);
    assert_eq!(figure(&extraction, 3.0).when, vec!["صباح اليوم الخميس"]);

    // Time words of another sentence are not the figure's.
    let text = "أصيب 11 شخصا في الحادث. وزار الوزير المصابين أمس.";
    let extraction = run(text);
    assert!(figure(&extraction, 11.0).when.is_empty());
}

#[test]
fn local_place_of_the_report_is_the_figure_place() {
    let text = "وقالت الشرطة إن 15 شخصا اعتقلوا في ألماتي بعد مواجهات عنيفة.";
    let extraction = run(text);
    assert_eq!(figure(&extraction, 15.0).place.as_deref(), Some("Almaty"));
    assert!(extraction.places.iter().any(|p| p.name == "Almaty"));

    // A country is the setting of the story, not the place of one figure.
    let text = "وقالت الشرطة إن 15 شخصا اعتقلوا في كازاخستان بعد مواجهات عنيفة.";
    let extraction = run(text);
    assert_eq!(figure(&extraction, 15.0).place, None);
    assert!(extraction.places.iter().any(|p| p.name == "Kazakhstan"));

    // With both, the city is taken.
    let text = "اعتقل 20 شخصا في مدينة ألماتي بكازاخستان.";
    let extraction = run(text);
    assert_eq!(figure(&extraction, 20.0).place.as_deref(), Some("Almaty"));

    // A city named in another report of the sentence is not the figure's place.
    let text =
        "وقالت الشرطة إن 15 شخصا اعتقلوا، فيما نقلت وسائل إعلام محلية أن احتجاجات اندلعت في ألماتي.";
    let extraction = run(text);
    assert_eq!(figure(&extraction, 15.0).place, None);
}

#[test]
fn quotes_of_four_words_or_more_with_their_source() {
    let text = "وقالت وزارة الداخلية في بيان: “لن نسمح بتكرار هذه الأحداث مرة أخرى”.\n\
                وقالت وكالة الصحافة الفرنسية إن المحتجين رددوا «نريد حياة كريمة لأبنائنا».\n\
                وأكدت الشرطة \"الوضع في المدينة تحت السيطرة الكاملة\".\n\
                ونقلت رويترز عن شهود عيان قولهم \"رأينا الجنود يطلقون النار على المتظاهرين\".\n\
                ووصفت الحكومة المهاجمين بأنهم \"إرهابيون\" و«مخربون».";
    let extraction = run(text);
    for quote in &extraction.quotes {
        assert_eq!(quote.text, text[quote.start..quote.end], "{quote:?}");
        assert_eq!(quote.text, quote.text.trim(), "{quote:?}");
    }
    let found: Vec<(&str, Option<&str>)> = extraction
        .quotes
        .iter()
        .map(|q| (q.text.as_str(), q.source.as_deref()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "لن نسمح بتكرار هذه الأحداث مرة أخرى",
                Some("Interior Ministry")
            ),
            ("نريد حياة كريمة لأبنائنا", Some("AFP")),
            ("الوضع في المدينة تحت السيطرة الكاملة", Some("Police")),
            (
                "رأينا الجنود يطلقون النار على المتظاهرين",
                Some("witnesses")
            ),
        ]
    );
    assert_eq!(extraction.quotes[3].via, vec!["Reuters"]);
}

#[test]
fn figure_text_is_its_slice_of_the_article() {
    let paragraph = "وقالت وزارة الصحة يوم 5 يناير 2022 إن أكثر من مئتي شخص أصيبوا، وإن نحو 30% منهم في حالة خطيرة.\n\
                     وبلغت الخسائر 2.5 مليون دولار، وأوقف ثلاثة آلاف و500 شخص خلال أسبوعين، \
                     بحسب ما أفادت وكالة رويترز عن مصادر أمنية.";
    let extraction = run(paragraph);
    assert!(extraction.figures.len() >= 6, "{:#?}", extraction.figures);
    for figure in &extraction.figures {
        assert_eq!(
            figure.text,
            paragraph[figure.start..figure.end],
            "{figure:?}"
        );
        assert!(!figure.text.is_empty());
        assert_eq!(figure.text, figure.text.trim(), "{figure:?}");
    }
    for source in &extraction.sources {
        assert_eq!(
            source.text,
            paragraph[source.start..source.end],
            "{source:?}"
        );
    }

    // The same holds when the body starts after a title.
    let article = format!("حصيلة جديدة للاشتباكات\n{paragraph}");
    let body = article.find('\n').unwrap() + 1..article.len();
    let in_body = extract(&article, body.clone(), Lexicon::builtin());
    assert_eq!(in_body.figures.len(), extraction.figures.len());
    for (figure, alone) in in_body.figures.iter().zip(&extraction.figures) {
        assert_eq!(figure.text, article[figure.start..figure.end]);
        assert_eq!(figure.start, alone.start + body.start);
        assert_eq!(figure.text, alone.text);
    }
}

#[test]
fn an_event_noun_counted_counts_people_not_the_place_or_body_beside_it() {
    // Fault of a missing subject: the province, the city, the facilities were taken instead.
    for (text, value) in [
        (
            "وارتفعت حصيلة التصادم في ولاية كيرالا الشرقية إلى 212 قتيلا حتى مساء السبت.",
            212.0,
        ),
        (
            "قالت الشرطة إن الحصيلة في مدينة باندونغ ارتفعت الى 131 قتيلا.",
            131.0,
        ),
        (
            "وذكرت المرافق الصحية في المحافظة ان العدد توقف عند ٤٨ جريحا.",
            48.0,
        ),
    ] {
        let extraction = run(text);
        let figure = figure(&extraction, value);
        assert!(figure.event.is_some(), "{text}: {figure:?}");
        assert_eq!(figure.subject, None, "{text}");
    }
    // A group named right after the noun is what it counts.
    let extraction = run("وأسفرت المواجهات في المدينة عن 9 قتلى من الشرطة.");
    let nine = figure(&extraction, 9.0);
    assert_eq!(nine.event.as_deref(), Some("killed"));
    assert_eq!(nine.subject.as_deref(), Some("police"));
}

#[test]
fn a_verb_of_change_is_never_the_event() {
    // "ارتفع عدد الوفيات إلى 58" counts deaths; it used to give "increased".
    let extraction = run("وارتفع عدد الوفيات في المقاطعة إلى 58 بحلول المساء.");
    let figure = figure(&extraction, 58.0);
    assert_eq!(figure.event.as_deref(), Some("killed"));
    let extraction = run("وقال المسؤول إن عدد المفقودين تقلص إلى 41 شخصا بعد العثور على ناجين.");
    assert_eq!(figure_event(&extraction, 41.0), Some("missing"));
    // Arrival of troops stays a deployment.
    let extraction = run("وأكدت الوزارة وصول 1200 جندي إلى المطار صباح اليوم.");
    assert_eq!(figure_event(&extraction, 1200.0), Some("deployed"));
}

#[test]
fn behind_a_noun_of_a_count_the_event_after_it_is_what_is_counted() {
    // The fires and the hospital stand nearer the number than the deaths the toll counts.
    let extraction = run("وأعلن الحاكم ارتفاع حصيلة قتلى حرائق الغابات في الجزيرة إلى 67 شخصا.");
    assert_eq!(figure_event(&extraction, 67.0), Some("killed"));
    let extraction = run("وقال مدير المستشفى إن عدد الجرحى الذين نقلوا إلى المستشفى بلغ 230.");
    assert_eq!(figure_event(&extraction, 230.0), Some("injured"));
}

#[test]
fn in_a_list_each_number_belongs_to_the_noun_before_it() {
    let extraction = run("وارتفع عدد القتلى إلى 1500 والمصابين إلى 1900 وفق آخر حصيلة.");
    assert_eq!(figure_event(&extraction, 1500.0), Some("killed"));
    assert_eq!(figure_event(&extraction, 1900.0), Some("injured"));
    let extraction = run("الانفجار أودى بحياة 64 شخصا وأصاب 170 آخرين في السوق.");
    assert_eq!(figure_event(&extraction, 64.0), Some("killed"));
    assert_eq!(figure_event(&extraction, 170.0), Some("injured"));
}

fn figure_event(extraction: &Extraction, value: f64) -> Option<&str> {
    figure(extraction, value).event.as_deref()
}

/// The figures of `text` whose interval starts or ends at `value`.
fn figures_at(extraction: &Extraction, value: f64) -> usize {
    extraction
        .figures
        .iter()
        .filter(|f| f.low == Some(value) || f.high == Some(value))
        .count()
}

#[test]
fn a_range_with_both_ends_is_one_figure() {
    for (text, low, high) in [
        (
            "وقالت السلطات المحلية إن بين 150 إلى 300 شخص فقدوا منازلهم في الفيضان.",
            150.0,
            300.0,
        ),
        (
            "وتقدر فرق الإنقاذ أن ما بين ثلاثة آلاف وأربعة آلاف شخص ما زالوا مفقودين.",
            3000.0,
            4000.0,
        ),
        (
            "ونزح بين 14 ألفا و16 ألفا من سكان الوادي المنكوب.",
            14_000.0,
            16_000.0,
        ),
        (
            "وأعلن المحافظ أن ما بين ألف و1200 شخص لجأوا إلى المدارس.",
            1000.0,
            1200.0,
        ),
        (
            "واستقبلت المستشفيات من 40 إلى 60 جريحا منذ مساء أمس.",
            40.0,
            60.0,
        ),
        (
            "وكانت الحافلة تقل مابين سبعة وتسعة ركاب عند انقلابها.",
            7.0,
            9.0,
        ),
    ] {
        let extraction = run(text);
        let found = figure(&extraction, low);
        assert_eq!(found.qualifier, Qualifier::Range, "{text}: {found:?}");
        assert_eq!(found.high, Some(high), "{text}");
        assert_eq!(found.kind, FigureKind::Count, "{text}");
        assert_eq!(figures_at(&extraction, high), 1, "{text}: {extraction:#?}");
        assert_eq!(extraction.figures.len(), 1, "{text}: {extraction:#?}");
    }
}

#[test]
fn a_range_takes_its_unit_and_an_open_upper_end() {
    let extraction = run("وغرق القارب على بعد ما بين 15 و20 مترا من الشاطئ.");
    let fifteen = figure(&extraction, 15.0);
    assert_eq!(fifteen.qualifier, Qualifier::Range);
    assert_eq!(fifteen.high, Some(20.0));
    assert_eq!(fifteen.kind, FigureKind::Measure);
    assert_eq!(fifteen.text, "ما بين 15 و20 مترا");

    let extraction = run("وكان على متن المركب بين 300 وأكثر من 500 مهاجر.");
    let three_hundred = figure(&extraction, 300.0);
    assert_eq!(three_hundred.qualifier, Qualifier::Range);
    assert_eq!(three_hundred.high, None);
    assert_eq!(three_hundred.value_label(), "≥300");
    assert_eq!(extraction.figures.len(), 1, "{:#?}", extraction.figures);
}

#[test]
fn two_years_and_a_change_are_no_range() {
    let extraction = run("وشهدت المنطقة معارك عنيفة بين 2015 و2019 دمرت معظم البيوت.");
    assert_eq!(extraction.figures.len(), 2, "{:#?}", extraction.figures);
    for figure in &extraction.figures {
        assert_eq!(figure.kind, FigureKind::Date, "{figure:?}");
    }

    let extraction = run("وارتفع عدد القتلى من 12 إلى 31 بعد انتشال جثث جديدة.");
    assert!(
        extraction
            .figures
            .iter()
            .all(|f| f.qualifier != Qualifier::Range),
        "{:#?}",
        extraction.figures
    );
    assert_eq!(figure(&extraction, 31.0).high, Some(31.0));
}

#[test]
fn footnotes_addresses_and_escape_sequences_are_not_figures() {
    let text =
        "وقتل 4 أشخاص[1] في الهجوم على السوق.\n\n[1]: https://example.org/news/2024/05/story?id=88";
    let extraction = run(text);
    assert_eq!(extraction.figures.len(), 1, "{:#?}", extraction.figures);
    assert_eq!(figure(&extraction, 4.0).event.as_deref(), Some("killed"));

    let text = "راجع التقرير على www.example.com/reports/2023/11/ وفيه ?page=7 أيضا.";
    assert!(run(text).figures.is_empty(), "{:#?}", run(text).figures);
    let text = "ونشر الموقع الصور في الأرشيف تحت /2022/08/ مع الخبر.";
    assert!(run(text).figures.is_empty(), "{:#?}", run(text).figures);
    // A date written with slashes is no address.
    assert!(!run("وقع الحادث في 12/08/2022 ليلا.").figures.is_empty());

    let text = "\u{1b}[1;32mوأصيب 9 أشخاص في الحادث\u{1b}[0m";
    let extraction = run(text);
    assert_eq!(extraction.figures.len(), 1, "{:#?}", extraction.figures);
    assert_eq!(figure(&extraction, 9.0).event.as_deref(), Some("injured"));
}

#[test]
fn names_labels_and_floors_are_not_figures() {
    let text = "وسجلت المدينة 40 إصابة بكوفيد-19 خلال الأسبوع، بحسب بيانات COVID-19 الرسمية.";
    let extraction = run(text);
    assert_eq!(extraction.figures.len(), 1, "{:#?}", extraction.figures);
    assert_eq!(figures_at(&extraction, 19.0), 0);

    let extraction = run("وتجمع المشجعون عند البوابة رقم ٧ قبل أن يبدأ التدافع.");
    assert!(extraction.figures.is_empty(), "{:#?}", extraction.figures);
    // A toll after رقم is still a figure.
    let extraction = run("وأكد المسؤول أن رقم 52 قتيلا الذي نشرته الصحف غير دقيق.");
    assert_eq!(figure(&extraction, 52.0).event.as_deref(), Some("killed"));

    let extraction = run("وانهار مبنى سكني من 15 طابقا فوق ساكنيه.");
    assert_eq!(
        figures_at(&extraction, 15.0),
        0,
        "{:#?}",
        extraction.figures
    );
}

fn figure_subject(extraction: &Extraction, value: f64) -> Option<&str> {
    figure(extraction, value).subject.as_deref()
}

fn figure_place(extraction: &Extraction, value: f64) -> Option<&str> {
    figure(extraction, value).place.as_deref()
}

#[test]
fn a_subordinate_clause_or_a_reported_statement_ends_the_search_for_keys() {
    // The schools belong to the clause after عندما, not to the five.
    let extraction = run("ولقي 5 حتفهم في القرية عندما انهار جدار المدرسة فوق الحافلة.");
    assert_ne!(figure_subject(&extraction, 5.0), Some("schools"));
    // The hospitals are where the sources work; the 31 died.
    let extraction =
        run("وقالت مصادر طبية في مستشفيين قريبين إن 31 شخصا على الأقل لقوا حتفهم في الحريق.");
    assert_eq!(figure_event(&extraction, 31.0), Some("killed"));
}

#[test]
fn the_place_of_a_figure_is_where_it_happened() {
    // A dateline says where the report was filed.
    let extraction = run("عمّان - (وكالات) - قتل 64 شخصا في انفجار مستودع للوقود شمالي البلاد.");
    assert_eq!(figure_place(&extraction, 64.0), None);
    let extraction = run("بغداد - رويترز: قالت الشرطة إن 12 شخصا أصيبوا في انفجار سيارة.");
    assert_eq!(figure_place(&extraction, 12.0), None);
    // A city named as a point of reference ("east of") is not the place.
    let extraction = run("وقتل 9 أشخاص في حريق شب في قرية تقع شرقي الموصل.");
    assert_eq!(figure_place(&extraction, 9.0), None);
    // Where the witnesses went is not where the figure stands.
    let extraction =
        run("وقال شهود نقلوا المصابين إلى أربيل إن 400 شخص كانوا داخل القاعة وقت الحريق.");
    assert_eq!(figure_place(&extraction, 400.0), None);
    // Where it happened still counts, also after the dateline.
    let extraction = run("بغداد - قتل 3 أشخاص في انفجار في مدينة الموصل شمال البلاد.");
    assert_eq!(figure_place(&extraction, 3.0), Some("Mosul"));
}

#[test]
fn a_place_whose_name_is_also_a_word_needs_a_cue() {
    let extraction = run("وجرفت السيول عشرات المنازل وأودت بحياة 12 شخصا في الإقليم.");
    assert_eq!(figure_place(&extraction, 12.0), None);
    assert!(extraction.places.iter().all(|p| p.name != "Seoul"));
    let extraction = run("وقتل 3 أشخاص في حريق بمبنى سكني في العاصمة سيول.");
    assert_eq!(figure_place(&extraction, 3.0), Some("Seoul"));
    let text = "وأعلنت كوريا الجنوبية مقتل 151 شخصا في تدافع بحي إيتايوان وسط سيول.";
    assert_eq!(figure_place(&run(text), 151.0), Some("Seoul"));
    let text = "وقالت السلطات الكورية الجنوبية إن 151 شخصا قتلوا في تدافع وسط سيول.";
    assert_eq!(figure_place(&run(text), 151.0), Some("Seoul"));
}

#[test]
fn a_count_of_cases_after_a_toll_word_counts_people() {
    let extraction = run(
        "وأوضحت الوزارة أن عدد الوفيات جراء حريق مصنع الأحذية في المنطقة الصناعية جنوبي المدينة بلغ 80 حالة حتى المساء.",
    );
    assert_eq!(figure_event(&extraction, 80.0), Some("killed"));
    assert_eq!(
        figure_subject(&extraction, 80.0),
        None,
        "cases of death count people"
    );
    // A span of time between the toll and its number does not hide the toll.
    let extraction = run(
        "وارتفعت حصيلة قتلى الحرائق التي تلتهم غابات الجزيرة الشمالية منذ أربعة أيام إلى 61 شخصا.",
    );
    assert_eq!(figure_event(&extraction, 61.0), Some("killed"));
}

#[test]
fn a_part_named_with_among_them_takes_the_event_of_the_whole() {
    let extraction = run("وقتل في التدافع 140 شخصا، بينهم 19 أجنبيا، وفق الشرطة.");
    assert_eq!(figure_event(&extraction, 19.0), Some("killed"));
    assert_eq!(figure_subject(&extraction, 19.0), Some("foreigners"));
    // A part with a state of its own keeps it, and critical condition is intensive care.
    let extraction = run("ويعالج 40 مصابا في المستشفى، منهم خمسة في حالة حرجة.");
    assert_eq!(figure_event(&extraction, 5.0), Some("intensive_care"));
    // "بدلا من 312": the number replaced counts what the new one counts.
    let extraction = run("وعدلت الحكومة الحصيلة إلى 300 قتيل بدلا من 312 أعلنتها أمس.");
    assert_eq!(figure_event(&extraction, 312.0), Some("killed"));
}

#[test]
fn a_noun_in_the_dual_is_what_its_two_count() {
    let extraction = run("وأودى الانهيار بحياة شخصين في القرية الجبلية.");
    assert_eq!(figure_event(&extraction, 2.0), Some("killed"));
    assert_eq!(figure_subject(&extraction, 2.0), Some("people"));
    let extraction = run("ومع احتساب القتيلين في الجزيرة ترتفع الحصيلة.");
    assert_eq!(figure_event(&extraction, 2.0), Some("killed"));
}

#[test]
fn events_named_by_common_verbs_of_news() {
    let extraction = run("وقالت فرق الدفاع المدني إن النيران التهمت أكثر من 80 منزلا في البلدة.");
    assert_eq!(figure_event(&extraction, 80.0), Some("damaged"));
    let extraction = run("وأضاف أن 35 شخصا لم يعرف مصيرهم بعد.");
    assert_eq!(figure_event(&extraction, 35.0), Some("missing"));
    let extraction = run("وتمكنت فرق الإنقاذ من انتشال 22 شخصا أحياء من تحت الأنقاض.");
    assert_eq!(figure_event(&extraction, 22.0), Some("rescued"));
    let extraction = run("وانتشل الغواصون 15 جثة من النهر.");
    assert_eq!(figure_event(&extraction, 15.0), Some("killed"));
    let extraction = run("وكانت العبارة تقل 300 شخص عند غرقها.");
    assert_eq!(figure_event(&extraction, 300.0), Some("present"));
    let extraction = run("وكان على متن الطائرة 72 راكبا.");
    assert_eq!(figure_event(&extraction, 72.0), Some("present"));
    assert_eq!(figure_subject(&extraction, 72.0), Some("passengers"));
    let extraction = run("ويتوقع أن يرتفع الرقم إلى 900 مع استمرار انتشال الجثث من البحر.");
    assert_eq!(figure_event(&extraction, 900.0), Some("killed"));
    let extraction = run("وتراجع عدد من تعذر الوصول إليهم إلى 22 شخصا.");
    assert_eq!(figure_event(&extraction, 22.0), Some("missing"));
    let extraction = run("وقضى 17 شخصا في الفيضانات.");
    assert_eq!(figure_event(&extraction, 17.0), Some("killed"));
}

#[test]
fn a_nationality_counted_is_the_subject() {
    let extraction = run("وتوفي أكثر من 450 مصريا خلال موسم الحج بسبب الحر.");
    assert_eq!(
        figure_subject(&extraction, 450.0),
        Some("nationals of Egypt")
    );
    let extraction = run("وبين الضحايا 12 باكستانيا و3 سودانيين.");
    assert_eq!(
        figure_subject(&extraction, 12.0),
        Some("nationals of Pakistan")
    );
    assert_eq!(figure_subject(&extraction, 3.0), Some("nationals of Sudan"));
}

#[test]
fn others_count_what_the_figure_before_them_counts() {
    // The provinces after "آخرون" are where, not who.
    let text = "وتوفي 12 شخصا وأصيب 30 آخرون في المحافظات الشرقية.";
    let extraction = run(text);
    assert_eq!(figure_event(&extraction, 30.0), Some("injured"));
    assert_eq!(figure_subject(&extraction, 30.0), Some("people"));
    let extraction = run("وقتل ثلاثة جنود وأصيب أربعة آخرون في الهجوم.");
    assert_eq!(figure_subject(&extraction, 4.0), Some("troops"));
}

#[test]
fn what_a_count_covers_and_how_sure_it_is() {
    let extraction = run("وارتفعت حصيلة قتلى الزلزال إلى 310 أشخاص وفق حصيلة أولية.");
    let toll = figure(&extraction, 310.0);
    assert_eq!(toll.scope, Some(Scope::Cumulative));
    assert_eq!(toll.preliminary, Some(true));
    assert!(!toll.correction);
    let extraction = run("وقتل 40 شخصا في مدينة درنة وحدها.");
    assert_eq!(figure(&extraction, 40.0).scope, Some(Scope::Part));
    let extraction = run("وأعلنت الوزارة الحصيلة النهائية: 58 قتيلا.");
    assert_eq!(figure(&extraction, 58.0).preliminary, Some(false));
    let extraction = run("وعدلت الحكومة عدد القتلى إلى 275 بعد أن تبين أن جثثا أحصيت مرتين.");
    assert!(figure(&extraction, 275.0).correction);
    // A plain count says none of it.
    let extraction = run("وأصيب 12 شخصا في الحادث.");
    let plain = figure(&extraction, 12.0);
    assert_eq!(
        (plain.scope, plain.preliminary, plain.correction),
        (None, None, false)
    );
}

#[test]
fn a_part_is_the_figure_of_its_own_clause() {
    let text =
        "وقتل أكثر من ألفي شخص في مدينة درنة وحدها، بينما فقد ما بين خمسة آلاف وستة آلاف آخرين.";
    let extraction = run(text);
    assert_eq!(figure(&extraction, 2000.0).scope, Some(Scope::Part));
    assert_eq!(figure(&extraction, 5000.0).scope, None);
}

#[test]
fn about_a_number_has_bounds_without_float_noise() {
    let extraction = run("وشارك نحو 400 شخص في المسيرة، وأصيب حوالي 33 آخرين.");
    let about = extraction
        .figures
        .iter()
        .find(|f| f.text.contains("400"))
        .expect("about 400");
    assert_eq!((about.low, about.high), (Some(360.0), Some(440.0)));
    let json = serde_json::to_string(about).unwrap();
    assert!(
        json.contains("\"high\":440.0") || json.contains("\"high\":440,"),
        "{json}"
    );
}

#[test]
fn a_unit_of_a_hospital_is_no_part_of_a_toll() {
    // "وحدة" (a unit) normalises like "وحده" (alone): it makes no part.
    let text = "وأصيب 50 آخرون بجروح في حريق اندلع في وحدة للعناية المركزة.";
    let extraction = run(text);
    assert_eq!(figure(&extraction, 50.0).scope, None);
}

#[test]
fn counts_name_each_source_once_and_one_figure_in_the_singular() {
    let extraction = run("قالت وكالة رويترز إن 7 أشخاص قتلوا. وقالت رويترز إن المدينة هادئة.");
    assert_eq!(extraction.figures.len(), 1, "{:#?}", extraction.figures);
    assert_eq!(extraction.sources.len(), 2, "{:#?}", extraction.sources);
    assert_eq!(extraction.counts(", "), "1 figure, 1 source");
}

#[test]
fn an_extraction_comes_back_whole_from_its_bytes() {
    let lexicon = Lexicon::builtin();
    for mut article in crate::corpus::sample().articles {
        article.published = Some("2022-01-07T09:30:00Z".to_owned());
        let extraction = extract_article(&article, lexicon);
        assert!(extraction.figures.iter().any(|f| f.moment.is_some()));
        let bytes = extraction.to_bytes();
        assert_eq!(Extraction::from_bytes(&bytes), Some(extraction));
        assert_eq!(Extraction::from_bytes(&bytes[..bytes.len() / 2]), None);
    }
    assert_eq!(Extraction::from_bytes(b"not an extraction"), None);
}
