# Viper loops: range forms, break and continue, nested loops.
import micropython

@micropython.viper
def primes_below(n: int) -> int:
    count = 0
    for k in range(2, n):
        d = 2
        prime = True
        while d * d <= k:
            if k % d == 0:
                prime = False
                break
            d += 1
        if prime:
            count += 1
    return count

@micropython.viper
def odd_sum(n: int) -> int:
    s = 0
    for i in range(n):
        if i % 2 == 0:
            continue
        s += i
    return s

@micropython.viper
def countdown(n: int) -> int:
    s = 0
    for i in range(n, 0, -1):
        s = s * 2 + i
    return s

print(primes_below(100), odd_sum(20), countdown(5))
