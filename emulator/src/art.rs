//! Flash wait states behind the STM32F4's ART accelerator (RM0090 §3.4): the flash is
//! read a 128-bit line at a time, taking LATENCY wait states more than a zero-wait read, and
//! the accelerator hides some of them with a prefetch buffer, a 64-line instruction cache
//! and an 8-line data cache. This is the deterministic cost model FIDELITY.md states; the
//! machine asks it for the stall before each line the core fetches or loads from.

/// FLASH_ACR fields (RM0090 §3.9.1).
const LATENCY: u32 = 0x7;
const PRFTEN: u32 = 1 << 8;
const ICEN: u32 = 1 << 9;
const DCEN: u32 = 1 << 10;
const ICRST: u32 = 1 << 11;
const DCRST: u32 = 1 << 12;
/// The bits ACR keeps (the cache resets are write-only).
const ACR_BITS: u32 = 0x0707;
const ICACHE_LINES: usize = 64;
const DCACHE_LINES: usize = 8;
/// Bytes in a flash line: one 128-bit read.
pub const LINE_BYTES: u32 = 16;

/// Fully associative lines, least recently used first.
#[derive(Debug, Clone)]
struct Lru {
    lines: Vec<u32>,
    capacity: usize,
}

impl Lru {
    fn new(capacity: usize) -> Lru {
        Lru {
            lines: Vec::with_capacity(capacity),
            capacity,
        }
    }

    /// Whether `line` is held; a hit makes it the most recently used.
    fn hit(&mut self, line: u32) -> bool {
        let Some(i) = self.lines.iter().position(|&l| l == line) else {
            return false;
        };
        let l = self.lines.remove(i);
        self.lines.push(l);
        true
    }

    /// Adds a line that missed, evicting the least recently used when full.
    fn fill(&mut self, line: u32) {
        if self.lines.len() == self.capacity {
            self.lines.remove(0);
        }
        self.lines.push(line);
    }
}

/// The accelerator's state. Lines are numbered by flash offset / [`LINE_BYTES`], so both
/// address ranges of the flash (its base and its alias at 0) share them.
#[derive(Debug, Clone)]
pub struct Art {
    acr: u32,
    icache: Lru,
    dcache: Lru,
    /// The line the instruction side read last: further fetches from it cost nothing.
    fetched: Option<u32>,
    /// The line the data side read last.
    loaded: Option<u32>,
    /// The next sequential line, being read by the prefetcher, and the cycle it is ready.
    prefetch: Option<(u32, u64)>,
}

impl Default for Art {
    fn default() -> Self {
        Art {
            acr: 0,
            icache: Lru::new(ICACHE_LINES),
            dcache: Lru::new(DCACHE_LINES),
            fetched: None,
            loaded: None,
            prefetch: None,
        }
    }
}

impl Art {
    /// A write of `value` under `mask` to FLASH_ACR. Setting ICRST (DCRST) empties the
    /// instruction (data) cache while that cache is disabled.
    pub fn write_acr(&mut self, value: u32, mask: u32) {
        self.acr = (self.acr & !mask | value & mask) & ACR_BITS;
        let set = value & mask;
        if set & ICRST != 0 && self.acr & ICEN == 0 {
            self.icache.lines.clear();
        }
        if set & DCRST != 0 && self.acr & DCEN == 0 {
            self.dcache.lines.clear();
        }
    }

    pub fn wait_states(&self) -> u64 {
        u64::from(self.acr & LATENCY)
    }

    /// The core needs instruction `line` at cycle `now`: the cycles it stalls for it. A line
    /// costs nothing when it is the one read last or the instruction cache holds it; the
    /// prefetched line costs what remains of its read; any other costs LATENCY. Every line
    /// read goes into the instruction cache (ICEN), and each delivered line starts the read of
    /// the next (PRFTEN), ready LATENCY + 1 cycles later.
    pub fn fetch(&mut self, line: u32, now: u64) -> u64 {
        if self.fetched == Some(line) {
            return 0;
        }
        let w = self.wait_states();
        let cached = self.acr & ICEN != 0 && self.icache.hit(line);
        let stall = if cached {
            0
        } else {
            if self.acr & ICEN != 0 {
                self.icache.fill(line);
            }
            match self.prefetch {
                Some((l, ready)) if l == line => ready.saturating_sub(now),
                _ => w,
            }
        };
        self.fetched = Some(line);
        self.prefetch = (self.acr & PRFTEN != 0).then_some((line + 1, now + stall + w + 1));
        stall
    }

    /// A data read from flash `line` (a literal pool, a constant): the cycles it stalls. The
    /// line read last and lines in the data cache (DCEN) cost nothing; any other costs
    /// LATENCY and goes into the data cache.
    pub fn load(&mut self, line: u32) -> u64 {
        if self.loaded == Some(line) {
            return 0;
        }
        self.loaded = Some(line);
        if self.acr & DCEN != 0 {
            if self.dcache.hit(line) {
                return 0;
            }
            self.dcache.fill(line);
        }
        self.wait_states()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(acr: u32) -> Art {
        let mut a = Art::default();
        a.write_acr(acr, !0);
        a
    }

    #[test]
    fn without_the_accelerator_every_new_line_waits() {
        let mut a = art(5);
        assert_eq!(a.fetch(0, 0), 5);
        assert_eq!(a.fetch(0, 10), 0, "the line read last");
        assert_eq!(a.fetch(1, 20), 5);
        assert_eq!(a.fetch(0, 30), 5, "no cache");
    }

    #[test]
    fn prefetch_hides_what_the_previous_line_took_long_enough_for() {
        let mut a = art(5 | PRFTEN);
        assert_eq!(a.fetch(0, 0), 5);
        // Line 1 was started when line 0 arrived (cycle 5): ready at 11.
        assert_eq!(a.fetch(1, 8), 3);
        assert_eq!(a.fetch(2, 20), 0);
        assert_eq!(a.fetch(7, 30), 5, "a jump elsewhere");
    }

    #[test]
    fn the_instruction_cache_keeps_64_lines() {
        let mut a = art(5 | ICEN);
        for line in 0..64 {
            assert_eq!(a.fetch(line, 0), 5);
        }
        assert_eq!(a.fetch(0, 0), 0);
        assert_eq!(a.fetch(64, 0), 5, "evicts line 1, the least recently used");
        assert_eq!(a.fetch(1, 0), 5);
        assert_eq!(a.fetch(0, 0), 0);
        a.write_acr(ICRST, ICEN | ICRST);
        a.write_acr(ICEN, ICEN);
        assert_eq!(a.fetch(2, 0), 5, "reset empties it");
    }

    #[test]
    fn the_data_cache_keeps_8_lines() {
        let mut off = art(5);
        assert_eq!(
            [off.load(0), off.load(0), off.load(1), off.load(0)],
            [5, 0, 5, 5]
        );
        let mut on = art(5 | DCEN);
        assert_eq!([on.load(0), on.load(1), on.load(0)], [5, 5, 0]);
        for line in 2..9 {
            on.load(line);
        }
        assert_eq!(on.load(1), 5, "line 1 was the least recently used of 9");
    }
}
