# str.rsplit(None, n) is not implemented; rsplit with an explicit separator is.
print("a b c".rsplit(" ", 1))
try:
    print("a b c".rsplit(None, 1))
except NotImplementedError as e:
    print("NotImplementedError:", e)
