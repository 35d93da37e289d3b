//! %Date% and %Date.prototype% — ECMA-262 §21.4, with Annex B's getYear,
//! setYear and toGMTString. A Date is an `ObjectKind::Date` holding
//! [[DateValue]]; the local time zone comes from `time_zone.rs`.
//!
//! Where Node's output comes from ICU, this file imitates it: `toString`
//! names the zone as ICU does for common abbreviations (UTC, GMT, CET,
//! EST...) and writes `GMT+hh:mm` otherwise; the `toLocale*String` methods
//! give the en-US forms (`1/2/2020, 3:04:05 PM`) whatever the arguments.
//! `Date.parse` reads the ISO format of §21.4.1.32, the `toString` and
//! `toUTCString` forms, and the common legacy forms V8 accepts
//! (`Jan 2 2020 10:00`, `1/2/2020`, `2020/01/02 10:00 GMT+0100`...).

use interp::builtins::make_constructor;
use interp::function::{create_native_function, define_methods};
use interp::operations::{self, ordinary_to_primitive, to_number, to_object, to_primitive, Hint};
use interp::{Attributes, Interp, JsObject, JsResult, ObjectKind, PropertyKey, Value};

use super::time_zone::{offset_at, offset_for_local};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Time values — ECMA-262 §21.4.1

const MS_PER_DAY: f64 = 86_400_000.0;
const MS_PER_HOUR: f64 = 3_600_000.0;
const MS_PER_MINUTE: f64 = 60_000.0;
const MS_PER_SECOND: f64 = 1000.0;

const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Day ( t ) — ECMA-262 §21.4.1.3
fn day(t: f64) -> f64 {
    (t / MS_PER_DAY).floor()
}

/// TimeWithinDay ( t ) — ECMA-262 §21.4.1.4
fn time_within_day(t: f64) -> f64 {
    t.rem_euclid(MS_PER_DAY)
}

/// DaysInYear ( y ) — ECMA-262 §21.4.1.5
fn days_in_year(y: f64) -> f64 {
    if y % 4.0 != 0.0 || (y % 100.0 == 0.0 && y % 400.0 != 0.0) {
        365.0
    } else {
        366.0
    }
}

/// DayFromYear ( y ) — ECMA-262 §21.4.1.6
fn day_from_year(y: f64) -> f64 {
    365.0 * (y - 1970.0) + ((y - 1969.0) / 4.0).floor() - ((y - 1901.0) / 100.0).floor()
        + ((y - 1601.0) / 400.0).floor()
}

/// TimeFromYear ( y ) — ECMA-262 §21.4.1.7
fn time_from_year(y: f64) -> f64 {
    MS_PER_DAY * day_from_year(y)
}

/// YearFromTime ( t ) — ECMA-262 §21.4.1.8
fn year_from_time(t: f64) -> f64 {
    let mut y = (t / (MS_PER_DAY * 365.2425)).floor() + 1970.0;
    while time_from_year(y) > t {
        y -= 1.0;
    }
    while time_from_year(y + 1.0) <= t {
        y += 1.0;
    }
    y
}

/// The first day (within the year) of each month, for common and leap years.
fn month_starts(leap: bool) -> [f64; 13] {
    let l = if leap { 1.0 } else { 0.0 };
    [
        0.0,
        31.0,
        59.0 + l,
        90.0 + l,
        120.0 + l,
        151.0 + l,
        181.0 + l,
        212.0 + l,
        243.0 + l,
        273.0 + l,
        304.0 + l,
        334.0 + l,
        365.0 + l,
    ]
}

/// MonthFromTime ( t ) and DateFromTime ( t ) — ECMA-262 §21.4.1.11-12:
/// (month 0-11, date 1-31).
fn month_and_date(t: f64) -> (f64, f64) {
    let y = year_from_time(t);
    let in_year = day(t) - day_from_year(y);
    let starts = month_starts(days_in_year(y) == 366.0);
    let mut m = 0;
    while m < 11 && in_year >= starts[m + 1] {
        m += 1;
    }
    (m as f64, in_year - starts[m] + 1.0)
}

/// WeekDay ( t ) — ECMA-262 §21.4.1.13
fn week_day(t: f64) -> f64 {
    (day(t) + 4.0).rem_euclid(7.0)
}

/// HourFromTime ( t ) — ECMA-262 §21.4.1.14
fn hour_from_time(t: f64) -> f64 {
    (t / MS_PER_HOUR).floor().rem_euclid(24.0)
}

/// MinFromTime ( t ) — ECMA-262 §21.4.1.15
fn min_from_time(t: f64) -> f64 {
    (t / MS_PER_MINUTE).floor().rem_euclid(60.0)
}

/// SecFromTime ( t ) — ECMA-262 §21.4.1.16
fn sec_from_time(t: f64) -> f64 {
    (t / MS_PER_SECOND).floor().rem_euclid(60.0)
}

/// msFromTime ( t ) — ECMA-262 §21.4.1.17
fn ms_from_time(t: f64) -> f64 {
    t.rem_euclid(MS_PER_SECOND)
}

/// MakeTime ( hour, min, sec, ms ) — ECMA-262 §21.4.1.28
fn make_time(hour: f64, min: f64, sec: f64, ms: f64) -> f64 {
    if !(hour.is_finite() && min.is_finite() && sec.is_finite() && ms.is_finite()) {
        return f64::NAN;
    }
    hour.trunc() * MS_PER_HOUR
        + min.trunc() * MS_PER_MINUTE
        + sec.trunc() * MS_PER_SECOND
        + ms.trunc()
}

/// MakeDay ( year, month, date ) — ECMA-262 §21.4.1.29
fn make_day(year: f64, month: f64, date: f64) -> f64 {
    if !(year.is_finite() && month.is_finite() && date.is_finite()) {
        return f64::NAN;
    }
    let (y, m, dt) = (year.trunc(), month.trunc(), date.trunc());
    let ym = y + (m / 12.0).floor();
    // Far outside the time value range: no such day.
    if !ym.is_finite() || ym.abs() > 1e8 {
        return f64::NAN;
    }
    let mn = m.rem_euclid(12.0) as usize;
    let starts = month_starts(days_in_year(ym) == 366.0);
    day_from_year(ym) + starts[mn] + dt - 1.0
}

/// MakeDate ( day, time ) — ECMA-262 §21.4.1.30
fn make_date(day: f64, time: f64) -> f64 {
    if !(day.is_finite() && time.is_finite()) {
        return f64::NAN;
    }
    let tv = day * MS_PER_DAY + time;
    if tv.is_finite() {
        tv
    } else {
        f64::NAN
    }
}

/// MakeFullYear ( year ) — ECMA-262 §21.4.1.31
fn make_full_year(year: f64) -> f64 {
    if year.is_nan() {
        return f64::NAN;
    }
    let t = year.trunc();
    if (0.0..=99.0).contains(&t) {
        1900.0 + t
    } else {
        year
    }
}

/// TimeClip ( time ) — ECMA-262 §21.4.1.31
fn time_clip(time: f64) -> f64 {
    if !time.is_finite() || time.abs() > 8.64e15 {
        return f64::NAN;
    }
    time.trunc() + 0.0
}

/// LocalTime ( t ) — ECMA-262 §21.4.1.25
fn local_time(t: f64) -> f64 {
    t + offset_at(t).0
}

/// UTC ( t ) — ECMA-262 §21.4.1.26
fn utc(t: f64) -> f64 {
    if !t.is_finite() {
        return f64::NAN;
    }
    t - offset_for_local(t)
}

/// The current time value.
pub(crate) fn now() -> f64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_millis() as f64,
        Err(e) => -(e.duration().as_millis() as f64),
    }
}

// ---------------------------------------------------------------------------
// Formatting — ECMA-262 §21.4.4.41

fn year_text(y: f64) -> String {
    if y >= 0.0 {
        format!("{:04}", y as i64)
    } else {
        format!("-{:04}", -y as i64)
    }
}

/// DateString ( tv ) — ECMA-262 §21.4.4.41.2 (`Thu Jan 01 1970`).
fn date_string(t: f64) -> String {
    let (m, d) = month_and_date(t);
    format!(
        "{} {} {:02} {}",
        DAY_NAMES[week_day(t) as usize],
        MONTH_NAMES[m as usize],
        d as i64,
        year_text(year_from_time(t))
    )
}

/// TimeString ( tv ) — ECMA-262 §21.4.4.41.1 (`00:00:00 GMT`).
fn time_string(t: f64) -> String {
    format!(
        "{:02}:{:02}:{:02} GMT",
        hour_from_time(t) as i64,
        min_from_time(t) as i64,
        sec_from_time(t) as i64
    )
}

/// The long zone name ICU gives for an abbreviation.
fn zone_name(abbreviation: &str, offset_ms: f64) -> String {
    let known = match abbreviation {
        "UTC" | "UCT" | "Z" => "Coordinated Universal Time",
        "GMT" => "Greenwich Mean Time",
        "BST" => "British Summer Time",
        "IST" if offset_ms == 3_600_000.0 => "Irish Standard Time",
        "IST" => "India Standard Time",
        "WET" => "Western European Standard Time",
        "WEST" => "Western European Summer Time",
        "CET" | "MET" => "Central European Standard Time",
        "CEST" | "MEST" => "Central European Summer Time",
        "EET" => "Eastern European Standard Time",
        "EEST" => "Eastern European Summer Time",
        "MSK" => "Moscow Standard Time",
        "EST" => "Eastern Standard Time",
        "EDT" => "Eastern Daylight Time",
        "CST" if offset_ms == 28_800_000.0 => "China Standard Time",
        "CST" => "Central Standard Time",
        "CDT" => "Central Daylight Time",
        "MST" => "Mountain Standard Time",
        "MDT" => "Mountain Daylight Time",
        "PST" => "Pacific Standard Time",
        "PDT" => "Pacific Daylight Time",
        "AKST" => "Alaska Standard Time",
        "AKDT" => "Alaska Daylight Time",
        "HST" => "Hawaii-Aleutian Standard Time",
        "JST" => "Japan Standard Time",
        "KST" => "Korean Standard Time",
        "HKT" => "Hong Kong Standard Time",
        "AEST" => "Australian Eastern Standard Time",
        "AEDT" => "Australian Eastern Daylight Time",
        "ACST" => "Australian Central Standard Time",
        "ACDT" => "Australian Central Daylight Time",
        "AWST" => "Australian Western Standard Time",
        "NZST" => "New Zealand Standard Time",
        "NZDT" => "New Zealand Daylight Time",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let minutes = (offset_ms / MS_PER_MINUTE) as i64;
    let sign = if minutes < 0 { '-' } else { '+' };
    format!(
        "GMT{sign}{:02}:{:02}",
        minutes.abs() / 60,
        minutes.abs() % 60
    )
}

/// TimeZoneString ( tv ) — ECMA-262 §21.4.4.41.3 (`+0000 (Coordinated
/// Universal Time)`).
fn time_zone_string(tv: f64) -> String {
    let (offset, abbreviation) = offset_at(tv);
    let minutes = (offset / MS_PER_MINUTE) as i64;
    let sign = if minutes < 0 { '-' } else { '+' };
    format!(
        "{sign}{:02}{:02} ({})",
        minutes.abs() / 60,
        minutes.abs() % 60,
        zone_name(&abbreviation, offset)
    )
}

/// ToDateString ( tv ) — ECMA-262 §21.4.4.41.4
fn to_date_string(tv: f64) -> String {
    if tv.is_nan() {
        return "Invalid Date".into();
    }
    let t = local_time(tv);
    format!(
        "{} {}{}",
        date_string(t),
        time_string(t),
        time_zone_string(tv)
    )
}

/// Date.prototype.toISOString's format (`1970-01-01T00:00:00.000Z`).
pub fn iso_string(tv: f64) -> String {
    let y = year_from_time(tv);
    let year = if (0.0..=9999.0).contains(&y) {
        format!("{:04}", y as i64)
    } else if y < 0.0 {
        format!("-{:06}", -y as i64)
    } else {
        format!("+{:06}", y as i64)
    };
    let (m, d) = month_and_date(tv);
    format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        m as i64 + 1,
        d as i64,
        hour_from_time(tv) as i64,
        min_from_time(tv) as i64,
        sec_from_time(tv) as i64,
        ms_from_time(tv) as i64
    )
}

pub(crate) fn utc_string(tv: f64) -> String {
    let (m, d) = month_and_date(tv);
    format!(
        "{}, {:02} {} {} {}",
        DAY_NAMES[week_day(tv) as usize],
        d as i64,
        MONTH_NAMES[m as usize],
        year_text(year_from_time(tv)),
        time_string(tv)
    )
}

fn locale_date(t: f64) -> String {
    let (m, d) = month_and_date(t);
    format!("{}/{}/{}", m as i64 + 1, d as i64, year_from_time(t) as i64)
}

fn locale_time(t: f64) -> String {
    let h = hour_from_time(t) as i64;
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    format!(
        "{h12}:{:02}:{:02} {}",
        min_from_time(t) as i64,
        sec_from_time(t) as i64,
        if h < 12 { "AM" } else { "PM" }
    )
}

// ---------------------------------------------------------------------------
// Date.parse — ECMA-262 §21.4.3.2

/// The Date Time String Format — ECMA-262 §21.4.1.32. `None` when `s` is
/// not in it.
fn parse_iso(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize, n: usize| -> Option<f64> {
        let part = b.get(*i..*i + n)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *i += n;
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let year = match b.first()? {
        b'+' | b'-' => {
            let negative = b[0] == b'-';
            i = 1;
            let y = digits(&mut i, 6)?;
            if negative && y == 0.0 {
                return None;
            }
            if negative {
                -y
            } else {
                y
            }
        }
        _ => digits(&mut i, 4)?,
    };
    let (mut month, mut date) = (1.0, 1.0);
    if b.get(i) == Some(&b'-') {
        i += 1;
        month = digits(&mut i, 2)?;
        if b.get(i) == Some(&b'-') {
            i += 1;
            date = digits(&mut i, 2)?;
        }
    }
    let (mut h, mut min, mut sec, mut ms) = (0.0, 0.0, 0.0, 0.0);
    let mut offset: Option<f64> = Some(0.0);
    if b.get(i) == Some(&b'T') {
        i += 1;
        h = digits(&mut i, 2)?;
        if b.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        min = digits(&mut i, 2)?;
        if b.get(i) == Some(&b':') {
            i += 1;
            sec = digits(&mut i, 2)?;
            if b.get(i) == Some(&b'.') {
                i += 1;
                let start = i;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                if i == start {
                    return None;
                }
                let frac = std::str::from_utf8(&b[start..i.min(start + 3)]).ok()?;
                ms = frac.parse::<f64>().ok()? * 10f64.powi(3 - frac.len() as i32);
            }
        }
        offset = None;
        match b.get(i) {
            Some(b'Z') => {
                i += 1;
                offset = Some(0.0);
            }
            Some(&c @ (b'+' | b'-')) => {
                i += 1;
                let oh = digits(&mut i, 2)?;
                if b.get(i) != Some(&b':') {
                    return None;
                }
                i += 1;
                let om = digits(&mut i, 2)?;
                if oh > 23.0 || om > 59.0 {
                    return None;
                }
                let o = oh * MS_PER_HOUR + om * MS_PER_MINUTE;
                offset = Some(if c == b'-' { -o } else { o });
            }
            _ => {}
        }
    }
    if i != b.len() {
        return None;
    }
    if !(1.0..=12.0).contains(&month)
        || date < 1.0
        || date > days_in_month(year, month - 1.0)
        || h > 24.0
        || min > 59.0
        || sec > 59.0
        || (h == 24.0 && (min, sec, ms) != (0.0, 0.0, 0.0))
    {
        return Some(f64::NAN);
    }
    let t = make_date(
        make_day(year, month - 1.0, date),
        make_time(h, min, sec, ms),
    );
    Some(match offset {
        Some(o) => time_clip(t - o),
        None => time_clip(utc(t)),
    })
}

fn days_in_month(year: f64, month: f64) -> f64 {
    let starts = month_starts(days_in_year(year) == 366.0);
    let m = month.clamp(0.0, 11.0) as usize;
    starts[m + 1] - starts[m]
}

/// The legacy forms V8 accepts besides the ISO format.
fn parse_legacy(s: &str) -> f64 {
    parse_legacy_parts(s).unwrap_or(f64::NAN)
}

fn parse_legacy_parts(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut numbers: Vec<(f64, usize)> = Vec::new();
    let mut slash_date = false;
    let mut month_name: Option<f64> = None;
    let mut time: Option<(f64, f64, f64, f64)> = None;
    let mut pm: Option<bool> = None;
    let mut offset: Option<f64> = None;
    let mut utc_word = false;
    let read_number = |i: &mut usize| -> (f64, usize) {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        let n = std::str::from_utf8(&b[start..*i])
            .ok()
            .and_then(|t| t.parse().ok())
            .unwrap_or(f64::NAN);
        (n, *i - start)
    };
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() || c == b',' {
            i += 1;
        } else if c == b'(' {
            let mut depth = 0;
            while i < b.len() {
                match b[i] {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
                i += 1;
                if depth == 0 {
                    break;
                }
            }
        } else if c.is_ascii_digit() {
            let (n, len) = read_number(&mut i);
            if b.get(i) == Some(&b':') && time.is_none() {
                i += 1;
                let (m, _) = read_number(&mut i);
                let (mut sec, mut ms) = (0.0, 0.0);
                if b.get(i) == Some(&b':') {
                    i += 1;
                    sec = read_number(&mut i).0;
                    if b.get(i) == Some(&b'.') {
                        i += 1;
                        let (f, flen) = read_number(&mut i);
                        if flen == 0 {
                            return None;
                        }
                        ms = (f / 10f64.powi(flen as i32 - 3)).floor();
                    }
                }
                time = Some((n, m, sec, ms));
            } else if matches!(b.get(i), Some(b'/') | Some(b'-')) && numbers.is_empty() {
                let sep = b[i];
                numbers.push((n, len));
                while b.get(i) == Some(&sep) {
                    i += 1;
                    let (m, mlen) = read_number(&mut i);
                    if mlen == 0 {
                        return None;
                    }
                    numbers.push((m, mlen));
                }
                slash_date = true;
            } else {
                numbers.push((n, len));
            }
        } else if (c == b'+' || c == b'-') && (time.is_some() || utc_word) {
            i += 1;
            let (n, len) = read_number(&mut i);
            let minutes = if b.get(i) == Some(&b':') {
                i += 1;
                n * 60.0 + read_number(&mut i).0
            } else if len <= 2 {
                n * 60.0
            } else {
                (n / 100.0).floor() * 60.0 + n % 100.0
            };
            let o = minutes * MS_PER_MINUTE;
            offset = Some(if c == b'-' { -o } else { o });
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while b
                .get(i)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'.')
            {
                i += 1;
            }
            let word = s[start..i].trim_end_matches('.').to_ascii_lowercase();
            match word.as_str() {
                "am" => pm = Some(false),
                "pm" => pm = Some(true),
                "z" | "gmt" | "utc" | "ut" => {
                    utc_word = true;
                    offset.get_or_insert(0.0);
                }
                "t" => {}
                "est" | "edt" | "cst" | "cdt" | "mst" | "mdt" | "pst" | "pdt" => {
                    let hours = match word.as_str() {
                        "edt" => -4.0,
                        "est" | "cdt" => -5.0,
                        "cst" | "mdt" => -6.0,
                        "mst" | "pdt" => -7.0,
                        _ => -8.0,
                    };
                    offset = Some(hours * MS_PER_HOUR);
                }
                w if w.len() >= 3 => {
                    if let Some(m) = MONTH_NAMES
                        .iter()
                        .position(|n| w.starts_with(&n.to_ascii_lowercase()))
                    {
                        month_name = Some(m as f64);
                    } else if !DAY_NAMES
                        .iter()
                        .any(|n| w.starts_with(&n.to_ascii_lowercase()))
                    {
                        return None;
                    }
                }
                _ => return None,
            }
        } else {
            return None;
        }
    }
    let year_of = |(n, len): (f64, usize)| -> f64 {
        if len <= 2 {
            if n < 50.0 {
                2000.0 + n
            } else {
                1900.0 + n
            }
        } else {
            n
        }
    };
    let (year, month, date) = if let Some(m) = month_name {
        match numbers.as_slice() {
            [a] => (year_of(*a), m, 1.0),
            [a, b] if a.1 >= 3 || a.0 > 31.0 => (year_of(*a), m, b.0),
            [a, b] => (year_of(*b), m, a.0),
            _ => return None,
        }
    } else if slash_date {
        match numbers.as_slice() {
            [a, b, c] if a.1 >= 3 || a.0 > 31.0 => (year_of(*a), b.0 - 1.0, c.0),
            [a, b, c] => (year_of(*c), a.0 - 1.0, b.0),
            [a, b] if a.1 >= 3 => (year_of(*a), b.0 - 1.0, 1.0),
            [a, b] => (2001.0, a.0 - 1.0, b.0),
            _ => return None,
        }
    } else {
        return None;
    };
    let (mut h, min, sec, ms) = time.unwrap_or((0.0, 0.0, 0.0, 0.0));
    if let Some(pm) = pm {
        if h > 12.0 {
            return None;
        }
        if pm && h < 12.0 {
            h += 12.0;
        } else if !pm && h == 12.0 {
            h = 0.0;
        }
    }
    if !(0.0..=11.0).contains(&month)
        || date < 1.0
        || date > days_in_month(year, month)
        || h > 24.0
        || min > 59.0
        || sec > 59.0
    {
        return None;
    }
    let t = make_date(make_day(year, month, date), make_time(h, min, sec, ms));
    Some(match offset {
        Some(o) => time_clip(t - o),
        None => time_clip(utc(t)),
    })
}

/// Parses a date string as `Date.parse` does.
fn parse_date(s: &str) -> f64 {
    let s = s.trim();
    match parse_iso(s) {
        Some(t) => t,
        None => parse_legacy(s),
    }
}

// ---------------------------------------------------------------------------
// The constructor and its functions — ECMA-262 §21.4.2-3

/// thisTimeValue ( value ) — ECMA-262 §21.4.4
fn this_time_value(interp: &mut Interp, this: &Value) -> JsResult<f64> {
    if let Some(ObjectKind::Date(c)) = this.as_object().map(JsObject::kind) {
        return Ok(c.get());
    }
    Err(interp.type_error("this is not a Date object."))
}

fn set_time_value(this: &Value, v: f64) -> Value {
    if let Some(ObjectKind::Date(c)) = this.as_object().map(JsObject::kind) {
        c.set(v);
    }
    Value::Number(v)
}

fn date_call(_interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::from(to_date_string(now())))
}

/// Date ( ...values ) as a constructor — ECMA-262 §21.4.2.1
fn date_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    let tv = match args.len() {
        0 => now(),
        1 => {
            let value = &args[0];
            let tv = if let Some(ObjectKind::Date(c)) = value.as_object().map(JsObject::kind) {
                c.get()
            } else {
                match to_primitive(interp, value, Hint::Default)? {
                    Value::String(s) => parse_date(&s.to_rust_string()),
                    v => to_number(interp, &v)?,
                }
            };
            time_clip(tv)
        }
        _ => {
            let mut n = [f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
            for (i, slot) in n.iter_mut().enumerate() {
                if let Some(v) = args.get(i) {
                    *slot = to_number(interp, v)?;
                }
            }
            let yr = make_full_year(n[0]);
            let final_date = make_date(make_day(yr, n[1], n[2]), make_time(n[3], n[4], n[5], n[6]));
            time_clip(utc(final_date))
        }
    };
    let default = interp
        .realm
        .intrinsics
        .constructor("%Date.prototype%")
        .unwrap_or_else(|| interp.realm.intrinsics.object_prototype.clone());
    let o = operations::ordinary_create_from_constructor(
        interp,
        new_target,
        default,
        ObjectKind::Date(std::cell::Cell::new(tv)),
    )?;
    Ok(Value::Object(o))
}

/// Date.now ( ) — ECMA-262 §21.4.3.1
fn date_now(_interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::Number(now()))
}

/// Date.parse ( string ) — ECMA-262 §21.4.3.2
fn date_parse(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = operations::to_string(interp, &arg(args, 0))?;
    Ok(Value::Number(parse_date(&s.to_rust_string())))
}

/// Date.UTC ( year [ , month [ , date [ , hours [ , minutes [ , seconds [ , ms ] ] ] ] ] ] )
/// — ECMA-262 §21.4.3.4
fn date_utc(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let mut n = [f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    for (i, slot) in n.iter_mut().enumerate() {
        if let Some(v) = args.get(i) {
            *slot = to_number(interp, v)?;
        }
    }
    let yr = make_full_year(n[0]);
    Ok(Value::Number(time_clip(make_date(
        make_day(yr, n[1], n[2]),
        make_time(n[3], n[4], n[5], n[6]),
    ))))
}

// ---------------------------------------------------------------------------
// Getters — ECMA-262 §21.4.4

/// Which field a getter reads.
#[derive(Clone, Copy)]
enum Field {
    FullYear,
    Month,
    Date,
    Day,
    Hours,
    Minutes,
    Seconds,
    Milliseconds,
}

fn field_of(t: f64, f: Field) -> f64 {
    0.0 + match f {
        Field::FullYear => year_from_time(t),
        Field::Month => month_and_date(t).0,
        Field::Date => month_and_date(t).1,
        Field::Day => week_day(t),
        Field::Hours => hour_from_time(t),
        Field::Minutes => min_from_time(t),
        Field::Seconds => sec_from_time(t),
        Field::Milliseconds => ms_from_time(t),
    }
}

fn get_field(interp: &mut Interp, this: &Value, f: Field, local: bool) -> JsResult<Value> {
    let t = this_time_value(interp, this)?;
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    let t = if local { local_time(t) } else { t };
    Ok(Value::Number(field_of(t, f)))
}

macro_rules! getters {
    ($($name:ident => $field:ident, $local:expr;)*) => {
        $(
            fn $name(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
                get_field(interp, this, Field::$field, $local)
            }
        )*
    };
}

getters! {
    get_date => Date, true;
    get_day => Day, true;
    get_full_year => FullYear, true;
    get_hours => Hours, true;
    get_milliseconds => Milliseconds, true;
    get_minutes => Minutes, true;
    get_month => Month, true;
    get_seconds => Seconds, true;
    get_utc_date => Date, false;
    get_utc_day => Day, false;
    get_utc_full_year => FullYear, false;
    get_utc_hours => Hours, false;
    get_utc_milliseconds => Milliseconds, false;
    get_utc_minutes => Minutes, false;
    get_utc_month => Month, false;
    get_utc_seconds => Seconds, false;
}

/// Date.prototype.getTime ( ) / valueOf ( ) — ECMA-262 §21.4.4.10
fn get_time(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::Number(this_time_value(interp, this)?))
}

/// Date.prototype.getTimezoneOffset ( ) — ECMA-262 §21.4.4.11
fn get_timezone_offset(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let t = this_time_value(interp, this)?;
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::Number((t - local_time(t)) / MS_PER_MINUTE))
}

/// Date.prototype.getYear ( ) — ECMA-262 §B.2.3.1
fn get_year(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let t = this_time_value(interp, this)?;
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::Number(year_from_time(local_time(t)) - 1900.0))
}

// ---------------------------------------------------------------------------
// Setters — ECMA-262 §21.4.4.20-29

/// The arguments of a setter as numbers (ToNumber on each, in order).
fn numbers(interp: &mut Interp, args: &[Value], max: usize) -> JsResult<Vec<f64>> {
    let mut out = Vec::with_capacity(max);
    for v in args.iter().take(max.max(1)) {
        out.push(to_number(interp, v)?);
    }
    if out.is_empty() {
        out.push(f64::NAN);
    }
    Ok(out)
}

/// The shared steps of the setters: read the time value, convert the
/// arguments, and build the new time value from the old fields (`first` is
/// the field the first argument sets; later arguments set the next ones).
fn set_fields(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
    first: Field,
    count: usize,
    local: bool,
) -> JsResult<Value> {
    let t = this_time_value(interp, this)?;
    let n = numbers(interp, args, count)?;
    let year_setter = matches!(first, Field::FullYear);
    // setFullYear starts from +0 when the date is invalid; the others keep NaN.
    let t = if t.is_nan() {
        if !year_setter {
            return Ok(Value::Number(f64::NAN));
        }
        0.0
    } else if local {
        local_time(t)
    } else {
        t
    };
    let (month, date) = month_and_date(t);
    let mut f = [
        year_from_time(t),
        month,
        date,
        hour_from_time(t),
        min_from_time(t),
        sec_from_time(t),
        ms_from_time(t),
    ];
    let start = match first {
        Field::FullYear => 0,
        Field::Month => 1,
        Field::Date => 2,
        Field::Hours => 3,
        Field::Minutes => 4,
        Field::Seconds => 5,
        Field::Milliseconds | Field::Day => 6,
    };
    for (i, v) in n.iter().enumerate() {
        if let Some(slot) = f.get_mut(start + i) {
            *slot = *v;
        }
    }
    let new_date = make_date(
        make_day(f[0], f[1], f[2]),
        make_time(f[3], f[4], f[5], f[6]),
    );
    let v = time_clip(if local { utc(new_date) } else { new_date });
    Ok(set_time_value(this, v))
}

macro_rules! setters {
    ($($name:ident => $field:ident, $count:expr, $local:expr;)*) => {
        $(
            fn $name(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
                set_fields(interp, this, args, Field::$field, $count, $local)
            }
        )*
    };
}

setters! {
    set_date => Date, 1, true;
    set_full_year => FullYear, 3, true;
    set_hours => Hours, 4, true;
    set_milliseconds => Milliseconds, 1, true;
    set_minutes => Minutes, 3, true;
    set_month => Month, 2, true;
    set_seconds => Seconds, 2, true;
    set_utc_date => Date, 1, false;
    set_utc_full_year => FullYear, 3, false;
    set_utc_hours => Hours, 4, false;
    set_utc_milliseconds => Milliseconds, 1, false;
    set_utc_minutes => Minutes, 3, false;
    set_utc_month => Month, 2, false;
    set_utc_seconds => Seconds, 2, false;
}

/// Date.prototype.setTime ( time ) — ECMA-262 §21.4.4.27
fn set_time(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    this_time_value(interp, this)?;
    let t = to_number(interp, &arg(args, 0))?;
    Ok(set_time_value(this, time_clip(t)))
}

/// Date.prototype.setYear ( year ) — ECMA-262 §B.2.3.2
fn set_year(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let t = this_time_value(interp, this)?;
    let y = to_number(interp, &arg(args, 0))?;
    let t = if t.is_nan() { 0.0 } else { local_time(t) };
    let yyyy = make_full_year(y);
    if yyyy.is_nan() {
        return Ok(set_time_value(this, f64::NAN));
    }
    let (m, dt) = month_and_date(t);
    let d = make_day(yyyy, m, dt);
    let date = make_date(d, time_within_day(t));
    Ok(set_time_value(this, time_clip(utc(date))))
}

// ---------------------------------------------------------------------------
// String forms — ECMA-262 §21.4.4.35-43

fn string_method(
    interp: &mut Interp,
    this: &Value,
    f: fn(f64) -> String,
    local: bool,
) -> JsResult<Value> {
    let tv = this_time_value(interp, this)?;
    if tv.is_nan() {
        return Ok(Value::from("Invalid Date"));
    }
    let t = if local { local_time(tv) } else { tv };
    Ok(Value::from(f(t)))
}

/// Date.prototype.toString ( ) — ECMA-262 §21.4.4.41
fn to_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let tv = this_time_value(interp, this)?;
    Ok(Value::from(to_date_string(tv)))
}

/// Date.prototype.toDateString ( ) — ECMA-262 §21.4.4.35
fn to_date_string_method(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    string_method(interp, this, date_string, true)
}

/// Date.prototype.toTimeString ( ) — ECMA-262 §21.4.4.42
fn to_time_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let tv = this_time_value(interp, this)?;
    if tv.is_nan() {
        return Ok(Value::from("Invalid Date"));
    }
    Ok(Value::from(format!(
        "{}{}",
        time_string(local_time(tv)),
        time_zone_string(tv)
    )))
}

/// Date.prototype.toISOString ( ) — ECMA-262 §21.4.4.36
fn to_iso_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let tv = this_time_value(interp, this)?;
    if !tv.is_finite() {
        return Err(interp.range_error("Invalid time value"));
    }
    Ok(Value::from(iso_string(tv)))
}

/// Date.prototype.toUTCString ( ) — ECMA-262 §21.4.4.43
fn to_utc_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    string_method(interp, this, utc_string, false)
}

/// Date.prototype.toLocaleString ( ) — ECMA-262 §21.4.4.39 (en-US)
fn to_locale_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    string_method(
        interp,
        this,
        |t| format!("{}, {}", locale_date(t), locale_time(t)),
        true,
    )
}

/// Date.prototype.toLocaleDateString ( ) — ECMA-262 §21.4.4.38 (en-US)
fn to_locale_date_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    string_method(interp, this, locale_date, true)
}

/// Date.prototype.toLocaleTimeString ( ) — ECMA-262 §21.4.4.40 (en-US)
fn to_locale_time_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    string_method(interp, this, locale_time, true)
}

/// Date.prototype.toJSON ( key ) — ECMA-262 §21.4.4.37
fn to_json(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let o = Value::Object(to_object(interp, this)?);
    let tv = to_primitive(interp, &o, Hint::Number)?;
    if let Value::Number(n) = tv {
        if !n.is_finite() {
            return Ok(Value::Null);
        }
    }
    operations::invoke(interp, &o, &PropertyKey::from("toISOString"), &[])
}

/// Date.prototype [ @@toPrimitive ] ( hint ) — ECMA-262 §21.4.4.45
fn to_primitive_method(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let Value::Object(o) = this else {
        return Err(interp.type_error("Date.prototype [ @@toPrimitive ] called on non-object"));
    };
    let hint = match arg(args, 0) {
        Value::String(s) => s.to_rust_string(),
        _ => String::new(),
    };
    let try_first = match hint.as_str() {
        "string" | "default" => Hint::String,
        "number" => Hint::Number,
        _ => return Err(interp.type_error("Invalid hint: ".to_string() + &hint)),
    };
    ordinary_to_primitive(interp, o, try_first)
}

// ---------------------------------------------------------------------------

/// Creates %Date% and %Date.prototype%.
pub fn install(interp: &mut Interp) {
    let op = interp.realm.intrinsics.object_prototype.clone();
    let proto = interp.alloc_object(Some(op), ObjectKind::Ordinary);
    interp
        .realm
        .intrinsics
        .register("%Date.prototype%", proto.clone());
    let ctor = make_constructor(interp, "Date", 7, date_call, date_construct, &proto);
    define_methods(
        interp,
        &ctor,
        &[
            ("now", date_now, 0),
            ("parse", date_parse, 1),
            ("UTC", date_utc, 7),
        ],
    );
    define_methods(
        interp,
        &proto,
        &[
            ("toString", to_string, 0),
            ("toDateString", to_date_string_method, 0),
            ("toTimeString", to_time_string, 0),
            ("toISOString", to_iso_string, 0),
            ("toUTCString", to_utc_string, 0),
            ("getDate", get_date, 0),
            ("setDate", set_date, 1),
            ("getDay", get_day, 0),
            ("getFullYear", get_full_year, 0),
            ("setFullYear", set_full_year, 3),
            ("getHours", get_hours, 0),
            ("setHours", set_hours, 4),
            ("getMilliseconds", get_milliseconds, 0),
            ("setMilliseconds", set_milliseconds, 1),
            ("getMinutes", get_minutes, 0),
            ("setMinutes", set_minutes, 3),
            ("getMonth", get_month, 0),
            ("setMonth", set_month, 2),
            ("getSeconds", get_seconds, 0),
            ("setSeconds", set_seconds, 2),
            ("getTime", get_time, 0),
            ("setTime", set_time, 1),
            ("getTimezoneOffset", get_timezone_offset, 0),
            ("getUTCDate", get_utc_date, 0),
            ("setUTCDate", set_utc_date, 1),
            ("getUTCDay", get_utc_day, 0),
            ("getUTCFullYear", get_utc_full_year, 0),
            ("setUTCFullYear", set_utc_full_year, 3),
            ("getUTCHours", get_utc_hours, 0),
            ("setUTCHours", set_utc_hours, 4),
            ("getUTCMilliseconds", get_utc_milliseconds, 0),
            ("setUTCMilliseconds", set_utc_milliseconds, 1),
            ("getUTCMinutes", get_utc_minutes, 0),
            ("setUTCMinutes", set_utc_minutes, 3),
            ("getUTCMonth", get_utc_month, 0),
            ("setUTCMonth", set_utc_month, 2),
            ("getUTCSeconds", get_utc_seconds, 0),
            ("setUTCSeconds", set_utc_seconds, 2),
            ("valueOf", get_time, 0),
            ("getYear", get_year, 0),
            ("setYear", set_year, 1),
            ("toJSON", to_json, 1),
            ("toLocaleString", to_locale_string, 0),
            ("toLocaleDateString", to_locale_date_string, 0),
            ("toLocaleTimeString", to_locale_time_string, 0),
        ],
    );
    // Annex B: toGMTString is the same function object as toUTCString.
    if let Some(f) = proto.get_own_data(&PropertyKey::from("toUTCString")) {
        proto.define_value("toGMTString", f, Attributes::hidden());
    }
    if let Some(Value::Object(f)) = proto.get_own_data(&PropertyKey::from("toISOString")) {
        interp
            .realm
            .intrinsics
            .register("%Date.prototype.toISOString%", f);
    }
    let sym = interp.realm.intrinsics.symbol_to_primitive.clone();
    let f = create_native_function(interp, to_primitive_method, "[Symbol.toPrimitive]", 1);
    proto.define_value(
        PropertyKey::Symbol(sym),
        Value::Object(f),
        Attributes::new(false, false, true),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_arithmetic_round_trips() {
        let t = make_date(make_day(2020.0, 1.0, 29.0), make_time(13.0, 5.0, 9.0, 7.0));
        assert_eq!(iso_string(t), "2020-02-29T13:05:09.007Z");
        assert_eq!(month_and_date(t), (1.0, 29.0));
        assert_eq!(week_day(t), 6.0);
        assert_eq!(iso_string(-1.0), "1969-12-31T23:59:59.999Z");
        assert_eq!(iso_string(8.64e15), "+275760-09-13T00:00:00.000Z");
    }

    #[test]
    fn parses_iso_and_legacy_forms() {
        assert_eq!(parse_date("2000-01-02"), 946771200000.0);
        assert_eq!(parse_date("2000-01-02T03:04:05.123456Z"), 946782245123.0);
        assert!(parse_date("-000000-01-01T00:00:00Z").is_nan());
        assert_eq!(parse_date("Thu, 01 Jan 1970 00:00:00 GMT+0100"), -3600000.0);
        assert_eq!(parse_date("Tue, 1 Feb 2000 10:00:00 +0200"), 949392000000.0);
        assert!(parse_date("12/31/1999 23:59:59 PM").is_nan());
    }
}
