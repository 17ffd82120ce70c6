"""Benchmarks run by `just bench`."""
