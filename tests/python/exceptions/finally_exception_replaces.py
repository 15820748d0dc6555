def replaced():
    try:
        raise ValueError("original")
    finally:
        raise KeyError("from finally")

try:
    replaced()
except Exception as e:
    print(type(e).__name__, e)
def nested_finally():
    log = []
    try:
        try:
            log.append("try")
            raise IndexError
        finally:
            log.append("inner finally")
    except IndexError:
        log.append("caught")
    finally:
        log.append("outer finally")
    return log
print(nested_finally())
