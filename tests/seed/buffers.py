# Seed, "Arrays": slicing a bytearray copies (an allocation the size of the slice); a
# memoryview slice points into the same memory (a small fixed-size object).
import gc


def func(buf):
    buf[0] = 0xAA
    return len(buf)


# The module's globals exist before measuring, so that no dict grows in between.
mv = copy_cost = view_cost = before = None
ba = bytearray(10000)  # big array
gc.collect()
before = gc.mem_alloc()
func(ba[30:2000])      # a copy is passed, ~2K new allocation
copy_cost = gc.mem_alloc() - before
print(ba[30], copy_cost >= 1970)
gc.collect()
before = gc.mem_alloc()
mv = memoryview(ba)    # small object is allocated
func(mv[30:2000])      # a pointer to memory is passed
view_cost = gc.mem_alloc() - before
print(ba[30] == 0xAA, view_cost, copy_cost)
