//! Gantry's domain: projects, tasks, links, calendars and the team, with the
//! rules that keep them valid, working-time arithmetic and the scheduler.
//!
//! Invariants of this crate:
//! - no I/O, no clock, no global state: `today` and calendars are passed in;
//! - nothing here panics on user data: validation returns [`ValidationError`],
//!   scheduling returns dates plus diagnostics.

pub mod budget;
pub mod calendar;
pub mod closeout;
pub mod cost;
pub mod generate;
pub mod meetings;
pub mod model;
pub mod money;
pub mod releases;
pub mod risks;
pub mod schedule;
pub mod split;
pub mod stakeholders;
pub mod team;
pub mod units;
pub mod validate;
pub mod wbs;

pub use calendar::{CalendarException, WorkCalendar, WorkingTime};
pub use model::*;
pub use validate::ValidationError;
