use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use rand::{Rng, SeedableRng};
use std::time::Instant;
use welkom_store::Store;

fn main() {
    let path = std::path::Path::new("target/bench-scratch/scratch-year.sqlite");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let fresh = !path.exists();
    let store = Store::open(path).unwrap();
    drop(store);
    if fresh {
        let mut conn = rusqlite::Connection::open(path).unwrap();
        let tz = TimeZone::get("Europe/Amsterdam").unwrap();
        let tx = conn.transaction().unwrap();
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let mut day = date(2026, 1, 1);
        let mut n = 0;
        while day.year() == 2026 {
            if day.weekday().to_monday_one_offset() <= 5 {
                for f in 0..200 {
                    let groups = if f % 3 == 0 {
                        format!("[\"Groep{}\",\"Groep{}\"]", f % 6, (f + 1) % 6)
                    } else {
                        format!("[\"Groep{}\"]", f % 6)
                    };
                    for (moment, h) in [("drop_off", 7), ("pick_up", 16)] {
                        let at = day
                            .at(h, rng.random_range(0..59), 0, 0)
                            .to_zoned(tz.clone())
                            .unwrap()
                            .timestamp()
                            .as_millisecond()
                            + rng.random_range(0..5_400_000);
                        let vid = uuid::Uuid::now_v7().to_string();
                        tx.execute("INSERT INTO visits (id, guardian_id, moment, at_unix_ms, local_date, groups) VALUES (?1,?2,?3,?4,?5,?6)",
                            rusqlite::params![vid, format!("G{f}"), moment, at, day.to_string(), groups]).unwrap();
                        if rng.random_bool(0.95) {
                            let rid = uuid::Uuid::now_v7().to_string();
                            let score: u8 = rng.random_range(1..=4);
                            tx.execute("INSERT INTO ratings (id, visit_id, guardian_id, moment, at_unix_ms, local_date, score, scale, supersedes, misuse, groups) VALUES (?1,?2,?3,?4,?5,?6,?7,4,NULL,?8,?9)",
                                rusqlite::params![rid, vid, format!("G{f}"), moment, at + 5000, day.to_string(), score, rng.random_bool(0.005), groups]).unwrap();
                            n += 1;
                            if rng.random_bool(0.02) {
                                let rid2 = uuid::Uuid::now_v7().to_string();
                                tx.execute("INSERT INTO ratings (id, visit_id, guardian_id, moment, at_unix_ms, local_date, score, scale, supersedes, misuse, groups) VALUES (?1,?2,?3,?4,?5,?6,?7,4,?8,0,?9)",
                                    rusqlite::params![rid2, vid, format!("G{f}"), moment, at + 9000, day.to_string(), 4, rid, groups]).unwrap();
                                n += 1;
                            }
                        }
                    }
                }
            }
            day = day.tomorrow().unwrap();
        }
        tx.commit().unwrap();
        println!("{n} ratings");
    }
    {
        let conn = rusqlite::Connection::open(path).unwrap();
        for q in [
            "SELECT local_date, moment, scale, score, misuse, count(*) FROM ratings WHERE local_date BETWEEN ?1 AND ?2 GROUP BY local_date, moment, scale, score, misuse",
            "SELECT local_date, moment, scale, score, misuse, count(*) FROM ratings WHERE local_date BETWEEN ?1 AND ?2 AND id IN (SELECT supersedes FROM ratings WHERE local_date BETWEEN ?1 AND ?2 AND supersedes IS NOT NULL) GROUP BY local_date, moment, scale, score, misuse",
            "SELECT local_date, moment, count(*) FROM visits WHERE local_date BETWEEN ?1 AND ?2 GROUP BY 1, 2",
            "SELECT count(*) FROM ratings WHERE local_date BETWEEN ?1 AND ?2",
            "SELECT count(*) FROM visits WHERE local_date BETWEEN ?1 AND ?2",
        ] {
            let mut st = conn.prepare(q).unwrap();
            let mut v = Vec::new();
            for _ in 0..100 {
                let c0 = cpu_ms();
                let n = st
                    .query_map(["2026-05-20", "2026-06-16"], |r| {
                        r.get::<_, i64>(0).or(Ok(0))
                    })
                    .unwrap()
                    .count();
                v.push(cpu_ms() - c0);
                std::hint::black_box(n);
            }
            v.sort_by(f64::total_cmp);
            println!("{:.2} ms  {}", v[50], &q[..60]);
            let plan: Vec<String> = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {q}"))
                .unwrap()
                .query_map(["2026-05-20", "2026-06-16"], |r| r.get::<_, String>(3))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            println!("   {plan:?}");
        }
    }
    let store = Store::open(path).unwrap();
    let tz = TimeZone::get("Europe/Amsterdam").unwrap();
    let mut days: Vec<Date> = Vec::new();
    let mut d = date(2026, 6, 1);
    for _ in 0..200 {
        days.push(d);
        d = d.tomorrow().unwrap();
    }
    for what in ["day", "trend"] {
        let mut s = Vec::new();
        let mut cpu = Vec::new();
        for d in &days {
            let t = Instant::now();
            let c0 = cpu_ms();
            if what == "day" {
                std::hint::black_box(store.day_tally(*d, &tz).unwrap());
            } else {
                std::hint::black_box(store.trend(*d, &tz).unwrap());
            }
            s.push(t.elapsed().as_secs_f64() * 1000.0);
            cpu.push(cpu_ms() - c0);
        }
        s.sort_by(f64::total_cmp);
        cpu.sort_by(f64::total_cmp);
        println!("cpu {what}: p50 {:.2} p99 {:.2}", cpu[100], cpu[198]);
        println!(
            "{what}: p50 {:.2} p99 {:.2} max {:.2}",
            s[100], s[198], s[199]
        );
    }
}

#[allow(dead_code)]
fn cpu_ms() -> f64 {
    let mut ts = libc_timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    unsafe { clock_gettime(3, &mut ts) };
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}
#[repr(C)]
struct libc_timespec {
    tv_sec: i64,
    tv_nsec: i64,
}
unsafe extern "C" {
    fn clock_gettime(clk: i32, ts: *mut libc_timespec) -> i32;
}
