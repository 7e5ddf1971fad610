package com.example.consumer.billing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class Invoices {

    private final JdbcClient jdbc;

    public Invoices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public long issue(long amountCents) {
        jdbc.sql("insert into invoice (amount_cents) values (?)").param(amountCents).update();
        return jdbc.sql("select count(*) from invoice").query(Long.class).single();
    }
}
