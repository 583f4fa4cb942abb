//! Grouping on small sets written here; the development set of real events is held to its
//! labels in `tests/stories.rs`.

use super::*;
use crate::corpus::article_from_bytes;
use crate::extract::extract;

/// An article from a JSON record.
fn article(id: &str, title: &str, published: Option<&str>, body: &str) -> Article {
    let mut record = serde_json::json!({"id": id, "title": title, "body": body});
    if let Some(published) = published {
        record["published"] = published.into();
    }
    let bytes = serde_json::to_vec(&record).unwrap();
    article_from_bytes(&format!("{id}.json"), &bytes, &mut Vec::new())
        .unwrap()
        .remove(0)
}

fn signatures_of(articles: &[Article]) -> Vec<Signature> {
    let lexicon = Lexicon::builtin();
    let extractions: Vec<Extraction> = articles
        .iter()
        .map(|a| extract(&a.text, a.body.clone(), lexicon))
        .collect();
    signatures(articles, &extractions, lexicon)
}

/// The stories as sets of ids, in a canonical order.
fn partition(articles: &[Article], stories: &Stories) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = stories
        .stories
        .iter()
        .map(|story| {
            let mut ids: Vec<String> = story
                .articles
                .iter()
                .map(|&i| articles[i].id.clone())
                .collect();
            ids.sort();
            ids
        })
        .collect();
    groups.sort();
    groups
}

const QUAKE: &str = "ضرب زلزال بقوة 6.8 درجات مدينة إزمير غربي تركيا، ما أدى إلى انهيار عشرات \
    المباني السكنية. وقالت إدارة الكوارث والطوارئ التركية إن فرق الإنقاذ انتشلت عشرات الناجين \
    من تحت الأنقاض في حي بايراكلي، فيما شعر سكان جزيرة ساموس اليونانية بالهزة.";
const QUAKE_FOLLOW_UP: &str = "انتهت عمليات البحث والإنقاذ في إزمير بعد أيام من الزلزال الذي \
    ضرب غرب تركيا، وقالت إدارة الكوارث إن الأنقاض رفعت من آخر المباني المنهارة في بايراكلي، \
    وإن آلاف الهزات الارتدادية سجلت منذ الزلزال.";
const FIRE: &str = "اندلع حريق هائل في مستشفى ابن الخطيب المخصص لمرضى كورونا في بغداد إثر \
    انفجار أسطوانات أكسجين، وهرعت فرق الدفاع المدني لإخماد النيران وإجلاء المرضى من الطابق \
    المخصص للعناية المركزة.";

#[test]
fn reports_of_one_event_are_one_story_and_another_event_is_another() {
    let articles = vec![
        article("a", "زلزال إزمير", Some("2020-10-30"), QUAKE),
        article(
            "b",
            "انتهاء البحث في إزمير",
            Some("2020-11-04"),
            QUAKE_FOLLOW_UP,
        ),
        article("c", "حريق مستشفى ابن الخطيب", Some("2020-10-30"), FIRE),
    ];
    let stories = Grouper::group(signatures_of(&articles)).stories();
    assert_eq!(
        partition(&articles, &stories),
        vec![vec!["a".to_owned(), "b".to_owned()], vec!["c".to_owned()]]
    );
    let quake = stories.of(0).unwrap();
    assert_eq!(quake.id, "s1");
    assert_eq!(quake.articles, vec![0, 1], "oldest first");
    assert!(quake.places.contains(&"Turkey".to_owned()), "{quake:?}");
    assert_eq!(date_span(quake.from, quake.to), "30 Oct – 4 Nov 2020");
}

#[test]
fn the_same_report_months_apart_is_not_one_story() {
    let articles = vec![
        article("a", "زلزال", Some("2020-10-30"), QUAKE_FOLLOW_UP),
        article("b", "زلزال", Some("2021-03-30"), QUAKE),
    ];
    let stories = Grouper::group(signatures_of(&articles)).stories();
    assert_eq!(stories.stories.len(), 2);
}

#[test]
fn copies_are_one_story_and_say_so() {
    let edited = QUAKE.replace("عشرات الناجين", "عددا من الناجين");
    let articles = vec![
        article("wire", "زلزال إزمير", Some("2020-10-30T10:00:00Z"), QUAKE),
        article(
            "site",
            "زلزال قوي يضرب تركيا",
            Some("2020-10-30T12:00:00Z"),
            &edited,
        ),
        article("again", "زلزال إزمير", Some("2020-10-30T10:00:00Z"), QUAKE),
    ];
    let stories = Grouper::group(signatures_of(&articles)).stories();
    assert_eq!(stories.stories.len(), 1);
    assert_eq!(stories.stories[0].copies.len(), 1, "{stories:?}");
    assert_eq!(stories.copies_of(1).len(), 2);
    let first = stories.copy_of[0];
    assert!(stories.copy_of.iter().all(|&c| c == first));
}

#[test]
fn reports_sharing_only_a_quote_are_not_copies() {
    let quote = "«لن نترك أحدا تحت الأنقاض وسنواصل العمل ليلا ونهارا حتى آخر ناج»";
    let articles = vec![
        article(
            "a",
            "زلزال",
            Some("2020-10-30"),
            &format!("{QUAKE} وقال الوزير: {quote}"),
        ),
        article(
            "b",
            "زلزال",
            Some("2020-10-31"),
            &format!("{QUAKE_FOLLOW_UP} وكرر الوزير: {quote}"),
        ),
    ];
    let stories = Grouper::group(signatures_of(&articles)).stories();
    assert_eq!(stories.stories.len(), 1);
    assert!(stories.stories[0].copies.is_empty());
    assert_eq!(stories.copy_of, vec![0, 1]);
}

#[test]
fn empty_undated_latin_and_lone_articles_each_get_a_story() {
    let articles = vec![
        article("empty", "", None, "   ."),
        article("undated", "حريق", None, FIRE),
        article(
            "latin",
            "Flood",
            Some("2024-01-01"),
            "Flash floods swept the valley overnight.",
        ),
    ];
    let stories = Grouper::group(signatures_of(&articles)).stories();
    assert_eq!(stories.story_of.len(), 3);
    assert_eq!(stories.stories.len(), 3);
    let lone = Grouper::group(signatures_of(&articles[1..2])).stories();
    assert_eq!(lone.stories.len(), 1);
    assert_eq!(lone.stories[0].central, 0);
    assert!(Grouper::group(Vec::new()).stories().stories.is_empty());
    assert_eq!(date_span(None, None), "");
}

#[test]
fn articles_arriving_one_by_one_join_the_stories_a_batch_finds() {
    let articles = vec![
        article("a", "زلزال إزمير", Some("2020-10-30"), QUAKE),
        article("c", "حريق مستشفى ابن الخطيب", Some("2020-10-30"), FIRE),
        article(
            "b",
            "انتهاء البحث في إزمير",
            Some("2020-11-04"),
            QUAKE_FOLLOW_UP,
        ),
    ];
    let batch = Grouper::group(signatures_of(&articles)).stories();
    let mut online = Grouper::default();
    for signature in signatures_of(&articles).into_iter().rev() {
        online.add(signature);
    }
    let mut reversed: Vec<Article> = articles.clone();
    reversed.reverse();
    assert_eq!(
        partition(&articles, &batch),
        partition(&reversed, &online.stories())
    );
    assert_eq!(online.len(), 3);
}

#[test]
fn date_spans_read_like_a_list() {
    let day = |d: &str| crate::corpus::published_seconds(d);
    assert_eq!(
        date_span(day("2024-01-01"), day("2024-01-14")),
        "1–14 Jan 2024"
    );
    assert_eq!(
        date_span(day("2023-12-30"), day("2024-01-02")),
        "30 Dec 2023 – 2 Jan 2024"
    );
    assert_eq!(
        date_span(day("2024-01-03"), day("2024-01-03")),
        "3 Jan 2024"
    );
}

#[test]
fn a_signature_reads_back_from_its_bytes_and_garbage_reads_as_none() {
    let corpus = crate::corpus::sample();
    let lexicon = Lexicon::builtin();
    let article = &corpus.articles[0];
    let extraction = crate::extract::extract(&article.text, article.body.clone(), lexicon);
    let signature = Signature::new(article, &extraction, lexicon);
    let bytes = signature.to_bytes();
    assert!(!bytes.is_empty());
    assert_eq!(Signature::from_bytes(&bytes), Some(signature));
    assert_eq!(Signature::from_bytes(&bytes[..bytes.len() / 2]), None);
    assert_eq!(Signature::from_bytes(b""), None);
}

#[test]
fn signatures_are_made_again_with_other_lexicons() {
    let builtin = Lexicon::builtin();
    assert_eq!(
        crate::extract::made_with(builtin),
        crate::extract::made_with(builtin)
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extra.toml");
    std::fs::write(
        &path,
        "[[sources]]\nname = \"Wire\"\ntype = \"agency\"\nspellings = [\"واير\"]\n",
    )
    .unwrap();
    let extended = Lexicon::with_files(&[&path]).unwrap();
    assert_ne!(
        crate::extract::made_with(builtin),
        crate::extract::made_with(&extended)
    );
}
