//! The sample portfolio's stakeholders (spread over the power/interest
//! grid, with a role in each of their projects), communication plans, and
//! steering committee, status and other meetings with minutes, decisions
//! and action items, some overdue.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use gantry_core::meetings::*;
use gantry_core::model::Project;
use gantry_core::stakeholders::*;
use gantry_store::{Db, Result};

const CRM: &str = "CRM migration to Dynamics 365";
const NETWORK: &str = "Office network refresh";
const PORTAL: &str = "Customer self-service portal";

/// Name, organisation, title, contact, influence, interest, attitude,
/// current and desired engagement, needs, channel, and roles by project.
type SampleStakeholder = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u8,
    u8,
    &'static str,
    Engagement,
    Engagement,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const STAKEHOLDERS: &[SampleStakeholder] = &[
    (
        "Claire Dubois",
        "Northwind Traders",
        "Chief Commercial Officer",
        "claire.dubois@northwind.example",
        5,
        5,
        "Sponsor; wants the sales pipeline visible to the board",
        Engagement::Supportive,
        Engagement::Leading,
        "Go-live before Siebel support ends; no disruption of the year-end closing",
        "Steering committee",
        &[(CRM, "Sponsor")],
    ),
    (
        "Elena Rossi",
        "Northwind Traders",
        "Chief Financial Officer",
        "elena.rossi@northwind.example",
        5,
        2,
        "Watches licence and contractor costs closely",
        Engagement::Neutral,
        Engagement::Supportive,
        "No budget surprises; variances explained before the steering committee",
        "Monthly one-page summary",
        &[(CRM, "Budget approver"), (NETWORK, "Budget approver"), (PORTAL, "Budget approver")],
    ),
    (
        "Henrik Larsen",
        "Northwind Traders",
        "Head of Customer Service",
        "henrik.larsen@northwind.example",
        4,
        5,
        "Worried about the agents' first weeks on a new tool",
        Engagement::Neutral,
        Engagement::Supportive,
        "Trained agents before go-live; floor support during hypercare",
        "Weekly status report",
        &[(CRM, "Department head, service"), (PORTAL, "Business owner")],
    ),
    (
        "Works council",
        "Northwind Traders",
        "Chair: Martine Leroy",
        "works.council@northwind.example",
        4,
        3,
        "Must agree to any tool that records staff activity",
        Engagement::Resistant,
        Engagement::Neutral,
        "Say in how activity data and network logs are used",
        "Formal letter, then a meeting",
        &[(CRM, "Consulted on staff data"), (NETWORK, "Consulted on monitoring")],
    ),
    (
        "Jens Berg",
        "Northwind Traders",
        "Chief Information Security Officer",
        "jens.berg@northwind.example",
        4,
        3,
        "Supportive if security signs off each go-live",
        Engagement::Supportive,
        Engagement::Leading,
        "Penetration tests before go-live; logs in the SIEM",
        "Change advisory board",
        &[(NETWORK, "Security sign-off"), (PORTAL, "Security sign-off")],
    ),
    (
        "Key users panel",
        "Sales and service",
        "12 key users",
        "keyusers@northwind.example",
        2,
        5,
        "Keen, but short of time at year-end",
        Engagement::Supportive,
        Engagement::Leading,
        "Enough time for UAT; their feedback acted on",
        "Teams channel",
        &[(CRM, "End-user representatives")],
    ),
    (
        "Marta Nowicka",
        "Northwind Traders",
        "Head of Finance Operations",
        "marta.nowicka@northwind.example",
        3,
        4,
        "Wants fewer invoice calls to her team",
        Engagement::Neutral,
        Engagement::Supportive,
        "Invoices and payments right from day one",
        "Sprint reviews",
        &[(PORTAL, "Department head, billing")],
    ),
    (
        "Customer advisory group",
        "Eight customers",
        "Pilot customers",
        "advisory@northwind.example",
        1,
        4,
        "Not yet told about the beta",
        Engagement::Unaware,
        Engagement::Supportive,
        "A portal that saves them calls",
        "E-mail invitation",
        &[(PORTAL, "End-user representatives")],
    ),
    (
        "Paulo Ferreira",
        "Northwind Traders",
        "Porto branch manager",
        "paulo.ferreira@northwind.example",
        2,
        4,
        "Remembers the last outage that ran into the morning",
        Engagement::Neutral,
        Engagement::Supportive,
        "Outages in the evening, announced a week ahead",
        "Phone, then e-mail",
        &[(NETWORK, "Site contact, Porto")],
    ),
    (
        "Sandra Kim",
        "Contoso Cloud Solutions",
        "Account manager",
        "sandra.kim@contoso.example",
        3,
        2,
        "Keen to renew for three years",
        Engagement::Supportive,
        Engagement::Supportive,
        "The renewal decided before the notice day",
        "E-mail",
        &[(CRM, "Vendor: licences")],
    ),
    (
        "Ravi Menon",
        "Fabrikam Data Services",
        "Delivery lead",
        "ravi.menon@fabrikam.example",
        2,
        3,
        "Defends the hours the duplicates took",
        Engagement::Neutral,
        Engagement::Supportive,
        "A clear scope for the second statement of work",
        "Weekly call",
        &[(CRM, "Vendor: data cleansing")],
    ),
    (
        "Tom Hughes",
        "Litware Networks",
        "Account manager",
        "tom.hughes@litware.example",
        2,
        2,
        "Routine supplier",
        Engagement::Neutral,
        Engagement::Neutral,
        "Delivery dates confirmed in writing",
        "E-mail",
        &[(NETWORK, "Vendor: switches")],
    ),
];

/// Project, what, channel, frequency, owner, next due in days from today
/// (`None`: the next milestone), audience.
type SampleCommunication =
    (&'static str, &'static str, &'static str, Frequency, &'static str, Option<i64>, &'static [&'static str]);

const COMMUNICATIONS: &[SampleCommunication] = &[
    (
        CRM,
        "Weekly status report",
        "E-mail",
        Frequency::Weekly,
        "ana",
        Some(-2),
        &["Claire Dubois", "Henrik Larsen", "Elena Rossi"],
    ),
    (
        CRM,
        "Steering committee pack",
        "Steering committee",
        Frequency::Monthly,
        "ana",
        Some(12),
        &["Claire Dubois", "Elena Rossi", "Henrik Larsen"],
    ),
    (
        CRM,
        "Go-live notice to all users",
        "Intranet and e-mail",
        Frequency::Milestone,
        "lena",
        None,
        &["Key users panel", "Henrik Larsen"],
    ),
    (
        NETWORK,
        "Outage notice to branch staff",
        "E-mail and posters",
        Frequency::Milestone,
        "tomasz",
        None,
        &["Paulo Ferreira"],
    ),
    (NETWORK, "Progress e-mail", "E-mail", Frequency::Fortnightly, "tomasz", Some(5), &["Elena Rossi", "Jens Berg"]),
    (
        PORTAL,
        "Sprint review invitation",
        "Teams",
        Frequency::Fortnightly,
        "priya",
        Some(-1),
        &["Henrik Larsen", "Marta Nowicka", "Customer advisory group"],
    ),
];

/// Title, why, options, who decided, the tasks and risks it changed.
type SampleDecision =
    (&'static str, &'static str, &'static str, &'static str, &'static [&'static str], &'static [&'static str]);

struct SampleMeeting {
    project: &'static str,
    kind: MeetingKind,
    title: &'static str,
    /// Days before today, and the hour.
    days_ago: i64,
    hour: u32,
    members: &'static [&'static str],
    /// Stakeholders, and whether they came.
    stakeholders: &'static [(&'static str, bool)],
    agenda: &'static str,
    minutes: &'static str,
    decisions: &'static [SampleDecision],
    /// Title, owner, due in days after the meeting, done.
    actions: &'static [(&'static str, &'static str, i64, bool)],
}

const MEETINGS: &[SampleMeeting] = &[
    SampleMeeting {
        project: CRM,
        kind: MeetingKind::SteeringCommittee,
        title: "Steering committee 3",
        days_ago: 22,
        hour: 10,
        members: &["ana", "lena"],
        stakeholders: &[("Claire Dubois", true), ("Henrik Larsen", true), ("Elena Rossi", false)],
        agenda: "1. Status, budget and CPI\n2. Data quality findings from profiling\n3. Cut-over approach\n4. Risks for the steering committee",
        minutes: "Status: design signed off; data cleansing over its hours (18 % duplicate accounts, not the 5 % estimated). CPI 0.85.\n\
                  Cut-over: the committee weighed a big bang in January against two waves and a parallel run.\n\
                  Elena Rossi sent her apologies; the licence price rise goes to her by e-mail.",
        decisions: &[(
            "Cut over in two waves: sales first, then service",
            "Service agents need the year-end closing on Siebel; two waves halve what a failed cut-over could stop.",
            "Big bang in January; two waves (sales, then service); a four-week parallel run",
            "Claire Dubois (sponsor)",
            &["Final migration and validation"],
            &["SSO misconfiguration at cut-over locks users out"],
        )],
        actions: &[
            ("Send the cut-over plan to the works council", "ana", 7, false),
            ("Ask Fabrikam for a quote for a second data engineer", "ana", 5, true),
        ],
    },
    SampleMeeting {
        project: CRM,
        kind: MeetingKind::Status,
        title: "Weekly status",
        days_ago: 6,
        hour: 9,
        members: &["ana", "sofia", "lena", "marco"],
        stakeholders: &[],
        agenda: "Dry-run 1 results; duplicates; training rooms",
        minutes: "Dry-run 1 loaded 96 % of accounts; the rest are duplicates still being merged.\n\
                  Training in January needs rooms booked before the holidays.",
        decisions: &[(
            "Move the remaining de-duplication in-house",
            "Fabrikam's second statement of work would cost more than Sofia's and Lena's time; the rules are now known.",
            "Extend Fabrikam by 40 days; do it in-house; accept the duplicates and merge after go-live",
            "Ana Moreau",
            &["Cleanse duplicates and orphan records"],
            &["Legacy data cleansing overruns"],
        )],
        actions: &[
            ("Reconcile the remaining duplicates with the sales leads", "sofia", 10, false),
            ("Book the training rooms for January", "lena", 5, false),
        ],
    },
    SampleMeeting {
        project: NETWORK,
        kind: MeetingKind::ChangeAdvisoryBoard,
        title: "Change advisory board: core switch replacement",
        days_ago: 13,
        hour: 14,
        members: &["tomasz", "omar"],
        stakeholders: &[("Jens Berg", true)],
        agenda: "RFC-2291: replace the core switches and firewall cluster",
        minutes: "Approved for the weekend window, with the temporary firewall rules closed before Monday 06:00.",
        decisions: &[(
            "Replace the core in the weekend window",
            "The only window long enough to roll back; branches are closed.",
            "Weeknight in two steps; the weekend window",
            "Change advisory board",
            &["Replace core switches (weekend window)"],
            &["Ransomware outage of the file servers during the network refresh"],
        )],
        actions: &[("Write and rehearse the rollback plan for the core window", "tomasz", 19, false)],
    },
    SampleMeeting {
        project: PORTAL,
        kind: MeetingKind::SprintReview,
        title: "Sprint 3 review",
        days_ago: 9,
        hour: 15,
        members: &["priya", "kwame", "yuki"],
        stakeholders: &[("Henrik Larsen", true), ("Marta Nowicka", true), ("Customer advisory group", false)],
        agenda: "Demo: invoices list, contract details; payments after the provider's API change",
        minutes: "Invoices and contract details accepted. Payments slipped: the provider changed its API mid-sprint.",
        decisions: &[(
            "Release 1.0 without card-on-file; add it in 1.1",
            "Keeps the release date within two weeks of plan; customers can still pay by card each time.",
            "Hold 1.0 for card-on-file; release without it",
            "Priya Raman (product owner) with Henrik Larsen",
            &["Online payments (card and SEPA)"],
            &["Payment provider changes its API again"],
        )],
        actions: &[("Ask the payment provider for their API freeze dates", "marco", 6, false)],
    },
];

/// The register, the communication plans and the meetings of the sample.
pub(super) fn record(db: &Db, today: NaiveDate) -> Result<()> {
    let projects: HashMap<String, Project> =
        gantry_store::projects(db)?.into_iter().map(|p| (p.name.clone(), p)).collect();
    let team = gantry_store::team(db)?;
    let person = |key: &str| {
        let name = super::TEAM.iter().find(|m| m.key == key).map(|m| m.name)?;
        team.iter().find(|m| m.name == name).map(|m| m.id)
    };
    let mut people: HashMap<&str, i64> = HashMap::new();
    for (name, organisation, title, contact, influence, interest, attitude, current, desired, needs, channel, roles) in
        STAKEHOLDERS
    {
        let id = gantry_store::insert_stakeholder(
            db,
            &Stakeholder {
                id: 0,
                name: (*name).into(),
                organisation: (*organisation).into(),
                title: (*title).into(),
                contact: (*contact).into(),
                influence: *influence,
                interest: *interest,
                attitude: (*attitude).into(),
                current: *current,
                desired: *desired,
                needs: (*needs).into(),
                channel: (*channel).into(),
            },
        )?;
        for (project, role) in *roles {
            if let Some(p) = projects.get(*project) {
                gantry_store::set_stakeholder_role(db, id, p.id, role)?;
            }
        }
        people.insert(name, id);
    }
    for (project, what, channel, frequency, owner, due, audience) in COMMUNICATIONS {
        let Some(p) = projects.get(*project) else { continue };
        let next_due = match due {
            Some(days) => Some(today + Duration::days(*days)),
            None => {
                frequency.next_after(today, &crate::stakeholders::milestone_days(db, p.id).map_err(super::store_error)?)
            }
        };
        gantry_store::save_communication(
            db,
            &Communication {
                id: 0,
                project_id: p.id,
                what: (*what).into(),
                channel: (*channel).into(),
                frequency: *frequency,
                owner_id: person(owner),
                next_due,
                audience: audience.iter().filter_map(|s| people.get(s).copied()).collect(),
            },
        )?;
    }
    for m in MEETINGS {
        let Some(p) = projects.get(m.project) else { continue };
        let tasks = gantry_store::tasks(db, p.id)?;
        let risks = gantry_store::risks(db, Some(p.id))?;
        let day = weekday_on_or_before(today - Duration::days(m.days_ago));
        let starts_at = day.and_time(NaiveTime::from_hms_opt(m.hour, 0, 0).unwrap_or(NaiveTime::MIN));
        let mut attendees: Vec<(Attendee, bool)> =
            m.members.iter().filter_map(|k| person(k)).map(|id| (Attendee::Member(id), true)).collect();
        attendees.extend(
            m.stakeholders.iter().filter_map(|(s, came)| Some((Attendee::Stakeholder(*people.get(s)?), *came))),
        );
        let meeting_id = gantry_store::save_meeting(
            db,
            &Meeting {
                id: 0,
                project_id: p.id,
                kind: m.kind,
                title: m.title.into(),
                starts_at,
                agenda: m.agenda.into(),
                minutes: m.minutes.into(),
                attendees,
            },
        )?;
        for (title, rationale, options, by, changed_tasks, changed_risks) in m.decisions {
            gantry_store::save_decision(
                db,
                &Decision {
                    id: 0,
                    project_id: p.id,
                    meeting_id: Some(meeting_id),
                    title: (*title).into(),
                    rationale: (*rationale).into(),
                    options: (*options).into(),
                    decided_by: (*by).into(),
                    decided_on: day,
                    tasks: tasks.iter().filter(|t| changed_tasks.contains(&t.name.as_str())).map(|t| t.id).collect(),
                    risks: risks.iter().filter(|r| changed_risks.contains(&r.title.as_str())).map(|r| r.id).collect(),
                },
            )?;
        }
        for (title, owner, due_in, done) in m.actions {
            let Some(owner_id) = person(owner) else { continue };
            gantry_store::save_action(
                db,
                &Action {
                    id: 0,
                    project_id: p.id,
                    meeting_id: Some(meeting_id),
                    title: (*title).into(),
                    owner_id,
                    due: day + Duration::days(*due_in),
                    state: if *done { ActionState::Done } else { ActionState::Open },
                    task_id: None,
                },
            )?;
        }
    }
    Ok(())
}

/// Meetings happen on working days: the day itself, or the Friday before.
fn weekday_on_or_before(day: NaiveDate) -> NaiveDate {
    match day.weekday().number_from_monday() {
        6 => day - Duration::days(1),
        7 => day - Duration::days(2),
        _ => day,
    }
}
