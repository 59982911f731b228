//! The Gantt chart on paper: which rows and which days each page shows, and
//! where every bar, arrow, tick and shaded day lands, in points. The typst
//! template only draws what this module placed.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use gantry_core::model::{LinkKind, TaskKind};
use serde::Serialize;

use crate::measure::Measure;
use crate::{ChartLayout, PageSize, ProjectReport};

/// Page margins and the chart page's fixed bands, in points; the template
/// uses the same numbers (they are sent along with each page).
pub(crate) const MARGIN_X: f64 = 30.0;
pub(crate) const MARGIN_TOP: f64 = 30.0;
pub(crate) const MARGIN_BOTTOM: f64 = 40.0;
const TITLE_BAND: f64 = 30.0;
const LEGEND_BAND: f64 = 20.0;
const TIER: f64 = 12.0;
pub(crate) const ROW_HEIGHT: f64 = 14.0;
const BAR_HEIGHT: f64 = 7.0;
const LABEL_SIZE: f64 = 7.0;
const TICK_SIZE: f64 = 6.5;
/// The tiled layout's scale: a week is 56 pt, wide enough for day shading
/// and a date under every week.
const TILED_POINTS_PER_DAY: f64 = 8.0;

/// One printed page of the chart.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChartPage {
    pub subtitle: String,
    pub label_width: f64,
    pub chart_width: f64,
    pub header_height: f64,
    pub body_height: f64,
    pub row_height: f64,
    pub rows: Vec<Row>,
    pub upper: Vec<Tick>,
    pub lower: Vec<Tick>,
    pub shade: Vec<Span>,
    pub bars: Vec<Bar>,
    pub arrows: Vec<Arrow>,
    /// The status date's line, when it falls on this page.
    pub today: Option<f64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Row {
    pub y: f64,
    pub indent: f64,
    pub label: String,
    pub summary: bool,
    pub critical: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct Tick {
    pub x: f64,
    pub w: f64,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Span {
    pub x: f64,
    pub w: f64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Bar {
    pub kind: &'static str,
    pub x: f64,
    pub w: f64,
    /// The bar's top.
    pub y: f64,
    pub h: f64,
    /// How much of the bar is done, in points from its left end.
    pub done: f64,
    pub critical: bool,
    /// The baseline bar under it: left and width.
    pub baseline: Option<(f64, f64)>,
    /// The pauses in its work (a split task): left and width of each gap.
    pub gaps: Vec<(f64, f64)>,
    /// Its deadline's place, and whether the task finishes after it.
    pub deadline: Option<(f64, bool)>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Arrow {
    pub points: Vec<(f64, f64)>,
    /// Where the arrowhead points: "right", "left", "down", "up", or "" for
    /// a link that leaves the page.
    pub head: &'static str,
    pub critical: bool,
}

/// The chart's pages: rows top to bottom, and in the tiled layout each band
/// of rows across every slice of the date range before the next band.
pub(crate) fn pages(
    report: &ProjectReport,
    range: (NaiveDate, NaiveDate),
    layout: ChartLayout,
    page: PageSize,
    measure: &Measure,
) -> Vec<ChartPage> {
    let (begin, end) = bounds(range);
    let body_width = page.width - 2.0 * MARGIN_X;
    let label_width = (body_width * 0.28).clamp(120.0, 230.0);
    let chart_width = body_width - label_width;
    let header_height = 2.0 * TIER;
    let free = page.height - MARGIN_TOP - MARGIN_BOTTOM - TITLE_BAND - LEGEND_BAND - header_height;
    let per_page = ((free / ROW_HEIGHT).floor() as usize).max(1);
    let body_height = per_page as f64 * ROW_HEIGHT;

    let days = (end - begin).num_days().max(1) as f64;
    let (scale, tile_days) = match layout {
        ChartLayout::FitWidth => (chart_width / days, days as i64),
        ChartLayout::Tiled if days * TILED_POINTS_PER_DAY <= chart_width => (chart_width / days, days as i64),
        ChartLayout::Tiled => (TILED_POINTS_PER_DAY, (chart_width / TILED_POINTS_PER_DAY).floor() as i64),
    };
    let tiles: Vec<(NaiveDateTime, NaiveDateTime)> = {
        let mut out = Vec::new();
        let mut from = begin;
        while from < end {
            let to = (from + Duration::days(tile_days.max(1))).min(end);
            out.push((from, to));
            from = to;
        }
        out
    };

    let shown: Vec<usize> = (0..report.tasks.len()).filter(|&i| touches(&report.tasks[i], begin, end)).collect();
    let place: HashMap<usize, usize> = shown.iter().enumerate().map(|(n, &i)| (i, n)).collect();
    let status = report.status_date.and_hms_opt(0, 0, 0).unwrap_or_default();

    let mut out = Vec::new();
    let bands = shown.len().div_ceil(per_page).max(1);
    for band in 0..bands {
        let first = band * per_page;
        let rows_here = &shown[first.min(shown.len())..(first + per_page).min(shown.len())];
        for (n, &(from, to)) in tiles.iter().enumerate() {
            let x = |t: NaiveDateTime| (t - from).num_minutes() as f64 / 1440.0 * scale;
            let width = x(to).min(chart_width);
            let mut subtitle = format!("{} – {}", long_date(from.date()), long_date((to - Duration::days(1)).date()));
            if bands > 1 {
                subtitle.push_str(&format!(" · rows {}–{} of {}", first + 1, first + rows_here.len(), shown.len()));
            }
            if tiles.len() > 1 {
                subtitle.push_str(&format!(" · part {} of {}", n + 1, tiles.len()));
            }
            let rows = rows_here
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let t = &report.tasks[i];
                    let indent = f64::from(t.depth.min(12)) * 7.0;
                    let summary = t.kind == TaskKind::Summary;
                    let text = format!("{} {}", t.outline, t.name);
                    Row {
                        y: k as f64 * ROW_HEIGHT,
                        indent,
                        label: measure.elide(&text, LABEL_SIZE, summary, label_width - indent - 6.0),
                        summary,
                        critical: t.critical && !summary,
                    }
                })
                .collect();
            let bars = rows_here
                .iter()
                .enumerate()
                .filter_map(|(k, &i)| bar(&report.tasks[i], k as f64 * ROW_HEIGHT, &x, width))
                .collect();
            let row_on_page =
                |i: usize| place.get(&i).and_then(|&p| (p >= first && p < first + per_page).then(|| p - first));
            let arrows = report
                .links
                .iter()
                .filter_map(|l| {
                    let from_row = place.get(&l.predecessor)?;
                    let to_row = place.get(&l.successor)?;
                    let (p, s) = (&report.tasks[l.predecessor], &report.tasks[l.successor]);
                    arrow(
                        l.kind,
                        (x(anchor(p, l.kind, true)), row_on_page(l.predecessor), *from_row < first),
                        (x(anchor(s, l.kind, false)), row_on_page(l.successor), *to_row < first),
                        body_height,
                        p.critical && s.critical,
                        width,
                    )
                })
                .collect();
            let (upper, lower) = ticks(from, to, scale, &x, measure);
            let today = (status >= from && status < to).then(|| round(x(status)));
            out.push(ChartPage {
                subtitle,
                label_width: round(label_width),
                chart_width: round(chart_width),
                header_height,
                body_height,
                row_height: ROW_HEIGHT,
                rows,
                upper,
                lower,
                shade: if scale >= 2.5 { shade(report, from, to, &x) } else { Vec::new() },
                bars,
                arrows,
                today,
            });
        }
    }
    out
}

/// The chart's first and last day as the moments that bound it.
pub(crate) fn bounds(range: (NaiveDate, NaiveDate)) -> (NaiveDateTime, NaiveDateTime) {
    let begin = range.0.and_hms_opt(0, 0, 0).unwrap_or_default();
    let end = (range.1 + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap_or_default();
    (begin, end)
}

/// Whether a task's dates touch the chart; a milestone on the last day counts.
pub(crate) fn touches(t: &crate::ReportTask, begin: NaiveDateTime, end: NaiveDateTime) -> bool {
    t.start < end && t.finish >= begin
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

pub(crate) fn long_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// Where a link leaves its predecessor or reaches its successor.
fn anchor(t: &crate::ReportTask, kind: LinkKind, predecessor: bool) -> NaiveDateTime {
    let at_finish = match kind {
        LinkKind::FinishToStart => predecessor,
        LinkKind::StartToStart => false,
        LinkKind::FinishToFinish => true,
        LinkKind::StartToFinish => !predecessor,
    };
    if at_finish { t.finish } else { t.start }
}

fn bar(t: &crate::ReportTask, top: f64, x: &impl Fn(NaiveDateTime) -> f64, width: f64) -> Option<Bar> {
    let mid = top + ROW_HEIGHT / 2.0;
    let (x0, x1) = (x(t.start), x(t.finish));
    let baseline = t.baseline.and_then(|(s, f)| {
        let (b0, b1) = (x(s), x(f).max(x(s) + 1.5));
        (b1 >= 0.0 && b0 <= width).then(|| (round(b0.max(-2.0)), round(b1.min(width + 2.0) - b0.max(-2.0))))
    });
    let deadline = t
        .deadline
        .map(|d| (x(d), t.finish > d))
        .filter(|&(xd, _)| (0.0..=width).contains(&xd))
        .map(|(xd, missed)| (round(xd), missed));
    if t.kind == TaskKind::Milestone {
        return (x0 >= -4.0 && x0 <= width + 4.0).then(|| Bar {
            kind: "milestone",
            x: round(x0),
            w: 0.0,
            y: round(mid - BAR_HEIGHT / 2.0 - 1.0),
            h: BAR_HEIGHT + 2.0,
            done: 0.0,
            critical: t.critical,
            baseline,
            gaps: Vec::new(),
            deadline,
        });
    }
    if x1 < 0.0 || x0 > width {
        return None;
    }
    // Bars cut by the page edge run a little past it, so they read as cut.
    let (left, right) = (x0.max(-2.0), x1.min(width + 2.0).max(x0.max(-2.0) + 1.5));
    let summary = t.kind == TaskKind::Summary;
    let h = if summary { 4.0 } else { BAR_HEIGHT };
    let done_at = x0 + (x1 - x0) * f64::from(t.percent_complete.min(100)) / 100.0;
    Some(Bar {
        kind: if summary { "summary" } else { "task" },
        x: round(left),
        w: round(right - left),
        y: round(if summary { mid - 3.5 } else { mid - BAR_HEIGHT / 2.0 - 1.0 }),
        h,
        done: round((done_at.clamp(left, right) - left).max(0.0)),
        critical: t.critical && !summary,
        baseline,
        gaps: t
            .pauses
            .iter()
            .map(|&(from, to)| (x(from).max(left), x(to).min(right)))
            .filter(|(g0, g1)| g1 > g0)
            .map(|(g0, g1)| (round(g0), round(g1 - g0)))
            .collect(),
        deadline,
    })
}

/// The elbow route of a link. Each end is its x, its row on this page
/// (`None` when on another page) and whether that other page comes before.
fn arrow(
    kind: LinkKind,
    from: (f64, Option<usize>, bool),
    to: (f64, Option<usize>, bool),
    body_height: f64,
    critical: bool,
    width: f64,
) -> Option<Arrow> {
    let mid = |row: usize| row as f64 * ROW_HEIGHT + ROW_HEIGHT / 2.0;
    let edge = |before: bool| if before { 0.0 } else { body_height };
    let leaves_right = matches!(kind, LinkKind::FinishToStart | LinkKind::FinishToFinish);
    let enters_left = matches!(kind, LinkKind::FinishToStart | LinkKind::StartToStart);
    let out_x = if leaves_right { from.0 + 4.0 } else { from.0 - 4.0 };
    let in_x = if enters_left { to.0 - 4.0 } else { to.0 + 4.0 };
    let head_side = if enters_left { "right" } else { "left" };
    let points: Vec<(f64, f64)>;
    let head;
    match (from.1, to.1) {
        (None, None) => return None,
        (Some(a), Some(b)) => {
            let (ya, yb) = (mid(a), mid(b));
            if kind == LinkKind::FinishToStart && to.0 >= out_x {
                // Straight down into the top (or up into the bottom) of the successor.
                let into = if yb > ya { yb - BAR_HEIGHT / 2.0 - 1.0 } else { yb + BAR_HEIGHT / 2.0 + 1.0 };
                let x = to.0 + 2.0;
                points = vec![(from.0, ya), (x, ya), (x, into)];
                head = if yb > ya { "down" } else { "up" };
            } else {
                let between = if yb > ya { yb - ROW_HEIGHT / 2.0 } else { yb + ROW_HEIGHT / 2.0 };
                points = vec![(from.0, ya), (out_x, ya), (out_x, between), (in_x, between), (in_x, yb), (to.0, yb)];
                head = head_side;
            }
        }
        (None, Some(b)) => {
            // The predecessor is on another page: come in from that edge.
            let yb = mid(b);
            points = vec![(in_x, edge(from.2)), (in_x, yb), (to.0, yb)];
            head = head_side;
        }
        (Some(a), None) => {
            let ya = mid(a);
            points = vec![(from.0, ya), (out_x, ya), (out_x, edge(to.2))];
            head = "";
        }
    }
    let (lo, hi) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
    if hi < 0.0 || lo > width {
        return None;
    }
    let mut points: Vec<(f64, f64)> = points.into_iter().map(|(x, y)| (round(x), round(y))).collect();
    points.dedup();
    Some(Arrow { points, head, critical })
}

/// The two tiers of the time scale, coarse above and fine below, cut to the
/// page; a label that does not fit its cell is left out.
fn ticks(
    from: NaiveDateTime,
    to: NaiveDateTime,
    scale: f64,
    x: &impl Fn(NaiveDateTime) -> f64,
    measure: &Measure,
) -> (Vec<Tick>, Vec<Tick>) {
    #[derive(Clone, Copy)]
    enum Unit {
        Day,
        Week,
        Month,
        Quarter,
        Year,
    }
    let (upper, lower) = match scale {
        s if s >= 14.0 => (Unit::Month, Unit::Day),
        s if s >= 3.0 => (Unit::Month, Unit::Week),
        s if s >= 0.7 => (Unit::Year, Unit::Month),
        _ => (Unit::Year, Unit::Quarter),
    };
    let start_of = |d: NaiveDate, u: Unit| -> NaiveDate {
        match u {
            Unit::Day => d,
            Unit::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
            Unit::Month => d.with_day(1).unwrap_or(d),
            Unit::Quarter => NaiveDate::from_ymd_opt(d.year(), (d.month0() / 3) * 3 + 1, 1).unwrap_or(d),
            Unit::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        }
    };
    let next = |d: NaiveDate, u: Unit| -> NaiveDate {
        match u {
            Unit::Day => d + Duration::days(1),
            Unit::Week => d + Duration::days(7),
            Unit::Month => d.checked_add_months(chrono::Months::new(1)).unwrap_or(d + Duration::days(31)),
            Unit::Quarter => d.checked_add_months(chrono::Months::new(3)).unwrap_or(d + Duration::days(92)),
            Unit::Year => d.checked_add_months(chrono::Months::new(12)).unwrap_or(d + Duration::days(366)),
        }
    };
    let labels = |d: NaiveDate, u: Unit| -> Vec<String> {
        match u {
            Unit::Day => vec![d.format("%-d").to_string()],
            Unit::Week => vec![d.format("%-d %b").to_string(), d.format("%-d").to_string()],
            Unit::Month => vec![
                d.format("%B %Y").to_string(),
                d.format("%b %Y").to_string(),
                d.format("%b").to_string(),
                d.format("%b").to_string().chars().take(1).collect(),
            ],
            Unit::Quarter => vec![format!("Q{} {}", d.month0() / 3 + 1, d.year()), format!("Q{}", d.month0() / 3 + 1)],
            Unit::Year => vec![d.format("%Y").to_string()],
        }
    };
    let end_x = x(to);
    let tier = |u: Unit| -> Vec<Tick> {
        let mut out = Vec::new();
        let mut d = start_of(from.date(), u);
        let last = to.date();
        while d < last {
            let n = next(d, u);
            let x0 = x(d.and_hms_opt(0, 0, 0).unwrap_or_default()).max(0.0);
            let x1 = x(n.and_hms_opt(0, 0, 0).unwrap_or_default()).min(end_x);
            let w = x1 - x0;
            let label =
                labels(d, u).into_iter().find(|l| measure.width(l, TICK_SIZE, false) + 4.0 <= w).unwrap_or_default();
            out.push(Tick { x: round(x0), w: round(w), label });
            d = n;
        }
        out
    };
    (tier(upper), tier(lower))
}

/// Non-working days of the project calendar on this page, merged into runs.
fn shade(
    report: &ProjectReport,
    from: NaiveDateTime,
    to: NaiveDateTime,
    x: &impl Fn(NaiveDateTime) -> f64,
) -> Vec<Span> {
    let exceptions: HashMap<NaiveDate, bool> = report.exceptions.iter().copied().collect();
    let mut out: Vec<Span> = Vec::new();
    let mut day = from.date();
    while day < to.date() {
        let working =
            exceptions.get(&day).copied().unwrap_or(report.work_week[day.weekday().num_days_from_monday() as usize]);
        if !working {
            let x0 = x(day.and_hms_opt(0, 0, 0).unwrap_or_default());
            let x1 = x((day + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap_or_default());
            match out.last_mut() {
                Some(last) if (last.x + last.w - x0).abs() < 0.01 => last.w = round(x1 - last.x),
                _ => out.push(Span { x: round(x0), w: round(x1 - x0) }),
            }
        }
        day += Duration::days(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Orientation, Paper, ReportLink, ReportTask};
    use gantry_core::model::ProjectStatus;

    /// The measure of the installed report fonts.
    fn fonts() -> Measure {
        Measure::new().expect("the report fonts are installed")
    }

    fn at(d: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{d} 08:00"), "%Y-%m-%d %H:%M").expect("test dates are valid")
    }

    /// A chain of `n` two-day tasks, each starting the day after the last
    /// ends, every fifth a milestone, linked finish-to-start.
    fn chain(n: usize) -> ProjectReport {
        let first = at("2027-03-01");
        let tasks: Vec<ReportTask> = (0..n)
            .map(|i| {
                let start = first + Duration::days(i as i64);
                let milestone = i % 5 == 4;
                ReportTask {
                    outline: format!("{}", i + 1),
                    name: format!("Task number {i} with a name long enough to be cut in the label column"),
                    depth: 0,
                    kind: if milestone { TaskKind::Milestone } else { TaskKind::Task },
                    start,
                    finish: if milestone { start } else { start + Duration::hours(9) },
                    duration: "1d".into(),
                    percent_complete: 50,
                    total_slack: String::new(),
                    critical: i % 2 == 0,
                    assignees: String::new(),
                    baseline: Some((start - Duration::days(1), start - Duration::days(1) + Duration::hours(9))),
                    finish_variance_days: Some(1.0),
                    pauses: Vec::new(),
                    deadline: None,
                }
            })
            .collect();
        let links =
            (1..n).map(|i| ReportLink { predecessor: i - 1, successor: i, kind: LinkKind::FinishToStart }).collect();
        ProjectReport {
            name: "Chain".into(),
            manager: String::new(),
            goal: String::new(),
            status: ProjectStatus::OnTrack,
            status_reason: String::new(),
            status_date: first.date() + Duration::days(3),
            start: first,
            finish: tasks.last().map_or(first, |t| t.finish),
            percent_complete: 50.0,
            baseline: None,
            tasks,
            links,
            work_week: [true, true, true, true, true, false, false],
            exceptions: vec![(NaiveDate::from_ymd_opt(2027, 3, 3).expect("valid"), false)],
            diagnostics: Vec::new(),
            team: Vec::new(),
            team_weeks: Vec::new(),
            budget: None,
            risks: None,
            decisions: None,
            releases: Vec::new(),
            closure: None,
        }
    }

    fn layout(
        r: &ProjectReport,
        range: (&str, &str),
        mode: ChartLayout,
        paper: Paper,
        o: Orientation,
    ) -> Vec<ChartPage> {
        let range = (at(range.0).date(), at(range.1).date());
        pages(r, range, mode, PageSize::of(paper, o), &fonts())
    }

    #[test]
    fn rows_break_into_pages_that_fill_the_paper_and_every_row_prints_once() {
        let r = chain(100);
        for (paper, o) in [
            (Paper::A4, Orientation::Landscape),
            (Paper::A4, Orientation::Portrait),
            (Paper::A3, Orientation::Portrait),
        ] {
            let pages = layout(&r, ("2027-03-01", "2027-06-10"), ChartLayout::FitWidth, paper, o);
            let per_page = pages[0].rows.len();
            assert_eq!(
                pages.len(),
                100usize.div_ceil(per_page),
                "{paper:?} {o:?}: fit width has one page per band of rows"
            );
            assert_eq!(pages.iter().map(|p| p.rows.len()).sum::<usize>(), 100, "every row prints once");
            let page = PageSize::of(paper, o);
            for p in &pages {
                assert!(
                    p.body_height + p.header_height < page.height - MARGIN_TOP - MARGIN_BOTTOM,
                    "the chart fits the page"
                );
                assert!(
                    (p.label_width + p.chart_width - (page.width - 2.0 * MARGIN_X)).abs() < 0.1,
                    "the chart spans the page width"
                );
                assert!(p.rows.iter().all(|row| row.y + ROW_HEIGHT <= p.body_height + 0.01));
            }
        }
    }

    /// A split task's bar is cut where its work pauses, and a deadline sits
    /// at its date, flagged once the task finishes after it.
    #[test]
    fn pauses_cut_the_bar_and_deadlines_sit_at_their_dates() {
        let mut r = chain(6);
        // Task 2 (2 March 08:00–17:00) pauses from 11:00 to 14:00; task 3
        // (3 March, finishing 17:00) is due on 4 March, task 4 on 3 March
        // at noon, before it finishes.
        let day = |d: &str, hour: i64| at(d) - Duration::hours(8) + Duration::hours(hour);
        r.tasks[1].pauses = vec![(day("2027-03-02", 11), day("2027-03-02", 14))];
        r.tasks[2].deadline = Some(day("2027-03-04", 17));
        r.tasks[3].deadline = Some(day("2027-03-03", 12));
        let pages = layout(&r, ("2027-03-01", "2027-03-30"), ChartLayout::FitWidth, Paper::A4, Orientation::Landscape);
        let p = &pages[0];
        let per_hour = p.chart_width / 30.0 / 24.0;
        let (gx, gw) = p.bars[1].gaps[0];
        assert!((gx - (24.0 + 11.0) * per_hour).abs() < 0.05 && (gw - 3.0 * per_hour).abs() < 0.05, "gap {gx} {gw}");
        let (dx, missed) = p.bars[2].deadline.expect("drawn");
        assert!((dx - (3.0 * 24.0 + 17.0) * per_hour).abs() < 0.05 && !missed);
        assert_eq!(p.bars[3].deadline.map(|d| d.1), Some(true), "finishing after it");
        assert!(p.bars.iter().enumerate().all(|(i, b)| (i == 1) != b.gaps.is_empty()), "only the split task is cut");
    }

    #[test]
    fn bars_sit_at_their_dates_and_inside_the_chart() {
        let r = chain(20);
        let pages = layout(&r, ("2027-03-01", "2027-03-30"), ChartLayout::FitWidth, Paper::A4, Orientation::Landscape);
        let p = &pages[0];
        let per_day = p.chart_width / 30.0;
        // Task 2 starts 2 March 08:00: 1 day and 8 hours in.
        let second = &p.bars[1];
        assert!(
            (second.x - (1.0 + 8.0 / 24.0) * per_day).abs() < 0.05,
            "bar x {} vs {}",
            second.x,
            (1.0 + 8.0 / 24.0) * per_day
        );
        assert!((second.w - 9.0 / 24.0 * per_day).abs() < 0.05);
        assert!((second.done - second.w / 2.0).abs() < 0.05, "half done shows half the bar");
        assert!(p.bars.iter().filter(|b| b.kind == "milestone").count() == 4, "every fifth task is a milestone");
        for b in &p.bars {
            assert!(b.x >= -2.0 && b.x + b.w <= p.chart_width + 2.0, "{b:?} stays inside the chart");
            if let Some((bx, bw)) = b.baseline {
                assert!(bx < b.x && bw > 0.0, "the baseline lies a day earlier");
            }
        }
        let with_baseline = p.bars.iter().filter(|b| b.baseline.is_some()).count();
        assert_eq!(with_baseline, 19, "the first task's baseline (28 February) is before the chart");
        assert!(p.today.is_some_and(|x| (x - 3.0 * per_day).abs() < 0.05), "the status date line is on 4 March");
    }

    #[test]
    fn a_chosen_range_prints_only_the_rows_it_touches() {
        let r = chain(60);
        let pages = layout(&r, ("2027-03-10", "2027-03-19"), ChartLayout::FitWidth, Paper::A4, Orientation::Landscape);
        let labels: Vec<&str> = pages.iter().flat_map(|p| p.rows.iter().map(|r| r.label.as_str())).collect();
        assert_eq!(labels.len(), 10, "tasks 10 to 19 start in the range: {labels:?}");
        assert!(labels[0].starts_with("10 "));
    }

    #[test]
    fn the_tiled_layout_cuts_a_long_range_into_parts_that_repeat_the_task_names() {
        let r = chain(30);
        let pages = layout(&r, ("2027-03-01", "2027-08-31"), ChartLayout::Tiled, Paper::A4, Orientation::Landscape);
        assert!(pages.len() >= 3, "184 days at 8 pt a day need several page widths, got {}", pages.len());
        let tiles = pages.len();
        for p in &pages {
            assert_eq!(p.rows.len(), 30, "each part repeats every row's name");
            assert!(p.subtitle.contains(&format!("of {tiles}")), "{}", p.subtitle);
        }
        // The parts follow each other: each starts where the one before ended.
        let spans: Vec<f64> = pages.iter().map(|p| p.lower.iter().map(|t| t.w).sum::<f64>()).collect();
        let days: f64 = spans.iter().sum::<f64>() / TILED_POINTS_PER_DAY;
        assert!((days - 184.0).abs() < 1.0, "the parts cover the range once: {days} days");
    }

    #[test]
    fn long_names_are_cut_to_the_label_column() {
        let r = chain(3);
        let measure = fonts();
        let pages = layout(&r, ("2027-03-01", "2027-03-10"), ChartLayout::FitWidth, Paper::A4, Orientation::Portrait);
        for row in &pages[0].rows {
            assert!(row.label.ends_with('…'), "{}", row.label);
            assert!(measure.width(&row.label, LABEL_SIZE, false) <= pages[0].label_width - row.indent - 6.0);
        }
    }

    #[test]
    fn tick_labels_fit_their_cells_at_every_scale() {
        let r = chain(5);
        let measure = fonts();
        for to in ["2027-03-05", "2027-04-10", "2027-09-01", "2028-12-31", "2035-01-01"] {
            for p in layout(&r, ("2027-03-01", to), ChartLayout::FitWidth, Paper::A4, Orientation::Landscape) {
                assert!(p.lower.iter().any(|t| !t.label.is_empty()), "some labels show up to {to}");
                for t in p.upper.iter().chain(&p.lower) {
                    assert!(
                        t.label.is_empty() || measure.width(&t.label, TICK_SIZE, false) + 4.0 <= t.w + 0.01,
                        "{} in {} pt (to {to})",
                        t.label,
                        t.w
                    );
                }
            }
        }
    }

    #[test]
    fn links_point_at_their_successor_and_enter_from_the_page_edge_when_it_is_split() {
        let r = chain(80);
        let pages = layout(&r, ("2027-03-01", "2027-05-25"), ChartLayout::FitWidth, Paper::A4, Orientation::Landscape);
        let first = &pages[0];
        let per_page = first.rows.len();
        let inside = first.arrows.iter().filter(|a| a.head == "down").count();
        assert_eq!(inside, per_page - 1, "a chain of finish-to-start links drops into each next bar");
        assert!(first.arrows.iter().any(|a| a.head.is_empty()), "the last row's link leaves the page");
        let second = &pages[1];
        let entering = second.arrows.iter().find(|a| a.points[0].1 == 0.0).expect("a link comes in from the top");
        assert!(!entering.head.is_empty());
        for a in pages.iter().flat_map(|p| &p.arrows) {
            assert!(a.points.len() >= 2);
        }
    }

    #[test]
    fn weekends_and_days_off_are_shaded_and_workdays_are_not() {
        let r = chain(5);
        let p = &layout(&r, ("2027-03-01", "2027-03-14"), ChartLayout::FitWidth, Paper::A4, Orientation::Landscape)[0];
        let per_day = p.chart_width / 14.0;
        let days: Vec<(f64, f64)> = p.shade.iter().map(|s| (s.x / per_day, s.w / per_day)).collect();
        // Wednesday 3 March is a day off; 6–7 and 13–14 March are weekends.
        let expect = [(2.0, 1.0), (5.0, 2.0), (12.0, 2.0)];
        assert_eq!(days.len(), expect.len(), "{days:?}");
        for ((x, w), (ex, ew)) in days.iter().zip(expect) {
            assert!((x - ex).abs() < 0.01 && (w - ew).abs() < 0.01, "{days:?}");
        }
    }

    #[test]
    fn a_report_too_big_to_print_is_refused_with_a_way_out() {
        let r = chain(crate::document::MAX_ROWS + 1);
        let options = crate::Options { sections: vec![crate::Section::Tasks], ..Default::default() };
        let now = at("2027-03-01");
        let e = crate::document::project(&r, &options, now, &fonts()).expect_err("too many rows");
        assert!(e.to_string().contains("shorter date range"), "{e}");
        let week = crate::Options {
            sections: vec![crate::Section::Gantt],
            from: Some(at("2027-03-01").date()),
            to: Some(at("2027-03-07").date()),
            ..Default::default()
        };
        let doc = crate::document::project(&r, &week, now, &fonts()).expect("a week of the chart prints");
        assert_eq!(doc.parts.len(), 1);
    }

    #[test]
    fn the_portfolio_timeline_places_every_project_and_its_baseline_finish() {
        let early = chain(10);
        let mut late = chain(40);
        late.name = "Later".into();
        late.baseline = Some(crate::BaselineSummary {
            name: "Approved".into(),
            saved_at: at("2027-03-01"),
            finish: late.finish - Duration::days(5),
            finish_variance_days: 5.0,
        });
        let doc =
            crate::document::portfolio("IT", &[early, late], &crate::Options::default(), at("2027-03-20"), &fonts())
                .expect("portfolio");
        let json = serde_json::to_value(&doc).expect("json");
        let timeline = &json["parts"][0]["timeline"];
        let bars = timeline["bars"].as_array().expect("bars");
        assert_eq!(bars.len(), 2);
        let (a, b) = (&bars[0], &bars[1]);
        let f = |v: &serde_json::Value| v.as_f64().expect("number");
        assert!((f(&a["x"]) - f(&b["x"])).abs() < 1e-9, "both start on 1 March");
        assert!(f(&b["w"]) > 3.0 * f(&a["w"]), "the 40-day project's bar is longer");
        assert!(f(&b["x"]) + f(&b["w"]) <= 1.0 + 1e-9);
        let base = f(&b["baseline"]);
        assert!(base < f(&b["x"]) + f(&b["w"]), "the baseline finish is before the forecast");
        assert!(a["baseline"].is_null());
        assert!(f(&timeline["today"]) > 0.0);
        assert!(timeline["ticks"].as_array().is_some_and(|t| t.len() >= 2), "month ticks");
    }
}
