def make():
    seen = []
    count = 0
    def gen(items):
        nonlocal count
        for it in items:
            count += 1
            seen.append(it)
            yield it * 2
    def stats():
        return count, seen
    return gen, stats

gen, stats = make()
print(list(gen([1, 2])), stats())
g = gen("ab")
print(next(g), stats())
print(list(g), stats())
