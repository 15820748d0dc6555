# Two attribute loads and one attribute store on an instance per iteration.
N = 1000


class Counter:
    def __init__(self):
        self.total = 0
        self.step = 2


def work(n):
    c = Counter()
    for i in range(n):
        c.total = c.total + c.step
    return c.total


assert work(N) == 2 * N
