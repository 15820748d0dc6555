print(hash(5), hash(-1) == hash(-1), hash(0))
print(hash((1, 2, 3)) == hash((1, 2, 3)), hash(()) == hash(()))
print(hash("x") == hash("x"), hash(None) == hash(None))
d = {}
d[(1, "a")] = "tuple key"
d[frozenset([1])] = "frozenset key"
print(d[(1, "a")], d[frozenset([1])])
class E:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    def __hash__(self):
        return hash(self.v)
s = {E(1), E(1), E(2)}
print(len(s))
