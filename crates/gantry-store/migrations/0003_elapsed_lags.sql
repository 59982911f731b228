-- Lags in calendar time (MS Project's elapsed lags): nights and weekends count.
ALTER TABLE links ADD COLUMN lag_elapsed INTEGER NOT NULL DEFAULT 0 CHECK (lag_elapsed IN (0, 1));
