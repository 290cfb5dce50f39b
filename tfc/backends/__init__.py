"""Backends: ways to execute IR (the reference interpreter) and to generate code from it."""
