print("%d %i %s %r" % (42, -7, "str", "str"))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %o %#x %#o %08x" % (255, 255, 8, 255, 8, 3054))
print("%c%c" % (72, "i"), "%%", "%s" % [1, 2], "%s" % (("tuple",),))
print("%10s|%-10s|%.2s" % ("right", "left", "truncate"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("%d" % 2 ** 70, "%x" % 2 ** 70, "%s" % None)
print("single %s" % "arg", "%s-%s" % ("a", "b"))
try:
    "%d %d" % (1,)
except TypeError as e:
    print("TypeError:", e)
try:
    "%d" % (1, 2)
except TypeError as e:
    print("TypeError:", e)
print("%*d" % (6, 12), "%-*d|" % (4, 3))
