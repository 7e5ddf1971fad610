package dev.contextdb.archunit;

/**
 * Rule 5: the declarations form a valid context model, judged by {@link dev.contextdb.ContextModel}
 * itself, so the build fails with the message the application would fail with at startup.
 */
final class ContextDeclarations implements ContextRule.Check {

    @Override
    public void check(ContextAnalysis analysis, ContextRule.Violations violations) {
        analysis.declarationProblem().ifPresent(problem -> violations.add(analysis.declarations(), problem));
    }
}
