# Reading a property through super() gives the property object itself in MicroPython.
class Base:
    @property
    def size(self):
        return 10

class Child(Base):
    @property
    def size(self):
        return super().size

v = Child().size
print(type(v).__name__, isinstance(v, int))
