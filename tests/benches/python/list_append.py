# list.append per iteration (the list grows to N items).
N = 1000


def work(n):
    items = []
    for i in range(n):
        items.append(i)
    return items


assert len(work(N)) == N
