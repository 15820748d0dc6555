print(repr(1), repr("s"), repr([1, "a"]), repr((1, "b")), repr({1: "c"}), repr(b"d"))
print(repr(None), repr(True), repr(2 ** 65), repr(-0))
print(str("x"), str(1), str([None]))
class R:
    def __repr__(self):
        return "R()"
print(repr(R()), str(R()), [R(), R()])
class S:
    def __str__(self):
        return "S-str"
    def __repr__(self):
        return "S-repr"
print(S(), str(S()), repr(S()), [S()], "%s %r" % (S(), S()))
