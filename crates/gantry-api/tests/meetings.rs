//! Stakeholders, the communication plan, meetings, action items and the
//! decision log, run the way the app runs them, on real temporary
//! portfolios: the sample's, a steering committee recorded with a decision
//! and an action that becomes a task, and bad input refused without a trace.

mod common;

use common::{open, person, project, today};
use gantry_api::Portfolio;
use gantry_api::wire::*;

fn stakeholder(p: &Portfolio, name: &str) -> i64 {
    p.stakeholder_rows(None).expect("stakeholders").into_iter().find(|s| s.name == name).expect("stakeholder").id
}

fn steering(p: &Portfolio) -> MeetingFields {
    MeetingFields {
        kind: "steering_committee".into(),
        title: "Steering committee 4".into(),
        starts_at: "2026-11-23T10:00".into(),
        agenda: "1. Wave 1 readiness\n2. Budget".into(),
        minutes: "Wave 1 is ready but for the training rooms.".into(),
        attendees: vec![
            AttendeeRow { member_id: Some(person(p, "Ana")), stakeholder_id: None, name: String::new(), present: true },
            AttendeeRow {
                member_id: None,
                stakeholder_id: Some(stakeholder(p, "Claire Dubois")),
                name: String::new(),
                present: true,
            },
            AttendeeRow {
                member_id: None,
                stakeholder_id: Some(stakeholder(p, "Elena Rossi")),
                name: String::new(),
                present: false,
            },
        ],
    }
}

#[test]
fn the_sample_spreads_stakeholders_over_the_grid_and_chases_what_is_overdue() {
    let (_dir, _path, p) = open();
    let all = p.stakeholder_rows(None).expect("stakeholders");
    for q in ["manage_closely", "keep_satisfied", "keep_informed", "monitor"] {
        assert!(all.iter().any(|s| s.quadrant == q), "someone to {q}");
    }
    let council = all.iter().find(|s| s.name == "Works council").expect("the works council");
    assert_eq!((council.current.as_str(), council.desired.as_str(), council.gap), ("resistant", "neutral", 1));
    assert_eq!(council.roles.len(), 2, "one register, a role in each project");
    let crm = project(&p, "CRM migration");
    let view = p.stakeholder_view(crm, today()).expect("view");
    assert!(view.stakeholders.iter().any(|s| s.role.as_deref() == Some("Sponsor")));
    assert!(view.others.iter().any(|s| s.name == "Paulo Ferreira"), "others can be given a role");
    assert!(view.communications.iter().any(|c| c.overdue && c.what == "Weekly status report"));
    // The meetings: a steering committee with its decision and actions.
    let meetings = p.meetings_view(crm, today()).expect("meetings");
    let sc = meetings.meetings.iter().find(|m| m.kind == "steering_committee").expect("a steering committee");
    assert!(sc.attendees.iter().any(|a| a.name == "Claire Dubois" && a.present));
    assert!(sc.attendees.iter().any(|a| a.name == "Elena Rossi" && !a.present));
    assert_eq!(sc.decisions.len(), 1);
    assert!(!sc.decisions[0].tasks.is_empty() && !sc.decisions[0].risks.is_empty(), "what it changed");
    assert!(sc.actions.iter().any(|a| a.overdue), "{:?}", sc.actions);
    // The decision log finds a decision by any of its words.
    assert_eq!(p.decision_rows(None, "waves").expect("log").len(), 1);
    assert_eq!(p.decision_rows(None, "in-house FABRIKAM").expect("log").len(), 1);
    assert!(p.decision_rows(None, "nothing-like-this").expect("log").is_empty());
    // The dashboard's follow-ups across projects.
    let f = p.follow_ups(today()).expect("follow-ups");
    assert!(!f.overdue_actions.is_empty() && f.overdue_actions.iter().all(|a| a.overdue && a.state == "open"));
    assert!(f.overdue_communications.iter().any(|c| c.what == "Weekly status report"));
}

#[test]
fn a_steering_committee_is_recorded_with_a_decision_and_an_action_that_becomes_a_task() {
    let (_dir, path, mut p) = open();
    let crm = project(&p, "CRM migration");
    let meeting = p.add_meeting(crm, &steering(&p)).expect("meeting");
    let plan = p.plan(crm).expect("plan");
    let training = plan.tasks.iter().find(|t| t.name == "End-user training, 6 sessions").expect("task").id;
    let decision = DecisionFields {
        meeting_id: Some(meeting),
        title: "Train in the Lyon office in January".into(),
        rationale: "The HQ rooms are taken by the year-end closing.".into(),
        options: "HQ in February; Lyon in January; online only".into(),
        decided_by: "Claire Dubois".into(),
        tasks: vec![training],
        ..Default::default()
    };
    let d = p.add_decision(crm, &decision, today()).expect("decision");
    let action = ActionFields {
        meeting_id: Some(meeting),
        title: "Book the Lyon training rooms".into(),
        owner_id: Some(person(&p, "Lena")),
        due: "2026-11-30".into(),
        state: String::new(),
    };
    let a = p.add_action(crm, &action).expect("action");
    let view = p.meetings_view(crm, today()).expect("view");
    let m = view.meetings.iter().find(|m| m.id == meeting).expect("the meeting");
    assert_eq!(m.starts_at, "2026-11-23T10:00");
    assert_eq!(m.attendees.iter().filter(|x| x.present).count(), 2);
    assert_eq!(m.decisions[0].id, d);
    assert_eq!(m.decisions[0].decided_on, "2026-11-23", "decided on the meeting's day");
    assert_eq!(m.decisions[0].tasks[0].name, "End-user training, 6 sessions");
    assert_eq!(m.actions[0].id, a);

    // The action becomes a task of the plan, for Lena, due on its day.
    let t = p.action_to_task(a).expect("task");
    let task = p.plan(crm).expect("plan").tasks.into_iter().find(|x| x.id == t).expect("in the plan");
    assert_eq!(task.name, "Book the Lyon training rooms");
    assert_eq!(task.constraint_kind, gantry_core::model::ConstraintKind::Fnlt);
    assert_eq!(task.constraint_date.as_deref().map(|d| &d[..10]), Some("2026-11-30"));
    assert_eq!(p.staffing(t).expect("staffing").assignments[0].member_id, person(&p, "Lena"));
    assert!(p.action_to_task(a).is_err(), "once");
    // Undo takes the task and the link back together.
    p.undo().expect("undo");
    assert!(p.plan(crm).expect("plan").tasks.iter().all(|x| x.id != t));
    assert!(p.action_rows(Some(crm), today()).expect("actions").iter().any(|x| x.id == a && x.task.is_none()));
    p.redo().expect("redo");
    drop(p);

    let p = Portfolio::open(&path).expect("reopens");
    let view = p.meetings_view(crm, today()).expect("view");
    let m = view.meetings.iter().find(|m| m.id == meeting).expect("kept");
    assert_eq!(m.actions[0].task.as_ref().map(|t| t.id), Some(t));
    assert_eq!(m.minutes, "Wave 1 is ready but for the training rooms.");
    assert!(view.decisions.iter().any(|x| x.id == d));
}

#[test]
fn a_communication_sent_records_to_whom_and_falls_due_again_by_its_frequency() {
    let (_dir, _path, mut p) = open();
    let crm = project(&p, "CRM migration");
    let fields = CommunicationFields {
        what: "Cut-over bulletin".into(),
        channel: "E-mail".into(),
        frequency: "fortnightly".into(),
        owner_id: Some(person(&p, "Ana")),
        next_due: "2026-11-20".into(),
        audience: vec![stakeholder(&p, "Claire Dubois"), stakeholder(&p, "Henrik Larsen")],
    };
    let id = p.add_communication(crm, &fields, today()).expect("planned");
    let row = |p: &Portfolio| {
        p.stakeholder_view(crm, today()).expect("view").communications.into_iter().find(|c| c.id == id).expect("row")
    };
    assert!(row(&p).overdue);
    p.mark_communication_sent(id, today()).expect("sent");
    let c = row(&p);
    assert_eq!(c.last_sent.as_deref(), Some("2026-11-24"));
    assert_eq!(c.sent_to, "Claire Dubois, Henrik Larsen");
    assert_eq!(c.next_due.as_deref(), Some("2026-12-08"), "two weeks on");
    assert!(!c.overdue);
    // At each milestone: due on the next open milestone of the plan.
    let milestone = CommunicationFields { frequency: "milestone".into(), next_due: String::new(), ..fields };
    let m = p.add_communication(crm, &milestone, today()).expect("planned");
    let due =
        p.stakeholder_view(crm, today()).expect("view").communications.into_iter().find(|c| c.id == m).expect("row");
    let plan = p.plan(crm).expect("plan");
    assert!(
        plan.tasks
            .iter()
            .any(|t| t.kind == gantry_core::model::TaskKind::Milestone
                && due.next_due.as_deref() == Some(&t.finish[..10])),
        "{:?}",
        due.next_due
    );
}

#[test]
fn bad_stakeholders_meetings_and_actions_are_refused_and_change_nothing() {
    let (_dir, _path, mut p) = open();
    let crm = project(&p, "CRM migration");
    let before = common::digest(&p);
    let good = StakeholderFields {
        name: "Head of Sales Operations".into(),
        influence: 3,
        interest: 4,
        current: "neutral".into(),
        desired: "supportive".into(),
        ..Default::default()
    };
    for (what, f) in [
        ("influence 0", StakeholderFields { influence: 0, ..good.clone() }),
        ("influence 6", StakeholderFields { influence: 6, ..good.clone() }),
        ("interest 9", StakeholderFields { interest: 9, ..good.clone() }),
        ("no name", StakeholderFields { name: " ".into(), ..good.clone() }),
        ("a name of 10,000 characters", StakeholderFields { name: "S".repeat(10_000), ..good.clone() }),
        ("an engagement that is none", StakeholderFields { current: "hostile".into(), ..good.clone() }),
    ] {
        assert!(p.add_stakeholder(&f, Some((crm, "x"))).is_err(), "{what}");
    }
    let meeting = steering(&p);
    let bad_meetings = [
        ("a meeting without a date", MeetingFields { starts_at: String::new(), ..meeting.clone() }, "date"),
        (
            "a date that does not exist",
            MeetingFields { starts_at: "2026-02-30T10:00".into(), ..meeting.clone() },
            "2026-02-30",
        ),
        (
            "minutes of several megabytes",
            MeetingFields { minutes: "m".repeat(3_000_000), ..meeting.clone() },
            "at most 100000",
        ),
        (
            "an attendee from another portfolio",
            MeetingFields {
                attendees: vec![AttendeeRow {
                    member_id: Some(987_654),
                    stakeholder_id: None,
                    name: String::new(),
                    present: true,
                }],
                ..meeting.clone()
            },
            "not in this portfolio",
        ),
        ("an unknown kind", MeetingFields { kind: "party".into(), ..meeting.clone() }, "kind"),
    ];
    for (what, m, says) in &bad_meetings {
        let err = p.add_meeting(crm, m).expect_err(what).to_string();
        assert!(err.contains(says), "{what}: {err}");
    }
    assert_eq!(common::digest(&p), before, "nothing saved");

    let id = p.add_meeting(crm, &meeting).expect("a good meeting");
    let after = common::digest(&p);
    let action = ActionFields {
        meeting_id: Some(id),
        title: "Book rooms".into(),
        owner_id: Some(person(&p, "Lena")),
        due: "2026-11-30".into(),
        state: String::new(),
    };
    for (what, a, says) in [
        ("owned by nobody", ActionFields { owner_id: None, ..action.clone() }, "owner"),
        ("owned by a stranger", ActionFields { owner_id: Some(555_555), ..action.clone() }, "not on the team"),
        ("due before its meeting", ActionFields { due: "2026-11-22".into(), ..action.clone() }, "before its meeting"),
        ("without a day", ActionFields { due: String::new(), ..action.clone() }, "due"),
    ] {
        let err = p.add_action(crm, &a).expect_err(what).to_string();
        assert!(err.contains(says), "{what}: {err}");
    }
    let network = project(&p, "Office network");
    assert!(p.add_action(network, &action).is_err(), "a meeting of another project");
    assert_eq!(common::digest(&p), after, "nothing saved");

    // A stakeholder who attended is kept; one named only by a decision may
    // go, and the decision keeps their name.
    let claire = stakeholder(&p, "Claire Dubois");
    assert!(p.remove_stakeholder(claire).unwrap_err().to_string().contains("meeting"));
    let kim = stakeholder(&p, "Sandra Kim");
    let d = p
        .add_decision(
            crm,
            &DecisionFields {
                title: "Renew for three years".into(),
                decided_by: "Sandra Kim".into(),
                ..Default::default()
            },
            today(),
        )
        .expect("decision");
    p.remove_stakeholder(kim).expect("removed");
    let log = p.decision_rows(Some(crm), "renew").expect("log");
    assert_eq!((log[0].id, log[0].decided_by.as_str()), (d, "Sandra Kim"));
}
