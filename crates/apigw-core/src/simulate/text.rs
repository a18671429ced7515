//! Small text helpers of the simulator: the log's map and date forms, URL decoding and
//! encoding, header and query lookups.

/// A map as Java's `Map.toString` writes it, which is how the console's Test log shows path
/// parameters, query strings and headers: `{petId=7, page=2}`, `{}` when empty.
pub(crate) fn java_map<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let items: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{{{}}}", items.join(", "))
}

/// Pairs with a repeated name folded into one entry, in order of first appearance: the last
/// value (`last`), or every value joined with a comma.
pub(crate) fn fold(pairs: &[(String, String)], last: bool) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, value) in pairs {
        match out.iter_mut().find(|(n, _)| n == name) {
            Some(entry) if last => entry.1 = value.clone(),
            Some(entry) => {
                entry.1.push(',');
                entry.1.push_str(value);
            }
            None => out.push((name.clone(), value.clone())),
        }
    }
    out
}

/// Headers folded case-insensitively (HTTP header names are), the first spelling kept, the
/// values joined with a comma.
pub(crate) fn fold_headers(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, value) in pairs {
        match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some(entry) => {
                entry.1.push(',');
                entry.1.push_str(value);
            }
            None => out.push((name.clone(), value.clone())),
        }
    }
    out
}

/// Every value of a header, case-insensitively.
pub(crate) fn header_values<'a>(headers: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
}

/// The last value of a header, case-insensitively.
pub(crate) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    header_values(headers, name).pop()
}

/// Every value of a query string parameter.
pub(crate) fn query_values<'a>(query: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    query.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
}

/// `%XX` sequences decoded (`plus` also turns `+` into a space, as in a query string); a
/// malformed sequence is kept as it is, and bytes that are not UTF-8 become U+FFFD.
pub(crate) fn url_decode(text: &str, plus: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(0);
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
            if let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if plus && b == b'+' { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes what is not an unreserved URI character (RFC 3986), and `/` too unless
/// `keep_slash`.
pub(crate) fn url_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A query string's pairs, decoded: `a=1&b=2&a=3`; a name without `=` has an empty value.
pub(crate) fn parse_query(text: &str) -> Vec<(String, String)> {
    text.trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((k, v)) => (url_decode(k, true), url_decode(v, true)),
            None => (url_decode(part, true), String::new()),
        })
        .collect()
}

/// Header lines, `Name: value` one per line; a line without a colon is a name with an empty
/// value, blank lines are skipped.
pub(crate) fn parse_headers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| match line.split_once(':') {
            Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
            None => (line.to_string(), String::new()),
        })
        .collect()
}

/// The media type of a Content-Type or Accept value: before any `;`, trimmed, lower case.
pub(crate) fn media_type(value: &str) -> String {
    value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// The console log's date (`Thu Jan 01 00:00:00 UTC 2026`, Java's `Date.toString` in UTC) of
/// a `$context.requestTime` (`01/Jan/2026:00:00:00 +0000`, CLF); `None` when it is not one.
pub(crate) fn log_date(request_time: &str) -> Option<String> {
    let (date, rest) = request_time.split_once(':')?;
    let time = rest.get(..8)?;
    let mut parts = date.split('/');
    let day: u32 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let year: i64 = parts.next()?.parse().ok()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
    if !(1..=31).contains(&day) || !(1..=9999).contains(&year) {
        return None;
    }
    let weekday = DAYS.get(weekday(year, month, day))?;
    Some(format!("{weekday} {month_name} {day:02} {time} UTC {year}"))
}

/// Day of the week (0 = Sunday) of a Gregorian date, by Sakamoto's method.
fn weekday(year: i64, month: u32, day: u32) -> usize {
    const T: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let t = T.get(month.saturating_sub(1) as usize).copied().unwrap_or(0);
    ((y + y / 4 - y / 100 + y / 400 + t + i64::from(day)).rem_euclid(7)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_read_as_java_writes_them() {
        assert_eq!(java_map([("petId", "7"), ("a", "b c")]), "{petId=7, a=b c}");
        assert_eq!(java_map(std::iter::empty()), "{}");
    }

    #[test]
    fn dates_read_as_the_console_log_writes_them() {
        assert_eq!(
            log_date("01/Jan/2026:00:00:00 +0000").as_deref(),
            Some("Thu Jan 01 00:00:00 UTC 2026")
        );
        assert_eq!(
            log_date("29/Nov/2021:13:31:04 +0000").as_deref(),
            Some("Mon Nov 29 13:31:04 UTC 2021")
        );
        assert_eq!(log_date("yesterday"), None);
        assert_eq!(log_date("1/Foo/2020:00:00:00"), None);
    }

    #[test]
    fn query_strings_and_headers_are_parsed_and_decoded() {
        assert_eq!(
            parse_query("a=1&b=x%20y&a=3&c&d=e+f"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x y".into()),
                ("a".into(), "3".into()),
                ("c".into(), String::new()),
                ("d".into(), "e f".into())
            ]
        );
        assert_eq!(
            parse_headers("Accept: application/json\n\nX-A:b:c\nbare"),
            vec![
                ("Accept".into(), "application/json".into()),
                ("X-A".into(), "b:c".into()),
                ("bare".into(), String::new())
            ]
        );
        assert_eq!(url_decode("%E2%82%AC%zz%4", false), "€%zz%4");
        assert_eq!(url_encode("a b/c€", true), "a%20b/c%E2%82%AC");
        assert_eq!(
            fold(&[("a".into(), "1".into()), ("a".into(), "2".into())], true),
            vec![("a".to_string(), "2".to_string())]
        );
    }
}
