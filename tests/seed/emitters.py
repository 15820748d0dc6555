# Seed, "The Native code emitter" and "The Viper code emitter": the tutorial's `foo`
# fragments as methods, their `# code` filled in with a little work on the cached buffer.
import micropython


class Line:
    def __init__(self):
        self.linebuf = bytearray(range(40))

    @micropython.native
    def foo(self, arg):
        buf = self.linebuf # Cached object
        # code
        return buf[arg] + arg

    @micropython.viper
    def vfoo(self, arg: int) -> int:
        # code
        return arg * 2

    @micropython.viper
    def pfoo(self, arg: int) -> int:
        buf = ptr8(self.linebuf) # self.linebuf is a bytearray or bytes object
        total = 0
        for x in range(20, 30):
            bar = buf[x] # Access a data item through the pointer
            # code omitted
            total += bar
        return total + arg


line = Line()
print(line.foo(5), line.vfoo(21), line.pfoo(1000))
