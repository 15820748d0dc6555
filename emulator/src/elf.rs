//! ELF images: `PT_LOAD` segments at their physical (load) address, and symbols for reports.

use goblin::elf::{header, program_header::PT_LOAD, sym::STT_FUNC, Elf};

use crate::{board::Board, LoadError};

/// Bytes to place at an address before reset.
#[derive(Debug, Clone)]
pub struct Segment {
    pub addr: u32,
    pub data: Vec<u8>,
}

/// A function symbol; Thumb bit cleared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub addr: u32,
    pub size: u32,
    pub name: String,
}

/// A firmware image checked against a board: every segment fits its memory.
#[derive(Debug, Clone)]
pub struct Image {
    pub segments: Vec<Segment>,
    /// Function symbols sorted by address.
    pub symbols: Vec<Symbol>,
}

impl Image {
    pub fn from_elf(bytes: &[u8], board: &Board) -> Result<Image, LoadError> {
        if bytes.len() < 4 || &bytes[..4] != b"\x7fELF" {
            return Err(LoadError::NotElf {
                found: bytes.iter().take(4).copied().collect(),
            });
        }
        if bytes.len() < header::SIZEOF_IDENT {
            return Err(LoadError::Malformed(format!("only {} bytes", bytes.len())));
        }
        if bytes[header::EI_CLASS] != header::ELFCLASS32
            || bytes[header::EI_DATA] != header::ELFDATA2LSB
        {
            let class = if bytes[header::EI_CLASS] == header::ELFCLASS64 {
                "64-bit"
            } else {
                "32-bit"
            };
            let order = if bytes[header::EI_DATA] == header::ELFDATA2MSB {
                "big-endian"
            } else {
                "little-endian"
            };
            return Err(LoadError::WrongArch {
                found: format!("{class} {order}"),
            });
        }
        let elf = Elf::parse(bytes).map_err(|e| LoadError::Malformed(e.to_string()))?;
        if elf.header.e_machine != header::EM_ARM {
            return Err(LoadError::WrongArch {
                found: header::machine_to_str(elf.header.e_machine).to_string(),
            });
        }
        let mut segments = Vec::new();
        for (index, ph) in elf.program_headers.iter().enumerate() {
            if ph.p_type != PT_LOAD || ph.p_filesz == 0 {
                continue;
            }
            let end = ph
                .p_offset
                .checked_add(ph.p_filesz)
                .filter(|&e| e <= bytes.len() as u64);
            let Some(end) = end else {
                return Err(LoadError::SegmentPastEnd {
                    index,
                    addr: ph.p_paddr as u32,
                    len: ph.p_filesz,
                    file_len: bytes.len(),
                });
            };
            let addr = ph.p_paddr as u32;
            let len = ph.p_filesz as u32;
            if board.region_of(addr, len).is_none() {
                return Err(LoadError::OutsideMemory {
                    index,
                    addr,
                    len,
                    board: board.name,
                });
            }
            segments.push(Segment {
                addr,
                data: bytes[ph.p_offset as usize..end as usize].to_vec(),
            });
        }
        if segments.is_empty() {
            return Err(LoadError::NoSegments);
        }
        let mut symbols: Vec<Symbol> = elf
            .syms
            .iter()
            .filter(|s| s.st_type() == STT_FUNC && s.st_value != 0)
            .filter_map(|s| {
                let name = elf.strtab.get_at(s.st_name)?;
                Some(Symbol {
                    addr: s.st_value as u32 & !1,
                    size: s.st_size as u32,
                    name: rustc_demangle::demangle(name).to_string(),
                })
            })
            .collect();
        symbols.sort_by_key(|s| s.addr);
        symbols.dedup_by_key(|s| s.addr);
        Ok(Image { segments, symbols })
    }

    /// Adds bytes to load at `addr` (data the firmware finds there, such as a script),
    /// checked to lie in the board's memory and clear of the image's own segments.
    pub fn add_segment(
        &mut self,
        addr: u32,
        data: Vec<u8>,
        board: &Board,
    ) -> Result<(), LoadError> {
        let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
        let index = self.segments.len();
        if board.region_of(addr, len).is_none() {
            return Err(LoadError::OutsideMemory {
                index,
                addr,
                len,
                board: board.name,
            });
        }
        let end = u64::from(addr) + u64::from(len);
        if let Some(s) = self.segments.iter().find(|s| {
            u64::from(s.addr) < end && u64::from(addr) < u64::from(s.addr) + s.data.len() as u64
        }) {
            return Err(LoadError::Overlap {
                addr,
                len,
                other: s.addr,
            });
        }
        self.segments.push(Segment { addr, data });
        Ok(())
    }

    /// The function containing `addr`, as `name+offset`.
    pub fn symbolize(&self, addr: u32) -> Option<String> {
        let addr = addr & !1;
        let i = self
            .symbols
            .partition_point(|s| s.addr <= addr)
            .checked_sub(1)?;
        let s = &self.symbols[i];
        let off = addr - s.addr;
        (off < s.size.max(1)).then(|| {
            if off == 0 {
                s.name.clone()
            } else {
                format!("{}+{off:#x}", s.name)
            }
        })
    }
}
