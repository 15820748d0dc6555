try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("wrapped") from e
except ValueError as v:
    print("caught", v)
try:
    raise KeyError("k") from None
except KeyError as k:
    print("caught", k)
print("end")
