//! Values stored as machine bytes, by typecode (`b B h H i I l L q Q e f d P`): what
//! `array`, `memoryview` and `struct` share. Sizes and alignments are the Cortex-M4's
//! whatever the host, so programs see what they see on the board. Integers are stored
//! truncated to the item's size, as MicroPython 1.x does.

use crate::{bigint::Big, exc, float, int, obj::Obj, runtime, R};

/// Where items go: `@` native (aligned, the MCU's little-endian), `<` or `>` packed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Native,
    Little,
    Big,
}

/// Size and alignment of an item of `typecode`, or `ValueError('bad typecode')`.
pub fn size_align(layout: Layout, typecode: u8) -> R<(usize, usize)> {
    let size = match typecode {
        b'b' | b'B' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' | b'P' => 4,
        b'q' | b'Q' | b'd' => 8,
        _ => return Err(exc::value_error("bad typecode")),
    };
    Ok(match layout {
        Layout::Native => (size, size),
        Layout::Little | Layout::Big => (size, 1),
    })
}

/// The item size of an array typecode.
pub fn item_size(typecode: u8) -> R<usize> {
    size_align(Layout::Native, typecode).map(|(size, _)| size)
}

fn is_signed(typecode: u8) -> bool {
    typecode.is_ascii_lowercase()
}

fn read_word(bytes: &[u8], big: bool) -> u64 {
    let fold = |acc: u64, b: &u8| (acc << 8) | u64::from(*b);
    if big {
        bytes.iter().fold(0, fold)
    } else {
        bytes.iter().rev().fold(0, fold)
    }
}

/// The item of `typecode` in `bytes` (exactly its size).
pub fn get(typecode: u8, bytes: &[u8], layout: Layout) -> R {
    let word = read_word(bytes, layout == Layout::Big);
    let bits = 8 * bytes.len() as u32;
    match typecode {
        b'e' => float::new_float(half_to_f32(word as u16)),
        b'f' => float::new_float(f32::from_bits(word as u32)),
        b'd' => float::new_float(f64::from_bits(word) as f32),
        _ if is_signed(typecode) => {
            // Sign-extend from the item's width.
            let shift = 64 - bits;
            int::new_int(((word << shift) as i64) >> shift)
        }
        _ => match i64::try_from(word) {
            Ok(v) => int::new_int(v),
            Err(_) => int::from_big(&Big {
                neg: false,
                mag: alloc::vec![word as u32, (word >> 32) as u32],
            }),
        },
    }
}

/// Stores `v` as an item of `typecode` into `bytes` (exactly its size).
pub fn put(typecode: u8, bytes: &mut [u8], v: Obj, layout: Layout) -> R<()> {
    let word = match typecode {
        b'e' => u64::from(f32_to_half(float_arg(v)?)),
        b'f' => u64::from(float_arg(v)?.to_bits()),
        b'd' => f64::from(float_arg(v)?).to_bits(),
        _ => truncated(v)?,
    };
    let n = bytes.len();
    for (i, b) in bytes.iter_mut().enumerate() {
        let byte = if layout == Layout::Big { n - 1 - i } else { i };
        *b = (word >> (8 * byte)) as u8;
    }
    Ok(())
}

fn float_arg(v: Obj) -> R<f32> {
    float::number_value(v).ok_or_else(|| {
        exc::type_error_fmt(format_args!(
            "can't convert {} to float",
            v.type_of().name.as_str()
        ))
    })
}

/// An int's low 64 bits in two's complement (bools count as ints).
fn truncated(v: Obj) -> R<u64> {
    if let Some(b) = int::big_of(v) {
        let low = |i: usize| u64::from(b.mag.get(i).copied().unwrap_or(0));
        let m = low(0) | (low(1) << 32);
        return Ok(if b.neg { m.wrapping_neg() } else { m });
    }
    // Not an int: the same error as any int argument.
    runtime::to_int(v).map(|i| i as u64)
}

/// IEEE half precision to single.
fn half_to_f32(h: u16) -> f32 {
    let sign = u32::from(h & 0x8000) << 16;
    let exp = u32::from((h >> 10) & 0x1f);
    let man = u32::from(h & 0x3ff);
    let bits = match (exp, man) {
        (0, 0) => sign,
        // Subnormal: the value is man * 2^-24.
        (0, _) => {
            let v = man as f32 * libm::ldexpf(1.0, -24);
            return if sign != 0 { -v } else { v };
        }
        (0x1f, _) => sign | 0x7f80_0000 | (man << 13),
        _ => sign | ((exp + 127 - 15) << 23) | (man << 13),
    };
    f32::from_bits(bits)
}

/// Single precision to IEEE half, rounding as MicroPython does (half up on bit 12).
fn f32_to_half(x: f32) -> u16 {
    let bits = x.to_bits();
    let mut m = (bits >> 13) & 0x3ff;
    if bits & (1 << 12) != 0 {
        m += 1;
    }
    let mut e = ((bits >> 23) & 0xff) as i32;
    if e == 0xff {
        e = 0x1f;
    } else if e != 0 {
        e -= 127 - 15;
        if e < 0 {
            m = if e >= -11 {
                let shifted = (m | 0x400) >> -e;
                if shifted & 1 != 0 {
                    (shifted >> 1) + 1
                } else {
                    shifted >> 1
                }
            } else {
                0
            };
            e = 0;
        } else if e > 0x3f {
            e = 0x1f;
            m = 0;
        }
    }
    (((bits >> 16) & 0x8000) | ((e as u32) << 10) | m) as u16
}
