package app.sarafan.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import app.sarafan.audit.AuditAction;
import app.sarafan.common.config.ConfigurationSubject;
import app.sarafan.common.event.DomainEventType;
import app.sarafan.earning.Role;
import app.sarafan.leaderboard.LeaderboardPeriod;
import app.sarafan.leaderboard.Visibility;
import app.sarafan.massop.ItemStatus;
import app.sarafan.massop.MassOperationStatus;
import app.sarafan.massop.MassOperationType;
import app.sarafan.member.MemberStatus;
import app.sarafan.notification.NotificationKind;
import app.sarafan.redemption.RedemptionStatus;
import app.sarafan.referral.ReviewStatus;
import app.sarafan.referral.imports.ImportFormat;
import app.sarafan.referral.imports.ImportStatus;
import app.sarafan.referral.site.SiteStatus;
import app.sarafan.referral.site.VerificationMethod;
import app.sarafan.rule.RuleProfile;
import app.sarafan.support.Database;
import app.sarafan.withdrawal.WithdrawalStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The names SQL spells must be names of the Java enums they stand for, so renaming a constant cannot silently break
 * a constraint, a trigger or a query: read from the migrated database (pg_constraint, pg_proc, pg_trigger) and from
 * the native SQL in the sources. A new CHECK column or SQL function fails here until it is declared below.
 */
@QuarkusTest
class EnumNamesInDatabaseTest {

    /** Columns whose CHECK lists the names of a Java enum: the list must be exactly the enum's constants. */
    private static final Map<String, Set<String>> COLUMNS = new TreeMap<>();
    /** Columns whose names Java writes as plain strings (no enum): the CHECK is their one statement. */
    private static final Map<String, Set<String>> WITHOUT_ENUM = Map.of(
            "notification.status", Set.of("PENDING", "SENT", "SKIPPED"),
            "webhook_endpoint.status", Set.of("ENABLED", "DISABLED"),
            "webhook_delivery.status", Set.of("PENDING", "DELIVERED"),
            "shop_order.status", Set.of("NEW", "PLACED", "PAID", "CANCELLED"),
            "notification_template_version.channel", Set.of("EMAIL", "SMS"),
            "notification_template_version.locale", Set.of("en", "ru"),
            "sms_message.status", Set.of("PENDING", "SENT", "DELIVERED", "FAILED", "SKIPPED"),
            "sms_message.skip_reason", Set.of("NO_PHONE", "NO_CONSENT", "OPTED_OUT"));

    static {
        column("ledger_transaction.kind", TransactionKind.class);
        column("ledger_transaction.source_type", SourceType.class);
        column("lot.state", LotState.class);
        column("member.status", MemberStatus.class);
        column("referral_profile.review_status", ReviewStatus.class);
        column("referral_site.status", SiteStatus.class);
        column("referral_site.verification_method", VerificationMethod.class);
        column("member_import.status", ImportStatus.class);
        column("member_import.format", ImportFormat.class);
        column("member_import_row.status", named("app.sarafan.referral.imports.RowStatus"));
        column("accrual.role", Role.class);
        column("redemption.status", RedemptionStatus.class);
        column("withdrawal.status", WithdrawalStatus.class);
        column("leaderboard_score.period_kind", LeaderboardPeriod.class);
        column("leaderboard_profile.visibility", Visibility.class);
        column("mass_operation.type", MassOperationType.class);
        column("mass_operation.status", MassOperationStatus.class);
        column("mass_operation_item.status", ItemStatus.class);
        column("configuration_version.subject", ConfigurationSubject.class);
        column("reconciliation.triggered_by", app.sarafan.reconciliation.ReconciliationTrigger.class);
        column("reconciliation.status", app.sarafan.reconciliation.ReconciliationStatus.class);
        column("notification_opt_out.channel", app.sarafan.notification.Channel.class);
        column("reward.type", app.sarafan.rewards.RewardType.class);
        column("reward.status", app.sarafan.rewards.RewardStatus.class);
        column("reward_redemption.reward_type", app.sarafan.rewards.RewardType.class);
        column("reward_redemption.status", app.sarafan.rewards.RewardRedemptionStatus.class);
    }

    /** The enums each SQL function may name (TG_OP values and time zones are SQL's own words). */
    private static final Map<String, List<Class<? extends Enum<?>>>> FUNCTIONS = Map.of(
            "refuse_change", List.of(),
            "domain_event_fan_out", List.of(DomainEventType.class, NotificationKind.class, RuleProfile.class),
            "leaderboard_add", List.of(),
            "leaderboard_on_transactions", List.of(TransactionKind.class),
            "leaderboard_on_referral", List.of(),
            "leaderboard_fold", List.of(LeaderboardPeriod.class),
            "configuration_changed", List.of(),
            "ledger_take_from_hold", List.of(TransactionKind.class),
            "notification_sms_fan_out", List.of(app.sarafan.notification.Channel.class));
    private static final Set<String> SQL_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "TRUNCATE", "UTC");
    /** The final states of an SMPP 3.4 delivery receipt (appendix B), which sms/SmsReceipts stores as they come. */
    private static final Set<String> SMPP_RECEIPT_STATES = Set.of("DELIVRD", "EXPIRED", "DELETED", "UNDELIV",
            "ACCEPTD", "UNKNOWN", "REJECTD", "ENROUTE");
    private static final Pattern NAME = Pattern.compile("'([A-Z][A-Z0-9_]*)'");

    @Inject
    DataSource dataSource;

    private Database db;

    @BeforeEach
    void database() {
        db = new Database(dataSource);
    }

    private static void column(String column, Class<? extends Enum<?>> type) {
        COLUMNS.put(column, names(type));
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Enum<?>> named(String className) {
        try {
            return (Class<? extends Enum<?>>) Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> literals(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The quoted items of a CHECK's array, whatever their case (a locale is lower case). */
    private static List<String> quoted(String array) {
        return Pattern.compile("'([^']*)'").matcher(array).results().map(r -> r.group(1)).toList();
    }

    /** Every CHECK constraint of the schema: table.column compared with which names, and the whole definition. */
    private Map<String, List<String>> checks() {
        Map<String, List<String>> definitions = new LinkedHashMap<>();
        for (String row : db.column("""
                SELECT conrelid::regclass::text || '|' || conname || '|' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE contype = 'c' AND connamespace = 'public'::regnamespace ORDER BY 1""")) {
            String[] parts = row.split("\\|", 3);
            definitions.computeIfAbsent(parts[0] + "|" + parts[1], k -> new ArrayList<>()).add(parts[2]);
        }
        return definitions;
    }

    private static final Pattern COMPARISON = Pattern.compile(
            "\\((\\w+)\\)::text (=|<>) (?:(?:ANY|ALL) \\(\\(ARRAY\\[([^\\]]*)\\]\\)::text\\[\\]\\)|'([^']*)'::text)");

    @Test
    void checkConstraintsListExactlyTheNamesOfTheirEnums() {
        Map<String, Set<String>> listed = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        checks().forEach((constraint, definitions) -> {
            String table = constraint.substring(0, constraint.indexOf('|'));
            String definition = definitions.get(0);
            Matcher m = COMPARISON.matcher(definition);
            int covered = 0;
            while (m.find()) {
                String column = table + "." + m.group(1);
                List<String> names = m.group(3) != null ? quoted(m.group(3)) : List.of(m.group(4));
                covered += names.size();
                Set<String> expected = COLUMNS.containsKey(column) ? COLUMNS.get(column) : WITHOUT_ENUM.get(column);
                if (expected == null) {
                    problems.add(constraint + ": column " + column + " is not declared in this test");
                    continue;
                }
                names.stream().filter(n -> !expected.contains(n))
                        .forEach(n -> problems.add(constraint + ": '" + n + "' is not a name of " + column));
                // the column's own list (a definition that is one = ANY) is the enum, exactly
                if (m.group(3) != null && m.group(2).equals("=")
                        && (definition.substring(0, m.start()) + definition.substring(m.end())).matches("CHECK[ ()]*")) {
                    listed.put(column, new TreeSet<>(names));
                }
            }
            int literalsInDefinition = (int) Pattern.compile("'[^']*'").matcher(definition).results().count();
            if (covered != literalsInDefinition) {
                problems.add(constraint + ": a name this test cannot read in " + definition);
            }
        });
        assertEquals(List.of(), problems);
        COLUMNS.forEach((column, names) -> assertEquals(names, listed.get(column), column));
        WITHOUT_ENUM.forEach((column, names) -> assertEquals(new TreeSet<>(names), listed.get(column), column));
        assertTrue(listed.keySet().containsAll(List.of("ledger_transaction.kind", "ledger_transaction.source_type",
                "lot.state")), listed.keySet().toString());
    }

    @Test
    void functionsNameOnlyConstantsOfTheirEnums() {
        Map<String, String> sources = new TreeMap<>();
        for (String row : db.column("""
                SELECT p.proname || '|' || p.prosrc FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                WHERE p.pronamespace = 'public'::regnamespace AND l.lanname IN ('plpgsql', 'sql')""")) {
            sources.put(row.substring(0, row.indexOf('|')), row.substring(row.indexOf('|') + 1));
        }
        assertEquals(new TreeSet<>(FUNCTIONS.keySet()), sources.keySet(), "declare a new function's enums here");
        List<String> problems = new ArrayList<>();
        sources.forEach((function, source) -> {
            Set<String> allowed = new TreeSet<>(SQL_WORDS);
            FUNCTIONS.get(function).forEach(type -> allowed.addAll(names(type)));
            literals(source).stream().filter(n -> !allowed.contains(n))
                    .forEach(n -> problems.add(function + ": '" + n + "' names no constant of " + FUNCTIONS.get(function)));
        });
        assertEquals(List.of(), problems);
        assertTrue(literals(sources.get("ledger_take_from_hold")).contains("HOLD"));
    }

    /**
     * The fan-out maps event types to notification kinds: the types it mails are event types, what a CASE arm
     * gives is a notification kind, a type without an arm is mailed under its own name (so it must be a kind too),
     * and the birthday profile is a rule profile.
     */
    @Test
    void theFanOutMapsEventTypesToNotificationKinds() {
        String source = db.value("""
                SELECT p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                WHERE t.tgrelid = 'domain_event'::regclass AND NOT t.tgisinternal AND t.tgname = 'domain_event_fan_out'""");
        Set<String> eventTypes = names(DomainEventType.class);
        Set<String> kinds = names(NotificationKind.class);
        Matcher mailed = Pattern.compile("e\\.type IN \\(([^)]*)\\)").matcher(source);
        assertTrue(mailed.find(), source);
        List<String> mailedTypes = literals(mailed.group(1));
        assertEquals(9, mailedTypes.size(), mailedTypes.toString());
        Map<String, List<String>> arms = new TreeMap<>();
        Matcher arm = Pattern.compile("WHEN '([A-Z_]+)' THEN (CASE .*? END|'[A-Z_]+')", Pattern.DOTALL).matcher(source);
        while (arm.find()) {
            arms.put(arm.group(1), literals(Pattern.compile("(?:THEN|ELSE) '[A-Z_]+'").matcher(arm.group(2)).results()
                    .map(r -> r.group()).collect(Collectors.joining(" "))));
            Matcher profile = Pattern.compile("->> 'profile' = '([A-Z_]+)'").matcher(arm.group(2));
            while (profile.find()) {
                assertTrue(names(RuleProfile.class).contains(profile.group(1)), profile.group(1));
            }
        }
        assertEquals(Set.of("BONUS_ACCRUED", "BONUS_REDEEMED", "WITHDRAWAL_STATUS_CHANGED"), arms.keySet());
        assertTrue(source.contains("ELSE e.type"), source);
        for (String type : mailedTypes) {
            assertTrue(eventTypes.contains(type), type + " is not a DomainEventType");
            for (String kind : arms.getOrDefault(type, List.of(type))) {
                assertTrue(kinds.contains(kind), type + " is mailed as " + kind + ", not a NotificationKind");
            }
        }
        arms.keySet().forEach(type -> assertTrue(mailedTypes.contains(type), type + " has an arm but is not mailed"));
    }

    @Test
    void triggerArgumentsNameConfigurationSubjects() {
        List<String> definitions = db.column("""
                SELECT pg_get_triggerdef(oid) FROM pg_trigger
                WHERE NOT tgisinternal AND tgfoid = 'configuration_changed'::regproc""");
        assertEquals(4, definitions.size(), definitions.toString());
        for (String definition : definitions) {
            List<String> arguments = literals(definition.substring(definition.indexOf("configuration_changed(")));
            assertEquals(1, arguments.size(), definition);
            assertTrue(names(ConfigurationSubject.class).contains(arguments.get(0)), definition);
        }
        assertEquals(List.of(), db.column("""
                SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE NOT t.tgisinternal AND t.tgnargs > 0 AND c.relnamespace = 'public'::regnamespace
                  AND t.tgfoid <> 'configuration_changed'::regproc"""), "declare a new trigger's arguments here");
    }

    /**
     * Native SQL in the sources spells names too ('EXPIRY', 'BONUS_EXPIRED', 'ACTIVE'): each must still be a constant
     * of one of the application's enums, or a name a CHECK constraint lists (columns Java writes as plain strings).
     */
    @Test
    void nativeSqlInTheSourcesNamesOnlyKnownConstants() throws IOException {
        Set<String> known = new TreeSet<>(SQL_WORDS);
        known.addAll(SMPP_RECEIPT_STATES);
        COLUMNS.values().forEach(known::addAll);
        WITHOUT_ENUM.values().forEach(known::addAll);
        for (Class<? extends Enum<?>> type : List.of(DomainEventType.class, NotificationKind.class, RuleProfile.class,
                AuditAction.class, TransactionKind.class, SourceType.class, LotState.class,
                app.sarafan.notification.OperatorAlertKind.class)) {
            known.addAll(names(type));
        }
        known.addAll(names(named("app.sarafan.massop.ItemReason")));
        Pattern textBlock = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
        Pattern sql = Pattern.compile("\\b(SELECT|INSERT|UPDATE|DELETE|WHERE)\\b");
        Pattern string = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
        Map<String, String> unknown = new TreeMap<>();
        int read = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                List<String> pieces = new ArrayList<>();
                textBlock.matcher(text).results().forEach(r -> pieces.add(r.group(1)));
                string.matcher(textBlock.matcher(text).replaceAll("")).results()
                        .forEach(r -> pieces.add(r.group(1)));
                for (String piece : pieces) {
                    if (!sql.matcher(piece).find()) {
                        continue;
                    }
                    for (String name : literals(piece)) {
                        read++;
                        if (!known.contains(name)) {
                            unknown.put(name, file.getFileName().toString());
                        }
                    }
                }
            }
        }
        assertEquals(Map.of(), unknown);
        assertTrue(read > 20, "read only " + read + " names: is the source tree there?");
    }
}
