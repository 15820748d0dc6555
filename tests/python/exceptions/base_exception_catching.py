def run(exc):
    try:
        try:
            raise exc
        except Exception:
            return "Exception caught " + type(exc).__name__
    except BaseException as b:
        return "only BaseException caught " + type(b).__name__

for exc in (ValueError(), KeyboardInterrupt(), SystemExit(3), GeneratorExit(), StopIteration()):
    print(run(exc))
try:
    raise SystemExit(5)
except SystemExit as s:
    print("SystemExit args", s.args)
try:
    raise
except RuntimeError as e:
    print("bare raise with nothing active:", type(e).__name__, e)
