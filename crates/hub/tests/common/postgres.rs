//! A throw-away PostgreSQL cluster for a test: `initdb` into a temporary directory,
//! `pg_ctl start` on a free port, stopped and deleted at the end. As root, the cluster
//! runs as the `postgres` user.
//!
//! A cluster that cannot start (a temporary directory, `chown`, a free port, `initdb`
//! or `pg_ctl` failing) is a panic with the reason, never a quiet skip. Only a missing
//! installation can be skipped, by [`TempPostgres::start`] and only without
//! `WELKOM_REQUIRE_TOOLS`; [`TempPostgres::require`] (for the PostgreSQL half of a
//! test, ignored unless asked for) fails with the install hint.
//!
//! A cluster can be stopped and started again on its port (the hub must carry on),
//! and can take TLS connections only ([`TempPostgres::require_tls`]).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The settings a durable cluster (the benchmarks') runs with besides PostgreSQL's
/// defaults: those docs/protocol.md ("PostgreSQL's settings") recommends for a real
/// deployment. With the default 128 MB of shared buffers the ingest's tables and
/// indexes outgrew them within 100,000 events, and batches then wrote other batches'
/// pages out themselves (flushing the WAL up to them first).
const DURABLE_SETTINGS: &str = " -c shared_buffers=1GB";

/// A running cluster.
pub struct TempPostgres {
    /// `postgres://postgres@127.0.0.1:PORT/postgres`
    pub url: String,
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
    options: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

/// What [`TempPostgres::require_tls`] made: the cluster and its certificate.
pub struct TlsPostgres {
    /// The cluster; its `url` has no `sslmode`.
    pub cluster: TempPostgres,
    /// The server's self-signed certificate (PEM), for `sslrootcert`.
    pub certificate: PathBuf,
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

/// What a test that needs PostgreSQL says when it is not installed.
pub const INSTALL_HINT: &str = "needs PostgreSQL: apt-get install postgresql";

/// Whether PostgreSQL's server programs are installed.
pub fn installed() -> bool {
    find_bin().is_some()
}

impl TempPostgres {
    /// Starts a cluster for tests (fsync off: fast, not durable). `None` only when
    /// PostgreSQL is not installed and `WELKOM_REQUIRE_TOOLS` is unset, said loudly;
    /// any other failure panics with the reason.
    pub fn start() -> Option<Self> {
        Self::start_with(false)
    }

    /// Starts a cluster for a test that needs one: panics with the install hint when
    /// PostgreSQL is not installed, and with the reason when it cannot start.
    pub fn require() -> Self {
        let bin = find_bin().unwrap_or_else(|| {
            panic!("{INSTALL_HINT} (no /usr/lib/postgresql/*/bin/initdb and pg_ctl)")
        });
        Self::start_from(&bin, false, |_, _| String::new())
    }

    /// As [`TempPostgres::require`], for a cluster that accepts only TLS over TCP
    /// (`hostssl` alone in pg_hba.conf), with a self-signed certificate for 127.0.0.1
    /// and localhost.
    pub fn require_tls() -> TlsPostgres {
        let bin = find_bin().unwrap_or_else(|| {
            panic!("{INSTALL_HINT} (no /usr/lib/postgresql/*/bin/initdb and pg_ctl)")
        });
        let certificate = std::cell::RefCell::new(PathBuf::new());
        let cluster = Self::start_from(&bin, false, |data, as_postgres| {
            let made = rcgen::generate_simple_self_signed(vec![
                "127.0.0.1".to_owned(),
                "localhost".to_owned(),
            ])
            .expect("a self-signed certificate");
            let cert = data.join("server.crt");
            let key = data.join("server.key");
            std::fs::write(&cert, made.cert.pem()).expect("server.crt");
            std::fs::write(&key, made.signing_key.serialize_pem()).expect("server.key");
            std::fs::write(
                data.join("pg_hba.conf"),
                "# TLS only, over TCP\nhostssl all all 127.0.0.1/32 trust\n",
            )
            .expect("pg_hba.conf");
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600))
                .expect("chmod server.key");
            if as_postgres {
                let status = Command::new("chown")
                    .args(["postgres:postgres"])
                    .arg(&cert)
                    .arg(&key)
                    .arg(data.join("pg_hba.conf"))
                    .status()
                    .expect("chown");
                assert!(
                    status.success(),
                    "chown of the server's certificate and key"
                );
            }
            let copy = data.parent().expect("a parent").join("root.crt");
            std::fs::write(&copy, made.cert.pem()).expect("root.crt");
            *certificate.borrow_mut() = copy;
            " -c ssl=on".to_owned()
        });
        TlsPostgres {
            cluster,
            certificate: certificate.into_inner(),
        }
    }

    /// The server's main process, from `postmaster.pid` (a benchmark sums the CPU
    /// time of it and its children).
    pub fn postmaster_pid(&self) -> Option<u32> {
        let file = std::fs::read_to_string(self.data.join("postmaster.pid")).ok()?;
        file.lines().next()?.trim().parse().ok()
    }

    /// Stops the cluster (fast shutdown: clients are disconnected).
    pub fn stop(&self) {
        let out = run(
            &self.bin,
            self.as_postgres,
            "pg_ctl",
            &[
                "-D",
                self.data.to_str().expect("a path"),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl stop failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts the stopped cluster again, on the same port.
    pub fn start_again(&self) {
        let out = run(
            &self.bin,
            self.as_postgres,
            "pg_ctl",
            &[
                "-D",
                self.data.to_str().expect("a path"),
                "-o",
                &self.options,
                "-l",
                self.log.to_str().expect("a path"),
                "-w",
                "start",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start failed: {} {}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&self.log).unwrap_or_default()
        );
    }

    /// Starts a cluster; `durable` keeps PostgreSQL's fsync on (for benchmarks).
    /// `None` only when PostgreSQL is not installed and `WELKOM_REQUIRE_TOOLS` is unset.
    pub fn start_with(durable: bool) -> Option<Self> {
        let Some(bin) = find_bin() else {
            assert!(
                std::env::var_os("WELKOM_REQUIRE_TOOLS").is_none(),
                "PostgreSQL is required here (WELKOM_REQUIRE_TOOLS) but not installed: \
                 {INSTALL_HINT}"
            );
            eprintln!(
                "\n*** PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): \
                 SKIPPING the PostgreSQL half. {INSTALL_HINT}; `.ci/run` installs it. ***\n"
            );
            return None;
        };
        Some(Self::start_from(&bin, durable, |_, _| String::new()))
    }

    /// Starts a cluster with the programs in `bin`; every failure panics with the reason.
    /// `configure` may change the data directory after initdb (it is told whether
    /// files must belong to `postgres`) and returns more server options.
    fn start_from(
        bin: &Path,
        durable: bool,
        configure: impl FnOnce(&Path, bool) -> String,
    ) -> Self {
        let bin = bin.to_owned();
        let as_postgres = running_as_root();
        let dir = tempfile::Builder::new()
            .prefix("welkom-pg")
            .tempdir()
            .unwrap_or_else(|e| panic!("a temporary directory for the test cluster: {e}"));
        let data = dir.path().join("data");
        let sockets = dir.path().join("sockets");
        std::fs::create_dir_all(&sockets)
            .unwrap_or_else(|e| panic!("creating {}: {e}", sockets.display()));
        if as_postgres {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .unwrap_or_else(|e| panic!("running chown for the test cluster: {e}"));
            assert!(
                status.success(),
                "chown -R postgres:postgres {} failed ({status}); is there a `postgres` user?",
                dir.path().display()
            );
        }
        let text = |path: &Path| {
            path.to_str()
                .unwrap_or_else(|| panic!("the test cluster's path is not UTF-8: {path:?}"))
                .to_owned()
        };
        let (data_text, log) = (text(&data), dir.path().join("postgres.log"));
        let log_text = text(&log);
        let out = run(
            &bin,
            as_postgres,
            "initdb",
            &[
                "-D",
                &data_text,
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
            .and_then(|listener| listener.local_addr())
            .unwrap_or_else(|e| panic!("a free port for the test cluster: {e}"))
            .port();
        let (fsync, settings) = if durable {
            ("on", DURABLE_SETTINGS)
        } else {
            ("off", "")
        };
        let extra = configure(&data, as_postgres);
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -k {} -c fsync={fsync} -c max_connections=200{settings}{extra}",
            sockets.display()
        );
        let out = run(
            &bin,
            as_postgres,
            "pg_ctl",
            &[
                "-D", &data_text, "-o", &options, "-l", &log_text, "-w", "start",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start failed: {} {}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        Self {
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
            bin,
            data,
            as_postgres,
            options,
            log,
            _dir: dir,
        }
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
