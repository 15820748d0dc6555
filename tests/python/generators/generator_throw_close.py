def worker():
    try:
        while True:
            try:
                x = yield
                print("got", x)
            except ValueError as e:
                print("handled", e)
    finally:
        print("cleanup")

w = worker()
next(w)
w.send(1)
w.throw(ValueError("oops"))
w.send(2)
w.close()
print("closed")
def closing():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
c = closing()
next(c)
c.close()
def unhandled():
    yield 1
u = unhandled()
next(u)
try:
    u.throw(KeyError("k"))
except KeyError as e:
    print("propagated", e)
