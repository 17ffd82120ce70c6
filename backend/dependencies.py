"""Named dependencies handlers declare, as short aliases (Litestar 3 requires explicit markers)."""

from __future__ import annotations

from typing import TypeAlias

from litestar.di import NamedDependency

from backend.accounts.services import Account
from backend.mail.outbox import Outbox
from backend.settings import Settings
from contributions.actor import Actor
from contributions.registry import Registry
from geo.tables import Municipality

SettingsDep: TypeAlias = NamedDependency[Settings]
MailerDep: TypeAlias = NamedDependency[Outbox]
AccountDep: TypeAlias = NamedDependency[Account | None]
MunicipalityDep: TypeAlias = NamedDependency[Municipality]
ActorDep: TypeAlias = NamedDependency[Actor]
RegistryDep: TypeAlias = NamedDependency[Registry]
