package dev.contextdb.benchmarks.boot.tx.plain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The same service as the context-db application's, on Boot's own single DataSource. */
@Service
public class PlainPostingService {

    private final JdbcClient jdbc;

    public PlainPostingService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a posting and reads it back, in one transaction. */
    @Transactional
    public long post(long id, long amount) {
        jdbc.sql("insert into posting (id, amount) values (?, ?)").params(id, amount).update();
        return jdbc.sql("select amount from posting where id = ?").param(id).query(Long.class).single();
    }
}
