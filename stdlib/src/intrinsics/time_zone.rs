//! The local time zone for Date (LocalTZA — ECMA-262 §21.4.1.24, used by
//! LocalTime and UTC, §21.4.1.25-26).
//!
//! The zone is read once per process, as libc's `tzset` does: `TZ` names a
//! tzdata file (`Europe/Berlin`, `:America/New_York`, an absolute path) or
//! is a POSIX rule (`EST5EDT,M3.2.0,M11.1.0`); without `TZ` the zone is
//! `/etc/localtime`; anything unreadable means UTC. TZif files (RFC 8536)
//! are parsed here, including the POSIX footer that covers times after the
//! last listed transition.

use std::sync::OnceLock;

/// One local time type of a zone: UTC offset in seconds and abbreviation.
#[derive(Clone, Debug)]
struct LocalTimeType {
    offset: i64,
    abbreviation: String,
}

/// A POSIX TZ rule day: `Jn` (1-365, no Feb 29), `n` (0-365) or `Mm.w.d`.
#[derive(Clone, Copy, Debug)]
enum RuleDay {
    Julian1(i64),
    Julian0(i64),
    MonthWeekDay(i64, i64, i64),
}

/// Daylight saving time of a POSIX rule: its type, and when it starts and
/// ends (day rule and local time of day in seconds).
#[derive(Clone, Debug)]
struct DstRule {
    dst: LocalTimeType,
    start: RuleDay,
    start_time: i64,
    end: RuleDay,
    end_time: i64,
}

/// A POSIX TZ string (the TZif footer, or `TZ` itself).
#[derive(Clone, Debug)]
struct PosixTz {
    std: LocalTimeType,
    dst: Option<DstRule>,
}

/// A time zone: transitions (UTC seconds, type index) and the rule after.
#[derive(Clone, Debug)]
pub struct TimeZone {
    transitions: Vec<(i64, usize)>,
    types: Vec<LocalTimeType>,
    rule: Option<PosixTz>,
}

fn utc_type() -> LocalTimeType {
    LocalTimeType {
        offset: 0,
        abbreviation: "UTC".into(),
    }
}

impl TimeZone {
    fn utc() -> TimeZone {
        TimeZone {
            transitions: Vec::new(),
            types: vec![utc_type()],
            rule: None,
        }
    }

    /// The local time type in effect at `t` seconds since the epoch (UTC).
    fn type_at(&self, t: i64) -> LocalTimeType {
        let after_last = self.transitions.last().is_none_or(|&(last, _)| t >= last);
        if after_last {
            if let Some(rule) = &self.rule {
                return rule.type_at(t);
            }
        }
        let i = self.transitions.partition_point(|&(at, _)| at <= t);
        let index = if i == 0 { 0 } else { self.transitions[i - 1].1 };
        self.types
            .get(index)
            .or_else(|| self.types.first())
            .cloned()
            .unwrap_or_else(utc_type)
    }
}

/// The process's local time zone.
fn local_zone() -> &'static TimeZone {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    ZONE.get_or_init(load_local_zone)
}

fn load_local_zone() -> TimeZone {
    let Ok(tz) = std::env::var("TZ") else {
        return read_tzif("/etc/localtime").unwrap_or_else(TimeZone::utc);
    };
    let name = tz.trim_start_matches(':');
    if name.is_empty() {
        return TimeZone::utc();
    }
    let path = if name.starts_with('/') {
        Some(name.to_string())
    } else if name.split('/').any(|c| c == "..") {
        None
    } else {
        Some(format!("/usr/share/zoneinfo/{name}"))
    };
    if let Some(zone) = path.and_then(|p| read_tzif(&p)) {
        return zone;
    }
    match parse_posix_tz(name) {
        Some(rule) => TimeZone {
            transitions: Vec::new(),
            types: vec![rule.std.clone()],
            rule: Some(rule),
        },
        None => TimeZone::utc(),
    }
}

fn read_tzif(path: &str) -> Option<TimeZone> {
    let bytes = std::fs::read(path).ok()?;
    parse_tzif(&bytes)
}

fn be_u32(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at + 4)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as usize)
}

fn be_int(b: &[u8], at: usize, size: usize) -> Option<i64> {
    let s = b.get(at..at + size)?;
    Some(if size == 8 {
        i64::from_be_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]])
    } else {
        i64::from(i32::from_be_bytes([s[0], s[1], s[2], s[3]]))
    })
}

/// Parses a TZif file (RFC 8536): the version 2+ block with 64-bit times
/// when present, and its POSIX footer.
fn parse_tzif(b: &[u8]) -> Option<TimeZone> {
    if b.get(0..4)? != b"TZif" {
        return None;
    }
    let version = *b.get(4)?;
    let counts = |at: usize| -> Option<[usize; 6]> {
        Some([
            be_u32(b, at + 20)?,
            be_u32(b, at + 24)?,
            be_u32(b, at + 28)?,
            be_u32(b, at + 32)?,
            be_u32(b, at + 36)?,
            be_u32(b, at + 40)?,
        ])
    };
    let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(0)?;
    let v1_len = timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt;
    let (header, time_size) = if version >= b'2' {
        (44 + v1_len, 8)
    } else {
        (0, 4)
    };
    let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(header)?;
    let mut at = header + 44;
    let mut transitions = Vec::with_capacity(timecnt);
    for i in 0..timecnt {
        let t = be_int(b, at + i * time_size, time_size)?;
        let idx = *b.get(at + timecnt * time_size + i)? as usize;
        transitions.push((t, idx));
    }
    at += timecnt * (time_size + 1);
    let chars_at = at + typecnt * 6;
    let chars = b.get(chars_at..chars_at + charcnt)?;
    let mut types = Vec::with_capacity(typecnt);
    for i in 0..typecnt {
        let p = at + i * 6;
        let offset = be_int(b, p, 4)?;
        let idx = *b.get(p + 5)? as usize;
        let abbr = chars.get(idx..).unwrap_or(&[]);
        let end = abbr.iter().position(|&c| c == 0).unwrap_or(abbr.len());
        types.push(LocalTimeType {
            offset,
            abbreviation: String::from_utf8_lossy(&abbr[..end]).into_owned(),
        });
    }
    if types.is_empty() {
        return None;
    }
    at = chars_at + charcnt + leapcnt * (time_size + 4) + isstdcnt + isutcnt;
    let rule = if version >= b'2' {
        b.get(at..).and_then(|rest| {
            let text = std::str::from_utf8(rest).ok()?;
            let footer = text.strip_prefix('\n')?.split('\n').next()?;
            parse_posix_tz(footer)
        })
    } else {
        None
    };
    Some(TimeZone {
        transitions,
        types,
        rule,
    })
}

/// Parses a POSIX TZ string such as `CET-1CEST,M3.5.0,M10.5.0/3`.
fn parse_posix_tz(s: &str) -> Option<PosixTz> {
    let mut p = Cursor {
        s: s.as_bytes(),
        i: 0,
    };
    let std_name = p.name()?;
    let std_offset = -p.offset()?;
    let std = LocalTimeType {
        offset: std_offset,
        abbreviation: std_name,
    };
    if p.done() {
        return Some(PosixTz { std, dst: None });
    }
    let dst_name = p.name()?;
    let dst_offset = if p.peek() != Some(b',') && !p.done() {
        -p.offset()?
    } else {
        std_offset + 3600
    };
    let dst = LocalTimeType {
        offset: dst_offset,
        abbreviation: dst_name,
    };
    let (start, start_time, end, end_time) = if p.done() {
        // No rule: the US rules, as glibc assumes.
        (
            RuleDay::MonthWeekDay(3, 2, 0),
            7200,
            RuleDay::MonthWeekDay(11, 1, 0),
            7200,
        )
    } else {
        p.expect(b',')?;
        let (start, start_time) = p.rule()?;
        p.expect(b',')?;
        let (end, end_time) = p.rule()?;
        (start, start_time, end, end_time)
    };
    Some(PosixTz {
        std,
        dst: Some(DstRule {
            dst,
            start,
            start_time,
            end,
            end_time,
        }),
    })
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn done(&self) -> bool {
        self.i >= self.s.len()
    }
    fn expect(&mut self, c: u8) -> Option<()> {
        if self.peek()? == c {
            self.i += 1;
            Some(())
        } else {
            None
        }
    }
    fn name(&mut self) -> Option<String> {
        let start = self.i;
        if self.peek() == Some(b'<') {
            self.i += 1;
            while self.peek()? != b'>' {
                self.i += 1;
            }
            self.i += 1;
            return Some(String::from_utf8_lossy(self.s.get(start + 1..self.i - 1)?).into_owned());
        }
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        if self.i - start < 3 {
            return None;
        }
        Some(String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }
    fn number(&mut self) -> Option<i64> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        std::str::from_utf8(&self.s[start..self.i])
            .ok()?
            .parse()
            .ok()
    }
    /// `[+-]hh[:mm[:ss]]` in seconds.
    fn offset(&mut self) -> Option<i64> {
        let sign = match self.peek() {
            Some(b'-') => {
                self.i += 1;
                -1
            }
            Some(b'+') => {
                self.i += 1;
                1
            }
            _ => 1,
        };
        let mut secs = self.number()? * 3600;
        if self.peek() == Some(b':') {
            self.i += 1;
            secs += self.number()? * 60;
            if self.peek() == Some(b':') {
                self.i += 1;
                secs += self.number()?;
            }
        }
        Some(sign * secs)
    }
    fn rule(&mut self) -> Option<(RuleDay, i64)> {
        let day = match self.peek()? {
            b'M' => {
                self.i += 1;
                let m = self.number()?;
                self.expect(b'.')?;
                let w = self.number()?;
                self.expect(b'.')?;
                let d = self.number()?;
                RuleDay::MonthWeekDay(m, w, d)
            }
            b'J' => {
                self.i += 1;
                RuleDay::Julian1(self.number()?)
            }
            _ => RuleDay::Julian0(self.number()?),
        };
        let time = if self.peek() == Some(b'/') {
            self.i += 1;
            self.offset()?
        } else {
            7200
        };
        Some((day, time))
    }
}

const fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Days from 1970-01-01 to the first day of `month` (1-12) of `year`.
fn days_to_month(year: i64, month: i64) -> i64 {
    const CUMULATIVE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let y = year - 1;
    let days_to_year = 365 * (year - 1970) + (y.div_euclid(4) - 1969 / 4)
        - (y.div_euclid(100) - 1969 / 100)
        + (y.div_euclid(400) - 1969 / 400);
    let m = (month - 1).clamp(0, 11) as usize;
    days_to_year + CUMULATIVE[m] + i64::from(m >= 2 && is_leap(year))
}

impl RuleDay {
    /// The local day (days since the epoch) this rule names in `year`.
    fn day_in(self, year: i64) -> i64 {
        match self {
            RuleDay::Julian1(n) => {
                let n = n.clamp(1, 365);
                days_to_month(year, 1) + n - 1 + i64::from(is_leap(year) && n >= 60)
            }
            RuleDay::Julian0(n) => days_to_month(year, 1) + n.clamp(0, 365),
            RuleDay::MonthWeekDay(m, w, d) => {
                let m = m.clamp(1, 12);
                let first = days_to_month(year, m);
                let first_weekday = (first + 4).rem_euclid(7);
                let mut day = first + (d - first_weekday).rem_euclid(7) + (w.clamp(1, 5) - 1) * 7;
                let next_month = if m == 12 {
                    days_to_month(year + 1, 1)
                } else {
                    days_to_month(year, m + 1)
                };
                while day >= next_month {
                    day -= 7;
                }
                day
            }
        }
    }
}

impl PosixTz {
    fn type_at(&self, t: i64) -> LocalTimeType {
        let Some(rule) = &self.dst else {
            return self.std.clone();
        };
        let local_days = (t + self.std.offset).div_euclid(86400);
        // The local year of `t`: estimate, then correct.
        let mut year = 1970 + (local_days * 400).div_euclid(146_097);
        while days_to_month(year, 1) > local_days {
            year -= 1;
        }
        while days_to_month(year + 1, 1) <= local_days {
            year += 1;
        }
        let start = rule.start.day_in(year) * 86400 + rule.start_time - self.std.offset;
        let end = rule.end.day_in(year) * 86400 + rule.end_time - rule.dst.offset;
        let in_dst = if start < end {
            t >= start && t < end
        } else {
            t < end || t >= start
        };
        if in_dst {
            rule.dst.clone()
        } else {
            self.std.clone()
        }
    }
}

/// The local zone's offset from UTC in milliseconds (whole minutes) at the
/// UTC time `t_ms`, with the zone's abbreviation then.
pub fn offset_at(t_ms: f64) -> (f64, String) {
    let zone = local_zone();
    let secs = (t_ms / 1000.0).floor();
    let secs = if secs.is_finite() {
        secs.clamp(-1e15, 1e15) as i64
    } else {
        0
    };
    let t = zone.type_at(secs);
    // Whole minutes, as V8 gives (local mean time offsets have seconds).
    let minutes = t.offset / 60;
    (minutes as f64 * 60_000.0, t.abbreviation)
}

/// The offset in milliseconds for the local time `t_local` (LocalTZA(t,
/// false)): of two instants with that local time the earlier one; for a
/// local time skipped by a transition, the offset before it.
pub fn offset_for_local(t_local: f64) -> f64 {
    const DAY: f64 = 86_400_000.0;
    let before = offset_at(t_local - DAY).0;
    let after = offset_at(t_local + DAY).0;
    let mut best: Option<f64> = None;
    for o in [before, after] {
        if offset_at(t_local - o).0 == o {
            best = Some(best.map_or(o, |b: f64| b.max(o)));
        }
    }
    best.unwrap_or(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_rule_for_central_europe() {
        let tz = parse_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").expect("parses");
        // 2020-07-01T00:00:00Z is summer time, 2020-01-01 is not.
        assert_eq!(tz.type_at(1_593_561_600).offset, 7200);
        assert_eq!(tz.type_at(1_577_836_800).offset, 3600);
        // Summer time starts on 2020-03-29 at 01:00 UTC.
        assert_eq!(tz.type_at(1_585_443_599).offset, 3600);
        assert_eq!(tz.type_at(1_585_443_600).offset, 7200);
    }

    #[test]
    fn posix_rule_for_southern_hemisphere() {
        let tz = parse_posix_tz("AEST-10AEDT,M10.1.0,M4.1.0/3").expect("parses");
        assert_eq!(tz.type_at(1_577_836_800).offset, 39600);
        assert_eq!(tz.type_at(1_593_561_600).offset, 36000);
    }

    #[test]
    fn days_to_month_counts_from_the_epoch() {
        assert_eq!(days_to_month(1970, 1), 0);
        assert_eq!(days_to_month(2000, 3), 11017);
        assert_eq!(days_to_month(1969, 1), -365);
    }
}
