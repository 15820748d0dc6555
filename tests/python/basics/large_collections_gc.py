# Enough allocation to make a small heap collect several times; the results stay the same.
import gc

rows = []
for i in range(200):
    rows.append([i] * 10)
print(len(rows), sum(r[0] for r in rows))
for round_no in range(5):
    tmp = [str(i) * 3 for i in range(300)]
    tmp2 = {i: (i, i * 2) for i in range(200)}
    del tmp, tmp2
gc.collect()
s = ""
for i in range(200):
    s += chr(65 + i % 26)
print(len(s), s[:30])
keep = [bytearray(64) for _ in range(50)]
print(len(keep), sum(len(b) for b in keep))
big = 1
for i in range(200):
    big = big * 3 + i
print(big % 1000000007, len(str(big)))
