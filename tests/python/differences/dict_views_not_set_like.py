# dict views are not set-like in MicroPython.
d = {1: "a", 2: "b"}
try:
    print(d.keys() | {3})
except TypeError as e:
    print("TypeError:", e)
print(sorted(set(d.keys()) | {3}), type(d.keys()).__name__, type(d.items()).__name__)
