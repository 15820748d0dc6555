for v in (0, 7, -7, 255, 2 ** 40):
    print("{:d}|{:6d}|{:<6d}|{:^6d}|{:06d}|{:+d}|{: d}|{:x}|{:#o}|{:b}".format(v, v, v, v, v, v, v, v, v, v))
print("{:_>8}".format(42), "{:*<8}".format(42), "{:08}".format(-42), "{:=+8}".format(42))
print("{:c}".format(65), "{:X}".format(48879), "{:#X}".format(48879))
print("%5s|%-5s|%05d|%-+5d|%x" % ("ab", "ab", -12, 3, 2 ** 33))
