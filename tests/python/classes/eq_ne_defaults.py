class OnlyEq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print("__eq__ called")
        return self.v == o.v

a, b = OnlyEq(1), OnlyEq(1)
print(a == b)
print(a != b)
class Plain:
    pass
p = Plain()
print(p == p, p != p, p == Plain(), p is p)
print([p].count(p), p in [Plain()], p in [p])
