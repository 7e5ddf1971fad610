package dev.contextdb.boot.app.billing;

import dev.contextdb.ContextScope;
import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Billing: unqualified JdbcTemplate, TransactionTemplate and @Transactional. */
@Service
public class BillingService {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;

    private volatile Connection lastConnection;
    private volatile String contextInTransaction;

    public BillingService(JdbcTemplate jdbc, TransactionTemplate transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    @Transactional
    public void charge(long id) throws Exception {
        jdbc.update("insert into invoice(id, sale_id) values (?, ?)", id, id);
        lastConnection = DataSourceUtils.getConnection(dataSource).unwrap(Connection.class);
        contextInTransaction = ContextScope.current().orElse(null);
    }

    /** Charges inside a TransactionTemplate, then fails: nothing is kept. */
    public void chargeThenFail(long id) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("insert into invoice(id, sale_id) values (?, ?)", id, id);
            throw new IllegalStateException("charge " + id + " failed");
        });
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    public Connection lastConnection() {
        return lastConnection;
    }

    public String contextInTransaction() {
        return contextInTransaction;
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from invoice", Long.class);
    }
}
