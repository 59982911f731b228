//! The risk register and the issue log, run the way the app runs them, on
//! real temporary portfolios: the sample's registers, a security risk added,
//! mitigated by a task of the plan, re-assessed and turned into an issue,
//! and every kind of bad input refused without a trace.

mod common;

use chrono::NaiveDate;
use common::{open, person, project, today};
use gantry_api::Portfolio;
use gantry_api::wire::*;

fn task(p: &Portfolio, project: i64, name: &str) -> i64 {
    p.plan(project).expect("plan").tasks.iter().find(|t| t.name == name).expect("task").id
}

fn security_risk(p: &Portfolio, crm: i64) -> RiskFields {
    RiskFields {
        title: "Customer records exposed through the staging tenant".into(),
        category: "Security".into(),
        cause: "The staging tenant holds a copy of production data".into(),
        event: "An external guest account reads customer records".into(),
        effect: "Breach to report to the regulator".into(),
        probability: 4,
        impact: 5,
        residual_probability: Some(2),
        residual_impact: Some(4),
        cost_impact: "50000".into(),
        chance_percent: "40 %".into(),
        owner_id: Some(person(p, "Omar")),
        response: "mitigate".into(),
        trigger: "Guest accounts found on staging".into(),
        status: "open".into(),
        raised: "2026-11-20".into(),
        next_review: "2026-12-01".into(),
        asset: "Customer records in the staging tenant".into(),
        threat: "Unauthorised access by guests".into(),
        vulnerability: "Guest access left on after the vendor's work".into(),
        confidentiality: 3,
        integrity: 1,
        availability: 0,
        reference: "A.5.15".into(),
        threatens: vec![task(p, crm, "Migration dry-run 1")],
        note: "Raised at the weekly security review".into(),
    }
}

#[test]
fn the_sample_registers_put_security_first_and_size_the_contingency() {
    let (_dir, _path, p) = open();
    let crm = project(&p, "CRM migration");
    let reg = p.risk_register(crm, today()).expect("register");
    assert_eq!(reg.currency, "EUR");
    let security: Vec<&RiskRow> = reg.risks.iter().filter(|r| r.security).collect();
    assert!(security.iter().any(|r| r.title.contains("Personal data exposed")), "{security:?}");
    assert!(security.iter().any(|r| r.title.contains("SSO misconfiguration")));
    for r in &security {
        assert!(!r.asset.is_empty() && !r.threat.is_empty() && !r.reference.is_empty(), "{r:?}");
        assert!(r.owner.is_some(), "every sample risk has an owner");
    }
    // Highest first; codes numbered within the project.
    assert!(reg.risks.windows(2).all(|w| w[0].score >= w[1].score), "sorted by score");
    assert!(reg.risks.iter().all(|r| r.code.starts_with("R-0")));
    // The heat map counts the active risks: the one that occurred is not there.
    let active = reg.risks.iter().filter(|r| r.status == "open" || r.status == "monitoring").count() as u32;
    assert_eq!(reg.heat.iter().flatten().sum::<u32>(), active);
    assert_eq!(reg.residual_heat.iter().flatten().sum::<u32>(), active);
    // The contingency the open threats justify, beside the budget's reserve.
    let emv: i64 = reg
        .risks
        .iter()
        .filter(|r| (r.status == "open" || r.status == "monitoring") && !r.opportunity)
        .filter_map(|r| r.emv)
        .sum();
    assert_eq!(reg.contingency.emv, emv);
    assert!(emv > 0);
    // A risk that became an issue keeps the link both ways.
    let occurred = reg.risks.iter().find(|r| r.status == "occurred").expect("a risk that occurred");
    let issue = reg.issues.iter().find(|i| i.risk_id == Some(occurred.id)).expect("its issue");
    assert_eq!(occurred.issue.as_deref(), Some(issue.code.as_str()));
    assert_eq!(issue.risk.as_deref(), Some(occurred.code.as_str()));
    assert!(!issue.tasks.is_empty(), "the issue links the tasks the risk threatened");
    // Re-assessed risks show their history and what rose.
    let exposed = reg.risks.iter().find(|r| r.title.contains("Personal data")).expect("risk");
    assert_eq!(exposed.history.len(), 2);
    assert_eq!(exposed.rise, 15 - 12);
    assert!(exposed.window_start.is_some() && exposed.mitigations.len() == 2);
    // The portfolio: two overdue reviews, each project's highest open risk.
    let all = p.portfolio_risks(today()).expect("portfolio");
    assert_eq!(all.projects.iter().map(|x| x.overdue_reviews).sum::<usize>(), 2);
    assert!(all.top.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(all.top.iter().any(|r| r.category == "Security"));
    for x in &all.projects {
        let top = x.top.as_ref().expect("every sample project has open risks");
        assert!(all.top.iter().filter(|r| r.project_id == x.project_id).all(|r| r.score <= top.score));
    }
}

#[test]
fn a_security_risk_is_rated_mitigated_by_a_task_reassessed_and_kept_after_a_restart() {
    let (_dir, path, mut p) = open();
    let crm = project(&p, "CRM migration");
    let before = p.risk_register(crm, today()).expect("register");
    let id = p.add_risk(crm, &security_risk(&p, crm), today()).expect("added");
    let reg = p.risk_register(crm, today()).expect("register");
    let r = &reg.risks[0];
    assert_eq!((r.id, r.score, r.band.as_str()), (id, 20, "critical"), "the highest risk, at the top");
    assert_eq!(r.code, format!("R-{:03}", before.risks.len() + 1));
    assert_eq!(r.emv, Some(2_000_000), "50,000 EUR × 40 % in cents");
    assert_eq!(reg.heat[3][4], before.heat[3][4] + 1, "probability 4, impact 5: the top-right cell");
    assert_eq!(reg.residual_heat[1][3], before.residual_heat[1][3] + 1);
    assert_eq!(reg.contingency.emv, before.contingency.emv + 2_000_000);
    assert_eq!(r.history.len(), 1);
    assert_eq!(r.reference, "A.5.15");
    assert_eq!(r.window_start, r.threatens[0].start);

    // The mitigation becomes a task of the plan, right after what it protects.
    let t = p.add_mitigation_task(id, "Remove guest accounts from staging").expect("task");
    let plan = p.plan(crm).expect("plan");
    let rows: Vec<&str> = plan.tasks.iter().map(|x| x.name.as_str()).collect();
    let at = rows.iter().position(|n| *n == "Remove guest accounts from staging").expect("in the plan");
    assert_eq!(rows[at - 1], "Migration dry-run 1");
    p.edit_task(t, TaskEdit { percent_complete: Some(50), ..Default::default() }).expect("progress");
    let r = p.risk_register(crm, today()).expect("register").risks.into_iter().find(|r| r.id == id).expect("risk");
    assert_eq!(r.mitigation_percent, Some(50));

    // Re-assessed: the rating changes, the history grows, the rise shows.
    let mut fields = security_risk(&p, crm);
    fields.probability = 5;
    fields.note = "Guest accounts found".into();
    p.edit_risk(id, &fields, NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")).expect("edited");
    p.review_risk(id, "2026-12-10", "Checked with the vendor", NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"))
        .expect("reviewed");
    drop(p);

    let p = Portfolio::open(&path).expect("reopens");
    let r = p.risk_register(crm, today()).expect("register").risks.into_iter().find(|r| r.id == id).expect("kept");
    assert_eq!((r.probability, r.score), (5, 25));
    assert_eq!(r.history.iter().map(|h| h.score).collect::<Vec<_>>(), [20, 25, 25]);
    assert_eq!(r.history[2].note, "Checked with the vendor");
    assert_eq!(r.next_review.as_deref(), Some("2026-12-10"));
    assert_eq!(r.mitigations.len(), 1);
    assert_eq!(r.mitigations[0].id, t);
    let cli: Vec<RiskRow> = p.risk_rows(None, today()).expect("rows");
    assert_eq!(cli[0].id, id, "the portfolio's top risk");
}

#[test]
fn a_risk_that_occurs_becomes_an_issue_once_and_undo_takes_it_back() {
    let (_dir, _path, mut p) = open();
    let crm = project(&p, "CRM migration");
    let id = p.add_risk(crm, &security_risk(&p, crm), today()).expect("added");
    let issue = p.risk_to_issue(id, today()).expect("issue");
    let reg = p.risk_register(crm, today()).expect("register");
    let i = reg.issues.iter().find(|i| i.id == issue).expect("in the log");
    assert_eq!((i.severity.as_str(), i.status.as_str()), ("critical", "open"));
    assert_eq!(i.owner.as_deref(), Some("Omar Haddad"));
    assert_eq!(i.tasks.len(), 1);
    assert!(reg.risks.iter().any(|r| r.id == id && r.status == "occurred"));
    assert!(p.risk_to_issue(id, today()).is_err(), "once");
    p.undo().expect("undo");
    let reg = p.risk_register(crm, today()).expect("register");
    assert!(reg.issues.iter().all(|i| i.id != issue));
    assert!(reg.risks.iter().any(|r| r.id == id && r.status == "open"));

    // An issue of its own, edited to resolved.
    let mut fields = IssueFields {
        title: "Test tenant licences expired".into(),
        severity: "high".into(),
        owner_id: Some(person(&p, "Marco")),
        raised: "2026-11-20".into(),
        due: "2026-11-23".into(),
        escalated_to: "Head of IT".into(),
        tasks: vec![task(&p, crm, "Provision tenants (dev, test, prod)")],
        ..Default::default()
    };
    let id = p.add_issue(crm, &fields, today()).expect("issue");
    let row = p.issue_rows(Some(crm), today()).expect("issues").into_iter().find(|i| i.id == id).expect("row");
    assert!(row.overdue && row.open);
    fields.status = "resolved".into();
    fields.resolution = "Renewed for a year".into();
    p.edit_issue(id, &fields, today()).expect("edited");
    let row = p.issue_rows(Some(crm), today()).expect("issues").into_iter().find(|i| i.id == id).expect("row");
    assert!(!row.overdue && !row.open);
    assert_eq!(row.code, "I-002", "numbered after the sample's issue");
}

#[test]
fn bad_risks_and_issues_are_refused_with_a_clear_message_and_change_nothing() {
    let (_dir, _path, mut p) = open();
    let crm = project(&p, "CRM migration");
    let network = project(&p, "Office network");
    let other_task = task(&p, network, "Replace core switches (weekend window)");
    let good = security_risk(&p, crm);
    let retired = {
        let id = person(&p, "Júlia");
        p.retire_person(id).expect("retired");
        id
    };
    let before = common::digest(&p);
    type Spoil = Box<dyn Fn(&mut RiskFields)>;
    let cases: Vec<(&str, Spoil, &str)> = vec![
        ("probability 0", Box::new(|f| f.probability = 0), "1 to 5"),
        ("probability 7", Box::new(|f| f.probability = 7), "1 to 5"),
        ("impact 6", Box::new(|f| f.impact = 6), "1 to 5"),
        ("review before raised", Box::new(|f| f.next_review = "2026-11-01".into()), "before the risk was raised"),
        ("a date that does not exist", Box::new(|f| f.next_review = "2026-02-30".into()), "2026-02-30"),
        ("owner not on the team", Box::new(|f| f.owner_id = Some(999_999)), "not on the team"),
        ("owner who left", Box::new(move |f| f.owner_id = Some(retired)), "left the team"),
        ("negative cost", Box::new(|f| f.cost_impact = "-5000".into()), ""),
        ("cost of 10^20", Box::new(|f| f.cost_impact = "100000000000000000000".into()), ""),
        ("chance 101 %", Box::new(|f| f.chance_percent = "101".into()), "0 to 100"),
        ("title of 10,000 characters", Box::new(|f| f.title = "R".repeat(10_000)), "10000 characters"),
        ("empty title", Box::new(|f| f.title = "  ".into()), "empty"),
        ("a title that reads backwards", Box::new(|f| f.title = "invoice\u{202E}fdp.exe".into()), "control characters"),
        ("an effect of 2 MB", Box::new(|f| f.effect = "x".repeat(2_000_000)), "at most 20000"),
        (
            "residual impact above inherent",
            Box::new(|f| {
                f.impact = 3;
                f.residual_impact = Some(4);
            }),
            "worse",
        ),
        ("residual probability above", Box::new(|f| f.residual_probability = Some(5)), "likelier"),
        ("unknown response", Box::new(|f| f.response = "ignore".into()), "Choose a response"),
        ("unknown status", Box::new(|f| f.status = "forgotten".into()), "Choose a status"),
        ("CIA 4", Box::new(|f| f.confidentiality = 4), "impact level"),
        ("a reference that is none", Box::new(|f| f.reference = "see the wiki".into()), "CVE"),
        ("a task of another project", Box::new(move |f| f.threatens = vec![other_task]), "another project"),
        ("a task that does not exist", Box::new(|f| f.threatens = vec![987_654]), "not found"),
    ];
    for (what, spoil, says) in &cases {
        let mut f = good.clone();
        spoil(&mut f);
        let err = p.add_risk(crm, &f, today()).expect_err(what).to_string();
        assert!(err.contains(says), "{what}: {err}");
        assert!(err.len() < 300, "{what}: a message, not a dump: {err}");
        assert_eq!(common::digest(&p), before, "{what}: nothing saved");
    }
    let id = p.add_risk(crm, &good, today()).expect("the good one");
    let after = common::digest(&p);
    assert!(p.link_mitigation(id, other_task).unwrap_err().to_string().contains("another project"));
    assert!(p.review_risk(id, "2026-11-01", "", today()).is_err());
    let issue = IssueFields {
        title: "Late".into(),
        raised: "2026-11-20".into(),
        due: "2026-11-19".into(),
        ..Default::default()
    };
    assert!(p.add_issue(crm, &issue, today()).unwrap_err().to_string().contains("before it was raised"));
    let issue = IssueFields { title: "Owned by nobody known".into(), owner_id: Some(424_242), ..Default::default() };
    assert!(p.add_issue(crm, &issue, today()).is_err());
    assert_eq!(common::digest(&p), after, "nothing saved");
}
