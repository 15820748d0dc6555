# Exceptions inside generators propagate to the consumer.
def gen():
    yield 1
    raise RuntimeError('gen failed')

try:
    for x in gen():
        print('got', x)
except RuntimeError as e:
    print('caught', e)
def guarded():
    try:
        yield 'a'
        yield 'b'
    except GeneratorExit:
        print('exit seen')
        raise
g = guarded()
print(next(g))
g.close()
def safe(xs):
    for x in xs:
        try:
            yield 10 // x
        except ZeroDivisionError:
            yield 'inf'
print(list(safe([1, 0, 5])))
