"""The domain of tui-reader: documents, anchoring, the annotation store, search, export.

Nothing in this package imports Textual (tests/test_import_hygiene.py enforces it).
"""
