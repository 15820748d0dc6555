# Integer arithmetic on locals in a `for` loop.
N = 1000


def work(n):
    acc = 0
    for i in range(n):
        acc += i * 3 + 1
    return acc


assert work(N) * 2 == N * (3 * N - 1)
