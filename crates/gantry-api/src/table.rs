//! Long lists of rows sent as a table: the field names once, then each row
//! as an array of values in that order. A plan of ten thousand tasks is a
//! third of the bytes it is as objects, and the page parses it in a
//! fraction of the time; `ui/src/lib/ipc/table.ts` turns it back into
//! objects with the same fields.

use serde::ser::{SerializeStruct, SerializeTuple};
use serde::{Serialize, Serializer};

/// A row type that can be sent as an array of its values.
pub(crate) trait Positional {
    /// The fields, named as the row's own serialization names them.
    fn fields() -> Vec<String>;
    /// How many values a row has.
    const LEN: usize;
    /// Writes the row's values in the order of [`Positional::fields`].
    fn values<S: SerializeTuple>(&self, out: &mut S) -> Result<(), S::Error>;
}

/// Implements [`Positional`] for a struct serialized in camelCase, from its
/// fields in declaration order.
macro_rules! positional {
    ($row:ty { $($field:ident),+ $(,)? }) => {
        impl $crate::table::Positional for $row {
            fn fields() -> Vec<String> {
                vec![$($crate::table::camel_case(stringify!($field))),+]
            }
            const LEN: usize = [$(stringify!($field)),+].len();
            fn values<S: serde::ser::SerializeTuple>(&self, out: &mut S) -> Result<(), S::Error> {
                $(out.serialize_element(&self.$field)?;)+
                Ok(())
            }
        }
    };
}
pub(crate) use positional;

/// `parent_id` → `parentId`, as serde's `rename_all = "camelCase"` does.
pub(crate) fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// `#[serde(serialize_with = "table::rows")]`: the rows as a table
/// (`{ fields: string[], rows: unknown[][] }`).
pub(crate) fn rows<T: Positional, S: Serializer>(rows: &[T], s: S) -> Result<S::Ok, S::Error> {
    struct Rows<'a, T>(&'a [T]);
    impl<T: Positional> Serialize for Rows<'_, T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.iter().map(Row))
        }
    }
    struct Row<'a, T>(&'a T);
    impl<T: Positional> Serialize for Row<'_, T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut out = s.serialize_tuple(T::LEN)?;
            self.0.values(&mut out)?;
            out.end()
        }
    }
    let mut table = s.serialize_struct("Table", 2)?;
    table.serialize_field("fields", &T::fields())?;
    table.serialize_field("rows", &Rows(rows))?;
    table.end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{AssigneeRef, LinkRow, Segment, TaskRow};
    use gantry_core::model::*;
    use serde_json::{Map, Value, json};

    /// The objects a table stands for, rebuilt as the page does.
    fn objects(table: &Value) -> Vec<Value> {
        let fields: Vec<&str> = table["fields"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
        let rows = table["rows"].as_array().unwrap();
        rows.iter()
            .map(|r| {
                let values = r.as_array().unwrap();
                assert_eq!(values.len(), fields.len(), "a value for each field");
                Value::Object(fields.iter().map(|f| f.to_string()).zip(values.iter().cloned()).collect::<Map<_, _>>())
            })
            .collect()
    }

    fn table_of<T: Positional>(list: &[T]) -> Value {
        rows(list, serde_json::value::Serializer).unwrap()
    }

    #[test]
    fn a_table_stands_for_exactly_the_objects_the_rows_serialize_to() {
        let task = TaskRow {
            id: 7,
            parent_id: Some(3),
            depth: 1,
            outline: "1.2".into(),
            name: "Migrate \"CRM\" data".into(),
            notes: "Cut-over weekend".into(),
            kind: TaskKind::Task,
            duration_minutes: 960,
            duration: "2d".into(),
            start: "2027-01-04T08:00:00".into(),
            finish: "2027-01-05T17:00:00".into(),
            percent_complete: 40,
            board_status: BoardStatus::InProgress,
            priority: Priority::High,
            constraint_kind: ConstraintKind::Snet,
            constraint_date: Some("2027-01-04T08:00:00".into()),
            total_slack_minutes: -60,
            critical: true,
            has_children: false,
            predecessors: "1.1FS+2d".into(),
            assignees: vec![AssigneeRef {
                member_id: 2,
                name: "Ana Ruiz".into(),
                initials: "AR".into(),
                units_percent: 50,
                work_minutes: 1200,
            }],
            work_minutes: 1200,
            actual_work_minutes: 450,
            actual_start: Some("2027-01-04T08:00:00".into()),
            actual_finish: None,
            leveling_delay: "2ed".into(),
            segments: vec![Segment { start: "2027-01-04T08:00:00".into(), finish: "2027-01-04T17:00:00".into() }],
            labels: vec!["security".into()],
            calendar_id: Some(3),
            ignores_people_calendars: true,
            deadline: Some("2027-01-08T17:00:00".into()),
        };
        let mut bare = task.clone();
        bare.parent_id = None;
        bare.assignees.clear();
        bare.labels.clear();
        bare.constraint_date = None;
        let tasks = [task, bare];
        assert_eq!(
            objects(&table_of(&tasks)),
            tasks.iter().map(|t| serde_json::to_value(t).unwrap()).collect::<Vec<_>>()
        );
        let link = LinkRow {
            id: 1,
            predecessor: 7,
            successor: 8,
            kind: LinkKind::StartToStart,
            lag_minutes: -240,
            lag: "-4h".into(),
        };
        assert_eq!(objects(&table_of(std::slice::from_ref(&link))), [serde_json::to_value(&link).unwrap()]);
    }

    #[test]
    fn no_rows_is_a_table_with_its_fields() {
        let t = table_of::<LinkRow>(&[]);
        assert_eq!(t, json!({ "fields": ["id", "predecessor", "successor", "kind", "lagMinutes", "lag"], "rows": [] }));
    }
}
