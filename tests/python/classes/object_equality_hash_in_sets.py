class Key:
    def __init__(self, name):
        self.name = name
    def __eq__(self, other):
        return isinstance(other, Key) and self.name.lower() == other.name.lower()
    def __hash__(self):
        return hash(self.name.lower())
    def __repr__(self):
        return "Key(%s)" % self.name

s = set()
for n in ["A", "a", "B", "b", "c"]:
    s.add(Key(n))
print(len(s), sorted(k.name.lower() for k in s))
d = {Key("x"): 1}
d[Key("X")] = 2
print(len(d), d[Key("x")])
print(Key("q") in [Key("Q")], [Key("a"), Key("b")].index(Key("B")), [Key("a")].count(Key("A")))
