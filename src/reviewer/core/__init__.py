"""The core: pure Python, never imports Qt (enforced by an import-linter contract)."""
