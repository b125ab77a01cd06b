package app.sarafan.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import app.sarafan.faults.MoneyLoad.Attempt;
import app.sarafan.faults.MoneyLoad.Operation;
import app.sarafan.faults.MoneyLoad.Story;

/** What the clients of one load saw: the answers by kind, the retries, the latencies, when requests went through again. */
record ClientView(int stories, int steps, int attempts, Map<String, Integer> answers, int gaveUp, String gaveUpExample,
        int bare5xx, String bare5xxExample, long maxStepMillis, long maxAttemptMillis,
        Optional<Duration> firstSuccessAfterFault, Optional<Duration> lastFailureAfterFault) {

    static ClientView of(List<Story> stories, Instant faultEnd) {
        Map<String, Integer> answers = new TreeMap<>();
        int steps = 0;
        int attempts = 0;
        int gaveUp = 0;
        int bare = 0;
        String gaveUpExample = null;
        String bareExample = null;
        long maxStep = 0;
        long maxAttempt = 0;
        Duration firstSuccess = null;
        Duration lastFailure = null;
        for (Story story : stories) {
            for (Operation operation : story.steps()) {
                steps++;
                maxStep = Math.max(maxStep, operation.millis());
                if (operation.gaveUp) {
                    gaveUp++;
                    if (gaveUpExample == null) {
                        gaveUpExample = operation.member + " " + operation.step + " " + Oracle.labels(operation);
                    }
                }
                for (Attempt attempt : operation.attempts) {
                    attempts++;
                    answers.merge(attempt.label().replace(" (replayed)", ""), 1, Integer::sum);
                    maxAttempt = Math.max(maxAttempt, attempt.millis());
                    if (attempt.bare5xx()) {
                        bare++;
                        if (bareExample == null) {
                            bareExample = attempt.status() + " " + attempt.contentType() + " "
                                    + (attempt.body() == null ? "" : attempt.body().substring(0,
                                    Math.min(200, attempt.body().length())));
                        }
                    }
                    if (attempt.succeeded() && !attempt.sent().isBefore(faultEnd)) {
                        Duration after = Duration.between(faultEnd, attempt.ended());
                        firstSuccess = firstSuccess == null || after.compareTo(firstSuccess) < 0 ? after : firstSuccess;
                    }
                    if (!attempt.succeeded() && attempt.ended().isAfter(faultEnd)) {
                        Duration after = Duration.between(faultEnd, attempt.ended());
                        lastFailure = lastFailure == null || after.compareTo(lastFailure) > 0 ? after : lastFailure;
                    }
                }
            }
        }
        Map<String, Integer> byCount = new LinkedHashMap<>();
        answers.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> byCount.put(entry.getKey(), entry.getValue()));
        return new ClientView(stories.size(), steps, attempts, byCount, gaveUp, gaveUpExample, bare, bareExample,
                maxStep, maxAttempt, Optional.ofNullable(firstSuccess), Optional.ofNullable(lastFailure));
    }

    int retries() {
        return attempts - steps;
    }
}
