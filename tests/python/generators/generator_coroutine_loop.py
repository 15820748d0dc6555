def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total // count

a = averager()
next(a)
for v in (10, 20, 60, 2):
    print(a.send(v))
def grep(pattern):
    hits = []
    try:
        while True:
            line = yield
            if pattern in line:
                hits.append(line)
    except GeneratorExit:
        print("closing, hits:", hits)
g = grep("py")
next(g)
for line in ("python", "rust", "mpy-cross", "c"):
    g.send(line)
g.close()
