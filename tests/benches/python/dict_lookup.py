# A lookup by string key in a small dict per iteration.
N = 1000


def work(n):
    table = {"red": 1, "green": 2, "blue": 3, "alpha": 4}
    acc = 0
    for i in range(n):
        acc += table["blue"]
    return acc


assert work(N) == 3 * N
