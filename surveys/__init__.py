"""Surveys: questionnaires, audiences, invitation codes, anonymous responses, staff entry of paper answers."""
