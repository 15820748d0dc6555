# "raise ... from ..." makes MicroPython print a warning (chaining is not supported),
# then the new exception alone is reported.
try:
    [][0]
except IndexError as e:
    raise RuntimeError("lookup failed") from e
