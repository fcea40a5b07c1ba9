//! Everything a person can type: dates, birthdays, amounts, customer fields, a promise and its due date,
//! search text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use regulars::domain::{
    Birthday, CustomerDraft, CustomerText, PromiseDraft, parse_amount, parse_date, parse_due,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let _ = parse_date(&text, today);
    if let Ok(due) = parse_due(&text, today) {
        assert!(due >= today, "a due date in the past");
    }
    let _ = PromiseDraft::new(&text, &text, today);
    let _ = Birthday::parse(&text, today);
    let _ = parse_amount(&text);
    let _ = regulars::search::fold_words(&text);
    let _ = regulars::search::phone_digits(&text);
    assert!(regulars::safe::is_harmless(&regulars::safe::line(&text)));
    let fields = CustomerText {
        name: text.to_string(),
        nickname: text.to_string(),
        phones: text.to_string(),
        email: text.to_string(),
        birthday: text.to_string(),
        since: text.to_string(),
        tags: text.to_string(),
        preferences: text.to_string(),
    };
    let _ = CustomerDraft::from_text(&fields, today);
});
