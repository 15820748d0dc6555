# array errors and edge cases, with MicroPython's messages.
from array import array
a = array('B', [1, 2, 3])
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, repr(e.args))
t(lambda: 1 in a)
t(lambda: b'\x01' in a)
t(lambda: a < array('B', [1, 3]))
t(lambda: array('b', [1]) < array('b', [2]))
t(lambda: array('b', [1]) == array('B', [1]))
t(lambda: array('f', [1]) == array('f', [1]))
t(lambda: array('h', [1]) == array('i', [1]))
t(lambda: a + b'\x09')
t(lambda: a + [1])
def d():
    del a[0]
t(d)
def s():
    a[0:1] = [5]
t(s)
def s2():
    a[0:1] = array('h', [5])
t(s2)
def s3():
    a[::2] = array('B', [5, 6])
t(s3)
t(lambda: array('h', b'\x01\x00\x02'))
t(lambda: array('h', 5))
t(lambda: array(5))
t(lambda: array('hh'))
t(lambda: array())
t(lambda: array('b', [1], 2))
t(lambda: memoryview(array('h', [1, 2]))[1:][0])
t(lambda: len(memoryview(array('i', [1, 2, 3]))))
def m():
    mv = memoryview(array('h', [1, 2]))
    mv[0] = 70000
    return mv[0], mv.obj if hasattr(mv, 'obj') else None
t(m)
t(lambda: hash(array('b')))
t(lambda: array('b', [1]) * 2)
t(lambda: list(reversed(array('b', [1, 2]))))
t(lambda: array('b', [1, 2]).tolist() if hasattr(array, 'tolist') else 'no tolist')
