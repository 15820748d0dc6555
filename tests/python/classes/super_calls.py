class Base:
    def __init__(self, v):
        self.v = v
        print("Base init", v)
    def value(self):
        return self.v
    @classmethod
    def make(cls, v):
        return cls(v)

class Derived(Base):
    def __init__(self, v):
        print("Derived init")
        super().__init__(v * 2)
    def value(self):
        return super().value() + 1

d = Derived(5)
print(d.value())
print(type(Derived.make(1)).__name__)
class Explicit(Base):
    def value(self):
        return super(Explicit, self).value() * 100
print(Explicit(3).value())
