class A:
    pass
class B(A):
    pass
class C:
    pass
b = B()
print(isinstance(b, B), isinstance(b, A), isinstance(b, C), isinstance(b, object))
print(isinstance(b, (C, A)), isinstance(1, (str, int)))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (C, A)), issubclass(A, object))
print(isinstance(True, int), isinstance(1, bool), isinstance("s", str), isinstance([], list))
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
print(isinstance(ValueError(), Exception), issubclass(StopIteration, Exception))
print(type(b) is B, type(b) == A, type(1) is int, type(type) is type)
