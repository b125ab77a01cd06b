package app.sarafan.rule;

import java.time.Instant;

/**
 * A version of a rule: its id and version (also the ETag), who wrote it when, its definition, and what it promises
 * members in the program terms, so an administrator sees the promise as soon as the rule is saved.
 */
public record RuleView(String id, int version, String versionId, Instant createdAt, Instant updatedAt,
        String updatedBy, RuleDefinition definition, RuleTerms terms) {

    /** The rule's sentence of the program terms, in each language members read them in. */
    public record RuleTerms(String en, String ru) {

        static RuleTerms of(RuleDefinition definition) {
            return new RuleTerms(ProgramTerms.sentence(definition, TermsLanguage.EN),
                    ProgramTerms.sentence(definition, TermsLanguage.RU));
        }
    }
}
