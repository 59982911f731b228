//! CSV files from Jira, Azure DevOps, Trello and spreadsheets, into the
//! same [`Plan`] the MS Project reader gives.
//!
//! A CSV file says nothing of its encoding, separator or date format, so
//! each is found out and reported, and can be chosen: the encoding from a
//! byte-order mark (UTF-8, UTF-16 LE or BE), else UTF-8 when the bytes are
//! valid UTF-8, else Windows-1252 (what Excel writes on Windows); the
//! separator from the first lines (comma, semicolon, tab or bar); dates
//! from the formats every value of the date columns fits.
//!
//! Columns are mapped to fields by their header ([`Mapping`]); a header
//! that appears several times (Jira writes `Labels` and `Sprint` once per
//! value) maps all its columns. A row's key (Jira's issue key) is kept, so
//! that the next import of the same export updates the tasks it made.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use gantry_core::calendar::WorkCalendar;
use gantry_core::model::*;

use crate::mspdi::{Computed, Plan};
use crate::{ImportError, Result};

/// The most columns a CSV file may have.
pub const MAX_COLUMNS: usize = 1_000;
/// The most rows a CSV file may have.
pub const MAX_ROWS: usize = 100_000;
const DAY: i64 = 480;

/// A CSV file's cells, and how they were read.
#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" or "Windows-1252".
    pub encoding: &'static str,
    pub separator: char,
}

/// The characters of `bytes` and the encoding they were read in.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let utf16 = |bytes: &[u8], little: bool| -> String {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| if little { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => (String::from_utf8_lossy(rest).into_owned(), "UTF-8 with BOM"),
        [0xFF, 0xFE, rest @ ..] => (utf16(rest, true), "UTF-16LE"),
        [0xFE, 0xFF, rest @ ..] => (utf16(rest, false), "UTF-16BE"),
        _ => {
            // UTF-16 without a mark: text of ASCII letters has a zero in
            // every other byte.
            let head = &bytes[..bytes.len().min(512) & !1];
            let zeros = |odd: usize| head.iter().skip(odd).step_by(2).filter(|b| **b == 0).count();
            if head.len() >= 4 && zeros(1) * 2 > head.len() / 2 && zeros(0) == 0 {
                return (utf16(bytes, true), "UTF-16LE");
            }
            if head.len() >= 4 && zeros(0) * 2 > head.len() / 2 && zeros(1) == 0 {
                return (utf16(bytes, false), "UTF-16BE");
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => (text.to_owned(), "UTF-8"),
                Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), "Windows-1252"),
            }
        }
    }
}

/// One byte of Windows-1252: Latin-1, but for the printable characters it
/// puts in 0x80–0x9F (€, quotes, dashes …).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The separator the first lines of `text` are written with.
fn separator(text: &str) -> char {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let mut best = (',', 0usize);
    for sep in [',', ';', '\t', '|'] {
        let counts: Vec<usize> = lines.iter().map(|l| outside_quotes(l, sep)).collect();
        let Some(&first) = counts.first() else { continue };
        // A separator that splits the header, and each line no less.
        let steady = counts.iter().filter(|&&c| c == first).count();
        let score = if first == 0 { 0 } else { first * steady };
        if score > best.1 {
            best = (sep, score);
        }
    }
    best.0
}

fn outside_quotes(line: &str, sep: char) -> usize {
    let mut quoted = false;
    line.chars()
        .filter(|&c| {
            if c == '"' {
                quoted = !quoted;
            }
            c == sep && !quoted
        })
        .count()
}

/// Reads a CSV file: its first non-empty row is the header. `separator`
/// forces one; otherwise it is found from the first lines.
pub fn read_table(bytes: &[u8], separator_choice: Option<char>) -> Result<Table> {
    if bytes.len() > crate::xml::MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len(), limit: crate::xml::MAX_BYTES });
    }
    let (text, encoding) = decode(bytes);
    if text.contains('\0') {
        return Err(ImportError::WrongFormat("it holds binary data, not text".into()));
    }
    let sep = separator_choice.unwrap_or_else(|| separator(&text));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(u8::try_from(sep).unwrap_or(b','))
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Malformed(format!("the CSV cannot be read ({e})")))?;
        if record.len() > MAX_COLUMNS {
            return Err(ImportError::Refused(format!(
                "a row has {} columns; Gantry reads files of up to {MAX_COLUMNS}",
                record.len()
            )));
        }
        let cells: Vec<String> = record.iter().map(|c| c.trim().replace("\r\n", "\n")).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match headers {
            None => headers = Some(cells),
            Some(_) => {
                if rows.len() == MAX_ROWS {
                    return Err(ImportError::Refused(format!("it has more than {MAX_ROWS} rows")));
                }
                rows.push(cells);
            }
        }
    }
    let headers = headers.ok_or_else(|| ImportError::WrongFormat("the file is empty".into()))?;
    if headers.len() < 2 && rows.is_empty() {
        return Err(ImportError::WrongFormat("it has no header row with columns".into()));
    }
    Ok(Table { headers, rows, encoding, separator: sep })
}

macro_rules! fields {
    ($($variant:ident => $code:literal, $label:literal, [$($header:literal),*];)+) => {
        /// What a column of a CSV file holds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field { $($variant,)+ }

        impl Field {
            pub const ALL: &[Field] = &[$(Field::$variant,)+];
            pub fn code(self) -> &'static str { match self { $(Field::$variant => $code,)+ } }
            pub fn label(self) -> &'static str { match self { $(Field::$variant => $label,)+ } }
            pub fn from_code(code: &str) -> Option<Field> {
                match code { $($code => Some(Field::$variant),)+ _ => None }
            }
            /// Headers that other tools write for this field, lower case.
            fn headers(self) -> &'static [&'static str] { match self { $(Field::$variant => &[$($header),*],)+ } }
        }
    };
}

fields! {
    Key => "key", "Key (kept for the next import)", ["issue key", "key", "id", "card id", "task id", "work item id"];
    Id => "id", "Other identifier (for parents)", ["issue id"];
    Name => "name", "Name", ["summary", "title", "name", "task name", "card name", "task"];
    Kind => "type", "Type (epic, milestone …)", ["issue type", "work item type", "type"];
    Parent => "parent", "Parent or epic", ["parent", "parent id", "parent key", "epic link", "custom field (epic link)", "parent summary", "epic"];
    Start => "start", "Start", ["start", "start date", "planned start", "begin", "custom field (start date)", "start time"];
    Finish => "finish", "Finish or due date", ["finish", "finish date", "end", "end date", "due date", "due", "target date", "custom field (target end)"];
    Duration => "duration", "Duration or estimate", ["duration", "original estimate", "original estimate (hours)", "estimate", "time estimate", "story points estimate", "work"];
    Assignee => "assignee", "Assignee", ["assignee", "assigned to", "resource names", "resources", "members", "owner"];
    Status => "status", "Status", ["status", "state", "list name", "list"];
    Priority => "priority", "Priority", ["priority"];
    Labels => "labels", "Labels", ["labels", "label", "tags"];
    Sprint => "sprint", "Sprint", ["sprint", "iteration path", "iteration"];
    Predecessors => "predecessors", "Predecessors (blocked by)", ["predecessors", "depends on", "blocked by", "inward issue link (blocks)"];
    Notes => "notes", "Notes or description", ["description", "notes", "note"];
    Progress => "progress", "% complete", ["% complete", "percent complete", "progress", "% done"];
}

/// The unit of numbers in the duration column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
}

impl DurationUnit {
    pub const ALL: &[DurationUnit] =
        &[DurationUnit::Seconds, DurationUnit::Minutes, DurationUnit::Hours, DurationUnit::Days];

    pub fn code(self) -> &'static str {
        match self {
            DurationUnit::Seconds => "seconds",
            DurationUnit::Minutes => "minutes",
            DurationUnit::Hours => "hours",
            DurationUnit::Days => "days",
        }
    }

    pub fn from_code(code: &str) -> Option<DurationUnit> {
        DurationUnit::ALL.iter().copied().find(|u| u.code() == code)
    }

    fn minutes(self, value: f64) -> f64 {
        match self {
            DurationUnit::Seconds => value / 60.0,
            DurationUnit::Minutes => value,
            DurationUnit::Hours => value * 60.0,
            DurationUnit::Days => value * DAY as f64,
        }
    }
}

/// Which columns, by header, hold which field, and how to read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// Each field with the header of its column; one header names all the
    /// columns that carry it.
    pub columns: Vec<(Field, String)>,
    /// A chrono format, or `None` to use the one detected.
    pub date_format: Option<String>,
    pub duration_unit: DurationUnit,
}

/// The mapping other tools' headers suggest: each field to the first
/// header that names it, a header used once.
pub fn guess(table: &Table) -> Mapping {
    let mut columns: Vec<(Field, String)> = Vec::new();
    let mut used = HashSet::new();
    for &field in Field::ALL {
        let found = field.headers().iter().find_map(|known| {
            table.headers.iter().find(|h| h.to_lowercase() == *known && !used.contains(&h.to_lowercase()))
        });
        if let Some(h) = found {
            used.insert(h.to_lowercase());
            columns.push((field, h.clone()));
        }
    }
    let duration_unit = columns
        .iter()
        .find(|(f, _)| *f == Field::Duration)
        .map_or(DurationUnit::Days, |(_, h)| duration_unit_of(table, h));
    Mapping { columns, date_format: None, duration_unit }
}

/// The unit a duration column is in: Jira's estimates are seconds (whole
/// quarter hours), "(hours)" in the header says hours, "work" and
/// "estimate" columns are hours otherwise, a plain duration days.
fn duration_unit_of(table: &Table, header: &str) -> DurationUnit {
    let lower = header.to_lowercase();
    let values: Vec<f64> = cells(table, header, &table.rows).flatten().filter_map(|v| v.parse().ok()).collect();
    if !values.is_empty() && values.iter().all(|v| v % 900.0 == 0.0) && values.iter().any(|v| *v >= 3600.0) {
        DurationUnit::Seconds
    } else if lower.contains("hour") || lower.contains("estimate") || lower == "work" {
        DurationUnit::Hours
    } else {
        DurationUnit::Days
    }
}

/// The values of every column named `header`, row by row.
fn cells<'a>(table: &'a Table, header: &'a str, rows: &'a [Vec<String>]) -> impl Iterator<Item = Vec<&'a str>> + 'a {
    let at: Vec<usize> =
        table.headers.iter().enumerate().filter(|(_, h)| h.eq_ignore_ascii_case(header)).map(|(i, _)| i).collect();
    rows.iter()
        .map(move |r| at.iter().filter_map(|&i| r.get(i)).map(String::as_str).filter(|v| !v.is_empty()).collect())
}

/// Date formats Gantry recognises, with and without a time of day.
pub const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d",
    "%d/%b/%y %I:%M %p",
    "%d/%b/%y",
    "%d/%b/%Y",
    "%d-%b-%Y",
    "%d %b %Y",
    "%b %d, %Y",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%d-%m-%Y",
    "%d/%m/%y",
    "%m/%d/%y",
];

/// A date in `format`; a time zone or fraction of a second at the end of
/// an ISO value is dropped (the plan keeps local times).
pub fn parse_date(value: &str, format: &str) -> Option<NaiveDateTime> {
    let mut v = value.trim();
    if format.contains("%dT") || format.starts_with("%Y-%m-%d ") {
        v = v.trim_end_matches('Z');
        if let Some(i) = v.rfind(['+', '-']).filter(|&i| i > 10) {
            v = &v[..i];
        }
        if let Some(i) = v.find('.').filter(|&i| i > 10) {
            v = &v[..i];
        }
    }
    let at = if format.contains("%H") || format.contains("%I") {
        NaiveDateTime::parse_from_str(v, format).ok()?
    } else {
        NaiveDate::parse_from_str(v, format).ok()?.and_time(NaiveTime::MIN)
    };
    gantry_core::validate::YEARS.contains(&chrono::Datelike::year(&at)).then_some(at)
}

/// The formats that read every value of the date columns, best first
/// (when day/month and month/day both fit, day first, as most of the
/// world writes).
pub fn date_formats(table: &Table, mapping: &Mapping) -> Vec<&'static str> {
    formats_of(table, mapping, &[Field::Start, Field::Finish])
}

/// The formats that read every value of the columns of `fields`.
fn formats_of(table: &Table, mapping: &Mapping, fields: &[Field]) -> Vec<&'static str> {
    let values: Vec<&str> = mapping
        .columns
        .iter()
        .filter(|(f, _)| fields.contains(f))
        .flat_map(|(_, h)| cells(table, h, &table.rows).flatten())
        .collect();
    if values.is_empty() {
        return Vec::new();
    }
    DATE_FORMATS.iter().copied().filter(|f| values.iter().all(|v| parse_date(v, f).is_some())).collect()
}

/// What a row's status says of its progress.
fn status(value: &str) -> (BoardStatus, u8) {
    let v = value.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| v.contains(w));
    if has(&["done", "closed", "resolved", "complete", "finished", "released"]) {
        (BoardStatus::Done, 100)
    } else if has(&["review", "test", "qa", "verif"]) {
        (BoardStatus::Review, 0)
    } else if has(&["progress", "doing", "active", "develop", "started"]) {
        (BoardStatus::InProgress, 0)
    } else if has(&["to do", "todo", "selected", "ready", "new", "open"]) {
        (BoardStatus::Todo, 0)
    } else {
        (BoardStatus::Backlog, 0)
    }
}

fn priority(value: &str) -> Priority {
    match value.to_lowercase().trim() {
        "highest" | "blocker" | "critical" | "urgent" | "1" | "p1" => Priority::Urgent,
        "high" | "major" | "2" | "p2" => Priority::High,
        "low" | "lowest" | "minor" | "trivial" | "4" | "5" | "p4" | "p5" => Priority::Low,
        _ => Priority::Medium,
    }
}

/// A duration cell: a number in `unit`, or a number with its own unit
/// (`3d`, `4 h`, `2 days`, `1w`, `30m`).
fn duration(value: &str, unit: DurationUnit) -> Option<i64> {
    let v = value.trim().to_lowercase().replace(',', ".");
    let split = v.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(v.len());
    let (number, suffix) = v.split_at(split);
    let number: f64 = number.parse().ok().filter(|n: &f64| n.is_finite())?;
    let minutes = match suffix.trim().trim_end_matches('?') {
        "" => unit.minutes(number),
        "s" | "sec" | "secs" | "seconds" => number / 60.0,
        "m" | "min" | "mins" | "minutes" => number,
        "h" | "hr" | "hrs" | "hour" | "hours" => number * 60.0,
        "d" | "day" | "days" => number * DAY as f64,
        "w" | "wk" | "wks" | "week" | "weeks" => number * DAY as f64 * 5.0,
        _ => return None,
    };
    (minutes <= gantry_core::validate::MAX_MINUTES as f64).then(|| minutes.round() as i64)
}

/// Turns `table` into a plan named `name`, by `mapping`; `today` starts a
/// plan whose rows give no dates.
pub fn to_plan(table: &Table, mapping: &Mapping, name: &str, today: NaiveDate) -> Result<Plan> {
    let has = |field: Field| mapping.columns.iter().any(|(f, _)| *f == field);
    if table.rows.is_empty() {
        return Err(ImportError::Refused("it has no rows under its header".into()));
    }
    if !has(Field::Name) {
        return Err(ImportError::Refused("no column is mapped to the task's name".into()));
    }
    for (_, header) in &mapping.columns {
        if !table.headers.iter().any(|h| h.eq_ignore_ascii_case(header)) {
            return Err(ImportError::Refused(format!("the file has no column “{header}”")));
        }
    }
    // Every field's values per row: the cells of all its columns.
    let mut values: HashMap<Field, Vec<Vec<&str>>> = HashMap::new();
    for (field, header) in &mapping.columns {
        let per_row: Vec<Vec<&str>> = cells(table, header, &table.rows).collect();
        match values.get_mut(field) {
            Some(rows) => rows.iter_mut().zip(per_row).for_each(|(a, b)| a.extend(b)),
            None => {
                values.insert(*field, per_row);
            }
        }
    }
    let one = |field: Field, row: usize| values.get(&field).and_then(|v| v[row].first().copied()).unwrap_or("");
    let all = |field: Field, row: usize| values.get(&field).map(|v| v[row].clone()).unwrap_or_default();
    // The format chosen, else one that fits both date columns, else each
    // column's own (Jira writes a start day and a due time of day).
    let detected = date_formats(table, mapping);
    let format_of = |field: Field| -> String {
        match &mapping.date_format {
            Some(f) if !f.trim().is_empty() => f.clone(),
            _ => detected
                .first()
                .copied()
                .or_else(|| formats_of(table, mapping, &[field]).first().copied())
                .unwrap_or("%Y-%m-%d")
                .to_owned(),
        }
    };
    let formats = [(Field::Start, format_of(Field::Start)), (Field::Finish, format_of(Field::Finish))];
    let mut warnings = Vec::new();
    let calendar = WorkCalendar::standard(1, "Standard");
    let ids: Vec<TaskId> = (1..=table.rows.len() as i64).collect();

    // Keys, other identifiers and names, to find parents and predecessors.
    let mut keys: HashMap<TaskId, String> = HashMap::new();
    let mut by_key: HashMap<String, TaskId> = HashMap::new();
    for (row, &id) in ids.iter().enumerate() {
        let key = one(Field::Key, row);
        if key.is_empty() {
            continue;
        }
        if let Some(first) = by_key.insert(key.to_lowercase(), id) {
            return Err(ImportError::Refused(format!("rows {} and {} both have the key “{key}”", first + 1, id + 1)));
        }
        keys.insert(id, key.to_owned());
    }
    let mut by_other: HashMap<String, TaskId> = HashMap::new();
    for (row, &id) in ids.iter().enumerate() {
        for v in [one(Field::Id, row), one(Field::Name, row)] {
            if !v.is_empty() {
                by_other.entry(v.to_lowercase()).or_insert(id);
            }
        }
    }
    let find = |v: &str| by_key.get(&v.to_lowercase()).or_else(|| by_other.get(&v.to_lowercase())).copied();

    // Parents, a circle of parents broken where it closes.
    let mut parent: HashMap<TaskId, TaskId> = HashMap::new();
    for (row, &id) in ids.iter().enumerate() {
        let Some(p) = all(Field::Parent, row).into_iter().find(|v| !v.is_empty()) else { continue };
        match find(p) {
            Some(pid) if pid != id => {
                let mut up = Some(pid);
                let mut circle = false;
                while let Some(u) = up {
                    if u == id {
                        circle = true;
                        break;
                    }
                    up = parent.get(&u).copied();
                }
                if circle {
                    warnings.push(format!("Row {}: its parent “{p}” is under it; it was put at the top.", id + 1));
                } else {
                    parent.insert(id, pid);
                }
            }
            _ => warnings.push(format!("Row {}: the parent “{p}” is not in the file; it was put at the top.", id + 1)),
        }
    }
    let with_children: HashSet<TaskId> = parent.values().copied().collect();

    let mut tasks = Vec::new();
    let mut computed = HashMap::new();
    let mut people: Vec<TeamMember> = Vec::new();
    let mut assignments = Vec::new();
    let mut positions: HashMap<Option<TaskId>, i64> = HashMap::new();
    let mut labels: HashMap<TaskId, Vec<String>> = HashMap::new();
    let mut earliest: Option<NaiveDateTime> = None;
    let date_of = |field: Field, row: usize, warnings: &mut Vec<String>| -> Option<NaiveDateTime> {
        let v = one(field, row);
        if v.is_empty() {
            return None;
        }
        let format = formats.iter().find(|(f, _)| *f == field).map_or("%Y-%m-%d", |(_, f)| f.as_str());
        let at = parse_date(v, format);
        if at.is_none() {
            warnings.push(format!(
                "Row {}: the {} “{v}” is not a date in the format {format}; it was left out.",
                row + 2,
                field.label().to_lowercase()
            ));
        }
        at
    };
    for (row, &id) in ids.iter().enumerate() {
        let line = row + 2;
        let name = one(Field::Name, row);
        let kind_text = one(Field::Kind, row).to_lowercase();
        let start = date_of(Field::Start, row, &mut warnings)
            .map(|s| if s.time() == NaiveTime::MIN { calendar.next_start(s) } else { s });
        let finish = date_of(Field::Finish, row, &mut warnings).map(|f| {
            if f.time() == NaiveTime::MIN { calendar.previous_finish(f + chrono::Duration::days(1)) } else { f }
        });
        let summary = with_children.contains(&id);
        let written = one(Field::Duration, row);
        let mut minutes = if written.is_empty() {
            None
        } else {
            let m = duration(written, mapping.duration_unit);
            if m.is_none() {
                warnings.push(format!("Row {line}: the duration “{written}” is not one; it was left out."));
            }
            m
        };
        let mut estimated = false;
        if minutes.is_none() {
            minutes = match (start, finish) {
                (Some(s), Some(f)) if f >= s => Some(calendar.working_minutes_between(s, f)),
                (Some(_), Some(_)) => {
                    warnings.push(format!("Row {line}: it finishes before it starts; its finish was left out."));
                    None
                }
                _ => None,
            };
        }
        let milestone = kind_text.contains("milestone");
        let minutes = match minutes {
            _ if milestone => 0,
            Some(m) => m,
            None => {
                estimated = true;
                DAY
            }
        };
        let constraint = match (start, finish) {
            (Some(s), _) => Constraint { kind: ConstraintKind::Snet, date: Some(s) },
            (None, Some(f)) => Constraint { kind: ConstraintKind::Fnlt, date: Some(f) },
            _ => Constraint::ASAP,
        };
        if let (Some(s), Some(f)) = (start, finish)
            && !summary
            && f >= s
        {
            computed.insert(id, Computed { start: Some(s), finish: Some(f), ..Computed::default() });
        }
        earliest = [earliest, start, finish.map(|f| calendar.next_start(f.date().and_time(NaiveTime::MIN)))]
            .into_iter()
            .flatten()
            .min();
        let (board_status, mut percent) = status(one(Field::Status, row));
        let progress = one(Field::Progress, row).trim_end_matches('%').trim();
        if !progress.is_empty() {
            match progress.replace(',', ".").parse::<f64>() {
                Ok(p) if (0.0..=100.0).contains(&p) => {
                    percent = if p <= 1.0 && progress.contains('.') { p * 100.0 } else { p }.round() as u8
                }
                _ => warnings.push(format!("Row {line}: the progress “{progress}” is not a percentage; left out.")),
            }
        }
        let mut notes: Vec<String> = all(Field::Notes, row).into_iter().map(str::to_owned).collect();
        let sprints = all(Field::Sprint, row);
        if !sprints.is_empty() {
            notes.push(format!("Sprint: {}", sprints.join(", ")));
        }
        let tags: Vec<String> = all(Field::Labels, row)
            .into_iter()
            .flat_map(|cell| cell.split([',', ';', ' ']))
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if !tags.is_empty() {
            labels.insert(id, tags);
        }
        if !kind_text.is_empty() && !milestone {
            notes.push(format!("Type: {}", one(Field::Kind, row)));
        }
        let parent_id = parent.get(&id).copied();
        let position = positions.entry(parent_id).or_insert(0);
        *position += 1;
        let minutes = if summary { 0 } else { minutes };
        tasks.push(Task {
            id,
            notes: notes.join("\n"),
            kind: if summary {
                TaskKind::Summary
            } else if minutes == 0 {
                TaskKind::Milestone
            } else {
                TaskKind::Task
            },
            constraint: if summary { Constraint::ASAP } else { constraint },
            percent_complete: percent,
            board_status,
            priority: priority(one(Field::Priority, row)),
            estimated,
            ..Task::new(0, parent_id, *position, name, minutes)
        });
        for (who, email, units) in all(Field::Assignee, row).into_iter().flat_map(assignees) {
            let member_id = match people.iter().find(|p| p.name.eq_ignore_ascii_case(&who)) {
                Some(p) => p.id,
                None => {
                    let id = people.len() as i64 + 1;
                    people.push(TeamMember { id, email, ..TeamMember::new(&who) });
                    id
                }
            };
            if !summary && !assignments.iter().any(|a: &Assignment| a.task_id == id && a.member_id == member_id) {
                let work_minutes = minutes * i64::from(units) / 100;
                assignments.push(Assignment { task_id: id, member_id, units_percent: units, work_minutes });
            }
        }
    }

    // Predecessors: keys, identifiers or names, MS Project's `12FS+2d`
    // written after one.
    let mut links = Vec::new();
    let mut unresolved = Vec::new();
    for (row, &id) in ids.iter().enumerate() {
        for cell in all(Field::Predecessors, row) {
            for token in cell.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()) {
                match predecessor(token, &find) {
                    Some((from, kind, lag)) if from != id => links.push(Link {
                        id: 0,
                        predecessor: from,
                        successor: id,
                        kind,
                        lag_minutes: lag,
                        lag_elapsed: false,
                    }),
                    _ => {
                        warnings.push(missing_predecessor(id, token));
                        unresolved.push((id, token.to_owned()));
                    }
                }
            }
        }
    }
    // Parents before their children, as the importer writes them.
    let order = parents_first(&tasks);
    let tasks = order.into_iter().map(|i| tasks[i].clone()).collect();
    let start = earliest.unwrap_or_else(|| calendar.next_start(today.and_time(NaiveTime::MIN)));
    Ok(Plan {
        name: name.to_owned(),
        start,
        status_date: None,
        settings: DurationSettings::default(),
        calendar: calendar.clone(),
        calendars: vec![calendar],
        tasks,
        links,
        people,
        assignments,
        computed,
        computed_people: HashMap::new(),
        keys,
        labels,
        baselines: Vec::new(),
        unresolved,
        warnings,
    })
}

/// The warning for a predecessor the file does not hold, named by the
/// task's row id and the predecessor as written.
pub fn missing_predecessor(id: TaskId, token: &str) -> String {
    format!("Row {}: the predecessor “{token}” is not in the file.", id + 1)
}

/// The people a cell names: several apart by `;` or `,`, each with units
/// as MS Project writes resource names (`Ana Costa[50%]`) or an e-mail
/// address as Azure DevOps writes people (`Jamal Hartnett <jamal@x.org>`).
fn assignees(cell: &str) -> Vec<(String, String, u16)> {
    cell.split([';', ','])
        .filter_map(|part| {
            let mut name = part.trim();
            let mut units = 100;
            if let Some((before, rest)) = name.split_once('[')
                && let Some(percent) = rest.strip_suffix(']').map(|r| r.trim().trim_end_matches('%').trim())
                && let Ok(p) = percent.parse::<f64>()
                && (1.0..=1000.0).contains(&p)
            {
                name = before.trim();
                units = p.round() as u16;
            }
            let mut email = String::new();
            if let Some((before, rest)) = name.split_once('<')
                && let Some(address) = rest.strip_suffix('>')
            {
                email = address.trim().to_owned();
                name = before.trim();
            }
            (!name.is_empty()).then(|| (name.to_owned(), email, units))
        })
        .collect()
}

/// A predecessor as written: a key or name, or one followed by a link type
/// and a lag in days or hours (`12FS+2d`, `CRM-4SS`).
fn predecessor(token: &str, find: &impl Fn(&str) -> Option<TaskId>) -> Option<(TaskId, LinkKind, i64)> {
    if let Some(id) = find(token) {
        return Some((id, LinkKind::FinishToStart, 0));
    }
    let upper = token.to_uppercase();
    for (code, kind) in [
        ("FS", LinkKind::FinishToStart),
        ("SS", LinkKind::StartToStart),
        ("FF", LinkKind::FinishToFinish),
        ("SF", LinkKind::StartToFinish),
    ] {
        let Some(at) = upper.rfind(code) else { continue };
        let Some(id) = find(&token[..at]) else { continue };
        let lag = token[at + 2..].trim();
        if lag.is_empty() {
            return Some((id, kind, 0));
        }
        let (sign, rest) = match lag.as_bytes()[0] {
            b'-' => (-1, &lag[1..]),
            b'+' => (1, &lag[1..]),
            _ => continue,
        };
        return duration(rest, DurationUnit::Days).map(|m| (id, kind, sign * m));
    }
    None
}

/// The indices of `tasks` with every parent before its children, in file
/// order otherwise.
fn parents_first(tasks: &[Task]) -> Vec<usize> {
    let index: HashMap<TaskId, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let mut done = vec![false; tasks.len()];
    let mut order = Vec::with_capacity(tasks.len());
    for i in 0..tasks.len() {
        let mut chain = vec![i];
        let mut up = tasks[i].parent_id.and_then(|p| index.get(&p).copied());
        while let Some(p) = up.filter(|&p| !done[p] && !chain.contains(&p)) {
            chain.push(p);
            up = tasks[p].parent_id.and_then(|q| index.get(&q).copied());
        }
        for &c in chain.iter().rev() {
            if !done[c] {
                done[c] = true;
                order.push(c);
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &[u8]) -> Table {
        read_table(text, None).expect("reads")
    }

    #[test]
    fn encodings_are_found_from_the_marks_and_the_bytes() {
        let plain = "Summary;Status\nMigrer les données;Fait\n";
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (plain.as_bytes().to_vec(), "UTF-8"),
            ([&[0xEF, 0xBB, 0xBF][..], plain.as_bytes()].concat(), "UTF-8 with BOM"),
            ([vec![0xFF, 0xFE], plain.encode_utf16().flat_map(u16::to_le_bytes).collect()].concat(), "UTF-16LE"),
            ([vec![0xFE, 0xFF], plain.encode_utf16().flat_map(u16::to_be_bytes).collect()].concat(), "UTF-16BE"),
            (plain.encode_utf16().flat_map(u16::to_le_bytes).collect(), "UTF-16LE"),
            (plain.chars().map(|c| c as u32 as u8).collect(), "Windows-1252"),
        ];
        for (bytes, encoding) in cases {
            let t = table(&bytes);
            assert_eq!(t.encoding, encoding);
            assert_eq!(t.separator, ';');
            assert_eq!(t.headers, ["Summary", "Status"], "{encoding}");
            assert_eq!(t.rows[0][0], "Migrer les données", "{encoding}");
        }
        // 0x80 is the euro sign in Windows-1252, not a control character.
        assert_eq!(decode(b"Budget \x80 \x93ok\x94").0, "Budget € “ok”");
    }

    #[test]
    fn separators_are_found_and_quoted_ones_do_not_count() {
        for (text, sep) in [
            ("Name,Start\n\"Design; build\",2027-01-04\n", ','),
            ("Name;Start\n\"A, B\";2027-01-04\n", ';'),
            ("Name\tStart\nA\t2027-01-04\n", '\t'),
            ("Name|Start\nA|2027-01-04\n", '|'),
        ] {
            let t = table(text.as_bytes());
            assert_eq!(t.separator, sep, "{text}");
            assert_eq!(t.rows[0].len(), 2, "{text}");
        }
    }

    #[test]
    fn a_jira_export_maps_its_repeated_columns_keys_parents_and_estimates() {
        let csv = "Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Labels,Labels,Sprint,Sprint,Original Estimate,Due date,Parent,Inward issue link (Blocks)\n\
            Data migration,CRM-1,10001,Epic,In Progress,High,,,,,,,,,\n\
            Map fields,CRM-2,10002,Story,Done,Medium,Ana Costa,data,crm,Sprint 3,Sprint 4,57600,15/Mar/27 5:00 PM,10001,\n\
            Load test data,CRM-3,10003,Story,To Do,Highest,Ana Costa,data,,Sprint 4,,28800,,10001,CRM-2\n";
        let t = table(csv.as_bytes());
        let m = guess(&t);
        assert_eq!(m.duration_unit, DurationUnit::Seconds);
        assert!(m.columns.contains(&(Field::Key, "Issue key".into())));
        assert!(m.columns.contains(&(Field::Id, "Issue id".into())));
        let plan = to_plan(&t, &m, "crm", NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()).expect("plan");
        assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
        let by_name = |n: &str| plan.tasks.iter().find(|t| t.name == n).expect("task");
        let epic = by_name("Data migration");
        assert_eq!(epic.kind, TaskKind::Summary);
        let map = by_name("Map fields");
        assert_eq!(map.parent_id, Some(epic.id));
        assert_eq!(map.duration_minutes, 960, "57,600 seconds are two days");
        assert_eq!((map.board_status, map.percent_complete), (BoardStatus::Done, 100));
        assert_eq!(map.notes, "Sprint: Sprint 3, Sprint 4\nType: Story");
        assert_eq!(plan.labels[&map.id], ["data", "crm"]);
        let due = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap().and_hms_opt(17, 0, 0);
        assert_eq!(map.constraint, Constraint { kind: ConstraintKind::Fnlt, date: due });
        let load = by_name("Load test data");
        assert_eq!(load.priority, Priority::Urgent);
        assert_eq!(plan.links.len(), 1);
        assert_eq!((plan.links[0].predecessor, plan.links[0].successor), (map.id, load.id));
        assert_eq!(plan.keys[&load.id], "CRM-3");
        assert_eq!(plan.people.len(), 1, "one Ana Costa");
        assert_eq!(plan.assignments.len(), 2);
    }

    #[test]
    fn dates_are_read_in_the_format_every_value_fits() {
        let t = table(b"Name,Start,Finish\nA,03/04/2027,05/04/2027\nB,13/04/2027,14/04/2027\n");
        let m = guess(&t);
        assert_eq!(date_formats(&t, &m), ["%d/%m/%Y"], "13 is no month");
        let t = table(b"Name,Start\nA,03/04/2027\n");
        assert_eq!(date_formats(&t, &guess(&t)), ["%d/%m/%Y", "%m/%d/%Y"], "ambiguous: day first, then month first");
        let t = table(b"Name,Start,Finish\nA,2027-04-05,2027-04-07\n");
        let plan = to_plan(&t, &guess(&t), "p", NaiveDate::MIN).expect("plan");
        // Monday 08:00 to Wednesday 17:00 is three working days.
        assert_eq!(plan.tasks[0].duration_minutes, 3 * DAY);
        assert_eq!(plan.computed[&1].finish, NaiveDate::from_ymd_opt(2027, 4, 7).unwrap().and_hms_opt(17, 0, 0));
        let t = table(b"Name,Start,Due date\nA,04/Jan/27,08/Jan/27 12:00 PM\n");
        let plan = to_plan(&t, &guess(&t), "p", NaiveDate::MIN).expect("plan");
        assert!(plan.warnings.is_empty(), "each column in its own format: {:?}", plan.warnings);
        assert_eq!(plan.tasks[0].duration_minutes, 4 * DAY + 4 * 60);
        let t = table(b"Name,Start\nA,31/02/2027\n");
        let plan = to_plan(&t, &guess(&t), "p", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()).expect("plan");
        assert!(plan.warnings[0].contains("“31/02/2027” is not a date"), "{:?}", plan.warnings);
        assert_eq!(plan.tasks[0].constraint, Constraint::ASAP);
    }

    #[test]
    fn durations_and_predecessors_as_spreadsheets_write_them() {
        for (cell, unit, minutes) in [
            ("3", DurationUnit::Days, Some(1440)),
            ("3d", DurationUnit::Hours, Some(1440)),
            ("4 h", DurationUnit::Days, Some(240)),
            ("1w", DurationUnit::Days, Some(2400)),
            ("2,5", DurationUnit::Hours, Some(150)),
            ("3 days?", DurationUnit::Days, Some(1440)),
            ("-1", DurationUnit::Days, None),
            ("soon", DurationUnit::Days, None),
            ("1e30", DurationUnit::Days, None),
        ] {
            assert_eq!(duration(cell, unit), minutes, "{cell}");
        }
        let t = table(b"ID,Name,Duration,Predecessors\n1,A,2,\n2,B,1,1FS+2d\n3,C,1,\"1SS, 2\"\n4,D,1,9\n");
        let plan = to_plan(&t, &guess(&t), "p", NaiveDate::MIN).expect("plan");
        let links: Vec<_> = plan.links.iter().map(|l| (l.predecessor, l.successor, l.kind, l.lag_minutes)).collect();
        assert_eq!(
            links,
            [
                (1, 2, LinkKind::FinishToStart, 960),
                (1, 3, LinkKind::StartToStart, 0),
                (2, 3, LinkKind::FinishToStart, 0)
            ]
        );
        assert_eq!(plan.warnings, ["Row 5: the predecessor “9” is not in the file."]);
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        let wide = format!("{}\n", vec!["x"; MAX_COLUMNS + 1].join(","));
        let twice = "Key,Name\nA-1,One\nA-1,Two\n";
        for (bytes, says) in [
            (wide.as_bytes(), "columns"),
            (b"".as_slice(), "empty"),
            (b"\x00\x01\x02\x00\x00\x00\xff".as_slice(), "binary"),
        ] {
            let e = read_table(bytes, None).expect_err("refused").to_string();
            assert!(e.contains(says), "{e}");
        }
        let t = table(twice.as_bytes());
        let e = to_plan(&t, &guess(&t), "p", NaiveDate::MIN).expect_err("refused").to_string();
        assert!(e.contains("both have the key “A-1”"), "{e}");
        let t = table(b"Status,Owner\nDone,Ana\n");
        let e = to_plan(&t, &guess(&t), "p", NaiveDate::MIN).expect_err("refused").to_string();
        assert!(e.contains("no column is mapped to the task's name"), "{e}");
    }

    #[test]
    fn assignees_as_ms_project_azure_devops_and_trello_write_them() {
        assert_eq!(
            assignees("Ana Costa[50%]; Jonas Weber"),
            [("Ana Costa".into(), String::new(), 50), ("Jonas Weber".into(), String::new(), 100)]
        );
        assert_eq!(
            assignees("Jamal Hartnett <jamal@example.org>"),
            [("Jamal Hartnett".into(), "jamal@example.org".into(), 100)]
        );
        assert_eq!(
            assignees("Ana, Lena , "),
            [("Ana".into(), String::new(), 100), ("Lena".into(), String::new(), 100)]
        );
        assert_eq!(assignees("Odd[lots]"), [("Odd[lots]".into(), String::new(), 100)], "no units: the name as written");
        let t = table(
            b"Title,Assigned To,Tags,Original Estimate\nDeploy,Jamal Hartnett <jamal@example.org>,ops; release,4\n",
        );
        let plan = to_plan(&t, &guess(&t), "p", NaiveDate::MIN).expect("plan");
        assert_eq!(plan.people[0].email, "jamal@example.org");
        assert_eq!(plan.labels[&1], ["ops", "release"]);
        assert_eq!(plan.tasks[0].duration_minutes, 240, "Azure DevOps estimates hours");
    }

    #[test]
    fn a_circle_of_parents_is_broken_and_parents_come_first() {
        let t = table(b"Key,Name,Parent\nA,Child,B\nB,Parent,C\nC,Grandparent,A\n");
        let plan = to_plan(&t, &guess(&t), "p", NaiveDate::MIN).expect("plan");
        assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
        let order: Vec<&str> = plan.tasks.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(order, ["Grandparent", "Parent", "Child"]);
    }
}
