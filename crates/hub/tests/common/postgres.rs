//! A throw-away PostgreSQL cluster for a test: `initdb` into a temporary directory,
//! `pg_ctl start` on a free port, stopped and deleted at the end. When PostgreSQL is
//! not installed the test says so loudly and skips (`.ci/run` installs it, so CI
//! always runs these tests). As root, the cluster runs as the `postgres` user.
//! A cluster can be stopped and started again on its port (the hub must carry on),
//! and can speak TLS only ([`TempPostgres::start_tls`]).

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// What [`TempPostgres::start_tls`] made: the cluster and its certificate.
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

impl TempPostgres {
    /// Starts a cluster for tests (fsync off: fast, not durable), or says why not
    /// and returns `None`.
    pub fn start() -> Option<Self> {
        Self::start_with(false)
    }

    /// Starts a cluster; `durable` keeps PostgreSQL's fsync on (for benchmarks).
    pub fn start_with(durable: bool) -> Option<Self> {
        Self::start_configured(durable, |_, _| String::new())
    }

    /// Starts a cluster that accepts only TLS connections over TCP (`hostssl` in
    /// pg_hba.conf), with a self-signed certificate for 127.0.0.1 and localhost.
    pub fn start_tls() -> Option<TlsPostgres> {
        let certificate = std::cell::RefCell::new(PathBuf::new());
        let cluster = Self::start_configured(false, |data, as_postgres| {
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
        })?;
        let certificate = certificate.into_inner();
        Some(TlsPostgres {
            cluster,
            certificate,
        })
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

    /// Starts a cluster; `configure` may change the data directory after initdb (it
    /// is told whether files must belong to `postgres`) and returns more options.
    fn start_configured(
        durable: bool,
        configure: impl FnOnce(&Path, bool) -> String,
    ) -> Option<Self> {
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
        let extra = configure(&data, as_postgres);
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -k {} -c fsync={fsync} -c max_connections=200{extra}",
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
            options,
            log,
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
