for thing in (ValueError, ValueError("inst"), KeyError):
    try:
        raise thing
    except LookupError as e:
        print("LookupError", repr(e))
    except ValueError as e:
        print("ValueError", repr(e))
try:
    raise 42
except TypeError as e:
    print("TypeError:", e)
class NotAnException:
    pass
try:
    raise NotAnException
except TypeError as e:
    print("TypeError:", e)
