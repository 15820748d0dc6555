# Functions with int annotations, written so that every emitter (viper too) compiles them.
def add(a: int, b: int) -> int:
    return a + b

def scale(x: int, k: int) -> int:
    r = x * k
    return r - 1

def clamp(x: int, lo: int, hi: int) -> int:
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x

def gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a

print(add(2, 3), add(-10, 4), scale(7, 6), clamp(-5, 0, 9), clamp(50, 0, 9), clamp(4, 0, 9))
print(gcd(1071, 462), gcd(17, 5), gcd(100, 75))
