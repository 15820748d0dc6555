def f(*args):
    return args

print(f(), f(1), f(1, 2, 3))

def g(a, *rest):
    print(a, rest)

g(1)
g(1, 2, 3)
nums = [4, 5, 6]
g(*nums)
g(0, *nums, 7)
g(*"ab", *(1, 2))

def h(a, b, c):
    return a * 100 + b * 10 + c

print(h(*[1, 2, 3]))
print(h(1, *(2, 3)))
print(h(*range(3)))
