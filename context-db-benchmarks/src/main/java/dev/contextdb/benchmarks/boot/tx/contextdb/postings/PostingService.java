package dev.contextdb.benchmarks.boot.tx.contextdb.postings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Written as an application would write it: an unqualified {@link JdbcClient} (the starter injects
 * {@code postingsJdbcClient}) and an unqualified {@code @Transactional} (it runs in
 * {@code postingsTransactionManager}). Same code as the plain application's service.
 */
@Service
public class PostingService {

    private final JdbcClient jdbc;

    public PostingService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a posting and reads it back, in one transaction. */
    @Transactional
    public long post(long id, long amount) {
        jdbc.sql("insert into posting (id, amount) values (?, ?)").params(id, amount).update();
        return jdbc.sql("select amount from posting where id = ?").param(id).query(Long.class).single();
    }
}
