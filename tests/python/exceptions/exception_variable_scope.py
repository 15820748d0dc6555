e = "before"
try:
    raise ValueError("x")
except ValueError as e:
    print("inside", e)
try:
    print(e)
except NameError:
    print("e deleted after except")
def f():
    try:
        raise KeyError(1)
    except KeyError as err:
        saved = err
    return saved
print(repr(f()))
