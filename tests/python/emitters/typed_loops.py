# Loops over int ranges with int annotations, compiled by every emitter (viper too).
def tri(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s

def countdown(n: int) -> int:
    s = 0
    for i in range(n, 0, -1):
        s = s * 3 + i
    return s

def collatz(n: int) -> int:
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps

def first_square_over(limit: int) -> int:
    i = 0
    while True:
        i += 1
        if i * i > limit:
            break
    return i

print(tri(10), tri(100), countdown(6), collatz(27), first_square_over(1000))
