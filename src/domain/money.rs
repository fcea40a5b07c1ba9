use crate::text::InputError;

/// Largest amount accepted for one visit: 10 million in the shop's currency.
pub const MAX_CENTS: i64 = 1_000_000_000;

/// Parses an amount as typed at the counter: `12`, `12.5`, `12,50`, `€ 12.50`, `1.234,50`, `1,234.50`.
///
/// The last `.` or `,` followed by one or two digits is the decimal separator; other separators group
/// thousands. Three digits after the only separator (`12.345`) could be either, so they are refused with
/// a sentence saying how to write it. Returns integer cents.
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
        // `12.345`: twelve thousand, or twelve and a bit? A grouping separator needs a second one
        // (`1.234.567`) or decimals after it (`12.345,00`) to be sure.
        Some(pos) if cleaned.len() - pos - 1 == 3 && cleaned.matches(['.', ',']).count() == 1 => {
            let decimal = if cleaned.as_bytes()[pos] == b'.' {
                ','
            } else {
                '.'
            };
            return Err(InputError::AmbiguousAmount {
                typed: input.trim().to_string(),
                thousands: format!("{cleaned}{decimal}00"),
            });
        }
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

/// How a language writes an amount: `€1,234.50` in English, `€ 1.234,50` in Italian.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoneyStyle {
    pub decimal: char,
    pub thousands: char,
    /// A space between the symbol and the number.
    pub spaced: bool,
}

impl MoneyStyle {
    pub const ENGLISH: MoneyStyle = MoneyStyle {
        decimal: '.',
        thousands: ',',
        spaced: false,
    };
    pub const ITALIAN: MoneyStyle = MoneyStyle {
        decimal: ',',
        thousands: '.',
        spaced: true,
    };
}

/// Integer cents as the shop reads them: the symbol, the whole part grouped by thousands, two decimals.
pub fn format_cents(cents: i64, symbol: &str, style: MoneyStyle) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let digits = (abs / 100).to_string();
    let mut whole = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            whole.push(style.thousands);
        }
        whole.push(digit);
    }
    let space = if style.spaced && !symbol.is_empty() {
        " "
    } else {
        ""
    };
    format!(
        "{sign}{symbol}{space}{whole}{}{:02}",
        style.decimal,
        abs % 100
    )
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
            ("1.234.567", Some(123_456_700)),
            ("1,234,567", Some(123_456_700)),
            ("12.345,00", Some(1_234_500)),
            ("12,345.00", Some(1_234_500)),
            ("0,99", Some(99)),
            ("", None),
            ("-3", None),
            ("12.345.6", None),
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
    fn three_digits_after_the_only_separator_are_refused_with_the_way_to_write_them() {
        let ambiguous = |typed: &str, thousands: &str| {
            Err(InputError::AmbiguousAmount {
                typed: typed.into(),
                thousands: thousands.into(),
            })
        };
        assert_eq!(parse_amount("12.345"), ambiguous("12.345", "12.345,00"));
        assert_eq!(parse_amount("1,234"), ambiguous("1,234", "1,234.00"));
        assert_eq!(
            parse_amount(" € 12.505 "),
            ambiguous("€ 12.505", "12.505,00")
        );
        // Four digits after it are simply not an amount.
        assert_eq!(
            parse_amount("12.3456"),
            Err(InputError::BadAmount("12.3456".into()))
        );
    }

    #[test]
    fn cents_format_with_two_decimals_in_each_style() {
        let en = MoneyStyle::ENGLISH;
        let it = MoneyStyle::ITALIAN;
        assert_eq!(format_cents(1250, "€", en), "€12.50");
        assert_eq!(format_cents(5, "€", en), "€0.05");
        assert_eq!(format_cents(-150, "$", en), "-$1.50");
        assert_eq!(format_cents(123_456_700, "€", en), "€1,234,567.00");
        assert_eq!(format_cents(1250, "€", it), "€ 12,50");
        assert_eq!(format_cents(100_050, "€", it), "€ 1.000,50");
        assert_eq!(format_cents(99_999, "", it), "999,99");
        // What is printed reads back as the same amount.
        for cents in [0, 7, 1250, 99_999, 100_000, 123_456_789] {
            for style in [en, it] {
                assert_eq!(parse_amount(&format_cents(cents, "€", style)), Ok(cents));
            }
        }
    }
}
