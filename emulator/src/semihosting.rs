//! ARM semihosting (`BKPT 0xAB`): console output, console input, exit with a code, and the
//! clocks, all in emulated time. The guest never reaches the host's file system.

use std::collections::VecDeque;

/// Operation numbers from the semihosting specification.
mod op {
    pub const OPEN: u32 = 0x01;
    pub const CLOSE: u32 = 0x02;
    pub const WRITEC: u32 = 0x03;
    pub const WRITE0: u32 = 0x04;
    pub const WRITE: u32 = 0x05;
    pub const READ: u32 = 0x06;
    pub const READC: u32 = 0x07;
    pub const ISERROR: u32 = 0x08;
    pub const ISTTY: u32 = 0x09;
    pub const FLEN: u32 = 0x0C;
    pub const CLOCK: u32 = 0x10;
    pub const TIME: u32 = 0x11;
    pub const ERRNO: u32 = 0x13;
    pub const GET_CMDLINE: u32 = 0x15;
    pub const HEAPINFO: u32 = 0x16;
    pub const EXIT: u32 = 0x18;
    pub const EXIT_EXTENDED: u32 = 0x20;
    pub const ELAPSED: u32 = 0x30;
    pub const TICKFREQ: u32 = 0x31;
}

/// ADP_Stopped_ApplicationExit: the "success" exit reason.
const APPLICATION_EXIT: u32 = 0x20026;
const STDIN: u32 = 1;
const STDOUT: u32 = 2;
const STDERR: u32 = 3;
const EBADF: u32 = 9;
const EPERM: u32 = 1;
const ENOSYS: u32 = 88;

/// What the guest can be asked for: its memory.
pub trait GuestMemory {
    fn read(&self, addr: u32, buf: &mut [u8]) -> bool;
    fn write(&mut self, addr: u32, data: &[u8]) -> bool;

    fn word(&self, addr: u32) -> Option<u32> {
        let mut b = [0; 4];
        self.read(addr, &mut b).then(|| u32::from_le_bytes(b))
    }

    /// A NUL-terminated string, at most `max` bytes.
    fn c_string(&self, addr: u32, max: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut b = [0u8; 1];
        while out.len() < max && self.read(addr + out.len() as u32, &mut b) && b[0] != 0 {
            out.push(b[0]);
        }
        out
    }
}

/// The host side: console input and the last error.
#[derive(Debug, Default)]
pub struct Host {
    pub stdin: VecDeque<u8>,
    /// More console input may still come: reads with nothing queued wait instead of
    /// returning end of file.
    pub stdin_open: bool,
    errno: u32,
}

/// What a call does to the run.
#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    /// Continue with this value in r0; `output` goes to stream 1 (stdout) or 2 (stderr).
    Return {
        r0: u32,
        output: Option<(u8, Vec<u8>)>,
    },
    Exit(i32),
    /// A console read found nothing queued while input is still open: retry the call later.
    WaitForInput,
}

fn ret(r0: u32) -> Effect {
    Effect::Return { r0, output: None }
}

impl Host {
    fn fail(&mut self, errno: u32) -> Effect {
        self.errno = errno;
        ret(u32::MAX)
    }

    /// Performs call `op` with parameter `param` at core cycle `cycle` on a `clock_hz` core.
    pub fn call(
        &mut self,
        op: u32,
        param: u32,
        mem: &mut impl GuestMemory,
        cycle: u64,
        clock_hz: u64,
    ) -> Effect {
        let arg = |i: u32| mem.word(param + 4 * i);
        match op {
            op::OPEN => {
                let (Some(name), Some(mode)) = (arg(0), arg(1)) else {
                    return self.fail(EPERM);
                };
                let len = arg(2).unwrap_or(0) as usize;
                if mem.c_string(name, len.max(4)) != b":tt" {
                    return self.fail(EPERM);
                }
                // Modes 0-3 read, 4-7 write, 8-11 append (stderr by convention).
                ret(match mode {
                    0..=3 => STDIN,
                    4..=7 => STDOUT,
                    _ => STDERR,
                })
            }
            op::CLOSE | op::ISERROR => ret(0),
            op::ISTTY => ret(u32::from(matches!(arg(0), Some(STDIN..=STDERR)))),
            op::WRITEC => {
                let mut b = [0u8];
                mem.read(param, &mut b);
                Effect::Return {
                    r0: 0,
                    output: Some((1, b.to_vec())),
                }
            }
            op::WRITE0 => Effect::Return {
                r0: 0,
                output: Some((1, mem.c_string(param, 1 << 16))),
            },
            op::WRITE => {
                let (Some(fd), Some(ptr), Some(len)) = (arg(0), arg(1), arg(2)) else {
                    return self.fail(EPERM);
                };
                let stream = match fd {
                    STDOUT => 1,
                    STDERR => 2,
                    _ => return self.fail(EBADF),
                };
                let mut buf = vec![0; len.min(1 << 20) as usize];
                if !mem.read(ptr, &mut buf) {
                    return self.fail(EPERM);
                }
                Effect::Return {
                    r0: len - buf.len() as u32,
                    output: Some((stream, buf)),
                }
            }
            op::READ => {
                let (Some(fd), Some(ptr), Some(len)) = (arg(0), arg(1), arg(2)) else {
                    return self.fail(EPERM);
                };
                if fd != STDIN {
                    return self.fail(EBADF);
                }
                if self.stdin.is_empty() && self.stdin_open && len > 0 {
                    return Effect::WaitForInput;
                }
                let n = (len as usize).min(self.stdin.len());
                let bytes: Vec<u8> = self.stdin.drain(..n).collect();
                mem.write(ptr, &bytes);
                ret(len - n as u32)
            }
            op::READC if self.stdin.is_empty() && self.stdin_open => Effect::WaitForInput,
            op::READC => ret(self.stdin.pop_front().map_or(u32::MAX, u32::from)),
            op::FLEN => self.fail(EBADF),
            op::CLOCK => ret((u128::from(cycle) * 100 / u128::from(clock_hz)) as u32),
            // Wall-clock time would make runs differ: the emulated epoch is 0.
            op::TIME => ret((cycle / clock_hz) as u32),
            op::ERRNO => ret(self.errno),
            op::GET_CMDLINE => {
                let (Some(ptr), Some(_)) = (arg(0), arg(1)) else {
                    return self.fail(EPERM);
                };
                mem.write(ptr, &[0]);
                mem.write(param + 4, &0u32.to_le_bytes());
                ret(0)
            }
            op::HEAPINFO => {
                // Zeros tell the C library to find its heap by itself.
                if let Some(block) = arg(0) {
                    mem.write(block, &[0; 16]);
                }
                ret(0)
            }
            op::EXIT => Effect::Exit(if param == APPLICATION_EXIT { 0 } else { 1 }),
            op::EXIT_EXTENDED => match (arg(0), arg(1)) {
                (Some(APPLICATION_EXIT), Some(code)) => Effect::Exit(code as i32),
                _ => Effect::Exit(1),
            },
            op::ELAPSED => {
                mem.write(param, &cycle.to_le_bytes());
                ret(0)
            }
            op::TICKFREQ => ret(clock_hz as u32),
            _ => self.fail(ENOSYS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Mem(Vec<u8>);

    impl GuestMemory for Mem {
        fn read(&self, addr: u32, buf: &mut [u8]) -> bool {
            let a = addr as usize;
            self.0
                .get(a..a + buf.len())
                .map(|s| buf.copy_from_slice(s))
                .is_some()
        }
        fn write(&mut self, addr: u32, data: &[u8]) -> bool {
            let a = addr as usize;
            self.0
                .get_mut(a..a + data.len())
                .map(|s| s.copy_from_slice(data))
                .is_some()
        }
    }

    fn mem_with(words: &[u32], text: &[u8]) -> Mem {
        let mut m = Mem(vec![0; 256]);
        for (i, w) in words.iter().enumerate() {
            m.write(4 * i as u32, &w.to_le_bytes());
        }
        m.write(128, text);
        m
    }

    #[test]
    fn opens_the_console_and_writes_to_it() {
        let mut host = Host::default();
        let mut m = mem_with(&[128, 4, 3], b":tt\0");
        assert_eq!(host.call(op::OPEN, 0, &mut m, 0, 1), ret(STDOUT));
        let mut m = mem_with(&[STDOUT, 128, 5], b"hello");
        assert_eq!(
            host.call(op::WRITE, 0, &mut m, 0, 1),
            Effect::Return {
                r0: 0,
                output: Some((1, b"hello".to_vec()))
            }
        );
    }

    #[test]
    fn refuses_files() {
        let mut host = Host::default();
        let mut m = mem_with(&[128, 0, 11], b"/etc/passwd\0");
        assert_eq!(host.call(op::OPEN, 0, &mut m, 0, 1), ret(u32::MAX));
        assert_eq!(host.call(op::ERRNO, 0, &mut m, 0, 1), ret(EPERM));
    }

    #[test]
    fn exit_codes_and_clocks() {
        let mut host = Host::default();
        let mut m = mem_with(&[APPLICATION_EXIT, 3], b"");
        assert_eq!(
            host.call(op::EXIT_EXTENDED, 0, &mut m, 0, 1),
            Effect::Exit(3)
        );
        assert_eq!(
            host.call(op::EXIT, APPLICATION_EXIT, &mut m, 0, 1),
            Effect::Exit(0)
        );
        assert_eq!(host.call(op::EXIT, 0x20023, &mut m, 0, 1), Effect::Exit(1));
        assert_eq!(
            host.call(op::CLOCK, 0, &mut m, 168_000_000, 168_000_000),
            ret(100)
        );
        assert_eq!(
            host.call(op::TICKFREQ, 0, &mut m, 0, 168_000_000),
            ret(168_000_000)
        );
        assert_eq!(host.call(op::ELAPSED, 8, &mut m, 0x1_0000_0002, 1), ret(0));
        assert_eq!(m.word(8), Some(2));
        assert_eq!(m.word(12), Some(1));
    }

    #[test]
    fn reads_console_input() {
        let mut host = Host {
            stdin: b"ab".iter().copied().collect(),
            ..Host::default()
        };
        let mut m = mem_with(&[STDIN, 128, 4], b"");
        assert_eq!(
            host.call(op::READ, 0, &mut m, 0, 1),
            ret(2),
            "two of four bytes not read"
        );
        assert_eq!(&m.0[128..130], b"ab");
        assert_eq!(host.call(op::READC, 0, &mut m, 0, 1), ret(u32::MAX));
        host.stdin_open = true;
        assert_eq!(host.call(op::READC, 0, &mut m, 0, 1), Effect::WaitForInput);
        assert_eq!(host.call(op::READ, 0, &mut m, 0, 1), Effect::WaitForInput);
    }
}
