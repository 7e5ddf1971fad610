package dev.contextdb.boot.datajdbc.catalog;

import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Service;

/** Catalog: its unqualified JdbcAggregateTemplate is its own. */
@Service
public class CatalogService {

    private final JdbcAggregateTemplate aggregates;

    public CatalogService(JdbcAggregateTemplate aggregates) {
        this.aggregates = aggregates;
    }

    public JdbcAggregateTemplate aggregates() {
        return aggregates;
    }
}
