package dev.contextdb.maven;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code context-db:move}: moves one bounded context of this project's application from where
 * its configuration puts it now to another placement. The goal maps its parameters onto the
 * arguments of the starter's move command ({@code dev.contextdb.boot.ContextDbMove}) and runs it
 * on the project's runtime class path, in a class loader of its own, so that the project's
 * configuration, migrations and JDBC drivers are the ones the move uses. Compile the project
 * first.
 *
 * <pre>
 * ./mvnw compile context-db:move -Dcontext=inventory -Dto=SCHEMA -DdryRun    # the plan; nothing changes
 * ./mvnw context-db:move -Dcontext=inventory -Dto=SCHEMA -Dprofiles=prod
 * ./mvnw context-db:move -Dcontext=inventory -Dto=DATABASE \
 *     -Durl=jdbc:postgresql://inventory-db/inventory -Dusername=inventory -Dpassword=…
 * </pre>
 *
 * The plugin is found by its prefix once the project's POM names it:
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.contextdb</groupId>
 *   <artifactId>context-db-maven-plugin</artifactId>
 *   <version>…</version>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "move", requiresDependencyResolution = ResolutionScope.RUNTIME, requiresProject = true, threadSafe = true)
public class MoveMojo extends AbstractMojo {

    /** The command in the starter, loaded from the project's class path. */
    static final String COMMAND = "dev.contextdb.boot.ContextDbMove";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The context to move. */
    @Parameter(property = "context")
    String context;

    /** Where it goes: {@code SHARED}, {@code SCHEMA} or {@code DATABASE}. */
    @Parameter(property = "to")
    String to;

    /** Its schema at the target: under {@code SCHEMA} the context's name by default. */
    @Parameter(property = "schema")
    String schema;

    /** The target database's JDBC URL, for {@code -Dto=DATABASE}. */
    @Parameter(property = "url")
    String url;

    /** The target database's user. */
    @Parameter(property = "username")
    String username;

    /** The target database's password. */
    @Parameter(property = "password")
    String password;

    /** Prints the plan and what blocks the move; changes nothing. */
    @Parameter(property = "dryRun", defaultValue = "false")
    boolean dryRun;

    /** Undoes an unfinished move to another database. */
    @Parameter(property = "rollback", defaultValue = "false")
    boolean rollback;

    /** After a finished move to another database: drops the context at the source. */
    @Parameter(property = "dropSource", defaultValue = "false")
    boolean dropSource;

    /** The application's main class, when the project has several. */
    @Parameter(property = "application")
    String application;

    /** The Spring profiles to read the configuration with ({@code spring.profiles.active}). */
    @Parameter(property = "profiles")
    String profiles;

    /** More arguments for the command, separated by spaces: Spring Boot properties as {@code --name=value}. */
    @Parameter(property = "arguments")
    String arguments;

    /** Created by Maven. */
    public MoveMojo() {
    }

    /**
     * Runs the move command on the project's runtime class path.
     * @throws MojoFailureException when the command refused or failed: its message
     * @throws MojoExecutionException when the project has no context-db starter or cannot be read
     */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<String> args = arguments();
        File classes = new File(project.getBuild().getOutputDirectory());
        if (!classes.isDirectory()) {
            throw new MojoExecutionException("The project has no compiled classes in " + classes + "; the move reads"
                    + " its configuration and migrations from them. Run ./mvnw compile context-db:move ….");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            Method run = command(loader).getMethod("run", PrintStream.class, PrintStream.class, String[].class);
            thread.setContextClassLoader(loader);
            code = (Integer) run.invoke(null, System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                    args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw new MojoExecutionException("The move command failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IOException e) {
            throw new MojoExecutionException("Cannot run " + COMMAND + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        String message = err.toString(StandardCharsets.UTF_8).strip();
        if (code == 2) {
            message += "\nWith this goal each option is a property: --to=… is -Dto=…, --dry-run is -DdryRun,"
                    + " --drop-source is -DdropSource, Spring Boot properties go in -Darguments=\"--name=value …\".";
        }
        if (code != 0) {
            throw new MojoFailureException(message.isEmpty() ? "context-db:move ended with code " + code : message);
        }
        if (!message.isEmpty()) {
            getLog().warn(message);
        }
    }

    /** The command line the parameters stand for. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (context != null) {
            args.add(context);
        }
        option(args, "to", to);
        option(args, "schema", schema);
        option(args, "url", url);
        option(args, "username", username);
        option(args, "password", password);
        option(args, "application", application);
        if (dryRun) {
            args.add("--dry-run");
        }
        if (rollback) {
            args.add("--rollback");
        }
        if (dropSource) {
            args.add("--drop-source");
        }
        option(args, "spring.profiles.active", profiles);
        if (arguments != null && !arguments.isBlank()) {
            args.addAll(List.of(arguments.strip().split("\\s+")));
        }
        return args;
    }

    private static void option(List<String> args, String name, String value) {
        if (value != null) {
            args.add("--" + name + "=" + value);
        }
    }

    private URL[] classPath() throws MojoExecutionException {
        try {
            List<URL> urls = new ArrayList<>();
            for (String element : project.getRuntimeClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
            return urls.toArray(URL[]::new);
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("Cannot read the project's runtime class path: " + e.getMessage(), e);
        }
    }

    private static Class<?> command(ClassLoader loader) throws MojoExecutionException {
        try {
            return Class.forName(COMMAND, true, loader);
        } catch (ClassNotFoundException e) {
            throw new MojoExecutionException("The project's runtime class path has no " + COMMAND + ". Add"
                    + " dev.contextdb:context-db-spring-boot-starter to its dependencies (the version of this"
                    + " plugin): the move runs with the project's own configuration, migrations and drivers.", e);
        }
    }
}
