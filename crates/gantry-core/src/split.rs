//! Split tasks: where a task's work stops and resumes. A task's splits
//! ([`Split`]) are kept in minutes of its duration, so they move with the
//! task; the moments of each stretch of work follow from where the task
//! starts and its calendar.

use chrono::NaiveDateTime;

use crate::calendar::WorkCalendar;
use crate::model::{Split, Task, TaskKind};

/// The stretches of work of `task` when it runs from `start` to `finish`
/// on `calendar`: one for a task that does not pause. The last stretch
/// ends at `finish`, wherever the schedule put it.
pub fn work_segments(
    task: &Task,
    start: NaiveDateTime,
    finish: NaiveDateTime,
    calendar: &WorkCalendar,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let advance = |from: NaiveDateTime, minutes: i64| {
        if task.duration_elapsed { from + chrono::Duration::minutes(minutes) } else { calendar.add(from, minutes) }
    };
    let mut out = Vec::new();
    let mut at = start;
    let mut done = 0;
    for s in task.splits_in_work() {
        if s.after <= done {
            continue;
        }
        let end = advance(at, s.after - done);
        if end >= finish {
            break;
        }
        out.push((at, end));
        let resume = advance(end, s.pause);
        at = if task.duration_elapsed { resume } else { calendar.next_start(resume) };
        done = s.after;
    }
    out.push((at, finish.max(at)));
    out
}

/// Why a task cannot pause at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitRefused {
    /// The moment is not inside one of its stretches of work.
    NotWorking,
    /// It is a milestone or a summary.
    NoWork,
}

/// The splits of `task` (running from `start` to `finish` on `calendar`)
/// with a pause of `pause` minutes added at `at`, which must fall inside a
/// stretch of its work; a moment out of working time stands for the next
/// working one (a click on a Saturday splits on Monday morning).
pub fn split_at(
    task: &Task,
    start: NaiveDateTime,
    finish: NaiveDateTime,
    calendar: &WorkCalendar,
    at: NaiveDateTime,
    pause: i64,
) -> Result<Vec<Split>, SplitRefused> {
    if task.kind != TaskKind::Task || task.duration_minutes <= 0 {
        return Err(SplitRefused::NoWork);
    }
    let at = if task.duration_elapsed { at } else { calendar.next_start(at) };
    let mut done = 0;
    let splits: Vec<Split> = task.splits_in_work().copied().collect();
    for (n, (a, b)) in work_segments(task, start, finish, calendar).into_iter().enumerate() {
        if a < at && at < b {
            let into =
                if task.duration_elapsed { (at - a).num_minutes() } else { calendar.working_minutes_between(a, at) };
            let after = done + into;
            if after <= 0 || after >= task.duration_minutes {
                return Err(SplitRefused::NotWorking);
            }
            let mut out = splits;
            out.insert(n, Split { after, pause });
            return Ok(out);
        }
        done = splits.get(n).map_or(done, |s| s.after);
    }
    Err(SplitRefused::NotWorking)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test date")
    }

    /// "Split Task 1" of fixtures/mspdi/mspdisplittask.xml: 80 hours from
    /// Thursday 2006-09-21, paused after 32 hours for three working days;
    /// MS Project's timephased work runs to Tuesday 09-26 17:00 and again
    /// from Monday 10-02, finishing Monday 10-09 17:00.
    #[test]
    fn the_stretches_of_a_split_task_skip_its_pause_and_the_weekend() {
        let cal = WorkCalendar::standard(1, "Standard");
        let mut task = Task::new(1, None, 1, "Split Task 1", 4800);
        task.splits = vec![Split { after: 1920, pause: 1440 }];
        assert_eq!(task.pauses(), 1440);
        let start = t("2006-09-21 08:00");
        let finish = cal.add(start, 4800 + task.pauses());
        assert_eq!(finish, t("2006-10-09 17:00"));
        assert_eq!(
            work_segments(&task, start, finish, &cal),
            vec![(start, t("2006-09-26 17:00")), (t("2006-10-02 08:00"), finish)]
        );
    }

    #[test]
    fn a_task_pauses_where_the_planner_splits_it_and_not_in_a_pause() {
        let cal = WorkCalendar::standard(1, "Standard");
        // Five days from Monday 2027-03-15.
        let mut task = Task::new(1, None, 1, "Build", 2400);
        let start = t("2027-03-15 08:00");
        let finish = t("2027-03-19 17:00");
        // Split on Tuesday at noon for a day: 12 hours done before.
        let splits = split_at(&task, start, finish, &cal, t("2027-03-16 12:00"), 480).expect("inside the work");
        assert_eq!(splits, vec![Split { after: 720, pause: 480 }]);
        task.splits = splits;
        let finish = cal.add(start, 2400 + task.pauses());
        assert_eq!(finish, t("2027-03-22 17:00"));
        let segments = work_segments(&task, start, finish, &cal);
        // A working day's pause from noon: the work resumes after lunch.
        assert_eq!(segments, vec![(start, t("2027-03-16 12:00")), (t("2027-03-17 13:00"), finish)]);
        // A second split later in the work comes after the first.
        let more = split_at(&task, start, finish, &cal, t("2027-03-22 08:00"), 960).expect("second stretch");
        assert_eq!(more, vec![Split { after: 720, pause: 480 }, Split { after: 1920, pause: 960 }]);
        // A Sunday stands for Monday morning.
        let sunday = split_at(&task, start, finish, &cal, t("2027-03-21 10:00"), 960).expect("Monday");
        assert_eq!(sunday, more);
        // Inside the pause, before the start or on a milestone: refused.
        assert_eq!(split_at(&task, start, finish, &cal, t("2027-03-16 15:00"), 480), Err(SplitRefused::NotWorking));
        assert_eq!(split_at(&task, start, finish, &cal, t("2027-03-12 10:00"), 480), Err(SplitRefused::NotWorking));
        let milestone = Task::new(1, None, 2, "Go-live", 0);
        assert_eq!(split_at(&milestone, start, start, &cal, start, 480), Err(SplitRefused::NoWork));
    }

    #[test]
    fn splits_go_to_text_and_back() {
        let splits = vec![Split { after: 720, pause: 480 }, Split { after: 2160, pause: 960 }];
        let text = Split::list_text(&splits);
        assert_eq!(text, "720+480 2160+960");
        assert_eq!(Split::parse_list(&text), Some(splits));
        assert_eq!(Split::parse_list(""), Some(vec![]));
        assert_eq!(Split::parse_list("720-480"), None);
        assert_eq!(Split::parse_list("x+1"), None);
    }
}
