"""Tables of the shared contribution layer, keyed by (content_type, content_id) like moderation's."""
