//! Arbitrary-precision integer arithmetic: sign and magnitude in 32-bit limbs, least
//! significant first, no leading zero limbs (zero is an empty magnitude).

use core::cmp::Ordering;

use alloc::{string::String, vec, vec::Vec};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Big {
    pub neg: bool,
    pub mag: Vec<u32>,
}

fn trim(mut mag: Vec<u32>) -> Vec<u32> {
    while mag.last() == Some(&0) {
        mag.pop();
    }
    mag
}

fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
    let mut carry = 0u64;
    for i in 0..a.len().max(b.len()) {
        let s = u64::from(*a.get(i).unwrap_or(&0)) + u64::from(*b.get(i).unwrap_or(&0)) + carry;
        out.push(s as u32);
        carry = s >> 32;
    }
    if carry > 0 {
        out.push(carry as u32);
    }
    out
}

/// `a - b` for `|a| >= |b|`.
fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (i, &x) in a.iter().enumerate() {
        let mut d = i64::from(x) - i64::from(*b.get(i).unwrap_or(&0)) - borrow;
        borrow = 0;
        if d < 0 {
            d += 1 << 32;
            borrow = 1;
        }
        out.push(d as u32);
    }
    trim(out)
}

fn mul_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = u64::from(x) * u64::from(y) + u64::from(out[i + j]) + carry;
            out[i + j] = t as u32;
            carry = t >> 32;
        }
        out[i + b.len()] = carry as u32;
    }
    trim(out)
}

/// Divides a magnitude by a small divisor in place, returning the remainder.
fn divmod_small(mag: &mut [u32], d: u32) -> u32 {
    let mut rem = 0u64;
    for limb in mag.iter_mut().rev() {
        let cur = (rem << 32) | u64::from(*limb);
        *limb = (cur / u64::from(d)) as u32;
        rem = cur % u64::from(d);
    }
    rem as u32
}

fn bit_len(mag: &[u32]) -> usize {
    mag.last().map_or(0, |&top| {
        (mag.len() - 1) * 32 + (32 - top.leading_zeros() as usize)
    })
}

fn bit(mag: &[u32], i: usize) -> bool {
    mag.get(i / 32).is_some_and(|l| l >> (i % 32) & 1 == 1)
}

/// Truncating division of magnitudes: (quotient, remainder). Bit by bit: numbers on a
/// microcontroller are short.
fn divmod_mag(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if cmp_mag(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let mut q = a.to_vec();
        let r = divmod_small(&mut q, b[0]);
        return (trim(q), trim(vec![r]));
    }
    let n = bit_len(a);
    let mut q = vec![0u32; a.len()];
    let mut r: Vec<u32> = Vec::new();
    for i in (0..n).rev() {
        r = shl_mag(&r, 1);
        if bit(a, i) {
            if r.is_empty() {
                r.push(1);
            } else {
                r[0] |= 1;
            }
        }
        if cmp_mag(&r, b) != Ordering::Less {
            r = sub_mag(&r, b);
            q[i / 32] |= 1 << (i % 32);
        }
    }
    (trim(q), r)
}

fn shl_mag(a: &[u32], n: usize) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let (limbs, bits) = (n / 32, n % 32);
    let mut out = vec![0u32; limbs];
    let mut carry = 0u32;
    for &x in a {
        if bits == 0 {
            out.push(x);
        } else {
            out.push((x << bits) | carry);
            carry = x >> (32 - bits);
        }
    }
    if carry != 0 {
        out.push(carry);
    }
    trim(out)
}

fn shr_mag(a: &[u32], n: usize) -> Vec<u32> {
    let (limbs, bits) = (n / 32, n % 32);
    if limbs >= a.len() {
        return Vec::new();
    }
    let src = &a[limbs..];
    let mut out = Vec::with_capacity(src.len());
    for (i, &x) in src.iter().enumerate() {
        let hi = if bits == 0 {
            0
        } else {
            src.get(i + 1).map_or(0, |&h| h << (32 - bits))
        };
        out.push((x >> bits) | hi);
    }
    trim(out)
}

impl Big {
    pub fn zero() -> Big {
        Big {
            neg: false,
            mag: Vec::new(),
        }
    }

    fn new(neg: bool, mag: Vec<u32>) -> Big {
        let mag = trim(mag);
        Big {
            neg: neg && !mag.is_empty(),
            mag,
        }
    }

    pub fn from_i64(v: i64) -> Big {
        let m = v.unsigned_abs();
        Big::new(v < 0, vec![m as u32, (m >> 32) as u32])
    }

    pub fn to_i64(&self) -> Option<i64> {
        if self.mag.len() > 2 {
            return None;
        }
        let m = u64::from(*self.mag.first().unwrap_or(&0))
            | u64::from(*self.mag.get(1).unwrap_or(&0)) << 32;
        if self.neg {
            0i64.checked_sub_unsigned(m)
                .or((m == 1 << 63).then_some(i64::MIN))
        } else {
            i64::try_from(m).ok()
        }
    }

    pub fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    pub fn neg(&self) -> Big {
        Big::new(!self.neg, self.mag.clone())
    }

    pub fn abs(&self) -> Big {
        Big::new(false, self.mag.clone())
    }

    pub fn add(&self, o: &Big) -> Big {
        if self.neg == o.neg {
            return Big::new(self.neg, add_mag(&self.mag, &o.mag));
        }
        match cmp_mag(&self.mag, &o.mag) {
            Ordering::Less => Big::new(o.neg, sub_mag(&o.mag, &self.mag)),
            _ => Big::new(self.neg, sub_mag(&self.mag, &o.mag)),
        }
    }

    pub fn sub(&self, o: &Big) -> Big {
        self.add(&o.neg())
    }

    pub fn mul(&self, o: &Big) -> Big {
        Big::new(self.neg != o.neg, mul_mag(&self.mag, &o.mag))
    }

    /// Floor division and modulo (the remainder takes the divisor's sign); `None` for /0.
    pub fn divmod(&self, o: &Big) -> Option<(Big, Big)> {
        if o.is_zero() {
            return None;
        }
        let (q, r) = divmod_mag(&self.mag, &o.mag);
        let (mut q, mut r) = (Big::new(self.neg != o.neg, q), Big::new(self.neg, r));
        if !r.is_zero() && r.neg != o.neg {
            q = q.sub(&Big::from_i64(1));
            r = r.add(o);
        }
        Some((q, r))
    }

    pub fn pow(&self, mut e: u64) -> Big {
        let mut base = self.clone();
        let mut acc = Big::from_i64(1);
        while e > 0 {
            if e & 1 == 1 {
                acc = acc.mul(&base);
            }
            e >>= 1;
            if e > 0 {
                base = base.mul(&base);
            }
        }
        acc
    }

    pub fn shl(&self, n: usize) -> Big {
        Big::new(self.neg, shl_mag(&self.mag, n))
    }

    /// Arithmetic shift: rounds towards negative infinity.
    pub fn shr(&self, n: usize) -> Big {
        if !self.neg {
            return Big::new(false, shr_mag(&self.mag, n));
        }
        // -(((|a| - 1) >> n) + 1)
        let less = sub_mag(&self.mag, &[1]);
        Big::new(true, add_mag(&shr_mag(&less, n), &[1]))
    }

    /// Two's complement limbs, `n` long.
    fn twos(&self, n: usize) -> Vec<u32> {
        let mut v = self.mag.clone();
        v.resize(n, 0);
        if self.neg {
            for x in v.iter_mut() {
                *x = !*x;
            }
            let mut carry = true;
            for x in v.iter_mut() {
                if !carry {
                    break;
                }
                let (s, c) = x.overflowing_add(1);
                *x = s;
                carry = c;
            }
        }
        v
    }

    fn from_twos(mut v: Vec<u32>) -> Big {
        let neg = v.last().is_some_and(|&t| t >> 31 == 1);
        if neg {
            for x in v.iter_mut() {
                *x = !*x;
            }
            return Big::new(true, add_mag(&trim(v), &[1]));
        }
        Big::new(false, v)
    }

    /// `&`, `|`, `^` with Python's infinite two's complement.
    pub fn bitwise(&self, o: &Big, op: fn(u32, u32) -> u32) -> Big {
        let n = self.mag.len().max(o.mag.len()) + 1;
        let (a, b) = (self.twos(n), o.twos(n));
        Big::from_twos(a.iter().zip(&b).map(|(&x, &y)| op(x, y)).collect())
    }

    pub fn cmp(&self, o: &Big) -> Ordering {
        match (self.neg, o.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_mag(&self.mag, &o.mag),
            (true, true) => cmp_mag(&o.mag, &self.mag),
        }
    }

    pub fn to_f32(&self) -> f32 {
        let mut f = 0f64;
        for &l in self.mag.iter().rev() {
            f = f * 4_294_967_296.0 + f64::from(l);
        }
        (if self.neg { -f } else { f }) as f32
    }

    /// Digits in `base` (2..=36), with a `-` when negative.
    pub fn to_string_radix(&self, base: u32) -> String {
        if self.is_zero() {
            return "0".into();
        }
        let mut mag = self.mag.clone();
        let mut digits = Vec::new();
        while !mag.is_empty() {
            let d = divmod_small(&mut mag, base);
            digits.push(core::char::from_digit(d, base).unwrap_or('?'));
            mag = trim(mag);
        }
        if self.neg {
            digits.push('-');
        }
        digits.iter().rev().collect()
    }

    /// Parses digits (no sign, no prefix, `_` allowed between digits) in `base`.
    pub fn parse(digits: &str, base: u32) -> Option<Big> {
        let mut mag: Vec<u32> = Vec::new();
        let mut any = false;
        for c in digits.chars() {
            if c == '_' {
                continue;
            }
            let d = c.to_digit(base)?;
            any = true;
            let mut carry = u64::from(d);
            for limb in mag.iter_mut() {
                let t = u64::from(*limb) * u64::from(base) + carry;
                *limb = t as u32;
                carry = t >> 32;
            }
            if carry > 0 {
                mag.push(carry as u32);
            }
        }
        any.then(|| Big::new(false, mag))
    }

    /// MicroPython-style hash: the value modulo the small-int range.
    pub fn hash(&self) -> i32 {
        let low = self.mag.first().copied().unwrap_or(0) as i32 & 0x3fff_ffff;
        if self.neg {
            -low
        } else {
            low
        }
    }
}
