class Item:
    def __repr__(self):
        return "Item"
nested = [1, "two", (3, "four"), [Item(), None], {"k": b"v"}, True]
print(nested)
print(str(nested) == repr(nested))
print(repr("quote'd"), ["quote'd", 'dq"'], ('single',))
print([[]], [()], [{}], (set(),), [b""], [bytearray()])
print({"key": [1, {"inner": (2,)}]})
