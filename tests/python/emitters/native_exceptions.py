# Exceptions crossing native frames in both directions.
import micropython

def bc_raise(x):
    if x > 2:
        raise ValueError('too big: %d' % x)
    return x

@micropython.native
def nat_catch(x):
    try:
        return bc_raise(x)
    except ValueError as e:
        return 'native caught ' + str(e)

@micropython.native
def nat_raise(x):
    if x < 0:
        raise KeyError(x)
    return -x

@micropython.native
def nat_finally(x):
    try:
        return nat_raise(x)
    finally:
        print('native finally', x)

print(nat_catch(1), nat_catch(5))
for v in (3, -4):
    try:
        print(nat_finally(v))
    except KeyError as e:
        print('bytecode caught KeyError', e)
