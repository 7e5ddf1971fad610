package dev.contextdb;

/**
 * What a context's migration run did at startup.
 *
 * @param context the context
 * @param applied how many migrations this run applied
 * @param version the schema version after the run, or {@code null} when it has none
 * @param historyTable where the context's migration history is kept
 */
public record MigrationResult(String context, int applied, String version, String historyTable) {
}
