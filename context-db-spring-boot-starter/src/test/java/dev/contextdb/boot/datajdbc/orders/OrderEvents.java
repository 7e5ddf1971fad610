package dev.contextdb.boot.datajdbc.orders;

/** A custom repository fragment, implemented with the context's JdbcClient. */
public interface OrderEvents {

    void recordEvent(String description);

    long countEvents();
}
