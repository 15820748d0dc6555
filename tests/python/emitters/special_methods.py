# Special methods: operators, len, indexing, iteration, repr.
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __add__(self, o):
        return Vec(*[a + b for a, b in zip(self.xs, o.xs)])
    def __mul__(self, k):
        return Vec(*[a * k for a in self.xs])
    def __eq__(self, o):
        return self.xs == o.xs
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __repr__(self):
        return 'Vec%r' % (tuple(self.xs),)
    def __call__(self, i):
        return self.xs[i] * 100

v = Vec(1, 2, 3) + Vec(10, 20, 30)
print(v, v * 2, len(v), v[1], v[-1], v(0))
print(v == Vec(11, 22, 33), v == Vec(0, 0, 0), list(v))
