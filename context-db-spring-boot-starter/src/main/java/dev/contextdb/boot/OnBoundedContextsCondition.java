package dev.contextdb.boot;

import dev.contextdb.ContextModel;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application declares at least one bounded context: without one, context-db
 * has nothing to place and Boot's own DataSource setup stays in charge.
 */
final class OnBoundedContextsCondition extends SpringBootCondition implements ConfigurationCondition {

    /** The auto-configuration packages are known once the user's configuration is registered, not when it is parsed. */
    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("@BoundedContext");
        List<String> packages = ContextModels.basePackages(context.getEnvironment(), context.getBeanFactory());
        if (packages.isEmpty()) {
            return ConditionOutcome.noMatch(message.because("no base packages: neither " + ContextModels.BASE_PACKAGES
                    + " nor auto-configuration packages are set"));
        }
        ContextModel model = ContextModels.scan(packages, context.getBeanFactory(), context.getClassLoader());
        if (model.isEmpty()) {
            return ConditionOutcome.noMatch(message.didNotFind("bounded context").items("in packages " + packages));
        }
        return ConditionOutcome.match(message.found("bounded context", "bounded contexts").items(model.names()));
    }
}
