# and/or/not, short-circuiting and truthiness.
def t(name, v):
    print('eval', name)
    return v

print(t('a', 0) and t('b', 1))
print(t('a', 1) and t('b', 2))
print(t('a', 0) or t('b', 3))
print(t('a', 4) or t('b', 5))
print(not 0, not [], not [0], not '', not 'x', not None)
for v in (0, 1, -1, '', 'a', [], [1], (), {}, None, 0.0, 0.5):
    print(repr(v), bool(v))
