n = 0
total = 0
while n < 10:
    n += 1
    if n % 2 == 0:
        continue
    total += n
print(total)
i = 0
while True:
    i += 1
    if i == 7:
        break
print(i)
k = 3
while k > 0:
    k -= 1
else:
    print("else ran", k)
k = 3
while k > 0:
    k -= 1
    if k == 1:
        break
else:
    print("not printed")
print("k", k)
a, b = 0, 1
fib = []
while a < 100:
    fib.append(a)
    a, b = b, a + b
print(fib)
