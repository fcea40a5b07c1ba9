-- regulars: the hub's first shape (schema version 1).
--
-- Every record a till pushes is one row: an event (a visit, a note, a promise…), never changed once
-- written, or a copy of a customer with the stamp of each field's last change. Rows are numbered by the hub
-- (`seq`) in the order their pushes were committed: a push holds a lock on the table from its first
-- insert to its commit, so a row with a higher number is never seen before one with a lower number. Each
-- till pulls the rows after the last number it has taken.
CREATE TABLE regulars_changes (
    seq       bigserial PRIMARY KEY,
    -- The record's id (an event's ULID, or a customer copy's id + stamp): pushing again adds nothing.
    id        text NOT NULL UNIQUE,
    -- customer, visit, note, void, promise, promise_end, redemption, consent.
    kind      text NOT NULL,
    customer  text NOT NULL,
    -- The till that pushed it: its name, as its settings give it, and its sync id.
    till      text NOT NULL,
    origin    text NOT NULL,
    -- The record, as the desk's own JSON export writes it (text, not jsonb: jsonb refuses the NUL
    -- character, which a stored text may hold; `body::jsonb` reads it as JSON where that is wanted).
    body      text NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regulars_changes_customer ON regulars_changes (customer);
