-- How the portfolio reads its money: the formula its estimate at completion
-- uses, and where CPI and SPI turn amber and red on the dashboard and in
-- reports, in thousandths of an index. At most one row; none means the
-- defaults (BAC ÷ CPI, amber below 0.95, red below 0.90).

CREATE TABLE budget_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    eac_method TEXT NOT NULL DEFAULT 'cpi' CHECK (eac_method IN ('atypical', 'cpi', 'cpi_spi')),
    warn_below_permille INTEGER NOT NULL DEFAULT 950 CHECK (warn_below_permille BETWEEN 1 AND 2000),
    bad_below_permille INTEGER NOT NULL DEFAULT 900,
    CHECK (bad_below_permille BETWEEN 0 AND warn_below_permille)
);
