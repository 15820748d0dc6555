# Nested loops with break/continue and flags.
def find(grid, target):
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v == target:
                return i, j
    return None

grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(find(grid, 6), find(grid, 10))
primes = []
for n in range(2, 40):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        primes.append(n)
print(primes)
count = 0
for i in range(5):
    for j in range(5):
        if (i + j) % 2:
            continue
        count += 1
print(count)
