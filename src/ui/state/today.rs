//! The Today view's state: its lines by section, and the one selected.

/// How many sections the view has: promises, birthdays, anniversaries, complaints, lapsed regulars,
/// referrers to thank.
pub const SECTIONS: usize = 6;

/// One line of the Today view: a customer and what is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TodayRow {
    /// 0 promises, 1 birthdays, 2 anniversaries, 3 complaints, 4 lapsed regulars, 5 referrers to thank.
    pub section: usize,
    /// The customer's slot in the search index ([`crate::search::SearchIndex::id_at`]).
    pub slot: u32,
    pub item: crate::domain::AgendaItem,
}

/// The Today view: its lines, by section, and the one selected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TodayView {
    pub day: chrono::NaiveDate,
    pub rows: Vec<TodayRow>,
    pub selected: usize,
}

impl TodayView {
    /// The lines of `agenda` (each thing on it with its customer), by section, and by day within one
    /// (bucketed, not sorted: a million customers have tens of thousands of birthdays in a week). Names
    /// are looked up when the lines are drawn (only those on screen).
    pub fn new(day: chrono::NaiveDate, agenda: &[(u32, crate::domain::AgendaItem)]) -> TodayView {
        use crate::domain::AgendaItem;
        let mut sections: [Vec<TodayRow>; SECTIONS] = Default::default();
        for &(slot, item) in agenda {
            let section = match item {
                AgendaItem::Promise { .. } => 0,
                AgendaItem::Birthday { .. } => 1,
                AgendaItem::Anniversary { .. } => 2,
                AgendaItem::Complaint { .. } => 3,
                AgendaItem::Lapsed { .. } => 4,
                AgendaItem::Thank { .. } => 5,
            };
            sections[section].push(TodayRow {
                section,
                slot,
                item,
            });
        }
        let when = |r: &TodayRow| match r.item {
            AgendaItem::Promise { due, .. } => due,
            AgendaItem::Birthday { date, .. } => date,
            AgendaItem::Complaint { since } => since,
            AgendaItem::Anniversary { .. } | AgendaItem::Lapsed { .. } => day,
            // The latest first visits first.
            AgendaItem::Thank { first, .. } => day - (first - day),
        };
        // By day within a section, in the index's order within a day (a stable sort; birthdays, the long
        // section, fall on eight days at most and are bucketed by them instead).
        let mut by_day: [Vec<TodayRow>; 8] = Default::default();
        for row in sections[1].drain(..) {
            let n = match row.item {
                AgendaItem::Birthday { in_days, .. } => in_days as usize,
                _ => 0,
            };
            by_day[n.min(7)].push(row);
        }
        sections[1] = by_day.into_iter().flatten().collect();
        for section in [0, 2, 3, 5] {
            sections[section].sort_by_key(when);
        }
        // The furthest past their own rhythm first.
        sections[4].sort_by(|a, b| b.item.lateness().total_cmp(&a.item.lateness()));
        TodayView {
            day,
            rows: sections.into_iter().flatten().collect(),
            selected: 0,
        }
    }

    /// How many lines are for today (what the key bar counts).
    pub fn due_today(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.item.is_today(self.day))
            .count()
    }
}
