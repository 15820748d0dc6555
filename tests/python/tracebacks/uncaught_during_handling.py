# An exception raised while handling another: only the new one is reported.
try:
    {}["a"]
except KeyError:
    print("handling KeyError")
    None.method()
