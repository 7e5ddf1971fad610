package dev.contextdb.internal.events;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.Placement;
import dev.contextdb.internal.CurrentContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * Events between contexts: stores a published event in the publishing context's outbox, in its
 * transaction, and delivers it to each {@code @ApplicationModuleListener} in a new transaction of
 * the listener's context, whose inbox makes the effect happen once.
 *
 * <p>Behind {@link dev.contextdb.ContextEvents}; the Spring wiring is {@link ModuleListenerFactory}
 * (finds the listeners) and {@link OutboxMulticaster} (routes their events here).
 */
public final class EventEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventEngine.class);

    private final ContextDb db;
    private final EventSettings settings;
    private final Map<String, EventStore> stores = new LinkedHashMap<>();
    private final Map<String, OutboxListener> listeners = new ConcurrentHashMap<>();
    private final Map<OutboxListener, String> listenerContexts = new ConcurrentHashMap<>();
    private final Dispatcher dispatcher;
    /** Deliveries completed and attempts failed by this instance, per listener id, since it started. */
    private final Map<String, LongAdder> delivered = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failedAttempts = new ConcurrentHashMap<>();
    private volatile BeanFactory beanFactory;
    private final ReentrantLock tablesLock = new ReentrantLock();
    private volatile boolean tablesReady;
    private volatile Externalization.Sink sink;

    /**
     * Prepares the engine; tables are created, and events delivered, from {@link #start} on.
     * @param db the contexts
     * @param settings the frozen settings
     */
    public EventEngine(ContextDb db, EventSettings settings) {
        this.db = db;
        this.settings = settings;
        if (!ClassUtils.isPresent("org.flywaydb.core.Flyway", settings.classLoader())) {
            throw new IllegalStateException("context-db's events need Flyway to create each context's outbox and inbox"
                    + " tables: add org.flywaydb:flyway-core (and the Flyway module of your database), or switch events"
                    + " off (context-db.events.enabled=false).");
        }
        for (Placement placement : db.placements()) {
            stores.put(placement.context(), new EventStore(placement, db.dataSource(placement.context())));
        }
        this.dispatcher = new Dispatcher(this, settings);
    }

    /**
     * Creates every context's event tables, where missing, once: at the start when the
     * application has listeners, or at the first event published before. An application without
     * {@code @ApplicationModuleListener} methods gets no tables.
     */
    private void ensureTables() {
        if (tablesReady) {
            return;
        }
        tablesLock.lock();
        try {
            if (!tablesReady) {
                for (Placement placement : db.placements()) {
                    EventSchema.migrate(placement, db.flyway(placement.context()).orElseThrow(),
                            stores.get(placement.context()).tables(), settings.classLoader());
                }
                tablesReady = true;
            }
        } finally {
            tablesLock.unlock();
        }
    }

    /**
     * Sends {@code @Externalized} events through the sink, as one more delivery of the publisher.
     * @param sink the sender; set before {@link #start}
     */
    public void externalizeWith(Externalization.Sink sink) {
        this.sink = sink;
    }

    /**
     * Registers the listeners the multicaster holds and starts delivering, beginning with what
     * was left undelivered by an earlier run.
     * @param multicaster context-db's multicaster, after the application's listeners are registered
     */
    public void start(ApplicationEventMulticaster multicaster) {
        if (!(multicaster instanceof OutboxMulticaster outbox)) {
            // The application defines its own multicaster. Should it hold @ApplicationModuleListener
            // methods, each fails at its first event with a message that says so.
            log.warn("The bean 'applicationEventMulticaster' is a {}, not context-db's: @ApplicationModuleListener"
                    + " methods are not delivered through the outbox. Remove the application's own multicaster, or"
                    + " switch context-db's events off (context-db.events.enabled=false).",
                    multicaster.getClass().getName());
            return;
        }
        this.beanFactory = outbox.beanFactory();
        for (OutboxListener listener : outbox.outboxListeners()) {
            OutboxListener previous = listeners.putIfAbsent(listener.getListenerId(), listener);
            if (previous != null && previous != listener) {
                throw new IllegalStateException("Two @ApplicationModuleListener methods have the id '"
                        + listener.getListenerId() + "' (beans '" + previous.beanName() + "' and '" + listener.beanName()
                        + "'): deliveries name their listener by it. Give one a distinct id:"
                        + " @ApplicationModuleListener(id = \"...\").");
            }
            contextOf(listener);
        }
        if (!listeners.isEmpty() || (sink != null && anyTables())) {
            ensureTables();
            dispatcher.start();
        }
    }

    /** @return whether some context has event tables already: an earlier run may have left deliveries */
    private boolean anyTables() {
        for (EventStore store : stores.values()) {
            String table = store.tables().outbox();
            try (Connection connection = store.dataSource().getConnection()) {
                java.sql.DatabaseMetaData metadata = connection.getMetaData();
                for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
                    try (java.sql.ResultSet tables = metadata.getTables(connection.getCatalog(), connection.getSchema(),
                            name, null)) {
                        if (tables.next()) {
                            return true;
                        }
                    }
                }
            } catch (SQLException e) {
                log.debug("Could not look for the event tables of context '{}'", store.context(), e);
            }
        }
        return false;
    }


    /** @return the listeners by id, with their contexts, for the start-up report */
    public Map<String, String> listenerContexts() {
        Map<String, String> result = new LinkedHashMap<>();
        listeners.values().forEach(listener -> result.put(listener.getListenerId() + " <- "
                + listener.eventType().getName(), contextOf(listener)));
        return result;
    }

    /** Stores an event for its listeners in the outbox of the context whose transaction is current. */
    void publish(Object event, List<OutboxListener> targets) {
        boolean external = sink != null && Externalization.externalized(event.getClass());
        if (targets.isEmpty() && !external) {
            return;
        }
        String context = publishingContext(event, targets);
        ensureTables();
        EventStore store = stores.get(context);
        List<EventStore.Target> deliveries = new ArrayList<>(targets.size() + 1);
        for (OutboxListener target : targets) {
            deliveries.add(new EventStore.Target(target.getListenerId(), contextOf(target)));
        }
        if (external) {
            deliveries.add(new EventStore.Target(Externalization.LISTENER_ID, context));
            dispatcher.start();
        }
        EventStore.Entry entry = new EventStore.Entry(UUID.randomUUID().toString(), event.getClass().getName(),
                settings.json().write(event), settings.keyOf(event), System.currentTimeMillis(), deliveries, event);
        // Written with the transaction's other events when it commits: see PendingEvents.
        PendingEvents.of(this, store).add(entry);
    }

    private String publishingContext(Object event, List<OutboxListener> targets) {
        String context = CurrentContext.get();
        EventStore store = context == null ? null : stores.get(context);
        if (store != null && TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(store.dataSource()) instanceof ConnectionHolder holder
                && inTransaction(holder)) {
            return context;
        }
        List<String> names = new ArrayList<>(targets.stream().map(OutboxListener::getListenerId).toList());
        if (sink != null && Externalization.externalized(event.getClass())) {
            names.add(Externalization.LISTENER_ID);
        }
        throw new IllegalStateException("Event " + event.getClass().getName() + " was published outside a transaction"
                + " of a bounded context" + (context == null ? "" : " (context '" + context + "' is current, but has no"
                        + " transaction open)") + ", and @ApplicationModuleListener methods listen to it: " + names
                + ". context-db stores such an event in the publishing context's outbox, in that context's"
                + " transaction. Publish it inside a transaction of the publishing context: from a @Transactional"
                + " method of one of its beans, or in a TransactionTemplate over its transaction manager"
                + " (<context>TransactionManager).");
    }

    /**
     * Whether the context's bound connection is in a transaction: bound by its transaction
     * manager, JDBC's or JPA's (which marks nothing on the holder), rather than for work in
     * auto-commit that merely runs inside another context's transaction.
     */
    private static boolean inTransaction(ConnectionHolder holder) {
        try {
            return !holder.getConnection().getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    /** Wakes the dispatcher for the context: a transaction of it has committed events. */
    void wake(String context) {
        dispatcher.wake(context);
    }

    /**
     * Stores events that a transaction published while it was committing, after its
     * synchronizations had run (the first events of the transaction, published by one of them),
     * in a transaction of their own right after it: not atomic with the publisher's rows, as
     * nothing can be written in a transaction that has committed, but not lost either.
     */
    void storeAfterCommit(EventStore store, List<EventStore.Entry> entries) {
        String context = store.context();
        log.warn("Context '{}' published {} while its transaction was committing, after context-db's turn to write"
                + " the transaction's events: they are stored in a transaction of their own, just after it. Publish"
                + " them before the commit (not from a synchronization's beforeCommit or a BEFORE_COMMIT listener)"
                + " to store them atomically with the transaction's data.", context, PendingEvents.describe(entries));
        TransactionTemplate transaction = new TransactionTemplate(db.transactionManager(context));
        transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        try {
            transaction.executeWithoutResult(status -> {
                DataSource dataSource = store.dataSource();
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try {
                    store.append(connection, entries, EventStore.Lease.NONE);
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                } finally {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                }
            });
        } catch (RuntimeException e) {
            log.error("Context '{}' could not store {}, published while its transaction was committing, in its outbox"
                    + " ({}): they are lost", context, PendingEvents.describe(entries), store.tables().outbox(), e);
            return;
        }
        dispatcher.wake(context);
    }

    String contextOf(OutboxListener listener) {
        return listenerContexts.computeIfAbsent(listener, target -> db.model().contextOf(target.targetClass())
                .map(ContextDefinition::name)
                .orElseThrow(() -> new IllegalStateException("@ApplicationModuleListener " + target.getListenerId()
                        + " is on bean '" + target.beanName() + "' (" + target.targetClass().getName() + "), which"
                        + " belongs to no bounded context; declared: " + db.model().names() + ". A listener runs in"
                        + " a transaction of its context, and its inbox is in its context's placement: move the"
                        + " class into a context's package.")));
    }

    Map<String, EventStore> stores() {
        return stores;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    EventSettings settings() {
        return settings;
    }

    /**
     * Runs one claimed delivery: in a new transaction of the listener's context, the inbox row
     * and then the listener; after that commits, the delivery is marked done in the publisher's
     * outbox. A failure schedules the next attempt, or makes the delivery dead. A listener whose
     * condition refuses the event is not invoked (the delivery is done); a read-only listener runs
     * in a read-only transaction, without an inbox row.
     */
    void deliver(EventStore.Claimed claimed) {
        EventStore outbox = stores.get(claimed.context());
        String owner = settings.instanceId();
        int attempts = claimed.attempts() + 1;
        try {
            if (Externalization.LISTENER_ID.equals(claimed.listenerId())) {
                Externalization.Sink out = sink;
                if (out == null) {
                    throw new IllegalStateException("Event " + claimed.eventId() + " is @Externalized, and this"
                            + " application has no externalizer (Spring AMQP, spring-boot-amqp, is not on its class"
                            + " path, or externalization is switched off); resubmit the delivery once it has one.");
                }
                out.send(new Externalization.Outgoing(claimed.eventId(), claimed.context(), claimed.type(),
                        claimed.payload(), read(claimed)));
                outbox.done(claimed.id(), owner, attempts, System.currentTimeMillis());
                return;
            }
            OutboxListener listener = listeners.get(claimed.listenerId());
            if (listener == null) {
                throw new IllegalStateException("No @ApplicationModuleListener with id '" + claimed.listenerId()
                        + "' in this application (renamed or removed?); resubmit the delivery once it is back.");
            }
            EventStore inbox = stores.get(claimed.listenerContext());
            if (inbox == null) {
                throw new IllegalStateException("Listener context '" + claimed.listenerContext() + "' is not declared.");
            }
            Object event = read(claimed);
            if (!listener.accepts(event, beanFactory)) {
                // Delivered, not invoked: nothing happened in the listener's context, no inbox row.
                log.debug("Event {} does not meet the condition of listener {}: not invoked", claimed.eventId(),
                        claimed.listenerId());
            } else if (listener.readOnly()) {
                // A read-only transaction cannot hold the inbox row; nor has the listener anything
                // in its database that the row would keep from happening twice. The done mark is
                // what keeps the event from being delivered again.
                TransactionTemplate transaction = new TransactionTemplate(db.transactionManager(claimed.listenerContext()));
                transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
                transaction.setReadOnly(true);
                transaction.executeWithoutResult(status -> invoke(listener, event));
            } else {
                TransactionTemplate transaction = new TransactionTemplate(db.transactionManager(claimed.listenerContext()));
                transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
                Boolean applied = transaction.execute(status -> {
                    if (!receive(inbox, claimed)) {
                        status.setRollbackOnly();
                        return false;
                    }
                    invoke(listener, event);
                    return true;
                });
                if (!Boolean.TRUE.equals(applied)) {
                    log.debug("Event {} was already applied by listener {}: skipped", claimed.eventId(),
                            claimed.listenerId());
                }
            }
            // Counted once the listener's transaction has committed, before the outbox row says so:
            // whoever sees the delivery done sees it counted too.
            delivered.computeIfAbsent(claimed.listenerId(), id -> new LongAdder()).increment();
            outbox.done(claimed.id(), owner, attempts, System.currentTimeMillis());
        } catch (Throwable failure) {
            failed(outbox, claimed, attempts, failure);
        }
    }

    private void failed(EventStore outbox, EventStore.Claimed claimed, int attempts, Throwable failure) {
        boolean dead = attempts >= settings.maxAttempts();
        long next = System.currentTimeMillis() + settings.backoffMillis(attempts, ThreadLocalRandom.current().nextDouble());
        String error = failure.getClass().getName() + ": " + failure.getMessage();
        // Counted before it is recorded: whoever sees the recorded failure sees it counted too.
        failedAttempts.computeIfAbsent(claimed.listenerId(), id -> new LongAdder()).increment();
        try {
            outbox.failed(claimed.id(), owner(), attempts, dead, next, error);
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not record the failed attempt {} of event {} for listener {} (context '{}'); the lease"
                    + " expires and the delivery is tried again", attempts, claimed.eventId(), claimed.listenerId(),
                    claimed.context(), e);
            return;
        }
        if (dead) {
            log.error("Event {} ({}) is dead for listener {} after {} attempts; resubmit it with ContextEvents or"
                    + " the contextdb actuator endpoint once the cause is fixed", claimed.eventId(), claimed.type(),
                    claimed.listenerId(), attempts, failure);
        } else {
            log.warn("Event {} ({}) failed in listener {} (attempt {} of {}); next attempt in {} ms: {}",
                    claimed.eventId(), claimed.type(), claimed.listenerId(), attempts, settings.maxAttempts(),
                    next - System.currentTimeMillis(), error);
            dispatcher.retryAt(next);
        }
    }

    private String owner() {
        return settings.instanceId();
    }

    /** @return false when the inbox holds the event for the listener already: applied before */
    private boolean receive(EventStore inbox, EventStore.Claimed claimed) {
        DataSource dataSource = inbox.dataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            inbox.receive(connection, claimed.eventId(), claimed.listenerId(), System.currentTimeMillis());
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw new IllegalStateException("Could not write the inbox row of event " + claimed.eventId()
                    + " in context '" + claimed.listenerContext() + "': " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Stores an event that arrived from outside (a broker) in the context's outbox, with a
     * delivery to each of its listeners that accept the type, in a transaction of the context.
     * @return false when the outbox holds the event already
     * @throws IllegalArgumentException when the type is no class here, the JSON no such event, or
     *     no listener of the context takes it
     */
    public boolean receive(String context, String eventId, String type, String json) {
        EventStore store = stores.get(context);
        if (store == null) {
            throw new IllegalArgumentException("Unknown bounded context '" + context + "'; known contexts: "
                    + stores.keySet());
        }
        Class<?> eventType;
        try {
            eventType = ClassUtils.forName(type, settings.classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("Event " + eventId + " for context '" + context + "' is a " + type
                    + ", which is no class on this application's class path: the listeners of '" + context
                    + "' take their event types as parameters.", e);
        }
        Object event;
        try {
            event = settings.json().read(json, eventType);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Event " + eventId + " for context '" + context + "' is no " + type
                    + ": " + e.getMessage(), e);
        }
        List<EventStore.Target> targets = new ArrayList<>();
        for (OutboxListener listener : listeners.values()) {
            if (listener.eventType().isAssignableFrom(eventType) && context.equals(contextOf(listener))) {
                targets.add(new EventStore.Target(listener.getListenerId(), context));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("Event " + eventId + " (" + type + ") arrived for context '" + context
                    + "', which has no @ApplicationModuleListener that takes it: add one to a bean of '" + context
                    + "', or stop routing these events to its queues.");
        }
        ensureTables();
        EventStore.Entry entry = new EventStore.Entry(eventId, type, json, settings.keyOf(event),
                System.currentTimeMillis(), targets, null);
        TransactionTemplate transaction = new TransactionTemplate(db.transactionManager(context));
        transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        Boolean stored = transaction.execute(status -> {
            DataSource dataSource = store.dataSource();
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                if (store.holds(connection, eventId)) {
                    return false;
                }
                store.append(connection, List.of(entry), EventStore.Lease.NONE);
                return true;
            } catch (SQLException e) {
                if (duplicate(e)) {
                    // Received at the same moment by another instance (or consumer): it holds it.
                    status.setRollbackOnly();
                    return false;
                }
                throw new IllegalStateException("Context '" + context + "' could not store the received event "
                        + eventId + " in its outbox (" + store.tables().outbox() + "): " + e.getMessage(), e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
        if (Boolean.TRUE.equals(stored)) {
            dispatcher.start();
            dispatcher.wake(context);
            return true;
        }
        log.debug("Event {} was received by context '{}' before: skipped", eventId, context);
        return false;
    }

    private static boolean duplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && next.getSQLState().startsWith("23")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The event: the published object when handed over from its commit, read from its JSON otherwise. */
    private Object read(EventStore.Claimed claimed) {
        if (claimed.event() != null) {
            return claimed.event();
        }
        Class<?> type = ClassUtils.resolveClassName(claimed.type(), settings.classLoader());
        return settings.json().read(claimed.payload(), type);
    }

    private void invoke(OutboxListener listener, Object event) {
        BeanFactory factory = beanFactory;
        Object bean = factory.getBean(listener.beanName());
        // The target itself, past any proxy: @ApplicationModuleListener is meta-annotated @Async and
        // @Transactional(REQUIRES_NEW), whose interceptors would run the method on another thread
        // or in another transaction than the one that holds its inbox row.
        for (Object target = AopProxyUtils.getSingletonTarget(bean); target != null;
                target = AopProxyUtils.getSingletonTarget(bean)) {
            bean = target;
        }
        Method method = listener.methodOn(bean.getClass());
        try {
            method.invoke(bean, event);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dead deliveries of every context, oldest first. */
    public List<DeadDelivery> dead() {
        List<DeadDelivery> dead = new ArrayList<>();
        if (!tablesReady) {
            return dead;
        }
        stores.forEach((context, store) -> {
            try {
                for (EventStore.Dead row : store.dead()) {
                    dead.add(new DeadDelivery(context, row.id(), row.eventId(), row.type(), row.listenerId(),
                            row.listenerContext(), row.attempts(), row.lastError(), row.publishedAt()));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the dead deliveries of context '" + context + "': "
                        + e.getMessage(), e);
            }
        });
        return dead;
    }

    /** A dead delivery, as the engine reports it. */
    public record DeadDelivery(String context, long id, String eventId, String type, String listenerId,
            String listenerContext, int attempts, String lastError, long publishedAt) {
    }

    /**
     * Makes dead deliveries pending again, with fresh attempts.
     * @param context the publishing context
     * @param id one delivery, or {@code null} for all of the context's dead deliveries
     * @return how many
     */
    public int resubmit(String context, Long id) {
        EventStore store = stores.get(context);
        if (store == null) {
            throw new IllegalArgumentException("Unknown bounded context '" + context + "'; known contexts: "
                    + stores.keySet());
        }
        if (!tablesReady) {
            return 0;
        }
        try {
            int count = store.resubmit(id, System.currentTimeMillis());
            if (count > 0) {
                dispatcher.wake(context);
            }
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not resubmit dead deliveries of context '" + context + "': "
                    + e.getMessage(), e);
        }
    }

    /** @return how many deliveries of the context are in the state: PENDING, DONE or DEAD */
    public int count(String context, String status) {
        if (!tablesReady) {
            return 0;
        }
        try {
            return stores.get(context).count(status);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every listener's undelivered deliveries, read from every context's outbox, with what this
     * instance delivered and failed: the registered listeners, and any other listener id that
     * deliveries still name (a listener renamed or removed while its deliveries were pending or dead).
     */
    public List<ListenerStatus> status() {
        Map<String, ListenerStatus> status = new LinkedHashMap<>();
        listeners.values().forEach(listener -> status.put(listener.getListenerId(), new ListenerStatus(
                contextOf(listener), listener.getListenerId(), listener.eventType().getName(), 0, 0L, 0, 0, 0)));
        if (tablesReady) {
            stores.forEach((context, store) -> {
                List<EventStore.Backlog> backlog;
                try {
                    backlog = store.backlog();
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not count the undelivered events in the outbox of context '"
                            + context + "' (" + store.tables().delivery() + "): " + e.getMessage(), e);
                }
                for (EventStore.Backlog row : backlog) {
                    ListenerStatus known = status.computeIfAbsent(row.listenerId(), id -> new ListenerStatus(
                            row.listenerContext(), id, null, 0, 0L, 0, 0, 0));
                    status.put(row.listenerId(), EventStore.PENDING.equals(row.status()) ? known.addPending(row.count(),
                            row.oldestPublishedAt()) : known.addDead(row.count()));
                }
            });
        }
        // The counts last: a delivery's counter moves before its row does, so a failure or a
        // delivery that the rows show is counted here too.
        return status.values().stream().map(row -> new ListenerStatus(row.context(), row.listenerId(), row.eventType(),
                row.pending(), row.oldestPublishedAt(), row.dead(), count(delivered, row.listenerId()),
                count(failedAttempts, row.listenerId()))).toList();
    }

    private static long count(Map<String, LongAdder> counts, String listenerId) {
        LongAdder count = counts.get(listenerId);
        return count == null ? 0 : count.sum();
    }

    /**
     * One listener's figures, as {@link #status()} reports them.
     * @param context the listener's context
     * @param listenerId its id
     * @param eventType the event class it receives, or {@code null} when it is not in this application
     * @param pending deliveries waiting, in every publisher's outbox
     * @param oldestPublishedAt when the oldest pending one was published (epoch ms), 0 when none is
     * @param dead dead deliveries, in every publisher's outbox
     * @param delivered deliveries completed by this instance since it started
     * @param failedAttempts attempts failed in this instance since it started
     */
    public record ListenerStatus(String context, String listenerId, String eventType, int pending,
            long oldestPublishedAt, int dead, long delivered, long failedAttempts) {

        ListenerStatus addPending(int count, long publishedAt) {
            return new ListenerStatus(context, listenerId, eventType, pending + count,
                    oldestPublishedAt == 0 ? publishedAt : Math.min(oldestPublishedAt, publishedAt), dead, delivered,
                    failedAttempts);
        }

        ListenerStatus addDead(int count) {
            return new ListenerStatus(context, listenerId, eventType, pending, oldestPublishedAt, dead + count,
                    delivered, failedAttempts);
        }
    }

    /** @return the table names of a context's outbox, deliveries and inbox */
    public List<String> tables(String context) {
        EventTables tables = stores.get(context).tables();
        return List.of(tables.outbox(), tables.delivery(), tables.inbox());
    }

    /** Stops claiming, lets running deliveries finish (within the lease), and stops. */
    @Override
    public void close() {
        dispatcher.close();
    }
}
