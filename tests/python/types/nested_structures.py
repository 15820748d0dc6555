inventory = {
    "fruit": [("apple", 3), ("pear", 0)],
    "veg": [("leek", 2)],
}
for cat in sorted(inventory):
    for name, qty in inventory[cat]:
        print(cat, name, qty, "in stock" if qty else "out")
totals = {cat: sum(q for _, q in items) for cat, items in inventory.items()}
print(sorted(totals.items()))
tree = ["root", [["a", []], ["b", [["c", []]]]]]
def depth(node):
    name, kids = node
    return 1 + max([depth(k) for k in kids], default=0)
print(depth(tree))
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [row[::-1] for row in matrix], list(zip(*matrix)))
