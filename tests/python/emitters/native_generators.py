# Generators compiled to native code, consumed by bytecode and the reverse.
import micropython

@micropython.native
def squares(n):
    for i in range(n):
        yield i * i
    return 'end'

@micropython.native
def delegate(n):
    r = yield from squares(n)
    yield r

def bc_gen():
    yield 'a'
    yield 'b'

@micropython.native
def consume(g):
    out = []
    for x in g:
        out.append(x)
    return out

print(list(squares(5)), list(delegate(3)))
print(consume(bc_gen()), consume(squares(4)), sum(squares(10)))
g = squares(2)
print(next(g), next(g), next(g, 'done'))
