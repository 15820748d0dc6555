# Seed, "Caching object references": the class as the tutorial writes it. Its __init__
# binds `ba` to a local, not to `self.ba` (as written), so bar() finds no attribute.
class foo(object):
    def __init__(self):
        ba = bytearray(100)
    def bar(self, obj_display):
        ba_ref = self.ba
        fb = obj_display.framebuffer
        # iterative code using these two objects


class Display:
    framebuffer = bytearray(16)


f = foo()
try:
    f.bar(Display())
except AttributeError as e:
    print("AttributeError:", e)
# With the attribute set, the method caches both references.
f.ba = bytearray(100)
print(f.bar(Display()))
