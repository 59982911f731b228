//! Stakeholders and the communication plan: the people a project must
//! keep on side, placed on the power/interest grid by their influence and
//! interest, their engagement now and the one the project needs, and what
//! is sent to whom how often.

use chrono::{Days, Months, NaiveDate};

use crate::model::{MemberId, ProjectId};

pub type StakeholderId = i64;
pub type CommunicationId = i64;

/// How engaged a stakeholder is, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Engagement {
    Unaware,
    Resistant,
    #[default]
    Neutral,
    Supportive,
    Leading,
}

impl Engagement {
    pub const ALL: [Engagement; 5] =
        [Engagement::Unaware, Engagement::Resistant, Engagement::Neutral, Engagement::Supportive, Engagement::Leading];

    pub fn code(self) -> &'static str {
        match self {
            Engagement::Unaware => "unaware",
            Engagement::Resistant => "resistant",
            Engagement::Neutral => "neutral",
            Engagement::Supportive => "supportive",
            Engagement::Leading => "leading",
        }
    }

    pub fn from_code(code: &str) -> Option<Engagement> {
        Engagement::ALL.into_iter().find(|e| e.code() == code)
    }

    /// 0 (unaware) to 4 (leading).
    pub fn rank(self) -> i8 {
        self as i8
    }
}

/// Where the power/interest grid puts a stakeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quadrant {
    ManageClosely,
    KeepSatisfied,
    KeepInformed,
    Monitor,
}

impl Quadrant {
    /// High influence or interest is 3 or more on the 1–5 scale.
    pub fn of(influence: u8, interest: u8) -> Quadrant {
        match (influence >= 3, interest >= 3) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "manage_closely",
            Quadrant::KeepSatisfied => "keep_satisfied",
            Quadrant::KeepInformed => "keep_informed",
            Quadrant::Monitor => "monitor",
        }
    }
}

/// Someone with a stake in the portfolio's projects, kept once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stakeholder {
    pub id: StakeholderId,
    pub name: String,
    pub organisation: String,
    pub title: String,
    pub contact: String,
    /// Power over the project, 1–5.
    pub influence: u8,
    /// How much the project matters to them, 1–5.
    pub interest: u8,
    /// In a few words: "champion", "sceptical about the cost".
    pub attitude: String,
    pub current: Engagement,
    pub desired: Engagement,
    pub needs: String,
    /// How they like to be told: "e-mail", "steering committee".
    pub channel: String,
}

impl Stakeholder {
    pub fn quadrant(&self) -> Quadrant {
        Quadrant::of(self.influence, self.interest)
    }

    /// How many steps their engagement must move: positive to raise it.
    pub fn gap(&self) -> i8 {
        self.desired.rank() - self.current.rank()
    }
}

/// How often a communication goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Frequency {
    #[default]
    Weekly,
    Fortnightly,
    Monthly,
    /// At each milestone of the plan.
    Milestone,
}

impl Frequency {
    pub const ALL: [Frequency; 4] =
        [Frequency::Weekly, Frequency::Fortnightly, Frequency::Monthly, Frequency::Milestone];

    pub fn code(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Fortnightly => "fortnightly",
            Frequency::Monthly => "monthly",
            Frequency::Milestone => "milestone",
        }
    }

    pub fn from_code(code: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.code() == code)
    }

    /// When it is due next after going out on `sent`: a week, two weeks or
    /// a month on (the same day of the month, or the month's last), or the
    /// first milestone of `milestones` after `sent`.
    pub fn next_after(self, sent: NaiveDate, milestones: &[NaiveDate]) -> Option<NaiveDate> {
        match self {
            Frequency::Weekly => sent.checked_add_days(Days::new(7)),
            Frequency::Fortnightly => sent.checked_add_days(Days::new(14)),
            Frequency::Monthly => sent.checked_add_months(Months::new(1)),
            Frequency::Milestone => milestones.iter().filter(|m| **m > sent).min().copied(),
        }
    }
}

/// A line of the communication plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Communication {
    pub id: CommunicationId,
    pub project_id: ProjectId,
    /// What goes out: "Status report", "Steering pack".
    pub what: String,
    pub channel: String,
    pub frequency: Frequency,
    pub owner_id: Option<MemberId>,
    /// `None` once a milestone frequency has no milestone left.
    pub next_due: Option<NaiveDate>,
    /// The stakeholders it goes to.
    pub audience: Vec<StakeholderId>,
}

impl Communication {
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.next_due.is_some_and(|d| d < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_grid_splits_at_three_on_each_scale() {
        // (influence, interest, quadrant)
        let cases = [
            (5, 5, Quadrant::ManageClosely),
            (3, 3, Quadrant::ManageClosely),
            (5, 2, Quadrant::KeepSatisfied),
            (2, 5, Quadrant::KeepInformed),
            (1, 1, Quadrant::Monitor),
            (2, 2, Quadrant::Monitor),
        ];
        for (influence, interest, q) in cases {
            assert_eq!(Quadrant::of(influence, interest), q, "{influence}/{interest}");
        }
    }

    #[test]
    fn the_engagement_gap_counts_the_steps_to_the_desired_level() {
        let s = |current, desired| Stakeholder {
            id: 1,
            name: "Works council".into(),
            organisation: String::new(),
            title: String::new(),
            contact: String::new(),
            influence: 4,
            interest: 4,
            attitude: String::new(),
            current,
            desired,
            needs: String::new(),
            channel: String::new(),
        };
        assert_eq!(s(Engagement::Resistant, Engagement::Supportive).gap(), 2);
        assert_eq!(s(Engagement::Leading, Engagement::Supportive).gap(), -1);
        assert_eq!(s(Engagement::Neutral, Engagement::Neutral).gap(), 0);
        for bad in [0, 6, -3] {
            assert!(crate::validate::rating("influence", "Influence", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_communication_falls_due_again_by_its_frequency() {
        let milestones = [day(2026, 12, 18), day(2027, 1, 21)];
        // (frequency, sent, next)
        let cases = [
            (Frequency::Weekly, day(2026, 12, 4), Some(day(2026, 12, 11))),
            (Frequency::Fortnightly, day(2026, 12, 4), Some(day(2026, 12, 18))),
            (Frequency::Monthly, day(2027, 1, 31), Some(day(2027, 2, 28))),
            (Frequency::Milestone, day(2026, 12, 4), Some(day(2026, 12, 18))),
            (Frequency::Milestone, day(2026, 12, 18), Some(day(2027, 1, 21))),
            (Frequency::Milestone, day(2027, 2, 1), None),
        ];
        for (f, sent, next) in cases {
            assert_eq!(f.next_after(sent, &milestones), next, "{f:?} after {sent}");
        }
    }
}
