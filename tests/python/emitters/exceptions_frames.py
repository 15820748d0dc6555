# Exceptions raised deep in a call chain and caught further up.
def level3(x):
    if x < 0:
        raise ValueError('negative: %d' % x)
    return x

def level2(x):
    return level3(x) * 2

def level1(x):
    try:
        return level2(x)
    finally:
        print('level1 cleanup', x)

for v in (3, -1):
    try:
        print('result', level1(v))
    except ValueError as e:
        print('caught', e)
def reraise():
    try:
        level3(-5)
    except ValueError:
        print('reraising')
        raise
try:
    reraise()
except ValueError as e:
    print('outer', e.args)
