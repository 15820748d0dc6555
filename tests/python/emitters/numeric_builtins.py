# Numeric builtins.
print(abs(-5), abs(3), divmod(17, 5), divmod(-17, 5), pow(3, 4), pow(3, 4, 5))
print(min(4, 2, 8), max([1, 9, 3]), sum([1, 2, 3], 10), round(7.5), round(-2.5))
print(hex(255), oct(8), bin(5), int('ff', 16), int('-12'), int(True))
print(chr(65), ord('a'), bool(0), isinstance(3, int), callable(len), len('four'))
