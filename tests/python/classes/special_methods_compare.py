class Version:
    def __init__(self, *parts):
        self.parts = parts
    def __eq__(self, o):
        return self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __le__(self, o):
        return self.parts <= o.parts
    def __gt__(self, o):
        return self.parts > o.parts
    def __ge__(self, o):
        return self.parts >= o.parts
    def __repr__(self):
        return ".".join(str(p) for p in self.parts)

vs = [Version(1, 2), Version(1, 10), Version(0, 9), Version(1, 2, 1)]
print(sorted(vs), max(vs), min(vs))
print(Version(1) < Version(2), Version(2) <= Version(2), Version(3) > Version(2), Version(1) >= Version(2))
print(Version(1, 0) == Version(1, 0), Version(1) != Version(2))
class OnlyLt:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
print([o.v for o in sorted([OnlyLt(3), OnlyLt(1), OnlyLt(2)])])
