# with statements and try/finally inside native code.
import micropython

class CM:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        print('enter', self.tag)
        return self
    def __exit__(self, *exc):
        print('exit', self.tag, exc[0] is not None)
        return self.tag == 'swallow'

@micropython.native
def run():
    with CM('plain') as c:
        print('in', c.tag)
    with CM('swallow'):
        raise ValueError('x')
    try:
        with CM('raise'):
            raise KeyError('k')
    except KeyError:
        print('caught after exit')
    for i in range(3):
        try:
            if i == 1:
                continue
            print('loop', i)
        finally:
            print('fin', i)
    return 'done'

print(run())
