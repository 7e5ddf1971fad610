package dev.contextdb;

/**
 * The database products context-db places contexts on, as {@link Placement#vendor()} reports
 * them. Integrations read what they need from here rather than from a display string: the
 * starter's jOOQ configuration takes its {@code SQLDialect} from {@link #jooqDialect()}.
 *
 * <pre>{@code
 * DatabaseVendor vendor = contextDb.placement("orders").vendor();   // POSTGRESQL
 * vendor.displayName();                                             // "PostgreSQL"
 * SQLDialect.valueOf(vendor.jooqDialect());                         // SQLDialect.POSTGRES
 * }</pre>
 */
public enum DatabaseVendor {

    /** PostgreSQL ({@code jdbc:postgresql:}). */
    POSTGRESQL("PostgreSQL", "POSTGRES"),

    /** MariaDB, and MySQL through the same dialect ({@code jdbc:mariadb:}, {@code jdbc:mysql:}). */
    MARIADB("MariaDB", "MARIADB"),

    /** H2 ({@code jdbc:h2:}), the embedded default. */
    H2("H2", "H2");

    private final String displayName;
    private final String jooqDialect;

    DatabaseVendor(String displayName, String jooqDialect) {
        this.displayName = displayName;
        this.jooqDialect = jooqDialect;
    }

    /** @return the product's name for people, for example {@code "PostgreSQL"} */
    public String displayName() {
        return displayName;
    }

    /**
     * @return the name of jOOQ's {@code org.jooq.SQLDialect} constant for this database (named, not
     *         referenced, because jOOQ is optional), for example {@code "POSTGRES"}
     */
    public String jooqDialect() {
        return jooqDialect;
    }
}
