package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvent;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.Priority;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.contextdb.archunit.ContextDbRules.Enforcement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One context-db rule: a description and a {@link Check} over the {@link ContextAnalysis} of the
 * imported classes. Implements {@link ArchRule} directly rather than through a classes transformer
 * so that {@link ContextRuleSet} can hand all rules one analysis, built once.
 */
final class ContextRule implements ArchRule {

    /** Finds the violations of one rule. */
    interface Check {
        /**
         * @param analysis the analysed classes, with a valid context model
         * @param violations where to report, in a stable order
         */
        void check(ContextAnalysis analysis, Violations violations);
    }

    /** Receives violations: the object concerned and a message that stands on its own. */
    interface Violations {
        void add(Object concerned, String message);
    }

    private final String description;
    private final Check check;
    private final Enforcement enforcement;
    private final Consumer<String> warnings;
    private final boolean reportsDeclarations;
    private final boolean quietOnInvalidDeclarations;

    ContextRule(String description, Check check) {
        this(description, check, Enforcement.FAIL, message -> { }, false, false);
    }

    private ContextRule(String description, Check check, Enforcement enforcement, Consumer<String> warnings,
            boolean reportsDeclarations, boolean quietOnInvalidDeclarations) {
        this.description = description;
        this.check = check;
        this.enforcement = enforcement;
        this.warnings = warnings;
        this.reportsDeclarations = reportsDeclarations;
        this.quietOnInvalidDeclarations = quietOnInvalidDeclarations;
    }

    ContextRule enforced(Enforcement newEnforcement, Consumer<String> newWarnings) {
        return new ContextRule(description, check, newEnforcement, newWarnings, reportsDeclarations,
                quietOnInvalidDeclarations);
    }

    /** For rule 5, whose check itself reports the declarations, valid or not. */
    ContextRule reportingDeclarations() {
        return new ContextRule(description, check, enforcement, warnings, true, quietOnInvalidDeclarations);
    }

    /** Inside a set that contains rule 5, which reports invalid declarations once for all. */
    ContextRule quietOnInvalidDeclarations() {
        return new ContextRule(description, check, enforcement, warnings, reportsDeclarations, true);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public EvaluationResult evaluate(JavaClasses classes) {
        return evaluate(ContextAnalysis.of(classes));
    }

    EvaluationResult evaluate(ContextAnalysis analysis) {
        ConditionEvents events = ConditionEvents.Factory.create();
        if (enforcement != Enforcement.OFF) {
            // Identical messages (say, two reads of one table on the same line) are one violation.
            Map<String, Object> found = new LinkedHashMap<>();
            if (reportsDeclarations || analysis.declarationProblem().isEmpty()) {
                check.check(analysis, (concerned, message) -> found.putIfAbsent(message, concerned));
            } else if (!quietOnInvalidDeclarations) {
                found.put("Rule '" + description + "' cannot be checked: " + analysis.declarationProblem().get(),
                        analysis.classes());
            }
            found.forEach((message, concerned) -> events.add(report(concerned, message)));
        }
        return new EvaluationResult(this, events, Priority.MEDIUM);
    }

    private ConditionEvent report(Object concerned, String message) {
        if (enforcement == Enforcement.WARN) {
            warnings.accept(message);
            return SimpleConditionEvent.satisfied(concerned, message);
        }
        return SimpleConditionEvent.violated(concerned, message);
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
        return new ContextRule(newDescription, check, enforcement, warnings, reportsDeclarations,
                quietOnInvalidDeclarations);
    }

    /** The rule always evaluates exactly one object, the analysis, so it is never empty. */
    @Override
    public ArchRule allowEmptyShould(boolean allowEmptyShould) {
        return this;
    }
}
