# int/str conversions and number formatting.
for v in (0, 7, -42, 1 << 33, 255):
    print(v, str(v), repr(v), hex(v), '%x' % v, '{:08b}'.format(v & 255))
print(int('123'), int(' -7 '), int('0x1f', 16), int('z', 36), int(9.99), int(-9.99))
print('%5d|%-5d|%05d' % (42, 42, 42), str(True), str(None))
