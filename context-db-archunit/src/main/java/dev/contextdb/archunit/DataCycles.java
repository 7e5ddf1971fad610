package dev.contextdb.archunit;

import dev.contextdb.ContextDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule 3: contexts' data dependencies form no cycle. One context depends on another's data when
 * it declares that it reads it, uses one of its data-access types (declared or not) or names one
 * of its beans. Each cycle is reported once, with one example per step.
 */
final class DataCycles implements ContextRule.Check {

    @Override
    public void check(ContextAnalysis analysis, ContextRule.Violations violations) {
        CycleFinder graph = new CycleFinder();
        Map<String, String> examples = new HashMap<>();
        for (ContextDefinition context : analysis.model().contexts()) {
            for (String read : context.reads()) {
                depend(graph, examples, context.name(), read,
                        "declares reads = \"" + read + "\" in the " + context.source());
            }
        }
        for (DataUse use : analysis.dataUses()) {
            depend(graph, examples, use.from().name(), use.to().name(), use.dependency().getDescription());
        }
        for (BeanReference reference : analysis.beanReferences()) {
            depend(graph, examples, reference.from().name(), reference.to().name(),
                    reference.description() + " in " + reference.location());
        }
        for (List<String> cycle : graph.find()) {
            violations.add(cycle, message(cycle, examples));
        }
    }

    private static void depend(CycleFinder graph, Map<String, String> examples, String from, String to,
            String example) {
        graph.add(from, to);
        examples.putIfAbsent(from + " -> " + to, example);
    }

    private static String message(List<String> cycle, Map<String, String> examples) {
        StringBuilder message = new StringBuilder("Contexts ").append(String.join(" -> ", cycle))
                .append(" depend on each other's data in a cycle: ");
        for (int i = 0; i + 1 < cycle.size(); i++) {
            String step = cycle.get(i) + " -> " + cycle.get(i + 1);
            message.append(i == 0 ? "" : "; ").append(step).append(": ").append(examples.get(step));
        }
        return message.append(". Fix: let the data flow one way; the other way, call the context's application"
                + " service or subscribe to its events.").toString();
    }
}
