//! The shop's pulse: pictures of the whole shop that a shopkeeper would rather look at than read.
//! Customers by tier and where the regulars stand against their rhythm as bars side by side; the visits of
//! the last twelve months below, returning (solid) and new (shaded) side by side under one scale, each
//! month's figures under its bars. It reads without colour: the two kinds of bar differ by their glyph.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Clear, Paragraph};

use super::state::State;
use super::theme::Theme;
use super::view::{columns, fit_line};
use crate::search::Pulse;
use crate::text;

/// New visits' bars: shaded, so they are told from the returning ones without colour.
const SHADED: symbols::bar::Set = symbols::bar::Set {
    full: "░",
    seven_eighths: "░",
    three_quarters: "░",
    five_eighths: "░",
    half: "░",
    three_eighths: "░",
    one_quarter: "░",
    one_eighth: "░",
    empty: " ",
};

pub fn draw(frame: &mut Frame, area: Rect, pulse: &Pulse, state: &State) {
    let theme = state.theme;
    frame.render_widget(Clear, area);
    let block = theme.pane(text::pulse_title(pulse.today), theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = u16::try_from(pulse.tiers.len().max(3)).unwrap_or(u16::MAX);
    let [top, _, months] = Layout::vertical([
        Constraint::Length(rows.saturating_add(1)),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let [left, _, right] = Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Length(2),
        Constraint::Min(0),
    ])
    .areas(top);

    let tiers: Vec<(String, u32, ratatui::style::Style)> = pulse
        .tiers
        .iter()
        .enumerate()
        .map(|(rank, &n)| {
            let name = text::tier_line(&state.loyalty, rank);
            (name, n, theme.highlight())
        })
        .collect();
    let heading = text::pulse_tiers(pulse.customers);
    draw_bars(frame, left, &heading, &tiers, theme);

    let r = pulse.regulars;
    let regulars = [
        (text::PULSE_WITHIN.to_string(), r.within, theme.ok()),
        (text::PULSE_DUE.to_string(), r.due, theme.highlight()),
        (text::PULSE_LAPSED.to_string(), r.lapsed, theme.error()),
    ];
    let heading = text::pulse_regulars(r.within + r.due + r.lapsed);
    draw_bars(frame, right, &heading, &regulars, theme);

    draw_months(frame, months, pulse, theme);
}

/// A heading and one bar per row: its name, the bar, the count after it.
fn draw_bars(
    frame: &mut Frame,
    area: Rect,
    heading: &str,
    rows: &[(String, u32, ratatui::style::Style)],
    theme: Theme,
) {
    let width = usize::from(area.width);
    let values: Vec<(String, u64)> = rows
        .iter()
        .map(|(name, n, _)| (name.clone(), u64::from(*n)))
        .collect();
    let mut lines = vec![fit_line(
        Line::styled(heading.to_string(), theme.bold()),
        width,
    )];
    for ([name, bar, count], (_, _, style)) in text::bar_rows(&values, width).into_iter().zip(rows)
    {
        let gap = if bar.is_empty() { "" } else { " " };
        let line = Line::from(vec![
            Span::raw(name),
            Span::styled(bar, *style),
            Span::raw(format!("{gap}{count}")),
        ]);
        lines.push(fit_line(line, width));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The twelve months: a heading with the legend, the bars, and under each month its name, its returning
/// visits and its new ones (`+14`).
fn draw_months(frame: &mut Frame, area: Rect, pulse: &Pulse, theme: Theme) {
    if area.height < 5 {
        return;
    }
    let [heading, chart, labels] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(3),
    ])
    .areas(area);
    let (first, last) = (pulse.months[0].month, pulse.months[11].month);
    let legend = Line::from(vec![
        Span::styled(text::pulse_months_range(first, last), theme.bold()),
        Span::raw("  "),
        Span::styled("██", theme.highlight()),
        Span::raw(format!(" {}  ", text::PULSE_RETURNING)),
        Span::styled("░░", theme.ok()),
        Span::raw(format!(" {} (+)", text::PULSE_NEW)),
    ]);
    frame.render_widget(
        Paragraph::new(fit_line(legend, usize::from(area.width))),
        heading,
    );
    // Each month takes a slot: its returning bar, its new bar beside it, and a gap.
    let slot = (area.width / 12).max(3);
    let bar_width = ((slot - 1) / 2).max(1);
    let gap = slot - bar_width;
    let max = pulse
        .months
        .iter()
        .map(|m| u64::from(m.returning.max(m.new)))
        .max()
        .unwrap_or(0)
        .max(1);
    let chart_of = |values: Vec<u64>, style| {
        let bars: Vec<Bar> = values
            .into_iter()
            .map(|v| Bar::new(v).text_value(String::new()).style(style))
            .collect();
        BarChart::default()
            .data(BarGroup::new(bars))
            .bar_width(bar_width)
            .bar_gap(gap)
            .max(max)
    };
    let returning = chart_of(
        pulse
            .months
            .iter()
            .map(|m| u64::from(m.returning))
            .collect(),
        theme.highlight(),
    );
    frame.render_widget(returning, chart);
    let shifted = Rect {
        x: chart.x + bar_width,
        width: chart.width.saturating_sub(bar_width),
        ..chart
    };
    // A month with new customers shows at least a shaded cell, however many came back beside them (the
    // figures under the bars say how many).
    let sliver = max.div_ceil(u64::from(chart.height.max(1)) * 8);
    let new = chart_of(
        pulse
            .months
            .iter()
            .map(|m| match u64::from(m.new) {
                0 => 0,
                n => n.max(sliver),
            })
            .collect(),
        theme.ok(),
    )
    .bar_set(SHADED);
    frame.render_widget(new, shifted);

    let cell = usize::from(slot);
    let row = |f: &dyn Fn(&crate::search::MonthPulse) -> String| {
        let mut out = String::new();
        for m in &pulse.months {
            let words = f(m);
            let pad = cell.saturating_sub(columns(&words));
            out.push_str(&words);
            out.push_str(&" ".repeat(pad));
        }
        out
    };
    let lines = vec![
        Line::styled(row(&|m| text::month_short(m.month)), theme.bold()),
        Line::raw(row(&|m| text::count_short(u64::from(m.returning)))),
        Line::styled(
            row(&|m| format!("+{}", text::count_short(u64::from(m.new)))),
            theme.dim(),
        ),
    ];
    let width = usize::from(labels.width);
    frame.render_widget(
        Paragraph::new(
            lines
                .into_iter()
                .map(|l| fit_line(l, width))
                .collect::<Vec<_>>(),
        ),
        labels,
    );
}
