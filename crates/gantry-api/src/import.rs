//! Importing an MS Project XML file as a new project.
//!
//! The file is read and checked completely before anything is written:
//! a file that is refused leaves the portfolio exactly as it was. What is
//! accepted with changes (a name cut to length, a date outside what Gantry
//! plans, a link to a missing task) is listed in the result's warnings.
//! A verified snapshot is taken just before the import is written, and the
//! import itself is one undo step.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDateTime};
use gantry_core::calendar::is_shared_calendar;
use gantry_core::model::*;
use gantry_core::{schedule, validate};
use gantry_interop::mspdi;
use gantry_store::SnapshotReason;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::csv_import::{CsvColumns, CsvPreview, CsvRead};
use crate::error::refused;
use crate::wire::Imported;
use crate::{Error, Portfolio, Result, circle};

/// The most tasks one import brings in.
pub const MAX_IMPORT_TASKS: usize = 100_000;

/// The most people one import brings in.
pub const MAX_IMPORT_PEOPLE: usize = 10_000;

/// Reads a file to import, refusing one over the importer's size limit
/// before reading it.
pub fn read_import_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let limit = gantry_interop::xml::MAX_BYTES;
    let bytes =
        std::fs::metadata(path).map_err(|e| Error::Io(format!("{} could not be read: {e}", path.display())))?.len();
    if bytes > limit as u64 {
        return Err(gantry_interop::ImportError::TooLarge { bytes: bytes as usize, limit }.into());
    }
    std::fs::read(path).map_err(|e| Error::Io(format!("{} could not be read: {e}", path.display())))
}

fn plausible(t: NaiveDateTime) -> bool {
    validate::YEARS.contains(&t.year())
}

/// The formats a plan comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    MsProjectXml,
    GanttProject,
    Csv,
}

impl PlanFormat {
    /// The format of `bytes`, from the file's name (`.gan`, `.csv`, `.tsv`,
    /// `.txt`) or its first element.
    pub fn of(bytes: &[u8], file_name: &str) -> PlanFormat {
        let lower = file_name.to_lowercase();
        if [".csv", ".tsv", ".txt"].iter().any(|e| lower.ends_with(e)) {
            return PlanFormat::Csv;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
        let gan =
            lower.ends_with(".gan") || (head.contains("<project ") && !head.contains("schemas.microsoft.com/project"));
        if gan { PlanFormat::GanttProject } else { PlanFormat::MsProjectXml }
    }

    pub fn label(self) -> &'static str {
        match self {
            PlanFormat::MsProjectXml => "MS Project XML",
            PlanFormat::GanttProject => "GanttProject",
            PlanFormat::Csv => "CSV",
        }
    }
}

/// How to bring a file in.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    /// Keep the dates the file gives: a task Gantry's engine would place
    /// elsewhere is scheduled by hand, held where the file has it. Else
    /// Gantry reschedules the plan.
    pub keep_dates: bool,
    /// For a CSV file, its columns; none for the mapping kept from the last
    /// file with the same headers, or else the one its headers suggest.
    pub csv: Option<CsvColumns>,
}

/// What an import would bring in, before anything is written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub file_name: String,
    /// "MS Project XML", "GanttProject" or "CSV".
    pub format: String,
    pub name: String,
    pub tasks: i64,
    pub links: i64,
    pub people: i64,
    pub calendars: i64,
    pub warnings: Vec<String>,
    /// Tasks whose dates Gantry's engine computes differently from the file.
    pub differences: Vec<DateDifference>,
    /// The project an earlier import of the same keys made, which this one
    /// updates instead of adding a second copy.
    pub updates: Option<String>,
    /// How many of the file's tasks that project holds already.
    pub matched: i64,
    /// Why the file cannot be imported as it is read now (a CSV file
    /// whose columns are not chosen yet); none when it can.
    pub problem: Option<String>,
    /// For a CSV file: its columns and how they are read.
    pub csv: Option<CsvPreview>,
}

/// A task whose dates in the file and in Gantry's schedule differ.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DateDifference {
    pub task: String,
    pub file_start: NaiveDateTime,
    pub file_finish: NaiveDateTime,
    pub gantry_start: NaiveDateTime,
    pub gantry_finish: NaiveDateTime,
    /// Why, when it is known; empty otherwise.
    pub why: String,
}

/// The tasks whose dates Gantry's engine computes differently from those
/// the file holds (summaries aside: they follow their tasks).
pub fn differences(plan: &mspdi::Plan) -> Vec<DateDifference> {
    if plan.computed.is_empty() || schedule::find_cycle(&plan.tasks, &plan.links).is_some() {
        return Vec::new();
    }
    let computed = mspdi::schedule(plan);
    let dates: HashMap<TaskId, &schedule::TaskDates> = computed.tasks.iter().map(|d| (d.id, d)).collect();
    let mut moved: Vec<(&Task, NaiveDateTime, NaiveDateTime, &schedule::TaskDates)> = Vec::new();
    for t in plan.tasks.iter().filter(|t| t.kind != TaskKind::Summary) {
        let (Some(file), Some(ours)) = (plan.computed.get(&t.id), dates.get(&t.id)) else { continue };
        let (Some(start), Some(finish)) = (file.start, file.finish) else { continue };
        if file.summary || (start, finish) == (ours.start, ours.finish) {
            continue;
        }
        moved.push((t, start, finish, ours));
    }
    let moved_ids: std::collections::HashSet<TaskId> = moved.iter().map(|m| m.0.id).collect();
    let names: HashMap<TaskId, &str> = plan.tasks.iter().map(|t| (t.id, t.name.as_str())).collect();
    let calendars: HashMap<CalendarId, &gantry_core::calendar::WorkCalendar> =
        plan.calendars.iter().map(|c| (c.id, c)).collect();
    let working_span = |t: &Task, start: NaiveDateTime, finish: NaiveDateTime| {
        let calendar = t.calendar_id.and_then(|c| calendars.get(&c).copied()).unwrap_or(&plan.calendar);
        (!t.duration_elapsed && t.kind == TaskKind::Task).then(|| calendar.working_minutes_between(start, finish))
    };
    moved
        .into_iter()
        .map(|(t, file_start, file_finish, ours)| {
            let follows = plan.links.iter().find(|l| l.successor == t.id && moved_ids.contains(&l.predecessor));
            let why = if t.actual_start.is_some() && t.percent_complete < 100 {
                "It is in progress: Gantry places its remaining work from the status date.".to_owned()
            } else if let Some(l) = follows {
                format!("It follows “{}”, whose dates differ too.", names.get(&l.predecessor).unwrap_or(&"?"))
            } else if let Some(span) = working_span(t, file_start, file_finish)
                && span != t.duration_minutes
            {
                format!(
                    "Its duration, {}, is not the working time from its start to its finish in the file, {}.",
                    gantry_core::units::format_duration(t.duration_minutes, plan.settings),
                    gantry_core::units::format_duration(span, plan.settings)
                )
            } else if t.constraint.kind != ConstraintKind::Asap {
                format!("Its constraint, {}, places it.", t.constraint.kind.label().to_lowercase())
            } else if t.manual {
                "It is scheduled by hand.".to_owned()
            } else {
                String::new()
            };
            DateDifference {
                task: t.name.clone(),
                file_start,
                file_finish,
                gantry_start: ours.start,
                gantry_finish: ours.finish,
                why,
            }
        })
        .collect()
}

/// Holds each task whose dates Gantry would change where the file has it:
/// scheduled by hand, its start fixed, its duration as the file's start
/// and finish on its calendar.
fn keep_file_dates(plan: &mut mspdi::Plan) {
    if plan.computed.is_empty() || schedule::find_cycle(&plan.tasks, &plan.links).is_some() {
        return;
    }
    let computed = mspdi::schedule(plan);
    let dates: HashMap<TaskId, (NaiveDateTime, NaiveDateTime)> =
        computed.tasks.iter().map(|d| (d.id, (d.start, d.finish))).collect();
    let calendars: HashMap<CalendarId, &gantry_core::calendar::WorkCalendar> =
        plan.calendars.iter().map(|c| (c.id, c)).collect();
    for t in plan.tasks.iter_mut().filter(|t| t.kind != TaskKind::Summary) {
        let Some(file) = plan.computed.get(&t.id).filter(|c| !c.summary) else { continue };
        let (Some(start), Some(finish)) = (file.start, file.finish) else { continue };
        if dates.get(&t.id) == Some(&(start, finish)) || !plausible(start) || finish < start {
            continue;
        }
        let calendar = t.calendar_id.and_then(|c| calendars.get(&c).copied()).unwrap_or(&plan.calendar);
        t.manual = true;
        t.constraint = Constraint { kind: ConstraintKind::Mso, date: Some(start) };
        t.manual_finish = Some(finish);
        if !t.duration_elapsed && t.kind != TaskKind::Milestone {
            t.duration_minutes = calendar.working_minutes_between(start, finish).clamp(0, validate::MAX_MINUTES);
        }
    }
}

impl Portfolio {
    /// Reads a plan file of any format Gantry imports, without writing.
    fn read_plan(
        &self,
        bytes: &[u8],
        file_name: &str,
        options: &ImportOptions,
        today: chrono::NaiveDate,
    ) -> Result<(mspdi::Plan, gantry_interop::costs::PlanCosts, Option<CsvRead>)> {
        let format = PlanFormat::of(bytes, file_name);
        let (mut plan, costs, csv) = match format {
            PlanFormat::MsProjectXml => {
                let plan = mspdi::read(bytes)?;
                (plan, gantry_interop::costs::read(bytes)?.0, None)
            }
            PlanFormat::GanttProject => (gantry_interop::gan::read(bytes)?, no_costs(), None),
            PlanFormat::Csv => {
                let (plan, read) = self.read_csv(bytes, file_name, options.csv.as_ref(), today)?;
                (plan?, no_costs(), Some(read))
            }
        };
        if options.keep_dates {
            keep_file_dates(&mut plan);
        }
        Ok((plan, costs, csv))
    }

    /// What importing `bytes` would bring in: counts, warnings and the
    /// tasks whose dates Gantry computes differently. Writes nothing.
    pub fn preview_import(
        &self,
        bytes: &[u8],
        file_name: &str,
        options: &ImportOptions,
        today: chrono::NaiveDate,
    ) -> Result<ImportPreview> {
        let format = PlanFormat::of(bytes, file_name);
        // A CSV file whose columns do not make a plan yet is shown with
        // the reason, so its columns can be chosen.
        if format == PlanFormat::Csv {
            let (plan, read) = self.read_csv(bytes, file_name, options.csv.as_ref(), today)?;
            if let Err(e) = plan {
                return Ok(ImportPreview {
                    file_name: file_name.to_owned(),
                    format: format.label().to_owned(),
                    name: String::new(),
                    tasks: 0,
                    links: 0,
                    people: 0,
                    calendars: 0,
                    warnings: Vec::new(),
                    differences: Vec::new(),
                    updates: None,
                    matched: 0,
                    problem: Some(e.to_string()),
                    csv: Some(read.preview),
                });
            }
        }
        let (plan, costs, csv) =
            self.read_plan(bytes, file_name, &ImportOptions { keep_dates: false, ..options.clone() }, today)?;
        let differences = differences(&plan);
        let calendars = plan.calendars.iter().filter(|c| !is_shared_calendar(c.id)).count() as i64;
        let (links, people) = (plan.links.len() as i64, plan.people.len() as i64);
        let target = match &csv {
            Some(_) => self.keyed_target(&plan)?,
            None => None,
        };
        let checked = check_plan(plan, costs, file_name)?;
        let (updates, matched) = match target {
            Some((project, matched)) => (Some(gantry_store::project(self.store.db(), project)?.name), matched),
            None => (None, 0),
        };
        Ok(ImportPreview {
            file_name: file_name.to_owned(),
            format: format.label().to_owned(),
            name: checked.name,
            tasks: checked.tasks.len() as i64,
            links,
            people,
            calendars,
            warnings: checked.warnings,
            differences,
            updates,
            matched,
            problem: None,
            csv: csv.map(|c| c.preview),
        })
    }

    /// Imports a plan file as `options` say: a new project, or for a CSV
    /// file whose keys an earlier import made, an update of that project.
    pub fn import_with(
        &mut self,
        bytes: &[u8],
        file_name: &str,
        options: &ImportOptions,
        now: NaiveDateTime,
    ) -> Result<Imported> {
        let (plan, costs, csv) = self.read_plan(bytes, file_name, options, now.date())?;
        let Some(csv) = csv else { return self.import_plan(plan, costs, file_name, now) };
        let target = self.keyed_target(&plan)?;
        let checked = check_plan(plan, costs, file_name)?;
        match target {
            Some((project, _)) => self.update_from_csv(project, checked, &csv, now),
            None => {
                let csv_mapping = Some((csv.signature.clone(), csv.kept.clone()));
                self.write_plan(Checked { csv_mapping, ..checked }, file_name, now)
            }
        }
    }

    /// Imports the MSPDI document `bytes` (named `file_name`, for messages)
    /// as a new project.
    pub fn import_mspdi(&mut self, bytes: &[u8], file_name: &str, now: NaiveDateTime) -> Result<Imported> {
        let plan = mspdi::read(bytes)?;
        let (costs, _) = gantry_interop::costs::read(bytes)?;
        self.import_plan(plan, costs, file_name, now)
    }

    /// Imports a plan file, MS Project XML, GanttProject or CSV (its
    /// columns as their headers suggest), rescheduled by Gantry.
    pub fn import_file(&mut self, bytes: &[u8], file_name: &str, now: NaiveDateTime) -> Result<Imported> {
        self.import_with(bytes, file_name, &ImportOptions::default(), now)
    }

    /// Writes a plan read from a file as a new project, after checking it
    /// whole: one transaction, one undo step, after a snapshot.
    pub(crate) fn import_plan(
        &mut self,
        plan: mspdi::Plan,
        costs: gantry_interop::costs::PlanCosts,
        file_name: &str,
        now: NaiveDateTime,
    ) -> Result<Imported> {
        let checked = check_plan(plan, costs, file_name)?;
        self.write_plan(checked, file_name, now)
    }
}

/// A plan from a file, checked whole and cleaned, ready to be written.
pub(crate) struct Checked {
    pub plan: mspdi::Plan,
    pub warnings: Vec<String>,
    pub tasks: Vec<Task>,
    pub links: Vec<Link>,
    calendars: Vec<gantry_core::calendar::WorkCalendar>,
    pub people: Vec<TeamMember>,
    currency: String,
    fixed: Vec<(TaskId, i64, gantry_core::cost::Accrual)>,
    resources: Vec<gantry_core::budget::CostResource>,
    uses: Vec<gantry_core::budget::ResourceUse>,
    base_rows: Vec<(TaskId, BaselineTask, i64, i64)>,
    pub name: String,
    status_date: Option<chrono::NaiveDate>,
    /// Each task's labels, as the board keeps them.
    pub labels: HashMap<TaskId, Vec<String>>,
    /// A CSV file's headers and the column mapping to keep for them.
    pub csv_mapping: Option<(String, String)>,
    /// The people's rates from a day on, by their id in the file.
    rate_changes: Vec<RateChange>,
}

/// Checks and cleans a plan read from `file_name`: refused when it cannot
/// be kept, what is changed on the way listed in the warnings.
pub(crate) fn check_plan(
    plan: mspdi::Plan,
    costs: gantry_interop::costs::PlanCosts,
    file_name: &str,
) -> Result<Checked> {
    let mut warnings = plan.warnings.clone();
    if plan.tasks.len() > MAX_IMPORT_TASKS {
        return Err(refused(format!(
            "{file_name} has {} tasks; Gantry imports up to {MAX_IMPORT_TASKS} at a time.",
            plan.tasks.len()
        )));
    }
    if !plausible(plan.start) {
        return Err(refused(format!(
            "{file_name} starts on {}, outside the years Gantry plans ({}–{}).",
            plan.start.date(),
            validate::YEARS.start(),
            validate::YEARS.end()
        )));
    }
    if plan.people.len() > MAX_IMPORT_PEOPLE {
        return Err(refused(format!(
            "{file_name} names {} people; Gantry imports up to {MAX_IMPORT_PEOPLE} at a time.",
            plan.people.len()
        )));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = plan.tasks.iter().find(|t| !seen.insert(t.id)) {
        return Err(refused(format!("{file_name} is damaged: task UID {} appears twice.", twice.id)));
    }
    let mut tasks = plan.tasks.clone();
    for t in &mut tasks {
        let shown = format!("task {}", t.id);
        t.name = match cleaned_name(&t.name, &shown, &mut warnings) {
            Some(clean) => clean,
            None => {
                warnings.push(format!("{shown} had no name; it is called “Unnamed {shown}”."));
                format!("Unnamed {shown}")
            }
        };
        let notes = validate::cleaned_text(&t.notes);
        if notes != t.notes.trim_end() {
            warnings.push(format!("The notes of “{}” were shortened or cleaned.", t.name));
        }
        t.notes = notes;
        if t.duration_minutes > validate::MAX_MINUTES {
            warnings.push(format!("“{}” lasted longer than Gantry plans; it was set to 0.", t.name));
            t.duration_minutes = 0;
        }
        if t.constraint.date.is_some_and(|d| !plausible(d)) {
            warnings.push(format!("The constraint date of “{}” is out of range and was dropped.", t.name));
            t.constraint = Constraint::ASAP;
        }
        if t.manual_finish.is_some_and(|d| !plausible(d)) {
            t.manual_finish = None;
        }
        if validate::splits("splits", t.duration_minutes, &t.splits).is_err() {
            warnings.push(format!("The pauses in the work of “{}” did not fit its duration and were dropped.", t.name));
            t.splits.clear();
        }
        for (what, date) in [("actual start", &mut t.actual_start), ("actual finish", &mut t.actual_finish)] {
            if date.is_some_and(|d| !plausible(d)) {
                warnings.push(format!("The {what} of “{}” is out of range and was dropped.", t.name));
                *date = None;
            }
        }
        t.board_status = if t.percent_complete >= 100 {
            BoardStatus::Done
        } else if t.percent_complete > 0 || t.actual_start.is_some() {
            BoardStatus::InProgress
        } else {
            BoardStatus::Backlog
        };
    }
    let mut links: Vec<Link> = Vec::with_capacity(plan.links.len());
    let mut pairs = std::collections::HashSet::new();
    let mut repeated = 0;
    for l in &plan.links {
        if !pairs.insert((l.predecessor, l.successor)) {
            repeated += 1;
            continue;
        }
        if validate::lag("lag", l.lag_minutes).is_err() {
            warnings.push(format!("A link into task {} had an impossible lag and was left out.", l.successor));
            continue;
        }
        links.push(*l);
    }
    if repeated > 0 {
        warnings.push(format!("{repeated} links that repeat another between the same two tasks were left out."));
    }
    if let Some(cycle) = schedule::find_cycle(&tasks, &links) {
        return Err(Error::Cycle {
            message: format!(
                "{file_name} was not imported: its links make a circle, {}. Break the circle in MS Project and export again.",
                circle(&tasks, &cycle)
            ),
        });
    }
    // The time a task's calendar shares with its people's is worked out
    // anew from the store's calendars.
    let mut calendars: Vec<_> = plan.calendars.iter().filter(|c| !is_shared_calendar(c.id)).cloned().collect();
    if !calendars.iter().any(|c| c.id == plan.calendar.id) {
        calendars.push(plan.calendar.clone());
    }
    for c in &mut calendars {
        c.name = validate::cleaned_name(&c.name).unwrap_or_else(|| format!("Calendar {}", c.id));
    }
    let people = cleaned_people(&plan.people, &mut warnings);
    // The money: the file's currency, each task's fixed cost, and
    // baseline 0 with its costs, so earned value has its measure.
    let currency = validate::currency("currency", &costs.currency).unwrap_or_else(|e| {
        warnings.push(format!("{} The plan is kept in EUR.", e.message));
        "EUR".to_owned()
    });
    let mut fixed = Vec::new();
    for c in &costs.tasks {
        let accrual = costs.accruals.get(&c.uid).copied().unwrap_or_default();
        match gantry_core::budget::amount("fixedCost", c.fixed_cost, &currency) {
            Ok(amount) if amount > 0 || accrual != Default::default() => fixed.push((c.uid, amount, accrual)),
            Ok(_) => {}
            Err(_) => warnings.push(format!("The fixed cost of task {} is not an amount and was left out.", c.uid)),
        }
    }
    // Materials and cost resources: names cleaned, prices and quantities checked.
    let mut resources = Vec::new();
    let mut names = std::collections::HashSet::new();
    for r in &costs.resources {
        let shown = format!("resource {}", r.id);
        let Some(name) = cleaned_name(&r.name, &shown, &mut warnings) else { continue };
        if !names.insert(name.to_lowercase()) {
            warnings.push(format!("A second resource named “{name}” was left out."));
            continue;
        }
        let Ok(unit_price) = gantry_core::budget::amount("unitPrice", r.unit_price, &currency) else {
            warnings.push(format!("The price of “{name}” is not an amount; the resource was left out."));
            continue;
        };
        let unit = validate::cleaned_name(&r.unit).unwrap_or_default();
        resources.push(gantry_core::budget::CostResource { name, unit, unit_price, ..r.clone() });
    }
    let kept: HashMap<i64, &gantry_core::budget::CostResource> = resources.iter().map(|r| (r.id, r)).collect();
    let mut uses = Vec::new();
    for u in &costs.uses {
        let Some(r) = kept.get(&u.resource_id) else { continue };
        let sane = (0..=gantry_core::budget::MAX_QUANTITY_MILLI).contains(&u.quantity_milli)
            && gantry_core::budget::amount("amount", u.amount, &currency).is_ok()
            && u.cost(r).round() <= gantry_core::budget::max_minor(&currency);
        if sane {
            uses.push(*u);
        } else {
            warnings.push(format!("What task {} uses of “{}” is out of range and was left out.", u.task_id, r.name));
        }
    }
    let base_rows: Vec<(TaskId, BaselineTask, i64, i64)> = costs
        .tasks
        .iter()
        .filter_map(|c| {
            let &(start, finish, duration_minutes) = costs.baseline.get(&c.uid)?;
            (plausible(start) && plausible(finish)).then_some((
                c.uid,
                BaselineTask { task_id: c.uid, start, finish, duration_minutes },
                c.baseline_cost.max(0),
                c.baseline_work.max(0),
            ))
        })
        .collect();
    let name = validate::cleaned_name(&plan.name).unwrap_or_else(|| "Imported project".to_owned());
    let status_date = plan.status_date.filter(|d| plausible(*d)).map(|d| d.date());

    let mut rate_changes = Vec::new();
    for p in &people {
        for r in costs.rate_changes.get(&p.id).into_iter().flatten() {
            let rate = |v: i64| gantry_core::team::rate("rate", v).ok();
            match (plausible(r.from), rate(r.standard), rate(r.overtime), rate(r.per_use)) {
                (true, Some(standard_rate), Some(overtime_rate), Some(cost_per_use)) => rate_changes.push(RateChange {
                    id: 0,
                    member_id: p.id,
                    from: r.from.date(),
                    standard_rate,
                    overtime_rate,
                    cost_per_use,
                }),
                _ => warnings.push(format!(
                    "A rate of “{}” from {} is out of range and was left out.",
                    p.name,
                    r.from.date()
                )),
            }
        }
    }
    let mut labels = HashMap::new();
    for (id, raw) in &plan.labels {
        match crate::board::checked_labels(raw) {
            Ok(clean) => {
                labels.insert(*id, clean);
            }
            Err(e) => warnings.push(format!("The labels of task {id} were left out: {e}")),
        }
    }
    Ok(Checked {
        plan,
        labels,
        csv_mapping: None,
        rate_changes,
        warnings,
        tasks,
        links,
        calendars,
        people,
        currency,
        fixed,
        resources,
        uses,
        base_rows,
        name,
        status_date,
    })
}

impl Portfolio {
    /// Writes a checked plan as a new project: one transaction, one undo
    /// step, after a snapshot. The file's task keys are kept for the next
    /// import.
    pub(crate) fn write_plan(&mut self, c: Checked, file_name: &str, now: NaiveDateTime) -> Result<Imported> {
        let Checked {
            plan,
            warnings,
            tasks,
            links,
            calendars,
            people,
            currency,
            fixed,
            resources,
            uses,
            base_rows,
            name,
            status_date,
            labels,
            csv_mapping,
            rate_changes,
        } = c;
        self.store.snapshot(SnapshotReason::BeforeImport, now)?;
        let label = format!("Import “{name}”");
        let (project_id, task_count, link_count, joined, assigned) = self.store.write(&label, |db| {
            let mut calendar_ids = HashMap::new();
            for c in &calendars {
                calendar_ids.insert(c.id, gantry_store::insert_calendar(db, c)?);
            }
            let project = Project {
                id: 0,
                name: name.clone(),
                goal: String::new(),
                scope: format!("Imported from {file_name}."),
                methodology: Methodology::Waterfall,
                manager: String::new(),
                start: plan.start.date(),
                status: ProjectStatus::OnTrack,
                status_reason: String::new(),
                currency: currency.clone(),
                calendar_id: calendar_ids[&plan.calendar.id],
                durations: plan.settings,
                status_date,
            };
            let project_id = gantry_store::insert_project(db, &project)?;
            let mut task_ids = HashMap::new();
            for t in &tasks {
                let mut row = t.clone();
                row.project_id = project_id;
                row.parent_id = t.parent_id.and_then(|p| task_ids.get(&p).copied());
                row.calendar_id = t.calendar_id.and_then(|c| calendar_ids.get(&c).copied());
                let id = gantry_store::insert_task(db, &row)?;
                if let Some(key) = plan.keys.get(&t.id) {
                    gantry_store::set_task_key(db, id, key)?;
                }
                if let Some(labels) = labels.get(&t.id) {
                    gantry_store::set_labels(db, id, labels)?;
                }
                task_ids.insert(t.id, id);
            }
            for l in &links {
                let (Some(&predecessor), Some(&successor)) = (task_ids.get(&l.predecessor), task_ids.get(&l.successor))
                else {
                    continue;
                };
                gantry_store::insert_link(db, project_id, &Link { predecessor, successor, ..*l })?;
            }
            let (member_ids, joined) = join_team(db, &people, &calendar_ids)?;
            // Rates from a day on, for people new to the team.
            for r in rate_changes.iter().filter(|r| joined.contains(&r.member_id)) {
                gantry_store::set_rate_change(db, &RateChange { member_id: member_ids[&r.member_id], ..*r })?;
            }
            let joined = joined.len() as i64;
            let mut assigned = 0;
            for a in &plan.assignments {
                if let (Some(&task_id), Some(&member_id)) = (task_ids.get(&a.task_id), member_ids.get(&a.member_id)) {
                    let units_percent = a.units_percent.clamp(1, gantry_core::team::MAX_UNITS);
                    let work_minutes = a.work_minutes.clamp(0, validate::MAX_MINUTES);
                    gantry_store::assign(db, &Assignment { task_id, member_id, units_percent, work_minutes })?;
                    assigned += 1;
                }
            }
            for &(uid, amount, accrual) in &fixed {
                if let Some(&task_id) = task_ids.get(&uid) {
                    gantry_store::set_fixed_cost(db, &gantry_core::budget::FixedCost { task_id, amount, accrual })?;
                }
            }
            let mut resource_ids = HashMap::new();
            for r in &resources {
                let id = gantry_store::insert_cost_resource(
                    db,
                    &gantry_core::budget::CostResource { project_id, ..r.clone() },
                )?;
                resource_ids.insert(r.id, id);
            }
            for u in &uses {
                if let (Some(&task_id), Some(&resource_id)) =
                    (task_ids.get(&u.task_id), resource_ids.get(&u.resource_id))
                {
                    gantry_store::set_resource_use(
                        db,
                        &gantry_core::budget::ResourceUse { task_id, resource_id, ..*u },
                    )?;
                }
            }
            let base: Vec<_> = base_rows.iter().filter_map(|r| Some((task_ids.get(&r.0).copied()?, r))).collect();
            if !base.is_empty() {
                let b = Baseline { id: 0, project_id, name: "Baseline (from MS Project)".into(), saved_at: now };
                let dates: Vec<BaselineTask> =
                    base.iter().map(|(id, r)| BaselineTask { task_id: *id, ..r.1 }).collect();
                let id = gantry_store::insert_baseline(db, &b, &dates)?;
                let money: Vec<(TaskId, i64, i64)> = base.iter().map(|(id, r)| (*id, r.2, r.3)).collect();
                gantry_store::insert_baseline_costs(db, id, &money)?;
            }
            if let Some((headers, mapping)) = &csv_mapping {
                gantry_store::save_csv_mapping(db, headers, mapping)?;
            }
            for (name, rows) in &plan.baselines {
                let dates: Vec<BaselineTask> = rows
                    .iter()
                    .filter(|r| plausible(r.start) && plausible(r.finish))
                    .filter_map(|r| Some(BaselineTask { task_id: *task_ids.get(&r.task_id)?, ..*r }))
                    .collect();
                let name = validate::cleaned_name(name).unwrap_or_else(|| "Baseline".to_owned());
                let b = Baseline { id: 0, project_id, name, saved_at: now };
                gantry_store::insert_baseline(db, &b, &dates)?;
            }
            Ok((project_id, tasks.len(), links.len(), joined, assigned))
        })?;
        Ok(Imported {
            project_id,
            name,
            tasks: task_count as i64,
            links: link_count as i64,
            people: joined,
            assignments: assigned,
            updated: 0,
            existing: false,
            warnings,
        })
    }
}

/// A name from the file as Gantry keeps it (`validate::cleaned_name`), with
/// a warning naming `shown` when cleaning changed it; `None` when nothing
/// is left.
fn cleaned_name(raw: &str, shown: &str, warnings: &mut Vec<String>) -> Option<String> {
    let clean = validate::cleaned_name(raw)?;
    if clean != raw.trim() {
        warnings.push(format!("The name of {shown} was shortened or had control characters removed: “{clean}”."));
    }
    Some(clean)
}

/// The file's people as team members: names cleaned as task names are, an
/// e-mail address or rate that is no such thing left out, each with a
/// warning. Keeps the file's resource UIDs as ids.
fn cleaned_people(people: &[TeamMember], warnings: &mut Vec<String>) -> Vec<TeamMember> {
    people
        .iter()
        .map(|p| {
            let name = cleaned_name(&p.name, &format!("resource {}", p.id), warnings)
                .unwrap_or_else(|| format!("Resource {}", p.id));
            let email = validate::email("email", &p.email).unwrap_or_else(|_| {
                warnings.push(format!("The e-mail address of “{name}” is not one and was left out."));
                String::new()
            });
            let mut rate = |what: &str, value: i64| {
                gantry_core::team::rate("rate", value).unwrap_or_else(|_| {
                    warnings.push(format!("The {what} of “{name}” is not an amount and was left out."));
                    0
                })
            };
            let (standard_rate, overtime_rate, cost_per_use) = (
                rate("standard rate", p.standard_rate),
                rate("overtime rate", p.overtime_rate),
                rate("cost per use", p.cost_per_use),
            );
            let role = validate::cleaned_name(&p.role).unwrap_or_default();
            TeamMember {
                name,
                role,
                email,
                standard_rate,
                overtime_rate,
                cost_per_use,
                skills: Vec::new(),
                capacity_percent: p.capacity_percent.clamp(1, gantry_core::team::MAX_UNITS),
                ..*p
            }
        })
        .collect()
}

/// No money: what a file that carries none gives.
fn no_costs() -> gantry_interop::costs::PlanCosts {
    gantry_interop::costs::PlanCosts {
        currency: "EUR".into(),
        status_date: None,
        tasks: Vec::new(),
        project: gantry_core::cost::EarnedValue { bac: 0, pv: 0, ev: 0, ac: 0 },
        accruals: HashMap::new(),
        baseline: HashMap::new(),
        resources: Vec::new(),
        uses: Vec::new(),
        rate_changes: HashMap::new(),
    }
}

/// The file's people on the portfolio's team: each joins it unless someone
/// of the same name is on it already (a second plan of the same team does
/// not list everyone twice, and nobody's details are overwritten). Gives
/// each file id its member id, and the file ids of those who joined.
pub(crate) fn join_team(
    db: &gantry_store::Db,
    people: &[TeamMember],
    calendar_ids: &HashMap<CalendarId, CalendarId>,
) -> gantry_store::Result<(HashMap<MemberId, MemberId>, std::collections::HashSet<MemberId>)> {
    let mut team: HashMap<String, MemberId> =
        gantry_store::team(db)?.into_iter().map(|m| (m.name.to_lowercase(), m.id)).collect();
    let (mut member_ids, mut joined) = (HashMap::new(), std::collections::HashSet::new());
    for p in people {
        let key = p.name.to_lowercase();
        let id = match team.get(&key) {
            Some(&id) => id,
            None => {
                joined.insert(p.id);
                let calendar_id = p.calendar_id.and_then(|c| calendar_ids.get(&c).copied());
                let id = gantry_store::insert_member(db, &TeamMember { calendar_id, ..p.clone() })?;
                team.insert(key, id);
                id
            }
        };
        member_ids.insert(p.id, id);
    }
    Ok((member_ids, joined))
}
