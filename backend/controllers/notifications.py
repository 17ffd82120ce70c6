"""How a person hears of what they follow (at once, daily digest, or not at all), and unsubscribing by link."""

from __future__ import annotations

from litestar import Controller, get, post, put
from litestar.params import JSONBody

from backend.auth import public, requires_login
from backend.dependencies import ActorDep, SettingsDep
from proposals import services
from proposals.schemas import Done, NotifySettingIn, TokenIn


class NotificationController(Controller):
    path = "/api/v1/me/notifications"
    tags = ["proposals"]
    guards = [requires_login]

    @get("/", operation_id="getNotificationSetting", summary="How I get news of what I follow")
    async def get_setting(self, actor: ActorDep) -> NotifySettingIn:
        return NotifySettingIn(mode=await services.mode_of(actor.id))  # type: ignore[arg-type]

    @put("/", operation_id="setNotificationSetting", summary="Each at once, as a daily digest, or off")
    async def set_setting(self, actor: ActorDep, data: JSONBody[NotifySettingIn]) -> NotifySettingIn:
        await services.set_mode(actor.id, data.mode)
        return data


class UnsubscribeController(Controller):
    path = "/api/v1/unsubscribe"
    tags = ["proposals"]
    guards = [public]

    @post("/", operation_id="unsubscribe", status_code=200, summary="One-click unsubscribe with the mailed token")
    async def unsubscribe(self, settings: SettingsDep, data: JSONBody[TokenIn]) -> Done:
        kind = await services.unsubscribe(settings.secret_key, data.token)
        if kind == "all":
            return Done(
                detail_de="Sie bekommen keine E-Mails der Bürgerbeteiligung mehr.",
                detail_en="You will no longer receive mail from citizen participation.",
            )
        return Done(
            detail_de="Sie bekommen hierzu keine E-Mails mehr.", detail_en="You will no longer receive mail about this."
        )
