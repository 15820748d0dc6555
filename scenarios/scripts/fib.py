# Iterative Fibonacci: prints each tenth term, then the sum of the first 90 terms.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


for n in range(0, 50, 10):
    print(n, fib(n))
print("sum", sum(fib(n) for n in range(90)))
