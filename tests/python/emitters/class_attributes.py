# Class versus instance attributes and methods as values.
class C:
    shared = []
    kind = 'c'
    def add(self, x):
        self.shared.append(x)
        return len(self.shared)

a, b = C(), C()
print(a.add(1), b.add(2), C.shared)
a.kind = 'a'
print(a.kind, b.kind, C.kind)
f = C.add
print(f(a, 3), C.shared)
class D(C):
    kind = 'd'
print(D().kind, D.shared is C.shared, D().add(4))
