e = OSError(2, "not found")
print(e.errno, e.args)
print(OSError(5).errno, repr(OSError(5)))
try:
    raise OSError(22)
except OSError as err:
    print("OSError", err.args[0], err.errno)
