package dev.contextdb.test;

import dev.contextdb.ContextBean;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.transaction.TransactionalTestExecutionListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.StringUtils;

/**
 * Spring's transactional test listener, with the context's own {@code <context>TransactionManager}
 * as the manager of a test's {@code @Transactional} that names none; a named one
 * ({@code @Transactional("catalogTransactionManager")}) is looked up as Spring does.
 */
final class ContextDbTestTransactions extends TransactionalTestExecutionListener {

    @Override
    protected PlatformTransactionManager getTransactionManager(TestContext testContext, String qualifier) {
        if (StringUtils.hasText(qualifier)) {
            return super.getTransactionManager(testContext, qualifier);
        }
        ContextDbTest test = ContextDbTestRuns.annotation(testContext.getTestClass());
        if (test == null) {
            return super.getTransactionManager(testContext, qualifier);
        }
        return testContext.getApplicationContext().getBean(ContextBean.TRANSACTION_MANAGER.beanName(test.value()),
                PlatformTransactionManager.class);
    }
}
