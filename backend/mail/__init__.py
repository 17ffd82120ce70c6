"""Outgoing e-mail: queued in the database inside the domain transaction, delivered after commit."""
