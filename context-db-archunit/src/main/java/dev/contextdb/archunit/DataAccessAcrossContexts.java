package dev.contextdb.archunit;

import dev.contextdb.ContextDefinition;

/**
 * Rule 1: a class of one context uses no data-access type of another, except that a declared read
 * permits the types that describe the read context's tables (jOOQ tables, records, schemas and
 * their constant holders). Those are queried in the reader's own code, on the reader's own
 * connection, where the database grants a declared read {@code SELECT} and nothing more. The read
 * context's repositories, DAOs and other data-access code stay its own even then: they run on its
 * connection, writes included, which is what the read context's application service is for.
 *
 * <p>An entity's uses of another context's entity that it maps a relationship to are left to
 * {@link EntityRelationshipsAcrossContexts}: a read does not permit the relationship, and the fix
 * is a reference by id, not a read.
 */
final class DataAccessAcrossContexts implements ContextRule.Check {

    @Override
    public void check(ContextAnalysis analysis, ContextRule.Violations violations) {
        for (DataUse use : analysis.dataUses()) {
            if (!use.permittedByRead() && !analysis.mapsRelationship(use.dependency().getOriginClass(), use.target())) {
                violations.add(use.dependency(), message(analysis, use));
            }
        }
    }

    private static String message(ContextAnalysis analysis, DataUse use) {
        String from = use.from().name();
        String to = use.to().name();
        String uses = use.dependency().getDescription() + ": context '" + from + "' uses "
                + use.target().getSimpleName() + " of context '" + to + "' (" + use.kind().description() + ")";
        String fix = ". Fix: use " + Messages.possessive(to) + " application service or subscribe to its events";
        if (analysis.entityMappingOf(use.target()).filter(mapping -> !mapping.ownsTable()).isPresent()) {
            String type = use.target().getSimpleName();
            return uses + ", a mapping that '" + to + "' owns and may change" + (use.declaredRead()
                    ? " (reading '" + to + "' permits its tables in " + Messages.possessive(from)
                            + " own queries, not its mappings)"
                    : "") + ". Fix: give " + from + " its own " + type + ", or move " + type
                    + " out of every context to share it.";
        }
        if (use.kind().describesTables()) {
            return uses + ", but does not read '" + to + "'" + fix + orDeclareRead(analysis, use.from(), to, "") + ".";
        }
        String query = "query " + Messages.possessive(to) + " tables in " + Messages.possessive(from) + " own code";
        if (use.declaredRead()) {
            return uses + ", which only '" + to + "' may use: reading '" + to + "' permits its tables in "
                    + Messages.possessive(from) + " own queries, not its data-access code" + fix + "; or " + query
                    + ".";
        }
        return uses + ", which only '" + to + "' may use" + fix
                + orDeclareRead(analysis, use.from(), to, " and " + query) + ".";
    }

    private static String orDeclareRead(ContextAnalysis analysis, ContextDefinition from, String to, String then) {
        if (analysis.readsTransitively(to, from.name())) {
            return " (declaring a read would close a cycle, as '" + to + "' reads '" + from.name() + "')";
        }
        Declaration declaration = analysis.declarationOf(from.name()).orElse(null);
        if (declaration != null && !declaration.canDeclareReads()) {
            return "; or declare '" + from.name() + "' with dev.contextdb's @BoundedContext(name = \"" + from.name()
                    + "\", reads = \"" + to + "\")" + then + ", as " + declaration.annotationName() + " has no reads";
        }
        if (from.reads().isEmpty()) {
            return "; or declare reads = \"" + to + "\" in the " + from.source() + then;
        }
        return "; or add \"" + to + "\" to the reads of the " + from.source() + then;
    }
}
