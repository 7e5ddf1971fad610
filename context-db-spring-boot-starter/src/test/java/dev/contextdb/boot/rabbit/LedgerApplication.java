package dev.contextdb.boot.rabbit;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The receiving application, another process as far as the till can tell: the ledger context alone. */
@Configuration(proxyBeanMethods = false)
@ComponentScan("dev.contextdb.boot.rabbit.ledger")
public class LedgerApplication {
}
