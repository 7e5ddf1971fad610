package dev.contextdb.boot.app.outside;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Code outside every context: it receives the primary (routing) beans. */
@Component
public class Reporting {

    public final DataSource dataSource;
    public final JdbcClient jdbc;
    public final PlatformTransactionManager transactionManager;

    public Reporting(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
    }

    public long sales() {
        return jdbc.sql("select count(*) from sale").query(Long.class).single();
    }
}
