# Every MicroPython exception has .value and .errno (CPython: only StopIteration/OSError).
e = Exception(7)
print(e.value, e.errno)
k = KeyError("key")
print(k.value, k.errno)
print(ValueError().value)
