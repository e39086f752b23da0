"""The core: pure Python, never imports Qt. Money, model, derivation, checks, outputs."""
