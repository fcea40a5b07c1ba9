use crate::text::InputError;

/// Largest amount accepted for one visit: 10 million in the shop's currency.
const MAX_CENTS: i64 = 1_000_000_000;

/// Parses an amount as typed at the counter: `12`, `12.5`, `12,50`, `€ 12.50`, `1.234,50`.
///
/// The last `.` or `,` followed by one or two digits is the decimal separator; other separators group
/// thousands. Returns integer cents.
pub fn parse_amount(input: &str) -> Result<i64, InputError> {
    let bad = || InputError::BadAmount(input.trim().to_string());
    let cleaned: String = input
        .trim()
        .trim_start_matches(['€', '$', '£'])
        .trim_end_matches(['€', '$', '£'])
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'')
        .collect();
    if cleaned.is_empty() || cleaned.starts_with('-') {
        return Err(bad());
    }
    if !cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(bad());
    }
    let (whole, frac) = match cleaned.rfind(['.', ',']) {
        Some(pos) if cleaned.len() - pos - 1 <= 2 => (&cleaned[..pos], &cleaned[pos + 1..]),
        Some(pos) if cleaned.len() - pos - 1 == 3 => (cleaned.as_str(), ""),
        Some(_) => return Err(bad()),
        None => (cleaned.as_str(), ""),
    };
    // The decimal separator cannot also group thousands (`12.345.6`).
    if !frac.is_empty() && cleaned[..whole.len()].contains(&cleaned[whole.len()..=whole.len()]) {
        return Err(bad());
    }
    // Thousands separators must group by three digits.
    let groups: Vec<&str> = whole.split(['.', ',']).collect();
    if groups.iter().skip(1).any(|g| g.len() != 3) || groups.iter().any(|g| g.is_empty()) {
        return Err(bad());
    }
    let digits: String = groups.concat();
    let whole: i64 = digits.parse().map_err(|_| bad())?;
    let frac: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
        _ => frac.parse().map_err(|_| bad())?,
    };
    let cents = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(frac))
        .ok_or_else(bad)?;
    if cents > MAX_CENTS {
        return Err(bad());
    }
    Ok(cents)
}

/// `€12.50` style: the symbol, the whole part, a dot and two digits.
pub fn format_cents(cents: i64, symbol: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{symbol}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_as_typed_at_the_counter() {
        let cases: &[(&str, Option<i64>)] = &[
            ("12", Some(1200)),
            ("12.5", Some(1250)),
            ("12,50", Some(1250)),
            ("€ 12.50", Some(1250)),
            ("12.50€", Some(1250)),
            ("1.234,50", Some(123_450)),
            ("1,234.50", Some(123_450)),
            ("1.234", Some(123_400)),
            ("0,99", Some(99)),
            ("", None),
            ("-3", None),
            ("12.345.6", None),
            ("12.505", Some(1_250_500)),
            ("1.2.3", None),
            ("abc", None),
            ("12.5.0", None),
            ("99999999999", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_amount(input).ok(), *expected, "input {input:?}");
        }
    }

    #[test]
    fn cents_format_with_two_decimals() {
        assert_eq!(format_cents(1250, "€"), "€12.50");
        assert_eq!(format_cents(5, "€"), "€0.05");
        assert_eq!(format_cents(-150, "$"), "-$1.50");
    }
}
