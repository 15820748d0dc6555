class A:
    def who(self):
        return "A"
    def only_a(self):
        return "only in A"

class B:
    def who(self):
        return "B"
    def only_b(self):
        return "only in B"

class C(A, B):
    pass

class D(B, A):
    def who(self):
        return "D then " + super().who()

c = C()
d = D()
print(c.who(), c.only_a(), c.only_b())
print(d.who(), d.only_a())
print(isinstance(c, A), isinstance(c, B), issubclass(D, A))
class Mixin:
    def describe(self):
        return "I am " + self.label()
class Thing(Mixin):
    def label(self):
        return "a thing"
print(Thing().describe())
