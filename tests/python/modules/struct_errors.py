# struct's errors, with MicroPython's messages.
import struct

def attempt(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)

attempt(struct.calcsize, 'z')
attempt(struct.calcsize, '=i')
attempt(struct.pack, '<i', 1.5)
attempt(struct.pack, '<f', 'x')
attempt(struct.unpack, '<i', b'\x01\x02')
attempt(struct.unpack_from, '<h', b'\x01\x02', 1)
attempt(struct.unpack_from, '<h', b'\x01\x02', -3)
attempt(struct.pack_into, '<i', bytearray(2), 0, 1)
attempt(struct.pack_into, '<h', bytearray(4), 3, 1)
attempt(struct.pack, '<s', 5)
attempt(struct.pack, '<?', True)
