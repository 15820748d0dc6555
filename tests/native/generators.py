# Native generators: the code state lives in the generator, and MicroPython's resume
# entry runs it; send, throw, close and yield from in both directions.
import micropython

@micropython.native
def nat_gen(n, start=0):
    for i in range(n):
        got = yield start + i
        if got is not None:
            print("got", got)
    return "done"

def bc_gen():
    r = yield from nat_gen(2, 10)
    print("inner returned", r)
    yield 99

print(list(nat_gen(3)))
g = nat_gen(3)
print(next(g), g.send("x"), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.args)
print(list(bc_gen()))

@micropython.native
def nat_yield_from():
    yield 1
    x = yield from bc_gen()
    yield x

print(list(nat_yield_from()))
@micropython.native
def nat_gen_exc():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
g = nat_gen_exc()
print(next(g))
g.close()
g = nat_gen_exc()
print(next(g))
try:
    g.throw(ValueError("boom"))
except ValueError as e:
    print("thrown back", e)
