class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return Num(self.v + (o.v if isinstance(o, Num) else o))
    def __radd__(self, o):
        print("radd")
        return Num(o + self.v)
    def __iadd__(self, o):
        print("iadd")
        self.v += o
        return self
    def __repr__(self):
        return "Num(%d)" % self.v

n = Num(1)
print(n + 2, n + Num(5))
print(10 + n)
m = n
m += 100
print(m, n, m is n)
print(sum([Num(1), Num(2)], Num(0)))
