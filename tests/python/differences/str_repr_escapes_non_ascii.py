# repr() of a str escapes every non-ASCII character: \xNN below 0x100, \uNNNN above
# (CPython prints printable characters as they are). print() of the str itself is unchanged.
s = "café ☺ ñ"
print(s)
print(repr(s), [s], ("é",))
print(repr(chr(0xff)), repr(chr(0x100)), repr("\U0001F600"))
