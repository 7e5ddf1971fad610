package dev.contextdb.boot;

import dev.contextdb.ContextModel;
import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SessionImplementor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateProperties;
import org.springframework.boot.jpa.autoconfigure.JpaProperties;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * JPA per bounded context, when Hibernate is on the class path: every context with entities in
 * its packages gets its own persistence unit, {@code <context>EntityManagerFactory}, over
 * {@code <context>DataSource}, holding that context's entities only; {@code <context>EntityManager},
 * its shared {@code EntityManager}; and a {@code <context>TransactionManager} that is a
 * {@code JpaTransactionManager} on the same DataSource, so that JPA, {@code JdbcClient},
 * {@code JdbcTemplate} and jOOQ in the context share one transaction. Spring Data JPA repository
 * interfaces in a context's packages are bound to its unit and transaction manager, with no
 * {@code @EnableJpaRepositories}.
 *
 * <pre>{@code
 * @BoundedContext("orders")
 * package com.acme.shop.orders;
 *
 * @Entity class PurchaseOrder { @Id @GeneratedValue Long id; ... }          // table purchase_order, wherever orders lives
 * interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> { }   // on ordersEntityManagerFactory
 *
 * @Service
 * class OrderService {
 *     @PersistenceContext EntityManager em;                                 // orders' unit, no unitName needed
 *     private final PurchaseOrderRepository orders;
 *     private final JdbcClient jdbc;                                        // ordersJdbcClient
 *     OrderService(PurchaseOrderRepository orders, JdbcClient jdbc) { ... }
 *
 *     @Transactional                                                        // ordersTransactionManager: one transaction
 *     public void place(PurchaseOrder order) { orders.save(order); jdbc.sql("insert into audit ...").update(); }
 * }
 * }</pre>
 *
 * {@code spring.jpa.*} applies to every unit and {@code context-db.contexts.<name>.jpa.properties.*}
 * over it to one; {@code hibernate.hbm2ddl.auto} is {@code none} unless set (Flyway owns the
 * schema); the dialect is that of the context's database. Boot's own JPA and JPA repository
 * auto-configurations back off, open-session-in-view is off (with a warning in a web
 * application that has not switched it off), and code outside every context that uses JPA gets
 * the routing {@code EntityManager}, which serves the current context and fails as the routing
 * DataSource does when none is current.
 */
@AutoConfiguration(after = ContextDbAutoConfiguration.class,
        beforeName = {"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
@ConditionalOnClass({LocalContainerEntityManagerFactoryBean.class, EntityManager.class, SessionImplementor.class,
        HibernateProperties.class})
@ConditionalOnBean(ContextModel.class)
@EnableConfigurationProperties({JpaProperties.class, HibernateProperties.class})
@Import(ContextJpaRegistrar.class)
public final class ContextDbJpaAutoConfiguration {

    ContextDbJpaAutoConfiguration() {
    }
}
