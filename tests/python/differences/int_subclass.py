# Subclasses of int behave as ints in arithmetic; results are plain ints.
class Meters(int):
    def describe(self):
        return "%d m" % self

m = Meters(5)
print(m.describe(), m + 1, type(m + 1).__name__, isinstance(m, int), int(m))
