# MicroPython resolves methods depth-first, left to right: in this diamond it finds
# A.who through B before C.who (CPython's C3 order gives "C").
class A:
    def who(self):
        return "A"

class B(A):
    pass

class C(A):
    def who(self):
        return "C"

class D(B, C):
    pass

print(D().who())
