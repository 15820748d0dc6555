# With multiple inheritance super() follows MicroPython's MRO, so C.__init__ is skipped
# (CPython prints D, B, C, A).
class A:
    def __init__(self):
        print("A")

class B(A):
    def __init__(self):
        print("B")
        super().__init__()

class C(A):
    def __init__(self):
        print("C")
        super().__init__()

class D(B, C):
    def __init__(self):
        print("D")
        super().__init__()

D()
