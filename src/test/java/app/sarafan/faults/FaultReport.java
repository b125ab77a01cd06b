package app.sarafan.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.sarafan.faults.Oracle.Verdict;

/** The measured results of {@link FaultsIT} as Markdown, rewritten after every fault (a failed run keeps its part). */
final class FaultReport {

    private final Path file;
    private final List<String> sections = new ArrayList<>();

    FaultReport(Path file) {
        this.file = file;
    }

    int size() {
        return sections.size();
    }

    void add(String title, String how, ClientView clients, Verdict verdict, String reconciliation,
            Map<String, String> measured, List<String> failures) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(sections.size() + 1).append(". ").append(title).append("\n\n");
        md.append(how).append(".\n\n");
        md.append("| | |\n|---|---|\n");
        measured.forEach((what, value) -> row(md, what, value));
        row(md, "first success after the fault", clients.firstSuccessAfterFault().map(FaultsIT::seconds)
                .orElse("none"));
        row(md, "last failed attempt after the fault", clients.lastFailureAfterFault().map(FaultsIT::seconds)
                .orElse("none"));
        row(md, "load", clients.stories() + " member stories, " + clients.steps() + " steps, " + clients.attempts()
                + " attempts (" + clients.retries() + " retries), " + clients.gaveUp() + " given up");
        row(md, "answers and endings of attempts", clients.answers().toString().replaceAll("[{}]", "")
                .replace("=", ": "));
        row(md, "5xx without a problem body", Integer.toString(clients.bare5xx()));
        row(md, "max latency", clients.maxAttemptMillis() + " ms per attempt, " + clients.maxStepMillis()
                + " ms per step with its retries");
        row(md, "oracle", verdict.effectsChecked() + " effects checked for " + verdict.stories() + " stories ("
                + verdict.finished() + " finished): " + (verdict.problems().isEmpty() ? "none lost or doubled"
                : verdict.problems().size() + " problems, e.g. " + verdict.problems().get(0)));
        row(md, "steps given up", verdict.uncertain() + " (" + verdict.uncertainCommitted() + " of them committed)");
        row(md, "committed, seen through a replay", verdict.committedAfterClientTimeout()
                + " after the client timed out, " + verdict.unansweredCommits() + " on a connection closed without"
                + " an answer, " + verdict.fiveXxThenCommitted() + " answered 5xx");
        row(md, "reconciliation", reconciliation);
        row(md, "verdict", failures.isEmpty() ? "**passed**" : "**failed**: " + String.join("; ", failures));
        md.append('\n');
        sections.add(md.toString());
    }

    private static void row(StringBuilder md, String what, String value) {
        md.append("| ").append(what).append(" | ").append(value.replace("|", "\\|").replace("\n", " ")).append(" |\n");
    }

    void write() throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder md = new StringBuilder("# Faults survived, measured\n\n");
        md.append("Written by `FaultsIT` on ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" (").append(Runtime.getRuntime().availableProcessors()).append(" cores).\n\n");
        sections.forEach(md::append);
        Files.writeString(file, md.toString());
    }
}
