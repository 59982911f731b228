//! The budget's rows: tasks' fixed costs, baselines' costs, budget lines and
//! their monthly plan, vendors, contracts and expenditures.

use std::collections::HashMap;

use gantry_core::budget::*;
use gantry_core::model::{BaselineId, ProjectId, TaskId};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::rows::{Date, date_text};
use crate::{Error, Result};

// ----------------------------------------------------------- fixed costs

/// The fixed costs of a project's tasks, by task.
pub fn fixed_costs(db: &Connection, project: ProjectId) -> Result<HashMap<TaskId, FixedCost>> {
    let mut stmt = db.prepare_cached(
        "SELECT c.task_id, c.fixed_cost, c.accrual FROM task_costs c JOIN tasks t ON t.id = c.task_id WHERE t.project_id = ?1",
    )?;
    let rows = stmt.query_map([project], |r| {
        let code: String = r.get(2)?;
        Ok(FixedCost { task_id: r.get(0)?, amount: r.get(1)?, accrual: accrual_from_code(&code).unwrap_or_default() })
    })?;
    Ok(rows.map(|r| r.map(|c| (c.task_id, c))).collect::<rusqlite::Result<_>>()?)
}

/// Sets a task's fixed cost; a cost of nothing at the default accrual removes the row.
pub fn set_fixed_cost(db: &Connection, c: &FixedCost) -> Result<()> {
    if c.amount == 0 && c.accrual == Default::default() {
        db.execute("DELETE FROM task_costs WHERE task_id = ?1", [c.task_id])?;
    } else {
        db.execute(
            "INSERT INTO task_costs (task_id, fixed_cost, accrual) VALUES (?1, ?2, ?3)
             ON CONFLICT(task_id) DO UPDATE SET fixed_cost = excluded.fixed_cost, accrual = excluded.accrual",
            params![c.task_id, c.amount, accrual_code(c.accrual)],
        )?;
    }
    Ok(())
}

// -------------------------------------------------------------- settings

/// The portfolio's budget settings; the defaults when none were saved.
pub fn budget_settings(db: &Connection) -> Result<Settings> {
    let row = db
        .query_row(
            "SELECT eac_method, warn_below_permille, bad_below_permille, earned_from FROM budget_settings WHERE id = 1",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?)),
        )
        .optional()?;
    Ok(match row {
        Some((eac, warn, bad, earned)) => Settings {
            eac: gantry_core::cost::EacMethod::from_code(&eac).unwrap_or_default(),
            warn_below_permille: warn,
            bad_below_permille: bad,
            physical: earned == "physical",
        },
        None => Settings::default(),
    })
}

pub fn set_budget_settings(db: &Connection, s: &Settings) -> Result<()> {
    db.execute(
        "INSERT INTO budget_settings (id, eac_method, warn_below_permille, bad_below_permille, earned_from)
         VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET eac_method = excluded.eac_method,
           warn_below_permille = excluded.warn_below_permille, bad_below_permille = excluded.bad_below_permille,
           earned_from = excluded.earned_from",
        params![
            s.eac.code(),
            s.warn_below_permille,
            s.bad_below_permille,
            if s.physical { "physical" } else { "percent" }
        ],
    )?;
    Ok(())
}

// -------------------------------------------------------- baseline costs

/// The cost and work a baseline saved, by task.
pub fn baseline_costs(db: &Connection, baseline: BaselineId) -> Result<HashMap<TaskId, (i64, i64)>> {
    let mut stmt =
        db.prepare_cached("SELECT task_id, cost, work_minutes FROM baseline_costs WHERE baseline_id = ?1")?;
    let rows = stmt.query_map([baseline], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Saves what each task cost and the work it had when a baseline was saved.
pub fn insert_baseline_costs(db: &Connection, baseline: BaselineId, rows: &[(TaskId, i64, i64)]) -> Result<()> {
    let mut stmt = db.prepare_cached(
        "INSERT OR REPLACE INTO baseline_costs (baseline_id, task_id, cost, work_minutes) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (task, cost, work) in rows {
        stmt.execute(params![baseline, task, cost, work])?;
    }
    Ok(())
}

// ------------------------------------------------------------------ lines

fn line_row(r: &Row) -> rusqlite::Result<BudgetLine> {
    Ok(BudgetLine {
        id: r.get(0)?,
        project_id: r.get(1)?,
        category: r.get(2)?,
        name: r.get(3)?,
        note: r.get(4)?,
        position: r.get(5)?,
    })
}

/// A project's budget lines in order.
pub fn budget_lines(db: &Connection, project: ProjectId) -> Result<Vec<BudgetLine>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, project_id, category, name, note, position FROM budget_lines WHERE project_id = ?1 ORDER BY position, id",
    )?;
    Ok(stmt.query_map([project], line_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn budget_line(db: &Connection, id: LineId) -> Result<BudgetLine> {
    db.query_row(
        "SELECT id, project_id, category, name, note, position FROM budget_lines WHERE id = ?1",
        [id],
        line_row,
    )
    .optional()?
    .ok_or(Error::NotFound("The budget line"))
}

pub fn insert_budget_line(db: &Connection, l: &BudgetLine) -> Result<LineId> {
    db.execute(
        "INSERT INTO budget_lines (project_id, category, name, note, position)
         VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM budget_lines WHERE project_id = ?1))",
        params![l.project_id, l.category, l.name, l.note],
    )?;
    Ok(db.last_insert_rowid())
}

pub fn update_budget_line(db: &Connection, l: &BudgetLine) -> Result<()> {
    let changed = db.execute(
        "UPDATE budget_lines SET category = ?2, name = ?3, note = ?4 WHERE id = ?1",
        params![l.id, l.category, l.name, l.note],
    )?;
    if changed == 0 {
        return Err(Error::NotFound("The budget line"));
    }
    Ok(())
}

pub fn delete_budget_line(db: &Connection, id: LineId) -> Result<()> {
    if db.execute("DELETE FROM budget_lines WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound("The budget line"));
    }
    Ok(())
}

/// The monthly plan of a project's lines, by month.
pub fn budget_months(db: &Connection, project: ProjectId) -> Result<Vec<MonthPlan>> {
    let mut stmt = db.prepare_cached(
        "SELECT m.line_id, m.month, m.amount FROM budget_months m JOIN budget_lines l ON l.id = m.line_id
         WHERE l.project_id = ?1 ORDER BY m.month",
    )?;
    let rows = stmt.query_map([project], |r| {
        Ok(MonthPlan { line_id: r.get(0)?, month: r.get::<_, Date>(1)?.0, amount: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets a line's planned amount for a month; nothing planned removes it.
pub fn set_budget_month(db: &Connection, m: &MonthPlan) -> Result<()> {
    if m.amount == 0 {
        db.execute(
            "DELETE FROM budget_months WHERE line_id = ?1 AND month = ?2",
            params![m.line_id, date_text(m.month)],
        )?;
    } else {
        db.execute(
            "INSERT INTO budget_months (line_id, month, amount) VALUES (?1, ?2, ?3)
             ON CONFLICT(line_id, month) DO UPDATE SET amount = excluded.amount",
            params![m.line_id, date_text(m.month), m.amount],
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------- vendors

pub fn vendors(db: &Connection) -> Result<Vec<Vendor>> {
    let mut stmt = db.prepare_cached("SELECT id, name, contact, supplies FROM vendors ORDER BY name")?;
    let rows =
        stmt.query_map([], |r| Ok(Vendor { id: r.get(0)?, name: r.get(1)?, contact: r.get(2)?, supplies: r.get(3)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_vendor(db: &Connection, v: &Vendor) -> Result<VendorId> {
    db.execute(
        "INSERT INTO vendors (name, contact, supplies) VALUES (?1, ?2, ?3)",
        params![v.name, v.contact, v.supplies],
    )?;
    Ok(db.last_insert_rowid())
}

pub fn vendor_named(db: &Connection, name: &str) -> Result<Option<VendorId>> {
    Ok(db.query_row("SELECT id FROM vendors WHERE name = ?1", [name.trim()], |r| r.get(0)).optional()?)
}

/// The vendor of that name, added to the register when new.
pub fn vendor_or_new(db: &Connection, name: &str) -> Result<VendorId> {
    match vendor_named(db, name)? {
        Some(id) => Ok(id),
        None => insert_vendor(
            db,
            &Vendor { id: 0, name: name.trim().to_owned(), contact: String::new(), supplies: String::new() },
        ),
    }
}

// -------------------------------------------------------------- contracts

const CONTRACT_COLUMNS: &str = "id, vendor_id, project_id, line_id, title, value, start_date, end_date, notice_days, renewal_date, status, deliverables";

fn contract_row(r: &Row) -> rusqlite::Result<Contract> {
    let status: String = r.get(10)?;
    Ok(Contract {
        id: r.get(0)?,
        vendor_id: r.get(1)?,
        project_id: r.get(2)?,
        line_id: r.get(3)?,
        title: r.get(4)?,
        value: r.get(5)?,
        start: r.get::<_, Date>(6)?.0,
        end: r.get::<_, Date>(7)?.0,
        notice_days: r.get(8)?,
        renewal: r.get::<_, Option<Date>>(9)?.map(|d| d.0),
        status: ContractStatus::from_code(&status).unwrap_or(ContractStatus::Active),
        deliverables: r.get(11)?,
    })
}

/// Every contract, or a project's.
pub fn contracts(db: &Connection, project: Option<ProjectId>) -> Result<Vec<Contract>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {CONTRACT_COLUMNS} FROM contracts WHERE ?1 IS NULL OR project_id = ?1 ORDER BY end_date, id"
    ))?;
    Ok(stmt.query_map([project], contract_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_contract(db: &Connection, c: &Contract) -> Result<ContractId> {
    db.execute(
        "INSERT INTO contracts (vendor_id, project_id, line_id, title, value, start_date, end_date, notice_days, renewal_date, status, deliverables)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            c.vendor_id,
            c.project_id,
            c.line_id,
            c.title,
            c.value,
            date_text(c.start),
            date_text(c.end),
            c.notice_days,
            c.renewal.map(date_text),
            c.status.code(),
            c.deliverables
        ],
    )?;
    Ok(db.last_insert_rowid())
}

// ----------------------------------------------------------- expenditures

fn expenditure_row(r: &Row) -> rusqlite::Result<Expenditure> {
    let state: String = r.get(7)?;
    Ok(Expenditure {
        id: r.get(0)?,
        project_id: r.get(1)?,
        line_id: r.get(2)?,
        vendor_id: r.get(3)?,
        date: r.get::<_, Date>(4)?.0,
        amount: r.get(5)?,
        invoice: r.get(6)?,
        state: SpendState::from_code(&state).unwrap_or(SpendState::Committed),
        note: r.get(8)?,
    })
}

/// A project's expenditures by date.
pub fn expenditures(db: &Connection, project: ProjectId) -> Result<Vec<Expenditure>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, project_id, line_id, vendor_id, spent_on, amount, invoice, state, note FROM expenditures
         WHERE project_id = ?1 ORDER BY spent_on, id",
    )?;
    Ok(stmt.query_map([project], expenditure_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_expenditure(db: &Connection, e: &Expenditure) -> Result<ExpenditureId> {
    db.execute(
        "INSERT INTO expenditures (project_id, line_id, vendor_id, spent_on, amount, invoice, state, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![e.project_id, e.line_id, e.vendor_id, date_text(e.date), e.amount, e.invoice, e.state.code(), e.note],
    )?;
    Ok(db.last_insert_rowid())
}

pub fn delete_expenditure(db: &Connection, id: ExpenditureId) -> Result<()> {
    if db.execute("DELETE FROM expenditures WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound("The expenditure"));
    }
    Ok(())
}

// ------------------------------------------------ materials and cost resources

/// A project's materials and cost resources, by name.
pub fn cost_resources(db: &Connection, project: ProjectId) -> Result<Vec<CostResource>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, project_id, name, kind, unit, unit_price, accrual FROM cost_resources
         WHERE project_id = ?1 ORDER BY name COLLATE NOCASE, id",
    )?;
    let rows = stmt.query_map([project], cost_resource_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn cost_resource(db: &Connection, id: i64) -> Result<CostResource> {
    db.query_row(
        "SELECT id, project_id, name, kind, unit, unit_price, accrual FROM cost_resources WHERE id = ?1",
        [id],
        cost_resource_row,
    )
    .optional()?
    .ok_or(Error::NotFound("The resource"))
}

fn cost_resource_row(r: &Row) -> rusqlite::Result<CostResource> {
    let kind: String = r.get(3)?;
    let accrual: String = r.get(6)?;
    Ok(CostResource {
        id: r.get(0)?,
        project_id: r.get(1)?,
        name: r.get(2)?,
        kind: ResourceKind::from_code(&kind).unwrap_or(ResourceKind::Cost),
        unit: r.get(4)?,
        unit_price: r.get(5)?,
        accrual: accrual_from_code(&accrual).unwrap_or_default(),
    })
}

/// Adds a material or cost resource to a project; returns its id.
pub fn insert_cost_resource(db: &Connection, c: &CostResource) -> Result<i64> {
    let taken: bool = db.query_row(
        "SELECT EXISTS (SELECT 1 FROM cost_resources WHERE project_id = ?1 AND name = ?2 COLLATE NOCASE)",
        params![c.project_id, c.name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::Refused(format!("The project already has a resource named “{}”.", c.name)));
    }
    db.execute(
        "INSERT INTO cost_resources (project_id, name, kind, unit, unit_price, accrual) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![c.project_id, c.name, c.kind.code(), c.unit, c.unit_price, accrual_code(c.accrual)],
    )?;
    Ok(db.last_insert_rowid())
}

/// What a project's tasks use of its materials and cost resources.
pub fn resource_uses(db: &Connection, project: ProjectId) -> Result<Vec<ResourceUse>> {
    let mut stmt = db.prepare_cached(
        "SELECT u.task_id, u.resource_id, u.quantity_milli, u.amount FROM resource_uses u
         JOIN cost_resources c ON c.id = u.resource_id WHERE c.project_id = ?1 ORDER BY u.resource_id, u.task_id",
    )?;
    let rows = stmt.query_map([project], |r| {
        Ok(ResourceUse { task_id: r.get(0)?, resource_id: r.get(1)?, quantity_milli: r.get(2)?, amount: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets what a task uses of a resource; nothing removes the use.
pub fn set_resource_use(db: &Connection, u: &ResourceUse) -> Result<()> {
    if u.quantity_milli == 0 && u.amount == 0 {
        db.execute(
            "DELETE FROM resource_uses WHERE task_id = ?1 AND resource_id = ?2",
            params![u.task_id, u.resource_id],
        )?;
    } else {
        db.execute(
            "INSERT INTO resource_uses (task_id, resource_id, quantity_milli, amount) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(task_id, resource_id) DO UPDATE SET quantity_milli = excluded.quantity_milli, amount = excluded.amount",
            params![u.task_id, u.resource_id, u.quantity_milli, u.amount],
        )?;
    }
    Ok(())
}

// ------------------------------------------------------------- payments

/// The payment milestones of a project's contracts (of every project for `None`).
pub fn payments(db: &Connection, project: Option<ProjectId>) -> Result<Vec<Payment>> {
    let mut stmt = db.prepare_cached(
        "SELECT p.id, p.contract_id, p.title, p.amount, p.due_date, p.task_id, p.paid FROM contract_payments p
         JOIN contracts c ON c.id = p.contract_id WHERE ?1 IS NULL OR c.project_id = ?1 ORDER BY p.contract_id, p.id",
    )?;
    let rows = stmt.query_map([project], |r| {
        Ok(Payment {
            id: r.get(0)?,
            contract_id: r.get(1)?,
            title: r.get(2)?,
            amount: r.get(3)?,
            due: r.get::<_, Option<Date>>(4)?.map(|d| d.0),
            task_id: r.get(5)?,
            paid: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_payment(db: &Connection, p: &Payment) -> Result<i64> {
    db.execute(
        "INSERT INTO contract_payments (contract_id, title, amount, due_date, task_id, paid) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.contract_id, p.title, p.amount, p.due.map(date_text), p.task_id, p.paid],
    )?;
    Ok(db.last_insert_rowid())
}

pub fn set_payment_paid(db: &Connection, id: i64, paid: bool) -> Result<()> {
    if db.execute("UPDATE contract_payments SET paid = ?2 WHERE id = ?1", params![id, paid])? == 0 {
        return Err(Error::NotFound("The payment"));
    }
    Ok(())
}

pub fn delete_payment(db: &Connection, id: i64) -> Result<()> {
    if db.execute("DELETE FROM contract_payments WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound("The payment"));
    }
    Ok(())
}

/// One contract.
pub fn contract(db: &Connection, id: ContractId) -> Result<Contract> {
    db.query_row(&format!("SELECT {CONTRACT_COLUMNS} FROM contracts WHERE id = ?1"), [id], contract_row)
        .optional()?
        .ok_or(Error::NotFound("The contract"))
}

// ------------------------------------------------------ physical progress

/// Physical % complete of a project's tasks that have one.
pub fn physical_progress(db: &Connection, project: ProjectId) -> Result<HashMap<TaskId, u8>> {
    let mut stmt = db.prepare_cached(
        "SELECT x.task_id, x.percent FROM task_physical_progress x JOIN tasks t ON t.id = x.task_id WHERE t.project_id = ?1",
    )?;
    let rows = stmt.query_map([project], |r| Ok((r.get(0)?, r.get::<_, u8>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets a task's physical % complete; `None` clears it.
pub fn set_physical_progress(db: &Connection, task: TaskId, percent: Option<u8>) -> Result<()> {
    match percent {
        Some(p) => db.execute(
            "INSERT INTO task_physical_progress (task_id, percent) VALUES (?1, ?2)
             ON CONFLICT(task_id) DO UPDATE SET percent = excluded.percent",
            params![task, p],
        )?,
        None => db.execute("DELETE FROM task_physical_progress WHERE task_id = ?1", [task])?,
    };
    Ok(())
}
