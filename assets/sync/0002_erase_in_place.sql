-- regulars: the hub's second shape (schema version 2).
--
-- A forget no longer deletes its customer's rows: it empties them where they stand (kind 'erased', body
-- '{}', id 'erased.' and the row's number), so no byte of the person stays while every number a till has
-- pulled keeps its row. A till keeps the number and the time of the last row it took; a hub that holds
-- another row there, or none, has gone back (restored from an earlier copy, or replaced by a new
-- database), and the till starts over with it: it sends everything it holds and takes everything again.
-- A till starting over sends again records other tills wrote: their `till` stays the name of the till that
-- wrote them (the pushing till's own name and id are on the rows it wrote, and in `origin` on all it sends).
-- Desks that knew only version 1 deleted the rows, and are refused by this hub (update them).
COMMENT ON TABLE regulars_changes IS
    'regulars: every record the tills pushed, numbered in commit order; a forget erases rows in place';
