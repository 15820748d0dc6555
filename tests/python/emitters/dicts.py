# Dicts: lookups, updates and views (printed sorted).
d = {'a': 1, 'b': 2}
d['c'] = 3
d.update({'a': 10}, z=26)
print(sorted(d.items()), d.get('q'), d.get('q', 0), d['a'])
print(d.setdefault('n', []), d.pop('b'), sorted(d), len(d))
try:
    d['missing']
except KeyError as e:
    print('KeyError', e)
counts = {}
for ch in 'hello world':
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items()))
print('a' in d, 'b' in d, sorted(d.values(), key=str))
