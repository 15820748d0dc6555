print("partial line without newline", end="")
raise RuntimeError("after partial output")
