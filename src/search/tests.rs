//! The index's own tests: folding, ranking, masks against a full scan, and the two-thread search.
use super::*;
use crate::domain::VisitStats;

#[test]
fn folding_removes_accents_case_and_apostrophes() {
    let cases: &[(&str, &[&str])] = &[
        ("Nicolò", &["nicolo"]),
        ("D'Angelo", &["dangelo"]),
        ("Zoë  Ünal-Çelik", &["zoe", "unal", "celik"]),
        ("ÀNGELA d’Ambrosio", &["angela", "dambrosio"]),
        ("", &[]),
        ("  ", &[]),
    ];
    for (input, expected) in cases {
        assert_eq!(fold_words(input), *expected, "input {input:?}");
    }
}

fn person(name: &str) -> Customer {
    let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    let text = crate::domain::CustomerText {
        name: name.into(),
        ..Default::default()
    };
    let draft = crate::domain::CustomerDraft::from_text(&text, at.date_naive()).unwrap();
    Customer::new(draft, at, at.date_naive(), None)
}

#[test]
fn a_word_start_later_in_the_name_counts_even_after_a_hit_inside_a_word() {
    let mut index = SearchIndex::new();
    let later = person("Anna Barossa Rossini");
    let inside = person("Carla Barossa");
    let first = person("Rosa Neri");
    for p in [&inside, &later, &first] {
        index.upsert(p);
    }
    // Without visits, ties keep the order customers were added: Barossa first among the inside-only.
    assert_eq!(
        index.search("ros", None),
        vec![later.id, first.id, inside.id]
    );
    assert_eq!(index.search("ros bar", None), vec![later.id, inside.id]);
    assert_eq!(index.search("ossa", None), vec![inside.id, later.id]);
}

#[test]
fn one_letter_queries_from_the_masks_match_a_full_scan() {
    let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    let data = crate::demo::generate(400, 3, now, crate::text::Lang::En);
    let mut index = SearchIndex::build(&data.customers, |_| VisitStats::default());
    for v in &data.visits {
        index.record_visit(v.customer, v.at);
    }
    // Edits retire slots: their masks must stop matching too.
    for c in data.customers.iter().take(50) {
        let mut renamed = c.clone();
        renamed.name = format!("9x {}", c.name);
        index.upsert(&renamed);
    }
    for c in ('a'..='z').chain('0'..='9') {
        let needle = [c as u8];
        let ranks = index.mark_occurrences(&index.names, &needle);
        let scanned = index.collect(usize::MAX, |slot| ranks[slot]);
        assert_eq!(index.search(&c.to_string(), None), scanned, "letter {c}");
    }
    assert_eq!(index.search("9", None).len(), 50);
}

#[test]
fn searching_in_two_halves_finds_what_one_pass_finds() {
    let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    let data = crate::demo::generate(500, 5, now, crate::text::Lang::It);
    let mut index = SearchIndex::build(&data.customers, |_| VisitStats::default());
    for v in &data.visits {
        index.record_visit(v.customer, v.at);
    }
    for c in data.customers.iter().take(40) {
        let mut renamed = c.clone();
        renamed.name = format!("Anna {}", c.name);
        index.upsert(&renamed);
    }
    for query in [
        "a", "an", "ma", "mar", "ros", "o", "nicolo", "zz", "333", "39",
    ] {
        for column in [&index.names, &index.phones] {
            let one = index.mark_occurrences_in(column, query.as_bytes(), false);
            let two = index.mark_occurrences_in(column, query.as_bytes(), true);
            assert_eq!(one, two, "marks for {query:?}");
            for limit in [3, usize::MAX] {
                assert_eq!(
                    index.collect_in(limit, |slot| one[slot], false),
                    index.collect_in(limit, |slot| one[slot], true),
                    "results for {query:?}, limit {limit}"
                );
            }
        }
    }
}

#[test]
fn phone_digits_ignore_spacing_and_the_italian_prefix() {
    for input in [
        "+39 333 123 4567",
        "0039 333 1234567",
        "333-123-4567",
        "(333) 123 45 67",
    ] {
        assert_eq!(phone_digits(input), "3331234567", "input {input:?}");
    }
    assert_eq!(phone_digits("+44 20 7946 0958"), "442079460958");
    assert_eq!(phone_digits("39 123"), "39123");
}

#[test]
fn an_edit_keeps_a_regulars_rhythm_and_the_lapsed_scan_finds_them() {
    use crate::domain::VisitStats;
    let mut index = SearchIndex::new();
    let mut carla = person("Carla Weekly");
    index.upsert(&carla);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut figures = VisitStats::default();
    for weeks_ago in (3..10).rev() {
        let at = (today - chrono::Days::new(7 * weeks_ago))
            .and_hms_opt(10, 0, 0)
            .unwrap()
            .and_utc();
        figures.add(at, None);
    }
    index.set_figures(carla.id, &figures);
    let loyalty = crate::config::Config::defaults().loyalty();
    let lapsed = |index: &SearchIndex| {
        index
            .lapsed(today, &loyalty, |t| t.date_naive())
            .into_iter()
            .map(|(slot, item)| (index.id_at(slot), item))
            .collect::<Vec<_>>()
    };
    let expected = vec![(
        Some(carla.id),
        crate::domain::AgendaItem::Lapsed {
            days_since: 21,
            rhythm: 7,
        },
    )];
    assert_eq!(lapsed(&index), expected);
    // An edit moves them to a new slot: their rhythm goes with them.
    carla.nickname = Some("Carlina".into());
    index.upsert(&carla);
    assert_eq!(lapsed(&index), expected);
    // And through a saved snapshot.
    let loaded = SearchIndex::from_snapshot(&index.to_snapshot(crate::search::snapshot::Header {
        store_id: 1,
        epoch: 1,
        seq: 1,
    }))
    .unwrap();
    assert_eq!(lapsed(&loaded.1), expected);
}

#[test]
fn referrals_are_counted_through_edits_removals_and_a_snapshot() {
    let mut index = SearchIndex::new();
    let anna = person("Anna Ferri");
    index.upsert(&anna);
    let mut luca = person("Luca Esposito");
    luca.referred_by = Some(anna.id);
    let mut marta = person("Marta Esposito");
    marta.referred_by = Some(anna.id);
    index.upsert(&luca);
    index.upsert(&marta);
    let brought = |index: &SearchIndex| index.get(anna.id).map(|e| e.brought);
    assert_eq!(brought(&index), Some(2));
    // An edit moves Luca to a new slot: still one referral, not two.
    luca.nickname = Some("Lucone".into());
    index.upsert(&luca);
    assert_eq!(brought(&index), Some(2));
    // Through a saved snapshot (which compacts the slots first).
    let header = crate::search::snapshot::Header {
        store_id: 1,
        epoch: 1,
        seq: 1,
    };
    let (_, mut loaded) = SearchIndex::from_snapshot(&index.to_snapshot(header)).unwrap();
    assert_eq!(brought(&loaded), Some(2));
    // Marta removed: one left.
    loaded.remove(marta.id);
    assert_eq!(brought(&loaded), Some(1));
    let (_, again) = SearchIndex::from_snapshot(&loaded.to_snapshot(header)).unwrap();
    assert_eq!(brought(&again), Some(1));
    assert_eq!(again.get(luca.id).map(|e| e.brought), Some(0));
}

/// The pulse read from the columns in one pass says what the rules say of each customer one by one:
/// their tier, each visit in its month (a first visit as new), and each regular within, past or beyond
/// their rhythm in the shop's own day (a time zone far from UTC, so the fast path's margins are tried).
#[test]
fn the_pulse_adds_up_what_the_rules_say_of_each_customer() {
    use crate::domain::month_number;
    let loyalty = crate::config::Config::defaults().loyalty();
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // Three zones on a day whose year is the window; and a day whose window crosses the new year.
    for (hours, today) in [
        (-11i64, day(2026, 12, 2)),
        (0, day(2026, 12, 2)),
        (13, day(2026, 12, 2)),
        (5, day(2027, 1, 15)),
    ] {
        let now = today.and_hms_opt(12, 0, 0).unwrap().and_utc();
        let local_day = |t: DateTime<Utc>| (t + chrono::Duration::hours(hours)).date_naive();
        let mut rng = fastrand::Rng::with_seed((hours + 40) as u64);
        let mut index = SearchIndex::new();
        let mut tiers = vec![0u32; loyalty.tiers.len()];
        let mut totals = [0u32; 12];
        let mut new = [0u32; 12];
        let (mut within, mut due, mut lapsed) = (0, 0, 0);
        let first_month = month_number(today) - 11;
        // On each tier's edge: the last day that earns it by tenure alone, and the day after.
        let mut edges = 0;
        for (latest, _) in loyalty.tier_reach(today).into_iter().skip(1) {
            let latest = latest.unwrap();
            for since in [latest, latest + chrono::Days::new(1)] {
                let mut c = person("Edge");
                c.since = since;
                index.upsert(&c);
                tiers[loyalty.tier(since, 0, today)] += 1;
                edges += 1;
            }
        }
        for i in 0..600 {
            let mut c = person(&format!("Customer {i}"));
            c.since = today - chrono::Days::new(rng.u64(0..5000));
            index.upsert(&c);
            // Every few days, or every few weeks; some stopped coming a while ago.
            let every = [1, 3, 7, 7, 14, 30, 45][rng.usize(0..7)];
            let stopped = if rng.bool() {
                rng.i64(0..60)
            } else {
                rng.i64(0..420)
            };
            let visits: Vec<DateTime<Utc>> = (0..rng.usize(0..40))
                .map(|k| {
                    now - chrono::Duration::days(stopped + k as i64 * every)
                        - chrono::Duration::minutes(rng.i64(0..24 * 60))
                })
                .collect();
            let mut figures = VisitStats::default();
            for &at in &visits {
                figures.add(at, None);
            }
            // Half became customers around their first visit (within a month or a little more), half
            // long before it (a regular brought in by an import).
            if let Some(first) = figures.first
                && rng.bool()
            {
                c.since = first.date_naive() - chrono::Days::new(rng.u64(0..40));
                index.upsert(&c);
            }
            index.set_figures(c.id, &figures);
            if i % 50 == 7 {
                // Removed customers count nowhere.
                index.remove(c.id);
                continue;
            }
            tiers[loyalty.tier(c.since, figures.count, today)] += 1;
            for at in &visits {
                if let Ok(m) = usize::try_from(month_number(at.date_naive()) - first_month)
                    && m < 12
                {
                    totals[m] += 1;
                }
            }
            // New: a first visit of someone who became a customer within a month of it.
            if let Some(first) = figures.first
                && let Ok(m) = usize::try_from(month_number(first.date_naive()) - first_month)
                && m < 12
                && c.since + chrono::Days::new(31) >= first.date_naive()
            {
                new[m] += 1;
            }
            let rhythm = figures.recent.rhythm().filter(|&r| r > 0);
            if figures.count >= loyalty.lapsed.min_visits.max(2)
                && let Some(rhythm) = rhythm
            {
                let last = figures.last.map(local_day);
                let days = last.map_or(0, |l| (today - l).num_days());
                if loyalty
                    .lapse(figures.count, last, Some(rhythm), today)
                    .is_some()
                {
                    lapsed += 1;
                } else if days <= i64::from(rhythm) {
                    within += 1;
                } else {
                    due += 1;
                }
            }
        }
        let pulse = index.pulse(today, &loyalty, local_day);
        // Counted in two halves side by side (as on a big index), the same.
        assert_eq!(
            index.pulse_in_halves(today, &loyalty, local_day, true),
            pulse
        );
        assert_eq!(pulse.customers, 600 - 12 + edges, "{hours} h");
        assert_eq!(pulse.tiers, tiers, "{hours} h");
        assert!(
            tiers.iter().all(|&n| n > 0),
            "every tier is tried: {tiers:?}"
        );
        assert_eq!(pulse.months.map(|m| m.new), new, "{hours} h");
        assert_eq!(
            pulse.months.map(|m| m.new + m.returning),
            totals,
            "{hours} h"
        );
        assert_eq!(
            (
                pulse.regulars.within,
                pulse.regulars.due,
                pulse.regulars.lapsed
            ),
            (within, due, lapsed),
            "{hours} h"
        );
        assert!(
            within > 0 && due > 0 && lapsed > 0,
            "{within} {due} {lapsed}"
        );
        // The same lapsed as `regulars lapsed`.
        assert_eq!(
            lapsed as usize,
            index.lapsed(today, &loyalty, local_day).len()
        );
        // And the same pulse from a saved index.
        let header = crate::search::snapshot::Header {
            store_id: 1,
            epoch: 1,
            seq: 1,
        };
        let (_, loaded) = SearchIndex::from_snapshot(&index.to_snapshot(header)).unwrap();
        assert_eq!(loaded.pulse(today, &loyalty, local_day), pulse);
    }
}
