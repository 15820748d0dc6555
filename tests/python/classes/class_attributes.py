class Config:
    defaults = {"a": 1}
    items = []
    def add(self, x):
        self.items.append(x)

c1 = Config()
c2 = Config()
c1.add(1)
c2.add(2)
print(Config.items, c1.items is c2.items)
c1.items = ["own"]
print(c1.items, c2.items, Config.items)
print(hasattr(Config, "add"), hasattr(c1, "defaults"), "defaults" in Config.__dict__)
print(sorted(k for k in c1.__dict__))
class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.id = Counter.total
objs = [Counter() for _ in range(3)]
print([o.id for o in objs], Counter.total)
