def work():
    try:
        return int("nope")
    except ValueError:
        print("logging the failure")
        raise

work()
