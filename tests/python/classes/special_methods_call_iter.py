class Counter:
    def __init__(self, limit):
        self.limit = limit
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.n >= self.limit:
            raise StopIteration
        self.n += 1
        return self.n

print(list(Counter(4)))
for v in Counter(2):
    print("v", v)
class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, y=1):
        return self.k * x * y
m = Multiplier(3)
print(m(2), m(2, y=5), list(map(m, [1, 2])))
it = iter(Counter(3))
print(next(it), next(it), next(it), next(it, "exhausted"))
