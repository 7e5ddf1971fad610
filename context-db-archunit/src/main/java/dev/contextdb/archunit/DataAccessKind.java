package dev.contextdb.archunit;

/**
 * What makes a type a data-access type, and whether it merely describes tables.
 *
 * <p>Types that describe tables (jOOQ's generated tables, records, schemas and constant holders,
 * JPA entities, Spring Data JDBC aggregates) are what a context needs to query another context's
 * tables in its own code, on its own connection, where the database grants a declared read
 * {@code SELECT} and nothing more. Every other data-access type is code that runs on its owner's
 * connection, writes included, or, for JPA embeddables and mapped superclasses, a mapping of
 * columns that the owner may change with its own tables ({@link EntityMapping}).
 *
 * @param description for messages, for example {@code "a jOOQ table"}
 * @param describesTables whether a declared read permits other contexts to use it
 */
record DataAccessKind(String description, boolean describesTables) {

    static DataAccessKind tables(String description) {
        return new DataAccessKind(description, true);
    }

    static DataAccessKind code(String description) {
        return new DataAccessKind(description, false);
    }
}
