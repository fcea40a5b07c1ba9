//! The desk's performance targets, measured (issue "Fast at any shop size").
//!
//! `cargo bench --bench desk -- 10k 100k` (add `1m` for a million customers; `scripts/bench` runs all
//! three). Stores are made once by the real binary (`regulars demo --customers N --seed 42`) under
//! `target/bench-stores/` and reused. Every row is measured on the real code:
//! - keystroke: the real `App` (update + view) drawing on a 120×40 `TestBackend`, replaying a typed session
//!   (prefixes of common Italian names, a phone fragment, a typo, backspaces), one search per key;
//! - start-up and memory: a fresh process opening the desk as the real one does (`Book::open_for_desk`: the
//!   first frame from the saved index, the store opening behind it) until its first frame, and until its
//!   store is open;
//! - `find`: the real binary as a whole process;
//! - durable write: `Book::log_visit`, which returns only after flush and fsync;
//! - `demo`: the real binary making a new store of N customers, once per size.
//!
//! Percentiles come from the raw samples; the harness is plain `std::time` because the rows are
//! percentiles over a scripted session and whole-process times, not means of a repeated call.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use regulars::book::Book;
use regulars::clock::Clock;
use regulars::ui::App;
use regulars::ui::state::Action;
use regulars::ui::theme::Theme;

const BIN: &str = env!("CARGO_BIN_EXE_regulars");

/// The desk's own allocator (src/main.rs), so the in-process rows measure what the desk runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn store_for(customers: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-stores")
        .join(label(customers));
    if !dir.join("db").exists() {
        eprintln!("making a store of {} customers (once)…", label(customers));
        let started = Instant::now();
        let status = Command::new(BIN)
            .arg("--db")
            .arg(&dir)
            .args([
                "demo",
                "--customers",
                &customers.to_string(),
                "--seed",
                "42",
            ])
            .status()
            .expect("run regulars demo");
        assert!(status.success(), "regulars demo failed");
        eprintln!("  made in {:.1} s", started.elapsed().as_secs_f64());
    }
    dir
}

/// Makes a demo store of `customers` in a scratch folder, timed as a whole process, and removes it.
fn demo_once(customers: usize) -> Duration {
    let scratch = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-stores/scratch");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut demo = Command::new(BIN);
    demo.arg("--db").arg(&scratch).args([
        "demo",
        "--customers",
        &customers.to_string(),
        "--seed",
        "42",
    ]);
    let took = run_timed(demo, 1)[0];
    let _ = std::fs::remove_dir_all(&scratch);
    took
}

fn label(customers: usize) -> String {
    match customers {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}m", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[rank.min(samples.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The typed session: what counter staff type while serving.
fn session() -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    let plain = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let special = |code| KeyEvent::new(code, KeyModifiers::NONE);
    for word in [
        "mar",
        "giu",
        "francesca",
        "ros",
        "nicol",
        "anna",
        "ale",
        "333 4",
        "marcx",
        "d'ang",
    ] {
        for c in word.chars() {
            keys.push(plain(c));
        }
        // A typo or a wrong turn: back to the start, one key at a time.
        for _ in word.chars() {
            keys.push(special(KeyCode::Backspace));
        }
    }
    keys
}

/// The desk on `store`, its first frame drawn on a 120×40 `TestBackend`.
fn open_desk(store: &Path) -> (App, Terminal<TestBackend>) {
    let book = Book::open_for_desk(store, None).expect("open the bench store");
    let mut app = App::new(book, Clock::System, Theme { color: true }, "€".into());
    app.dispatch(Action::Resize {
        width: 120,
        height: 40,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    terminal.draw(|f| app.draw(f)).expect("draw");
    (app, terminal)
}

fn keystrokes(store: &Path) -> (Duration, Duration, Duration) {
    let (mut app, mut terminal) = open_desk(store);
    // Typing measured once the store is open behind the first frame (the steady state of a desk).
    app.book.store().expect("the store opens");
    app.check_store().expect("the store opens");
    let mut samples = Vec::new();
    for _ in 0..5 {
        for key in session() {
            let started = Instant::now();
            app.press(key);
            terminal.draw(|f| app.draw(f)).expect("draw");
            samples.push(started.elapsed());
        }
    }
    let p50 = percentile(&mut samples, 0.5);
    let p99 = percentile(&mut samples, 0.99);
    let max = percentile(&mut samples, 1.0);
    app.into_book().close();
    (p50, p99, max)
}

/// Ctrl-T (the Today view made from the index and drawn), then Esc: each measured like a keystroke.
fn today_opens(store: &Path) -> (Duration, Duration, Duration, usize) {
    let (mut app, mut terminal) = open_desk(store);
    app.book.store().expect("the store opens");
    app.check_store().expect("the store opens");
    let ctrl_t = KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL);
    let (p50, p99, max) = overlay_opens(&mut app, &mut terminal, ctrl_t);
    app.press(ctrl_t);
    let lines = app.state.today.as_ref().map_or(0, |t| t.rows.len());
    if std::env::var_os("BENCH_SPLIT").is_some() {
        let clock = Clock::System;
        let mut scan = Vec::new();
        for _ in 0..20 {
            let started = Instant::now();
            let agenda = app.book.agenda_slots(&clock);
            scan.push(started.elapsed());
            let started = Instant::now();
            let view = regulars::ui::state::TodayView::new(clock.today(), &agenda);
            eprintln!("view {:?} ({} rows)", started.elapsed(), view.rows.len());
        }
        eprintln!("agenda scan p50 {}", ms(percentile(&mut scan, 0.5)));
    }
    app.into_book().close();
    (p50, p99, max, lines)
}

/// `key` (a view over the panes: Today, the pulse) pressed and drawn, then Esc, 100 times: the opening
/// measured like a keystroke (p50 / p99 / max).
fn overlay_opens(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    key: KeyEvent,
) -> (Duration, Duration, Duration) {
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let mut samples = Vec::new();
    for _ in 0..100 {
        let started = Instant::now();
        app.press(key);
        terminal.draw(|f| app.draw(f)).expect("draw");
        samples.push(started.elapsed());
        app.press(esc);
        terminal.draw(|f| app.draw(f)).expect("draw");
    }
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
        percentile(&mut samples, 1.0),
    )
}

/// Ctrl-P: the shop's pulse read from the index and drawn (p50 / p99 / max of 100), and the pulse alone
/// as `regulars pulse` reads it (p50 / p99 of 50).
fn pulse_opens(store: &Path) -> [Duration; 5] {
    let (mut app, mut terminal) = open_desk(store);
    app.book.store().expect("the store opens");
    app.check_store().expect("the store opens");
    let ctrl_p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
    let (p50, p99, max) = overlay_opens(&mut app, &mut terminal, ctrl_p);
    let (clock, loyalty) = (
        Clock::System,
        regulars::config::Config::defaults().loyalty(),
    );
    let mut alone = Vec::new();
    for _ in 0..50 {
        let started = Instant::now();
        std::hint::black_box(app.book.pulse(&clock, &loyalty));
        alone.push(started.elapsed());
    }
    app.into_book().close();
    [
        p50,
        p99,
        max,
        percentile(&mut alone, 0.5),
        percentile(&mut alone, 0.99),
    ]
}

/// The greeting card with its stamps, tier, rhythm and sparkline: each of the 200 customers who visited
/// last opened (their latest visits and figures read from the store) and drawn, then Esc (p50 / p99 /
/// max).
fn card_opens(store: &Path) -> (Duration, Duration, Duration) {
    let (mut app, mut terminal) = open_desk(store);
    app.book.store().expect("the store opens");
    app.check_store().expect("the store opens");
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let mut samples = Vec::new();
    for id in app.book.index().search("", Some(200)) {
        let started = Instant::now();
        app.dispatch(Action::OpenCustomer(id));
        terminal.draw(|f| app.draw(f)).expect("draw");
        samples.push(started.elapsed());
        assert!(app.state.profile.is_some(), "the card opened");
        app.press(esc);
        terminal.draw(|f| app.draw(f)).expect("draw");
    }
    app.into_book().close();
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
        percentile(&mut samples, 1.0),
    )
}

/// `regulars lapsed`'s work on an open book: the index scanned for regulars past their rhythm, then sorted
/// by how far past it they are (p50 / p99 of 50), and how many there are.
fn lapsed_scans(store: &Path) -> (Duration, Duration, usize) {
    let mut book = Book::open(store, None).expect("open");
    let clock = Clock::System;
    let loyalty = regulars::config::Config::defaults().loyalty();
    let mut samples = Vec::new();
    let mut found = 0;
    for _ in 0..50 {
        let started = Instant::now();
        let mut lapsed = book.lapsed_slots(&clock, &loyalty);
        lapsed.sort_by(|a, b| b.1.lateness().total_cmp(&a.1.lateness()));
        samples.push(started.elapsed());
        found = lapsed.len();
    }
    let _ = book.store();
    book.close();
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
        found,
    )
}

fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// In a fresh process: open the desk and draw the first frame (one line: resident memory), wait for the
/// store (another line), and close the desk as a person quitting would.
fn startup_child(store: &Path) {
    use std::io::Write;
    let (app, _terminal) = open_desk(store);
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{}", rss_kb());
    let _ = out.flush();
    let mut book = app.into_book();
    book.store().expect("the store opens");
    let _ = writeln!(out, "{}", rss_kb());
    let _ = out.flush();
    book.close();
}

/// Start-up runs: for each, the time to the first frame and to the store open, and the resident memory
/// at each of those moments.
fn startups(me: &Path, store: &Path, runs: usize) -> [Vec<(Duration, u64)>; 2] {
    use std::io::BufRead;
    let mut seen = [Vec::new(), Vec::new()];
    for _ in 0..runs {
        let started = Instant::now();
        let mut child = Command::new(me)
            .arg("--startup-child")
            .arg(store)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start-up child");
        let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
        for moment in &mut seen {
            let line = lines.next().expect("a line").expect("read");
            moment.push((started.elapsed(), line.trim().parse().unwrap_or(0)));
        }
        assert!(child.wait().expect("wait").success());
    }
    seen
}

/// Three imports of `file`, each into a new empty store in `scratch`.
fn imports_into_new_stores(scratch: &Path, file: &Path) -> Vec<Duration> {
    // Named by the whole file name: `all.csv` and `all.json` each get their own new stores.
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let mut times = Vec::new();
    for run in 0..3 {
        let store = scratch.join(format!("{name}-{run}"));
        assert!(!store.exists(), "{} is not a new store", store.display());
        let mut import = Command::new(BIN);
        import.arg("--db").arg(store).arg("import").arg(file);
        times.extend(run_timed(import, 1));
    }
    times
}

fn run_timed(mut command: Command, runs: usize) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let out = command.output().expect("run");
        times.push(started.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    times
}

fn durable_writes(store: &Path) -> (Duration, Duration, Duration, Vec<Duration>) {
    let mut book = Book::open(store, None).expect("open");
    // The bench's own customer, whose visits are dated 2001 so that they sit at the bottom of the list
    // and never change what the keystroke session sees.
    let id = match book.search("bench writer", Some(1)).first() {
        Some(&id) => id,
        None => {
            let today = chrono::Utc::now().date_naive();
            let text = regulars::domain::CustomerText {
                name: "Bench Writer".into(),
                ..Default::default()
            };
            let draft = regulars::domain::CustomerDraft::from_text(&text, today).expect("draft");
            book.add_customer(draft, chrono::Utc::now(), today)
                .expect("add")
                .id
        }
    };
    let old = chrono::DateTime::from_timestamp(978_307_200, 0).expect("2001");
    let mut samples = Vec::new();
    for n in 0..300 {
        let started = Instant::now();
        let at = old + chrono::Duration::seconds(n);
        book.log_visit(id, at, Some(350), Some("espresso".into()))
            .expect("write");
        samples.push(started.elapsed());
    }
    let first = samples[..10].to_vec();
    let result = (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
        percentile(&mut samples, 1.0),
        first,
    );
    book.close();
    result
}

/// A backup of the store, a restore of it into a new store, and a forget of one customer with visits on
/// a copy of the store: each the real binary as a whole process, timed once.
fn backup_restore_forget(store: &Path) -> (Duration, Duration, Duration) {
    let work = tempfile::tempdir().expect("temp dir");
    let file = work.path().join("shop.regulars-backup");
    let timed = |args: &[&str], db: &Path| {
        let started = Instant::now();
        let out = Command::new(BIN)
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            started.elapsed(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (backup, _) = timed(&["backup", file.to_str().expect("path")], store);
    let copy = work.path().join("copy");
    let (restore, _) = timed(&["restore", file.to_str().expect("path")], &copy);
    let (_, found) = timed(&["find", "mar", "--limit", "1"], &copy);
    let id = found.split('\t').next().expect("a customer").to_string();
    let (forget, _) = timed(&["forget", &id, "--yes"], &copy);
    (backup, restore, forget)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let [mode, store] = args.as_slice()
        && mode == "--startup-child"
    {
        startup_child(Path::new(store));
        return;
    }
    let sizes: Vec<usize> = if args.is_empty() {
        vec![10_000, 100_000]
    } else {
        args.iter()
            .filter_map(|a| match a.to_lowercase().as_str() {
                "10k" => Some(10_000),
                "100k" => Some(100_000),
                "1m" => Some(1_000_000),
                other => other.parse().ok(),
            })
            .collect()
    };
    let me = std::env::current_exe().expect("bench binary");
    // `backup` among the arguments: only the backup, restore and forget rows, three turns each.
    if args.iter().any(|a| a == "backup") {
        println!(
            "| size | `backup` | `restore` into a new store | `forget` on the restored store |"
        );
        println!("|---|---|---|---|");
        for &n in &sizes {
            let turns: Vec<_> = (0..3)
                .map(|_| backup_restore_forget(&store_for(n)))
                .collect();
            let cell = |mut times: Vec<Duration>| {
                format!(
                    "{} / {}",
                    ms(percentile(&mut times, 0.5)),
                    ms(percentile(&mut times, 1.0))
                )
            };
            println!(
                "| {n} | {} | {} | {} |",
                cell(turns.iter().map(|t| t.0).collect()),
                cell(turns.iter().map(|t| t.1).collect()),
                cell(turns.iter().map(|t| t.2).collect())
            );
        }
        return;
    }
    // `durable` among the arguments: only the durable writes, with the first ten one by one (the slow ones
    // are the first after opening).
    if args.iter().any(|a| a == "durable") {
        println!("| durable visit write (p50 / p99 / max of 300; the first ten) | size |");
        println!("|---|---|");
        for &n in &sizes {
            let store = store_for(n);
            Book::open(&store, None).expect("open").close();
            let (p50, p99, max, first) = durable_writes(&store);
            let first: Vec<String> = first.iter().map(|d| ms(*d)).collect();
            println!(
                "| {} / {} / {}; {} | {} |",
                ms(p50),
                ms(p99),
                ms(max),
                first.join(" "),
                label(n)
            );
        }
        return;
    }
    // `lapsed` among the arguments: only the lapsed row.
    if args.iter().any(|a| a == "lapsed") {
        println!("| `lapsed`: the index scanned and sorted (p50 / p99 of 50; how many) | size |");
        println!("|---|---|");
        for &n in &sizes {
            let store = store_for(n);
            let (p50, p99, found) = lapsed_scans(&store);
            println!(
                "| {} / {}; {found} lapsed | {} |",
                ms(p50),
                ms(p99),
                label(n)
            );
        }
        return;
    }
    // `import` among the arguments: the import and export rows, whole processes (median / max of 3).
    if args.iter().any(|a| a == "import") {
        println!("| measure | size |");
        println!("|---|---|");
        for &n in &sizes {
            let scratch = tempfile::tempdir().expect("scratch");
            let csv = scratch.path().join("all.csv");
            let mut export = Command::new(BIN);
            export
                .arg("--db")
                .arg(store_for(n))
                .args(["export", "--format", "csv", "-o"])
                .arg(&csv);
            let mut times = run_timed(export, 3);
            let row = |what: &str, times: &mut Vec<Duration>| {
                println!(
                    "| {what} (median / max of 3): {} / {} | {} |",
                    ms(percentile(times, 0.5)),
                    ms(percentile(times, 1.0)),
                    label(n)
                );
            };
            row("`export --format csv` of every customer", &mut times);
            let mut dry = Command::new(BIN);
            dry.arg("--db")
                .arg(scratch.path().join("dry"))
                .arg("import")
                .arg(&csv)
                .arg("--dry-run");
            row(
                "`import --dry-run` of that file into an empty store",
                &mut run_timed(dry, 3),
            );
            row(
                "`import` of that file into an empty store",
                &mut imports_into_new_stores(scratch.path(), &csv),
            );
            let json = scratch.path().join("all.json");
            let mut export = Command::new(BIN);
            export
                .arg("--db")
                .arg(store_for(n))
                .args(["export", "--format", "json", "-o"])
                .arg(&json);
            row(
                "`export --format json` of every customer and record",
                &mut run_timed(export, 3),
            );
            row(
                "`import` of that JSON into an empty store",
                &mut imports_into_new_stores(scratch.path(), &json),
            );
        }
        return;
    }
    // `pulse` among the arguments: the pulse and the card rows.
    if args.iter().any(|a| a == "pulse") {
        println!("| measure | size |");
        println!("|---|---|");
        for &n in &sizes {
            let store = store_for(n);
            Book::open(&store, None).expect("open").close();
            let [p50, p99, max, alone50, alone99] = pulse_opens(&store);
            println!(
                "| Ctrl-P → the pulse read and drawn (p50 / p99 / max of 100): {} / {} / {} | {} |",
                ms(p50),
                ms(p99),
                ms(max),
                label(n)
            );
            println!(
                "| the pulse alone, as `regulars pulse` reads it (p50 / p99 of 50): {} / {} | {} |",
                ms(alone50),
                ms(alone99),
                label(n)
            );
            let (p50, p99, max) = card_opens(&store);
            println!(
                "| a card with stamps, tier, rhythm and sparkline opened and drawn (p50 / p99 / max of 200): {} / {} / {} | {} |",
                ms(p50),
                ms(p99),
                ms(max),
                label(n)
            );
        }
        return;
    }
    // `today` among the arguments: only the Today row.
    if args.iter().any(|a| a == "today") {
        println!(
            "| Ctrl-T → Today made from the index and drawn (p50 / p99 / max of 100; lines) | size |"
        );
        println!("|---|---|");
        for &n in &sizes {
            let store = store_for(n);
            Book::open(&store, None).expect("open").close();
            let (p50, p99, max, lines) = today_opens(&store);
            println!(
                "| {} / {} / {}; {lines} lines | {} |",
                ms(p50),
                ms(p99),
                ms(max),
                label(n)
            );
        }
        return;
    }
    println!(
        "| measure | {} |",
        sizes
            .iter()
            .map(|&n| label(n))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|---|{}", "---|".repeat(sizes.len()));
    let mut rows: Vec<(String, Vec<String>)> = [
        "keystroke → list updated and frame drawn (p50 / p99 / max)",
        "process start → first frame (median / max of 10)",
        "process start → store open behind it (median / max of 10)",
        "`regulars find mar` whole process (median / max of 10)",
        "durable visit write (p50 / p99 / max of 300)",
        "resident memory at the first frame / once the store is open (max of 10)",
        "`regulars demo --customers N` into a new store (one run)",
        "`regulars backup FILE` whole process (one run)",
        "`regulars restore FILE` into a new store, whole process (one run)",
        "`regulars forget ID` of one regular, on a copy of the store, whole process (one run)",
    ]
    .iter()
    .map(|r| (r.to_string(), Vec::new()))
    .collect();
    for &n in &sizes {
        let store = store_for(n);
        // Warm the page cache and let a first open rebuild anything stale.
        Book::open(&store, None).expect("open").close();
        let (p50, p99, max) = keystrokes(&store);
        rows[0]
            .1
            .push(format!("{} / {} / {}", ms(p50), ms(p99), ms(max)));
        let moments = startups(&me, &store, 10);
        let mut rss = Vec::new();
        for (row, moment) in [1, 2].into_iter().zip(moments) {
            let mut times: Vec<Duration> = moment.iter().map(|m| m.0).collect();
            rows[row].1.push(format!(
                "{} / {}",
                ms(percentile(&mut times, 0.5)),
                ms(percentile(&mut times, 1.0))
            ));
            let most = moment.iter().map(|m| m.1).max().unwrap_or(0);
            rss.push(format!("{:.0} MB", most as f64 / 1024.0));
        }
        rows[5].1.push(rss.join(" / "));
        let mut find = Command::new(BIN);
        find.arg("--db")
            .arg(&store)
            .args(["find", "mar", "--limit", "20"]);
        let mut times = run_timed(find, 10);
        rows[3].1.push(format!(
            "{} / {}",
            ms(percentile(&mut times, 0.5)),
            ms(percentile(&mut times, 1.0))
        ));
        let (p50, p99, max, _) = durable_writes(&store);
        rows[4]
            .1
            .push(format!("{} / {} / {}", ms(p50), ms(p99), ms(max)));
    }
    for &n in &sizes {
        rows[6].1.push(ms(demo_once(n)));
    }
    for &n in &sizes {
        let (backup, restore, forget) = backup_restore_forget(&store_for(n));
        rows[7].1.push(ms(backup));
        rows[8].1.push(ms(restore));
        rows[9].1.push(ms(forget));
    }
    for (name, cells) in rows {
        println!("| {name} | {} |", cells.join(" | "));
    }
}
