package dev.contextdb.boot.app.billing;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Every form of injection a billing class may use, each unqualified. */
@Component
public class BillingInjections {

    @Autowired
    private DataSource fieldDataSource;

    private PlatformTransactionManager setterTransactionManager;

    private final ObjectProvider<JdbcClient> jdbcClients;
    private final ObjectProvider<DataSource> dataSources;
    private final List<DataSource> allDataSources;

    public BillingInjections(ObjectProvider<JdbcClient> jdbcClients, ObjectProvider<DataSource> dataSources,
            List<DataSource> allDataSources) {
        this.jdbcClients = jdbcClients;
        this.dataSources = dataSources;
        this.allDataSources = allDataSources;
    }

    @Autowired
    void setTransactionManager(PlatformTransactionManager transactionManager) {
        this.setterTransactionManager = transactionManager;
    }

    public DataSource fieldDataSource() {
        return fieldDataSource;
    }

    public PlatformTransactionManager setterTransactionManager() {
        return setterTransactionManager;
    }

    public JdbcClient providedJdbcClient() {
        return jdbcClients.getObject();
    }

    public DataSource providedDataSource() {
        return dataSources.getIfAvailable();
    }

    public List<DataSource> allDataSources() {
        return allDataSources;
    }
}
