//! The budget, run the way the app runs it, on real temporary portfolios:
//! costs from people's rates and hours, budget lines, expenditures typed and
//! imported, contracts, earned value against the baseline, and every kind of
//! bad input refused without a trace.

mod common;

use chrono::NaiveDate;
use common::project;
use gantry_api::Portfolio;
use gantry_api::wire::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn open() -> (tempfile::TempDir, Portfolio) {
    let (dir, path) = common::sample_copy();
    let p = Portfolio::open(&path).expect("opens");
    (dir, p)
}

#[test]
fn the_sample_crm_migration_is_over_budget_and_the_lines_say_why() {
    let (_dir, p) = open();
    let crm = project(&p, "CRM migration");
    let view = p.budget(crm, today()).expect("budget");
    assert_eq!(view.currency, "EUR");
    assert_eq!(view.baseline.as_deref(), Some("Approved plan"));
    let cpi = view.value.cpi.expect("CPI");
    assert!((0.78..0.9).contains(&cpi), "the CRM migration runs at CPI ≈ 0.85, not {cpi}");
    assert!(view.value.eac.expect("EAC") > view.value.bac, "the forecast is over the budget");
    // The variance by line explains it: the licences and the contractor.
    let over: Vec<&LineRow> = view.lines.iter().filter(|l| l.variance < 0).collect();
    assert!(over.iter().any(|l| l.category == "Software licences" && !l.note.is_empty()), "{over:?}");
    assert!(over.iter().any(|l| l.category == "Contractors and services" && !l.note.is_empty()), "{over:?}");
    let licences = view.lines.iter().find(|l| l.category == "Software licences").expect("licences");
    assert_eq!((licences.planned, licences.actual), (4_000_000, 4_600_000), "planned 40,000.00, paid 46,000.00");
    // One contract's renewal notice is due within 60 days.
    assert!(view.contracts.iter().any(|c| c.up_for_renewal && c.vendor == "Contoso Cloud Solutions"));
    assert_eq!(p.contracts_due(today()).expect("due").len(), 1);
    // The S-curve stops at the status date; planned value goes on to the finish.
    assert!(view.curve.iter().any(|c| c.ac.is_some()) && view.curve.iter().any(|c| c.ac.is_none()));
    let last = view.curve.last().expect("curve");
    assert_eq!(last.pv, view.value.bac, "planned value reaches the budget at completion");
    assert!(view.value.es.is_some() && view.value.spit.is_some());
}

#[test]
fn logged_hours_are_actual_cost_and_move_the_cpi() {
    let (_dir, mut p) = open();
    let crm = project(&p, "CRM migration");
    let before = p.cost_report(crm, today(), None).expect("costs");
    let plan = p.plan(crm).expect("plan");
    let task = plan.tasks.iter().find(|t| t.name == "Migration dry-run 2 (full volume)").expect("task");
    let sofia = p.team().expect("team").into_iter().find(|m| m.name == "Sofia Lindqvist").expect("Sofia");
    p.log_hours(&LogHours { member_id: sofia.id, task_id: task.id, day: "2026-11-23".into(), hours: "8".into() })
        .expect("log");
    let after = p.cost_report(crm, today(), None).expect("costs");
    let row = after.tasks.iter().find(|t| t.uid == task.id).expect("row");
    assert_eq!(row.actual_work, 480);
    assert_eq!(row.actual_cost, 8 * sofia.standard_rate, "8 h at her rate");
    assert_eq!(after.project.ac, before.project.ac + 8 * sofia.standard_rate);
    assert!(after.project.cpi < before.project.cpi);
    // A status date before the hours leaves them out.
    let earlier = p.cost_report(crm, NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"), None).expect("costs");
    assert_eq!(earlier.tasks.iter().find(|t| t.uid == task.id).expect("row").actual_cost, 0);
}

#[test]
fn a_baseline_keeps_what_the_plan_cost_when_it_was_saved() {
    let (_dir, mut p) = open();
    let net = project(&p, "Office network");
    let plan = p.plan(net).expect("plan");
    let task = plan.tasks.iter().find(|t| !t.has_children && t.duration_minutes > 0).expect("a task");
    p.set_fixed_cost(task.id, "1 250.50", "start").expect("fixed cost");
    let at = today().and_hms_opt(10, 0, 0).expect("time");
    p.save_baseline(net, "With the fixed cost", at).expect("baseline");
    p.set_fixed_cost(task.id, "2000", "start").expect("raised");
    let r = p.cost_report(net, today(), Some("With the fixed cost")).expect("costs");
    let row = r.tasks.iter().find(|t| t.uid == task.id).expect("row");
    assert_eq!(row.fixed_cost, 200_000);
    assert_eq!(row.cost - row.baseline_cost, 200_000 - 125_050, "the rise is the variance");
    assert!(p.cost_report(net, today(), Some("No such baseline")).is_err());
}

#[test]
fn expenditures_are_typed_or_imported_and_counted_on_their_line() {
    let (_dir, mut p) = open();
    let portal = project(&p, "Customer self-service");
    let line = p
        .add_budget_line(
            portal,
            &LineFields { category: "Training".into(), name: "Accessibility course".into(), note: String::new() },
        )
        .expect("line");
    p.plan_budget_month(line, "2026-12", "3000").expect("plan");
    p.add_expenditure(&NewExpenditure {
        project_id: portal,
        line_id: Some(line),
        vendor: "Tailspin Training".into(),
        date: "2026-11-20".into(),
        amount: "1 200.00".into(),
        currency: "EUR".into(),
        invoice: "TT-1".into(),
        state: "committed".into(),
        note: String::new(),
    })
    .expect("committed");
    let csv = "Date;Amount;Supplier;Ref\n2026-11-02;450,00;Tailspin Training;TT-2\n2026-11-09;\"1.050,00\";Tailspin Training;TT-3\n";
    let mapping = CsvMapping {
        date: 0,
        amount: 1,
        vendor: Some(2),
        invoice: Some(3),
        state: None,
        note: None,
        header: true,
        line_id: Some(line),
    };
    assert_eq!(p.import_expenditures(portal, csv, &mapping).expect("imported"), 2);
    let view = p.budget(portal, today()).expect("budget");
    let row = view.lines.iter().find(|l| l.id == line).expect("line");
    assert_eq!((row.planned, row.committed, row.actual), (300_000, 120_000, 150_000));
    assert_eq!(row.forecast, 120_000 + 150_000 + 300_000, "spent, committed, and December still to come");
    assert!(view.vendors.iter().any(|v| v.name == "Tailspin Training"), "a new vendor joins the register once");
    assert_eq!(view.vendors.iter().filter(|v| v.name == "Tailspin Training").count(), 1);
}

#[test]
fn bad_budget_input_is_refused_with_a_clear_message_and_changes_nothing() {
    let (_dir, mut p) = open();
    let crm = project(&p, "CRM migration");
    let net = project(&p, "Office network");
    let line = p.budget(crm, today()).expect("budget").lines[0].id;
    let other = p.budget(net, today()).expect("budget").lines[0].id;
    let before = common::digest(&p);
    let spend = |amount: &str, currency: &str, line: Option<i64>| NewExpenditure {
        project_id: crm,
        line_id: line,
        vendor: String::new(),
        date: "2026-11-20".into(),
        amount: amount.into(),
        currency: currency.into(),
        invoice: String::new(),
        state: "paid".into(),
        note: String::new(),
    };
    let contract = |start: &str, end: &str| NewContract {
        project_id: crm,
        vendor: "Contoso Cloud Solutions".into(),
        title: "Support".into(),
        value: "1000".into(),
        start: start.into(),
        end: end.into(),
        renewal: String::new(),
        notice_days: 30,
        line_id: None,
        deliverables: String::new(),
    };
    let csv_mapping = CsvMapping { date: 0, amount: 1, header: false, ..Default::default() };
    let cases: Vec<(&str, Result<(), String>, &str)> = vec![
        (
            "a negative budget month",
            p.plan_budget_month(line, "2027-01", "-500").map_err(|e| e.to_string()),
            "negative",
        ),
        (
            "an expenditure in dollars",
            p.add_expenditure(&spend("100", "USD", None)).map(drop).map_err(|e| e.to_string()),
            "EUR",
        ),
        (
            "an amount of 10^20",
            p.add_expenditure(&spend("100000000000000000000", "", None)).map(drop).map_err(|e| e.to_string()),
            "",
        ),
        (
            "four decimals in euros",
            p.add_expenditure(&spend("10.5555", "", None)).map(drop).map_err(|e| e.to_string()),
            "2 decimal places",
        ),
        (
            "another project's line",
            p.add_expenditure(&spend("10", "", Some(other))).map(drop).map_err(|e| e.to_string()),
            "another project",
        ),
        (
            "a contract ending before it starts",
            p.add_contract(&contract("2027-02-01", "2027-01-01")).map(drop).map_err(|e| e.to_string()),
            "before it starts",
        ),
        ("30 February", p.add_contract(&contract("2027-02-30", "2027-03-01")).map(drop).map_err(|e| e.to_string()), ""),
        (
            "a CSV with text for an amount",
            p.import_expenditures(crm, "2026-11-01,100\n2026-11-02,lots\n", &csv_mapping)
                .map(drop)
                .map_err(|e| e.to_string()),
            "Row 2",
        ),
        (
            "a 10,000-character line name",
            p.add_budget_line(
                crm,
                &LineFields { category: "x".repeat(10_000), name: String::new(), note: String::new() },
            )
            .map(drop)
            .map_err(|e| e.to_string()),
            "characters",
        ),
        (
            "an unknown accrual",
            p.set_fixed_cost(p.plan(crm).expect("plan").tasks[1].id, "10", "weekly").map_err(|e| e.to_string()),
            "accrual",
        ),
    ];
    for (what, result, says) in cases {
        let message = result.expect_err(what);
        assert!(message.contains(says), "{what}: {message}");
        assert!(message.len() < 300, "{what}: one clear sentence, not {message}");
    }
    assert_eq!(common::digest(&p), before, "nothing saved");
}

#[test]
fn reading_changes_nothing() {
    let (_dir, p) = open();
    let before = common::digest(&p);
    for s in p.projects().expect("projects") {
        p.plan(s.id).expect("plan");
        p.board(s.id, today()).expect("board");
        p.budget(s.id, today()).expect("budget");
        p.cost_report(s.id, today(), None).expect("costs");
    }
    p.team().expect("team");
    assert_eq!(common::digest(&p), before);
    let path = p.store().path().to_owned();
    drop(p);
    let p = Portfolio::open(&path).expect("reopen");
    assert_eq!(common::digest(&p), before, "opening changes nothing");
}

#[test]
fn the_report_prints_the_budget_the_view_shows_with_the_formula_and_thresholds_chosen() {
    let (dir, mut p) = open();
    let crm = project(&p, "CRM migration");
    // The portfolio forecasts with the atypical formula and turns red only below 0.80.
    p.set_budget_settings("atypical", "0.9", "0,8", "percent").expect("settings");
    let s = p.budget_settings().expect("settings");
    assert_eq!((s.eac_method.as_str(), s.warn_below, s.bad_below), ("atypical", 0.9, 0.8));
    let view = p.budget(crm, today()).expect("budget");
    let v = &view.value;
    assert_eq!(v.eac, Some(v.ac + v.bac - v.ev), "EAC = AC + (BAC − EV)");
    assert_eq!(view.settings.eac_method, "atypical");
    let money = p.portfolio_money(today()).expect("money");
    let row = money.iter().find(|m| m.project_id == crm).expect("the CRM's money");
    assert_eq!((row.planned, row.actual, row.value.eac), (view.total.planned, view.total.actual, v.eac));

    let options = ReportOptions { sections: vec![Section::Budget], ..ReportOptions::default() };
    let pdf = p.report_pdf(crm, &options, today().and_hms_opt(9, 0, 0).expect("time")).expect("report");
    let out = dir.path().join("CRM budget.pdf");
    gantry_api::save_report(&out, &pdf).expect("saved");
    let text = common::poppler("pdftotext", &["-layout"], &out);
    let whole = |minor: i64| {
        let units = (minor as f64 / 100.0).round() as i64;
        let digits = units.abs().to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if units < 0 { format!("-{grouped}") } else { grouped }
    };
    for (what, amount) in [("AC", v.ac), ("EV", v.ev), ("BAC", v.bac), ("EAC", v.eac.expect("EAC"))] {
        assert!(text.contains(&whole(amount)), "the report prints {what} as {}:\n{text}", whole(amount));
    }
    assert!(text.contains("EAC = AC + (BAC − EV)"), "the chosen formula is named");
    assert!(text.contains(&format!("{:.2}", v.cpi.expect("CPI"))), "CPI");
    assert!(text.contains("S-curve") && text.contains(&format!("Forecast to {}", whole(v.eac.expect("EAC")))));
    for line in &view.lines {
        assert!(
            text.contains(&line.name[..20.min(line.name.len())]),
            "the line {} is in the variance table",
            line.name
        );
    }
    assert!(text.contains("Contoso Cloud Solutions") && text.contains("up for renewal"), "the contract due");

    // Bad settings are refused and change nothing; good ones are one undo step.
    for (eac, warn, bad) in [("median", "0.9", "0.8"), ("cpi", "0.8", "0.9"), ("cpi", "lots", "0.8"), ("cpi", "3", "1")]
    {
        let before = common::digest(&p);
        assert!(p.set_budget_settings(eac, warn, bad, "percent").is_err(), "{eac} {warn} {bad}");
        assert_eq!(common::digest(&p), before);
    }
    p.undo().expect("undo");
    assert_eq!(p.budget_settings().expect("settings").eac_method, "cpi", "undo brings the default back");
}

#[test]
fn a_project_without_budget_or_baseline_says_so_in_its_report() {
    let (dir, mut p) = open();
    let calendar_id = p.calendars().expect("calendars")[0].id;
    let id = p
        .create_project(ProjectFields {
            name: "Printer rollout".into(),
            goal: String::new(),
            scope: String::new(),
            methodology: gantry_core::model::Methodology::Waterfall,
            manager: String::new(),
            start: "2026-11-30".into(),
            status: gantry_core::model::ProjectStatus::OnTrack,
            status_reason: String::new(),
            currency: "EUR".into(),
            calendar_id,
            status_date: String::new(),
        })
        .expect("project");
    let options = ReportOptions { sections: vec![Section::Budget], ..ReportOptions::default() };
    let pdf = p.report_pdf(id, &options, today().and_hms_opt(9, 0, 0).expect("time")).expect("report");
    let out = dir.path().join("Printers.pdf");
    gantry_api::save_report(&out, &pdf).expect("saved");
    let text = common::poppler("pdftotext", &[], &out);
    assert!(text.contains("no budget lines and no baseline yet"), "{text}");
}

#[test]
fn an_imported_ms_project_plan_keeps_its_currency_fixed_costs_and_baseline_costs() {
    let fixtures = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures");
    for file in ["mpp-as-mspdi/timephased-cost-rollup.mpp.xml", "mspdi/task-baselines-project2010-mspdi.xml"] {
        let bytes = std::fs::read(fixtures.join(file)).expect("the fixture");
        let (file_costs, _) = gantry_interop::costs::read(&bytes).expect("the file's costs");
        let (_dir, mut p) = open();
        let now = today().and_hms_opt(9, 0, 0).expect("time");
        let imported = p.import_mspdi(&bytes, file, now).expect("imports");
        let id = imported.project_id;
        let currency = p.plan(id).expect("plan").fields.currency;
        assert_eq!(currency, file_costs.currency, "{file}: the plan keeps its currency");
        let with_baseline = !file_costs.baseline.is_empty();
        let report = p.cost_report(id, today(), None).expect("costs");
        let sorted = |mut v: Vec<i64>| {
            v.sort_unstable();
            v
        };
        let (mine, theirs): (Vec<i64>, Vec<i64>) = (
            sorted(report.tasks.iter().map(|t| t.fixed_cost).filter(|c| *c > 0).collect()),
            sorted(file_costs.tasks.iter().map(|t| t.fixed_cost).filter(|c| *c > 0).collect()),
        );
        assert_eq!(mine, theirs, "{file}: every fixed cost comes across");
        if with_baseline {
            let mine = sorted(report.tasks.iter().map(|t| t.baseline_cost).collect());
            let theirs = sorted(
                file_costs
                    .tasks
                    .iter()
                    .filter(|t| file_costs.baseline.contains_key(&t.uid))
                    .map(|t| t.baseline_cost)
                    .collect(),
            );
            assert_eq!(mine, theirs, "{file}: baseline 0's costs are the portfolio baseline's");
            assert!(report.project.bac > 0, "{file}: earned value has a budget at completion");
        }
    }
}

#[test]
fn a_rate_change_prices_the_work_from_its_day_on() {
    let (_dir, mut p) = open();
    let crm = project(&p, "CRM migration");
    let plan = p.plan(crm).expect("plan");
    let task = plan.tasks.iter().find(|t| t.name == "Migration dry-run 2 (full volume)").expect("task");
    let sofia = p.team().expect("team").into_iter().find(|m| m.name == "Sofia Lindqvist").expect("Sofia");
    let log = |p: &mut Portfolio, day: &str| {
        p.log_hours(&LogHours { member_id: sofia.id, task_id: task.id, day: day.into(), hours: "8".into() })
            .expect("log");
    };
    let actual = |p: &Portfolio| {
        p.cost_report(crm, today(), None)
            .expect("costs")
            .tasks
            .iter()
            .find(|t| t.uid == task.id)
            .expect("row")
            .actual_cost
    };
    log(&mut p, "2026-11-23");
    let before = actual(&p);
    // A raise from the 24th: the hours of the 23rd keep the old rate, those of the 24th take the new.
    let bad = [
        ("2026-02-30", "120.00", "from"),
        ("2026-11-24", "-5", "standardRate"),
        ("2026-11-24", "120.5555", "standardRate"),
        ("2026-11-24", "", "standardRate"),
    ];
    for (from, rate, field) in bad {
        let digest = common::digest(&p);
        let change =
            NewRateChange { member_id: sofia.id, from: from.into(), standard_rate: rate.into(), ..Default::default() };
        let e = p.add_rate_change(&change).expect_err(&format!("{from} {rate} refused"));
        assert!(e.to_string().len() > 10, "{field}: a message that says why: {e}");
        assert_eq!(common::digest(&p), digest, "{from} {rate}: nothing changed");
    }
    let raise = NewRateChange {
        member_id: sofia.id,
        from: "2026-11-24".into(),
        standard_rate: "120.00".into(),
        overtime_rate: String::new(),
        cost_per_use: String::new(),
    };
    p.add_rate_change(&raise).expect("a raise");
    assert_eq!(actual(&p), before, "work done before the change keeps its rate");
    log(&mut p, "2026-11-24");
    assert_eq!(actual(&p), before + 8 * 12_000, "8 h at the new 120.00");
    let person = p.team().expect("team").into_iter().find(|m| m.id == sofia.id).expect("Sofia");
    assert_eq!(person.rate_changes.len(), 1);
    assert_eq!((person.rate_changes[0].from.as_str(), person.rate_changes[0].standard_rate), ("2026-11-24", 12_000));
    p.remove_rate_change(person.rate_changes[0].id).expect("removed");
    assert_eq!(actual(&p), before + 8 * sofia.standard_rate, "without it, her own rate again");
    p.undo().expect("undo the removal");
    assert_eq!(actual(&p), before + 8 * 12_000);
}

#[test]
fn materials_and_cost_resources_count_in_their_tasks_cost_and_bad_ones_are_refused() {
    let (_dir, mut p) = open();
    let net = project(&p, "Office network");
    let plan = p.plan(net).expect("plan");
    let task = plan.tasks.iter().find(|t| !t.has_children && t.percent_complete == 0).expect("a task not begun");
    let cost_of = |p: &Portfolio| {
        p.cost_report(net, today(), None).expect("costs").tasks.iter().find(|t| t.uid == task.id).expect("row").cost
    };
    let before = cost_of(&p);
    let seat = p
        .add_cost_resource(&NewCostResource {
            project_id: net,
            name: "Site survey tool licence".into(),
            kind: "material".into(),
            unit: "access point".into(),
            unit_price: "95.50".into(),
            accrual: "start".into(),
        })
        .expect("a material");
    let bill = p
        .add_cost_resource(&NewCostResource {
            project_id: net,
            name: "Cloud management bill".into(),
            kind: "cost".into(),
            unit: String::new(),
            unit_price: String::new(),
            accrual: "end".into(),
        })
        .expect("a cost resource");
    p.use_resource(task.id, seat, "48").expect("48 licences");
    p.use_resource(task.id, bill, "1 200.00").expect("a bill");
    assert_eq!(cost_of(&p), before + 48 * 9_550 + 120_000, "the task's cost counts both");
    let view = p.budget(net, today()).expect("budget");
    let r = view.resources.iter().find(|r| r.id == seat).expect("listed");
    assert_eq!((r.cost, r.uses.len(), r.uses[0].quantity_milli), (48 * 9_550, 1, 48_000));
    let not_begun = p.cost_report(net, today(), None).expect("costs");
    assert_eq!(not_begun.tasks.iter().find(|t| t.uid == task.id).expect("row").actual_cost, 0, "nothing accrued yet");

    // Bad input: refused with a message, nothing changed.
    let other = project(&p, "CRM migration");
    let crm_task = p.plan(other).expect("plan").tasks.iter().find(|t| !t.has_children).expect("task").id;
    let digest = common::digest(&p);
    assert!(p.use_resource(task.id, seat, "-3").is_err());
    assert!(p.use_resource(task.id, seat, "2.5555").is_err());
    assert!(p.use_resource(task.id, bill, "lots").is_err());
    assert!(p.use_resource(crm_task, seat, "1").is_err(), "a resource of another project");
    assert!(p.use_resource(task.id, seat, "999999999999").is_err(), "a use that costs more than Gantry keeps");
    let dup = NewCostResource {
        project_id: net,
        name: "site SURVEY tool licence".into(),
        kind: "material".into(),
        unit: "ap".into(),
        unit_price: "1".into(),
        accrual: "start".into(),
    };
    assert!(p.add_cost_resource(&dup).is_err(), "the same name twice");
    let no_price = NewCostResource { name: "Cable".into(), unit_price: String::new(), ..dup.clone() };
    assert!(p.add_cost_resource(&no_price).is_err(), "a material needs its price");
    assert_eq!(common::digest(&p), digest);
    // Taking it off, and undo.
    p.use_resource(task.id, seat, "").expect("off");
    assert_eq!(cost_of(&p), before + 120_000);
    p.undo().expect("undo");
    assert_eq!(cost_of(&p), before + 48 * 9_550 + 120_000);
}

#[test]
fn an_imported_plan_brings_its_materials_and_cost_resources_with_what_each_task_uses() {
    let mut files = common::mspdi_fixtures();
    let more = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/mpp-as-mspdi");
    files.extend(
        [
            "timephased-material-resource.mpp.xml",
            "timephased-prorated-cost-resource.mpp.xml",
            "timephased-cost-rollup.mpp.xml",
        ]
        .map(|f| more.join(f))
        .into_iter()
        .filter(|p| p.exists()),
    );
    let mut checked = 0;
    for file in files {
        let bytes = std::fs::read(&file).expect("the fixture");
        let (costs, _) = gantry_interop::costs::read(&bytes).expect("costs");
        if costs.resources.is_empty() {
            continue;
        }
        let (_dir, mut p) = open();
        let now = today().and_hms_opt(9, 0, 0).expect("time");
        let name = file.display().to_string();
        let id = p.import_mspdi(&bytes, &name, now).expect("imports").project_id;
        let view = p.budget(id, today()).expect("budget");
        for r in costs.resources.iter().filter(|r| !r.name.trim().is_empty()) {
            let mine = view.resources.iter().find(|x| x.name == r.name.trim());
            let mine = mine.unwrap_or_else(|| panic!("{name}: “{}” came across", r.name));
            assert_eq!(mine.kind, r.kind.code(), "{name}: {}", r.name);
            let theirs = costs
                .uses
                .iter()
                .filter(|u| u.resource_id == r.id)
                .fold(gantry_core::cost::Exact::ZERO, |s, u| s.plus(u.cost(r)));
            assert_eq!(mine.cost, theirs.round(), "{name}: what “{}” costs across its tasks", r.name);
        }
        checked += 1;
    }
    assert!(checked >= 3, "fixtures with materials or cost resources: {checked}");
}

#[test]
fn a_payment_tied_to_a_milestone_falls_due_when_the_schedule_says() {
    let (_dir, mut p) = open();
    let crm = project(&p, "CRM migration");
    let view = p.budget(crm, today()).expect("budget");
    let fabrikam = view.contracts.iter().find(|k| k.vendor == "Fabrikam Data Services").expect("the contract");
    // The sample: the first statement on a date, paid; the second when the cleansing finishes.
    assert_eq!(fabrikam.payments.len(), 2);
    let second = fabrikam.payments.iter().find(|x| x.task_id.is_some()).expect("tied to a task");
    let plan = p.plan(crm).expect("plan");
    let cleanse = plan.tasks.iter().find(|t| Some(t.id) == second.task_id).expect("the task");
    assert_eq!(second.due.as_deref(), Some(&cleanse.finish[..10]), "due on the task's scheduled finish");

    // Add one tied to the go-live milestone, with what is left of the contract's value; more is refused.
    let live = plan.tasks.iter().find(|t| t.name == "Go-live: CRM in production").expect("go-live");
    let new = |amount: &str, task: Option<i64>, due: &str| NewPayment {
        contract_id: fabrikam.id,
        title: "Retention on go-live".into(),
        amount: amount.into(),
        due: due.into(),
        task_id: task,
    };
    let digest = common::digest(&p);
    for (bad, why) in [
        (new("0.01", Some(live.id), ""), "more than the contract's value"),
        (new("-5", Some(live.id), ""), "negative"),
        (new("100", None, ""), "no date and no milestone"),
        (new("100", None, "2027-02-30"), "a date that does not exist"),
    ] {
        assert!(p.add_payment(&bad).is_err(), "{why}");
    }
    let other = project(&p, "Office network");
    let elsewhere = p.plan(other).expect("plan").tasks[0].id;
    assert!(p.add_payment(&new("1", Some(elsewhere), "")).is_err(), "a task of another project");
    assert_eq!(common::digest(&p), digest, "refusals change nothing");

    // Moving the milestone moves the payment's due date.
    let first = fabrikam.payments.iter().find(|x| x.task_id.is_none()).expect("dated").id;
    p.remove_payment(first).expect("removed");
    let id = p.add_payment(&new("12000", Some(live.id), "")).expect("added");
    let due = |p: &Portfolio| {
        let v = p.budget(crm, today()).expect("budget");
        let k = v.contracts.into_iter().find(|k| k.vendor == "Fabrikam Data Services").expect("contract");
        k.payments.into_iter().find(|x| x.id == id).expect("payment").due.expect("a due date")
    };
    assert_eq!(due(&p), live.finish[..10]);
    p.set_payment_paid(id, true).expect("paid");
    p.undo().expect("undo");
    p.undo().expect("undo the payment");
    p.undo().expect("undo the removal");
    assert_eq!(common::digest(&p), digest, "undo takes every step back");
}

#[test]
fn earned_value_can_come_from_physical_percent_complete() {
    let (_dir, mut p) = open();
    let crm = project(&p, "CRM migration");
    let before = p.cost_report(crm, today(), None).expect("costs");
    p.set_budget_settings("cpi", "0.95", "0.9", "physical").expect("physical");
    let none = p.cost_report(crm, today(), None).expect("costs");
    assert_eq!(none.project.ev, 0, "no physical % complete set: nothing earned, as in MS Project");
    let leaves: std::collections::HashSet<i64> =
        p.plan(crm).expect("plan").tasks.iter().filter(|t| !t.has_children).map(|t| t.id).collect();
    let task = before
        .tasks
        .iter()
        .filter(|t| leaves.contains(&t.uid) && t.baseline_cost > 0 && t.bcwp > 0)
        .max_by_key(|t| t.baseline_cost)
        .expect("a task with value");
    p.set_physical_progress(task.uid, "40").expect("40 %");
    let after = p.cost_report(crm, today(), None).expect("costs");
    let row = after.tasks.iter().find(|t| t.uid == task.uid).expect("row");
    assert_eq!(row.bcwp, (task.baseline_cost * 40 + 50) / 100, "BCWP = baseline cost × physical %");
    for bad in ["101", "-1", "half", "40.5"] {
        assert!(p.set_physical_progress(task.uid, bad).is_err(), "{bad}");
    }
    assert!(p.set_budget_settings("cpi", "0.95", "0.9", "gut feeling").is_err());
    p.set_budget_settings("cpi", "0.95", "0.9", "percent").expect("back");
    assert_eq!(p.cost_report(crm, today(), None).expect("costs").project.ev, before.project.ev);
}
