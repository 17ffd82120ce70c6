"""Accounts: registration, e-mail verification, login, password reset, data export and deletion."""
