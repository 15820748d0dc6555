print(repr("42".center(6)), repr("abc".center(2)), repr("x".center(4)))
print(repr("ab".center(5)), repr("{:>5}".format("toolong")))
print(repr("{:>6}".format("r")), repr("{:<6}|".format("l")), repr("{:^7}".format("c")))
print(repr("{:*^9}".format("mid")), repr("{:0>4}".format(7)))
