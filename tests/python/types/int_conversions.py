print(int("42"), int("-17"), int("  8  "), int("+5"))
print(int("ff", 16), int("0xff", 16), int("777", 8), int("0o17", 0), int("0b101", 0), int("z", 36))
print(int("1010", 2), int("-0x10", 0))
print(int(3), int(True), int(-0))
print(int("12345678901234567890123"))
try:
    int("abc")
except ValueError as e:
    print("ValueError:", e)
try:
    int("12", 1)
except ValueError as e:
    print("ValueError:", e)
print(hex(255), hex(-255), oct(8), bin(5), bin(-5))
print(hex(0), oct(0), bin(0))
print(str(-123), repr(456))
print(1_000_000, 0x_FF, 0b_1010)
