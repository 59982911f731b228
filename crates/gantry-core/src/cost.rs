//! Costs as MS Project computes them, and earned value.
//!
//! An assignment's cost is its work priced at the rate in force when the
//! work is done (a rate table can change from a date), overtime at the
//! overtime rate, plus the cost per use; a material's cost is its units at
//! its price. How the cost becomes actual follows the resource's accrual:
//! all at the start, all at the end, or as the work is done. A task costs
//! its assignments and its fixed cost; a summary, its children and its own
//! fixed cost.
//!
//! Amounts are integers in the currency's minor unit. Arithmetic on the way
//! is exact (fractions of whole numbers, [`Exact`]); a figure is rounded
//! once, half away from zero, when it is handed out. Ratios (CPI, SPI) are
//! numbers, and `None` where they would divide by zero.

use chrono::NaiveDateTime;

use crate::calendar::WorkCalendar;

/// When a cost becomes actual (MS Project's "accrue at").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Accrual {
    /// All of it as soon as the work starts.
    Start,
    /// As the work is done.
    #[default]
    Prorated,
    /// All of it when the work is finished.
    End,
}

/// A rate in force from a moment on, in minor units: per hour of work (or
/// per unit of a material), per hour of overtime, and per use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub from: NaiveDateTime,
    pub standard: i64,
    pub overtime: i64,
    pub per_use: i64,
}

/// A resource's rates over time, oldest first. An empty table costs nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RateTable(Vec<Rate>);

impl RateTable {
    /// A table of `rates` in any order.
    pub fn new(mut rates: Vec<Rate>) -> RateTable {
        rates.sort_by_key(|r| r.from);
        RateTable(rates)
    }

    /// One rate for all time.
    /// The rates, earliest first.
    pub fn rates(&self) -> &[Rate] {
        &self.0
    }

    pub fn flat(standard: i64, overtime: i64, per_use: i64) -> RateTable {
        RateTable(vec![Rate { from: NaiveDateTime::MIN, standard, overtime, per_use }])
    }

    /// The rate in force at `t`: the last that starts at or before it (the
    /// first, for a moment before them all).
    pub fn at(&self, t: NaiveDateTime) -> Rate {
        let i = self.0.partition_point(|r| r.from <= t);
        self.0.get(i.saturating_sub(1)).copied().unwrap_or(Rate {
            from: NaiveDateTime::MIN,
            standard: 0,
            overtime: 0,
            per_use: 0,
        })
    }

    /// The moments in `(a, b)` where the rate changes.
    fn changes(&self, a: NaiveDateTime, b: NaiveDateTime) -> impl Iterator<Item = NaiveDateTime> + '_ {
        self.0.iter().map(|r| r.from).filter(move |&t| a < t && t < b)
    }
}

/// An amount known exactly: a fraction of whole minor units. Rounded once,
/// by [`Exact::round`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exact {
    num: i128,
    den: i128,
}

impl Exact {
    pub const ZERO: Exact = Exact { num: 0, den: 1 };

    pub fn whole(minor: i64) -> Exact {
        Exact { num: i128::from(minor), den: 1 }
    }

    /// `a × b ÷ c`; zero when `c` is.
    pub fn ratio(a: i128, b: i128, c: i128) -> Exact {
        if c == 0 {
            return Exact::ZERO;
        }
        Exact { num: a * b, den: c }.reduced()
    }

    fn reduced(self) -> Exact {
        let g = gcd(self.num.unsigned_abs(), self.den.unsigned_abs()).max(1) as i128;
        let (num, den) = (self.num / g, self.den / g);
        if den < 0 { Exact { num: -num, den: -den } } else { Exact { num, den } }
    }

    pub fn plus(self, other: Exact) -> Exact {
        let g = gcd(self.den.unsigned_abs(), other.den.unsigned_abs()).max(1) as i128;
        let sum = (|| {
            let den = (self.den / g).checked_mul(other.den)?;
            let a = self.num.checked_mul(den / self.den)?;
            let b = other.num.checked_mul(den / other.den)?;
            Some(Exact { num: a.checked_add(b)?, den })
        })();
        match sum {
            Some(e) => e.reduced(),
            // Denominators beyond 10^38 do not arise from real plans; were
            // they to, a trillionth of a minor unit is kept.
            None => Exact { num: self.fine() + other.fine(), den: FINE }.reduced(),
        }
    }

    /// In trillionths of a minor unit.
    fn fine(self) -> i128 {
        let rest = self.num % self.den;
        let rest = if self.den <= FINE { rest * FINE / self.den } else { rest / (self.den / FINE) };
        (self.num / self.den).saturating_mul(FINE).saturating_add(rest)
    }

    pub fn minus(self, other: Exact) -> Exact {
        self.plus(Exact { num: -other.num, den: other.den })
    }

    /// `self × a ÷ b`; zero when `b` is.
    pub fn scale(self, a: i64, b: i64) -> Exact {
        if b == 0 {
            return Exact::ZERO;
        }
        Exact { num: self.num, den: self.den }.mul_int(a).div_int(b)
    }

    fn mul_int(self, a: i64) -> Exact {
        let g = gcd(self.den.unsigned_abs(), u128::from(a.unsigned_abs())).max(1) as i128;
        Exact { num: self.num * (i128::from(a) / g), den: self.den / g }.reduced()
    }

    fn div_int(self, b: i64) -> Exact {
        let g = gcd(self.num.unsigned_abs(), u128::from(b.unsigned_abs())).max(1) as i128;
        Exact { num: self.num / g, den: self.den * (i128::from(b) / g) }.reduced()
    }

    /// Whole minor units, half away from zero: the one place a cost is rounded.
    pub fn round(self) -> i64 {
        let q = (2 * self.num.abs() + self.den) / (2 * self.den);
        let q = if self.num < 0 { -q } else { q };
        i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }
}

const FINE: i128 = 1_000_000_000_000;

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Work done over a stretch of time: `minutes` spread evenly over the
/// working time of `[start, finish)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch {
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    pub minutes: i64,
}

/// What an assignment costs: its work (for a material, its units × 60),
/// how much of it is overtime, where it falls in time and how much is
/// done; the resource's rates and accrual, on its calendar.
#[derive(Debug, Clone)]
pub struct Priced<'a> {
    /// Total work in minutes; of it, overtime.
    pub work: i64,
    pub overtime: i64,
    /// Where the work falls; its minutes sum to `work`.
    pub planned: &'a [Stretch],
    /// Work done, in minutes, and where it fell.
    pub actual_work: i64,
    /// The done work's regular and overtime seconds, when they are known
    /// apart (MS Project's actual overtime work); else the done work is
    /// overtime in the whole work's proportion.
    pub actual_split: Option<[i64; 2]>,
    pub done: &'a [Stretch],
    pub rates: &'a RateTable,
    /// How often the cost per use is charged, in thousandths: a person's
    /// units (at 200 % it is charged twice, at 12.5 % an eighth), 1,000 for
    /// a material.
    pub uses_permille: i64,
    pub accrual: Accrual,
    pub calendar: &'a WorkCalendar,
}

/// An assignment's cost and how much of it is actual.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub cost: Exact,
    pub actual: Exact,
}

/// The cost of an assignment, and its actual cost by its accrual.
pub fn assignment_cost(a: &Priced) -> Cost {
    let start = a.planned.iter().map(|s| s.start).min();
    let per_use = start.map_or(Exact::ZERO, |t| Exact::whole(a.rates.at(t).per_use).scale(a.uses_permille, 1000));
    let cost = price(a, a.planned, [i128::from(a.work - a.overtime), i128::from(a.overtime), 1]).plus(per_use);
    let started = a.actual_work > 0;
    let finished = started && a.actual_work >= a.work;
    let actual = match a.accrual {
        Accrual::Start if started => cost,
        Accrual::End if finished => cost,
        Accrual::Prorated if finished => cost,
        Accrual::Prorated if started => {
            let done = i128::from(a.actual_work);
            let split = match a.actual_split {
                Some([regular, overtime]) => [i128::from(regular.max(0)), i128::from(overtime.max(0)), 60],
                None => [done * i128::from(a.work - a.overtime), done * i128::from(a.overtime), i128::from(a.work)],
            };
            price(a, a.done, split).plus(per_use)
        }
        _ => Exact::ZERO,
    };
    Cost { cost, actual }
}

/// `[regular, overtime, per]`: regular ÷ per and overtime ÷ per minutes of
/// the work, falling as `stretches` say (their minutes are weights: MS
/// Project's timephased data counts regular work only), priced at the rates
/// in force as it is done.
fn price(a: &Priced, stretches: &[Stretch], [regular, overtime, per]: [i128; 3]) -> Exact {
    let weight: i64 = stretches.iter().map(|s| s.minutes.max(0)).sum();
    if a.work <= 0 || weight == 0 {
        return Exact::ZERO;
    }
    let mut total = Exact::ZERO;
    for s in stretches {
        // Cut the stretch where the rate changes; each part takes its share
        // of the stretch's work by its working minutes.
        let mut cuts = vec![s.start];
        cuts.extend(a.rates.changes(s.start, s.finish));
        cuts.push(s.finish.max(s.start));
        let whole = a.calendar.working_minutes_between(s.start, s.finish);
        for w in cuts.windows(2) {
            let part =
                if whole > 0 { a.calendar.working_minutes_between(w[0], w[1]) } else { i64::from(w[0] == s.start) };
            let share = if whole > 0 { whole } else { 1 };
            if part == 0 {
                continue;
            }
            let rate = a.rates.at(w[0]);
            let per_hour = regular * i128::from(rate.standard) + overtime * i128::from(rate.overtime);
            // (minutes ÷ weight) × (part ÷ share) × per_hour ÷ per ÷ 60
            let value = Exact::ratio(
                i128::from(s.minutes.max(0)) * i128::from(part),
                per_hour,
                i128::from(share) * i128::from(weight) * per * 60,
            );
            total = total.plus(value);
        }
    }
    total
}

/// The stretch of `[start, finish)` in which the first `done` of `work`
/// minutes fall, when work goes at an even pace on `calendar`.
pub fn done_stretch(
    calendar: &WorkCalendar,
    start: NaiveDateTime,
    finish: NaiveDateTime,
    work: i64,
    done: i64,
) -> Stretch {
    let span = calendar.working_minutes_between(start, finish);
    let reach = if work > 0 { crate::money::round_div(span, done.min(work), work) } else { 0 };
    Stretch { start, finish: calendar.add(start, reach), minutes: done.min(work) }
}

/// A task's fixed cost that is actual at `percent` complete.
pub fn fixed_cost_actual(fixed: i64, accrual: Accrual, percent: u8) -> Exact {
    match accrual {
        Accrual::Start if percent > 0 => Exact::whole(fixed),
        Accrual::End | Accrual::Prorated if percent >= 100 => Exact::whole(fixed),
        Accrual::Prorated => Exact::whole(fixed).scale(i64::from(percent), 100),
        _ => Exact::ZERO,
    }
}

// ------------------------------------------------------------ earned value

/// How the estimate at completion is forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EacMethod {
    /// The rest costs what the plan says: EAC = AC + (BAC − EV).
    Atypical,
    /// The rest costs as the work so far did: EAC = BAC ÷ CPI.
    #[default]
    Cpi,
    /// Cost and schedule both weigh on the rest: EAC = AC + (BAC − EV) ÷ (CPI × SPI).
    CpiSpi,
}

impl EacMethod {
    pub const ALL: [EacMethod; 3] = [EacMethod::Cpi, EacMethod::Atypical, EacMethod::CpiSpi];

    pub fn code(self) -> &'static str {
        match self {
            EacMethod::Atypical => "atypical",
            EacMethod::Cpi => "cpi",
            EacMethod::CpiSpi => "cpi_spi",
        }
    }

    pub fn from_code(code: &str) -> Option<EacMethod> {
        EacMethod::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The formula as people write it.
    pub fn formula(self) -> &'static str {
        match self {
            EacMethod::Atypical => "EAC = AC + (BAC − EV)",
            EacMethod::Cpi => "EAC = BAC ÷ CPI",
            EacMethod::CpiSpi => "EAC = AC + (BAC − EV) ÷ (CPI × SPI)",
        }
    }
}

/// Earned value at a status date, in minor units, with what follows from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarnedValue {
    /// Budget at completion: the baseline's cost.
    pub bac: i64,
    /// Planned value (BCWS): the baseline's cost up to the status date.
    pub pv: i64,
    /// Earned value (BCWP): the baseline's cost of the work done.
    pub ev: i64,
    /// Actual cost (ACWP).
    pub ac: i64,
}

/// The figures a steering committee reads, from [`EarnedValue`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Performance {
    pub sv: i64,
    pub cv: i64,
    pub spi: Option<f64>,
    pub cpi: Option<f64>,
    pub eac: Option<i64>,
    pub etc: Option<i64>,
    pub vac: Option<i64>,
    pub tcpi: Option<f64>,
}

fn ratio(a: i64, b: i64) -> Option<f64> {
    (b != 0).then(|| a as f64 / b as f64)
}

impl EarnedValue {
    /// SV = EV − PV, CV = EV − AC, SPI = EV ÷ PV, CPI = EV ÷ AC, EAC by
    /// `method`, ETC = EAC − AC, VAC = BAC − EAC, TCPI = (BAC − EV) ÷ (BAC − AC).
    pub fn performance(&self, method: EacMethod) -> Performance {
        let EarnedValue { bac, pv, ev, ac } = *self;
        let eac = self.eac(method);
        Performance {
            sv: ev - pv,
            cv: ev - ac,
            spi: ratio(ev, pv),
            cpi: ratio(ev, ac),
            eac,
            etc: eac.map(|e| e - ac),
            vac: eac.map(|e| bac - e),
            tcpi: ratio(bac - ev, bac - ac),
        }
    }

    /// The estimate at completion by `method`; `None` where it divides by zero.
    pub fn eac(&self, method: EacMethod) -> Option<i64> {
        let EarnedValue { bac, pv, ev, ac } = *self;
        match method {
            EacMethod::Atypical => Some(ac + bac - ev),
            // BAC ÷ (EV ÷ AC)
            EacMethod::Cpi => (ev != 0).then(|| Exact::ratio(i128::from(bac), i128::from(ac), i128::from(ev)).round()),
            // AC + (BAC − EV) × AC × PV ÷ EV²
            EacMethod::CpiSpi => (ev != 0 && pv != 0).then(|| {
                let rest = Exact::ratio(
                    i128::from(bac - ev) * i128::from(ac),
                    i128::from(pv),
                    i128::from(ev) * i128::from(ev),
                );
                Exact::whole(ac).plus(rest).round()
            }),
        }
    }
}

/// Earned Schedule (Lipke): how much of the planned schedule the work done
/// is worth, in periods, with what follows from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarnedSchedule {
    /// ES = C + (EV − PV_C) ÷ (PV_C+1 − PV_C), C the whole periods whose
    /// planned value the work done has reached.
    pub es: f64,
    /// SV(t) = ES − AT.
    pub sv_t: f64,
    /// SPI(t) = ES ÷ AT.
    pub spi_t: Option<f64>,
    /// IEAC(t) = PD ÷ SPI(t): the forecast duration, in periods.
    pub ieac_t: Option<f64>,
}

/// Earned Schedule from the cumulative planned value at the end of each
/// period (`pv[0]` after the first), the earned value, the actual time
/// `at` and the planned duration `pd`, both in periods.
pub fn earned_schedule(pv: &[i64], ev: i64, at: f64, pd: f64) -> EarnedSchedule {
    let whole = pv.iter().take_while(|&&p| p <= ev).count();
    let before = if whole == 0 { 0 } else { pv[whole - 1] };
    let es = match pv.get(whole) {
        Some(&next) if next > before => whole as f64 + (ev - before) as f64 / (next - before) as f64,
        _ => whole as f64,
    };
    // The plan earns nothing after its last period: ES cannot exceed PD.
    let es = if pd > 0.0 { es.min(pd) } else { es };
    let spi_t = (at > 0.0).then(|| es / at);
    EarnedSchedule { es, sv_t: es - at, spi_t, ieac_t: spi_t.filter(|s| *s > 0.0).map(|s| pd / s) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 2, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    fn priced<'a>(
        work: i64,
        overtime: i64,
        planned: &'a [Stretch],
        rates: &'a RateTable,
        cal: &'a WorkCalendar,
    ) -> Priced<'a> {
        Priced {
            work,
            overtime,
            planned,
            actual_work: 0,
            actual_split: None,
            done: &[],
            rates,
            uses_permille: 1000,
            accrual: Accrual::Prorated,
            calendar: cal,
        }
    }

    #[test]
    fn work_is_priced_at_the_rate_in_force_when_it_is_done() {
        // MS Project's timephased-multi-rate plan: 10 an hour until 13:00 on
        // 4 February, 11 after; the standard calendar (8–12, 13–17).
        let cal = WorkCalendar::standard(1, "Standard");
        let rates = RateTable::new(vec![
            Rate { from: NaiveDateTime::MIN, standard: 1000, overtime: 1100, per_use: 0 },
            Rate { from: at(4, 13), standard: 1100, overtime: 1200, per_use: 0 },
        ]);
        // (work h, overtime h, finish, MS Project's cost in cents)
        let cases: [(i64, i64, NaiveDateTime, f64); 4] = [
            (24, 0, at(6, 17), 26000.0),
            (8, 0, at(4, 17), 8400.0),
            (16, 2, at(5, 15), 17342.8574),
            (24, 3, at(6, 14), 26242.8574),
        ];
        for (work, ot, finish, expected) in cases {
            let planned = [Stretch { start: at(4, 8), finish, minutes: work * 60 }];
            let c = assignment_cost(&priced(work * 60, ot * 60, &planned, &rates, &cal));
            assert_eq!(c.cost.round(), expected.round() as i64, "{work} h with {ot} h overtime until {finish}");
        }
    }

    #[test]
    fn a_cost_becomes_actual_by_its_accrual() {
        let cal = WorkCalendar::standard(1, "Standard");
        let rates = RateTable::flat(1200, 0, 0);
        let planned = [Stretch { start: at(10, 8), finish: at(16, 17), minutes: 600 }];
        // (accrual, done minutes, actual cost): MS Project's material-resource plan,
        // and a prorated share of a third.
        let cases = [
            (Accrual::Start, 270, 12000),
            (Accrual::End, 360, 0),
            (Accrual::End, 600, 12000),
            (Accrual::Prorated, 200, 4000),
            (Accrual::Start, 0, 0),
        ];
        for (accrual, done, expected) in cases {
            let stretch = [done_stretch(&cal, at(10, 8), at(16, 17), 600, done)];
            let c = assignment_cost(&Priced {
                actual_work: done,
                actual_split: None,
                done: &stretch,
                accrual,
                ..priced(600, 0, &planned, &rates, &cal)
            });
            assert_eq!(c.cost.round(), 12000);
            assert_eq!(c.actual.round(), expected, "{accrual:?} with {done} of 600 done");
        }
    }

    #[test]
    fn actual_overtime_is_priced_at_the_overtime_rate_when_the_file_says_how_much() {
        // MS Project's mpp9assignmentfields plan: 80 h at 50 an hour, 9 h of
        // it overtime at 60; done 2 h 0 min 5 s, of it 1 h 6 min 5 s
        // overtime; MS Project's actual cost 111.084507.
        let cal = WorkCalendar::standard(1, "Standard");
        let rates = RateTable::flat(5000, 6000, 0);
        let start = NaiveDate::from_ymd_opt(2011, 7, 6).unwrap().and_hms_opt(8, 0, 0).unwrap();
        let finish = NaiveDate::from_ymd_opt(2011, 7, 18).unwrap().and_hms_opt(16, 1, 0).unwrap();
        let planned = [Stretch { start, finish, minutes: 71 * 60 }];
        let done = [done_stretch(&cal, start, finish, 80 * 60, 120)];
        let known = |split| Priced {
            actual_work: 120,
            actual_split: split,
            done: &done,
            ..priced(80 * 60, 9 * 60, &planned, &rates, &cal)
        };
        let overtime = 3600 + 6 * 60 + 5;
        let c = assignment_cost(&known(Some([2 * 3600 + 5 - overtime, overtime])));
        assert_eq!((c.cost.round(), c.actual.round()), (409_000, 11108));
        // Without the file's split, the done work is overtime in the whole's
        // proportion (9 of 80 hours): 120 min × (71 × 50 + 9 × 60) ÷ 80 ÷ 60.
        assert_eq!(assignment_cost(&known(None)).actual.round(), 10225);
    }

    #[test]
    fn a_cost_per_use_counts_once_and_fixed_costs_accrue() {
        let cal = WorkCalendar::standard(1, "Standard");
        let rates = RateTable::flat(5000, 0, 2500);
        let planned = [Stretch { start: at(4, 8), finish: at(4, 17), minutes: 480 }];
        assert_eq!(assignment_cost(&priced(480, 0, &planned, &rates, &cal)).cost.round(), 8 * 5000 + 2500);
        // MS Project's cost-rollup plan: 5 h at 33 an hour, 5.00 a use, at 12.5 %.
        let rates = RateTable::flat(3300, 0, 500);
        let planned = [Stretch { start: at(16, 8), finish: at(20, 17), minutes: 300 }];
        let c = assignment_cost(&Priced { uses_permille: 125, ..priced(300, 0, &planned, &rates, &cal) });
        assert_eq!(c.cost.round(), 16500 + 63, "the cost per use in the share of the units: 0.625");
        assert_eq!(fixed_cost_actual(1000, Accrual::Start, 1).round(), 1000);
        assert_eq!(fixed_cost_actual(1000, Accrual::End, 99).round(), 0);
        assert_eq!(fixed_cost_actual(1000, Accrual::Prorated, 33).round(), 330);
        assert_eq!(fixed_cost_actual(1001, Accrual::Prorated, 50).round(), 501, "half away from zero");
    }

    #[test]
    fn exact_amounts_round_once_half_away_from_zero() {
        let third = Exact::ratio(1, 1, 3);
        assert_eq!(third.plus(third).plus(third).round(), 1, "three thirds are one, not 0.99");
        assert_eq!(Exact::ratio(5, 1, 2).round(), 3);
        assert_eq!(Exact::ratio(-5, 1, 2).round(), -3);
        assert_eq!(Exact::whole(10).minus(Exact::ratio(1, 1, 2)).round(), 10);
    }

    #[test]
    fn earned_value_follows_the_textbook() {
        // Schwalbe, Information Technology Project Management, ch. 7 (earned
        // value exercise): BAC $200,000 over six months; after three, PV
        // $120,000, EV $100,000, AC $90,000.
        let ev = EarnedValue { bac: 20_000_000, pv: 12_000_000, ev: 10_000_000, ac: 9_000_000 };
        let p = ev.performance(EacMethod::Cpi);
        assert_eq!(p.cv, 1_000_000);
        assert_eq!(p.sv, -2_000_000);
        assert!((p.cpi.unwrap() - 1.1111).abs() < 1e-4);
        assert!((p.spi.unwrap() - 0.8333).abs() < 1e-4);
        assert_eq!(p.eac, Some(18_000_000), "BAC ÷ CPI = $180,000");
        assert_eq!(p.etc, Some(9_000_000));
        assert_eq!(p.vac, Some(2_000_000));
        assert!((p.tcpi.unwrap() - 10.0 / 11.0).abs() < 1e-9, "(BAC − EV) ÷ (BAC − AC)");
        assert_eq!(ev.eac(EacMethod::Atypical), Some(19_000_000));
        // AC + (BAC − EV) ÷ (CPI × SPI) = 90,000 + 100,000 ÷ (1.1111 × 0.8333) = 198,000
        assert_eq!(ev.eac(EacMethod::CpiSpi), Some(19_800_000));
        let none = EarnedValue { bac: 100, pv: 0, ev: 0, ac: 0 }.performance(EacMethod::CpiSpi);
        assert_eq!((none.spi, none.cpi, none.eac), (None, None, None), "no division by zero");
    }

    #[test]
    fn earned_schedule_interpolates_into_the_period_the_work_reached() {
        // Lipke's construction (The Measurable News, March 2003, "Schedule is
        // Different"): EV earned all of the plan through May and part of
        // June, AT = 7 months: ES = 5 + (EV − PV_May) ÷ (PV_Jun − PV_May).
        let pv = [100, 250, 450, 700, 1000, 1300, 1600, 1850, 2050, 2200, 2300];
        let es = earned_schedule(&pv, 1150, 7.0, 11.0);
        assert!((es.es - 5.5).abs() < 1e-9);
        assert!((es.sv_t + 1.5).abs() < 1e-9);
        assert!((es.spi_t.unwrap() - 5.5 / 7.0).abs() < 1e-9);
        assert!((es.ieac_t.unwrap() - 11.0 * 7.0 / 5.5).abs() < 1e-9);
        // At completion, late: SPI is 1 but SPI(t) still says late.
        let done = earned_schedule(&pv, 2300, 13.0, 11.0);
        assert!((done.es - 11.0).abs() < 1e-9 && done.spi_t.unwrap() < 0.85);
        assert_eq!(earned_schedule(&pv, 0, 0.0, 11.0).spi_t, None);
        // Periods counted past the plan's finish earn no more schedule.
        let finished = earned_schedule(&[100, 200, 200], 200, 2.5, 1.6);
        assert!((finished.es - 1.6).abs() < 1e-9, "{}", finished.es);
    }
}
