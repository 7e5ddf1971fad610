package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.domain.SourceCodeLocation;
import dev.contextdb.ContextBean;
import dev.contextdb.ContextDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Finds annotations inside a context whose string attributes name another context's data-access
 * bean: any {@link ContextBean}, such as {@code <context>DataSource}, {@code <context>TransactionManager}
 * or {@code <context>TransactionTemplate}.
 *
 * <p>Any annotation counts, not just {@code @Transactional} and {@code @Qualifier}: a bean name is
 * a bean name whether it sits in {@code @Named}, {@code @Resource(name = ...)},
 * {@code @EnableJpaRepositories(transactionManagerRef = ...)} or an attribute of a composed
 * annotation. Meta-annotations and nested annotations are followed.
 */
final class BeanReferences {

    private record Bean(ContextDefinition owner, String kind) {
    }

    private final ContextAnalysis analysis;
    private final Map<String, Bean> beansByName = new HashMap<>();
    private final List<BeanReference> found = new ArrayList<>();

    BeanReferences(ContextAnalysis analysis) {
        this.analysis = analysis;
        for (ContextDefinition context : analysis.model().contexts()) {
            for (ContextBean bean : ContextBean.values()) {
                beansByName.put(bean.beanName(context.name()), new Bean(context, bean.description()));
            }
        }
    }

    List<BeanReference> find() {
        List<JavaClass> classes = new ArrayList<>(analysis.classes());
        classes.sort(ContextAnalysis.BY_NAME);
        for (JavaClass origin : classes) {
            analysis.contextOf(origin).ifPresent(from -> findIn(origin, from));
        }
        return found;
    }

    private void findIn(JavaClass origin, ContextDefinition from) {
        scan(origin, from, origin.getAnnotations(), "Class <" + origin.getName() + "> is annotated with ",
                origin.getSourceCodeLocation());
        List<JavaField> fields = new ArrayList<>(origin.getFields());
        fields.sort(Comparator.comparing(JavaField::getName));
        for (JavaField field : fields) {
            scan(origin, from, field.getAnnotations(), field.getDescription() + " is annotated with ",
                    field.getSourceCodeLocation());
        }
        List<JavaCodeUnit> codeUnits = new ArrayList<>(origin.getCodeUnits());
        codeUnits.sort(Comparator.comparing(JavaCodeUnit::getFullName));
        for (JavaCodeUnit codeUnit : codeUnits) {
            scan(origin, from, codeUnit.getAnnotations(), codeUnit.getDescription() + " is annotated with ",
                    codeUnit.getSourceCodeLocation());
            for (JavaParameter parameter : codeUnit.getParameters()) {
                scan(origin, from, parameter.getAnnotations(),
                        codeUnit.getDescription() + " has parameter " + parameter.getIndex() + " annotated with ",
                        codeUnit.getSourceCodeLocation());
            }
        }
    }

    private void scan(JavaClass origin, ContextDefinition from, Set<? extends JavaAnnotation<?>> annotations,
            String element, SourceCodeLocation location) {
        List<JavaAnnotation<?>> sorted = sortedByType(annotations);
        for (JavaAnnotation<?> annotation : sorted) {
            scan(annotation, UnaryOperator.identity(), new HashSet<>(), (text, name) -> {
                Bean bean = beansByName.get(name);
                if (bean != null && !bean.owner().name().equals(from.name())) {
                    found.add(new BeanReference(origin, from, bean.owner(), name, bean.kind(), element + text, location));
                }
            });
        }
    }

    /**
     * @param frame renders the annotation inside its enclosing annotations and meta-annotations
     * @param seenTypes meta-annotation types already followed, against annotation cycles
     */
    private void scan(JavaAnnotation<?> annotation, UnaryOperator<String> frame, Set<String> seenTypes, BiConsumer<String, String> found) {
        String type = "@" + annotation.getRawType().getSimpleName();
        for (Map.Entry<String, Object> attribute : new TreeMap<>(annotation.getProperties()).entrySet()) {
            visit(type, attribute.getKey(), attribute.getValue(), frame, seenTypes, found);
        }
        JavaClass annotationType = annotation.getRawType();
        if (followsMetaAnnotations(annotationType) && seenTypes.add(annotationType.getName())) {
            for (JavaAnnotation<?> meta : sortedByType(annotationType.getAnnotations())) {
                scan(meta, text -> frame.apply(type + ", meta-annotated with " + text), seenTypes, found);
            }
        }
    }

    private void visit(String type, String attribute, Object value, UnaryOperator<String> frame, Set<String> seenTypes,
            BiConsumer<String, String> found) {
        if (value instanceof String text) {
            if (beansByName.containsKey(text)) {
                String rendered = attribute.equals("value")
                        ? type + "(\"" + text + "\")"
                        : type + "(" + attribute + " = \"" + text + "\")";
                found.accept(frame.apply(rendered), text);
            }
        } else if (value instanceof JavaAnnotation<?> nested) {
            scan(nested, text -> frame.apply(type + "(" + attribute + " = " + text + ")"), seenTypes, found);
        } else if (value instanceof Object[] values) {
            for (Object element : values) {
                visit(type, attribute, element, frame, seenTypes, found);
            }
        }
    }

    private static boolean followsMetaAnnotations(JavaClass annotationType) {
        String name = annotationType.getName();
        return !(name.startsWith("java.") || name.startsWith("javax.annotation.") || name.startsWith("kotlin."));
    }

    private static List<JavaAnnotation<?>> sortedByType(Set<? extends JavaAnnotation<?>> annotations) {
        List<JavaAnnotation<?>> sorted = new ArrayList<>(annotations);
        sorted.sort(Comparator.comparing(annotation -> annotation.getRawType().getName()));
        return sorted;
    }
}
