"""run.py: runs the HTTP scenario tests (tests/http/test_*.py) against a running stack.
    python3 tests/http/run.py BASE_URL VAR ROOT [name-filter]
Each test function gets the Stack after Stack.reset(); one line per test: "ok - name" or
"not ok - name: reason". Exit status 1 when any test failed."""
import importlib.util
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from portaltest import Stack  # noqa: E402


def main():
    base, var, root = sys.argv[1:4]
    only = sys.argv[4] if len(sys.argv) > 4 else ""
    stack = Stack(base, var, root)
    here = os.path.dirname(os.path.abspath(__file__))
    failed = passed = 0
    for fname in sorted(os.listdir(here)):
        if not (fname.startswith("test_") and fname.endswith(".py")):
            continue
        spec = importlib.util.spec_from_file_location(fname[:-3], os.path.join(here, fname))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for name in sorted(n for n in dir(mod) if n.startswith("test_")):
            full = "%s.%s" % (fname[:-3], name)
            if only and only not in full:
                continue
            try:
                stack.reset()
                getattr(mod, name)(stack)
                print("ok - http %s" % full, flush=True)
                passed += 1
            except Exception as e:  # a failed assertion or an unexpected error: both fail the test
                failed += 1
                detail = "".join(traceback.format_exception_only(type(e), e)).strip().replace("\n", " | ")
                print("not ok - http %s: %s" % (full, detail[:600]), flush=True)
                tb = traceback.extract_tb(e.__traceback__)
                if tb:
                    print("#   at %s:%d" % (os.path.basename(tb[-1].filename), tb[-1].lineno), flush=True)
    stack.reset()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
