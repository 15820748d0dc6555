# Several built-ins take no keyword arguments in MicroPython.
try:
    print(bytes(source="ab", encoding="utf-8"))
except NotImplementedError as e:
    print("NotImplementedError:", e)
print(bytes("ab", "utf-8"))
