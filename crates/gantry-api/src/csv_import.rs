//! CSV files from Jira, Azure DevOps, Trello and spreadsheets: their
//! columns mapped to a plan's fields, the mapping kept for the next file
//! with the same headers, and a second import of the same issues (found by
//! their keys) updating the project the first one made.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use gantry_core::model::*;
use gantry_core::schedule;
use gantry_interop::mspdi::Plan;
use gantry_interop::tabular::{self, DurationUnit, Field, Mapping};
use gantry_store::SnapshotReason;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::validation;
use crate::import::Checked;
use crate::wire::Imported;
use crate::{Error, Portfolio, Result, circle};

/// How the columns of a CSV file are read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvColumns {
    /// Each field with the header of the column that holds it.
    pub fields: Vec<ColumnChoice>,
    /// A date format (`%d/%m/%Y` …); empty for the one detected.
    pub date_format: String,
    /// "seconds", "minutes", "hours" or "days": numbers in the duration
    /// column without a unit of their own.
    pub duration_unit: String,
    /// ",", ";", "\t" or "|"; empty for the one detected.
    pub separator: String,
}

/// One column mapped to a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnChoice {
    /// A field's code: "key", "name", "parent", "start" …
    pub field: String,
    /// The header of its column.
    pub column: String,
}

/// A field a column can be mapped to.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldChoice {
    pub code: String,
    pub label: String,
}

/// A CSV file as read, for the import dialog.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvPreview {
    pub encoding: String,
    pub separator: String,
    pub headers: Vec<String>,
    /// The first rows, as the file has them.
    pub rows: Vec<Vec<String>>,
    pub row_count: i64,
    /// The mapping used: the one given, kept from last time, or guessed.
    pub columns: CsvColumns,
    /// The mapping is the one kept from the last file with these headers.
    pub kept: bool,
    /// The date formats every date of the file fits, best first.
    pub date_formats: Vec<String>,
    pub date_format: String,
    pub fields: Vec<FieldChoice>,
    pub units: Vec<String>,
}

/// A CSV file read into a plan, with what the import keeps of it.
#[derive(Debug, Clone)]
pub(crate) struct CsvRead {
    pub preview: CsvPreview,
    /// The file's headers, as the key its mapping is kept under.
    pub signature: String,
    /// The mapping, as kept.
    pub kept: String,
    pub mapped: HashSet<Field>,
}

/// How many rows the dialog shows.
const PREVIEW_ROWS: usize = 5;

fn separator(text: &str) -> Result<Option<char>> {
    match text {
        "" => Ok(None),
        "," | ";" | "|" => Ok(text.chars().next()),
        "\t" | "tab" => Ok(Some('\t')),
        _ => Err(validation("separator", "The separator is a comma, a semicolon, a tab or a bar.")),
    }
}

fn mapping_of(columns: &CsvColumns) -> Result<Mapping> {
    let mut fields = Vec::new();
    for c in &columns.fields {
        let field = Field::from_code(&c.field)
            .ok_or_else(|| validation("fields", &format!("“{}” is not a field Gantry reads.", c.field)))?;
        if !c.column.trim().is_empty() {
            fields.push((field, c.column.trim().to_owned()));
        }
    }
    let duration_unit = match columns.duration_unit.as_str() {
        "" => DurationUnit::Days,
        unit => DurationUnit::from_code(unit)
            .ok_or_else(|| validation("durationUnit", "Durations are in seconds, minutes, hours or days."))?,
    };
    let date_format = Some(columns.date_format.trim().to_owned()).filter(|f| !f.is_empty());
    if let Some(f) = &date_format
        && !f.contains('%')
    {
        return Err(validation("dateFormat", "A date format is written like %d/%m/%Y."));
    }
    Ok(Mapping { columns: fields, date_format, duration_unit })
}

fn columns_of(mapping: &Mapping, separator: &str) -> CsvColumns {
    CsvColumns {
        fields: mapping
            .columns
            .iter()
            .map(|(f, h)| ColumnChoice { field: f.code().to_owned(), column: h.clone() })
            .collect(),
        date_format: mapping.date_format.clone().unwrap_or_default(),
        duration_unit: mapping.duration_unit.code().to_owned(),
        separator: separator.to_owned(),
    }
}

/// The name of a project made from `file_name`: the name without its
/// extension.
fn stem(file_name: &str) -> &str {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    base.rsplit_once('.').map_or(base, |(s, _)| s)
}

impl Portfolio {
    /// Reads a CSV file by `columns`, or by the mapping kept for its
    /// headers, or the one they suggest.
    pub(crate) fn read_csv(
        &self,
        bytes: &[u8],
        file_name: &str,
        columns: Option<&CsvColumns>,
        today: NaiveDate,
    ) -> Result<(Result<Plan>, CsvRead)> {
        let forced = columns.map(|c| separator(&c.separator)).transpose()?.flatten();
        let table = tabular::read_table(bytes, forced)?;
        let signature = table.headers.iter().map(|h| h.to_lowercase()).collect::<Vec<_>>().join("\u{1f}");
        let saved = gantry_store::csv_mapping(self.store.db(), &signature)?
            .and_then(|text| serde_json::from_str::<CsvColumns>(&text).ok())
            .and_then(|c| mapping_of(&c).ok());
        let (mut mapping, kept) = match columns {
            Some(c) if !c.fields.is_empty() => (mapping_of(c)?, false),
            _ => match saved {
                Some(m) => (m, true),
                None => (tabular::guess(&table), false),
            },
        };
        // A date format or unit given without columns applies to the
        // kept or suggested ones.
        if let Some(c) = columns.filter(|c| c.fields.is_empty()) {
            let given = mapping_of(c)?;
            if given.date_format.is_some() {
                mapping.date_format = given.date_format;
            }
            if !c.duration_unit.is_empty() {
                mapping.duration_unit = given.duration_unit;
            }
        }
        let plan = tabular::to_plan(&table, &mapping, stem(file_name), today).map_err(Error::from);
        let date_formats: Vec<String> =
            tabular::date_formats(&table, &mapping).into_iter().map(str::to_owned).collect();
        let date_format = mapping.date_format.clone().or_else(|| date_formats.first().cloned()).unwrap_or_default();
        let sep = match table.separator {
            '\t' => "\t".to_owned(),
            c => c.to_string(),
        };
        let used = columns_of(&mapping, "");
        let read = CsvRead {
            preview: CsvPreview {
                encoding: table.encoding.to_owned(),
                separator: sep,
                headers: table.headers.clone(),
                rows: table.rows.iter().take(PREVIEW_ROWS).cloned().collect(),
                row_count: table.rows.len() as i64,
                columns: used.clone(),
                kept,
                date_formats,
                date_format,
                fields: Field::ALL
                    .iter()
                    .map(|f| FieldChoice { code: f.code().to_owned(), label: f.label().to_owned() })
                    .collect(),
                units: DurationUnit::ALL.iter().map(|u| u.code().to_owned()).collect(),
            },
            signature,
            kept: serde_json::to_string(&used).unwrap_or_default(),
            mapped: mapping.columns.iter().map(|(f, _)| *f).collect(),
        };
        Ok((plan, read))
    }

    /// The project an earlier import of these keys made, and how many of
    /// them it holds.
    pub(crate) fn keyed_target(&self, plan: &Plan) -> Result<Option<(ProjectId, i64)>> {
        let keys: Vec<&str> = plan.keys.values().map(String::as_str).collect();
        if keys.is_empty() {
            return Ok(None);
        }
        Ok(gantry_store::projects_holding_keys(self.store.db(), &keys)?.into_iter().next())
    }

    /// Brings `project` up to date with a CSV file an earlier import of
    /// which made it: tasks found by their key take the file's name,
    /// duration, dates, status and priority (as far as the file maps
    /// them); new keys become new tasks; tasks no longer in the file stay.
    /// Checked whole first (a circle of links through old and new tasks is
    /// refused); one undo step, after a snapshot.
    pub(crate) fn update_from_csv(
        &mut self,
        project: ProjectId,
        checked: Checked,
        csv: &CsvRead,
        now: NaiveDateTime,
    ) -> Result<Imported> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let existing: HashMap<TaskId, Task> =
            gantry_store::tasks(db, project)?.into_iter().map(|t| (t.id, t)).collect();
        let old_links = gantry_store::links(db, project)?;
        let mut old_labels: HashMap<TaskId, Vec<String>> = HashMap::new();
        for (task, label) in gantry_store::labels(db, project)? {
            old_labels.entry(task).or_default().push(label);
        }
        let by_key: HashMap<String, TaskId> =
            gantry_store::task_keys(db, project)?.into_iter().map(|(k, id)| (k.to_lowercase(), id)).collect();
        let keys = &checked.plan.keys;
        let matched: HashMap<TaskId, TaskId> =
            checked.tasks.iter().filter_map(|t| Some((t.id, *by_key.get(&keys.get(&t.id)?.to_lowercase())?))).collect();
        // New tasks stand in with negative ids until they are written.
        let as_db = |row: TaskId| matched.get(&row).copied().unwrap_or(-row);
        let mut all_tasks: Vec<Task> = existing.values().cloned().collect();
        all_tasks.extend(
            checked.tasks.iter().filter(|t| !matched.contains_key(&t.id)).map(|t| Task { id: -t.id, ..t.clone() }),
        );
        let pairs: HashSet<(TaskId, TaskId)> = old_links.iter().map(|l| (l.predecessor, l.successor)).collect();
        // Predecessors the file names by a key only the project holds.
        let mut warnings = checked.warnings.clone();
        let mut outside = Vec::new();
        for (row, token) in &checked.plan.unresolved {
            if let Some(&id) = by_key.get(&token.to_lowercase()) {
                warnings.retain(|w| *w != tabular::missing_predecessor(*row, token));
                outside.push(Link {
                    id: 0,
                    predecessor: id,
                    successor: *row,
                    kind: LinkKind::FinishToStart,
                    lag_minutes: 0,
                    lag_elapsed: false,
                });
            }
        }
        let new_links: Vec<Link> = checked
            .links
            .iter()
            .map(|l| Link { predecessor: as_db(l.predecessor), successor: as_db(l.successor), ..*l })
            .chain(outside.iter().map(|l| Link { successor: as_db(l.successor), ..*l }))
            .filter(|l| !pairs.contains(&(l.predecessor, l.successor)))
            .collect();
        let all_links: Vec<Link> = old_links.iter().chain(&new_links).copied().collect();
        if let Some(cycle) = schedule::find_cycle(&all_tasks, &all_links) {
            return Err(Error::Cycle {
                message: format!(
                    "The file was not imported: with the links “{}” has already, its links make a circle, {}.",
                    p.name,
                    circle(&all_tasks, &cycle)
                ),
            });
        }
        let in_file: HashSet<TaskId> = matched.values().copied().collect();
        let left = by_key.values().filter(|id| !in_file.contains(id)).count();
        if left > 0 {
            warnings.push(format!(
                "{left} tasks of “{}” from an earlier import are not in this file and were left as they are.",
                p.name
            ));
        }
        let has = |f: Field| csv.mapped.contains(&f);
        let mut position = existing.values().map(|t| t.position).max().unwrap_or(0);
        let (signature, kept) = (csv.signature.clone(), csv.kept.clone());

        self.store.snapshot(SnapshotReason::BeforeImport, now)?;
        let label = format!("Update “{}” from a CSV file", p.name);
        let (added, updated, linked, joined, assigned) = self.store.write(&label, |db| {
            let mut ids: HashMap<TaskId, TaskId> = matched.clone();
            let (mut added, mut updated) = (0, 0);
            for t in &checked.tasks {
                let parent = t.parent_id.and_then(|r| ids.get(&r).copied());
                if let Some(&id) = matched.get(&t.id) {
                    let old = &existing[&id];
                    let mut row = old.clone();
                    row.name = t.name.clone();
                    if !t.notes.is_empty() {
                        row.notes = t.notes.clone();
                    }
                    if t.kind == TaskKind::Summary {
                        row.kind = TaskKind::Summary;
                        row.duration_minutes = 0;
                    } else if old.kind != TaskKind::Summary {
                        if !t.estimated {
                            row.kind = t.kind;
                            row.duration_minutes = t.duration_minutes;
                            row.estimated = false;
                        }
                        if !old.manual && (has(Field::Start) || has(Field::Finish)) {
                            row.constraint = t.constraint;
                        }
                    }
                    if has(Field::Status) || has(Field::Progress) {
                        row.board_status = t.board_status;
                        row.percent_complete = if t.board_status == BoardStatus::Done || has(Field::Progress) {
                            t.percent_complete
                        } else if old.percent_complete == 100 {
                            0
                        } else {
                            old.percent_complete
                        };
                    }
                    if has(Field::Priority) {
                        row.priority = t.priority;
                    }
                    if parent.is_some() {
                        row.parent_id = parent;
                    }
                    let labels = checked.labels.get(&t.id).map_or(&[][..], Vec::as_slice);
                    let relabel = has(Field::Labels) && old_labels.get(&id).map_or(&[][..], Vec::as_slice) != labels;
                    if relabel {
                        gantry_store::set_labels(db, id, labels)?;
                    }
                    if row != *old {
                        gantry_store::update_task(db, &row)?;
                    }
                    if row != *old || relabel {
                        updated += 1;
                    }
                } else {
                    position += 1;
                    let row = Task { id: 0, project_id: project, parent_id: parent, position, ..t.clone() };
                    let id = gantry_store::insert_task(db, &row)?;
                    if let Some(key) = keys.get(&t.id) {
                        gantry_store::set_task_key(db, id, key)?;
                    }
                    if let Some(labels) = checked.labels.get(&t.id) {
                        gantry_store::set_labels(db, id, labels)?;
                    }
                    ids.insert(t.id, id);
                    added += 1;
                }
            }
            let mut linked = 0;
            let from_file = checked.links.iter().map(|l| (ids.get(&l.predecessor).copied(), l));
            let from_project = outside.iter().map(|l| (Some(l.predecessor), l));
            for (predecessor, l) in from_file.chain(from_project) {
                let (Some(predecessor), Some(&successor)) = (predecessor, ids.get(&l.successor)) else {
                    continue;
                };
                if !pairs.contains(&(predecessor, successor)) {
                    gantry_store::insert_link(db, project, &Link { predecessor, successor, ..*l })?;
                    linked += 1;
                }
            }
            let (members, joined) = crate::import::join_team(db, &checked.people, &HashMap::new())?;
            let joined = joined.len() as i64;
            let mut assigned = 0;
            for a in &checked.plan.assignments {
                let (Some(&task_id), Some(&member_id)) = (ids.get(&a.task_id), members.get(&a.member_id)) else {
                    continue;
                };
                if gantry_store::task_assignments(db, task_id)?.iter().all(|x| x.member_id != member_id) {
                    let work_minutes = a.work_minutes.clamp(0, gantry_core::validate::MAX_MINUTES);
                    gantry_store::assign(db, &Assignment { task_id, member_id, work_minutes, ..*a })?;
                    assigned += 1;
                }
            }
            gantry_store::save_csv_mapping(db, &signature, &kept)?;
            Ok((added, updated, linked, joined, assigned))
        })?;
        if added == 0 && updated == 0 && linked == 0 && assigned == 0 {
            warnings.push(format!("“{}” was already up to date with the file.", p.name));
        }
        Ok(Imported {
            project_id: project,
            name: p.name,
            tasks: added,
            links: linked,
            people: joined,
            assignments: assigned,
            updated,
            existing: true,
            warnings,
        })
    }
}
