class Outer:
    x = 10
    class Inner:
        y = 20
        def get(self):
            return "inner"
    def make_inner(self):
        return Outer.Inner()

print(Outer.Inner.y, Outer().make_inner().get())
def factory(base):
    class Made(base):
        def tag(self):
            return "made from " + base.__name__
    return Made
class Root:
    pass
M = factory(Root)
print(M().tag(), M.__name__, isinstance(M(), Root))
class Scoped:
    a = 1
    b = a + 1
    items = [a, b]
print(Scoped.b, Scoped.items)
