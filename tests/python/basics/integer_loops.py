total = 0
for i in range(1000):
    total += i * i
print(total)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print(steps)
primes = []
for c in range(2, 60):
    for p in primes:
        if c % p == 0:
            break
    else:
        primes.append(c)
print(primes)
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(1071, 462), gcd(2 ** 40, 6 ** 10))
acc = 1
for i in range(1, 20):
    acc = (acc * 31 + i) % 1000003
print(acc)
