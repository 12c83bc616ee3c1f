//! The `sportello` command line, run as a real process on a SQLite file.

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

fn run(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .current_dir(dir)
        .env(
            "SPORTELLO_DATABASE_URL",
            format!("sqlite://{}/cli.db?mode=rwc", dir.display()),
        )
        .env("SPORTELLO_DEMO", "off")
        .env("RUST_LOG", "warn")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn migrate_seed_and_user_create_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["migrate"], None);
    assert!(out.status.success(), "{out:?}");
    let out = run(dir.path(), &["seed-demo"], None);
    assert!(out.status.success());
    assert!(stdout(&out).contains("demo data seeded"));
    assert!(
        stdout(&out).contains("sportello@demo.comune.bari.it"),
        "the demo accounts are printed"
    );
    let again = run(dir.path(), &["seed-demo"], None);
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("nothing seeded"),
        "seeding twice changes nothing"
    );

    let out = run(
        dir.path(),
        &[
            "user",
            "create",
            "--email",
            "clerk@example.org",
            "--role",
            "staff",
            "--office",
            "1",
        ],
        Some("a-long-password\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("created staff clerk@example.org"));
    // The password must never be echoed.
    assert!(!stdout(&out).contains("a-long-password"));

    for (args, stdin) in [
        (
            vec![
                "user",
                "create",
                "--email",
                "m@example.org",
                "--role",
                "manager",
            ],
            "a-long-password\n",
        ),
        (
            vec![
                "user",
                "create",
                "--email",
                "s@example.org",
                "--role",
                "staff",
                "--office",
                "1",
            ],
            "short\n",
        ),
        (
            vec![
                "user",
                "create",
                "--email",
                "clerk@example.org",
                "--role",
                "staff",
                "--office",
                "1",
            ],
            "a-long-password\n",
        ),
        (
            vec![
                "user",
                "create",
                "--email",
                "x@example.org",
                "--role",
                "boss",
            ],
            "a-long-password\n",
        ),
        (vec!["frobnicate"], ""),
    ] {
        let out = run(dir.path(), &args, Some(stdin));
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(
            !String::from_utf8_lossy(&out.stderr).is_empty(),
            "{args:?} says why"
        );
    }
}

#[test]
fn serve_prints_its_address_first_then_the_demo_accounts() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let serve = |dir: &std::path::Path, second_line: bool| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
            .current_dir(dir)
            .env(
                "SPORTELLO_DATABASE_URL",
                format!("sqlite://{}/serve.db?mode=rwc", dir.display()),
            )
            .env("SPORTELLO_DEMO", "on")
            .env("SPORTELLO_BIND", "127.0.0.1:0")
            .env("SPORTELLO_BACKGROUND_JOBS", "off")
            .env("RUST_LOG", "warn")
            .arg("serve")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        // A second line exists only when the demo was seeded; do not wait for one otherwise.
        let second = if second_line {
            lines.next().map(|l| l.unwrap())
        } else {
            None
        };
        child.kill().unwrap();
        child.wait().unwrap();
        (first, second)
    };
    let (first, second) = serve(dir.path(), true);
    assert!(
        first.starts_with("listening on http://127.0.0.1:"),
        "{first}"
    );
    assert!(
        second.unwrap_or_default().starts_with("demo accounts"),
        "then the accounts, on the start-up that seeds"
    );
    // A restart seeds nothing and still says first where it listens.
    let (first, _) = serve(dir.path(), false);
    assert!(first.starts_with("listening on"));
}

#[test]
fn help_and_version_answer_on_every_command_without_touching_anything() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["seed-demo", "--help"],
        vec!["release-no-shows", "--help"],
        vec!["user", "--help"],
        vec!["user", "create", "--help"],
    ] {
        let out = run(dir.path(), &args, None);
        assert!(out.status.success(), "{args:?}: {out:?}");
        let text = stdout(&out);
        assert!(text.contains("Usage: sportello"), "{args:?}: {text}");
        assert!(
            !text.starts_with("listening on"),
            "{args:?} started a server"
        );
    }
    let out = run(dir.path(), &["user", "create", "--help"], None);
    let text = stdout(&out);
    for option in ["--email", "--role", "--office", "standard input"] {
        assert!(text.contains(option), "{option} in {text}");
    }
    for args in [
        vec!["--version"],
        vec!["serve", "--version"],
        vec!["user", "create", "--version"],
    ] {
        let out = run(dir.path(), &args, None);
        assert!(out.status.success(), "{args:?}");
        // `sportello 0.1.0`, or `sportello-user-create 0.1.0` for a command.
        let text = stdout(&out);
        assert!(
            text.starts_with("sportello") && text.trim().ends_with(env!("CARGO_PKG_VERSION")),
            "{args:?}: {text}"
        );
    }
    // A mistyped option is refused with a usage error (exit code 2), naming it.
    let out = run(dir.path(), &["release-no-shows", "--dry-rn"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--dry-rn"));
    // None of this created a database.
    assert!(
        !dir.path().join("cli.db").exists(),
        "a help run opened the database"
    );
}
