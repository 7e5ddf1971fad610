package dev.contextdb.archunit;

/**
 * Rule 6: no entity or aggregate of one context maps a relationship to an entity or aggregate of
 * another. Its persistence unit (or aggregate) would load and write the other context's rows on
 * its own connection, and a foreign key would tie the two contexts' migrations together. A
 * declared read does not relax it: a read permits queries, not a mapping that writes. The fix is
 * a reference by id, and the other context's application service for its data.
 */
final class EntityRelationshipsAcrossContexts implements ContextRule.Check {

    @Override
    public void check(ContextAnalysis analysis, ContextRule.Violations violations) {
        for (EntityRelationship relationship : analysis.relationships()) {
            violations.add(relationship.member(), message(relationship));
        }
    }

    private static String message(EntityRelationship relationship) {
        String from = relationship.from().name();
        String to = relationship.to().name();
        String target = relationship.target().getSimpleName();
        String readsNote = relationship.from().reads().contains(to)
                ? "; reads = \"" + to + "\" permits " + Messages.possessive(to) + " tables in "
                        + Messages.possessive(from) + " own queries, not a relationship to its entities"
                : "";
        return relationship.description() + " in " + relationship.member().getSourceCodeLocation() + ": context '"
                + from + "' maps a relationship from " + relationship.owner().getSimpleName() + " ("
                + relationship.ownerMapping().kind().description() + ") to " + target + " of context '" + to
                + "' (" + relationship.targetMapping().kind().description() + ")" + readsNote + ". Fix: reference "
                + Messages.possessive(to) + " " + target + " by its id (" + reference(relationship)
                + ") instead of mapping the relationship; for " + Messages.possessive(to) + " data, use "
                + Messages.possessive(to) + " application service or subscribe to its events.";
    }

    /** @return what to hold instead: an id field in JPA, an {@code AggregateReference} in Spring Data JDBC */
    private static String reference(EntityRelationship relationship) {
        String idType = EntityMapping.idTypeOf(relationship.target()).orElse("ID");
        if (relationship.ownerMapping().isJpa()) {
            return idType.equals("ID") ? "a field of its id's type" : "a " + idType + " field";
        }
        return "AggregateReference<" + relationship.target().getSimpleName() + ", " + idType + ">";
    }
}
