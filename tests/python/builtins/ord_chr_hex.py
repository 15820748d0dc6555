print(ord("a"), ord("\n"), ord("\x00"), ord("€"))
print(chr(65), chr(0x20AC), repr(chr(0)), repr(chr(127)))
print([chr(c) for c in range(97, 102)])
print(hex(0xDEAD), oct(64), bin(255), hex(2 ** 64), oct(-9), bin(-1))
try:
    chr(-1)
except ValueError as e:
    print("ValueError")
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
