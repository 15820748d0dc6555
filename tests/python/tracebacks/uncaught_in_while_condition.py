# MicroPython documents that an exception in a while-loop condition may report an
# unexpected line number; the runtime must report the same one.
flags = ["-a", "-b"]
i = 0
while flags[i][0] == "-":
    print("flag", flags[i])
    i += 1
