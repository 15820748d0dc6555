print("%s" % "only", "%s" % ("tuple1",), "%s" % [1], "%r" % ("x",))
print("%3d%%" % 50, "%-4s|" % "a", "%.3s" % "abcdef", "%5.2s|" % "abc")
print("%c" % 10 == "\n", "%o" % 64, "%#x" % 0, "%d" % True, "%s" % b"bytes")
print("%(a)s-%(b)04d" % {"a": "x", "b": 7}, "%i" % -0)
print("%s %s" % ("a", "b"), "%%d" % (), "no args" % ())
try:
    "%z" % 1
except ValueError as e:
    print("ValueError:", e)
try:
    "%(k)s" % 5
except TypeError as e:
    print("TypeError:", e)
