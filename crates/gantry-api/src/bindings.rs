//! Generates `ui/src/lib/ipc/bindings.ts` from the wire types, so the
//! frontend and the backend cannot disagree. A test fails when the committed
//! file is stale; `UPDATE_BINDINGS=1 cargo test -p gantry-api` rewrites it.

use ts_rs::{Config, TS};

use crate::wire::*;
use gantry_core::model::*;

/// The TypeScript declarations of every wire type.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ApiError::decl(&cfg),
        ErrorCode::decl(&cfg),
        PortfolioInfo::decl(&cfg),
        ProjectSummary::decl(&cfg),
        ProjectFields::decl(&cfg),
        CalendarChoice::decl(&cfg),
        TaskRow::decl(&cfg),
        AssigneeRef::decl(&cfg),
        LinkRow::decl(&cfg),
        NewLink::decl(&cfg),
        LinkEdit::decl(&cfg),
        CalendarDay::decl(&cfg),
        BaselineInfo::decl(&cfg),
        BaselineDates::decl(&cfg),
        Drag::decl(&cfg),
        ProjectPlan::decl(&cfg),
        NewTask::decl(&cfg),
        TaskEdit::decl(&cfg),
        Shift::decl(&cfg),
        Deleted::decl(&cfg),
        BudgetView::decl(&cfg),
        BudgetSettings::decl(&cfg),
        EacChoice::decl(&cfg),
        ProjectMoney::decl(&cfg),
        TaskMoney::decl(&cfg),
        ResourceRow::decl(&cfg),
        UseRow::decl(&cfg),
        NewCostResource::decl(&cfg),
        PaymentRow::decl(&cfg),
        NewPayment::decl(&cfg),
        BurnMonth::decl(&cfg),
        ContractRow::decl(&cfg),
        CostReport::decl(&cfg),
        CsvMapping::decl(&cfg),
        CurvePoint::decl(&cfg),
        ExpenditureRow::decl(&cfg),
        LineFields::decl(&cfg),
        LineRow::decl(&cfg),
        LineTotals::decl(&cfg),
        MonthAmount::decl(&cfg),
        NewContract::decl(&cfg),
        NewExpenditure::decl(&cfg),
        ProjectValue::decl(&cfg),
        TaskCostRow::decl(&cfg),
        VendorRow::decl(&cfg),
        Person::decl(&cfg),
        PersonFields::decl(&cfg),
        SkillLevel::decl(&cfg),
        AbsenceRow::decl(&cfg),
        RateChangeRow::decl(&cfg),
        NewRateChange::decl(&cfg),
        NewAbsence::decl(&cfg),
        AssignmentRow::decl(&cfg),
        TaskStaffing::decl(&cfg),
        StaffEdit::decl(&cfg),
        Candidate::decl(&cfg),
        Workload::decl(&cfg),
        LoadPerson::decl(&cfg),
        LoadPeriod::decl(&cfg),
        LoadTask::decl(&cfg),
        Period::decl(&cfg),
        Timesheet::decl(&cfg),
        TimesheetRow::decl(&cfg),
        LogHours::decl(&cfg),
        Correction::decl(&cfg),
        WeekAction::decl(&cfg),
        WeekState::decl(&cfg),
        TaskType::decl(&cfg),
        RecentFile::decl(&cfg),
        SnapshotRow::decl(&cfg),
        HistoryRow::decl(&cfg),
        Restored::decl(&cfg),
        Imported::decl(&cfg),
        Changed::decl(&cfg),
        ScheduleReport::decl(&cfg),
        ScheduledTask::decl(&cfg),
        Rescheduled::decl(&cfg),
        MovedTask::decl(&cfg),
        ReportOptions::decl(&cfg),
        ReportWritten::decl(&cfg),
        Section::decl(&cfg),
        Paper::decl(&cfg),
        Orientation::decl(&cfg),
        ChartLayout::decl(&cfg),
        ProjectBoard::decl(&cfg),
        ColumnRow::decl(&cfg),
        Card::decl(&cfg),
        SprintRow::decl(&cfg),
        BurnPoint::decl(&cfg),
        CardDrop::decl(&cfg),
        CardMoved::decl(&cfg),
        ColumnFields::decl(&cfg),
        SprintFields::decl(&cfg),
        CarryOver::decl(&cfg),
        WipPolicy::decl(&cfg),
        SprintState::decl(&cfg),
        Methodology::decl(&cfg),
        ProjectStatus::decl(&cfg),
        TaskKind::decl(&cfg),
        ConstraintKind::decl(&cfg),
        BoardStatus::decl(&cfg),
        Priority::decl(&cfg),
        LinkKind::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from crates/gantry-api/src/wire.rs by `UPDATE_BINDINGS=1 cargo test -p gantry-api`.\n\
         // Do not edit by hand.\n",
    );
    // The shape `table::rows` sends long lists of rows in.
    out.push_str("\nexport type Table = { fields: string[], rows: unknown[][] };\n");
    for d in decls {
        out.push_str("\nexport ");
        out.push_str(&d);
        out.push('\n');
    }
    out
}
