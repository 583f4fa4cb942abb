//! When a figure was true: the article's publication, refined by the time words of its
//! sentence (اليوم، أمس، الجمعة، صباح، "10 سبتمبر").

use chrono::{DateTime, Datelike, NaiveDate};

use super::{Extraction, FigureTime};
use crate::corpus::{Article, published_seconds};

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// A time to order figures by.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Moment {
    /// Seconds since the epoch: the day named, at the hour named, else at the publication's
    /// time of day when it is the publication day, else at noon.
    pub seconds: i64,
    /// True when a time word named the day or the date; false when the figure is placed at the
    /// publication only.
    pub refined: bool,
    /// True when the hour is known: named (صباح، مساء), or the publication's own on its day.
    pub hour_known: bool,
}

impl Moment {
    /// Days since the epoch.
    pub fn day(self) -> i64 {
        self.seconds.div_euclid(DAY)
    }

    /// As JSON gives it: a date when a word named the day, else the publication's date-time.
    pub fn iso(self) -> String {
        let time = DateTime::from_timestamp(self.seconds, 0).unwrap_or_default();
        if self.refined {
            time.format("%Y-%m-%d").to_string()
        } else {
            time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
        }
    }
}

impl FigureTime {
    /// When the figure was true, for an article published at `published` (seconds since the
    /// epoch): a date written out, else a day counted from the publication (أمس), else the last
    /// weekday named up to it (الجمعة), else the publication day; an earlier statement comes
    /// just before the article's own.
    pub fn moment(&self, published: i64) -> Moment {
        let published_day = published.div_euclid(DAY);
        let cue = self.cue;
        let day = match (self.date, cue.days, cue.weekday) {
            (Some((day, month)), _, _) => date_near(published_day, day, month),
            (None, Some(days), _) => Some(published_day + i64::from(days)),
            (None, None, Some(weekday)) => {
                let published_weekday = (published_day + 3).rem_euclid(7);
                Some(published_day - (published_weekday - i64::from(weekday)).rem_euclid(7))
            }
            (None, None, None) => None,
        };
        let refined = day.is_some();
        let day = day.unwrap_or(published_day);
        let (time_of_day, hour_known) = match cue.hour {
            Some(hour) => (i64::from(hour) * 3600, true),
            None if day == published_day => (published.rem_euclid(DAY), true),
            None => (DAY / 2, false),
        };
        let mut seconds = day * DAY + time_of_day;
        if cue.earlier && !refined {
            seconds = seconds.min(published) - 1;
        }
        if cue.later && !refined {
            seconds = seconds.max(published) + 1;
        }
        Moment {
            seconds,
            refined,
            hour_known,
        }
    }
}

/// The day (since the epoch) of `day` `month` nearest before the publication day, or just after
/// it (a date a day ahead, for time zones); `None` for a date that does not exist.
fn date_near(published_day: i64, day: u8, month: u8) -> Option<i64> {
    let published = DateTime::from_timestamp(published_day * DAY, 0)?.date_naive();
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    let in_year = |year: i32| {
        NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
            .map(|date| (date - epoch).num_days())
    };
    let this_year = in_year(published.year())?;
    if this_year <= published_day + 1 {
        Some(this_year)
    } else {
        in_year(published.year() - 1)
    }
}

/// The figures of `extraction` with their `as_of`, for an article published at `published`
/// (as the file or feed writes it); `None` leaves them undated.
pub fn date_figures(extraction: &mut Extraction, published: Option<&str>) {
    let Some(published) = published.and_then(published_seconds) else {
        return;
    };
    for figure in &mut extraction.figures {
        let moment = figure.time.moment(published);
        figure.as_of = Some(moment.iso());
        figure.moment = Some(moment);
    }
}

/// The extraction of `article`, its figures dated by its publication.
pub fn extract_article(article: &Article, lexicon: &super::Lexicon) -> Extraction {
    let mut extraction = super::extract(&article.text, article.body.clone(), lexicon);
    date_figures(&mut extraction, article.published.as_deref());
    extraction
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Lexicon, extract};

    /// The `as_of` of the figure `value` in `text`, published at `published`.
    fn as_of(text: &str, published: &str, value: f64) -> String {
        let mut extraction = extract(text, 0..text.len(), Lexicon::builtin());
        date_figures(&mut extraction, Some(published));
        let figure = extraction
            .figures
            .iter()
            .find(|f| f.low == Some(value))
            .unwrap_or_else(|| panic!("no {value} in {:#?}", extraction.figures));
        figure.as_of.clone().expect("dated")
    }

    #[test]
    fn today_and_yesterday_count_from_the_publication_day() {
        let published = "2023-09-14T08:00:00Z";
        assert_eq!(as_of("وقتل اليوم 12 شخصا.", published, 12.0), "2023-09-14");
        assert_eq!(as_of("وقتل أمس 12 شخصا.", published, 12.0), "2023-09-13");
        assert_eq!(
            as_of("وقال مساء أمس إن 12 شخصا قتلوا.", published, 12.0),
            "2023-09-13"
        );
        // No time word: the publication itself.
        assert_eq!(
            as_of("وقتل 12 شخصا.", published, 12.0),
            "2023-09-14T08:00:00Z"
        );
    }

    #[test]
    fn a_weekday_is_the_last_one_up_to_the_publication() {
        // 14 September 2023 was a Thursday.
        let published = "2023-09-14T08:00:00Z";
        assert_eq!(as_of("وقتل الخميس 12 شخصا.", published, 12.0), "2023-09-14");
        assert_eq!(as_of("وقتل الاثنين 12 شخصا.", published, 12.0), "2023-09-11");
        assert_eq!(
            as_of("وقتل يوم الجمعة 12 شخصا.", published, 12.0),
            "2023-09-08"
        );
    }

    #[test]
    fn a_date_written_out_wins_and_takes_the_year_before_it() {
        let published = "2024-01-03T10:00:00Z";
        let text = "وأعلنت السلطات الأحد 31 ديسمبر مقتل 40 شخصا.";
        assert_eq!(as_of(text, published, 40.0), "2023-12-31");
        let text = "وحتى 2 يناير قتل 60 شخصا.";
        assert_eq!(as_of(text, published, 60.0), "2024-01-02");
        // A date after منذ starts the period the count covers.
        let text = "وقتل 70 شخصا منذ 14 ديسمبر.";
        assert_eq!(as_of(text, published, 70.0), "2024-01-03T10:00:00Z");
    }

    #[test]
    fn time_words_past_another_number_are_that_numbers() {
        // 4 June 2023 was a Sunday.
        let published = "2023-06-04T10:00:00Z";
        let text = "وأعلنت الحكومة، الأحد، تعديل الحصيلة إلى 275 قتيلا، بدلا من 288 أعلنتها السبت.";
        assert_eq!(as_of(text, published, 275.0), "2023-06-04");
        assert_eq!(as_of(text, published, 288.0), "2023-06-03");
    }

    #[test]
    fn time_words_after_a_verb_of_occurrence_date_the_event_not_the_count() {
        // 25 April 2021 was a Sunday; the fire broke out the night before.
        let published = "2021-04-25T08:00:00Z";
        let text = "كشفت المفوضية، اليوم الاحد، عن ارتفاع عدد ضحايا الحريق الذي اندلع ليلة امس في \
                    المستشفى الى 58 شخصا.";
        assert_eq!(as_of(text, published, 58.0), "2021-04-25");
        let text = "ارتفعت حصيلة الزلزال الذي ضرب البلاد الجمعة إلى 2719 قتيلا.";
        assert_eq!(as_of(text, published, 2719.0), "2021-04-25T08:00:00Z");
        // A count of the day itself keeps its day.
        let text = "وقتل 12 شخصا على الأقل الجمعة جراء زلزال عنيف ضرب الساحل.";
        assert_eq!(as_of(text, published, 12.0), "2021-04-23");
    }

    #[test]
    fn time_words_behind_an_attribution_are_said_of_every_number_before() {
        // 3 June 2023 was a Saturday.
        let published = "2023-06-03T04:30:00Z";
        let text = "ارتفع عدد الضحايا الى ٢٣٣ قتيلا ونحو ٩٠٠ مصاب، بحسب ما نقلته قناة محلية عن \
                    كبير امناء الولاية صباح السبت.";
        assert_eq!(as_of(text, published, 233.0), "2023-06-03");
        assert_eq!(as_of(text, published, 810.0), "2023-06-03");
    }

    #[test]
    fn still_and_rose_are_read_from_the_figures_clause() {
        let text = "وارتفعت الحصيلة إلى 43 قتيلا، في حين لا يزال 57 مصابا في المستشفيات.";
        let extraction = extract(text, 0..text.len(), Lexicon::builtin());
        let of = |value: f64| {
            extraction
                .figures
                .iter()
                .find(|f| f.low == Some(value))
                .unwrap()
                .time
        };
        assert!(of(43.0).rose && !of(43.0).cue.still);
        assert!(of(57.0).cue.still && !of(57.0).rose);
        let text = "ارتفعت الحصيلة الى 17 قتيلا، حسب اخر بيان صادر عن ادارة الكوارث.";
        let extraction = extract(text, 0..text.len(), Lexicon::builtin());
        assert!(extraction.figures[0].time.cue.latest);
    }

    #[test]
    fn time_words_of_a_replaced_count_are_not_the_new_ones() {
        // 29 March 2025 was a Saturday; ten were announced on Friday, six on Saturday.
        let published = "2025-03-29T16:00:00Z";
        let text = "وفي بانكوك، خفضت السلطات عدد القتلى إلى 6 أشخاص بعد أن كانت قد تحدثت الجمعة \
                    عن عشرة.";
        assert_eq!(as_of(text, published, 6.0), "2025-03-29T16:00:00Z");
        assert_eq!(as_of(text, published, 10.0), "2025-03-28");
        // "آخرين" after a number replaces nothing: the time words stay the figure's.
        let text = "وأصيب 150 آخرين بجروح الجمعة.";
        assert_eq!(as_of(text, published, 150.0), "2025-03-28");
    }

    #[test]
    fn an_earlier_statement_comes_before_the_report_of_the_day() {
        let text = "وقالت الوزارة اليوم إن 7 قتلوا. وفي بيان سابق، قالت إن 18 قتلوا.";
        let mut extraction = extract(text, 0..text.len(), Lexicon::builtin());
        let published = published_seconds("2022-01-07T12:00:00Z").unwrap();
        let moment = |value: f64| {
            let figure = extraction
                .figures
                .iter()
                .find(|f| f.low == Some(value))
                .unwrap();
            figure.time.moment(published)
        };
        assert!(moment(18.0) < moment(7.0));
        date_figures(&mut extraction, None);
        assert!(extraction.figures.iter().all(|f| f.as_of.is_none()));
    }
}
