from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T18:05:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "PostgreSQL: a vote in one statement (proposal_vote_cast), one round trip per vote at event load"

# One call checks the proposal, the consultation, the current phase and the person's right, inserts the vote
# (the unique index refuses a second one), spends one vote of the budget (its row lock and the re-checked
# WHERE keep the limit under concurrency), counts it on the proposal, and returns what the answer needs.
# A vote refused by the budget is deleted again inside the same transaction: no other session ever saw it.
# 'check' means "not allowed for a reason the application explains" (it then runs its slower checks).
# Lock order is always vote index -> budget row -> proposal row, so concurrent calls cannot deadlock.
FUNCTION = """
CREATE OR REPLACE FUNCTION proposal_vote_cast(
    p_proposal integer, p_municipality integer, p_user integer, p_value integer, p_now timestamptz,
    p_resident boolean, p_created timestamptz
) RETURNS TABLE (r_outcome text, r_support integer, r_against integer, r_used integer, r_limit integer)
LANGUAGE plpgsql AS $$
DECLARE
    c_id integer;
    c_limit integer;
    allowed boolean;
    spent integer;
    supports integer;
    againsts integer;
BEGIN
    SELECT c.id, c.vote_limit,
           c.status = 'published' AND p.visibility = 'public' AND NOT p.withdrawn
           AND (NOT c.residents_only OR p_resident)
           AND (p_value = 1 OR c.voting_mode = 'for_against')
           AND COALESCE((SELECT f.may_vote FROM phase f
                          WHERE f.consultation = c.id AND f.starts_at <= p_now AND p_now < f.ends_at
                          ORDER BY f.starts_at LIMIT 1), false)
      INTO c_id, c_limit, allowed
      FROM proposal p JOIN consultation c ON c.id = p.consultation
     WHERE p.id = p_proposal AND c.municipality = p_municipality;
    IF NOT FOUND OR NOT allowed THEN
        RETURN QUERY SELECT 'check'::text, 0, 0, 0, 0;
        RETURN;
    END IF;
    INSERT INTO proposal_vote (proposal, consultation, "user", value, created_at)
    VALUES (p_proposal, c_id, p_user, p_value, p_created)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'already-voted'::text, 0, 0, 0, c_limit;
        RETURN;
    END IF;
    INSERT INTO vote_budget AS b (consultation, "user", used) VALUES (c_id, p_user, 1)
    ON CONFLICT (consultation, "user") DO UPDATE SET used = b.used + 1
        WHERE c_limit = 0 OR b.used < c_limit
    RETURNING b.used INTO spent;
    IF NOT FOUND THEN
        DELETE FROM proposal_vote WHERE proposal = p_proposal AND "user" = p_user;
        RETURN QUERY SELECT 'vote-limit-reached'::text, 0, 0, 0, c_limit;
        RETURN;
    END IF;
    UPDATE proposal
       SET support_count = support_count + (p_value = 1)::integer,
           against_count = against_count + (p_value = -1)::integer
     WHERE id = p_proposal
     RETURNING support_count, against_count INTO supports, againsts;
    RETURN QUERY SELECT 'ok'::text, supports, againsts, spent, c_limit;
END
$$
"""


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="proposals", description=DESCRIPTION)

    async def run():
        if RawTable._meta.db.engine_type == "postgres":
            await RawTable.raw(FUNCTION)

    async def run_backwards():
        if RawTable._meta.db.engine_type == "postgres":
            await RawTable.raw("DROP FUNCTION IF EXISTS proposal_vote_cast")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
