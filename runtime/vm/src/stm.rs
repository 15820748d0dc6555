//! `stm`: the STM32F405's peripheral base addresses and register offsets, named as
//! MicroPython's stm32 port names them (`make-stmconst.py` over the CMSIS header), for
//! the peripherals the board models. Values from ST's RM0090.

use alloc::vec::Vec;

use crate::{exc, int, obj::Obj, qstr, qstr::Qstr, R};

const BASES: &[(&str, u32)] = &[
    ("TIM2", 0x4000_0000),
    ("TIM3", 0x4000_0400),
    ("TIM4", 0x4000_0800),
    ("TIM5", 0x4000_0C00),
    ("TIM6", 0x4000_1000),
    ("TIM7", 0x4000_1400),
    ("TIM12", 0x4000_1800),
    ("TIM13", 0x4000_1C00),
    ("TIM14", 0x4000_2000),
    ("USART2", 0x4000_4400),
    ("USART3", 0x4000_4800),
    ("UART4", 0x4000_4C00),
    ("UART5", 0x4000_5000),
    ("PWR", 0x4000_7000),
    ("TIM1", 0x4001_0000),
    ("TIM8", 0x4001_0400),
    ("USART1", 0x4001_1000),
    ("USART6", 0x4001_1400),
    ("TIM9", 0x4001_4000),
    ("TIM10", 0x4001_4400),
    ("TIM11", 0x4001_4800),
    ("GPIOA", 0x4002_0000),
    ("GPIOB", 0x4002_0400),
    ("GPIOC", 0x4002_0800),
    ("GPIOD", 0x4002_0C00),
    ("GPIOE", 0x4002_1000),
    ("GPIOF", 0x4002_1400),
    ("GPIOG", 0x4002_1800),
    ("GPIOH", 0x4002_1C00),
    ("GPIOI", 0x4002_2000),
    ("RCC", 0x4002_3800),
    ("FLASH", 0x4002_3C00),
];

/// Register offsets; BSRR also as its 16-bit halves BSRRL (set) and BSRRH (reset).
const OFFSETS: &[(&str, u32)] = &[
    ("GPIO_MODER", 0x00),
    ("GPIO_OTYPER", 0x04),
    ("GPIO_OSPEEDR", 0x08),
    ("GPIO_PUPDR", 0x0C),
    ("GPIO_IDR", 0x10),
    ("GPIO_ODR", 0x14),
    ("GPIO_BSRR", 0x18),
    ("GPIO_BSRRL", 0x18),
    ("GPIO_BSRRH", 0x1A),
    ("GPIO_LCKR", 0x1C),
    ("GPIO_AFR0", 0x20),
    ("GPIO_AFR1", 0x24),
    ("RCC_CR", 0x00),
    ("RCC_PLLCFGR", 0x04),
    ("RCC_CFGR", 0x08),
    ("RCC_CIR", 0x0C),
    ("RCC_AHB1RSTR", 0x10),
    ("RCC_AHB2RSTR", 0x14),
    ("RCC_AHB3RSTR", 0x18),
    ("RCC_APB1RSTR", 0x20),
    ("RCC_APB2RSTR", 0x24),
    ("RCC_AHB1ENR", 0x30),
    ("RCC_AHB2ENR", 0x34),
    ("RCC_AHB3ENR", 0x38),
    ("RCC_APB1ENR", 0x40),
    ("RCC_APB2ENR", 0x44),
    ("RCC_AHB1LPENR", 0x50),
    ("RCC_AHB2LPENR", 0x54),
    ("RCC_AHB3LPENR", 0x58),
    ("RCC_APB1LPENR", 0x60),
    ("RCC_APB2LPENR", 0x64),
    ("RCC_BDCR", 0x70),
    ("RCC_CSR", 0x74),
    ("RCC_SSCGR", 0x80),
    ("RCC_PLLI2SCFGR", 0x84),
    ("USART_SR", 0x00),
    ("USART_DR", 0x04),
    ("USART_BRR", 0x08),
    ("USART_CR1", 0x0C),
    ("USART_CR2", 0x10),
    ("USART_CR3", 0x14),
    ("USART_GTPR", 0x18),
    ("TIM_CR1", 0x00),
    ("TIM_CR2", 0x04),
    ("TIM_SMCR", 0x08),
    ("TIM_DIER", 0x0C),
    ("TIM_SR", 0x10),
    ("TIM_EGR", 0x14),
    ("TIM_CCMR1", 0x18),
    ("TIM_CCMR2", 0x1C),
    ("TIM_CCER", 0x20),
    ("TIM_CNT", 0x24),
    ("TIM_PSC", 0x28),
    ("TIM_ARR", 0x2C),
    ("TIM_RCR", 0x30),
    ("TIM_CCR1", 0x34),
    ("TIM_CCR2", 0x38),
    ("TIM_CCR3", 0x3C),
    ("TIM_CCR4", 0x40),
    ("TIM_BDTR", 0x44),
    ("TIM_DCR", 0x48),
    ("TIM_DMAR", 0x4C),
    ("TIM_OR", 0x50),
    ("FLASH_ACR", 0x00),
    ("FLASH_KEYR", 0x04),
    ("FLASH_OPTKEYR", 0x08),
    ("FLASH_SR", 0x0C),
    ("FLASH_CR", 0x10),
    ("FLASH_OPTCR", 0x14),
    ("PWR_CR", 0x00),
    ("PWR_CSR", 0x04),
];

/// Every constant of the module (addresses above 2^30 are boxed ints, as on stm32).
pub fn values() -> R<Vec<(Qstr, Obj)>> {
    BASES
        .iter()
        .chain(OFFSETS)
        .map(|&(name, v)| {
            let q = qstr::intern(name)
                .ok_or_else(|| exc::new(&exc::MEMORY_ERROR, "qstr table full"))?;
            Ok((q, int::new_int(v.into())?))
        })
        .collect()
}
