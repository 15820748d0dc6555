# while loops with break, continue and else.
def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps

print([collatz(n) for n in range(1, 12)])
i = 0
while True:
    i += 1
    if i % 2:
        continue
    if i > 8:
        break
    print('even', i)
n = 3
while n > 0:
    n -= 1
else:
    print('else ran', n)
