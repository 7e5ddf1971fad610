package dev.contextdb.archunit;

/**
 * Rule 2: no annotation inside a context names another context's data-access bean. Declared
 * reads do not relax it: a read permits the other context's data-access types, while its
 * transaction manager or DataSource would run work on the other context's connections, writes
 * included.
 */
final class ForeignDataBeans implements ContextRule.Check {

    @Override
    public void check(ContextAnalysis analysis, ContextRule.Violations violations) {
        for (BeanReference reference : analysis.beanReferences()) {
            violations.add(reference.origin(), message(reference));
        }
    }

    private static String message(BeanReference reference) {
        String from = reference.from().name();
        String to = reference.to().name();
        String readsNote = reference.from().reads().contains(to)
                ? " (reads = \"" + to + "\" permits " + Messages.possessive(to) + " data-access types, not its beans)"
                : "";
        return reference.description() + " in " + reference.location() + ": context '" + from + "' names the "
                + reference.beanKind() + " of context '" + to + "'" + readsNote + ". Fix: drop \""
                + reference.beanName() + "\", so that " + from + " gets its own " + reference.beanKind() + "; for "
                + Messages.possessive(to) + " data, use " + Messages.possessive(to)
                + " application service or subscribe to its events.";
    }
}
