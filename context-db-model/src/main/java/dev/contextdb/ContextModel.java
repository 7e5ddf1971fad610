package dev.contextdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The bounded contexts of an application: their names, packages and declared reads. Built once,
 * validated once, and then the single answer to "which context owns this class" for the runtime,
 * the Spring Boot starter and the ArchUnit rules.
 *
 * <pre>{@code
 * ContextModel model = ContextModel.scan("com.acme.shop");
 * model.contextOf(OrderRepository.class);      // Optional[orders]
 * model.inReadsOrder();                        // [catalog, inventory, orders]
 * }</pre>
 *
 * Invalid names, duplicate names, overlapping packages, unknown or cyclic {@code reads} are
 * rejected with a {@link ContextDbConfigurationException} that names both sides.
 */
public final class ContextModel {

    /** Context names: lower-case letters, digits and underscores, starting with a letter, at most 48. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    private final Map<String, ContextDefinition> byName;
    private final List<ContextDefinition> readsOrder;
    private final Map<String, Optional<ContextDefinition>> byPackage = new ConcurrentHashMap<>();

    private ContextModel(Map<String, ContextDefinition> byName) {
        this.byName = byName;
        this.readsOrder = sortByReads(byName);
    }

    /**
     * Scans the given packages (and subpackages) for {@link BoundedContext} (and jMolecules'
     * annotation of that name, and Spring Modulith's {@code @ApplicationModule}) on package-infos
     * and types, without loading the classes.
     * @param basePackages where to look, for example {@code "com.acme.shop"}
     * @return the validated model
     */
    public static ContextModel scan(String... basePackages) {
        return scan(Thread.currentThread().getContextClassLoader(), List.of(basePackages));
    }

    /**
     * As {@link #scan(String...)}, with an explicit class loader.
     * @param classLoader where to look for classes
     * @param basePackages where to look
     * @return the validated model
     */
    public static ContextModel scan(ClassLoader classLoader, Collection<String> basePackages) {
        return of(ContextScanner.scan(classLoader, basePackages));
    }

    /**
     * @param definitions the contexts
     * @return the validated model
     */
    public static ContextModel of(ContextDefinition... definitions) {
        return of(List.of(definitions));
    }

    /**
     * Validates and indexes definitions. The same context declared twice for the same package
     * (say, on two types) is one context.
     * @param definitions the contexts
     * @return the validated model
     */
    public static ContextModel of(Collection<ContextDefinition> definitions) {
        Map<String, ContextDefinition> byName = new LinkedHashMap<>();
        List<ContextDefinition> sorted = new ArrayList<>(definitions);
        sorted.sort(Comparator.comparing(ContextDefinition::name).thenComparing(ContextDefinition::source));
        for (ContextDefinition definition : sorted) {
            checkName(definition);
            ContextDefinition existing = byName.get(definition.name());
            if (existing == null) {
                byName.put(definition.name(), definition);
            } else if (!existing.basePackage().equals(definition.basePackage())) {
                throw new ContextDbConfigurationException(definition.name(), "@BoundedContext",
                        "Context '" + definition.name() + "' is declared twice: by " + existing.source()
                                + " and by " + definition.source() + ".",
                        "give one of them another name; a context owns one package and its subpackages.");
            } else if (!Set.copyOf(existing.reads()).equals(Set.copyOf(definition.reads()))) {
                throw new ContextDbConfigurationException(definition.name(), "@BoundedContext(reads)",
                        "Context '" + definition.name() + "' declares different reads " + existing.reads() + " by "
                                + existing.source() + " and " + definition.reads() + " by " + definition.source() + ".",
                        "declare reads in one place, preferably package-info.java.");
            }
        }
        checkPackages(byName.values());
        checkReads(byName);
        return new ContextModel(byName);
    }

    /** @return every context, by name */
    public List<ContextDefinition> contexts() {
        return List.copyOf(byName.values());
    }

    /** @return the context names, sorted */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return whether no context is declared */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /**
     * @param name a context name
     * @return the context of that name
     */
    public Optional<ContextDefinition> context(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The contexts ordered so that every context comes after the contexts it reads (ties by
     * name): the order in which they migrate.
     * @return the contexts in reads order
     */
    public List<ContextDefinition> inReadsOrder() {
        return readsOrder;
    }

    /**
     * @param type a class
     * @return the context whose package owns the class, if any
     */
    public Optional<ContextDefinition> contextOf(Class<?> type) {
        return contextOfPackage(type.getPackageName());
    }

    /**
     * @param className a fully qualified class name
     * @return the context whose package owns the class, if any
     */
    public Optional<ContextDefinition> contextOf(String className) {
        int dot = className.lastIndexOf('.');
        return contextOfPackage(dot < 0 ? "" : className.substring(0, dot));
    }

    /**
     * @param packageName a package name
     * @return the context that owns the package (the longest matching base package), if any
     */
    public Optional<ContextDefinition> contextOfPackage(String packageName) {
        return byPackage.computeIfAbsent(packageName, name -> {
            ContextDefinition best = null;
            for (ContextDefinition definition : byName.values()) {
                if (definition.owns(name)
                        && (best == null || definition.basePackage().length() > best.basePackage().length())) {
                    best = definition;
                }
            }
            return Optional.ofNullable(best);
        });
    }

    @Override
    public String toString() {
        return "ContextModel" + byName.values();
    }

    private static void checkName(ContextDefinition definition) {
        if (!NAME.matcher(definition.name()).matches()) {
            boolean module = definition.source().startsWith("Spring Modulith");
            throw new ContextDbConfigurationException(null, module ? "@ApplicationModule" : "@BoundedContext",
                    "Context name '" + definition.name() + "' declared by " + definition.source()
                            + " is invalid: a context name must match " + NAME.pattern() + ".",
                    "use lower-case letters, digits and underscores, starting with a letter, at most 48 characters,"
                            + (module ? " for example @ApplicationModule(id = \"order_management\")."
                                    : " for example @BoundedContext(\"order_management\")."));
        }
    }

    private static void checkPackages(Collection<ContextDefinition> definitions) {
        List<ContextDefinition> list = new ArrayList<>(definitions);
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                ContextDefinition a = list.get(i);
                ContextDefinition b = list.get(j);
                if (a.owns(b.basePackage()) || b.owns(a.basePackage())) {
                    ContextDefinition outer = a.owns(b.basePackage()) ? a : b;
                    ContextDefinition inner = outer == a ? b : a;
                    throw new ContextDbConfigurationException(inner.name(), "@BoundedContext",
                            "Contexts '" + outer.name() + "' (" + outer.source() + ") and '" + inner.name() + "' ("
                                    + inner.source() + ") overlap: package " + inner.basePackage()
                                    + " lies inside " + outer.basePackage() + ".",
                            "move one context to a package outside the other, or merge them.");
                }
            }
        }
    }

    private static void checkReads(Map<String, ContextDefinition> byName) {
        for (ContextDefinition definition : byName.values()) {
            for (String read : definition.reads()) {
                if (read.equals(definition.name())) {
                    throw new ContextDbConfigurationException(definition.name(), "@BoundedContext(reads)",
                            "Context '" + definition.name() + "' (" + definition.source() + ") reads itself.",
                            "remove '" + read + "' from reads; a context always reads its own data.");
                }
                if (!byName.containsKey(read)) {
                    throw new ContextDbConfigurationException(definition.name(), "@BoundedContext(reads)",
                            "Context '" + definition.name() + "' (" + definition.source() + ") reads unknown context '"
                                    + read + "'; known contexts: " + byName.keySet() + ".",
                            "declare @BoundedContext(\"" + read + "\") on its package, or fix the name in reads.");
                }
            }
        }
    }

    private static List<ContextDefinition> sortByReads(Map<String, ContextDefinition> byName) {
        List<ContextDefinition> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String name : byName.keySet()) {
            visit(name, byName, done, new ArrayList<>(), order);
        }
        return List.copyOf(order);
    }

    private static void visit(String name, Map<String, ContextDefinition> byName, Set<String> done,
            List<String> path, List<ContextDefinition> order) {
        if (done.contains(name)) {
            return;
        }
        int seen = path.indexOf(name);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(name);
            throw new ContextDbConfigurationException(name, "@BoundedContext(reads)",
                    "Contexts read each other in a cycle: " + String.join(" -> ", cycle) + ".",
                    "break the cycle; let one side call the other's application service or subscribe to its events.");
        }
        path.add(name);
        ContextDefinition definition = byName.get(name);
        definition.reads().stream().sorted().forEach(read -> visit(read, byName, done, path, order));
        path.remove(path.size() - 1);
        done.add(name);
        order.add(definition);
    }
}
