"""Exporters: pure functions of annotations (and documents, tags) to text or bytes."""
