# String operations and formatting.
s = 'Hello, World'
print(s.upper(), s.lower(), s.split(', '), s.replace('l', 'L'), s.find('o'), s[1:4])
print('-'.join(['a', 'b', 'c']), '  x '.strip(), 'a,b,,c'.split(','), s.startswith('Hell'))
print('%d items at %s: %5.2f' % (3, 'shop', 2.5), '{} and {}'.format(1, 'two'), '{:>6}|{:<4}|'.format('r', 'l'))
name, n = 'cy', 7
print(f'{name}-{n * 2}-{n:03d}', str(123) + '4', int('77') + 1, repr('q'))
acc = ''
for i in range(5):
    acc += str(i)
print(acc, len(acc), 'ab' * 3, 'b' in 'abc')
