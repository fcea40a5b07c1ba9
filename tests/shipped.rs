//! Nothing of the tests ships: the release binary (built by `.ci/run` without the `test-hooks` feature)
//! has no `crash-writer` command and no panic key, in its help or anywhere in its bytes, while the binary
//! the tests run has both (so the check can tell them apart). Needs that release binary:
//! `.ci/run` builds it and runs `REGULARS_SHIPPED=target/release/regulars cargo test --test shipped -- --ignored`.

mod common;

use std::path::PathBuf;

/// What only a `test-hooks` build may hold.
const HOOKS: [&str; 5] = [
    "crash-writer",
    "REGULARS_TEST_PANIC_KEY",
    "REGULARS_TEST_DEADLINE",
    "REGULARS_ABORT_AT",
    "REGULARS_SYNC_ANSWER_SECS",
];

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
#[ignore = "needs the release binary: .ci/run builds it and runs this test"]
fn the_release_binary_has_no_test_hooks() {
    let shipped = PathBuf::from(
        std::env::var("REGULARS_SHIPPED").expect("REGULARS_SHIPPED names the release binary"),
    );
    let tested = std::fs::read(env!("CARGO_BIN_EXE_regulars")).unwrap();
    let released = std::fs::read(&shipped).unwrap();
    for hook in HOOKS {
        assert!(holds(&tested, hook), "the tests' binary lacks {hook}");
        assert!(!holds(&released, hook), "the release binary holds {hook}");
    }
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(&shipped)
            .arg("--db")
            .arg(dir.path().join("store"))
            .args(args)
            .env("LANG", "C")
            .output()
            .unwrap()
    };
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(common::stdout(&help).contains("export"));
    let refused = run(&["crash-writer", "01M8TG2EVS13C6N4WJ85YF6PCB"]);
    assert!(!refused.status.success());
    assert!(
        common::stderr(&refused).contains("crash-writer is not a command"),
        "{}",
        common::stderr(&refused)
    );
    assert!(
        !dir.path().join("store").exists(),
        "a refused command made a store"
    );
}
