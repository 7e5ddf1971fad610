package dev.contextdb.internal.events;

import dev.contextdb.DatabaseVendor;
import dev.contextdb.Placement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.sql.DataSource;

/**
 * The SQL of one context's event tables, for its vendor. Every method takes its connection from
 * the context's own DataSource, except {@link #append}, which writes on the publisher's
 * transactional connection.
 *
 * <p>Claiming sets a lease (owner and expiry) on due deliveries. PostgreSQL and MariaDB select
 * them with {@code FOR UPDATE SKIP LOCKED}, so that instances claiming at once never wait on
 * each other nor claim the same row; H2 has no {@code SKIP LOCKED}, so each candidate is leased
 * by an update that succeeds only while the row is still unleased.
 */
final class EventStore {

    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String DEAD = "DEAD";

    /** Where the error message is cut: the column's width. */
    private static final int ERROR_LENGTH = 2000;

    /**
     * Bind parameters in one statement that appends events: below the drivers' limit
     * (PostgreSQL's and MariaDB's protocols count them in 16 bits).
     */
    static final int MAX_PARAMETERS = 30_000;
    private static final int OUTBOX_PARAMETERS = 5;
    private static final int DELIVERY_PARAMETERS = 7;

    private final String context;
    private final DataSource dataSource;
    private final DatabaseVendor vendor;
    private final EventTables tables;
    private final String due;
    /** Whether inserts return their ids here ({@link #returnsIds}), once known. */
    private volatile Boolean returning;

    EventStore(Placement placement, DataSource dataSource) {
        this.context = placement.context();
        this.dataSource = dataSource;
        this.vendor = placement.vendor();
        this.tables = EventTables.of(placement);
        // A delivery is due when it is pending, its time has come and no live lease holds it; with
        // a key, also when every earlier delivery of that key to that listener is done (a dead one
        // holds the later ones back until it is resubmitted: order is kept, not skipped).
        this.due = "d.status = '" + PENDING + "' and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until < ?)"
                + " and (d.event_key is null or not exists (select 1 from " + tables.delivery() + " e"
                + " where e.listener_id = d.listener_id and e.event_key = d.event_key and e.id < d.id"
                + " and e.status <> '" + DONE + "'))";
    }

    String context() {
        return context;
    }

    DataSource dataSource() {
        return dataSource;
    }

    EventTables tables() {
        return tables;
    }

    /**
     * One event and its listeners, as {@link #append} stores them.
     * @param event the published object itself, handed to the listeners that skip the claim;
     *     {@code null} for one received from outside
     */
    record Entry(String eventId, String type, String payload, String key, long publishedAt, List<Target> targets,
            Object event) {
    }

    /** A listener an event is delivered to. */
    record Target(String listenerId, String listenerContext) {
    }

    /**
     * Deliveries leased to this instance as they are inserted, so that its workers run them right
     * after the commit without claiming them first: the first {@code slots} deliveries of events
     * without a key (a keyed one waits for the earlier ones of its key, which only a claim sees).
     *
     * @param owner this instance
     * @param until the lease's end
     * @param slots how many deliveries at most
     */
    record Lease(String owner, long until, int slots) {

        static final Lease NONE = new Lease(null, 0, 0);

        static boolean covers(Entry entry) {
            return entry.key() == null;
        }
    }

    /**
     * Stores events with a delivery row per listener, on the publisher's transactional connection,
     * in as few statements as the vendor allows: on PostgreSQL one statement, whose data-modifying
     * {@code WITH} inserts the events and whose main part their deliveries; elsewhere two, one
     * multi-row insert for the events and one for the deliveries. Delivery ids follow the order
     * of {@code entries}. Only a batch beyond {@value #MAX_PARAMETERS} parameters is cut into more.
     *
     * @param lease the deliveries to lease to this instance as they are inserted
     * @return the deliveries leased, in order, for this instance's workers once the transaction commits
     */
    List<Claimed> append(Connection connection, List<Entry> entries, Lease lease) throws SQLException {
        List<Claimed> leased = new ArrayList<>();
        int from = 0;
        while (from < entries.size()) {
            int to = from;
            int parameters = 0;
            do {
                parameters += parameters(entries.get(to));
                to++;
            } while (to < entries.size() && parameters + parameters(entries.get(to)) <= MAX_PARAMETERS);
            List<Entry> chunk = entries.subList(from, to);
            Lease left = new Lease(lease.owner(), lease.until(), lease.slots() - leased.size());
            if (vendor == DatabaseVendor.POSTGRESQL) {
                appendInOneStatement(connection, chunk, left, leased);
            } else {
                appendInTwoStatements(connection, chunk, left, leased);
            }
            from = to;
        }
        return leased;
    }

    private static int parameters(Entry entry) {
        return OUTBOX_PARAMETERS + DELIVERY_PARAMETERS * entry.targets().size();
    }

    private void appendInOneStatement(Connection connection, List<Entry> entries, Lease lease, List<Claimed> leased)
            throws SQLException {
        if (entries.stream().allMatch(entry -> entry.targets().isEmpty())) {
            appendInTwoStatements(connection, entries, lease, leased);
            return;
        }
        String sql = "with stored as (" + outboxInsert(entries.size()) + ") " + deliveryInsert(entries);
        insertDeliveries(connection, sql, entries, lease, leased, statement -> bindOutbox(statement, 1, entries));
    }

    private void appendInTwoStatements(Connection connection, List<Entry> entries, Lease lease, List<Claimed> leased)
            throws SQLException {
        try (PreparedStatement outbox = connection.prepareStatement(outboxInsert(entries.size()))) {
            bindOutbox(outbox, 1, entries);
            outbox.executeUpdate();
        }
        if (entries.stream().anyMatch(entry -> !entry.targets().isEmpty())) {
            insertDeliveries(connection, deliveryInsert(entries), entries, lease, leased, statement -> 1);
        }
    }

    /** Binds what comes before the deliveries' parameters. @return the next parameter's index */
    private interface Prefix {
        int bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs the statement that inserts the deliveries; when some are leased, it also returns the
     * ids they got (PostgreSQL's and MariaDB's {@code RETURNING}, H2's {@code FINAL TABLE}), still
     * in one round trip.
     */
    private void insertDeliveries(Connection connection, String insert, List<Entry> entries, Lease lease,
            List<Claimed> leased, Prefix prefix) throws SQLException {
        List<Claimed> chosen = lease.slots() > 0 && returnsIds(connection) ? chooseLeased(entries, lease)
                : List.of();
        if (chosen.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                bindDeliveries(statement, prefix.bind(statement), entries, lease, chosen);
                statement.executeUpdate();
            }
            return;
        }
        String sql = vendor == DatabaseVendor.H2 ? "select id, event_id, listener_id from final table (" + insert + ")"
                : insert + " returning id, event_id, listener_id";
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindDeliveries(statement, prefix.bind(statement), entries, lease, chosen);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(2) + '\n' + rows.getString(3), rows.getLong(1));
                }
            }
        }
        for (Claimed delivery : chosen) {
            Long id = ids.get(delivery.eventId() + '\n' + delivery.listenerId());
            if (id == null) {
                throw new SQLException("The insert of the deliveries of context '" + context + "' returned no id for"
                        + " event " + delivery.eventId() + " and listener " + delivery.listenerId());
            }
            leased.add(new Claimed(context, id, delivery.eventId(), delivery.listenerId(), delivery.listenerContext(),
                    0, delivery.type(), delivery.payload(), delivery.event()));
        }
    }

    /**
     * Whether an insert can return the ids it made in the same statement: PostgreSQL, H2 and
     * MariaDB from 10.5 on ({@code INSERT … RETURNING}); not a MySQL server reached through a
     * MySQL URL, whose deliveries are then claimed instead of handed over.
     */
    private boolean returnsIds(Connection connection) throws SQLException {
        Boolean known = returning;
        if (known == null) {
            java.sql.DatabaseMetaData server = connection.getMetaData();
            known = vendor != DatabaseVendor.MARIADB || "MariaDB".equalsIgnoreCase(server.getDatabaseProductName())
                    && (server.getDatabaseMajorVersion() > 10
                            || server.getDatabaseMajorVersion() == 10 && server.getDatabaseMinorVersion() >= 5);
            returning = known;
        }
        return known;
    }

    /** The deliveries the lease covers, in order, without their ids yet. */
    private List<Claimed> chooseLeased(List<Entry> entries, Lease lease) {
        List<Claimed> chosen = new ArrayList<>();
        for (Entry entry : entries) {
            if (!Lease.covers(entry)) {
                continue;
            }
            for (Target target : entry.targets()) {
                if (chosen.size() == lease.slots()) {
                    return chosen;
                }
                chosen.add(new Claimed(context, 0, entry.eventId(), target.listenerId(), target.listenerContext(), 0,
                        entry.type(), entry.payload(), entry.event()));
            }
        }
        return chosen;
    }

    private String outboxInsert(int events) {
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < events; i++) {
            rows.add("(?, ?, ?, ?, ?)");
        }
        return "insert into " + tables.outbox() + " (id, event_type, payload, event_key, published_at) values " + rows;
    }

    private String deliveryInsert(List<Entry> entries) {
        StringJoiner rows = new StringJoiner(", ");
        for (Entry entry : entries) {
            for (int i = 0; i < entry.targets().size(); i++) {
                rows.add("(?, ?, ?, ?, '" + PENDING + "', 0, ?, ?, ?)");
            }
        }
        return "insert into " + tables.delivery() + " (event_id, listener_id, listener_context, event_key, status,"
                + " attempts, next_attempt_at, lease_owner, lease_until) values " + rows;
    }

    private static int bindOutbox(PreparedStatement statement, int index, List<Entry> entries) throws SQLException {
        for (Entry entry : entries) {
            statement.setString(index++, entry.eventId());
            statement.setString(index++, entry.type());
            statement.setString(index++, entry.payload());
            setNullable(statement, index++, entry.key());
            statement.setLong(index++, entry.publishedAt());
        }
        return index;
    }

    private static int bindDeliveries(PreparedStatement statement, int index, List<Entry> entries, Lease lease,
            List<Claimed> leased) throws SQLException {
        int leases = 0;
        for (Entry entry : entries) {
            for (Target target : entry.targets()) {
                statement.setString(index++, entry.eventId());
                statement.setString(index++, target.listenerId());
                statement.setString(index++, target.listenerContext());
                setNullable(statement, index++, entry.key());
                statement.setLong(index++, entry.publishedAt());
                // chooseLeased took them in this same order.
                boolean leasedHere = leases < leased.size() && leased.get(leases).eventId().equals(entry.eventId())
                        && leased.get(leases).listenerId().equals(target.listenerId());
                if (leasedHere) {
                    leases++;
                    statement.setString(index++, lease.owner());
                    statement.setLong(index++, lease.until());
                } else {
                    statement.setNull(index++, Types.VARCHAR);
                    statement.setNull(index++, Types.BIGINT);
                }
            }
        }
        return index;
    }

    /** @return whether the outbox holds the event: one received from outside before */
    boolean holds(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select 1 from " + tables.outbox() + " where id = ?")) {
            select.setString(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** A delivery leased to this instance, with its event. */
    record Claimed(String context, long id, String eventId, String listenerId, String listenerContext, int attempts,
            String type, String payload, Object event) {

        Claimed(String context, long id, String eventId, String listenerId, String listenerContext, int attempts,
                String type, String payload) {
            this(context, id, eventId, listenerId, listenerContext, attempts, type, payload, null);
        }
    }

    /**
     * Leases up to {@code limit} due deliveries, oldest first.
     * @return what was leased, in delivery order
     */
    List<Claimed> claim(String owner, long now, long leaseUntil, int limit) throws SQLException {
        if (vendor == DatabaseVendor.POSTGRESQL) {
            return claimOnPostgres(owner, now, leaseUntil, limit);
        }
        List<Long> ids = vendor == DatabaseVendor.H2 ? claimByUpdate(owner, now, leaseUntil, limit)
                : claimSkippingLocked(owner, now, leaseUntil, limit);
        return ids.isEmpty() ? List.of() : load(ids);
    }

    /**
     * PostgreSQL: leases and loads in one statement ({@code UPDATE … RETURNING} over a
     * {@code SKIP LOCKED} select, joined to the outbox), committed without waiting for the disk
     * ({@link #RELAXED}): a lease lost in a server crash only lets the delivery be claimed again,
     * which the inbox makes harmless. One round trip.
     */
    private List<Claimed> claimOnPostgres(String owner, long now, long leaseUntil, int limit) throws SQLException {
        return committed(connection -> {
            List<Claimed> claimed = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement("with leased as (update " + tables.delivery()
                    + " u set lease_owner = ?, lease_until = ? from " + RELAXED + " where u.id in (select d.id from "
                    + tables.delivery() + " d where " + due + " order by d.id limit ? for update skip locked)"
                    + " returning u.id, u.event_id, u.listener_id, u.listener_context, u.attempts)"
                    + " select l.id, l.event_id, l.listener_id, l.listener_context, l.attempts, o.event_type, o.payload"
                    + " from leased l join " + tables.outbox() + " o on o.id = l.event_id order by l.id")) {
                claim.setString(1, owner);
                claim.setLong(2, leaseUntil);
                claim.setLong(3, now);
                claim.setLong(4, now);
                claim.setInt(5, limit);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new Claimed(context, rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getInt(5), rows.getString(6), rows.getString(7)));
                    }
                }
            }
            return claimed;
        });
    }

    /**
     * PostgreSQL: a {@code FROM} item that makes the statement's transaction commit without
     * waiting for its log to reach the disk ({@code synchronous_commit = off} for that transaction
     * only, set as the statement runs). For the delivery bookkeeping (leases, done marks), whose
     * loss in a database crash means a delivery is claimed and handed over again — and the
     * listener's inbox row, committed durably with its effect, skips it. In auto-commit, the
     * statement is its transaction: one round trip, no disk flush.
     */
    private static final String RELAXED = "(select set_config('synchronous_commit', 'off', true)) relaxed";

    /** Work on a connection of the context's pool, committed when done. */
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs bookkeeping on a connection of its own and commits it: by itself in auto-commit, or
     * explicitly when the pool hands out connections in a transaction (auto-commit off in its
     * settings, common with JPA) — else the pool would roll it back when the connection returns.
     */
    private <T> T committed(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.getAutoCommit()) {
                return work.run(connection);
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private List<Long> claimSkippingLocked(String owner, long now, long leaseUntil, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            // MariaDB's default REPEATABLE READ would also take gap locks on the scanned range.
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("select d.id from " + tables.delivery()
                        + " d where " + due + " order by d.id limit ? for update skip locked")) {
                    select.setLong(1, now);
                    select.setLong(2, now);
                    select.setInt(3, limit);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                        }
                    }
                }
                if (!ids.isEmpty()) {
                    try (PreparedStatement lease = connection.prepareStatement("update " + tables.delivery()
                            + " set lease_owner = ?, lease_until = ? where id in " + placeholders(ids.size()))) {
                        lease.setString(1, owner);
                        lease.setLong(2, leaseUntil);
                        for (int i = 0; i < ids.size(); i++) {
                            lease.setLong(3 + i, ids.get(i));
                        }
                        lease.executeUpdate();
                    }
                }
                connection.commit();
                return ids;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private List<Long> claimByUpdate(String owner, long now, long leaseUntil, int limit) throws SQLException {
        return committed(connection -> {
            List<Long> candidates = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select d.id from " + tables.delivery()
                    + " d where " + due + " order by d.id limit ?")) {
                select.setLong(1, now);
                select.setLong(2, now);
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        candidates.add(rows.getLong(1));
                    }
                }
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement lease = connection.prepareStatement("update " + tables.delivery()
                    + " set lease_owner = ?, lease_until = ? where id = ? and status = '" + PENDING + "'"
                    + " and (lease_until is null or lease_until < ?)")) {
                for (long id : candidates) {
                    lease.setString(1, owner);
                    lease.setLong(2, leaseUntil);
                    lease.setLong(3, id);
                    lease.setLong(4, now);
                    if (lease.executeUpdate() == 1) {
                        ids.add(id);
                    }
                }
            }
            return ids;
        });
    }

    private List<Claimed> load(List<Long> ids) throws SQLException {
        List<Claimed> claimed = new ArrayList<>(ids.size());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select d.id, d.event_id, d.listener_id,"
                        + " d.listener_context, d.attempts, o.event_type, o.payload from " + tables.delivery() + " d join "
                        + tables.outbox() + " o on o.id = d.event_id where d.id in " + placeholders(ids.size())
                        + " order by d.id")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setLong(1 + i, ids.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Claimed(context, rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getInt(5), rows.getString(6), rows.getString(7)));
                }
            }
        }
        return claimed;
    }

    /** Marks a leased delivery done; nothing if the lease was lost to another instance meanwhile. */
    boolean done(long id, String owner, int attempts, long now) throws SQLException {
        String sql = "update " + tables.delivery() + " u set status = '" + DONE + "', attempts = ?, done_at = ?,"
                + " lease_owner = null, lease_until = null, last_error = null"
                + (vendor == DatabaseVendor.POSTGRESQL ? " from " + RELAXED : "") + " where u.id = ? and u.lease_owner = ?";
        return committed(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setInt(1, attempts);
                update.setLong(2, now);
                update.setLong(3, id);
                update.setString(4, owner);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Records a failed attempt: pending again at {@code nextAttemptAt}, or dead. */
    boolean failed(long id, String owner, int attempts, boolean dead, long nextAttemptAt, String error)
            throws SQLException {
        return committed(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update " + tables.delivery()
                    + " set status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, lease_owner = null,"
                    + " lease_until = null where id = ? and lease_owner = ?")) {
                update.setString(1, dead ? DEAD : PENDING);
                update.setInt(2, attempts);
                update.setLong(3, nextAttemptAt);
                setNullable(update, 4, error == null || error.length() <= ERROR_LENGTH ? error
                        : error.substring(0, ERROR_LENGTH));
                update.setLong(5, id);
                update.setString(6, owner);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** A dead delivery, as {@link #dead()} lists it. */
    record Dead(long id, String eventId, String type, String listenerId, String listenerContext, int attempts,
            String lastError, long publishedAt) {
    }

    List<Dead> dead() throws SQLException {
        List<Dead> dead = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select d.id, d.event_id, o.event_type,"
                        + " d.listener_id, d.listener_context, d.attempts, d.last_error, o.published_at from "
                        + tables.delivery() + " d join " + tables.outbox() + " o on o.id = d.event_id where d.status = '"
                        + DEAD + "' order by d.id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                dead.add(new Dead(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getInt(6), rows.getString(7), rows.getLong(8)));
            }
        }
        return dead;
    }

    /**
     * Makes dead deliveries pending again with fresh attempts.
     * @param id one delivery, or {@code null} for every dead one
     * @return how many
     */
    int resubmit(Long id, long now) throws SQLException {
        return committed(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update " + tables.delivery()
                    + " set status = '" + PENDING + "', attempts = 0, next_attempt_at = ? where status = '" + DEAD + "'"
                    + (id == null ? "" : " and id = ?"))) {
                update.setLong(1, now);
                if (id != null) {
                    update.setLong(2, id);
                }
                return update.executeUpdate();
            }
        });
    }

    /** Undelivered deliveries of one listener in one state, as {@link #backlog()} groups them. */
    record Backlog(String listenerId, String listenerContext, String status, int count, long oldestPublishedAt) {
    }

    /**
     * The pending and dead deliveries, counted per listener and state, with the oldest event's
     * publication time: one grouped query, for the metrics and the actuator endpoint.
     */
    List<Backlog> backlog() throws SQLException {
        List<Backlog> backlog = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select d.listener_id, d.listener_context,"
                        + " d.status, count(*), min(o.published_at) from " + tables.delivery() + " d join "
                        + tables.outbox() + " o on o.id = d.event_id where d.status in ('" + PENDING + "', '" + DEAD
                        + "') group by d.listener_id, d.listener_context, d.status");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                backlog.add(new Backlog(rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                        rows.getLong(5)));
            }
        }
        return backlog;
    }

    /** How many deliveries are in each state, for tests and reports. */
    int count(String status) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select count(*) from " + tables.delivery()
                        + " where status = ?")) {
            select.setString(1, status);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * Deletes up to {@code batch} done deliveries finished before {@code cutoff}, then the outbox
     * rows before it that no delivery needs any more, and the inbox rows received before it.
     * @return how many rows were deleted; a full batch means there may be more
     */
    int deleteCompleted(long cutoff, int batch) throws SQLException {
        return committed(connection -> {
            int deleted = deleteBatch(connection, tables.delivery(), "status = '" + DONE + "' and done_at < ?", cutoff,
                    batch);
            deleted += deleteBatch(connection, tables.outbox(), "published_at < ? and not exists (select 1 from "
                    + tables.delivery() + " d where d.event_id = " + tables.outbox() + ".id)", cutoff, batch);
            deleted += deleteBatch(connection, tables.inbox(), "received_at < ?", cutoff, batch);
            return deleted;
        });
    }

    private int deleteBatch(Connection connection, String table, String condition, long cutoff, int batch)
            throws SQLException {
        // MariaDB cannot select from the table it deletes from, but takes a LIMIT on DELETE;
        // PostgreSQL takes no LIMIT on DELETE. H2 takes both forms.
        String sql = vendor == DatabaseVendor.MARIADB
                ? "delete from " + table + " where " + condition + " limit " + batch
                : vendor == DatabaseVendor.POSTGRESQL
                        ? "delete from " + table + " where ctid in (select ctid from " + table + " where " + condition
                                + " limit " + batch + ")"
                        : "delete from " + table + " where " + condition + " limit " + batch;
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, cutoff);
            return delete.executeUpdate();
        }
    }

    /** Inserts the inbox row of an event applied by a listener of this context, on its transactional connection. */
    void receive(Connection connection, String eventId, String listenerId, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into " + tables.inbox()
                + " (event_id, listener_id, received_at) values (?, ?, ?)")) {
            insert.setString(1, eventId);
            insert.setString(2, listenerId);
            insert.setLong(3, now);
            insert.executeUpdate();
        }
    }

    private static String placeholders(int count) {
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < count; i++) {
            joiner.add("?");
        }
        return joiner.toString();
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
