class Node:
    def __init__(self, val, nxt=None):
        self.val = val
        self.nxt = nxt

head = None
for v in range(5):
    head = Node(v, head)
out = []
n = head
while n:
    out.append(n.val)
    n = n.nxt
print(out)
a = Node(1)
b = Node(1)
print(a == b, a is b, a == a, a != b)
class WithEq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, WithEq) and self.v == o.v
print(WithEq(1) == WithEq(1), WithEq(1) == 1, WithEq(1) in [WithEq(0), WithEq(1)])
