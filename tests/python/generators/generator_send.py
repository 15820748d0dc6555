def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value

g = accumulator()
print(next(g))
print(g.send(5))
print(g.send(10))
try:
    g.send(None)
except StopIteration:
    print("stopped")
def echo():
    received = []
    x = yield "ready"
    while x != "stop":
        received.append(x)
        x = yield len(received)
    return received
e = echo()
print(e.send(None), e.send("a"), e.send("b"))
try:
    e.send("stop")
except StopIteration as s:
    print("returned", s.value)
try:
    accumulator().send(1)
except TypeError as t:
    print("TypeError:", t)
