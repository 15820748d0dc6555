# async/await without asyncio: coroutines are driven by hand with send(None). MicroPython
# awaits an object through __iter__ (it does not look for __await__).
class Yielder:
    def __init__(self, value):
        self.value = value
    def __iter__(self):
        got = yield self.value
        return "resumed with " + str(got)

async def child(n):
    r = await Yielder(n)
    return r + "!"

async def parent():
    a = await child(1)
    b = await child(2)
    return [a, b]

coro = parent()
print(type(coro).__name__)
print(coro.send(None))
print(coro.send("x"))
try:
    coro.send("y")
except StopIteration as e:
    print("result", e.value)

class Ticker:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n

class Guard:
    async def __aenter__(self):
        print("aenter")
        return "guarded"
    async def __aexit__(self, *exc):
        print("aexit")

async def use():
    out = []
    async with Guard() as g:
        out.append(g)
        async for v in Ticker(3):
            out.append(v)
    return out

c = use()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
