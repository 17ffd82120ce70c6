"""Scheduled work inside the app, without cron: a lease row per job in the database decides which worker runs it."""
