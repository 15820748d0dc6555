# MicroPython does not chain exceptions: __cause__/__context__ are not kept, and
# "raise ... from ..." prints a warning.
try:
    try:
        raise KeyError("first")
    except KeyError as e:
        raise ValueError("second") from e
except ValueError as v:
    print("caught", v, hasattr(v, "__cause__"), hasattr(v, "__context__"))
try:
    try:
        raise KeyError("a")
    except KeyError:
        raise TypeError("b")
except TypeError as t:
    print("caught", t, hasattr(t, "__context__"))
