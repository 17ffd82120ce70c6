"""A backing service that is away (PostgreSQL, Redis) is a 503 with Retry-After, in German and English; an error
of our own stays a 500. (The real outages run in tests/faults.)"""

import asyncpg
import pytest
import redis.exceptions

from backend.errors import internal_problem, is_outage


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connect call failed"),
        TimeoutError(),
        asyncpg.CannotConnectNowError("the database system is starting up"),
        asyncpg.AdminShutdownError("terminating connection due to administrator command"),
        asyncpg.TooManyConnectionsError("sorry, too many clients already"),
        asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
        asyncpg.InterfaceError("cannot call Transaction.rollback(): the underlying connection is closed"),
        redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379"),
        ExceptionGroup("parallel dependencies", [ValueError("x"), ConnectionRefusedError(111, "refused")]),
    ],
)
def test_an_unreachable_service_is_a_503_with_retry_after(error):
    assert is_outage(error)
    problem = internal_problem(error)
    assert problem.status_code == 503 and problem.headers["Retry-After"].isdigit()
    assert "versuchen Sie es" in problem.extra["detail_de"] and "try again" in problem.extra["detail_en"]


@pytest.mark.parametrize("error", [ValueError("bug"), FileNotFoundError("photo"), KeyError("x")])
def test_a_bug_of_our_own_stays_a_500(error):
    assert not is_outage(error)
    assert internal_problem(error).status_code == 500
