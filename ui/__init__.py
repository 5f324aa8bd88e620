"""The PySide6 surfaces of Promptly."""
