//! The sample portfolio a newcomer sees first: three IT projects of a real
//! IT department, a shared team and a company calendar with holidays.
//!
//! The plans live in `sample/*.plan` as indented text, one task a line:
//! `#key Name | duration | after:key,key:ss+2d | @member,@member50 | +label,label`. Indentation
//! makes the WBS; a duration of `0` is a milestone; lines without a duration
//! are phases. Dates are placed relative to `today`, and work planned before
//! today is marked done or in progress, so the portfolio is always in flight.
//!
//! The team's units are then levelled so that nobody is booked beyond their
//! time, except where a plan marks a person with `!` (`@sofia!`): that
//! booking is the one conflict the workload view shows on first open.
//! Everyone has a few absences, and the four weeks before this one carry
//! approved timesheets.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use gantry_core::budget::*;
use gantry_core::calendar::{CalendarException, WorkCalendar};
use gantry_core::cost::Accrual;
use gantry_core::model::*;
use gantry_core::units;
use gantry_store::{Result, Store};

mod meetings;
mod releases;
mod risks;

struct Member {
    key: &'static str,
    name: &'static str,
    role: &'static str,
    skills: &'static [&'static str],
    email: &'static str,
    /// Per hour, in cents.
    rate: i64,
    capacity: u16,
}

const TEAM: &[Member] = &[
    Member {
        key: "ana",
        name: "Ana Moreau",
        role: "IT project manager",
        skills: &["PMP", "Stakeholder management", "Budgeting", "Dynamics 365", "Vendor management"],
        email: "ana.moreau@northwind-it.example",
        rate: 9500,
        capacity: 100,
    },
    Member {
        key: "priya",
        name: "Priya Raman",
        role: "Scrum master",
        skills: &["Scrum", "Product discovery", "Facilitation"],
        email: "priya.raman@northwind-it.example",
        rate: 9000,
        capacity: 100,
    },
    Member {
        key: "lena",
        name: "Lena Schmidt",
        role: "Business analyst",
        skills: &["Requirements", "BPMN", "Dynamics 365", "UAT coordination"],
        email: "lena.schmidt@northwind-it.example",
        rate: 8000,
        capacity: 100,
    },
    Member {
        key: "marco",
        name: "Marco Rossi",
        role: "Solution architect",
        skills: &["Azure", "Integration", "API design", "SAP interfaces", "Kubernetes"],
        email: "marco.rossi@northwind-it.example",
        rate: 11000,
        capacity: 80,
    },
    Member {
        key: "sofia",
        name: "Sofia Lindqvist",
        role: "Data engineer",
        skills: &["SQL", "ETL", "Data quality", "Siebel"],
        email: "sofia.lindqvist@northwind-it.example",
        rate: 8500,
        capacity: 100,
    },
    Member {
        key: "kwame",
        name: "Kwame Mensah",
        role: "Full-stack developer",
        skills: &["TypeScript", "React", "Node.js", "Kubernetes", "Power BI"],
        email: "kwame.mensah@northwind-it.example",
        rate: 8000,
        capacity: 100,
    },
    Member {
        key: "yuki",
        name: "Yuki Tanaka",
        role: "QA engineer",
        skills: &["Test automation", "Playwright", "Accessibility", "Load testing"],
        email: "yuki.tanaka@northwind-it.example",
        rate: 7000,
        capacity: 100,
    },
    Member {
        key: "omar",
        name: "Omar Haddad",
        role: "Security engineer",
        skills: &["Penetration testing", "IAM", "ISO 27001", "802.1X"],
        email: "omar.haddad@northwind-it.example",
        rate: 10500,
        capacity: 60,
    },
    Member {
        key: "tomasz",
        name: "Tomasz Nowak",
        role: "Network engineer",
        skills: &["Cisco", "Wi-Fi design", "SD-WAN", "Firewalls"],
        email: "tomasz.nowak@northwind-it.example",
        rate: 8500,
        capacity: 100,
    },
    Member {
        key: "julia",
        name: "Júlia Costa",
        role: "Field technician",
        skills: &["Cabling", "Hardware", "Desk-side support"],
        email: "julia.costa@northwind-it.example",
        rate: 5500,
        capacity: 100,
    },
];

struct SampleProject {
    name: &'static str,
    goal: &'static str,
    scope: &'static str,
    methodology: Methodology,
    manager: &'static str,
    /// Weeks before today that the project started.
    started_weeks_ago: i64,
    status: ProjectStatus,
    reason: &'static str,
    plan: &'static str,
    /// What changed since the plan was approved (and saved as a baseline):
    /// a task's name and its duration now.
    slips: &'static [(&'static str, &'static str)],
}

const PROJECTS: &[SampleProject] = &[
    SampleProject {
        name: "CRM migration to Dynamics 365",
        goal: "Replace the end-of-life Siebel CRM with Dynamics 365 for 240 sales and service users, without losing a customer record, before the Siebel support contract ends.",
        scope: "In: accounts, contacts, opportunities, service cases, ERP order integration, Outlook/Teams, Power BI dashboards, training. Out: marketing automation (phase 2), partner portal.",
        methodology: Methodology::Waterfall,
        manager: "Ana Moreau",
        started_weeks_ago: 9,
        status: ProjectStatus::AtRisk,
        reason: "Legacy data cleansing takes longer than planned: 18 % duplicate accounts. Dry-run 1 is at risk; mitigation: second data engineer from January.",
        plan: include_str!("../sample/crm.plan"),
        slips: &[("Build extraction and load pipelines", "14d")],
    },
    SampleProject {
        name: "Office network refresh",
        goal: "Replace 12-year-old switches and Wi-Fi at headquarters and two branches with a segmented, monitored network, with no more than one evening outage per site.",
        scope: "In: core and access switches, firewalls, Wi-Fi 6E, 802.1X, SIEM logging, cabling at HQ. Out: telephony, WAN contracts.",
        methodology: Methodology::Waterfall,
        manager: "Tomasz Nowak",
        started_weeks_ago: 4,
        status: ProjectStatus::OnTrack,
        reason: "Hardware ordered; vendor confirmed delivery dates.",
        plan: include_str!("../sample/network.plan"),
        slips: &[],
    },
    SampleProject {
        name: "Customer self-service portal",
        goal: "Let customers see invoices, pay online and raise support tickets themselves, cutting call-centre volume by 25 %.",
        scope: "In: sign-up, account overview, invoices, payments, tickets, knowledge base. Out: mobile apps, live chat.",
        methodology: Methodology::Scrum,
        manager: "Priya Raman",
        started_weeks_ago: 6,
        status: ProjectStatus::OffTrack,
        reason: "The payment provider changed its API; sprint 3 scope moved and release 1.0 slips by about two weeks.",
        plan: include_str!("../sample/portal.plan"),
        slips: &[("Online payments (card and SEPA)", "16d")],
    },
];

/// One parsed line of a plan.
struct Line<'a> {
    depth: usize,
    key: Option<&'a str>,
    name: &'a str,
    duration: Option<&'a str>,
    after: Vec<&'a str>,
    people: Vec<&'a str>,
    labels: Vec<&'a str>,
}

fn parse(plan: &str) -> Vec<Line<'_>> {
    plan.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("# "))
        .map(|l| {
            let depth = (l.len() - l.trim_start().len()) / 2;
            let mut fields = l.trim().split(" | ");
            let head = fields.next().unwrap_or_default();
            let (key, name) = match head.strip_prefix('#') {
                Some(rest) => match rest.split_once(' ') {
                    Some((k, n)) => (Some(k), n),
                    None => (None, rest),
                },
                None => (None, head),
            };
            let mut line = Line { depth, key, name, duration: None, after: vec![], people: vec![], labels: vec![] };
            for f in fields {
                if let Some(list) = f.strip_prefix("after:") {
                    line.after = list.split(',').collect();
                } else if let Some(list) = f.strip_prefix('+') {
                    line.labels = list.split(',').collect();
                } else if f.starts_with('@') {
                    line.people = f.split(',').map(|p| p.trim_start_matches('@')).collect();
                } else {
                    line.duration = Some(f);
                }
            }
            line
        })
        .collect()
}

/// `key`, `key:ss`, `key:fs+2d`, `key:ff-1d`.
fn parse_link(spec: &str, settings: DurationSettings) -> (&str, LinkKind, i64) {
    let (key, rest) = spec.split_once(':').unwrap_or((spec, "fs"));
    let (kind, lag) = rest.split_at(rest.find(['+', '-']).unwrap_or(rest.len()));
    let kind = LinkKind::from_code(kind).unwrap_or(LinkKind::FinishToStart);
    let lag = match lag.strip_prefix('-') {
        Some(l) => -units::parse_duration(l, settings).unwrap_or(0),
        None => units::parse_duration(lag.trim_start_matches('+'), settings).unwrap_or(0),
    };
    (key, kind, if lag == 0 && rest.len() <= 2 { 0 } else { lag })
}

fn company_calendar(today: NaiveDate) -> WorkCalendar {
    let mut cal = WorkCalendar::standard(0, "Company calendar");
    let day = |m, d| NaiveDate::from_ymd_opt(2020, m, d).unwrap_or(today);
    let yearly = |name: &str, from: NaiveDate, to: NaiveDate| CalendarException {
        name: name.into(),
        start: from,
        finish: to,
        yearly: true,
        working: vec![],
    };
    cal.exceptions.push(yearly("New Year's Day", day(1, 1), day(1, 1)));
    cal.exceptions.push(yearly("Labour Day", day(5, 1), day(5, 1)));
    cal.exceptions.push(yearly("Christmas holidays", day(12, 24), day(12, 26)));
    cal.exceptions.push(yearly("New Year's Eve", day(12, 31), day(12, 31)));
    // A one-off company day, the second Friday from now.
    let mut offsite = today + Duration::days(8);
    while offsite.weekday() != Weekday::Fri {
        offsite += Duration::days(1);
    }
    cal.exceptions.push(CalendarException {
        name: "Company off-site".into(),
        start: offsite,
        finish: offsite,
        yearly: false,
        working: vec![],
    });
    cal
}

/// Fills an empty portfolio with the sample in one transaction.
pub fn create(store: &mut Store, today: NaiveDate) -> Result<()> {
    store.write("Create sample portfolio", |db| {
        let mut calendar = company_calendar(today);
        let calendar_id = gantry_store::insert_calendar(db, &calendar)?;
        calendar.id = calendar_id;
        let mut members = HashMap::new();
        // Bookings marked `!`, added after the team is levelled.
        let mut conflicts: Vec<Assignment> = Vec::new();
        for m in TEAM {
            let id = gantry_store::insert_member(
                db,
                &TeamMember {
                    role: m.role.into(),
                    // A person's first skill is their strongest.
                    skills: m
                        .skills
                        .iter()
                        .zip([5, 4, 4, 3, 2, 2])
                        .map(|(s, level)| Skill { name: s.to_string(), level })
                        .collect(),
                    email: m.email.into(),
                    standard_rate: m.rate,
                    overtime_rate: m.rate * 3 / 2,
                    capacity_percent: m.capacity,
                    ..TeamMember::new(m.name)
                },
            )?;
            members.insert(m.key, id);
        }
        for sp in PROJECTS {
            add_project(db, sp, &calendar, &members, today, &mut conflicts)?;
        }
        for (key, from, to, reason) in ABSENCES {
            if let Some(&member_id) = members.get(key) {
                let (start, finish) = (today + Duration::days(*from), today + Duration::days(*to));
                gantry_store::insert_absence(
                    db,
                    &Absence { id: 0, member_id, start, finish, reason: (*reason).into() },
                )?;
            }
        }
        // Raises that take effect on the first of next month.
        let next_month = (today.with_day(1).unwrap_or(today) + chrono::Months::new(1)).max(today);
        for (key, standard_rate) in RAISES {
            if let Some(&member_id) = members.get(key) {
                gantry_store::set_rate_change(
                    db,
                    &RateChange {
                        id: 0,
                        member_id,
                        from: next_month,
                        standard_rate: *standard_rate,
                        overtime_rate: standard_rate * 3 / 2,
                        cost_per_use: 0,
                    },
                )?;
            }
        }
        for p in gantry_store::projects(db)? {
            for t in gantry_store::tasks(db, p.id)? {
                if let Some((_, skill, level)) = TASK_SKILLS.iter().find(|(name, _, _)| *name == t.name) {
                    gantry_store::set_task_skills(db, t.id, &[Skill { name: (*skill).into(), level: *level }])?;
                }
            }
        }
        level_team(db, today)?;
        cost_baselines(db)?;
        for a in &conflicts {
            book_when_busiest(db, a, today)?;
        }
        log_hours(db, today)?;
        plan_budgets(db, today)?;
        risks::register(db, today)?;
        meetings::record(db, today)?;
        releases::plan(db, today)?;
        set_go_live_deadlines(db, &calendar)?;
        releases::close_email_migration(db, &calendar, &members, today)
    })
}

/// Adds a sample project with its plan, staffed, approved as a baseline and
/// in progress as of `today`. Bookings marked `!` go to `conflicts`.
fn add_project(
    db: &gantry_store::Db,
    sp: &SampleProject,
    calendar: &WorkCalendar,
    members: &HashMap<&str, MemberId>,
    today: NaiveDate,
    conflicts: &mut Vec<Assignment>,
) -> Result<Project> {
    let calendar_id = calendar.id;
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let start = monday - Duration::weeks(sp.started_weeks_ago);
    let project = Project {
        id: 0,
        name: sp.name.into(),
        goal: sp.goal.into(),
        scope: sp.scope.into(),
        methodology: sp.methodology,
        manager: sp.manager.into(),
        start,
        status: sp.status,
        status_reason: sp.reason.into(),
        currency: "EUR".into(),
        calendar_id,
        durations: DurationSettings::default(),
        status_date: Some(today),
    };
    let project_id = gantry_store::insert_project(db, &project)?;
    let project = Project { id: project_id, ..project };
    let settings = project.durations;
    let lines = parse(sp.plan);
    let mut ids: Vec<TaskId> = Vec::with_capacity(lines.len());
    let mut keys: HashMap<&str, TaskId> = HashMap::new();
    let mut stack: Vec<TaskId> = Vec::new();
    let mut positions: HashMap<Option<TaskId>, i64> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        stack.truncate(line.depth);
        let parent = stack.last().copied();
        let position = positions.entry(parent).or_insert(0);
        *position += 1;
        let is_parent = lines.get(i + 1).is_some_and(|next| next.depth > line.depth);
        let minutes = line.duration.map(|d| units::parse_duration(d, settings).unwrap_or(0)).unwrap_or(0);
        let kind = if is_parent {
            TaskKind::Summary
        } else if minutes == 0 {
            TaskKind::Milestone
        } else {
            TaskKind::Task
        };
        let mut task = Task::new(project_id, parent, *position, line.name, minutes);
        task.kind = kind;
        if line.name.to_lowercase().contains("go-live") {
            task.priority = Priority::High;
        }
        let id = gantry_store::insert_task(db, &task)?;
        if !line.labels.is_empty() {
            gantry_store::set_labels(db, id, &line.labels.iter().map(|l| l.to_string()).collect::<Vec<_>>())?;
        }
        if let Some(k) = line.key {
            keys.insert(k, id);
        }
        for person in &line.people {
            let keep = person.ends_with('!');
            let person = person.trim_end_matches('!');
            let split = person.find(|c: char| c.is_ascii_digit()).unwrap_or(person.len());
            let (who, units) = person.split_at(split);
            if let Some(&member_id) = members.get(who) {
                let units_percent: u16 = units.parse().unwrap_or(100);
                let work_minutes = minutes * i64::from(units_percent) / 100;
                let a = Assignment { task_id: id, member_id, units_percent, work_minutes };
                if keep {
                    conflicts.push(a);
                } else {
                    gantry_store::assign(db, &a)?;
                }
            }
        }
        ids.push(id);
        stack.push(id);
    }
    for (line, &id) in lines.iter().zip(&ids) {
        for spec in &line.after {
            let (key, kind, lag) = parse_link(spec, settings);
            if let Some(&pred) = keys.get(key) {
                let link = Link { id: 0, predecessor: pred, successor: id, kind, lag_minutes: lag, lag_elapsed: false };
                gantry_store::insert_link(db, project_id, &link)?;
            }
        }
    }
    approve(db, &project, calendar, sp.slips)?;
    record_progress(db, &project, calendar, today)?;
    if project.methodology == Methodology::Scrum {
        plan_sprints(db, &project, calendar, today)?;
    }
    Ok(project)
}

/// Each go-live is due a working week after it is planned, at the end of
/// that day: the date promised to the business, with a little room.
fn set_go_live_deadlines(db: &gantry_store::Db, calendar: &WorkCalendar) -> Result<()> {
    let calendars = gantry_store::calendars(db)?;
    for project in gantry_store::projects(db)? {
        let tasks = gantry_store::tasks(db, project.id)?;
        let dates = crate::run_schedule(&project, &calendars, &tasks, &gantry_store::links(db, project.id)?);
        for t in tasks.iter().filter(|t| t.kind == TaskKind::Milestone && t.name.to_lowercase().contains("go-live")) {
            let Some(d) = dates.get(t.id) else { continue };
            let week_on = calendar.add(d.finish, 5 * project.durations.minutes_per_day);
            let due = calendar.day_end(week_on.date());
            gantry_store::update_task(db, &Task { deadline: Some(due), ..t.clone() })?;
        }
    }
    Ok(())
}

/// Fixed costs on tasks, by task name: amount in cents, accrual. Those in
/// `FIXED_COSTS` are in the approved baseline; `COST_CHANGES` came after it.
const FIXED_COSTS: &[(&str, i64, Accrual)] = &[
    ("Provision tenants (dev, test, prod)", 4_000_000, Accrual::Start),
    ("Cleanse duplicates and orphan records", 2_400_000, Accrual::Prorated),
    ("End-user training, 6 sessions", 600_000, Accrual::End),
    ("Hardware delivery (switches, APs, firewalls)", 5_800_000, Accrual::Prorated),
    ("Architecture and hosting decision", 250_000, Accrual::Start),
    ("Payment provider webhooks", 500_000, Accrual::Start),
];

/// The licence price rise and the contractor's extra hours on the CRM migration.
const COST_CHANGES: &[(&str, i64, Accrual)] = &[
    ("Provision tenants (dev, test, prod)", 4_600_000, Accrual::Start),
    ("Cleanse duplicates and orphan records", 3_600_000, Accrual::Prorated),
];

/// The approved plan's costs, as staffed: each project's people at their
/// rates and the fixed costs as first quoted; then the changes since.
fn cost_baselines(db: &gantry_store::Db) -> Result<()> {
    for p in gantry_store::projects(db)? {
        set_fixed_costs(db, p.id, FIXED_COSTS)?;
        use_resources(db, &p)?;
        if let Some(b) = gantry_store::baselines(db, p.id)?.first() {
            let costs = crate::budget::baseline_cost_rows(db, p.id, p.start).map_err(store_error)?;
            gantry_store::insert_baseline_costs(db, b.id, &costs)?;
        }
        set_fixed_costs(db, p.id, COST_CHANGES)?;
    }
    Ok(())
}

/// Materials and cost resources: project, name, kind, unit, price per unit
/// (cents), accrual, the task that uses it, and the quantity (thousandths)
/// or the amount (cents).
#[allow(clippy::type_complexity)]
const RESOURCES: &[(&str, &str, ResourceKind, &str, i64, Accrual, &str, i64)] = &[
    (
        "Office network refresh",
        "Wi-Fi controller licence",
        ResourceKind::Material,
        "access point",
        3_800,
        Accrual::Start,
        "Hardware delivery (switches, APs, firewalls)",
        120_000,
    ),
    (
        "Customer self-service portal",
        "Azure preview environments (monthly bill)",
        ResourceKind::Cost,
        "",
        0,
        Accrual::Prorated,
        "CI pipeline and preview environments",
        180_000,
    ),
];

fn use_resources(db: &gantry_store::Db, p: &Project) -> Result<()> {
    let tasks = gantry_store::tasks(db, p.id)?;
    for &(project, name, kind, unit, unit_price, accrual, task, value) in RESOURCES {
        if p.name != project {
            continue;
        }
        let r =
            CostResource { id: 0, project_id: p.id, name: name.into(), kind, unit: unit.into(), unit_price, accrual };
        let id = gantry_store::insert_cost_resource(db, &r)?;
        if let Some(t) = tasks.iter().find(|t| t.name == task) {
            let (quantity_milli, amount) = if kind == ResourceKind::Material { (value, 0) } else { (0, value) };
            gantry_store::set_resource_use(
                db,
                &ResourceUse { task_id: t.id, resource_id: id, quantity_milli, amount },
            )?;
        }
    }
    Ok(())
}

fn set_fixed_costs(db: &gantry_store::Db, project: ProjectId, costs: &[(&str, i64, Accrual)]) -> Result<()> {
    for t in gantry_store::tasks(db, project)? {
        if let Some((_, amount, accrual)) = costs.iter().find(|(name, _, _)| *name == t.name) {
            gantry_store::set_fixed_cost(db, &FixedCost { task_id: t.id, amount: *amount, accrual: *accrual })?;
        }
    }
    Ok(())
}

/// A budget line of the sample: project, category, name, the corrective
/// action, and its plan as (month from the project's start, cents). A
/// labour line's plan is the approved plan's labour, spread evenly.
struct SampleLine {
    project: &'static str,
    category: &'static str,
    name: &'static str,
    note: &'static str,
    months: &'static [(u32, i64)],
}

const LINES: &[SampleLine] = &[
    SampleLine {
        project: "CRM migration to Dynamics 365",
        category: "Labour",
        name: "Project team",
        note: "",
        months: &[],
    },
    SampleLine {
        project: "CRM migration to Dynamics 365",
        category: "Software licences",
        name: "Dynamics 365 Sales and Customer Service, 240 seats",
        note: "Contoso raised the per-seat price 15 % on the tenant order. Negotiate the three-year term before the renewal notice day; charge the difference to the contingency reserve.",
        months: &[(0, 4_000_000)],
    },
    SampleLine {
        project: "CRM migration to Dynamics 365",
        category: "Contractors and services",
        name: "Data cleansing (Fabrikam)",
        note: "50 % over its hours: 18 % duplicate accounts, not the 5 % estimated. Cap the second statement of work at 40 days; move the remaining de-duplication in-house.",
        months: &[(0, 1_200_000), (1, 1_200_000)],
    },
    SampleLine {
        project: "CRM migration to Dynamics 365",
        category: "Training",
        name: "Training rooms and materials",
        note: "",
        months: &[(3, 600_000)],
    },
    SampleLine {
        project: "CRM migration to Dynamics 365",
        category: "Contingency reserve",
        name: "Contingency reserve",
        note: "",
        months: &[(2, 1_500_000)],
    },
    SampleLine { project: "Office network refresh", category: "Labour", name: "Network team", note: "", months: &[] },
    SampleLine {
        project: "Office network refresh",
        category: "Hardware",
        name: "Switches, firewalls, Wi-Fi 6E access points",
        note: "",
        months: &[(1, 5_800_000)],
    },
    SampleLine {
        project: "Office network refresh",
        category: "Contractors and services",
        name: "Structured cabling at HQ",
        note: "",
        months: &[(1, 450_000), (2, 450_000)],
    },
    SampleLine {
        project: "Customer self-service portal",
        category: "Labour",
        name: "Product team",
        note: "",
        months: &[],
    },
    SampleLine {
        project: "Customer self-service portal",
        category: "Cloud and hosting",
        name: "Azure subscription (app service, database, CDN)",
        note: "",
        months: &[(0, 250_000), (1, 250_000), (2, 250_000), (3, 250_000), (4, 250_000)],
    },
    SampleLine {
        project: "Customer self-service portal",
        category: "Software licences",
        name: "Payment provider onboarding",
        note: "",
        months: &[(1, 500_000)],
    },
];

/// Vendors, their contracts and what was spent with them. Days count from
/// the project's start; the Contoso renewal falls 45 days from today.
const VENDORS: &[(&str, &str, &str)] = &[
    ("Contoso Cloud Solutions", "licensing@contoso.example, +44 20 7946 0101", "Dynamics 365 licences and Azure"),
    ("Fabrikam Data Services", "delivery@fabrikam.example", "Data migration and cleansing contractors"),
    ("Litware Networks", "orders@litware.example", "Switches, firewalls, access points and cabling"),
];

/// (vendor, project, line name, days from start, amount in cents, invoice, state)
const SPENT: &[(&str, &str, &str, i64, i64, &str, SpendState)] = &[
    (
        "Contoso Cloud Solutions",
        "CRM migration to Dynamics 365",
        "Dynamics 365 Sales and Customer Service, 240 seats",
        5,
        4_600_000,
        "CON-2026-4471",
        SpendState::Paid,
    ),
    (
        "Fabrikam Data Services",
        "CRM migration to Dynamics 365",
        "Data cleansing (Fabrikam)",
        30,
        1_440_000,
        "FAB-1187",
        SpendState::Paid,
    ),
    (
        "Fabrikam Data Services",
        "CRM migration to Dynamics 365",
        "Data cleansing (Fabrikam)",
        58,
        1_680_000,
        "FAB-1212",
        SpendState::Invoiced,
    ),
    ("", "CRM migration to Dynamics 365", "Training rooms and materials", 40, 250_000, "", SpendState::Committed),
    (
        "Litware Networks",
        "Office network refresh",
        "Switches, firewalls, Wi-Fi 6E access points",
        10,
        5_800_000,
        "PO-7731",
        SpendState::Committed,
    ),
    (
        "Litware Networks",
        "Office network refresh",
        "Structured cabling at HQ",
        20,
        450_000,
        "LIT-3390",
        SpendState::Invoiced,
    ),
    (
        "Contoso Cloud Solutions",
        "Customer self-service portal",
        "Azure subscription (app service, database, CDN)",
        28,
        231_000,
        "AZ-0926",
        SpendState::Paid,
    ),
    (
        "Contoso Cloud Solutions",
        "Customer self-service portal",
        "Azure subscription (app service, database, CDN)",
        58,
        262_000,
        "AZ-1026",
        SpendState::Paid,
    ),
];

fn plan_budgets(db: &gantry_store::Db, today: NaiveDate) -> Result<()> {
    let projects = gantry_store::projects(db)?;
    let mut vendor_ids = HashMap::new();
    for (name, contact, supplies) in VENDORS {
        let id = gantry_store::insert_vendor(
            db,
            &Vendor { id: 0, name: (*name).into(), contact: (*contact).into(), supplies: (*supplies).into() },
        )?;
        vendor_ids.insert(*name, id);
    }
    let mut line_ids = HashMap::new();
    for l in LINES {
        let Some(p) = projects.iter().find(|p| p.name == l.project) else { continue };
        let id = gantry_store::insert_budget_line(
            db,
            &BudgetLine {
                id: 0,
                project_id: p.id,
                category: l.category.into(),
                name: l.name.into(),
                note: l.note.into(),
                position: 0,
            },
        )?;
        line_ids.insert(l.name, id);
        let first = p.start.with_day(1).unwrap_or(p.start);
        let months: Vec<(u32, i64)> = if l.category == "Labour" { labour_plan(db, p)? } else { l.months.to_vec() };
        for (k, amount) in months {
            let month = first.checked_add_months(chrono::Months::new(k)).unwrap_or(first);
            gantry_store::set_budget_month(db, &MonthPlan { line_id: id, month, amount })?;
        }
    }
    for (vendor, project, line, day, amount, invoice, state) in SPENT {
        let Some(p) = projects.iter().find(|p| p.name == *project) else { continue };
        gantry_store::insert_expenditure(
            db,
            &Expenditure {
                id: 0,
                project_id: p.id,
                line_id: line_ids.get(line).copied(),
                vendor_id: vendor_ids.get(vendor).copied(),
                date: (p.start + Duration::days(*day)).min(today),
                amount: *amount,
                invoice: (*invoice).into(),
                state: *state,
                note: String::new(),
            },
        )?;
    }
    let project = |name: &str| projects.iter().find(|p| p.name == name);
    if let (Some(crm), Some(net)) = (project("CRM migration to Dynamics 365"), project("Office network refresh")) {
        let contracts = [
            Contract {
                id: 0,
                vendor_id: vendor_ids["Contoso Cloud Solutions"],
                project_id: crm.id,
                line_id: line_ids.get("Dynamics 365 Sales and Customer Service, 240 seats").copied(),
                title: "Dynamics 365 licences, 240 seats, annual".into(),
                value: 4_600_000,
                start: crm.start,
                end: today + Duration::days(45),
                notice_days: 30,
                renewal: Some(today + Duration::days(45)),
                status: ContractStatus::Active,
                deliverables: "240 Sales and Customer Service seats; sandbox and production tenants".into(),
            },
            Contract {
                id: 0,
                vendor_id: vendor_ids["Fabrikam Data Services"],
                project_id: crm.id,
                line_id: line_ids.get("Data cleansing (Fabrikam)").copied(),
                title: "Data cleansing, time and materials (30 days)".into(),
                value: 2_400_000,
                start: crm.start + Duration::days(14),
                end: crm.start + Duration::days(200),
                notice_days: 14,
                renewal: None,
                status: ContractStatus::Active,
                deliverables: "De-duplicated accounts and contacts; orphan-record report".into(),
            },
            Contract {
                id: 0,
                vendor_id: vendor_ids["Litware Networks"],
                project_id: net.id,
                line_id: line_ids.get("Switches, firewalls, Wi-Fi 6E access points").copied(),
                title: "Network hardware supply and three-year support".into(),
                value: 5_800_000,
                start: net.start + Duration::days(10),
                end: net.start + Duration::days(10 + 3 * 365),
                notice_days: 90,
                renewal: None,
                status: ContractStatus::Active,
                deliverables:
                    "42 access switches, 2 core switches, 4 firewalls, 120 access points; next-business-day replacement"
                        .into(),
            },
        ];
        let mut contract_ids = HashMap::new();
        for c in &contracts {
            contract_ids.insert(c.title.clone(), gantry_store::insert_contract(db, c)?);
        }
        // Payment milestones: on a day, or when a task of the plan finishes.
        let crm_tasks = gantry_store::tasks(db, crm.id)?;
        let task_named = |name: &str| crm_tasks.iter().find(|t| t.name == name).map(|t| t.id);
        for (contract, title, amount, due, task) in PAYMENTS {
            let Some(&contract_id) = contract_ids.get(*contract) else { continue };
            let due = due.map(|d| crm.start + Duration::days(d));
            let payment = Payment {
                id: 0,
                contract_id,
                title: (*title).into(),
                amount: *amount,
                due,
                task_id: task.and_then(task_named),
                paid: due.is_some_and(|d| d <= today),
            };
            gantry_store::insert_payment(db, &payment)?;
        }
    }
    Ok(())
}

/// The CRM's contracts' payment milestones: contract, title, amount in
/// cents, due day (from the project's start) or the task whose finish it waits for.
#[allow(clippy::type_complexity)]
const PAYMENTS: &[(&str, &str, i64, Option<i64>, Option<&str>)] = &[
    ("Data cleansing, time and materials (30 days)", "First statement of work (accounts)", 1_200_000, Some(60), None),
    (
        "Data cleansing, time and materials (30 days)",
        "Second statement of work (contacts and orphans)",
        1_200_000,
        None,
        Some("Cleanse duplicates and orphan records"),
    ),
];

/// The approved plan's labour cost, spread evenly over the months it spans.
fn labour_plan(db: &gantry_store::Db, p: &Project) -> Result<Vec<(u32, i64)>> {
    let Some(baseline) = gantry_store::baselines(db, p.id)?.into_iter().next() else { return Ok(Vec::new()) };
    let costs = gantry_store::baseline_costs(db, baseline.id)?;
    let tasks = gantry_store::tasks(db, p.id)?;
    let parents: std::collections::HashSet<TaskId> = tasks.iter().filter_map(|t| t.parent_id).collect();
    // Baseline cost of leaves, less the fixed costs (on other lines).
    let labour: i64 = tasks
        .iter()
        .filter(|t| !parents.contains(&t.id))
        .map(|t| costs.get(&t.id).map_or(0, |c| c.0) - FIXED_COSTS.iter().find(|f| f.0 == t.name).map_or(0, |f| f.1))
        .sum();
    let dates = gantry_store::baseline_tasks(db, baseline.id)?;
    let (Some(start), Some(finish)) = (dates.iter().map(|d| d.start).min(), dates.iter().map(|d| d.finish).max())
    else {
        return Ok(Vec::new());
    };
    let months = ((finish.year() - start.year()) * 12 + finish.month() as i32 - start.month() as i32 + 1).max(1) as u32;
    let first = (start.date().year() - p.start.year()) * 12 + start.month() as i32 - p.start.month() as i32;
    Ok((0..months)
        .map(|k| (first.max(0) as u32 + k, gantry_core::money::round_div(labour, 1, i64::from(months))))
        .collect())
}

/// The skill some tasks need, at least at a level.
const TASK_SKILLS: &[(&str, &str, u8)] = &[
    ("Load customer accounts from the new CRM", "Dynamics 365", 3),
    ("Build extraction and load pipelines", "ETL", 3),
    ("ERP order integration (SAP, via Azure Service Bus)", "Integration", 3),
    ("Penetration test of external endpoints", "Penetration testing", 4),
    ("External penetration test", "Penetration testing", 4),
    ("Sign-up and login with MFA", "TypeScript", 3),
    ("Network access control (802.1X)", "802.1X", 3),
    ("Performance test at 2x peak load", "Load testing", 2),
];

/// Days each person is away, from and to as days after the sample's today.
/// New hourly rates in cents from the first of next month: the annual raises.
const RAISES: &[(&str, i64)] = &[("ana", 9_900), ("marco", 11_000)];

const ABSENCES: &[(&str, i64, i64, &str)] = &[
    ("ana", 15, 15, "Training: PMI risk management"),
    ("ana", 52, 56, "Vacation"),
    ("priya", -16, -15, "Vacation"),
    ("priya", 23, 24, "Public duty"),
    ("lena", 19, 22, "Vacation"),
    ("marco", 8, 9, "Conference: Azure Summit"),
    ("marco", 70, 77, "Vacation"),
    ("sofia", -6, -6, "Sick leave"),
    ("sofia", 44, 45, "Training: Dataverse"),
    ("kwame", -20, -20, "Sick leave"),
    ("kwame", 64, 70, "Vacation"),
    ("yuki", 30, 31, "Training: ISTQB advanced"),
    ("omar", 1, 2, "Training: OSCP exam"),
    ("omar", 58, 63, "Vacation"),
    ("tomasz", -9, -9, "Sick leave"),
    ("tomasz", 86, 90, "Vacation"),
    ("julia", 22, 26, "Vacation"),
];

/// Lowers units where people are booked beyond their time, day by day
/// across every project, so the sample's workload is believable: each
/// assignment keeps its share of its busiest day, in steps of 5 %.
fn level_team(db: &gantry_store::Db, today: NaiveDate) -> Result<()> {
    let (from, to) = (today - Duration::days(120), today + Duration::days(240));
    let load = crate::team::workload(db, from, to, gantry_core::team::Period::Day).map_err(store_error)?;
    // The lowest share of what is asked that each person can give, per task.
    let mut factor: HashMap<(MemberId, TaskId), f64> = HashMap::new();
    for person in &load.people {
        for day in &person.periods {
            if day.planned_minutes <= day.available_minutes || day.available_minutes == 0 {
                continue;
            }
            let share = day.available_minutes as f64 / day.planned_minutes as f64;
            for t in &day.tasks {
                let f = factor.entry((person.id, t.task_id)).or_insert(1.0);
                *f = f.min(share);
            }
        }
    }
    for (_, a) in gantry_store::all_assignments(db)? {
        let Some(&f) = factor.get(&(a.member_id, a.task_id)) else { continue };
        let units = ((f64::from(a.units_percent) * f / 5.0).floor() * 5.0).max(10.0) as u16;
        let minutes = gantry_store::task(db, a.task_id)?.duration_minutes;
        gantry_store::assign(
            db,
            &Assignment { units_percent: units, work_minutes: minutes * i64::from(units) / 100, ..a },
        )?;
    }
    Ok(())
}

/// Books someone beyond their time on purpose, and makes sure it shows: the
/// task starts no earlier than the first Monday (from when it could start
/// anyway) that puts them over their time in the six weeks the dashboard
/// looks at: on another project, the CRM cut-over. So the workload shows
/// the one conflict whatever day the sample is made.
fn book_when_busiest(db: &gantry_store::Db, a: &Assignment, today: NaiveDate) -> Result<()> {
    gantry_store::assign(db, a)?;
    let task = gantry_store::task(db, a.task_id)?;
    let project = gantry_store::project(db, task.project_id)?;
    let (calendars, links) = (gantry_store::calendars(db)?, gantry_store::links(db, project.id)?);
    let schedule = crate::run_schedule(&project, &calendars, &gantry_store::tasks(db, project.id)?, &links);
    let start = schedule.get(a.task_id).map_or(today, |d| d.start.date()).max(today + Duration::days(1));
    let over = |db: &gantry_store::Db| -> Result<bool> {
        let load = crate::team::workload(db, today, today + Duration::days(48), gantry_core::team::Period::Week)
            .map_err(store_error)?;
        Ok(load.people.iter().any(|p| p.id == a.member_id && p.overallocated))
    };
    let mut monday = start - Duration::days(i64::from(start.weekday().num_days_from_monday()));
    while !over(db)? && monday < today + Duration::days(42) {
        let at = monday.and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN));
        let constraint = Constraint { kind: ConstraintKind::Snet, date: Some(at) };
        gantry_store::update_task(db, &Task { constraint, ..task.clone() })?;
        monday += Duration::weeks(1);
    }
    // Nowhere busy enough: the other projects' work ends before this task
    // can start. Then they lend a hand, half their time, to another
    // project's task running on the same days, as a cut-over asks of its key
    // users; giving this task to a colleague still clears the clash.
    lend_a_hand(db, a, &project, &calendars, over)?;
    // Nothing runs alongside: booked for more than their day (overtime).
    let mut units = a.units_percent;
    while !over(db)? && units < 300 {
        units += 25;
        gantry_store::assign(
            db,
            &Assignment { units_percent: units, work_minutes: task.duration_minutes * i64::from(units) / 100, ..*a },
        )?;
    }
    Ok(())
}

/// Books `a`'s person at half time on tasks of other projects (or, failing
/// those, of its own) that run on the days `a`'s task does, one after another, until `over` says they are
/// over their time; a booking that does not get them there is taken back.
fn lend_a_hand(
    db: &gantry_store::Db,
    a: &Assignment,
    project: &Project,
    calendars: &[WorkCalendar],
    over: impl Fn(&gantry_store::Db) -> Result<bool>,
) -> Result<()> {
    if over(db)? {
        return Ok(());
    }
    let tasks = gantry_store::tasks(db, project.id)?;
    let placed = crate::run_schedule(project, calendars, &tasks, &gantry_store::links(db, project.id)?);
    let Some(own) = placed.get(a.task_id) else { return Ok(()) };
    let booked: std::collections::HashSet<TaskId> = gantry_store::all_assignments(db)?
        .into_iter()
        .filter(|(_, b)| b.member_id == a.member_id)
        .map(|(_, b)| b.task_id)
        .collect();
    // Other projects first; failing them, another task of its own.
    let mut projects = gantry_store::projects(db)?;
    projects.sort_by_key(|p| p.id == project.id);
    for other in projects {
        let tasks = gantry_store::tasks(db, other.id)?;
        let parents: std::collections::HashSet<TaskId> = tasks.iter().filter_map(|t| t.parent_id).collect();
        let dates = crate::run_schedule(&other, calendars, &tasks, &gantry_store::links(db, other.id)?);
        for t in &tasks {
            let Some(d) = dates.get(t.id) else { continue };
            let alongside = d.start < own.finish && d.finish > own.start;
            let theirs = booked.contains(&t.id) || t.id == a.task_id;
            if !alongside || t.kind != TaskKind::Task || parents.contains(&t.id) || theirs {
                continue;
            }
            let half = Assignment {
                task_id: t.id,
                member_id: a.member_id,
                units_percent: 50,
                work_minutes: t.duration_minutes / 2,
            };
            gantry_store::assign(db, &half)?;
            if over(db)? {
                return Ok(());
            }
            gantry_store::unassign(db, t.id, a.member_id)?;
        }
    }
    Ok(())
}

/// Four weeks of approved timesheets before this week, and this week's
/// hours up to yesterday: each person's planned hours each day, a little
/// more or less as real days go, in quarter hours.
fn log_hours(db: &gantry_store::Db, today: NaiveDate) -> Result<()> {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    // Every week since the first project started, approved.
    let started = gantry_store::projects(db)?.iter().map(|p| p.start).min().unwrap_or(monday);
    let weeks = ((monday - started).num_days() / 7).clamp(4, 12);
    let first = monday - Duration::weeks(weeks);
    let yesterday = today - Duration::days(1);
    if yesterday < first {
        return Ok(());
    }
    let load = crate::team::workload(db, first, yesterday, gantry_core::team::Period::Day).map_err(store_error)?;
    let over: std::collections::HashSet<TaskId> =
        match gantry_store::projects(db)?.iter().find(|p| p.name == PROJECTS[0].name) {
            Some(p) => gantry_store::tasks(db, p.id)?.iter().map(|t| t.id).collect(),
            None => Default::default(),
        };
    for person in &load.people {
        for (i, day) in person.periods.iter().enumerate() {
            let date = first + Duration::days(i as i64);
            for t in &day.tasks {
                // A steady wobble of up to a sixth either way, by person, task
                // and day; the CRM migration's legacy data costs everyone an
                // eighth more than planned.
                let wobble = ((person.id * 7 + t.task_id * 13 + i as i64 * 5) % 7 - 3) as f64 / 18.0
                    + if over.contains(&t.task_id) { 0.125 } else { 0.0 };
                let minutes = ((t.planned_minutes as f64 * (1.0 + wobble) / 15.0).round() * 15.0) as i64;
                if minutes > 0 {
                    gantry_store::set_logged(db, person.id, t.task_id, date, minutes.min(600))?;
                }
            }
        }
        for week in 0..weeks {
            gantry_store::set_week_state(db, person.id, first + Duration::weeks(week), WeekState::Approved)?;
        }
    }
    Ok(())
}

fn store_error(e: crate::Error) -> gantry_store::Error {
    match e {
        crate::Error::Store(e) => e,
        other => gantry_store::Error::Refused(other.to_string()),
    }
}

/// Saves the plan as first approved as the baseline "Approved plan", on the
/// project's first day, then makes the changes that came after it.
fn approve(db: &gantry_store::Db, project: &Project, calendar: &WorkCalendar, slips: &[(&str, &str)]) -> Result<()> {
    let mut tasks = gantry_store::tasks(db, project.id)?;
    let links = gantry_store::links(db, project.id)?;
    // As planned on day one: nothing reported yet, so no status date.
    let as_planned = Project { status_date: None, ..project.clone() };
    let calendars = std::slice::from_ref(calendar);
    let s = crate::run_schedule(&as_planned, calendars, &tasks, &links);
    let rows = crate::gantt::baseline_rows(project, calendars, &tasks, &s);
    let saved_at = project.start.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN));
    let baseline = Baseline { id: 0, project_id: project.id, name: "Approved plan".into(), saved_at };
    gantry_store::insert_baseline(db, &baseline, &rows)?;
    for (name, duration) in slips {
        if let Some(t) = tasks.iter_mut().find(|t| t.name == *name) {
            t.duration_minutes = units::parse_duration(duration, project.durations).unwrap_or(t.duration_minutes);
            gantry_store::update_task(db, t)?;
        }
    }
    Ok(())
}

/// Marks work scheduled before today as done or under way, as the team
/// would have reported it, and sets the board status to match.
fn record_progress(db: &gantry_store::Db, project: &Project, calendar: &WorkCalendar, today: NaiveDate) -> Result<()> {
    let mut tasks = gantry_store::tasks(db, project.id)?;
    let links = gantry_store::links(db, project.id)?;
    // Progress follows the plan as it stood before anything was reported.
    let as_planned = Project { status_date: None, ..project.clone() };
    let s = crate::run_schedule(&as_planned, std::slice::from_ref(calendar), &tasks, &links);
    let now = today.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
    let soon = now + Duration::days(14);
    for (t, d) in tasks.iter_mut().zip(&s.tasks) {
        if d.summary {
            continue;
        }
        if d.finish <= now {
            t.percent_complete = 100;
            t.board_status = BoardStatus::Done;
            t.actual_start = Some(d.start);
            t.actual_finish = Some(d.finish);
        } else if d.start < now {
            let worked = calendar.working_minutes_between(d.start, now) as f64;
            let share = worked / t.duration_minutes.max(1) as f64;
            t.percent_complete = ((share * 100.0 / 5.0).floor() * 5.0).clamp(5.0, 95.0) as u8;
            t.board_status = if t.percent_complete >= 80 { BoardStatus::Review } else { BoardStatus::InProgress };
            t.actual_start = Some(d.start);
        } else if d.start < soon {
            t.board_status = BoardStatus::Todo;
        }
        gantry_store::update_task(db, t)?;
    }
    Ok(())
}

/// The goals of the sample's sprints, by sprint name.
const SPRINT_GOALS: &[(&str, &str)] = &[
    ("Sprint 1", "A customer can sign up securely and see their account."),
    ("Sprint 2", "Invoices and contracts are online."),
    ("Sprint 3", "A customer can pay an invoice online."),
    ("Sprint 4", "Customers raise and follow support tickets themselves."),
    ("Sprint 5", "Customers keep their own details up to date."),
    ("Sprint 6", "The portal is hardened and the help desk is ready."),
];

/// Runs a scrum project's "Sprint N" phases as sprints: each covers its
/// phase's dates; those over are closed with their figures recorded, the one
/// under way is running. The board's "In progress" column gets a WIP limit.
fn plan_sprints(db: &gantry_store::Db, project: &Project, calendar: &WorkCalendar, today: NaiveDate) -> Result<()> {
    let tasks = gantry_store::tasks(db, project.id)?;
    let links = gantry_store::links(db, project.id)?;
    let s = crate::run_schedule(project, std::slice::from_ref(calendar), &tasks, &links);
    let mut phases: Vec<(&Task, NaiveDate, NaiveDate)> = tasks
        .iter()
        .zip(&s.tasks)
        .filter(|(t, d)| d.summary && t.name.starts_with("Sprint "))
        .map(|(t, d)| (t, d.start.date(), d.finish.date()))
        .collect();
    phases.sort_by_key(|(_, start, _)| *start);
    let units = crate::board::units(db, project.id)?;
    let mut running = false;
    let mut free_from: Option<NaiveDate> = None;
    for (phase, start, finish) in phases {
        // Sprints follow each other: one starts after the last has ended.
        let start = free_from.map_or(start, |f| start.max(f)).min(finish);
        free_from = finish.succ_opt();
        let state = if finish < today {
            SprintState::Closed
        } else if start <= today && !running {
            running = true;
            SprintState::Active
        } else {
            SprintState::Planned
        };
        let goal = SPRINT_GOALS.iter().find(|(n, _)| *n == phase.name).map_or("", |(_, g)| *g);
        let mut sprint = Sprint {
            id: 0,
            project_id: project.id,
            name: phase.name.clone(),
            goal: goal.into(),
            start,
            finish,
            state,
            outcome: None,
        };
        let items: Vec<&Task> =
            tasks.iter().filter(|t| t.parent_id == Some(phase.id) && t.kind == TaskKind::Task).collect();
        if state == SprintState::Closed {
            sprint.outcome = Some(crate::board::outcome(&items, &units).0);
        }
        let id = gantry_store::insert_sprint(db, &sprint)?;
        for t in items {
            gantry_store::plan_task(db, t.id, Some(id))?;
        }
    }
    if let Some(mut column) =
        gantry_store::board_columns(db, project.id)?.into_iter().find(|c| c.stage == BoardStatus::InProgress)
    {
        column.wip_limit = Some(3);
        gantry_store::update_board_column(db, &column)?;
    }
    Ok(())
}

/// Adds to `store` a project of `tasks` generated tasks and about `links`
/// links (see `gantry_core::generate`) on the first calendar, starting
/// `start`: the fixed plans the benchmarks load. Returns its id.
pub(crate) fn add_generated(store: &mut Store, tasks: usize, links: usize, start: NaiveDate) -> Result<ProjectId> {
    let calendar_id = gantry_store::calendars(store.db())?
        .first()
        .map(|c| c.id)
        .ok_or_else(|| gantry_store::Error::Refused("The portfolio has no calendar to plan on.".into()))?;
    let label = format!("Generate a plan of {tasks} tasks");
    let id = store.write(&label, |db| {
        let project = Project {
            id: 0,
            name: format!("Generated plan of {tasks} tasks"),
            goal: "Measure Gantry on a large plan".into(),
            scope: String::new(),
            methodology: Methodology::Waterfall,
            manager: "Benchmark".into(),
            start,
            status: ProjectStatus::OnTrack,
            status_reason: String::new(),
            currency: "EUR".into(),
            calendar_id,
            durations: DurationSettings::default(),
            status_date: None,
        };
        let project_id = gantry_store::insert_project(db, &project)?;
        let (plan_tasks, plan_links) = gantry_core::generate::plan(project_id, tasks, links);
        // Generated ids are 1..n in order, parents first: stored ids by index.
        let mut stored: Vec<TaskId> = Vec::with_capacity(plan_tasks.len());
        for t in &plan_tasks {
            let parent = t.parent_id.map(|p| stored[(p - 1) as usize]);
            stored.push(gantry_store::insert_task(db, &Task { parent_id: parent, ..t.clone() })?);
        }
        for l in &plan_links {
            let link = Link {
                predecessor: stored[(l.predecessor - 1) as usize],
                successor: stored[(l.successor - 1) as usize],
                ..*l
            };
            gantry_store::insert_link(db, project_id, &link)?;
        }
        Ok(project_id)
    })?;
    Ok(id)
}

/// Adds `people` generated people and puts them on the leaf tasks of
/// project `project` in turn, up to `assignments` assignments, full time:
/// the fixed team the workload benchmark opens.
pub(crate) fn add_generated_team(
    store: &mut Store,
    project: ProjectId,
    people: usize,
    assignments: usize,
) -> Result<()> {
    store.write("Generate a team", |db| {
        let ids: Vec<MemberId> = (0..people)
            .map(|i| {
                let person = TeamMember {
                    role: ["Developer", "Tester", "Analyst", "Engineer"][i % 4].into(),
                    capacity_percent: if i % 5 == 0 { 80 } else { 100 },
                    ..TeamMember::new(&format!("Person {:03}", i + 1))
                };
                gantry_store::insert_member(db, &person)
            })
            .collect::<Result<_>>()?;
        let tasks = gantry_store::tasks(db, project)?;
        let parents: std::collections::HashSet<TaskId> = tasks.iter().filter_map(|t| t.parent_id).collect();
        let leaves = tasks.iter().filter(|t| !parents.contains(&t.id) && t.duration_minutes > 0);
        for (i, t) in leaves.take(assignments).enumerate() {
            let a = Assignment {
                task_id: t.id,
                member_id: ids[i % ids.len()],
                units_percent: 100,
                work_minutes: t.duration_minutes,
            };
            gantry_store::assign(db, &a)?;
        }
        Ok(())
    })
}
