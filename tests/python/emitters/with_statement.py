# with: context managers, exceptions inside, suppression.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, t, v, tb):
        print('exit', self.name, t.__name__ if t else None)
        return self.suppress

with CM('a') as x:
    print('inside', x)
with CM('b', True):
    raise ValueError('hidden')
try:
    with CM('c'):
        raise KeyError('shown')
except KeyError as e:
    print('caught', e)
def early():
    with CM('d'):
        return 'returned'
print(early())
with CM('e') as p, CM('f') as q:
    print(p, q)
