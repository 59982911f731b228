//! The risk register and the issue log: risks rated on 1–5 scales of
//! probability and impact, their expected monetary value, the residual
//! rating a response leaves, security risks with what security people
//! expect of them, re-assessments over time, and issues (problems now, or
//! risks that occurred).

use chrono::NaiveDate;

use crate::model::{MemberId, ProjectId};
use crate::validate::ValidationError;

pub type RiskId = i64;
pub type IssueId = i64;

/// The categories every register offers; users add their own.
pub const CATEGORIES: [&str; 8] =
    ["Security", "Technical", "Schedule", "Cost", "Vendor", "Compliance and legal", "People", "Operational"];

/// What each probability rating means.
pub const PROBABILITY_SCALE: [&str; 5] =
    ["Rare: under 10 %", "Unlikely: 10–30 %", "Possible: 30–50 %", "Likely: 50–70 %", "Almost certain: over 70 %"];

/// What each impact rating means, for cost, time, quality and security.
pub const IMPACT_SCALE: [[&str; 4]; 5] = [
    ["Under 1 % of budget", "Slip under a week", "Cosmetic, nobody notices", "No data exposed, no service lost"],
    [
        "1–5 % of budget",
        "Slip of 1–2 weeks",
        "Minor defects, workarounds exist",
        "Internal data seen by staff without need",
    ],
    [
        "5–10 % of budget",
        "Slip of 2–4 weeks, a milestone moves",
        "A function fails for some users",
        "Limited personal data exposed, outage under a day",
    ],
    [
        "10–20 % of budget",
        "Slip over a month, the go-live moves",
        "Sponsor rejects a deliverable",
        "Personal data breach to report, outage of days",
    ],
    [
        "Over 20 % of budget",
        "The project's purpose is lost",
        "The product is unusable",
        "Large breach or ransomware, regulator and press involved",
    ],
];

/// The aspects [`IMPACT_SCALE`] describes, in its order.
pub const IMPACT_ASPECTS: [&str; 4] = ["Cost", "Time", "Quality", "Security"];

/// How a project answers a risk: the first four for threats, the last three
/// for opportunities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Response {
    Avoid,
    #[default]
    Mitigate,
    Transfer,
    Accept,
    Exploit,
    Enhance,
    Share,
}

impl Response {
    pub const ALL: [Response; 7] = [
        Response::Avoid,
        Response::Mitigate,
        Response::Transfer,
        Response::Accept,
        Response::Exploit,
        Response::Enhance,
        Response::Share,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Response::Avoid => "avoid",
            Response::Mitigate => "mitigate",
            Response::Transfer => "transfer",
            Response::Accept => "accept",
            Response::Exploit => "exploit",
            Response::Enhance => "enhance",
            Response::Share => "share",
        }
    }

    pub fn from_code(code: &str) -> Option<Response> {
        Response::ALL.into_iter().find(|r| r.code() == code)
    }

    /// An opportunity's response: the risk would do good.
    pub fn is_opportunity(self) -> bool {
        matches!(self, Response::Exploit | Response::Enhance | Response::Share)
    }
}

/// Where a risk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RiskStatus {
    #[default]
    Open,
    Monitoring,
    Closed,
    /// It happened: an issue now.
    Occurred,
}

impl RiskStatus {
    pub const ALL: [RiskStatus; 4] =
        [RiskStatus::Open, RiskStatus::Monitoring, RiskStatus::Closed, RiskStatus::Occurred];

    pub fn code(self) -> &'static str {
        match self {
            RiskStatus::Open => "open",
            RiskStatus::Monitoring => "monitoring",
            RiskStatus::Closed => "closed",
            RiskStatus::Occurred => "occurred",
        }
    }

    pub fn from_code(code: &str) -> Option<RiskStatus> {
        RiskStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Still to be watched: counted in the heat map, the contingency and the
    /// reviews due.
    pub fn is_active(self) -> bool {
        matches!(self, RiskStatus::Open | RiskStatus::Monitoring)
    }
}

/// What a security risk carries besides its rating. All empty (and the
/// impacts 0) for other risks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Security {
    /// What is at stake: "Customer records in the CRM".
    pub asset: String,
    pub threat: String,
    pub vulnerability: String,
    /// Impact on confidentiality, integrity and availability: 0 none, 1 low,
    /// 2 medium, 3 high.
    pub confidentiality: u8,
    pub integrity: u8,
    pub availability: u8,
    /// A CVE, or a control of ISO/IEC 27001 Annex A or NIST SP 800-53.
    pub reference: String,
}

/// The names of the CIA impact levels.
pub const CIA_LEVELS: [&str; 4] = ["none", "low", "medium", "high"];

/// One risk of a project's register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    pub id: RiskId,
    pub project_id: ProjectId,
    /// Its number in the project: R-001 is 1.
    pub number: i64,
    pub title: String,
    pub category: String,
    pub cause: String,
    pub event: String,
    pub effect: String,
    pub probability: u8,
    pub impact: u8,
    /// The rating once the response has worked; `None` until assessed.
    pub residual_probability: Option<u8>,
    pub residual_impact: Option<u8>,
    /// What it would cost if it happened, in the project currency's minor unit.
    pub cost_impact: Option<i64>,
    /// Its chance in percent, for the expected monetary value.
    pub chance_percent: Option<u8>,
    pub owner_id: Option<MemberId>,
    pub response: Response,
    /// The sign that it is about to happen.
    pub trigger: String,
    pub status: RiskStatus,
    pub raised: NaiveDate,
    pub next_review: Option<NaiveDate>,
    pub security: Security,
}

impl Risk {
    ///
    pub fn code(&self) -> String {
        format!("R-{:03}", self.number)
    }

    /// Probability × impact, 1 to 25.
    pub fn score(&self) -> u8 {
        self.probability * self.impact
    }

    /// The residual probability and impact, the inherent ones where not assessed.
    pub fn residual(&self) -> (u8, u8) {
        (self.residual_probability.unwrap_or(self.probability), self.residual_impact.unwrap_or(self.impact))
    }

    pub fn residual_score(&self) -> u8 {
        let (p, i) = self.residual();
        p * i
    }

    /// The expected monetary value: cost impact × chance, when both are known.
    pub fn emv(&self) -> Option<i64> {
        Some(emv(self.cost_impact?, self.chance_percent?))
    }

    /// Its review date has passed while it is still watched.
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_active() && self.next_review.is_some_and(|d| d < today)
    }

    pub fn is_security(&self) -> bool {
        self.category.eq_ignore_ascii_case("security")
    }
}

/// Cost × chance ÷ 100, rounded once, half away from zero.
pub fn emv(cost: i64, chance_percent: u8) -> i64 {
    crate::money::round_div(cost, i64::from(chance_percent), 100)
}

/// What the register's open threats justify as contingency: the sum of
/// their expected monetary values. Opportunities are not netted against it.
pub fn contingency<'a>(risks: impl IntoIterator<Item = &'a Risk>) -> i64 {
    risks.into_iter().filter(|r| r.status.is_active() && !r.response.is_opportunity()).filter_map(Risk::emv).sum()
}

/// How bad a score is, for the heat map's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Low,
    Medium,
    High,
    Critical,
}

impl Band {
    /// 1–4 low, 5–9 medium, 10–16 high, 20–25 critical.
    pub fn of(score: u8) -> Band {
        match score {
            0..=4 => Band::Low,
            5..=9 => Band::Medium,
            10..=16 => Band::High,
            _ => Band::Critical,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Medium => "medium",
            Band::High => "high",
            Band::Critical => "critical",
        }
    }
}

/// How many active risks sit in each cell: `[probability − 1][impact − 1]`,
/// by the inherent rating or the residual one.
pub fn heat_map<'a>(risks: impl IntoIterator<Item = &'a Risk>, residual: bool) -> [[u32; 5]; 5] {
    let mut cells = [[0; 5]; 5];
    for r in risks.into_iter().filter(|r| r.status.is_active()) {
        let (p, i) = if residual { r.residual() } else { (r.probability, r.impact) };
        if (1..=5).contains(&p) && (1..=5).contains(&i) {
            cells[usize::from(p - 1)][usize::from(i - 1)] += 1;
        }
    }
    cells
}

/// A threat's response can only lower its rating: the residual probability
/// and impact are at most the inherent ones. An opportunity's response
/// raises its chance, so the rule is the other way round for probability.
pub fn check_residual(risk: &Risk) -> Result<(), ValidationError> {
    let (p, i) = risk.residual();
    let opportunity = risk.response.is_opportunity();
    if !opportunity && p > risk.probability {
        return Err(ValidationError {
            field: "residualProbability",
            message: format!(
                "The residual probability {p} is above the inherent {}: a response does not make a threat likelier.",
                risk.probability
            ),
        });
    }
    if opportunity && p < risk.probability {
        return Err(ValidationError {
            field: "residualProbability",
            message: format!(
                "The residual probability {p} is below the inherent {}: exploiting an opportunity makes it likelier.",
                risk.probability
            ),
        });
    }
    if !opportunity && i > risk.impact {
        return Err(ValidationError {
            field: "residualImpact",
            message: format!(
                "The residual impact {i} is above the inherent {}: a response does not make a threat worse.",
                risk.impact
            ),
        });
    }
    Ok(())
}

/// A review is due on or after the day the risk was raised.
pub fn check_dates(raised: NaiveDate, next_review: Option<NaiveDate>) -> Result<(), ValidationError> {
    match next_review {
        Some(d) if d < raised => Err(ValidationError {
            field: "nextReview",
            message: format!("The next review ({d}) is before the risk was raised ({raised})."),
        }),
        _ => Ok(()),
    }
}

/// A security reference: a CVE (`CVE-2024-3094`), an ISO/IEC 27001:2022
/// Annex A control (`A.8.8`, `ISO 27001 A.5.23`) or a NIST SP 800-53
/// control (`SI-2`, `AC-2(1)`, `NIST SP 800-53 AC-17`). Empty is allowed.
pub fn reference(raw: &str) -> Result<String, ValidationError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let upper = text.to_ascii_uppercase();
    let bare = ["NIST SP 800-53 ", "NIST 800-53 ", "NIST ", "ISO/IEC 27001 ", "ISO 27001 "]
        .iter()
        .find_map(|p| upper.strip_prefix(p))
        .unwrap_or(&upper);
    if is_cve(bare) || is_annex_a(bare) || is_nist(bare) {
        return Ok(upper);
    }
    Err(ValidationError {
        field: "reference",
        message: format!(
            "“{}” is not a CVE (CVE-2024-3094), an ISO 27001 Annex A control (A.8.8) or a NIST SP 800-53 control (AC-2(1)).",
            text.chars().take(40).collect::<String>()
        ),
    })
}

fn digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_cve(s: &str) -> bool {
    let mut parts = s.split('-');
    matches!((parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("CVE"), Some(year), Some(n), None) if digits(year, 4, 4) && digits(n, 4, 7))
}

fn is_annex_a(s: &str) -> bool {
    s.strip_prefix("A.").is_some_and(|rest| {
        let parts: Vec<&str> = rest.split('.').collect();
        (1..=3).contains(&parts.len()) && parts.iter().all(|p| digits(p, 1, 2))
    })
}

fn is_nist(s: &str) -> bool {
    let Some((family, rest)) = s.split_once('-') else { return false };
    let (number, enhancement) = match rest.split_once('(') {
        Some((n, e)) => (n, e.strip_suffix(')')),
        None => (rest, Some("")),
    };
    family.len() == 2
        && family.bytes().all(|b| b.is_ascii_uppercase())
        && digits(number, 1, 2)
        && enhancement.is_some_and(|e| e.is_empty() || digits(e, 1, 2))
}

/// A CIA impact level, 0 (none) to 3 (high).
pub fn cia(field: &'static str, value: i64) -> Result<u8, ValidationError> {
    match u8::try_from(value) {
        Ok(v @ 0..=3) => Ok(v),
        _ => Err(ValidationError {
            field,
            message: format!("{value} is not an impact level (none, low, medium, high)."),
        }),
    }
}

/// A re-assessment of a risk, kept with its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub id: i64,
    pub risk_id: RiskId,
    pub on: NaiveDate,
    pub probability: u8,
    pub impact: u8,
    pub residual_probability: u8,
    pub residual_impact: u8,
    pub note: String,
}

impl Assessment {
    /// The risk's rating as it stands, dated `on`.
    pub fn of(risk: &Risk, on: NaiveDate, note: &str) -> Assessment {
        let (rp, ri) = risk.residual();
        Assessment {
            id: 0,
            risk_id: risk.id,
            on,
            probability: risk.probability,
            impact: risk.impact,
            residual_probability: rp,
            residual_impact: ri,
            note: note.to_owned(),
        }
    }

    pub fn score(&self) -> u8 {
        self.probability * self.impact
    }

    /// The same ratings as `other`: nothing to record again.
    pub fn same_rating(&self, other: &Assessment) -> bool {
        (self.probability, self.impact, self.residual_probability, self.residual_impact)
            == (other.probability, other.impact, other.residual_probability, other.residual_impact)
    }
}

/// How much a risk's score rose since its previous assessment (0 when it
/// did not), from its history oldest first.
pub fn rise(history: &[Assessment]) -> u8 {
    match history {
        [.., before, now] => now.score().saturating_sub(before.score()),
        _ => 0,
    }
}

/// How bad an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Severity {
    Low,
    #[default]
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Low, Severity::Medium, Severity::High, Severity::Critical];

    pub fn code(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn from_code(code: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The severity of the issue a risk becomes, from its impact.
    pub fn of_impact(impact: u8) -> Severity {
        match impact {
            0..=2 => Severity::Low,
            3 => Severity::Medium,
            4 => Severity::High,
            _ => Severity::Critical,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IssueStatus {
    #[default]
    Open,
    InProgress,
    Resolved,
    Closed,
}

impl IssueStatus {
    pub const ALL: [IssueStatus; 4] =
        [IssueStatus::Open, IssueStatus::InProgress, IssueStatus::Resolved, IssueStatus::Closed];

    pub fn code(self) -> &'static str {
        match self {
            IssueStatus::Open => "open",
            IssueStatus::InProgress => "in_progress",
            IssueStatus::Resolved => "resolved",
            IssueStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<IssueStatus> {
        IssueStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn is_open(self) -> bool {
        matches!(self, IssueStatus::Open | IssueStatus::InProgress)
    }
}

/// A problem now: raised, owned, due, escalated, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub id: IssueId,
    pub project_id: ProjectId,
    /// Its number in the project: I-001 is 1.
    pub number: i64,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub owner_id: Option<MemberId>,
    pub raised: NaiveDate,
    pub due: Option<NaiveDate>,
    pub status: IssueStatus,
    pub resolution: String,
    /// To whom it was escalated, when it was.
    pub escalated_to: String,
    /// The risk it was, when it was one.
    pub risk_id: Option<RiskId>,
}

impl Issue {
    pub fn code(&self) -> String {
        format!("I-{:03}", self.number)
    }

    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due.is_some_and(|d| d < today)
    }
}

/// An issue is due on or after the day it was raised.
pub fn check_issue_dates(raised: NaiveDate, due: Option<NaiveDate>) -> Result<(), ValidationError> {
    match due {
        Some(d) if d < raised => Err(ValidationError {
            field: "due",
            message: format!("The issue is due ({d}) before it was raised ({raised})."),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risk(p: u8, i: u8) -> Risk {
        Risk {
            id: 1,
            project_id: 1,
            number: 7,
            title: "Personal data exposed during migration".into(),
            category: "Security".into(),
            cause: String::new(),
            event: String::new(),
            effect: String::new(),
            probability: p,
            impact: i,
            residual_probability: None,
            residual_impact: None,
            cost_impact: None,
            chance_percent: None,
            owner_id: None,
            response: Response::Mitigate,
            trigger: String::new(),
            status: RiskStatus::Open,
            raised: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            next_review: None,
            security: Security::default(),
        }
    }

    #[test]
    fn a_score_is_probability_times_impact_and_falls_in_its_band() {
        // (probability, impact, score, band)
        let cases = [(1, 1, 1, Band::Low), (2, 2, 4, Band::Low), (1, 5, 5, Band::Medium), (3, 3, 9, Band::Medium)];
        let more =
            [(2, 5, 10, Band::High), (4, 4, 16, Band::High), (4, 5, 20, Band::Critical), (5, 5, 25, Band::Critical)];
        for (p, i, score, band) in cases.into_iter().chain(more) {
            let r = risk(p, i);
            assert_eq!(r.score(), score, "{p} × {i}");
            assert_eq!(Band::of(r.score()), band, "{p} × {i}");
            assert_eq!(r.residual_score(), score, "not yet assessed: residual is inherent");
        }
        assert_eq!(risk(3, 3).code(), "R-007");
    }

    #[test]
    fn the_expected_monetary_value_is_cost_times_chance_rounded_once() {
        // (cost in cents, chance %, EMV in cents)
        let cases = [
            (4_000_000, 30, 1_200_000),
            (1_001, 50, 501),
            (999, 33, 330),
            (100_000_000_000_000_000, 100, 100_000_000_000_000_000),
        ];
        for (cost, chance, expected) in cases {
            assert_eq!(emv(cost, chance), expected, "{cost} at {chance} %");
        }
        let mut r = risk(4, 5);
        assert_eq!(r.emv(), None, "no cost impact, no EMV");
        r.cost_impact = Some(4_000_000);
        r.chance_percent = Some(30);
        assert_eq!(r.emv(), Some(1_200_000));
        let mut closed = r.clone();
        closed.status = RiskStatus::Closed;
        let mut opportunity = r.clone();
        opportunity.response = Response::Exploit;
        assert_eq!(contingency([&r, &closed, &opportunity, &r]), 2_400_000, "open threats only");
    }

    #[test]
    fn a_response_lowers_a_threat_and_raises_an_opportunity() {
        let mut r = risk(3, 4);
        r.residual_probability = Some(2);
        r.residual_impact = Some(4);
        assert!(check_residual(&r).is_ok());
        assert_eq!(r.residual_score(), 8);
        r.residual_probability = Some(4);
        assert_eq!(check_residual(&r).unwrap_err().field, "residualProbability");
        r.residual_probability = Some(3);
        r.residual_impact = Some(5);
        assert_eq!(check_residual(&r).unwrap_err().field, "residualImpact");
        r.response = Response::Exploit;
        r.residual_probability = Some(5);
        r.residual_impact = Some(4);
        assert!(check_residual(&r).is_ok(), "exploiting makes an opportunity likelier");
        r.residual_probability = Some(2);
        assert!(check_residual(&r).is_err());
    }

    #[test]
    fn ratings_are_one_to_five_and_reviews_follow_the_raising() {
        for bad in [0, 6, 7, -1, 256] {
            assert!(crate::validate::rating("probability", "Probability", bad).is_err(), "{bad}");
        }
        assert_eq!(crate::validate::rating("impact", "Impact", 5), Ok(5));
        let raised = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        assert!(check_dates(raised, raised.pred_opt()).is_err());
        assert!(check_dates(raised, Some(raised)).is_ok());
        assert!(check_issue_dates(raised, raised.pred_opt()).is_err());
        let mut r = risk(2, 2);
        r.next_review = raised.succ_opt();
        let later = NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
        assert!(r.review_overdue(later));
        r.status = RiskStatus::Closed;
        assert!(!r.review_overdue(later), "a closed risk has no review due");
    }

    #[test]
    fn the_heat_map_counts_active_risks_by_rating() {
        let mut a = risk(4, 5);
        a.residual_probability = Some(2);
        let b = risk(4, 5);
        let mut closed = risk(1, 1);
        closed.status = RiskStatus::Closed;
        let cells = heat_map([&a, &b, &closed], false);
        assert_eq!(cells[3][4], 2);
        assert_eq!(cells.iter().flatten().sum::<u32>(), 2);
        let residual = heat_map([&a, &b, &closed], true);
        assert_eq!((residual[1][4], residual[3][4]), (1, 1));
    }

    #[test]
    fn security_references_are_cves_or_controls() {
        for good in [
            "CVE-2024-3094",
            "cve-2021-44228",
            "A.8.8",
            "ISO 27001 A.5.23",
            "SI-2",
            "AC-2(1)",
            "NIST SP 800-53 AC-17",
            "",
        ] {
            assert!(reference(good).is_ok(), "{good}");
        }
        for bad in
            ["CVE-24-1", "see wiki", "A.", "A.123", "ACX-2", "AC-2(", "CVE-2024-3094-1", "X".repeat(10_000).as_str()]
        {
            assert!(reference(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_rise_is_measured_against_the_previous_assessment() {
        let r = risk(2, 3);
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let first = Assessment::of(&r, day(2), "");
        let second = Assessment::of(&risk(4, 3), day(9), "vendor slipped");
        assert_eq!(rise(&[first.clone(), second.clone()]), 6);
        assert_eq!(rise(&[second, first.clone()]), 0);
        assert_eq!(rise(&[first]), 0);
    }
}
