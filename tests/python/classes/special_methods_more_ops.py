class Bits:
    def __init__(self, v):
        self.v = v
    def __and__(self, o):
        return Bits(self.v & o.v)
    def __or__(self, o):
        return Bits(self.v | o.v)
    def __xor__(self, o):
        return Bits(self.v ^ o.v)
    def __lshift__(self, n):
        return Bits(self.v << n)
    def __rshift__(self, n):
        return Bits(self.v >> n)
    def __invert__(self):
        return Bits(~self.v & 0xF)
    def __floordiv__(self, n):
        return Bits(self.v // n)
    def __mod__(self, n):
        return Bits(self.v % n)
    def __pow__(self, n):
        return Bits(self.v ** n)
    def __pos__(self):
        return self
    def __abs__(self):
        return Bits(abs(self.v))
    def __int__(self):
        return self.v
    def __repr__(self):
        return "Bits(%s)" % bin(self.v)

a = Bits(0b1100)
b = Bits(0b1010)
print(a & b, a | b, a ^ b, a << 2, a >> 2, ~a)
print(a // 5, a % 5, Bits(3) ** 2, +a, abs(Bits(-4)), int(a))
