from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-03T11:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "PostgreSQL: many votes and vote withdrawals in one statement (proposal_vote_batch), one commit per batch: "
    "each web worker groups the votes arriving while its previous batch commits (proposals/services/vote_batch.py)"
)

# Item i of the arrays is one request: p_value 1 or -1 casts a vote, 0 takes the vote back. The caller sends
# each (proposal, user) pair at most once per batch. The checks are those of proposal_vote_cast (withdrawing:
# published, a voting phase, a public proposal of that municipality); 'check' means "refused for a reason the
# application explains with its slower path".
#
# Deadlocks: every batch takes its locks in one global order, phase by phase: vote index entries sorted by
# (proposal, user), then budget rows sorted by (consultation, user), then proposal rows sorted by id (one
# UPDATE per proposal with the batch's net change). proposal_vote_cast and the Piccolo path lock in the same
# order (vote, budget, proposal), so no two writers ever wait for each other in a cycle. The foreign keys of the
# vote rows take KEY SHARE locks on the proposal, which the counters' NO KEY UPDATE does not conflict with.
FUNCTION = """
CREATE OR REPLACE FUNCTION proposal_vote_batch(
    p_proposal integer[], p_municipality integer[], p_user integer[], p_value integer[], p_now timestamptz[],
    p_resident boolean[], p_created timestamptz
) RETURNS TABLE (
    r_item integer, r_outcome text, r_support integer, r_against integer, r_used integer, r_limit integer
)
LANGUAGE plpgsql AS $$
DECLARE
    n integer := coalesce(array_length(p_proposal, 1), 0);
    outcome text[] := array_fill('check'::text, ARRAY[n]);
    consultation_of integer[] := array_fill(NULL::integer, ARRAY[n]);
    limit_of integer[] := array_fill(0, ARRAY[n]);
    removed integer[] := array_fill(0, ARRAY[n]);
    i integer;
    c_id integer;
    c_limit integer;
    allowed boolean;
    found_value integer;
    spent integer;
    target integer;
    d_support integer;
    d_against integer;
BEGIN
    -- 0: the checks (reads only)
    FOR i IN 1 .. n LOOP
        SELECT c.id, c.vote_limit,
               c.status = 'published' AND p.visibility = 'public'
               AND CASE WHEN p_value[i] = 0 THEN true
                        ELSE NOT p.withdrawn AND (NOT c.residents_only OR p_resident[i])
                             AND (p_value[i] = 1 OR (p_value[i] = -1 AND c.voting_mode = 'for_against')) END
               AND COALESCE((SELECT f.may_vote FROM phase f
                              WHERE f.consultation = c.id AND f.starts_at <= p_now[i] AND p_now[i] < f.ends_at
                              ORDER BY f.starts_at LIMIT 1), false)
          INTO c_id, c_limit, allowed
          FROM proposal p JOIN consultation c ON c.id = p.consultation
         WHERE p.id = p_proposal[i] AND c.municipality = p_municipality[i];
        IF FOUND AND allowed THEN
            outcome[i] := 'pending';
            consultation_of[i] := c_id;
            limit_of[i] := c_limit;
        END IF;
    END LOOP;

    -- 1: the vote rows, in (proposal, user) order
    FOR i IN SELECT t.o FROM unnest(p_proposal, p_user) WITH ORDINALITY AS t(pr, us, o) ORDER BY t.pr, t.us, t.o
    LOOP
        CONTINUE WHEN outcome[i] <> 'pending';
        IF p_value[i] = 0 THEN
            DELETE FROM proposal_vote WHERE proposal = p_proposal[i] AND "user" = p_user[i]
            RETURNING value INTO found_value;
            IF FOUND THEN
                removed[i] := found_value;
            ELSE
                outcome[i] := 'no-vote';
            END IF;
        ELSE
            INSERT INTO proposal_vote (proposal, consultation, "user", value, created_at)
            VALUES (p_proposal[i], consultation_of[i], p_user[i], p_value[i], p_created)
            ON CONFLICT DO NOTHING;
            IF NOT FOUND THEN
                outcome[i] := 'already-voted';
            END IF;
        END IF;
    END LOOP;

    -- 2: the budgets, in (consultation, user) order; a vote over the limit is deleted again (nobody saw it)
    FOR i IN SELECT t.o FROM unnest(consultation_of, p_user, outcome) WITH ORDINALITY AS t(co, us, oc, o)
              WHERE t.oc = 'pending' ORDER BY t.co, t.us, t.o
    LOOP
        IF p_value[i] = 0 THEN
            UPDATE vote_budget SET used = used - 1
             WHERE consultation = consultation_of[i] AND "user" = p_user[i] AND used > 0;
            outcome[i] := 'ok';
        ELSE
            c_limit := limit_of[i];
            INSERT INTO vote_budget AS b (consultation, "user", used) VALUES (consultation_of[i], p_user[i], 1)
            ON CONFLICT (consultation, "user") DO UPDATE SET used = b.used + 1
                WHERE c_limit = 0 OR b.used < c_limit
            RETURNING b.used INTO spent;
            IF FOUND THEN
                outcome[i] := 'ok';
            ELSE
                DELETE FROM proposal_vote WHERE proposal = p_proposal[i] AND "user" = p_user[i];
                outcome[i] := 'vote-limit-reached';
            END IF;
        END IF;
    END LOOP;

    -- 3: the counters, one UPDATE per proposal in id order
    FOR target, d_support, d_against IN
        SELECT t.pr,
               sum(CASE WHEN t.val = 1 THEN 1 WHEN t.val = 0 AND t.old = 1 THEN -1 ELSE 0 END)::integer,
               sum(CASE WHEN t.val = -1 THEN 1 WHEN t.val = 0 AND t.old = -1 THEN -1 ELSE 0 END)::integer
          FROM unnest(p_proposal, p_value, removed, outcome) AS t(pr, val, old, oc)
         WHERE t.oc = 'ok' GROUP BY t.pr ORDER BY t.pr
    LOOP
        UPDATE proposal SET support_count = support_count + d_support, against_count = against_count + d_against
         WHERE id = target;
    END LOOP;

    RETURN QUERY
        SELECT t.o::integer, t.oc, coalesce(p.support_count, 0), coalesce(p.against_count, 0),
               coalesce(b.used, 0), t.lim
          FROM unnest(outcome, p_proposal, p_user, consultation_of, limit_of)
               WITH ORDINALITY AS t(oc, pr, us, co, lim, o)
          LEFT JOIN proposal p ON p.id = t.pr AND t.oc = 'ok'
          LEFT JOIN vote_budget b ON b.consultation = t.co AND b."user" = t.us AND t.oc = 'ok'
         ORDER BY t.o;
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
            await RawTable.raw("DROP FUNCTION IF EXISTS proposal_vote_batch")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
