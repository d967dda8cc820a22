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
use std::collections::HashMap;
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

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

    /// Waits for this caller's turn.
    fn enter(self: Arc<Self>) -> Turn {
        let mut tickets = lock(&self.tickets);
        let mine = tickets.next;
        tickets.next += 1;
        while tickets.serving != mine {
            tickets = self
                .called
                .wait(tickets)
                .unwrap_or_else(PoisonError::into_inner);
        }
        drop(tickets);
        Turn(self)
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        lock(&self.0.tickets).serving += 1;
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
    let turn = conn
        .path()
        .filter(|p| !p.is_empty())
        .map(|p| Gate::of(PathBuf::from(p)).enter());
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    Ok(WriteTx { tx, _turn: turn })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

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
}
