# finally with return, break and continue.
def f():
    try:
        return 'try'
    finally:
        print('finally runs')

def g():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print('body', i)
        finally:
            print('fin', i)
    return i

def h():
    try:
        raise KeyError('x')
    finally:
        return 'swallowed'

print(f(), g(), h())
