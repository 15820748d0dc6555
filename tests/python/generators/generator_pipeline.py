def numbers(limit):
    n = 0
    while n < limit:
        yield n
        n += 1

def evens(src):
    for v in src:
        if v % 2 == 0:
            yield v

def squared(src):
    for v in src:
        yield v * v

def running_total(src):
    total = 0
    for v in src:
        total += v
        yield total

print(list(running_total(squared(evens(numbers(12))))))
def batched(src, n):
    batch = []
    for v in src:
        batch.append(v)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch
print(list(batched(numbers(7), 3)))
