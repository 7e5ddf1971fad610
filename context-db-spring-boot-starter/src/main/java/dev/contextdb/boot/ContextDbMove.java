package dev.contextdb.boot;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDbException;
import dev.contextdb.ContextModel;
import dev.contextdb.ContextMove;
import dev.contextdb.ContextSettings;
import dev.contextdb.IsolationStrategy;
import java.io.PrintStream;
import java.sql.Driver;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The move command: moves one bounded context from where the application's configuration puts it
 * now to the placement given on the command line ({@link ContextMove}), reading the application's
 * {@code context-db.*} configuration exactly as its start would (its {@code application.yml},
 * profiles, environment variables and {@code --…} overrides) without starting it. Run from the
 * build with the Maven goal, which puts the project's own class path (its migrations and JDBC
 * drivers) under it:
 *
 * <pre>
 * ./mvnw context-db:move -Dcontext=inventory -Dto=SCHEMA -DdryRun     # the plan; nothing changes
 * ./mvnw context-db:move -Dcontext=inventory -Dto=SCHEMA
 * </pre>
 *
 * or as a plain main class on the application's class path:
 *
 * <pre>
 * java -cp "$CLASSPATH" dev.contextdb.boot.ContextDbMove inventory --to=DATABASE \
 *     --url=jdbc:postgresql://inventory-db/inventory --username=inventory --password=… \
 *     --spring.profiles.active=prod
 * </pre>
 *
 * It prints the plan, one line per step, and the final report; the exit code is {@code 0} when
 * the step succeeded, {@code 1} when it was refused or failed (the message says why and how to go
 * on), {@code 2} for a bad command line.
 */
public final class ContextDbMove {

    private ContextDbMove() {
    }

    /**
     * Runs the command and exits with its code.
     * @param args {@code <context> --to=SHARED|SCHEMA|DATABASE [--schema=…] [--url=… --username=…
     *     --password=…] [--dry-run | --rollback | --drop-source] [--application=…]}, and any Spring
     *     Boot property of the application as {@code --name=value}
     */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the command, with the class path's and the thread's context class loader as the
     * application's.
     * @param out where the plan, the progress and the report go
     * @param err where a refusal or failure goes
     * @param args as for {@link #main(String[])}
     * @return {@code 0} done, {@code 1} refused or failed, {@code 2} a bad command line
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        MoveArguments arguments;
        try {
            arguments = MoveArguments.parse(args);
        } catch (MoveArguments.Invalid e) {
            err.println(e.getMessage());
            err.println(MoveArguments.USAGE);
            return 2;
        }
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ContextDbMove.class.getClassLoader();
        try {
            return execute(arguments, classLoader, out, err);
        } catch (MoveArguments.Invalid e) {
            err.println(e.getMessage());
            return 2;
        } catch (ContextDbException e) {
            err.println(e.getMessage());
            return 1;
        } catch (BindException e) {
            err.println("The application's " + e.getName() + " cannot be read: " + rootMessage(e)
                    + " Fix: correct that property (in application.properties/.yml, the environment or the"
                    + " command line).");
            return 1;
        } catch (RuntimeException e) {
            // The trace goes with the output, for the log; the failure itself is the one line on err.
            e.printStackTrace(out);
            err.println("The move of context '" + arguments.context() + "' failed: " + e);
            return 1;
        }
    }

    /** Reads the application's configuration; connects to nothing. */
    private static Configuration configuration(MoveArguments arguments, ClassLoader classLoader) {
        registerDrivers(classLoader);
        Class<?> application = ApplicationEnvironment.applicationClass(arguments.application(), classLoader);
        ConfigurableEnvironment environment = ApplicationEnvironment.load(application, arguments.springArguments(),
                classLoader);
        ContextDbProperties properties = Binder.get(environment).bindOrCreate(ContextDbProperties.PREFIX,
                Bindable.of(ContextDbProperties.class));
        if (!properties.isEnabled()) {
            throw new ContextDbConfigurationException(null, ContextDbProperties.PREFIX + ".enabled",
                    "context-db.enabled=false: context-db does not place this application's contexts, so there is"
                            + " nothing it could move.", "remove context-db.enabled=false (or run with"
                            + " --context-db.enabled=true).");
        }
        List<String> packages = ContextModels.basePackages(environment, application);
        if (packages.isEmpty()) {
            throw new MoveArguments.Invalid("No Spring Boot application class in the project's compiled classes, and"
                    + " context-db.base-packages is not set: there is no telling where the contexts are.",
                    "compile the project (its application class tells where its contexts are), pass"
                            + " --application=<main class>, or --context-db.base-packages=….");
        }
        ContextModel model = ContextModels.scan(packages, null, classLoader);
        if (model.context(arguments.context()).isEmpty()) {
            throw new MoveArguments.Invalid("Unknown context '" + arguments.context() + "' (the first argument): the"
                    + " application declares " + (model.isEmpty() ? "no context under " + packages
                    : String.join(", ", model.names())) + ".", "name one of its contexts.");
        }
        ContextDbProperties.Context configured = properties.getContexts().get(arguments.context());
        if (alreadyThere(arguments, properties, configured)) {
            String prefix = ContextDbProperties.PREFIX + ".contexts." + arguments.context() + ".";
            if (arguments.action() == MoveArguments.Action.ROLLBACK
                    || arguments.action() == MoveArguments.Action.DROP_SOURCE) {
                throw new MoveArguments.Invalid("The configuration already places context '" + arguments.context()
                        + "' at the target (strategy " + arguments.to() + "), so it no longer says where the source"
                        + " is.", "run this step with the configuration the move read: pass the old placement back"
                        + " on the command line, for example --" + prefix + "strategy=… (and its old ."
                        + "datasource.* or .schema).");
            }
            throw new MoveArguments.Invalid("Context '" + arguments.context() + "' already lives there: its"
                    + " configuration says strategy " + arguments.to() + (arguments.schema() == null ? ""
                    : ", schema " + arguments.schema()) + ".", "give the placement it should move to; the"
                    + " configuration (" + prefix + "*, " + ContextDbProperties.PREFIX + ".strategy) says where it"
                    + " lives now.");
        }
        return new Configuration(ContextDbFactory.builder(model, properties, environment, classLoader), configured);
    }

    /** Whether the configuration already places the context where the command line wants it. */
    static boolean alreadyThere(MoveArguments arguments, ContextDbProperties properties,
            ContextDbProperties.@Nullable Context configured) {
        IsolationStrategy now = configured != null && configured.getStrategy() != null ? configured.getStrategy()
                : properties.getStrategy();
        if (now != arguments.to() || !Objects.equals(configured == null ? null : configured.getSchema(),
                arguments.schema())) {
            return false;
        }
        return arguments.to() != IsolationStrategy.DATABASE
                || Objects.equals(configured == null ? null : configured.getDatasource().getUrl(), arguments.url());
    }

    /**
     * @param builder the application's configuration, not started
     * @param context the moving context's own {@code context-db.contexts.<name>.*}, or {@code null}
     */
    private record Configuration(ContextDb.Builder builder, ContextDbProperties.@Nullable Context context) {

        ContextMove move(MoveArguments arguments) {
            boolean ownDatabase = context != null && context.getDatasource().getUrl() != null;
            return ContextMove.of(builder, arguments.context(), target -> target(arguments, ownDatabase, target));
        }
    }

    /**
     * The context's settings at the target: what the command line says. Under {@code SHARED} and
     * {@code SCHEMA} it leaves the shared database's URL to the context and keeps its own
     * credentials (its role's), unless it came from a database of its own, whose credentials mean
     * nothing in the shared one.
     */
    private static void target(MoveArguments arguments, boolean ownDatabase, ContextSettings target) {
        target.strategy(arguments.to()).schema(arguments.schema());
        if (arguments.to() == IsolationStrategy.DATABASE) {
            target.datasource(arguments.url(), arguments.username(), arguments.password());
        } else if (arguments.username() != null || arguments.password() != null || ownDatabase) {
            target.datasource(null, arguments.username(), arguments.password());
        }
    }

    private static int execute(MoveArguments arguments, ClassLoader classLoader, PrintStream out, PrintStream err) {
        Configuration configuration = configuration(arguments, classLoader);
        ContextDbProperties.Context configured = configuration.context();
        ContextMove move = configuration.move(arguments);
        switch (arguments.action()) {
            case PLAN -> {
                ContextMove.Plan plan = move.plan();
                out.print(plan.describe());
                out.println("Dry run: nothing was changed.");
                if (plan.blocked()) {
                    err.println("Context '" + arguments.context() + "' cannot move: the plan above is blocked. Fix:"
                            + " remove what blocks it, then run the move.");
                    return 1;
                }
                return 0;
            }
            case MOVE -> {
                ContextMove.Plan plan = move.plan();
                out.print(plan.describe());
                if (plan.blocked()) {
                    err.println("Context '" + arguments.context() + "' was not moved: the plan above is blocked,"
                            + " and nothing was changed. Fix: remove what blocks it, then run the move again.");
                    return 1;
                }
                List<String> progress = new ArrayList<>();
                ContextMove.Report report = move.run(line -> {
                    progress.add(line);
                    out.println(line);
                });
                if (!progress.contains(report.describe().stripTrailing())) {
                    out.print(report.describe());
                }
                out.print(nextSteps(arguments, configured, report.sourceKept()));
                return 0;
            }
            case ROLLBACK -> {
                move.rollback(out::println);
                out.println("Rolled back the move of context '" + arguments.context() + "': it lives where the"
                        + " configuration says, unchanged.");
                return 0;
            }
            case DROP_SOURCE -> {
                move.dropSource(out::println);
                out.println("Dropped context '" + arguments.context() + "' at the source.");
                return 0;
            }
            default -> throw new IllegalStateException(arguments.action().name());
        }
    }

    /**
     * The properties that now say where the context lives, and, after a copy, how to remove the source.
     * @param configured the context's configuration before the move, or {@code null}
     * @param sourceKept whether the rows were copied, the source kept until it is dropped
     */
    static String nextSteps(MoveArguments arguments, ContextDbProperties.@Nullable Context configured,
            boolean sourceKept) {
        String prefix = ContextDbProperties.PREFIX + ".contexts." + arguments.context() + ".";
        StringBuilder text = new StringBuilder("Next: stop what still runs on the old configuration, and set\n");
        text.append("  ").append(prefix).append("strategy=").append(arguments.to().name().toLowerCase(Locale.ROOT))
                .append('\n');
        if (arguments.schema() != null) {
            text.append("  ").append(prefix).append("schema=").append(arguments.schema()).append('\n');
        }
        List<String> remove = new ArrayList<>();
        if (arguments.to() == IsolationStrategy.DATABASE) {
            text.append("  ").append(prefix).append("datasource.url=").append(arguments.url()).append('\n');
            if (arguments.username() != null) {
                text.append("  ").append(prefix).append("datasource.username=").append(arguments.username())
                        .append('\n');
            }
            if (arguments.password() != null) {
                text.append("  ").append(prefix).append("datasource.password=(its password)\n");
            }
        } else if (configured != null && configured.getDatasource().getUrl() != null) {
            remove.add(prefix + "datasource.*");
        }
        if (arguments.schema() == null && configured != null && configured.getSchema() != null) {
            remove.add(prefix + "schema");
        }
        if (!remove.isEmpty()) {
            text.append("and remove ").append(String.join(" and ", remove)).append('\n');
        }
        text.append("then start the application: the context's migrations are all applied there, none will run.\n");
        if (sourceKept) {
            text.append("Once it runs there, remove the context's tables at the source: the same move again with"
                    + " --drop-source (-DdropSource from Maven).\n");
        }
        return text.toString();
    }

    /**
     * Registers the class path's JDBC drivers: {@code DriverManager} found its drivers once, with
     * the class loader of the first caller, which under a build tool is not the project's.
     */
    private static void registerDrivers(ClassLoader classLoader) {
        Iterator<Driver> drivers = ServiceLoader.load(Driver.class, classLoader).iterator();
        while (true) {
            try {
                if (!drivers.hasNext()) {
                    return;
                }
                drivers.next();
            } catch (ServiceConfigurationError e) {
                // A driver that cannot load is one the move does not use; the one it needs fails by name.
            }
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
