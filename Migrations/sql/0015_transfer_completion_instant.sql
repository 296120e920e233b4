-- Issue 12 (transfers): the real (wall-clock) instant a transfer was completed, in microseconds
-- since 1970, written by the completing request. A later step on the transfer compares it with
-- its own arrival instant: completed after it arrived, the step lost a race (409 900104);
-- completed before, the transfer was simply already completed (400 900102). The simulated
-- clock (completed_at) cannot tell, since tests move it. NULL for transfers completed before
-- this migration: they were completed long before any request that reads them.
ALTER TABLE transfers ADD COLUMN completed_wall_clock_us INTEGER;
