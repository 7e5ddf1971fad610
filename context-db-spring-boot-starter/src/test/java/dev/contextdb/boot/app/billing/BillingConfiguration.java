package dev.contextdb.boot.app.billing;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A @Bean factory method of the billing context: its unqualified DataSource parameter is billing's. */
@Configuration(proxyBeanMethods = false)
public class BillingConfiguration {

    @Bean
    InvoiceNumbers invoiceNumbers(DataSource dataSource) {
        return new InvoiceNumbers(dataSource);
    }

    /** Holds what the factory method received. */
    public record InvoiceNumbers(DataSource dataSource) {
    }
}
