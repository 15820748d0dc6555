print(abs(-5), abs(5), abs(0), abs(-(2 ** 80)))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(divmod(2 ** 65, 7))
print(pow(2, 10), pow(2, 100), pow(3, 4, 5), pow(7, 123, 1000), pow(2, 200, 10 ** 9 + 7))
print(pow(-2, 3), pow(0, 0))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    5 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
