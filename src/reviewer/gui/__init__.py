"""The PySide6 desktop app: a thin adapter over the core."""
