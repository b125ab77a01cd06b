-- The shop's own email and SMS templates (notification/NotificationTemplates). Every save and every reset to the
-- shipped default is a new immutable row; the current state of a template is its highest version, and a template
-- without rows is the shipped default at version 0. Two administrators saving on the same version race for the
-- same (channel, kind, locale, version): the unique key lets exactly one of them in.
CREATE TABLE notification_template_version (
    id          BIGSERIAL    PRIMARY KEY,
    channel     VARCHAR(8)   NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    kind        VARCHAR(64)  NOT NULL,
    locale      VARCHAR(8)   NOT NULL CHECK (locale IN ('en', 'ru')),
    version     INTEGER      NOT NULL CHECK (version > 0),
    -- A reset: back to the shipped default, no text of its own.
    is_default  BOOLEAN      NOT NULL,
    subject     TEXT,
    text_body   TEXT,
    html_body   TEXT,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    UNIQUE (channel, kind, locale, version),
    CHECK (CASE
        WHEN is_default THEN subject IS NULL AND text_body IS NULL AND html_body IS NULL
        WHEN channel = 'EMAIL' THEN subject IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL
        ELSE subject IS NULL AND text_body IS NOT NULL AND html_body IS NULL
    END)
);
