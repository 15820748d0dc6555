# Machine-word arithmetic: under -X emit=viper, integer locals live in 32-bit registers,
# so these products wrap modulo 2**32 there; bytecode and native code give big ints
# (see README.md and viper_wrap.viper.exp).
def grow() -> int:
    x = 0x20000000
    y = x * 4
    return y

def grow_more() -> int:
    x = 0x20000000
    return x * 8 + 5

def neg() -> int:
    a = -0x3fffffff
    b = a * 2
    return b - 3

def shifted() -> int:
    one = 1
    return one << 31

print(grow(), grow_more(), neg(), shifted())
