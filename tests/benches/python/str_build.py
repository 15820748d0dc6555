# Building a short string per iteration: str(), format and join (garbage for the collector).
N = 1000


def work(n):
    total = 0
    for i in range(n):
        line = ",".join(["x", str(i & 7), "{}".format(i & 3)])
        total += len(line)
    return total


assert work(N) == 5 * N
