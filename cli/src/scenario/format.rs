//! The scenario file as written: Wokwi's format v1 plus our verbs, checked by serde as it
//! is read (unknown keys, wrong types and bad units fail with their line and column).

use std::{fmt, path::PathBuf};

use serde::{
    de::{self, value::MapAccessDeserializer, MapAccess, SeqAccess, Visitor},
    Deserialize, Deserializer,
};
use serde_saphyr::Spanned;

/// A whole scenario file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub name: String,
    pub version: Spanned<u32>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// The board (default `stm32f405`).
    #[serde(default)]
    pub board: Option<Spanned<String>>,
    /// The firmware ELF, relative to the scenario file.
    #[serde(default)]
    pub firmware: Option<Spanned<PathBuf>>,
    /// A Python script for the runtime firmware, relative to the scenario file.
    #[serde(default)]
    pub script: Option<Spanned<PathBuf>>,
    /// Flash as slow as the firmware's FLASH_ACR asks, behind the ART accelerator.
    #[serde(default, rename = "flash-wait-states")]
    pub flash_wait_states: bool,
    /// The whole scenario's budget of emulated time (exit 42 when it runs out).
    #[serde(default)]
    pub timeout: Option<Duration>,
    pub steps: Vec<Spanned<Step>>,
}

/// A span of emulated time: core cycles, or seconds at the core clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duration {
    Cycles(u64),
    Picoseconds(u128),
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Duration::Cycles(c) => write!(f, "{c} cycles"),
            Duration::Picoseconds(ps) => {
                let (div, unit) = [
                    (1_000_000_000_000, "s"),
                    (1_000_000_000, "ms"),
                    (1_000_000, "us"),
                    (1_000, "ns"),
                ]
                .into_iter()
                .find(|&(d, _)| ps % d == 0)
                .unwrap_or((1, "ps"));
                write!(f, "{}{unit}", ps / div)
            }
        }
    }
}

impl std::str::FromStr for Duration {
    type Err = String;

    fn from_str(s: &str) -> Result<Duration, String> {
        let s = s.trim();
        let split = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(s.len());
        let (number, unit) = (&s[..split], s[split..].trim());
        let bad = || {
            format!("`{s}` is not a duration: write a number and a unit (cycles, ns, us, ms, s), like `500ms` or `20000 cycles`")
        };
        let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
        if whole.is_empty() && frac.is_empty() {
            return Err(bad());
        }
        let digits = |t: &str| -> Result<u128, String> {
            if t.is_empty() {
                Ok(0)
            } else {
                t.parse::<u128>().map_err(|_| bad())
            }
        };
        if unit == "cycles" || unit == "cycle" {
            if !frac.is_empty() {
                return Err(format!("`{s}`: a count of cycles is a whole number"));
            }
            return u64::try_from(digits(whole)?)
                .map(Duration::Cycles)
                .map_err(|_| bad());
        }
        let scale: u128 = match unit {
            "s" => 1_000_000_000_000,
            "ms" => 1_000_000_000,
            "us" => 1_000_000,
            "ns" => 1_000,
            "" => {
                return Err(format!(
                    "`{s}` needs a unit: cycles, ns, us, ms or s (like `{s}ms`)"
                ))
            }
            _ => {
                return Err(format!(
                    "`{unit}` in `{s}` is not a unit: use cycles, ns, us, ms or s"
                ))
            }
        };
        if frac.len() > 12 {
            return Err(bad());
        }
        let frac_scale = 10u128.pow(frac.len() as u32);
        let frac_ps = digits(frac)? * scale;
        let ps = digits(whole)?
            .checked_mul(scale)
            .and_then(|w| w.checked_add(frac_ps / frac_scale))
            .ok_or_else(bad)?;
        if !frac_ps.is_multiple_of(frac_scale) {
            return Err(format!("`{s}` is finer than a picosecond"));
        }
        Ok(Duration::Picoseconds(ps))
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Duration;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration with a unit, like `500ms` or `20000 cycles`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Duration, E> {
                s.parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Duration, E> {
                Err(E::custom(format!(
                    "`{n}` needs a unit: cycles, ns, us, ms or s (like `{n}ms`)"
                )))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Duration, E> {
                Err(E::custom(format!("`{n}` is not a duration")))
            }
        }
        d.deserialize_any(V)
    }
}

/// One step: exactly one command, and an optional `name` label.
#[derive(Debug)]
pub struct Step {
    pub name: Option<String>,
    pub command: Command,
}

/// Every verb, as written in a step.
pub const VERBS: &[&str] = &[
    "delay",
    "run-for",
    "wait-serial",
    "write-serial",
    "expect-serial",
    "expect-pin",
    "set-control",
    "set-pin",
    "wait-pin",
    "expect-toggles",
    "mark",
    "expect-cycles",
    "expect-exit",
    "expect-fault",
    "expect-hang",
];

#[derive(Debug)]
pub enum Command {
    Delay(Duration),
    RunFor(Duration),
    WaitSerial(WaitSerial),
    WriteSerial(Bytes),
    ExpectSerial(ExpectSerial),
    ExpectPin(PinValue),
    SetControl(SetControl),
    SetPin(PinValue),
    WaitPin(WaitPin),
    ExpectToggles(ExpectToggles),
    Mark(Spanned<String>),
    ExpectCycles(ExpectCycles),
    ExpectExit(ExpectExit),
    ExpectFault(ExpectFault),
    ExpectHang(ExpectHang),
}

impl<'de> Deserialize<'de> for Step {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Step, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Step;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a step: a mapping with one command and an optional `name`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Step, A::Error> {
                let mut name = None;
                let mut command: Option<Command> = None;
                while let Some(key) = map.next_key_seed(StepKey {
                    have_command: command.is_some(),
                })? {
                    if key == "name" {
                        name = Some(map.next_value()?);
                        continue;
                    }
                    command = Some(match key.as_str() {
                        "delay" => Command::Delay(map.next_value()?),
                        "run-for" => Command::RunFor(map.next_value()?),
                        "wait-serial" => Command::WaitSerial(map.next_value()?),
                        "write-serial" => Command::WriteSerial(map.next_value()?),
                        "expect-serial" => Command::ExpectSerial(map.next_value()?),
                        "expect-pin" => Command::ExpectPin(map.next_value()?),
                        "set-control" => Command::SetControl(map.next_value()?),
                        "set-pin" => Command::SetPin(map.next_value()?),
                        "wait-pin" => Command::WaitPin(map.next_value()?),
                        "expect-toggles" => Command::ExpectToggles(map.next_value()?),
                        "mark" => Command::Mark(map.next_value()?),
                        "expect-cycles" => Command::ExpectCycles(map.next_value()?),
                        "expect-exit" => Command::ExpectExit(map.next_value()?),
                        "expect-fault" => Command::ExpectFault(map.next_value()?),
                        "expect-hang" => Command::ExpectHang(map.next_value()?),
                        _ => unreachable!("StepKey lets only verbs through"),
                    });
                }
                let command = command.ok_or_else(|| {
                    de::Error::custom(format!(
                        "a step needs a command, one of: {}",
                        VERBS.join(", ")
                    ))
                })?;
                Ok(Step { name, command })
            }
        }
        d.deserialize_map(V)
    }
}

/// A step's key: `name` or one verb. Checked as the key is read, so that an error points
/// at the key itself.
struct StepKey {
    have_command: bool,
}

impl<'de> de::DeserializeSeed<'de> for StepKey {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        let key = String::deserialize(d)?;
        if key != "name" && !VERBS.contains(&key.as_str()) {
            return Err(de::Error::custom(format!(
                "unknown command `{key}`: a step is one of {}",
                VERBS.join(", ")
            )));
        }
        if key != "name" && self.have_command {
            return Err(de::Error::custom(format!(
                "a step holds one command; `{key}` is a second one"
            )));
        }
        Ok(key)
    }
}

/// `wait-serial: text` (Wokwi), or `{text, timeout}`.
#[derive(Debug)]
pub struct WaitSerial {
    pub text: String,
    pub timeout: Option<Duration>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WaitSerialMap {
    text: String,
    #[serde(default)]
    timeout: Option<Duration>,
}

impl<'de> Deserialize<'de> for WaitSerial {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<WaitSerial, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WaitSerial;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the text to wait for, or {text, timeout}")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<WaitSerial, E> {
                Ok(WaitSerial {
                    text: s.to_string(),
                    timeout: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<WaitSerial, A::Error> {
                let m = WaitSerialMap::deserialize(MapAccessDeserializer::new(map))?;
                Ok(WaitSerial {
                    text: m.text,
                    timeout: m.timeout,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// `write-serial: text` or a list of byte values.
#[derive(Debug)]
pub struct Bytes(pub Vec<u8>);

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a list of byte values (0 to 255)")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Bytes, E> {
                Ok(Bytes(s.as_bytes().to_vec()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
                let mut v = Vec::new();
                while let Some(b) = seq.next_element::<u8>()? {
                    v.push(b);
                }
                Ok(Bytes(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// `expect-serial: text` (the whole output so far, exactly), or `{equals}` / `{regex}`.
#[derive(Debug)]
pub enum ExpectSerial {
    Equals(String),
    Regex(Spanned<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectSerialMap {
    #[serde(default)]
    equals: Option<String>,
    #[serde(default)]
    regex: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for ExpectSerial {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ExpectSerial, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ExpectSerial;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the expected output, or {equals: text} or {regex: pattern}")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ExpectSerial, E> {
                Ok(ExpectSerial::Equals(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ExpectSerial, A::Error> {
                let m = ExpectSerialMap::deserialize(MapAccessDeserializer::new(map))?;
                match (m.equals, m.regex) {
                    (Some(e), None) => Ok(ExpectSerial::Equals(e)),
                    (None, Some(r)) => Ok(ExpectSerial::Regex(r)),
                    _ => Err(de::Error::custom(
                        "expect-serial takes one of `equals` and `regex`",
                    )),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A pin as Wokwi names it (`part-id` + `name`, or the older `pin`) or as we do (`pin`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PinValue {
    #[serde(default)]
    pub part_id: Option<Spanned<String>>,
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    #[serde(default)]
    pub pin: Option<Spanned<String>>,
    pub value: Level,
}

/// Wokwi's `set-control`: on the board part, `control` names the pin to drive.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SetControl {
    pub part_id: Spanned<String>,
    pub control: Spanned<String>,
    pub value: Level,
}

/// A level: 0, 1, or (driving a pin) `float` to release it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Low,
    High,
    Float,
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Level, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Level;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("0, 1 or `float`")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Level, E> {
                match n {
                    0 => Ok(Level::Low),
                    1 => Ok(Level::High),
                    _ => Err(E::custom(format!(
                        "`{n}` is not a level: use 0, 1 or `float`"
                    ))),
                }
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Level, E> {
                Err(E::custom(format!(
                    "`{n}` is not a level: use 0, 1 or `float`"
                )))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Level, E> {
                Ok(if b { Level::High } else { Level::Low })
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Level, E> {
                match s {
                    "float" => Ok(Level::Float),
                    "0" | "low" => Ok(Level::Low),
                    "1" | "high" => Ok(Level::High),
                    _ => Err(E::custom(format!(
                        "`{s}` is not a level: use 0, 1 or `float`"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// `wait-pin`: until the pin has a level, or makes an edge.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WaitPin {
    #[serde(default)]
    pub part_id: Option<Spanned<String>>,
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    #[serde(default)]
    pub pin: Option<Spanned<String>>,
    #[serde(default)]
    pub value: Option<Level>,
    #[serde(default)]
    pub edge: Option<Edge>,
    #[serde(default)]
    pub timeout: Option<Duration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edge {
    Rising,
    Falling,
    Any,
}

/// `expect-toggles`: the pin changes `count` times (or `min`..`max`) within a span from now.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExpectToggles {
    pub pin: Spanned<String>,
    #[serde(default)]
    pub count: Option<u64>,
    #[serde(default)]
    pub min: Option<u64>,
    #[serde(default)]
    pub max: Option<u64>,
    pub within: Duration,
}

/// `expect-cycles`: cycles between two marks (`to` defaults to now), or per call of a
/// Python function.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExpectCycles {
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    #[serde(default)]
    pub to: Option<Spanned<String>>,
    #[serde(default)]
    pub function: Option<Spanned<String>>,
    #[serde(default)]
    pub min: Option<u64>,
    #[serde(default)]
    pub max: Option<u64>,
    #[serde(default)]
    pub equal: Option<u64>,
}

/// `expect-exit: CODE`, or `{code, within}`: the firmware exits through semihosting.
#[derive(Debug)]
pub struct ExpectExit {
    pub code: i32,
    pub within: Option<Duration>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectExitMap {
    code: i32,
    #[serde(default)]
    within: Option<Duration>,
}

impl<'de> Deserialize<'de> for ExpectExit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ExpectExit, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ExpectExit;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an exit code, or {code, within}")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ExpectExit, E> {
                let code = i32::try_from(n).map_err(|_| E::custom("an exit code fits 32 bits"))?;
                Ok(ExpectExit { code, within: None })
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<ExpectExit, E> {
                self.visit_i64(i64::try_from(n).unwrap_or(i64::MAX))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ExpectExit, A::Error> {
                let m = ExpectExitMap::deserialize(MapAccessDeserializer::new(map))?;
                Ok(ExpectExit {
                    code: m.code,
                    within: m.within,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// `expect-fault`: the firmware faults with no handler (or locks up).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectFault {
    /// A regular expression the fault's cause must match.
    #[serde(default)]
    pub cause: Option<Spanned<String>>,
    /// The function the faulting PC is in.
    #[serde(default)]
    pub symbol: Option<String>,
    #[serde(default)]
    pub within: Option<Duration>,
}

/// `expect-hang`: the firmware neither exits nor faults within a span from now (a runaway
/// loop caught by its budget), and is then in function `symbol`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectHang {
    pub within: Duration,
    #[serde(default)]
    pub symbol: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::Duration;

    fn ps(s: &str) -> Result<u128, String> {
        match s.parse::<Duration>()? {
            Duration::Picoseconds(ps) => Ok(ps),
            Duration::Cycles(c) => Err(format!("{c} cycles")),
        }
    }

    #[test]
    fn durations_take_units_and_decimals() {
        assert_eq!(ps("1.5ms"), Ok(1_500_000_000));
        assert_eq!(ps("250ns"), Ok(250_000));
        assert_eq!(ps("2 s"), Ok(2_000_000_000_000));
        assert_eq!(ps(".5us"), Ok(500_000));
        assert_eq!("20000 cycles".parse(), Ok(Duration::Cycles(20_000)));
        assert_eq!("1 cycle".parse(), Ok(Duration::Cycles(1)));
        assert_eq!(Duration::Picoseconds(1_500_000_000).to_string(), "1500us");
        assert_eq!(Duration::Picoseconds(2_000_000_000).to_string(), "2ms");
    }

    #[test]
    fn bad_durations_say_why() {
        assert_eq!(
            ps("500"),
            Err("`500` needs a unit: cycles, ns, us, ms or s (like `500ms`)".into())
        );
        assert_eq!(
            ps("1.5 cycles"),
            Err("`1.5 cycles`: a count of cycles is a whole number".into())
        );
        assert_eq!(
            ps("0.0000001ns"),
            Err("`0.0000001ns` is finer than a picosecond".into())
        );
        assert!(ps("ms").unwrap_err().contains("is not a duration"));
        assert!(ps("1.2.3ms").unwrap_err().contains("is not a duration"));
    }
}
