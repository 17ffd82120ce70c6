"""How a person hears of what they follow (at once, daily digest, or not at all), and unsubscribing by link."""

from __future__ import annotations

from litestar import Controller, get, post, put
from litestar.params import JSONBody

from backend.auth import public, requires_login
from backend.dependencies import ActorDep, SettingsDep
from contributions import notifications
from contributions.schemas import NotificationPreference, Unsubscribed, UnsubscribeIn


class NotificationController(Controller):
    path = "/api/v1/me/notifications"
    tags = ["notifications"]
    guards = [requires_login]

    @get("/", operation_id="getNotificationSetting", summary="How I get news of what I follow")
    async def get_setting(self, actor: ActorDep) -> NotificationPreference:
        return NotificationPreference(mode=await notifications.mode_of(actor.id))  # type: ignore[arg-type]

    @put("/", operation_id="setNotificationSetting", summary="Each at once, as a daily digest, or off")
    async def set_setting(self, actor: ActorDep, data: JSONBody[NotificationPreference]) -> NotificationPreference:
        await notifications.set_mode(actor.id, data.mode)
        return data


class UnsubscribeController(Controller):
    path = "/api/v1/unsubscribe"
    tags = ["notifications"]
    guards = [public]

    @post(
        "/",
        operation_id="unsubscribe",
        status_code=200,
        summary="One-click unsubscribe with the mailed token: from one followed thing, or from all mail",
    )
    async def unsubscribe(self, settings: SettingsDep, data: JSONBody[UnsubscribeIn]) -> Unsubscribed:
        if await notifications.unsubscribe(settings.secret_key, data.token) == notifications.ALL:
            return Unsubscribed(
                detail_de="Sie bekommen keine Benachrichtigungen per E-Mail mehr.",
                detail_en="You will no longer receive notifications by e-mail.",
            )
        return Unsubscribed(
            detail_de="Sie bekommen hierzu keine E-Mails mehr.", detail_en="You will no longer receive mail about this."
        )
