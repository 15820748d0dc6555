class Stack(list):
    def push(self, v):
        self.append(v)
        return self
    def peek(self):
        return self[-1]

s = Stack()
s.push(1).push(2).push(3)
print(s, len(s), s.peek(), s.pop(), s, isinstance(s, list))
class DefaultDict(dict):
    def __init__(self, default):
        super().__init__()
        self.default = default
    def get_or_default(self, k):
        return self[k] if k in self else self.default
d = DefaultDict(0)
d["a"] = 5
print(d.get_or_default("a"), d.get_or_default("b"), len(d), isinstance(d, dict))
