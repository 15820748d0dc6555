# Exceptions inside loops, with continue and break in handlers.
results = []
for x in [1, 0, 'a', 4, None, 2]:
    try:
        results.append(12 // x)
    except ZeroDivisionError:
        results.append('zero')
        continue
    except TypeError:
        results.append('type')
        if x is None:
            break
    finally:
        results.append('|')
print(results)
n = 0
while True:
    try:
        n += 1
        if n == 3:
            raise StopIteration
    except StopIteration:
        break
print(n)
