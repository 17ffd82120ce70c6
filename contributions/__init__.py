"""What every contribution needs, written once below the content packages (proposals, defects, surveys).

Keyed by (content type, content id) the way `moderation` is: photos attached to a contribution, following
and notification preferences, the person asking (the actor), paging, and the registry of content types.
Content packages opt in; they never import each other.
"""
