"""Frozen entry point of `juesuan-gui` (the desktop app), for packaging/juesuan.spec."""

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
