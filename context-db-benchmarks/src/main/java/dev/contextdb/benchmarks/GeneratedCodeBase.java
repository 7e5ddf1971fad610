package dev.contextdb.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A Spring application of 20 bounded contexts, written as Java sources and compiled, for the
 * ArchUnit rules to analyse. Each context declares itself on its package-info (some with
 * {@code reads}) and consists of units of ten classes: an entity with its status enum, an id, a
 * DTO, an event, a mapper, a repository (a Spring Data interface in even units, a Spring
 * {@code @Repository} on {@code JdbcTemplate} in odd ones), a query class that injects the
 * {@code DataSource}, an application service that calls the previous context's service, and a
 * controller.
 *
 * <p>The code base is clean except for {@link #PLANTED} classes, each breaking one rule, so that
 * the rules find, describe and report real violations on every run.
 *
 * <pre>{@code
 * GeneratedCodeBase codeBase = GeneratedCodeBase.create(10_000);
 * JavaClasses classes = new ClassFileImporter().importPath(codeBase.classes());
 * codeBase.delete();
 * }</pre>
 */
final class GeneratedCodeBase {

    static final String BASE_PACKAGE = "bench.shop";

    static final List<String> CONTEXTS = List.of("catalog", "orders", "inventory", "billing", "shipping",
            "customers", "pricing", "payments", "invoicing", "returns", "reviews", "search", "recommendations",
            "loyalty", "notifications", "accounts", "warehouse", "procurement", "suppliers", "reporting");

    /** Class files per unit: entity, its status enum, id, DTO, event, mapper, repository, queries, service, controller. */
    static final int CLASSES_PER_UNIT = 10;

    /** The classes that break a rule, by simple name; everything else is clean. */
    static final List<String> PLANTED = List.of("OrdersInventoryReport", "InventoryOrdersBackfill",
            "ReviewsSearchAdmin", "CustomersSettlement", "PaymentsLegacyExport", "ReturnsInvoiceLookup",
            "AuditTrailRepository");

    private final Path root;
    private final Path classes;
    private final int classFiles;

    private GeneratedCodeBase(Path root, Path classes, int classFiles) {
        this.root = root;
        this.classes = classes;
        this.classFiles = classFiles;
    }

    /**
     * Writes and compiles the code base in a new temporary directory.
     *
     * @param classes about how many classes to generate; at least one unit per context
     * @return the compiled code base
     */
    static GeneratedCodeBase create(int classes) throws IOException {
        int units = Math.max(1, Math.round((float) classes / (CONTEXTS.size() * CLASSES_PER_UNIT)));
        Path root = Files.createTempDirectory("context-db-archunit-bench");
        try {
            Path sources = root.resolve("src");
            Path output = Files.createDirectories(root.resolve("classes"));
            List<Path> files = new Sources(sources, units).write();
            compile(files, output);
            int classFiles;
            try (Stream<Path> compiled = Files.walk(output)) {
                classFiles = (int) compiled.filter(file -> file.toString().endsWith(".class")).count();
            }
            return new GeneratedCodeBase(root, output, classFiles);
        } catch (IOException | RuntimeException e) {
            delete(root);
            throw e;
        }
    }

    /** @return the directory of the compiled classes, package-infos included */
    Path classes() {
        return classes;
    }

    /** @return how many class files were compiled */
    int classFiles() {
        return classFiles;
    }

    /** Deletes the sources and the classes. */
    void delete() {
        delete(root);
    }

    private static void compile(List<Path> files, Path output) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler in this runtime: run the benchmark on a JDK, not a JRE.");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            // -g and -parameters as the project's own build compiles: ArchUnit reads lines and names.
            List<String> options = List.of("-proc:none", "-g", "-parameters", "-nowarn", "-encoding", "UTF-8",
                    "-classpath", System.getProperty("java.class.path"), "-d", output.toString());
            boolean compiled = compiler.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!compiled) {
                throw new IllegalStateException("The generated code base does not compile: "
                        + diagnostics.getDiagnostics().stream().limit(5).map(Object::toString).toList());
            }
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the generated code base in " + root, e);
        }
    }

    /** The sources: what each class looks like, context by context. */
    private static final class Sources {

        private final Path root;
        private final int units;
        private final List<Path> written = new ArrayList<>();

        Sources(Path root, int units) {
            this.root = root;
            this.units = units;
        }

        List<Path> write() throws IOException {
            for (int context = 0; context < CONTEXTS.size(); context++) {
                writeContext(context);
                for (int unit = 0; unit < units; unit++) {
                    writeUnit(context, unit);
                }
            }
            writePlanted();
            return written;
        }

        /** Every fifth context reads the one before it, as a reporting context reads what it reports on. */
        private void writeContext(int context) throws IOException {
            String name = CONTEXTS.get(context);
            String reads = context % 5 == 4 ? ", reads = \"" + CONTEXTS.get(context - 1) + "\"" : "";
            write(pkg(context), "package-info", """
                    /** The %s context. */
                    @BoundedContext(name = "%s"%s)
                    package %s;

                    import dev.contextdb.BoundedContext;
                    """.formatted(name, name, reads, pkg(context)));
        }

        private void writeUnit(int context, int unit) throws IOException {
            String p = pkg(context);
            String u = unitName(context, unit);
            write(p + ".domain", u, """
                    package %1$s.domain;

                    import java.math.BigDecimal;
                    import java.time.Instant;
                    import java.util.ArrayList;
                    import java.util.List;
                    import java.util.Objects;

                    public class %2$s {

                        public enum Status { NEW, ACTIVE, CLOSED }

                        private final %2$sId id;
                        private String name;
                        private BigDecimal amount;
                        private Status status = Status.NEW;
                        private final List<String> tags = new ArrayList<>();
                        private Instant updatedAt = Instant.EPOCH;

                        public %2$s(%2$sId id, String name, BigDecimal amount) {
                            this.id = Objects.requireNonNull(id, "id");
                            this.name = Objects.requireNonNull(name, "name");
                            this.amount = amount == null ? BigDecimal.ZERO : amount;
                        }

                        public %2$sId id() {
                            return id;
                        }

                        public String name() {
                            return name;
                        }

                        public BigDecimal amount() {
                            return amount;
                        }

                        public Status status() {
                            return status;
                        }

                        public List<String> tags() {
                            return List.copyOf(tags);
                        }

                        public Instant updatedAt() {
                            return updatedAt;
                        }

                        public void activate() {
                            if (status != Status.NEW) {
                                throw new IllegalStateException(id + " is " + status + ", not NEW");
                            }
                            status = Status.ACTIVE;
                            updatedAt = Instant.now();
                        }

                        public void close() {
                            status = Status.CLOSED;
                            updatedAt = Instant.now();
                        }

                        public void rename(String newName) {
                            if (newName == null || newName.isBlank()) {
                                throw new IllegalArgumentException("name must not be blank");
                            }
                            name = newName;
                            updatedAt = Instant.now();
                        }

                        public void adjust(BigDecimal delta) {
                            amount = amount.add(delta);
                            updatedAt = Instant.now();
                        }

                        public void tag(String tag) {
                            if (!tags.contains(tag)) {
                                tags.add(tag);
                            }
                        }
                    }
                    """.formatted(p, u));
            write(p + ".domain", u + "Id", """
                    package %1$s.domain;

                    public record %2$sId(long value) {
                        public %2$sId {
                            if (value <= 0) {
                                throw new IllegalArgumentException("id must be positive: " + value);
                            }
                        }
                    }
                    """.formatted(p, u));
            write(p + ".api", u + "Dto", """
                    package %1$s.api;

                    import java.math.BigDecimal;
                    import java.time.Instant;
                    import java.util.List;

                    public record %2$sDto(long id, String name, BigDecimal amount, String status, List<String> tags,
                            Instant updatedAt) {
                    }
                    """.formatted(p, u));
            write(p + ".api", u + "Created", """
                    package %1$s.api;

                    import java.time.Instant;

                    public record %2$sCreated(long id, String name, Instant at) {
                    }
                    """.formatted(p, u));
            write(p + ".api", u + "Mapper", """
                    package %1$s.api;

                    import %1$s.domain.%2$s;

                    final class %2$sMapper {

                        private %2$sMapper() {
                        }

                        static %2$sDto toDto(%2$s entity) {
                            return new %2$sDto(entity.id().value(), entity.name(), entity.amount(),
                                    entity.status().name(), entity.tags(), entity.updatedAt());
                        }

                        static %2$sCreated created(%2$s entity) {
                            return new %2$sCreated(entity.id().value(), entity.name(), entity.updatedAt());
                        }
                    }
                    """.formatted(p, u));
            if (unit % 2 == 0) {
                write(p + ".persistence", u + "Repository", """
                        package %1$s.persistence;

                        import %1$s.domain.%2$s;
                        import java.util.List;
                        import org.springframework.data.repository.CrudRepository;

                        public interface %2$sRepository extends CrudRepository<%2$s, Long> {

                            List<%2$s> findByName(String name);

                            long countByStatus(%2$s.Status status);
                        }
                        """.formatted(p, u));
            } else {
                write(p + ".persistence", u + "Repository", """
                        package %1$s.persistence;

                        import %1$s.domain.%2$s;
                        import %1$s.domain.%2$sId;
                        import java.math.BigDecimal;
                        import java.util.List;
                        import java.util.Optional;
                        import org.springframework.jdbc.core.JdbcTemplate;
                        import org.springframework.stereotype.Repository;

                        @Repository
                        public class %2$sRepository {

                            private final JdbcTemplate jdbc;

                            public %2$sRepository(JdbcTemplate jdbc) {
                                this.jdbc = jdbc;
                            }

                            public Optional<%2$s> findById(Long id) {
                                List<%2$s> found = jdbc.query("select id, name, amount from %3$s where id = ?",
                                        (rs, row) -> new %2$s(new %2$sId(rs.getLong(1)), rs.getString(2),
                                                rs.getBigDecimal(3)), id);
                                return found.stream().findFirst();
                            }

                            public List<%2$s> findByName(String name) {
                                return jdbc.query("select id, name, amount from %3$s where name = ?",
                                        (rs, row) -> new %2$s(new %2$sId(rs.getLong(1)), rs.getString(2),
                                                rs.getBigDecimal(3)), name);
                            }

                            public %2$s save(%2$s entity) {
                                jdbc.update("merge into %3$s (id, name, amount) key (id) values (?, ?, ?)",
                                        entity.id().value(), entity.name(), entity.amount());
                                return entity;
                            }

                            public BigDecimal total() {
                                return jdbc.queryForObject("select coalesce(sum(amount), 0) from %3$s",
                                        BigDecimal.class);
                            }
                        }
                        """.formatted(p, u, table(u)));
            }
            write(p + ".persistence", u + "Queries", """
                    package %1$s.persistence;

                    import java.sql.Connection;
                    import java.sql.PreparedStatement;
                    import java.sql.ResultSet;
                    import java.sql.SQLException;
                    import javax.sql.DataSource;
                    import org.springframework.stereotype.Component;

                    @Component
                    public class %2$sQueries {

                        private final DataSource dataSource;

                        public %2$sQueries(DataSource dataSource) {
                            this.dataSource = dataSource;
                        }

                        public long countActive() throws SQLException {
                            try (Connection connection = dataSource.getConnection();
                                    PreparedStatement statement = connection.prepareStatement(
                                            "select count(*) from %3$s where status = 'ACTIVE'");
                                    ResultSet result = statement.executeQuery()) {
                                result.next();
                                return result.getLong(1);
                            }
                        }
                    }
                    """.formatted(p, u, table(u)));
            // The previous context's service: collaboration across contexts, which the rules allow.
            String previous = context == 0 ? null : pkg(context - 1) + ".api." + unitName(context - 1, unit);
            write(p + ".api", u + "Service", """
                    package %1$s.api;

                    import %1$s.domain.%2$s;
                    import %1$s.domain.%2$sId;
                    import %1$s.persistence.%2$sQueries;
                    import %1$s.persistence.%2$sRepository;
                    import java.math.BigDecimal;
                    import java.sql.SQLException;
                    import java.util.List;
                    import java.util.Optional;
                    import org.springframework.context.ApplicationEventPublisher;
                    import org.springframework.stereotype.Service;
                    import org.springframework.transaction.annotation.Transactional;

                    @Service
                    public class %2$sService {

                        private final %2$sRepository repository;
                        private final %2$sQueries queries;
                        private final ApplicationEventPublisher events;
                        %3$s

                        public %2$sService(%2$sRepository repository, %2$sQueries queries,
                                ApplicationEventPublisher events%4$s) {
                            this.repository = repository;
                            this.queries = queries;
                            this.events = events;
                            %5$s
                        }

                        @Transactional
                        public %2$sDto create(long id, String name, BigDecimal amount) {
                            %2$s entity = repository.save(new %2$s(new %2$sId(id), name, amount));
                            events.publishEvent(%2$sMapper.created(entity));
                            return %2$sMapper.toDto(entity);
                        }

                        @Transactional
                        public %2$sDto activate(long id) {
                            %2$s entity = repository.findById(id).orElseThrow(
                                    () -> new IllegalArgumentException("No %2$s " + id));
                            entity.activate();
                            return %2$sMapper.toDto(repository.save(entity));
                        }

                        @Transactional(readOnly = true)
                        public Optional<%2$sDto> find(long id) {
                            return repository.findById(id).map(%2$sMapper::toDto);
                        }

                        @Transactional(readOnly = true)
                        public List<%2$sDto> named(String name) {
                            return repository.findByName(name).stream().map(%2$sMapper::toDto).toList();
                        }

                        public long active() throws SQLException {
                            return queries.countActive();
                        }

                        public BigDecimal quote(long id) {
                            %6$s
                        }
                    }
                    """.formatted(p, u,
                    previous == null ? "" : "private final " + previous + "Service previous;",
                    previous == null ? "" : ", " + previous + "Service previous",
                    previous == null ? "" : "this.previous = previous;",
                    previous == null
                            ? "return find(id).map(" + u + "Dto::amount).orElse(BigDecimal.ZERO);"
                            : "return find(id).map(" + u + "Dto::amount).orElse(BigDecimal.ZERO)\n"
                                    + "                .add(previous.find(id).map(" + previous
                                    + "Dto::amount).orElse(BigDecimal.ZERO));"));
            write(p + ".web", u + "Controller", """
                    package %1$s.web;

                    import %1$s.api.%2$sDto;
                    import %1$s.api.%2$sService;
                    import java.math.BigDecimal;
                    import org.springframework.stereotype.Controller;

                    @Controller
                    public class %2$sController {

                        private final %2$sService service;

                        public %2$sController(%2$sService service) {
                            this.service = service;
                        }

                        public %2$sDto show(long id) {
                            return service.find(id).orElseThrow(() -> new IllegalArgumentException("Not found: " + id));
                        }

                        public %2$sDto create(long id, String name, String amount) {
                            return service.create(id, name, new BigDecimal(amount));
                        }

                        public BigDecimal quote(long id) {
                            return service.quote(id);
                        }
                    }
                    """.formatted(p, u));
        }

        /**
         * One class per kind of violation. Orders and inventory use each other's repositories,
         * which also closes a data cycle; returns reads invoicing and still may not use its
         * repository.
         */
        private void writePlanted() throws IOException {
            String orders = pkg(1);
            String inventory = pkg(2);
            String customers = pkg(5);
            String payments = pkg(7);
            String returns = pkg(9);
            String reviews = pkg(10);
            write(orders + ".api", "OrdersInventoryReport", """
                    package %1$s.api;

                    import %2$s.persistence.%3$sRepository;
                    import org.springframework.stereotype.Service;

                    @Service
                    public class OrdersInventoryReport {

                        private final %3$sRepository stock;

                        public OrdersInventoryReport(%3$sRepository stock) {
                            this.stock = stock;
                        }

                        public long items() {
                            return stock.count();
                        }
                    }
                    """.formatted(orders, inventory, unitName(2, 0)));
            write(inventory + ".api", "InventoryOrdersBackfill", """
                    package %1$s.api;

                    import %2$s.persistence.%3$sRepository;
                    import org.springframework.stereotype.Service;

                    @Service
                    public class InventoryOrdersBackfill {

                        private final %3$sRepository orders;

                        public InventoryOrdersBackfill(%3$sRepository orders) {
                            this.orders = orders;
                        }

                        public long orders() {
                            return orders.count();
                        }
                    }
                    """.formatted(inventory, orders, unitName(1, 0)));
            String searchUnit = unitName(11, units > 1 ? 1 : 0);
            write(reviews + ".web", "ReviewsSearchAdmin", """
                    package %1$s.web;

                    import %2$s.persistence.%3$sRepository;
                    import org.springframework.stereotype.Controller;

                    @Controller
                    public class ReviewsSearchAdmin {

                        private final %3$sRepository index;

                        public ReviewsSearchAdmin(%3$sRepository index) {
                            this.index = index;
                        }

                        public Object lookup(long id) {
                            return index.findById(id).orElse(null);
                        }
                    }
                    """.formatted(reviews, pkg(11), searchUnit));
            write(customers + ".api", "CustomersSettlement", """
                    package %1$s.api;

                    import org.springframework.stereotype.Service;
                    import org.springframework.transaction.annotation.Transactional;

                    @Service
                    public class CustomersSettlement {

                        @Transactional("pricingTransactionManager")
                        public void settle(long customer) {
                        }
                    }
                    """.formatted(customers));
            write(payments + ".persistence", "PaymentsLegacyExport", """
                    package %1$s.persistence;

                    import javax.sql.DataSource;
                    import org.springframework.beans.factory.annotation.Qualifier;
                    import org.springframework.stereotype.Component;

                    @Component
                    public class PaymentsLegacyExport {

                        private final DataSource invoices;

                        public PaymentsLegacyExport(@Qualifier("invoicingDataSource") DataSource invoices) {
                            this.invoices = invoices;
                        }

                        public DataSource invoices() {
                            return invoices;
                        }
                    }
                    """.formatted(payments));
            write(returns + ".api", "ReturnsInvoiceLookup", """
                    package %1$s.api;

                    import %2$s.persistence.%3$sRepository;
                    import org.springframework.stereotype.Service;

                    @Service
                    public class ReturnsInvoiceLookup {

                        private final %3$sRepository invoices;

                        public ReturnsInvoiceLookup(%3$sRepository invoices) {
                            this.invoices = invoices;
                        }

                        public boolean exists(long id) {
                            return invoices.existsById(id);
                        }
                    }
                    """.formatted(returns, pkg(8), unitName(8, 0)));
            write(BASE_PACKAGE + ".shared", "AuditTrailRepository", """
                    package %1$s.shared;

                    import org.springframework.jdbc.core.JdbcTemplate;
                    import org.springframework.stereotype.Repository;

                    @Repository
                    public class AuditTrailRepository {

                        private final JdbcTemplate jdbc;

                        public AuditTrailRepository(JdbcTemplate jdbc) {
                            this.jdbc = jdbc;
                        }

                        public void record(String event) {
                            jdbc.update("insert into audit_trail (event) values (?)", event);
                        }
                    }
                    """.formatted(BASE_PACKAGE));
        }

        private void write(String packageName, String simpleName, String source) throws IOException {
            Path file = root.resolve(packageName.replace('.', '/')).resolve(simpleName + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source, StandardCharsets.UTF_8);
            written.add(file);
        }

        private static String pkg(int context) {
            return BASE_PACKAGE + "." + CONTEXTS.get(context);
        }

        /** {@code Billing007}: the context's name and the unit's number. */
        private static String unitName(int context, int unit) {
            String name = CONTEXTS.get(context);
            return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "%03d".formatted(unit);
        }

        private static String table(String unitName) {
            return unitName.toLowerCase(Locale.ROOT);
        }
    }
}
