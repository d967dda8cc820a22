//! A throw-away PostgreSQL cluster for a test: `initdb` into a temporary directory,
//! `pg_ctl start` on a free port, stopped and deleted at the end. When PostgreSQL is
//! not installed the test says so loudly and skips (`.ci/run` installs it, so CI
//! always runs these tests). As root, the cluster runs as the `postgres` user.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running cluster.
pub struct TempPostgres {
    /// `postgres://postgres@127.0.0.1:PORT/postgres`
    pub url: String,
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
    _dir: tempfile::TempDir,
}

fn find_bin() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    found.sort();
    found.pop()
}

fn run(bin: &Path, as_postgres: bool, tool: &str, args: &[&str]) -> std::process::Output {
    let program = bin.join(tool);
    let mut command = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&program);
        c
    } else {
        Command::new(&program)
    };
    command
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"))
}

impl TempPostgres {
    /// Starts a cluster for tests (fsync off: fast, not durable), or says why not
    /// and returns `None`.
    pub fn start() -> Option<Self> {
        Self::start_with(false)
    }

    /// Starts a cluster; `durable` keeps PostgreSQL's fsync on (for benchmarks).
    pub fn start_with(durable: bool) -> Option<Self> {
        let Some(bin) = find_bin() else {
            assert!(
                std::env::var_os("WELKOM_REQUIRE_TOOLS").is_none(),
                "PostgreSQL is required here (WELKOM_REQUIRE_TOOLS) but not installed"
            );
            eprintln!(
                "\n*** PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): \
                 SKIPPING the PostgreSQL tests. `.ci/run` installs it. ***\n"
            );
            return None;
        };
        let as_postgres = running_as_root();
        let dir = tempfile::Builder::new()
            .prefix("welkom-pg")
            .tempdir()
            .ok()?;
        let data = dir.path().join("data");
        let sockets = dir.path().join("sockets");
        std::fs::create_dir_all(&sockets).ok()?;
        if as_postgres {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .ok()?;
            assert!(status.success(), "chown of the test cluster's directory");
        }
        let out = run(
            &bin,
            as_postgres,
            "initdb",
            &[
                "-D",
                data.to_str()?,
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let fsync = if durable { "on" } else { "off" };
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -k {} -c fsync={fsync} -c max_connections=200",
            sockets.display()
        );
        let log = dir.path().join("postgres.log");
        let out = run(
            &bin,
            as_postgres,
            "pg_ctl",
            &[
                "-D",
                data.to_str()?,
                "-o",
                &options,
                "-l",
                log.to_str()?,
                "-w",
                "start",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start failed: {} {}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        Some(Self {
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
            bin,
            data,
            as_postgres,
            _dir: dir,
        })
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        if let Some(data) = self.data.to_str() {
            let _ = run(
                &self.bin,
                self.as_postgres,
                "pg_ctl",
                &["-D", data, "-m", "immediate", "stop"],
            );
        }
    }
}

/// Whether this process runs as root (initdb refuses to).
fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
