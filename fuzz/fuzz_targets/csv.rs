//! CSV: any bytes are decoded, split and mapped (by the headers' guess) or
//! refused with a reason, never a panic; a plan made is scheduled.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(table) = gantry_interop::tabular::read_table(bytes, None) else { return };
    let mapping = gantry_interop::tabular::guess(&table);
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default();
    if let Ok(plan) = gantry_interop::tabular::to_plan(&table, &mapping, "fuzz", today) {
        let _ = gantry_interop::mspdi::schedule(&plan);
    }
});
