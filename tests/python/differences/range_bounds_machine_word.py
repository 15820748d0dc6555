# range() bounds must fit a machine word (32 bits on the target and the oracle).
print(list(range(2 ** 31 - 3, 2 ** 31 - 1)))
try:
    range(2 ** 31 - 1, 2 ** 31 + 1)
except OverflowError as e:
    print("OverflowError:", e)
