"""Registration, e-mail verification, login, logout, password reset and the current account."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from litestar import Controller, Request, Response, get, patch, post
from litestar.background_tasks import BackgroundTask
from litestar.datastructures import Cookie
from litestar.params import JSONBody

from backend.accounts import privacy
from backend.accounts import services as accounts
from backend.accounts.backoff import LoginBackoff
from backend.accounts.schemas import (
    AccountDeletion,
    EmailChange,
    EmailOnly,
    Login,
    Me,
    MembershipOut,
    Notice,
    PasswordChange,
    PasswordReset,
    ProfileUpdate,
    RegistrationCreate,
    TokenOnly,
)
from backend.accounts.services import Account
from backend.auth import AUTH_COOKIE, end_session, public, requires_login, start_session
from backend.dependencies import AccountDep, MailerDep, RegistryDep, SettingsDep
from backend.paging import DEFAULT_LIMIT, CursorParam, LimitParam
from geo.paging import Page
from geo.tables import Membership
from legal import services as legal
from moderation import mine

SENT = Notice(
    detail_de="Wenn die Adresse stimmt, haben wir Ihnen eine E-Mail geschickt. Bitte sehen Sie in Ihr Postfach.",
    detail_en="If the address is right, we have sent you an e-mail. Please check your inbox.",
)


def auth_cookie(settings: SettingsDep, value: str, max_age: int | None = None) -> Cookie:
    return Cookie(
        key=AUTH_COOKIE,
        value=value,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
        max_age=max_age,
    )


async def me_of(account: Account) -> Me:
    rows = await Membership.select(Membership.municipality.slug, Membership.role).where(Membership.user == account.id)
    return Me(
        id=account.id,
        email=account.email,
        display_name=account.display_name,
        verified=account.verified,
        locale=account.locale,
        memberships=[MembershipOut(municipality=r["municipality.slug"], role=r["role"]) for r in rows],
    )


class AuthController(Controller):
    path = "/api/v1/auth"
    tags = ["accounts"]
    guards = [public]

    @post(
        "/register",
        operation_id="register",
        status_code=202,
        summary="Create an account; a confirmation link is mailed (same answer for known addresses)",
    )
    async def register(self, data: JSONBody[RegistrationCreate], settings: SettingsDep, mailer: MailerDep) -> Notice:
        terms = await legal.terms_to_accept(data.accept_terms, data.terms_of)  # refused before anything is stored
        await accounts.register(
            data.email,
            data.password,
            data.display_name,
            data.locale,
            mailer=mailer,
            base_url=settings.base_url,
            hashing=settings.password_hashing,
            on_created=legal.recorder(terms),
        )
        return SENT

    @post(
        "/verify",
        operation_id="verifyEmail",
        status_code=200,
        summary="Confirm an e-mail address with the mailed token",
    )
    async def verify(self, data: JSONBody[TokenOnly]) -> Notice:
        await accounts.verify_email(data.token)
        return Notice(
            detail_de="Danke! Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.",
            detail_en="Thank you! Your e-mail address is confirmed. You can log in now.",
        )

    @post(
        "/login",
        operation_id="login",
        status_code=200,
        summary="Log in with e-mail and password; after repeated failures for one address, 429 with Retry-After",
    )
    async def login(
        self, request: Request[Any, Any, Any], data: JSONBody[Login], settings: SettingsDep
    ) -> Response[Me]:
        backoff = LoginBackoff(request.app.stores.get("rate_limit"))
        user_id = await accounts.log_in(data.email, data.password, backoff=backoff, hashing=settings.password_hashing)
        account = await accounts.get_account(user_id)
        assert account is not None
        token = start_session(request, account)
        return Response(await me_of(account), cookies=[auth_cookie(settings, token, settings.session_max_age_seconds)])

    @post("/logout", operation_id="logout", status_code=204, guards=[requires_login], summary="End the session")
    async def logout(self, request: Request[Any, Any, Any], settings: SettingsDep) -> Response[None]:
        end_session(request)
        return Response(None, status_code=204, cookies=[auth_cookie(settings, "", 0)])

    @post(
        "/logout-everywhere",
        operation_id="logoutEverywhere",
        status_code=204,
        guards=[requires_login],
        summary="End every session of the logged-in person, on every device, this one included",
    )
    async def logout_everywhere(
        self, request: Request[Any, Any, Any], account: AccountDep, settings: SettingsDep
    ) -> Response[None]:
        await accounts.end_all_sessions(signed_in(account).id)
        end_session(request)
        return Response(None, status_code=204, cookies=[auth_cookie(settings, "", 0)])

    @post(
        "/email-change/confirm",
        operation_id="confirmEmailChange",
        status_code=200,
        summary="Open the link mailed to a new address: from now on the account uses it",
    )
    async def confirm_email_change(self, data: JSONBody[TokenOnly]) -> Notice:
        await accounts.confirm_email_change(data.token)
        return Notice(
            detail_de="Danke! Ihre neue E-Mail-Adresse gilt ab sofort.",
            detail_en="Thank you! Your new e-mail address is in effect now.",
        )

    @post(
        "/password-reset",
        operation_id="requestPasswordReset",
        status_code=202,
        summary="Mail a password reset link (same answer for unknown addresses)",
    )
    async def request_reset(
        self, data: JSONBody[EmailOnly], settings: SettingsDep, mailer: MailerDep
    ) -> Response[Notice]:
        # Answered before the address is looked up: a known address (token, mail) would otherwise take longer.
        work = BackgroundTask(accounts.request_password_reset, data.email, mailer=mailer, base_url=settings.base_url)
        return Response(SENT, status_code=202, background=work)

    @post(
        "/password-reset/confirm",
        operation_id="confirmPasswordReset",
        status_code=200,
        summary="Set a new password with the mailed token",
    )
    async def confirm_reset(self, data: JSONBody[PasswordReset], settings: SettingsDep) -> Notice:
        await accounts.reset_password(data.token, data.password, hashing=settings.password_hashing)
        return Notice(detail_de="Ihr neues Passwort gilt ab sofort.", detail_en="Your new password is in effect now.")


def signed_in(account: Account | None) -> Account:
    assert account is not None  # guaranteed by the requires_login guard
    return account


class MeController(Controller):
    path = "/api/v1/me"
    tags = ["accounts"]
    guards = [requires_login]

    @get("/", operation_id="getMe", summary="The logged-in account and its roles")
    async def me(self, account: AccountDep) -> Me:
        return await me_of(signed_in(account))

    @patch("/", operation_id="updateMe", summary="Change display name or language")
    async def update_me(self, account: AccountDep, data: JSONBody[ProfileUpdate]) -> Me:
        user = signed_in(account)
        await accounts.update_profile(user.id, display_name=data.display_name, locale=data.locale)
        updated = await accounts.get_account(user.id)
        assert updated is not None
        return await me_of(updated)

    @post(
        "/password",
        operation_id="changePassword",
        status_code=204,
        summary="Change the password; every other session of the person ends, this one goes on",
    )
    async def change_password(
        self,
        request: Request[Any, Any, Any],
        account: AccountDep,
        data: JSONBody[PasswordChange],
        settings: SettingsDep,
    ) -> Response[None]:
        user = signed_in(account)
        epoch = await accounts.change_password(
            user.id, data.current_password, data.new_password, hashing=settings.password_hashing
        )
        token = start_session(request, replace(user, session_epoch=epoch))
        return Response(None, status_code=204, cookies=[auth_cookie(settings, token, settings.session_max_age_seconds)])

    @post(
        "/email",
        operation_id="changeMyEmail",
        status_code=202,
        summary="Ask for a new e-mail address: a link goes to it, and the address changes once it is opened",
    )
    async def change_email(
        self, account: AccountDep, data: JSONBody[EmailChange], settings: SettingsDep, mailer: MailerDep
    ) -> Notice:
        await accounts.request_email_change(
            signed_in(account).id,
            data.new_email,
            data.password,
            mailer=mailer,
            base_url=settings.base_url,
            hashing=settings.password_hashing,
        )
        return Notice(
            detail_de="Wir haben einen Link an die neue Adresse geschickt. Bis Sie ihn öffnen, gilt die bisherige.",
            detail_en="We have sent a link to the new address. Until you open it, the old one stays in effect.",
        )

    @get(
        "/contributions",
        operation_id="listMyContributions",
        summary="My contributions in every municipality, newest first, with their moderation state",
    )
    async def contributions(
        self, account: AccountDep, cursor: CursorParam = None, limit: LimitParam = DEFAULT_LIMIT
    ) -> Page[mine.MyContribution]:
        return await mine.contributions_of(signed_in(account).id, limit, cursor)

    @get("/flags", operation_id="listMyFlags", summary="The contributions I flagged, newest first, and their state")
    async def flags(
        self, account: AccountDep, cursor: CursorParam = None, limit: LimitParam = DEFAULT_LIMIT
    ) -> Page[mine.MyFlag]:
        return await mine.flags_by(signed_in(account).id, limit, cursor)

    @get(
        "/export",
        operation_id="exportMyData",
        summary="Everything stored about me, as a JSON download (DSGVO Art. 15/20)",
    )
    async def export(self, account: AccountDep, registry: RegistryDep) -> Response[dict[str, Any]]:
        data = await privacy.export_data(signed_in(account).id, registry)
        return Response(data, headers={"Content-Disposition": 'attachment; filename="stadtstimme-meine-daten.json"'})

    @post(
        "/delete",
        operation_id="deleteMyAccount",
        status_code=204,
        summary="Delete my account; public contributions stay, anonymised (DSGVO Art. 17)",
    )
    async def delete(
        self,
        request: Request[Any, Any, Any],
        account: AccountDep,
        data: JSONBody[AccountDeletion],
        settings: SettingsDep,
        registry: RegistryDep,
    ) -> Response[None]:
        await privacy.delete_account(signed_in(account).id, data.password, registry, hashing=settings.password_hashing)
        end_session(request)
        return Response(None, status_code=204, cookies=[auth_cookie(settings, "", 0)])
