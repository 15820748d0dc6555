# send() and throw() into generators.
def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    yield 'end'

g = acc()
print(next(g), g.send(5), g.send(7), g.send(None))
def catcher():
    while True:
        try:
            yield 'ready'
        except ValueError as e:
            print('caught', e)
c = catcher()
print(next(c), c.throw(ValueError('boom')))
