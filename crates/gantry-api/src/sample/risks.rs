//! The sample portfolio's risk registers and issue logs: security risks
//! first, owned by the team, threatening tasks of the plans and mitigated
//! by others, re-assessed over the weeks, two reviews overdue and one risk
//! that became an issue.

use chrono::{Duration, NaiveDate};
use gantry_core::model::{Project, TaskId};
use gantry_core::risks::*;
use gantry_store::{Db, Result, RiskTaskRole};

struct SampleRisk {
    project: &'static str,
    title: &'static str,
    category: &'static str,
    /// Cause, event, effect.
    story: [&'static str; 3],
    /// Probability and impact when raised, and as they stand now.
    raised_as: (u8, u8),
    now: (u8, u8),
    residual: Option<(u8, u8)>,
    /// Cost impact in cents and its chance in percent.
    money: Option<(i64, u8)>,
    owner: &'static str,
    response: Response,
    trigger: &'static str,
    status: RiskStatus,
    /// Raised this many weeks ago; next review in this many days (negative: overdue).
    weeks_ago: i64,
    review_in: i64,
    /// Asset, threat, vulnerability, C, I, A, reference.
    security: Option<(&'static str, &'static str, &'static str, u8, u8, u8, &'static str)>,
    threatens: &'static [&'static str],
    mitigated_by: &'static [&'static str],
    /// Why it was re-assessed, when `now` differs from `raised_as`.
    reassessed: &'static str,
}

const CRM: &str = "CRM migration to Dynamics 365";
const NETWORK: &str = "Office network refresh";
const PORTAL: &str = "Customer self-service portal";

const RISKS: &[SampleRisk] = &[
    SampleRisk {
        project: CRM,
        title: "Personal data exposed during the CRM data migration",
        category: "Security",
        story: [
            "Full customer extracts are copied to staging shares for the dry-runs",
            "An extract with personal data is read by someone without need, or leaves the company",
            "GDPR breach to report within 72 hours, fines, customer trust lost",
        ],
        raised_as: (3, 4),
        now: (3, 5),
        residual: Some((2, 4)),
        money: Some((12_000_000, 15)),
        owner: "omar",
        response: Response::Mitigate,
        trigger: "An extract found outside the migration share, or a DLP alert",
        status: RiskStatus::Open,
        weeks_ago: 8,
        review_in: -5,
        security: Some((
            "Customer and contact records (about 240,000, personal data)",
            "Unauthorised access to migration extracts",
            "Unmasked CSV extracts on a shared drive during the dry-runs",
            3,
            1,
            0,
            "A.8.11",
        )),
        threatens: &["Migration dry-run 1", "Migration dry-run 2 (full volume)", "Final migration and validation"],
        mitigated_by: &["Security and access model (roles, SSO)", "Reconcile record counts and fix mappings"],
        reassessed: "Dry-run 1 showed the extracts include bank details: impact raised to 5.",
    },
    SampleRisk {
        project: CRM,
        title: "SSO misconfiguration at cut-over locks users out",
        category: "Security",
        story: [
            "Conditional access policies are new and tested on the test tenant only",
            "A policy blocks sales staff or lets unmanaged devices in at go-live",
            "240 users without CRM on the first day, or accounts open to phishing",
        ],
        raised_as: (3, 4),
        now: (3, 4),
        residual: Some((2, 3)),
        money: Some((2_500_000, 30)),
        owner: "omar",
        response: Response::Mitigate,
        trigger: "Sign-in failures above 2 % in the pilot group",
        status: RiskStatus::Open,
        weeks_ago: 6,
        review_in: 9,
        security: Some((
            "Dynamics 365 tenant and Entra ID sign-in",
            "Account takeover, or denial of access to the CRM",
            "Conditional access policies not tested against production groups",
            2,
            1,
            3,
            "IA-2(1)",
        )),
        threatens: &["Single sign-on and conditional access", "Go-live: CRM in production"],
        mitigated_by: &["Penetration test of external endpoints"],
        reassessed: "",
    },
    SampleRisk {
        project: CRM,
        title: "Legacy data cleansing overruns",
        category: "Schedule",
        story: [
            "The share of duplicate accounts in Siebel was estimated at 5 %",
            "Cleansing takes longer than its 8 days",
            "Dry-run 1 and every test after it slip",
        ],
        raised_as: (3, 3),
        now: (5, 3),
        residual: None,
        money: Some((1_800_000, 60)),
        owner: "sofia",
        response: Response::Mitigate,
        trigger: "Profiling finds more than 10 % duplicates",
        status: RiskStatus::Open,
        weeks_ago: 9,
        review_in: 7,
        security: None,
        threatens: &["Cleanse duplicates and orphan records", "Migration dry-run 1"],
        mitigated_by: &[],
        reassessed: "Profiling found 18 % duplicate accounts.",
    },
    SampleRisk {
        project: CRM,
        title: "Siebel support ends before the cut-over",
        category: "Vendor",
        story: [
            "Oracle's extended support for the Siebel release ends in the spring",
            "The go-live slips past the end of support",
            "Unsupported CRM, or a year of extended support bought at short notice",
        ],
        raised_as: (2, 5),
        now: (2, 5),
        residual: Some((1, 5)),
        money: Some((6_000_000, 20)),
        owner: "ana",
        response: Response::Transfer,
        trigger: "Go-live forecast within six weeks of the end of support",
        status: RiskStatus::Monitoring,
        weeks_ago: 9,
        review_in: 20,
        security: None,
        threatens: &["Go-live: CRM in production"],
        mitigated_by: &[],
        reassessed: "",
    },
    SampleRisk {
        project: CRM,
        title: "Key users unavailable for UAT at year-end",
        category: "People",
        story: [
            "UAT falls in the sales year-end closing",
            "Key users test a few hours a week instead of daily",
            "UAT sign-off slips, or defects reach production",
        ],
        raised_as: (3, 3),
        now: (3, 3),
        residual: Some((2, 3)),
        money: None,
        owner: "lena",
        response: Response::Mitigate,
        trigger: "Fewer than 10 of 12 key users confirmed for UAT",
        status: RiskStatus::Open,
        weeks_ago: 5,
        review_in: 12,
        security: None,
        threatens: &["User acceptance test with 12 key users"],
        mitigated_by: &["Train the super-users (champions)"],
        reassessed: "",
    },
    SampleRisk {
        project: NETWORK,
        title: "Ransomware outage of the file servers during the network refresh",
        category: "Security",
        story: [
            "Temporary firewall rules are opened while the core is replaced",
            "Ransomware spreads across the flat network to the file servers",
            "File shares down for days, restore from backup, data of the last day lost",
        ],
        raised_as: (2, 5),
        now: (2, 5),
        residual: Some((1, 4)),
        money: Some((20_000_000, 5)),
        owner: "omar",
        response: Response::Mitigate,
        trigger: "EDR alert on a file server, or any-any rules still open after the window",
        status: RiskStatus::Open,
        weeks_ago: 4,
        review_in: 6,
        security: Some((
            "File servers and their backups at headquarters",
            "Ransomware moving laterally during the migration",
            "Any-any firewall rules during the core switch window",
            2,
            3,
            3,
            "A.8.13",
        )),
        threatens: &["Install new firewall cluster", "Replace core switches (weekend window)"],
        mitigated_by: &["Segmentation and firewall policy (zero trust)", "Forward logs to SIEM"],
        reassessed: "",
    },
    SampleRisk {
        project: NETWORK,
        title: "Switch delivery delayed by supply shortage",
        category: "Vendor",
        story: [
            "Access switches have 20-day lead times and the vendor allocates stock",
            "Delivery slips by two weeks or more",
            "The core window and all three waves move",
        ],
        raised_as: (2, 4),
        now: (3, 4),
        residual: Some((2, 3)),
        money: Some((1_500_000, 35)),
        owner: "ana",
        response: Response::Mitigate,
        trigger: "No shipping confirmation ten days after the order",
        status: RiskStatus::Open,
        weeks_ago: 4,
        review_in: -3,
        security: None,
        threatens: &["Hardware delivery (switches, APs, firewalls)"],
        mitigated_by: &["Stage and pre-configure hardware"],
        reassessed: "The distributor warned of allocation on the 48-port models.",
    },
    SampleRisk {
        project: NETWORK,
        title: "Evening outage at the Lyon branch overruns",
        category: "Operational",
        story: [
            "The SD-WAN edge is new to the branch team",
            "The outage runs into the morning",
            "Branch staff cannot work for the first hours",
        ],
        raised_as: (2, 3),
        now: (2, 3),
        residual: Some((1, 3)),
        money: None,
        owner: "tomasz",
        response: Response::Mitigate,
        trigger: "Pre-checks find a different circuit than documented",
        status: RiskStatus::Open,
        weeks_ago: 3,
        review_in: 14,
        security: None,
        threatens: &["Switches and SD-WAN edge Lyon"],
        mitigated_by: &["Branch pre-checks and user notice"],
        reassessed: "",
    },
    SampleRisk {
        project: NETWORK,
        title: "Existing Cat 6 cabling reusable on floor 4",
        category: "Cost",
        story: [
            "Floor 4 was recabled in 2019",
            "The survey certifies it for 2.5 Gbit/s",
            "Two days of cabling and its cost saved",
        ],
        raised_as: (3, 2),
        now: (3, 2),
        residual: Some((4, 2)),
        money: Some((900_000, 50)),
        owner: "julia",
        response: Response::Exploit,
        trigger: "Certification results of the site survey",
        status: RiskStatus::Open,
        weeks_ago: 3,
        review_in: 10,
        security: None,
        threatens: &["Cabling upgrade, Cat 6A"],
        mitigated_by: &[],
        reassessed: "",
    },
    SampleRisk {
        project: PORTAL,
        title: "Unpatched library in the portal",
        category: "Security",
        story: [
            "The portal depends on several hundred npm packages",
            "A known vulnerability in a dependency is exploited before it is patched",
            "Customer accounts and invoices exposed, portal taken offline",
        ],
        raised_as: (3, 4),
        now: (4, 4),
        residual: Some((2, 4)),
        money: Some((8_000_000, 20)),
        owner: "marco",
        response: Response::Mitigate,
        trigger: "A critical advisory for a package in the lock file",
        status: RiskStatus::Open,
        weeks_ago: 6,
        review_in: 4,
        security: Some((
            "Customer portal: accounts, invoices, payment tokens",
            "Exploitation of a known vulnerability in a dependency",
            "No automated dependency scanning in the pipeline yet",
            3,
            2,
            2,
            "SI-2",
        )),
        threatens: &["Release 1.0 go-live", "Beta with 200 customers"],
        mitigated_by: &[
            "Automated end-to-end tests",
            "Hardening: error pages, rate limiting",
            "Fix findings from the penetration test",
        ],
        reassessed: "Two critical advisories in the first month: probability raised to 4.",
    },
    SampleRisk {
        project: PORTAL,
        title: "Payment provider changes its API again",
        category: "Technical",
        story: [
            "The provider is migrating its platform this year",
            "Another breaking change lands before release 1.0",
            "Payments rework and a further slip of the release",
        ],
        raised_as: (2, 3),
        now: (3, 4),
        residual: Some((2, 4)),
        money: Some((3_000_000, 30)),
        owner: "priya",
        response: Response::Mitigate,
        trigger: "A deprecation notice from the provider",
        status: RiskStatus::Monitoring,
        weeks_ago: 6,
        review_in: 7,
        security: None,
        threatens: &["Online payments (card and SEPA)", "Payment provider webhooks"],
        mitigated_by: &[],
        reassessed: "It happened once in sprint 3: probability and impact raised.",
    },
    SampleRisk {
        project: PORTAL,
        title: "Accessibility below WCAG 2.1 AA at launch",
        category: "Compliance and legal",
        story: [
            "Screens are built sprint by sprint with little accessibility review",
            "The audit finds failures at level AA",
            "Launch blocked by the accessibility act, or rework in the last sprint",
        ],
        raised_as: (3, 3),
        now: (3, 3),
        residual: Some((2, 2)),
        money: None,
        owner: "yuki",
        response: Response::Mitigate,
        trigger: "More than five AA failures in a sprint audit",
        status: RiskStatus::Open,
        weeks_ago: 5,
        review_in: 11,
        security: None,
        threatens: &["Release 1.0 go-live"],
        mitigated_by: &["Accessibility audit of sprint 1 screens"],
        reassessed: "",
    },
];

/// Issues: project, title, description, severity, owner, raised days ago,
/// due in days, status, resolution, escalated to, the risk it was.
type SampleIssue = (
    &'static str,
    &'static str,
    &'static str,
    Severity,
    &'static str,
    i64,
    i64,
    IssueStatus,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const ISSUES: &[SampleIssue] = &[
    (
        CRM,
        "Legacy data cleansing overruns",
        "18 % duplicate accounts in Siebel, not 5 %: cleansing is 50 % over its hours and dry-run 1 is at risk.",
        Severity::High,
        "sofia",
        10,
        9,
        IssueStatus::InProgress,
        "",
        "Steering committee",
        Some("Legacy data cleansing overruns"),
    ),
    (
        NETWORK,
        "Porto landlord refuses access to the riser",
        "The site survey could not check the riser cabling at Porto.",
        Severity::Medium,
        "tomasz",
        12,
        -2,
        IssueStatus::Open,
        "",
        "",
        None,
    ),
    (
        PORTAL,
        "Payment provider sandbox down for three days",
        "Sprint 3 payment stories could not be tested against the sandbox.",
        Severity::High,
        "marco",
        20,
        -14,
        IssueStatus::Resolved,
        "Provider restored the sandbox; tests run against recorded responses meanwhile.",
        "",
        None,
    ),
];

/// The registers and issue logs of the sample's projects.
pub(super) fn register(db: &Db, today: NaiveDate) -> Result<()> {
    let projects = gantry_store::projects(db)?;
    let team = gantry_store::team(db)?;
    let person = |key: &str| {
        let name = super::TEAM.iter().find(|m| m.key == key).map(|m| m.name)?;
        team.iter().find(|m| m.name == name).map(|m| m.id)
    };
    let mut made = Vec::new();
    for s in RISKS {
        let Some(p) = projects.iter().find(|p| p.name == s.project) else { continue };
        let tasks = gantry_store::tasks(db, p.id)?;
        let task_ids = |names: &[&str]| -> Vec<TaskId> {
            names.iter().filter_map(|n| tasks.iter().find(|t| t.name == *n).map(|t| t.id)).collect()
        };
        let raised = today - Duration::weeks(s.weeks_ago);
        let mut risk = sample_risk(p, s, raised, person(s.owner), today);
        risk.id = gantry_store::insert_risk(db, &risk)?;
        gantry_store::set_risk_tasks(db, risk.id, RiskTaskRole::Threatens, &task_ids(s.threatens))?;
        gantry_store::set_risk_tasks(db, risk.id, RiskTaskRole::Mitigates, &task_ids(s.mitigated_by))?;
        let first = Risk {
            probability: s.raised_as.0,
            impact: s.raised_as.1,
            residual_probability: None,
            residual_impact: None,
            ..risk.clone()
        };
        gantry_store::insert_assessment(db, &Assessment::of(&first, raised, ""))?;
        if s.now != s.raised_as {
            let on = raised + Duration::weeks(s.weeks_ago / 2).max(Duration::days(3));
            gantry_store::insert_assessment(db, &Assessment::of(&risk, on.min(today), s.reassessed))?;
        }
        made.push(risk);
    }
    for (project, title, description, severity, owner, raised, due, status, resolution, escalated, from) in ISSUES {
        let Some(p) = projects.iter().find(|p| p.name == *project) else { continue };
        let risk = from.and_then(|t| made.iter().find(|r| r.project_id == p.id && r.title == t));
        if let Some(r) = risk {
            gantry_store::update_risk(db, &Risk { status: RiskStatus::Occurred, ..r.clone() })?;
        }
        let issue = Issue {
            id: 0,
            project_id: p.id,
            number: 0,
            title: (*title).into(),
            description: (*description).into(),
            severity: *severity,
            owner_id: person(owner),
            raised: today - Duration::days(*raised),
            due: Some(today + Duration::days(*due)),
            status: *status,
            resolution: (*resolution).into(),
            escalated_to: (*escalated).into(),
            risk_id: risk.map(|r| r.id),
        };
        let id = gantry_store::insert_issue(db, &issue)?;
        if let Some(r) = risk {
            let threatened: Vec<TaskId> = gantry_store::risk_tasks(db, Some(p.id))?
                .into_iter()
                .filter(|(x, _, role)| *x == r.id && *role == RiskTaskRole::Threatens)
                .map(|(_, t, _)| t)
                .collect();
            gantry_store::set_issue_tasks(db, id, &threatened)?;
        }
    }
    Ok(())
}

fn sample_risk(p: &Project, s: &SampleRisk, raised: NaiveDate, owner: Option<i64>, today: NaiveDate) -> Risk {
    let security = s
        .security
        .map(|(asset, threat, vulnerability, c, i, a, reference)| Security {
            asset: asset.into(),
            threat: threat.into(),
            vulnerability: vulnerability.into(),
            confidentiality: c,
            integrity: i,
            availability: a,
            reference: reference.into(),
        })
        .unwrap_or_default();
    Risk {
        id: 0,
        project_id: p.id,
        number: 0,
        title: s.title.into(),
        category: s.category.into(),
        cause: s.story[0].into(),
        event: s.story[1].into(),
        effect: s.story[2].into(),
        probability: s.now.0,
        impact: s.now.1,
        residual_probability: s.residual.map(|r| r.0),
        residual_impact: s.residual.map(|r| r.1),
        cost_impact: s.money.map(|m| m.0),
        chance_percent: s.money.map(|m| m.1),
        owner_id: owner,
        response: s.response,
        trigger: s.trigger.into(),
        status: s.status,
        raised,
        next_review: Some((today + Duration::days(s.review_in)).max(raised)),
        security,
    }
}
