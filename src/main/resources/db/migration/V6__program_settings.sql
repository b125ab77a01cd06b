-- Settings administrators change at run time, one JSON document per name, versioned for If-Match.
CREATE TABLE program_setting (
    name       VARCHAR(64)  PRIMARY KEY,
    value      TEXT         NOT NULL,
    version    INTEGER      NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    updated_by VARCHAR(128) NOT NULL
);
