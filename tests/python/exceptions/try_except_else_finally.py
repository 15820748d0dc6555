def attempt(x):
    try:
        r = 10 // x
    except ZeroDivisionError:
        print("div by zero")
        r = None
    else:
        print("no error", r)
    finally:
        print("finally", x)
    return r

print(attempt(2))
print(attempt(0))
try:
    pass
finally:
    print("finally without except")
try:
    raise ValueError("v")
except (TypeError, ValueError) as e:
    print("caught tuple", type(e).__name__, e)
try:
    try:
        raise KeyError("inner")
    finally:
        print("inner finally")
except KeyError as e:
    print("outer caught", e)
