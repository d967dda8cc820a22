//! CPU time spent by this process and by a PostgreSQL server, read from `/proc`: on
//! a machine shared with other work a rate in events per second says little, while
//! the CPU milliseconds an event costs stay the same.

/// Clock ticks per second of `/proc/PID/stat` (`USER_HZ`, 100 on Linux).
const TICKS_PER_SECOND: u64 = 100;

/// User plus system time of one process so far, in milliseconds (`None` when it is
/// gone or `/proc` cannot be read).
fn process_ms(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces; the fields after it are fixed.
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of the whole line: utime and stime.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 1000 / TICKS_PER_SECOND)
}

/// The parent of a process.
fn parent(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    after_name.split_whitespace().nth(1)?.parse().ok()
}

/// This process's CPU time so far, in milliseconds.
pub fn own_ms() -> u64 {
    process_ms(std::process::id()).unwrap_or(0)
}

/// The CPU time of a server process and its children (PostgreSQL's backends and
/// background workers) so far, in milliseconds. A backend that ended takes its
/// time with it; the hub's pool keeps its connections open during a run.
pub fn tree_ms(root: u32) -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let mut total = process_ms(root).unwrap_or(0);
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if parent(pid) == Some(root) {
            total += process_ms(pid).unwrap_or(0);
        }
    }
    total
}
