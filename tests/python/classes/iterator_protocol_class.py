class Range2:
    def __init__(self, start, stop, step=1):
        self.start, self.stop, self.step = start, stop, step
    def __iter__(self):
        cur = self.start
        while cur < self.stop:
            yield cur
            cur += self.step

r = Range2(0, 10, 3)
print(list(r), list(r), sum(r), 6 in r, 7 in r)
print([a * b for a in Range2(1, 3) for b in Range2(1, 3)])
print(dict(zip(Range2(0, 3), "abc")) == {0: "a", 1: "b", 2: "c"})
a, b, *c = Range2(0, 5)
print(a, b, c)
print(sorted(Range2(0, 4), reverse=True), max(Range2(2, 9, 2)))
