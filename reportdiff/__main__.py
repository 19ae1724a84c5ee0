"""``python -m reportdiff``."""

from reportdiff.cli import main

if __name__ == "__main__":
    main()
