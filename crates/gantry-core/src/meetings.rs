//! Meetings, their action items and the decisions taken: who came, what
//! was on the agenda and in the minutes, who does what by when, and what
//! was decided, why, among which options, by whom and what it changed.

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::{MemberId, ProjectId, TaskId};
use crate::validate::{self, ValidationError};

pub type MeetingId = i64;
pub type ActionId = i64;
pub type DecisionId = i64;

/// The longest minutes or agenda Gantry keeps, in characters: about forty
/// pages of text.
pub const MAX_MINUTES_CHARS: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MeetingKind {
    SteeringCommittee,
    #[default]
    Status,
    SprintReview,
    Retrospective,
    ChangeAdvisoryBoard,
    Vendor,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 6] = [
        MeetingKind::SteeringCommittee,
        MeetingKind::Status,
        MeetingKind::SprintReview,
        MeetingKind::Retrospective,
        MeetingKind::ChangeAdvisoryBoard,
        MeetingKind::Vendor,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MeetingKind::SteeringCommittee => "steering_committee",
            MeetingKind::Status => "status",
            MeetingKind::SprintReview => "sprint_review",
            MeetingKind::Retrospective => "retrospective",
            MeetingKind::ChangeAdvisoryBoard => "change_advisory_board",
            MeetingKind::Vendor => "vendor",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::SteeringCommittee => "Steering committee",
            MeetingKind::Status => "Status meeting",
            MeetingKind::SprintReview => "Sprint review",
            MeetingKind::Retrospective => "Retrospective",
            MeetingKind::ChangeAdvisoryBoard => "Change advisory board",
            MeetingKind::Vendor => "Vendor meeting",
        }
    }

    pub fn from_code(code: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One who was asked to a meeting: a person of the team or a stakeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendee {
    Member(MemberId),
    Stakeholder(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: MeetingId,
    pub project_id: ProjectId,
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub agenda: String,
    pub minutes: String,
    /// Who was asked, and whether they came.
    pub attendees: Vec<(Attendee, bool)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActionState {
    #[default]
    Open,
    Done,
    Dropped,
}

impl ActionState {
    pub const ALL: [ActionState; 3] = [ActionState::Open, ActionState::Done, ActionState::Dropped];

    pub fn code(self) -> &'static str {
        match self {
            ActionState::Open => "open",
            ActionState::Done => "done",
            ActionState::Dropped => "dropped",
        }
    }

    pub fn from_code(code: &str) -> Option<ActionState> {
        ActionState::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Something someone must do by a day, usually agreed in a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub id: ActionId,
    pub project_id: ProjectId,
    pub meeting_id: Option<MeetingId>,
    pub title: String,
    pub owner_id: MemberId,
    pub due: NaiveDate,
    pub state: ActionState,
    /// The task of the plan it became, when it did.
    pub task_id: Option<TaskId>,
}

impl Action {
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.state == ActionState::Open && self.due < today
    }
}

/// What was decided, kept for the project's decision log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub id: DecisionId,
    pub project_id: ProjectId,
    pub meeting_id: Option<MeetingId>,
    /// What was decided.
    pub title: String,
    /// Why.
    pub rationale: String,
    /// The options that were weighed.
    pub options: String,
    /// Who decided, by name: a decision keeps its maker even when they leave
    /// the register.
    pub decided_by: String,
    pub decided_on: NaiveDate,
    /// The tasks and risks it changed.
    pub tasks: Vec<TaskId>,
    pub risks: Vec<i64>,
}

impl Decision {
    /// Whether every word of `query` is in what was decided, why, the
    /// options or who decided (case-insensitive).
    pub fn matches(&self, query: &str) -> bool {
        let text = format!("{} {} {} {}", self.title, self.rationale, self.options, self.decided_by).to_lowercase();
        query.split_whitespace().all(|w| text.contains(&w.to_lowercase()))
    }
}

/// Minutes or an agenda: free text up to [`MAX_MINUTES_CHARS`].
pub fn minutes(field: &'static str, label: &str, raw: &str) -> Result<String, ValidationError> {
    let chars = raw.chars().count();
    if chars > MAX_MINUTES_CHARS {
        return Err(ValidationError {
            field,
            message: format!(
                "{label} are {chars} characters long; at most {MAX_MINUTES_CHARS} are kept. Attach long documents elsewhere and link them."
            ),
        });
    }
    validate::text(field, label, raw)
}

/// An action falls due on or after the day of its meeting.
pub fn check_action_due(due: NaiveDate, meeting: Option<NaiveDateTime>) -> Result<(), ValidationError> {
    match meeting {
        Some(m) if due < m.date() => Err(ValidationError {
            field: "due",
            message: format!("The action is due ({due}) before its meeting ({}).", m.date()),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn an_open_action_past_its_day_is_overdue() {
        let mut a = Action {
            id: 1,
            project_id: 1,
            meeting_id: None,
            title: "Send the cut-over plan to the works council".into(),
            owner_id: 1,
            due: day(4),
            state: ActionState::Open,
            task_id: None,
        };
        assert!(!a.overdue(day(4)), "due today is not overdue");
        assert!(a.overdue(day(5)));
        a.state = ActionState::Done;
        assert!(!a.overdue(day(5)));
        let meeting = day(3).and_hms_opt(10, 0, 0);
        assert!(check_action_due(day(2), meeting).is_err());
        assert!(check_action_due(day(3), meeting).is_ok());
        assert!(check_action_due(day(1), None).is_ok());
    }

    #[test]
    fn the_decision_log_finds_every_word_anywhere() {
        let d = Decision {
            id: 1,
            project_id: 1,
            meeting_id: None,
            title: "Cut over in two waves".into(),
            rationale: "Sales year-end closing must not be disturbed".into(),
            options: "Big bang at Easter; two waves; parallel run".into(),
            decided_by: "Steering committee".into(),
            decided_on: day(1),
            tasks: vec![],
            risks: vec![],
        };
        assert!(d.matches("waves"));
        assert!(d.matches("STEERING easter"));
        assert!(!d.matches("waves budget"));
        assert!(d.matches(""));
    }

    #[test]
    fn minutes_of_several_megabytes_are_refused() {
        assert!(minutes("minutes", "The minutes", &"x".repeat(3_000_000)).is_err());
        assert_eq!(minutes("minutes", "The minutes", "Decided: two waves.\n").as_deref(), Ok("Decided: two waves."));
    }
}
