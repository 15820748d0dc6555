def make_adder(n):
    def add(x):
        return x + n
    return add

add3 = make_adder(3)
add10 = make_adder(10)
print(add3(1), add10(1))

def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

c1 = counter()
c2 = counter()
print(c1(), c1(), c1(), c2())

def outer():
    x = 1
    def mid():
        def inner():
            return x * 2
        return inner
    x = 21
    return mid()()

print(outer())
fs = [lambda i=i: i * i for i in range(4)]
print([f() for f in fs])
gs = [lambda: i for i in range(3)]
print([g() for g in gs])
