from .cli import main

if __name__ == "__main__":  # not in the child processes that render handouts (they import this module)
    raise SystemExit(main())
