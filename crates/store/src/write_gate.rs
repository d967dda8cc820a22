//! Writers in one process take turns, first come first served.
//!
//! SQLite lets one connection write at a time; the others wait in its busy handler,
//! which polls. A writer that commits and begins again at once (retention's batches,
//! a roster import after another) can win every poll, and a tap on another
//! connection then waits until it gives up with "database is locked". So every write
//! transaction first takes a ticket at the gate of its database file, shared by all
//! connections of the process, and begins when its number is called: a tap waits for
//! at most the transactions that were already waiting, each of them short.
//! Writers in another process (a `welkom` command run by hand) still meet only
//! SQLite's busy timeout.

use rusqlite::{Connection, Transaction};
use std::collections::{BTreeSet, HashMap};
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

/// A ticket lock: the numbers handed out and the number being served.
#[derive(Default)]
struct Gate {
    tickets: Mutex<Tickets>,
    called: Condvar,
}

#[derive(Default)]
struct Tickets {
    next: u64,
    serving: u64,
    /// Tickets whose holders stopped waiting: skipped when their number comes up.
    abandoned: BTreeSet<u64>,
}

impl Tickets {
    /// Calls the next number that still has somebody waiting.
    fn advance(&mut self) {
        self.serving += 1;
        while self.abandoned.remove(&self.serving) {
            self.serving += 1;
        }
    }
}

/// The gate's turn, held until the transaction ends.
struct Turn(Arc<Gate>);

impl Gate {
    /// The gate of a database file, shared by every connection of this process.
    fn of(path: PathBuf) -> Arc<Gate> {
        static GATES: OnceLock<Mutex<HashMap<PathBuf, Arc<Gate>>>> = OnceLock::new();
        let mut gates = lock(GATES.get_or_init(Default::default));
        gates.entry(path).or_default().clone()
    }

    /// Waits for this caller's turn, at most `patience`: like SQLite's busy timeout,
    /// a writer that cannot get in says so instead of freezing its thread.
    fn enter(self: Arc<Self>, patience: Duration) -> Option<Turn> {
        let deadline = Instant::now() + patience;
        let mut tickets = lock(&self.tickets);
        let mine = tickets.next;
        tickets.next += 1;
        while tickets.serving != mine {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                tickets.abandoned.insert(mine);
                return None;
            }
            tickets = self
                .called
                .wait_timeout(tickets, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        drop(tickets);
        Some(Turn(self))
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        lock(&self.0.tickets).advance();
        self.0.called.notify_all();
    }
}

/// A poisoned lock only means another writer panicked; the counts are still right.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A write transaction that holds its turn at the gate until it ends.
pub(crate) struct WriteTx<'conn> {
    tx: Transaction<'conn>,
    // Dropped after `tx`: the turn passes on only when the transaction has ended.
    _turn: Option<Turn>,
}

impl<'conn> WriteTx<'conn> {
    /// Commits, then lets the next writer in.
    pub(crate) fn commit(self) -> rusqlite::Result<()> {
        self.tx.commit()
    }

    /// Rolls back, then lets the next writer in.
    pub(crate) fn rollback(self) -> rusqlite::Result<()> {
        self.tx.rollback()
    }
}

impl<'conn> Deref for WriteTx<'conn> {
    type Target = Transaction<'conn>;

    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

/// Waits for this process's turn to write the file, then begins an immediate
/// transaction (`BEGIN IMMEDIATE`, waiting out writers of other processes up to the
/// busy timeout). An in-memory database has no gate.
pub(crate) fn write_tx(conn: &mut Connection) -> rusqlite::Result<WriteTx<'_>> {
    write_tx_within(conn, crate::BUSY_TIMEOUT)
}

/// [`write_tx`], giving up with "database is busy" after `patience` at the gate.
fn write_tx_within(conn: &mut Connection, patience: Duration) -> rusqlite::Result<WriteTx<'_>> {
    let gate = conn
        .path()
        .filter(|p| !p.is_empty())
        .map(|p| Gate::of(PathBuf::from(p)));
    let turn = match gate {
        Some(gate) => Some(gate.enter(patience).ok_or_else(|| {
            rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                Some(format!(
                    "other writers of this file kept it for more than {} s",
                    patience.as_secs_f32()
                )),
            )
        })?),
        None => None,
    };
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    Ok(WriteTx { tx, _turn: turn })
}

/// One statement written through the gate, in an immediate transaction of its own,
/// so that a single write waits its turn like any other instead of polling past it.
pub(crate) fn write_one<P: rusqlite::Params>(
    conn: &mut Connection,
    sql: &str,
    params: P,
) -> rusqlite::Result<usize> {
    let tx = write_tx(conn)?;
    let changed = tx.execute(sql, params)?;
    tx.commit()?;
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that begins again right after it commits does not keep another
    /// thread out: the other's turn comes after one transaction.
    #[test]
    fn a_greedy_writer_lets_the_next_in_line_in() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gate.sqlite");
        let mut a = Connection::open(&path).unwrap();
        a.execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER);")
            .unwrap();
        let greedy = {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut b = Connection::open(&path).unwrap();
                b.busy_timeout(Duration::from_secs(5)).unwrap();
                let until = Instant::now() + Duration::from_millis(600);
                while Instant::now() < until {
                    let tx = write_tx(&mut b).unwrap();
                    tx.execute("INSERT INTO t VALUES (1)", []).unwrap();
                    std::thread::sleep(Duration::from_millis(20));
                    tx.commit().unwrap();
                }
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        a.busy_timeout(Duration::from_secs(5)).unwrap();
        let mut longest = Duration::ZERO;
        for _ in 0..10 {
            let began = Instant::now();
            let tx = write_tx(&mut a).unwrap();
            longest = longest.max(began.elapsed());
            tx.execute("INSERT INTO t VALUES (2)", []).unwrap();
            tx.commit().unwrap();
        }
        greedy.join().unwrap();
        assert!(longest < Duration::from_millis(200), "waited {longest:?}");
    }

    /// A writer kept out longer than its patience gets "database is busy" instead of
    /// freezing, and its place in the line does not hold up the writers behind it.
    #[test]
    fn a_writer_that_gives_up_says_busy_and_does_not_block_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gate.sqlite");
        let mut holder = Connection::open(&path).unwrap();
        holder
            .execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER);")
            .unwrap();
        let held = write_tx(&mut holder).unwrap();

        let mut impatient = Connection::open(&path).unwrap();
        let began = Instant::now();
        let Err(error) = write_tx_within(&mut impatient, Duration::from_millis(100)) else {
            panic!("the gate was held");
        };
        assert!(began.elapsed() < Duration::from_secs(2), "gave up in time");
        assert_eq!(
            error.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy),
            "{error}"
        );

        // The next writer in line gets in once the holder is done, past the
        // abandoned ticket.
        let next = {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut c = Connection::open(&path).unwrap();
                c.busy_timeout(Duration::from_secs(5)).unwrap();
                let tx = write_tx_within(&mut c, Duration::from_secs(5)).unwrap();
                tx.execute("INSERT INTO t VALUES (3)", []).unwrap();
                tx.commit().unwrap();
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        held.execute("INSERT INTO t VALUES (1)", []).unwrap();
        held.commit().unwrap();
        next.join().unwrap();
        let rows: i64 = holder
            .query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 2);
    }
}
