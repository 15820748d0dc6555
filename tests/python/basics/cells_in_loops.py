def make_callbacks():
    cbs = []
    for i in range(3):
        def cb(i=i):
            return i * 10
        cbs.append(cb)
    return cbs

print([cb() for cb in make_callbacks()])

def late_binding():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return [f() for f in fns]

print(late_binding())

def shared_cell():
    value = 0
    def get():
        return value
    def set(v):
        nonlocal value
        value = v
    return get, set

get, set_ = shared_cell()
print(get())
set_(5)
print(get())
def nested_counter():
    count = 0
    def outer_inc():
        def inner_inc():
            nonlocal count
            count += 1
        inner_inc()
        inner_inc()
        return count
    return outer_inc
inc = nested_counter()
print(inc(), inc())
