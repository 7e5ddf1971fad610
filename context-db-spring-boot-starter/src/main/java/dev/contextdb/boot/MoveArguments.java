package dev.contextdb.boot;

import dev.contextdb.IsolationStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The move command's arguments: the context, the target and what to do, apart from the Spring
 * Boot arguments ({@code --spring.profiles.active=…}, {@code --context-db.…=…}), which go to the
 * application's configuration as they would at its start. Checked here, before anything is
 * loaded, so that a typo costs nothing and is named with its fix.
 *
 * @param context the context that moves
 * @param to the strategy it moves to
 * @param schema {@code --schema}: its schema at the target, or {@code null} for the default
 * @param url {@code --url}: the target database under {@code DATABASE}
 * @param username {@code --username}: the target's user, or {@code null}
 * @param password {@code --password}: the target's password, or {@code null}
 * @param action what to do
 * @param application {@code --application}: the application's main class, or {@code null} to find it
 * @param springArguments everything else, for Spring Boot
 */
record MoveArguments(String context, IsolationStrategy to, @Nullable String schema, @Nullable String url,
        @Nullable String username, @Nullable String password, Action action, @Nullable String application,
        List<String> springArguments) {

    /** What the command does with the move. */
    enum Action {
        /** {@code --dry-run}: print the plan, change nothing. */
        PLAN,
        /** Move, or finish an interrupted move. */
        MOVE,
        /** {@code --rollback}: undo an unfinished move to another database. */
        ROLLBACK,
        /** {@code --drop-source}: drop what a finished copy left at the source. */
        DROP_SOURCE
    }

    static final String USAGE = """
            Usage: <context> --to=SHARED|SCHEMA|DATABASE [options] [--spring.profiles.active=…] [--context-db.…=…]
              --to=STRATEGY        where the context goes: SHARED, SCHEMA or DATABASE
              --schema=NAME        its schema there (SCHEMA: default the context's name; DATABASE: optional)
              --url=JDBC_URL       the target database, for --to=DATABASE
              --username=USER      the target's user (DATABASE; under SCHEMA/SHARED the context's own credentials)
              --password=SECRET    the target's password
              --dry-run            print the plan and what blocks the move; change nothing
              --rollback           undo an unfinished move to another database (same --to and target)
              --drop-source        after a finished move to another database: drop the context at the source
              --application=CLASS  the application's main class, when the build has several
            Any other --name=value is a Spring Boot property of the application (a profile, a context-db.* override).""";

    MoveArguments {
        springArguments = List.copyOf(springArguments);
    }

    /**
     * @param args the command line
     * @return the arguments, checked
     * @throws Invalid naming the argument and the fix
     */
    static MoveArguments parse(String... args) {
        String context = null;
        String to = null;
        String schema = null;
        String url = null;
        String username = null;
        String password = null;
        String application = null;
        List<Action> actions = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                if (context != null) {
                    throw new Invalid("Two contexts given, '" + context + "' and '" + arg + "'; a move is of one"
                            + " context.", "name one context; options start with --.");
                }
                context = arg;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String value = equals < 0 ? null : arg.substring(equals + 1);
            switch (name) {
                case "to" -> to = value(name, value);
                case "schema" -> schema = value(name, value);
                case "url" -> url = value(name, value);
                case "username" -> username = value(name, value);
                case "password" -> password = value == null ? "" : value;
                case "application" -> application = value(name, value);
                case "dry-run" -> actions.add(flag(name, value, Action.PLAN));
                case "rollback" -> actions.add(flag(name, value, Action.ROLLBACK));
                case "drop-source" -> actions.add(flag(name, value, Action.DROP_SOURCE));
                case "debug", "trace" -> spring.add(arg); // Spring Boot's own, without a dot
                default -> {
                    if (!name.contains(".")) {
                        throw new Invalid("Unknown option --" + name + ".", "use one of --to, --schema, --url,"
                                + " --username, --password, --dry-run, --rollback, --drop-source, --application;"
                                + " a Spring Boot property is passed with its full name, as --context-db.strategy=….");
                    }
                    spring.add(arg);
                }
            }
        }
        if (context == null || context.isBlank()) {
            throw new Invalid("No context given.", "name the context to move as the first argument, for example"
                    + " 'inventory --to=SCHEMA'.");
        }
        if (to == null) {
            throw new Invalid("No target given for context '" + context + "'.", "add --to=SHARED, --to=SCHEMA or"
                    + " --to=DATABASE (with --url=… for DATABASE).");
        }
        IsolationStrategy strategy = strategy(to);
        if (actions.size() > 1) {
            throw new Invalid("--dry-run, --rollback and --drop-source are different steps; " + actions.size()
                    + " were given.", "give one of them, or none to move.");
        }
        if (strategy == IsolationStrategy.DATABASE && url == null) {
            throw new Invalid("--to=DATABASE needs the database that context '" + context + "' moves to.",
                    "add --url=jdbc:… (and --username=…, --password=…) of that database; the move creates it"
                            + " when it is missing and the user may.");
        }
        if (strategy != IsolationStrategy.DATABASE && url != null) {
            throw new Invalid("--url is the target database of --to=DATABASE; with --to=" + strategy + " context '"
                    + context + "' stays in the shared database (context-db.datasource.url).",
                    "remove --url, or use --to=DATABASE.");
        }
        if (strategy == IsolationStrategy.SHARED && schema != null) {
            throw new Invalid("--schema with --to=SHARED: under SHARED every context shares the one schema of"
                    + " context-db.datasource.", "remove --schema, or use --to=SCHEMA.");
        }
        return new MoveArguments(context, strategy, schema, url, username, password,
                actions.isEmpty() ? Action.MOVE : actions.get(0), application, spring);
    }

    private static IsolationStrategy strategy(String to) {
        try {
            return IsolationStrategy.valueOf(to.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("--to=" + to + " is no strategy.", "use --to=SHARED, --to=SCHEMA or --to=DATABASE.");
        }
    }

    private static String value(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new Invalid("--" + name + " has no value.", "write it as --" + name + "=….");
        }
        return value;
    }

    private static Action flag(String name, @Nullable String value, Action action) {
        if (value != null && !value.equalsIgnoreCase("true")) {
            throw new Invalid("--" + name + " is a flag; it was given the value '" + value + "'.",
                    "write --" + name + " alone, or leave it out.");
        }
        return action;
    }

    /** A bad command line: what is wrong and the fix, shown with the usage. */
    static final class Invalid extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        Invalid(String description, String fix) {
            super(description + " Fix: " + fix);
        }
    }
}
