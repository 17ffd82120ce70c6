"""Participation: consultations, phases, proposals, comments, votes, official answers and results."""
