# try/except/else/finally and exception matching.
def div(a, b):
    try:
        r = a // b
    except ZeroDivisionError:
        print('div by zero')
        return None
    else:
        print('ok')
        return r
    finally:
        print('finally')

print(div(7, 2), div(1, 0))
for exc in (KeyError('k'), IndexError('i'), ValueError('v'), TypeError('t')):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        print('lookup', type(e).__name__, e)
    except Exception as e:
        print('other', type(e).__name__, e)
try:
    [][1]
except LookupError as e:
    print('LookupError caught', e)
