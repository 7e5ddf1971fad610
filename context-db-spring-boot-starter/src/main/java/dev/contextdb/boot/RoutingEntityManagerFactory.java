package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDb;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.InfrastructureProxy;

/**
 * The {@code EntityManagerFactory} behind JPA code outside every context: each call goes to the
 * persistence unit of the context that is current (else {@code context-db.default-context}), and
 * with none it fails as the routing DataSource does. It is an {@link InfrastructureProxy} for that
 * unit, so Spring's transaction synchronization finds the {@code EntityManager} that the
 * context's transaction bound: the routing {@code EntityManager} joins the current context's
 * transaction. Not a bean, so that nothing that collects every factory (Spring Data's mapping
 * context, Hibernate metrics) meets a factory that has no metamodel of its own.
 */
final class RoutingEntityManagerFactory implements InvocationHandler {

    static final String ROUTER = "routing EntityManager";

    private final BeanFactory beanFactory;
    private final Map<String, EntityManagerFactory> units = new ConcurrentHashMap<>();
    private volatile ContextDb contextDb;

    private RoutingEntityManagerFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    static EntityManagerFactory create(BeanFactory beanFactory) {
        return (EntityManagerFactory) Proxy.newProxyInstance(RoutingEntityManagerFactory.class.getClassLoader(),
                new Class<?>[] {EntityManagerFactory.class, InfrastructureProxy.class},
                new RoutingEntityManagerFactory(beanFactory));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "routing EntityManagerFactory (the current context's persistence unit)";
            case "getWrappedObject":
                return current();
            default:
                try {
                    return method.invoke(current(), args);
                } catch (InvocationTargetException e) {
                    throw e.getTargetException();
                }
        }
    }

    private EntityManagerFactory current() {
        ContextDb db = contextDb;
        if (db == null) {
            db = beanFactory.getBean(ContextDb.class);
            contextDb = db;
        }
        String context = db.routedContext(ROUTER);
        return units.computeIfAbsent(context, this::unit);
    }

    private EntityManagerFactory unit(String context) {
        String name = ContextBean.ENTITY_MANAGER_FACTORY.beanName(context);
        if (!beanFactory.containsBean(name)) {
            throw new IllegalStateException("Context '" + context + "' is current, but it has no JPA entities and so no"
                    + " persistence unit: the " + ROUTER + " has nothing to use. Put the entities in the packages of"
                    + " context '" + context + "', or enter the context that owns them.");
        }
        return beanFactory.getBean(name, EntityManagerFactory.class);
    }
}
