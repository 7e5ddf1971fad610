package dev.contextdb.boot.app.sales;

import dev.contextdb.ContextScope;
import dev.contextdb.boot.app.billing.BillingService;
import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sales: unqualified JdbcClient and DataSource, unqualified @Transactional. */
@Service
public class SalesService {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final BillingService billing;

    /** The physical connection of the last transaction, to compare with billing's. */
    private volatile Connection lastConnection;
    private volatile String contextInTransaction;

    public SalesService(JdbcClient jdbc, DataSource dataSource, BillingService billing) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.billing = billing;
    }

    @Transactional
    public void record(long id) {
        jdbc.sql("insert into sale(id, amount) values (?, 10)").param(id).update();
    }

    @Transactional
    public void recordThenFail(long id) {
        record(id);
        throw new IllegalStateException("sale " + id + " failed");
    }

    /** Sells, has billing charge in its own transaction, then fails: only the sale rolls back. */
    @Transactional
    public void recordChargeThenFail(long id) throws Exception {
        jdbc.sql("insert into sale(id, amount) values (?, 10)").param(id).update();
        lastConnection = DataSourceUtils.getConnection(dataSource).unwrap(Connection.class);
        contextInTransaction = ContextScope.current().orElse(null);
        billing.charge(id);
        if (!"sales".equals(ContextScope.current().orElse(null))) {
            throw new AssertionError("sales is not current again after billing returned");
        }
        throw new IllegalStateException("sale " + id + " failed after billing charged");
    }

    @Transactional("billingTransactionManager")
    public String explicitlyInBilling() {
        return ContextScope.current().orElse(null);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection lastConnection() {
        return lastConnection;
    }

    public String contextInTransaction() {
        return contextInTransaction;
    }

    public long count() {
        return jdbc.sql("select count(*) from sale").query(Long.class).single();
    }
}
