# The loop alone: what every other microbenchmark's figure includes.
N = 1000


def work(n):
    for i in range(n):
        pass
    return i


assert work(N) == N - 1
