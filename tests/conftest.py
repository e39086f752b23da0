"""Test-wide setup: Qt runs offscreen (no display needed) unless told otherwise."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
