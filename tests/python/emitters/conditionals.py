# if/elif/else chains and conditional expressions.
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n % 2:
        return 'odd'
    else:
        return 'even'

print([classify(n) for n in (-3, 0, 1, 2)])
x = 7
print('big' if x > 5 else 'small', 'yes' if [] else 'no', x if x else -1)
if x > 3 and x < 10 or x == 100:
    print('in range')
if not (x == 7):
    print('never')
elif x is not None:
    print('not None')
