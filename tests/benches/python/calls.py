# A call to a two-argument function per iteration.
N = 1000


def add(a, b):
    return a + b


def work(n):
    acc = 0
    for i in range(n):
        acc = add(acc, i)
    return acc


assert work(N) * 2 == N * (N - 1)
