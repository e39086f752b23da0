"""Frozen entry point of `juesuan` (the command line), for packaging/juesuan.spec."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
