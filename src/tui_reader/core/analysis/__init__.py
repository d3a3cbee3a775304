"""Asking the codes questions: attributes of documents, the query language, reports, coverage.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""
