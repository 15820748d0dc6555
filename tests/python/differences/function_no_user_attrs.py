# Functions take no user attributes and have no __module__ in MicroPython.
def f():
    return 1

try:
    f.marker = True
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(f, "__module__"), f.__name__)
