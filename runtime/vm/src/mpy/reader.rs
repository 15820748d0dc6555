//! A bounds-checked cursor over the file, or over one function's data inside it.

use super::error::{LoadError, Problem, Section};

pub(super) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// File offset of `data[0]`, so errors name a byte of the file.
    base: usize,
    pub(super) section: Section,
    /// Reading inside a function's data, which was already read whole: running out
    /// there means the data is corrupt, not that the file is short.
    in_code: bool,
}

impl<'a> Reader<'a> {
    pub(super) fn new(data: &'a [u8], section: Section) -> Self {
        Self {
            data,
            pos: 0,
            base: 0,
            section,
            in_code: false,
        }
    }

    /// A reader over `data`, a function's bytes found at file offset `base`.
    pub(super) fn within(data: &'a [u8], base: usize, section: Section) -> Self {
        Self {
            data,
            pos: 0,
            base,
            section,
            in_code: true,
        }
    }

    pub(super) fn offset(&self) -> usize {
        self.base + self.pos
    }

    pub(super) fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    pub(super) fn corrupt_at(&self, offset: usize, problem: Problem) -> LoadError {
        LoadError::Corrupt {
            section: self.section,
            offset,
            problem,
        }
    }

    fn out_of_data(&self, offset: usize) -> LoadError {
        if self.in_code {
            self.corrupt_at(offset, Problem::PreludeOverrun)
        } else {
            LoadError::Truncated {
                section: self.section,
                offset,
            }
        }
    }

    pub(super) fn byte(&mut self) -> Result<u8, LoadError> {
        let b = *self
            .data
            .get(self.pos)
            .ok_or_else(|| self.out_of_data(self.offset()))?;
        self.pos += 1;
        Ok(b)
    }

    pub(super) fn bytes(&mut self, len: usize) -> Result<&'a [u8], LoadError> {
        self.bytes_from(self.offset(), len)
    }

    /// `len` bytes of an item that started at `start` (its length field, say), which
    /// is where an error says the input ran out.
    pub(super) fn bytes_from(&mut self, start: usize, len: usize) -> Result<&'a [u8], LoadError> {
        if len > self.remaining() {
            return Err(self.out_of_data(start));
        }
        let out = &self.data[self.pos..self.pos + len];
        self.pos += len;
        Ok(out)
    }

    /// MicroPython's variable-length unsigned integer: 7-bit groups, most significant
    /// first, bit 7 set on every byte but the last. Values are 32-bit on the target.
    pub(super) fn vuint(&mut self) -> Result<u32, LoadError> {
        let start = self.offset();
        let mut value: u32 = 0;
        loop {
            let b = self.byte()?;
            if value > u32::MAX >> 7 {
                return Err(self.corrupt_at(start, Problem::NumberTooLarge));
            }
            value = value << 7 | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
    }

    /// A vuint that counts items of at least one byte each, so it cannot exceed what
    /// is left: a corrupt count fails here instead of driving a loop or an allocation.
    pub(super) fn count(&mut self) -> Result<u32, LoadError> {
        let start = self.offset();
        let n = self.vuint()?;
        if n as usize > self.remaining() {
            return Err(self.out_of_data(start));
        }
        Ok(n)
    }

    /// A vuint length followed by that many bytes.
    pub(super) fn sized_bytes(&mut self) -> Result<&'a [u8], LoadError> {
        let start = self.offset();
        let len = self.vuint()? as usize;
        self.bytes_from(start, len)
    }
}
