"""The Mängelmelder: categories, defect reports, photos, status workflow, routing and Open311 mapping."""
