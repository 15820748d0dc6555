def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1

print(list(count_up(5)))
g = count_up(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print("done")
def lazy():
    print("started")
    yield 1
    print("resumed")
    yield 2
    print("finishing")
g = lazy()
print("created")
for v in g:
    print("got", v)
print(sum(count_up(101)))
def empty():
    return
    yield
print(list(empty()))
