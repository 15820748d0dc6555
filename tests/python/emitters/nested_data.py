# Nested lists, dicts and tuples.
data = {'points': [(1, 2), (3, 4)], 'meta': {'n': 2, 'tags': ['a', 'b']}}
print(data['points'][1][0], data['meta']['tags'][-1], len(data['meta']))
data['points'].append((5, 6))
data['meta']['n'] += 1
print(sum(x for x, y in data['points']), data['meta']['n'])
grid = [[0] * 3 for _ in range(3)]
for i in range(3):
    grid[i][i] = 1
print(grid)
matrix = [[1, 2], [3, 4]]
print([[sum(a * b for a, b in zip(r, c)) for c in zip(*matrix)] for r in matrix])
