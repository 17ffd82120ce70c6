"""Generic moderation of any contribution, over (content type, content id, municipality)."""
