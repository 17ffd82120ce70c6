"""The territory: municipalities (tenants), boundaries, districts, roles, points, bboxes and GeoJSON.

`geo` is the root of the domain packages: it imports no other one, and it holds the small shared
kernel every domain needs (`errors.DomainError`, the `ports` the web shell provides).
"""
