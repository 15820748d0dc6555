class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children
    def walk(self):
        yield self.value
        for c in self.children:
            yield from c.walk()
    def __iter__(self):
        return self.walk()

t = Tree(1, Tree(2, Tree(4)), Tree(3))
print(list(t.walk()))
print([v * 10 for v in t])
print(sorted(t, reverse=True))
