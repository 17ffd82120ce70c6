"""Uploaded photos: intake (type sniffed from bytes, re-encoded, metadata stripped), storage, redaction.

Shared by defects, proposals and moderation, and importing none of them.
"""
