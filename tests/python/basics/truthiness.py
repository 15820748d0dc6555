values = [0, 1, -1, 2 ** 70, "", "0", " ", [], [0], (), (None,), {}, {0: 0}, set(), None, True, False, b"", bytearray(1), range(0), range(1)]
for v in values:
    print(repr(v), bool(v), "yes" if v else "no")
