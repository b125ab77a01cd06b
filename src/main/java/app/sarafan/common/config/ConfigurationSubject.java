package app.sarafan.common.config;

/** The kinds of configuration a shop event reads, each versioned in the configuration_version table. */
public enum ConfigurationSubject {
    RULES, RANKS, AWARDS
}
