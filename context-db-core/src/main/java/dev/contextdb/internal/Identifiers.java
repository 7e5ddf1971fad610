package dev.contextdb.internal;

import dev.contextdb.ContextDbConfigurationException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the schema, database and role names context-db puts into SQL. Only plain ASCII
 * identifiers pass: no quotes, semicolons, spaces or look-alike Unicode letters, no reserved
 * words, nothing longer than the vendor allows. Valid names are then quoted by {@link Vendor}.
 */
final class Identifiers {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Words reserved by SQL:2016 or by PostgreSQL, MariaDB or H2 that plausibly name a context. */
    private static final Set<String> RESERVED = Set.of(
            "all", "alter", "and", "any", "array", "as", "asc", "between", "both", "by", "case", "cast", "check",
            "collate", "column", "constraint", "create", "cross", "current_catalog", "current_date",
            "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "database",
            "default", "delete", "desc", "distinct", "do", "drop", "else", "end", "except", "exists", "false",
            "fetch", "for", "foreign", "from", "grant", "group", "having", "if", "in", "index", "inner", "insert",
            "intersect", "interval", "into", "is", "join", "key", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "null", "offset", "on", "or", "order", "outer", "primary",
            "public", "references", "revoke", "right", "row", "rows", "schema", "select", "session_user", "set",
            "some", "table", "then", "to", "trailing", "true", "union", "unique", "update", "user", "using",
            "values", "when", "where", "window", "with", "information_schema", "pg_catalog", "mysql",
            "performance_schema", "sys");

    private Identifiers() {
    }

    /**
     * @param value the identifier
     * @param what what it names, for example {@code "schema"}
     * @param context the context it belongs to
     * @param property the property that set it (or from which it was derived)
     * @param vendor the database it is meant for
     * @return {@code value}, valid
     * @throws ContextDbConfigurationException naming the property when the value is not a plain identifier
     */
    public static String check(String value, String what, String context, String property, Vendor vendor) {
        String problem = problem(value, vendor);
        if (problem != null) {
            throw new ContextDbConfigurationException(context, property,
                    "Context '" + context + "': " + what + " name '" + printable(value) + "' from " + property
                            + " is not accepted: " + problem + ".",
                    "set " + property + " to a plain name of letters, digits and underscores that starts with a letter,"
                            + " at most " + vendor.maxIdentifierLength() + " characters and not a reserved word,"
                            + " for example '" + context + "_data'.");
        }
        return value;
    }

    static String problem(String value, Vendor vendor) {
        if (value == null || value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > vendor.maxIdentifierLength()) {
            return "it is " + value.length() + " characters long, more than " + vendor.displayName() + "'s "
                    + vendor.maxIdentifierLength();
        }
        if (!PLAIN.matcher(value).matches()) {
            return "only ASCII letters, digits and underscores are allowed, starting with a letter or underscore";
        }
        if (RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return "it is a reserved word";
        }
        return null;
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp > 0x7e) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
