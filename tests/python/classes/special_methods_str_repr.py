class Both:
    def __str__(self):
        return "str form"
    def __repr__(self):
        return "repr form"
class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"
b = Both()
r = OnlyRepr()
print(b, r)
print(str(b), repr(b), str(r), repr(r))
print([b, r], (b,), {"k": r})
print("%s|%r" % (b, b), "{}|{!r}".format(b, b), f"{b}|{b!r}")
