print([x * 2 for x in range(5)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in "ab"])
print([[j for j in range(i)] for i in range(4)])
print({x % 3 for x in range(10)} == {0, 1, 2})
print(sorted({k: v for k, v in [(1, "a"), (2, "b")]}.items()))
print(sorted({n: n ** 2 for n in range(5) if n % 2}.items()))
print([c for c in "hello" if c not in "aeiou"])
m = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in m] for i in range(3)])
print([y for row in m for y in row if y > 2])
x = "outer"
print([x for x in range(3)], x)
n = 10
print([i + n for i in range(3)])
def f():
    k = 5
    return [i * k for i in range(3)]
print(f())
print(sorted({w: len(w) for w in ["aa", "b", "cccc"]}.items()))
