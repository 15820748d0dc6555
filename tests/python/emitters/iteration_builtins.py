# enumerate, zip, map, filter, reversed, sorted, iter/next.
xs = ['a', 'b', 'c']
print(list(enumerate(xs)), list(enumerate(xs, 1)))
print(list(zip(xs, range(5))), list(zip()), list(map(str.upper, xs)))
print(list(filter(None, [0, 1, '', 'x', None])), list(reversed(xs)), sorted('cab', reverse=True))
it = iter([1, 2])
print(next(it), next(it), next(it, 'end'))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
