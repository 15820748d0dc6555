class Half:
    def __float__(self):
        return 0.5
print(float(Half()))
print(1 + 0.5 + True, 2 ** 3 / 4, 10 // 4.0, 10 % 4.0)
print(abs(-1.5) == 1.5, hash(2.0) == hash(2), {2.0: "x"}[2])
print(divmod(7, 2.0), pow(2.0, 2), pow(4, -1))
print([x / 2 for x in range(5)])
print(max([1, 2.5, 2]), min(-0.5, 0), sum(range(4)) / 4)
