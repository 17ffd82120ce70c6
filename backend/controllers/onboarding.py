"""The back office's start page: the onboarding checklist (admins only)."""

from __future__ import annotations

from litestar import Controller, get

from backend import onboarding
from backend.auth import requires_role
from backend.dependencies import MunicipalityDep
from backend.onboarding import ChecklistOut
from geo.roles import Role


class OnboardingController(Controller):
    path = "/api/v1/municipalities/{slug:str}/admin"
    tags = ["municipalities"]

    @get(
        "/checklist",
        operation_id="getOnboardingChecklist",
        guards=[requires_role(Role.ADMIN)],
        summary="What this municipality still lacks before it runs by itself (profile contact, the four legal "
        "pages, a department with a real address, every category routed, staff, district shapes), each item "
        "naming its back-office section, and whether the municipality is publicly listed yet",
    )
    async def checklist(self, municipality: MunicipalityDep) -> ChecklistOut:
        return await onboarding.checklist(municipality)
