//! GanttProject: any bytes are read or refused with a reason, never a
//! panic; a plan read is scheduled.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(plan) = gantry_interop::gan::read(bytes) {
        let _ = gantry_interop::mspdi::schedule(&plan);
    }
});
