# str.center puts the odd padding character on the right.
for w in (4, 5, 6, 7):
    print(repr("ab".center(w)), repr("abc".center(w)))
