csv = "name,age,city\nann,30,oslo\nbob,25,rome"
rows = [line.split(",") for line in csv.split("\n")]
print(rows)
header, *body = rows
for r in body:
    print(" | ".join(h + "=" + v for h, v in zip(header, r)))
print("\n".join(",".join(r) for r in rows) == csv)
words = "  the   quick brown   fox  ".split()
print(words, " ".join(words), "-".join(reversed(words)))
print("a::b::c".split("::"), "::".join(["x", "", "y"]).split("::"))
