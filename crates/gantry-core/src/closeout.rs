//! Closing a project: the record of its final dates and costs against the
//! baseline, what happened to the tasks left unfinished, and the lessons
//! learned, kept searchable for the projects that come next.

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::ProjectId;

pub type LessonId = i64;

/// What closing does with tasks that are not finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfinished {
    /// Every task was finished.
    None,
    /// They were marked complete at the close.
    Completed,
    /// They stay unfinished in the record: work not delivered.
    Left,
}

impl Unfinished {
    pub fn code(self) -> &'static str {
        match self {
            Unfinished::None => "none",
            Unfinished::Completed => "completed",
            Unfinished::Left => "left",
        }
    }

    pub fn from_code(code: &str) -> Option<Unfinished> {
        [Unfinished::None, Unfinished::Completed, Unfinished::Left].into_iter().find(|u| u.code() == code)
    }
}

/// A milestone's planned and final finish; `actual` is `None` for one the
/// project never reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneSlip {
    pub name: String,
    pub planned: Option<NaiveDateTime>,
    pub actual: Option<NaiveDateTime>,
}

impl MilestoneSlip {
    /// Calendar days late (negative: early); `None` without a baseline or
    /// when it was never reached.
    pub fn slip_days(&self) -> Option<i64> {
        Some((self.actual?.date() - self.planned?.date()).num_days())
    }
}

/// A closed project's record, written once when it is closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub project_id: ProjectId,
    pub closed_on: NaiveDate,
    pub unfinished: Unfinished,
    /// How many tasks were unfinished at the close.
    pub unfinished_count: i64,
    /// The baseline measured against, by name; empty without one.
    pub baseline: String,
    pub planned_start: Option<NaiveDateTime>,
    pub planned_finish: Option<NaiveDateTime>,
    pub actual_start: NaiveDateTime,
    pub actual_finish: NaiveDateTime,
    /// Budget at completion (the baseline's cost), in minor units.
    pub planned_cost: Option<i64>,
    pub actual_cost: i64,
    pub currency: String,
    pub summary: String,
    pub milestones: Vec<MilestoneSlip>,
}

impl Closure {
    /// Calendar days the project finished late (negative: early).
    pub fn finish_variance_days(&self) -> Option<i64> {
        self.planned_finish.map(|p| (self.actual_finish.date() - p.date()).num_days())
    }

    /// Actual minus planned cost: positive is an overrun.
    pub fn cost_variance(&self) -> Option<i64> {
        self.planned_cost.map(|p| self.actual_cost - p)
    }

    /// The overrun as a share of the budget, in per mille, rounded toward zero.
    pub fn cost_variance_permille(&self) -> Option<i64> {
        match self.planned_cost {
            Some(p) if p != 0 => Some(((self.actual_cost - p) as i128 * 1000 / p as i128) as i64),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonCategory {
    Planning,
    Scope,
    People,
    Vendors,
    Technical,
    Data,
    Communication,
    Risk,
    Budget,
}

impl LessonCategory {
    pub const ALL: [LessonCategory; 9] = [
        LessonCategory::Planning,
        LessonCategory::Scope,
        LessonCategory::People,
        LessonCategory::Vendors,
        LessonCategory::Technical,
        LessonCategory::Data,
        LessonCategory::Communication,
        LessonCategory::Risk,
        LessonCategory::Budget,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LessonCategory::Planning => "planning",
            LessonCategory::Scope => "scope",
            LessonCategory::People => "people",
            LessonCategory::Vendors => "vendors",
            LessonCategory::Technical => "technical",
            LessonCategory::Data => "data",
            LessonCategory::Communication => "communication",
            LessonCategory::Risk => "risk",
            LessonCategory::Budget => "budget",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LessonCategory::Planning => "Planning and estimates",
            LessonCategory::Scope => "Scope and requirements",
            LessonCategory::People => "People and skills",
            LessonCategory::Vendors => "Vendors and contracts",
            LessonCategory::Technical => "Technical",
            LessonCategory::Data => "Data and migration",
            LessonCategory::Communication => "Communication",
            LessonCategory::Risk => "Risks and security",
            LessonCategory::Budget => "Budget",
        }
    }

    pub fn from_code(code: &str) -> Option<LessonCategory> {
        LessonCategory::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// A lesson learned: what happened, why, what to do next time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    pub id: LessonId,
    pub project_id: ProjectId,
    pub what: String,
    pub why: String,
    pub next_time: String,
    pub category: LessonCategory,
    /// Who brought it, by name.
    pub who: String,
    pub recorded_on: NaiveDate,
}

impl Lesson {
    /// Whether every word of `query` is in the lesson or its category
    /// (case-insensitive).
    pub fn matches(&self, query: &str) -> bool {
        let text = format!(
            "{} {} {} {} {} {}",
            self.what,
            self.why,
            self.next_time,
            self.who,
            self.category.code(),
            self.category.label()
        )
        .to_lowercase();
        query.split_whitespace().all(|w| text.contains(&w.to_lowercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap().and_hms_opt(17, 0, 0).unwrap()
    }

    #[test]
    fn the_record_states_the_slip_and_the_overrun() {
        let c = Closure {
            project_id: 1,
            closed_on: NaiveDate::from_ymd_opt(2026, 7, 10).unwrap(),
            unfinished: Unfinished::Left,
            unfinished_count: 1,
            baseline: "Approved plan".into(),
            planned_start: Some(at(2, 2)),
            planned_finish: Some(at(6, 12)),
            actual_start: at(2, 2),
            actual_finish: at(6, 26),
            planned_cost: Some(8_400_000),
            actual_cost: 9_030_000,
            currency: "EUR".into(),
            summary: String::new(),
            milestones: vec![
                MilestoneSlip { name: "Mailboxes moved".into(), planned: Some(at(5, 29)), actual: Some(at(6, 5)) },
                MilestoneSlip { name: "Archive migrated".into(), planned: Some(at(6, 1)), actual: None },
            ],
        };
        assert_eq!(c.finish_variance_days(), Some(14));
        assert_eq!(c.cost_variance(), Some(630_000));
        assert_eq!(c.cost_variance_permille(), Some(75));
        assert_eq!(c.milestones[0].slip_days(), Some(7));
        assert_eq!(c.milestones[1].slip_days(), None, "never reached");
        let unplanned = Closure { planned_finish: None, planned_cost: Some(0), ..c };
        assert_eq!(unplanned.finish_variance_days(), None);
        assert_eq!(unplanned.cost_variance_permille(), None, "no division by a zero budget");
    }

    #[test]
    fn lessons_are_found_by_every_word() {
        let l = Lesson {
            id: 1,
            project_id: 1,
            what: "Mailbox moves ran at half the speed the vendor promised".into(),
            why: "Throttling on the old server".into(),
            next_time: "Measure throughput in a pilot wave before fixing the dates".into(),
            category: LessonCategory::Vendors,
            who: "Priya Raman".into(),
            recorded_on: NaiveDate::from_ymd_opt(2026, 7, 10).unwrap(),
        };
        assert!(l.matches("pilot THROTTLING"));
        assert!(l.matches("contracts"), "the category's label counts");
        assert!(!l.matches("pilot budget"));
        assert_eq!(Unfinished::from_code("left"), Some(Unfinished::Left));
        assert_eq!(LessonCategory::from_code("nope"), None);
    }
}
