package dev.contextdb.archunit;

import dev.contextdb.ContextDefinition;

/**
 * Rule 1: a class of one context uses another context's data-access types only when its context
 * declares that it reads the other. A declared read permits every use of those types: a build
 * cannot tell a query from an update, while database roles (SELECT-only grants on declared reads)
 * can.
 */
final class DataAccessAcrossContexts implements ContextRule.Check {

    @Override
    public void check(ContextAnalysis analysis, ContextRule.Violations violations) {
        for (DataUse use : analysis.dataUses()) {
            if (!use.declaredRead()) {
                violations.add(use.dependency(), message(analysis, use));
            }
        }
    }

    private static String message(ContextAnalysis analysis, DataUse use) {
        String from = use.from().name();
        String to = use.to().name();
        return use.dependency().getDescription() + ": context '" + from + "' uses " + use.target().getSimpleName()
                + " of context '" + to + "' (" + use.kind() + "), but does not read '" + to + "'. Fix: use "
                + Messages.possessive(to) + " application service or subscribe to its events"
                + orDeclareRead(analysis, use.from(), to);
    }

    private static String orDeclareRead(ContextAnalysis analysis, ContextDefinition from, String to) {
        if (analysis.readsTransitively(to, from.name())) {
            return " (declaring the read would close a cycle, as '" + to + "' reads '" + from.name() + "').";
        }
        boolean canDeclareReads = analysis.declarationOf(from.name()).map(Declaration::canDeclareReads).orElse(true);
        if (!canDeclareReads) {
            return "; or declare '" + from.name() + "' with dev.contextdb's @BoundedContext(name = \"" + from.name()
                    + "\", reads = \"" + to + "\"), as jMolecules' annotation has no reads.";
        }
        if (from.reads().isEmpty()) {
            return "; or declare reads = \"" + to + "\" in the " + from.source() + ".";
        }
        return "; or add \"" + to + "\" to the reads of the " + from.source() + ".";
    }
}
