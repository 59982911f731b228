//! What the store's tests share.

use chrono::NaiveDate;
use gantry_core::calendar::WorkCalendar;
use gantry_core::model::*;
use gantry_store::Store;

/// Adds a project named `name` on a new standard calendar, as one command.
pub fn add_project(store: &mut Store, name: &str) -> ProjectId {
    store
        .write("Add project", |db| {
            let cal = gantry_store::insert_calendar(db, &WorkCalendar::standard(0, "Standard"))?;
            gantry_store::insert_project(
                db,
                &Project {
                    id: 0,
                    name: name.into(),
                    goal: String::new(),
                    scope: String::new(),
                    methodology: Methodology::Waterfall,
                    manager: "Ana".into(),
                    start: NaiveDate::from_ymd_opt(2027, 3, 15).expect("date"),
                    status: ProjectStatus::OnTrack,
                    status_reason: String::new(),
                    currency: "EUR".into(),
                    calendar_id: cal,
                    durations: DurationSettings::default(),
                    status_date: None,
                },
            )
        })
        .expect("project added")
}
