import sys
print(sys.implementation.name)
print(sys.byteorder, sys.maxsize, sys.argv)
print(sys.version_info[0], type(sys.version).__name__)
sys.stdout.write("written with sys.stdout.write\n")
print("stdout" in dir(sys), "exit" in dir(sys))
