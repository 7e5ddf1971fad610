package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.Priority;
import java.util.List;

/**
 * The rules of {@link ContextDbRules#all()} as one rule: like ArchUnit's {@code CompositeArchRule},
 * but the classes are analysed once and every rule reads the same analysis. The description is
 * fixed, so stores of {@code FreezingArchRule} survive a change of enforcement.
 */
final class ContextRuleSet implements ArchRule {

    private final String description;
    private final List<ContextRule> rules;

    ContextRuleSet(String description, List<ContextRule> rules) {
        this.description = description;
        this.rules = List.copyOf(rules);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public EvaluationResult evaluate(JavaClasses classes) {
        ContextAnalysis analysis = ContextAnalysis.of(classes);
        EvaluationResult result = new EvaluationResult(this, Priority.MEDIUM);
        for (ContextRule rule : rules) {
            result.add(rule.evaluate(analysis));
        }
        return result;
    }

    @Override
    public void check(JavaClasses classes) {
        Assertions.check(this, classes);
    }

    @Override
    public ArchRule because(String reason) {
        return as(description + ", because " + reason);
    }

    @Override
    public ArchRule as(String newDescription) {
        return new ContextRuleSet(newDescription, rules);
    }

    @Override
    public ArchRule allowEmptyShould(boolean allowEmptyShould) {
        return this;
    }
}
