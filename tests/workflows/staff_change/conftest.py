"""Fixtures shared by flow tests live in tests/workflows/conftest.py."""
