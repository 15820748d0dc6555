def gen(n):
    for i in range(n):
        yield i

print(sum(gen(5)), max(gen(5)), min(gen(5)), sorted(gen(3), reverse=True))
print(list(zip(gen(3), gen(10))), list(enumerate(gen(2), 1)))
print(any(gen(1)), all(gen(0)), list(map(str, gen(3))), list(filter(None, gen(4))))
print(tuple(gen(3)), list(reversed(list(gen(3)))), set(gen(3)) == {0, 1, 2})
print(sorted(dict((i, i) for i in gen(2)).items()), "".join(str(i) for i in gen(4)))
it = iter(gen(3))
print(next(it), list(it), list(it))
