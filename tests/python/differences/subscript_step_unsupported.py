# Slices with a step other than 1 work on lists, but not on tuple/str/bytes reads,
# nor on list slice assignment or deletion.
print([0, 1, 2, 3, 4][::2], [0, 1, 2][::-1])
def attempt(label, fn):
    try:
        print(label, fn())
    except NotImplementedError as e:
        print(label, "NotImplementedError:", e)

attempt("tuple", lambda: (0, 1, 2, 3)[::2])
attempt("str", lambda: "abcdef"[::2])
attempt("bytes", lambda: b"abcdef"[1::2])
l = [0, 1, 2, 3, 4, 5]
def store():
    l[::2] = [9, 9, 9]
    return l
def delete():
    del l[::2]
    return l
attempt("store", store)
attempt("delete", delete)
