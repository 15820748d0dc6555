print(type(1), type("s"), type([]), type(()), type({}), type(set()), type(None))
print(type(1).__name__, type(b"").__name__, type(bytearray()).__name__, type(range(1)).__name__)
print(type(print), type(len).__name__)
def f():
    pass
print(type(f).__name__, type(lambda: 0).__name__)
class K:
    def m(self):
        pass
print(type(K), type(K()).__name__, type(K().m).__name__)
print(type(iter([])).__name__, type(x for x in []).__name__)
print(int, str, object, type)
