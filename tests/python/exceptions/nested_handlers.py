def risky(n):
    if n == 1:
        raise KeyError(n)
    if n == 2:
        raise IndexError(n)
    if n == 3:
        raise ValueError(n)
    return n

for n in range(5):
    try:
        try:
            print("ok", risky(n))
        except KeyError as e:
            print("inner KeyError", e)
        except IndexError as e:
            print("inner IndexError", e)
            raise
    except LookupError as e:
        print("outer LookupError", e)
    except Exception as e:
        print("outer", type(e).__name__, e)
try:
    try:
        raise TypeError("first")
    except TypeError:
        raise ValueError("second")
except ValueError as e:
    print("got", e)
