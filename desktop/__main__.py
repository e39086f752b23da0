"""`python -m desktop` and the `juesuan-gui` entry point: the desktop application."""

from __future__ import annotations

import sys


def main() -> int:
    from desktop.ui.app import main as run

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
